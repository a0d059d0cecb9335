#pragma once
// The PostgreSQL schema and its versioned migrations (schema.cc), numbered like the
// SQLite store's so that one version number means one schema in both.

#include "absl/status/statusor.h"
#include "ledd/store/postgres/pg.h"

namespace ledd::store::postgres {

// The schema version this build writes.
int SchemaVersion();

// Applies the pending migrations (up to max_version; 0 = latest) in one transaction,
// holding an advisory lock so that processes starting together migrate once. Returns
// the version reached. FailedPrecondition for a database written by a newer ledd.
absl::StatusOr<int> Migrate(Conn& conn, int max_version = 0);

}  // namespace ledd::store::postgres
