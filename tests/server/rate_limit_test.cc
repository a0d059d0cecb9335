// The token buckets of rate_limit.h with a clock the test moves: bursts, refill,
// Retry-After, independent keys, "no limit", and the bound on memory.

#include "ledd/server/rate_limit.h"

#include <atomic>
#include <string>

#include "gtest/gtest.h"
#include "ledd/server/http_errors.h"

namespace ledd::server {
namespace {

class RateLimiterTest : public ::testing::Test {
 protected:
  std::function<double()> Clock() {
    return [this] { return now_.load(); };
  }
  std::atomic<double> now_ = 1000;
};

TEST_F(RateLimiterTest, ABurstThenRefusalWithRetryAfterThenRefill) {
  RateLimiter limiter({.burst = 3, .per_second = 0.5}, Clock());
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("member:1", "requests").ok()) << i;
  absl::Status refused = limiter.Take("member:1", "requests");
  ASSERT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(std::string(refused.message()), "too many requests; try again in 2 s");
  HttpError error = ToHttpError(refused);
  EXPECT_EQ(error.status, 429);
  EXPECT_EQ(error.retry_after, 2);
  now_ = now_ + 1;  // Half a token: still refused.
  EXPECT_FALSE(limiter.Take("member:1", "requests").ok());
  now_ = now_ + 1;
  EXPECT_TRUE(limiter.Take("member:1", "requests").ok());
  EXPECT_FALSE(limiter.Take("member:1", "requests").ok());
  // A long rest refills to the burst, not beyond.
  now_ = now_ + 3600;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("member:1", "requests").ok()) << i;
  EXPECT_FALSE(limiter.Take("member:1", "requests").ok());
}

TEST_F(RateLimiterTest, EachKeyHasItsOwnBucket) {
  RateLimiter limiter({.burst = 1, .per_second = 0.001}, Clock());
  EXPECT_TRUE(limiter.Take("member:1", "requests").ok());
  EXPECT_FALSE(limiter.Take("member:1", "requests").ok());
  EXPECT_TRUE(limiter.Take("member:2", "requests").ok());
  EXPECT_TRUE(limiter.Take("address:10.0.0.1", "requests").ok());
}

TEST_F(RateLimiterTest, ZeroRateMeansNoLimit) {
  RateLimiter limiter({.burst = 1, .per_second = 0}, Clock());
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(limiter.Take("member:1", "requests").ok());
  EXPECT_EQ(limiter.KeyCount(), 0u);
}

TEST_F(RateLimiterTest, MemoryIsBoundedAndIdleBucketsGoFirst) {
  RateLimiter limiter({.burst = 2, .per_second = 1}, Clock(), /*max_keys=*/100);
  // A scraper empties its bucket.
  ASSERT_TRUE(limiter.Take("member:busy", "requests").ok());
  ASSERT_TRUE(limiter.Take("member:busy", "requests").ok());
  // A flood of distinct keys, each used once long ago...
  for (int i = 0; i < 99; ++i) ASSERT_TRUE(limiter.Take(std::to_string(i), "requests").ok());
  now_ = now_ + 0.5;  // ...refilled by now (one token each), while "busy" has half a token.
  for (int i = 100; i < 10'000; ++i) {
    ASSERT_TRUE(limiter.Take(std::to_string(i), "requests").ok());
    ASSERT_LE(limiter.KeyCount(), 100u);
  }
  EXPECT_LE(limiter.KeyCount(), 100u);
}

TEST_F(RateLimiterTest, AnActiveBucketSurvivesTheEvictionOfIdleOnes) {
  RateLimiter limiter({.burst = 2, .per_second = 0.01}, Clock(), /*max_keys=*/10);
  ASSERT_TRUE(limiter.Take("member:busy", "requests").ok());
  ASSERT_TRUE(limiter.Take("member:busy", "requests").ok());
  for (int i = 0; i < 9; ++i) ASSERT_TRUE(limiter.Take(std::to_string(i), "requests").ok());
  now_ = now_ + 100;  // The others have refilled (idle); "busy" has one token back.
  ASSERT_TRUE(limiter.Take("new", "requests").ok());  // Evicts the idle ones.
  EXPECT_LE(limiter.KeyCount(), 3u);
  EXPECT_TRUE(limiter.Take("member:busy", "requests").ok());
  EXPECT_FALSE(limiter.Take("member:busy", "requests").ok()) << "the busy bucket was forgotten";
}

}  // namespace
}  // namespace ledd::server
