// Failover under the PostgreSQL store: a primary with a synchronous streaming standby,
// a writer through a conninfo that lists both hosts (target_session_attrs=read-write);
// the primary is killed (SIGKILL, as a crash) and the standby promoted. The store
// reconnects to the new primary by itself, and every write it acknowledged before,
// during and after is there.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "ledd/store/postgres/postgres_store.h"
#include "testing/postgres_cluster.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using testing::PostgresCluster;

// The writer connects each pair once, in turn, until the test stops it: 31,125 pairs,
// so that it never runs out before the 50 writes after the promotion. (With 60 members,
// 1,770 pairs, a fast machine wrote 1,515 before the kill and ran out during the
// failover, whose failed writes also use up pairs.)
constexpr MemberId kMembers = 250;

TEST(PostgresFailover, NoAcknowledgedWriteIsLostWhenTheSynchronousPrimaryDies) {
  testing::TempDir dir;
  PostgresCluster primary;
  ASSERT_TRUE(primary.Start(dir.File("primary"), {.name = "primary"}).ok());
  ASSERT_TRUE(primary.CreateDatabase("ledd").ok());
  {
    absl::StatusOr<std::unique_ptr<Store>> setup = OpenPostgresStore({.conninfo = primary.Uri("ledd")});
    ASSERT_TRUE(setup.ok()) << setup.status();
    Dataset data;
    for (MemberId id = 1; id <= kMembers; ++id) {
      Member member;
      member.id = id;
      member.handle = fmt::format("member-{}", id);
      member.created_at = 1'500'000'000;
      data.members.push_back(member);
    }
    ASSERT_TRUE((*setup)->Import(data).ok());
  }
  PostgresCluster standby;
  ASSERT_TRUE(standby.StartStandbyOf(primary, dir.File("standby"), {.name = "standby"}).ok());
  // Commits wait for the standby from here on (set now: before the standby existed, the
  // import's commit would have waited for ever).
  ASSERT_TRUE(primary.Sql("postgres", "ALTER SYSTEM SET synchronous_standby_names = 'standby'").ok());
  ASSERT_TRUE(primary.Sql("postgres", "SELECT pg_reload_conf()").ok());
  const auto synchronous_by = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (true) {
    absl::StatusOr<std::string> state = primary.Sql(
        "postgres", "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'");
    if (state.ok() && *state == "sync") break;
    ASSERT_LT(std::chrono::steady_clock::now(), synchronous_by) << "the standby never became synchronous";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  const std::string conninfo = fmt::format(
      "postgresql://postgres@127.0.0.1:{},127.0.0.1:{}/ledd?target_session_attrs=read-write"
      "&connect_timeout=2",
      primary.port(), standby.port());
  absl::StatusOr<std::unique_ptr<Store>> opened = OpenPostgresStore({.conninfo = conninfo});
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;

  // Every pair of members, in a fixed order; each write connects the next one.
  std::vector<std::pair<MemberId, MemberId>> pairs;
  for (MemberId a = 1; a <= kMembers; ++a) {
    for (MemberId b = a + 1; b <= kMembers; ++b) pairs.emplace_back(a, b);
  }
  std::mutex mu;
  std::vector<std::pair<MemberId, MemberId>> acknowledged;
  std::atomic<bool> promoted = false;
  std::atomic<int> acknowledged_after_promotion = 0;
  std::atomic<bool> stop = false;
  std::thread writer([&] {
    for (const auto& [a, b] : pairs) {
      if (stop) return;
      absl::StatusOr<EventId> written = store.AddConnection({.a = a, .b = b, .created_at = 0});
      if (written.ok()) {
        std::lock_guard lock(mu);
        acknowledged.emplace_back(a, b);
        if (promoted) ++acknowledged_after_promotion;
      } else {
        // During the failover writes fail (Unavailable) and are not retried here; a
        // write whose COMMIT was lost in flight may or may not exist: it was never
        // acknowledged, so the test does not count it either way.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  });

  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  size_t before_kill = 0;
  {
    std::lock_guard lock(mu);
    before_kill = acknowledged.size();
  }
  ASSERT_TRUE(primary.Kill().ok());
  ASSERT_TRUE(standby.Promote().ok());
  promoted = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (acknowledged_after_promotion < 50 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop = true;
  writer.join();
  EXPECT_GT(before_kill, 0u) << "no write went through before the primary was killed";
  EXPECT_GE(acknowledged_after_promotion, 50) << "the store did not reach the new primary";

  // On the new primary, through a store of its own.
  absl::StatusOr<std::unique_ptr<Store>> after = OpenPostgresStore({.conninfo = standby.Uri("ledd")});
  ASSERT_TRUE(after.ok()) << after.status();
  std::set<std::pair<MemberId, MemberId>> present;
  ASSERT_TRUE((*after)->ForEachConnection([&](const Connection& c) {
    present.emplace(c.a, c.b);
  }).ok());
  int lost = 0;
  for (const auto& pair : acknowledged) lost += present.contains(pair) ? 0 : 1;
  EXPECT_EQ(lost, 0) << "of " << acknowledged.size() << " acknowledged writes";
}

}  // namespace
}  // namespace ledd::store
