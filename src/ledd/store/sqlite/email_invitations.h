#pragma once
// Email invitations in SQLite: the statements behind the Store's "email invitations"
// methods, the claim a sign-up makes (store.h, AddMemberWithAccount) and the weekly
// limit that invitations of both kinds share, as functions over a Db so that the
// store's single-writer class only wraps them in its lock and transaction. Writers here
// (InsertEmailInvitation, WithdrawEmailInvitationIn, ClaimEmailInvitations) and
// CheckWeeklyLimit must run inside the caller's write transaction.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/store.h"

namespace ledd::store::sqlite {

// FailedPrecondition when `from` has sent `weekly_limit` invitations, of both kinds,
// in the kInvitationWeek up to `at` ("member 7 cannot send more invitations now:
// weekly invitation limit reached (100 in the last 7 days)"). An email invitation a
// sign-up claimed counts once, as the email invitation.
absl::Status CheckWeeklyLimit(Db& db, MemberId from, Timestamp at, int weekly_limit);

// Store::AddEmailInvitation (store.h has the checks and their order).
absl::StatusOr<EmailInvitation> InsertEmailInvitation(Db& db,
                                                      const EmailInvitationRequest& request);
absl::StatusOr<EmailInvitation> LoadEmailInvitation(Db& db, EmailInvitationId id);
absl::StatusOr<EmailInvitation> LoadEmailInvitationByToken(Db& db, const std::string& token_hash);
absl::StatusOr<std::vector<EmailInvitation>> LoadEmailInvitations(Db& db, MemberId from);
// Store::WithdrawEmailInvitation.
absl::StatusOr<EmailInvitation> WithdrawEmailInvitationIn(Db& db, EmailInvitationId id,
                                                          Timestamp at);

// The claim of a sign-up, after `member` and its account were inserted in the same
// transaction: every pending email invitation to `email` (folded) or with
// `token_hash` (empty: none) becomes an invitation to `member` at `at`, as store.h
// says under AddMemberWithAccount.
absl::Status ClaimEmailInvitations(Db& db, MemberId member, const std::string& email,
                                   const std::string& token_hash, Timestamp at);

}  // namespace ledd::store::sqlite
