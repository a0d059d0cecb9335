#pragma once
// Email invitations in PostgreSQL, the parts other writes share: the claim a sign-up
// makes (store.h, AddMemberWithAccount), the weekly limit invitations of both kinds
// share (SendInvitation counts it too), and the reads a member's export uses. Like
// sqlite/email_invitations.h, over a Conn; writers and CheckWeeklyLimit run inside the
// caller's SERIALIZABLE transaction, so what they read holds when it commits.
//
// Not thread-safe, like Conn.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"
#include "ledd/store/store.h"

namespace ledd::store::postgres {

// FailedPrecondition when `from` has sent `weekly_limit` invitations, of both kinds,
// in the kInvitationWeek up to `at` ("member 7 cannot send more invitations now:
// weekly invitation limit reached (100 in the last 7 days)"). An email invitation a
// sign-up claimed counts once, as the email invitation.
absl::Status CheckWeeklyLimit(Conn& conn, MemberId from, Timestamp at, int weekly_limit);

absl::StatusOr<EmailInvitation> LoadEmailInvitationByToken(Conn& conn,
                                                           const std::string& token_hash);
// Those `from` sent, newest first.
absl::StatusOr<std::vector<EmailInvitation>> LoadEmailInvitations(Conn& conn, MemberId from);

// The claim of a sign-up, after `member` and its account were inserted in the same
// transaction: every pending email invitation to `email` (folded) or with
// `token_hash` (empty: none) becomes an invitation to `member` at `at`, as store.h
// says under AddMemberWithAccount.
absl::Status ClaimEmailInvitations(Conn& conn, MemberId member, const std::string& email,
                                   const std::string& token_hash, Timestamp at);

}  // namespace ledd::store::postgres
