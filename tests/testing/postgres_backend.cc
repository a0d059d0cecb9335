// The PostgreSQL engine of the store contract suite (store_backends.h): a database of its
// own per backend on the test cluster, named after the process so that test binaries
// running at once on the one cluster never share one, dropped when the backend goes.

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "ledd/store/postgres/postgres_store.h"
#include "testing/postgres_cluster.h"
#include "testing/store_backends.h"

namespace ledd::testing {
namespace {

class PostgresBackend : public StoreBackend {
 public:
  PostgresBackend(std::string server, std::string database)
      : server_(std::move(server)), database_(std::move(database)) {}
  ~PostgresBackend() override {
    // FORCE: a store of the test may still hold pooled connections.
    absl::StatusOr<std::string> dropped =
        RunSql(server_, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", database_));
    if (!dropped.ok()) std::fprintf(stderr, "dropping %s: %s\n", database_.c_str(),
                                    std::string(dropped.status().message()).c_str());
  }

  absl::StatusOr<std::unique_ptr<store::Store>> Open() override {
    return store::OpenPostgresStore({.conninfo = DbArgument()});
  }
  std::string DbArgument() const override { return WithDatabase(server_, database_); }

 private:
  std::string server_;
  std::string database_;
};

}  // namespace

StoreEngine PostgresEngine(const std::string& uri) {
  return {.name = "Postgres", .make = [uri]() -> absl::StatusOr<std::unique_ptr<StoreBackend>> {
            static std::atomic<int> next{0};
            std::string database = fmt::format("t_{}_{}", getpid(), next++);
            absl::StatusOr<std::string> created =
                RunSql(uri, fmt::format("CREATE DATABASE {}", database));
            if (!created.ok()) return created.status();
            return std::make_unique<PostgresBackend>(uri, std::move(database));
          }};
}

}  // namespace ledd::testing
