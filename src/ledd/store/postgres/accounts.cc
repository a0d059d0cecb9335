#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::Status PostgresStore::AddAccount(const Account& account) {
  return absl::UnimplementedError("PostgresStore::AddAccount");
}

absl::StatusOr<MemberId> PostgresStore::AddMemberWithAccount(const Member& member, const Account& account, const SignUpOptions& options) {
  return absl::UnimplementedError("PostgresStore::AddMemberWithAccount");
}

absl::StatusOr<Account> PostgresStore::GetAccount(MemberId member) {
  return absl::UnimplementedError("PostgresStore::GetAccount");
}

absl::StatusOr<Account> PostgresStore::GetAccountByEmail(const std::string& email) {
  return absl::UnimplementedError("PostgresStore::GetAccountByEmail");
}

absl::Status PostgresStore::AddSession(const Session& session) {
  return absl::UnimplementedError("PostgresStore::AddSession");
}

absl::StatusOr<Session> PostgresStore::GetSession(const std::string& token_hash) {
  return absl::UnimplementedError("PostgresStore::GetSession");
}

absl::Status PostgresStore::RevokeSession(const std::string& token_hash, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::RevokeSession");
}

absl::StatusOr<int64_t> PostgresStore::PruneSessions(Timestamp now, int limit) {
  return absl::UnimplementedError("PostgresStore::PruneSessions");
}

absl::Status PostgresStore::AddAccountToken(const AccountToken& token, const std::vector<OutgoingMail>& mail) {
  return absl::UnimplementedError("PostgresStore::AddAccountToken");
}

absl::StatusOr<AccountToken> PostgresStore::GetAccountToken(const std::string& token_hash) {
  return absl::UnimplementedError("PostgresStore::GetAccountToken");
}

absl::StatusOr<Account> PostgresStore::ConfirmEmail(const std::string& token_hash, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::ConfirmEmail");
}

absl::StatusOr<Account> PostgresStore::ResetPassword(const std::string& token_hash, const std::string& password_hash, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::ResetPassword");
}

absl::Status PostgresStore::ChangePassword(MemberId member, const std::string& password_hash, const std::string& keep_session_hash, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::ChangePassword");
}

absl::Status PostgresStore::ChangeEmail(MemberId member, const std::string& email, const std::optional<AccountToken>& verification, const std::vector<OutgoingMail>& mail, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::ChangeEmail");
}

absl::StatusOr<int64_t> PostgresStore::RevokeSessions(MemberId member, const std::string& keep_session_hash, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::RevokeSessions");
}

}  // namespace ledd::store::postgres
