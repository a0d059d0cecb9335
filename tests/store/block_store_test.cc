// Blocks in the SQLite store, against real database files: block, unblock and the
// reads; each refused write with its code; the invitation rule in both directions
// (and what each side is told); the pending invitation a block resolves, with its
// events; a connection surviving a block; and a version 5 database (before blocks)
// upgraded with its data kept.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr Timestamp kT0 = 1'700'000'000;

Member MakeMember(MemberId id) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.created_at = 1'500'000'000;
  return member;
}

Dataset Members(MemberId count) {
  Dataset data;
  for (MemberId id = 1; id <= count; ++id) data.members.push_back(MakeMember(id));
  return data;
}

std::unique_ptr<Store> Open(const std::string& path, int max_schema_version = 0) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = path, .max_schema_version = max_schema_version});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

std::vector<MemberId> BlockedIds(const std::vector<MemberBlock>& blocks) {
  std::vector<MemberId> ids;
  for (const MemberBlock& block : blocks) ids.push_back(block.blocked);
  return ids;
}

// Members 1..6 and nothing else.
class BlockStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open(path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->Import(Members(6)).ok());
  }

  absl::Status Send(MemberId from, MemberId to) {
    return store_->SendInvitation({.from = from, .to = to, .at = kT0 + 10}).status();
  }

  InvitationId SendOrDie(MemberId from, MemberId to) {
    absl::StatusOr<InvitationWrite> write =
        store_->SendInvitation({.from = from, .to = to, .at = kT0});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? write->invitation.id : 0;
  }

  testing::TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
  std::unique_ptr<Store> store_;
};

TEST_F(BlockStoreTest, BlockIsDirectedListedAndLiftedByUnblock) {
  const EventId before = *store_->LastEventId();
  absl::StatusOr<BlockWrite> write = store_->Block(1, 3, kT0);
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(write->block, (MemberBlock{.blocker = 1, .blocked = 3, .created_at = kT0}));
  EXPECT_THAT(write->resolved, IsEmpty());
  ASSERT_TRUE(store_->Block(1, 2, kT0 + 1).ok());

  EXPECT_TRUE(*store_->IsBlocked(1, 3));
  EXPECT_FALSE(*store_->IsBlocked(3, 1));  // Directed.
  EXPECT_THAT(BlockedIds(*store_->ListBlocked(1)), ElementsAre(2, 3));
  EXPECT_THAT(*store_->ListBlocked(3), IsEmpty());
  EXPECT_THAT(*store_->ListBlocked(99), IsEmpty());

  std::vector<Event> events = *store_->EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kBlockChanged);
  EXPECT_EQ(events[0].a, 1);
  EXPECT_EQ(events[0].b, 3);
  EXPECT_EQ(events[0].id, write->event);

  absl::StatusOr<EventId> unblocked = store_->Unblock(1, 3);
  ASSERT_TRUE(unblocked.ok()) << unblocked.status();
  EXPECT_EQ(*unblocked, *store_->LastEventId());
  EXPECT_EQ(store_->EventsAfter(*unblocked - 1, 1)->front().kind, EventKind::kBlockChanged);
  EXPECT_FALSE(*store_->IsBlocked(1, 3));
  EXPECT_THAT(BlockedIds(*store_->ListBlocked(1)), ElementsAre(2));
  EXPECT_TRUE(Send(1, 3).ok());  // Unblocked: they may invite again.
}

TEST_F(BlockStoreTest, EachRefusedWriteHasItsCodeAndChangesNothing) {
  ASSERT_TRUE(store_->Block(1, 2, kT0).ok());
  const EventId before = *store_->LastEventId();
  struct Case {
    const char* name;
    absl::Status status;
    absl::StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"self", store_->Block(1, 1, kT0).status(), absl::StatusCode::kInvalidArgument,
       "member 1 cannot block itself"},
      {"unknown blocked", store_->Block(1, 99, kT0).status(), absl::StatusCode::kNotFound,
       "member 99 does not exist"},
      {"unknown blocker", store_->Block(99, 1, kT0).status(), absl::StatusCode::kNotFound,
       "member 99 does not exist"},
      {"twice", store_->Block(1, 2, kT0 + 1).status(), absl::StatusCode::kAlreadyExists,
       "member 1 has already blocked member 2"},
      {"unblock absent", store_->Unblock(2, 1).status(), absl::StatusCode::kNotFound,
       "member 2 has not blocked member 1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.name << ": " << c.status;
    EXPECT_THAT(c.status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(*store_->LastEventId(), before);
  EXPECT_THAT(BlockedIds(*store_->ListBlocked(1)), ElementsAre(2));
}

TEST_F(BlockStoreTest, ABlockedPairCannotInviteInEitherDirection) {
  ASSERT_TRUE(store_->Block(4, 5, kT0).ok());
  const EventId before = *store_->LastEventId();

  // The blocked member is told only that the other cannot be invited: not why.
  absl::Status by_blocked = Send(5, 4);
  EXPECT_EQ(by_blocked.code(), absl::StatusCode::kFailedPrecondition) << by_blocked;
  EXPECT_EQ(by_blocked.message(), "member 4 cannot be invited by member 5");
  EXPECT_THAT(by_blocked.message(), Not(HasSubstr("block")));

  // The blocker is told their own block is in the way.
  absl::Status by_blocker = Send(4, 5);
  EXPECT_EQ(by_blocker.code(), absl::StatusCode::kFailedPrecondition) << by_blocker;
  EXPECT_THAT(by_blocker.message(), HasSubstr("member 4 has blocked member 5"));

  EXPECT_EQ(*store_->LastEventId(), before);
  EXPECT_TRUE(Send(4, 6).ok());  // Others are not affected.
  EXPECT_TRUE(Send(6, 5).ok());
}

TEST_F(BlockStoreTest, ABlockIgnoresTheBlockedMembersPendingInvitation) {
  const InvitationId invitation = SendOrDie(2, 1);
  const EventId before = *store_->LastEventId();
  absl::StatusOr<BlockWrite> write = store_->Block(1, 2, kT0 + 5);
  ASSERT_TRUE(write.ok()) << write.status();
  ASSERT_EQ(write->resolved.size(), 1u);
  EXPECT_EQ(write->resolved[0].id, invitation);
  EXPECT_EQ(write->resolved[0].state, InvitationState::kIgnored);
  EXPECT_EQ(store_->GetInvitation(invitation)->state, InvitationState::kIgnored);
  // Ignored, not reported: no report counts against the sender.
  EXPECT_EQ(store_->GetSenderHistory(2, kT0 + 100, 0)->reports, 0);

  std::vector<Event> events = *store_->EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kInvitationChanged);
  EXPECT_EQ(events[0].a, invitation);
  EXPECT_EQ(events[1].kind, EventKind::kBlockChanged);
  EXPECT_EQ(events[1].id, write->event);
  EXPECT_THAT(*store_->ListInvitations(1, {.state = InvitationState::kPending}), IsEmpty());
}

TEST_F(BlockStoreTest, ABlockWithdrawsTheBlockersOwnPendingInvitation) {
  const InvitationId invitation = SendOrDie(1, 2);
  absl::StatusOr<BlockWrite> write = store_->Block(1, 2, kT0 + 5);
  ASSERT_TRUE(write.ok()) << write.status();
  ASSERT_EQ(write->resolved.size(), 1u);
  EXPECT_EQ(write->resolved[0].state, InvitationState::kWithdrawn);
  EXPECT_EQ(store_->GetInvitation(invitation)->state, InvitationState::kWithdrawn);
  // Nothing pending is left to accept across the block.
  EXPECT_EQ(
      store_->ChangeInvitation(invitation, InvitationState::kAccepted, kT0 + 6).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(BlockStoreTest, ABlockKeepsAnExistingConnection) {
  ASSERT_TRUE(store_->AddConnection({.a = 1, .b = 2, .created_at = kT0}).ok());
  ASSERT_TRUE(store_->Block(2, 1, kT0 + 1).ok());
  EXPECT_EQ(store_->Count()->connections, 1);
  // Removing it is a separate action, which the block does not prevent.
  EXPECT_TRUE(store_->RemoveConnection(1, 2).ok());
  EXPECT_EQ(store_->Count()->connections, 0);
}

TEST_F(BlockStoreTest, ABlockEndsFollowsBothWaysInItsTransaction) {
  ASSERT_TRUE(store_->AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
  ASSERT_TRUE(store_->AddFollow({.follower = 1, .followee = 2, .created_at = kT0}).ok());
  ASSERT_TRUE(store_->AddFollow({.follower = 3, .followee = 1, .created_at = kT0}).ok());
  const EventId before = *store_->LastEventId();
  ASSERT_TRUE(store_->Block(1, 2, kT0 + 1).ok());
  std::vector<std::pair<MemberId, MemberId>> follows;
  ASSERT_TRUE(store_
                  ->ForEachFollow([&](const Follow& follow) {
                    follows.emplace_back(follow.follower, follow.followee);
                  })
                  .ok());
  EXPECT_THAT(follows, ElementsAre(std::pair<MemberId, MemberId>{3, 1}));
  // The network learns of each ended follow before the block.
  std::vector<Event> events = *store_->EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, EventKind::kFollowRemoved);
  EXPECT_EQ(events[1].kind, EventKind::kFollowRemoved);
  EXPECT_EQ(events[2].kind, EventKind::kBlockChanged);
}

TEST_F(BlockStoreTest, TheBlockedMemberIsAnsweredAsIfTheBlockerDidNotExist) {
  const PostWrite post = *store_->AddPost({.author = 1, .title = "mine", .created_at = kT0});
  ASSERT_TRUE(store_->Block(1, 2, kT0 + 1).ok());
  // Following: the answer for member 99, who does not exist.
  const absl::Status follow = store_->AddFollow({.follower = 2, .followee = 1}).status();
  const absl::Status unknown = store_->AddFollow({.follower = 2, .followee = 99}).status();
  EXPECT_EQ(follow.code(), absl::StatusCode::kNotFound) << follow;
  EXPECT_EQ(follow.message(), "member 1 does not exist");
  EXPECT_EQ(unknown.message(), "member 99 does not exist");
  // Commenting on and reading the blocker's post: the answer for an unknown post.
  const absl::Status comment =
      store_->AddComment({.post_id = post.post.id, .author = 2, .body = "hi"}).status();
  EXPECT_EQ(comment.code(), absl::StatusCode::kNotFound) << comment;
  EXPECT_EQ(comment.message(), fmt::format("post {} does not exist", post.post.id));
  const absl::Status read = store_->CountView(post.post.id, 2, kT0 + 2).status();
  EXPECT_EQ(read.code(), absl::StatusCode::kNotFound) << read;
  EXPECT_EQ(read.message(), fmt::format("post {} does not exist", post.post.id));
  EXPECT_EQ(store_->GetPost(post.post.id)->views, 0);
  EXPECT_TRUE(store_->ListComments(post.post.id, {})->empty());
  // Others are unaffected; the blocker is told what they did.
  EXPECT_TRUE(store_->AddComment({.post_id = post.post.id, .author = 3, .body = "hi"}).ok());
  EXPECT_TRUE(store_->AddFollow({.follower = 3, .followee = 1}).ok());
  const absl::Status own = store_->AddFollow({.follower = 1, .followee = 2}).status();
  EXPECT_EQ(own.code(), absl::StatusCode::kFailedPrecondition) << own;
  // Unblocked, everything works again.
  ASSERT_TRUE(store_->Unblock(1, 2).ok());
  EXPECT_TRUE(store_->AddFollow({.follower = 2, .followee = 1}).ok());
}

TEST_F(BlockStoreTest, TheBlockedMemberIsNotNotifiedOfTheBlockersComments) {
  const PostWrite theirs = *store_->AddPost({.author = 2, .title = "theirs", .created_at = kT0});
  ASSERT_TRUE(store_->Block(1, 2, kT0 + 1).ok());
  ASSERT_TRUE(store_->AddComment({.post_id = theirs.post.id, .author = 1, .body = "x"}).ok());
  ASSERT_TRUE(store_->AddComment({.post_id = theirs.post.id, .author = 3, .body = "y"}).ok());
  const std::vector<Notification> notifications = *store_->ListNotifications(2, {});
  ASSERT_EQ(notifications.size(), 1u);  // Member 3's comment only.
  EXPECT_EQ(notifications[0].kind, NotificationKind::kNewComment);
}

TEST_F(BlockStoreTest, UnblockingDoesNotLiftAReport) {
  const InvitationId invitation = SendOrDie(3, 4);
  ASSERT_TRUE(store_->ChangeInvitation(invitation, InvitationState::kReported, kT0 + 1).ok());
  ASSERT_TRUE(store_->Block(4, 3, kT0 + 2).ok());
  ASSERT_TRUE(store_->Unblock(4, 3).ok());
  absl::Status status = Send(4, 3);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("was reported"));
}

TEST(BlockStoreEvents, TheEventKindHasAStableName) {
  EXPECT_EQ(EventKindName(EventKind::kBlockChanged), "block_changed");
  EXPECT_EQ(*ParseEventKind("block_changed"), EventKind::kBlockChanged);
}

TEST(BlockStoreMigration, AVersion5DatabaseGainsBlocksAndKeepsItsData) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  InvitationId invitation = 0;
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/5);
    ASSERT_NE(store, nullptr);
    // Imported, not sent: this build's SendInvitation checks the blocks table, which
    // version 5 lacks, so the pending invitation is loaded as an older ledd left it.
    Dataset data = Members(2);
    invitation = 7;
    data.invitations.push_back({.id = invitation, .from = 1, .to = 2, .created_at = 5});
    ASSERT_TRUE(store->Import(data).ok());
    EXPECT_EQ(InspectSqliteStore(*store)->schema_version, 5);
    EXPECT_FALSE(store->ListBlocked(1).ok());  // Version 5 has no table for them.
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_GE(SqliteSchemaVersion(), 6);
  EXPECT_EQ(store->Count()->members, 2);
  EXPECT_EQ(store->GetInvitation(invitation)->state, InvitationState::kPending);
  EXPECT_EQ(*store->LastEventId(), 1);  // The import's.

  // The upgraded database blocks, resolving the invitation kept from version 5.
  absl::StatusOr<BlockWrite> write = store->Block(2, 1, 10);
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(store->GetInvitation(invitation)->state, InvitationState::kIgnored);
  EXPECT_TRUE(*store->IsBlocked(2, 1));
}

}  // namespace
}  // namespace ledd::store
