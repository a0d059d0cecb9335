#include "ledd/ingest/importer.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <memory>
#include <utility>

#include "fmt/core.h"
#include "ledd/base/status_macros.h"
#include "ledd/ingest/ldbc.h"
#include "ledd/ingest/ledd_csv.h"
#include "ledd/ingest/member_export.h"
#include "ledd/store/open.h"
#include "ledd/store/postgres/postgres_store.h"

namespace ledd::ingest {
namespace {

constexpr std::pair<Format, std::string_view> kFormatNames[] = {
    {Format::kAuto, "auto"},
    {Format::kLedd, "ledd"},
    {Format::kLdbcTyped, "ldbc-typed"},
    {Format::kLdbcComposite, "ldbc-composite"},
    {Format::kLdbcRaw, "ldbc-raw"},
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

store::Counts CountRows(const store::Dataset& data) {
  store::Counts counts;
  counts.members = static_cast<int64_t>(data.members.size());
  counts.organizations = static_cast<int64_t>(data.organizations.size());
  counts.positions = static_cast<int64_t>(data.positions.size());
  counts.educations = static_cast<int64_t>(data.educations.size());
  counts.connections = static_cast<int64_t>(data.connections.size());
  for (const store::Invitation& invitation : data.invitations) {
    ++counts.invitations[static_cast<int>(invitation.state)];
  }
  counts.follows = static_cast<int64_t>(data.follows.size());
  counts.posts = static_cast<int64_t>(data.posts.size());
  counts.comments = static_cast<int64_t>(data.comments.size());
  counts.post_views = static_cast<int64_t>(data.post_views.size());
  counts.appearances = static_cast<int64_t>(data.appearances.size());
  counts.events = 1;  // The one kImport event.
  return counts;
}

}  // namespace

std::string_view FormatName(Format format) {
  for (const auto& [value, name] : kFormatNames) {
    if (value == format) return name;
  }
  return "?";
}

absl::StatusOr<Format> ParseFormat(std::string_view name) {
  for (const auto& [value, known] : kFormatNames) {
    if (known == name) return value;
  }
  return absl::InvalidArgumentError(fmt::format(
      "unknown format \"{}\" (expected auto, ledd, ldbc-typed, ldbc-composite or ldbc-raw)", name));
}

namespace {

// A ZIP (a member's data export) unpacked into a temporary directory, removed again
// when this goes out of scope.
class UnpackedZip {
 public:
  static absl::StatusOr<std::unique_ptr<UnpackedZip>> Of(const std::string& zip_path) {
    std::ifstream file(zip_path, std::ios::binary);
    if (!file) return absl::NotFoundError(fmt::format("{}: cannot read it", zip_path));
    std::ostringstream bytes;
    bytes << file.rdbuf();
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ledd-import-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return absl::UnavailableError("cannot create a temporary directory for the ZIP");
    }
    auto unpacked = std::unique_ptr<UnpackedZip>(new UnpackedZip(pattern));
    if (absl::Status status = UnpackForImport(bytes.str(), pattern); !status.ok()) {
      return absl::Status(status.code(), fmt::format("{}: {}", zip_path, std::string(status.message())));
    }
    return unpacked;
  }
  ~UnpackedZip() {
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
  }
  const std::string& dir() const { return dir_; }

 private:
  explicit UnpackedZip(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace

absl::StatusOr<ImportSummary> ImportDirectory(store::Store& store, const ImportOptions& given) {
  ImportOptions options = given;
  std::unique_ptr<UnpackedZip> unpacked;
  if (std::error_code error; std::filesystem::is_regular_file(options.dir, error)) {
    LEDD_ASSIGN_OR_RETURN(unpacked, UnpackedZip::Of(options.dir));
    options.dir = unpacked->dir();
  }
  std::error_code error;
  const bool member_export =
      std::filesystem::exists(options.dir + "/" + std::string(kMemberExportMarker), error);
  ImportSummary summary;
  auto parse_start = std::chrono::steady_clock::now();
  summary.format = options.format;
  if (summary.format == Format::kAuto) {
    LEDD_ASSIGN_OR_RETURN(Format detected, DetectFormat(options.dir));
    summary.format = detected;
  }
  LEDD_ASSIGN_OR_RETURN(ExistingRows existing, ExistingRows::Of(store));
  if (summary.format == Format::kLedd) {
    // The store writes the other tables while connections.csv is still being read.
    LEDD_ASSIGN_OR_RETURN(
        std::unique_ptr<LeddDirectoryReading> reading,
        LeddDirectoryReading::Start(options.dir, existing,
                                    {.skip_unknown_references = member_export}));
    auto load_start = std::chrono::steady_clock::now();
    LEDD_RETURN_IF_ERROR(store
                             .Import(reading->data(),
                                     [&] { return reading->FinishConnections(); })
                             .status());
    summary.load_seconds = SecondsSince(load_start);
    summary.parse_seconds = std::chrono::duration<double>(
        std::max(load_start, reading->connections_read_at()) - parse_start).count();
    summary.seconds = SecondsSince(parse_start);
    summary.skipped_rows = reading->skipped_rows();
    summary.rows = CountRows(reading->data());
    return summary;
  }
  LEDD_ASSIGN_OR_RETURN(store::Dataset data, ReadLdbcDirectory(options.dir, summary.format,
                                                               existing, {.as_of = options.as_of}));
  summary.parse_seconds = SecondsSince(parse_start);
  auto load_start = std::chrono::steady_clock::now();
  LEDD_RETURN_IF_ERROR(store.Import(data).status());
  summary.load_seconds = SecondsSince(load_start);
  summary.seconds = SecondsSince(parse_start);
  summary.rows = CountRows(data);
  return summary;
}

absl::StatusOr<ImportSummary> ImportInto(const std::string& db_path,
                                         const ImportOptions& options) {
  if (store::IsPostgresUri(db_path)) {
    LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenStore(db_path));
    return ImportDirectory(*store, options);
  }
  std::error_code error;
  const bool existed = std::filesystem::exists(std::filesystem::symlink_status(db_path, error));
  absl::StatusOr<ImportSummary> summary = [&]() -> absl::StatusOr<ImportSummary> {
    LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                          store::OpenStore(db_path, {.create_if_missing = true}));
    return ImportDirectory(*store, options);  // The store closes before any removal.
  }();
  if (!summary.ok() && !existed) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(db_path + suffix, error);
    }
  }
  return summary;
}

}  // namespace ledd::ingest
