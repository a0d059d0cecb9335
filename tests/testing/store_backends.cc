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
  // PostgreSQL: when a test cluster is running (LEDD_TEST_POSTGRES holds its URI, or
  // LEDD_TEST_POSTGRES_FILE names the file the CTest fixture postgres_cluster wrote it
  // to: PostgresTestUri()).
  if (const std::string uri = PostgresTestUri(); !uri.empty()) {
    engines.push_back(PostgresEngine(uri));
  }
  return engines;
}

}  // namespace ledd::testing
