// A member's data rights, in every store engine (store_fixture.h): the export read
// (everything keyed by the member, nothing of others beyond what names them), the
// deletion requests, and the erasure: after EraseMember the store's reads find nothing
// of the member, and the event log names neither them nor their rows, while other
// members keep everything of their own. (sqlite_store_test.cc checks the erasure
// against the SQLite schema itself, every table and every text column.)

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/member_data_world.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Ada (1) with a bit of everything; Bo (2), Cy (3) and Di (4) around her.
class MemberDataStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    AddAdaAndHerNeighbours(store(), ada_post_, bo_post_);
  }

  PostId ada_post_ = 0;
  PostId bo_post_ = 0;
};

TEST_P(MemberDataStoreTest, ExportHoldsEverythingKeyedByTheMemberAndNoPassword) {
  absl::StatusOr<MemberData> data = store().ExportMember(1);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->member.first_name, "Ada");
  ASSERT_TRUE(data->account.has_value());
  EXPECT_EQ(data->account->email, "ada@example.org");
  EXPECT_EQ(data->account->password_hash, "");
  EXPECT_EQ(data->positions.size(), 1u);
  EXPECT_EQ(data->educations.size(), 1u);
  ASSERT_EQ(data->organizations.size(), 2u);  // Equinor and NTNU, not Telenor.
  EXPECT_EQ(data->organizations[0].id, 10);
  EXPECT_EQ(data->organizations[1].id, 11);
  EXPECT_EQ(data->connections.size(), 2u);
  EXPECT_EQ(data->follows.size(), 2u);  // 2 -> 1 and 1 -> 3, not 3 -> 2.
  EXPECT_EQ(data->invitations.size(), 1u);
  EXPECT_EQ(data->email_invitations.size(), 1u);
  ASSERT_EQ(data->posts.size(), 1u);
  EXPECT_EQ(data->posts[0].id, ada_post_);
  ASSERT_EQ(data->comments.size(), 1u);
  EXPECT_EQ(data->comments[0].body, "Ada on Bo's");
  ASSERT_EQ(data->post_views.size(), 1u);
  EXPECT_EQ(data->post_views[0].post_id, bo_post_);
  EXPECT_EQ(data->saved_searches.size(), 1u);
  EXPECT_EQ(data->appearances.size(), 1u);
  ASSERT_EQ(data->blocks.size(), 1u);
  EXPECT_EQ(data->blocks[0].blocked, 4);
  ASSERT_TRUE(data->photo.has_value());
  EXPECT_EQ(data->photo->large, "large-jpeg");
  EXPECT_FALSE(data->notifications.empty());  // Bo's comment on her post.

  EXPECT_EQ(store().ExportMember(99).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(MemberDataStoreTest, DeletionRequestsAreKeptCancelledAndFoundWhenDue) {
  absl::StatusOr<DeletionRequest> request = store().GetDeletionRequest(1);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->erase_at, kT0 + 60);
  EXPECT_THAT(*store().DueDeletions(kT0 + 59, 10), IsEmpty());
  ASSERT_EQ(store().DueDeletions(kT0 + 60, 10)->size(), 1u);
  // A second request replaces the first.
  ASSERT_TRUE(
      store().RequestDeletion({.member = 1, .requested_at = kT0 + 1, .erase_at = kT0 + 99}).ok());
  EXPECT_EQ(store().GetDeletionRequest(1)->erase_at, kT0 + 99);
  EXPECT_TRUE(store().CancelDeletion(1).ok());
  EXPECT_EQ(store().GetDeletionRequest(1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().CancelDeletion(1).code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(*store().DueDeletions(kT0 + 1000, 10), IsEmpty());
  // Refusals.
  EXPECT_EQ(
      store().RequestDeletion({.member = 99, .requested_at = kT0, .erase_at = kT0}).status().code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(store()
                .RequestDeletion({.member = 1, .requested_at = kT0, .erase_at = kT0 - 1})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(MemberDataStoreTest, ErasureLeavesNothingOfTheMemberAndKeepsOthersWhole) {
  const MemberData bo_before = *store().ExportMember(2);
  const MemberData cy_before = *store().ExportMember(3);
  const EventId last_before = *store().LastEventId();

  absl::StatusOr<EventId> erased = store().EraseMember(1);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_GT(*erased, last_before);
  EXPECT_EQ(store().GetMember(1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().EraseMember(1).status().code(), absl::StatusCode::kNotFound);

  // What named her is gone, as the store's reads see it (sqlite_store_test.cc checks the
  // SQLite schema itself, table by table).
  EXPECT_TRUE(absl::IsNotFound(store().GetPhoto(1, PhotoSize::kLarge).status()));
  EXPECT_TRUE(absl::IsNotFound(store().GetEmailInvitationByToken("email-token").status()));
  EXPECT_TRUE(absl::IsNotFound(store().GetDeletionRequest(1).status()));
  // Reports about her go with her audit; Cy's report of Bo's post stays.
  EXPECT_EQ(store().ListReports({})->size(), 1u);
  EXPECT_THAT(*store().ListAudit({.target = 1}), IsEmpty());
  // Bo's comment went with her post; her comment on Bo's post went with her.
  EXPECT_EQ(store().Count()->comments, 1);
  for (MemberId member : {2, 3, 4}) {
    const std::vector<Notification> notifications = *store().ListNotifications(member, {});
    for (const Notification& notification : notifications) {
      if (notification.kind != NotificationKind::kNewComment) continue;
      EXPECT_TRUE(store().GetComment(notification.subject).ok())
          << "member " << member << " is notified of a comment that is gone";
    }
  }

  // The event log: nothing names her or a row of hers; one kMemberErased says she went.
  const std::set<std::string> member_kinds = {"member_added", "member_updated",
                                              "saved_search_changed", "notifications_read"};
  const std::set<std::string> pair_kinds = {"connection_added", "connection_removed",
                                            "follow_added", "follow_removed", "block_changed"};
  int erasures = 0;
  const std::vector<Event> events = *store().EventsAfter(0, 1'000'000);
  for (const Event& event : events) {
    const std::string kind(EventKindName(event.kind));
    if (kind == "member_erased") {
      ++erasures;
      EXPECT_EQ(event.a, 1);
      continue;
    }
    if (member_kinds.contains(kind)) {
      EXPECT_NE(event.a, 1) << kind;
    }
    if (pair_kinds.contains(kind)) {
      EXPECT_NE(event.a, 1) << kind;
      EXPECT_NE(event.b, 1) << kind;
    }
    if (kind == "post_viewed") {
      EXPECT_NE(event.b, 1);
    }
    absl::Status row = absl::OkStatus();
    if (kind == "post_added" || kind == "post_viewed") row = store().GetPost(event.a).status();
    if (kind == "comment_added") row = store().GetComment(event.a).status();
    if (kind == "invitation_changed") row = store().GetInvitation(event.a).status();
    EXPECT_TRUE(row.ok()) << kind << " " << event.a << " names a row that is gone: " << row;
  }
  EXPECT_EQ(erasures, 1);

  // Bo and Cy keep everything of their own; only what named Ada is gone.
  const MemberData bo = *store().ExportMember(2);
  EXPECT_EQ(bo.member, bo_before.member);
  EXPECT_EQ(bo.positions, bo_before.positions);
  EXPECT_EQ(bo.educations, bo_before.educations);
  EXPECT_EQ(bo.posts.size(), 1u);
  EXPECT_EQ(bo.posts[0].id, bo_post_);
  ASSERT_EQ(bo.connections.size(), 1u);
  EXPECT_EQ(bo.connections[0], (Connection{.a = 2, .b = 3, .created_at = kT0}));
  ASSERT_EQ(bo.follows.size(), 1u);  // Cy follows Bo; Bo's follow of Ada is gone.
  EXPECT_EQ(bo.follows[0].follower, 3);
  EXPECT_EQ(bo.invitations.size(), 1u);  // Di's invitation to Bo.
  const MemberData cy = *store().ExportMember(3);
  EXPECT_EQ(cy.member, cy_before.member);
  EXPECT_EQ(cy.comments, cy_before.comments);
  ASSERT_EQ(cy.post_views.size(), 1u);  // Her read of Ada's post went with the post.
  EXPECT_EQ(cy.post_views[0].post_id, bo_post_);
  EXPECT_THAT(*store().ListBlocked(4), ::testing::SizeIs(1));  // Di's block of Cy stays.
  EXPECT_TRUE(store().GetOrganization(10).ok());               // Organizations are shared.
  EXPECT_THAT(*store().MemberIds(), UnorderedElementsAre(2, 3, 4));
}

TEST_P(MemberDataStoreTest, AnErasedMembersIdIsNeverGivenToANewcomer) {
  Member newcomer{.id = 0, .handle = "eve", .first_name = "Eve", .last_name = "Newcomer"};
  absl::StatusOr<MemberId> eve = store().AddMemberWithAccount(
      newcomer, {.email = "eve@example.org", .password_hash = "h", .created_at = kT0}, {});
  ASSERT_TRUE(eve.ok()) << eve.status();
  ASSERT_TRUE(store().EraseMember(*eve).ok());

  // The erased member had the largest id: the next sign-up goes above it all the same.
  newcomer.handle = "fay";
  absl::StatusOr<MemberId> fay = store().AddMemberWithAccount(
      newcomer, {.email = "fay@example.org", .password_hash = "h", .created_at = kT0 + 1}, {});
  ASSERT_TRUE(fay.ok()) << fay.status();
  EXPECT_EQ(*fay, *eve + 1);
}

LEDD_STORE_CONTRACT(MemberDataStoreTest);

}  // namespace
}  // namespace ledd::store
