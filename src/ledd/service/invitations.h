#pragma once
// InvitationService: the invitation lifecycle (DESIGN.md, "Invitation") and the advice
// on it, over the store (system of record) and the live network (read model).
//
// Writes: Send, Accept, Ignore, Withdraw, Report, Unreport, Block, Unblock. The rules
// that depend on stored state (one pending invitation per pair, weekly limit, reported
// and blocked pairs, the re-invite cooldown, 30,000 connections) are the store's,
// checked inside its write transaction (store.h); this service adds who may do what:
// only the recipient accepts, ignores, reports or unreports, only the sender withdraws
// (PermissionDenied otherwise). An action with no acting member is the
// operator's (the `ledd` CLI without --as) and skips that check. After a successful
// write the live network catches up before the call returns, so the caller's next query
// on live.Current() sees the write (read-your-writes). If that catch-up fails the write
// is still committed and the error says so.
//
// Reads: Advice() for one pending invitation (query::Advise on the current snapshot,
// fed with the store-side facts of service/advice_facts.h), Provenance() for where an
// invitation came from, and Box() for a member's received or sent invitations, with
// their provenance, and advice, marginal reach, and how much of that reach matches the
// recipient's saved searches (service/saved_searches.h) for the received pending ones.
//
// Thread-safety: safe to call from any thread; the store and LiveNetwork serialize
// what needs it. The clock in the options must be thread-safe.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/query/advice.h"
#include "ledd/query/contacts_report.h"
#include "ledd/service/live_network.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::service {

struct InvitationServiceOptions {
  // Invitations a member may send in 7 days (DESIGN.md: "weekly sending limit").
  int weekly_limit = 100;
  // The time of each write and of the weekly window. Empty = the wall clock; tests
  // inject their own to move through weeks.
  std::function<Timestamp()> clock;
};

// The member on whose behalf an action is taken; nullopt = the operator, who may act
// for anyone (the acting-member check is skipped).
using ActingMember = std::optional<MemberId>;

// A settings change: fields left empty keep their stored value.
struct SettingsUpdate {
  std::optional<store::Policy> policy;
  std::optional<store::Markets> markets;
  std::optional<store::ConnectionsVisibility> connections_visibility;
  std::optional<bool> in_directory;  // Listed in the member directory.
};

// Of the members accepting an invitation would bring (its marginal reach), how many
// match one of the recipient's saved searches.
struct SavedSearchMatches {
  std::string name;      // The saved search's name.
  uint64_t matches = 0;  // query::MarginalReachMatching with the search's filters.

  friend bool operator==(const SavedSearchMatches&, const SavedSearchMatches&) = default;
};

// One invitation of a box. `via` is its verified provenance, for every entry. `advice`
// (with its marginal_reach) is present for received pending invitations only: the rest
// need no decision. `saved_searches` likewise: for a received pending invitation, one
// entry per saved search of the recipient, by name (empty when they have none).
struct BoxEntry {
  store::Invitation invitation;
  // Where it came from, as verified now (LoadProvenance); kNone for most.
  query::Provenance via;
  std::optional<query::Advice> advice;
  std::vector<SavedSearchMatches> saved_searches;
};

struct BoxOptions {
  store::InvitationBox box = store::InvitationBox::kReceived;
  std::optional<store::InvitationState> state;  // Only this state; all when empty.
  query::Language language = query::Language::kEnglish;
  int limit = 1'000;
};

// A contacts report with the snapshot it was computed on (its Nodes are that snapshot's).
struct ContactsReportResult {
  std::shared_ptr<const graph::Snapshot> snapshot;
  query::ContactsReport report;
};

class InvitationService {
 public:
  // `store` and `live` must outlive the service. `live` may be null for a service that
  // only writes (the CLI's one-shot write commands, which would otherwise load the
  // whole network to exit right after): writes then skip the catch-up, and Advice()
  // and Box() return FailedPrecondition.
  InvitationService(store::Store& store, LiveNetwork* live, InvitationServiceOptions options = {});

  // `from` invites `to`, from the page `via` names (a post of `to`'s that `from` has
  // read, or an appearance of `to`'s; none by default). The result is the new pending
  // invitation, or, when `to` had already invited `from`, that invitation accepted.
  // Errors as store::SendInvitation (InvalidArgument for an unverifiable `via`,
  // FailedPrecondition within the re-invite cooldown, naming the day it ends).
  absl::StatusOr<store::Invitation> Send(MemberId from, MemberId to, std::string note = "",
                                         store::InvitationVia via = {});

  // Transitions of a pending invitation (Report also of an ignored one; Unreport only
  // of a reported one, within store::kReportUndoWindow of the report, and it leaves the
  // invitation ignored). NotFound ("invitation N not found") for an unknown id and,
  // with the same message, for one `acting` is neither the sender nor the recipient of:
  // other people's invitations are not revealed to exist. PermissionDenied when
  // `acting` is the wrong side of it (the recipient withdrawing; only the recipient
  // unreports); FailedPrecondition from a state that does not allow it (Ignore of a
  // reported invitation included: taking a report back is Unreport's, within its
  // window) or after the undo window.
  absl::StatusOr<store::Invitation> Accept(InvitationId id, ActingMember acting = std::nullopt);
  absl::StatusOr<store::Invitation> Ignore(InvitationId id, ActingMember acting = std::nullopt);
  absl::StatusOr<store::Invitation> Withdraw(InvitationId id, ActingMember acting = std::nullopt);
  absl::StatusOr<store::Invitation> Report(InvitationId id, ActingMember acting = std::nullopt);
  absl::StatusOr<store::Invitation> Unreport(InvitationId id, ActingMember acting = std::nullopt);

  // `member` blocks `other`: neither may invite the other until Unblock, and their
  // pending invitation, if any, is resolved (store::Block: theirs ignored, the
  // member's own withdrawn). An existing connection stays; RemoveConnection is a
  // separate action. Always the member's own act, so there is no operator form.
  // Errors as store::Block (InvalidArgument, NotFound, AlreadyExists).
  absl::StatusOr<store::BlockWrite> Block(MemberId member, MemberId other);
  // Lifts the block. NotFound if `member` has not blocked `other`.
  absl::Status Unblock(MemberId member, MemberId other);
  // The members `member` has blocked, by id. NotFound for an unknown member.
  absl::StatusOr<std::vector<store::MemberBlock>> Blocked(MemberId member);

  // `member`'s invitation `id` (they sent or received it). NotFound, saying only
  // "invitation N not found", both for an unknown id and for someone else's.
  absl::StatusOr<store::Invitation> OwnInvitation(InvitationId id, MemberId member);

  // Where `invitation` came from, verified (service/advice_facts.h LoadProvenance).
  // Needs no network.
  absl::StatusOr<query::Provenance> Provenance(const store::Invitation& invitation);

  // Advice on a pending invitation (FailedPrecondition for any other state; NotFound
  // for an unknown id, or a member the network does not hold).
  absl::StatusOr<query::Advice> Advice(InvitationId id,
                                       query::Language language = query::Language::kEnglish);

  // A member's box: pending first, then newest first (store::ListInvitations), with
  // advice and saved-search matches for the received pending ones, all against one
  // snapshot.
  absl::StatusOr<std::vector<BoxEntry>> Box(MemberId member, const BoxOptions& options = {});

  // Changes a member's triage policy, markets and who may see their connections (a
  // kMemberUpdated write) and returns the member as stored.
  absl::StatusOr<store::Member> UpdateSettings(MemberId member, const SettingsUpdate& update);

  // "How many contacts should I have?": the member's contacts and percentile, exact reach
  // against the blog arithmetic, and the reach if the pending invitations they received
  // are accepted (all those advised accept; and the best k, k = 0..all). Needs the
  // network. NotFound for an unknown member.
  absl::StatusOr<ContactsReportResult> ContactsReport(MemberId member);

 private:
  Timestamp Now() const;
  // When `acting` is set: the invitation is theirs (NotFound otherwise) and they are
  // its sender (`by_sender`) or its recipient, else PermissionDenied naming `verb`.
  absl::Status CheckActing(InvitationId id, ActingMember acting, bool by_sender,
                           std::string_view verb);
  // CheckActing for `state` (the sender withdraws, the recipient does the rest), then
  // the store's ChangeInvitation, which enforces the state machine.
  absl::StatusOr<store::Invitation> Transition(InvitationId id, store::InvitationState state,
                                               ActingMember acting);
  // Catches the live network up after a committed write; the error mentions that.
  absl::Status CatchUpAfter(std::string_view what);
  absl::StatusOr<query::Advice> AdviseOn(const graph::Snapshot& snapshot,
                                         const store::Invitation& invitation,
                                         query::Language language);

  store::Store& store_;
  LiveNetwork* const live_;
  const InvitationServiceOptions options_;
};

// "en" / "nb" (also "no", Norwegian's general code); InvalidArgument otherwise.
absl::StatusOr<query::Language> ParseLanguage(std::string_view code);

}  // namespace ledd::service
