#include "ledd/store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/sqlite/schema.h"

namespace ledd::store {
namespace {

using sqlite::Db;
using sqlite::MessageOf;
using sqlite::Prefixed;
using sqlite::SqliteError;
using sqlite::Statement;

bool Exists(const std::string& path) {
  std::error_code error;
  return std::filesystem::exists(path, error);
}

int64_t FileSize(const std::string& path) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<int64_t>(size);
}

// Removes `path` and the journal files SQLite may have left beside it.
void RemoveWithJournals(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

// The directory entry of a rename reaches the disk only when the directory is synced.
absl::Status SyncDirectoryOf(const std::string& path) {
  std::filesystem::path directory = std::filesystem::path(path).parent_path();
  if (directory.empty()) directory = ".";
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return absl::UnavailableError(
        fmt::format("opening {}: {}", directory.string(), std::strerror(errno)));
  }
  const int synced = ::fsync(fd);
  const int saved_errno = errno;
  ::close(fd);
  if (synced != 0) {
    return absl::UnavailableError(
        fmt::format("syncing {}: {}", directory.string(), std::strerror(saved_errno)));
  }
  return absl::OkStatus();
}

absl::Status Rename(const std::string& from, const std::string& to) {
  std::error_code error;
  std::filesystem::rename(from, to, error);
  if (error) {
    return absl::UnavailableError(fmt::format("renaming {} to {}: {}", from, to, error.message()));
  }
  return SyncDirectoryOf(to);
}

// Copies every page of `source` into `destination` in one backup step, that is inside
// one read transaction of `source`: a consistent copy however busy the writers are. (In
// smaller steps, a write by another connection between two steps restarts the copy,
// which under steady writes may never finish.)
absl::Status CopyPages(Db& source, Db& destination, int busy_timeout_ms) {
  sqlite3_backup* backup = sqlite3_backup_init(destination.get(), "main", source.get(), "main");
  if (backup == nullptr) {
    return SqliteError(destination.get(), sqlite3_extended_errcode(destination.get()),
                       "starting the backup");
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  int step = SQLITE_OK;
  while (true) {
    step = sqlite3_backup_step(backup, -1);
    if (step == SQLITE_DONE) break;
    const bool busy = step == SQLITE_BUSY || step == SQLITE_LOCKED;
    if (!busy || std::chrono::steady_clock::now() >= deadline) break;
    sqlite3_sleep(20);
  }
  const int finish = sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) return SqliteError(nullptr, step, "copying the database");
  if (finish != SQLITE_OK) {
    return SqliteError(destination.get(), finish, "finishing the backup");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> HasTable(Db& db, const char* table) {
  LEDD_ASSIGN_OR_RETURN(Statement statement,
                        db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"));
  statement.Bind(1, std::string_view(table));
  return statement.Step();
}

// Version and newest event of an open database, and the file's size.
absl::StatusOr<DatabaseSummary> Summarize(Db& db, const std::string& path) {
  DatabaseSummary summary;
  LEDD_ASSIGN_OR_RETURN(summary.schema_version, db.QueryInt("PRAGMA user_version"));
  LEDD_ASSIGN_OR_RETURN(bool has_events, HasTable(db, "events"));
  if (has_events) {
    LEDD_ASSIGN_OR_RETURN(summary.last_event,
                          db.QueryInt("SELECT COALESCE(MAX(id), 0) FROM events"));
  }
  summary.bytes = FileSize(path);
  return summary;
}

// The rows of an integrity or quick check: "ok" alone when the file is sound.
absl::Status RunCheck(Db& db, const char* pragma, const std::string& path) {
  LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(pragma));
  std::vector<std::string> problems;
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    std::string line = statement.ColumnText(0);
    if (line == "ok") continue;
    if (problems.size() < 5) problems.push_back(std::move(line));
  }
  if (problems.empty()) return absl::OkStatus();
  std::string joined;
  for (const std::string& problem : problems) {
    joined += joined.empty() ? "" : "; ";
    joined += problem;
  }
  return absl::DataLossError(fmt::format("{} is damaged: {}", path, joined));
}

// Opens a finished copy at `path`, checks it and leaves it in rollback-journal mode: one
// self-contained file. (The copy of page 1 carries the source's WAL flag; only a new
// connection sees it, so the switch happens after reopening.)
absl::StatusOr<DatabaseSummary> SealCopy(const std::string& path) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Db::Open(path, {.create_if_missing = false}));
  LEDD_RETURN_IF_ERROR(RunCheck(*db, "PRAGMA quick_check", path));
  LEDD_ASSIGN_OR_RETURN(std::string mode, db->QueryText("PRAGMA journal_mode = DELETE"));
  if (mode != "delete") {
    return absl::InternalError(
        fmt::format("{}: journal mode is \"{}\" instead of delete", path, mode));
  }
  return Summarize(*db, path);
}

}  // namespace

absl::StatusOr<DatabaseSummary> BackupSqliteDatabase(const std::string& database,
                                                     const std::string& out,
                                                     const BackupOptions& options) {
  if (database.empty() || out.empty()) return absl::InvalidArgumentError("no path given");
  if (!Exists(database)) {
    return absl::NotFoundError(fmt::format("database {} does not exist", database));
  }
  if (Exists(out) && !options.replace) {
    return absl::AlreadyExistsError(
        fmt::format("{} exists; choose a new name or pass --force to replace it", out));
  }
  // Read-write without create: a read-only connection could not build the WAL index
  // of a database no other process has open.
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> source,
                        Db::Open(database, {.create_if_missing = false}));
  LEDD_RETURN_IF_ERROR(source->Exec(fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout_ms)));

  const std::string partial = out + ".partial";
  RemoveWithJournals(partial);  // Left by an interrupted backup.
  absl::StatusOr<DatabaseSummary> summary = [&]() -> absl::StatusOr<DatabaseSummary> {
    {
      LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> copy, Db::Open(partial, {}));
      if (absl::Status copied = CopyPages(*source, *copy, options.busy_timeout_ms);
          !copied.ok()) {
        return Prefixed(fmt::format("backing up {}", database), copied);
      }
    }
    LEDD_ASSIGN_OR_RETURN(DatabaseSummary sealed, SealCopy(partial));
    LEDD_RETURN_IF_ERROR(Rename(partial, out));
    sealed.bytes = FileSize(out);
    return sealed;
  }();
  if (!summary.ok()) RemoveWithJournals(partial);
  return summary;
}

absl::StatusOr<DatabaseSummary> CheckSqliteDatabase(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("no path given");
  if (!Exists(path)) return absl::NotFoundError(fmt::format("{} does not exist", path));
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Db::Open(path, {.read_only = true}));
  absl::Status checked = RunCheck(*db, "PRAGMA integrity_check", path);
  if (!checked.ok()) {
    // A file that is not a database fails the first read with NOTADB (DataLoss).
    if (checked.code() == absl::StatusCode::kDataLoss) return checked;
    return Prefixed(path, checked);
  }
  absl::StatusOr<bool> has_events = HasTable(*db, "events");
  if (!has_events.ok()) return Prefixed(path, has_events.status());
  LEDD_ASSIGN_OR_RETURN(DatabaseSummary summary, Summarize(*db, path));
  if (!*has_events || summary.schema_version < 1) {
    return absl::DataLossError(fmt::format("{} is not a ledd database", path));
  }
  const int latest = sqlite::LatestSchemaVersion();
  if (summary.schema_version > latest) {
    return absl::FailedPreconditionError(
        fmt::format("{} has schema version {}, newer than this ledd supports ({}); upgrade ledd",
                    path, summary.schema_version, latest));
  }
  return summary;
}

absl::StatusOr<DatabaseSummary> RestoreSqliteDatabase(const std::string& backup,
                                                      const std::string& database,
                                                      const RestoreOptions& options) {
  if (database.empty()) return absl::InvalidArgumentError("no database path given");
  LEDD_ASSIGN_OR_RETURN(DatabaseSummary checked, CheckSqliteDatabase(backup));
  const bool replacing = Exists(database);
  if (replacing && !options.force) {
    return absl::AlreadyExistsError(
        fmt::format("database {} exists; pass --force to replace it", database));
  }
  struct stat old_file {};
  const bool have_old_file = replacing && ::stat(database.c_str(), &old_file) == 0;
  if (replacing) {
    // Leaving WAL needs the file to ourselves: this fails at once if another
    // connection (a running server) has it open, and otherwise checkpoints and removes
    // its WAL, which must not outlive the file it belongs to. A damaged database
    // cannot be switched; it is replaced all the same.
    absl::StatusOr<std::unique_ptr<Db>> old = Db::Open(database, {.create_if_missing = false});
    if (old.ok()) {
      LEDD_RETURN_IF_ERROR((*old)->Exec("PRAGMA busy_timeout = 0"));
      absl::StatusOr<std::string> mode = (*old)->QueryText("PRAGMA journal_mode = DELETE");
      if (!mode.ok() && mode.status().code() == absl::StatusCode::kUnavailable) {
        return absl::FailedPreconditionError(fmt::format(
            "database {} is in use by another process; stop ledd serve before restoring",
            database));
      }
    }
  }

  const std::string partial = database + ".restoring";
  RemoveWithJournals(partial);
  absl::Status restored = [&]() -> absl::Status {
    {
      LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> source, Db::Open(backup, {.read_only = true}));
      LEDD_ASSIGN_OR_RETURN(std::unique_ptr<Db> copy, Db::Open(partial, {}));
      if (absl::Status copied = CopyPages(*source, *copy, 5000); !copied.ok()) {
        return Prefixed(fmt::format("restoring {}", backup), copied);
      }
    }
    LEDD_RETURN_IF_ERROR(SealCopy(partial).status());
    if (have_old_file) {
      // As root for a service user: the server must still own its database.
      (void)::chown(partial.c_str(), old_file.st_uid, old_file.st_gid);
      (void)::chmod(partial.c_str(), old_file.st_mode & 07777);
    }
    // No journal of the old file may be applied to the new one.
    std::error_code ignored;
    std::filesystem::remove(database + "-wal", ignored);
    std::filesystem::remove(database + "-shm", ignored);
    std::filesystem::remove(database + "-journal", ignored);
    return Rename(partial, database);
  }();
  if (!restored.ok()) {
    RemoveWithJournals(partial);
    return restored;
  }
  checked.bytes = FileSize(database);
  return checked;
}

}  // namespace ledd::store
