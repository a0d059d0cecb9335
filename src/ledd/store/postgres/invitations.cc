#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<InvitationWrite> PostgresStore::SendInvitation(const InvitationRequest& request) {
  return absl::UnimplementedError("PostgresStore::SendInvitation");
}

absl::StatusOr<InvitationWrite> PostgresStore::ChangeInvitation(InvitationId id, InvitationState state, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::ChangeInvitation");
}

absl::StatusOr<InvitationWrite> PostgresStore::UndoReport(InvitationId id, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::UndoReport");
}

absl::StatusOr<Invitation> PostgresStore::GetInvitation(InvitationId id) {
  return absl::UnimplementedError("PostgresStore::GetInvitation");
}

absl::StatusOr<std::vector<Invitation>> PostgresStore::ListInvitations( MemberId member, const InvitationListOptions& options) {
  return absl::UnimplementedError("PostgresStore::ListInvitations");
}

absl::StatusOr<SenderHistory> PostgresStore::GetSenderHistory(MemberId sender, Timestamp before, InvitationId exclude) {
  return absl::UnimplementedError("PostgresStore::GetSenderHistory");
}

absl::StatusOr<EventId> PostgresStore::SetPhoto(const Photo& photo) {
  return absl::UnimplementedError("PostgresStore::SetPhoto");
}

absl::StatusOr<PhotoBytes> PostgresStore::GetPhoto(MemberId member, PhotoSize size) {
  return absl::UnimplementedError("PostgresStore::GetPhoto");
}

absl::StatusOr<EventId> PostgresStore::DeletePhoto(MemberId member) {
  return absl::UnimplementedError("PostgresStore::DeletePhoto");
}

absl::StatusOr<BlockWrite> PostgresStore::Block(MemberId blocker, MemberId blocked, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::Block");
}

absl::StatusOr<EventId> PostgresStore::Unblock(MemberId blocker, MemberId blocked) {
  return absl::UnimplementedError("PostgresStore::Unblock");
}

absl::StatusOr<bool> PostgresStore::IsBlocked(MemberId blocker, MemberId blocked) {
  return absl::UnimplementedError("PostgresStore::IsBlocked");
}

absl::StatusOr<std::vector<MemberBlock>> PostgresStore::ListBlocked(MemberId blocker) {
  return absl::UnimplementedError("PostgresStore::ListBlocked");
}

absl::StatusOr<EventId> PostgresStore::SaveSearch(const SavedSearch& search) {
  return absl::UnimplementedError("PostgresStore::SaveSearch");
}

absl::StatusOr<EventId> PostgresStore::DeleteSavedSearch(MemberId member, const std::string& name) {
  return absl::UnimplementedError("PostgresStore::DeleteSavedSearch");
}

absl::StatusOr<std::vector<SavedSearch>> PostgresStore::ListSavedSearches(MemberId member) {
  return absl::UnimplementedError("PostgresStore::ListSavedSearches");
}

}  // namespace ledd::store::postgres
