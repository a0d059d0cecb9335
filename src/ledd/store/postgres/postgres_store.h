#pragma once
// The shared store: a PostgreSQL 15 database that any number of ledd processes use at
// once (issue 14; docs/deployment.md). Only this folder includes libpq-fe.h.
//
// Every write is one SERIALIZABLE transaction on a pooled connection, retried when the
// server aborts it for a conflict with a concurrent writer (of this process or
// another), so the rules a write checks (one pending invitation per pair, the weekly
// limit, the 30,000 cap, unique handles and emails) hold across processes. Reads use a
// pooled connection outside any transaction. Opening migrates the schema (one
// transaction under an advisory lock); a database written by a newer ledd is refused.
//
// The event log is read in commit order: events.xid is the writing transaction's id
// (xid8) and EventsAfter returns only rows whose transaction is older than every
// transaction still running, in (xid, id) order, so a follower never skips a row that
// commits after a later id became visible.
//
// Thread-safety: safe to use from any thread.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/store.h"

namespace ledd::store {

struct PostgresOptions {
  // libpq conninfo: a postgresql:// URI (several hosts, target_session_attrs) or
  // key=value pairs.
  std::string conninfo;
  // Most connections open at once.
  int connections = 8;
  // Where the event log is followed (EventsSince, LastEventPosition), when not
  // `conninfo`: a hot standby (target_session_attrs=prefer-standby), so that replicas
  // polling the log put no load on the primary. Everything else, writes and the reads
  // that answer requests, goes to `conninfo`. Empty: `conninfo`.
  std::string follow_conninfo = "";
  // Migrate only up to this schema version; 0 = latest.
  int max_schema_version = 0;
};

// Whether `db` (a --db argument) names a PostgreSQL database: a postgresql:// or
// postgres:// URI.
bool IsPostgresUri(std::string_view db);

// Connects, migrates and returns the store. Unavailable when the server cannot be
// reached.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options);

// The schema version this build writes.
int PostgresSchemaVersion();

}  // namespace ledd::store
