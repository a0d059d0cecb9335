#pragma once
// QueryScratch: the reusable working memory of the query kernels (kernels.h).
//
// A query marks the members it reaches with their level (distance from the start, or a
// side-and-depth code for bidirectional search) in an epoch-stamped array: a mark is
// current iff it is >= the current epoch, so starting a new query is one addition, not
// a clear. Next to it live the mutual-contact counts, the BFS parents and a few node
// lists, all valid only for nodes marked in the current epoch (so they never need a
// reset either). The arrays are sized to the snapshot's NodeCount() and grow when a
// later snapshot is larger; capacity is kept between queries, so after the first few
// queries a kernel allocates nothing.
//
// Next to the marks, a visited bitset for kernels that need only "seen or not" (reach's
// count): one bit per node is 128 KiB per million members, which stays in the L2 cache
// where the 4-byte marks (4 MiB) do not.
//
// Invariants: after Reset(n), every node < n is unreached; Count(), Parent() are
// meaningful only for reached nodes (and only as far as the kernel that marked them
// says).
//
// Thread-safety: none. One scratch per thread; ThreadScratch() hands out the calling
// thread's own. A scratch may serve any number of snapshots in turn.

#include <cstdint>
#include <limits>
#include <vector>

#include "ledd/base/ids.h"

namespace ledd::query {

class QueryScratch {
 public:
  // Marks are epoch_ + code with code < kCodeSpan; epochs advance by kCodeSpan.
  static constexpr uint32_t kCodeSpan = 64;
  static constexpr uint32_t kUnreached = std::numeric_limits<uint32_t>::max();

  QueryScratch() = default;
  QueryScratch(const QueryScratch&) = delete;
  QueryScratch& operator=(const QueryScratch&) = delete;

  // Starts a query over a snapshot of `node_count` nodes: every node is unreached and
  // the node lists are empty. O(1) except when the arrays grow or the epoch wraps.
  void Reset(Node node_count);

  // The code the current query marked `node` with, or kUnreached.
  uint32_t Code(Node node) const {
    const uint32_t mark = marks_[node];
    return mark >= epoch_ ? mark - epoch_ : kUnreached;
  }
  bool Reached(Node node) const { return marks_[node] >= epoch_; }
  // Requires code < kCodeSpan.
  void Mark(Node node, uint32_t code) { marks_[node] = epoch_ + code; }

  uint32_t& Count(Node node) { return counts_[node]; }
  uint32_t Count(Node node) const { return counts_[node]; }
  Node& Parent(Node node) { return parents_[node]; }
  Node Parent(Node node) const { return parents_[node]; }

  // A second, independent set for deduplication inside one query (a member seen twice
  // in a union of postings): true the first time a node is inserted after Reset().
  bool InsertOnce(Node node) {
    if (seen_[node] == seen_epoch_) return false;
    seen_[node] = seen_epoch_;
    return true;
  }

  // A visited bitset of at least `node_count` bits, all clear: kernels that set bits
  // clear them again before they return (by the nodes they set when those are few, else
  // with one memset), so no reset is needed between queries. Grows when needed.
  uint64_t* Bits(Node node_count);
  // A second such bitset, independent of Bits() (the 3rd-degree count keeps the members
  // within two hops in one and the 2nd degree in the other). Same contract.
  uint64_t* OtherBits(Node node_count);

  // Node lists the kernels fill (cleared by Reset(), capacity kept).
  std::vector<Node>& list(int index) { return lists_[index]; }
  const std::vector<Node>& list(int index) const { return lists_[index]; }
  static constexpr int kListCount = 4;

  // Raw arrays for the kernels' inner loops (valid until the next Reset()).
  uint32_t* marks() { return marks_.data(); }
  uint32_t* counts() { return counts_.data(); }
  Node* parents() { return parents_.data(); }
  uint32_t epoch() const { return epoch_; }

 private:
  std::vector<uint32_t> marks_;
  std::vector<uint32_t> counts_;
  std::vector<Node> parents_;
  std::vector<uint32_t> seen_;
  std::vector<Node> lists_[kListCount];
  std::vector<uint64_t> bits_;
  std::vector<uint64_t> other_bits_;
  // Marks below the epoch are stale; 0 is never current, so fresh entries start stale.
  uint32_t epoch_ = 0;
  uint32_t seen_epoch_ = 0;
};

// The calling thread's scratch (created on first use, lives as long as the thread).
QueryScratch& ThreadScratch();

}  // namespace ledd::query
