#include "ledd/store/sqlite/notify.h"

#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/sqlite/mail.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::sqlite {
namespace {

absl::StatusOr<bool> MemberExists(Db& db, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached("SELECT 1 FROM members WHERE id = ?1"));
  statement->Bind(1, member);
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();
  return row;
}

absl::Status CheckMember(Db& db, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(db, member));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  return absl::OkStatus();
}

template <typename Record, typename Read>
absl::StatusOr<std::vector<Record>> ReadRows(Statement& statement, Read read) {
  std::vector<Record> records;
  while (true) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok() || !*row) {
      statement.Reset();
      if (!row.ok()) return row.status();
      return records;
    }
    absl::StatusOr<Record> record = read(statement);
    if (!record.ok()) {
      statement.Reset();
      return record.status();
    }
    records.push_back(*std::move(record));
  }
}

constexpr char kSelectSubscription[] =
    "SELECT id, author, email, state, created_at, confirmed_at FROM post_subscriptions";

absl::StatusOr<std::optional<PostSubscription>> FindSubscription(Db& db, const std::string& sql,
                                                                 auto bind) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  bind(*statement);
  LEDD_ASSIGN_OR_RETURN(std::vector<PostSubscription> found,
                        ReadRows<PostSubscription>(*statement, ReadSubscription<Statement>));
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace

absl::StatusOr<EmailSettings> LoadEmailSettings(Db& db, MemberId member) {
  static constexpr char kSql[] =
      "SELECT invitations, accepted, posts, digest, public_posts FROM email_settings "
      "WHERE member_id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member);
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok() || !*row) {
    statement->Reset();
    if (!row.ok()) return row.status();
    LEDD_RETURN_IF_ERROR(CheckMember(db, member));
    return EmailSettings{};
  }
  EmailSettings settings{.invitations = statement->ColumnInt(0) != 0,
                         .accepted = statement->ColumnInt(1) != 0,
                         .posts = statement->ColumnInt(2) != 0,
                         .digest = DigestFrequency::kWeekly,
                         .public_posts = statement->ColumnInt(4) != 0};
  absl::StatusOr<DigestFrequency> digest = ParseDigestFrequency(statement->ColumnText(3));
  statement->Reset();
  if (!digest.ok()) {
    return absl::DataLossError(
        fmt::format("email_settings of member {}: {}", member, MessageOf(digest.status())));
  }
  settings.digest = *digest;
  return settings;
}

absl::Status StoreEmailSettings(Db& db, MemberId member, const EmailSettings& settings,
                                Timestamp at) {
  LEDD_RETURN_IF_ERROR(CheckMember(db, member));
  LEDD_ASSIGN_OR_RETURN(EmailSettings before, LoadEmailSettings(db, member));
  // A digest turned on, or to another frequency, counts from now: turning it on must
  // not mail a digest of everything since the account was made at once.
  const bool restart = before.digest != settings.digest;
  static constexpr char kSql[] =
      "INSERT INTO email_settings (member_id, invitations, accepted, posts, digest, "
      "public_posts, last_digest_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT (member_id) DO UPDATE SET invitations = ?2, accepted = ?3, posts = ?4, "
      "digest = ?5, public_posts = ?6, "
      "last_digest_at = CASE WHEN ?8 THEN ?7 ELSE last_digest_at END";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member)
      .Bind(2, int64_t{settings.invitations})
      .Bind(3, int64_t{settings.accepted})
      .Bind(4, int64_t{settings.posts})
      .Bind(5, DigestFrequencyName(settings.digest))
      .Bind(6, int64_t{settings.public_posts})
      .Bind(8, int64_t{restart});
  if (restart) {
    statement->Bind(7, at);
  } else {
    statement->BindNull(7);  // A new row: counts from the account, as without a row.
  }
  return statement->Run();
}

absl::Status SwitchOff(Db& db, MemberId member, EmailKind kind, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(EmailSettings settings, LoadEmailSettings(db, member));
  switch (kind) {
    case EmailKind::kInvitations:
      settings.invitations = false;
      break;
    case EmailKind::kAccepted:
      settings.accepted = false;
      break;
    case EmailKind::kPosts:
      settings.posts = false;
      break;
    case EmailKind::kDigest:
      settings.digest = DigestFrequency::kOff;
      break;
  }
  return StoreEmailSettings(db, member, settings, at);
}

absl::StatusOr<std::string> SecretOrAdd(Db& db, const std::string& name,
                                        const std::string& candidate) {
  if (candidate.size() < 32) {
    return absl::InvalidArgumentError("a secret needs at least 32 bytes");
  }
  static constexpr char kInsert[] =
      "INSERT INTO server_secrets (name, secret) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING";
  LEDD_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsert));
  insert->Bind(1, std::string_view(name)).BindBlob(2, candidate);
  LEDD_RETURN_IF_ERROR(insert->Run());
  LEDD_ASSIGN_OR_RETURN(Statement * select,
                        db.Cached("SELECT secret FROM server_secrets WHERE name = ?1"));
  select->Bind(1, std::string_view(name));
  absl::StatusOr<bool> row = select->Step();
  std::string secret = row.ok() && *row ? select->ColumnBlob(0) : "";
  select->Reset();
  if (!row.ok()) return row.status();
  if (secret.empty()) return absl::InternalError(fmt::format("secret {} is not stored", name));
  return secret;
}

absl::StatusOr<std::vector<Notification>> LoadPendingNotificationMail(Db& db, int limit) {
  static constexpr char kSql[] =
      "SELECT id, member_id, kind, subject, created_at, read_at FROM notifications "
      "WHERE mail_pending = 1 ORDER BY id LIMIT ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, int64_t{limit});
  return ReadRows<Notification>(*statement, ReadNotification<Statement>);
}

absl::StatusOr<int64_t> MarkNotificationMail(Db& db,
                                             const std::vector<Store::NotificationMail>& mails,
                                             Timestamp at) {
  static constexpr char kMark[] =
      "UPDATE notifications SET mail_pending = 0, mailed_at = ?2 "
      "WHERE id = ?1 AND mail_pending = 1";
  int64_t enqueued = 0;
  for (const Store::NotificationMail& entry : mails) {
    LEDD_ASSIGN_OR_RETURN(Statement * mark, db.Cached(kMark));
    mark->Bind(1, entry.notification);
    if (entry.mail.has_value()) {
      mark->Bind(2, at);
    } else {
      mark->BindNull(2);
    }
    LEDD_RETURN_IF_ERROR(mark->Run());
    if (db.Changes() != 1) continue;  // Another mailer, or no such notification.
    if (entry.mail.has_value()) {
      LEDD_RETURN_IF_ERROR(InsertMail(db, *entry.mail).status());
      ++enqueued;
    }
  }
  return enqueued;
}

absl::StatusOr<std::vector<Store::DigestDue>> LoadDueDigests(Db& db, Timestamp now, int limit) {
  static constexpr char kSql[] =
      "SELECT member, digest, since FROM (SELECT a.member AS member, "
      "coalesce(s.digest, 'weekly') AS digest, "
      "coalesce(s.last_digest_at, a.created_at) AS since "
      "FROM accounts a LEFT JOIN email_settings s ON s.member_id = a.member) "
      "WHERE (digest = 'daily' AND since <= ?1 - 86400) OR "
      "(digest = 'weekly' AND since <= ?1 - 604800) ORDER BY since, member LIMIT ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, now).Bind(2, int64_t{limit});
  return ReadRows<Store::DigestDue>(
      *statement, [](const Statement& row) -> absl::StatusOr<Store::DigestDue> {
        LEDD_ASSIGN_OR_RETURN(DigestFrequency frequency, ParseDigestFrequency(row.ColumnText(1)));
        return Store::DigestDue{
            .member = row.ColumnInt(0), .frequency = frequency, .since = row.ColumnInt(2)};
      });
}

absl::StatusOr<std::vector<Notification>> LoadDigestNotifications(Db& db, MemberId member,
                                                                  Timestamp since, int limit) {
  static constexpr char kSql[] =
      "SELECT id, member_id, kind, subject, created_at, read_at FROM notifications "
      "WHERE member_id = ?1 AND created_at > ?2 AND read_at IS NULL AND mail_pending = 0 "
      "AND mailed_at IS NULL ORDER BY created_at, id LIMIT ?3";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, since).Bind(3, int64_t{limit});
  return ReadRows<Notification>(*statement, ReadNotification<Statement>);
}

absl::StatusOr<bool> RecordDigest(Db& db, MemberId member, Timestamp since, Timestamp at,
                                  const std::optional<OutgoingMail>& mail) {
  LEDD_ASSIGN_OR_RETURN(Statement * current,
                        db.Cached("SELECT coalesce(s.last_digest_at, a.created_at) FROM "
                                  "accounts a LEFT JOIN email_settings s ON s.member_id = "
                                  "a.member WHERE a.member = ?1"));
  current->Bind(1, member);
  absl::StatusOr<bool> row = current->Step();
  const std::optional<Timestamp> last =
      row.ok() && *row ? std::optional<Timestamp>(current->ColumnInt(0)) : std::nullopt;
  current->Reset();
  if (!row.ok()) return row.status();
  if (!last.has_value()) return absl::NotFoundError(fmt::format("member {} has no account", member));
  if (*last != since) return false;
  static constexpr char kUpsert[] =
      "INSERT INTO email_settings (member_id, last_digest_at) VALUES (?1, ?2) "
      "ON CONFLICT (member_id) DO UPDATE SET last_digest_at = ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * upsert, db.Cached(kUpsert));
  upsert->Bind(1, member).Bind(2, at);
  LEDD_RETURN_IF_ERROR(upsert->Run());
  if (mail.has_value()) LEDD_RETURN_IF_ERROR(InsertMail(db, *mail).status());
  return true;
}

absl::StatusOr<std::vector<Post>> LoadPendingPostMail(Db& db, int limit) {
  static constexpr char kSql[] =
      "SELECT id, author, title, body, created_at, views, edited_at, removed_at FROM posts "
      "WHERE mail_pending = 1 ORDER BY id LIMIT ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, int64_t{limit});
  return ReadRows<Post>(*statement, [](const Statement& row) -> absl::StatusOr<Post> {
    return Post{.id = row.ColumnInt(0),
                .author = row.ColumnInt(1),
                .title = row.ColumnText(2),
                .body = row.ColumnText(3),
                .created_at = row.ColumnInt(4),
                .views = row.ColumnInt(5),
                .edited_at = row.ColumnOptionalInt(6),
                .removed_at = row.ColumnOptionalInt(7)};
  });
}

absl::StatusOr<bool> MarkPostMail(Db& db, PostId post, const std::vector<OutgoingMail>& mails) {
  LEDD_ASSIGN_OR_RETURN(Statement * exists, db.Cached("SELECT mail_pending FROM posts WHERE id = ?1"));
  exists->Bind(1, post);
  absl::StatusOr<bool> row = exists->Step();
  const int64_t pending = row.ok() && *row ? exists->ColumnInt(0) : -1;
  exists->Reset();
  if (!row.ok()) return row.status();
  if (pending < 0) return absl::NotFoundError(fmt::format("post {} does not exist", post));
  if (pending == 0) return false;
  LEDD_ASSIGN_OR_RETURN(Statement * mark,
                        db.Cached("UPDATE posts SET mail_pending = 0 WHERE id = ?1"));
  mark->Bind(1, post);
  LEDD_RETURN_IF_ERROR(mark->Run());
  for (const OutgoingMail& mail : mails) {
    LEDD_RETURN_IF_ERROR(InsertMail(db, mail).status());
  }
  return true;
}

absl::StatusOr<PostSubscription> RequestSubscription(Db& db, MemberId author,
                                                     const std::string& email,
                                                     const std::string& confirm_token_hash,
                                                     const OutgoingMail& mail, Timestamp at) {
  const std::string folded = FoldEmail(email);
  LEDD_RETURN_IF_ERROR(ValidateEmail(folded));
  if (confirm_token_hash.empty()) {
    return absl::InvalidArgumentError("a subscription needs the hash of its confirmation token");
  }
  const absl::Status no_posts =
      absl::NotFoundError(fmt::format("member {} does not publish posts", author));
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(db, author));
  if (!exists) return no_posts;
  LEDD_ASSIGN_OR_RETURN(EmailSettings settings, LoadEmailSettings(db, author));
  if (!settings.public_posts) return no_posts;

  static const std::string by_pair =
      fmt::format("{} WHERE author = ?1 AND email = ?2", kSelectSubscription);
  LEDD_ASSIGN_OR_RETURN(std::optional<PostSubscription> found,
                        FindSubscription(db, by_pair, [&](Statement& statement) {
                          statement.Bind(1, author).Bind(2, std::string_view(folded));
                        }));
  if (found.has_value() && found->state == PostSubscriptionState::kConfirmed) return *found;
  static constexpr char kUpsert[] =
      "INSERT INTO post_subscriptions (author, email, state, confirm_hash, created_at, "
      "updated_at) VALUES (?1, ?2, 'pending', ?3, ?4, ?4) "
      "ON CONFLICT (author, email) DO UPDATE SET state = 'pending', confirm_hash = ?3, "
      "created_at = ?4, updated_at = ?4, confirmed_at = NULL";
  LEDD_ASSIGN_OR_RETURN(Statement * upsert, db.Cached(kUpsert));
  upsert->Bind(1, author)
      .Bind(2, std::string_view(folded))
      .BindBlob(3, confirm_token_hash)
      .Bind(4, at);
  LEDD_RETURN_IF_ERROR(upsert->Run());
  LEDD_RETURN_IF_ERROR(InsertMail(db, mail).status());
  LEDD_ASSIGN_OR_RETURN(found, FindSubscription(db, by_pair, [&](Statement& statement) {
                          statement.Bind(1, author).Bind(2, std::string_view(folded));
                        }));
  if (!found.has_value()) return absl::InternalError("the subscription was not stored");
  return *found;
}

absl::StatusOr<PostSubscription> ConfirmSubscription(Db& db, const std::string& token_hash,
                                                     Timestamp at) {
  static const std::string by_token =
      fmt::format("{} WHERE confirm_hash = ?1", kSelectSubscription);
  LEDD_ASSIGN_OR_RETURN(std::optional<PostSubscription> found,
                        FindSubscription(db, by_token, [&](Statement& statement) {
                          statement.BindBlob(1, token_hash);
                        }));
  if (!found.has_value() || found->state == PostSubscriptionState::kUnsubscribed) {
    return absl::NotFoundError("the subscription link is unknown or no longer valid");
  }
  if (found->state == PostSubscriptionState::kConfirmed) return *found;
  LEDD_ASSIGN_OR_RETURN(Statement * update,
                        db.Cached("UPDATE post_subscriptions SET state = 'confirmed', "
                                  "confirmed_at = ?2, updated_at = ?2 WHERE id = ?1"));
  update->Bind(1, found->id).Bind(2, at);
  LEDD_RETURN_IF_ERROR(update->Run());
  found->state = PostSubscriptionState::kConfirmed;
  found->confirmed_at = at;
  return *found;
}

absl::StatusOr<PostSubscription> LoadSubscription(Db& db, PostSubscriptionId id) {
  static const std::string by_id = fmt::format("{} WHERE id = ?1", kSelectSubscription);
  LEDD_ASSIGN_OR_RETURN(std::optional<PostSubscription> found,
                        FindSubscription(db, by_id, [&](Statement& statement) {
                          statement.Bind(1, id);
                        }));
  if (!found.has_value()) {
    return absl::NotFoundError(fmt::format("subscription {} does not exist", id));
  }
  return *found;
}

absl::Status EndSubscription(Db& db, PostSubscriptionId id, Timestamp at) {
  LEDD_RETURN_IF_ERROR(LoadSubscription(db, id).status());
  LEDD_ASSIGN_OR_RETURN(Statement * update,
                        db.Cached("UPDATE post_subscriptions SET state = 'unsubscribed', "
                                  "updated_at = ?2 WHERE id = ?1 AND state <> 'unsubscribed'"));
  update->Bind(1, id).Bind(2, at);
  return update->Run();
}

absl::StatusOr<std::vector<PostSubscription>> LoadConfirmedSubscriptions(Db& db,
                                                                         MemberId author) {
  static const std::string sql = fmt::format(
      "{} WHERE author = ?1 AND state = 'confirmed' ORDER BY id", kSelectSubscription);
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  statement->Bind(1, author);
  return ReadRows<PostSubscription>(*statement, ReadSubscription<Statement>);
}

absl::Status Suppress(Db& db, const std::string& email, Timestamp at) {
  const std::string folded = FoldEmail(email);
  LEDD_RETURN_IF_ERROR(ValidateEmail(folded));
  LEDD_ASSIGN_OR_RETURN(Statement * insert,
                        db.Cached("INSERT INTO mail_suppressions (email, created_at) VALUES "
                                  "(?1, ?2) ON CONFLICT (email) DO NOTHING"));
  insert->Bind(1, std::string_view(folded)).Bind(2, at);
  return insert->Run();
}

absl::StatusOr<bool> IsSuppressed(Db& db, const std::string& email) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement,
                        db.Cached("SELECT 1 FROM mail_suppressions WHERE email = ?1"));
  const std::string folded = FoldEmail(email);
  statement->Bind(1, std::string_view(folded));
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();
  return row;
}

}  // namespace ledd::store::sqlite
