#pragma once
// Which of a member's LinkedIn connections (ingest/linkedin_export.h) are members here,
// and where the member stands with each: the matching half of the LinkedIn import.
// Nothing is written; the member reviews the proposal and saves or invites through the
// ordinary routes.
//
// A connection is matched
//   1. by email: the exported address (trimmed, case-insensitive) is an account's
//      email (Store::GetAccountByEmail); otherwise
//   2. by name and company: exactly one member has the connection's folded first and
//      last name (base/fold.h: "Øyvind Ås" = "oyvind as") and a current position at an
//      organization whose folded name is the connection's folded company. Two or more
//      such members are no match: a guess could invite a stranger.
// A member who has blocked the importer, or whom the importer blocked, is never a
// match (the import must not reveal a block, nor propose inviting across one).
// Each match's state: kSelf (the importer), kConnected, kPending (a pending invitation
// either way), else kInvitable.
//
// Thread-safety: the function is thread-safe; the store must be (Store is).

#include <vector>

#include "absl/status/statusor.h"
#include "ledd/base/ids.h"
#include "ledd/graph/snapshot.h"
#include "ledd/ingest/linkedin_export.h"
#include "ledd/store/store.h"

namespace ledd::service {

enum class MatchedBy { kNone, kEmail, kNameCompany };
enum class ImportState { kNone, kSelf, kConnected, kPending, kInvitable };

struct ConnectionMatch {
  MemberId member = 0;  // 0: no member matched (by is kNone, state kNone).
  Node node = kNoNode;  // The member in the snapshot matched against.
  MatchedBy by = MatchedBy::kNone;
  ImportState state = ImportState::kNone;
};

// One match per entry of `connections`, in order, for `importer` against `snapshot`
// (the live network's current one). Store errors are returned as they are.
absl::StatusOr<std::vector<ConnectionMatch>> MatchLinkedInConnections(
    store::Store& store, const graph::Snapshot& snapshot, MemberId importer,
    const std::vector<ingest::LinkedInConnection>& connections);

// "email", "name_company", "" for kNone.
std::string_view MatchedByName(MatchedBy by);
// "self", "connected", "pending", "invitable", "" for kNone.
std::string_view ImportStateName(ImportState state);

}  // namespace ledd::service
