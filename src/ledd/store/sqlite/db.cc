#include "ledd/store/sqlite/db.h"

#include <sqlite3.h>

#include <utility>

#include "fmt/format.h"

namespace ledd::store::sqlite {

absl::Status SqliteError(sqlite3* db, int code, std::string_view context) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  std::string text = fmt::format("{}: {}", context, message);
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(text);
      }
      return absl::FailedPreconditionError(text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    case SQLITE_CANTOPEN:
      return absl::NotFoundError(text);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return absl::PermissionDeniedError(text);
    // The machine's trouble, not the request's: ResourceExhausted would read as "too
    // many requests" (429). The message keeps sqlite's detail for the operator (the
    // CLI prints it, the server logs it); the HTTP mapping shows clients a generic one.
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
      return absl::UnavailableError(text);
    default:
      return absl::InternalError(text);
  }
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_status_(std::move(other.bind_status_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_status_ = std::move(other.bind_status_);
  }
  return *this;
}

void Statement::NoteBindError(int code, int index) {
  if (code == SQLITE_OK || !bind_status_.ok()) return;
  bind_status_ = SqliteError(
      db_, code, fmt::format("binding parameter {} of \"{}\"", index, sqlite3_sql(stmt_)));
}

Statement& Statement::Bind(int index, int64_t value) {
  NoteBindError(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  // A null pointer would bind NULL; an empty string must stay an empty string.
  const char* data = text.data() != nullptr ? text.data() : "";
  NoteBindError(sqlite3_bind_text(stmt_, index, data, static_cast<int>(text.size()), SQLITE_STATIC),
                index);
  return *this;
}

Statement& Statement::Bind(int index, std::optional<int64_t> value) {
  if (!value.has_value()) return BindNull(index);
  return Bind(index, *value);
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  const char* data = bytes.data() != nullptr ? bytes.data() : "";
  NoteBindError(
      sqlite3_bind_blob(stmt_, index, data, static_cast<int>(bytes.size()), SQLITE_STATIC), index);
  return *this;
}

Statement& Statement::BindNull(int index) {
  NoteBindError(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step reports the specific (extended) code only through the connection.
  return SqliteError(db_, sqlite3_extended_errcode(db_),
                     fmt::format("running \"{}\"", sqlite3_sql(stmt_)));
}

absl::Status Statement::Run() {
  absl::StatusOr<bool> row = Step();
  Reset();
  if (!row.ok()) return row.status();
  if (*row) {
    return absl::InternalError(
        fmt::format("\"{}\" returned rows where none were expected", sqlite3_sql(stmt_)));
  }
  return absl::OkStatus();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = absl::OkStatus();
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<int64_t> Statement::ColumnOptionalInt(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::ColumnBlob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  if (bytes == nullptr) return {};
  return std::string(static_cast<const char*>(bytes),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

absl::StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, const OpenOptions& options) {
  sqlite3* handle = nullptr;
  // FULLMUTEX is unnecessary (the store serializes); NOMUTEX avoids sqlite's own locking.
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
    if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  }
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(handle, rc, fmt::format("opening {}", path));
    sqlite3_close_v2(handle);
    return status;
  }
  sqlite3_extended_result_codes(handle, 1);
  return std::unique_ptr<Db>(new Db(handle));
}

Db::~Db() {
  cache_.clear();  // Statements must be finalized before the connection closes.
  sqlite3_close_v2(db_);
}

absl::Status Db::Exec(std::string_view sql) {
  std::string owned(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return absl::OkStatus();
  std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  absl::Status status = SqliteError(nullptr, sqlite3_extended_errcode(db_), "");
  return absl::Status(status.code(), fmt::format("running \"{}\": {}", owned, detail));
}

absl::StatusOr<Statement> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, fmt::format("preparing \"{}\"", sql));
  return Statement(db_, stmt);
}

absl::StatusOr<Statement*> Db::Cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, fmt::format("preparing \"{}\"", sql));
  auto [inserted, unused] = cache_.emplace(sql, std::make_unique<Statement>(db_, stmt));
  return inserted->second.get();
}

absl::StatusOr<int64_t> Db::QueryInt(std::string_view sql) {
  absl::StatusOr<Statement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError(fmt::format("\"{}\" returned no row", sql));
  return statement->ColumnInt(0);
}

absl::StatusOr<std::string> Db::QueryText(std::string_view sql) {
  absl::StatusOr<Statement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError(fmt::format("\"{}\" returned no row", sql));
  return statement->ColumnText(0);
}

int64_t Db::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Db::Changes() const { return sqlite3_changes(db_); }
bool Db::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

absl::StatusOr<Transaction> Transaction::Begin(Db& db) {
  if (absl::Status status = db.Exec("BEGIN IMMEDIATE"); !status.ok()) return status;
  return Transaction(&db);
}

Transaction::~Transaction() {
  // A failed COMMIT may already have ended the transaction; only roll back a live one.
  if (db_ != nullptr && db_->InTransaction()) (void)db_->Exec("ROLLBACK");
}

absl::Status Transaction::Commit() {
  absl::Status status = db_->Exec("COMMIT");
  if (status.ok()) db_ = nullptr;
  return status;
}

ReaderPool::Lease::~Lease() {
  if (pool_ != nullptr && db_ != nullptr) pool_->Return(std::move(db_));
}

ReaderPool::~ReaderPool() {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.clear();
}

absl::StatusOr<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < options_.max_readers; });
    if (!idle_.empty()) {
      std::unique_ptr<Db> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
    ++open_;  // Reserved; opened below without holding the lock.
  }
  absl::StatusOr<std::unique_ptr<Db>> db = [&]() -> absl::StatusOr<std::unique_ptr<Db>> {
    absl::StatusOr<std::unique_ptr<Db>> opened =
        Db::Open(options_.path, {.create_if_missing = false, .read_only = true});
    if (!opened.ok()) return opened.status();
    absl::Status configured =
        (*opened)->Exec(fmt::format("PRAGMA busy_timeout = {}; PRAGMA cache_size = -{}",
                                    options_.busy_timeout_ms, options_.cache_mib * 1024));
    if (!configured.ok()) return configured;
    return opened;
  }();
  if (!db.ok()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --open_;
    }
    returned_.notify_one();
    return Prefixed(fmt::format("opening a reader of {}", options_.path), db.status());
  }
  return Lease(this, *std::move(db));
}

void ReaderPool::Return(std::unique_ptr<Db> db) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(db));
  }
  returned_.notify_one();
}

void ReaderPool::CloseIdle() {
  std::vector<std::unique_ptr<Db>> closing;
  {
    std::lock_guard<std::mutex> lock(mu_);
    open_ -= static_cast<int>(idle_.size());
    closing.swap(idle_);
  }
  returned_.notify_all();  // Room to open new ones.
}

}  // namespace ledd::store::sqlite
