#include "ledd/store/postgres/social.h"

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/store_impl.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::postgres {
namespace {

constexpr char kSelectPost[] =
    "SELECT id, author, title, body, created_at, views, edited_at, removed_at FROM posts "
    "WHERE id = $1 AND deleted_at IS NULL";

// The lists' condition for store.h's hidden content, for a table aliased `alias` with
// parameter `viewer` the viewer and `now` the time: not deleted, and either the
// viewer's own or neither removed nor by a member suspended at `now`.
std::string VisibleTo(std::string_view alias, int viewer = 4, int now = 5) {
  return fmt::format(
      "{0}.deleted_at IS NULL AND ({0}.author = ${1}::bigint OR ({0}.removed_at IS NULL AND "
      "NOT EXISTS (SELECT 1 FROM accounts s WHERE s.member = {0}.author AND "
      "s.suspended_until > ${2}::bigint)))",
      alias, viewer, now);
}

absl::Status CheckMember(Conn& conn, MemberId member) {
  static constexpr char kSql[] = "SELECT 1 FROM members WHERE id = $1";
  LEDD_ASSIGN_OR_RETURN(bool exists, Exists(conn, kSql, Params().Bind(1, member)));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  return absl::OkStatus();
}

// Whether `blocker` has blocked `blocked`.
absl::StatusOr<bool> HasBlocked(Conn& conn, MemberId blocker, MemberId blocked) {
  static constexpr char kSql[] = "SELECT 1 FROM blocks WHERE blocker = $1 AND blocked = $2";
  return Exists(conn, kSql, Params().Bind(1, blocker).Bind(2, blocked));
}

// What an unknown post gets; also the answer to a member its author has blocked, so
// that they cannot tell the two apart.
absl::Status PostNotFound(PostId id) {
  return absl::NotFoundError(fmt::format("post {} does not exist", id));
}

absl::Status CheckPaging(const PostListOptions& options) {
  if (options.limit < 0 || options.offset < 0) {
    return absl::InvalidArgumentError("limit and offset must not be negative");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Post>> LoadPosts(Conn& conn, const std::string& sql, MemberId member,
                                            const PostListOptions& options) {
  LEDD_RETURN_IF_ERROR(CheckPaging(options));
  Params params;
  params.Bind(1, member).Bind(2, options.limit).Bind(3, options.offset);
  params.Bind(4, options.as.viewer).Bind(5, options.as.now);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), params));
  return ReadAll<Post>(result, ReadPost<Row>);
}

absl::StatusOr<std::optional<Timestamp>> LoadFirstView(Conn& conn, PostId post, MemberId viewer) {
  static constexpr char kSql[] =
      "SELECT min(at) FROM post_views WHERE post_id = $1 AND viewer = $2";
  return conn.QueryOptionalInt(kSql, Params().Bind(1, post).Bind(2, viewer));
}

absl::StatusOr<Appearance> LoadAppearance(Conn& conn, AppearanceId id) {
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectAppearances);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), Params().Bind(1, id)));
  if (result.empty()) {
    return absl::NotFoundError(fmt::format("appearance {} does not exist", id));
  }
  return ReadAppearance(result.row(0));
}

absl::StatusOr<Attention> LoadAttention(Conn& conn, MemberId sender, MemberId recipient,
                                        Timestamp seasoned_before, Timestamp until) {
  Attention attention;
  // Comments through comments_by_author: a sender writes few comments, a recipient's
  // posts may have many.
  static constexpr char kComments[] =
      "SELECT coalesce(sum((c.created_at < $3)::int), 0), "
      "coalesce(sum((c.created_at >= $3 AND c.created_at <= $4)::int), 0) "
      "FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.author = $1 AND p.author = $2";
  // Each post counts once, at its first read.
  static constexpr char kReads[] =
      "SELECT coalesce(sum((first < $3)::int), 0), "
      "coalesce(sum((first >= $3 AND first <= $4)::int), 0) "
      "FROM (SELECT min(v.at) AS first FROM post_views v JOIN posts p ON p.id = v.post_id "
      "WHERE v.viewer = $1 AND p.author = $2 GROUP BY v.post_id) f";
  Params params;
  params.Bind(1, sender).Bind(2, recipient).Bind(3, seasoned_before).Bind(4, until);
  for (auto [sql, seasoned, fresh] :
       {std::tuple{kComments, &attention.comments, &attention.fresh_comments},
        std::tuple{kReads, &attention.posts_read, &attention.fresh_posts_read}}) {
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql, params));
    if (!result.empty()) {
      *seasoned = result.row(0).ColumnInt(0);
      *fresh = result.row(0).ColumnInt(1);
    }
  }
  static constexpr char kFollow[] =
      "SELECT created_at FROM follows WHERE follower = $1 AND followee = $2";
  for (auto [follower, followee, since] :
       {std::tuple{sender, recipient, &attention.sender_follows_since},
        std::tuple{recipient, sender, &attention.recipient_follows_since}}) {
    LEDD_ASSIGN_OR_RETURN(Result result,
                          conn.ExecCached(kFollow, Params().Bind(1, follower).Bind(2, followee)));
    if (!result.empty()) *since = result.row(0).ColumnInt(0);
  }
  return attention;
}

// The post a member may change: theirs, not deleted. Removed ones may still be deleted.
absl::StatusOr<Post> OwnPost(Conn& conn, PostId id, MemberId member, std::string_view verb) {
  LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(conn, id));
  if (post.author != member) {
    return absl::PermissionDeniedError(fmt::format("only its author can {} post {}", verb, id));
  }
  return post;
}

absl::Status RemovedByModerator(std::string_view what, int64_t id) {
  return absl::FailedPreconditionError(
      fmt::format("{} {} was removed by a moderator and cannot be edited", what, id));
}

}  // namespace

absl::StatusOr<Post> LoadPost(Conn& conn, PostId id) {
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSelectPost, Params().Bind(1, id)));
  if (result.empty()) return PostNotFound(id);
  return ReadPost(result.row(0));
}

absl::StatusOr<Comment> LoadComment(Conn& conn, CommentId id) {
  static constexpr char kSql[] =
      "SELECT id, post_id, author, body, created_at, edited_at, removed_at FROM comments "
      "WHERE id = $1 AND deleted_at IS NULL";
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, id)));
  if (result.empty()) return absl::NotFoundError(fmt::format("comment {} does not exist", id));
  return ReadComment(result.row(0));
}

absl::StatusOr<bool> AuthorSuspended(Conn& conn, MemberId author, Timestamp at) {
  static constexpr char kSql[] =
      "SELECT 1 FROM accounts WHERE member = $1 AND suspended_until > $2";
  return Exists(conn, kSql, Params().Bind(1, author).Bind(2, at));
}

// Whether content by `author` (removed at `removed_at`, if ever) is hidden from `as`
// (store.h "moderation").
absl::StatusOr<bool> HiddenFrom(Conn& conn, MemberId author, std::optional<Timestamp> removed_at,
                                const ContentViewer& as) {
  if (as.viewer == author) return false;
  if (removed_at.has_value()) return true;
  return AuthorSuspended(conn, author, as.now);
}

absl::Status Notify(Conn& conn, MemberId member, NotificationKind kind, int64_t subject,
                    Timestamp at) {
  static constexpr char kSql[] =
      "INSERT INTO notifications (member_id, kind, subject, created_at) VALUES ($1, $2, $3, $4)";
  Params params;
  params.Bind(1, member).Bind(2, NotificationKindName(kind)).Bind(3, subject).Bind(4, at);
  return conn.ExecCached(kSql, params).status();
}

absl::Status CheckVia(Conn& conn, const InvitationRequest& request) {
  const InvitationVia& via = request.via;
  switch (via.kind) {
    case InvitationVia::Kind::kNone:
      return absl::OkStatus();
    case InvitationVia::Kind::kPost: {
      absl::StatusOr<Post> post = LoadPost(conn, via.id);
      if (!post.ok() && post.status().code() != absl::StatusCode::kNotFound) {
        return post.status();
      }
      if (!post.ok() || post->author != request.to) {
        return absl::InvalidArgumentError(
            fmt::format("the invitation cannot come from post {}: it is not a post of member {}",
                        via.id, request.to));
      }
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> read,
                            LoadFirstView(conn, via.id, request.from));
      if (!read.has_value() || *read > request.at) {
        return absl::InvalidArgumentError(
            fmt::format("the invitation cannot come from post {}: member {} has not read it",
                        via.id, request.from));
      }
      return absl::OkStatus();
    }
    case InvitationVia::Kind::kAppearance: {
      absl::StatusOr<Appearance> appearance = LoadAppearance(conn, via.id);
      if (!appearance.ok() && appearance.status().code() != absl::StatusCode::kNotFound) {
        return appearance.status();
      }
      if (!appearance.ok() || appearance->member != request.to) {
        return absl::InvalidArgumentError(
            fmt::format("the invitation cannot come from appearance {}: it is not an appearance of "
                        "member {}",
                        via.id, request.to));
      }
      if (appearance->date > request.at) {
        return absl::InvalidArgumentError(fmt::format(
            "the invitation cannot come from appearance {}: it has not taken place yet", via.id));
      }
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError("unknown invitation origin");
}

absl::StatusOr<Attention> PostgresStore::GetAttention(MemberId sender, MemberId recipient,
                                                      Timestamp seasoned_before, Timestamp until) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  // One read-only snapshot, so the counts are of one moment.
  return InSnapshot<Attention>(lease.conn(), [&](Conn& conn) {
    return LoadAttention(conn, sender, recipient, seasoned_before, until);
  });
}

absl::StatusOr<std::optional<Timestamp>> PostgresStore::FirstView(PostId post, MemberId viewer) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadFirstView(lease.conn(), post, viewer);
}

absl::StatusOr<Appearance> PostgresStore::AddAppearance(const Appearance& appearance) {
  LEDD_RETURN_IF_ERROR(ValidateAppearance(appearance));
  return Write<Appearance>([&](Conn& conn) -> absl::StatusOr<Appearance> {
    LEDD_RETURN_IF_ERROR(CheckMember(conn, appearance.member));
    // Counted in the write transaction (SERIALIZABLE), so concurrent adds, in any
    // process, cannot pass the cap.
    static constexpr char kCount[] = "SELECT count(*) FROM appearances WHERE member_id = $1";
    LEDD_ASSIGN_OR_RETURN(int64_t existing,
                          conn.QueryInt(kCount, Params().Bind(1, appearance.member)));
    if (existing >= Store::kMaxAppearances) {
      return absl::FailedPreconditionError(fmt::format(
          "member {} has {} appearances, the most one may have; delete one to add another",
          appearance.member, Store::kMaxAppearances));
    }
    static const std::string insert_with_id = fmt::format("{} RETURNING id", kInsertAppearance);
    Appearance stored = appearance;
    if (appearance.id == 0) {
      // The identity column picks the id.
      Params fresh;
      fresh.Bind(1, appearance.member)
          .Bind(2, AppearanceKindName(appearance.kind))
          .Bind(3, appearance.title)
          .Bind(4, appearance.event)
          .Bind(5, appearance.date)
          .Bind(6, appearance.place)
          .Bind(7, appearance.link)
          .Bind(8, appearance.created_at);
      static constexpr char kInsert[] =
          "INSERT INTO appearances (member_id, kind, title, event, date, place, link, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
      LEDD_ASSIGN_OR_RETURN(stored.id, conn.QueryInt(kInsert, fresh));
    } else {
      Params params;
      BindAppearance(params, appearance);
      LEDD_ASSIGN_OR_RETURN(stored.id, conn.QueryInt(insert_with_id, params));
      LEDD_RETURN_IF_ERROR(AdvanceIdentity(conn, "appearances"));
    }
    return stored;
  });
}

absl::StatusOr<Appearance> PostgresStore::UpdateAppearance(const Appearance& appearance) {
  LEDD_RETURN_IF_ERROR(ValidateAppearance(appearance));
  return Write<Appearance>([&](Conn& conn) -> absl::StatusOr<Appearance> {
    LEDD_ASSIGN_OR_RETURN(Appearance stored, LoadAppearance(conn, appearance.id));
    static constexpr char kSql[] =
        "UPDATE appearances SET kind = $2, title = $3, event = $4, date = $5, place = $6, "
        "link = $7 WHERE id = $1";
    Params params;
    params.Bind(1, appearance.id)
        .Bind(2, AppearanceKindName(appearance.kind))
        .Bind(3, appearance.title)
        .Bind(4, appearance.event)
        .Bind(5, appearance.date)
        .Bind(6, appearance.place)
        .Bind(7, appearance.link);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
    Appearance updated = appearance;
    updated.member = stored.member;
    updated.created_at = stored.created_at;
    return updated;
  });
}

absl::Status PostgresStore::DeleteAppearance(AppearanceId id) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached("DELETE FROM appearances WHERE id = $1",
                                                         Params().Bind(1, id)));
    if (result.affected() == 0) {
      return absl::NotFoundError(fmt::format("appearance {} does not exist", id));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<Appearance> PostgresStore::GetAppearance(AppearanceId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadAppearance(lease.conn(), id);
}

absl::StatusOr<std::vector<Appearance>> PostgresStore::ListAppearances(MemberId member) {
  static const std::string sql =
      fmt::format("{} WHERE member_id = $1 ORDER BY date DESC, id DESC", kSelectAppearances);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(sql.c_str(), Params().Bind(1, member)));
  return ReadAll<Appearance>(result, ReadAppearance<Row>);
}

absl::StatusOr<PostWrite> PostgresStore::AddPost(const Post& post) {
  if (post.title.empty() && post.body.empty()) {
    return absl::InvalidArgumentError("a post needs a title or a body");
  }
  LEDD_RETURN_IF_ERROR(ValidatePost(post));
  return Write<PostWrite>([&](Conn& conn) -> absl::StatusOr<PostWrite> {
    LEDD_RETURN_IF_ERROR(CheckMember(conn, post.author));
    PostWrite write{.post = post};
    write.post.views = 0;
    Params params;
    params.Bind(1, post.author).Bind(2, post.title).Bind(3, post.body).Bind(4, post.created_at);
    if (post.id == 0) {
      static constexpr char kInsert[] =
          "INSERT INTO posts (author, title, body, created_at, views) "
          "VALUES ($1, $2, $3, $4, 0) RETURNING id";
      LEDD_ASSIGN_OR_RETURN(write.post.id, conn.QueryInt(kInsert, params));
    } else {
      static constexpr char kInsertWithId[] =
          "INSERT INTO posts (author, title, body, created_at, views, id) "
          "VALUES ($1, $2, $3, $4, 0, $5) RETURNING id";
      params.Bind(5, post.id);
      LEDD_ASSIGN_OR_RETURN(write.post.id, conn.QueryInt(kInsertWithId, params));
      LEDD_RETURN_IF_ERROR(AdvanceIdentity(conn, "posts"));
    }
    // One statement for all followers: an author with many followers costs one pass
    // over the follows index, not a round trip each.
    static constexpr char kNotifyFollowers[] =
        "INSERT INTO notifications (member_id, kind, subject, created_at) "
        "SELECT follower, $1, $2, $3 FROM follows WHERE followee = $4";
    Params notify;
    notify.Bind(1, NotificationKindName(NotificationKind::kNewPost))
        .Bind(2, write.post.id)
        .Bind(3, post.created_at)
        .Bind(4, post.author);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kNotifyFollowers, notify).status());
    LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(conn, EventKind::kPostAdded, write.post.id));
    return write;
  });
}

absl::StatusOr<Post> PostgresStore::GetPost(PostId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadPost(lease.conn(), id);
}

absl::StatusOr<Post> PostgresStore::CountView(PostId id, MemberId viewer, Timestamp at) {
  return Write<Post>([&](Conn& conn) -> absl::StatusOr<Post> {
    LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(conn, id));
    // An author rereading their own post is not an audience.
    if (viewer == post.author) return post;
    LEDD_ASSIGN_OR_RETURN(
        bool hidden, HiddenFrom(conn, post.author, post.removed_at, {.viewer = viewer, .now = at}));
    if (hidden) return PostNotFound(id);
    LEDD_ASSIGN_OR_RETURN(bool blocked, HasBlocked(conn, post.author, viewer));
    if (blocked) return PostNotFound(id);
    // A viewer counts once per post per UTC day: the (post, viewer, day) key refuses the
    // reloads, and the row keeps the day's first read.
    Params seen;
    BindPostView(seen, PostView{.post_id = id, .viewer = viewer, .at = at});
    LEDD_ASSIGN_OR_RETURN(Result inserted, conn.ExecCached(kInsertPostView, seen));
    if (inserted.affected() == 0) return post;
    static constexpr char kSql[] = "UPDATE posts SET views = views + 1 WHERE id = $1";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, Params().Bind(1, id)).status());
    ++post.views;
    LEDD_RETURN_IF_ERROR(AppendEvent(conn, EventKind::kPostViewed, id, viewer).status());
    return post;
  });
}

absl::StatusOr<std::vector<Post>> PostgresStore::ListPosts(MemberId author,
                                                           const PostListOptions& options) {
  static const std::string sql = fmt::format(
      "SELECT p.id, p.author, p.title, p.body, p.created_at, p.views, p.edited_at, "
      "p.removed_at FROM posts p WHERE p.author = $1 AND {} "
      "ORDER BY p.created_at DESC, p.id DESC LIMIT $2 OFFSET $3",
      VisibleTo("p"));
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadPosts(lease.conn(), sql, author, options);
}

absl::StatusOr<std::vector<Post>> PostgresStore::ListFeed(MemberId member,
                                                          const PostListOptions& options) {
  static const std::string sql = fmt::format(
      "SELECT p.id, p.author, p.title, p.body, p.created_at, p.views, p.edited_at, "
      "p.removed_at FROM follows f JOIN posts p ON p.author = f.followee "
      "WHERE f.follower = $1 AND {} "
      "ORDER BY p.created_at DESC, p.id DESC LIMIT $2 OFFSET $3",
      VisibleTo("p"));
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadPosts(lease.conn(), sql, member, options);
}

absl::StatusOr<CommentWrite> PostgresStore::AddComment(const Comment& comment) {
  if (comment.body.empty()) return absl::InvalidArgumentError("a comment needs a body");
  LEDD_RETURN_IF_ERROR(ValidateComment(comment));
  return Write<CommentWrite>([&](Conn& conn) -> absl::StatusOr<CommentWrite> {
    LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(conn, comment.post_id));
    LEDD_RETURN_IF_ERROR(CheckMember(conn, comment.author));
    LEDD_ASSIGN_OR_RETURN(bool blocked, HasBlocked(conn, post.author, comment.author));
    if (blocked) return PostNotFound(post.id);
    LEDD_ASSIGN_OR_RETURN(bool hidden,
                          HiddenFrom(conn, post.author, post.removed_at,
                                     {.viewer = comment.author, .now = comment.created_at}));
    if (hidden) return PostNotFound(post.id);
    // The blocker may still comment on the blocked member's post; they are not told.
    LEDD_ASSIGN_OR_RETURN(bool blocking, HasBlocked(conn, comment.author, post.author));
    CommentWrite write{.comment = comment};
    Params params;
    params.Bind(1, comment.post_id)
        .Bind(2, comment.author)
        .Bind(3, comment.body)
        .Bind(4, comment.created_at);
    if (comment.id == 0) {
      static constexpr char kInsert[] =
          "INSERT INTO comments (post_id, author, body, created_at) VALUES ($1, $2, $3, $4) "
          "RETURNING id";
      LEDD_ASSIGN_OR_RETURN(write.comment.id, conn.QueryInt(kInsert, params));
    } else {
      static constexpr char kInsertWithId[] =
          "INSERT INTO comments (post_id, author, body, created_at, id) "
          "VALUES ($1, $2, $3, $4, $5) RETURNING id";
      params.Bind(5, comment.id);
      LEDD_ASSIGN_OR_RETURN(write.comment.id, conn.QueryInt(kInsertWithId, params));
      LEDD_RETURN_IF_ERROR(AdvanceIdentity(conn, "comments"));
    }
    if (post.author != comment.author && !blocking) {
      LEDD_RETURN_IF_ERROR(Notify(conn, post.author, NotificationKind::kNewComment,
                                  write.comment.id, comment.created_at));
    }
    LEDD_ASSIGN_OR_RETURN(write.event,
                          AppendEvent(conn, EventKind::kCommentAdded, write.comment.id));
    return write;
  });
}

absl::StatusOr<std::vector<Comment>> PostgresStore::ListComments(PostId post,
                                                                 const ContentViewer& as) {
  static const std::string sql = fmt::format(
      "SELECT c.id, c.post_id, c.author, c.body, c.created_at, c.edited_at, c.removed_at "
      "FROM comments c WHERE c.post_id = $1 AND {} ORDER BY c.created_at, c.id",
      VisibleTo("c", 2, 3));
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Post read, LoadPost(lease.conn(), post));
  LEDD_ASSIGN_OR_RETURN(bool hidden, HiddenFrom(lease.conn(), read.author, read.removed_at, as));
  if (hidden) return PostNotFound(post);
  Params params;
  params.Bind(1, post).Bind(2, as.viewer).Bind(3, as.now);
  LEDD_ASSIGN_OR_RETURN(Result result, lease->ExecCached(sql.c_str(), params));
  return ReadAll<Comment>(result, ReadComment<Row>);
}

absl::StatusOr<Comment> PostgresStore::GetComment(CommentId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadComment(lease.conn(), id);
}

absl::StatusOr<std::vector<Notification>> PostgresStore::ListNotifications(
    MemberId member, const NotificationListOptions& options) {
  if (options.limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  static constexpr char kUnread[] =
      "SELECT id, member_id, kind, subject, created_at, read_at "
      "FROM notifications WHERE member_id = $1 AND read_at IS NULL "
      "ORDER BY created_at DESC, id DESC LIMIT $2";
  static constexpr char kAll[] =
      "SELECT id, member_id, kind, subject, created_at, read_at "
      "FROM notifications WHERE member_id = $1 "
      "ORDER BY created_at DESC, id DESC LIMIT $2";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result,
                        lease->ExecCached(options.unread_only ? kUnread : kAll,
                                          Params().Bind(1, member).Bind(2, options.limit)));
  return ReadAll<Notification>(result, [](const Row& row) -> absl::StatusOr<Notification> {
    absl::StatusOr<NotificationKind> kind = ParseNotificationKind(row.ColumnText(2));
    if (!kind.ok()) {
      return absl::DataLossError(
          fmt::format("notification {}: {}", row.ColumnInt(0), MessageOf(kind.status())));
    }
    return Notification{.id = row.ColumnInt(0),
                        .member = row.ColumnInt(1),
                        .kind = *kind,
                        .subject = row.ColumnInt(3),
                        .created_at = row.ColumnInt(4),
                        .read_at = row.ColumnOptionalInt(5)};
  });
}

absl::StatusOr<int64_t> PostgresStore::CountUnreadNotifications(MemberId member) {
  static constexpr char kSql[] =
      "SELECT count(*) FROM notifications WHERE member_id = $1 AND read_at IS NULL";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return lease->QueryInt(kSql, Params().Bind(1, member));
}

absl::StatusOr<int64_t> PostgresStore::MarkNotificationsRead(MemberId member,
                                                             const NotificationSelection& selection,
                                                             Timestamp at) {
  return Write<int64_t>([&](Conn& conn) -> absl::StatusOr<int64_t> {
    int64_t changed = 0;
    if (selection.all) {
      static constexpr char kAll[] =
          "UPDATE notifications SET read_at = $2 WHERE member_id = $1 AND read_at IS NULL";
      LEDD_ASSIGN_OR_RETURN(Result result,
                            conn.ExecCached(kAll, Params().Bind(1, member).Bind(2, at)));
      changed = result.affected();
    } else {
      // member_id in the WHERE is the authorization: another member's id matches nothing.
      static constexpr char kOne[] =
          "UPDATE notifications SET read_at = $3 WHERE id = $1 AND member_id = $2 AND "
          "read_at IS NULL";
      for (NotificationId id : selection.ids) {
        LEDD_ASSIGN_OR_RETURN(
            Result result, conn.ExecCached(kOne, Params().Bind(1, id).Bind(2, member).Bind(3, at)));
        changed += result.affected();
      }
    }
    if (changed > 0) {
      LEDD_RETURN_IF_ERROR(AppendEvent(conn, EventKind::kNotificationsRead, member).status());
    }
    return changed;
  });
}

absl::StatusOr<Post> PostgresStore::EditPost(PostId id, MemberId editor, const std::string& title,
                                             const std::string& body, Timestamp at) {
  return Write<Post>([&](Conn& conn) -> absl::StatusOr<Post> {
    LEDD_ASSIGN_OR_RETURN(Post post, OwnPost(conn, id, editor, "edit"));
    if (post.removed_at.has_value()) return RemovedByModerator("post", id);
    if (title.empty() && body.empty()) {
      return absl::InvalidArgumentError("a post needs a title or a body");
    }
    post.title = title;
    post.body = body;
    post.edited_at = at;
    LEDD_RETURN_IF_ERROR(ValidatePost(post));
    static constexpr char kSql[] =
        "UPDATE posts SET title = $2, body = $3, edited_at = $4 WHERE id = $1";
    LEDD_RETURN_IF_ERROR(
        conn.ExecCached(kSql, Params().Bind(1, id).Bind(2, title).Bind(3, body).Bind(4, at))
            .status());
    return post;
  });
}

absl::StatusOr<Comment> PostgresStore::EditComment(CommentId id, MemberId editor,
                                                   const std::string& body, Timestamp at) {
  return Write<Comment>([&](Conn& conn) -> absl::StatusOr<Comment> {
    LEDD_ASSIGN_OR_RETURN(Comment comment, LoadComment(conn, id));
    if (comment.author != editor) {
      return absl::PermissionDeniedError(fmt::format("only its author can edit comment {}", id));
    }
    if (comment.removed_at.has_value()) return RemovedByModerator("comment", id);
    if (body.empty()) return absl::InvalidArgumentError("a comment needs a body");
    comment.body = body;
    comment.edited_at = at;
    LEDD_RETURN_IF_ERROR(ValidateComment(comment));
    static constexpr char kSql[] = "UPDATE comments SET body = $2, edited_at = $3 WHERE id = $1";
    LEDD_RETURN_IF_ERROR(
        conn.ExecCached(kSql, Params().Bind(1, id).Bind(2, body).Bind(3, at)).status());
    return comment;
  });
}

absl::Status PostgresStore::DeletePost(PostId id, MemberId actor, Timestamp at) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_RETURN_IF_ERROR(OwnPost(conn, id, actor, "delete").status());
    // The text goes; the row stays for the views, reports and invitations that name it.
    static constexpr char kNotifications[] =
        "DELETE FROM notifications WHERE (kind = 'new_post' AND subject = $1) OR "
        "(kind = 'new_comment' AND subject IN (SELECT id FROM comments WHERE post_id = $1))";
    static constexpr char kPost[] =
        "UPDATE posts SET title = '', body = '', deleted_at = $2 WHERE id = $1";
    static constexpr char kComments[] =
        "UPDATE comments SET body = '', deleted_at = $2 WHERE post_id = $1 AND deleted_at IS NULL";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kNotifications, Params().Bind(1, id)).status());
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kPost, Params().Bind(1, id).Bind(2, at)).status());
    return conn.ExecCached(kComments, Params().Bind(1, id).Bind(2, at)).status();
  });
}

absl::Status PostgresStore::DeleteComment(CommentId id, MemberId actor, Timestamp at) {
  return WriteStatus([&](Conn& conn) -> absl::Status {
    LEDD_ASSIGN_OR_RETURN(Comment comment, LoadComment(conn, id));
    if (comment.author != actor) {
      LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(conn, comment.post_id));
      if (post.author != actor) {
        return absl::PermissionDeniedError(
            fmt::format("only its author or the post's author can delete comment {}", id));
      }
    }
    static constexpr char kNotifications[] =
        "DELETE FROM notifications WHERE kind = 'new_comment' AND subject = $1";
    static constexpr char kSql[] = "UPDATE comments SET body = '', deleted_at = $2 WHERE id = $1";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kNotifications, Params().Bind(1, id)).status());
    return conn.ExecCached(kSql, Params().Bind(1, id).Bind(2, at)).status();
  });
}

}  // namespace ledd::store::postgres
