#include "ledd/graph/stats.h"

#include <algorithm>
#include <random>
#include <vector>

namespace ledd::graph {

std::string_view DegreeBucketLabel(int bucket) {
  static constexpr std::array<std::string_view, kDegreeBucketCount> kLabels = {
      "0", "1", "2-4", "5-9", "10-19", "20-49", "50-99", "100-299", "300-999", "1000-2999",
      "3000+"};
  return kLabels[bucket];
}

DegreeSummary SummarizeDegrees(const Snapshot& snapshot) {
  DegreeSummary summary;
  const Node count = snapshot.NodeCount();
  summary.members = count;
  summary.connections = snapshot.ConnectionCount();
  if (count == 0) return summary;
  std::vector<uint32_t> degrees(count);
  uint64_t total = 0;
  for (Node node = 0; node < count; ++node) {
    const uint32_t degree = snapshot.Degree(node);
    degrees[node] = degree;
    total += degree;
    const auto bucket = std::upper_bound(kDegreeBucketLowerBounds.begin(),
                                         kDegreeBucketLowerBounds.end(), degree) -
                        kDegreeBucketLowerBounds.begin() - 1;
    ++summary.histogram[bucket];
  }
  std::sort(degrees.begin(), degrees.end());
  // Nearest rank: the smallest degree with at least q of the members at or below it.
  auto rank = [&](double q) {
    size_t index = static_cast<size_t>(q * static_cast<double>(count) + 0.999999999);
    index = std::clamp<size_t>(index, 1, count);
    return degrees[index - 1];
  };
  summary.min = degrees.front();
  summary.max = degrees.back();
  summary.median = degrees[(count - 1) / 2];
  summary.mean = static_cast<double>(total) / static_cast<double>(count);
  summary.p90 = rank(0.90);
  summary.p99 = rank(0.99);
  return summary;
}

uint64_t IntersectionSize(std::span<const Node> a, std::span<const Node> b) {
  if (a.size() > b.size()) std::swap(a, b);
  uint64_t common = 0;
  if (a.size() * 32 < b.size()) {
    // Galloping: each element of the short list narrows the search in the long one.
    auto from = b.begin();
    for (Node value : a) {
      from = std::lower_bound(from, b.end(), value);
      if (from == b.end()) break;
      if (*from == value) ++common;
    }
    return common;
  }
  auto x = a.begin();
  auto y = b.begin();
  while (x != a.end() && y != b.end()) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      ++common;
      ++x;
      ++y;
    }
  }
  return common;
}

Clustering AverageClustering(const Snapshot& snapshot, const ClusteringOptions& options) {
  Clustering result;
  std::vector<Node> eligible;
  const Node count = snapshot.NodeCount();
  for (Node node = 0; node < count; ++node) {
    const uint32_t degree = snapshot.Degree(node);
    if (degree >= options.min_degree && degree <= options.max_degree) eligible.push_back(node);
  }
  result.eligible = eligible.size();
  if (eligible.size() > options.sample_size) {
    // A partial Fisher-Yates shuffle with a fixed seed: the same sample on every run.
    std::mt19937_64 random(options.seed);
    for (uint32_t i = 0; i < options.sample_size; ++i) {
      std::uniform_int_distribution<size_t> pick(i, eligible.size() - 1);
      std::swap(eligible[i], eligible[pick(random)]);
    }
    eligible.resize(options.sample_size);
    std::sort(eligible.begin(), eligible.end());
  }
  result.measured = eligible.size();
  if (eligible.empty()) return result;
  double sum = 0;
  for (Node member : eligible) {
    const std::span<const Node> contacts = snapshot.Connections(member);
    // Each connected pair of contacts is seen from both ends.
    uint64_t twice_links = 0;
    for (Node contact : contacts) {
      twice_links += IntersectionSize(contacts, snapshot.Connections(contact));
    }
    const double degree = static_cast<double>(contacts.size());
    sum += static_cast<double>(twice_links) / (degree * (degree - 1));
  }
  result.average = sum / static_cast<double>(eligible.size());
  return result;
}

}  // namespace ledd::graph
