// The core of every store engine: Import (every record round trips, all or nothing, the
// offending row named), the single writes and the one event each appends, the refused
// writes with their codes, the ForEach* scans in their order, the connection limit, and
// several threads and several Store objects writing to one database at once. What is
// about SQLite itself (WAL, PRAGMAs, migrations, the file) is in sqlite_store_test.cc.

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A store with SmallDataset() imported.
class CoreStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ImportOrDie(SmallDataset());
  }

  Counts CountOrDie() {
    absl::StatusOr<Counts> counts = store().Count();
    EXPECT_TRUE(counts.ok()) << counts.status();
    return counts.ok() ? *counts : Counts{};
  }
  EventId LastEvent() {
    absl::StatusOr<EventId> last = store().LastEventId();
    EXPECT_TRUE(last.ok()) << last.status();
    return last.ok() ? *last : -1;
  }
  std::vector<Connection> Connections() {
    std::vector<Connection> connections;
    EXPECT_TRUE(
        store().ForEachConnection([&](const Connection& c) { connections.push_back(c); }).ok());
    return connections;
  }
};

// An empty database.
class EmptyStoreTest : public StoreContractTest {};

// Several threads on one Store, and several Store objects on one database (as several
// processes would have).
class StoreConcurrency : public StoreContractTest {};

TEST_P(EmptyStoreTest, ReopeningKeepsTheData) {
  ImportOrDie(SmallDataset());
  Reopen();
  absl::StatusOr<Counts> counts = store().Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->members, 4);
  EXPECT_EQ(counts->connections, 3);
}

// in_directory (schema v9): imported, read back and changed by UpdateMember.
TEST_P(EmptyStoreTest, KeepsTheDirectorySetting) {
  Store* store = &this->store();
  Dataset data = SmallDataset();
  data.members[0].in_directory = false;
  ASSERT_TRUE(store->Import(data).ok());
  absl::StatusOr<Member> stored = store->GetMember(data.members[0].id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, data.members[0]);
  EXPECT_TRUE(store->GetMember(data.members[1].id)->in_directory);
  stored->in_directory = true;
  ASSERT_TRUE(store->UpdateMember(*stored).ok());
  EXPECT_TRUE(store->GetMember(data.members[0].id)->in_directory);
}

TEST_P(CoreStoreTest, ImportRoundTripsEveryRecord) {
  const Dataset data = SmallDataset();

  std::vector<Member> members;
  ASSERT_TRUE(store().ForEachMember([&](const Member& m) { members.push_back(m); }).ok());
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(members[0], data.members[1]);  // By id: 1, 2, 3, 4.
  EXPECT_EQ(members[1], data.members[2]);
  EXPECT_EQ(members[2], data.members[0]);
  EXPECT_EQ(members[3], data.members[3]);
  EXPECT_EQ(*store().GetMember(3), data.members[0]);
  EXPECT_EQ(store().GetMember(99).status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(*store().MemberIds(), ElementsAre(1, 2, 3, 4));

  std::vector<Organization> organizations;
  ASSERT_TRUE(
      store().ForEachOrganization([&](const Organization& o) { organizations.push_back(o); }).ok());
  EXPECT_EQ(organizations, data.organizations);
  EXPECT_EQ(*store().GetOrganization(20), data.organizations[1]);
  EXPECT_EQ(store().GetOrganization(21).status().code(), absl::StatusCode::kNotFound);

  // Positions by member, then in the order given.
  std::vector<Position> positions;
  ASSERT_TRUE(store().ForEachPosition([&](const Position& p) { positions.push_back(p); }).ok());
  EXPECT_THAT(positions, ElementsAre(data.positions[1], data.positions[0], data.positions[2]));
  EXPECT_THAT(*store().GetPositions(3), ElementsAre(data.positions[0], data.positions[2]));
  EXPECT_TRUE(store().GetPositions(2)->empty());
  std::vector<Education> educations;
  ASSERT_TRUE(store().ForEachEducation([&](const Education& e) { educations.push_back(e); }).ok());
  EXPECT_EQ(educations, data.educations);
  EXPECT_EQ(*store().GetEducations(3), data.educations);

  // Stored once per pair with a < b, in (a, b) order.
  EXPECT_THAT(Connections(),
              ElementsAre(Connection{1, 2, 101}, Connection{1, 3, 100}, Connection{2, 3, 102}));
  std::vector<Follow> follows;
  ASSERT_TRUE(store().ForEachFollow([&](const Follow& f) { follows.push_back(f); }).ok());
  EXPECT_THAT(follows, ElementsAre(data.follows[1], data.follows[0]));

  EXPECT_EQ(*store().GetInvitation(7), data.invitations[0]);
  EXPECT_EQ(*store().GetInvitation(8), data.invitations[1]);
  EXPECT_EQ(*store().GetInvitation(9), data.invitations[2]);
  EXPECT_EQ(*store().GetPost(50), data.posts[0]);
  EXPECT_EQ(*store().GetComment(60), data.comments[0]);

  Counts expected;
  expected.members = 4;
  expected.organizations = 2;
  expected.positions = 3;
  expected.educations = 1;
  expected.connections = 3;
  expected.invitations = {2, 0, 1, 0, 0};
  expected.follows = 2;
  expected.posts = 1;
  expected.comments = 1;
  expected.events = 1;
  EXPECT_EQ(CountOrDie(), expected);
  EXPECT_THAT(*store().EventsAfter(0, 10),
              ElementsAre(::testing::Field(&Event::kind, EventKind::kImport)));
}

// GetProfileFacts answers what GetMember, GetEducations, IsBlocked and ListInvitations
// would: Ola (3) has a summary, one education and a pending invitation from 4; 4's
// invitation to 1 was ignored; 1 has a pending one to 4.
TEST_P(CoreStoreTest, ProfileFactsAreTheSeparateReadsInOne) {
  absl::StatusOr<ProfileFacts> ola = store().GetProfileFacts(3);
  ASSERT_TRUE(ola.ok()) << ola.status();
  EXPECT_EQ(ola->summary, "Bygger broer, \"store\" og små.");
  EXPECT_EQ(ola->education_degrees, std::vector<std::string>{"MSc"});
  EXPECT_TRUE(ola->blocked.empty());
  EXPECT_TRUE(ola->invitations_sent.empty());
  EXPECT_EQ(ola->InvitationTo(1), std::nullopt);

  // The pending invitations a member sent, in their direction only; an ignored one is none.
  absl::StatusOr<ProfileFacts> four = store().GetProfileFacts(4);
  ASSERT_TRUE(four.ok()) << four.status();
  EXPECT_THAT(four->invitations_sent, ElementsAre(std::pair<MemberId, InvitationId>{3, 7}));
  EXPECT_EQ(four->InvitationTo(3), InvitationId{7});
  EXPECT_EQ(four->InvitationTo(1), std::nullopt);
  EXPECT_TRUE(four->education_degrees.empty());
  EXPECT_EQ(store().GetProfileFacts(3)->InvitationTo(4), std::nullopt);
  EXPECT_EQ(store().GetProfileFacts(1)->InvitationTo(4), InvitationId{9});

  // Blocks, in their direction only, ascending.
  ASSERT_TRUE(store().Block(2, 4, 500).ok());
  ASSERT_TRUE(store().Block(2, 1, 501).ok());
  EXPECT_THAT(store().GetProfileFacts(2)->blocked, ElementsAre(1, 4));
  EXPECT_TRUE(store().GetProfileFacts(2)->Blocks(1));
  EXPECT_FALSE(store().GetProfileFacts(2)->Blocks(3));
  EXPECT_FALSE(store().GetProfileFacts(1)->Blocks(2));

  EXPECT_EQ(store().GetProfileFacts(99).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(CoreStoreTest, EveryWriteAppendsOneEvent) {
  const EventId before = LastEvent();
  Member eva = MakeMember(5);
  absl::StatusOr<EventId> added = store().AddMember(eva);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_GT(*added, before);
  EXPECT_EQ(*store().GetMember(5), eva);

  eva.headline = "Data Engineer";
  eva.markets.kind = Markets::Kind::kInternational;
  ASSERT_TRUE(store().UpdateMember(eva).ok());
  EXPECT_EQ(*store().GetMember(5), eva);

  ASSERT_TRUE(
      store()
          .AddOrganization({.id = 30, .kind = OrganizationKind::kCompany, .name = "Equinor"})
          .ok());
  const std::vector<Position> positions = {
      {.member_id = 5, .organization_id = 30, .title = "Analyst", .start = 10}};
  const std::vector<Education> educations = {{.member_id = 5, .school_id = 20, .field = "Physics"}};
  ASSERT_TRUE(store().ReplaceBackground(5, positions, educations).ok());
  EXPECT_EQ(*store().GetPositions(5), positions);
  EXPECT_EQ(*store().GetEducations(5), educations);

  ASSERT_TRUE(store().AddConnection({.a = 5, .b = 2, .created_at = 7}).ok());  // Reversed.
  ASSERT_TRUE(store().AddFollow({.follower = 5, .followee = 3, .created_at = 8}).ok());
  ASSERT_TRUE(store().RemoveFollow(5, 3).ok());
  ASSERT_TRUE(store().RemoveConnection(5, 2).ok());  // Either order.
  absl::StatusOr<EventId> last = store().AddConnection({.a = 4, .b = 3, .created_at = 9});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, LastEvent());

  absl::StatusOr<std::vector<Event>> events = store().EventsAfter(before, 100);
  ASSERT_TRUE(events.ok());
  std::vector<std::tuple<EventKind, int64_t, int64_t>> seen;
  EventId previous = before;
  for (const Event& event : *events) {
    EXPECT_GT(event.id, previous);       // Ascending; store.h promises no more.
    EXPECT_GT(event.at, 1'600'000'000);  // Wall-clock time of the write.
    previous = event.id;
    seen.emplace_back(event.kind, event.a, event.b);
  }
  EXPECT_THAT(seen, ElementsAre(std::tuple(EventKind::kMemberAdded, 5, 0),
                                std::tuple(EventKind::kMemberUpdated, 5, 0),
                                std::tuple(EventKind::kOrganizationAdded, 30, 0),
                                std::tuple(EventKind::kMemberUpdated, 5, 0),
                                std::tuple(EventKind::kConnectionAdded, 2, 5),
                                std::tuple(EventKind::kFollowAdded, 5, 3),
                                std::tuple(EventKind::kFollowRemoved, 5, 3),
                                std::tuple(EventKind::kConnectionRemoved, 2, 5),
                                std::tuple(EventKind::kConnectionAdded, 3, 4)));
  EXPECT_THAT(*store().EventsAfter(before, 2), ::testing::SizeIs(2));
  EXPECT_TRUE(store().EventsAfter(LastEvent(), 10)->empty());
  EXPECT_EQ(CountOrDie().events, 1 + 9);  // The import's and these nine.
}

TEST_P(CoreStoreTest, FailedWritesReturnTheirCodeAndChangeNothing) {
  const Counts counts_before = CountOrDie();
  const EventId events_before = LastEvent();
  const std::vector<Position> background_before = *store().GetPositions(3);

  struct Case {
    std::string name;
    absl::Status status;
    absl::StatusCode code;
    std::string message;
  };
  Member taken_handle = MakeMember(6);
  taken_handle.handle = "ola";
  Member updated_ola = *store().GetMember(3);
  updated_ola.handle = "member-1";
  Member empty_handle = MakeMember(7);
  empty_handle.handle = "";
  const Case cases[] = {
      {"duplicate member", store().AddMember(MakeMember(1)).status(),
       absl::StatusCode::kAlreadyExists, "member 1 already exists"},
      {"taken handle", store().AddMember(taken_handle).status(), absl::StatusCode::kAlreadyExists,
       "handle \"ola\" is taken by member 3"},
      {"empty handle", store().AddMember(empty_handle).status(), absl::StatusCode::kInvalidArgument,
       "empty handle"},
      {"update unknown", store().UpdateMember(MakeMember(42)).status(), absl::StatusCode::kNotFound,
       "member 42 does not exist"},
      {"update to taken handle", store().UpdateMember(updated_ola).status(),
       absl::StatusCode::kAlreadyExists, "handle \"member-1\" is taken by member 1"},
      {"background of unknown member", store().ReplaceBackground(42, {}, {}).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"background at unknown organization",
       store().ReplaceBackground(3, {{.member_id = 3, .organization_id = 99}}, {}).status(),
       absl::StatusCode::kNotFound, "organization 99 does not exist"},
      {"background at unknown school",
       store().ReplaceBackground(3, {}, {{.member_id = 3, .school_id = 98}}).status(),
       absl::StatusCode::kNotFound, "school 98 does not exist"},
      {"background of someone else",
       store().ReplaceBackground(3, {{.member_id = 1, .organization_id = 10}}, {}).status(),
       absl::StatusCode::kInvalidArgument, "names member 1"},
      {"duplicate organization", store().AddOrganization({.id = 10}).status(),
       absl::StatusCode::kAlreadyExists, "organization 10 already exists"},
      {"self-connection", store().AddConnection({.a = 2, .b = 2}).status(),
       absl::StatusCode::kInvalidArgument, "member 2 cannot connect to itself"},
      {"connection to unknown", store().AddConnection({.a = 2, .b = 42}).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"existing pair, reversed", store().AddConnection({.a = 3, .b = 1}).status(),
       absl::StatusCode::kAlreadyExists, "members 1 and 3 are already connected"},
      {"remove absent pair", store().RemoveConnection(1, 4).status(), absl::StatusCode::kNotFound,
       "members 1 and 4 are not connected"},
      {"self-follow", store().AddFollow({.follower = 3, .followee = 3}).status(),
       absl::StatusCode::kInvalidArgument, "member 3 cannot follow itself"},
      {"follow unknown", store().AddFollow({.follower = 3, .followee = 42}).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"existing follow", store().AddFollow({.follower = 4, .followee = 3}).status(),
       absl::StatusCode::kAlreadyExists, "member 4 already follows member 3"},
      {"remove absent follow", store().RemoveFollow(3, 4).status(), absl::StatusCode::kNotFound,
       "member 3 does not follow member 4"},
      {"negative limit", store().EventsAfter(0, -1).status(), absl::StatusCode::kInvalidArgument,
       "negative limit"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.name << ": " << c.status;
    EXPECT_THAT(c.status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(CountOrDie(), counts_before);
  EXPECT_EQ(LastEvent(), events_before);
  EXPECT_EQ(*store().GetPositions(3), background_before);
  EXPECT_EQ(store().GetMember(3)->handle, "ola");
}

TEST_P(EmptyStoreTest, AMemberHasAtMostMaxConnections) {
  Store* store = &this->store();
  // A hub (id 0) connected to kMaxConnections members, plus two spare members.
  Dataset data;
  for (MemberId id = 0; id <= kMaxConnections + 2; ++id) data.members.push_back(MakeMember(id));
  for (MemberId id = 1; id <= kMaxConnections; ++id) {
    data.connections.push_back({.a = id, .b = 0, .created_at = id});
  }
  Dataset over = data;
  over.connections.push_back({.a = 0, .b = kMaxConnections + 1});
  absl::Status refused = store->Import(over).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_THAT(refused.message(),
              HasSubstr("connections row 30001: member 0 would have more than 30000"));
  EXPECT_EQ(*store->LastEventId(), 0);

  ASSERT_TRUE(store->Import(data).ok());
  absl::Status status = store->AddConnection({.a = kMaxConnections + 1, .b = 0}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_THAT(status.message(), HasSubstr("member 0 already has 30000 connections"));
  // Between members below the limit it still works.
  EXPECT_TRUE(store->AddConnection({.a = kMaxConnections + 1, .b = kMaxConnections + 2}).ok());

  // An import that adds to the hub counts the stored connections too.
  Dataset more;
  more.members = {MakeMember(kMaxConnections + 3)};
  more.connections = {{.a = kMaxConnections + 3, .b = 0}};
  refused = store->Import(more).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_THAT(refused.message(), HasSubstr("connections row 1: member 0"));
}

TEST_P(CoreStoreTest, ImportIsAllOrNothing) {
  const Counts before = CountOrDie();
  Dataset data;
  for (MemberId id = 100; id < 200; ++id) data.members.push_back(MakeMember(id));
  for (MemberId id = 101; id < 200; ++id) data.connections.push_back({.a = 100, .b = id});
  data.follows.push_back({.follower = 100, .followee = 3});
  data.comments.push_back({.id = 61, .post_id = 50, .author = 100});
  data.connections.push_back({.a = 150, .b = 777});  // The last row is bad.
  absl::Status status = store().Import(data).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_EQ(status.message(), "connections row 100: member 777 does not exist");
  EXPECT_EQ(CountOrDie(), before);

  data.connections.pop_back();
  ASSERT_TRUE(store().Import(data).ok());
  Counts after = CountOrDie();
  EXPECT_EQ(after.members, before.members + 100);
  EXPECT_EQ(after.connections, before.connections + 99);
  EXPECT_EQ(after.events, before.events + 1);
}

// Each constraint, checked in memory before anything is written, with the table and
// row in the message. Rows refer to the vectors of `data` (1-based) and may point at
// members that SmallDataset() already stored.
TEST_P(CoreStoreTest, ImportNamesTheOffendingRow) {
  struct Case {
    std::string name;
    Dataset data;
    absl::StatusCode code;
    std::string message;
  };
  std::vector<Case> cases;
  {
    Dataset data;
    data.members = {MakeMember(10), MakeMember(11), MakeMember(10)};
    data.members[2].handle = "other";
    cases.push_back({"duplicate member id", data, absl::StatusCode::kAlreadyExists,
                     "members row 3: member 10 is also row 1"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10), MakeMember(2)};
    cases.push_back({"stored member id", data, absl::StatusCode::kAlreadyExists,
                     "members row 2: member 2 already exists"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10), MakeMember(11)};
    data.members[1].handle = "member-10";
    cases.push_back({"duplicate handle", data, absl::StatusCode::kAlreadyExists,
                     "members row 2: handle \"member-10\" is also row 1"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10)};
    data.members[0].handle = "ola";
    cases.push_back({"stored handle", data, absl::StatusCode::kAlreadyExists,
                     "members row 1: handle \"ola\" is taken by member 3"});
  }
  {
    Dataset data;
    data.organizations = {{.id = 20}};
    cases.push_back({"stored organization", data, absl::StatusCode::kAlreadyExists,
                     "organizations row 1: organization 20 already exists"});
  }
  {
    Dataset data;
    data.positions = {{.member_id = 1, .organization_id = 10},
                      {.member_id = 1, .organization_id = 11}};
    cases.push_back({"unknown organization", data, absl::StatusCode::kNotFound,
                     "positions row 2: organization 11 does not exist"});
  }
  {
    Dataset data;
    data.educations = {{.member_id = 77, .school_id = 20}};
    cases.push_back({"education of unknown member", data, absl::StatusCode::kNotFound,
                     "educations row 1: member 77 does not exist"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10)};
    data.connections = {{.a = 10, .b = 1}, {.a = 4, .b = 4}};
    cases.push_back({"self-connection", data, absl::StatusCode::kInvalidArgument,
                     "connections row 2: member 4 cannot connect to itself"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10)};
    data.connections = {{.a = 10, .b = 1}, {.a = 4, .b = 2}, {.a = 1, .b = 10}};
    cases.push_back({"duplicate pair, reversed", data, absl::StatusCode::kAlreadyExists,
                     "connections row 3: members 1 and 10 are already connected by row 1"});
  }
  {
    Dataset data;
    data.connections = {{.a = 4, .b = 1}, {.a = 2, .b = 1}};
    cases.push_back({"stored pair", data, absl::StatusCode::kAlreadyExists,
                     "connections row 2: members 1 and 2 are already connected"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 30, .from = 2, .to = 4}, {.id = 31, .from = 4, .to = 2}};
    cases.push_back(
        {"two pending invitations, reversed", data, absl::StatusCode::kAlreadyExists,
         "invitations row 2: members 2 and 4 already have a pending invitation (row 1)"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 30, .from = 2, .to = 4, .state = InvitationState::kAccepted},
                        {.id = 31, .from = 3, .to = 4}};
    cases.push_back({"pending beside a stored one", data, absl::StatusCode::kAlreadyExists,
                     "invitations row 2: members 3 and 4 already have a pending invitation"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 8, .from = 2, .to = 4}};
    cases.push_back({"stored invitation id", data, absl::StatusCode::kAlreadyExists,
                     "invitations row 1: invitation 8 already exists"});
  }
  {
    Dataset data;
    std::string long_note;
    for (int i = 0; i < 301; ++i) long_note += "ø";
    data.invitations = {{.id = 30, .from = 2, .to = 4, .note = long_note}};
    cases.push_back({"long note", data, absl::StatusCode::kInvalidArgument,
                     "invitations row 1: the note has 301 characters; at most 300"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 30, .from = 2, .to = 2}};
    cases.push_back({"self-invitation", data, absl::StatusCode::kInvalidArgument,
                     "invitations row 1: member 2 cannot invite itself"});
  }
  {
    Dataset data;
    data.follows = {{.follower = 2, .followee = 3}, {.follower = 2, .followee = 3}};
    cases.push_back({"duplicate follow", data, absl::StatusCode::kAlreadyExists,
                     "follows row 2: member 2 already follows member 3 (row 1)"});
  }
  {
    Dataset data;
    data.follows = {{.follower = 1, .followee = 3}};
    cases.push_back({"stored follow", data, absl::StatusCode::kAlreadyExists,
                     "follows row 1: member 1 already follows member 3"});
  }
  {
    Dataset data;
    data.follows = {{.follower = 2, .followee = 2}};
    cases.push_back({"self-follow", data, absl::StatusCode::kInvalidArgument,
                     "follows row 1: member 2 cannot follow itself"});
  }
  {
    Dataset data;
    data.posts = {{.id = 51, .author = 88}};
    cases.push_back({"post by unknown member", data, absl::StatusCode::kNotFound,
                     "posts row 1: member 88 does not exist"});
  }
  {
    Dataset data;
    data.comments = {{.id = 61, .post_id = 50, .author = 1},
                     {.id = 62, .post_id = 52, .author = 1}};
    cases.push_back({"comment on unknown post", data, absl::StatusCode::kNotFound,
                     "comments row 2: post 52 does not exist"});
  }
  {
    Dataset data;
    data.comments = {{.id = 61, .post_id = 50, .author = 1},
                     {.id = 61, .post_id = 50, .author = 2}};
    cases.push_back({"duplicate comment id", data, absl::StatusCode::kAlreadyExists,
                     "comments row 2: comment 61 is also row 1"});
  }

  const Counts before = CountOrDie();
  for (const Case& c : cases) {
    absl::Status status = store().Import(c.data).status();
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status;
    EXPECT_THAT(status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(CountOrDie(), before);

  // The boundaries that must pass: a 300-character note, and a pending invitation
  // beside one for the same pair that is no longer pending.
  Dataset fine;
  std::string note;
  for (int i = 0; i < 300; ++i) note += "ø";
  fine.invitations = {
      {.id = 30, .from = 2, .to = 4, .note = note, .state = InvitationState::kWithdrawn},
      {.id = 31, .from = 4, .to = 2}};
  absl::StatusOr<EventId> imported = store().Import(fine);
  EXPECT_TRUE(imported.ok()) << imported.status();
}

TEST_P(EmptyStoreTest, SortsConnectionsInAnyOrderAndSparseIds) {
  Store* store = &this->store();
  // Sparse, large ids (LDBC style) and connections in scrambled order and direction.
  const std::vector<MemberId> ids = {4398046511104, 933, 2199023255594, 10995116277761, 7};
  Dataset data;
  for (MemberId id : ids) data.members.push_back(MakeMember(id));
  std::vector<Connection> expected;
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = i + 1; j < ids.size(); ++j) {
      const Timestamp t = static_cast<Timestamp>(i * 10 + j);
      data.connections.push_back((i + j) % 2 == 0 ? Connection{ids[i], ids[j], t}
                                                  : Connection{ids[j], ids[i], t});
      expected.push_back({std::min(ids[i], ids[j]), std::max(ids[i], ids[j]), t});
    }
  }
  std::sort(expected.begin(), expected.end(), [](const Connection& x, const Connection& y) {
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  ASSERT_TRUE(store->Import(data).ok());
  std::vector<Connection> stored;
  ASSERT_TRUE(store->ForEachConnection([&](const Connection& c) { stored.push_back(c); }).ok());
  EXPECT_EQ(stored, expected);
  EXPECT_THAT(*store->MemberIds(),
              ElementsAre(7, 933, 2199023255594, 4398046511104, 10995116277761));

  // The pairs by ranges of a, [from, to): ranges that meet at member ids give every pair
  // once, in the same order.
  auto pairs = [&](MemberId from, MemberId to) {
    std::vector<std::pair<MemberId, MemberId>> read;
    EXPECT_TRUE(store
                    ->ForEachConnectionPair(
                        from, to, [&](MemberId a, MemberId b) { read.emplace_back(a, b); })
                    .ok());
    return read;
  };
  std::vector<std::pair<MemberId, MemberId>> expected_pairs, ranged;
  for (const Connection& c : expected) expected_pairs.emplace_back(c.a, c.b);
  const std::vector<MemberId> bounds = {std::numeric_limits<MemberId>::min(), 933, 2199023255594,
                                        2199023255595, std::numeric_limits<MemberId>::max()};
  for (size_t k = 0; k + 1 < bounds.size(); ++k) {
    for (const auto& pair : pairs(bounds[k], bounds[k + 1])) ranged.push_back(pair);
  }
  EXPECT_EQ(ranged, expected_pairs);
  EXPECT_THAT(pairs(933, 2199023255594),
              ElementsAre(std::pair<MemberId, MemberId>(933, 2199023255594),
                          std::pair<MemberId, MemberId>(933, 4398046511104),
                          std::pair<MemberId, MemberId>(933, 10995116277761)));
  EXPECT_TRUE(pairs(8, 933).empty());
}

// Import with connections_ready: the connections are filled in (here: by another thread)
// while the other tables are written, and read only once it has returned.
TEST_P(CoreStoreTest, ImportTakesConnectionsThatArriveWhileTheRestIsWritten) {
  const Counts before = CountOrDie();
  Dataset data;
  for (MemberId id = 100; id < 200; ++id) data.members.push_back(MakeMember(id));
  data.follows.push_back({.follower = 100, .followee = 3});
  std::thread reader;
  int calls = 0;
  absl::StatusOr<EventId> event = store().Import(data, [&]() -> absl::Status {
    ++calls;
    reader = std::thread([&] {
      for (MemberId id = 101; id < 200; ++id) data.connections.push_back({.a = id, .b = 100});
      data.connections.push_back({.a = 100, .b = 1});  // A member stored before.
    });
    reader.join();
    return absl::OkStatus();
  });
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(calls, 1);
  const Counts after = CountOrDie();
  EXPECT_EQ(after.members, before.members + 100);
  EXPECT_EQ(after.connections, before.connections + 100);
  EXPECT_EQ(after.follows, before.follows + 1);
  EXPECT_EQ(after.events, before.events + 1);
  std::vector<Connection> stored = Connections();
  EXPECT_EQ(std::count_if(stored.begin(), stored.end(),
                          [](const Connection& c) { return c.a == 100 || c.b == 100; }),
            100);
}

TEST_P(CoreStoreTest, ImportWritesNothingWhenTheLateConnectionsFail) {
  const Counts before = CountOrDie();
  Dataset data;
  for (MemberId id = 100; id < 110; ++id) data.members.push_back(MakeMember(id));
  data.follows.push_back({.follower = 100, .followee = 3});
  // The reading of the connections fails: its error is the import's.
  absl::Status status =
      store()
          .Import(data, [] { return absl::InvalidArgumentError("connections.csv:7: bad row"); })
          .status();
  EXPECT_EQ(status, absl::InvalidArgumentError("connections.csv:7: bad row"));
  EXPECT_EQ(CountOrDie(), before);
  // The connections arrive but break a rule: refused after the rest was written, and
  // all of it rolled back.
  status = store()
               .Import(data,
                       [&] {
                         data.connections.push_back({.a = 100, .b = 101});
                         data.connections.push_back({.a = 101, .b = 100});
                         return absl::OkStatus();
                       })
               .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  EXPECT_THAT(status.message(), HasSubstr("connections row 2: members 100 and 101"));
  EXPECT_EQ(CountOrDie(), before);
  EXPECT_TRUE(absl::IsNotFound(store().GetMember(100).status()));
}

TEST_P(EmptyStoreTest, AnEmptyImportIsStillOneEvent) {
  Store* store = &this->store();
  absl::StatusOr<EventId> event = store->Import(Dataset{});
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(*event, *store->LastEventId());
  EXPECT_EQ(store->Count()->events, 1);
}

TEST_P(StoreConcurrency, ThreadsWritingAndReadingSeeConsistentData) {
  Store* store = &this->store();
  constexpr int kWriters = 4;
  constexpr int kMembersPerWriter = 50;
  std::atomic<bool> done = false;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      const MemberId first = 1000 * (writer + 1);
      for (MemberId id = first; id < first + kMembersPerWriter; ++id) {
        if (!store->AddMember(MakeMember(id)).ok()) ++failures;
        if (id > first && !store->AddConnection({.a = id - 1, .b = id}).ok()) ++failures;
      }
    });
  }
  for (int reader = 0; reader < 2; ++reader) {
    threads.emplace_back([&] {
      while (!done) {
        absl::StatusOr<Counts> counts = store->Count();
        int64_t connections = 0;
        absl::Status scanned =
            store->ForEachConnection([&](const Connection& c) { connections += c.a < c.b; });
        absl::StatusOr<std::vector<Event>> events = store->EventsAfter(0, 1000);
        if (!counts.ok() || !scanned.ok() || !events.ok()) ++failures;
        // Every connection needs both members in place first.
        if (counts.ok() && counts->connections > counts->members) ++failures;
      }
    });
  }
  for (int writer = 0; writer < kWriters; ++writer) threads[writer].join();
  done = true;
  for (size_t i = kWriters; i < threads.size(); ++i) threads[i].join();

  EXPECT_EQ(failures, 0);
  absl::StatusOr<Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->members, kWriters * kMembersPerWriter);
  EXPECT_EQ(counts->connections, kWriters * (kMembersPerWriter - 1));
  EXPECT_EQ(counts->events, counts->members + counts->connections);
  absl::StatusOr<std::vector<Event>> events = store->EventsAfter(0, 10'000);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(static_cast<int64_t>(events->size()), counts->events);
  for (size_t i = 1; i < events->size(); ++i) EXPECT_GT((*events)[i].id, (*events)[i - 1].id);
}

TEST_P(StoreConcurrency, TwoStoresOnOneDatabaseShareIt) {
  // Two Store objects (as two processes would have): both work, writes of one are
  // visible to the other, and lock contention is waited out, not failed.
  std::unique_ptr<Store> first = OpenAnother();
  std::unique_ptr<Store> second = OpenAnother();
  std::atomic<int> failures = 0;
  auto write = [&](Store* store, MemberId first_id) {
    for (MemberId id = first_id; id < first_id + 50; ++id) {
      if (!store->AddMember(MakeMember(id)).ok()) ++failures;
    }
  };
  std::thread a(write, first.get(), 1);
  std::thread b(write, second.get(), 1001);
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(first->Count()->members, 100);
  EXPECT_EQ(second->Count()->events, 100);
  EXPECT_EQ(*second->LastEventId(), *first->LastEventId());
}

LEDD_STORE_CONTRACT(CoreStoreTest);
LEDD_STORE_CONTRACT(EmptyStoreTest);
LEDD_STORE_CONTRACT(StoreConcurrency);

}  // namespace
}  // namespace ledd::store
