// Where an invitation came from, and what the advice reads about the sender's attention,
// in every store engine (store_fixture.h): appearances (add, edit, list, delete, the
// field rules), an invitation's `via` checked when it is sent (a post of the recipient
// that the sender read before, an appearance of the recipient that has taken place),
// the three-week cooldown after an ignore that also rings no second time, the report
// that can be taken back for ten minutes, GetAttention's split into seasoned and fresh,
// and the import of via, post views and appearances. (The SQLite v7 → v8 migration:
// sqlite_store_test.cc.)

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr Timestamp kMidnight = 1'700'006'400;  // 00:00 UTC on a day.

Appearance Talk(MemberId member, Timestamp date, std::string title = "Event sourcing") {
  return Appearance{.member = member,
                    .kind = AppearanceKind::kTalk,
                    .title = std::move(title),
                    .event = "JavaZone 2026",
                    .date = date,
                    .place = "Oslo Spektrum",
                    .link = "https://2026.javazone.no/program/42",
                    .created_at = date - 30 * kDay};
}

// Members 1..5.
class ProvenanceStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store().Import(Members(5)).ok());
  }

  PostId Publish(MemberId author, Timestamp at) {
    absl::StatusOr<PostWrite> write = store().AddPost(
        {.author = author, .title = "ESG in practice", .body = "What we learnt", .created_at = at});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? write->post.id : 0;
  }

  absl::StatusOr<InvitationWrite> Send(MemberId from, MemberId to, Timestamp at,
                                       InvitationVia via = {}) {
    return store().SendInvitation({.from = from, .to = to, .at = at, .via = via});
  }
};

TEST_P(ProvenanceStoreTest, AppearancesAreAddedEditedListedNewestFirstAndDeleted) {
  absl::StatusOr<Appearance> first = store().AddAppearance(Talk(1, kMidnight));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_GT(first->id, 0);
  absl::StatusOr<Appearance> second =
      store().AddAppearance(Talk(1, kMidnight + 10 * kDay, "Graphs"));
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_TRUE(store().AddAppearance(Talk(2, kMidnight)).ok());

  std::vector<Appearance> listed = *store().ListAppearances(1);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0], *second);
  EXPECT_EQ(listed[1], *first);
  EXPECT_THAT(*store().ListAppearances(3), IsEmpty());

  Appearance edited = *first;
  edited.kind = AppearanceKind::kMedia;
  edited.title = "Dagsnytt 18";
  edited.member = 4;        // Not changeable:
  edited.created_at = 123;  // both stay as stored.
  absl::StatusOr<Appearance> updated = store().UpdateAppearance(edited);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->member, 1);
  EXPECT_EQ(updated->created_at, first->created_at);
  EXPECT_EQ(*store().GetAppearance(first->id), *updated);

  ASSERT_TRUE(store().DeleteAppearance(first->id).ok());
  EXPECT_TRUE(absl::IsNotFound(store().GetAppearance(first->id).status()));
  EXPECT_TRUE(absl::IsNotFound(store().DeleteAppearance(first->id)));
  EXPECT_EQ(store().ListAppearances(1)->size(), 1u);
  EXPECT_EQ(store().Count()->appearances, 2);
}

TEST_P(ProvenanceStoreTest, AppearancesFollowTheFieldRules) {
  Appearance untitled = Talk(1, kMidnight, "  ");
  EXPECT_THAT(store().AddAppearance(untitled).status().message(), HasSubstr("needs a title"));
  Appearance script = Talk(1, kMidnight);
  script.link = "javascript:alert(1)";
  EXPECT_THAT(store().AddAppearance(script).status().message(),
              HasSubstr("must be an http or https address"));
  Appearance long_title = Talk(1, kMidnight, std::string(kMaxAppearanceTitle + 1, 'x'));
  EXPECT_TRUE(absl::IsInvalidArgument(store().AddAppearance(long_title).status()));
  EXPECT_TRUE(absl::IsNotFound(store().AddAppearance(Talk(99, kMidnight)).status()));
  EXPECT_TRUE(absl::IsNotFound(store().UpdateAppearance({.id = 77, .title = "x"}).status()));
  EXPECT_EQ(store().Count()->appearances, 0);
}

TEST_P(ProvenanceStoreTest, AnInvitationFromAPostNeedsARecordedReadOfThatPostBefore) {
  const PostId post = Publish(1, kMidnight);
  const PostId other_authors = Publish(3, kMidnight);
  const InvitationVia via{.kind = InvitationVia::Kind::kPost, .id = post};

  // Not read: refused, and nothing is written.
  const EventId before = *store().LastEventId();
  EXPECT_THAT(Send(2, 1, kMidnight + kDay, via).status().message(),
              HasSubstr("member 2 has not read it"));
  EXPECT_EQ(*store().LastEventId(), before);
  // Read after the invitation's time: still not.
  ASSERT_TRUE(store().CountView(post, 2, kMidnight + 2 * kDay).ok());
  EXPECT_TRUE(absl::IsInvalidArgument(Send(2, 1, kMidnight + kDay, via).status()));
  // Someone else's post: refused.
  ASSERT_TRUE(store().CountView(other_authors, 2, kMidnight).ok());
  EXPECT_THAT(
      Send(2, 1, kMidnight + 3 * kDay, {.kind = InvitationVia::Kind::kPost, .id = other_authors})
          .status()
          .message(),
      HasSubstr("not a post of member 1"));

  absl::StatusOr<InvitationWrite> sent = Send(2, 1, kMidnight + 3 * kDay, via);
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(sent->invitation.via, via);
  EXPECT_EQ(store().GetInvitation(sent->invitation.id)->via, via);
  EXPECT_EQ(*store().FirstView(post, 2), kMidnight + 2 * kDay);
  EXPECT_EQ(*store().FirstView(post, 4), std::nullopt);
}

TEST_P(ProvenanceStoreTest, AnInvitationFromAnAppearanceNeedsOneOfTheRecipientsThatTookPlace) {
  const Appearance talk = *store().AddAppearance(Talk(1, kMidnight + 5 * kDay));
  const Appearance theirs = *store().AddAppearance(Talk(3, kMidnight));
  const InvitationVia via{.kind = InvitationVia::Kind::kAppearance, .id = talk.id};
  EXPECT_THAT(Send(2, 1, kMidnight + kDay, via).status().message(),
              HasSubstr("has not taken place yet"));
  EXPECT_THAT(
      Send(2, 1, kMidnight + 6 * kDay, {.kind = InvitationVia::Kind::kAppearance, .id = theirs.id})
          .status()
          .message(),
      HasSubstr("not an appearance of member 1"));
  EXPECT_TRUE(absl::IsInvalidArgument(
      Send(2, 1, kMidnight + 6 * kDay, {.kind = InvitationVia::Kind::kAppearance, .id = 404})
          .status()));
  absl::StatusOr<InvitationWrite> sent = Send(2, 1, kMidnight + 6 * kDay, via);
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(store().GetInvitation(sent->invitation.id)->via, via);
  // Deleting the appearance keeps the invitation's origin.
  ASSERT_TRUE(store().DeleteAppearance(talk.id).ok());
  EXPECT_EQ(store().GetInvitation(sent->invitation.id)->via, via);
}

TEST_P(ProvenanceStoreTest, AnIgnoredSenderWaitsThreeWeeksAndTheReinviteDoesNotRingAgain) {
  const InvitationId first = Send(2, 1, kMidnight)->invitation.id;
  ASSERT_TRUE(store().ChangeInvitation(first, InvitationState::kIgnored, kMidnight + kDay).ok());
  absl::Status early = Send(2, 1, kMidnight + kDay + kReinviteCooldown - 1).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(early));
  EXPECT_THAT(early.message(), HasSubstr("member 2 can invite member 1 again on"));
  // The recipient may still reach out: the cooldown binds the ignored sender only.
  absl::StatusOr<InvitationWrite> back = Send(1, 2, kMidnight + 2 * kDay);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_TRUE(
      store()
          .ChangeInvitation(back->invitation.id, InvitationState::kWithdrawn, kMidnight + 2 * kDay)
          .ok());

  const size_t rung = store().ListNotifications(1, {})->size();
  absl::StatusOr<InvitationWrite> again = Send(2, 1, kMidnight + kDay + kReinviteCooldown);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(store().ListNotifications(1, {})->size(), rung);
  EXPECT_EQ(again->invitation.state, InvitationState::kPending);
}

TEST_P(ProvenanceStoreTest, AReportCanBeTakenBackForTenMinutesAndThenStandsAsIgnored) {
  const InvitationId id = Send(2, 1, kMidnight)->invitation.id;
  ASSERT_TRUE(store().ChangeInvitation(id, InvitationState::kReported, kMidnight + 60).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(Send(1, 2, kMidnight + 120).status()));
  absl::StatusOr<InvitationWrite> undone =
      store().UndoReport(id, kMidnight + 60 + kReportUndoWindow);
  ASSERT_TRUE(undone.ok()) << undone.status();
  EXPECT_EQ(undone->invitation.state, InvitationState::kIgnored);
  // No longer a reported pair: the recipient may invite.
  EXPECT_TRUE(Send(1, 2, kMidnight + 60 + kReportUndoWindow).ok());

  const InvitationId late = Send(3, 1, kMidnight)->invitation.id;
  ASSERT_TRUE(store().ChangeInvitation(late, InvitationState::kReported, kMidnight).ok());
  absl::Status too_late = store().UndoReport(late, kMidnight + kReportUndoWindow + 1).status();
  EXPECT_THAT(too_late.message(), HasSubstr("reported more than 10 minutes ago"));
  EXPECT_EQ(store().GetInvitation(late)->state, InvitationState::kReported);
  // Only a report goes back, and only to ignored.
  EXPECT_TRUE(absl::IsFailedPrecondition(
      store().ChangeInvitation(late, InvitationState::kAccepted, kMidnight + 1).status()));
}

TEST_P(ProvenanceStoreTest, AttentionSplitsSeasonedFromFreshAndCountsEachPostOnce) {
  const PostId old_post = Publish(1, kMidnight);
  const PostId new_post = Publish(1, kMidnight + 9 * kDay);
  const PostId elsewhere = Publish(3, kMidnight);
  // Read the old post on two days (one post), the new one just before inviting.
  ASSERT_TRUE(store().CountView(old_post, 2, kMidnight + kDay).ok());
  ASSERT_TRUE(store().CountView(old_post, 2, kMidnight + 3 * kDay).ok());
  ASSERT_TRUE(store().CountView(new_post, 2, kMidnight + 9 * kDay + 100).ok());
  ASSERT_TRUE(store().CountView(elsewhere, 2, kMidnight + kDay).ok());
  ASSERT_TRUE(store()
                  .AddComment({.post_id = old_post,
                               .author = 2,
                               .body = "Good",
                               .created_at = kMidnight + 2 * kDay})
                  .ok());
  ASSERT_TRUE(store()
                  .AddComment({.post_id = new_post,
                               .author = 2,
                               .body = "Yes",
                               .created_at = kMidnight + 9 * kDay + 200})
                  .ok());
  // After the invitation: not counted at all.
  ASSERT_TRUE(store()
                  .AddComment({.post_id = new_post,
                               .author = 2,
                               .body = "Later",
                               .created_at = kMidnight + 11 * kDay})
                  .ok());
  ASSERT_TRUE(
      store().AddFollow({.follower = 2, .followee = 1, .created_at = kMidnight + 2 * kDay}).ok());

  const Timestamp invited = kMidnight + 10 * kDay;
  absl::StatusOr<Attention> attention = store().GetAttention(2, 1, invited - kDay, invited);
  ASSERT_TRUE(attention.ok()) << attention.status();
  EXPECT_EQ(attention->comments, 1);
  EXPECT_EQ(attention->fresh_comments, 1);
  EXPECT_EQ(attention->posts_read, 1);
  EXPECT_EQ(attention->fresh_posts_read, 1);
  EXPECT_EQ(attention->sender_follows_since, kMidnight + 2 * kDay);
  EXPECT_EQ(attention->recipient_follows_since, std::nullopt);
  EXPECT_EQ(*store().GetAttention(4, 1, invited - kDay, invited), Attention{});
}

// An empty database.
class ProvenanceImport : public StoreContractTest {};

TEST_P(ProvenanceImport, ViaPostViewsAndAppearancesLoadAndAreChecked) {
  Store* store = &this->store();
  Dataset data = Members(3);
  data.posts.push_back(
      {.id = 10, .author = 1, .title = "ESG", .body = "b", .created_at = kMidnight});
  data.post_views.push_back({.post_id = 10, .viewer = 2, .at = kMidnight + 3600});
  Appearance talk = Talk(1, kMidnight);
  talk.id = 20;
  data.appearances.push_back(talk);
  data.invitations.push_back({.id = 30,
                              .from = 2,
                              .to = 1,
                              .created_at = kMidnight + kDay,
                              .via = {.kind = InvitationVia::Kind::kPost, .id = 10}});
  data.invitations.push_back({.id = 31,
                              .from = 3,
                              .to = 1,
                              .created_at = kMidnight + kDay,
                              .via = {.kind = InvitationVia::Kind::kAppearance, .id = 20}});

  Dataset wrong_owner = data;
  wrong_owner.invitations[1].to = 2;
  wrong_owner.invitations[1].from = 3;
  EXPECT_THAT(store->Import(wrong_owner).status().message(),
              HasSubstr("invitations row 2: via appearance:20 is not an appearance of member 2"));
  Dataset unknown_post = data;
  unknown_post.post_views[0].post_id = 11;
  EXPECT_THAT(store->Import(unknown_post).status().message(),
              HasSubstr("post_views row 1: post 11 does not exist"));
  Dataset untitled = data;
  untitled.appearances[0].title = "";
  EXPECT_THAT(store->Import(untitled).status().message(), HasSubstr("appearances row 1:"));
  EXPECT_EQ(store->Count()->members, 0);

  ASSERT_TRUE(store->Import(data).ok());
  EXPECT_EQ(store->GetInvitation(30)->via, data.invitations[0].via);
  EXPECT_EQ(store->GetInvitation(31)->via, data.invitations[1].via);
  EXPECT_EQ(*store->FirstView(10, 2), kMidnight + 3600);
  EXPECT_EQ(*store->GetAppearance(20), talk);
  EXPECT_EQ(store->Count()->post_views, 1);
}

TEST(Markets, TakeCommasOrSemicolonsRefuseUnknownCodesAndEmptyMeansHome) {
  absl::StatusOr<Markets> listed = ParseMarkets(" no, se ");
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->kind, Markets::Kind::kListed);
  EXPECT_EQ(listed->countries, (std::vector<std::string>{"NO", "SE"}));
  EXPECT_EQ(*ParseMarkets("NO;SE"), *listed);
  EXPECT_EQ(FormatMarkets(*listed), "NO;SE");
  EXPECT_THAT(ParseMarkets("NO, XX").status().message(),
              HasSubstr("\"XX\" is not an ISO 3166 country code"));
  EXPECT_TRUE(absl::IsInvalidArgument(ParseMarkets("Norway").status()));
  EXPECT_EQ(*ParseMarkets(""), Markets{});
  EXPECT_EQ(*ParseMarkets("home"), Markets{});
  EXPECT_EQ(ParseMarkets("international")->kind, Markets::Kind::kInternational);
  EXPECT_EQ(ParseMarkets(" ; ")->kind, Markets::Kind::kHome);
}

TEST(InvitationVia, FormatsAndParsesBothWays) {
  const InvitationVia post{.kind = InvitationVia::Kind::kPost, .id = 12};
  EXPECT_EQ(FormatInvitationVia(post), "post:12");
  EXPECT_EQ(*ParseInvitationVia("post:12"), post);
  EXPECT_EQ(*ParseInvitationVia("appearance:3"),
            (InvitationVia{.kind = InvitationVia::Kind::kAppearance, .id = 3}));
  EXPECT_EQ(*ParseInvitationVia(""), InvitationVia{});
  for (const char* bad : {"post", "post:", "post:0", "post:-1", "talk:3", "post:1x"}) {
    EXPECT_TRUE(absl::IsInvalidArgument(ParseInvitationVia(bad).status())) << bad;
  }
}

LEDD_STORE_CONTRACT(ProvenanceStoreTest);
LEDD_STORE_CONTRACT(ProvenanceImport);

}  // namespace
}  // namespace ledd::store
