#include "ledd/query/kernels.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <utility>

namespace ledd::query {
namespace {

// First position in [from, end) whose value is >= value: doubling steps, then a binary
// search in the last step. Cheap when the answer is near `from`, which it is when the
// short list's elements are spread over the long one.
const Node* Gallop(const Node* from, const Node* end, Node value) {
  size_t step = 1;
  const Node* low = from;
  while (low + step < end && low[step] < value) {
    low += step;
    step *= 2;
  }
  const Node* high = std::min(low + step + 1, end);
  return std::lower_bound(low, high, value);
}

// Lists differing in size by more than this factor are galloped, not merged.
constexpr size_t kGallopRatio = 32;

}  // namespace

size_t Intersect(std::span<const Node> a, std::span<const Node> b, std::vector<Node>& out) {
  if (a.size() > b.size()) std::swap(a, b);
  const size_t before = out.size();
  if (a.empty()) return 0;
  if (a.size() * kGallopRatio < b.size()) {
    const Node* from = b.data();
    const Node* end = b.data() + b.size();
    for (Node value : a) {
      from = Gallop(from, end, value);
      if (from == end) break;
      if (*from == value) out.push_back(value);
    }
    return out.size() - before;
  }
  const Node* x = a.data();
  const Node* x_end = x + a.size();
  const Node* y = b.data();
  const Node* y_end = y + b.size();
  while (x != x_end && y != y_end) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      out.push_back(*x);
      ++x;
      ++y;
    }
  }
  return out.size() - before;
}

bool Intersects(std::span<const Node> a, std::span<const Node> b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty()) return false;
  if (a.size() * kGallopRatio < b.size()) {
    const Node* from = b.data();
    const Node* end = b.data() + b.size();
    for (Node value : a) {
      from = Gallop(from, end, value);
      if (from == end) return false;
      if (*from == value) return true;
    }
    return false;
  }
  const Node* x = a.data();
  const Node* x_end = x + a.size();
  const Node* y = b.data();
  const Node* y_end = y + b.size();
  while (x != x_end && y != y_end) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      return true;
    }
  }
  return false;
}

bool Contains(std::span<const Node> list, Node value) {
  return std::binary_search(list.begin(), list.end(), value);
}

namespace {

// The expansion loop, specialised at compile time so that reach (count only) pays for
// neither the counts nor the list.
template <bool kCountMutual, bool kCollect>
uint64_t ExpandSecond(const graph::Snapshot& snapshot, std::span<const Node> first,
                      QueryScratch& scratch) {
  uint32_t* marks = scratch.marks();
  uint32_t* counts = scratch.counts();
  Node* parents = scratch.parents();
  const uint32_t epoch = scratch.epoch();
  const uint32_t self_mark = epoch + kLevelSelf;
  const uint32_t second_mark = epoch + kLevelSecond;
  std::vector<Node>& second = scratch.list(kSecondList);
  uint64_t found = 0;
  for (Node contact : first) {
    for (Node member : snapshot.Connections(contact)) {
      const uint32_t mark = marks[member];
      if (mark < epoch) {
        marks[member] = second_mark;
        if constexpr (kCountMutual) counts[member] = 1;
        if constexpr (kCollect) {
          parents[member] = contact;
          second.push_back(member);
        } else {
          ++found;
        }
      } else if constexpr (kCountMutual) {
        // Level 1 or 2: one more of u's contacts knows this member. u itself (reached
        // from every contact) is not counted.
        if (mark != self_mark) ++counts[member];
      }
    }
  }
  return kCollect ? second.size() : found;
}

}  // namespace

Neighbourhood ExpandTwoHops(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch,
                            const ExpandOptions& options) {
  scratch.Reset(snapshot.NodeCount());
  Neighbourhood result;
  result.first = snapshot.Connections(u);
  scratch.Mark(u, kLevelSelf);
  scratch.Parent(u) = kNoNode;
  for (Node contact : result.first) {
    scratch.Mark(contact, kLevelFirst);
    scratch.Count(contact) = 0;
    scratch.Parent(contact) = u;
    result.contact_degree_sum += snapshot.Degree(contact);
  }
  if (options.count_mutual) {
    result.second_count = options.collect
                              ? ExpandSecond<true, true>(snapshot, result.first, scratch)
                              : ExpandSecond<true, false>(snapshot, result.first, scratch);
  } else {
    result.second_count = options.collect
                              ? ExpandSecond<false, true>(snapshot, result.first, scratch)
                              : ExpandSecond<false, false>(snapshot, result.first, scratch);
  }
  return result;
}

uint64_t ExpandThirdHop(const graph::Snapshot& snapshot, QueryScratch& scratch) {
  uint32_t* marks = scratch.marks();
  Node* parents = scratch.parents();
  const uint32_t epoch = scratch.epoch();
  const uint32_t third_mark = epoch + kLevelThird;
  const std::vector<Node>& second = scratch.list(kSecondList);
  std::vector<Node>& third = scratch.list(kThirdList);
  for (Node member : second) {
    for (Node next : snapshot.Connections(member)) {
      if (marks[next] < epoch) {
        marks[next] = third_mark;
        parents[next] = member;
        third.push_back(next);
      }
    }
  }
  return third.size();
}

namespace {

// Sets the bit of every node in `nodes` and returns how many were not set before. The
// same loop as the bare CSR + bitset baseline: count without a branch (whether a
// contact's contact is new is a coin toss for the branch predictor).
inline uint64_t MarkAll(std::span<const Node> nodes, uint64_t* bits) {
  uint64_t added = 0;
  for (Node node : nodes) {
    const uint64_t mask = uint64_t{1} << (node & 63);
    const uint64_t word = bits[node >> 6];
    added += (word & mask) == 0;
    bits[node >> 6] = word | mask;
  }
  return added;
}

// Bits set in `word`. The portable build targets x86-64 without POPCNT, where
// std::popcount is a library call; this is a dozen register operations.
inline uint64_t PopCount(uint64_t word) {
  word = word - ((word >> 1) & 0x5555555555555555);
  word = (word & 0x3333333333333333) + ((word >> 2) & 0x3333333333333333);
  word = (word + (word >> 4)) & 0x0f0f0f0f0f0f0f0f;
  return (word * 0x0101010101010101) >> 56;
}

constexpr int kMaxParts = 16;
constexpr int kChunksPerPart = 8;

// Sets in `bits` the bit of every contact of first[begin], ..., first[end - 1]: reach's
// inner loop, an unconditional or per entry read. The newer processors' clone shifts with
// BMI2's one-instruction shifts (docs/performance.md, "Reach for hubs: the marking").
LEDD_CLONED_FOR("arch=x86-64-v3")
void MarkRows(const graph::Snapshot& snapshot, std::span<const Node> first, size_t begin,
              size_t end, uint64_t* bits) {
  for (size_t i = begin; i < end; ++i) {
    PrefetchRowAhead(snapshot, first, i);
    for (Node node : snapshot.Connections(first[i])) {
      bits[node >> 6] |= uint64_t{1} << (node & 63);
    }
  }
}

// The bits set in `bits[0, words)`, each part's bitset ORed in, every bitset left clear.
LEDD_CLONED_FOR("arch=x86-64-v3")
uint64_t CountAndClear(uint64_t* bits, std::span<uint64_t* const> parts, size_t words) {
  uint64_t count = 0;
  for (size_t word = 0; word < words; ++word) {
    uint64_t merged = bits[word];
    for (uint64_t* part : parts) {
      merged |= part[word];
      part[word] = 0;
    }
    count += PopCount(merged);
    bits[word] = 0;
  }
  return count;
}

}  // namespace

uint64_t CountSecondDegree(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch,
                           WorkerPool* pool) {
  const Node node_count = snapshot.NodeCount();
  const size_t words = (static_cast<size_t>(node_count) + 63) / 64;
  const std::span<const Node> first = snapshot.Connections(u);
  uint64_t* bits = scratch.Bits(node_count);
  MarkAll({&u, 1}, bits);
  MarkAll(first, bits);

  uint64_t edges = 0;
  for (Node contact : first) edges += snapshot.Degree(contact);
  const int parts = pool == nullptr || edges < kParallelReachMinEdges
                        ? 1
                        : std::min(pool->size(), kMaxParts);
  if (parts == 1 && edges + first.size() + 1 < words / 2) {
    // A few rows: count the new bits while marking, then clear by the nodes set (the
    // rows are still in cache) rather than sweep the bitset.
    uint64_t second = 0;
    for (size_t i = 0; i < first.size(); ++i) {
      PrefetchRowAhead(snapshot, first, i);
      second += MarkAll(snapshot.Connections(first[i]), bits);
    }
    bits[u >> 6] = 0;
    for (Node contact : first) {
      bits[contact >> 6] = 0;
      for (Node member : snapshot.Connections(contact)) bits[member >> 6] = 0;
    }
    return second;
  }
  if (parts == 1) {
    // Many: mark without counting, then count in the one sweep that clears.
    MarkRows(snapshot, first, 0, first.size(), bits);
    return CountAndClear(bits, {}, words) - 1 - first.size();
  }

  // The contacts in chunks of about edges / chunks each (chunk c: begin[c] to
  // begin[c + 1]), taken in turn by whichever part is free. The caller starts on them at
  // once; a thread woken late (tens to hundreds of microseconds in a virtual machine)
  // takes fewer, instead of the caller waiting for its half.
  const int chunks = parts * kChunksPerPart;
  std::array<size_t, kMaxParts * kChunksPerPart + 1> begin{};
  {
    uint64_t scanned = 0;
    int chunk = 1;
    for (size_t i = 0; i < first.size() && chunk < chunks; ++i) {
      while (chunk < chunks && scanned >= edges * static_cast<uint64_t>(chunk) / chunks) {
        begin[chunk++] = i;
      }
      scanned += snapshot.Degree(first[i]);
    }
    while (chunk <= chunks) begin[chunk++] = first.size();
  }
  std::atomic<int> next_chunk = 0;
  std::array<uint64_t*, kMaxParts> part_bits{};
  pool->Run([&](int part) {
    if (part >= parts) return;
    uint64_t* own = nullptr;
    for (int chunk; (chunk = next_chunk.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
      if (own == nullptr) own = part == 0 ? bits : ThreadScratch().Bits(node_count);
      MarkRows(snapshot, first, begin[chunk], begin[chunk + 1], own);
    }
    part_bits[part] = own;
  });
  // Merged into part 0's bitset (which holds u and the contacts) as it is counted. Parts
  // run only for large counts, where a sweep of the words costs little next to the edges.
  std::array<uint64_t*, kMaxParts> others{};
  size_t other_count = 0;
  for (int part = 1; part < parts; ++part) {
    if (part_bits[part] != nullptr) others[other_count++] = part_bits[part];
  }
  return CountAndClear(bits, std::span(others).first(other_count), words) - 1 - first.size();
}

namespace {

// Asks the cache for the start of the row of every member whose bit is set in `members`
// (the word `word` of a bitset over the Nodes). Only a hint.
inline void PrefetchRows(const graph::Snapshot& snapshot, size_t word, uint64_t members,
                         Node node_count) {
  for (; members != 0; members &= members - 1) {
    const Node member = static_cast<Node>(word * 64 + std::countr_zero(members));
    if (member >= node_count) break;
    __builtin_prefetch(snapshot.Connections(member).data());
  }
}

}  // namespace

DegreeCounts CountThirdDegree(const graph::Snapshot& snapshot, Node u, QueryScratch& scratch,
                              WorkerPool* pool, ThirdDegreePlan plan) {
  DegreeCounts counts;
  const Node node_count = snapshot.NodeCount();
  const size_t words = (static_cast<size_t>(node_count) + 63) / 64;
  uint64_t* within = scratch.Bits(node_count);        // u, 1st and 2nd degree.
  uint64_t* second = scratch.OtherBits(node_count);   // 2nd degree only.
  const std::span<const Node> first = snapshot.Connections(u);
  MarkAll({&u, 1}, within);
  MarkAll(first, within);
  for (Node contact : first) counts.second += MarkAll(snapshot.Connections(contact), within);
  // The 2nd degree: what is within two hops, without u and its contacts.
  std::copy(within, within + words, second);
  second[u >> 6] &= ~(uint64_t{1} << (u & 63));
  for (Node contact : first) second[contact >> 6] &= ~(uint64_t{1} << (contact & 63));

  const uint64_t reached = 1 + first.size() + counts.second;
  const uint64_t unreached = node_count - reached;
  const bool bottom_up = plan == ThirdDegreePlan::kAuto
                             ? counts.second * kBottomUpFactor > unreached
                             : plan == ThirdDegreePlan::kBottomUp;
  if (bottom_up) {
    // Bottom-up: each member not within two hops looks for a contact in the 2nd degree.
    // Ranges of whole words, one per part; the bitsets are only read.
    auto count_range = [&](size_t begin_word, size_t end_word) {
      uint64_t found = 0;
      for (size_t word = begin_word; word < end_word; ++word) {
        uint64_t rest = ~within[word];
        if (word + 1 == words && node_count % 64 != 0) rest &= (uint64_t{1} << (node_count % 64)) - 1;
        // The rows of the next word's first members are far away in memory: ask for
        // them now, a word ahead (most of a word's members are unreached).
        if (word + 1 < end_word) PrefetchRows(snapshot, word + 1, ~within[word + 1], node_count);
        for (; rest != 0; rest &= rest - 1) {
          const Node member = static_cast<Node>(word * 64 + std::countr_zero(rest));
          for (Node contact : snapshot.Connections(member)) {
            if ((second[contact >> 6] >> (contact & 63)) & 1) {
              ++found;
              break;
            }
          }
        }
      }
      return found;
    };
    const int parts = pool == nullptr ? 1 : std::min(pool->size(), kMaxParts);
    if (parts == 1) {
      counts.third = count_range(0, words);
    } else {
      // In chunks taken in turn, as CountSecondDegree's.
      const int chunks = parts * kChunksPerPart;
      std::atomic<int> next_chunk = 0;
      std::array<uint64_t, kMaxParts> found{};
      pool->Run([&](int part) {
        if (part >= parts) return;
        for (int chunk; (chunk = next_chunk.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
          found[part] += count_range(words * chunk / chunks, words * (chunk + 1) / chunks);
        }
      });
      for (int part = 0; part < parts; ++part) counts.third += found[part];
    }
  } else {
    // Top-down: the 2nd degree's contacts not yet marked.
    for (size_t word = 0; word < words; ++word) {
      if (word + 1 < words) PrefetchRows(snapshot, word + 1, second[word + 1], node_count);
      for (uint64_t rest = second[word]; rest != 0; rest &= rest - 1) {
        const Node member = static_cast<Node>(word * 64 + std::countr_zero(rest));
        counts.third += MarkAll(snapshot.Connections(member), within);
      }
    }
  }
  std::fill(within, within + words, 0);
  std::fill(second, second + words, 0);
  return counts;
}

std::vector<Node> ShortestPath(const graph::Snapshot& snapshot, Node u, Node v, int max_hops,
                               QueryScratch& scratch) {
  if (u == v) return {u};
  if (max_hops <= 0) return {};
  max_hops = std::min(max_hops, kMaxPathHops);
  // Codes: side A (from u) marks depth d as d, side B (from v) as kSideB + d.
  constexpr uint32_t kSideB = QueryScratch::kCodeSpan / 2;
  scratch.Reset(snapshot.NodeCount());
  scratch.Mark(u, 0);
  scratch.Parent(u) = kNoNode;
  scratch.Mark(v, kSideB);
  scratch.Parent(v) = kNoNode;
  std::vector<Node>& frontier_a = scratch.list(0);
  std::vector<Node>& frontier_b = scratch.list(1);
  std::vector<Node>& next = scratch.list(2);
  frontier_a.push_back(u);
  frontier_b.push_back(v);
  int depth_a = 0;
  int depth_b = 0;
  int best = max_hops + 1;
  Node meet_a = kNoNode;  // On side A's tree...
  Node meet_b = kNoNode;  // ...adjacent to this node of side B's tree.
  while (!frontier_a.empty() && !frontier_b.empty() && depth_a + depth_b < max_hops) {
    // Growing the smaller frontier keeps both searches near sqrt of a one-sided BFS.
    const bool grow_a = frontier_a.size() <= frontier_b.size();
    std::vector<Node>& frontier = grow_a ? frontier_a : frontier_b;
    const int depth = grow_a ? depth_a : depth_b;
    const uint32_t own_base = grow_a ? 0 : kSideB;
    const uint32_t other_base = grow_a ? kSideB : 0;
    const uint32_t next_code = own_base + static_cast<uint32_t>(depth) + 1;
    next.clear();
    for (Node member : frontier) {
      for (Node contact : snapshot.Connections(member)) {
        const uint32_t code = scratch.Code(contact);
        if (code == QueryScratch::kUnreached) {
          scratch.Mark(contact, next_code);
          scratch.Parent(contact) = member;
          next.push_back(contact);
        } else if (code >= other_base && code < other_base + kSideB) {
          // The trees touch, and the first junction is a shortest one: every member the
          // other side reached before its current frontier had all its contacts marked
          // by one side or the other, so had one of them been ours the trees would have
          // touched then. The contact is on the other side's frontier.
          best = depth + 1 + static_cast<int>(code - other_base);
          meet_a = grow_a ? member : contact;
          meet_b = grow_a ? contact : member;
          goto met;
        }
      }
    }
    std::swap(frontier, next);
    (grow_a ? depth_a : depth_b) += 1;
  }
met:
  if (meet_a == kNoNode) return {};
  std::vector<Node> path;
  path.reserve(static_cast<size_t>(best) + 1);
  for (Node node = meet_a; node != kNoNode; node = scratch.Parent(node)) path.push_back(node);
  std::reverse(path.begin(), path.end());
  for (Node node = meet_b; node != kNoNode; node = scratch.Parent(node)) path.push_back(node);
  return path;
}

}  // namespace ledd::query
