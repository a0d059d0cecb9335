// Accounts, sessions and account tokens (store.h, "accounts and sessions" and
// "account tokens"): ports of the SQLite store's methods and sqlite/account_tokens.cc.
// Every write is one SERIALIZABLE transaction whose checks read inside it, so two
// processes cannot both take one email, one handle or one member id.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/postgres/core.h"
#include "ledd/store/postgres/email_invitations.h"
#include "ledd/store/postgres/mail.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {
namespace {

constexpr char kSelectAccountByMember[] =
    "SELECT member, email, password_hash, created_at, role, suspended_until, "
    "suspension_reason, language, email_verified_at FROM accounts WHERE member = $1";
constexpr char kSelectAccountByEmail[] =
    "SELECT member, email, password_hash, created_at, role, suspended_until, "
    "suspension_reason, language, email_verified_at FROM accounts WHERE email = $1";

absl::StatusOr<Account> ReadAccount(const Result& result, const std::string& absent) {
  if (result.empty()) return absl::NotFoundError(absent);
  const Row row = result.row(0);
  Account account{.member = row.ColumnInt(0),
                  .email = row.ColumnText(1),
                  .password_hash = row.ColumnText(2),
                  .created_at = row.ColumnInt(3),
                  .suspended_until = row.ColumnOptionalInt(5),
                  .suspension_reason = row.ColumnText(6),
                  .language = row.ColumnText(7),
                  .email_verified_at = row.ColumnOptionalInt(8)};
  absl::StatusOr<Role> role = ParseRole(row.ColumnText(4));
  if (!role.ok()) {
    return absl::DataLossError(
        fmt::format("account of member {}: {}", account.member, MessageOf(role.status())));
  }
  account.role = *role;
  return account;
}

absl::StatusOr<Account> LoadAccount(Conn& conn, MemberId member) {
  Params params;
  params.Bind(1, member);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSelectAccountByMember, params));
  return ReadAccount(result, fmt::format("member {} has no account", member));
}

// Whether an account other than `member`'s (none: any account) has `email`.
absl::StatusOr<bool> EmailTaken(Conn& conn, const std::string& email,
                                std::optional<MemberId> member) {
  static constexpr char kSql[] =
      "SELECT 1 FROM accounts WHERE email = $1 AND member IS DISTINCT FROM $2";
  Params params;
  params.Bind(1, email).Bind(2, member);
  return Exists(conn, kSql, params);
}

// A unique index refused a row the checks before it found free: a concurrent writer
// took the key since. Aborted runs the transaction again (pg.h, WithTransaction), so
// that the check words the refusal; other errors pass.
absl::Status RetryOnRace(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kAlreadyExists) return status;
  return absl::AbortedError(status.message());
}

// Inserts `account` for `member` inside the caller's transaction, with readable
// AlreadyExists errors rather than the constraint's.
absl::Status InsertAccount(Conn& conn, MemberId member, const Account& account) {
  {
    static constexpr char kHasAccount[] = "SELECT 1 FROM accounts WHERE member = $1";
    Params params;
    params.Bind(1, member);
    LEDD_ASSIGN_OR_RETURN(bool has_account, Exists(conn, kHasAccount, params));
    if (has_account) {
      return absl::AlreadyExistsError(fmt::format("member {} already has an account", member));
    }
  }
  LEDD_ASSIGN_OR_RETURN(bool taken, EmailTaken(conn, account.email, std::nullopt));
  if (taken) return absl::AlreadyExistsError("an account with that email already exists");
  if (!IsAccountLanguage(account.language)) {
    return absl::InvalidArgumentError(
        fmt::format("\"{}\" is not a language of ledd's mail (en, nb)", account.language));
  }
  static constexpr char kSql[] =
      "INSERT INTO accounts (member, email, password_hash, created_at, language, "
      "email_verified_at) VALUES ($1, $2, $3, $4, $5, $6)";
  Params params;
  params.Bind(1, member)
      .Bind(2, account.email)
      .Bind(3, account.password_hash)
      .Bind(4, account.created_at)
      .Bind(5, account.language)
      .Bind(6, account.email_verified_at);
  return RetryOnRace(conn.ExecCached(kSql, params).status());
}

// A sign-up from a register import's link starts from what the register says: each
// profile field the sign-up left empty takes the pending invitation's.
absl::Status FillFromInvitation(Conn& conn, const std::string& token_hash, Member& member) {
  if (token_hash.empty()) return absl::OkStatus();
  absl::StatusOr<EmailInvitation> invitation = LoadEmailInvitationByToken(conn, token_hash);
  if (!invitation.ok()) {
    if (invitation.status().code() == absl::StatusCode::kNotFound) return absl::OkStatus();
    return invitation.status();
  }
  if (invitation->state != EmailInvitationState::kPending) return absl::OkStatus();
  const InvitedProfile& profile = invitation->profile;
  for (auto [field, value] :
       {std::pair{&member.first_name, &profile.first_name},
        std::pair{&member.last_name, &profile.last_name},
        std::pair{&member.headline, &profile.headline}, std::pair{&member.city, &profile.city},
        std::pair{&member.country, &profile.country},
        std::pair{&member.industry, &profile.industry}}) {
    if (field->empty()) *field = *value;
  }
  return absl::OkStatus();
}

absl::Status EnqueueAll(Conn& conn, const std::vector<OutgoingMail>& mail) {
  for (const OutgoingMail& one : mail) LEDD_RETURN_IF_ERROR(InsertMail(conn, one).status());
  return absl::OkStatus();
}

// ---- account tokens (sqlite/account_tokens.cc) ----

absl::StatusOr<AccountToken> LoadAccountToken(Conn& conn, const std::string& token_hash) {
  static constexpr char kSql[] =
      "SELECT token_hash, member_id, purpose, email, created_at, expires_at, used_at "
      "FROM account_tokens WHERE token_hash = $1";
  Params params;
  params.BindBytes(1, token_hash);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, params));
  if (result.empty()) return absl::NotFoundError("no such token");
  const Row row = result.row(0);
  AccountToken token{.token_hash = row.ColumnBlob(0),
                     .member = row.ColumnInt(1),
                     .email = row.ColumnText(3),
                     .created_at = row.ColumnInt(4),
                     .expires_at = row.ColumnInt(5),
                     .used_at = row.ColumnOptionalInt(6)};
  absl::StatusOr<AccountTokenPurpose> purpose = ParseAccountTokenPurpose(row.ColumnText(2));
  if (!purpose.ok()) return absl::DataLossError(std::string(purpose.status().message()));
  token.purpose = *purpose;
  return token;
}

// Inserts `token` (no mail; the caller enqueues it). NotFound when token.member has no
// account.
absl::Status InsertAccountToken(Conn& conn, const AccountToken& token) {
  LEDD_RETURN_IF_ERROR(LoadAccount(conn, token.member).status());
  static constexpr char kSql[] =
      "INSERT INTO account_tokens (token_hash, member_id, purpose, email, created_at, "
      "expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  Params params;
  params.BindBytes(1, token.token_hash)
      .Bind(2, token.member)
      .Bind(3, AccountTokenPurposeName(token.purpose))
      .Bind(4, token.email)
      .Bind(5, token.created_at)
      .Bind(6, token.expires_at)
      .Bind(7, token.used_at);
  absl::Status inserted = conn.ExecCached(kSql, params).status();
  if (inserted.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError("the token is already stored");
  }
  return inserted;
}

// The token of `purpose` under `token_hash` that may still be used at `at`.
absl::StatusOr<AccountToken> UsableToken(Conn& conn, const std::string& token_hash,
                                         AccountTokenPurpose purpose, Timestamp at) {
  absl::StatusOr<AccountToken> token = LoadAccountToken(conn, token_hash);
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

absl::Status UseTokens(Conn& conn, MemberId member, AccountTokenPurpose purpose, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE account_tokens SET used_at = $3 "
      "WHERE member_id = $1 AND purpose = $2 AND used_at IS NULL";
  Params params;
  params.Bind(1, member).Bind(2, AccountTokenPurposeName(purpose)).Bind(3, at);
  return conn.ExecCached(kSql, params).status();
}

absl::Status UseToken(Conn& conn, const std::string& token_hash, Timestamp at) {
  static constexpr char kSql[] = "UPDATE account_tokens SET used_at = $2 WHERE token_hash = $1";
  Params params;
  params.BindBytes(1, token_hash).Bind(2, at);
  return conn.ExecCached(kSql, params).status();
}

absl::StatusOr<int64_t> RevokeSessionsIn(Conn& conn, MemberId member,
                                         const std::string& keep_session_hash, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE sessions SET revoked_at = $2 "
      "WHERE member_id = $1 AND revoked_at IS NULL AND token_hash <> $3";
  Params params;
  params.Bind(1, member).Bind(2, at).BindBytes(3, keep_session_hash);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, params));
  return result.affected();
}

}  // namespace

absl::Status PostgresStore::AddAccount(const Account& account) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, account.member));
    if (!exists) {
      return absl::NotFoundError(fmt::format("member {} does not exist", account.member));
    }
    return InsertAccount(conn, account.member, account);
  });
}

absl::StatusOr<MemberId> PostgresStore::AddMemberWithAccount(const Member& member,
                                                             const Account& account,
                                                             const SignUpOptions& options) {
  LEDD_RETURN_IF_ERROR(ValidateMember(member));
  return Write<MemberId>([&](Conn& conn) -> absl::StatusOr<MemberId> {
    Member stored = member;
    if (stored.id == 0) {
      // One above every id ever given, erased ones included. Two sign-ups that read the
      // same largest id conflict under SERIALIZABLE (or on members' primary key), and
      // the one that loses runs again with the other's id counted.
      LEDD_ASSIGN_OR_RETURN(
          int64_t largest,
          conn.QueryInt("SELECT GREATEST(coalesce((SELECT max(id) FROM members), 0), "
                        "coalesce((SELECT max(id) FROM erased_members), 0))"));
      stored.id = largest + 1;
    }
    if (stored.handle.empty()) {
      return absl::InvalidArgumentError(fmt::format("member {} has an empty handle", stored.id));
    }
    LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, stored.id));
    if (exists) return absl::AlreadyExistsError(fmt::format("member {} already exists", stored.id));
    LEDD_RETURN_IF_ERROR(CheckHandleFree(conn, stored));
    LEDD_RETURN_IF_ERROR(FillFromInvitation(conn, options.invite_token_hash, stored));
    const std::string markets = FormatMarkets(stored.markets);
    Params insert;
    BindMember(insert, stored, markets);
    LEDD_RETURN_IF_ERROR(RetryOnRace(conn.ExecCached(kInsertMemberWithDirectory, insert).status()));
    LEDD_RETURN_IF_ERROR(InsertAccount(conn, stored.id, account));
    LEDD_RETURN_IF_ERROR(AppendEvent(conn, EventKind::kMemberAdded, stored.id).status());
    // After kMemberAdded, so that a follower of the log knows the member before the
    // invitations to them.
    LEDD_RETURN_IF_ERROR(ClaimEmailInvitations(conn, stored.id, FoldEmail(account.email),
                                               options.invite_token_hash, account.created_at));
    if (options.verification.has_value()) {
      AccountToken token = *options.verification;
      token.member = stored.id;
      LEDD_RETURN_IF_ERROR(InsertAccountToken(conn, token));
    }
    LEDD_RETURN_IF_ERROR(EnqueueAll(conn, options.mail));
    return stored.id;
  });
}

absl::StatusOr<Account> PostgresStore::GetAccount(MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadAccount(lease.conn(), member);
}

absl::StatusOr<Account> PostgresStore::GetAccountByEmail(const std::string& email) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  Params params;
  params.Bind(1, email);
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(kSelectAccountByEmail, params));
  return ReadAccount(result, "no account has that email");
}

absl::Status PostgresStore::AddSession(const Session& session) {
  static constexpr char kSql[] =
      "INSERT INTO sessions (token_hash, member_id, created_at, expires_at, revoked_at, "
      "csrf_hash, address) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  return WriteStatus([&](Conn& conn) -> absl::Status {
    Params params;
    params.BindBytes(1, session.token_hash)
        .Bind(2, session.member)
        .Bind(3, session.created_at)
        .Bind(4, session.expires_at)
        .Bind(5, session.revoked_at)
        .BindBytes(6, session.csrf_hash)
        .Bind(7, session.address);
    return conn.ExecCached(kSql, params).status();
  });
}

absl::StatusOr<Session> PostgresStore::GetSession(const std::string& token_hash) {
  static constexpr char kSql[] =
      "SELECT token_hash, member_id, created_at, expires_at, revoked_at, csrf_hash, address "
      "FROM sessions WHERE token_hash = $1";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  Params params;
  params.BindBytes(1, token_hash);
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(kSql, params));
  if (result.empty()) return absl::NotFoundError("no such session");
  const Row row = result.row(0);
  return Session{.token_hash = row.ColumnBlob(0),
                 .member = row.ColumnInt(1),
                 .csrf_hash = row.ColumnBlob(5),
                 .created_at = row.ColumnInt(2),
                 .expires_at = row.ColumnInt(3),
                 .revoked_at = row.ColumnOptionalInt(4),
                 .address = row.ColumnText(6)};
}

absl::Status PostgresStore::RevokeSession(const std::string& token_hash, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE sessions SET revoked_at = coalesce(revoked_at, $2) WHERE token_hash = $1";
  return WriteStatus([&](Conn& conn) -> absl::Status {
    Params params;
    params.BindBytes(1, token_hash).Bind(2, at);
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, params));
    if (result.affected() == 0) return absl::NotFoundError("no such session");
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> PostgresStore::PruneSessions(Timestamp now, int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  static constexpr char kSql[] =
      "DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions "
      "WHERE expires_at <= $1 OR revoked_at IS NOT NULL LIMIT $2)";
  return Write<int64_t>([&](Conn& conn) -> absl::StatusOr<int64_t> {
    Params params;
    params.Bind(1, now).Bind(2, int64_t{limit});
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, params));
    return result.affected();
  });
}

absl::Status PostgresStore::AddAccountToken(const AccountToken& token,
                                            const std::vector<OutgoingMail>& mail) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_RETURN_IF_ERROR(InsertAccountToken(conn, token));
    return EnqueueAll(conn, mail);
  });
}

absl::StatusOr<AccountToken> PostgresStore::GetAccountToken(const std::string& token_hash) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadAccountToken(lease.conn(), token_hash);
}

absl::StatusOr<Account> PostgresStore::ConfirmEmail(const std::string& token_hash, Timestamp at) {
  return Write<Account>([&](Conn& conn) -> absl::StatusOr<Account> {
    LEDD_ASSIGN_OR_RETURN(AccountToken token,
                          UsableToken(conn, token_hash, AccountTokenPurpose::kVerifyEmail, at));
    LEDD_ASSIGN_OR_RETURN(Account account, LoadAccount(conn, token.member));
    if (account.email != token.email) {
      return absl::FailedPreconditionError("the link was for an earlier email address");
    }
    LEDD_RETURN_IF_ERROR(UseToken(conn, token_hash, at));
    if (!account.email_verified_at.has_value()) {
      static constexpr char kSql[] = "UPDATE accounts SET email_verified_at = $2 WHERE member = $1";
      Params params;
      params.Bind(1, account.member).Bind(2, at);
      LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
      account.email_verified_at = at;
    }
    return account;
  });
}

absl::StatusOr<Account> PostgresStore::ResetPassword(const std::string& token_hash,
                                                     const std::string& password_hash,
                                                     Timestamp at) {
  return Write<Account>([&](Conn& conn) -> absl::StatusOr<Account> {
    LEDD_ASSIGN_OR_RETURN(AccountToken token,
                          UsableToken(conn, token_hash, AccountTokenPurpose::kResetPassword, at));
    LEDD_ASSIGN_OR_RETURN(Account account, LoadAccount(conn, token.member));
    static constexpr char kSql[] =
        "UPDATE accounts SET password_hash = $2, "
        "email_verified_at = CASE WHEN email_verified_at IS NULL AND email = $3 THEN $4::bigint "
        "ELSE email_verified_at END WHERE member = $1";
    Params params;
    params.Bind(1, account.member).Bind(2, password_hash).Bind(3, token.email).Bind(4, at);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
    LEDD_RETURN_IF_ERROR(UseTokens(conn, account.member, AccountTokenPurpose::kResetPassword, at));
    LEDD_RETURN_IF_ERROR(RevokeSessionsIn(conn, account.member, "", at).status());
    return LoadAccount(conn, account.member);
  });
}

absl::Status PostgresStore::ChangePassword(MemberId member, const std::string& password_hash,
                                           const std::string& keep_session_hash, Timestamp at) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_RETURN_IF_ERROR(LoadAccount(conn, member).status());
    static constexpr char kSql[] = "UPDATE accounts SET password_hash = $2 WHERE member = $1";
    Params params;
    params.Bind(1, member).Bind(2, password_hash);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
    LEDD_RETURN_IF_ERROR(UseTokens(conn, member, AccountTokenPurpose::kResetPassword, at));
    return RevokeSessionsIn(conn, member, keep_session_hash, at).status();
  });
}

absl::Status PostgresStore::ChangeEmail(MemberId member, const std::string& email,
                                        const std::optional<AccountToken>& verification,
                                        const std::vector<OutgoingMail>& mail, Timestamp at) {
  LEDD_RETURN_IF_ERROR(ValidateEmail(email));
  const std::string folded = FoldEmail(email);
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_RETURN_IF_ERROR(LoadAccount(conn, member).status());
    LEDD_ASSIGN_OR_RETURN(bool taken, EmailTaken(conn, folded, member));
    if (taken) return absl::AlreadyExistsError("an account with that email already exists");
    static constexpr char kAccount[] =
        "UPDATE accounts SET email = $2, email_verified_at = NULL WHERE member = $1";
    Params params;
    params.Bind(1, member).Bind(2, folded);
    LEDD_RETURN_IF_ERROR(RetryOnRace(conn.ExecCached(kAccount, params).status()));
    static constexpr char kMember[] = "UPDATE members SET email = $2 WHERE id = $1";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kMember, params).status());
    LEDD_RETURN_IF_ERROR(UseTokens(conn, member, AccountTokenPurpose::kVerifyEmail, at));
    if (verification.has_value()) {
      AccountToken token = *verification;
      token.member = member;
      LEDD_RETURN_IF_ERROR(InsertAccountToken(conn, token));
    }
    return EnqueueAll(conn, mail);
  });
}

absl::StatusOr<int64_t> PostgresStore::RevokeSessions(MemberId member,
                                                      const std::string& keep_session_hash,
                                                      Timestamp at) {
  return Write<int64_t>([&](Conn& conn) -> absl::StatusOr<int64_t> {
    return RevokeSessionsIn(conn, member, keep_session_hash, at);
  });
}

}  // namespace ledd::store::postgres
