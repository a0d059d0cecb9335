#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<Attention> PostgresStore::GetAttention(MemberId sender, MemberId recipient, Timestamp seasoned_before, Timestamp until) {
  return absl::UnimplementedError("PostgresStore::GetAttention");
}

absl::StatusOr<std::optional<Timestamp>> PostgresStore::FirstView(PostId post, MemberId viewer) {
  return absl::UnimplementedError("PostgresStore::FirstView");
}

absl::StatusOr<Appearance> PostgresStore::AddAppearance(const Appearance& appearance) {
  return absl::UnimplementedError("PostgresStore::AddAppearance");
}

absl::StatusOr<Appearance> PostgresStore::UpdateAppearance(const Appearance& appearance) {
  return absl::UnimplementedError("PostgresStore::UpdateAppearance");
}

absl::Status PostgresStore::DeleteAppearance(AppearanceId id) {
  return absl::UnimplementedError("PostgresStore::DeleteAppearance");
}

absl::StatusOr<Appearance> PostgresStore::GetAppearance(AppearanceId id) {
  return absl::UnimplementedError("PostgresStore::GetAppearance");
}

absl::StatusOr<std::vector<Appearance>> PostgresStore::ListAppearances(MemberId member) {
  return absl::UnimplementedError("PostgresStore::ListAppearances");
}

absl::StatusOr<PostWrite> PostgresStore::AddPost(const Post& post) {
  return absl::UnimplementedError("PostgresStore::AddPost");
}

absl::StatusOr<Post> PostgresStore::GetPost(PostId id) {
  return absl::UnimplementedError("PostgresStore::GetPost");
}

absl::StatusOr<Post> PostgresStore::CountView(PostId post, MemberId viewer, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::CountView");
}

absl::StatusOr<std::vector<Post>> PostgresStore::ListPosts(MemberId author, const PostListOptions& options) {
  return absl::UnimplementedError("PostgresStore::ListPosts");
}

absl::StatusOr<std::vector<Post>> PostgresStore::ListFeed(MemberId member, const PostListOptions& options) {
  return absl::UnimplementedError("PostgresStore::ListFeed");
}

absl::StatusOr<CommentWrite> PostgresStore::AddComment(const Comment& comment) {
  return absl::UnimplementedError("PostgresStore::AddComment");
}

absl::StatusOr<std::vector<Comment>> PostgresStore::ListComments(PostId post, const ContentViewer& as) {
  return absl::UnimplementedError("PostgresStore::ListComments");
}

absl::StatusOr<Comment> PostgresStore::GetComment(CommentId id) {
  return absl::UnimplementedError("PostgresStore::GetComment");
}

absl::StatusOr<std::vector<Notification>> PostgresStore::ListNotifications( MemberId member, const NotificationListOptions& options) {
  return absl::UnimplementedError("PostgresStore::ListNotifications");
}

absl::StatusOr<int64_t> PostgresStore::CountUnreadNotifications(MemberId member) {
  return absl::UnimplementedError("PostgresStore::CountUnreadNotifications");
}

absl::StatusOr<int64_t> PostgresStore::MarkNotificationsRead(MemberId member, const NotificationSelection& selection, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::MarkNotificationsRead");
}

absl::StatusOr<Post> PostgresStore::EditPost(PostId id, MemberId editor, const std::string& title, const std::string& body, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::EditPost");
}

absl::StatusOr<Comment> PostgresStore::EditComment(CommentId id, MemberId editor, const std::string& body, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::EditComment");
}

absl::Status PostgresStore::DeletePost(PostId id, MemberId actor, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::DeletePost");
}

absl::Status PostgresStore::DeleteComment(CommentId id, MemberId actor, Timestamp at) {
  return absl::UnimplementedError("PostgresStore::DeleteComment");
}

}  // namespace ledd::store::postgres
