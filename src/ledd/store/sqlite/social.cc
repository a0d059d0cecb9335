#include "ledd/store/sqlite/social.h"

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/sqlite/rows.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::sqlite {
namespace {

constexpr char kSelectPost[] =
    "SELECT id, author, title, body, created_at, views, edited_at, removed_at FROM posts "
    "WHERE id = ?1 AND deleted_at IS NULL";

// The lists' condition for store.h's hidden content, for a table aliased `alias` with
// ?4 the viewer and ?5 the time: not deleted, and either the viewer's own or neither
// removed nor by a member suspended at ?5.
std::string VisibleTo(std::string_view alias) {
  return fmt::format(
      "{0}.deleted_at IS NULL AND ({0}.author = ?4 OR ({0}.removed_at IS NULL AND NOT EXISTS "
      "(SELECT 1 FROM accounts s WHERE s.member = {0}.author AND s.suspended_until > ?5)))",
      alias);
}

absl::StatusOr<bool> Exists(Db& db, const char* sql, int64_t key) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
  statement->Bind(1, key);
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();  // Ends the implicit read transaction outside a write.
  return row;
}

absl::Status CheckMember(Db& db, MemberId member) {
  static constexpr char kSql[] = "SELECT 1 FROM members WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(bool exists, Exists(db, kSql, member));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  return absl::OkStatus();
}

// Whether `blocker` has blocked `blocked`.
absl::StatusOr<bool> HasBlocked(Db& db, MemberId blocker, MemberId blocked) {
  static constexpr char kSql[] = "SELECT 1 FROM blocks WHERE blocker = ?1 AND blocked = ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, blocker).Bind(2, blocked);
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();
  return row;
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

absl::StatusOr<std::vector<Post>> LoadPosts(Db& db, std::string_view sql, MemberId member,
                                            const PostListOptions& options) {
  LEDD_RETURN_IF_ERROR(CheckPaging(options));
  LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
  statement.Bind(1, member).Bind(2, int64_t{options.limit}).Bind(3, int64_t{options.offset});
  statement.Bind(4, options.as.viewer).Bind(5, options.as.now);
  return ReadAll<Post>(statement,
                       [](const Statement& row) -> absl::StatusOr<Post> { return ReadPost(row); });
}

}  // namespace

absl::Status Notify(Db& db, MemberId member, NotificationKind kind, int64_t subject, Timestamp at) {
  static constexpr char kSql[] =
      "INSERT INTO notifications (member_id, kind, subject, created_at) VALUES (?1, ?2, ?3, ?4)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, NotificationKindName(kind)).Bind(3, subject).Bind(4, at);
  return statement->Run();
}

absl::StatusOr<PostWrite> InsertPost(Db& db, const Post& post) {
  if (post.title.empty() && post.body.empty()) {
    return absl::InvalidArgumentError("a post needs a title or a body");
  }
  LEDD_RETURN_IF_ERROR(ValidatePost(post));
  LEDD_RETURN_IF_ERROR(CheckMember(db, post.author));
  static constexpr char kInsert[] =
      "INSERT INTO posts (id, author, title, body, created_at, views) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 0)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kInsert));
  if (post.id == 0) {
    statement->BindNull(1);
  } else {
    statement->Bind(1, post.id);
  }
  statement->Bind(2, post.author)
      .Bind(3, std::string_view(post.title))
      .Bind(4, std::string_view(post.body))
      .Bind(5, post.created_at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  PostWrite write{.post = post};
  write.post.id = db.LastInsertRowId();
  write.post.views = 0;
  // One statement for all followers: an author with many followers costs one pass
  // over the follows index, not a round trip each.
  static constexpr char kNotifyFollowers[] =
      "INSERT INTO notifications (member_id, kind, subject, created_at) "
      "SELECT follower, ?1, ?2, ?3 FROM follows WHERE followee = ?4";
  LEDD_ASSIGN_OR_RETURN(Statement * notify, db.Cached(kNotifyFollowers));
  notify->Bind(1, NotificationKindName(NotificationKind::kNewPost))
      .Bind(2, write.post.id)
      .Bind(3, post.created_at)
      .Bind(4, post.author);
  LEDD_RETURN_IF_ERROR(notify->Run());
  LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(db, EventKind::kPostAdded, write.post.id));
  return write;
}

absl::StatusOr<Post> LoadPost(Db& db, PostId id) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSelectPost));
  statement->Bind(1, id);
  absl::StatusOr<bool> row = statement->Step();
  std::optional<Post> post;
  if (row.ok() && *row) post = ReadPost(*statement);
  statement->Reset();
  if (!row.ok()) return row.status();
  if (!post.has_value()) return PostNotFound(id);
  return *std::move(post);
}

absl::StatusOr<bool> AuthorSuspended(Db& db, MemberId author, Timestamp at) {
  static constexpr char kSql[] =
      "SELECT 1 FROM accounts WHERE member = ?1 AND suspended_until > ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, author).Bind(2, at);
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();
  return row;
}

absl::StatusOr<bool> HiddenFrom(Db& db, MemberId author, std::optional<Timestamp> removed_at,
                                const ContentViewer& as) {
  if (as.viewer == author) return false;
  if (removed_at.has_value()) return true;
  return AuthorSuspended(db, author, as.now);
}

absl::StatusOr<Post> CountPostView(Db& db, PostId id, MemberId viewer, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(db, id));
  // An author rereading their own post is not an audience.
  if (viewer == post.author) return post;
  LEDD_ASSIGN_OR_RETURN(bool hidden,
                        HiddenFrom(db, post.author, post.removed_at, {.viewer = viewer, .now = at}));
  if (hidden) return PostNotFound(id);
  LEDD_ASSIGN_OR_RETURN(bool blocked, HasBlocked(db, post.author, viewer));
  if (blocked) return PostNotFound(id);
  // A viewer counts once per post per UTC day: the (post, viewer, day) key refuses the
  // reloads (post_views, schema v7), and the row keeps the day's first read (v8).
  LEDD_ASSIGN_OR_RETURN(Statement * seen, db.Cached(kInsertPostView));
  BindPostView(*seen, PostView{.post_id = id, .viewer = viewer, .at = at});
  LEDD_RETURN_IF_ERROR(seen->Run());
  if (db.Changes() == 0) return post;
  static constexpr char kSql[] = "UPDATE posts SET views = views + 1 WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, id);
  LEDD_RETURN_IF_ERROR(statement->Run());
  ++post.views;
  LEDD_RETURN_IF_ERROR(AppendEvent(db, EventKind::kPostViewed, id, viewer).status());
  return post;
}

absl::StatusOr<std::vector<Post>> LoadPostsBy(Db& db, MemberId author,
                                              const PostListOptions& options) {
  static const std::string sql = fmt::format(
      "SELECT p.id, p.author, p.title, p.body, p.created_at, p.views, p.edited_at, "
      "p.removed_at FROM posts p WHERE p.author = ?1 AND {} "
      "ORDER BY p.created_at DESC, p.id DESC LIMIT ?2 OFFSET ?3",
      VisibleTo("p"));
  return LoadPosts(db, sql, author, options);
}

absl::StatusOr<std::vector<Post>> LoadFeed(Db& db, MemberId member,
                                           const PostListOptions& options) {
  static const std::string sql = fmt::format(
      "SELECT p.id, p.author, p.title, p.body, p.created_at, p.views, p.edited_at, "
      "p.removed_at FROM follows f JOIN posts p ON p.author = f.followee "
      "WHERE f.follower = ?1 AND {} "
      "ORDER BY p.created_at DESC, p.id DESC LIMIT ?2 OFFSET ?3",
      VisibleTo("p"));
  return LoadPosts(db, sql, member, options);
}

absl::StatusOr<CommentWrite> InsertComment(Db& db, const Comment& comment) {
  if (comment.body.empty()) return absl::InvalidArgumentError("a comment needs a body");
  LEDD_RETURN_IF_ERROR(ValidateComment(comment));
  LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(db, comment.post_id));
  LEDD_RETURN_IF_ERROR(CheckMember(db, comment.author));
  LEDD_ASSIGN_OR_RETURN(bool blocked, HasBlocked(db, post.author, comment.author));
  if (blocked) return PostNotFound(post.id);
  LEDD_ASSIGN_OR_RETURN(
      bool hidden,
      HiddenFrom(db, post.author, post.removed_at,
                 {.viewer = comment.author, .now = comment.created_at}));
  if (hidden) return PostNotFound(post.id);
  // The blocker may still comment on the blocked member's post; they are not told.
  LEDD_ASSIGN_OR_RETURN(bool blocking, HasBlocked(db, comment.author, post.author));
  static constexpr char kInsert[] =
      "INSERT INTO comments (id, post_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kInsert));
  if (comment.id == 0) {
    statement->BindNull(1);
  } else {
    statement->Bind(1, comment.id);
  }
  statement->Bind(2, comment.post_id)
      .Bind(3, comment.author)
      .Bind(4, std::string_view(comment.body))
      .Bind(5, comment.created_at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  CommentWrite write{.comment = comment};
  write.comment.id = db.LastInsertRowId();
  if (post.author != comment.author && !blocking) {
    LEDD_RETURN_IF_ERROR(Notify(db, post.author, NotificationKind::kNewComment, write.comment.id,
                                comment.created_at));
  }
  LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(db, EventKind::kCommentAdded, write.comment.id));
  return write;
}

absl::StatusOr<std::vector<Comment>> LoadComments(Db& db, PostId post, const ContentViewer& as) {
  LEDD_ASSIGN_OR_RETURN(Post read, LoadPost(db, post));
  LEDD_ASSIGN_OR_RETURN(bool hidden, HiddenFrom(db, read.author, read.removed_at, as));
  if (hidden) return PostNotFound(post);
  static const std::string sql = fmt::format(
      "SELECT c.id, c.post_id, c.author, c.body, c.created_at, c.edited_at, c.removed_at "
      "FROM comments c WHERE c.post_id = ?1 AND {} ORDER BY c.created_at, c.id LIMIT ?2 "
      "OFFSET ?3",
      VisibleTo("c"));
  LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
  statement.Bind(1, post).Bind(2, int64_t{-1}).Bind(3, int64_t{0});
  statement.Bind(4, as.viewer).Bind(5, as.now);
  return ReadAll<Comment>(statement, [](const Statement& row) -> absl::StatusOr<Comment> {
    return ReadComment(row);
  });
}

absl::StatusOr<Comment> LoadComment(Db& db, CommentId id) {
  static constexpr char kSql[] =
      "SELECT id, post_id, author, body, created_at, edited_at, removed_at FROM comments "
      "WHERE id = ?1 AND deleted_at IS NULL";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, id);
  absl::StatusOr<bool> row = statement->Step();
  std::optional<Comment> comment;
  if (row.ok() && *row) comment = ReadComment(*statement);
  statement->Reset();
  if (!row.ok()) return row.status();
  if (!comment.has_value()) {
    return absl::NotFoundError(fmt::format("comment {} does not exist", id));
  }
  return *std::move(comment);
}

absl::StatusOr<std::vector<Notification>> LoadNotifications(
    Db& db, MemberId member, const NotificationListOptions& options) {
  if (options.limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  LEDD_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare(options.unread_only
                     ? "SELECT id, member_id, kind, subject, created_at, read_at "
                       "FROM notifications WHERE member_id = ?1 AND read_at IS NULL "
                       "ORDER BY created_at DESC, id DESC LIMIT ?2"
                     : "SELECT id, member_id, kind, subject, created_at, read_at "
                       "FROM notifications WHERE member_id = ?1 "
                       "ORDER BY created_at DESC, id DESC LIMIT ?2"));
  statement.Bind(1, member).Bind(2, int64_t{options.limit});
  return ReadAll<Notification>(statement, [](const Statement& row) -> absl::StatusOr<Notification> {
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

absl::StatusOr<int64_t> CountUnread(Db& db, MemberId member) {
  static constexpr char kSql[] =
      "SELECT count(*) FROM notifications WHERE member_id = ?1 AND read_at IS NULL";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member);
  absl::StatusOr<bool> row = statement->Step();
  const int64_t count = row.ok() && *row ? statement->ColumnInt(0) : 0;
  statement->Reset();
  if (!row.ok()) return row.status();
  return count;
}

absl::StatusOr<int64_t> MarkRead(Db& db, MemberId member, const NotificationSelection& selection,
                                 Timestamp at) {
  int64_t changed = 0;
  if (selection.all) {
    static constexpr char kAll[] =
        "UPDATE notifications SET read_at = ?2 WHERE member_id = ?1 AND read_at IS NULL";
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kAll));
    statement->Bind(1, member).Bind(2, at);
    LEDD_RETURN_IF_ERROR(statement->Run());
    changed = db.Changes();
  } else {
    // member_id in the WHERE is the authorization: another member's id matches nothing.
    static constexpr char kOne[] =
        "UPDATE notifications SET read_at = ?3 WHERE id = ?1 AND member_id = ?2 AND "
        "read_at IS NULL";
    for (NotificationId id : selection.ids) {
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kOne));
      statement->Bind(1, id).Bind(2, member).Bind(3, at);
      LEDD_RETURN_IF_ERROR(statement->Run());
      changed += db.Changes();
    }
  }
  if (changed > 0) {
    LEDD_RETURN_IF_ERROR(AppendEvent(db, EventKind::kNotificationsRead, member).status());
  }
  return changed;
}

absl::StatusOr<Attention> LoadAttention(Db& db, MemberId sender, MemberId recipient,
                                        Timestamp seasoned_before, Timestamp until) {
  Attention attention;
  // Comments through comments_by_author: a sender writes few comments, a recipient's
  // posts may have many.
  static constexpr char kComments[] =
      "SELECT coalesce(sum(c.created_at < ?3), 0), "
      "coalesce(sum(c.created_at >= ?3 AND c.created_at <= ?4), 0) "
      "FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.author = ?1 AND p.author = ?2";
  // Each post counts once, at its first read.
  static constexpr char kReads[] =
      "SELECT coalesce(sum(first < ?3), 0), coalesce(sum(first >= ?3 AND first <= ?4), 0) "
      "FROM (SELECT min(v.at) AS first FROM post_views v JOIN posts p ON p.id = v.post_id "
      "WHERE v.viewer = ?1 AND p.author = ?2 GROUP BY v.post_id)";
  for (auto [sql, seasoned, fresh] :
       {std::tuple{kComments, &attention.comments, &attention.fresh_comments},
        std::tuple{kReads, &attention.posts_read, &attention.fresh_posts_read}}) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
    statement->Bind(1, sender).Bind(2, recipient).Bind(3, seasoned_before).Bind(4, until);
    absl::StatusOr<bool> row = statement->Step();
    if (row.ok() && *row) {
      *seasoned = statement->ColumnInt(0);
      *fresh = statement->ColumnInt(1);
    }
    statement->Reset();
    if (!row.ok()) return row.status();
  }
  static constexpr char kFollow[] =
      "SELECT created_at FROM follows WHERE follower = ?1 AND followee = ?2";
  for (auto [follower, followee, since] :
       {std::tuple{sender, recipient, &attention.sender_follows_since},
        std::tuple{recipient, sender, &attention.recipient_follows_since}}) {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kFollow));
    statement->Bind(1, follower).Bind(2, followee);
    absl::StatusOr<bool> row = statement->Step();
    if (row.ok() && *row) *since = statement->ColumnInt(0);
    statement->Reset();
    if (!row.ok()) return row.status();
  }
  return attention;
}

absl::StatusOr<std::optional<Timestamp>> LoadFirstView(Db& db, PostId post, MemberId viewer) {
  static constexpr char kSql[] =
      "SELECT min(at) FROM post_views WHERE post_id = ?1 AND viewer = ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, post).Bind(2, viewer);
  absl::StatusOr<bool> row = statement->Step();
  std::optional<Timestamp> first;
  if (row.ok() && *row) first = statement->ColumnOptionalInt(0);
  statement->Reset();
  if (!row.ok()) return row.status();
  return first;
}

absl::Status CheckVia(Db& db, const InvitationRequest& request) {
  const InvitationVia& via = request.via;
  switch (via.kind) {
    case InvitationVia::Kind::kNone:
      return absl::OkStatus();
    case InvitationVia::Kind::kPost: {
      absl::StatusOr<Post> post = LoadPost(db, via.id);
      if (!post.ok() || post->author != request.to) {
        return absl::InvalidArgumentError(fmt::format(
            "the invitation cannot come from post {}: it is not a post of member {}", via.id,
            request.to));
      }
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> read, LoadFirstView(db, via.id, request.from));
      if (!read.has_value() || *read > request.at) {
        return absl::InvalidArgumentError(fmt::format(
            "the invitation cannot come from post {}: member {} has not read it", via.id,
            request.from));
      }
      return absl::OkStatus();
    }
    case InvitationVia::Kind::kAppearance: {
      absl::StatusOr<Appearance> appearance = LoadAppearance(db, via.id);
      if (!appearance.ok() || appearance->member != request.to) {
        return absl::InvalidArgumentError(fmt::format(
            "the invitation cannot come from appearance {}: it is not an appearance of "
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

absl::StatusOr<Appearance> InsertAppearance(Db& db, const Appearance& appearance) {
  LEDD_RETURN_IF_ERROR(ValidateAppearance(appearance));
  LEDD_RETURN_IF_ERROR(CheckMember(db, appearance.member));
  // Counted in the write transaction, so concurrent adds cannot pass the cap.
  LEDD_ASSIGN_OR_RETURN(Statement * count,
                        db.Cached("SELECT count(*) FROM appearances WHERE member_id = ?1"));
  count->Bind(1, appearance.member);
  absl::StatusOr<bool> row = count->Step();
  const int64_t existing = row.ok() && *row ? count->ColumnInt(0) : 0;
  count->Reset();
  LEDD_RETURN_IF_ERROR(row.status());
  if (existing >= Store::kMaxAppearances) {
    return absl::FailedPreconditionError(fmt::format(
        "member {} has {} appearances, the most one may have; delete one to add another",
        appearance.member, Store::kMaxAppearances));
  }
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kInsertAppearance));
  BindAppearance(*statement, appearance);
  if (appearance.id == 0) statement->BindNull(1);
  LEDD_RETURN_IF_ERROR(statement->Run());
  Appearance stored = appearance;
  stored.id = db.LastInsertRowId();
  return stored;
}

absl::StatusOr<Appearance> ReplaceAppearance(Db& db, const Appearance& appearance) {
  LEDD_RETURN_IF_ERROR(ValidateAppearance(appearance));
  LEDD_ASSIGN_OR_RETURN(Appearance stored, LoadAppearance(db, appearance.id));
  static constexpr char kSql[] =
      "UPDATE appearances SET kind = ?2, title = ?3, event = ?4, date = ?5, place = ?6, "
      "link = ?7 WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, appearance.id)
      .Bind(2, AppearanceKindName(appearance.kind))
      .Bind(3, std::string_view(appearance.title))
      .Bind(4, std::string_view(appearance.event))
      .Bind(5, appearance.date)
      .Bind(6, std::string_view(appearance.place))
      .Bind(7, std::string_view(appearance.link));
  LEDD_RETURN_IF_ERROR(statement->Run());
  Appearance updated = appearance;
  updated.member = stored.member;
  updated.created_at = stored.created_at;
  return updated;
}

absl::Status RemoveAppearance(Db& db, AppearanceId id) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached("DELETE FROM appearances WHERE id = ?1"));
  statement->Bind(1, id);
  LEDD_RETURN_IF_ERROR(statement->Run());
  if (db.Changes() == 0) {
    return absl::NotFoundError(fmt::format("appearance {} does not exist", id));
  }
  return absl::OkStatus();
}

absl::StatusOr<Appearance> LoadAppearance(Db& db, AppearanceId id) {
  static const std::string sql = fmt::format("{} WHERE id = ?1", kSelectAppearances);
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  statement->Bind(1, id);
  absl::StatusOr<bool> row = statement->Step();
  std::optional<absl::StatusOr<Appearance>> appearance;
  if (row.ok() && *row) appearance = ReadAppearance(*statement);
  statement->Reset();
  if (!row.ok()) return row.status();
  if (!appearance.has_value()) {
    return absl::NotFoundError(fmt::format("appearance {} does not exist", id));
  }
  return *std::move(appearance);
}

absl::StatusOr<std::vector<Appearance>> LoadAppearances(Db& db, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare(fmt::format("{} WHERE member_id = ?1 ORDER BY date DESC, id DESC",
                             kSelectAppearances)));
  statement.Bind(1, member);
  return ReadAll<Appearance>(statement, ReadAppearance<Statement>);
}

}  // namespace ledd::store::sqlite
