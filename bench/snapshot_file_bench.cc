// Loads a snapshot file (ledd snapshot save) a few times and prints each load's time:
// what `ledd serve --snapshot` spends before it replays events.
//   snapshot_file_bench FILE [REPEAT]

#include <chrono>
#include <cstdlib>
#include <string>

#include "fmt/core.h"
#include "ledd/graph/snapshot_file.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: snapshot_file_bench FILE [REPEAT]\n");
    return 2;
  }
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
  for (int i = 0; i < repeat; ++i) {
    const auto started = std::chrono::steady_clock::now();
    auto loaded = ledd::graph::ReadSnapshotFile(argv[1]);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!loaded.ok()) {
      fmt::print(stderr, "{}\n", std::string(loaded.status().message()));
      return 1;
    }
    fmt::print("load {}: {:.3f} s, {} members, {} connections\n", i, seconds,
               loaded->snapshot->NodeCount(), loaded->snapshot->ConnectionCount());
  }
  return 0;
}
