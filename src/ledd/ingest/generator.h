#pragma once
// The synthetic professional network: deterministic, realistic enough that reach,
// overlap, search and triage behave as on a real network. See docs/formats.md for
// the files and docs/generator.md for the model.
//
// Same options (members, seed) give the same bytes, whatever the thread count.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ledd::ingest {

struct GeneratorOptions {
  // Number of members to create (at least 10).
  int64_t members = 50'000;
  // Seeds every random choice.
  uint64_t seed = 1;
  // Directory to write the CSV files into; created if missing.
  std::string out_dir;
  // Worker threads; 0 means one per core. Never changes the output.
  int threads = 0;
};

// Rows written per file.
struct GeneratorSummary {
  int64_t members = 0;
  int64_t organizations = 0;
  int64_t positions = 0;
  int64_t educations = 0;
  int64_t connections = 0;
  int64_t invitations = 0;
  int64_t follows = 0;
  int64_t posts = 0;
  int64_t comments = 0;
  int64_t post_views = 0;
  int64_t appearances = 0;
  // Members whose received box holds one invitation of each hard case, for demos
  // (docs/generator.md, "Showcase"): the member with the most contacts, then an ordinary
  // member with about 60. Either may be missing from a small network.
  std::vector<int64_t> showcase;
};

absl::StatusOr<GeneratorSummary> Generate(const GeneratorOptions& options);

}  // namespace ledd::ingest
