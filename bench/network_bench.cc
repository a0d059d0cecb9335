// Queries on a real imported network, with a bare-loop baseline in the same process.
//
//   network_bench [--db=PATH] [--sample=200] [--trials=3] [--threads=1] [--only=QUERY]
//                 [--pairs=600] [--third_sample=30] [--clock=wall|cpu] [--city=Oslo]
//                 [--write_batch=FILE] [--baseline_batch=FILE]   (--help lists them)
//
// The database defaults to $LEDD_BENCH_DB, then /tmp/net1m.db (a generated network of 1M
// members imported with `ledd import`). The run:
//  1. loads the network the way `ledd` does (service::LoadSnapshot over the SQLite store)
//     and prints the load time, the snapshot's memory by part (Snapshot::Memory) against
//     issue 3's budget of 6 bytes per directed connection plus 300 bytes per member, and
//     the process's peak resident size;
//  2. samples members (a seeded shuffle) in three degree groups: the median degree, about
//     500 contacts (450-550) and 2,000+ contacts;
//  3. for each group runs reach, search ("ingeniør" in Oslo, or --city, within 2 degrees,
//     facets, top 20 with introducers), degree, mutual (limit 10) and path (up to 6 hops),
//     each member against a partner from the same group, and prints p50/p99 per query.
//     Search runs in turns with itself without the filter cache (SearchOptions::
//     cache_filters = false: the kernel before the cache) and with each of the cached
//     set's plans forced (contacts' rows, candidates' rows, candidate index), in an order
//     shuffled per member, and every answer must be the same (hits, introducers, facets);
//     the ratio of the p50s is printed. It first times a filter's first search, building
//     the cached member set, and building the index too. The exact 3rd degree
//     (Reach with `third`) runs for --third_sample members per group in turns with the
//     top-down epoch-array expansion it replaced, counts compared;
//  4. runs the bare single-thread CSR + bitset reach loop on the same members,
//     interleaved with ledd's reach (so both see the same machine load), checks that both
//     count the same 2nd degree for every member (a mismatch aborts), and prints the ratio
//     of the p50s: > 1 means ledd is faster. Mutual is checked against a bare merge.
//
//  5. runs path for --pairs random pairs of members in turns with a plain bidirectional
//     BFS over the CSR arrays (BarePath: expands the smaller frontier, stops at the first
//     junction), lengths compared, and prints the ratios of the p50s and p99s;
//  6. prints the search filter cache's entries, bytes, hits and misses.
//
// --threads=N (N > 1) gives reach a WorkerPool of N threads (ReachOptions::pool).
// --clock=cpu times by the calling thread's CPU time rather than the wall clock (a shared
// machine: it leaves out the time spent waiting for a core, and a pool's other threads).
// --only=reach|search|degree|mutual|path|third runs one query (for profiling); --only=load
// stops after the load and memory figures.
// --write_batch=FILE writes the ~500-contact sample as `ledd reach --batch` requests and
// exits; --baseline_batch=FILE times only the bare loop over the members of such a file
// and prints its p50/p99 in microseconds (bench/batch_vs_loop.sh uses both).

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "CLI/CLI.hpp"
#include "fmt/core.h"
#include "ledd/graph/snapshot.h"
#include "ledd/query/kernels.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/search.h"
#include "ledd/query/worker_pool.h"
#include "ledd/service/live_network.h"
#include "ledd/service/visibility.h"
#include "ledd/store/sqlite/sqlite_store.h"

namespace ledd::bench {
namespace {

using ledd::Node;

// --clock=cpu: time by the calling thread's CPU time instead of the wall clock. On a
// machine shared with other work the wall clock also counts the time a query waits for
// a core; the thread's CPU time does not (nor the work of a pool's other threads).
bool cpu_clock = false;

double NowMicros() {
  if (cpu_clock) {
    timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
  }
  return std::chrono::duration<double, std::micro>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Flags {
  std::string db;
  size_t sample = 200;
  int trials = 3;
  int threads = 1;
  std::string only;  // One of reach, search, degree, mutual, path; empty = all.
  std::string write_batch;
  std::string baseline_batch;
  size_t pairs = 600;        // Random pairs for path.
  size_t third_sample = 30;  // Members per group for the exact 3rd degree.
  std::string city = "Oslo";  // Search's city filter.
};

// Exits with CLI11's message and status on --help or a bad argument.
Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  const char* env = std::getenv("LEDD_BENCH_DB");
  flags.db = env != nullptr ? env : "/tmp/net1m.db";
  std::string clock = "wall";
  CLI::App app{"Queries on an imported network against bare loops in the same process"};
  app.add_option("--db", flags.db, "the SQLite database (default $LEDD_BENCH_DB, /tmp/net1m.db)");
  app.add_option("--sample", flags.sample, "members per degree group");
  app.add_option("--trials", flags.trials, "rounds over each group's sample");
  app.add_option("--threads", flags.threads, "reach's worker pool (1: none)");
  app.add_option("--only", flags.only, "one query, or load: stop after the load")
      ->check(CLI::IsMember({"load", "reach", "search", "degree", "mutual", "path", "third"}));
  app.add_option("--clock", clock, "wall-clock time, or the calling thread's CPU time")
      ->check(CLI::IsMember({"wall", "cpu"}));
  app.add_option("--pairs", flags.pairs, "random pairs for path");
  app.add_option("--third_sample", flags.third_sample, "members per group for the 3rd degree");
  app.add_option("--city", flags.city, "search's city filter");
  app.add_option("--write_batch", flags.write_batch,
                 "write the ~500-contact sample as `ledd reach --batch` requests and exit");
  app.add_option("--baseline_batch", flags.baseline_batch,
                 "time only the bare loop over the members of such a file");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    std::exit(app.exit(error));
  }
  cpu_clock = clock == "cpu";
  return flags;
}

[[noreturn]] void Fail(const std::string& what) {
  fmt::print(stderr, "network_bench: {}\n", what);
  std::exit(1);
}

double Seconds(std::chrono::steady_clock::duration duration) {
  return std::chrono::duration<double>(duration).count();
}

// Peak and current resident size of this process from /proc, in bytes (0 if unknown).
uint64_t ProcStatusBytes(std::string_view key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) == 0) {
      return std::strtoull(line.c_str() + key.size() + 1, nullptr, 10) * 1024;
    }
  }
  return 0;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return fmt::format("{} {} {}", one, five, fifteen);
}

// ---- The baseline ----------------------------------------------------------------------

// The bare loop: the snapshot's own CSR arrays read directly, a bitset cleared per query.
// What issue 3 states reach's target against.
class BareReach {
 public:
  explicit BareReach(const graph::Snapshot& snapshot)
      : offsets_(snapshot.base()->connections.offsets),
        targets_(snapshot.base()->connections.targets),
        bits_((snapshot.NodeCount() + 63) / 64) {}

  uint64_t Second(Node u) {
    std::memset(bits_.data(), 0, bits_.size() * sizeof(uint64_t));
    uint64_t* bits = bits_.data();
    auto test_and_set = [bits](Node v) {
      const uint64_t mask = uint64_t{1} << (v & 63);
      const bool was = (bits[v >> 6] & mask) != 0;
      bits[v >> 6] |= mask;
      return was;
    };
    test_and_set(u);
    for (uint64_t i = offsets_[u]; i < offsets_[u + 1]; ++i) test_and_set(targets_[i]);
    uint64_t second = 0;
    for (uint64_t i = offsets_[u]; i < offsets_[u + 1]; ++i) {
      const Node contact = targets_[i];
      for (uint64_t j = offsets_[contact]; j < offsets_[contact + 1]; ++j) {
        second += !test_and_set(targets_[j]);
      }
    }
    return second;
  }

 private:
  const std::vector<uint64_t>& offsets_;
  const std::vector<Node>& targets_;
  std::vector<uint64_t> bits_;
};

// A plain bidirectional BFS over the snapshot's CSR arrays: each round expands the side
// whose frontier is smaller, stops at the first member both sides have reached, and
// returns the path's length (nullopt beyond max_hops). Per-side marks by epoch, parents
// kept as a plain implementation that returns the path would. Issue 15's path baseline.
class BarePath {
 public:
  explicit BarePath(const graph::Snapshot& snapshot)
      : offsets_(snapshot.base()->connections.offsets),
        targets_(snapshot.base()->connections.targets),
        marks_(snapshot.NodeCount(), 0),
        parents_(snapshot.NodeCount(), kNoNode) {}

  std::optional<int> Length(Node u, Node v, int max_hops) {
    if (u == v) return 0;
    epoch_ += 4;
    const uint32_t side_a = epoch_, side_b = epoch_ + 1;
    marks_[u] = side_a;
    marks_[v] = side_b;
    frontier_[0] = {u};
    frontier_[1] = {v};
    int depth[2] = {0, 0};
    while (!frontier_[0].empty() && !frontier_[1].empty() && depth[0] + depth[1] < max_hops) {
      const int side = frontier_[0].size() <= frontier_[1].size() ? 0 : 1;
      const uint32_t own = side == 0 ? side_a : side_b;
      const uint32_t other = side == 0 ? side_b : side_a;
      next_.clear();
      for (Node member : frontier_[side]) {
        for (uint64_t i = offsets_[member]; i < offsets_[member + 1]; ++i) {
          const Node contact = targets_[i];
          const uint32_t mark = marks_[contact];
          if (mark == other) return depth[0] + depth[1] + 1;  // Both sides' depths are exact.
          if (mark != own) {
            marks_[contact] = own;
            parents_[contact] = member;
            next_.push_back(contact);
          }
        }
      }
      frontier_[side].swap(next_);
      ++depth[side];
    }
    return std::nullopt;
  }

 private:
  const std::vector<uint64_t>& offsets_;
  const std::vector<Node>& targets_;
  std::vector<uint32_t> marks_;
  std::vector<Node> parents_;
  std::vector<Node> frontier_[2];
  std::vector<Node> next_;
  uint32_t epoch_ = 0;
};

// |contacts(u) ∩ contacts(v)| by a plain merge.
uint64_t BareMutualCount(const graph::Snapshot& snapshot, Node u, Node v) {
  const std::span<const Node> a = snapshot.Connections(u), b = snapshot.Connections(v);
  uint64_t count = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++count, ++i, ++j;
    }
  }
  return count;
}

// Whether two search answers are the same: counts, the ranked hits with their degree,
// mutual count and introducers, and every facet.
bool SameSearch(const query::SearchResult& a, const query::SearchResult& b) {
  if (a.total != b.total || a.by_degree != b.by_degree || a.beyond != b.beyond ||
      a.hits.size() != b.hits.size()) {
    return false;
  }
  for (size_t i = 0; i < a.hits.size(); ++i) {
    if (a.hits[i].member != b.hits[i].member || a.hits[i].degree != b.hits[i].degree ||
        a.hits[i].mutual != b.hits[i].mutual || a.hits[i].introducers != b.hits[i].introducers) {
      return false;
    }
  }
  for (int facet = 0; facet < query::kSearchFacetCount; ++facet) {
    if (a.facets[facet].size() != b.facets[facet].size()) return false;
    for (size_t i = 0; i < a.facets[facet].size(); ++i) {
      if (a.facets[facet][i].value != b.facets[facet][i].value ||
          a.facets[facet][i].count != b.facets[facet][i].count) {
        return false;
      }
    }
  }
  return true;
}

// The 2nd and 3rd degree the way Reach counted them before the direction-optimizing
// kernel: the epoch-array expansion, then a top-down 3rd hop over the 2nd-degree list.
std::pair<uint64_t, uint64_t> ThirdDegreeTopDown(const graph::Snapshot& snapshot, Node u) {
  query::QueryScratch& scratch = query::ThreadScratch();
  const query::Neighbourhood hood =
      query::ExpandTwoHops(snapshot, u, scratch, {.count_mutual = false, .collect = true});
  return {hood.second_count, query::ExpandThirdHop(snapshot, scratch)};
}

// ---- Timing ----------------------------------------------------------------------------

struct Timings {
  std::vector<double> micros;

  template <typename F>
  auto Time(F&& run) {
    const double start = NowMicros();
    auto result = run();
    micros.push_back(NowMicros() - start);
    return result;
  }
  double Percentile(double p) {
    if (micros.empty()) return 0;
    std::sort(micros.begin(), micros.end());
    const size_t rank = std::min(micros.size() - 1, static_cast<size_t>(p * micros.size()));
    return micros[rank];
  }
};

void PrintRow(std::string_view group, std::string_view query, Timings& timings,
              std::string_view note = "") {
  if (timings.micros.empty()) return;  // Not run (--only).
  const double p50 = timings.Percentile(0.5);
  const double p99 = timings.Percentile(0.99);
  fmt::print("  {:<12} {:<26} p50 {:>10.1f} µs   p99 {:>10.1f} µs   {}\n", group, query, p50, p99,
             note);
}

struct Group {
  std::string name;
  uint32_t min_degree;
  uint32_t max_degree;
  std::vector<Node> members;
};

std::vector<Group> SampleGroups(const graph::Snapshot& snapshot, size_t per_group) {
  std::vector<uint32_t> degrees(snapshot.NodeCount());
  for (Node node = 0; node < snapshot.NodeCount(); ++node) degrees[node] = snapshot.Degree(node);
  std::vector<uint32_t> sorted = degrees;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const uint32_t median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
  const uint32_t spread = std::max<uint32_t>(1, median / 10);
  std::vector<Group> groups = {
      {fmt::format("median {}", median),
       median > spread ? median - spread : 1,
       median + spread,
       {}},
      {"~500", 450, 550, {}},
      {"2000+", 2000, UINT32_MAX, {}},
  };
  std::vector<Node> order(snapshot.NodeCount());
  for (Node node = 0; node < order.size(); ++node) order[node] = node;
  std::mt19937_64 random(42);
  std::shuffle(order.begin(), order.end(), random);
  for (Node node : order) {
    for (Group& group : groups) {
      if (degrees[node] >= group.min_degree && degrees[node] <= group.max_degree &&
          group.members.size() < per_group) {
        group.members.push_back(node);
      }
    }
  }
  return groups;
}

absl::StatusOr<std::shared_ptr<const graph::Snapshot>> Load(const Flags& flags) {
  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::OpenSqliteStore({.path = flags.db, .create_if_missing = false});
  if (!store.ok()) return store.status();
  return service::LoadSnapshot(**store);
}

int BaselineBatch(const graph::Snapshot& snapshot, const Flags& flags) {
  std::ifstream in(flags.baseline_batch);
  if (!in) Fail(fmt::format("{}: cannot open", flags.baseline_batch));
  std::vector<Node> members;
  std::string line;
  while (std::getline(in, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const Node node = snapshot.Find(std::strtoll(line.c_str() + colon + 1, nullptr, 10));
    if (node == kNoNode) Fail(fmt::format("unknown member in {}", line));
    members.push_back(node);
  }
  BareReach bare(snapshot);
  Timings timings;
  uint64_t checksum = 0;
  for (int trial = 0; trial < flags.trials; ++trial) {
    for (Node member : members) checksum += timings.Time([&] { return bare.Second(member); });
  }
  fmt::print("baseline members={} trials={} p50_us={:.1f} p99_us={:.1f} checksum={}\n",
             members.size(), flags.trials, timings.Percentile(0.5), timings.Percentile(0.99),
             checksum);
  return 0;
}

int Run(const Flags& flags) {
  fmt::print("network_bench: {}   load average {}\n", flags.db, LoadAverage());
  const auto load_start = std::chrono::steady_clock::now();
  absl::StatusOr<std::shared_ptr<const graph::Snapshot>> loaded = Load(flags);
  if (!loaded.ok()) Fail(loaded.status().ToString());
  const double load_seconds = Seconds(std::chrono::steady_clock::now() - load_start);
  const graph::Snapshot& snapshot = **loaded;
  if (!flags.baseline_batch.empty()) return BaselineBatch(snapshot, flags);

  const uint64_t members = snapshot.NodeCount();
  const uint64_t directed = 2 * snapshot.ConnectionCount();
  fmt::print("load: {:.1f} s   {} members, {} connections ({} directed), {} follows\n",
             load_seconds, members, snapshot.ConnectionCount(), directed, snapshot.FollowCount());
  const graph::MemoryUsage memory = snapshot.Memory();
  const uint64_t budget = 6 * directed + 300 * members;
  auto mib = [](uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); };
  fmt::print(
      "memory: {:.0f} MiB of a budget of {:.0f} MiB ({:.2f} of budget; {:.2f} B per directed "
      "connection for the connection CSR)\n",
      mib(memory.Total()), mib(budget),
      static_cast<double>(memory.Total()) / static_cast<double>(budget),
      static_cast<double>(memory.connections) /
          static_cast<double>(std::max<uint64_t>(1, directed)));
  fmt::print(
      "  connections {:.0f}  follows {:.0f}  members {:.0f}  background {:.0f}  dictionaries "
      "{:.0f}  postings {:.0f}  delta {:.0f} (MiB)\n",
      mib(memory.connections), mib(memory.follows), mib(memory.members), mib(memory.background),
      mib(memory.dictionaries), mib(memory.postings), mib(memory.delta));
  fmt::print("  process: resident {:.0f} MiB, peak {:.0f} MiB\n", mib(ProcStatusBytes("VmRSS:")),
             mib(ProcStatusBytes("VmHWM:")));

  if (flags.only == "load") return 0;
  std::vector<Group> groups = SampleGroups(snapshot, flags.sample);
  if (!flags.write_batch.empty()) {
    std::ofstream out(flags.write_batch);
    for (Node member : groups[1].members)
      out << fmt::format("{{\"member\": {}}}\n", snapshot.Id(member));
    fmt::print("wrote {} reach requests to {}\n", groups[1].members.size(), flags.write_batch);
    return 0;
  }

  std::unique_ptr<query::WorkerPool> pool;
  if (flags.threads > 1) pool = std::make_unique<query::WorkerPool>(flags.threads);
  const query::ReachOptions pool_options{.third = false, .pool = pool.get()};
  const query::ReachOptions third_options{.third = true, .pool = pool.get()};
  const query::SearchFilters engineers{.title = "ingeniør", .city = flags.city};
  if (flags.only.empty() || flags.only == "search") {
    // What the first searches of a filter in a snapshot pay: building its member set,
    // and its index (the best of three, each on an emptied cache).
    const Node someone = groups[1].members.empty() ? 0 : groups[1].members[0];
    auto first_search = [&](query::SearchPlan plan) {
      double best = 1e300;
      for (int round = 0; round < 3; ++round) {
        query::ClearSearchFilterCache();
        const auto start = std::chrono::steady_clock::now();
        query::Search(snapshot, someone, engineers, {.limit = 20, .plan = plan});
        best = std::min(best, std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - start)
                                  .count());
      }
      query::ClearSearchFilterCache();
      return best;
    };
    const double with_set = first_search(query::SearchPlan::kCandidates);
    const double with_index = first_search(query::SearchPlan::kCandidateIndex);
    fmt::print(
        "search filter cache, first search of a filter: {:.1f} ms with its member set built, "
        "{:.1f} ms with its index built too\n",
        with_set, with_index);
  }
  BareReach bare(snapshot);
  fmt::print("queries ({} trials, reach with {} thread(s), {} time):\n", flags.trials,
             std::max(1, flags.threads), cpu_clock ? "the calling thread's CPU" : "wall-clock");
  for (Group& group : groups) {
    const std::vector<Node>& sample = group.members;
    if (sample.empty()) continue;
    auto partner = [&sample](size_t i) { return sample[(i * 7 + 3) % sample.size()]; };
    auto wanted = [&](std::string_view query) { return flags.only.empty() || flags.only == query; };
    Timings reach, reach_pool, baseline, search, search_uncached, search_shown, search_expand,
        search_rows, search_index, degree, mutual, bare_mutual, path, third, third_old;
    uint64_t search_total = 0, path_hops = 0, paths = 0;
    for (int trial = 0; trial < flags.trials; ++trial) {
      for (size_t i = 0; i < sample.size(); ++i) {
        const Node u = sample[i];
        const Node v = partner(i);
        if (wanted("reach")) {
          // Rotate which runs first so that none always finds the member's rows in cache.
          uint64_t ours = 0, theirs = 0, pooled = 0;
          auto run_single = [&] {
            ours = reach.Time([&] { return query::Reach(snapshot, u).second; });
          };
          auto run_bare = [&] { theirs = baseline.Time([&] { return bare.Second(u); }); };
          auto run_pooled = [&] {
            if (pool == nullptr) return;
            pooled =
                reach_pool.Time([&] { return query::Reach(snapshot, u, pool_options).second; });
          };
          switch ((i + static_cast<size_t>(trial)) % 3) {
            case 0:
              run_single(), run_bare(), run_pooled();
              break;
            case 1:
              run_bare(), run_pooled(), run_single();
              break;
            default:
              run_pooled(), run_single(), run_bare();
              break;
          }
          if (ours != theirs || (pool != nullptr && pooled != theirs)) {
            Fail(fmt::format("reach of member {}: ledd {} ({} with the pool) vs bare loop {}",
                             snapshot.Id(u), ours, pooled, theirs));
          }
        }
        if (wanted("search")) {
          // As the CLI answers, and as the API does: introducers only among the connections
          // u may be shown. Taking turns to go first, so that neither always finds a warm cache.
          uint64_t total = 0, shown_total = 0;
          query::SearchResult cached_result, uncached_result;
          auto run_plain = [&] {
            cached_result =
                search.Time([&] { return query::Search(snapshot, u, engineers, {.limit = 20}); });
            total = cached_result.total;
          };
          auto run_uncached = [&] {
            uncached_result = search_uncached.Time([&] {
              return query::Search(snapshot, u, engineers, {.limit = 20, .cache_filters = false});
            });
          };
          auto run_shown = [&] {
            shown_total = search_shown.Time([&] {
              return query::Search(
                         snapshot, u, engineers,
                         {.limit = 20, .shown = service::ConnectionFilterFor(snapshot, u)})
                  .total;
            });
          };
          // Each of the cached set's plans, forced (kAuto takes one of them).
          query::SearchResult expanded_result, rows_result, indexed_result;
          auto forced = [&](Timings& timings, query::SearchResult& result, query::SearchPlan plan) {
            return [&timings, &result, plan, &snapshot, &engineers, u] {
              result = timings.Time([&] {
                return query::Search(snapshot, u, engineers, {.limit = 20, .plan = plan});
              });
            };
          };
          auto run_expand = forced(search_expand, expanded_result, query::SearchPlan::kCandidates);
          auto run_rows = forced(search_rows, rows_result, query::SearchPlan::kCandidateRows);
          auto run_index = forced(search_index, indexed_result, query::SearchPlan::kCandidateIndex);
          const std::array<std::function<void()>, 6> runs = {run_plain,  run_shown, run_uncached,
                                                             run_expand, run_rows,  run_index};
          // In an order shuffled per member and trial: each run leaves the caches to the
          // next, and a plan that reads millions of entries leaves them cold.
          std::array<size_t, runs.size()> order{0, 1, 2, 3, 4, 5};
          std::mt19937 shuffle(static_cast<uint32_t>(i * 31 + static_cast<size_t>(trial)));
          std::shuffle(order.begin(), order.end(), shuffle);
          for (size_t k : order) runs[k]();
          for (const query::SearchResult* other :
               {&cached_result, &expanded_result, &rows_result, &indexed_result}) {
            if (!SameSearch(*other, uncached_result)) {
              Fail(fmt::format("search for {}: the cached filter set answers differently",
                               snapshot.Id(u)));
            }
          }
          if (shown_total != total) {
            Fail(fmt::format("search for {}: {} matches, {} with the visibility rule",
                             snapshot.Id(u), total, shown_total));
          }
          search_total += total;
        }
        // Degree, mutual and path are cheap and checked against each other: run together.
        if (!wanted("degree") && !wanted("mutual") && !wanted("path")) continue;
        const std::optional<int> degree_uv =
            degree.Time([&] { return query::Degree(snapshot, u, v); });
        const uint64_t mutual_count =
            mutual.Time([&] { return query::Mutual(snapshot, u, v, 10).count; });
        if (mutual_count != bare_mutual.Time([&] { return BareMutualCount(snapshot, u, v); })) {
          Fail(fmt::format("mutual of {} and {}", snapshot.Id(u), snapshot.Id(v)));
        }
        const query::PathResult found = path.Time([&] { return query::Path(snapshot, u, v); });
        const std::optional<int> length = found.length();
        // Degree and path must agree wherever degree decides (up to 3 hops).
        const std::optional<int> short_length =
            length.has_value() && *length <= 3 ? length : std::nullopt;
        if (degree_uv != short_length) {
          Fail(fmt::format("degree {} vs path length {} for {} and {}", degree_uv.value_or(-1),
                           length.value_or(-1), snapshot.Id(u), snapshot.Id(v)));
        }
        if (length.has_value()) path_hops += static_cast<uint64_t>(*length), ++paths;
      }
    }
    uint64_t third_total = 0;
    if (wanted("third")) {
      // The exact 3rd degree: a few members per group (each reads most of the network).
      for (size_t i = 0; i < std::min(flags.third_sample, sample.size()); ++i) {
        const Node u = sample[i];
        std::pair<uint64_t, uint64_t> old_counts;
        query::ReachResult ours;
        auto run_old = [&] { old_counts = third_old.Time([&] { return ThirdDegreeTopDown(snapshot, u); }); };
        auto run_new = [&] {
          ours = third.Time([&] { return query::Reach(snapshot, u, third_options); });
        };
        if (i % 2 == 0) {
          run_old(), run_new();
        } else {
          run_new(), run_old();
        }
        if (ours.second != old_counts.first || ours.third != old_counts.second) {
          Fail(fmt::format("3rd degree of {}: {} / {} vs the top-down expansion {} / {}",
                           snapshot.Id(u), ours.second, ours.third.value_or(0), old_counts.first,
                           old_counts.second));
        }
        third_total += old_counts.second;
      }
    }
    const std::string label = fmt::format("{} (n={})", group.name, sample.size());
    const double reach_p50 = reach.Percentile(0.5);
    const double baseline_p50 = baseline.Percentile(0.5);
    fmt::print("{}\n", label);
    PrintRow("", "reach", reach,
             fmt::format("bare loop / ledd = {:.2f}x", baseline_p50 / reach_p50));
    if (pool != nullptr) {
      PrintRow(
          "", fmt::format("reach, {} threads", flags.threads), reach_pool,
          fmt::format("bare loop / ledd = {:.2f}x", baseline_p50 / reach_pool.Percentile(0.5)));
    }
    PrintRow("", "reach bare loop", baseline);
    PrintRow("", fmt::format("search ingeniør in {}", flags.city), search,
             fmt::format("avg {} matches; uncached / cached = {:.2f}x",
                         search_total / (sample.size() * flags.trials),
                         search_uncached.Percentile(0.5) / search.Percentile(0.5)));
    PrintRow("", "search, filters uncached", search_uncached, "(the kernel before the cache)");
    PrintRow("", "search, contacts' rows", search_expand, "(SearchPlan::kCandidates)");
    PrintRow("", "search, candidates' rows", search_rows, "(SearchPlan::kCandidateRows)");
    PrintRow("", "search, candidate index", search_index, "(SearchPlan::kCandidateIndex)");
    PrintRow(
        "", "search, visibility rule", search_shown,
        fmt::format("/ search = {:.2f}x", search_shown.Percentile(0.5) / search.Percentile(0.5)));
    PrintRow("", "degree", degree);
    PrintRow("", "mutual (limit 10)", mutual);
    PrintRow("", "mutual bare merge (count)", bare_mutual);
    PrintRow("", "path (<= 6 hops)", path,
             fmt::format("avg {:.2f} hops", paths ? double(path_hops) / double(paths) : 0.0));
    if (!third.micros.empty()) {
      const size_t n = third.micros.size();
      PrintRow("", fmt::format("3rd degree (n={})", n), third,
               fmt::format("avg {} members; top-down / ledd = {:.2f}x", third_total / n,
                           third_old.Percentile(0.5) / third.Percentile(0.5)));
      PrintRow("", "3rd degree, top-down", third_old, "(the kernel before)");
    }
  }
  if (flags.only.empty() || flags.only == "path") {
    // Random pairs of members, ledd's path against a plain bidirectional BFS, in turns.
    BarePath bare_path(snapshot);
    std::mt19937_64 random(7);
    Timings ours, theirs;
    uint64_t hops = 0, found = 0;
    for (size_t i = 0; i < flags.pairs; ++i) {
      const Node u = static_cast<Node>(random() % snapshot.NodeCount());
      const Node v = static_cast<Node>(random() % snapshot.NodeCount());
      std::optional<int> length, bare_length;
      auto run_ours = [&] {
        length = ours.Time([&] { return query::Path(snapshot, u, v).length(); });
      };
      auto run_bare = [&] {
        bare_length = theirs.Time([&] { return bare_path.Length(u, v, query::kDefaultMaxHops); });
      };
      if (i % 2 == 0) {
        run_ours(), run_bare();
      } else {
        run_bare(), run_ours();
      }
      if (length != bare_length) {
        Fail(fmt::format("path {} -> {}: ledd {} hops, plain BFS {}", snapshot.Id(u),
                         snapshot.Id(v), length.value_or(-1), bare_length.value_or(-1)));
      }
      if (length) hops += static_cast<uint64_t>(*length), ++found;
    }
    fmt::print("random pairs (n={})\n", flags.pairs);
    PrintRow("", "path (<= 6 hops)", ours,
             fmt::format("avg {:.2f} hops; ledd / plain BFS: p50 {:.2f}x, p99 {:.2f}x",
                         found ? double(hops) / double(found) : 0.0,
                         ours.Percentile(0.5) / theirs.Percentile(0.5),
                         ours.Percentile(0.99) / theirs.Percentile(0.99)));
    PrintRow("", "path, plain bidirectional BFS", theirs);
  }
  const query::SearchFilterCacheStats cache = query::SearchFilterCacheStatsNow();
  fmt::print(
      "search filter cache: {} entries, {:.2f} MiB of {:.0f} MiB, {} hits, {} misses, {} sets "
      "built, {} indexes built\n",
      cache.entries, static_cast<double>(cache.bytes) / (1 << 20),
      static_cast<double>(cache.capacity) / (1 << 20), cache.hits, cache.misses, cache.sets_built,
      cache.indexes_built);
  fmt::print("load average after: {}\n", LoadAverage());
  return 0;
}

}  // namespace
}  // namespace ledd::bench

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // Progress shows while a long run goes on.
  return ledd::bench::Run(ledd::bench::ParseFlags(argc, argv));
}
