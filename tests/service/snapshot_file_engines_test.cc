// A network started from a snapshot file on each store engine (SQLite; PostgreSQL when
// the test cluster runs): the file is tagged with the engine's event position (xid, id),
// and the events written after it are replayed in the engine's commit order.

#include <memory>
#include <string>

#include "fmt/core.h"
#include "graph/canonical.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "ledd/service/live_network.h"
#include "testing/store_backends.h"
#include "testing/temp_dir.h"

namespace ledd::service {
namespace {

class SnapshotFileEngines : public ::testing::TestWithParam<ledd::testing::StoreEngine> {};

store::Member Member(MemberId id, const std::string& city) {
  store::Member member;
  member.id = id;
  member.handle = fmt::format("member{}", id);
  member.first_name = fmt::format("First{}", id);
  member.last_name = "Last";
  member.city = city;
  return member;
}

std::string DiffFromFreshLoad(store::Store& store, const graph::Snapshot& live) {
  auto fresh = LoadSnapshot(store);
  if (!fresh.ok()) return fresh.status().ToString();
  return graph::testing::Diff(graph::testing::Canonicalize(**fresh),
                              graph::testing::Canonicalize(live));
}

TEST_P(SnapshotFileEngines, ReplaysTheEventsAfterTheFilesPosition) {
  auto backend = GetParam().make();
  ASSERT_TRUE(backend.ok()) << backend.status();
  auto store = (*backend)->Open();
  ASSERT_TRUE(store.ok()) << store.status();
  store::Dataset data;
  data.organizations.push_back({.id = 1, .name = "Equinor"});
  for (MemberId id = 1; id <= 20; ++id) data.members.push_back(Member(id, id % 2 ? "Oslo" : ""));
  for (MemberId id = 2; id <= 20; ++id) data.connections.push_back({.a = 1, .b = id});
  data.positions.push_back({.member_id = 3, .organization_id = 1, .title = "Ingeniør"});
  ASSERT_TRUE((*store)->Import(data).ok());

  ledd::testing::TempDir dir;
  const std::string file = dir.File("network.snap");
  {
    auto before = (*store)->LastEventPosition();
    ASSERT_TRUE(before.ok());
    auto network = LiveNetwork::Open(**store);
    ASSERT_TRUE(network.ok()) << network.status();
    auto saved = (*network)->SaveSnapshotFile(file);
    ASSERT_TRUE(saved.ok()) << saved.status();
    auto last = (*store)->LastEventPosition();
    ASSERT_TRUE(last.ok());
    if (GetParam().name == "Sqlite") {
      EXPECT_EQ(FilePosition(*saved), *last);
    } else {
      // PostgreSQL's position is the cluster's horizon, which every other test's commit
      // moves on: the file's lies between the horizons before the load and after.
      EXPECT_LE(*before, FilePosition(*saved));
      EXPECT_LE(FilePosition(*saved), *last);
    }
  }
  ASSERT_TRUE((*store)->AddMember(Member(30, "Bergen")).ok());
  ASSERT_TRUE((*store)->AddConnection({.a = 30, .b = 2}).ok());
  ASSERT_TRUE((*store)->RemoveConnection(1, 5).ok());
  ASSERT_TRUE((*store)->AddFollow({.follower = 4, .followee = 30}).ok());

  auto network = LiveNetwork::OpenFromFile(**store, file);
  ASSERT_TRUE(network.ok()) << network.status();
  EXPECT_TRUE((*network)->StartInfo().from_file) << (*network)->StartInfo().fallback;
  if (GetParam().name == "Sqlite") {
    EXPECT_EQ((*network)->StartInfo().replayed_events, 4);
    EXPECT_EQ((*network)->LastApplied(), *(*store)->LastEventPosition());
  } else {
    // On the shared test cluster another test's open transaction may hold the log's
    // horizon (cluster-wide) for longer than the open waits: the rest then comes with
    // catching up.
    EXPECT_LE((*network)->StartInfo().replayed_events, 4);
    ASSERT_TRUE((*network)->CatchUp(absl::Seconds(60)).ok());
  }
  EXPECT_EQ(DiffFromFreshLoad(**store, *(*network)->Current()), "");
}

INSTANTIATE_TEST_SUITE_P(Store, SnapshotFileEngines,
                         ::testing::ValuesIn(ledd::testing::StoreEngines()),
                         [](const ::testing::TestParamInfo<ledd::testing::StoreEngine>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace ledd::service
