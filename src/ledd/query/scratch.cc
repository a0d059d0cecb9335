#include "ledd/query/scratch.h"

#include <algorithm>

namespace ledd::query {

void QueryScratch::Reset(Node node_count) {
  if (marks_.size() < node_count) {
    // Grow with headroom: a live network adds members one by one, and growing the
    // arrays by one node per query would copy them every time.
    const size_t size = std::max<size_t>(node_count, marks_.size() + marks_.size() / 8);
    marks_.resize(size, 0);
    counts_.resize(size, 0);
    parents_.resize(size, kNoNode);
    seen_.resize(size, 0);
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

void QueryScratch::ResetBits(Node node_count) {
  const size_t words = (static_cast<size_t>(node_count) + 63) / 64;
  for (uint32_t i = 0; i < bit_words_end_; ++i) bits_[bit_words_[i]] = 0;
  bit_words_end_ = 0;
  if (bits_.size() < words) {
    // Same headroom as the marks: a live network grows one member at a time.
    const size_t size = std::max(words, bits_.size() + bits_.size() / 8);
    bits_.resize(size, 0);
    bit_words_.resize(size + 1, 0);  // +1: kernels store one entry past the last.
  }
}

QueryScratch& ThreadScratch() {
  thread_local QueryScratch scratch;
  return scratch;
}

}  // namespace ledd::query
