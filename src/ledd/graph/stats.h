#pragma once
// Network shape kernels for `ledd stats`: the degree distribution and the average local
// clustering coefficient. Pure functions of a Snapshot; thread-safe for concurrent calls
// on one snapshot (each call owns its scratch).

#include <array>
#include <cstdint>
#include <string_view>

#include "ledd/graph/snapshot.h"

namespace ledd::graph {

// Histogram buckets of contact counts: [lower, next lower).
inline constexpr std::array<uint32_t, 11> kDegreeBucketLowerBounds = {
    0, 1, 2, 5, 10, 20, 50, 100, 300, 1000, 3000};
inline constexpr int kDegreeBucketCount = static_cast<int>(kDegreeBucketLowerBounds.size());
// "0", "1", "2-4", ..., "3000+".
std::string_view DegreeBucketLabel(int bucket);

struct DegreeSummary {
  uint64_t members = 0;
  uint64_t connections = 0;  // Undirected pairs.
  uint32_t min = 0;
  uint32_t median = 0;  // Lower median.
  double mean = 0;
  uint32_t p90 = 0;  // Nearest-rank percentiles.
  uint32_t p99 = 0;
  uint32_t max = 0;
  std::array<uint64_t, kDegreeBucketCount> histogram{};
};

// Degrees of every member (all zero for an empty snapshot).
DegreeSummary SummarizeDegrees(const Snapshot& snapshot);

struct ClusteringOptions {
  // Members with fewer or more contacts are left out: below 2 the coefficient is
  // undefined, above the cap one hub would dominate the running time.
  uint32_t min_degree = 2;
  uint32_t max_degree = 500;
  // Eligible members sampled (deterministically); all of them when fewer.
  uint32_t sample_size = 20'000;
  uint64_t seed = 1;
};

struct Clustering {
  double average = 0;       // Mean of the local coefficients of the members measured.
  uint64_t eligible = 0;    // Members with min_degree..max_degree contacts.
  uint64_t measured = 0;    // Members in the sample.
};

// Average local clustering coefficient: for a member with d contacts among which t pairs
// are connected, 2t / (d (d - 1)). Exact for each measured member (merge intersection
// of sorted neighbourhoods).
Clustering AverageClustering(const Snapshot& snapshot, const ClusteringOptions& options = {});

// |a ∩ b| of two sorted, deduplicated lists: a merge, galloping through the longer list
// when the sizes differ a lot (a 30,000-contact hub against a 50-contact member).
uint64_t IntersectionSize(std::span<const Node> a, std::span<const Node> b);

}  // namespace ledd::graph
