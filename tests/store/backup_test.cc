// Backup and restore of the SQLite database (store/sqlite/backup.h) on real files: a
// backup taken while another connection keeps writing is the database as of one commit
// (its events are a prefix of the source's, and its rows agree with its events), and
// restore's refusals: an existing database without force, a database in use, a damaged
// file, a file that is not ledd's, a schema version newer than this build.

#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/backup.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::HasSubstr;

constexpr Timestamp kT0 = 1'700'000'000;

Member MakeMember(MemberId id) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = "First" + std::to_string(id);
  member.created_at = 1'500'000'000;
  return member;
}

std::unique_ptr<Store> Open(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

std::vector<Event> AllEvents(Store& store) {
  absl::StatusOr<std::vector<Event>> events = store.EventsAfter(0, 10'000'000);
  EXPECT_TRUE(events.ok()) << events.status();
  return events.ok() ? *events : std::vector<Event>{};
}

// A database of `members` members (one import), for a copy that takes a moment.
void Fill(const std::string& path, MemberId members) {
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  Dataset data;
  for (MemberId id = 1; id <= members; ++id) data.members.push_back(MakeMember(id));
  for (MemberId id = 2; id <= members; ++id) {
    data.connections.push_back({.a = id - 1, .b = id, .created_at = kT0});
  }
  ASSERT_TRUE(store->Import(data).ok());
}

void ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

TEST(SqliteBackup, IsOneMomentOfTheDatabaseWhileAnotherConnectionWrites) {
  testing::TempDir dir;
  const std::string source_path = dir.File("ledd.db");
  constexpr MemberId kImported = 50'000;
  Fill(source_path, kImported);

  // The writer is a second store on the same file, as `ledd serve` would be: each
  // round adds a member (one transaction) and has it invite member 1 (another).
  std::unique_ptr<Store> writer = Open(source_path);
  ASSERT_NE(writer, nullptr);
  std::atomic<int> rounds{0};
  std::atomic<bool> stop{false};
  std::atomic<bool> failed{false};
  std::thread writing([&] {
    for (MemberId id = kImported + 1; !stop.load(); ++id) {
      if (!writer->AddMember(MakeMember(id)).ok() ||
          !writer->SendInvitation({.from = id, .to = 1, .at = kT0}).ok()) {
        failed.store(true);
        return;
      }
      rounds.fetch_add(1);
    }
  });
  while (rounds.load() < 20 && !failed.load()) std::this_thread::yield();
  const int rounds_before = rounds.load();

  const std::string backup_path = dir.File("backup.db");
  absl::StatusOr<DatabaseSummary> backup = BackupSqliteDatabase(source_path, backup_path);
  const int rounds_during = rounds.load() - rounds_before;
  // Keep writing after the copy, so the source moves past it.
  const int rounds_after_backup = rounds.load();
  while (rounds.load() < rounds_after_backup + 20 && !failed.load()) std::this_thread::yield();
  stop.store(true);
  writing.join();
  ASSERT_FALSE(failed.load());
  ASSERT_TRUE(backup.ok()) << backup.status();
  RecordProperty("writes_during_backup", rounds_during);

  absl::StatusOr<DatabaseSummary> checked = CheckSqliteDatabase(backup_path);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->schema_version, SqliteSchemaVersion());
  EXPECT_EQ(checked->last_event, backup->last_event);

  std::unique_ptr<Store> copy = Open(backup_path);
  ASSERT_NE(copy, nullptr);
  const std::vector<Event> source_events = AllEvents(*writer);
  const std::vector<Event> copy_events = AllEvents(*copy);
  // Events: the import, then two per round; the copy has at least the rounds before
  // it began, and fewer than the source by the end.
  ASSERT_GE(copy_events.size(), 1u + 2u * rounds_before);
  ASSERT_LT(copy_events.size(), source_events.size());
  EXPECT_TRUE(std::equal(copy_events.begin(), copy_events.end(), source_events.begin()));
  EXPECT_EQ(copy_events.back().id, backup->last_event);

  // The rows are those of the same moment: one member per member-added event, one
  // pending invitation per invitation event.
  int64_t added = 0;
  int64_t invited = 0;
  for (const Event& event : copy_events) {
    added += event.kind == EventKind::kMemberAdded;
    invited += event.kind == EventKind::kInvitationChanged;
  }
  absl::StatusOr<Counts> counts = copy->Count();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->members, kImported + added);
  EXPECT_EQ(counts->invitations[static_cast<size_t>(InvitationState::kPending)], invited);
  EXPECT_EQ(counts->events, static_cast<int64_t>(copy_events.size()));
}

TEST(SqliteBackup, IsOneFileWithoutJournal) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 100);
  std::unique_ptr<Store> open_meanwhile = Open(dir.File("ledd.db"));  // WAL in use.
  ASSERT_TRUE(BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db")).ok());
  EXPECT_FALSE(std::ifstream(dir.File("b.db-wal")).good());
  EXPECT_FALSE(std::ifstream(dir.File("b.db.partial")).good());
  std::ifstream file(dir.File("b.db"), std::ios::binary);
  char header[20] = {};
  file.read(header, sizeof header);
  EXPECT_EQ(header[18], 1) << "file format: 1 = rollback journal, 2 = WAL";
}

TEST(SqliteBackup, RefusesAnExistingOutUnlessReplacing) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 10);
  std::ofstream(dir.File("b.db")) << "keep me";
  absl::StatusOr<DatabaseSummary> refused = BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(refused.status().message(), HasSubstr("--force"));
  std::string kept;
  std::getline(std::ifstream(dir.File("b.db")), kept);
  EXPECT_EQ(kept, "keep me");
  EXPECT_TRUE(
      BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db"), {.replace = true}).ok());
  EXPECT_TRUE(CheckSqliteDatabase(dir.File("b.db")).ok());
}

TEST(SqliteBackup, RefusesAMissingDatabaseWithoutCreatingIt) {
  testing::TempDir dir;
  absl::StatusOr<DatabaseSummary> missing =
      BackupSqliteDatabase(dir.File("none.db"), dir.File("b.db"));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::ifstream(dir.File("none.db")).good());
  EXPECT_FALSE(std::ifstream(dir.File("b.db")).good());
}

TEST(SqliteRestore, CreatesAMissingDatabaseFromABackup) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 30);
  ASSERT_TRUE(BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db")).ok());
  absl::StatusOr<DatabaseSummary> restored =
      RestoreSqliteDatabase(dir.File("b.db"), dir.File("new.db"));
  ASSERT_TRUE(restored.ok()) << restored.status();
  std::unique_ptr<Store> store = Open(dir.File("new.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Count()->members, 30);
  EXPECT_FALSE(std::ifstream(dir.File("new.db.restoring")).good());
}

TEST(SqliteRestore, ReplacesAnExistingDatabaseOnlyWithForce) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 30);
  ASSERT_TRUE(BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db")).ok());
  {
    std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
    ASSERT_TRUE(store->AddMember(MakeMember(31)).ok());  // Left in the WAL, not checkpointed.
  }
  absl::StatusOr<DatabaseSummary> refused =
      RestoreSqliteDatabase(dir.File("b.db"), dir.File("ledd.db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(refused.status().message(), HasSubstr("--force"));
  EXPECT_EQ(Open(dir.File("ledd.db"))->Count()->members, 31);

  ASSERT_TRUE(RestoreSqliteDatabase(dir.File("b.db"), dir.File("ledd.db"), {.force = true}).ok());
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  EXPECT_EQ(store->Count()->members, 30);
  EXPECT_TRUE(store->AddMember(MakeMember(31)).ok());
}

TEST(SqliteRestore, RefusesWhileTheDatabaseIsOpenElsewhere) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 10);
  ASSERT_TRUE(BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db")).ok());
  std::unique_ptr<Store> serving = Open(dir.File("ledd.db"));
  ASSERT_TRUE(serving->AddMember(MakeMember(11)).ok());
  absl::StatusOr<DatabaseSummary> refused =
      RestoreSqliteDatabase(dir.File("b.db"), dir.File("ledd.db"), {.force = true});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("in use"));
  EXPECT_EQ(serving->Count()->members, 11);
}

TEST(SqliteRestore, RefusesADamagedBackup) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 2'000);
  ASSERT_TRUE(BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db")).ok());
  {
    // Scribble over the middle of the file: b-tree pages no longer parse.
    std::fstream file(dir.File("b.db"), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(8 * 4096);
    const std::string junk(4 * 4096, '\x5a');
    file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  absl::StatusOr<DatabaseSummary> refused =
      RestoreSqliteDatabase(dir.File("b.db"), dir.File("new.db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss) << refused.status();
  EXPECT_FALSE(std::ifstream(dir.File("new.db")).good());

  std::ofstream(dir.File("text.db")) << "not a database at all, just some text\n";
  refused = RestoreSqliteDatabase(dir.File("text.db"), dir.File("new.db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss) << refused.status();
  EXPECT_FALSE(std::ifstream(dir.File("new.db")).good());
}

TEST(SqliteRestore, RefusesADatabaseThatIsNotLedds) {
  testing::TempDir dir;
  ExecSql(dir.File("other.db"), "CREATE TABLE things (x INTEGER)");
  absl::StatusOr<DatabaseSummary> refused =
      RestoreSqliteDatabase(dir.File("other.db"), dir.File("new.db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(refused.status().message(), HasSubstr("not a ledd database"));
}

TEST(SqliteRestore, RefusesASchemaNewerThanThisBuild) {
  testing::TempDir dir;
  Fill(dir.File("ledd.db"), 10);
  ASSERT_TRUE(BackupSqliteDatabase(dir.File("ledd.db"), dir.File("b.db")).ok());
  ExecSql(dir.File("b.db"), "PRAGMA user_version = " + std::to_string(SqliteSchemaVersion() + 1));
  absl::StatusOr<DatabaseSummary> refused =
      RestoreSqliteDatabase(dir.File("b.db"), dir.File("ledd.db"), {.force = true});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("newer than this ledd"));
  EXPECT_EQ(Open(dir.File("ledd.db"))->Count()->members, 10);  // Untouched.
}

TEST(SqliteRestore, KeepsAnOlderSchemaForTheNextOpenToMigrate) {
  testing::TempDir dir;
  {
    absl::StatusOr<std::unique_ptr<Store>> old =
        OpenSqliteStore({.path = dir.File("old.db"), .max_schema_version = 10});
    ASSERT_TRUE(old.ok()) << old.status();
  }
  absl::StatusOr<DatabaseSummary> restored =
      RestoreSqliteDatabase(dir.File("old.db"), dir.File("ledd.db"));
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->schema_version, 10);
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
}

}  // namespace
}  // namespace ledd::store
