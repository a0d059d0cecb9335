#pragma once
// A fresh PostgreSQL database for one test of the PostgreSQL store alone, on the
// cluster testing::PostgresTestUri() names (the CTest fixture's, or LEDD_TEST_POSTGRES;
// none: the test skips), dropped when the test ends; and a connection of the test's own
// to look at it, as any tool would.

#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "ledd/store/postgres/pg.h"
#include "ledd/store/postgres/postgres_store.h"
#include "testing/postgres_cluster.h"

namespace ledd::store::testing_pg {

// The maintenance database's URI, or empty when PostgreSQL tests are off.
inline std::string MaintenanceUri() { return testing::PostgresTestUri(); }

class TestDatabase {
 public:
  // Creates the database; `name_prefix` tells whose it is in a listing.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create(const std::string& name_prefix) {
    static std::atomic<int> counter = 0;
    const std::string maintenance = MaintenanceUri();
    auto admin = postgres::Conn::Connect(maintenance);
    if (!admin.ok()) return admin.status();
    const std::string name = fmt::format("{}_{}_{}", name_prefix, getpid(), counter++);
    absl::StatusOr<postgres::Result> dropped =
        (*admin)->Exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name));
    if (!dropped.ok()) return dropped.status();
    absl::StatusOr<postgres::Result> created =
        (*admin)->Exec(fmt::format("CREATE DATABASE {}", name));
    if (!created.ok()) return created.status();
    return std::unique_ptr<TestDatabase>(
        new TestDatabase(maintenance, name, testing::WithDatabase(maintenance, name)));
  }

  ~TestDatabase() {
    raw_.reset();
    auto admin = postgres::Conn::Connect(maintenance_);
    if (admin.ok()) {
      (void)(*admin)->Exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name_));
    }
  }

  const std::string& uri() const { return uri_; }

  absl::StatusOr<std::unique_ptr<Store>> Open(int connections = 4) {
    return OpenPostgresStore({.conninfo = uri_, .connections = connections});
  }

  // The test's own connection (opened on first use).
  postgres::Conn& Raw() {
    if (raw_ == nullptr) {
      auto conn = postgres::Conn::Connect(uri_);
      EXPECT_TRUE(conn.ok()) << conn.status();
      raw_ = *std::move(conn);
    }
    return *raw_;
  }
  // Runs `sql` (no parameters, any number of statements), failing the test on an error.
  void Exec(const std::string& sql) {
    absl::StatusOr<postgres::Result> result = Raw().Exec(sql);
    EXPECT_TRUE(result.ok()) << result.status();
  }
  // The rows of `sql` as text: its first `columns` columns, NULL as "NULL".
  std::vector<std::vector<std::string>> Query(const std::string& sql, int columns) {
    std::vector<std::vector<std::string>> rows;
    absl::StatusOr<postgres::Result> result = Raw().Exec(sql);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return rows;
    for (int i = 0; i < result->rows(); ++i) {
      std::vector<std::string> row;
      for (int column = 0; column < columns; ++column) {
        postgres::Row r = result->row(i);
        row.push_back(r.ColumnIsNull(column) ? "NULL" : r.ColumnText(column));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }
  int64_t Count(const std::string& sql) {
    absl::StatusOr<int64_t> count = Raw().QueryInt(sql);
    EXPECT_TRUE(count.ok()) << count.status() << " in " << sql;
    return count.value_or(-1);
  }

 private:
  TestDatabase(std::string maintenance, std::string name, std::string uri)
      : maintenance_(std::move(maintenance)), name_(std::move(name)), uri_(std::move(uri)) {}
  std::string maintenance_;
  std::string name_;
  std::string uri_;
  std::unique_ptr<postgres::Conn> raw_;
};

}  // namespace ledd::store::testing_pg
