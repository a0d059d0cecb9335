#pragma once
// The bulk load behind Store::Import.
//
// Validation happens in memory before anything is written, against the data plus the
// rows already stored: id collisions, references, self-links, duplicate pairs, the
// kMaxConnections limit and one pending invitation per pair. Errors name the table and
// the 1-based row of the Dataset vector ("connections row 17: member 5 does not exist").
// Having validated, the load switches off per-row foreign-key checks and drops the
// secondary indexes of tables that were empty, then rebuilds them; all inside one
// transaction with one kImport event, so a failure anywhere leaves the file unchanged.
//
// Not thread-safe: the caller holds the store's mutex and no transaction is open.

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"

namespace ledd::store::sqlite {

struct ImportOptions {
  // Page cache while importing, in MiB; SQLite also sizes its in-memory sorter (used to
  // rebuild indexes) from it. The connection's normal cache size is restored afterwards.
  int cache_mib = 1024;
  // The connection's normal cache size, restored after the import.
  int normal_cache_mib = 64;
};

absl::StatusOr<EventId> ImportDataset(Db& db, const Dataset& data,
                                      const ImportOptions& options);

}  // namespace ledd::store::sqlite
