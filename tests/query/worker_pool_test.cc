#include "ledd/query/worker_pool.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace ledd::query {
namespace {

TEST(WorkerPool, RunsEveryPartOncePerRun) {
  for (int parts : {1, 2, 3, 5}) {
    SCOPED_TRACE(parts);
    WorkerPool pool(parts);
    std::vector<std::atomic<int>> runs(static_cast<size_t>(parts));
    for (int run = 0; run < 2000; ++run) {
      for (std::atomic<int>& count : runs) count = 0;
      pool.Run([&](int part) {
        // Some parts take longer, so that threads wake and take parts at different
        // moments of different runs.
        if ((run + part) % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));
        runs[static_cast<size_t>(part)].fetch_add(1);
      });
      for (int part = 0; part < parts; ++part) {
        ASSERT_EQ(runs[static_cast<size_t>(part)].load(), 1) << "run " << run << " part " << part;
      }
    }
  }
}

TEST(WorkerPool, RunsPartZeroOnTheCaller) {
  WorkerPool pool(3);
  std::thread::id ran_on;
  pool.Run([&](int part) {
    if (part == 0) ran_on = std::this_thread::get_id();
  });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(WorkerPool, RunsPartsSideBySide) {
  // Part 0 waits for part 1 to begin: only a thread of the pool can begin it meanwhile,
  // woken by Run from its sleep (it has long been waiting when the Run begins).
  WorkerPool pool(2);
  pool.Run([](int) {});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::atomic<bool> second_began = false;
  std::atomic<bool> seen_by_first = false;
  std::thread::id second_ran_on;
  pool.Run([&](int part) {
    if (part == 1) {
      second_ran_on = std::this_thread::get_id();
      second_began = true;
      return;
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!second_began && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::yield();
    }
    seen_by_first = second_began.load();
  });
  EXPECT_TRUE(seen_by_first);
  EXPECT_NE(second_ran_on, std::this_thread::get_id());
}

TEST(WorkerPool, ChunksTakenInTurnAreEachDoneOnce) {
  // How CountSecondDegree shares its work: whichever part is awake takes the next chunk.
  WorkerPool pool(4);
  for (int run = 0; run < 500; ++run) {
    constexpr int kChunks = 64;
    std::vector<std::atomic<int>> done(kChunks);
    std::atomic<int> next = 0;
    pool.Run([&](int) {
      for (int chunk; (chunk = next.fetch_add(1)) < kChunks;) done[chunk].fetch_add(1);
    });
    for (int chunk = 0; chunk < kChunks; ++chunk) ASSERT_EQ(done[chunk].load(), 1);
  }
}

}  // namespace
}  // namespace ledd::query
