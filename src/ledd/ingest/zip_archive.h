#pragma once
// ZIP archives in memory, with libzip: writing a list of named files into one archive
// (a member's data export) and reading the files of one back (importing an export).
// Beside linkedin_export.cc, the only code that sees zip.h.
//
// Thread-safety: the functions are reentrant.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ledd::ingest {

struct ZipEntry {
  std::string name;      // A relative path inside the archive ("members.csv").
  std::string contents;  // The file's bytes.
};

// An archive holding `entries` in order, deflated. InvalidArgument for an empty or
// duplicate name; Internal when libzip fails.
absl::StatusOr<std::string> WriteZip(const std::vector<ZipEntry>& entries);

// The files of the archive `bytes`, in archive order (directories skipped), each at
// most `max_entry_bytes` decompressed, at most `max_entries` of them. InvalidArgument
// for bytes that are not a ZIP, a damaged or encrypted entry, or one over the limits
// ("members.csv: larger than 20 MB uncompressed").
absl::StatusOr<std::vector<ZipEntry>> ReadZip(std::string_view bytes, size_t max_entry_bytes,
                                              size_t max_entries = 1'000);

}  // namespace ledd::ingest
