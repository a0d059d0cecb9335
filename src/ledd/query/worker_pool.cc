#include "ledd/query/worker_pool.h"

#include <chrono>

namespace ledd::query {

WorkerPool::WorkerPool(int parts) : parts_(parts < 1 ? 1 : parts) {
  threads_.reserve(static_cast<size_t>(parts_ - 1));
  for (int part = 1; part < parts_; ++part) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  start_cv_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::Run(absl::FunctionRef<void(int part)> task) {
  if (parts_ == 1) {
    task(0);
    return;
  }
  std::lock_guard run_lock(run_mu_);
  {
    std::lock_guard lock(mu_);
    task_ = &task;
    ++generation_;
    next_part_ = 1;
  }
  start_cv_.notify_all();
  task(0);
  // The parts no thread has taken yet: run here rather than wait for a thread to wake.
  for (int part; Claim(part);) task(part);
  // The parts a thread took are of about equal size, or chunks of one shared piece of
  // work, so they are usually done or nearly: look for a short while before sleeping.
  const auto spin_until = std::chrono::steady_clock::now() + kSpin;
  while (busy_.load() != 0 && std::chrono::steady_clock::now() < spin_until) {
  }
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [this] { return busy_.load() == 0; });
  task_ = nullptr;
}

void WorkerPool::Work() {
  uint64_t seen = 0;
  std::unique_lock lock(mu_);
  while (true) {
    start_cv_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    lock.unlock();
    // Counted busy before taking a part, so that a Run that finds none left also finds
    // this thread busy until its part returns.
    busy_.fetch_add(1);
    for (int part; Claim(part);) (*task_)(part);
    const bool last = busy_.fetch_sub(1) == 1;
    lock.lock();
    if (last) done_cv_.notify_one();
  }
}

}  // namespace ledd::query
