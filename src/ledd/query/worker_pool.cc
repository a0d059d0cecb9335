#include "ledd/query/worker_pool.h"

#include <chrono>

namespace ledd::query {

WorkerPool::WorkerPool(int parts) : parts_(parts < 1 ? 1 : parts) {
  threads_.reserve(static_cast<size_t>(parts_ - 1));
  for (int part = 1; part < parts_; ++part) threads_.emplace_back([this, part] { Work(part); });
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
    running_ = parts_ - 1;
    ++generation_;
  }
  start_cv_.notify_all();
  task(0);
  // The parts are of about equal size, so the others are usually done or nearly: look
  // for a short while before sleeping, since a sleeping thread takes tens of
  // microseconds to be woken in a virtual machine.
  const auto spin_until = std::chrono::steady_clock::now() + kSpin;
  while (running_.load(std::memory_order_acquire) != 0 &&
         std::chrono::steady_clock::now() < spin_until) {
  }
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [this] { return running_.load(std::memory_order_relaxed) == 0; });
  task_ = nullptr;
}

void WorkerPool::Work(int part) {
  uint64_t seen = 0;
  std::unique_lock lock(mu_);
  while (true) {
    start_cv_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    const absl::FunctionRef<void(int)>& task = *task_;
    lock.unlock();
    task(part);
    lock.lock();
    if (running_.fetch_sub(1, std::memory_order_release) == 1) done_cv_.notify_one();
  }
}

}  // namespace ledd::query
