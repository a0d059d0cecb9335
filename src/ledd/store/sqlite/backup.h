#pragma once
// Backing up and restoring the embedded store's database file, for `ledd backup` and
// `ledd restore`.
//
// A backup is SQLite's online backup API (sqlite3_backup_*) run in one step, which
// copies every page inside one read transaction: the copy is the database as of one
// commit, even while `ledd serve` (or any other process) keeps writing. In WAL mode that
// read transaction blocks no writer; the WAL only grows until the copy is done. The
// copy is written beside OUT, checked (PRAGMA quick_check), switched to a rollback
// journal so that it is one self-contained file, and renamed to OUT.
//
// A restore checks the backup first (PRAGMA integrity_check, a ledd schema version this
// build can read), copies it beside the database and renames it over the database in
// one step, so the database is at every moment either the old one or the restored one.
// It refuses to replace an existing database unless told to (`force`), and refuses while
// another connection has the database open (a running `ledd serve`).
//
// Both are free functions over paths; they open their own connections and are safe to
// call from any thread. Only this folder sees sqlite3.h.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"

namespace ledd::store {

// What a backup holds, as read from the file.
struct DatabaseSummary {
  int64_t schema_version = 0;  // PRAGMA user_version
  EventId last_event = 0;      // The newest event row; 0 for none.
  int64_t bytes = 0;           // Size of the file.
};

struct BackupOptions {
  // Replace OUT if it exists; otherwise an existing OUT is AlreadyExists.
  bool replace = false;
  // How long to wait for a lock on the source (only WAL recovery takes one a reader
  // must wait for).
  int busy_timeout_ms = 5000;
};

// Copies the database at `database` to `out`. NotFound if `database` does not exist;
// AlreadyExists if `out` does (unless options.replace); DataLoss if the copy fails its
// check. On failure `out` is untouched and no partial file is left behind.
absl::StatusOr<DatabaseSummary> BackupSqliteDatabase(const std::string& database,
                                                     const std::string& out,
                                                     const BackupOptions& options = {});

// Checks a database file without changing it: PRAGMA integrity_check must say "ok",
// and it must be a ledd database (an events table) of a schema version from 1 to
// SqliteSchemaVersion(). DataLoss for a damaged file or one that is not a database,
// FailedPrecondition for a version this build cannot read, NotFound if it is missing.
absl::StatusOr<DatabaseSummary> CheckSqliteDatabase(const std::string& path);

struct RestoreOptions {
  // Replace an existing database; otherwise an existing one is AlreadyExists.
  bool force = false;
};

// Replaces (or creates) the database at `database` with the contents of `backup`,
// after CheckSqliteDatabase(backup) passed. FailedPrecondition if another connection
// has `database` open. The restored file keeps the old database's owner and mode when
// the caller may set them. An older schema version is restored as it is; the next
// open migrates it.
absl::StatusOr<DatabaseSummary> RestoreSqliteDatabase(const std::string& backup,
                                                      const std::string& database,
                                                      const RestoreOptions& options = {});

}  // namespace ledd::store
