#include "ledd/graph/stats.h"

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "ledd/graph/snapshot_builder.h"

namespace ledd::graph {
namespace {

std::shared_ptr<const Snapshot> Graph(int members,
                                      const std::vector<std::pair<MemberId, MemberId>>& edges) {
  SnapshotBuilder builder;
  for (MemberId id = 0; id < members; ++id) builder.AddMember({.id = id});
  for (const auto& [a, b] : edges) builder.AddConnection(a, b);
  return *std::move(builder).Build();
}

TEST(Stats, TriangleClusteringIsOne) {
  auto snapshot = Graph(3, {{0, 1}, {1, 2}, {0, 2}});
  const Clustering clustering = AverageClustering(*snapshot);
  EXPECT_DOUBLE_EQ(clustering.average, 1.0);
  EXPECT_EQ(clustering.measured, 3u);
}

TEST(Stats, StarClusteringIsZero) {
  auto snapshot = Graph(6, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}});
  const Clustering clustering = AverageClustering(*snapshot);
  EXPECT_DOUBLE_EQ(clustering.average, 0.0);
  EXPECT_EQ(clustering.eligible, 1u);  // Leaves have one contact.
}

TEST(Stats, DiamondClustering) {
  // K4 minus the edge 0-3: members 0 and 3 score 1, members 1 and 2 score 2/3.
  auto snapshot = Graph(4, {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}});
  EXPECT_NEAR(AverageClustering(*snapshot).average, 5.0 / 6.0, 1e-12);
}

TEST(Stats, StarDegreeSummary) {
  auto snapshot = Graph(7, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}});
  const DegreeSummary summary = SummarizeDegrees(*snapshot);
  EXPECT_EQ(summary.members, 7u);
  EXPECT_EQ(summary.connections, 5u);
  EXPECT_EQ(summary.min, 0u);
  EXPECT_EQ(summary.max, 5u);
  EXPECT_EQ(summary.median, 1u);
  EXPECT_DOUBLE_EQ(summary.mean, 10.0 / 7.0);
  EXPECT_EQ(summary.p90, 5u);
  EXPECT_EQ(summary.histogram[0], 1u);  // "0"
  EXPECT_EQ(summary.histogram[1], 5u);  // "1"
  EXPECT_EQ(summary.histogram[3], 1u);  // "5-9"
  EXPECT_EQ(DegreeBucketLabel(3), "5-9");
  EXPECT_EQ(DegreeBucketLabel(kDegreeBucketCount - 1), "3000+");
}

TEST(Stats, EmptySnapshot) {
  auto snapshot = Graph(0, {});
  EXPECT_EQ(SummarizeDegrees(*snapshot).members, 0u);
  EXPECT_EQ(AverageClustering(*snapshot).measured, 0u);
}

TEST(Stats, IntersectionSizeMatchesSets) {
  std::mt19937_64 random(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::set<Node> a_set, b_set;
    const int a_size = static_cast<int>(random() % 20);
    const int b_size = static_cast<int>(random() % 2000);
    for (int i = 0; i < a_size; ++i) a_set.insert(static_cast<Node>(random() % 3000));
    for (int i = 0; i < b_size; ++i) b_set.insert(static_cast<Node>(random() % 3000));
    std::vector<Node> a(a_set.begin(), a_set.end()), b(b_set.begin(), b_set.end());
    std::vector<Node> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    EXPECT_EQ(IntersectionSize(a, b), common.size());
    EXPECT_EQ(IntersectionSize(b, a), common.size());
  }
}

TEST(Stats, MatchesBruteForceOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    std::mt19937_64 random(seed);
    const int members = 20 + static_cast<int>(random() % 150);
    std::vector<std::set<MemberId>> contacts(members);
    std::vector<std::pair<MemberId, MemberId>> edges;
    const int edge_count = static_cast<int>(random() % (members * 8));
    for (int i = 0; i < edge_count; ++i) {
      const MemberId a = static_cast<MemberId>(random() % members);
      const MemberId b = static_cast<MemberId>(random() % members);
      edges.emplace_back(a, b);
      if (a != b) {
        contacts[a].insert(b);
        contacts[b].insert(a);
      }
    }
    auto snapshot = Graph(members, edges);
    // Brute force: degrees, and links among contacts by set lookups.
    std::vector<uint32_t> degrees;
    double sum = 0;
    int eligible = 0;
    for (int member = 0; member < members; ++member) {
      const auto& mine = contacts[member];
      degrees.push_back(static_cast<uint32_t>(mine.size()));
      if (mine.size() < 2 || mine.size() > 500) continue;
      int links = 0;
      for (MemberId x : mine) {
        for (MemberId y : mine) {
          if (x < y && contacts[x].count(y)) ++links;
        }
      }
      const double d = static_cast<double>(mine.size());
      sum += 2.0 * links / (d * (d - 1));
      ++eligible;
    }
    const Clustering clustering = AverageClustering(*snapshot);
    EXPECT_EQ(clustering.measured, static_cast<uint64_t>(eligible));
    EXPECT_NEAR(clustering.average, eligible ? sum / eligible : 0.0, 1e-12) << seed;
    std::sort(degrees.begin(), degrees.end());
    const DegreeSummary summary = SummarizeDegrees(*snapshot);
    EXPECT_EQ(summary.min, degrees.front());
    EXPECT_EQ(summary.max, degrees.back());
    EXPECT_EQ(summary.median, degrees[(degrees.size() - 1) / 2]);
    const size_t p90_rank = (degrees.size() * 90 + 99) / 100;  // ceil(0.9 n)
    EXPECT_EQ(summary.p90, degrees[p90_rank - 1]) << seed;
    uint64_t in_buckets = 0;
    for (uint64_t count : summary.histogram) in_buckets += count;
    EXPECT_EQ(in_buckets, static_cast<uint64_t>(members));
  }
}

TEST(Stats, SampleIsDeterministicAndBounded) {
  std::vector<std::pair<MemberId, MemberId>> edges;
  for (MemberId id = 0; id + 2 < 3000; ++id) {
    edges.emplace_back(id, id + 1);
    edges.emplace_back(id, id + 2);
  }
  auto snapshot = Graph(3000, edges);
  const ClusteringOptions options{.sample_size = 100};
  const Clustering first = AverageClustering(*snapshot, options);
  const Clustering second = AverageClustering(*snapshot, options);
  EXPECT_EQ(first.measured, 100u);
  EXPECT_EQ(first.average, second.average);
  EXPECT_GT(first.average, 0.3);
}

}  // namespace
}  // namespace ledd::graph
