#pragma once
// The embedded store: one SQLite file in WAL mode with foreign keys on.
//
// Opening creates the file if missing and applies pending schema migrations in one
// transaction; a database written by a newer ledd (a higher schema version) is refused
// with FailedPrecondition. Thread-safe: one connection, calls serialize on a mutex.
// Only this folder includes sqlite3.h.

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
};

// The schema version this build writes (PRAGMA user_version).
int SqliteSchemaVersion();

// Opens or creates the database at options.path.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace ledd::store
