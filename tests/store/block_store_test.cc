// Blocks, in every store engine (store_fixture.h): block, unblock and the reads; each
// refused write with its code; the invitation rule in both directions (and what each
// side is told); the pending invitation a block resolves, with its events; and a
// connection surviving a block. (The migration of a version 5 SQLite database is in
// sqlite_store_test.cc.)

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<MemberId> BlockedIds(const std::vector<MemberBlock>& blocks) {
  std::vector<MemberId> ids;
  for (const MemberBlock& block : blocks) ids.push_back(block.blocked);
  return ids;
}

// Members 1..6 and nothing else.
class BlockStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store().Import(Members(6)).ok());
  }

  absl::Status Send(MemberId from, MemberId to) {
    return store().SendInvitation({.from = from, .to = to, .at = kT0 + 10}).status();
  }

  InvitationId SendOrDie(MemberId from, MemberId to) {
    absl::StatusOr<InvitationWrite> write =
        store().SendInvitation({.from = from, .to = to, .at = kT0});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? write->invitation.id : 0;
  }
};

TEST_P(BlockStoreTest, BlockIsDirectedListedAndLiftedByUnblock) {
  const EventId before = *store().LastEventId();
  absl::StatusOr<BlockWrite> write = store().Block(1, 3, kT0);
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(write->block, (MemberBlock{.blocker = 1, .blocked = 3, .created_at = kT0}));
  EXPECT_THAT(write->resolved, IsEmpty());
  ASSERT_TRUE(store().Block(1, 2, kT0 + 1).ok());

  EXPECT_TRUE(*store().IsBlocked(1, 3));
  EXPECT_FALSE(*store().IsBlocked(3, 1));  // Directed.
  EXPECT_THAT(BlockedIds(*store().ListBlocked(1)), ElementsAre(2, 3));
  EXPECT_THAT(*store().ListBlocked(3), IsEmpty());
  EXPECT_THAT(*store().ListBlocked(99), IsEmpty());

  std::vector<Event> events = *store().EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kBlockChanged);
  EXPECT_EQ(events[0].a, 1);
  EXPECT_EQ(events[0].b, 3);
  EXPECT_EQ(events[0].id, write->event);

  absl::StatusOr<EventId> unblocked = store().Unblock(1, 3);
  ASSERT_TRUE(unblocked.ok()) << unblocked.status();
  EXPECT_EQ(*unblocked, *store().LastEventId());
  EXPECT_EQ(store().EventsAfter(*unblocked - 1, 1)->front().kind, EventKind::kBlockChanged);
  EXPECT_FALSE(*store().IsBlocked(1, 3));
  EXPECT_THAT(BlockedIds(*store().ListBlocked(1)), ElementsAre(2));
  EXPECT_TRUE(Send(1, 3).ok());  // Unblocked: they may invite again.
}

TEST_P(BlockStoreTest, EachRefusedWriteHasItsCodeAndChangesNothing) {
  ASSERT_TRUE(store().Block(1, 2, kT0).ok());
  const EventId before = *store().LastEventId();
  struct Case {
    const char* name;
    absl::Status status;
    absl::StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"self", store().Block(1, 1, kT0).status(), absl::StatusCode::kInvalidArgument,
       "member 1 cannot block itself"},
      {"unknown blocked", store().Block(1, 99, kT0).status(), absl::StatusCode::kNotFound,
       "member 99 does not exist"},
      {"unknown blocker", store().Block(99, 1, kT0).status(), absl::StatusCode::kNotFound,
       "member 99 does not exist"},
      {"twice", store().Block(1, 2, kT0 + 1).status(), absl::StatusCode::kAlreadyExists,
       "member 1 has already blocked member 2"},
      {"unblock absent", store().Unblock(2, 1).status(), absl::StatusCode::kNotFound,
       "member 2 has not blocked member 1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.name << ": " << c.status;
    EXPECT_THAT(c.status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(*store().LastEventId(), before);
  EXPECT_THAT(BlockedIds(*store().ListBlocked(1)), ElementsAre(2));
}

TEST_P(BlockStoreTest, ABlockedPairCannotInviteInEitherDirection) {
  ASSERT_TRUE(store().Block(4, 5, kT0).ok());
  const EventId before = *store().LastEventId();

  // The blocked member is told only that the other cannot be invited: not why.
  absl::Status by_blocked = Send(5, 4);
  EXPECT_EQ(by_blocked.code(), absl::StatusCode::kFailedPrecondition) << by_blocked;
  EXPECT_EQ(by_blocked.message(), "member 4 cannot be invited by member 5");
  EXPECT_THAT(by_blocked.message(), Not(HasSubstr("block")));

  // The blocker is told their own block is in the way.
  absl::Status by_blocker = Send(4, 5);
  EXPECT_EQ(by_blocker.code(), absl::StatusCode::kFailedPrecondition) << by_blocker;
  EXPECT_THAT(by_blocker.message(), HasSubstr("member 4 has blocked member 5"));

  EXPECT_EQ(*store().LastEventId(), before);
  EXPECT_TRUE(Send(4, 6).ok());  // Others are not affected.
  EXPECT_TRUE(Send(6, 5).ok());
}

TEST_P(BlockStoreTest, ABlockIgnoresTheBlockedMembersPendingInvitation) {
  const InvitationId invitation = SendOrDie(2, 1);
  const EventId before = *store().LastEventId();
  absl::StatusOr<BlockWrite> write = store().Block(1, 2, kT0 + 5);
  ASSERT_TRUE(write.ok()) << write.status();
  ASSERT_EQ(write->resolved.size(), 1u);
  EXPECT_EQ(write->resolved[0].id, invitation);
  EXPECT_EQ(write->resolved[0].state, InvitationState::kIgnored);
  EXPECT_EQ(store().GetInvitation(invitation)->state, InvitationState::kIgnored);
  // Ignored, not reported: no report counts against the sender.
  EXPECT_EQ(store().GetSenderHistory(2, kT0 + 100, 0)->reports, 0);

  std::vector<Event> events = *store().EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kInvitationChanged);
  EXPECT_EQ(events[0].a, invitation);
  EXPECT_EQ(events[1].kind, EventKind::kBlockChanged);
  EXPECT_EQ(events[1].id, write->event);
  EXPECT_THAT(*store().ListInvitations(1, {.state = InvitationState::kPending}), IsEmpty());
}

TEST_P(BlockStoreTest, ABlockWithdrawsTheBlockersOwnPendingInvitation) {
  const InvitationId invitation = SendOrDie(1, 2);
  absl::StatusOr<BlockWrite> write = store().Block(1, 2, kT0 + 5);
  ASSERT_TRUE(write.ok()) << write.status();
  ASSERT_EQ(write->resolved.size(), 1u);
  EXPECT_EQ(write->resolved[0].state, InvitationState::kWithdrawn);
  EXPECT_EQ(store().GetInvitation(invitation)->state, InvitationState::kWithdrawn);
  // Nothing pending is left to accept across the block.
  EXPECT_EQ(
      store().ChangeInvitation(invitation, InvitationState::kAccepted, kT0 + 6).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_P(BlockStoreTest, ABlockKeepsAnExistingConnection) {
  ASSERT_TRUE(store().AddConnection({.a = 1, .b = 2, .created_at = kT0}).ok());
  ASSERT_TRUE(store().Block(2, 1, kT0 + 1).ok());
  EXPECT_EQ(store().Count()->connections, 1);
  // Removing it is a separate action, which the block does not prevent.
  EXPECT_TRUE(store().RemoveConnection(1, 2).ok());
  EXPECT_EQ(store().Count()->connections, 0);
}

TEST_P(BlockStoreTest, ABlockEndsFollowsBothWaysInItsTransaction) {
  ASSERT_TRUE(store().AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
  ASSERT_TRUE(store().AddFollow({.follower = 1, .followee = 2, .created_at = kT0}).ok());
  ASSERT_TRUE(store().AddFollow({.follower = 3, .followee = 1, .created_at = kT0}).ok());
  const EventId before = *store().LastEventId();
  ASSERT_TRUE(store().Block(1, 2, kT0 + 1).ok());
  std::vector<std::pair<MemberId, MemberId>> follows;
  ASSERT_TRUE(store()
                  .ForEachFollow([&](const Follow& follow) {
                    follows.emplace_back(follow.follower, follow.followee);
                  })
                  .ok());
  EXPECT_THAT(follows, ElementsAre(std::pair<MemberId, MemberId>{3, 1}));
  // The network learns of each ended follow before the block.
  std::vector<Event> events = *store().EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, EventKind::kFollowRemoved);
  EXPECT_EQ(events[1].kind, EventKind::kFollowRemoved);
  EXPECT_EQ(events[2].kind, EventKind::kBlockChanged);
}

TEST_P(BlockStoreTest, TheBlockedMemberIsAnsweredAsIfTheBlockerDidNotExist) {
  const PostWrite post = *store().AddPost({.author = 1, .title = "mine", .created_at = kT0});
  ASSERT_TRUE(store().Block(1, 2, kT0 + 1).ok());
  // Following: the answer for member 99, who does not exist.
  const absl::Status follow = store().AddFollow({.follower = 2, .followee = 1}).status();
  const absl::Status unknown = store().AddFollow({.follower = 2, .followee = 99}).status();
  EXPECT_EQ(follow.code(), absl::StatusCode::kNotFound) << follow;
  EXPECT_EQ(follow.message(), "member 1 does not exist");
  EXPECT_EQ(unknown.message(), "member 99 does not exist");
  // Commenting on and reading the blocker's post: the answer for an unknown post.
  const absl::Status comment =
      store().AddComment({.post_id = post.post.id, .author = 2, .body = "hi"}).status();
  EXPECT_EQ(comment.code(), absl::StatusCode::kNotFound) << comment;
  EXPECT_EQ(comment.message(), fmt::format("post {} does not exist", post.post.id));
  const absl::Status read = store().CountView(post.post.id, 2, kT0 + 2).status();
  EXPECT_EQ(read.code(), absl::StatusCode::kNotFound) << read;
  EXPECT_EQ(read.message(), fmt::format("post {} does not exist", post.post.id));
  EXPECT_EQ(store().GetPost(post.post.id)->views, 0);
  EXPECT_TRUE(store().ListComments(post.post.id, {})->empty());
  // Others are unaffected; the blocker is told what they did.
  EXPECT_TRUE(store().AddComment({.post_id = post.post.id, .author = 3, .body = "hi"}).ok());
  EXPECT_TRUE(store().AddFollow({.follower = 3, .followee = 1}).ok());
  const absl::Status own = store().AddFollow({.follower = 1, .followee = 2}).status();
  EXPECT_EQ(own.code(), absl::StatusCode::kFailedPrecondition) << own;
  // Unblocked, everything works again.
  ASSERT_TRUE(store().Unblock(1, 2).ok());
  EXPECT_TRUE(store().AddFollow({.follower = 2, .followee = 1}).ok());
}

TEST_P(BlockStoreTest, TheBlockedMemberIsNotNotifiedOfTheBlockersComments) {
  const PostWrite theirs = *store().AddPost({.author = 2, .title = "theirs", .created_at = kT0});
  ASSERT_TRUE(store().Block(1, 2, kT0 + 1).ok());
  ASSERT_TRUE(store().AddComment({.post_id = theirs.post.id, .author = 1, .body = "x"}).ok());
  ASSERT_TRUE(store().AddComment({.post_id = theirs.post.id, .author = 3, .body = "y"}).ok());
  const std::vector<Notification> notifications = *store().ListNotifications(2, {});
  ASSERT_EQ(notifications.size(), 1u);  // Member 3's comment only.
  EXPECT_EQ(notifications[0].kind, NotificationKind::kNewComment);
}

TEST_P(BlockStoreTest, UnblockingDoesNotLiftAReport) {
  const InvitationId invitation = SendOrDie(3, 4);
  ASSERT_TRUE(store().ChangeInvitation(invitation, InvitationState::kReported, kT0 + 1).ok());
  ASSERT_TRUE(store().Block(4, 3, kT0 + 2).ok());
  ASSERT_TRUE(store().Unblock(4, 3).ok());
  absl::Status status = Send(4, 3);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("was reported"));
}

TEST(BlockStoreEvents, TheEventKindHasAStableName) {
  EXPECT_EQ(EventKindName(EventKind::kBlockChanged), "block_changed");
  EXPECT_EQ(*ParseEventKind("block_changed"), EventKind::kBlockChanged);
}

LEDD_STORE_CONTRACT(BlockStoreTest);

}  // namespace
}  // namespace ledd::store
