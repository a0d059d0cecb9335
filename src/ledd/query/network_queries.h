#pragma once
// The network questions of DESIGN.md ("Queries"): degree, mutual contacts, exact reach,
// shortest path and the marginal reach of one more contact.
//
// Each query is a pure function of a Snapshot and a request. Members are Nodes of that
// snapshot (the caller translates MemberIds with Snapshot::Find at the edge); a Node
// that is not in the snapshot (>= NodeCount(), e.g. kNoNode from a failed Find) is
// "out of network": the query answers as for a member without contacts that nobody can
// reach (nullopt, zero counts, empty lists), never an error. Ties are broken by
// MemberId, not Node, so answers do not change when a compaction renumbers Nodes.
//
// Thread-safety: safe to call concurrently on one snapshot. `scratch` defaults to the
// calling thread's own; pass one explicitly to reuse it across threads' work items.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/scratch.h"
#include "ledd/query/worker_pool.h"

namespace ledd::query {

// Which connections an answer may name, for a viewer: whether the connection a–b may
// be shown (service/visibility.h has the rule; symmetric in a and b). An empty filter
// shows every connection: the operator's view (the CLI) and tests. Queries that name
// members as someone's contacts (Mutual's members, Path's path and introducers,
// Search's introducers) leave out, or route around, what it refuses; counts stay whole.
using ConnectionFilter = std::function<bool(Node a, Node b)>;

// ---- degree ----

// 0 when u == v, 1 when connected, 2 when they share a contact, 3 when a contact of u
// shares a contact with v; nullopt beyond (or for a member not in the snapshot).
// Decided by adjacency, then intersection, then a 3-hop meet from the cheaper side: a
// full BFS is never run.
std::optional<int> Degree(const graph::Snapshot& snapshot, Node u, Node v,
                          QueryScratch& scratch = ThreadScratch());

// ---- mutual ----

struct MutualResult {
  uint64_t count = 0;         // |contacts(u) ∩ contacts(v)|
  std::vector<Node> members;  // The first `limit` of them by name (see Mutual).
};

// The common contacts of u and v: their number and the first `limit` ordered by first
// name, then last name (byte order of the UTF-8 text), then MemberId. u == v has none:
// a member is not their own mutual contact. With `shown`, members holds only the
// contacts c with shown(u, c) and shown(c, v); count is all of them.
MutualResult Mutual(const graph::Snapshot& snapshot, Node u, Node v, size_t limit,
                    const ConnectionFilter& shown = {});

// Orders `members` as Mutual does (name, then MemberId) and keeps the first `limit`.
void OrderByName(const graph::Snapshot& snapshot, std::vector<Node>& members, size_t limit);

// Orders `members` by how selective each is, fewest contacts first, then as
// OrderByName, and keeps the first `limit`. A contact with 40 contacts knows each of them
// better than a hub with 9,000 does (Adamic–Adar weighs a common contact by
// 1/ln(contacts)), so this is the order of introducers in Search and Path and of the
// mutual contacts advice names.
void OrderBySelectivity(const graph::Snapshot& snapshot, std::vector<Node>& members,
                        size_t limit);

// ---- reach ----

struct ReachOptions {
  // Also count the members at exactly distance 3: a 3rd hop, which reads much of the
  // network (CountThirdDegree in kernels.h).
  bool third = false;
  // Threads to split a large count over (owned by the caller; null = the calling thread
  // only): the 2nd degree when `third` is false and the member's contacts have enough
  // contacts between them (kParallelReachMinEdges); the 3rd degree when it is counted
  // bottom-up. The answer is the same.
  WorkerPool* pool = nullptr;
};

struct ReachResult {
  uint64_t first = 0;             // Members at exactly distance 1 (u's contacts).
  uint64_t second = 0;            // ... exactly 2.
  std::optional<uint64_t> third;  // ... exactly 3, when asked for.
  uint64_t naive = 0;             // deg(u) + Σ deg(c) over u's contacts c.
  double blog_estimate = 0;       // 0.8 × naive: the blog's "minus 20 % overlap".
  double overlap = 0;             // 1 − (first + second) / naive; 0 when naive = 0.
};

// Exact distinct reach of u; u itself is never counted.
ReachResult Reach(const graph::Snapshot& snapshot, Node u, const ReachOptions& options = {},
                  QueryScratch& scratch = ThreadScratch());

// ---- path ----

inline constexpr int kDefaultMaxHops = 6;

struct PathOptions {
  int max_hops = kDefaultMaxHops;  // Clamped to kMaxPathHops (kernels.h).
  size_t introducer_limit = 10;    // For a path of length 2.
  // Only connections it allows are on the path (and introducers pass it both ways):
  // a shortest path among them, which may be longer than the shortest one, or none.
  ConnectionFilter shown;
};

struct PathResult {
  // u, ..., v; empty when there is no path within max_hops; [u] when u == v. A path of
  // length 2 goes through introducers[0].
  std::vector<Node> path;
  // Who can introduce u to v. Length 2: the mutual contacts, ordered by
  // OrderBySelectivity (up to introducer_limit). Length >= 3: the contact of u on the
  // returned path (path[1]). Length 0 or 1, or no path: none.
  std::vector<Node> introducers;

  // Connections on the path; nullopt when there is none.
  std::optional<int> length() const {
    if (path.empty()) return std::nullopt;
    return static_cast<int>(path.size()) - 1;
  }
};

// A shortest path from u to v by bidirectional BFS.
PathResult Path(const graph::Snapshot& snapshot, Node u, Node v, const PathOptions& options = {},
                QueryScratch& scratch = ThreadScratch());

// ---- marginal reach ----

// How many members outside {u} ∪ 1st ∪ 2nd degree of u would enter u's 1st or 2nd
// degree if u connected to s: s itself if it is new, and s's contacts that are new.
// 0 when s == u, when s is already a contact, or when either is not in the snapshot.
uint64_t MarginalReach(const graph::Snapshot& snapshot, Node u, Node s,
                       QueryScratch& scratch = ThreadScratch());

}  // namespace ledd::query
