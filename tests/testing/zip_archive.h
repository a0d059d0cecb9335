#pragma once
// ZIP archives made in memory with libzip, for tests of what reads them (the LinkedIn
// export import): no binary test files in the repository. For tests only.

#include <string>
#include <vector>

namespace ledd::testing {

struct ZipEntry {
  std::string name;      // The path inside the archive: "Basic_Export/Profile.csv".
  std::string contents;  // Uncompressed bytes.
  bool stored = false;   // Stored as is instead of deflated.
};

// The bytes of a ZIP archive holding `entries` in order. Aborts the test binary (a
// bug in the test) when libzip fails.
std::string MakeZip(const std::vector<ZipEntry>& entries);

// The files of `directory` named `names`, as entries under `prefix` ("" or "folder/").
std::vector<ZipEntry> EntriesFromDirectory(const std::string& directory,
                                           const std::vector<std::string>& names,
                                           const std::string& prefix = "");

// tests/data/linkedin, the sample LinkedIn export (as an absolute path).
std::string LinkedInSampleDirectory();

}  // namespace ledd::testing
