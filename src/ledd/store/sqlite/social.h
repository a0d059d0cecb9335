#pragma once
// Posts, comments, notifications and appearances in SQLite: the statements behind the
// Store's social methods (store.h, "posts, comments and notifications", "appearances",
// GetAttention and the check of an invitation's `via`), as functions over a
// Db so that the store's single-writer class only wraps them in its lock and
// transaction. Writers here (Insert*, CountPostView, MarkRead, Notify) must run inside
// the caller's write transaction: they append their events and notifications to it.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <cstdint>
#include <optional>
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
absl::StatusOr<std::vector<Comment>> LoadComments(Db& db, PostId post, const ContentViewer& as);
// Store::GetComment: NotFound for an unknown or deleted comment.
absl::StatusOr<Comment> LoadComment(Db& db, CommentId id);
// Whether content by `author` (removed at `removed_at`, if ever) is hidden from `as`
// (store.h "moderation"), and whether `author` is suspended at `at`.
absl::StatusOr<bool> HiddenFrom(Db& db, MemberId author, std::optional<Timestamp> removed_at,
                                const ContentViewer& as);
absl::StatusOr<bool> AuthorSuspended(Db& db, MemberId author, Timestamp at);

absl::StatusOr<std::vector<Notification>> LoadNotifications(
    Db& db, MemberId member, const NotificationListOptions& options);
absl::StatusOr<int64_t> CountUnread(Db& db, MemberId member);
// Store::MarkNotificationsRead.
absl::StatusOr<int64_t> MarkRead(Db& db, MemberId member, const NotificationSelection& selection,
                                 Timestamp at);

// Store::GetAttention and Store::FirstView.
absl::StatusOr<Attention> LoadAttention(Db& db, MemberId sender, MemberId recipient,
                                        Timestamp seasoned_before, Timestamp until);
absl::StatusOr<std::optional<Timestamp>> LoadFirstView(Db& db, PostId post, MemberId viewer);

// SendInvitation's check of request.via (store.h): OK for none, InvalidArgument for a
// page the invitation cannot have come from.
absl::Status CheckVia(Db& db, const InvitationRequest& request);

// Store's appearance methods.
absl::StatusOr<Appearance> InsertAppearance(Db& db, const Appearance& appearance);
absl::StatusOr<Appearance> ReplaceAppearance(Db& db, const Appearance& appearance);
absl::Status RemoveAppearance(Db& db, AppearanceId id);
absl::StatusOr<Appearance> LoadAppearance(Db& db, AppearanceId id);
absl::StatusOr<std::vector<Appearance>> LoadAppearances(Db& db, MemberId member);

}  // namespace ledd::store::sqlite
