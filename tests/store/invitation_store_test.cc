// The invitation rules, each with its error, in every store engine (store_fixture.h):
// sending, the reverse-pending acceptance, the transitions and their events, the weekly
// limit under a controlled clock, reported pairs, the connection limit, the reads the
// advice needs, and concurrent writers on separate Store objects (as separate
// processes would be).

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<InvitationId> Ids(const std::vector<Invitation>& invitations) {
  std::vector<InvitationId> ids;
  for (const Invitation& invitation : invitations) ids.push_back(invitation.id);
  return ids;
}

// Members 1..10 and nothing else.
class InvitationStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ImportOrDie(Members(10));
  }

  InvitationWrite SendOrDie(MemberId from, MemberId to, Timestamp at = kT0,
                            std::string note = "") {
    absl::StatusOr<InvitationWrite> write =
        store().SendInvitation({.from = from, .to = to, .note = std::move(note), .at = at});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? *write : InvitationWrite{};
  }

  absl::Status Send(MemberId from, MemberId to, Timestamp at = kT0, int weekly_limit = 100) {
    return store()
        .SendInvitation({.from = from, .to = to, .at = at, .weekly_limit = weekly_limit})
        .status();
  }

  bool Connected(MemberId a, MemberId b) {
    bool found = false;
    EXPECT_TRUE(store()
                    .ForEachConnection([&](const Connection& connection) {
                      found |= (connection.a == std::min(a, b) && connection.b == std::max(a, b));
                    })
                    .ok());
    return found;
  }

  std::vector<Event> EventsSince(EventId after) { return *store().EventsAfter(after, 100); }
};

TEST_P(InvitationStoreTest, SendStoresAPendingInvitationWithOneEvent) {
  const EventId before = *store().LastEventId();
  InvitationWrite write = SendOrDie(1, 2, kT0, "Hei, vi møttes på NTNU");
  EXPECT_GT(write.invitation.id, 0);
  EXPECT_EQ(write.invitation.state, InvitationState::kPending);
  EXPECT_EQ(*store().GetInvitation(write.invitation.id), write.invitation);
  EXPECT_EQ(store().GetInvitation(write.invitation.id)->note, "Hei, vi møttes på NTNU");
  std::vector<Event> events = EventsSince(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kInvitationChanged);
  EXPECT_EQ(events[0].a, write.invitation.id);
  EXPECT_EQ(events[0].id, write.event);
}

TEST_P(InvitationStoreTest, EachRuleRefusesWithItsOwnErrorAndChangesNothing) {
  ASSERT_TRUE(store().AddConnection({.a = 1, .b = 3, .created_at = kT0}).ok());
  SendOrDie(1, 4);
  const EventId events_before = *store().LastEventId();
  const Counts counts_before = *store().Count();

  struct Case {
    const char* name;
    InvitationRequest request;
    absl::StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"self", {.from = 1, .to = 1, .at = kT0}, absl::StatusCode::kInvalidArgument,
       "member 1 cannot invite itself"},
      {"note", {.from = 1, .to = 5, .note = std::string(301, 'x'), .at = kT0},
       absl::StatusCode::kInvalidArgument, "the note has 301 characters; at most 300"},
      {"unknown", {.from = 1, .to = 99, .at = kT0}, absl::StatusCode::kNotFound,
       "member 99 does not exist"},
      {"contact", {.from = 3, .to = 1, .at = kT0}, absl::StatusCode::kAlreadyExists,
       "members 3 and 1 are already connected"},
      {"pending", {.from = 1, .to = 4, .at = kT0 + 5}, absl::StatusCode::kAlreadyExists,
       "a pending invitation between 1 and 4 already exists"},
      {"limit", {.from = 1, .to = 5, .at = kT0, .weekly_limit = 1},
       absl::StatusCode::kFailedPrecondition,
       "weekly invitation limit reached (1 in the last 7 days)"},
  };
  for (const Case& c : cases) {
    absl::Status status = store().SendInvitation(c.request).status();
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status;
    EXPECT_THAT(status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(*store().LastEventId(), events_before);
  EXPECT_EQ(*store().Count(), counts_before);
}

TEST_P(InvitationStoreTest, NoteLengthCountsCharactersNotBytes) {
  std::string note;
  for (int i = 0; i < kMaxInvitationNote; ++i) note += "ø";  // 600 bytes.
  EXPECT_TRUE(store().SendInvitation({.from = 1, .to = 2, .note = note, .at = kT0}).ok());
  note += "ø";
  absl::Status status =
      store().SendInvitation({.from = 1, .to = 3, .note = note, .at = kT0}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("301 characters"));
}

TEST_P(InvitationStoreTest, AcceptCreatesTheConnectionWithTwoEvents) {
  InvitationWrite sent = SendOrDie(7, 5);
  const EventId before = *store().LastEventId();
  absl::StatusOr<InvitationWrite> accepted =
      store().ChangeInvitation(sent.invitation.id, InvitationState::kAccepted, kT0 + 60);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->invitation.state, InvitationState::kAccepted);
  EXPECT_TRUE(Connected(5, 7));

  std::vector<Event> events = EventsSince(before);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kInvitationChanged);
  EXPECT_EQ(events[0].a, sent.invitation.id);
  EXPECT_EQ(events[1].kind, EventKind::kConnectionAdded);
  EXPECT_EQ(events[1].a, 5);
  EXPECT_EQ(events[1].b, 7);
  EXPECT_EQ(accepted->event, events[1].id);

  // Only from pending.
  absl::Status again =
      store().ChangeInvitation(sent.invitation.id, InvitationState::kAccepted, kT0 + 61).status();
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(again.message(), HasSubstr(fmt::format("invitation {} is accepted, not pending",
                                                     sent.invitation.id)));
  EXPECT_EQ(store().ChangeInvitation(12345, InvitationState::kAccepted, kT0).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      store().ChangeInvitation(sent.invitation.id, InvitationState::kPending, kT0).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_P(InvitationStoreTest, InvitingSomeoneWhoInvitedYouAcceptsTheirInvitation) {
  InvitationWrite theirs = SendOrDie(2, 1, kT0, "Hello");
  const EventId before = *store().LastEventId();
  absl::StatusOr<InvitationWrite> mine =
      store().SendInvitation({.from = 1, .to = 2, .note = "Hi", .at = kT0 + 10});
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->invitation.id, theirs.invitation.id);
  EXPECT_EQ(mine->invitation.from, 2);
  EXPECT_EQ(mine->invitation.note, "Hello");
  EXPECT_EQ(mine->invitation.state, InvitationState::kAccepted);
  EXPECT_TRUE(Connected(1, 2));
  EXPECT_TRUE(store().ListInvitations(1, {.box = InvitationBox::kSent})->empty());
  EXPECT_EQ(EventsSince(before).size(), 2u);
  // Nothing was sent, so nothing counts against 1's weekly limit.
  EXPECT_EQ(store().GetSenderHistory(1, kT0 + 10, 0)->sent_last_7_days, 0);
}

TEST_P(InvitationStoreTest, TransitionsFollowTheStateMachine) {
  const InvitationId ignored = SendOrDie(1, 2).invitation.id;
  const InvitationId withdrawn = SendOrDie(1, 3).invitation.id;
  const InvitationId reported = SendOrDie(1, 4).invitation.id;
  EXPECT_TRUE(store().ChangeInvitation(ignored, InvitationState::kIgnored, kT0 + 1).ok());
  EXPECT_TRUE(store().ChangeInvitation(withdrawn, InvitationState::kWithdrawn, kT0 + 1).ok());
  EXPECT_TRUE(store().ChangeInvitation(reported, InvitationState::kReported, kT0 + 1).ok());
  EXPECT_EQ(store().GetInvitation(ignored)->state, InvitationState::kIgnored);
  EXPECT_EQ(store().GetInvitation(withdrawn)->state, InvitationState::kWithdrawn);
  EXPECT_EQ(store().GetInvitation(reported)->state, InvitationState::kReported);

  // A withdrawn invitation cannot be accepted; an ignored one cannot be withdrawn...
  absl::Status status =
      store().ChangeInvitation(withdrawn, InvitationState::kAccepted, kT0 + 2).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("is withdrawn, not pending"));
  EXPECT_EQ(store().ChangeInvitation(ignored, InvitationState::kWithdrawn, kT0 + 2).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // ... but it can still be reported.
  EXPECT_TRUE(store().ChangeInvitation(ignored, InvitationState::kReported, kT0 + 2).ok());
  EXPECT_FALSE(Connected(1, 2));

  // Once ignored or withdrawn, the pair may invite again.
  EXPECT_TRUE(Send(3, 1, kT0 + 3).ok());
}

TEST_P(InvitationStoreTest, AReportedPairCannotInviteAgainInEitherDirection) {
  const InvitationId id = SendOrDie(6, 8).invitation.id;
  ASSERT_TRUE(store().ChangeInvitation(id, InvitationState::kReported, kT0 + 1).ok());
  for (auto [from, to] : {std::pair{6, 8}, std::pair{8, 6}}) {
    absl::Status status = Send(from, to, kT0 + 100);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << from << "->" << to;
    EXPECT_THAT(status.message(),
                HasSubstr(fmt::format("members {} and {} cannot invite each other: invitation "
                                      "{} between them was reported",
                                      from, to, id)));
  }
  EXPECT_TRUE(Send(6, 9, kT0 + 100).ok());  // Others are not affected.
}

TEST_P(InvitationStoreTest, TheWeeklyLimitCountsEveryInvitationSentInTheLastSevenDays) {
  // Limit 3: three sends at T0, T0+1h, T0+2h; withdrawing one frees nothing.
  for (MemberId to : {2, 3, 4}) ASSERT_TRUE(Send(1, to, kT0 + (to - 2) * 3600, 3).ok());
  const InvitationId first = store().ListInvitations(1, {.box = InvitationBox::kSent})->back().id;
  ASSERT_TRUE(store().ChangeInvitation(first, InvitationState::kWithdrawn, kT0 + 3 * 3600).ok());

  absl::Status status = Send(1, 5, kT0 + 4 * 3600, 3);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(),
              HasSubstr("member 1 cannot send more invitations now: weekly invitation limit "
                        "reached (3 in the last 7 days)"));
  // Still refused one second before the first send is a week old...
  EXPECT_FALSE(Send(1, 5, kT0 + kInvitationWeek - 1, 3).ok());
  // ... and allowed when it is: exactly one slot has opened.
  EXPECT_TRUE(Send(1, 5, kT0 + kInvitationWeek, 3).ok());
  EXPECT_FALSE(Send(1, 6, kT0 + kInvitationWeek, 3).ok());
  // The limit is per sender.
  EXPECT_TRUE(Send(2, 6, kT0 + kInvitationWeek, 3).ok());
}

TEST_P(InvitationStoreTest, ListsArePendingFirstThenNewestFirstWithAStateFilter) {
  const InvitationId old_pending = SendOrDie(2, 1, kT0).invitation.id;
  const InvitationId answered = SendOrDie(3, 1, kT0 + 10).invitation.id;
  const InvitationId new_pending = SendOrDie(4, 1, kT0 + 5).invitation.id;
  const InvitationId sent = SendOrDie(1, 5, kT0 + 20).invitation.id;
  ASSERT_TRUE(store().ChangeInvitation(answered, InvitationState::kIgnored, kT0 + 30).ok());

  EXPECT_THAT(Ids(*store().ListInvitations(1, {})),
              ElementsAre(new_pending, old_pending, answered));
  EXPECT_THAT(Ids(*store().ListInvitations(1, {.state = InvitationState::kPending})),
              ElementsAre(new_pending, old_pending));
  EXPECT_THAT(Ids(*store().ListInvitations(1, {.state = InvitationState::kIgnored})),
              ElementsAre(answered));
  EXPECT_THAT(Ids(*store().ListInvitations(1, {.limit = 1})), ElementsAre(new_pending));
  EXPECT_THAT(Ids(*store().ListInvitations(1, {.box = InvitationBox::kSent})), ElementsAre(sent));
  EXPECT_TRUE(store().ListInvitations(99, {})->empty());
}

TEST_P(InvitationStoreTest, SenderHistoryCountsEarlierInvitationsAndReports) {
  // Sender 1: four answered earlier (two accepted, one ignored, one reported), one
  // withdrawn, one pending, then the invitation advised on (to 9), then a later one.
  const Timestamp day = 24 * 3600;
  std::vector<InvitationId> ids;
  for (MemberId to = 2; to <= 7; ++to) {
    ids.push_back(SendOrDie(1, to, kT0 - (8 - to) * day).invitation.id);
  }
  ASSERT_TRUE(store().ChangeInvitation(ids[0], InvitationState::kAccepted, kT0).ok());
  ASSERT_TRUE(store().ChangeInvitation(ids[1], InvitationState::kAccepted, kT0).ok());
  ASSERT_TRUE(store().ChangeInvitation(ids[2], InvitationState::kIgnored, kT0).ok());
  ASSERT_TRUE(store().ChangeInvitation(ids[3], InvitationState::kReported, kT0).ok());
  ASSERT_TRUE(store().ChangeInvitation(ids[4], InvitationState::kWithdrawn, kT0).ok());
  const InvitationId advised = SendOrDie(1, 9, kT0).invitation.id;
  SendOrDie(1, 10, kT0 + day);

  // Sent at T0-6d ... T0-1d (six) and the advised one itself (excluded); the one sent at
  // T0-6d is inside the window (T0-7d, T0].
  EXPECT_EQ(*store().GetSenderHistory(1, kT0, advised),
            (SenderHistory{.sent_last_7_days = 6, .answered = 4, .accepted = 2, .reports = 1}));
  EXPECT_EQ(*store().GetSenderHistory(5, kT0, 0), SenderHistory{});
}

TEST_P(InvitationStoreTest, CountsCommentsOfOneMemberOnAnothersPosts) {
  Dataset data;
  data.posts = {{.id = 1, .author = 2, .title = "a", .created_at = kT0},
                {.id = 2, .author = 2, .title = "b", .created_at = kT0},
                {.id = 3, .author = 3, .title = "c", .created_at = kT0}};
  data.comments = {{.id = 1, .post_id = 1, .author = 1, .created_at = kT0},
                   {.id = 2, .post_id = 2, .author = 1, .created_at = kT0},
                   {.id = 3, .post_id = 3, .author = 1, .created_at = kT0},
                   {.id = 4, .post_id = 1, .author = 4, .created_at = kT0}};
  ASSERT_TRUE(store().Import(data).ok());
  // All of them before `seasoned_before`: every comment counts as seasoned.
  const auto comments = [&](MemberId author, MemberId post_author) {
    return store().GetAttention(author, post_author, kT0 + 1, kT0 + 1)->comments;
  };
  EXPECT_EQ(comments(1, 2), 2);
  EXPECT_EQ(comments(1, 3), 1);
  EXPECT_EQ(comments(2, 1), 0);
}

// An empty database.
class InvitationStoreLimits : public StoreContractTest {};

TEST_P(InvitationStoreLimits, NoInvitationToOrFromAMemberWithMaxConnections) {
  Store* store = &this->store();
  // Hub 0 with kMaxConnections contacts; 30001 and 30002 are free; 30003 invited the hub
  // before it filled up.
  Dataset data;
  for (MemberId id = 0; id <= kMaxConnections + 3; ++id) data.members.push_back(MakeMember(id));
  for (MemberId id = 1; id <= kMaxConnections; ++id) data.connections.push_back({.a = 0, .b = id});
  data.invitations = {{.id = 1, .from = kMaxConnections + 3, .to = 0, .created_at = kT0}};
  ASSERT_TRUE(store->Import(data).ok());

  for (auto [from, to] : {std::pair<MemberId, MemberId>{0, kMaxConnections + 1},
                          std::pair<MemberId, MemberId>{kMaxConnections + 1, 0}}) {
    absl::Status status = store->SendInvitation({.from = from, .to = to, .at = kT0}).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_THAT(status.message(), HasSubstr("member 0 already has 30000 connections"));
  }
  absl::Status accept = store->ChangeInvitation(1, InvitationState::kAccepted, kT0).status();
  EXPECT_EQ(accept.code(), absl::StatusCode::kFailedPrecondition) << accept;
  EXPECT_EQ(store->GetInvitation(1)->state, InvitationState::kPending);
  // Ignoring it is still possible.
  EXPECT_TRUE(store->ChangeInvitation(1, InvitationState::kIgnored, kT0).ok());
}

// Several connections to one database, one per thread, as several ledd processes would
// have: the rules hold because each write checks them inside its own transaction.
// `make tsan` runs these under ThreadSanitizer: keep the suite's name.
class InvitationStoreConcurrency : public StoreContractTest {};

TEST_P(InvitationStoreConcurrency, ConcurrentAcceptsOfOneInvitationMakeOneConnection) {
  Store* setup = &store();
  ASSERT_TRUE(setup->Import(Members(4)).ok());
  const InvitationId id = setup->SendInvitation({.from = 1, .to = 2, .at = kT0})->invitation.id;

  constexpr int kThreads = 6;
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < kThreads; ++i) stores.push_back(OpenAnother());
  std::atomic<int> accepted = 0;
  std::atomic<int> refused = 0;
  std::atomic<bool> go = false;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      absl::Status status =
          stores[i]->ChangeInvitation(id, InvitationState::kAccepted, kT0 + i).status();
      if (status.ok()) {
        ++accepted;
      } else if (status.code() == absl::StatusCode::kFailedPrecondition) {
        ++refused;
      }
    });
  }
  go = true;
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(refused.load(), kThreads - 1);
  EXPECT_EQ(setup->Count()->connections, 1);
  int connection_events = 0;
  const std::vector<Event> events = *setup->EventsAfter(0, 100);
  for (const Event& event : events) {
    connection_events += event.kind == EventKind::kConnectionAdded;
  }
  EXPECT_EQ(connection_events, 1);
}

TEST_P(InvitationStoreConcurrency, CrossedInvitationsBecomeOneConnection) {
  Store* setup = &store();
  ASSERT_TRUE(setup->Import(Members(2)).ok());

  // 1 invites 2 while 2 invites 1: whichever commits second must find the first's
  // pending invitation and accept it. A few rounds on the same pair (disconnected in
  // between) give the race several chances.
  for (int round = 0; round < 5; ++round) {
    if (round > 0) {
      ASSERT_TRUE(setup->RemoveConnection(1, 2).ok());
    }
    std::unique_ptr<Store> one = OpenAnother();
    std::unique_ptr<Store> two = OpenAnother();
    std::atomic<bool> go = false;
    absl::Status first, second;
    std::thread a([&] {
      while (!go.load()) std::this_thread::yield();
      first = one->SendInvitation({.from = 1, .to = 2, .at = kT0 + round}).status();
    });
    std::thread b([&] {
      while (!go.load()) std::this_thread::yield();
      second = two->SendInvitation({.from = 2, .to = 1, .at = kT0 + round}).status();
    });
    go = true;
    a.join();
    b.join();
    EXPECT_TRUE(first.ok()) << first;
    EXPECT_TRUE(second.ok()) << second;
    Counts counts = *setup->Count();
    EXPECT_EQ(counts.connections, 1);
    EXPECT_EQ(counts.invitations[static_cast<int>(InvitationState::kPending)], 0);
    EXPECT_EQ(counts.invitations[static_cast<int>(InvitationState::kAccepted)], round + 1);
  }
}

LEDD_STORE_CONTRACT(InvitationStoreTest);
LEDD_STORE_CONTRACT(InvitationStoreLimits);
LEDD_STORE_CONTRACT(InvitationStoreConcurrency);

}  // namespace
}  // namespace ledd::store
