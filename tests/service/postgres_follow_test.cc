// Following the PostgreSQL event log with a LiveNetwork: a transaction that took its event
// id first but commits after a later one is not skipped, the network waits at the
// horizon while it runs (and says how far behind it is), and read-your-writes gives up
// after its timeout instead of answering from before the write.

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "ledd/service/live_network.h"
#include "ledd/store/postgres/postgres_store.h"
#include "../store/postgres_test_db.h"
#include "testing/postgres_cluster.h"
#include "testing/temp_dir.h"

namespace ledd::service {
namespace {

// Members 1..4, nothing else.
store::Dataset FourMembers() {
  store::Dataset data;
  for (MemberId id = 1; id <= 4; ++id) {
    store::Member member;
    member.id = id;
    member.handle = fmt::format("member-{}", id);
    member.created_at = 1'500'000'000;
    data.members.push_back(member);
  }
  return data;
}

using store::testing_pg::TestDatabase;

bool Connected(const graph::Snapshot& snapshot, MemberId a, MemberId b) {
  const Node na = snapshot.Find(a);
  const Node nb = snapshot.Find(b);
  if (na == kNoNode || nb == kNoNode) return false;
  for (Node contact : snapshot.Connections(na)) {
    if (contact == nb) return true;
  }
  return false;
}

class PostgresFollowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (store::testing_pg::MaintenanceUri().empty()) GTEST_SKIP() << "no PostgreSQL test cluster";
    absl::StatusOr<std::unique_ptr<TestDatabase>> db = TestDatabase::Create("follow");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    absl::StatusOr<std::unique_ptr<store::Store>> opened = db_->Open();
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
    ASSERT_TRUE(store_->Import(FourMembers()).ok());
    absl::StatusOr<std::unique_ptr<LiveNetwork>> live =
        LiveNetwork::Open(*store_, {.background_compaction = false});
    ASSERT_TRUE(live.ok()) << live.status();
    live_ = *std::move(live);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<LiveNetwork> live_;
};

TEST_F(PostgresFollowTest, ARowCommittedLateIsNotSkipped) {
  // An open transaction takes an event id (and an xid) first...
  db_->Exec("BEGIN");
  db_->Exec("INSERT INTO connections (a, b, created_at) VALUES (1, 2, 0)");
  db_->Exec(fmt::format("INSERT INTO events (kind, at, a, b) VALUES ('{}', 0, 1, 2)",
                        store::EventKindName(store::EventKind::kConnectionAdded)));
  // ...then a later write takes a larger id and commits first.
  absl::StatusOr<EventId> later = store_->AddConnection({.a = 3, .b = 4, .created_at = 0});
  ASSERT_TRUE(later.ok()) << later.status();

  ASSERT_TRUE(live_->Poll().ok());
  // The later commit waits behind the open transaction: applying it now would move the
  // follower past the earlier id for good.
  EXPECT_FALSE(Connected(*live_->Current(), 3, 4));
  EXPECT_FALSE(Connected(*live_->Current(), 1, 2));
  // Read-your-writes cannot be had while the horizon is held: it says so.
  absl::Status caught_up = live_->CatchUp(absl::Milliseconds(200));
  EXPECT_EQ(caught_up.code(), absl::StatusCode::kDeadlineExceeded) << caught_up;
  // After a write of this process that is not an error: the write stands.
  EXPECT_TRUE(live_->CatchUpAfterWrite("connecting 3 and 4").ok());
  absl::SleepFor(absl::Milliseconds(300));
  ASSERT_TRUE(live_->Poll().ok());
  EXPECT_GE(live_->Behind(), absl::Milliseconds(250));

  db_->Exec("COMMIT");
  // Generous: other tests' transactions on the shared cluster hold the horizon too.
  ASSERT_TRUE(live_->CatchUp(absl::Seconds(60)).ok());
  EXPECT_TRUE(Connected(*live_->Current(), 1, 2)) << "the row committed late was skipped";
  EXPECT_TRUE(Connected(*live_->Current(), 3, 4));
  EXPECT_LT(live_->Behind(), absl::Seconds(30));
}

TEST_F(PostgresFollowTest, ReadYourWritesThroughAnotherStoreObject) {
  // Another process (here another store object with its own connections) writes; the
  // network's CatchUp() then has it, whatever the poll interval.
  absl::StatusOr<std::unique_ptr<store::Store>> other = db_->Open();
  ASSERT_TRUE(other.ok()) << other.status();
  for (int round = 0; round < 20; ++round) {
    const MemberId a = 1 + round % 2;
    const MemberId b = 3 + round % 2;
    if (round % 4 < 2) {
      ASSERT_TRUE((*other)->AddConnection({.a = a, .b = b, .created_at = 0}).ok());
    } else {
      ASSERT_TRUE((*other)->RemoveConnection(a, b).ok());
    }
    ASSERT_TRUE(live_->CatchUp(absl::Seconds(60)).ok());
    EXPECT_EQ(Connected(*live_->Current(), a, b), round % 4 < 2) << "round " << round;
  }
}

// A replica that follows the log from a hot standby (PostgresOptions::follow_conninfo)
// and writes to the primary: while the standby's replay is paused the network cannot
// reach its own write (it reads the log from the standby), and once replay resumes it
// does.
TEST(PostgresFollowStandby, FollowsTheLogFromAStandbyAndWritesToThePrimary) {
  testing::TempDir dir;
  testing::PostgresCluster primary;
  ASSERT_TRUE(primary.Start(dir.File("primary"), {.name = "primary"}).ok());
  ASSERT_TRUE(primary.CreateDatabase("ledd").ok());
  const store::Dataset data = FourMembers();
  {
    auto setup = store::OpenPostgresStore({.conninfo = primary.Uri("ledd")});
    ASSERT_TRUE(setup.ok()) << setup.status();
    ASSERT_TRUE((*setup)->Import(data).ok());
  }
  testing::PostgresCluster standby;
  ASSERT_TRUE(standby.StartStandbyOf(primary, dir.File("standby"), {.name = "standby"}).ok());
  auto opened = store::OpenPostgresStore(
      {.conninfo = primary.Uri("ledd"), .follow_conninfo = standby.Uri("ledd")});
  ASSERT_TRUE(opened.ok()) << opened.status();
  auto live = LiveNetwork::Open(**opened, {.background_compaction = false});
  ASSERT_TRUE(live.ok()) << live.status();
  ASSERT_EQ((*live)->Current()->NodeCount(), 4u);

  ASSERT_TRUE(standby.Sql("postgres", "SELECT pg_wal_replay_pause()").ok());
  ASSERT_TRUE((*opened)->AddConnection({.a = 1, .b = 2, .created_at = 0}).ok());
  EXPECT_EQ((*live)->CatchUp(absl::Milliseconds(300)).code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(Connected(*(*live)->Current(), 1, 2));

  ASSERT_TRUE(standby.Sql("postgres", "SELECT pg_wal_replay_resume()").ok());
  ASSERT_TRUE((*live)->CatchUp(absl::Seconds(10)).ok());
  EXPECT_TRUE(Connected(*(*live)->Current(), 1, 2));
}

}  // namespace
}  // namespace ledd::service
