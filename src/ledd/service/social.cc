#include "ledd/service/social.h"

#include <chrono>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"

namespace ledd::service {

SocialService::SocialService(store::Store& store, LiveNetwork* live, SocialServiceOptions options)
    : store_(store), live_(live), options_(std::move(options)) {}

Timestamp SocialService::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

absl::Status SocialService::CatchUpAfter(const std::string& what) {
  if (live_ == nullptr) return absl::OkStatus();
  absl::Status status = live_->CatchUpAfterWrite(what);
  if (status.ok()) return status;
  // The write is committed; a bare failure would invite a retry that then conflicts.
  return absl::Status(
      status.code(),
      fmt::format("{} was saved, but the network could not catch up: {}", what,
                  std::string_view(status.message().data(), status.message().size())));
}

absl::Status SocialService::Follow(MemberId follower, MemberId followee) {
  LEDD_RETURN_IF_ERROR(
      store_.AddFollow({.follower = follower, .followee = followee, .created_at = Now()}).status());
  return CatchUpAfter(fmt::format("member {}'s follow of member {}", follower, followee));
}

absl::Status SocialService::Unfollow(MemberId follower, MemberId followee) {
  LEDD_RETURN_IF_ERROR(store_.RemoveFollow(follower, followee).status());
  return CatchUpAfter(fmt::format("member {}'s unfollow of member {}", follower, followee));
}

absl::StatusOr<store::Post> SocialService::Publish(MemberId author, std::string title,
                                                   std::string body) {
  LEDD_ASSIGN_OR_RETURN(store::PostWrite write, store_.AddPost({.author = author,
                                                                .title = std::move(title),
                                                                .body = std::move(body),
                                                                .created_at = Now()}));
  return write.post;
}

absl::StatusOr<store::Post> SocialService::Read(PostId post, MemberId reader) {
  return store_.CountView(post, reader, Now());
}

absl::StatusOr<std::vector<store::Post>> SocialService::Posts(
    MemberId author, MemberId viewer, const store::PostListOptions& options) {
  LEDD_ASSIGN_OR_RETURN(bool blocked, store_.IsBlocked(author, viewer));
  if (blocked) return std::vector<store::Post>{};
  store::PostListOptions as_viewer = options;
  as_viewer.as = {.viewer = viewer, .now = Now()};
  return store_.ListPosts(author, as_viewer);
}

absl::StatusOr<std::vector<store::Post>> SocialService::Feed(
    MemberId member, const store::PostListOptions& options) {
  store::PostListOptions as_member = options;
  as_member.as = {.viewer = member, .now = Now()};
  return store_.ListFeed(member, as_member);
}

absl::StatusOr<store::Post> SocialService::EditPost(PostId post, MemberId editor,
                                                    const std::string& title,
                                                    const std::string& body) {
  return store_.EditPost(post, editor, title, body, Now());
}

absl::Status SocialService::DeletePost(PostId post, MemberId actor) {
  return store_.DeletePost(post, actor, Now());
}

absl::StatusOr<store::Comment> SocialService::EditComment(CommentId comment, MemberId editor,
                                                          const std::string& body) {
  return store_.EditComment(comment, editor, body, Now());
}

absl::Status SocialService::DeleteComment(CommentId comment, MemberId actor) {
  return store_.DeleteComment(comment, actor, Now());
}

absl::StatusOr<store::Report> SocialService::Report(store::ReportRequest request) {
  if (request.subject == store::ReportSubject::kPost) {
    // A member the author has blocked cannot see the post, so cannot report it.
    absl::StatusOr<store::Post> post = store_.GetPost(request.subject_id);
    if (post.ok()) {
      LEDD_ASSIGN_OR_RETURN(bool blocked, store_.IsBlocked(post->author, request.reporter));
      if (blocked) {
        return absl::NotFoundError(fmt::format("post {} does not exist", request.subject_id));
      }
    }
  }
  request.at = Now();
  return store_.AddReport(request);
}

absl::StatusOr<store::Comment> SocialService::AddComment(PostId post, MemberId author,
                                                         std::string body) {
  LEDD_ASSIGN_OR_RETURN(
      store::CommentWrite write,
      store_.AddComment(
          {.post_id = post, .author = author, .body = std::move(body), .created_at = Now()}));
  return write.comment;
}

absl::StatusOr<std::vector<store::Comment>> SocialService::Comments(PostId post, MemberId viewer) {
  LEDD_ASSIGN_OR_RETURN(store::Post read, store_.GetPost(post));
  LEDD_ASSIGN_OR_RETURN(bool blocked, store_.IsBlocked(read.author, viewer));
  // The store's own words for an unknown post.
  if (blocked) return absl::NotFoundError(fmt::format("post {} does not exist", post));
  return store_.ListComments(post, {.viewer = viewer, .now = Now()});
}

absl::StatusOr<std::vector<store::Appearance>> SocialService::Appearances(MemberId member,
                                                                          MemberId viewer) {
  absl::StatusOr<store::Member> stored = store_.GetMember(member);
  if (!stored.ok() && !absl::IsNotFound(stored.status())) return stored.status();
  bool hidden = !stored.ok();
  if (!hidden) {
    LEDD_ASSIGN_OR_RETURN(hidden, store_.IsBlocked(member, viewer));
  }
  // One answer for "no such member" and "they blocked you", as the profile gives.
  if (hidden) return absl::NotFoundError(fmt::format("member {} not found", member));
  return store_.ListAppearances(member);
}

absl::StatusOr<store::Appearance> SocialService::GetAppearance(AppearanceId id, MemberId viewer) {
  LEDD_ASSIGN_OR_RETURN(store::Appearance appearance, store_.GetAppearance(id));
  LEDD_ASSIGN_OR_RETURN(bool blocked, store_.IsBlocked(appearance.member, viewer));
  // The store's own words for an unknown appearance.
  if (blocked) return absl::NotFoundError(fmt::format("appearance {} does not exist", id));
  return appearance;
}

absl::StatusOr<store::Appearance> SocialService::AddAppearance(MemberId member,
                                                               store::Appearance appearance) {
  appearance.id = 0;
  appearance.member = member;
  appearance.created_at = Now();
  return store_.AddAppearance(appearance);
}

absl::StatusOr<store::Appearance> SocialService::OwnAppearance(AppearanceId id, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(store::Appearance appearance, store_.GetAppearance(id));
  // Someone else's is answered as the store answers an unknown one: whose it is, and that
  // it exists, are not the point of a refused change.
  if (appearance.member != member) {
    return absl::NotFoundError(fmt::format("appearance {} does not exist", id));
  }
  return appearance;
}

absl::StatusOr<store::Appearance> SocialService::UpdateAppearance(
    MemberId member, const store::Appearance& appearance) {
  LEDD_RETURN_IF_ERROR(OwnAppearance(appearance.id, member).status());
  return store_.UpdateAppearance(appearance);
}

absl::Status SocialService::DeleteAppearance(MemberId member, AppearanceId id) {
  LEDD_RETURN_IF_ERROR(OwnAppearance(id, member).status());
  return store_.DeleteAppearance(id);
}

absl::StatusOr<std::vector<store::Notification>> SocialService::Notifications(
    MemberId member, const store::NotificationListOptions& options) {
  return store_.ListNotifications(member, options);
}

absl::StatusOr<int64_t> SocialService::UnreadCount(MemberId member) {
  return store_.CountUnreadNotifications(member);
}

absl::StatusOr<int64_t> SocialService::MarkRead(MemberId member,
                                                const store::NotificationSelection& selection) {
  return store_.MarkNotificationsRead(member, selection, Now());
}

}  // namespace ledd::service
