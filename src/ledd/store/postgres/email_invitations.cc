#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<EmailInvitation> PostgresStore::AddEmailInvitation( const EmailInvitationRequest& request) {
  return absl::UnimplementedError("PostgresStore::AddEmailInvitation");
}

absl::StatusOr<EmailInvitation> PostgresStore::GetEmailInvitation(EmailInvitationId id) {
  return absl::UnimplementedError("PostgresStore::GetEmailInvitation");
}

absl::StatusOr<EmailInvitation> PostgresStore::GetEmailInvitationByToken( const std::string& token_hash) {
  return absl::UnimplementedError("PostgresStore::GetEmailInvitationByToken");
}

absl::StatusOr<std::vector<EmailInvitation>> PostgresStore::ListEmailInvitations(MemberId from) {
  return absl::UnimplementedError("PostgresStore::ListEmailInvitations");
}

absl::StatusOr<EmailInvitation> PostgresStore::WithdrawEmailInvitation(EmailInvitationId id, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::WithdrawEmailInvitation");
}

absl::StatusOr<std::vector<EmailInvitation>> PostgresStore::AddEmailInvitations( const std::vector<EmailInvitationRequest>& requests) {
  return absl::UnimplementedError("PostgresStore::AddEmailInvitations");
}

}  // namespace ledd::store::postgres
