#pragma once
// WorkerPool: a few threads that run the parts of one query side by side.
//
// A query that can split its work (reach over a member's contacts) takes an optional
// pool in its options; without one it runs on the calling thread. The pool is owned by
// the caller (a server, a batch run, a benchmark), so queries stay pure functions of a
// snapshot and the library starts no threads of its own.
//
// Run(task) calls task(part) for part = 0 .. size()-1: part 0 on the calling thread,
// the others on the pool's threads, and returns when every part has returned. Each part
// runs on its own thread, so ThreadScratch() inside a part is that part's own.
//
// Thread-safety: Run() may be called from any thread; concurrent calls are serialized
// (one query at a time uses the pool's threads). The destructor must not race with Run().

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/functional/function_ref.h"

namespace ledd::query {

class WorkerPool {
 public:
  // `parts` >= 1: the caller plus parts - 1 threads started here.
  explicit WorkerPool(int parts);
  // Stops and joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return parts_; }

  // Runs task(part) for every part in [0, size()); returns when all have returned.
  void Run(absl::FunctionRef<void(int part)> task);

 private:
  void Work(int part);

  // How long Run() looks for the other parts to finish before it sleeps.
  static constexpr std::chrono::microseconds kSpin{100};

  const int parts_;
  std::mutex run_mu_;  // Serializes Run().
  std::mutex mu_;
  std::condition_variable start_cv_;
  std::condition_variable done_cv_;
  // Guarded by mu_.
  const absl::FunctionRef<void(int)>* task_ = nullptr;
  uint64_t generation_ = 0;  // Bumped per Run(); a worker runs each generation once.
  std::atomic<int> running_ = 0;  // Workers still inside the current task (written under mu_).
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ledd::query
