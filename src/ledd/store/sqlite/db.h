#pragma once
// Thin RAII wrappers over the sqlite3 C API, private to store/sqlite: a connection, a
// prepared statement and a write transaction. They turn result codes into absl::Status
// values carrying sqlite's message, so the store reads as a sequence of early returns.
//
// Not thread-safe: a Db and its Statements belong to one caller at a time (the store
// serializes on its own mutex). Bound text is not copied (SQLITE_STATIC): the caller
// keeps it alive until the statement is stepped and reset.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ledd::store::sqlite {

// Maps a sqlite result code (with the connection's message) to a Status:
// constraint violations -> FailedPrecondition (AlreadyExists for unique keys),
// BUSY/LOCKED -> Unavailable, CORRUPT/NOTADB -> DataLoss, CANTOPEN -> NotFound,
// everything else -> Internal. `context` says what was being done.
absl::Status SqliteError(sqlite3* db, int code, std::string_view context);

// A Status's message as a std::string_view, for fmt (Debian's absl has its own
// string_view type, which fmt cannot format).
inline std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

// The same status with `prefix` and ": " before its message.
inline absl::Status Prefixed(std::string_view prefix, const absl::Status& status) {
  return absl::Status(status.code(),
                      std::string(prefix) + ": " + std::string(MessageOf(status)));
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
  bool ColumnIsNull(int column) const;

  sqlite3_stmt* get() const { return stmt_; }

 private:
  void NoteBindError(int code, int index);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  absl::Status bind_status_;
};

// One open connection plus a cache of prepared statements keyed by their SQL.
class Db {
 public:
  struct OpenOptions {
    bool create_if_missing = true;
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

}  // namespace ledd::store::sqlite
