#pragma once
// Mail about notifications and email subscriptions in SQLite: the statements behind
// the Store's "email notifications" methods, as functions over a Db so that the
// store's single-writer class only wraps them in its lock and transaction. Writers here
// must run inside the caller's write transaction; they enqueue their mail in it
// (sqlite/mail.h), so a mail exists exactly when the write that causes it committed.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/store.h"

namespace ledd::store::sqlite {

absl::StatusOr<EmailSettings> LoadEmailSettings(Db& db, MemberId member);
absl::Status StoreEmailSettings(Db& db, MemberId member, const EmailSettings& settings,
                                Timestamp at);
absl::Status SwitchOff(Db& db, MemberId member, EmailKind kind, Timestamp at);
absl::StatusOr<std::string> SecretOrAdd(Db& db, const std::string& name,
                                        const std::string& candidate);

absl::StatusOr<std::vector<Notification>> LoadPendingNotificationMail(Db& db, int limit);
absl::StatusOr<int64_t> MarkNotificationMail(Db& db,
                                             const std::vector<Store::NotificationMail>& mails,
                                             Timestamp at);
absl::StatusOr<std::vector<Store::DigestDue>> LoadDueDigests(Db& db, Timestamp now, int limit);
absl::StatusOr<std::vector<Notification>> LoadDigestNotifications(Db& db, MemberId member,
                                                                  Timestamp since, int limit);
absl::StatusOr<bool> RecordDigest(Db& db, MemberId member, Timestamp since, Timestamp at,
                                  const std::optional<OutgoingMail>& mail);

absl::StatusOr<std::vector<Post>> LoadPendingPostMail(Db& db, int limit);
absl::StatusOr<bool> MarkPostMail(Db& db, PostId post, const std::vector<OutgoingMail>& mails);

absl::StatusOr<PostSubscription> RequestSubscription(Db& db, MemberId author,
                                                     const std::string& email,
                                                     const std::string& confirm_token_hash,
                                                     const OutgoingMail& mail, Timestamp at);
absl::StatusOr<PostSubscription> ConfirmSubscription(Db& db, const std::string& token_hash,
                                                     Timestamp at);
absl::StatusOr<PostSubscription> LoadSubscription(Db& db, PostSubscriptionId id);
absl::Status EndSubscription(Db& db, PostSubscriptionId id, Timestamp at);
absl::StatusOr<std::vector<PostSubscription>> LoadConfirmedSubscriptions(Db& db, MemberId author);

absl::Status Suppress(Db& db, const std::string& email, Timestamp at);
absl::StatusOr<bool> IsSuppressed(Db& db, const std::string& email);

}  // namespace ledd::store::sqlite
