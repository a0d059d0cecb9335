#pragma once
// HandlerPool: the threads of the HTTP server (http_server.h) that run request handlers.

#include <condition_variable>
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
class HandlerPool {
 public:
  // At least one thread.
  explicit HandlerPool(int threads);
  // Join().
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // Runs `task` on a worker: the one that went idle last, or the next to finish.
  void Post(std::function<void()> task);

  // Runs what was posted, then stops the workers. Idempotent; no Post() after it.
  void Join();

 private:
  struct Worker {
    std::condition_variable wake;
    bool woken = false;  // Guarded by mu_.
  };

  void Work(Worker& me);

  std::mutex mu_;
  std::deque<std::function<void()>> tasks_;  // Guarded by mu_.
  std::vector<Worker*> idle_;                // Guarded by mu_; the last went idle last.
  bool stopping_ = false;                    // Guarded by mu_.
  std::vector<Worker> workers_;
  std::vector<std::thread> threads_;
};

}  // namespace ledd::server
