// libFuzzer target for the importers: each input is one directory of CSV files, read by
// the real readers (csv_reader, ledd_csv, ldbc) and imported with ImportInto into
// a fresh SQLite database in a temporary directory. Built with ASan and UBSan
// (-DLEDD_FUZZ=ON); `make fuzz` replays fuzz/import_corpus and then fuzzes for
// IMPORT_FUZZ_SECONDS.
//
// Input: text, so that seeds can be written by hand. The first line names the layout
// (ledd, ldbc-typed, ldbc-composite, ldbc-raw; anything else means auto-detection);
// then each line "@@ NAME" starts a file whose content runs to the next "@@ " line.
// NAME must be one of the layout's files (kLayouts below); other names are skipped, so
// an input can never write outside its directory.
//
// Every import must hold (otherwise the target aborts and libFuzzer keeps the input):
//   - no crash, no sanitizer report;
//   - a failed import names where: its message starts with the input directory, i.e.
//     "DIR/FILE:LINE: reason", "DIR/FILE: reason" (a missing column, an empty file) or
//     "DIR: reason" (not a directory of this layout). A store-level message ("members
//     row 3: ...") means a reader let a bad row through;
//   - a failed import leaves no database file behind (nor its -wal, -shm, -journal).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ledd/ingest/importer.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

namespace fs = std::filesystem;

struct Layout {
  std::string_view name;
  std::vector<std::string_view> files;
};

const std::vector<Layout>& Layouts() {
  static const auto* layouts = new std::vector<Layout>{
      {"ledd",
       {"members.csv", "organizations.csv", "positions.csv", "educations.csv", "connections.csv",
        "invitations.csv", "follows.csv", "posts.csv", "comments.csv"}},
      {"ldbc-composite",
       {"static/place_0_0.csv", "static/place_isPartOf_place_0_0.csv",
        "static/organisation_0_0.csv", "static/organisation_isLocatedIn_place_0_0.csv",
        "dynamic/person_0_0.csv", "dynamic/person_isLocatedIn_place_0_0.csv",
        "dynamic/person_knows_person_0_0.csv", "dynamic/person_knows_person_0_1.csv",
        "dynamic/person_studyAt_organisation_0_0.csv",
        "dynamic/person_workAt_organisation_0_0.csv"}},
      {"ldbc-typed",
       {"Place.csv", "Place_isPartOf_Place.csv", "Organisation.csv",
        "Organisation_isLocatedIn_Place.csv", "Person.csv", "Person_isLocatedIn_Place.csv",
        "Person_knows_Person.csv", "Person_knows_Person_1.csv", "Person_studyAt_Organisation.csv",
        "Person_workAt_Organisation.csv"}},
      {"ldbc-raw",
       {"Place.csv", "Organisation.csv", "Person.csv", "Person_knows_Person.csv",
        "Person_studyAt_University.csv", "Person_workAt_Company.csv"}},
  };
  return *layouts;
}

struct Harness {
  testing::TempDir dir;
  std::string input = dir.File("in");
  std::string db = dir.File("ledd.db");
};

Harness& TheHarness() {
  static auto* harness = new Harness;
  return *harness;
}

bool AnyDatabaseFile(const std::string& db) {
  std::error_code error;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (fs::exists(db + suffix, error)) return true;
  }
  return false;
}

[[noreturn]] void Fail(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "import_fuzz: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

// Writes the files of `text` (see the header) under `dir`; returns the format to use.
ingest::Format WriteInput(std::string_view text, const std::string& dir) {
  std::string_view first = text.substr(0, text.find('\n'));
  ingest::Format format = ingest::ParseFormat(first).value_or(ingest::Format::kAuto);
  const Layout* layout = &Layouts().front();
  for (const Layout& candidate : Layouts()) {
    if (candidate.name == first) layout = &candidate;
  }
  fs::create_directories(dir);
  size_t at = text.find("\n@@ ");
  while (at != std::string_view::npos) {
    const size_t name_start = at + 4;
    const size_t name_end = std::min(text.find('\n', name_start), text.size());
    const std::string_view name = text.substr(name_start, name_end - name_start);
    const size_t next =
        name_end >= text.size() ? std::string_view::npos : text.find("\n@@ ", name_end);
    const size_t content_start = std::min(name_end + 1, text.size());
    const std::string_view content = text.substr(
        content_start, (next == std::string_view::npos ? text.size() : next + 1) - content_start);
    for (std::string_view known : layout->files) {
      if (known != name) continue;
      const fs::path path = fs::path(dir) / std::string(name);
      fs::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary | std::ios::trunc)
          .write(content.data(), static_cast<std::streamsize>(content.size()));
    }
    at = next;
  }
  return format;
}

}  // namespace
}  // namespace ledd

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ledd;
  Harness& harness = TheHarness();
  std::error_code error;
  fs::remove_all(harness.input, error);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::remove(harness.db + suffix, error);
  }
  const ingest::Format format =
      WriteInput(std::string_view(reinterpret_cast<const char*>(data), size), harness.input);

  absl::StatusOr<ingest::ImportSummary> summary =
      ingest::ImportInto(harness.db, {.dir = harness.input, .format = format});
  if (summary.ok()) return 0;
  const std::string message(summary.status().message());
  if (message.substr(0, harness.input.size()) != harness.input) {
    Fail("a refusal that does not name the file and line", message);
  }
  if (AnyDatabaseFile(harness.db)) Fail("a failed import left a database file behind", message);
  return 0;
}
