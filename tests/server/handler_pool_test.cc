#include "ledd/server/handler_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace ledd::server {
namespace {

// Posts `task` and waits until it has run; returns the thread it ran on.
std::thread::id RunAndWait(HandlerPool& pool) {
  std::mutex mu;
  std::condition_variable done;
  std::optional<std::thread::id> ran_on;
  pool.Post([&] {
    std::lock_guard lock(mu);
    ran_on = std::this_thread::get_id();
    done.notify_one();
  });
  std::unique_lock lock(mu);
  done.wait(lock, [&] { return ran_on.has_value(); });
  return *ran_on;
}

// One request at a time runs on one worker, the one that went idle last, not on each of
// the pool's threads in turn.
TEST(HandlerPool, WakesTheWorkerThatWentIdleLast) {
  HandlerPool pool(8);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // Every worker started, idle.
  const std::thread::id first = RunAndWait(pool);
  int same = 0;
  for (int i = 0; i < 50; ++i) {
    // The worker goes idle just after the task returns: give it the moment (a busy
    // machine may not, now and then; a pool that took turns would use each worker for
    // one task in eight).
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    same += RunAndWait(pool) == first;
  }
  EXPECT_GE(same, 40);
}

// Every task posted from several threads runs exactly once, on up to all the workers at
// once (or the limit of them), and Join() runs what is still queued.
void RunsEveryTaskOnceAndJoinRunsTheQueue(int running) {
  std::atomic<int> ran = 0;
  std::mutex mu;
  std::set<std::thread::id> threads;
  {
    HandlerPool pool(4, running);
    std::vector<std::thread> posters;
    for (int p = 0; p < 4; ++p) {
      posters.emplace_back([&] {
        for (int i = 0; i < 2'500; ++i) {
          pool.Post([&] {
            ran.fetch_add(1);
            std::lock_guard lock(mu);
            threads.insert(std::this_thread::get_id());
          });
        }
      });
    }
    for (std::thread& poster : posters) poster.join();
    pool.Join();
    EXPECT_EQ(ran.load(), 10'000);
    pool.Join();  // Idempotent, as the destructor's is.
  }
  EXPECT_EQ(ran.load(), 10'000);
  EXPECT_LE(threads.size(), 4u);
}

TEST(HandlerPool, RunsEveryTaskOnceAndJoinRunsTheQueue) { RunsEveryTaskOnceAndJoinRunsTheQueue(0); }

TEST(HandlerPool, RunsEveryTaskOnceAndJoinRunsTheQueueWithALimit) {
  RunsEveryTaskOnceAndJoinRunsTheQueue(1);
}

// Counts how many of the tasks it makes run at once.
class Overlap {
 public:
  std::function<void()> Task() {
    return [this] {
      const int now = running_.fetch_add(1) + 1;
      int seen = most_.load();
      while (now > seen && !most_.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      running_.fetch_sub(1);
      ran_.fetch_add(1);
    };
  }
  int most() const { return most_.load(); }
  int ran() const { return ran_.load(); }
  // Waits until `n` have run (Join() would let every worker run what is left).
  void WaitForRan(int n) const {
    for (int i = 0; i < 10'000 && ran() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

 private:
  std::atomic<int> running_ = 0;
  std::atomic<int> most_ = 0;
  std::atomic<int> ran_ = 0;
};

// Posted all at once, tasks that take their time still run one at a time with a limit of
// one (without it, all four workers take one each).
TEST(HandlerPool, RunsAtMostTheLimitAtOnce) {
  Overlap overlap;
  HandlerPool pool(4, 1, std::chrono::seconds(10));
  for (int i = 0; i < 200; ++i) pool.Post(overlap.Task());
  overlap.WaitForRan(200);
  EXPECT_EQ(overlap.ran(), 200);
  EXPECT_EQ(overlap.most(), 1);
}

// A task that runs until another has run (as a handler waiting on a lock another
// request holds would) cannot hold up the queue with a limit of one: after the patience
// the watch lets a second worker run.
class Blocker {
 public:
  // Runs until Release() or `timeout`; WaitDone() says which.
  std::function<void()> Task(std::chrono::seconds timeout) {
    return [this, timeout] {
      std::unique_lock lock(mu_);
      released_ = cv_.wait_for(lock, timeout, [&] { return release_; });
      done_ = true;
      cv_.notify_all();
    };
  }
  void Release() {
    std::lock_guard lock(mu_);
    release_ = true;
    cv_.notify_all();
  }
  // Waits until the task returned.
  bool WaitDone() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return done_; });
    return released_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool release_ = false;
  bool released_ = false;
  bool done_ = false;
};

TEST(HandlerPool, AStalledHandlerLetsAnotherRun) {
  HandlerPool pool(2, 1, std::chrono::milliseconds(1));
  Blocker blocker;
  pool.Post(blocker.Task(std::chrono::seconds(5)));
  pool.Post([&] { blocker.Release(); });
  EXPECT_TRUE(blocker.WaitDone()) << "the second task ran only after the first gave up";
  EXPECT_GE(pool.stalls(), 1u);
}

// Once the stalled handler finishes, the limit is one again.
TEST(HandlerPool, TheLimitComesBackWhenTheStalledHandlerFinishes) {
  HandlerPool pool(3, 1, std::chrono::milliseconds(50));
  Blocker blocker;
  pool.Post(blocker.Task(std::chrono::seconds(5)));
  pool.Post([&] { blocker.Release(); });
  ASSERT_TRUE(blocker.WaitDone());
  Overlap overlap;
  for (int i = 0; i < 200; ++i) pool.Post(overlap.Task());
  overlap.WaitForRan(200);
  EXPECT_EQ(overlap.ran(), 200);
  EXPECT_EQ(overlap.most(), 1);
}

}  // namespace
}  // namespace ledd::server
