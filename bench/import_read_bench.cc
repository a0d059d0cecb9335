// The read half of `ledd import` on a directory of ledd CSV files: LeddDirectoryReading
// (parse and validate every file into a Dataset, no store), timed by the wall clock and
// by the process's CPU time, beside a baseline in the same run: reading the same bytes
// with fread (the I/O floor, page cache warm after the first pass). Also when every file
// but connections.csv was read: when the store can start writing.
//   import_read_bench DIR [REPEAT]      (e.g. the 1M network of docs/performance.md)

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "ledd/ingest/ledd_csv.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Reads every file of the format in `dir` with fread; returns the bytes read.
int64_t ReadBytes(const std::string& dir) {
  std::vector<char> buffer(4 << 20);
  int64_t total = 0;
  for (const std::string& name : ledd::ingest::LeddFileNames()) {
    std::FILE* file = std::fopen((dir + "/" + name).c_str(), "rb");
    if (file == nullptr) continue;
    while (size_t n = std::fread(buffer.data(), 1, buffer.size(), file)) total += n;
    std::fclose(file);
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: import_read_bench DIR [REPEAT]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 2;
  for (int run = 1; run <= repeat; ++run) {
    auto start = Clock::now();
    const int64_t bytes = ReadBytes(dir);
    const double floor = Seconds(start);

    start = Clock::now();
    const double cpu_start = CpuSeconds();
    ledd::ingest::ExistingRows nothing;
    auto reading = ledd::ingest::LeddDirectoryReading::Start(dir, nothing, {});
    const double others = Seconds(start);
    absl::Status read = reading.ok() ? (*reading)->FinishConnections() : reading.status();
    const double wall = Seconds(start);
    const double cpu = CpuSeconds() - cpu_start;
    if (!read.ok()) {
      std::fprintf(stderr, "%s\n", std::string(read.message()).c_str());
      return 1;
    }
    const ledd::store::Dataset& data = (*reading)->data();
    fmt::print(
        "run {}: {:.2f} GB; fread {:.2f} s; read {:.2f} s wall (all but connections.csv "
        "{:.2f} s), {:.2f} s CPU ({:.2f} cores), {:.0f} MB/s; {} members, {} connections "
        "({:.1f}x the fread floor)\n",
        run, bytes / 1e9, floor, wall, others, cpu, cpu / wall, bytes / 1e6 / wall,
        data.members.size(), data.connections.size(), wall / floor);
  }
  return 0;
}
