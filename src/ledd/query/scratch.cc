#include "ledd/query/scratch.h"

#include <algorithm>
#include <utility>

#include "ledd/base/huge_pages.h"

namespace ledd::query {
namespace {

// Resizes to `size`, moving into fresh memory advised for large pages.
void Grow(std::vector<uint32_t>& array, size_t size, uint32_t fill) {
  std::vector<uint32_t> grown;
  ReserveHugePages(grown, size);
  grown.assign(array.begin(), array.end());
  grown.resize(size, fill);
  array = std::move(grown);
}

}  // namespace

void QueryScratch::Reset(Node node_count) {
  if (marks_.size() < node_count) {
    // Grow with headroom: a live network adds members one by one, and growing the
    // arrays by one node per query would copy them every time.
    const size_t size = std::max<size_t>(node_count, marks_.size() + marks_.size() / 8);
    // Read at random by every expansion: large pages spare a TLB miss per read.
    Grow(marks_, size, 0);
    Grow(counts_, size, 0);
    Grow(parents_, size, kNoNode);
    Grow(seen_, size, 0);
  }
  if (epoch_ > std::numeric_limits<uint32_t>::max() - 2 * kCodeSpan) {
    // Once every 2^26 queries: stale marks would become current again.
    std::fill(marks_.begin(), marks_.end(), 0);
    epoch_ = 0;
  }
  epoch_ += kCodeSpan;
  if (seen_epoch_ == std::numeric_limits<uint32_t>::max()) {
    std::fill(seen_.begin(), seen_.end(), 0);
    seen_epoch_ = 0;
  }
  ++seen_epoch_;
  for (auto& list : lists_) list.clear();
}

namespace {

uint64_t* GrowBits(std::vector<uint64_t>& bits, Node node_count) {
  const size_t words = (static_cast<size_t>(node_count) + 63) / 64;
  if (bits.size() < words) {
    // Same headroom as the marks: a live network grows one member at a time.
    bits.resize(std::max(words, bits.size() + bits.size() / 8), 0);
  }
  return bits.data();
}

}  // namespace

uint64_t* QueryScratch::Bits(Node node_count) { return GrowBits(bits_, node_count); }

uint64_t* QueryScratch::OtherBits(Node node_count) { return GrowBits(other_bits_, node_count); }

QueryScratch& ThreadScratch() {
  thread_local QueryScratch scratch;
  return scratch;
}

}  // namespace ledd::query
