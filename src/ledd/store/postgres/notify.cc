#include "ledd/store/postgres/notify.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/postgres/mail.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/store_impl.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::postgres {
namespace {

absl::Status CheckMember(Conn& conn, MemberId member) {
  static constexpr char kSql[] = "SELECT 1 FROM members WHERE id = $1";
  LEDD_ASSIGN_OR_RETURN(bool exists, Exists(conn, kSql, Params().Bind(1, member)));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  return absl::OkStatus();
}

constexpr char kSelectSubscription[] =
    "SELECT id, author, email, state, created_at, confirmed_at FROM post_subscriptions";

absl::StatusOr<std::optional<PostSubscription>> FindSubscription(Conn& conn, const std::string& sql,
                                                                 const Params& params) {
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), params));
  if (result.empty()) return std::nullopt;
  return ReadSubscription(result.row(0));
}

absl::Status StoreEmailSettings(Conn& conn, MemberId member, const EmailSettings& settings,
                                Timestamp at) {
  LEDD_RETURN_IF_ERROR(CheckMember(conn, member));
  LEDD_ASSIGN_OR_RETURN(EmailSettings before, LoadEmailSettings(conn, member));
  // A digest turned on, or to another frequency, counts from now: turning it on must
  // not mail a digest of everything since the account was made at once.
  const bool restart = before.digest != settings.digest;
  static constexpr char kSql[] =
      "INSERT INTO email_settings (member_id, invitations, accepted, posts, digest, "
      "public_posts, last_digest_at) VALUES ($1, $2, $3, $4, $5, $6, $7::bigint) "
      "ON CONFLICT (member_id) DO UPDATE SET invitations = $2, accepted = $3, posts = $4, "
      "digest = $5, public_posts = $6, "
      "last_digest_at = CASE WHEN $8::bigint <> 0 THEN $7::bigint "
      "ELSE email_settings.last_digest_at END";
  Params params;
  params.Bind(1, member)
      .Bind(2, int64_t{settings.invitations})
      .Bind(3, int64_t{settings.accepted})
      .Bind(4, int64_t{settings.posts})
      .Bind(5, DigestFrequencyName(settings.digest))
      .Bind(6, int64_t{settings.public_posts})
      .Bind(8, int64_t{restart});
  if (restart) {
    params.Bind(7, at);
  } else {
    params.BindNull(7);  // A new row: counts from the account, as without a row.
  }
  return conn.ExecCached(kSql, params).status();
}

}  // namespace

absl::StatusOr<EmailSettings> LoadEmailSettings(Conn& conn, MemberId member) {
  static constexpr char kSql[] =
      "SELECT invitations, accepted, posts, digest, public_posts FROM email_settings "
      "WHERE member_id = $1";
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, member)));
  if (result.empty()) {
    LEDD_RETURN_IF_ERROR(CheckMember(conn, member));
    return EmailSettings{};
  }
  const Row row = result.row(0);
  EmailSettings settings{.invitations = row.ColumnInt(0) != 0,
                         .accepted = row.ColumnInt(1) != 0,
                         .posts = row.ColumnInt(2) != 0,
                         .digest = DigestFrequency::kWeekly,
                         .public_posts = row.ColumnInt(4) != 0};
  absl::StatusOr<DigestFrequency> digest = ParseDigestFrequency(row.ColumnText(3));
  if (!digest.ok()) {
    return absl::DataLossError(
        fmt::format("email_settings of member {}: {}", member, MessageOf(digest.status())));
  }
  settings.digest = *digest;
  return settings;
}

absl::StatusOr<bool> IsSuppressed(Conn& conn, const std::string& email) {
  static constexpr char kSql[] = "SELECT 1 FROM mail_suppressions WHERE email = $1";
  return Exists(conn, kSql, Params().Bind(1, FoldEmail(email)));
}

absl::StatusOr<EmailSettings> PostgresStore::GetEmailSettings(MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadEmailSettings(lease.conn(), member);
}

absl::Status PostgresStore::SetEmailSettings(MemberId member, const EmailSettings& settings,
                                             const std::string& language, Timestamp at) {
  if (!language.empty() && !IsAccountLanguage(language)) {
    return absl::InvalidArgumentError(
        fmt::format("unknown language \"{}\" (expected en or nb)", language));
  }
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_RETURN_IF_ERROR(StoreEmailSettings(conn, member, settings, at));
    if (!language.empty()) {
      static constexpr char kLanguage[] = "UPDATE accounts SET language = $2 WHERE member = $1";
      LEDD_ASSIGN_OR_RETURN(Result result,
                            conn.ExecCached(kLanguage, Params().Bind(1, member).Bind(2, language)));
      if (result.affected() != 1) {
        return absl::NotFoundError(fmt::format("member {} has no account", member));
      }
    }
    return absl::OkStatus();
  });
}

absl::Status PostgresStore::SwitchOffEmail(MemberId member, EmailKind kind, Timestamp at) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_ASSIGN_OR_RETURN(EmailSettings settings, LoadEmailSettings(conn, member));
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
    return StoreEmailSettings(conn, member, settings, at);
  });
}

absl::StatusOr<std::string> PostgresStore::GetOrAddSecret(const std::string& name,
                                                          const std::string& candidate) {
  if (candidate.size() < 32) {
    return absl::InvalidArgumentError("a secret needs at least 32 bytes");
  }
  return Write<std::string>([&](Conn& conn) -> absl::StatusOr<std::string> {
    static constexpr char kInsert[] =
        "INSERT INTO server_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
    LEDD_RETURN_IF_ERROR(
        conn.ExecCached(kInsert, Params().Bind(1, name).BindBytes(2, candidate)).status());
    static constexpr char kSelect[] = "SELECT secret FROM server_secrets WHERE name = $1";
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSelect, Params().Bind(1, name)));
    std::string secret = result.empty() ? "" : result.row(0).ColumnBlob(0);
    if (secret.empty()) return absl::InternalError(fmt::format("secret {} is not stored", name));
    return secret;
  });
}

absl::StatusOr<std::vector<Notification>> PostgresStore::PendingNotificationMail(int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  static constexpr char kSql[] =
      "SELECT id, member_id, kind, subject, created_at, read_at FROM notifications "
      "WHERE mail_pending = 1 ORDER BY id LIMIT $1";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(kSql, Params().Bind(1, limit)));
  return ReadAll<Notification>(result, ReadNotification<Row>);
}

absl::StatusOr<int64_t> PostgresStore::CommitNotificationMail(
    const std::vector<NotificationMail>& mails, Timestamp at) {
  for (const NotificationMail& entry : mails) {
    if (entry.mail.has_value()) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(*entry.mail));
  }
  return Write<int64_t>([&](Conn& conn) -> absl::StatusOr<int64_t> {
    static constexpr char kMark[] =
        "UPDATE notifications SET mail_pending = 0, mailed_at = $2::bigint "
        "WHERE id = $1 AND mail_pending = 1";
    int64_t enqueued = 0;
    for (const NotificationMail& entry : mails) {
      Params params;
      params.Bind(1, entry.notification);
      if (entry.mail.has_value()) {
        params.Bind(2, at);
      } else {
        params.BindNull(2);
      }
      LEDD_ASSIGN_OR_RETURN(Result marked, conn.ExecCached(kMark, params));
      if (marked.affected() != 1) continue;  // Another mailer, or no such notification.
      if (entry.mail.has_value()) {
        LEDD_RETURN_IF_ERROR(InsertMail(conn, *entry.mail).status());
        ++enqueued;
      }
    }
    return enqueued;
  });
}

absl::StatusOr<std::vector<Store::DigestDue>> PostgresStore::DueDigests(Timestamp now, int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  static constexpr char kSql[] =
      "SELECT member, digest, since FROM (SELECT a.member AS member, "
      "coalesce(s.digest, 'weekly') AS digest, "
      "coalesce(s.last_digest_at, a.created_at) AS since "
      "FROM accounts a LEFT JOIN email_settings s ON s.member_id = a.member) d "
      "WHERE (digest = 'daily' AND since <= $1::bigint - 86400) OR "
      "(digest = 'weekly' AND since <= $1::bigint - 604800) ORDER BY since, member LIMIT $2";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result,
                        lease->ExecCached(kSql, Params().Bind(1, now).Bind(2, limit)));
  return ReadAll<DigestDue>(result, [](const Row& row) -> absl::StatusOr<DigestDue> {
    LEDD_ASSIGN_OR_RETURN(DigestFrequency frequency, ParseDigestFrequency(row.ColumnText(1)));
    return DigestDue{.member = row.ColumnInt(0), .frequency = frequency, .since = row.ColumnInt(2)};
  });
}

absl::StatusOr<std::vector<Notification>> PostgresStore::DigestNotifications(MemberId member,
                                                                             Timestamp since,
                                                                             int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  static constexpr char kSql[] =
      "SELECT id, member_id, kind, subject, created_at, read_at FROM notifications "
      "WHERE member_id = $1 AND created_at > $2 AND read_at IS NULL AND mail_pending = 0 "
      "AND mailed_at IS NULL ORDER BY created_at, id LIMIT $3";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(
      Result result,
      lease->ExecCached(kSql, Params().Bind(1, member).Bind(2, since).Bind(3, limit)));
  return ReadAll<Notification>(result, ReadNotification<Row>);
}

absl::StatusOr<bool> PostgresStore::CommitDigest(MemberId member, Timestamp since, Timestamp at,
                                                 const std::optional<OutgoingMail>& mail) {
  if (mail.has_value()) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(*mail));
  return Write<bool>([&](Conn& conn) -> absl::StatusOr<bool> {
    static constexpr char kCurrent[] =
        "SELECT coalesce(s.last_digest_at, a.created_at) FROM accounts a "
        "LEFT JOIN email_settings s ON s.member_id = a.member WHERE a.member = $1";
    LEDD_ASSIGN_OR_RETURN(Result current, conn.ExecCached(kCurrent, Params().Bind(1, member)));
    if (current.empty()) {
      return absl::NotFoundError(fmt::format("member {} has no account", member));
    }
    if (current.row(0).ColumnInt(0) != since) return false;
    static constexpr char kUpsert[] =
        "INSERT INTO email_settings (member_id, last_digest_at) VALUES ($1, $2) "
        "ON CONFLICT (member_id) DO UPDATE SET last_digest_at = $2";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kUpsert, Params().Bind(1, member).Bind(2, at)).status());
    if (mail.has_value()) LEDD_RETURN_IF_ERROR(InsertMail(conn, *mail).status());
    return true;
  });
}

absl::StatusOr<std::vector<Post>> PostgresStore::PendingPostMail(int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  static constexpr char kSql[] =
      "SELECT id, author, title, body, created_at, views, edited_at, removed_at FROM posts "
      "WHERE mail_pending = 1 ORDER BY id LIMIT $1";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(kSql, Params().Bind(1, limit)));
  return ReadAll<Post>(result, [](const Row& row) -> Post {
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

absl::StatusOr<bool> PostgresStore::CommitPostMail(PostId post,
                                                   const std::vector<OutgoingMail>& mails,
                                                   Timestamp) {
  for (const OutgoingMail& mail : mails) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
  return Write<bool>([&](Conn& conn) -> absl::StatusOr<bool> {
    static constexpr char kPending[] = "SELECT mail_pending FROM posts WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(Result pending, conn.ExecCached(kPending, Params().Bind(1, post)));
    if (pending.empty()) return absl::NotFoundError(fmt::format("post {} does not exist", post));
    if (pending.row(0).ColumnInt(0) == 0) return false;
    static constexpr char kMark[] = "UPDATE posts SET mail_pending = 0 WHERE id = $1";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kMark, Params().Bind(1, post)).status());
    for (const OutgoingMail& mail : mails) {
      LEDD_RETURN_IF_ERROR(InsertMail(conn, mail).status());
    }
    return true;
  });
}

absl::StatusOr<PostSubscription> PostgresStore::RequestPostSubscription(
    MemberId author, const std::string& email, const std::string& confirm_token_hash,
    const OutgoingMail& mail, Timestamp at) {
  LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
  const std::string folded = FoldEmail(email);
  LEDD_RETURN_IF_ERROR(ValidateEmail(folded));
  if (confirm_token_hash.empty()) {
    return absl::InvalidArgumentError("a subscription needs the hash of its confirmation token");
  }
  return Write<PostSubscription>([&](Conn& conn) -> absl::StatusOr<PostSubscription> {
    const absl::Status no_posts =
        absl::NotFoundError(fmt::format("member {} does not publish posts", author));
    static constexpr char kMember[] = "SELECT 1 FROM members WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(bool exists, Exists(conn, kMember, Params().Bind(1, author)));
    if (!exists) return no_posts;
    LEDD_ASSIGN_OR_RETURN(EmailSettings settings, LoadEmailSettings(conn, author));
    if (!settings.public_posts) return no_posts;

    static const std::string by_pair =
        fmt::format("{} WHERE author = $1 AND email = $2", kSelectSubscription);
    LEDD_ASSIGN_OR_RETURN(
        std::optional<PostSubscription> found,
        FindSubscription(conn, by_pair, Params().Bind(1, author).Bind(2, folded)));
    if (found.has_value() && found->state == PostSubscriptionState::kConfirmed) return *found;
    static constexpr char kUpsert[] =
        "INSERT INTO post_subscriptions (author, email, state, confirm_hash, created_at, "
        "updated_at) VALUES ($1, $2, 'pending', $3, $4, $4) "
        "ON CONFLICT (author, email) DO UPDATE SET state = 'pending', confirm_hash = $3, "
        "created_at = $4, updated_at = $4, confirmed_at = NULL";
    Params params;
    params.Bind(1, author).Bind(2, folded).BindBytes(3, confirm_token_hash).Bind(4, at);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kUpsert, params).status());
    LEDD_RETURN_IF_ERROR(InsertMail(conn, mail).status());
    LEDD_ASSIGN_OR_RETURN(
        found, FindSubscription(conn, by_pair, Params().Bind(1, author).Bind(2, folded)));
    if (!found.has_value()) return absl::InternalError("the subscription was not stored");
    return *found;
  });
}

absl::StatusOr<PostSubscription> PostgresStore::ConfirmPostSubscription(
    const std::string& token_hash, Timestamp at) {
  return Write<PostSubscription>([&](Conn& conn) -> absl::StatusOr<PostSubscription> {
    static const std::string by_token =
        fmt::format("{} WHERE confirm_hash = $1", kSelectSubscription);
    LEDD_ASSIGN_OR_RETURN(std::optional<PostSubscription> found,
                          FindSubscription(conn, by_token, Params().BindBytes(1, token_hash)));
    if (!found.has_value() || found->state == PostSubscriptionState::kUnsubscribed) {
      return absl::NotFoundError("the subscription link is unknown or no longer valid");
    }
    if (found->state == PostSubscriptionState::kConfirmed) return *found;
    static constexpr char kConfirm[] =
        "UPDATE post_subscriptions SET state = 'confirmed', confirmed_at = $2, updated_at = $2 "
        "WHERE id = $1";
    LEDD_RETURN_IF_ERROR(
        conn.ExecCached(kConfirm, Params().Bind(1, found->id).Bind(2, at)).status());
    found->state = PostSubscriptionState::kConfirmed;
    found->confirmed_at = at;
    return *found;
  });
}

absl::StatusOr<PostSubscription> PostgresStore::GetPostSubscription(PostSubscriptionId id) {
  static const std::string by_id = fmt::format("{} WHERE id = $1", kSelectSubscription);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(std::optional<PostSubscription> found,
                        FindSubscription(lease.conn(), by_id, Params().Bind(1, id)));
  if (!found.has_value()) {
    return absl::NotFoundError(fmt::format("subscription {} does not exist", id));
  }
  return *found;
}

absl::Status PostgresStore::Unsubscribe(PostSubscriptionId id, Timestamp at) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    static constexpr char kSql[] =
        "UPDATE post_subscriptions SET state = 'unsubscribed', "
        "updated_at = CASE WHEN state <> 'unsubscribed' THEN $2 ELSE updated_at END "
        "WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, id).Bind(2, at)));
    if (result.affected() == 0) {
      return absl::NotFoundError(fmt::format("subscription {} does not exist", id));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<PostSubscription>> PostgresStore::ConfirmedSubscriptions(
    MemberId author) {
  static const std::string sql =
      fmt::format("{} WHERE author = $1 AND state = 'confirmed' ORDER BY id", kSelectSubscription);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(sql.c_str(), Params().Bind(1, author)));
  return ReadAll<PostSubscription>(result, ReadSubscription<Row>);
}

absl::Status PostgresStore::SuppressEmail(const std::string& email, Timestamp at) {
  const std::string folded = FoldEmail(email);
  LEDD_RETURN_IF_ERROR(ValidateEmail(folded));
  return WriteStatus([&](Conn& conn) -> absl::Status {
    static constexpr char kSql[] =
        "INSERT INTO mail_suppressions (email, created_at) VALUES ($1, $2) "
        "ON CONFLICT (email) DO NOTHING";
    return conn.ExecCached(kSql, Params().Bind(1, folded).Bind(2, at)).status();
  });
}

absl::StatusOr<bool> PostgresStore::IsEmailSuppressed(const std::string& email) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return IsSuppressed(lease.conn(), email);
}

}  // namespace ledd::store::postgres
