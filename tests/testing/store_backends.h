#pragma once
// The store engines the contract suite (tests/store/) runs against. Each StoreEngine
// makes fresh, empty databases of its engine; each StoreBackend is one such database,
// which a test may open as many Store objects on as it needs (to reopen it, or to write
// from several connections as several processes would). For tests only.

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ledd/store/store.h"

namespace ledd::testing {

// One empty database of one engine, for one test. Open() may be called more than once:
// each call opens a NEW Store object on the SAME database (for reopen/persistence
// tests).
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  virtual absl::StatusOr<std::unique_ptr<store::Store>> Open() = 0;
  // What `ledd --db` takes for this database (a file path or a postgresql:// URI).
  virtual std::string DbArgument() const = 0;
};

struct StoreEngine {
  std::string name;  // "Sqlite", "Postgres": the gtest instantiation prefix
  std::function<absl::StatusOr<std::unique_ptr<StoreBackend>>()> make;  // fresh empty db
};

// GoogleTest prints a parameter by its engine's name.
inline void PrintTo(const StoreEngine& engine, std::ostream* out) { *out << engine.name; }

// Sqlite always; Postgres when a test cluster is running: PostgresTestUri()
// (postgres_cluster.h) is the conninfo URI of its maintenance database, from
// LEDD_TEST_POSTGRES or from the file LEDD_TEST_POSTGRES_FILE names (set by the CTest
// fixture postgres_cluster).
std::vector<StoreEngine> StoreEngines();

// The SQLite engine: each database is one file in its own temporary directory.
StoreEngine SqliteEngine();

// The PostgreSQL engine on the cluster whose maintenance database is `uri`: each
// database is a fresh CREATE DATABASE on it. Defined in postgres_backend.cc, which only
// binaries built with the PostgreSQL store link; StoreEngines() calls it only when
// LEDD_TEST_POSTGRES is set.
StoreEngine PostgresEngine(const std::string& uri);

}  // namespace ledd::testing
