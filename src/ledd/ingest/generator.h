#pragma once
// The synthetic professional network: deterministic, realistic enough that reach,
// overlap, search and triage behave as on a real network. See docs/formats.md for
// the files and docs/generator.md for the model.
//
// Same options (members, seed) give the same bytes, whatever the thread count.

#include <cstdint>
#include <string>

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
};

absl::StatusOr<GeneratorSummary> Generate(const GeneratorOptions& options);

}  // namespace ledd::ingest
