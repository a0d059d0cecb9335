#pragma once
// Loads a directory of CSV files into a store, in one transaction: ledd's own
// interchange format (docs/formats.md) and the three LDBC SNB layouts found in
// ../shared/data. A bad row stops the import with "FILE:LINE: reason" and leaves the
// store unchanged: every file is read and validated into one store::Dataset (ledd_csv.h,
// ldbc.h) and written with one Store::Import call, one transaction; in ledd's format the
// store writes the other tables while connections.csv is still being read.
// Thread-safe as far as the store is; the functions keep no state.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledd/store/store.h"

namespace ledd::ingest {

enum class Format {
  kAuto,           // Detect from the files present.
  kLedd,           // members.csv, connections.csv, ... (docs/formats.md)
  kLdbcTyped,      // LDBC Datagen neo4j-style typed headers ("id:ID(Person)|...")
  kLdbcComposite,  // LDBC CsvComposite ("person_0_0.csv", "Person.id|Person.id|...")
  kLdbcRaw,        // LDBC raw Datagen with creation and deletion dates
};

std::string_view FormatName(Format format);  // "auto", "ledd", "ldbc-typed", ...
absl::StatusOr<Format> ParseFormat(std::string_view name);

struct ImportOptions {
  // The directory holding the CSV files, or a ZIP of ledd's format (a member's data
  // export, member_export.h: unpacked into a temporary directory first). A directory
  // or ZIP holding export.json is a member's export: rows naming members or posts
  // that are neither in it nor in the store are skipped (ImportSummary::skipped_rows)
  // instead of refused.
  std::string dir;
  Format format = Format::kAuto;
  // LDBC raw layout only: import the network as it was at this instant (rows created
  // later or deleted earlier are skipped). Default: the end of the data's time line,
  // but not later than now (ldbc.h, "Deletions").
  std::optional<Timestamp> as_of = std::nullopt;
};

struct ImportSummary {
  Format format = Format::kAuto;  // The layout actually read.
  store::Counts rows;             // Rows added per table.
  int64_t skipped_rows = 0;       // A member's export: rows naming absent members.
  // Reading and validating the files, and the store transaction. In ledd's format
  // they overlap: the store writes the other tables while connections.csv is read.
  double parse_seconds = 0;
  double load_seconds = 0;
  double seconds = 0;  // From the start to the commit.
};

absl::StatusOr<ImportSummary> ImportDirectory(store::Store& store, const ImportOptions& options);

// ImportDirectory into the store `db` names (store/open.h): a SQLite file, created if
// missing, or a PostgreSQL database. A failed import changes nothing: an existing
// database keeps what it had (one transaction), and a SQLite file this call created is
// removed again with its -wal, -shm and -journal files, so a refused directory leaves
// no empty database behind to be mistaken for an imported one.
absl::StatusOr<ImportSummary> ImportInto(const std::string& db,
                                               const ImportOptions& options);

}  // namespace ledd::ingest
