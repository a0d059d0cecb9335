#pragma once
// The bulk load behind Store::Import.
//
// Validation happens in memory before anything is written, against the data plus the
// rows already stored: id collisions, references, self-links, duplicate pairs, the
// kMaxConnections limit and one pending invitation per pair. Errors name the table and
// the 1-based row of the Dataset vector ("connections row 17: member 5 does not exist").
// Having validated, the load switches off per-row foreign-key checks, uses a rollback
// journal instead of WAL when it has the file to itself (appended pages then need no
// journal), inserts the big tables in key order several rows per statement, and drops
// the secondary indexes of tables that were empty and rebuilds them at the end; all
// inside one transaction with one kImport event, so a failure anywhere leaves the file
// unchanged. The connection's settings (foreign keys, WAL, cache) are restored after.
//
// Not thread-safe: the caller holds the store's mutex and no transaction is open.

#include <functional>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"

namespace ledd::store::sqlite {

struct ImportOptions {
  // Page cache while indexes are rebuilt, in KiB. SQLite sizes its external sorter's
  // runs from the page cache; measured on 10M connections, a small cache (many short
  // runs merged through temp files) built the index 2x faster than 64 MiB and 4x
  // faster than 1 GiB.
  int index_build_cache_kib = 2048;
  // Helper threads of SQLite's sorter while indexes are rebuilt (PRAGMA threads): it
  // sorts runs on them beside the writing thread. -1: one per core beyond the first, up
  // to 4. Measured on the 1M network's 50.8M connections on two cores: the (b) index
  // in 19.4 s with one helper instead of 22.0 s without (a bigger cache is slower with
  // it too: 22.3 s at 16 MiB, 26.3 s at 128 MiB).
  int index_build_threads = -1;
  // The connection's normal cache size, restored afterwards.
  int normal_cache_mib = 64;
  // Store::Import's `connections_ready`: when set, the connections are validated and
  // written after every other table, once it has returned.
  std::function<absl::Status()> connections_ready = nullptr;
};

absl::StatusOr<EventId> ImportDataset(Db& db, const Dataset& data,
                                      const ImportOptions& options);

}  // namespace ledd::store::sqlite
