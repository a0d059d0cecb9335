// Posts, comments, follows' feed and notifications, in every store engine
// (store_fixture.h): publishing (with its event and a notification per follower), views
// (the author's own reads do not count), listing and the feed newest first, comments
// and their notification, the invitation notifications written in the invitation's own
// transaction, and marking read, which only ever touches the member's own.

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<PostId> PostIds(const std::vector<Post>& posts) {
  std::vector<PostId> ids;
  for (const Post& post : posts) ids.push_back(post.id);
  return ids;
}

std::vector<NotificationKind> Kinds(const std::vector<Notification>& notifications) {
  std::vector<NotificationKind> kinds;
  for (const Notification& notification : notifications) kinds.push_back(notification.kind);
  return kinds;
}

// Members 1..5; 2 and 3 follow 1.
class SocialStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store().Import(Members(5)).ok());
    ASSERT_TRUE(store().AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
    ASSERT_TRUE(store().AddFollow({.follower = 3, .followee = 1, .created_at = kT0}).ok());
  }

  Post Publish(MemberId author, Timestamp at, const std::string& title = "Hello") {
    absl::StatusOr<PostWrite> write =
        store().AddPost({.author = author, .title = title, .body = "body", .created_at = at});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? write->post : Post{};
  }
};

TEST_P(SocialStoreTest, PublishingStoresThePostAppendsItsEventAndNotifiesFollowers) {
  const EventId before = *store().LastEventId();
  absl::StatusOr<PostWrite> write = store().AddPost(
      {.author = 1, .title = "Reach", .body = "500 x 500 is not 250,000", .created_at = kT0});
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_GT(write->post.id, 0);
  EXPECT_EQ(write->post.views, 0);
  EXPECT_EQ(*store().GetPost(write->post.id), write->post);

  std::vector<Event> events = *store().EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kPostAdded);
  EXPECT_EQ(events[0].a, write->post.id);
  EXPECT_EQ(events[0].id, write->event);

  for (MemberId follower : {2, 3}) {
    std::vector<Notification> notifications = *store().ListNotifications(follower, {});
    ASSERT_EQ(notifications.size(), 1u) << follower;
    EXPECT_EQ(notifications[0].kind, NotificationKind::kNewPost);
    EXPECT_EQ(notifications[0].subject, write->post.id);
    EXPECT_EQ(notifications[0].member, follower);
    EXPECT_FALSE(notifications[0].read_at.has_value());
  }
  EXPECT_THAT(*store().ListNotifications(1, {}), IsEmpty());  // Not the author.
  EXPECT_THAT(*store().ListNotifications(4, {}), IsEmpty());  // Not a follower.
}

TEST_P(SocialStoreTest, RefusedPostsChangeNothing) {
  const EventId before = *store().LastEventId();
  EXPECT_TRUE(absl::IsInvalidArgument(
      store().AddPost({.author = 1, .title = std::string(201, 'x'), .created_at = kT0}).status()));
  // 200 characters of two bytes each is within the limit: characters, not bytes.
  std::string title;
  for (int i = 0; i < 200; ++i) title += "ø";
  EXPECT_TRUE(store().AddPost({.author = 4, .title = title, .created_at = kT0}).ok());
  const EventId after_ok = *store().LastEventId();
  EXPECT_TRUE(absl::IsInvalidArgument(
      store().AddPost({.author = 1, .title = "t", .body = std::string(10'001, 'x')}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store().AddPost({.author = 1}).status()));
  EXPECT_TRUE(absl::IsNotFound(store().AddPost({.author = 99, .title = "t"}).status()));
  EXPECT_TRUE(absl::IsNotFound(store().GetPost(12345).status()));
  EXPECT_EQ(*store().LastEventId(), after_ok);
  EXPECT_GT(after_ok, before);
  EXPECT_THAT(*store().ListNotifications(2, {}), IsEmpty());
}

TEST_P(SocialStoreTest, AReaderCountsOncePerDayAndTheAuthorNever) {
  const Post post = Publish(1, kT0);
  const EventId before = *store().LastEventId();
  EXPECT_EQ(store().CountView(post.id, 2, kT0)->views, 1);
  // Reloading the same day is not another view, however often.
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(store().CountView(post.id, 2, kT0 + i * 60)->views, 1);
  EXPECT_EQ(store().CountView(post.id, 1, kT0)->views, 1);  // The author's never counts.
  EXPECT_EQ(store().CountView(post.id, 1, kT0 + kDay)->views, 1);
  EXPECT_EQ(store().CountView(post.id, 4, kT0)->views, 2);
  EXPECT_EQ(store().CountView(post.id, 2, kT0 + kDay)->views, 3);  // A new day, a new view.
  EXPECT_EQ(store().GetPost(post.id)->views, 3);
  std::vector<Event> events = *store().EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 3u);  // Only counted views append one.
  EXPECT_EQ(events[0].kind, EventKind::kPostViewed);
  EXPECT_EQ(events[0].a, post.id);
  EXPECT_EQ(events[0].b, 2);
  EXPECT_TRUE(absl::IsNotFound(store().CountView(999, 2, kT0).status()));
}

TEST_P(SocialStoreTest, PostsAndTheFeedAreNewestFirst) {
  const Post first = Publish(1, kT0);
  const Post other = Publish(4, kT0 + 5);
  const Post second = Publish(1, kT0 + 10);
  const Post same_time = Publish(1, kT0 + 10);  // Ties go by id, newest first.
  EXPECT_THAT(PostIds(*store().ListPosts(1, {})), ElementsAre(same_time.id, second.id, first.id));
  EXPECT_THAT(PostIds(*store().ListPosts(1, {.limit = 1, .offset = 1})), ElementsAre(second.id));
  EXPECT_THAT(*store().ListPosts(5, {}), IsEmpty());

  ASSERT_TRUE(store().AddFollow({.follower = 2, .followee = 4, .created_at = kT0}).ok());
  EXPECT_THAT(PostIds(*store().ListFeed(2, {})),
              ElementsAre(same_time.id, second.id, other.id, first.id));
  EXPECT_THAT(PostIds(*store().ListFeed(3, {})), ElementsAre(same_time.id, second.id, first.id));
  EXPECT_THAT(*store().ListFeed(1, {}), IsEmpty());  // Follows no one.
  ASSERT_TRUE(store().RemoveFollow(3, 1).ok());
  EXPECT_THAT(*store().ListFeed(3, {}), IsEmpty());
  EXPECT_TRUE(absl::IsInvalidArgument(store().ListFeed(2, {.limit = -1}).status()));
}

TEST_P(SocialStoreTest, CommentsAreListedOldestFirstAndNotifyTheAuthorUnlessTheirOwn) {
  const Post post = Publish(1, kT0);
  const EventId before = *store().LastEventId();
  absl::StatusOr<CommentWrite> comment =
      store().AddComment({.post_id = post.id, .author = 4, .body = "Agreed", .created_at = kT0});
  ASSERT_TRUE(comment.ok()) << comment.status();
  EXPECT_EQ(store().EventsAfter(before, 10)->front().kind, EventKind::kCommentAdded);
  EXPECT_EQ(store().EventsAfter(before, 10)->front().a, comment->comment.id);
  ASSERT_TRUE(
      store()
          .AddComment({.post_id = post.id, .author = 1, .body = "Thanks", .created_at = kT0 + 1})
          .ok());
  std::vector<Comment> comments = *store().ListComments(post.id, {});
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0], comment->comment);
  EXPECT_EQ(comments[1].author, 1);

  std::vector<Notification> notifications = *store().ListNotifications(1, {});
  ASSERT_EQ(notifications.size(), 1u);  // Not for the author's own reply.
  EXPECT_EQ(notifications[0].kind, NotificationKind::kNewComment);
  EXPECT_EQ(notifications[0].subject, comment->comment.id);
  // 4 commented on 1's posts once and 1 on their own once.
  EXPECT_EQ(store().GetAttention(4, 1, kT0 + 2, kT0 + 2)->comments, 1);

  const EventId after = *store().LastEventId();
  EXPECT_TRUE(
      absl::IsNotFound(store().AddComment({.post_id = 777, .author = 4, .body = "x"}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      store()
          .AddComment({.post_id = post.id, .author = 4, .body = std::string(2'001, 'x')})
          .status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(store().AddComment({.post_id = post.id, .author = 4}).status()));
  EXPECT_EQ(*store().LastEventId(), after);
  EXPECT_TRUE(absl::IsNotFound(store().ListComments(777, {}).status()));
}

TEST_P(SocialStoreTest, InvitationsNotifyTheRecipientAndAnAcceptTheSender) {
  absl::StatusOr<InvitationWrite> sent = store().SendInvitation({.from = 4, .to = 5, .at = kT0});
  ASSERT_TRUE(sent.ok()) << sent.status();
  std::vector<Notification> received = *store().ListNotifications(5, {});
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].kind, NotificationKind::kNewInvitation);
  EXPECT_EQ(received[0].subject, sent->invitation.id);
  EXPECT_THAT(*store().ListNotifications(4, {}), IsEmpty());

  ASSERT_TRUE(
      store().ChangeInvitation(sent->invitation.id, InvitationState::kAccepted, kT0 + 1).ok());
  std::vector<Notification> accepted = *store().ListNotifications(4, {});
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(accepted[0].kind, NotificationKind::kInvitationAccepted);
  EXPECT_EQ(accepted[0].subject, sent->invitation.id);

  // Inviting someone who already invited you accepts theirs: they hear it was accepted.
  ASSERT_TRUE(store().SendInvitation({.from = 2, .to = 3, .at = kT0}).ok());
  ASSERT_TRUE(store().SendInvitation({.from = 3, .to = 2, .at = kT0 + 2}).ok());
  EXPECT_THAT(Kinds(*store().ListNotifications(2, {})),
              ElementsAre(NotificationKind::kInvitationAccepted));
  EXPECT_THAT(Kinds(*store().ListNotifications(3, {})),
              ElementsAre(NotificationKind::kNewInvitation));

  // An ignored invitation tells the sender nothing.
  absl::StatusOr<InvitationWrite> ignored = store().SendInvitation({.from = 1, .to = 5, .at = kT0});
  ASSERT_TRUE(ignored.ok());
  ASSERT_TRUE(
      store().ChangeInvitation(ignored->invitation.id, InvitationState::kIgnored, kT0 + 3).ok());
  EXPECT_THAT(*store().ListNotifications(1, {}), IsEmpty());
}

TEST_P(SocialStoreTest, MarkingReadTouchesOnlyTheMembersOwnNotifications) {
  Publish(1, kT0);
  Publish(1, kT0 + 1);
  Publish(1, kT0 + 2);
  std::vector<Notification> mine = *store().ListNotifications(2, {});
  std::vector<Notification> theirs = *store().ListNotifications(3, {});
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].created_at, kT0 + 2);  // Newest first.
  EXPECT_EQ(*store().CountUnreadNotifications(2), 3);

  // Member 2 names one of its own and one of member 3's: only its own changes.
  const EventId before = *store().LastEventId();
  absl::StatusOr<int64_t> marked =
      store().MarkNotificationsRead(2, {.ids = {mine[1].id, theirs[0].id, 424242}}, kT0 + 9);
  ASSERT_TRUE(marked.ok()) << marked.status();
  EXPECT_EQ(*marked, 1);
  EXPECT_EQ(store().EventsAfter(before, 10)->front().kind, EventKind::kNotificationsRead);
  EXPECT_EQ(*store().CountUnreadNotifications(2), 2);
  EXPECT_EQ(*store().CountUnreadNotifications(3), 3);
  EXPECT_EQ(store().ListNotifications(2, {})->at(1).read_at, kT0 + 9);
  EXPECT_EQ(store().ListNotifications(2, {.unread_only = true})->size(), 2u);
  EXPECT_EQ(store().ListNotifications(2, {.limit = 1})->size(), 1u);

  // Again: nothing changes, so no event.
  const EventId again = *store().LastEventId();
  EXPECT_EQ(*store().MarkNotificationsRead(2, {.ids = {mine[1].id}}, kT0 + 10), 0);
  EXPECT_EQ(*store().LastEventId(), again);

  EXPECT_EQ(*store().MarkNotificationsRead(2, {.all = true}, kT0 + 11), 2);
  EXPECT_EQ(*store().CountUnreadNotifications(2), 0);
  EXPECT_EQ(*store().CountUnreadNotifications(3), 3);
  EXPECT_THAT(*store().ListNotifications(2, {.unread_only = true}), IsEmpty());
}

TEST_P(SocialStoreTest, NotificationKindsHaveStableNames) {
  EXPECT_EQ(NotificationKindName(NotificationKind::kNewPost), "new_post");
  EXPECT_EQ(NotificationKindName(NotificationKind::kNewComment), "new_comment");
  EXPECT_EQ(NotificationKindName(NotificationKind::kNewInvitation), "new_invitation");
  EXPECT_EQ(NotificationKindName(NotificationKind::kInvitationAccepted), "invitation_accepted");
  EXPECT_EQ(*ParseNotificationKind("new_post"), NotificationKind::kNewPost);
  EXPECT_FALSE(ParseNotificationKind("bogus").ok());
  EXPECT_EQ(*ParseEventKind("post_viewed"), EventKind::kPostViewed);
  EXPECT_EQ(*ParseEventKind("notifications_read"), EventKind::kNotificationsRead);
}

LEDD_STORE_CONTRACT(SocialStoreTest);

}  // namespace
}  // namespace ledd::store
