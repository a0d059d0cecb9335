#pragma once
// ProfileFactsCache: the store's part of members' profiles (store::ProfileFacts: the
// summary, the education degrees, whom the member blocked, their pending invitations)
// kept in memory up to a byte budget, least recently read first out.
//
// A profile read is the API's most frequent request, and everything else it shows is in
// the network; without the cache every read was a read transaction on the store, half of
// the request's cost. The cache holds nothing the event log has said changed: its owner
// (LiveNetwork) calls Forget() for each event that touches a member's facts, and Clear()
// when it reloads. An entry read from the store while a Forget() or Clear() ran is
// answered but not kept, so an entry never outlives a change it was told of.
//
// Thread-safe; reads of different members rarely share a lock (16 shards).

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "ledd/base/ids.h"
#include "ledd/store/store.h"

namespace ledd::service {

class ProfileFactsCache {
 public:
  // How a member's facts are read: Store::GetProfileFacts.
  using Reader = std::function<absl::StatusOr<store::ProfileFacts>(MemberId)>;

  // A budget of 0 keeps nothing: every Get() reads.
  ProfileFactsCache(Reader read, size_t budget_bytes);
  ProfileFactsCache(const ProfileFactsCache&) = delete;
  ProfileFactsCache& operator=(const ProfileFactsCache&) = delete;

  // The member's facts, from memory or read from the store (and kept). The store's
  // errors, NotFound for a member it does not have.
  absl::StatusOr<std::shared_ptr<const store::ProfileFacts>> Get(MemberId member);

  // The member's facts changed: read them from the store next time.
  void Forget(MemberId member);
  // Everything may have changed (an import, a reload).
  void Clear();

  struct Counters {
    int64_t hits = 0;
    int64_t misses = 0;
    size_t entries = 0;
    size_t bytes = 0;  // Counted against the budget.
  };
  Counters counters() const;

 private:
  using Entry = std::pair<MemberId, std::shared_ptr<const store::ProfileFacts>>;
  struct Shard {
    mutable std::mutex mu;
    std::list<Entry> order ABSL_GUARDED_BY(mu);  // Most recently read first.
    absl::flat_hash_map<MemberId, std::list<Entry>::iterator> index ABSL_GUARDED_BY(mu);
    size_t bytes ABSL_GUARDED_BY(mu) = 0;
  };
  static constexpr size_t kShards = 16;

  Shard& ShardOf(MemberId member) { return shards_[static_cast<uint64_t>(member) % kShards]; }
  // Bytes an entry counts against the budget: its facts, the list node and the index slot.
  static size_t EntryBytes(const store::ProfileFacts& facts);
  static void EraseLocked(Shard& shard, std::list<Entry>::iterator it)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);

  const Reader read_;
  const size_t shard_budget_;
  std::array<Shard, kShards> shards_;
  // Bumped by every Forget() and Clear(): a Get() that saw it change while it read the
  // store does not keep what it read.
  std::atomic<uint64_t> changes_{0};
  std::atomic<int64_t> hits_{0};
  std::atomic<int64_t> misses_{0};
};

}  // namespace ledd::service
