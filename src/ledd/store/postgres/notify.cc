#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<EmailSettings> PostgresStore::GetEmailSettings(MemberId member) {
  return absl::UnimplementedError("PostgresStore::GetEmailSettings");
}

absl::Status PostgresStore::SetEmailSettings(MemberId member, const EmailSettings& settings, const std::string& language, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::SetEmailSettings");
}

absl::Status PostgresStore::SwitchOffEmail(MemberId member, EmailKind kind, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::SwitchOffEmail");
}

absl::StatusOr<std::string> PostgresStore::GetOrAddSecret(const std::string& name, const std::string& candidate) {
  return absl::UnimplementedError("PostgresStore::GetOrAddSecret");
}

absl::StatusOr<std::vector<Notification>> PostgresStore::PendingNotificationMail(int limit) {
  return absl::UnimplementedError("PostgresStore::PendingNotificationMail");
}

absl::StatusOr<int64_t> PostgresStore::CommitNotificationMail( const std::vector<NotificationMail>& mails, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::CommitNotificationMail");
}

absl::StatusOr<std::vector<Store::DigestDue>> PostgresStore::DueDigests(Timestamp now, int limit) {
  return absl::UnimplementedError("PostgresStore::DueDigests");
}

absl::StatusOr<std::vector<Notification>> PostgresStore::DigestNotifications(MemberId member, Timestamp since, int limit) {
  return absl::UnimplementedError("PostgresStore::DigestNotifications");
}

absl::StatusOr<bool> PostgresStore::CommitDigest(MemberId member, Timestamp since, Timestamp at, const std::optional<OutgoingMail>& mail) {
  return absl::UnimplementedError("PostgresStore::CommitDigest");
}

absl::StatusOr<std::vector<Post>> PostgresStore::PendingPostMail(int limit) {
  return absl::UnimplementedError("PostgresStore::PendingPostMail");
}

absl::StatusOr<bool> PostgresStore::CommitPostMail(PostId post, const std::vector<OutgoingMail>& mails, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::CommitPostMail");
}

absl::StatusOr<PostSubscription> PostgresStore::RequestPostSubscription( MemberId author, const std::string& email, const std::string& confirm_token_hash, const OutgoingMail& mail, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::RequestPostSubscription");
}

absl::StatusOr<PostSubscription> PostgresStore::ConfirmPostSubscription(const std::string& token_hash, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::ConfirmPostSubscription");
}

absl::StatusOr<PostSubscription> PostgresStore::GetPostSubscription(PostSubscriptionId id) {
  return absl::UnimplementedError("PostgresStore::GetPostSubscription");
}

absl::Status PostgresStore::Unsubscribe(PostSubscriptionId id, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::Unsubscribe");
}

absl::StatusOr<std::vector<PostSubscription>> PostgresStore::ConfirmedSubscriptions( MemberId author) {
  return absl::UnimplementedError("PostgresStore::ConfirmedSubscriptions");
}

absl::Status PostgresStore::SuppressEmail(const std::string& email, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::SuppressEmail");
}

absl::StatusOr<bool> PostgresStore::IsEmailSuppressed(const std::string& email) {
  return absl::UnimplementedError("PostgresStore::IsEmailSuppressed");
}

}  // namespace ledd::store::postgres
