#include "ledd/store/postgres/postgres_store.h"

#include "ledd/base/status_macros.h"
#include "ledd/store/postgres/schema.h"
#include "ledd/store/postgres/store_impl.h"

namespace ledd::store {

bool IsPostgresUri(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

int PostgresSchemaVersion() { return postgres::SchemaVersion(); }

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<postgres::Conn> conn,
                        postgres::Conn::Connect(options.conninfo));
  LEDD_RETURN_IF_ERROR(postgres::Migrate(*conn, options.max_schema_version).status());
  return std::make_unique<postgres::PostgresStore>(options);
}

}  // namespace ledd::store
