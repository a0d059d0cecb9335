#include "ledd/server/handler_pool.h"

#include <algorithm>
#include <utility>

namespace ledd::server {

HandlerPool::HandlerPool(int threads, int running, std::chrono::microseconds patience)
    : patience_(patience),
      limit_(running > 0 ? std::min(running, std::max(1, threads)) : std::max(1, threads)),
      workers_(static_cast<size_t>(std::max(1, threads))),
      watched_(limit_ < static_cast<int>(workers_.size())) {
  {
    std::lock_guard lock(mu_);
    for (Worker& worker : workers_) idle_.push_back(&worker);
  }
  for (Worker& worker : workers_) threads_.emplace_back([this, &worker] { Work(worker); });
  if (watched_) threads_.emplace_back([this] { Watch(); });
}

HandlerPool::~HandlerPool() { Join(); }

HandlerPool::Worker* HandlerPool::TakeIdleLocked() {
  if (tasks_.empty() || idle_.empty() || running_ >= limit_) return nullptr;
  Worker* worker = idle_.back();
  idle_.pop_back();
  worker->woken = true;
  ++running_;
  return worker;
}

void HandlerPool::Post(std::function<void()> task) {
  std::unique_lock lock(mu_);
  tasks_.push_back(std::move(task));
  if (Worker* worker = TakeIdleLocked()) {
    lock.unlock();
    worker->wake.notify_one();
    return;
  }
  // It waits for a running handler to finish; the watch sees that they do.
  if (watched_ && !watching_) {
    watching_ = true;
    lock.unlock();
    watch_wake_.notify_one();
  }
}

void HandlerPool::Join() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    // Every worker helps to run what is left.
    limit_ = static_cast<int>(workers_.size());
    while (!idle_.empty()) {
      idle_.back()->woken = true;
      idle_.pop_back();
      ++running_;
    }
  }
  for (Worker& worker : workers_) worker.wake.notify_one();
  watch_wake_.notify_one();
  for (std::thread& thread : threads_) thread.join();
}

uint64_t HandlerPool::stalls() const {
  std::lock_guard lock(mu_);
  return stalls_;
}

void HandlerPool::Work(Worker& me) {
  std::unique_lock lock(mu_);
  while (true) {
    me.wake.wait(lock, [&] { return me.woken; });
    // A turn: run tasks while there are any and no more than limit_ hold a turn (the
    // limit falls back when a stalled handler finishes).
    while (!tasks_.empty() && (running_ <= limit_ || stopping_)) {
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      me.busy = true;
      ++me.started;
      lock.unlock();
      task();
      task = nullptr;  // What it holds goes before the lock is taken again.
      lock.lock();
      me.busy = false;
      if (me.stalled) {
        me.stalled = false;
        --limit_;
      }
    }
    --running_;
    me.woken = false;
    if (stopping_) return;
    idle_.push_back(&me);
  }
}

void HandlerPool::Watch() {
  std::unique_lock lock(mu_);
  std::vector<uint64_t> seen(workers_.size());
  while (!stopping_) {
    if (tasks_.empty()) {
      watching_ = false;
      watch_wake_.wait(lock, [&] { return watching_ || stopping_; });
      continue;
    }
    watch_wake_.wait_for(lock, patience_, [&] { return stopping_; });
    if (tasks_.empty()) continue;  // Nothing waits for the running ones.
    // A worker still on the task it was on a round ago has run it for at least patience_.
    for (size_t k = 0; k < workers_.size(); ++k) {
      Worker& worker = workers_[k];
      if (worker.busy && !worker.stalled && worker.started == seen[k]) {
        worker.stalled = true;
        ++limit_;
        ++stalls_;
      }
      seen[k] = worker.started;
    }
    while (Worker* worker = TakeIdleLocked()) worker->wake.notify_one();
  }
}

}  // namespace ledd::server
