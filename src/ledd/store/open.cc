#include "ledd/store/open.h"

#include "ledd/store/postgres/postgres_store.h"
#include "ledd/store/sqlite/sqlite_store.h"

namespace ledd::store {

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                                 const OpenOptions& options) {
  if (IsPostgresUri(db)) return OpenPostgresStore({.conninfo = db});
  return OpenSqliteStore({.path = db, .create_if_missing = options.create_if_missing});
}

}  // namespace ledd::store
