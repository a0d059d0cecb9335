#pragma once
// Thin RAII wrappers over the sqlite3 C API, private to store/sqlite: a connection, a
// prepared statement and a write transaction. They turn result codes into absl::Status
// values carrying sqlite's message, so the store reads as a sequence of early returns.
//
// Not thread-safe: a Db and its Statements belong to one caller at a time (the store
// serializes its writer connection on its own mutex and lends reader connections out
// of a ReaderPool, one caller each). Bound text is not copied (SQLITE_STATIC): the
// caller keeps it alive until the statement is stepped and reset. ReaderPool itself is
// thread-safe.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ledd::store::sqlite {

// Maps a sqlite result code (with the connection's message) to a Status:
// constraint violations -> FailedPrecondition (AlreadyExists for unique keys),
// BUSY/LOCKED and FULL/IOERR/NOMEM (a full disk, an I/O error, no memory) ->
// Unavailable, CORRUPT/NOTADB -> DataLoss, CANTOPEN -> NotFound,
// READONLY/PERM/AUTH -> PermissionDenied, everything else -> Internal. `context` says
// what was being done; the message carries SQL and paths, for operators only.
absl::Status SqliteError(sqlite3* db, int code, std::string_view context);

// A Status's message as a std::string_view, for fmt (Debian's absl has its own
// string_view type, which fmt cannot format).
inline std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

// The same status with `prefix` and ": " before its message.
inline absl::Status Prefixed(std::string_view prefix, const absl::Status& status) {
  return absl::Status(status.code(), std::string(prefix) + ": " + std::string(MessageOf(status)));
}

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in sqlite. A binding error is remembered and returned
  // by the next Step()/Run(), which keeps call sites free of per-bind checks.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::optional<int64_t> value);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // One step: true when a row is available, false when the statement is done.
  absl::StatusOr<bool> Step();
  // Steps to completion (for statements that return no rows) and resets.
  absl::Status Run();
  // Makes the statement reusable and clears its bindings.
  void Reset();

  // Column accessors for the current row (0-based).
  int64_t ColumnInt(int column) const;
  std::optional<int64_t> ColumnOptionalInt(int column) const;
  std::string ColumnText(int column) const;
  std::string ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;

  sqlite3_stmt* get() const { return stmt_; }

 private:
  void NoteBindError(int code, int index);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  absl::Status bind_status_;
};

// Steps a fresh statement to the end, reading each row with `read` (a function of the
// statement returning absl::StatusOr<Record>).
template <typename Record, typename Read>
absl::StatusOr<std::vector<Record>> ReadAll(Statement& statement, Read read) {
  std::vector<Record> records;
  while (true) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok()) return row.status();
    if (!*row) return records;
    absl::StatusOr<Record> record = read(statement);
    if (!record.ok()) return record.status();
    records.push_back(*std::move(record));
  }
}

// One open connection plus a cache of prepared statements keyed by their SQL.
class Db {
 public:
  struct OpenOptions {
    bool create_if_missing = true;
    // SQLITE_OPEN_READONLY: every write through the connection fails (SQLITE_READONLY).
    bool read_only = false;
  };
  static absl::StatusOr<std::unique_ptr<Db>> Open(const std::string& path,
                                                  const OpenOptions& options);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements that return no rows (DDL, PRAGMA, BEGIN, ...).
  absl::Status Exec(std::string_view sql);
  // A fresh statement, owned by the caller.
  absl::StatusOr<Statement> Prepare(std::string_view sql);
  // A cached statement owned by the Db, keyed by the address of `sql`, which must
  // therefore be a string literal. It comes back reset, with bindings cleared, and
  // stays valid until the Db is destroyed.
  absl::StatusOr<Statement*> Cached(const char* sql);
  // The single integer a query like "PRAGMA user_version" or "SELECT count(*) ..." returns.
  absl::StatusOr<int64_t> QueryInt(std::string_view sql);
  // The single text value of a query like "PRAGMA journal_mode".
  absl::StatusOr<std::string> QueryText(std::string_view sql);

  int64_t LastInsertRowId() const;
  int Changes() const;
  bool InTransaction() const;
  sqlite3* get() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  absl::flat_hash_map<const char*, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless committed. IMMEDIATE
// takes the write lock up front, so a busy database fails at Begin() (after the busy
// timeout) instead of in the middle of a write.
class Transaction {
 public:
  static absl::StatusOr<Transaction> Begin(Db& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;

  absl::Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;  // Null once committed or rolled back.
};

// A few read-only connections to one database file, each lent to one caller at a time.
// In WAL mode a reader on its own connection never waits for a writer (of this process
// or another): it reads the last committed state as of its first step. Connections are
// opened on demand, up to `max_readers`; a caller beyond that waits for one to come
// back. Each connection's statements stay cached with it. Thread-safe.
class ReaderPool {
 public:
  struct Options {
    std::string path;
    int max_readers = 8;
    int busy_timeout_ms = 5000;  // WAL readers wait only in rare cases (WAL recovery).
    int cache_mib = 16;          // Page cache of each reader connection.
  };

  // One connection on loan; it goes back to the pool when the lease is destroyed. The
  // borrower must leave no statement mid-step (reset or finalize every statement), or
  // the next borrower would read in the old read transaction.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), db_(std::move(other.db_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Db& db() { return *db_; }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
    ReaderPool* pool_;
    std::unique_ptr<Db> db_;
  };

  explicit ReaderPool(Options options) : options_(std::move(options)) {}
  ~ReaderPool();  // Requires every lease to have been returned.
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // An idle connection, or a new one while fewer than max_readers are open.
  absl::StatusOr<Lease> Acquire();

  // Closes the idle connections (those on loan stay open): before the writer changes
  // the journal mode, which needs the file to itself.
  void CloseIdle();

 private:
  void Return(std::unique_ptr<Db> db);

  const Options options_;
  // std::mutex rather than absl::Mutex: ThreadSanitizer sees pthread's locks, not those
  // of Debian's uninstrumented Abseil, and `make tsan` runs the store's tests.
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Db>> idle_;  // Guarded by mu_.
  int open_ = 0;                           // Guarded by mu_: idle plus on loan.
};

}  // namespace ledd::store::sqlite
