#pragma once
// Email invitations in PostgreSQL, the parts other writes share: the claim a sign-up
// makes (store.h, AddMemberWithAccount) and the reads a sign-up and a member's export
// use. Like sqlite/email_invitations.h, over a Conn; ClaimEmailInvitations runs inside
// the caller's SERIALIZABLE transaction, so what it reads holds when it commits.
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
