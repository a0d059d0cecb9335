#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<Report> PostgresStore::AddReport(const ReportRequest& request) {
  return absl::UnimplementedError("PostgresStore::AddReport");
}

absl::StatusOr<Report> PostgresStore::GetReport(ReportId id) {
  return absl::UnimplementedError("PostgresStore::GetReport");
}

absl::StatusOr<std::vector<Report>> PostgresStore::ListReports(const ReportListOptions& options) {
  return absl::UnimplementedError("PostgresStore::ListReports");
}

absl::StatusOr<InvitationsSent> PostgresStore::CountInvitationsSent(MemberId member, Timestamp since) {
  return absl::UnimplementedError("PostgresStore::CountInvitationsSent");
}

absl::StatusOr<ModerationWrite> PostgresStore::Moderate(const ModerationRequest& request) {
  return absl::UnimplementedError("PostgresStore::Moderate");
}

absl::StatusOr<std::vector<AuditEntry>> PostgresStore::ListAudit(const AuditListOptions& options) {
  return absl::UnimplementedError("PostgresStore::ListAudit");
}

absl::StatusOr<AuditEntry> PostgresStore::GetAuditEntry(AuditEntryId id) {
  return absl::UnimplementedError("PostgresStore::GetAuditEntry");
}

absl::StatusOr<std::vector<AccountSummary>> PostgresStore::FindAccounts(const std::string& text, int limit) {
  return absl::UnimplementedError("PostgresStore::FindAccounts");
}

}  // namespace ledd::store::postgres
