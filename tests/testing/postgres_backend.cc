// The PostgreSQL engine of the store contract suite (store_backends.h). A placeholder
// until the PostgreSQL store exists: every database it is asked for is Unimplemented,
// so a run with LEDD_TEST_POSTGRES set fails loudly instead of passing on SQLite alone.
// Not compiled into anything that runs by default.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "testing/store_backends.h"

namespace ledd::testing {

StoreEngine PostgresEngine(const std::string& uri) {
  return {.name = "Postgres", .make = [uri]() -> absl::StatusOr<std::unique_ptr<StoreBackend>> {
            return absl::UnimplementedError("PostgreSQL store not built yet");
          }};
}

}  // namespace ledd::testing
