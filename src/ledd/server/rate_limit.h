#pragma once
// Token buckets keyed by a string ("member:7", "address:10.0.0.1"): how the server
// limits the requests of one account or one client address, and the sign-ups of one
// address. Each key has a bucket of `burst` tokens that refills at `per_second`; a
// request takes one token, and a request that finds the bucket empty is refused with
// ResourceExhausted carrying when the next token comes (WithRetryAfter, so the answer
// is 429 with Retry-After). The bursts are meant to be generous: the web UI never meets
// them, a scraper does within seconds.
//
// Memory is bounded: at most `max_keys` buckets are kept. A bucket that has refilled
// is the same as no bucket, so when the map is full the idle ones are dropped; if every
// bucket is in use (a flood of distinct keys), all are dropped, which forgives the
// keys in use rather than growing without bound.
//
// Thread-safety: safe to call from any thread (one mutex; each call is O(1) amortized).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace ledd::server {

struct RateLimit {
  double burst = 300;      // Tokens a full bucket holds: the largest burst.
  double per_second = 30;  // Sustained rate; 0 (or less) = no limit at all.
  bool unlimited() const { return per_second <= 0 || burst <= 0; }
};

class RateLimiter {
 public:
  // `clock` is monotonic seconds; empty = std::chrono::steady_clock. It must be
  // thread-safe.
  explicit RateLimiter(RateLimit limit, std::function<double()> clock = {},
                       size_t max_keys = 100'000);

  // Takes a token of `key`'s bucket. ResourceExhausted with Retry-After when it is
  // empty; the message says "too many {what}" (e.g. "requests", "sign-ups").
  absl::Status Take(const std::string& key, std::string_view what);

  // How many buckets are kept (for tests of the memory bound).
  size_t KeyCount();

 private:
  struct Bucket {
    double tokens = 0;
    double at = 0;  // When `tokens` was computed.
  };
  double Now() const;
  // Drops idle buckets, or all when none is idle.
  void Evict(double now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RateLimit limit_;
  const std::function<double()> clock_;
  const size_t max_keys_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ledd::server
