#pragma once
// Thin RAII wrappers over libpq, private to store/postgres: a connection, a query's
// parameters, its result, a pool of connections and a retrying transaction. They turn
// libpq's results into absl::Status values carrying the server's message and SQLSTATE,
// so the store reads as a sequence of early returns, like the SQLite one.
//
// Parameters go as text (numbers printed in decimal) except bytea, which goes binary;
// results come back as text. Statements named with Conn::ExecCached are prepared once
// per connection.
//
// Not thread-safe: a Conn belongs to one caller at a time (the Pool lends each to one
// caller). Pool itself is thread-safe.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct pg_conn;
struct pg_result;

namespace ledd::store::postgres {

// A Status's message as a std::string_view, for fmt.
inline std::string_view MessageOf(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

// Maps a SQLSTATE to a status code: 23505 (unique) -> AlreadyExists, other 23xxx
// (integrity) -> FailedPrecondition, 40001/40P01 (serialization failure, deadlock) ->
// Aborted (the transaction may be retried), 08xxx (connection), 57Pxx (shutdown,
// cannot connect now), 53xxx (insufficient resources), 25006 (read-only transaction: a
// standby or a demoted primary) -> Unavailable, 42501 -> PermissionDenied, 22xxx (data
// exception) -> InvalidArgument, everything else -> Internal.
absl::StatusCode CodeOfSqlState(std::string_view sqlstate);

// Whether a status from this folder says "run the whole transaction again".
inline bool IsRetryable(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAborted;
}

// Positional parameters $1..$n. Bind(i, ...) sets $i (1-based, as in SQL); unset ones
// are NULL.
class Params {
 public:
  Params() = default;
  Params& Bind(int index, int64_t value);
  Params& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Params& Bind(int index, std::string_view text);
  Params& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Params& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Params& Bind(int index, std::optional<int64_t> value);
  Params& BindBytes(int index, std::string_view bytes);
  Params& BindNull(int index);

  int size() const { return static_cast<int>(values_.size()); }

 private:
  friend class Conn;
  friend struct ParamArrays;
  struct Value {
    std::optional<std::string> data;  // nullopt = NULL
    bool binary = false;
  };
  Value& At(int index);
  std::vector<Value> values_;
};

class Result;

// One row of a Result; the accessors mirror the SQLite store's Statement columns.
class Row {
 public:
  Row(const Result* result, int row) : result_(result), row_(row) {}
  int64_t ColumnInt(int column) const;
  std::optional<int64_t> ColumnOptionalInt(int column) const;
  std::string ColumnText(int column) const;
  // A bytea column's bytes.
  std::string ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  const Result* result_;
  int row_;
};

// An owned PGresult of a command that succeeded.
class Result {
 public:
  Result() = default;
  explicit Result(pg_result* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const;
  Row row(int index) const { return Row(this, index); }
  bool empty() const { return rows() == 0; }
  // Rows an INSERT/UPDATE/DELETE touched.
  int64_t affected() const;

  pg_result* get() const { return result_; }

 private:
  pg_result* result_ = nullptr;
};

// Reads every row of `result` with `read` (a function of a Row returning
// absl::StatusOr<Record> or Record).
template <typename Record, typename Read>
absl::StatusOr<std::vector<Record>> ReadAll(const Result& result, Read read) {
  std::vector<Record> records;
  records.reserve(result.rows());
  for (int i = 0; i < result.rows(); ++i) {
    absl::StatusOr<Record> record = read(result.row(i));
    if (!record.ok()) return record.status();
    records.push_back(*std::move(record));
  }
  return records;
}

// One connection.
class Conn {
 public:
  // `conninfo` is anything PQconnectdb takes: a postgresql:// URI (several hosts,
  // target_session_attrs) or key=value pairs. Unavailable when the server cannot be
  // reached.
  static absl::StatusOr<std::unique_ptr<Conn>> Connect(const std::string& conninfo);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs `sql` (one statement when there are parameters; several otherwise).
  absl::StatusOr<Result> Exec(std::string_view sql, const Params& params = {});
  // Like Exec, but prepared on first use on this connection and reused: `sql` must be
  // a string literal (the cache is keyed by its address).
  absl::StatusOr<Result> ExecCached(const char* sql, const Params& params = {});
  // The single integer (or NULL -> nullopt) a query returns in its first row.
  absl::StatusOr<std::optional<int64_t>> QueryOptionalInt(std::string_view sql,
                                                          const Params& params = {});
  // The single integer a query returns; NotFound when it returns no row.
  absl::StatusOr<int64_t> QueryInt(std::string_view sql, const Params& params = {});

  // COPY ... FROM STDIN (`copy_sql` says the format): `rows` is called with a sink that
  // takes the data in pieces as the format has it (text lines, or the binary format's
  // header, tuples and trailer), buffered and sent in 1 MiB chunks.
  absl::Status Copy(std::string_view copy_sql,
                    absl::FunctionRef<absl::Status(absl::FunctionRef<absl::Status(std::string_view)>)>
                        rows);

  // False once the connection broke (the server went away): the pool drops it.
  bool healthy() const;
  // Whether the server is a standby (in recovery).
  absl::StatusOr<bool> InRecovery();

  pg_conn* get() const { return conn_; }

 private:
  explicit Conn(pg_conn* conn) : conn_(conn) {}
  absl::StatusOr<Result> Check(pg_result* result, std::string_view sql);

  pg_conn* conn_;
  absl::flat_hash_map<const char*, std::string> prepared_;  // sql -> statement name
};

// A few connections to one database, each lent to one caller at a time; opened on
// demand up to max_connections, a caller beyond that waits. A connection that broke is
// closed on return, so the next caller reconnects (after a failover, to whichever host
// conninfo's target_session_attrs now picks). Thread-safe.
class Pool {
 public:
  struct Options {
    std::string conninfo;
    int max_connections = 8;
  };

  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Conn& conn() { return *conn_; }
    Conn* operator->() { return conn_.get(); }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Pool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  explicit Pool(Options options) : options_(std::move(options)) {}
  ~Pool();  // Requires every lease to have been returned.
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  absl::StatusOr<Lease> Acquire();
  const std::string& conninfo() const { return options_.conninfo; }

 private:
  void Return(std::unique_ptr<Conn> conn);

  const Options options_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Conn>> idle_;  // Guarded by mu_.
  int open_ = 0;                             // Guarded by mu_.
};

// Runs `body` inside one transaction (BEGIN ISOLATION LEVEL SERIALIZABLE ... COMMIT) on a
// pooled connection. When the server aborts it for a serialization failure or deadlock
// (Aborted), or the connection broke before COMMIT was sent, the whole body runs again
// (up to `attempts` times, with a short randomized pause; then Unavailable), so `body` must only
// communicate through the database and by (re)assigning its outputs. Any other error
// rolls back and is returned.
absl::Status WithTransaction(Pool& pool, absl::FunctionRef<absl::Status(Conn&)> body,
                             int attempts = 20);

// Like WithTransaction, returning body's value.
template <typename T>
absl::StatusOr<T> InTransaction(Pool& pool, absl::FunctionRef<absl::StatusOr<T>(Conn&)> body,
                                int attempts = 20) {
  std::optional<T> value;
  absl::Status status = WithTransaction(
      pool,
      [&](Conn& conn) -> absl::Status {
        absl::StatusOr<T> result = body(conn);
        if (!result.ok()) return result.status();
        value.emplace(*std::move(result));
        return absl::OkStatus();
      },
      attempts);
  if (!status.ok()) return status;
  return *std::move(value);
}

// Runs `read` in one REPEATABLE READ, READ ONLY transaction on `conn`: what it reads is
// of one moment, even beside writers. Commits after it; rolls back on its error, which
// is returned.
absl::Status InSnapshot(Conn& conn, absl::FunctionRef<absl::Status(Conn&)> read);

// Like InSnapshot, returning read's value.
template <typename T>
absl::StatusOr<T> InSnapshot(Conn& conn, absl::FunctionRef<absl::StatusOr<T>(Conn&)> read) {
  std::optional<T> value;
  absl::Status status = InSnapshot(conn, [&](Conn& c) -> absl::Status {
    absl::StatusOr<T> result = read(c);
    if (!result.ok()) return result.status();
    value.emplace(*std::move(result));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(value);
}

}  // namespace ledd::store::postgres
