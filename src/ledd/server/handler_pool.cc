#include "ledd/server/handler_pool.h"

#include <algorithm>
#include <utility>

namespace ledd::server {

HandlerPool::HandlerPool(int threads) : workers_(static_cast<size_t>(std::max(1, threads))) {
  for (Worker& worker : workers_) threads_.emplace_back([this, &worker] { Work(worker); });
}

HandlerPool::~HandlerPool() { Join(); }

void HandlerPool::Post(std::function<void()> task) {
  std::unique_lock lock(mu_);
  tasks_.push_back(std::move(task));
  if (idle_.empty()) return;  // Every worker is busy; one takes it when done.
  Worker* worker = idle_.back();
  idle_.pop_back();
  worker->woken = true;
  lock.unlock();
  worker->wake.notify_one();
}

void HandlerPool::Join() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  for (Worker& worker : workers_) worker.wake.notify_one();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void HandlerPool::Work(Worker& me) {
  std::unique_lock lock(mu_);
  while (true) {
    if (!tasks_.empty()) {
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      task = nullptr;  // What it holds goes before the lock is taken again.
      lock.lock();
      continue;
    }
    if (stopping_) return;
    me.woken = false;
    idle_.push_back(&me);
    me.wake.wait(lock, [&] { return me.woken || stopping_; });
    if (!me.woken) std::erase(idle_, &me);  // Stopping.
  }
}

}  // namespace ledd::server
