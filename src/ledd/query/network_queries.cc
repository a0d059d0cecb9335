#include "ledd/query/network_queries.h"

#include <algorithm>

#include "ledd/graph/stats.h"
#include "ledd/query/kernels.h"

namespace ledd::query {
namespace {

bool InSnapshot(const graph::Snapshot& snapshot, Node node) {
  return node < snapshot.NodeCount();
}

}  // namespace

std::optional<int> Degree(const graph::Snapshot& snapshot, Node u, Node v,
                          QueryScratch& scratch) {
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

void OrderByName(const graph::Snapshot& snapshot, std::vector<Node>& members, size_t limit) {
  auto before = [&snapshot](Node a, Node b) {
    const std::string_view first_a = snapshot.FirstName(a), first_b = snapshot.FirstName(b);
    if (first_a != first_b) return first_a < first_b;
    const std::string_view last_a = snapshot.LastName(a), last_b = snapshot.LastName(b);
    if (last_a != last_b) return last_a < last_b;
    return snapshot.Id(a) < snapshot.Id(b);
  };
  if (limit < members.size()) {
    std::partial_sort(members.begin(), members.begin() + static_cast<ptrdiff_t>(limit),
                      members.end(), before);
    members.resize(limit);
  } else {
    std::sort(members.begin(), members.end(), before);
  }
}

MutualResult Mutual(const graph::Snapshot& snapshot, Node u, Node v, size_t limit) {
  MutualResult result;
  if (!InSnapshot(snapshot, u) || !InSnapshot(snapshot, v) || u == v) return result;
  if (limit == 0) {
    result.count = graph::IntersectionSize(snapshot.Connections(u), snapshot.Connections(v));
    return result;
  }
  result.count = Intersect(snapshot.Connections(u), snapshot.Connections(v), result.members);
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
    // The 3rd hop needs the 2nd-degree list and levels: the epoch-array expansion.
    const Neighbourhood hood =
        ExpandTwoHops(snapshot, u, scratch, {.count_mutual = false, .collect = true});
    result.second = hood.second_count;
    result.third = ExpandThirdHop(snapshot, scratch);
  } else {
    // Counting only: the bitset fits in cache where the epoch array does not.
    result.second = CountSecondDegree(snapshot, u, scratch, options.pool);
  }
  result.naive = result.first + contact_degree_sum;
  result.blog_estimate = 0.8 * static_cast<double>(result.naive);
  if (result.naive > 0) {
    result.overlap = 1.0 - static_cast<double>(result.first + result.second) /
                               static_cast<double>(result.naive);
  }
  return result;
}

PathResult Path(const graph::Snapshot& snapshot, Node u, Node v, const PathOptions& options,
                QueryScratch& scratch) {
  PathResult result;
  if (!InSnapshot(snapshot, u) || !InSnapshot(snapshot, v)) return result;
  result.path = ShortestPath(snapshot, u, v, options.max_hops, scratch);
  if (result.path.size() == 3) {
    Intersect(snapshot.Connections(u), snapshot.Connections(v), result.introducers);
    OrderByName(snapshot, result.introducers, options.introducer_limit);
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
