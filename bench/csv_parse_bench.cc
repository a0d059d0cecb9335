// Parsing speed of the importer's CSV path on a connections.csv-shaped file
// ("a,b,created_at", ISO dates). Writes the file once (default 50 million rows, about
// 2 GB) into $TMPDIR, then times in one process:
//   baseline  fread + memchr over the same bytes (the I/O floor),
//   reader    CsvReader::Next over every record,
//   parse     reader + two int64 fields + ParseTimestamp per row (what the ledd
//             importer does per connection before validation).
// Verifies the row count and a checksum of the parsed values; prints MB/s, ns/row and
// the ratio to the baseline.
//   csv_parse_bench [rows]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "ledd/base/time.h"
#include "ledd/ingest/csv_reader.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = argc > 1 ? std::atoll(argv[1]) : 50'000'000;
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp ? tmp : "/tmp") + "/ledd-csv-parse-bench.csv";

  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return 1;
  std::string buffer = "a,b,created_at\n";
  uint64_t state = 42;
  int64_t expected_sum = 0;
  for (int64_t row = 0; row < rows; ++row) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    int64_t a = static_cast<int64_t>(state >> 40), b = a + 1 + static_cast<int64_t>(state % 1000);
    ledd::Timestamp t = 1500000000 + static_cast<int64_t>((state >> 8) % 200000000);
    char date[20];
    ledd::FormatDateTimeTo(t, date);
    buffer += fmt::format("{},{},{}\n", a, b, std::string_view(date, 20));
    expected_sum += a + b + t;
    if (buffer.size() > (1 << 20)) {
      std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  std::fclose(out);

  auto start = Clock::now();
  std::FILE* in = std::fopen(path.c_str(), "rb");
  std::vector<char> chunk(4 << 20);
  int64_t lines = 0, bytes = 0;
  while (size_t read = std::fread(chunk.data(), 1, chunk.size(), in)) {
    bytes += static_cast<int64_t>(read);
    for (const char* at = chunk.data(); (at = static_cast<const char*>(
                                             std::memchr(at, '\n', chunk.data() + read - at)));
         ++at) {
      ++lines;
    }
  }
  std::fclose(in);
  double baseline = Seconds(start);

  start = Clock::now();
  absl::StatusOr<ledd::ingest::CsvReader> reader = ledd::ingest::CsvReader::Open(path);
  int64_t records = 0;
  while (reader.ok() && reader->Next().value_or(false)) ++records;
  double read_only = Seconds(start);

  start = Clock::now();
  reader = ledd::ingest::CsvReader::Open(path);
  int64_t parsed = 0, sum = 0;
  while (reader.ok() && reader->Next().value_or(false)) {
    absl::StatusOr<int64_t> a = reader->Int(0), b = reader->Int(1);
    absl::StatusOr<ledd::Timestamp> t = ledd::ParseTimestamp(reader->Field(2));
    if (!a.ok() || !b.ok() || !t.ok()) break;
    sum += *a + *b + *t;
    ++parsed;
  }
  double full = Seconds(start);
  std::remove(path.c_str());

  bool ok = lines == rows + 1 && records == rows && parsed == rows && sum == expected_sum;
  double mb = static_cast<double>(bytes) / 1e6;
  fmt::print("{} rows, {:.0f} MB: {}\n", rows, mb, ok ? "verified" : "MISMATCH");
  for (auto [name, seconds] : {std::pair{"baseline fread+memchr", baseline},
                               std::pair{"CsvReader::Next", read_only},
                               std::pair{"Next+Int+Int+ParseTimestamp", full}}) {
    fmt::print("{:<30} {:7.2f} s {:8.0f} MB/s {:6.1f} ns/row  x{:.1f} baseline\n", name, seconds,
               mb / seconds, seconds * 1e9 / static_cast<double>(rows), seconds / baseline);
  }
  return ok ? 0 : 1;
}
