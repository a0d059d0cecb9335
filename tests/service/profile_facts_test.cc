#include "ledd/service/profile_facts.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "fmt/core.h"
#include "gtest/gtest.h"

namespace ledd::service {
namespace {

// The store's side, as a map the test changes; counts the reads.
struct FakeFacts {
  std::mutex mu;
  std::map<MemberId, store::ProfileFacts> rows;
  int reads = 0;

  absl::StatusOr<store::ProfileFacts> Read(MemberId member) {
    std::lock_guard lock(mu);
    ++reads;
    auto found = rows.find(member);
    if (found == rows.end()) return absl::NotFoundError(fmt::format("member {}", member));
    return found->second;
  }
  void Set(MemberId member, std::string summary) {
    std::lock_guard lock(mu);
    rows[member] = {.summary = std::move(summary)};
  }
  int Reads() {
    std::lock_guard lock(mu);
    return reads;
  }
};

ProfileFactsCache::Reader ReaderOf(FakeFacts& facts) {
  return [&facts](MemberId member) { return facts.Read(member); };
}

TEST(ProfileFactsCache, KeepsWhatItReadUntilForgotten) {
  FakeFacts facts;
  facts.Set(1, "first");
  ProfileFactsCache cache(ReaderOf(facts), 1 << 20);
  EXPECT_EQ((*cache.Get(1))->summary, "first");
  facts.Set(1, "second");  // Not told: the kept entry answers.
  EXPECT_EQ((*cache.Get(1))->summary, "first");
  EXPECT_EQ(facts.Reads(), 1);
  cache.Forget(1);
  EXPECT_EQ((*cache.Get(1))->summary, "second");
  facts.Set(1, "third");
  cache.Clear();
  EXPECT_EQ((*cache.Get(1))->summary, "third");
  EXPECT_EQ(facts.Reads(), 3);
  const ProfileFactsCache::Counters counters = cache.counters();
  EXPECT_EQ(counters.hits, 1);
  EXPECT_EQ(counters.misses, 3);
  EXPECT_EQ(counters.entries, 1u);
  EXPECT_GT(counters.bytes, 0u);
}

TEST(ProfileFactsCache, ErrorsAreAnsweredNotKept) {
  FakeFacts facts;
  ProfileFactsCache cache(ReaderOf(facts), 1 << 20);
  EXPECT_TRUE(absl::IsNotFound(cache.Get(5).status()));
  facts.Set(5, "joined");
  EXPECT_EQ((*cache.Get(5))->summary, "joined");
}

TEST(ProfileFactsCache, ZeroBudgetReadsEveryTime) {
  FakeFacts facts;
  facts.Set(1, "one");
  ProfileFactsCache cache(ReaderOf(facts), 0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ((*cache.Get(1))->summary, "one");
  EXPECT_EQ(facts.Reads(), 3);
  EXPECT_EQ(cache.counters().entries, 0u);
}

// Within its budget, least recently read first out; an entry larger than a quarter of
// its shard is answered but not kept.
TEST(ProfileFactsCache, StaysWithinItsBudgetDroppingTheLeastRecentlyRead) {
  FakeFacts facts;
  // Members 16, 32, 48, ... share one of the 16 shards; their entries are of one size.
  for (int i = 1; i <= 40; ++i) facts.Set(16 * i, std::string(200, 'x'));
  size_t entry = 0;
  {
    ProfileFactsCache measure(ReaderOf(facts), 1 << 20);
    ASSERT_TRUE(measure.Get(16).ok());
    entry = measure.counters().bytes;
  }
  const size_t shard_budget = 5 * entry + entry / 2;  // Five entries a shard.
  ProfileFactsCache cache(ReaderOf(facts), 16 * shard_budget);
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(cache.Get(16 * i).ok());
  ASSERT_TRUE(cache.Get(16).ok());      // Read again: now the most recent.
  ASSERT_TRUE(cache.Get(16 * 6).ok());  // Drops 32, the least recently read.
  int reads = facts.Reads();
  ASSERT_TRUE(cache.Get(16).ok());
  ASSERT_TRUE(cache.Get(48).ok());
  EXPECT_EQ(facts.Reads(), reads) << "a recently read entry was dropped";
  ASSERT_TRUE(cache.Get(32).ok());
  EXPECT_EQ(facts.Reads(), reads + 1) << "the least recently read entry outlived the budget";
  for (int i = 7; i <= 40; ++i) {
    ASSERT_TRUE(cache.Get(16 * i).ok());
    EXPECT_LE(cache.counters().bytes, shard_budget);
  }
  EXPECT_EQ(cache.counters().entries, 5u);

  reads = facts.Reads();
  facts.Set(7, std::string(shard_budget / 4 + 1, 'y'));
  ASSERT_TRUE(cache.Get(7).ok());
  ASSERT_TRUE(cache.Get(7).ok());
  EXPECT_EQ(facts.Reads(), reads + 2) << "an entry over a quarter of its shard was kept";
}

// A read that was under way when its member was forgotten may have read the old facts:
// it answers them, but the next Get() reads again.
TEST(ProfileFactsCache, AReadOverlappingAForgetIsNotKept) {
  std::mutex mu;
  std::condition_variable changed;
  bool reading = false, go = false;
  int reads = 0;
  ProfileFactsCache cache(
      [&](MemberId) -> absl::StatusOr<store::ProfileFacts> {
        std::unique_lock lock(mu);
        if (++reads == 1) {
          reading = true;
          changed.notify_all();
          changed.wait(lock, [&] { return go; });
          return store::ProfileFacts{.summary = "old"};
        }
        return store::ProfileFacts{.summary = "new"};
      },
      1 << 20);
  std::thread reader([&] { EXPECT_EQ((*cache.Get(1))->summary, "old"); });
  {
    std::unique_lock lock(mu);
    changed.wait(lock, [&] { return reading; });
  }
  cache.Forget(1);  // The write committed and was applied while the read ran.
  {
    std::lock_guard lock(mu);
    go = true;
  }
  changed.notify_all();
  reader.join();
  EXPECT_EQ((*cache.Get(1))->summary, "new");
  EXPECT_EQ(reads, 2);
}

}  // namespace
}  // namespace ledd::service
