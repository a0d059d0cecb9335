#include "ledd/query/network_queries.h"

#include <random>
#include <string>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "ledd/query/kernels.h"
#include "ledd/query/worker_pool.h"
#include "query/networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleNetwork;
using testing::TestNetwork;

std::vector<MemberId> Ids(const graph::Snapshot& snapshot, const std::vector<Node>& nodes) {
  std::vector<MemberId> ids;
  for (Node node : nodes) ids.push_back(snapshot.Id(node));
  return ids;
}

// Compares every pair query for (u, v) with the oracle.
void CheckPair(const graph::Snapshot& snapshot, const OracleNetwork& oracle, MemberId u,
               MemberId v) {
  SCOPED_TRACE(fmt::format("u={} v={}", u, v));
  const Node node_u = snapshot.Find(u);
  const Node node_v = snapshot.Find(v);
  ASSERT_NE(node_u, kNoNode);
  ASSERT_NE(node_v, kNoNode);

  EXPECT_EQ(Degree(snapshot, node_u, node_v), ledd::testing::OracleDegree(oracle, u, v));

  const std::vector<MemberId> common = ledd::testing::OracleMutual(oracle, u, v);
  const MutualResult all = Mutual(snapshot, node_u, node_v, 1'000'000);
  EXPECT_EQ(all.count, common.size());
  EXPECT_EQ(Ids(snapshot, all.members), common);
  const MutualResult first_three = Mutual(snapshot, node_u, node_v, 3);
  EXPECT_EQ(first_three.count, common.size());
  EXPECT_EQ(
      Ids(snapshot, first_three.members),
      std::vector<MemberId>(common.begin(), common.begin() + std::min<size_t>(3, common.size())));
  EXPECT_EQ(Mutual(snapshot, node_u, node_v, 0).count, common.size());

  for (int max_hops : {6, 2}) {
    const PathResult path = Path(snapshot, node_u, node_v, {.max_hops = max_hops});
    const std::optional<int> distance = ledd::testing::OracleDistance(oracle, u, v, max_hops);
    ASSERT_EQ(path.length(), distance) << "max_hops " << max_hops;
    if (!distance) {
      EXPECT_TRUE(path.introducers.empty());
      continue;
    }
    ASSERT_EQ(path.path.front(), node_u);
    ASSERT_EQ(path.path.back(), node_v);
    for (size_t i = 1; i < path.path.size(); ++i) {
      EXPECT_TRUE(oracle.Contacts(snapshot.Id(path.path[i - 1])).count(snapshot.Id(path.path[i])))
          << "step " << i << " is not a connection";
    }
    if (*distance == 2) {
      std::vector<MemberId> expected = ledd::testing::OracleRankIntroducers(oracle, common);
      if (expected.size() > 10) expected.resize(10);
      EXPECT_EQ(Ids(snapshot, path.introducers), expected);
    } else if (*distance >= 3) {
      EXPECT_EQ(path.introducers, std::vector<Node>{path.path[1]});
    } else {
      EXPECT_TRUE(path.introducers.empty());
    }
  }

  EXPECT_EQ(MarginalReach(snapshot, node_u, node_v),
            ledd::testing::OracleMarginalReach(oracle, u, v));
}

void CheckMember(const graph::Snapshot& snapshot, const OracleNetwork& oracle, MemberId u) {
  SCOPED_TRACE(fmt::format("u={}", u));
  const Node node = snapshot.Find(u);
  ASSERT_NE(node, kNoNode);
  const ledd::testing::OracleReach expected = ledd::testing::OracleReachOf(oracle, u);
  // Reach may split its count over a pool's threads; the answer must not change.
  static WorkerPool* const two_parts = new WorkerPool(2);
  static WorkerPool* const three_parts = new WorkerPool(3);
  for (auto [third, pool] : std::vector<std::pair<bool, WorkerPool*>>{
           {false, nullptr}, {false, two_parts}, {false, three_parts}, {true, nullptr},
           {true, two_parts}}) {
    SCOPED_TRACE(fmt::format("third={} parts={}", third, pool ? pool->size() : 1));
    const ReachResult reach = Reach(snapshot, node, {.third = third, .pool = pool});
    EXPECT_EQ(reach.first, expected.first);
    EXPECT_EQ(reach.second, expected.second);
    EXPECT_EQ(reach.third, third ? std::optional<uint64_t>(expected.third) : std::nullopt);
    EXPECT_EQ(reach.naive, expected.naive);
    EXPECT_DOUBLE_EQ(reach.blog_estimate, 0.8 * static_cast<double>(expected.naive));
    const double overlap = expected.naive == 0
                               ? 0.0
                               : 1.0 - static_cast<double>(expected.first + expected.second) /
                                           static_cast<double>(expected.naive);
    EXPECT_DOUBLE_EQ(reach.overlap, overlap);
  }
  // The 3rd degree both ways (top-down from the 2nd degree, bottom-up from everyone
  // else), on one thread and split over a pool's parts.
  for (ThirdDegreePlan plan : {ThirdDegreePlan::kTopDown, ThirdDegreePlan::kBottomUp}) {
    for (WorkerPool* pool : {static_cast<WorkerPool*>(nullptr), two_parts, three_parts}) {
      SCOPED_TRACE(fmt::format("3rd degree plan {} parts {}", static_cast<int>(plan),
                               pool ? pool->size() : 1));
      const DegreeCounts counts = CountThirdDegree(snapshot, node, ThreadScratch(), pool, plan);
      EXPECT_EQ(counts.second, expected.second);
      EXPECT_EQ(counts.third, expected.third);
    }
  }
  // Self.
  EXPECT_EQ(Degree(snapshot, node, node), 0);
  EXPECT_EQ(Mutual(snapshot, node, node, 10).count, 0u);
  EXPECT_EQ(Path(snapshot, node, node).path, std::vector<Node>{node});
  EXPECT_EQ(Path(snapshot, node, node).length(), 0);
  EXPECT_EQ(MarginalReach(snapshot, node, node), 0u);
  // Unknown members: kNoNode (a failed Find) and the first Node past the end.
  for (Node unknown : {kNoNode, snapshot.NodeCount()}) {
    EXPECT_EQ(Degree(snapshot, node, unknown), std::nullopt);
    EXPECT_EQ(Degree(snapshot, unknown, node), std::nullopt);
    EXPECT_EQ(Mutual(snapshot, node, unknown, 10).count, 0u);
    EXPECT_TRUE(Path(snapshot, unknown, node).path.empty());
    EXPECT_EQ(MarginalReach(snapshot, node, unknown), 0u);
    EXPECT_EQ(Reach(snapshot, unknown).first, 0u);
  }
}

// Every member against the oracle when few, else a seeded sample; pairs likewise.
void CheckNetwork(const graph::Snapshot& snapshot, const OracleNetwork& oracle, uint64_t seed,
                  int members, int pairs) {
  std::vector<MemberId> ids;
  for (const auto& [id, member] : oracle.members) ids.push_back(id);
  Node live_nodes = 0;  // Removed members' tombstones are not in the network.
  for (Node node = 0; node < snapshot.NodeCount(); ++node) live_nodes += !snapshot.Removed(node);
  ASSERT_EQ(live_nodes, ids.size());
  std::mt19937_64 random(seed);
  for (int i = 0; i < members && !ids.empty(); ++i) {
    CheckMember(
        snapshot, oracle,
        static_cast<int>(ids.size()) <= members ? ids[i % ids.size()] : ids[random() % ids.size()]);
  }
  for (int i = 0; i < pairs && !ids.empty(); ++i) {
    CheckPair(snapshot, oracle, ids[random() % ids.size()], ids[random() % ids.size()]);
  }
}

TEST(NetworkQueries, MatchTheOracleOnRandomNetworksOfEveryDensity) {
  uint64_t seed = 1;
  for (int members : {2, 10, 60, 300}) {
    for (double average_degree : {0.5, 1.5, 3.0, 8.0, 25.0}) {
      SCOPED_TRACE(fmt::format("members={} degree={}", members, average_degree));
      ++seed;
      const TestNetwork network = testing::RandomNetwork(seed, members, average_degree,
                                                         /*profiles=*/seed % 2 == 0);
      CheckNetwork(*network.Build(), network.oracle, seed, 40, 150);
    }
  }
}

// An erased member leaves the network: every query on the edited snapshot answers as on
// a network that never had them (the oracle without them, and a fresh build of it).
TEST(NetworkQueries, MatchTheOracleAfterMembersAreRemoved) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 80, 2.0 + static_cast<double>(seed), true);
    const auto removed = testing::RemoveRandomly(network, network.Build(), seed + 11, 8);
    CheckNetwork(*removed, network.oracle, seed, 40, 150);
    const auto rebuilt = network.Build();
    for (MemberId u : network.Ids()) {
      const Node on_removed = removed->Find(u);
      const Node on_rebuilt = rebuilt->Find(u);
      EXPECT_EQ(Reach(*removed, on_removed, {.third = true}).third,
                Reach(*rebuilt, on_rebuilt, {.third = true}).third);
    }
  }
}

TEST(NetworkQueries, MatchTheOracleOnPathsStarsCliquesAndComponents) {
  const TestNetwork path = testing::PathNetwork(30);
  CheckNetwork(*path.Build(), path.oracle, 1, 30, 300);
  const TestNetwork star = testing::StarNetwork(50);
  CheckNetwork(*star.Build(), star.oracle, 2, 51, 100);
  const TestNetwork clique = testing::CliqueNetwork(25);
  CheckNetwork(*clique.Build(), clique.oracle, 3, 25, 100);
  const TestNetwork components = testing::ComponentsNetwork(4, 5, 20, 6);
  CheckNetwork(*components.Build(), components.oracle, 4, 106, 300);
}

TEST(NetworkQueries, PathLengthsAlongALongPath) {
  const TestNetwork network = testing::PathNetwork(12);
  const auto snapshot = network.Build();
  const Node start = snapshot->Find(testing::IdOf(0));
  for (int index = 0; index < 12; ++index) {
    const PathResult path = Path(*snapshot, start, snapshot->Find(testing::IdOf(index)));
    EXPECT_EQ(path.length(), index <= 6 ? std::optional<int>(index) : std::nullopt) << index;
  }
  EXPECT_EQ(Degree(*snapshot, start, snapshot->Find(testing::IdOf(3))), 3);
  EXPECT_EQ(Degree(*snapshot, start, snapshot->Find(testing::IdOf(4))), std::nullopt);
  const ReachResult reach = Reach(*snapshot, start, {.third = true});
  EXPECT_EQ(reach.first, 1u);
  EXPECT_EQ(reach.second, 1u);
  EXPECT_EQ(reach.third, 1u);
  EXPECT_EQ(reach.naive, 3u);  // deg(0) = 1, plus deg(1) = 2
}

TEST(NetworkQueries, IsolatedMemberHasNoNetwork) {
  TestNetwork network = testing::ComponentsNetwork(7, 1, 10, 1);
  const auto snapshot = network.Build();
  const Node isolated = snapshot->Find(testing::IdOf(10));
  const Node other = snapshot->Find(testing::IdOf(0));
  const ReachResult reach = Reach(*snapshot, isolated, {.third = true});
  EXPECT_EQ(reach.first, 0u);
  EXPECT_EQ(reach.second, 0u);
  EXPECT_EQ(reach.third, 0u);
  EXPECT_EQ(reach.naive, 0u);
  EXPECT_EQ(reach.overlap, 0.0);
  EXPECT_EQ(Degree(*snapshot, isolated, other), std::nullopt);
  EXPECT_TRUE(Path(*snapshot, isolated, other).path.empty());
  // Connecting to `other` brings `other` and its contacts.
  EXPECT_EQ(MarginalReach(*snapshot, isolated, other), 1 + snapshot->Degree(other));
}

TEST(NetworkQueries, HubOfThirtyThousandContacts) {
  const TestNetwork network = testing::HubNetwork(5, kMaxConnections);
  const auto snapshot = network.Build();
  const Node hub = snapshot->Find(testing::IdOf(0));
  ASSERT_EQ(snapshot->Degree(hub), static_cast<uint32_t>(kMaxConnections));
  CheckMember(*snapshot, network.oracle, testing::IdOf(0));
  const std::vector<int> others = {1,
                                   2,
                                   500,
                                   kMaxConnections,
                                   kMaxConnections + 1,
                                   kMaxConnections + 150,
                                   kMaxConnections + 200};
  for (int other : others) {
    CheckMember(*snapshot, network.oracle, testing::IdOf(other));
    CheckPair(*snapshot, network.oracle, testing::IdOf(0), testing::IdOf(other));
    CheckPair(*snapshot, network.oracle, testing::IdOf(other), testing::IdOf(0));
    CheckPair(*snapshot, network.oracle, testing::IdOf(other), testing::IdOf(others[1]));
  }
}

TEST(NetworkQueries, ReachSplitOverThreadsMatchesTheOracle) {
  // Dense enough that members' contacts have more than kParallelReachMinEdges contacts
  // between them, so that the pool is used.
  const TestNetwork network = testing::RandomNetwork(11, 1'500, 520.0, /*profiles=*/false);
  const auto snapshot = network.Build();
  int split = 0;
  for (int index = 0; index < 40; ++index) {
    const MemberId id = testing::IdOf(index * 37);
    const Node node = snapshot->Find(id);
    uint64_t edges = 0;
    for (Node contact : snapshot->Connections(node)) edges += snapshot->Degree(contact);
    split += edges >= kParallelReachMinEdges;
    CheckMember(*snapshot, network.oracle, id);
  }
  EXPECT_GT(split, 20);
}

TEST(NetworkQueries, MatchTheOracleAfterEditsSinceTheLastCompaction) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 80, seed % 3 == 0 ? 2.0 : 6.0,
                                                 /*profiles=*/seed % 2 == 0);
    const auto base = network.Build();
    const auto edited = testing::EditRandomly(network, base, seed * 31, 120);
    ASSERT_GT(edited->DeltaSize(), 0u);
    ASSERT_GT(edited->NodeCount(), base->NodeCount());
    CheckNetwork(*edited, network.oracle, seed, 60, 200);
  }
}

TEST(NetworkQueries, RemovedConnectionsAreGoneAtOnce) {
  TestNetwork network = testing::CliqueNetwork(4);
  auto snapshot = network.Build();
  graph::SnapshotEditor editor(snapshot);
  // Leave the path 0 - 1 - 2 - 3 only.
  for (auto [a, b] : std::vector<std::pair<int, int>>{{0, 2}, {0, 3}, {1, 3}}) {
    ASSERT_TRUE(editor.RemoveConnection(testing::IdOf(a), testing::IdOf(b)));
  }
  const auto edited = editor.Publish();
  const Node zero = edited->Find(testing::IdOf(0));
  const Node three = edited->Find(testing::IdOf(3));
  EXPECT_EQ(Degree(*snapshot, zero, three), 1);
  EXPECT_EQ(Degree(*edited, zero, three), 3);
  EXPECT_EQ(Path(*edited, zero, three).length(), 3);
  EXPECT_EQ(Reach(*edited, zero).first, 1u);
  EXPECT_EQ(Reach(*edited, zero).second, 1u);
}

}  // namespace
}  // namespace ledd::query

namespace ledd::query {
namespace {

// A ConnectionFilter that refuses every connection of the given members.
ConnectionFilter Refusing(const graph::Snapshot& snapshot, std::vector<MemberId> hidden) {
  std::vector<Node> nodes;
  for (MemberId id : hidden) nodes.push_back(snapshot.Find(id));
  return [nodes](Node a, Node b) {
    return std::find(nodes.begin(), nodes.end(), a) == nodes.end() &&
           std::find(nodes.begin(), nodes.end(), b) == nodes.end();
  };
}

std::vector<MemberId> IdsOf(const graph::Snapshot& snapshot, const std::vector<Node>& nodes) {
  std::vector<MemberId> ids;
  for (Node node : nodes) ids.push_back(snapshot.Id(node));
  return ids;
}

TEST(ConnectionFilter, MutualNamesOnlyShownContactsAndCountsAll) {
  const auto snapshot = testing::CliqueNetwork(5).Build();
  const Node u = snapshot->Find(testing::IdOf(0)), v = snapshot->Find(testing::IdOf(1));
  const MutualResult all = Mutual(*snapshot, u, v, 10);
  const MutualResult shown = Mutual(*snapshot, u, v, 10, Refusing(*snapshot, {testing::IdOf(2)}));
  EXPECT_EQ(all.count, 3u);
  EXPECT_EQ(shown.count, 3u);
  ASSERT_EQ(shown.members.size(), 2u);
  for (Node member : shown.members) EXPECT_NE(snapshot->Id(member), testing::IdOf(2));
}

// A ring 0-1-2-3-4-5-0: the filter makes paths go the other way round, or not at all.
TEST(ConnectionFilter, PathsGoOnlyThroughShownConnections) {
  testing::TestNetwork ring = testing::PathNetwork(6);
  ring.oracle.Connect(testing::IdOf(5), testing::IdOf(0));
  const auto snapshot = ring.Build();
  auto node = [&](int i) { return snapshot->Find(testing::IdOf(i)); };
  auto id = [](int i) { return testing::IdOf(i); };

  PathResult around = Path(*snapshot, node(0), node(3), {.shown = Refusing(*snapshot, {id(1)})});
  EXPECT_EQ(IdsOf(*snapshot, around.path), (std::vector<MemberId>{id(0), id(5), id(4), id(3)}));
  EXPECT_EQ(IdsOf(*snapshot, around.introducers), (std::vector<MemberId>{id(5)}));
  // Length 2 through a hidden member only: the shown path is the long way.
  PathResult longer = Path(*snapshot, node(0), node(2), {.shown = Refusing(*snapshot, {id(1)})});
  EXPECT_EQ(longer.length(), 4);
  EXPECT_TRUE(std::find(longer.path.begin(), longer.path.end(), node(1)) == longer.path.end());
  PathResult none =
      Path(*snapshot, node(0), node(3), {.shown = Refusing(*snapshot, {id(1), id(5)})});
  EXPECT_TRUE(none.path.empty());
  EXPECT_TRUE(none.introducers.empty());
  // Without a filter nothing changes.
  EXPECT_EQ(Path(*snapshot, node(0), node(2)).length(), 2);
}

}  // namespace
}  // namespace ledd::query
