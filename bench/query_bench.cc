// Query kernels against baselines on a generated network, in one process.
//
//   query_bench [--benchmark_filter=...]   (LEDD_BENCH_MEMBERS, LEDD_BENCH_DEGREE env)
//
// The network (default 200,000 members, average 100 contacts) is homophilous: members
// form communities of 500 that share a city and a few employers, and three quarters of
// each member's connections stay inside the community, which gives the overlap of real
// professional networks. Queries run for a fixed sample of members with a typical
// number of contacts, round-robin.
//
// Each query has baselines run on the same members: a bare single-threaded CSR + bitset
// loop (what the targets are relative to) and a brute-force version with
// std::unordered_set / unordered_map and string matching. Before timing, every baseline's
// answer is checked against ledd's for every sampled member; a mismatch aborts. The
// table at the end prints each baseline's time over ledd's.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "benchmark/benchmark.h"
#include "fmt/core.h"
#include "ledd/base/fold.h"
#include "ledd/graph/snapshot_builder.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/search.h"

namespace ledd::query {
namespace {

int64_t EnvOr(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::atoll(value) : fallback;
}

constexpr int kCommunity = 500;
constexpr int kSample = 64;

struct Network {
  std::shared_ptr<const graph::Snapshot> snapshot;
  std::vector<Node> sample;  // members with a typical number of contacts
  // A bare CSR copy for the bitset baseline.
  std::vector<uint64_t> offsets;
  std::vector<Node> targets;
};

Network& TheNetwork() {
  static Network* network = [] {
    auto* built = new Network;
    const int64_t members = EnvOr("LEDD_BENCH_MEMBERS", 200'000);
    const int64_t degree = EnvOr("LEDD_BENCH_DEGREE", 100);
    std::mt19937_64 random(7);
    const std::vector<std::string> cities = {"Oslo",    "Oslo",      "Bergen",   "Trondheim",
                                             "Tromsø",  "Stavanger", "Stockholm", "København"};
    const std::vector<std::string> titles = {
        "Sivilingeniør", "Software Engineer", "Daglig leder", "Rådgiver",
        "Prosjektleder", "Lektor",            "Utvikler",     "Senior Consultant",
        "Selger",        "Lege",              "Økonom",       "Ingeniør"};
    graph::SnapshotBuilder builder;
    const int companies = 2'000;
    for (int company = 1; company <= companies; ++company) {
      builder.AddOrganization({.id = company, .name = fmt::format("Company {}", company)});
    }
    for (int64_t i = 0; i < members; ++i) {
      const int64_t community = i / kCommunity;
      builder.AddMember({.id = i * 10 + 3,
                         .first_name = fmt::format("First{}", random() % 1000),
                         .last_name = fmt::format("Last{}", random() % 1000),
                         .city = cities[community % cities.size()],
                         .country = "NO"});
    }
    for (int64_t i = 0; i < members; ++i) {
      const int64_t community = i / kCommunity;
      for (int position = 0; position < 1 + static_cast<int>(random() % 2); ++position) {
        builder.AddPosition(
            {.member = i * 10 + 3,
             .organization = 1 + (community * 3 + static_cast<int64_t>(random() % 3)) % companies,
             .title = titles[random() % titles.size()],
             .end = position == 0 ? graph::kOpenEnd : 1'000'000});
      }
    }
    const int64_t edges = members * degree / 2;
    for (int64_t e = 0; e < edges; ++e) {
      const int64_t a = static_cast<int64_t>(random() % members);
      int64_t b;
      if (random() % 4 != 0) {
        const int64_t base = a / kCommunity * kCommunity;
        b = std::min(members - 1, base + static_cast<int64_t>(random() % kCommunity));
      } else {
        b = static_cast<int64_t>(random() % members);
      }
      builder.AddConnection(a * 10 + 3, b * 10 + 3);
    }
    auto snapshot = std::move(builder).Build();
    if (!snapshot.ok()) std::abort();
    built->snapshot = *std::move(snapshot);
    const graph::Snapshot& network = *built->snapshot;
    built->offsets.push_back(0);
    for (Node node = 0; node < network.NodeCount(); ++node) {
      for (Node contact : network.Connections(node)) built->targets.push_back(contact);
      built->offsets.push_back(built->targets.size());
    }
    for (Node node = 0; node < network.NodeCount() && built->sample.size() < kSample;
         node += 997) {
      const uint32_t contacts = network.Degree(node);
      if (contacts >= degree * 9 / 10 && contacts <= degree * 11 / 10) {
        built->sample.push_back(node);
      }
    }
    std::fprintf(stderr, "network: %u members, %lu connections, %zu sampled members\n",
                 network.NodeCount(), static_cast<unsigned long>(network.ConnectionCount()),
                 built->sample.size());
    return built;
  }();
  return *network;
}

// ---- Baselines -------------------------------------------------------------------------

// The bare loop: plain CSR arrays and a bitset cleared per query.
uint64_t ReachBareLoop(const Network& network, Node u, std::vector<uint64_t>& bits) {
  std::memset(bits.data(), 0, bits.size() * sizeof(uint64_t));
  auto test_and_set = [&bits](Node v) {
    const uint64_t mask = uint64_t{1} << (v & 63);
    const bool was = bits[v >> 6] & mask;
    bits[v >> 6] |= mask;
    return was;
  };
  test_and_set(u);
  for (uint64_t i = network.offsets[u]; i < network.offsets[u + 1]; ++i) {
    test_and_set(network.targets[i]);
  }
  uint64_t second = 0;
  for (uint64_t i = network.offsets[u]; i < network.offsets[u + 1]; ++i) {
    const Node contact = network.targets[i];
    for (uint64_t j = network.offsets[contact]; j < network.offsets[contact + 1]; ++j) {
      second += !test_and_set(network.targets[j]);
    }
  }
  return second;
}

uint64_t ReachHashSet(const graph::Snapshot& snapshot, Node u) {
  std::unordered_set<Node> seen = {u};
  for (Node contact : snapshot.Connections(u)) seen.insert(contact);
  const size_t first = seen.size();
  for (Node contact : snapshot.Connections(u)) {
    for (Node next : snapshot.Connections(contact)) seen.insert(next);
  }
  return seen.size() - first;
}

std::vector<Node> MutualHashSet(const graph::Snapshot& snapshot, Node u, Node v, size_t limit) {
  const std::span<const Node> contacts = snapshot.Connections(u);
  std::unordered_set<Node> mine(contacts.begin(), contacts.end());
  std::vector<Node> common;
  for (Node contact : snapshot.Connections(v)) {
    if (mine.count(contact)) common.push_back(contact);
  }
  std::sort(common.begin(), common.end(), [&](Node a, Node b) {
    return std::make_tuple(snapshot.FirstName(a), snapshot.LastName(a), snapshot.Id(a)) <
           std::make_tuple(snapshot.FirstName(b), snapshot.LastName(b), snapshot.Id(b));
  });
  if (common.size() > limit) common.resize(limit);
  return common;
}

// Engineers in Oslo within 2 degrees, the slow obvious way: a hash map of levels and
// mutual counts, string matching on every candidate's titles, facets in std::map.
struct BruteSearch {
  uint64_t total = 0;
  std::vector<Node> top;
};

BruteSearch SearchBruteForce(const graph::Snapshot& snapshot, Node u) {
  const std::vector<std::string> terms = TitleTerms("engineer");
  std::unordered_map<Node, std::pair<int, uint32_t>> level;  // node -> (degree, mutual)
  level[u] = {0, 0};
  for (Node contact : snapshot.Connections(u)) level[contact] = {1, 0};
  for (Node contact : snapshot.Connections(u)) {
    for (Node next : snapshot.Connections(contact)) {
      auto [it, inserted] = level.try_emplace(next, 2, 0);
      if (it->second.first >= 1) ++it->second.second;
    }
  }
  struct Hit {
    int degree;
    uint32_t mutual;
    MemberId id;
    Node node;
  };
  std::vector<Hit> hits;
  std::map<std::string, uint64_t> facets;
  for (const auto& [node, entry] : level) {
    if (entry.first == 0) continue;
    if (Fold(snapshot.Display(graph::Dict::kCity, snapshot.City(node))) != "oslo") continue;
    bool engineer = false;
    for (const graph::PositionRecord& position : snapshot.Positions(node)) {
      const std::string title = Fold(snapshot.Display(graph::Dict::kTitle, position.title));
      for (const std::string& term : terms) engineer |= title.find(term) != std::string::npos;
    }
    if (!engineer) continue;
    hits.push_back({entry.first, entry.second, snapshot.Id(node), node});
    for (const graph::PositionRecord& position : snapshot.Positions(node)) {
      ++facets["title:" + std::string(snapshot.Value(graph::Dict::kTitle, position.title))];
      ++facets["company:" + snapshot.Organization(position.organization).folded_name];
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::make_tuple(a.degree, -static_cast<int64_t>(a.mutual), a.id) <
           std::make_tuple(b.degree, -static_cast<int64_t>(b.mutual), b.id);
  });
  BruteSearch result;
  result.total = hits.size();
  for (size_t i = 0; i < hits.size() && i < 20; ++i) {
    result.top.push_back(hits[i].node);
    if (hits[i].degree == 2) benchmark::DoNotOptimize(MutualHashSet(snapshot, u, hits[i].node, 3));
  }
  return result;
}

const SearchFilters kEngineersInOslo = {.title = "ingeniør", .city = "Oslo"};

// ---- Verification ----------------------------------------------------------------------

void Verify() {
  const Network& network = TheNetwork();
  const graph::Snapshot& snapshot = *network.snapshot;
  std::vector<uint64_t> bits((snapshot.NodeCount() + 63) / 64);
  auto fail = [](const std::string& what) {
    std::fprintf(stderr, "verification failed: %s\n", what.c_str());
    std::abort();
  };
  for (size_t i = 0; i < network.sample.size(); ++i) {
    const Node u = network.sample[i];
    const Node v = network.sample[(i + 1) % network.sample.size()];
    const ReachResult reach = Reach(snapshot, u);
    if (reach.second != ReachBareLoop(network, u, bits)) fail("reach vs bare loop");
    if (reach.second != ReachHashSet(snapshot, u)) fail("reach vs hash set");
    // A contact of u as the other side, so that there are mutual contacts to list.
    const Node contact = snapshot.Connections(u)[0];
    if (Mutual(snapshot, u, contact, 10).members != MutualHashSet(snapshot, u, contact, 10)) {
      fail("mutual");
    }
    if (Mutual(snapshot, u, v, 10).members != MutualHashSet(snapshot, u, v, 10)) fail("mutual");
    const SearchResult search = Search(snapshot, u, kEngineersInOslo, {.limit = 20});
    const BruteSearch brute = SearchBruteForce(snapshot, u);
    if (search.total != brute.total) fail(fmt::format("search total {} vs {}", search.total, brute.total));
    for (size_t rank = 0; rank < brute.top.size(); ++rank) {
      if (search.hits[rank].member != brute.top[rank]) fail("search ranking");
    }
  }
}

// ---- Benchmarks ------------------------------------------------------------------------

void BM_Reach(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Reach(*network.snapshot, network.sample[i++ % network.sample.size()]));
  }
}
BENCHMARK(BM_Reach);

void BM_ReachBareLoop(benchmark::State& state) {
  const Network& network = TheNetwork();
  std::vector<uint64_t> bits((network.snapshot->NodeCount() + 63) / 64);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        ReachBareLoop(network, network.sample[i++ % network.sample.size()], bits));
  }
}
BENCHMARK(BM_ReachBareLoop);

void BM_ReachHashSet(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        ReachHashSet(*network.snapshot, network.sample[i++ % network.sample.size()]));
  }
}
BENCHMARK(BM_ReachHashSet);

void BM_ReachThird(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        Reach(*network.snapshot, network.sample[i++ % network.sample.size()], {.third = true}));
  }
}
BENCHMARK(BM_ReachThird);

// Mutual between a member and one of its contacts (the common case in the UI).
void BM_Mutual(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    const Node u = network.sample[i++ % network.sample.size()];
    benchmark::DoNotOptimize(Mutual(*network.snapshot, u, network.snapshot->Connections(u)[0], 10));
  }
}
BENCHMARK(BM_Mutual);

void BM_MutualHashSet(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    const Node u = network.sample[i++ % network.sample.size()];
    benchmark::DoNotOptimize(
        MutualHashSet(*network.snapshot, u, network.snapshot->Connections(u)[0], 10));
  }
}
BENCHMARK(BM_MutualHashSet);

void BM_Degree(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    const Node u = network.sample[i % network.sample.size()];
    const Node v = network.sample[(i * 7 + 3) % network.sample.size()];
    ++i;
    benchmark::DoNotOptimize(Degree(*network.snapshot, u, v));
  }
}
BENCHMARK(BM_Degree);

void BM_Path(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    const Node u = network.sample[i % network.sample.size()];
    const Node v = network.sample[(i * 7 + 3) % network.sample.size()];
    ++i;
    benchmark::DoNotOptimize(Path(*network.snapshot, u, v));
  }
}
BENCHMARK(BM_Path);

void BM_SearchEngineersInOslo(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Search(*network.snapshot, network.sample[i++ % network.sample.size()],
                                    kEngineersInOslo, {.limit = 20}));
  }
}
BENCHMARK(BM_SearchEngineersInOslo);

void BM_SearchEngineersInOsloBruteForce(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        SearchBruteForce(*network.snapshot, network.sample[i++ % network.sample.size()]));
  }
}
BENCHMARK(BM_SearchEngineersInOsloBruteForce);

// The member directory's common question, a name alone ("last42": Last42 and Last420 to
// Last429, about 1 % of the members), over everyone against within 3 degrees and within
// 2 degrees, top 20 with facets. Verified against a scan in VerifyDirectory.
const SearchFilters kName = {.name = "last42"};

void BM_SearchNameEveryone(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Search(*network.snapshot, network.sample[i++ % network.sample.size()],
                                    kName, {.everyone = true, .limit = 20}));
  }
}
BENCHMARK(BM_SearchNameEveryone);

void BM_SearchNameWithin3(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Search(*network.snapshot, network.sample[i++ % network.sample.size()],
                                    kName, {.degrees = {1, 2, 3}, .limit = 20}));
  }
}
BENCHMARK(BM_SearchNameWithin3);

void BM_SearchNameWithin2(benchmark::State& state) {
  const Network& network = TheNetwork();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Search(*network.snapshot, network.sample[i++ % network.sample.size()],
                                    kName, {.degrees = {1, 2}, .limit = 20}));
  }
}
BENCHMARK(BM_SearchNameWithin2);

// Everyone is listed here, so the directory's total is every member but u whose last
// name starts with "last42", and the network's counts are the 3-degree search's.
void VerifyDirectory() {
  const Network& network = TheNetwork();
  const graph::Snapshot& snapshot = *network.snapshot;
  const Node u = network.sample[0];
  const SearchResult all = Search(snapshot, u, kName, {.everyone = true, .limit = 20});
  const SearchResult within = Search(snapshot, u, kName, {.degrees = {1, 2, 3}, .limit = 20});
  uint64_t expected = 0;
  for (Node member = 0; member < snapshot.NodeCount(); ++member) {
    if (member != u && snapshot.LastName(member).starts_with("Last42")) ++expected;
  }
  if (all.total != expected || all.by_degree != within.by_degree ||
      all.beyond != expected - within.total || all.hits.size() != 20) {
    std::fprintf(stderr, "directory search disagrees: %llu matches, expected %llu\n",
                 static_cast<unsigned long long>(all.total),
                 static_cast<unsigned long long>(expected));
    std::abort();
  }
}

// What a title filter costs before any member is looked at: resolving "leder" (synonyms
// manager and head) against a title dictionary of 20,000 distinct titles, far more than
// the generated networks have, so that the matching rule's cost per title shows.
void BM_ResolveTitleFilter(benchmark::State& state) {
  static const std::shared_ptr<const graph::Snapshot> snapshot = [] {
    const std::vector<std::string> words = {
        "Sivilingeniør", "Software Engineer", "Daglig leder", "Rådgiver", "Prosjektleder",
        "Lektor",        "Utvikler",          "Consultant",   "Selger",   "Lege",
        "Økonom",        "Head of Data",      "Director",     "Avdelingsleder"};
    const std::vector<std::string> qualifiers = {"Senior", "Junior", "Lead", "Assistant",
                                                 "Chief"};
    graph::SnapshotBuilder builder;
    builder.AddOrganization({.id = 1, .name = "Company"});
    for (int i = 0; i < 20'000; ++i) builder.AddMember({.id = i + 1});
    for (int i = 0; i < 20'000; ++i) {
      builder.AddPosition({.member = i + 1,
                           .organization = 1,
                           .title = fmt::format("{} {} {}", qualifiers[i % qualifiers.size()],
                                                words[i / qualifiers.size() % words.size()],
                                                i)});
    }
    auto built = std::move(builder).Build();
    if (!built.ok()) std::abort();
    return *std::move(built);
  }();
  for (auto _ : state) {
    FilterMatcher matcher(*snapshot, {.title = "leder"});
    benchmark::DoNotOptimize(matcher.Impossible());
  }
}
BENCHMARK(BM_ResolveTitleFilter);

// Collects real time per benchmark so that the ratios can be printed at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) times_[run.benchmark_name()] = run.GetAdjustedRealTime();
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios() const {
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"BM_ReachBareLoop", "BM_Reach"},
        {"BM_ReachHashSet", "BM_Reach"},
        {"BM_MutualHashSet", "BM_Mutual"},
        {"BM_SearchEngineersInOsloBruteForce", "BM_SearchEngineersInOslo"},
        {"BM_SearchNameEveryone", "BM_SearchNameWithin3"},
        {"BM_SearchNameEveryone", "BM_SearchNameWithin2"}};
    std::printf("\nbaseline / ledd (higher = ledd faster)\n");
    for (const auto& [baseline, ours] : pairs) {
      auto b = times_.find(baseline), o = times_.find(ours);
      if (b == times_.end() || o == times_.end() || o->second == 0) continue;
      std::printf("  %-36s / %-26s %6.2fx\n", baseline.c_str(), ours.c_str(),
                  b->second / o->second);
    }
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace
}  // namespace ledd::query

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  ledd::query::Verify();
  ledd::query::VerifyDirectory();
  ledd::query::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
