// ledd backup | restore: copies of the database file made while it is in use, and
// putting one back (store/sqlite/backup.h has the guarantees).

#include <memory>
#include <string>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/store/postgres/postgres_store.h"
#include "ledd/store/sqlite/backup.h"

namespace ledd::cli {
namespace {

struct BackupFlags {
  std::string db;
  std::string file;  // OUT for backup, BACKUP for restore.
  bool force = false;
};

std::string Describe(const store::DatabaseSummary& summary) {
  return fmt::format("schema version {}, last event {}, {:.1f} MiB", summary.schema_version,
                     summary.last_event, static_cast<double>(summary.bytes) / (1024 * 1024));
}

// Backups of a PostgreSQL database are PostgreSQL's business (docs/deployment.md).
absl::Status SqliteOnly(const std::string& db, std::string_view command) {
  if (!store::IsPostgresUri(db)) return absl::OkStatus();
  return absl::InvalidArgumentError(fmt::format(
      "ledd {} is for a SQLite file; back up a PostgreSQL database with its own tools "
      "(pg_dump, pg_basebackup, or a backup tool such as pgBackRest): docs/deployment.md",
      command));
}

absl::Status RunBackup(const BackupFlags& flags) {
  LEDD_RETURN_IF_ERROR(SqliteOnly(flags.db, "backup"));
  LEDD_ASSIGN_OR_RETURN(store::DatabaseSummary summary,
                        store::BackupSqliteDatabase(flags.db, flags.file,
                                                    {.replace = flags.force}));
  fmt::print("backed up {} to {} ({})\n", flags.db, flags.file, Describe(summary));
  return absl::OkStatus();
}

absl::Status RunRestore(const BackupFlags& flags) {
  LEDD_RETURN_IF_ERROR(SqliteOnly(flags.db, "restore"));
  LEDD_ASSIGN_OR_RETURN(store::DatabaseSummary summary,
                        store::RestoreSqliteDatabase(flags.file, flags.db,
                                                     {.force = flags.force}));
  fmt::print("restored {} from {} ({})\n", flags.db, flags.file, Describe(summary));
  return absl::OkStatus();
}

}  // namespace

void AddBackupCommands(Commands& commands) {
  auto backup = std::make_shared<BackupFlags>();
  CLI::App* backup_app = commands.Add(
      "backup",
      "Copy the database to OUT while it is in use (a consistent copy of one moment, "
      "checked, in one file)",
      [backup] { return RunBackup(*backup); });
  backup_app->add_option("--db", backup->db, "SQLite database file")->required();
  backup_app->add_option("OUT", backup->file, "The backup file to write")->required();
  backup_app->add_flag("--force", backup->force, "Replace OUT if it exists");

  auto restore = std::make_shared<BackupFlags>();
  CLI::App* restore_app = commands.Add(
      "restore",
      "Replace the database with a backup, after checking the backup's integrity and "
      "schema version (stop ledd serve first)",
      [restore] { return RunRestore(*restore); });
  restore_app->add_option("--db", restore->db, "SQLite database file to create or replace")
      ->required();
  restore_app->add_option("BACKUP", restore->file, "A file written by ledd backup")->required();
  restore_app->add_flag("--force", restore->force, "Replace an existing database");
}

}  // namespace ledd::cli
