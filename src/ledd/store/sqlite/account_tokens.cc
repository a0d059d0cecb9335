#include "ledd/store/sqlite/account_tokens.h"

#include <string_view>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"

namespace ledd::store::sqlite {
namespace {

constexpr char kSelectToken[] =
    "SELECT token_hash, member_id, purpose, email, created_at, expires_at, used_at "
    "FROM account_tokens WHERE token_hash = ?1";

// The token of `purpose` under `token_hash` that may still be used at `at`.
absl::StatusOr<AccountToken> UsableToken(Db& db, const std::string& token_hash,
                                         AccountTokenPurpose purpose, Timestamp at) {
  absl::StatusOr<AccountToken> token = LoadAccountToken(db, token_hash);
  if (!token.ok() || token->purpose != purpose) {
    if (!token.ok() && token.status().code() != absl::StatusCode::kNotFound) {
      return token.status();
    }
    return absl::NotFoundError("the link is not valid");
  }
  if (token->used_at.has_value()) return absl::FailedPreconditionError("the link was already used");
  if (token->expires_at <= at) return absl::FailedPreconditionError("the link has expired");
  return token;
}

absl::Status UseTokens(Db& db, MemberId member, AccountTokenPurpose purpose, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE account_tokens SET used_at = ?3 "
      "WHERE member_id = ?1 AND purpose = ?2 AND used_at IS NULL";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, AccountTokenPurposeName(purpose)).Bind(3, at);
  return statement->Run();
}

absl::Status UseToken(Db& db, const std::string& token_hash, Timestamp at) {
  static constexpr char kSql[] = "UPDATE account_tokens SET used_at = ?2 WHERE token_hash = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->BindBlob(1, token_hash).Bind(2, at);
  return statement->Run();
}

}  // namespace

absl::StatusOr<Account> LoadAccount(Db& db, MemberId member) {
  static constexpr char kSql[] =
      "SELECT member, email, password_hash, created_at, role, suspended_until, "
      "suspension_reason, language, email_verified_at FROM accounts WHERE member = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member);
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok() || !*row) {
    statement->Reset();
    if (!row.ok()) return row.status();
    return absl::NotFoundError(fmt::format("member {} has no account", member));
  }
  Account account{.member = statement->ColumnInt(0),
                  .email = statement->ColumnText(1),
                  .password_hash = statement->ColumnText(2),
                  .created_at = statement->ColumnInt(3),
                  .suspended_until = statement->ColumnOptionalInt(5),
                  .suspension_reason = statement->ColumnText(6),
                  .language = statement->ColumnText(7),
                  .email_verified_at = statement->ColumnOptionalInt(8)};
  absl::StatusOr<Role> role = ParseRole(statement->ColumnText(4));
  statement->Reset();
  if (!role.ok()) return absl::DataLossError(std::string(role.status().message()));
  account.role = *role;
  return account;
}

absl::Status InsertAccountToken(Db& db, const AccountToken& token) {
  LEDD_RETURN_IF_ERROR(LoadAccount(db, token.member).status());
  static constexpr char kSql[] =
      "INSERT INTO account_tokens (token_hash, member_id, purpose, email, created_at, "
      "expires_at, used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->BindBlob(1, token.token_hash)
      .Bind(2, token.member)
      .Bind(3, AccountTokenPurposeName(token.purpose))
      .Bind(4, std::string_view(token.email))
      .Bind(5, token.created_at)
      .Bind(6, token.expires_at)
      .Bind(7, token.used_at);
  absl::Status inserted = statement->Run();
  if (inserted.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError("the token is already stored");
  }
  return inserted;
}

absl::StatusOr<AccountToken> LoadAccountToken(Db& db, const std::string& token_hash) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSelectToken));
  statement->BindBlob(1, token_hash);
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok() || !*row) {
    statement->Reset();
    if (!row.ok()) return row.status();
    return absl::NotFoundError("no such token");
  }
  AccountToken token{.token_hash = statement->ColumnBlob(0),
                     .member = statement->ColumnInt(1),
                     .email = statement->ColumnText(3),
                     .created_at = statement->ColumnInt(4),
                     .expires_at = statement->ColumnInt(5),
                     .used_at = statement->ColumnOptionalInt(6)};
  absl::StatusOr<AccountTokenPurpose> purpose = ParseAccountTokenPurpose(statement->ColumnText(2));
  statement->Reset();
  if (!purpose.ok()) return absl::DataLossError(std::string(purpose.status().message()));
  token.purpose = *purpose;
  return token;
}

absl::StatusOr<Account> ConfirmEmailIn(Db& db, const std::string& token_hash, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(AccountToken token,
                        UsableToken(db, token_hash, AccountTokenPurpose::kVerifyEmail, at));
  LEDD_ASSIGN_OR_RETURN(Account account, LoadAccount(db, token.member));
  if (account.email != token.email) {
    return absl::FailedPreconditionError("the link was for an earlier email address");
  }
  LEDD_RETURN_IF_ERROR(UseToken(db, token_hash, at));
  if (!account.email_verified_at.has_value()) {
    static constexpr char kSql[] = "UPDATE accounts SET email_verified_at = ?2 WHERE member = ?1";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
    statement->Bind(1, account.member).Bind(2, at);
    LEDD_RETURN_IF_ERROR(statement->Run());
    account.email_verified_at = at;
  }
  return account;
}

absl::StatusOr<Account> ResetPasswordIn(Db& db, const std::string& token_hash,
                                        const std::string& password_hash, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(AccountToken token,
                        UsableToken(db, token_hash, AccountTokenPurpose::kResetPassword, at));
  LEDD_ASSIGN_OR_RETURN(Account account, LoadAccount(db, token.member));
  static constexpr char kSql[] =
      "UPDATE accounts SET password_hash = ?2, "
      "email_verified_at = CASE WHEN email_verified_at IS NULL AND email = ?3 THEN ?4 "
      "ELSE email_verified_at END WHERE member = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, account.member)
      .Bind(2, std::string_view(password_hash))
      .Bind(3, std::string_view(token.email))
      .Bind(4, at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  LEDD_RETURN_IF_ERROR(UseTokens(db, account.member, AccountTokenPurpose::kResetPassword, at));
  LEDD_RETURN_IF_ERROR(RevokeSessionsIn(db, account.member, "", at).status());
  return LoadAccount(db, account.member);
}

absl::Status ChangePasswordIn(Db& db, MemberId member, const std::string& password_hash,
                              const std::string& keep_session_hash, Timestamp at) {
  LEDD_RETURN_IF_ERROR(LoadAccount(db, member).status());
  static constexpr char kSql[] = "UPDATE accounts SET password_hash = ?2 WHERE member = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, std::string_view(password_hash));
  LEDD_RETURN_IF_ERROR(statement->Run());
  LEDD_RETURN_IF_ERROR(UseTokens(db, member, AccountTokenPurpose::kResetPassword, at));
  return RevokeSessionsIn(db, member, keep_session_hash, at).status();
}

absl::Status ChangeEmailIn(Db& db, MemberId member, const std::string& email,
                           const std::optional<AccountToken>& verification, Timestamp at) {
  LEDD_RETURN_IF_ERROR(ValidateEmail(email));
  const std::string folded = FoldEmail(email);
  LEDD_RETURN_IF_ERROR(LoadAccount(db, member).status());
  static constexpr char kTaken[] = "SELECT 1 FROM accounts WHERE email = ?1 AND member <> ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * taken, db.Cached(kTaken));
  taken->Bind(1, std::string_view(folded)).Bind(2, member);
  absl::StatusOr<bool> row = taken->Step();
  taken->Reset();
  if (!row.ok()) return row.status();
  if (*row) return absl::AlreadyExistsError("an account with that email already exists");
  static constexpr char kAccount[] =
      "UPDATE accounts SET email = ?2, email_verified_at = NULL WHERE member = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * account, db.Cached(kAccount));
  account->Bind(1, member).Bind(2, std::string_view(folded));
  LEDD_RETURN_IF_ERROR(account->Run());
  static constexpr char kMember[] = "UPDATE members SET email = ?2 WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * row_update, db.Cached(kMember));
  row_update->Bind(1, member).Bind(2, std::string_view(folded));
  LEDD_RETURN_IF_ERROR(row_update->Run());
  LEDD_RETURN_IF_ERROR(UseTokens(db, member, AccountTokenPurpose::kVerifyEmail, at));
  if (verification.has_value()) {
    AccountToken token = *verification;
    token.member = member;
    LEDD_RETURN_IF_ERROR(InsertAccountToken(db, token));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> RevokeSessionsIn(Db& db, MemberId member,
                                         const std::string& keep_session_hash, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE sessions SET revoked_at = ?2 "
      "WHERE member_id = ?1 AND revoked_at IS NULL AND token_hash <> ?3";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, at).BindBlob(3, keep_session_hash);
  LEDD_RETURN_IF_ERROR(statement->Run());
  return int64_t{db.Changes()};
}

}  // namespace ledd::store::sqlite
