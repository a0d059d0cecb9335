#include "ledd/server/handler_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
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
// once, and Join() runs what is still queued.
TEST(HandlerPool, RunsEveryTaskOnceAndJoinRunsTheQueue) {
  std::atomic<int> ran = 0;
  std::mutex mu;
  std::set<std::thread::id> threads;
  {
    HandlerPool pool(4);
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

}  // namespace
}  // namespace ledd::server
