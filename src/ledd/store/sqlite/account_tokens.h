#pragma once
// Account tokens in SQLite (store.h, "account tokens"): the single-use links mailed to
// members and the account writes that use them, as functions over a Db so that the
// store's single-writer class only wraps them in its lock and transaction. Writers
// must run inside the caller's write transaction.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"

namespace ledd::store::sqlite {

// Inserts `token` (no mail; the caller enqueues it). NotFound when token.member has no
// account.
absl::Status InsertAccountToken(Db& db, const AccountToken& token);
absl::StatusOr<AccountToken> LoadAccountToken(Db& db, const std::string& token_hash);
absl::StatusOr<Account> LoadAccount(Db& db, MemberId member);
// Store::ConfirmEmail, ResetPassword, ChangePassword, ChangeEmail (without the mail),
// RevokeSessions.
absl::StatusOr<Account> ConfirmEmailIn(Db& db, const std::string& token_hash, Timestamp at);
absl::StatusOr<Account> ResetPasswordIn(Db& db, const std::string& token_hash,
                                        const std::string& password_hash, Timestamp at);
absl::Status ChangePasswordIn(Db& db, MemberId member, const std::string& password_hash,
                              const std::string& keep_session_hash, Timestamp at);
absl::Status ChangeEmailIn(Db& db, MemberId member, const std::string& email,
                           const std::optional<AccountToken>& verification, Timestamp at);
absl::StatusOr<int64_t> RevokeSessionsIn(Db& db, MemberId member,
                                         const std::string& keep_session_hash, Timestamp at);

}  // namespace ledd::store::sqlite
