#pragma once
// HandlerPool: the threads of the HTTP server (http_server.h) that run request handlers.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ledd::server {

// The threads that run handlers. Posting wakes the worker that went idle last, which
// still has its caches warm (its stack, the allocator's thread cache, its query scratch),
// where asio::thread_pool's one condition variable wakes whichever waiter comes first: with
// more workers than cores every request then ran on a cold thread.
//
// At most `running` of the `threads` run handlers at once; the rest of what is posted
// waits for one of them to finish. Handlers that only compute are fastest with about as
// many running as there are cores (more only take turns on them, each switch costing
// its caches). A handler that waits (on a lock, a disk, a slow client of the store) or
// simply runs long must not hold the others up, so a watch counts each handler that
// has not finished within `patience` (between one and two of it) as stalled while work
// waits, and lets one more thread run in its place until it finishes.
class HandlerPool {
 public:
  static constexpr std::chrono::microseconds kPatience{5000};

  // At least one thread; `running` <= 0 or >= `threads`: all of them at once.
  explicit HandlerPool(int threads, int running = 0,
                       std::chrono::microseconds patience = kPatience);
  // Join().
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // Runs `task` on a worker: the one that went idle last, or the next to finish.
  void Post(std::function<void()> task);

  // Runs what was posted, then stops the workers. Idempotent; no Post() after it.
  void Join();

  // How often a stalled handler let another thread run (for /metrics).
  uint64_t stalls() const;

 private:
  // Guarded by mu_, all but `wake`.
  struct Worker {
    std::condition_variable wake;
    bool woken = false;    // Handed a turn to run by Post() or the watch.
    bool busy = false;     // Running a task.
    bool stalled = false;  // Counted in limit_ by the watch.
    uint64_t started = 0;  // Tasks begun.
  };

  void Work(Worker& me);
  void Watch();
  // The idle worker to wake for a waiting task when fewer than limit_ run, with its turn
  // counted in running_; nullptr if none.
  Worker* TakeIdleLocked();

  const std::chrono::microseconds patience_;
  mutable std::mutex mu_;
  std::deque<std::function<void()>> tasks_;  // Guarded by mu_.
  std::vector<Worker*> idle_;                // Guarded by mu_; the last went idle last.
  int running_ = 0;                          // Guarded by mu_; workers holding a turn.
  int limit_;                                // Guarded by mu_; `running` + stalled.
  uint64_t stalls_ = 0;                      // Guarded by mu_.
  bool watching_ = false;                    // Guarded by mu_; the watch is on a timer.
  bool stopping_ = false;                    // Guarded by mu_.
  std::condition_variable watch_wake_;
  std::vector<Worker> workers_;
  // Whether a watch runs: with every worker allowed to run, there is no one to let in.
  const bool watched_;
  std::vector<std::thread> threads_;
};

}  // namespace ledd::server
