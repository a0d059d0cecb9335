#include "ledd/store/open.h"

#include "ledd/store/postgres/postgres_store.h"
#include "ledd/store/sqlite/sqlite_store.h"

namespace ledd::store {

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                                 const OpenOptions& options) {
  if (IsPostgresUri(db)) {
    return OpenPostgresStore({.conninfo = db, .follow_conninfo = options.follow_db});
  }
  if (!options.follow_db.empty()) {
    return absl::InvalidArgumentError(
        "--follow-db is for a PostgreSQL database: with SQLite there is one file to follow");
  }
  return OpenSqliteStore({.path = db, .create_if_missing = options.create_if_missing});
}

}  // namespace ledd::store
