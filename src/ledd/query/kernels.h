#pragma once
// Graph kernels the queries are built from: sorted-list intersection, the 2-hop (and
// 3-hop) expansion of a member's neighbourhood, and bidirectional BFS.
//
// Kernels read adjacency only through Snapshot::Connections(), so the delta (writes
// since the last compaction) is always merged in. They work in Nodes of that snapshot.
// Their working memory is a QueryScratch; inner loops neither allocate (after the
// scratch's lists have grown once), hash, nor call through pointers.
//
// Thread-safety: pure functions of the snapshot; concurrent calls are safe as long as
// each uses its own scratch.

#include <cstdint>
#include <span>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/scratch.h"
#include "ledd/query/worker_pool.h"

namespace ledd::query {

// A function compiled twice, for processors with `target` (a GCC target_clones name:
// "popcnt", "arch=x86-64-v3") and for any x86-64, the one to run chosen once at load by
// the processor. Not under ThreadSanitizer: the choosing runs before its runtime is set
// up, and crashes.
#if defined(__SANITIZE_THREAD__)
#define LEDD_CLONED_FOR(target)
#else
#define LEDD_CLONED_FOR(target) __attribute__((target_clones(target, "default")))
#endif

// Levels ExpandTwoHops / ExpandThirdHop mark members with (QueryScratch::Code).
inline constexpr uint32_t kLevelSelf = 0;
inline constexpr uint32_t kLevelFirst = 1;
inline constexpr uint32_t kLevelSecond = 2;
inline constexpr uint32_t kLevelThird = 3;

// Scratch lists the expansion fills.
inline constexpr int kSecondList = 0;
inline constexpr int kThirdList = 1;

// Rows start at random places in memory; the hardware follows a row once it is being
// read. Asks for the start of the row of nodes[i + 4], when there is one: called for
// each i of a loop over the nodes' rows. Only a hint.
inline void PrefetchRowAhead(const graph::Snapshot& snapshot, std::span<const Node> nodes,
                             size_t i) {
  constexpr size_t kAhead = 4;
  if (i + kAhead < nodes.size()) {
    const Node* row = snapshot.Connections(nodes[i + kAhead]).data();
    __builtin_prefetch(row);
    __builtin_prefetch(row + 16);
  }
}

// ---- Sorted intersection --------------------------------------------------------------

// Appends a ∩ b to `out` in ascending order and returns how many were appended. Both
// inputs sorted and deduplicated. Merges lists of similar size and gallops (exponential
// then binary search) through the longer one when they differ a lot.
size_t Intersect(std::span<const Node> a, std::span<const Node> b, std::vector<Node>& out);

// Whether a and b share an element; stops at the first one.
bool Intersects(std::span<const Node> a, std::span<const Node> b);

// Whether sorted `list` holds `value`.
bool Contains(std::span<const Node> list, Node value);

// ---- Neighbourhood expansion ----------------------------------------------------------

struct ExpandOptions {
  // Count, for every member at level 1 and 2, its contacts among u's contacts (the
  // mutual contacts): QueryScratch::Count().
  bool count_mutual = false;
  // Put the level-2 members in scratch.list(kSecondList) (discovery order) and record
  // for each the first contact of u that reached it (QueryScratch::Parent()). Without
  // it only their number is known.
  bool collect = true;
};

struct Neighbourhood {
  std::span<const Node> first;   // u's contacts (sorted)
  uint64_t second_count = 0;     // members at exactly distance 2
  uint64_t contact_degree_sum = 0;  // Σ deg(c) over contacts c: the blog's arithmetic
};

// Resets the scratch and marks u (level 0), its contacts (level 1) and their contacts
// not already marked (level 2). Requires u < snapshot.NodeCount(). O(Σ deg(contact)).
Neighbourhood ExpandTwoHops(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch,
                            const ExpandOptions& options = {});

// After ExpandTwoHops(collect = true) on the same scratch and snapshot: marks the
// contacts of level-2 members not yet marked as level 3, lists them in
// scratch.list(kThirdList) and records as Parent() the level-2 member that reached
// them. Returns how many there are.
uint64_t ExpandThirdHop(const graph::Snapshot& snapshot, QueryScratch& scratch);

// How many members are at exactly distance 2 from u, with the scratch's visited bitset
// (no levels, counts or parents: what reach needs). With a pool of several parts and
// enough edges to scan, u's contacts are split into chunks of about equal degree sum,
// several per part, which the parts take in turn (a thread that wakes late takes fewer);
// each part marks its chunks' contacts' contacts in the bitset of the thread running it,
// and the caller ORs the parts' bitsets word by word and counts. Requires
// u < snapshot.NodeCount(). O(Σ deg(contact)) work, plus O(NodeCount() / 64) for the
// merge when split.
uint64_t CountSecondDegree(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch,
                           WorkerPool* pool = nullptr);

struct DegreeCounts {
  uint64_t second = 0;  // Members at exactly distance 2.
  uint64_t third = 0;   // ... exactly 3.
};

// How many members are at exactly distance 2 and 3 from u, by a direction-optimizing
// BFS over the scratch's two bitsets (Bits: within two hops; OtherBits: the 2nd degree).
// The 2nd degree is marked top-down from u's contacts. The 3rd is found top-down (every
// 2nd-degree member's contacts not yet marked) while the 2nd degree is small, and
// bottom-up once it is a sizeable part of the network (kBottomUpFactor): every member
// not within two hops is counted if one of its contacts is in the 2nd degree, stopping
// at the first, so its row is read only that far. Bottom-up, a pool of several parts
// shares the members in ranges, taken in turn. Requires u < snapshot.NodeCount().
// O(Σ deg over the 2nd degree) top-down, O(NodeCount() + the rows' prefixes read)
// bottom-up.
// How CountThirdDegree finds the 3rd degree: kAuto by the sizes (kBottomUpFactor); the
// others for tests and benchmarks. The answer is the same.
enum class ThirdDegreePlan : uint8_t { kAuto, kTopDown, kBottomUp };

DegreeCounts CountThirdDegree(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch,
                              WorkerPool* pool = nullptr,
                              ThirdDegreePlan plan = ThirdDegreePlan::kAuto);

// CountThirdDegree goes bottom-up when (2nd degree) × (average degree) × this factor
// exceeds the members not yet reached × (average degree): Beamer et al.'s α = 14, with
// the 2nd degree's edges estimated from the average degree.
inline constexpr uint64_t kBottomUpFactor = 14;

// Below this many edges to scan, reach stays on the calling thread: waking another
// thread and merging its bitset cost about as much as half the scan saves (tens of
// microseconds on a virtual machine; at 1 << 15 the median member's reach took 1.35x as
// long with two threads as with one).
inline constexpr uint64_t kParallelReachMinEdges = 1 << 17;

// ---- Paths ----------------------------------------------------------------------------

// Upper bound on max_hops for ShortestPath (the scratch's code space).
inline constexpr int kMaxPathHops = 30;

// A shortest path u, ..., v of at most `max_hops` connections found by bidirectional
// BFS (each round grows the side with the smaller frontier), or empty when there is
// none. [u] when u == v. Requires u, v < NodeCount() and max_hops <= kMaxPathHops.
std::vector<Node> ShortestPath(const graph::Snapshot& snapshot, Node u, Node v, int max_hops,
                               QueryScratch& scratch);

}  // namespace ledd::query
