#include "ledd/store/postgres/pg.h"

#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "absl/strings/numbers.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"

namespace ledd::store::postgres {
namespace {

// libpq's messages end with a newline.
std::string_view Trimmed(const char* message) {
  std::string_view text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

absl::Status ConnectionError(pg_conn* conn, std::string_view context) {
  return absl::UnavailableError(fmt::format("{}: {}", context, Trimmed(PQerrorMessage(conn))));
}

}  // namespace

absl::StatusCode CodeOfSqlState(std::string_view state) {
  if (state == "23505") return absl::StatusCode::kAlreadyExists;
  if (state.starts_with("23")) return absl::StatusCode::kFailedPrecondition;
  if (state == "40001" || state == "40P01") return absl::StatusCode::kAborted;
  if (state.starts_with("08") || state.starts_with("57P") || state.starts_with("53") ||
      state == "25006") {
    return absl::StatusCode::kUnavailable;
  }
  if (state == "42501") return absl::StatusCode::kPermissionDenied;
  if (state.starts_with("22")) return absl::StatusCode::kInvalidArgument;
  return absl::StatusCode::kInternal;
}

// --- Params ---------------------------------------------------------------------

Params::Value& Params::At(int index) {
  if (static_cast<int>(values_.size()) < index) values_.resize(index);
  return values_[index - 1];
}

Params& Params::Bind(int index, int64_t value) {
  At(index) = Value{std::to_string(value), false};
  return *this;
}

Params& Params::Bind(int index, std::string_view text) {
  At(index) = Value{std::string(text), false};
  return *this;
}

Params& Params::Bind(int index, std::optional<int64_t> value) {
  if (!value.has_value()) return BindNull(index);
  return Bind(index, *value);
}

Params& Params::BindBytes(int index, std::string_view bytes) {
  At(index) = Value{std::string(bytes), true};
  return *this;
}

Params& Params::BindNull(int index) {
  At(index) = Value{std::nullopt, false};
  return *this;
}

// --- Result and Row ---------------------------------------------------------------

Result::~Result() {
  if (result_ != nullptr) PQclear(result_);
}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int Result::rows() const { return result_ != nullptr ? PQntuples(result_) : 0; }

int64_t Result::affected() const {
  if (result_ == nullptr) return 0;
  int64_t count = 0;
  return absl::SimpleAtoi(PQcmdTuples(result_), &count) ? count : 0;
}

int64_t Row::ColumnInt(int column) const {
  int64_t value = 0;
  // Booleans come back as "t"/"f".
  const char* text = PQgetvalue(result_->get(), row_, column);
  if (text[0] == 't' && text[1] == '\0') return 1;
  if (!absl::SimpleAtoi(text, &value)) return 0;
  return value;
}

std::optional<int64_t> Row::ColumnOptionalInt(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnInt(column);
}

std::string Row::ColumnText(int column) const {
  return std::string(PQgetvalue(result_->get(), row_, column),
                     PQgetlength(result_->get(), row_, column));
}

std::string Row::ColumnBlob(int column) const {
  if (ColumnIsNull(column)) return {};
  size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_->get(), row_, column)), &length);
  if (bytes == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

bool Row::ColumnIsNull(int column) const {
  return PQgetisnull(result_->get(), row_, column) != 0;
}

// --- Conn -------------------------------------------------------------------------

absl::StatusOr<std::unique_ptr<Conn>> Conn::Connect(const std::string& conninfo) {
  pg_conn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return absl::ResourceExhaustedError("PQconnectdb: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    absl::Status status = ConnectionError(conn, "connecting to PostgreSQL");
    PQfinish(conn);
    return status;
  }
  // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of libpq's stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<Conn> out(new Conn(conn));
  // Times are integers and text is UTF-8 whatever the server's defaults.
  absl::StatusOr<Result> set = out->Exec("SET client_encoding = 'UTF8'");
  if (!set.ok()) return set.status();
  return out;
}

Conn::~Conn() { PQfinish(conn_); }

bool Conn::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

absl::StatusOr<Result> Conn::Check(pg_result* result, std::string_view sql) {
  if (result == nullptr) return ConnectionError(conn_, fmt::format("running \"{}\"", sql));
  ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) {
    return Result(result);
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  std::string message = fmt::format("{} (SQLSTATE {}) running \"{}\"",
                                    Trimmed(PQresultErrorMessage(result)),
                                    state != nullptr ? state : "none", sql);
  absl::StatusCode code =
      state != nullptr ? CodeOfSqlState(state) : absl::StatusCode::kUnavailable;
  PQclear(result);
  if (!healthy()) code = absl::StatusCode::kUnavailable;
  return absl::Status(code, message);
}

// The parameter arrays libpq takes, pointing into `params`.
struct ParamArrays {
  explicit ParamArrays(const Params& params) {
    for (const Params::Value& value : params.values_) {
      values.push_back(value.data ? value.data->data() : nullptr);
      lengths.push_back(value.data ? static_cast<int>(value.data->size()) : 0);
      formats.push_back(value.binary ? 1 : 0);
    }
  }
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};

absl::StatusOr<Result> Conn::Exec(std::string_view sql, const Params& params) {
  std::string text(sql);
  if (params.size() == 0) {
    // PQexec runs several statements (migrations); PQexecParams only one.
    return Check(PQexec(conn_, text.c_str()), sql);
  }
  ParamArrays raw(params);
  return Check(PQexecParams(conn_, text.c_str(), params.size(), nullptr, raw.values.data(),
                            raw.lengths.data(), raw.formats.data(), 0),
               sql);
}

absl::StatusOr<Result> Conn::ExecCached(const char* sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = fmt::format("s{}", prepared_.size());
    absl::StatusOr<Result> prepared =
        Check(PQprepare(conn_, name.c_str(), sql, 0, nullptr), sql);
    if (!prepared.ok()) return prepared.status();
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  ParamArrays raw(params);
  return Check(PQexecPrepared(conn_, it->second.c_str(), params.size(), raw.values.data(),
                              raw.lengths.data(), raw.formats.data(), 0),
               sql);
}

absl::StatusOr<std::optional<int64_t>> Conn::QueryOptionalInt(std::string_view sql,
                                                              const Params& params) {
  absl::StatusOr<Result> result = Exec(sql, params);
  if (!result.ok()) return result.status();
  if (result->empty()) return std::optional<int64_t>();
  return result->row(0).ColumnOptionalInt(0);
}

absl::StatusOr<int64_t> Conn::QueryInt(std::string_view sql, const Params& params) {
  absl::StatusOr<std::optional<int64_t>> value = QueryOptionalInt(sql, params);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return absl::NotFoundError(fmt::format("no value from \"{}\"", sql));
  return **value;
}

absl::StatusOr<bool> Conn::InRecovery() {
  absl::StatusOr<int64_t> value = QueryInt("SELECT pg_is_in_recovery()::int");
  if (!value.ok()) return value.status();
  return *value != 0;
}

absl::Status Conn::Copy(
    std::string_view copy_sql,
    absl::FunctionRef<absl::Status(absl::FunctionRef<absl::Status(std::string_view)>)> rows) {
  absl::StatusOr<Result> start = Exec(copy_sql);
  if (!start.ok()) return start.status();
  std::string buffer;
  auto flush = [&]() -> absl::Status {
    if (buffer.empty()) return absl::OkStatus();
    if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      return ConnectionError(conn_, "sending COPY data");
    }
    buffer.clear();
    return absl::OkStatus();
  };
  absl::Status produced = rows([&](std::string_view line) -> absl::Status {
    buffer.append(line);
    if (buffer.size() >= (1 << 20)) return flush();
    return absl::OkStatus();
  });
  if (produced.ok()) produced = flush();
  // Ending with an error message makes the server fail the COPY (and the transaction).
  if (PQputCopyEnd(conn_, produced.ok() ? nullptr : "aborted by the client") != 1) {
    return ConnectionError(conn_, "ending COPY");
  }
  absl::Status ended = absl::OkStatus();
  while (pg_result* result = PQgetResult(conn_)) {
    absl::StatusOr<Result> checked = Check(result, copy_sql);
    if (!checked.ok() && ended.ok()) ended = checked.status();
  }
  if (!produced.ok()) return produced;
  return ended;
}

// --- Pool -------------------------------------------------------------------------

Pool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Return(std::move(conn_));
}

Pool::~Pool() = default;

absl::StatusOr<Pool::Lease> Pool::Acquire() {
  {
    std::unique_lock lock(mu_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < options_.max_connections; });
    if (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;
  }
  absl::StatusOr<std::unique_ptr<Conn>> conn = Conn::Connect(options_.conninfo);
  if (!conn.ok()) {
    std::lock_guard lock(mu_);
    --open_;
    returned_.notify_one();
    return conn.status();
  }
  return Lease(this, *std::move(conn));
}

void Pool::Return(std::unique_ptr<Conn> conn) {
  bool keep = conn->healthy();
  if (!keep) conn.reset();  // Closed outside the lock's critical work is fine either way.
  std::lock_guard lock(mu_);
  if (keep) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  returned_.notify_one();
}

// --- Transactions -----------------------------------------------------------------

absl::Status WithTransaction(Pool& pool, absl::FunctionRef<absl::Status(Conn&)> body,
                             int attempts) {
  thread_local std::minstd_rand random(std::random_device{}());
  absl::Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) {
      // Up to 2^attempt ms (capped at 64), randomized so that colliding writers spread.
      int cap = 1 << std::min(attempt, 6);
      std::this_thread::sleep_for(std::chrono::microseconds(random() % (cap * 1000)));
    }
    absl::StatusOr<Pool::Lease> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    Conn& conn = lease->conn();
    absl::StatusOr<Result> begun = conn.Exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
    if (!begun.ok()) {
      last = begun.status();
      // A pooled connection may have died since it was last used: try a fresh one.
      if (!conn.healthy()) continue;
      return last;
    }
    absl::Status status = body(conn);
    if (status.ok()) {
      absl::StatusOr<Result> committed = conn.Exec("COMMIT");
      if (committed.ok()) return absl::OkStatus();
      // A serialization failure can surface at COMMIT; a broken connection there leaves
      // the outcome unknown, so it is not retried.
      if (IsRetryable(committed.status())) {
        last = committed.status();
        continue;
      }
      return committed.status();
    }
    if (conn.healthy()) {
      (void)conn.Exec("ROLLBACK");
      if (!IsRetryable(status)) return status;
    }
    // Retried: a serialization failure, or a connection lost before COMMIT was sent
    // (nothing was committed; the next lease reconnects, after a failover to the new
    // primary).
    last = status;
  }
  // The database is too contended or unreachable: the caller may try again later.
  return absl::UnavailableError(
      fmt::format("gave up after {} attempts: {}", attempts, MessageOf(last)));
}

absl::Status InSnapshot(Conn& conn, absl::FunctionRef<absl::Status(Conn&)> read) {
  LEDD_RETURN_IF_ERROR(conn.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").status());
  absl::Status status = read(conn);
  if (!status.ok()) {
    if (conn.healthy()) (void)conn.Exec("ROLLBACK");
    return status;
  }
  return conn.Exec("COMMIT").status();
}

}  // namespace ledd::store::postgres
