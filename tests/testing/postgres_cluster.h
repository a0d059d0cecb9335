#pragma once
// Real PostgreSQL 15 servers for tests, never the machine's own cluster.
//
// The shared one: CTest's fixture `postgres_cluster` (tests/testing/CMakeLists.txt) starts
// one cluster for the whole run in ${CMAKE_BINARY_DIR}/pg-test and gives the tests that
// require it the environment variable LEDD_TEST_POSTGRES_FILE, the path of a file holding
// its URI (the port is chosen when the cluster starts, after CTest set the environment).
// PostgresTestUri() reads it. Tests create databases of their own in it.
//
// Clusters of one's own: PostgresCluster, for tests that stop, kill or promote servers
// (streaming replication, failover, crash recovery). Each runs
// tests/testing/postgres_cluster.py, which runs initdb, pg_basebackup and pg_ctl as the
// `postgres` user when the tests run as root (initdb and postgres refuse root). SQL goes
// through the psql client binary; the testing library does not link libpq.
//
// Servers listen on 127.0.0.1 only, on a free port, with fsync off unless asked otherwise
// (data survives a killed server, not a crashed machine). A PostgresCluster is not
// thread-safe; one test thread drives it.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ledd::testing {

// The URI of the fixture's cluster ("postgresql://postgres@127.0.0.1:PORT/postgres", the
// maintenance database, user postgres, trust authentication), or "" when the test does not
// run with one. LEDD_TEST_POSTGRES, when set, is that URI itself (a cluster started by
// hand); otherwise LEDD_TEST_POSTGRES_FILE names the file that holds it. A file named but
// unreadable or empty means the fixture failed: that is reported on stderr and aborts.
std::string PostgresTestUri();

// `uri` with its database replaced by `database` (query parameters kept).
std::string WithDatabase(const std::string& uri, const std::string& database);

// Runs `statement` (one or more SQL statements, as `psql -c` would: one implicit
// transaction unless the statement cannot run in one, like CREATE DATABASE) on the server
// at `uri` with psql, and returns what it printed: rows on lines, columns separated by
// '|', no headers, the last newline removed. A refused statement or an unreachable server
// is an error carrying psql's message.
absl::StatusOr<std::string> RunSql(const std::string& uri, const std::string& statement);

struct PostgresClusterOptions {
  int port = 0;  // 0: a free loopback port, chosen at the first start and kept after.
  // cluster_name; a standby's walreceiver presents it as its application_name, the name
  // synchronous_standby_names refers to. Empty: none.
  std::string name = {};
  // On a primary: commits wait for these standbys, e.g. "standby" or "FIRST 1 (a, b)".
  std::string synchronous_standby_names = {};
  bool durable = false;  // fsync and full_page_writes on.
  // Streaming replication needs nothing more: PostgreSQL 15's defaults (wal_level
  // replica, max_wal_senders 10, hot_standby on) and initdb's trust entries for
  // replication from 127.0.0.1 already allow a standby.
};

class PostgresCluster {
 public:
  PostgresCluster() = default;
  // Stops a running server at once (immediate shutdown); the directory stays for its owner.
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Creates a cluster in `dir` (initdb; created if missing, handed to the postgres user;
  // the caller owns it and removes it) unless one is there, and starts it. Requires
  // !running().
  absl::Status Start(const std::string& dir, PostgresClusterOptions options = {});
  // Starts again what Stop() or Kill() ended, on the same directory, port and options
  // (after Kill() the server runs crash recovery first).
  absl::Status Restart();
  // Makes `dir` a streaming standby of `primary` (pg_basebackup -R from its running
  // server) and starts it; it answers read-only queries once started. Requires
  // primary.running() and !running().
  absl::Status StartStandbyOf(const PostgresCluster& primary, const std::string& dir,
                              PostgresClusterOptions options = {});

  // Fast shutdown: sessions are disconnected, the data checkpointed and kept.
  absl::Status Stop();
  // SIGKILL to the postmaster and all its processes, as a crash would; returns once they
  // are gone. The data stays for Restart() or a standby's promotion.
  absl::Status Kill();
  // Ends recovery on a standby, which then accepts writes; returns once it does.
  absl::Status Promote();
  // pg_is_in_recovery(): true on a standby that is not promoted.
  absl::StatusOr<bool> IsInRecovery() const;

  // "postgresql://postgres@127.0.0.1:PORT/DATABASE"
  std::string Uri(const std::string& database = "postgres") const;
  absl::Status CreateDatabase(const std::string& name) const;
  // RunSql(Uri(database), statement).
  absl::StatusOr<std::string> Sql(const std::string& database, const std::string& statement) const;

  bool running() const { return running_; }
  int port() const { return options_.port; }
  const std::string& dir() const { return dir_; }

 private:
  // `postgres_cluster.py start` with this cluster's options and the extra arguments.
  absl::Status RunStart(const std::string& extra);
  // The script's other commands on dir_.
  absl::Status RunScript(const std::string& command) const;

  std::string dir_;
  PostgresClusterOptions options_;
  bool running_ = false;
};

}  // namespace ledd::testing
