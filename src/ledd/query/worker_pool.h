#pragma once
// WorkerPool: a few threads that run the parts of one query side by side.
//
// A query that can split its work (reach over a member's contacts) takes an optional
// pool in its options; without one it runs on the calling thread. The pool is owned by
// the caller (a server, a batch run, a benchmark), so queries stay pure functions of a
// snapshot and the library starts no threads of its own.
//
// Run(task) calls task(part) once for each part = 0 .. size()-1 and returns when every
// part has returned: part 0 on the calling thread, the others on the pool's threads as
// they wake. A part no thread has taken by the time the caller is done with its own the
// caller runs itself, after its own: a sleeping thread takes tens to hundreds of
// microseconds to wake in a virtual machine, and the caller does not wait for that. So
// a part runs on one thread, but two parts may run on the same one, one after the other
// (ThreadScratch() is then shared by them); parts that split their work into chunks
// taken in turn (CountSecondDegree) let whoever is awake do it.
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

  // Runs task(part) once for every part in [0, size()); returns when all have returned.
  void Run(absl::FunctionRef<void(int part)> task);

 private:
  void Work();
  // Takes the next part of the current Run not yet taken; false when all are.
  bool Claim(int& part) {
    part = next_part_.fetch_add(1);
    return part < parts_;
  }

  // How long Run() looks for the other parts to finish before it sleeps.
  static constexpr std::chrono::microseconds kSpin{100};

  const int parts_;
  std::mutex run_mu_;  // Serializes Run().
  std::mutex mu_;
  std::condition_variable start_cv_;
  std::condition_variable done_cv_;
  // Guarded by mu_ (task_ is read without it by the taker of a part of the current Run).
  const absl::FunctionRef<void(int)>* task_ = nullptr;
  uint64_t generation_ = 0;  // Bumped per Run().
  bool stopping_ = false;
  // The next part of the current Run to hand out (set to 1 by Run, under mu_). A thread
  // woken for an earlier Run takes a part of the current one, or none: Run returns only
  // once every part is taken.
  std::atomic<int> next_part_ = 0;
  // Pool threads between looking for a part and finishing the ones they took.
  std::atomic<int> busy_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace ledd::query
