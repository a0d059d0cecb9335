#include "ledd/server/rate_limit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <utility>

#include "fmt/format.h"
#include "ledd/server/http_errors.h"

namespace ledd::server {

RateLimiter::RateLimiter(RateLimit limit, std::function<double()> clock, size_t max_keys)
    : limit_(limit), clock_(std::move(clock)), max_keys_(std::max<size_t>(1, max_keys)) {}

double RateLimiter::Now() const {
  if (clock_) return clock_();
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

absl::Status RateLimiter::Take(const std::string& key, std::string_view what) {
  if (limit_.unlimited()) return absl::OkStatus();
  const double now = Now();
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Evict(now);
    // A new key starts with a full bucket, less the token it takes now.
    buckets_.emplace(key, Bucket{.tokens = limit_.burst - 1, .at = now});
    return absl::OkStatus();
  }
  Bucket& bucket = it->second;
  bucket.tokens =
      std::min(limit_.burst, bucket.tokens + std::max(0.0, now - bucket.at) * limit_.per_second);
  bucket.at = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return absl::OkStatus();
  }
  const auto wait = static_cast<int64_t>(std::ceil((1 - bucket.tokens) / limit_.per_second));
  return WithRetryAfter(absl::ResourceExhaustedError(fmt::format("too many {}; try again in {} s",
                                                                 what, std::max<int64_t>(1, wait))),
                        wait);
}

void RateLimiter::Evict(double now) {
  absl::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& bucket = entry.second;
    return bucket.tokens + (now - bucket.at) * limit_.per_second >= limit_.burst;
  });
  if (buckets_.size() >= max_keys_) buckets_.clear();
}

size_t RateLimiter::KeyCount() {
  absl::MutexLock lock(&mu_);
  return buckets_.size();
}

}  // namespace ledd::server
