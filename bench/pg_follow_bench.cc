// How fast a LiveNetwork follows the event log of a shared store (PostgreSQL): writers
// add connections through the store while the network follows by polling, as a
// `ledd serve` replica does for writes of other replicas.
//
//   pg_follow_bench DB [seconds=20] [writes_per_second=1000] [writers=2]
//                      [backlog=20000] [poll_ms=5]
//
// 1. Cold start: LiveNetwork::Open (the scans of every table into a snapshot).
// 2. Steady state: `writers` threads add random connections at `writes_per_second` in
//    total for `seconds`, each write followed by Store::CurrentPosition (the position
//    token a client carries); a monitor thread records, for each write, the time from
//    its commit until the following network's LastApplied() reached its token: the
//    replication lag, printed as p50/p99/max.
// 3. Catch-up: following stopped, the writers add `backlog` connections as fast as they
//    can; then CatchUp() applies them: events applied per second.
//
// Writes go to the database DB names: use a scratch copy (the added connections stay).
// A pair already connected (AlreadyExists) or a member at the cap is skipped and counted.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "fmt/format.h"
#include "ledd/service/live_network.h"
#include "ledd/store/open.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

struct Written {
  ledd::store::EventPosition token;
  Clock::time_point committed;
};

// One writer's writes not yet seen applied, in its own (increasing) token order.
struct Pending {
  std::mutex mu;
  std::deque<Written> writes;
};

struct Tally {
  std::atomic<int64_t> written{0};
  std::atomic<int64_t> skipped{0};
  std::atomic<int64_t> failed{0};
};

// Adds random connections until `stop` or `limit` writes (0: no limit), paced at
// `per_second` (0: as fast as it can). Records each write's token in `pending` when set.
void Write(ledd::store::Store& store, const std::vector<ledd::MemberId>& members, uint64_t seed,
           double per_second, int64_t limit, const std::atomic<bool>& stop, Pending* pending,
           Tally& tally) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<size_t> pick(0, members.size() - 1);
  const auto interval = per_second > 0
                            ? std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(1.0 / per_second))
                            : Clock::duration::zero();
  Clock::time_point next = Clock::now();
  int64_t done = 0;
  while (!stop.load() && (limit == 0 || done < limit)) {
    if (per_second > 0) {
      std::this_thread::sleep_until(next);
      next += interval;
    }
    ledd::MemberId a = members[pick(random)];
    ledd::MemberId b = members[pick(random)];
    if (a == b) continue;
    absl::StatusOr<ledd::EventId> added = store.AddConnection(
        {.a = a, .b = b, .created_at = absl::ToUnixSeconds(absl::Now())});
    if (!added.ok()) {
      if (absl::IsAlreadyExists(added.status()) || absl::IsFailedPrecondition(added.status())) {
        ++tally.skipped;
      } else {
        ++tally.failed;
        std::fprintf(stderr, "write: %s\n", std::string(added.status().message()).c_str());
      }
      continue;
    }
    const Clock::time_point committed = Clock::now();
    ++done;
    ++tally.written;
    if (pending != nullptr) {
      absl::StatusOr<ledd::store::EventPosition> token = store.CurrentPosition();
      if (!token.ok()) {
        ++tally.failed;
        continue;
      }
      std::lock_guard<std::mutex> lock(pending->mu);
      pending->writes.push_back({*token, committed});
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: pg_follow_bench DB [seconds=20] [writes_per_second=1000] [writers=2] "
                 "[backlog=20000] [poll_ms=5]\n");
    return 2;
  }
  const std::string db = argv[1];
  const double seconds = argc > 2 ? std::atof(argv[2]) : 20;
  const double rate = argc > 3 ? std::atof(argv[3]) : 1000;
  const int writers = argc > 4 ? std::atoi(argv[4]) : 2;
  const int64_t backlog = argc > 5 ? std::atoll(argv[5]) : 20000;
  const int poll_ms = argc > 6 ? std::atoi(argv[6]) : 5;
  // Other pairs each run: a pair an earlier run added would be skipped.
  const uint64_t seed = std::random_device()();

  absl::StatusOr<std::unique_ptr<ledd::store::Store>> writer_store = ledd::store::OpenStore(db);
  absl::StatusOr<std::unique_ptr<ledd::store::Store>> follower_store = ledd::store::OpenStore(db);
  if (!writer_store.ok() || !follower_store.ok()) {
    std::fprintf(stderr, "open: %s %s\n", std::string(writer_store.status().message()).c_str(),
                 std::string(follower_store.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<std::vector<ledd::MemberId>> members = (*writer_store)->MemberIds();
  if (!members.ok() || members->size() < 2) {
    std::fprintf(stderr, "members: need at least two\n");
    return 1;
  }

  // 1. Cold start.
  Clock::time_point start = Clock::now();
  absl::StatusOr<std::unique_ptr<ledd::service::LiveNetwork>> network =
      ledd::service::LiveNetwork::Open(**follower_store);
  if (!network.ok()) {
    std::fprintf(stderr, "open network: %s\n", std::string(network.status().message()).c_str());
    return 1;
  }
  const double load_seconds = SecondsSince(start);
  fmt::print("load: {:.2f} s ({} members)\n", load_seconds, members->size());

  // 2. Steady state: writes at `rate`, the network following every `poll_ms`.
  (*network)->StartFollowing(absl::Milliseconds(poll_ms));
  std::vector<Pending> pending(writers);
  std::vector<double> lags;
  std::atomic<bool> stop{false};
  std::atomic<bool> monitor_stop{false};
  Tally tally;
  std::thread monitor([&] {
    while (true) {
      const bool last = monitor_stop.load();
      const ledd::store::EventPosition applied = (*network)->LastApplied();
      const Clock::time_point now = Clock::now();
      bool left = false;
      for (Pending& p : pending) {
        std::lock_guard<std::mutex> lock(p.mu);
        while (!p.writes.empty() && p.writes.front().token <= applied) {
          lags.push_back(std::chrono::duration<double>(now - p.writes.front().committed).count());
          p.writes.pop_front();
        }
        left = left || !p.writes.empty();
      }
      if (last && !left) break;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  start = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      Write(**writer_store, *members, seed + w, rate / writers, 0, stop, &pending[w], tally);
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (std::thread& t : threads) t.join();
  const double write_seconds = SecondsSince(start);
  monitor_stop = true;
  monitor.join();
  (*network)->StopFollowing();
  fmt::print(
      "steady: {} writes in {:.1f} s ({:.0f}/s, target {:.0f}/s, {} writers, poll {} ms), "
      "{} skipped, {} failed\n",
      tally.written.load(), write_seconds, tally.written.load() / write_seconds, rate, writers,
      poll_ms, tally.skipped.load(), tally.failed.load());
  fmt::print("lag: p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms ({} writes)\n",
             Percentile(lags, 0.50) * 1e3, Percentile(lags, 0.99) * 1e3,
             Percentile(lags, 1.0) * 1e3, lags.size());

  // 3. Catch-up: a backlog written while the network does not follow, then applied.
  if (backlog > 0) {
    Tally backlog_tally;
    std::atomic<bool> never{false};
    start = Clock::now();
    threads.clear();
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        Write(**writer_store, *members, seed + 1000 + w, 0, backlog / writers, never, nullptr,
              backlog_tally);
      });
    }
    for (std::thread& t : threads) t.join();
    const double backlog_seconds = SecondsSince(start);
    fmt::print("backlog: {} writes in {:.1f} s ({:.0f} writes/s unpaced)\n",
               backlog_tally.written.load(), backlog_seconds,
               backlog_tally.written.load() / backlog_seconds);
    start = Clock::now();
    absl::Status caught_up = (*network)->CatchUp(absl::Seconds(600));
    const double apply_seconds = SecondsSince(start);
    if (!caught_up.ok()) {
      std::fprintf(stderr, "catch up: %s\n", std::string(caught_up.message()).c_str());
      return 1;
    }
    fmt::print("catch-up: {} events applied in {:.2f} s ({:.0f} events/s)\n",
               backlog_tally.written.load(), apply_seconds,
               backlog_tally.written.load() / apply_seconds);
  }
  return tally.failed.load() == 0 ? 0 : 1;
}
