#pragma once
// The embedded store: one SQLite file in WAL mode with foreign keys on.
//
// Opening creates the file if missing and applies pending schema migrations in one
// transaction; a database written by a newer ledd (a higher schema version) is refused
// with FailedPrecondition. Only this folder includes sqlite3.h.
//
// Thread-safety: the store is safe to use from any thread. Writes (and Import) run on
// one writer connection under one mutex, so they serialize and every rule checked in a
// write transaction holds. Reads (point reads, lists, ForEach* scans, sessions, the
// event log) each borrow one of a few read-only connections (SqliteOptions::readers)
// and never take that mutex: in WAL mode they read the last committed state without
// waiting for any writer, ours or another process's, and a write that committed before
// a read began is visible to it. Other processes may open the same file; a writer that
// finds it locked waits up to busy_timeout_ms before failing with Unavailable.
//
// Import is the bulk path (tens of millions of connections). It validates the data in
// memory, then loads it in one transaction with foreign-key checks and the secondary
// indexes of empty tables suspended, so it is all-or-nothing like every other write.
// For its duration the file uses a rollback journal instead of WAL (when no other
// connection has it open), which is as durable and writes the new pages once.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/store.h"

namespace ledd::store {

struct SqliteOptions {
  // Path of the database file.
  std::string path;
  // If false, a missing file is NotFound instead of being created.
  bool create_if_missing = true;
  // How long a write waits for another process's lock before failing.
  int busy_timeout_ms = 5000;
  // Page cache of the writer connection, in MiB (each reader gets a quarter). Import
  // raises it for its duration.
  int cache_mib = 64;
  // Most read-only connections open at once; a read beyond them waits for one.
  int readers = 8;
  // A cap on the file's size, in pages (PRAGMA max_page_count on the writer); 0 =
  // SQLite's own limit. A write that would grow the file past it fails with
  // Unavailable, as on a full disk, and changes nothing.
  int64_t max_pages = 0;
  // Migrate only up to this schema version; 0 = latest. For tests that need a
  // database as an older ledd wrote it.
  int max_schema_version = 0;
};

// The schema version this build writes (PRAGMA user_version).
int SqliteSchemaVersion();

// Opens or creates the database at options.path.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// What an open SQLite store's connection actually runs with, read back from SQLite.
struct SqliteSettings {
  std::string journal_mode;  // "wal"
  bool foreign_keys = false;
  int64_t busy_timeout_ms = 0;
  int64_t schema_version = 0;
  int64_t synchronous = 0;  // 1 = NORMAL
};

// InvalidArgument if `store` was not opened by OpenSqliteStore.
absl::StatusOr<SqliteSettings> InspectSqliteStore(Store& store);

}  // namespace ledd::store
