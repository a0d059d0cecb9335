#include "ledd/service/profile_facts.h"

#include <utility>

namespace ledd::service {

ProfileFactsCache::ProfileFactsCache(Reader read, size_t budget_bytes)
    : read_(std::move(read)), shard_budget_(budget_bytes / kShards) {}

size_t ProfileFactsCache::EntryBytes(const store::ProfileFacts& facts) {
  // A list node (two pointers and the entry), an index slot, the shared_ptr's control block.
  constexpr size_t kOverhead = 2 * sizeof(void*) + sizeof(Entry) + sizeof(MemberId) +
                               sizeof(std::list<Entry>::iterator) + 2 * sizeof(void*);
  return facts.Bytes() + kOverhead;
}

void ProfileFactsCache::EraseLocked(Shard& shard, std::list<Entry>::iterator it) {
  shard.bytes -= EntryBytes(*it->second);
  shard.index.erase(it->first);
  shard.order.erase(it);
}

absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> ProfileFactsCache::Get(MemberId member) {
  Shard& shard = ShardOf(member);
  {
    std::lock_guard lock(shard.mu);
    if (auto found = shard.index.find(member); found != shard.index.end()) {
      shard.order.splice(shard.order.begin(), shard.order, found->second);
      hits_.fetch_add(1, std::memory_order_relaxed);
      return found->second->second;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  const uint64_t changes = changes_.load(std::memory_order_acquire);
  absl::StatusOr<store::ProfileFacts> read = read_(member);
  if (!read.ok()) return read.status();
  auto facts = std::make_shared<const store::ProfileFacts>(*std::move(read));
  const size_t bytes = EntryBytes(*facts);
  // An entry larger than a quarter of its shard (a member with thousands of pending
  // invitations under a small budget) would push out everything else: not kept.
  if (bytes > shard_budget_ / 4) return facts;
  std::lock_guard lock(shard.mu);
  if (changes_.load(std::memory_order_acquire) != changes) return facts;
  if (auto found = shard.index.find(member); found != shard.index.end()) {
    EraseLocked(shard, found->second);  // Another reader's copy, of the same moment.
  }
  shard.order.emplace_front(member, facts);
  shard.index.emplace(member, shard.order.begin());
  shard.bytes += bytes;
  while (shard.bytes > shard_budget_) EraseLocked(shard, std::prev(shard.order.end()));
  return facts;
}

void ProfileFactsCache::Forget(MemberId member) {
  Shard& shard = ShardOf(member);
  std::lock_guard lock(shard.mu);
  changes_.fetch_add(1, std::memory_order_acq_rel);
  if (auto found = shard.index.find(member); found != shard.index.end()) {
    EraseLocked(shard, found->second);
  }
}

void ProfileFactsCache::Clear() {
  changes_.fetch_add(1, std::memory_order_acq_rel);
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mu);
    shard.index.clear();
    shard.order.clear();
    shard.bytes = 0;
  }
}

ProfileFactsCache::Counters ProfileFactsCache::counters() const {
  Counters counters{.hits = hits_.load(std::memory_order_relaxed),
                    .misses = misses_.load(std::memory_order_relaxed)};
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mu);
    counters.entries += shard.index.size();
    counters.bytes += shard.bytes;
  }
  return counters;
}

}  // namespace ledd::service
