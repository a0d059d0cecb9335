#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<MemberData> PostgresStore::ExportMember(MemberId member) {
  return absl::UnimplementedError("PostgresStore::ExportMember");
}

absl::StatusOr<DeletionRequest> PostgresStore::RequestDeletion(const DeletionRequest& request) {
  return absl::UnimplementedError("PostgresStore::RequestDeletion");
}

absl::StatusOr<DeletionRequest> PostgresStore::GetDeletionRequest(MemberId member) {
  return absl::UnimplementedError("PostgresStore::GetDeletionRequest");
}

absl::Status PostgresStore::CancelDeletion(MemberId member) {
  return absl::UnimplementedError("PostgresStore::CancelDeletion");
}

absl::StatusOr<std::vector<DeletionRequest>> PostgresStore::DueDeletions(Timestamp now, int limit) {
  return absl::UnimplementedError("PostgresStore::DueDeletions");
}

absl::StatusOr<EventId> PostgresStore::EraseMember(MemberId member) {
  return absl::UnimplementedError("PostgresStore::EraseMember");
}

}  // namespace ledd::store::postgres
