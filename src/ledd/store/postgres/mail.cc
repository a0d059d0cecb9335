#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<MailId> PostgresStore::EnqueueMail(const OutgoingMail& mail) {
  return absl::UnimplementedError("PostgresStore::EnqueueMail");
}

absl::StatusOr<std::vector<OutgoingMail>> PostgresStore::DueMail(Timestamp now, int limit) {
  return absl::UnimplementedError("PostgresStore::DueMail");
}

absl::Status PostgresStore::MarkMailSent(MailId id, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::MarkMailSent");
}

absl::Status PostgresStore::MarkMailRetry(MailId id, Timestamp next_attempt_at, const std::string& error) {
  return absl::UnimplementedError("PostgresStore::MarkMailRetry");
}

absl::Status PostgresStore::MarkMailFailed(MailId id, const std::string& error) {
  return absl::UnimplementedError("PostgresStore::MarkMailFailed");
}

absl::StatusOr<OutgoingMail> PostgresStore::GetMail(MailId id) {
  return absl::UnimplementedError("PostgresStore::GetMail");
}

absl::StatusOr<int64_t> PostgresStore::CountQueuedMail() {
  return absl::UnimplementedError("PostgresStore::CountQueuedMail");
}

}  // namespace ledd::store::postgres
