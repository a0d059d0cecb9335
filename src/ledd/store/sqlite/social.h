#pragma once
// Posts, comments and notifications in SQLite: the statements behind the Store's
// social methods (store.h, "posts, comments and notifications"), as functions over a
// Db so that the store's single-writer class only wraps them in its lock and
// transaction. Writers here (Insert*, CountPostView, MarkRead, Notify) must run inside
// the caller's write transaction: they append their events and notifications to it.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/store.h"

namespace ledd::store::sqlite {

// Adds one notification for `member`. The hook other writes (invitations) call inside
// their own transaction.
absl::Status Notify(Db& db, MemberId member, NotificationKind kind, int64_t subject,
                    Timestamp at);

// Store::AddPost: validates, inserts, notifies the author's followers, appends
// kPostAdded.
absl::StatusOr<PostWrite> InsertPost(Db& db, const Post& post);
absl::StatusOr<Post> LoadPost(Db& db, PostId id);
// Store::CountView.
absl::StatusOr<Post> CountPostView(Db& db, PostId id, MemberId viewer, Timestamp at);
absl::StatusOr<std::vector<Post>> LoadPostsBy(Db& db, MemberId author,
                                              const PostListOptions& options);
absl::StatusOr<std::vector<Post>> LoadFeed(Db& db, MemberId member,
                                           const PostListOptions& options);

// Store::AddComment: validates, inserts, notifies the post's author, appends
// kCommentAdded.
absl::StatusOr<CommentWrite> InsertComment(Db& db, const Comment& comment);
absl::StatusOr<std::vector<Comment>> LoadComments(Db& db, PostId post);

absl::StatusOr<std::vector<Notification>> LoadNotifications(
    Db& db, MemberId member, const NotificationListOptions& options);
absl::StatusOr<int64_t> CountUnread(Db& db, MemberId member);
// Store::MarkNotificationsRead.
absl::StatusOr<int64_t> MarkRead(Db& db, MemberId member, const NotificationSelection& selection,
                                 Timestamp at);

}  // namespace ledd::store::sqlite
