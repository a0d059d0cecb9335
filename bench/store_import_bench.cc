// Times Store::Import of a synthetic network into a fresh SQLite file.
//
//   store_import_bench [connections=5000000] [members=connections/50]
//                      [order=shuffled|sorted] [directory=$TMPDIR or /tmp]
//
// The members are 1..M with short profiles; the connections are distinct uniform random
// pairs. "shuffled" presents them in random order and direction, as a CSV file from
// elsewhere would; "sorted" in (a, b) order with a < b, as ledd's own export writes them.
// The run verifies the counts it imported and prints the time per phase and rows per
// second. The database file is removed afterwards.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "ledd/store/sqlite/sqlite_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

ledd::store::Dataset MakeDataset(int64_t connections, int64_t members, bool sorted) {
  ledd::store::Dataset data;
  data.members.reserve(members);
  for (int64_t id = 1; id <= members; ++id) {
    ledd::store::Member member;
    member.id = id;
    member.handle = fmt::format("m{}", id);
    member.first_name = "Kari";
    member.last_name = fmt::format("Nordmann{}", id % 1000);
    member.headline = "Engineer";
    member.city = "Oslo";
    member.country = "NO";
    member.created_at = 1'500'000'000 + id;
    data.members.push_back(std::move(member));
  }

  // Distinct pairs: draw a few more than needed as a*M+b keys, sort, deduplicate.
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int64_t> pick(1, members);
  std::vector<uint64_t> keys;
  keys.reserve(static_cast<size_t>(connections * 1.01) + 16);
  while (static_cast<int64_t>(keys.size()) < connections * 1.01 + 16) {
    int64_t a = pick(random), b = pick(random);
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    keys.push_back(static_cast<uint64_t>(a) * (members + 1) + b);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (!sorted) std::shuffle(keys.begin(), keys.end(), random);
  keys.resize(std::min<size_t>(keys.size(), connections));
  if (sorted) std::sort(keys.begin(), keys.end());
  data.connections.reserve(keys.size());
  for (uint64_t key : keys) {
    int64_t a = static_cast<int64_t>(key / (members + 1));
    int64_t b = static_cast<int64_t>(key % (members + 1));
    if (!sorted && (key & 1) != 0) std::swap(a, b);
    data.connections.push_back({.a = a, .b = b, .created_at = static_cast<int64_t>(1'600'000'000 + key % 100'000)});
  }
  return data;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t connections = argc > 1 ? std::atoll(argv[1]) : 5'000'000;
  const int64_t members = argc > 2 ? std::atoll(argv[2]) : std::max<int64_t>(1000, connections / 50);
  const bool sorted = argc > 3 && std::string(argv[3]) == "sorted";
  const char* tmp = std::getenv("TMPDIR");
  const std::string directory = argc > 4 ? argv[4] : (tmp != nullptr ? tmp : "/tmp");
  const std::string path = fmt::format("{}/ledd-import-bench-{}.db", directory, ::getpid());

  Clock::time_point start = Clock::now();
  ledd::store::Dataset data = MakeDataset(connections, members, sorted);
  fmt::print("generated {} members, {} connections ({}) in {:.1f} s\n", data.members.size(),
             data.connections.size(), sorted ? "sorted" : "shuffled", SecondsSince(start));

  int exit_code = 0;
  {
    absl::StatusOr<std::unique_ptr<ledd::store::Store>> store =
        ledd::store::OpenSqliteStore({.path = path});
    if (!store.ok()) {
      fmt::print(stderr, "open: {}\n", store.status().ToString());
      return 1;
    }
    start = Clock::now();
    absl::StatusOr<ledd::EventId> event = (*store)->Import(data);
    const double import_seconds = SecondsSince(start);
    if (!event.ok()) {
      fmt::print(stderr, "import: {}\n", event.status().ToString());
      exit_code = 1;
    } else {
      fmt::print("import: {:.2f} s, {:.2f} M connections/s, {:.3f} us/connection\n",
                 import_seconds, data.connections.size() / import_seconds / 1e6,
                 import_seconds * 1e6 / std::max<size_t>(1, data.connections.size()));
      start = Clock::now();
      absl::StatusOr<ledd::store::Counts> counts = (*store)->Count();
      const double count_seconds = SecondsSince(start);
      const bool verified = counts.ok() &&
                            counts->members == static_cast<int64_t>(data.members.size()) &&
                            counts->connections == static_cast<int64_t>(data.connections.size()) &&
                            counts->events == 1;
      fmt::print("verified counts: {} (Count() took {:.2f} s)\n", verified ? "yes" : "NO",
                 count_seconds);
      if (!verified) exit_code = 1;
    }
  }
  std::error_code error;
  fmt::print("database size: {:.0f} MiB\n",
             std::filesystem::file_size(path, error) / 1048576.0);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, error);
  return exit_code;
}
