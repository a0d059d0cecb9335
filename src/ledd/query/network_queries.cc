#include "ledd/query/network_queries.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "ledd/graph/stats.h"
#include "ledd/query/kernels.h"

namespace ledd::query {
namespace {

bool InSnapshot(const graph::Snapshot& snapshot, Node node) { return node < snapshot.NodeCount(); }

}  // namespace

std::optional<int> Degree(const graph::Snapshot& snapshot, Node u, Node v, QueryScratch& scratch) {
  if (!InSnapshot(snapshot, u) || !InSnapshot(snapshot, v)) return std::nullopt;
  if (u == v) return 0;
  const std::span<const Node> contacts_u = snapshot.Connections(u);
  const std::span<const Node> contacts_v = snapshot.Connections(v);
  if (contacts_u.size() <= contacts_v.size() ? Contains(contacts_v, u) : Contains(contacts_u, v)) {
    return 1;
  }
  if (Intersects(contacts_u, contacts_v)) return 2;
  // Degree 3 iff some contact of one side has a contact among the other side's
  // contacts. Mark the contacts of one side and scan the contacts' contacts of the
  // other: choose the side whose scan is shorter.
  uint64_t scan_u = 0;
  for (Node contact : contacts_u) scan_u += snapshot.Degree(contact);
  uint64_t scan_v = 0;
  for (Node contact : contacts_v) scan_v += snapshot.Degree(contact);
  const std::span<const Node> marked = scan_u <= scan_v ? contacts_v : contacts_u;
  const std::span<const Node> scanned = scan_u <= scan_v ? contacts_u : contacts_v;
  scratch.Reset(snapshot.NodeCount());
  for (Node contact : marked) scratch.Mark(contact, 1);
  for (Node contact : scanned) {
    for (Node next : snapshot.Connections(contact)) {
      if (scratch.Reached(next)) return 3;
    }
  }
  return std::nullopt;
}

namespace {

// First name, then last name (byte order of the UTF-8 text), then MemberId.
bool NameBefore(const graph::Snapshot& snapshot, Node a, Node b) {
  const std::string_view first_a = snapshot.FirstName(a), first_b = snapshot.FirstName(b);
  if (first_a != first_b) return first_a < first_b;
  const std::string_view last_a = snapshot.LastName(a), last_b = snapshot.LastName(b);
  if (last_a != last_b) return last_a < last_b;
  return snapshot.Id(a) < snapshot.Id(b);
}

// Sorts `items` by `before` and keeps the first `limit`.
template <typename T, typename Before>
void SortFirst(std::vector<T>& items, size_t limit, Before before) {
  if (limit < items.size()) {
    std::partial_sort(items.begin(), items.begin() + static_cast<ptrdiff_t>(limit), items.end(),
                      before);
    items.resize(limit);
  } else {
    std::sort(items.begin(), items.end(), before);
  }
}

}  // namespace

void OrderByName(const graph::Snapshot& snapshot, std::vector<Node>& members, size_t limit) {
  SortFirst(members, limit, [&snapshot](Node a, Node b) { return NameBefore(snapshot, a, b); });
}

void OrderBySelectivity(const graph::Snapshot& snapshot, std::vector<Node>& members,
                        size_t limit) {
  SortFirst(members, limit, [&snapshot](Node a, Node b) {
    const uint64_t contacts_a = snapshot.Degree(a), contacts_b = snapshot.Degree(b);
    if (contacts_a != contacts_b) return contacts_a < contacts_b;
    return NameBefore(snapshot, a, b);
  });
}

MutualResult Mutual(const graph::Snapshot& snapshot, Node u, Node v, size_t limit,
                    const ConnectionFilter& shown) {
  MutualResult result;
  if (!InSnapshot(snapshot, u) || !InSnapshot(snapshot, v) || u == v) return result;
  if (limit == 0) {
    result.count = graph::IntersectionSize(snapshot.Connections(u), snapshot.Connections(v));
    return result;
  }
  result.count = Intersect(snapshot.Connections(u), snapshot.Connections(v), result.members);
  if (shown) {
    std::erase_if(result.members, [&](Node c) { return !shown(u, c) || !shown(c, v); });
  }
  OrderByName(snapshot, result.members, limit);
  return result;
}

ReachResult Reach(const graph::Snapshot& snapshot, Node u, const ReachOptions& options,
                  QueryScratch& scratch) {
  ReachResult result;
  if (options.third) result.third = 0;
  if (!InSnapshot(snapshot, u)) return result;
  const std::span<const Node> first = snapshot.Connections(u);
  result.first = first.size();
  uint64_t contact_degree_sum = 0;
  for (Node contact : first) contact_degree_sum += snapshot.Degree(contact);
  if (options.third) {
    // Two bitsets and a direction-optimizing 3rd hop (kernels.h).
    const DegreeCounts counts = CountThirdDegree(snapshot, u, scratch, options.pool);
    result.second = counts.second;
    result.third = counts.third;
  } else {
    // Counting only: the bitset fits in cache where the epoch array does not.
    result.second = CountSecondDegree(snapshot, u, scratch, options.pool);
  }
  result.naive = result.first + contact_degree_sum;
  result.blog_estimate = 0.8 * static_cast<double>(result.naive);
  if (result.naive > 0) {
    result.overlap =
        1.0 - static_cast<double>(result.first + result.second) / static_cast<double>(result.naive);
  }
  return result;
}

namespace {

// A shortest path from u to v over the connections `shown` allows, within max_hops, by
// a plain BFS from u ([] when there is none). Only run when the shortest path has a
// hidden connection on it, so its hash map is not on the common path.
std::vector<Node> ShownShortestPath(const graph::Snapshot& snapshot, Node u, Node v, int max_hops,
                                    const ConnectionFilter& shown) {
  if (u == v) return {u};
  absl::flat_hash_map<Node, Node> parent = {{u, u}};
  std::vector<Node> frontier = {u};
  std::vector<Node> next;
  for (int hop = 1; hop <= std::min(max_hops, kMaxPathHops) && !frontier.empty(); ++hop) {
    next.clear();
    for (Node x : frontier) {
      for (Node y : snapshot.Connections(x)) {
        if (parent.contains(y) || !shown(x, y)) continue;
        parent.emplace(y, x);
        if (y == v) {
          std::vector<Node> path = {v};
          for (Node at = v; at != u;) path.push_back(at = parent.at(at));
          std::reverse(path.begin(), path.end());
          return path;
        }
        next.push_back(y);
      }
    }
    frontier.swap(next);
  }
  return {};
}

bool AllShown(const std::vector<Node>& path, const ConnectionFilter& shown) {
  for (size_t i = 1; i < path.size(); ++i) {
    if (!shown(path[i - 1], path[i])) return false;
  }
  return true;
}

}  // namespace

PathResult Path(const graph::Snapshot& snapshot, Node u, Node v, const PathOptions& options,
                QueryScratch& scratch) {
  PathResult result;
  if (!InSnapshot(snapshot, u) || !InSnapshot(snapshot, v)) return result;
  result.path = ShortestPath(snapshot, u, v, options.max_hops, scratch);
  if (options.shown && result.path.size() == 3) {
    // Any mutual contact that passes both ways makes a shown shortest path.
    Intersect(snapshot.Connections(u), snapshot.Connections(v), result.introducers);
    std::erase_if(result.introducers,
                  [&](Node c) { return !options.shown(u, c) || !options.shown(c, v); });
    if (result.introducers.empty()) {
      result.path = ShownShortestPath(snapshot, u, v, options.max_hops, options.shown);
    }
    result.introducers.clear();
  } else if (options.shown && !AllShown(result.path, options.shown)) {
    result.path = ShownShortestPath(snapshot, u, v, options.max_hops, options.shown);
  }
  if (result.path.size() == 3) {
    Intersect(snapshot.Connections(u), snapshot.Connections(v), result.introducers);
    if (options.shown) {
      std::erase_if(result.introducers,
                    [&](Node c) { return !options.shown(u, c) || !options.shown(c, v); });
    }
    OrderBySelectivity(snapshot, result.introducers, options.introducer_limit);
    // Any mutual contact makes a shortest path: show the one through the best introducer.
    if (!result.introducers.empty()) result.path[1] = result.introducers.front();
  } else if (result.path.size() > 3) {
    result.introducers.push_back(result.path[1]);
  }
  return result;
}

uint64_t MarginalReach(const graph::Snapshot& snapshot, Node u, Node s, QueryScratch& scratch) {
  if (!InSnapshot(snapshot, u) || !InSnapshot(snapshot, s) || u == s) return 0;
  ExpandTwoHops(snapshot, u, scratch, {.count_mutual = false, .collect = false});
  uint64_t added = scratch.Reached(s) ? 0 : 1;
  for (Node contact : snapshot.Connections(s)) {
    if (!scratch.Reached(contact)) ++added;
  }
  return added;
}

}  // namespace ledd::query
