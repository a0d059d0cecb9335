// InvitationService over a real SQLite store and a LiveNetwork: who may do what,
// read-your-writes, the configured weekly limit under a test clock, advice and boxes.

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/query/contacts_report.h"
#include "ledd/query/network_queries.h"
#include "ledd/service/invitations.h"
#include "ledd/service/saved_searches.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::service {
namespace {

using store::InvitationState;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr Timestamp kT0 = 1'700'000'000;

store::Member MakeMember(MemberId id) {
  store::Member member;
  member.id = id;
  member.handle = "m" + std::to_string(id);
  member.first_name = "First" + std::to_string(id);
  member.last_name = "Last";
  member.headline = "Engineer";
  member.summary = "Builds bridges";
  member.has_photo = true;
  member.city = "Oslo";
  member.country = "NO";
  member.industry = "Civil Engineering";
  member.created_at = 1'500'000'000;
  return member;
}

bool Connected(const graph::Snapshot& snapshot, MemberId a, MemberId b) {
  const Node node_a = snapshot.Find(a);
  const Node node_b = snapshot.Find(b);
  if (node_a == kNoNode || node_b == kNoNode) return false;
  std::span<const Node> contacts = snapshot.Connections(node_a);
  return std::find(contacts.begin(), contacts.end(), node_b) != contacts.end();
}

// Members 1..8 with complete profiles; 2-3, 3-4 and 3-5 connected, so member 1
// accepting 2 brings 2 and 3 into 1's 1st+2nd degree. Weekly limit 3. The clock starts
// at kT0 and moves when a test says so.
class InvitationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Store>> opened =
        store::OpenSqliteStore({.path = dir_.File("ledd.db")});
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
    store::Dataset data;
    for (MemberId id = 1; id <= 8; ++id) data.members.push_back(MakeMember(id));
    data.connections = {{.a = 2, .b = 3}, {.a = 3, .b = 4}, {.a = 3, .b = 5}};
    ASSERT_TRUE(store_->Import(data).ok());
    absl::StatusOr<std::unique_ptr<LiveNetwork>> live =
        LiveNetwork::Open(*store_, {.background_compaction = false});
    ASSERT_TRUE(live.ok()) << live.status();
    live_ = *std::move(live);
    service_ = std::make_unique<InvitationService>(
        *store_, live_.get(),
        InvitationServiceOptions{.weekly_limit = 3, .clock = [this] { return now_.load(); }});
  }

  InvitationId SendOrDie(MemberId from, MemberId to, std::string note = "") {
    absl::StatusOr<store::Invitation> invitation = service_->Send(from, to, std::move(note));
    EXPECT_TRUE(invitation.ok()) << invitation.status();
    return invitation.ok() ? invitation->id : 0;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<LiveNetwork> live_;
  std::atomic<Timestamp> now_ = kT0;
  std::unique_ptr<InvitationService> service_;
};

TEST_F(InvitationServiceTest, AnAcceptedInvitationIsInTheVeryNextSnapshot) {
  const InvitationId id = SendOrDie(2, 1);
  EXPECT_FALSE(Connected(*live_->Current(), 1, 2));
  absl::StatusOr<store::Invitation> accepted = service_->Accept(id, /*acting=*/1);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->state, InvitationState::kAccepted);
  EXPECT_TRUE(Connected(*live_->Current(), 1, 2));
  EXPECT_EQ(live_->LastAppliedEvent(), *store_->LastEventId());
}

TEST_F(InvitationServiceTest, TheReverseInvitationIsAcceptedAndVisibleAtOnce) {
  const InvitationId id = SendOrDie(2, 1);
  absl::StatusOr<store::Invitation> result = service_->Send(1, 2);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->id, id);
  EXPECT_EQ(result->state, InvitationState::kAccepted);
  EXPECT_TRUE(Connected(*live_->Current(), 1, 2));
}

TEST_F(InvitationServiceTest, OnlyTheRecipientAnswersAndOnlyTheSenderWithdraws) {
  const InvitationId id = SendOrDie(2, 1);
  struct Case {
    const char* name;
    absl::StatusOr<store::Invitation> (InvitationService::*action)(InvitationId, ActingMember);
    MemberId acting;
    const char* message;
  };
  // The other side of the invitation is told the rule, without a member id.
  const Case refused[] = {
      {"sender accepts", &InvitationService::Accept, 2,
       "only the recipient of invitation {} may accept it"},
      {"sender reports", &InvitationService::Report, 2,
       "only the recipient of invitation {} may report it"},
      {"recipient withdraws", &InvitationService::Withdraw, 1,
       "only the sender of invitation {} may withdraw it"},
  };
  for (const Case& c : refused) {
    absl::Status status = (service_.get()->*c.action)(id, c.acting).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied) << c.name << ": " << status;
    EXPECT_EQ(status.message(), fmt::format(fmt::runtime(c.message), id)) << c.name;
  }
  // Anyone else learns nothing, not even that it exists: the same answer as for an id
  // nobody has.
  for (auto action : {&InvitationService::Accept, &InvitationService::Ignore,
                      &InvitationService::Report, &InvitationService::Withdraw}) {
    absl::Status stranger = (service_.get()->*action)(id, 7).status();
    absl::Status unknown = (service_.get()->*action)(id + 1000, 7).status();
    EXPECT_EQ(stranger.code(), absl::StatusCode::kNotFound) << stranger;
    EXPECT_EQ(stranger.message(), fmt::format("invitation {} not found", id));
    EXPECT_EQ(unknown.message(), fmt::format("invitation {} not found", id + 1000));
    EXPECT_THAT(stranger.message(), Not(HasSubstr("member")));
  }
  EXPECT_EQ(store_->GetInvitation(id)->state, InvitationState::kPending);

  EXPECT_TRUE(service_->Withdraw(id, 2).ok());
  // The operator (no acting member) may act for anyone; the state machine still holds.
  const InvitationId second = SendOrDie(3, 1);
  EXPECT_TRUE(service_->Ignore(second).ok());
  EXPECT_TRUE(service_->Report(second).ok());
  EXPECT_EQ(service_->Accept(second).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->Accept(999).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(service_->Accept(999, 1).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InvitationServiceTest, TheConfiguredWeeklyLimitFollowsTheClock) {
  for (MemberId to : {2, 3, 4}) SendOrDie(1, to);
  absl::Status status = service_->Send(1, 5).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(),
              HasSubstr("weekly invitation limit reached (3 in the last 7 days)"));
  now_ = kT0 + store::kInvitationWeek;
  EXPECT_TRUE(service_->Send(1, 5).ok());
}

TEST_F(InvitationServiceTest, AReportBlocksThePair) {
  const InvitationId id = SendOrDie(6, 1);
  ASSERT_TRUE(service_->Report(id, 1).ok());
  absl::Status status = service_->Send(1, 6).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("cannot invite each other"));
}

TEST_F(InvitationServiceTest, OnlyUnreportTakesAReportBackAndOnlyWithinTenMinutes) {
  const InvitationId id = SendOrDie(6, 1);
  absl::Status status = service_->Unreport(id, 1).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), fmt::format("invitation {} is pending, not reported", id));
  ASSERT_TRUE(service_->Report(id, 1).ok());
  // An ignore does not take the report back, for the recipient nor for the operator.
  for (ActingMember acting : {ActingMember(1), ActingMember()}) {
    status = service_->Ignore(id, acting).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(status.message(), fmt::format("invitation {} is reported, not pending", id));
  }
  status = service_->Unreport(id, 6).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(),
            fmt::format("only the recipient of invitation {} may unreport it", id));
  EXPECT_TRUE(absl::IsNotFound(service_->Unreport(id, 7).status()));

  now_ += store::kReportUndoWindow;  // The last second of the window.
  absl::StatusOr<store::Invitation> undone = service_->Unreport(id, 1);
  ASSERT_TRUE(undone.ok()) << undone.status();
  EXPECT_EQ(undone->state, InvitationState::kIgnored);
  // No longer reported: the pair may invite each other again (the ignore's cooldown
  // applies to its sender only).
  EXPECT_TRUE(service_->Send(1, 6).ok());

  const InvitationId late = SendOrDie(7, 1);
  ASSERT_TRUE(service_->Report(late, 1).ok());
  now_ += store::kReportUndoWindow + 1;
  status = service_->Unreport(late, 1).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("was reported more than 10 minutes ago"));
  EXPECT_EQ(store_->GetInvitation(late)->state, InvitationState::kReported);
}

TEST_F(InvitationServiceTest, TheBoxShowsOnlyAVerifiedOrigin) {
  absl::StatusOr<store::PostWrite> post = store_->AddPost({.author = 1,
                                                           .title = "Bruer over fjorder",
                                                           .body = "Om bruer.",
                                                           .created_at = kT0 - 10 * 86400});
  ASSERT_TRUE(post.ok()) << post.status();
  const Timestamp read_at = kT0 - 3 * 86400;
  ASSERT_TRUE(store_->CountView(post->post.id, 2, read_at).ok());
  absl::StatusOr<store::Appearance> talk =
      store_->AddAppearance({.member = 1,
                             .kind = store::AppearanceKind::kTalk,
                             .title = "Event sourcing",
                             .event = "JavaZone 2023",
                             .date = kT0 - 86400 * 30,
                             .created_at = kT0 - 86400 * 40});
  ASSERT_TRUE(talk.ok()) << talk.status();

  absl::StatusOr<store::Invitation> from_post =
      service_->Send(2, 1, "", {.kind = store::InvitationVia::Kind::kPost, .id = post->post.id});
  ASSERT_TRUE(from_post.ok()) << from_post.status();
  absl::StatusOr<store::Invitation> from_talk =
      service_->Send(3, 1, "", {.kind = store::InvitationVia::Kind::kAppearance, .id = talk->id});
  ASSERT_TRUE(from_talk.ok()) << from_talk.status();
  // Member 4 never read the post.
  absl::Status unread =
      service_->Send(4, 1, "", {.kind = store::InvitationVia::Kind::kPost, .id = post->post.id})
          .status();
  EXPECT_EQ(unread.code(), absl::StatusCode::kInvalidArgument);

  absl::StatusOr<std::vector<BoxEntry>> box = service_->Box(1);
  ASSERT_TRUE(box.ok()) << box.status();
  ASSERT_EQ(box->size(), 2u);
  for (const BoxEntry& entry : *box) {
    ASSERT_TRUE(entry.advice.has_value());
    if (entry.invitation.id == from_post->id) {
      EXPECT_EQ(entry.via.kind, query::Provenance::Kind::kPost);
      EXPECT_EQ(entry.via.title, "Bruer over fjorder");
      EXPECT_EQ(entry.via.at, read_at);
      EXPECT_EQ(entry.advice->decision, query::Decision::kAccept);
    } else {
      EXPECT_EQ(entry.via.kind, query::Provenance::Kind::kAppearance);
      EXPECT_EQ(entry.via.event, "JavaZone 2023");
      EXPECT_EQ(entry.via.appearance_kind, "talk");
      EXPECT_EQ(entry.via.at, talk->date);
    }
  }
  // The sender's box, with no advice, carries it too; so does Provenance().
  absl::StatusOr<std::vector<BoxEntry>> sent =
      service_->Box(2, {.box = store::InvitationBox::kSent});
  ASSERT_TRUE(sent.ok() && sent->size() == 1u);
  EXPECT_FALSE(sent->front().advice.has_value());
  EXPECT_EQ(sent->front().via.title, "Bruer over fjorder");
  EXPECT_EQ(service_->Provenance(*from_post)->kind, query::Provenance::Kind::kPost);

  // A deleted appearance is no origin any more, in the box or anywhere.
  ASSERT_TRUE(store_->DeleteAppearance(talk->id).ok());
  EXPECT_EQ(service_->Provenance(*from_talk)->kind, query::Provenance::Kind::kNone);
  box = service_->Box(1);
  ASSERT_TRUE(box.ok());
  for (const BoxEntry& entry : *box) {
    if (entry.invitation.id == from_talk->id) {
      EXPECT_EQ(entry.via.kind, query::Provenance::Kind::kNone);
    }
  }
}

TEST_F(InvitationServiceTest, ABlockStopsInvitationsBothWaysUntilUnblocked) {
  const InvitationId pending = SendOrDie(6, 1);
  absl::StatusOr<store::BlockWrite> block = service_->Block(1, 6);
  ASSERT_TRUE(block.ok()) << block.status();
  ASSERT_EQ(block->resolved.size(), 1u);
  EXPECT_EQ(block->resolved[0].id, pending);
  EXPECT_EQ(block->resolved[0].state, InvitationState::kIgnored);
  // The network has caught up with the write, and the ignored invitation is no longer
  // in the box as pending.
  EXPECT_EQ(live_->LastAppliedEvent(), *store_->LastEventId());
  EXPECT_EQ(service_->Box(1, {.state = InvitationState::kPending})->size(), 0u);

  absl::Status blocked_sender = service_->Send(6, 1).status();
  EXPECT_EQ(blocked_sender.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(blocked_sender.message(), "member 1 cannot be invited by member 6");
  absl::Status blocker = service_->Send(1, 6).status();
  EXPECT_EQ(blocker.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(blocker.message(), HasSubstr("member 1 has blocked member 6"));

  ASSERT_EQ(service_->Blocked(1)->size(), 1u);
  EXPECT_EQ(service_->Blocked(1)->front().blocked, 6);
  EXPECT_EQ(service_->Blocked(6)->size(), 0u);
  EXPECT_EQ(service_->Blocked(99).status().code(), absl::StatusCode::kNotFound);

  EXPECT_EQ(service_->Block(1, 6).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(service_->Block(1, 1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Unblock(6, 1).code(), absl::StatusCode::kNotFound);

  ASSERT_TRUE(service_->Unblock(1, 6).ok());
  EXPECT_EQ(live_->LastAppliedEvent(), *store_->LastEventId());
  // The block ignored 6's invitation: 6 waits out the re-invite cooldown like anyone
  // ignored, and 1, who lifted the block, may invite at once.
  absl::Status cooling = service_->Send(6, 1).status();
  EXPECT_EQ(cooling.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(cooling.message(), HasSubstr("member 6 can invite member 1 again on"));
  EXPECT_TRUE(service_->Send(1, 6).ok());
}

TEST_F(InvitationServiceTest, ABlockKeepsTheConnectionInTheNetwork) {
  ASSERT_TRUE(service_->Block(2, 3).ok());
  EXPECT_TRUE(Connected(*live_->Current(), 2, 3));
}

TEST_F(InvitationServiceTest, AdviceCarriesTheMarginalReachOfTheCurrentSnapshot) {
  const InvitationId id = SendOrDie(2, 1, "Hei! Vi jobbet sammen på brua.");
  absl::StatusOr<query::Advice> advice = service_->Advice(id);
  ASSERT_TRUE(advice.ok()) << advice.status();
  // 1 has no contacts: accepting 2 brings 2, and 2's contact 3.
  EXPECT_EQ(advice->marginal_reach, 2u);
  const graph::Snapshot& snapshot = *live_->Current();
  EXPECT_EQ(advice->marginal_reach,
            query::MarginalReach(snapshot, snapshot.Find(1), snapshot.Find(2)));
  EXPECT_FALSE(advice->reasons.empty());
  bool has_note = false;
  for (const query::Reason& reason : advice->reasons) has_note |= reason.code == "personal_note";
  EXPECT_TRUE(has_note);

  absl::StatusOr<query::Advice> norwegian = service_->Advice(id, query::Language::kNorwegian);
  ASSERT_TRUE(norwegian.ok());
  EXPECT_EQ(norwegian->decision, advice->decision);
  EXPECT_NE(norwegian->reasons.front().text, advice->reasons.front().text);

  ASSERT_TRUE(service_->Accept(id).ok());
  absl::Status status = service_->Advice(id).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("is accepted; advice is for pending invitations"));
}

TEST_F(InvitationServiceTest, TheReceivedBoxAdvisesOnPendingInvitationsOnly) {
  const InvitationId answered = SendOrDie(6, 1);
  ASSERT_TRUE(service_->Ignore(answered, 1).ok());
  now_ = kT0 + 10;
  const InvitationId older = SendOrDie(2, 1);
  now_ = kT0 + 20;
  const InvitationId newer = SendOrDie(7, 1);

  absl::StatusOr<std::vector<BoxEntry>> box = service_->Box(1);
  ASSERT_TRUE(box.ok()) << box.status();
  ASSERT_EQ(box->size(), 3u);
  EXPECT_EQ((*box)[0].invitation.id, newer);
  EXPECT_EQ((*box)[1].invitation.id, older);
  EXPECT_EQ((*box)[2].invitation.id, answered);
  ASSERT_TRUE((*box)[0].advice.has_value());
  ASSERT_TRUE((*box)[1].advice.has_value());
  EXPECT_FALSE((*box)[2].advice.has_value());
  EXPECT_EQ((*box)[0].advice->marginal_reach, 1u);  // 7 alone.
  EXPECT_EQ((*box)[1].advice->marginal_reach, 2u);  // 2 and 3.

  absl::StatusOr<std::vector<BoxEntry>> sent =
      service_->Box(2, {.box = store::InvitationBox::kSent});
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_FALSE((*sent)[0].advice.has_value());
  EXPECT_EQ(service_->Box(99).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InvitationServiceTest, TheBoxCountsTheNewPeopleMatchingEachSavedSearch) {
  // 3 moves to Bergen: accepting 2 brings 2 (Oslo) and 3 (Bergen).
  store::Member moved = *store_->GetMember(3);
  moved.city = "Bergen";
  ASSERT_TRUE(store_->UpdateMember(moved).ok());
  ASSERT_TRUE(live_->CatchUp().ok());
  SavedSearchService searches(*store_, {.clock = [this] { return now_.load(); }});
  ASSERT_TRUE(searches.Save(1, "oslo", {.city = "oslo"}).ok());  // Matching folds case.
  ASSERT_TRUE(
      searches.Save(1, "bergen engineers", {.city = "Bergen", .industry = "Civil Engineering"})
          .ok());
  ASSERT_TRUE(searches.Save(1, "tromsø", {.city = "Tromsø"}).ok());
  ASSERT_TRUE(searches.Save(2, "not 1's", {.city = "Oslo"}).ok());
  const InvitationId from_2 = SendOrDie(2, 1);
  now_ = kT0 + 10;
  const InvitationId from_7 = SendOrDie(7, 1);
  const InvitationId answered = SendOrDie(6, 1);
  ASSERT_TRUE(service_->Ignore(answered, 1).ok());

  absl::StatusOr<std::vector<BoxEntry>> box = service_->Box(1);
  ASSERT_TRUE(box.ok()) << box.status();
  ASSERT_EQ(box->size(), 3u);
  const BoxEntry& newer = (*box)[0];
  const BoxEntry& older = (*box)[1];
  ASSERT_EQ(newer.invitation.id, from_7);
  ASSERT_EQ(older.invitation.id, from_2);
  // By name; the numbers are MarginalReachMatching's on the same snapshot.
  EXPECT_THAT(older.saved_searches,
              ::testing::ElementsAre(SavedSearchMatches{.name = "bergen engineers", .matches = 1},
                                     SavedSearchMatches{.name = "oslo", .matches = 1},
                                     SavedSearchMatches{.name = "tromsø", .matches = 0}));
  EXPECT_THAT(newer.saved_searches,
              ::testing::ElementsAre(SavedSearchMatches{.name = "bergen engineers", .matches = 0},
                                     SavedSearchMatches{.name = "oslo", .matches = 1},
                                     SavedSearchMatches{.name = "tromsø", .matches = 0}));
  const graph::Snapshot& snapshot = *live_->Current();
  absl::StatusOr<std::vector<store::SavedSearch>> saved = searches.List(1);
  ASSERT_TRUE(saved.ok()) << saved.status();
  for (const BoxEntry* entry : {&newer, &older}) {
    ASSERT_EQ(entry->saved_searches.size(), saved->size());
    for (size_t i = 0; i < saved->size(); ++i) {
      EXPECT_EQ(entry->saved_searches[i].matches,
                query::MarginalReachMatching(snapshot, snapshot.Find(1),
                                             snapshot.Find(entry->invitation.from),
                                             ToSearchFilters((*saved)[i].filters)))
          << (*saved)[i].name;
    }
  }
  EXPECT_THAT((*box)[2].saved_searches, ::testing::IsEmpty());  // Ignored: nothing to decide.

  absl::StatusOr<std::vector<BoxEntry>> sent =
      service_->Box(2, {.box = store::InvitationBox::kSent});
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 1u);
  EXPECT_THAT((*sent)[0].saved_searches, ::testing::IsEmpty());

  // Without saved searches the box is as before.
  for (const char* name : {"oslo", "bergen engineers", "tromsø"}) {
    ASSERT_TRUE(searches.Delete(1, name).ok()) << name;
  }
  box = service_->Box(1);
  ASSERT_TRUE(box.ok());
  EXPECT_THAT((*box)[0].saved_searches, ::testing::IsEmpty());
  EXPECT_EQ((*box)[0].advice->marginal_reach, 1u);
}

TEST_F(InvitationServiceTest, SavedSearchesAreSavedListedAndDeletedPerMember) {
  SavedSearchService searches(*store_, {.clock = [this] { return now_.load(); }});
  absl::StatusOr<store::SavedSearch> saved = searches.Save(1, "oslo", {.city = "Oslo"});
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(*saved,
            (store::SavedSearch{
                .member = 1, .name = "oslo", .filters = {.city = "Oslo"}, .created_at = kT0}));
  now_ = kT0 + 60;
  ASSERT_TRUE(searches.Save(1, "oslo", {.title = "engineer", .city = "Oslo"}).ok());
  absl::StatusOr<std::vector<store::SavedSearch>> listed = searches.List(1);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].filters.title, "engineer");
  EXPECT_EQ((*listed)[0].created_at, kT0 + 60);
  EXPECT_TRUE(searches.List(2)->empty());

  EXPECT_EQ(searches.List(99).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(searches.Save(99, "x", {.city = "Oslo"}).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(searches.Save(1, "all", {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(searches.Delete(1, "oslo").ok());
  EXPECT_EQ(searches.Delete(1, "oslo").code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(searches.List(1)->empty());
}

TEST(ToSearchFilters, CarriesEveryFilter) {
  const query::SearchFilters filters = ToSearchFilters({.title = "a",
                                                        .city = "b",
                                                        .country = "c",
                                                        .company = "d",
                                                        .school = "e",
                                                        .field = "f",
                                                        .industry = "g",
                                                        .name = "h"});
  EXPECT_EQ(filters.title, "a");
  EXPECT_EQ(filters.city, "b");
  EXPECT_EQ(filters.country, "c");
  EXPECT_EQ(filters.company, "d");
  EXPECT_EQ(filters.school, "e");
  EXPECT_EQ(filters.field, "f");
  EXPECT_EQ(filters.industry, "g");
  EXPECT_EQ(filters.name, "h");
}

TEST_F(InvitationServiceTest, SettingsChangeOnlyWhatIsGiven) {
  absl::StatusOr<store::Member> member =
      service_->UpdateSettings(1, {.policy = store::Policy::kSelective});
  ASSERT_TRUE(member.ok()) << member.status();
  EXPECT_EQ(store_->GetMember(1)->policy, store::Policy::kSelective);
  EXPECT_EQ(store_->GetMember(1)->markets.kind, store::Markets::Kind::kHome);
  EXPECT_EQ(live_->Current()->Policy(live_->Current()->Find(1)), graph::TriagePolicy::kSelective);

  store::Markets markets{.kind = store::Markets::Kind::kListed, .countries = {"NO", "SE"}};
  ASSERT_TRUE(service_->UpdateSettings(1, {.markets = markets}).ok());
  EXPECT_EQ(store_->GetMember(1)->markets, markets);
  EXPECT_EQ(store_->GetMember(1)->policy, store::Policy::kSelective);
  EXPECT_EQ(service_->UpdateSettings(99, {}).status().code(), absl::StatusCode::kNotFound);
}

TEST(InvitationServiceWithoutNetwork, WritesWorkAndReadsSayWhyNot) {
  testing::TempDir dir;
  std::unique_ptr<store::Store> store = *store::OpenSqliteStore({.path = dir.File("ledd.db")});
  store::Dataset data;
  data.members = {MakeMember(1), MakeMember(2)};
  ASSERT_TRUE(store->Import(data).ok());
  InvitationService service(*store, nullptr);
  absl::StatusOr<store::Invitation> sent = service.Send(1, 2);
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_TRUE(service.Accept(sent->id, 2).ok());
  EXPECT_EQ(store->Count()->connections, 1);
  EXPECT_EQ(service.Advice(sent->id).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ParseLanguage, KnowsEnglishAndBokmal) {
  EXPECT_EQ(*ParseLanguage("en"), query::Language::kEnglish);
  EXPECT_EQ(*ParseLanguage("nb"), query::Language::kNorwegian);
  EXPECT_EQ(ParseLanguage("de").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ledd::service
