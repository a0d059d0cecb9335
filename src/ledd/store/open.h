#pragma once
// Opens the store a --db argument names: a postgresql:// or postgres:// URI is the
// shared PostgreSQL store (postgres/postgres_store.h), anything else the path of an
// embedded SQLite file (sqlite/sqlite_store.h).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/store.h"

namespace ledd::store {

struct OpenOptions {
  // SQLite: create a missing file (otherwise NotFound). A PostgreSQL database must
  // exist; an empty one gets the schema either way.
  bool create_if_missing = false;
  // PostgreSQL: follow the event log here instead (a hot standby; PostgresOptions).
  std::string follow_db = "";
};

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                                 const OpenOptions& options = {});

}  // namespace ledd::store
