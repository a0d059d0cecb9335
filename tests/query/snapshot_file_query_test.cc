// A snapshot loaded from a snapshot file answers the queries like the snapshot it was
// written from: both are compared with the brute-force oracle on generated networks,
// with and without a delta (written compacted) and erased members.

#include <random>
#include <string>

#include "fmt/core.h"
#include "graph/canonical.h"
#include "gtest/gtest.h"
#include "ledd/graph/snapshot_file.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/search.h"
#include "query/networks.h"
#include "testing/oracle.h"
#include "testing/temp_dir.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleNetwork;
using testing::TestNetwork;

std::vector<MemberId> Ids(const graph::Snapshot& snapshot, const std::vector<Node>& nodes) {
  std::vector<MemberId> ids;
  for (Node node : nodes) ids.push_back(snapshot.Id(node));
  return ids;
}

std::shared_ptr<const graph::Snapshot> RoundTrip(const graph::Snapshot& snapshot,
                                                 const std::string& path) {
  absl::Status written = graph::WriteSnapshotFile(snapshot, {.position_id = 7}, path);
  EXPECT_TRUE(written.ok()) << written;
  auto loaded = graph::ReadSnapshotFile(path);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (!loaded.ok()) return nullptr;
  EXPECT_EQ(loaded->summary.info.position_id, 7);
  return loaded->snapshot;
}

// Degree, mutual, path, reach and search for members of `oracle` on `snapshot`.
void CheckQueries(const graph::Snapshot& snapshot, const OracleNetwork& oracle, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<MemberId> ids;
  for (const auto& [id, member] : oracle.members) ids.push_back(id);
  ASSERT_FALSE(ids.empty());
  for (int i = 0; i < 40; ++i) {
    const MemberId u = ids[random() % ids.size()];
    const MemberId v = ids[random() % ids.size()];
    SCOPED_TRACE(fmt::format("u={} v={}", u, v));
    const Node node_u = snapshot.Find(u);
    const Node node_v = snapshot.Find(v);
    ASSERT_NE(node_u, kNoNode);
    ASSERT_NE(node_v, kNoNode);
    EXPECT_EQ(Degree(snapshot, node_u, node_v), ledd::testing::OracleDegree(oracle, u, v));
    const MutualResult mutual = Mutual(snapshot, node_u, node_v, 1'000'000);
    EXPECT_EQ(Ids(snapshot, mutual.members), ledd::testing::OracleMutual(oracle, u, v));
    EXPECT_EQ(Path(snapshot, node_u, node_v, {.max_hops = 6}).length(),
              ledd::testing::OracleDistance(oracle, u, v, 6));
    const ReachResult reach = Reach(snapshot, node_u, {.third = true});
    const ledd::testing::OracleReach expected = ledd::testing::OracleReachOf(oracle, u);
    EXPECT_EQ(reach.first, expected.first);
    EXPECT_EQ(reach.second, expected.second);
    EXPECT_EQ(reach.third, expected.third);
    EXPECT_EQ(reach.naive, expected.naive);

    ledd::testing::OracleFilters filters;
    static const char* kCities[] = {"Oslo", "tromsø", "Bergen", ""};
    static const char* kTitles[] = {"ingeniør", "leder", "", ""};
    filters.city = kCities[random() % 4];
    filters.title = kTitles[random() % 4];
    const std::set<int> degrees = {1, 2, 3, ledd::testing::kOracleBeyond};
    const ledd::testing::OracleSearchResult want =
        ledd::testing::OracleSearch(oracle, u, filters, degrees);
    const SearchResult got = Search(snapshot, node_u,
                                    {.title = filters.title,
                                     .city = filters.city,
                                     .country = filters.country,
                                     .company = filters.company,
                                     .school = filters.school,
                                     .field = filters.field,
                                     .industry = filters.industry,
                                     .name = filters.name},
                                    {.everyone = true, .limit = 1'000'000, .facet_limit = 1'000});
    ASSERT_EQ(got.total, want.hits.size());
    for (size_t h = 0; h < got.hits.size(); ++h) {
      EXPECT_EQ(snapshot.Id(got.hits[h].member), want.hits[h].member) << "hit " << h;
    }
  }
}

TEST(SnapshotFileQueries, ALoadedFileAnswersLikeTheOracle) {
  ledd::testing::TempDir dir;
  for (uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 300, 6, /*profiles=*/true);
    std::shared_ptr<const graph::Snapshot> built = network.Build();
    auto loaded = RoundTrip(*built, dir.File(fmt::format("base-{}.snap", seed)));
    ASSERT_NE(loaded, nullptr);
    EXPECT_EQ(graph::testing::CheckInvariants(*loaded), "");
    EXPECT_EQ(graph::testing::Diff(graph::testing::Canonicalize(*built),
                                   graph::testing::Canonicalize(*loaded)),
              "");
    CheckQueries(*loaded, network.oracle, seed);

    // With writes and erasures in a delta: the file holds them compacted.
    std::shared_ptr<const graph::Snapshot> edited =
        testing::EditRandomly(network, built, seed + 100, 200);
    edited = testing::RemoveRandomly(network, edited, seed + 200, 5);
    ASSERT_GT(edited->DeltaSize(), 0u);
    auto reloaded = RoundTrip(*edited, dir.File(fmt::format("delta-{}.snap", seed)));
    ASSERT_NE(reloaded, nullptr);
    EXPECT_EQ(reloaded->DeltaSize(), 0u);
    EXPECT_EQ(graph::testing::CheckInvariants(*reloaded), "");
    EXPECT_EQ(graph::testing::Diff(graph::testing::Canonicalize(*edited),
                                   graph::testing::Canonicalize(*reloaded)),
              "");
    CheckQueries(*reloaded, network.oracle, seed + 300);
  }
}

}  // namespace
}  // namespace ledd::query
