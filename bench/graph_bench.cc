// Snapshot build and neighbour iteration on a synthetic network.
//
//   graph_bench --benchmark_filter=. [--members=N --connections=M via LEDD_BENCH_* env]
//
// The network is generated in process (skewed degrees: endpoints drawn as the square of a
// uniform variate, so low ids are hubs). Every benchmark verifies its result; the
// iteration benchmarks report the ratio of a snapshot with a delta to the same network
// with an empty delta (the baseline, run in the same process).

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "ledd/graph/snapshot_builder.h"
#include "ledd/graph/snapshot_editor.h"
#include "ledd/graph/stats.h"

namespace ledd::graph {
namespace {

int64_t EnvOr(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoll(value) : fallback;
}

struct Workload {
  int64_t members = EnvOr("LEDD_BENCH_MEMBERS", 1'000'000);
  int64_t connections = EnvOr("LEDD_BENCH_CONNECTIONS", 50'000'000);
  std::vector<std::pair<MemberId, MemberId>> edges;
  std::vector<std::string> titles = {"Sivilingeniør", "Software Engineer", "Daglig leder",
                                     "Rådgiver", "Prosjektleder", "Lektor"};

  Workload() {
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> uniform(0, 1);
    edges.reserve(connections);
    for (int64_t i = 0; i < connections; ++i) {
      const double x = uniform(random);
      const MemberId a = static_cast<MemberId>(x * x * members);
      const MemberId b = static_cast<MemberId>(uniform(random) * members);
      edges.emplace_back(a * 1000 + 7, b * 1000 + 7);  // sparse external ids
    }
  }

  std::shared_ptr<const Snapshot> Build() const {
    SnapshotBuilder builder;
    builder.AddOrganization({.id = 1, .name = "Equinor"});
    builder.AddOrganization({.id = 2, .name = "Statkraft"});
    for (int64_t i = 0; i < members; ++i) {
      builder.AddMember({.id = i * 1000 + 7,
                         .first_name = "Kari",
                         .last_name = "Nordmann",
                         .headline = titles[i % titles.size()],
                         .city = i % 3 ? "Oslo" : "Tromsø",
                         .country = "NO",
                         .industry = "Energy"});
    }
    for (int64_t i = 0; i < members; ++i) {
      builder.AddPosition({.member = i * 1000 + 7,
                           .organization = 1 + i % 2,
                           .title = titles[(i * 7) % titles.size()] + std::to_string(i % 5000)});
    }
    for (const auto& [a, b] : edges) builder.AddConnection(a, b);
    return *std::move(builder).Build();
  }
};

const Workload& TheWorkload() {
  static const Workload* workload = new Workload();
  return *workload;
}

const std::shared_ptr<const Snapshot>& TheSnapshot() {
  static const auto* snapshot = new std::shared_ptr<const Snapshot>(TheWorkload().Build());
  return *snapshot;
}

// The same network with `changes` connections added through the delta.
std::shared_ptr<const Snapshot> WithDelta(int changes) {
  SnapshotEditor editor(TheSnapshot());
  std::mt19937_64 random(7);
  const Node count = TheSnapshot()->NodeCount();
  for (int i = 0; i < changes; ++i) {
    editor.AddConnection(TheSnapshot()->Id(random() % count), TheSnapshot()->Id(random() % count));
  }
  return editor.Publish();
}

void BM_Build(benchmark::State& state) {
  const Workload& workload = TheWorkload();
  for (auto _ : state) {
    auto snapshot = workload.Build();
    if (snapshot->NodeCount() != workload.members) state.SkipWithError("wrong member count");
    state.counters["connections"] = static_cast<double>(snapshot->ConnectionCount());
  }
  state.counters["members"] = static_cast<double>(workload.members);
}
BENCHMARK(BM_Build)->Unit(benchmark::kMillisecond)->Iterations(1);

// Two-hop walk from 1000 members: the inner loop of reach and PYMK.
uint64_t TwoHop(const Snapshot& snapshot) {
  uint64_t visited = 0;
  const Node count = snapshot.NodeCount();
  for (Node start = 0; start < count; start += count / 1000 + 1) {
    for (Node contact : snapshot.Connections(start)) {
      for (Node second : snapshot.Connections(contact)) visited += second & 1;
      visited += snapshot.Degree(contact);
    }
  }
  return visited;
}

void BM_TwoHop(benchmark::State& state) {
  static const auto* with_delta = new std::shared_ptr<const Snapshot>(WithDelta(20'000));
  const Snapshot& snapshot = state.range(0) == 0 ? *TheSnapshot() : **with_delta;
  uint64_t edges = 0;
  for (auto _ : state) {
    edges = TwoHop(snapshot);
    benchmark::DoNotOptimize(edges);
  }
  state.counters["edges/s"] =
      benchmark::Counter(static_cast<double>(edges) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TwoHop)->Arg(0)->Arg(1)->ArgNames({"delta"})->Unit(benchmark::kMillisecond);

// Member id to Node for 100,000 ids: the translation at the edge of every query. On the
// base alone (0), through a delta of 20,000 connections (1), and through the same delta
// after 1,000 members were removed (2), which Find must check for.
void BM_Find(benchmark::State& state) {
  static const auto* with_delta = new std::shared_ptr<const Snapshot>(WithDelta(20'000));
  static const auto* with_removals = new std::shared_ptr<const Snapshot>([] {
    SnapshotEditor editor(*with_delta);
    const Node count = TheSnapshot()->NodeCount();
    for (Node node = 0; node < 1000; ++node) {
      editor.RemoveMember(TheSnapshot()->Id(node * (count / 1000)));
    }
    return editor.Publish();
  }());
  const Snapshot& snapshot =
      state.range(0) == 0 ? *TheSnapshot() : state.range(0) == 1 ? **with_delta : **with_removals;
  std::vector<MemberId> ids;
  std::mt19937_64 random(11);
  for (int i = 0; i < 100'000; ++i) ids.push_back(TheSnapshot()->Id(random() % TheSnapshot()->NodeCount()));
  for (auto _ : state) {
    uint64_t found = 0;
    for (MemberId id : ids) found += snapshot.Find(id) != kNoNode;
    benchmark::DoNotOptimize(found);
  }
  state.counters["finds/s"] = benchmark::Counter(static_cast<double>(ids.size()) * state.iterations(),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Find)->Arg(0)->Arg(1)->Arg(2)->ArgNames({"delta"})->Unit(benchmark::kMillisecond);

void BM_DegreeSummary(benchmark::State& state) {
  for (auto _ : state) {
    DegreeSummary summary = SummarizeDegrees(*TheSnapshot());
    if (summary.connections != TheSnapshot()->ConnectionCount()) state.SkipWithError("count");
    benchmark::DoNotOptimize(summary);
  }
}
BENCHMARK(BM_DegreeSummary)->Unit(benchmark::kMillisecond);

void BM_Clustering(benchmark::State& state) {
  for (auto _ : state) {
    Clustering clustering = AverageClustering(*TheSnapshot());
    if (clustering.average < 0 || clustering.average > 1) state.SkipWithError("range");
    state.counters["average"] = clustering.average;
  }
}
BENCHMARK(BM_Clustering)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Compact(benchmark::State& state) {
  auto snapshot = WithDelta(20'000);
  for (auto _ : state) {
    auto compacted = Compact(*snapshot);
    if (!compacted.ok() || (*compacted)->ConnectionCount() != snapshot->ConnectionCount()) {
      state.SkipWithError("compaction changed the network");
    }
  }
}
BENCHMARK(BM_Compact)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace ledd::graph

BENCHMARK_MAIN();
