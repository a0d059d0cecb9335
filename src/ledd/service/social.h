#pragma once
// SocialService: "stay visible" (DESIGN.md) — follows, posts, comments, views,
// appearances (talks, media appearances, courses) and notifications, over the store
// (system of record) and the live network (read model).
//
// Every write is one store transaction that also writes the notifications it causes
// (store.h): a new post notifies the author's followers, a comment the post's author.
// Follows are part of the network (its follow CSR), so after Follow and Unfollow the
// live network catches up before the call returns (read-your-writes); posts, comments,
// views and read marks are not in the network and need no catch-up. If a catch-up
// fails the write is still committed and the error says so.
//
// Who may do what: the acting member is always the caller (the server takes it from the
// session). A member follows as themselves, publishes and comments as themselves, and
// lists and marks only their own notifications; posts, comments and appearances are
// readable by any signed-in member except one the author has blocked, who is answered
// as if the posts did not exist (store.h Block), and except hidden ones (removed by a
// moderator, or by a suspended author: store.h "moderation"), which only their author
// still sees. Only its member changes or deletes an
// appearance; to anyone else it is answered as an unknown one.
//
// Appearances append no events (store.h) and are not in the network: no catch-up.
//
// Thread-safety: safe to call from any thread; the store and LiveNetwork serialize what
// needs it. The clock in the options must be thread-safe.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/service/live_network.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::service {

struct SocialServiceOptions {
  // The time of each write. Empty = the wall clock.
  std::function<Timestamp()> clock;
};

class SocialService {
 public:
  // `store` and `live` (if not null) must outlive the service. A null `live` skips the
  // catch-up (tools that write without a network).
  SocialService(store::Store& store, LiveNetwork* live, SocialServiceOptions options = {});

  // `follower` follows / stops following `followee` (store.h AddFollow, RemoveFollow).
  absl::Status Follow(MemberId follower, MemberId followee);
  absl::Status Unfollow(MemberId follower, MemberId followee);

  // Publishes a post by `author` now (store.h AddPost for the limits).
  absl::StatusOr<store::Post> Publish(MemberId author, std::string title, std::string body);
  // One read of a post by `reader` now: counts a view once per reader per post per
  // day, never the author's (store.h CountView).
  absl::StatusOr<store::Post> Read(PostId post, MemberId reader);
  // `author`'s posts as `viewer` may see them: none when the author has blocked the
  // viewer (what an unknown member's list is, so the block is not revealed).
  absl::StatusOr<std::vector<store::Post>> Posts(MemberId author, MemberId viewer,
                                                 const store::PostListOptions& options);
  // Posts by the members `member` follows, newest first.
  absl::StatusOr<std::vector<store::Post>> Feed(MemberId member,
                                                const store::PostListOptions& options);

  absl::StatusOr<store::Comment> AddComment(PostId post, MemberId author, std::string body);
  // The author's edit of their post or comment (store.h EditPost, EditComment), and the
  // deletes: a post by its author, a comment by its author or the post's.
  absl::StatusOr<store::Post> EditPost(PostId post, MemberId editor, const std::string& title,
                                       const std::string& body);
  absl::Status DeletePost(PostId post, MemberId actor);
  absl::StatusOr<store::Comment> EditComment(CommentId comment, MemberId editor,
                                             const std::string& body);
  absl::Status DeleteComment(CommentId comment, MemberId actor);
  // A member's report of a post or comment now (store.h AddReport); a post whose author
  // has blocked the reporter is answered as an unknown one.
  absl::StatusOr<store::Report> Report(store::ReportRequest request);
  // The comments of `post`; NotFound, as for an unknown post, when its author has
  // blocked `viewer`.
  absl::StatusOr<std::vector<store::Comment>> Comments(PostId post, MemberId viewer);

  // `member`'s appearances, newest first, as `viewer` may see them. NotFound ("member N
  // not found") for an unknown member and, with the same message, for one who has
  // blocked the viewer.
  absl::StatusOr<std::vector<store::Appearance>> Appearances(MemberId member, MemberId viewer);
  // One appearance as `viewer` may see it; NotFound ("appearance N does not exist") when
  // absent, or when its member has blocked the viewer.
  absl::StatusOr<store::Appearance> GetAppearance(AppearanceId id, MemberId viewer);
  // Adds an appearance of `member`'s (its id, member and created_at are set here).
  // InvalidArgument for what store::ValidateAppearance refuses; FailedPrecondition when
  // the member has store::Store::kMaxAppearances already.
  absl::StatusOr<store::Appearance> AddAppearance(MemberId member, store::Appearance appearance);
  // Replaces kind, title, event, date, place and link of `appearance.id`, which must be
  // `member`'s (NotFound, as for an unknown one, otherwise).
  absl::StatusOr<store::Appearance> UpdateAppearance(MemberId member,
                                                     const store::Appearance& appearance);
  // Deletes one of `member`'s appearances (NotFound as for UpdateAppearance).
  // Invitations sent from it keep their `via`, which then verifies as none.
  absl::Status DeleteAppearance(MemberId member, AppearanceId id);

  // The member's own notifications, newest first, and how many are unread.
  absl::StatusOr<std::vector<store::Notification>> Notifications(
      MemberId member, const store::NotificationListOptions& options);
  absl::StatusOr<int64_t> UnreadCount(MemberId member);
  // Marks the member's selected notifications read now; returns how many changed.
  // Ids that are not the member's are skipped: a member can only mark their own.
  absl::StatusOr<int64_t> MarkRead(MemberId member, const store::NotificationSelection& selection);

 private:
  Timestamp Now() const;
  absl::Status CatchUpAfter(const std::string& what);
  // Appearance `id` if `member` may change it; NotFound as for an unknown one.
  absl::StatusOr<store::Appearance> OwnAppearance(AppearanceId id, MemberId member);

  store::Store& store_;
  LiveNetwork* const live_;
  const SocialServiceOptions options_;
};

}  // namespace ledd::service
