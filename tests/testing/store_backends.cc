#include "testing/store_backends.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/postgres_cluster.h"
#include "testing/temp_dir.h"

namespace ledd::testing {
namespace {

// One database file, removed with its directory (and its -wal and -shm files).
class SqliteBackend : public StoreBackend {
 public:
  absl::StatusOr<std::unique_ptr<store::Store>> Open() override {
    return store::OpenSqliteStore({.path = path_});
  }
  std::string DbArgument() const override { return path_; }

 private:
  TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
};

}  // namespace

StoreEngine SqliteEngine() {
  return {.name = "Sqlite", .make = []() -> absl::StatusOr<std::unique_ptr<StoreBackend>> {
            return std::make_unique<SqliteBackend>();
          }};
}

std::vector<StoreEngine> StoreEngines() {
  std::vector<StoreEngine> engines = {SqliteEngine()};
  // PostgreSQL: only when a test cluster is running (LEDD_TEST_POSTGRES holds its URI,
  // or LEDD_TEST_POSTGRES_FILE names the file the CTest fixture postgres_cluster wrote
  // it to: PostgresTestUri()), and only in a build configured with LEDD_POSTGRES_TESTS,
  // which compiles postgres_backend.cc.
  if (const std::string uri = PostgresTestUri(); !uri.empty()) {
#ifdef LEDD_POSTGRES_TESTS
    engines.push_back(PostgresEngine(uri));
#else
    // This build has no PostgreSQL engine to run: say so through the tests of the
    // Postgres instantiation rather than pass them on SQLite alone.
    engines.push_back(
        {.name = "Postgres", .make = []() -> absl::StatusOr<std::unique_ptr<StoreBackend>> {
           return absl::FailedPreconditionError(
               "a PostgreSQL test cluster is set but this build has no PostgreSQL tests "
               "(configure with -DLEDD_POSTGRES_TESTS=ON)");
         }});
#endif
  }
  return engines;
}

}  // namespace ledd::testing
