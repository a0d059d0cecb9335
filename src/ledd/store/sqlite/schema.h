#pragma once
// The SQLite schema as an ordered list of migrations. Migration i (1-based) takes a
// database from schema version i-1 to i; PRAGMA user_version records the version.
// Migrations are append-only: a released step is never edited, a change is a new step.
//
// Not thread-safe; called once per open, before the store is shared.

#include "absl/status/status.h"
#include "ledd/store/sqlite/db.h"

namespace ledd::store::sqlite {

// The number of migrations, i.e. the version a fully migrated database has.
int LatestSchemaVersion();

// Registers the SQL function ledd_fold(text) (base/fold.h's Fold) on `db`. Migrate
// calls it, so the writer connection has it: migrations and the writes that fill
// organizations.folded_name use it. Other connections do not need it.
absl::Status RegisterFold(Db& db);

// Brings the database to `target_version` (0 = latest) in one transaction. A database
// already at or past the target is left alone, except that one newer than
// LatestSchemaVersion() is refused with FailedPrecondition: it was written by a newer
// ledd whose data this build may not understand.
absl::Status Migrate(Db& db, int target_version);

}  // namespace ledd::store::sqlite
