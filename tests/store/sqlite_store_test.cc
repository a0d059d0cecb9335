// The SQLite store as SQLite: the settings its connections run with (WAL, foreign
// keys, busy timeout), the file (missing, reopened beside another connection, its
// integrity after an import), migrations from every older schema version, reads beside
// another connection's write lock, and the erasure checked against the schema itself.
// Where this needs a look at the file, the test opens its own sqlite3 connection.
// Behaviour every engine shares is in the contract suite (store_fixture.h).

#include "ledd/store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "fmt/core.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/sqlite/row_source.h"
#include "store/member_data_world.h"
#include "store/store_fixture.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Clock = std::chrono::steady_clock;

constexpr Timestamp kMidnight = 1'700'006'400;  // 00:00 UTC on a day.

// A second, independent connection to the file.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db_); }

  // All rows of `sql`, each a vector of its columns as text ("NULL" for NULL).
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_) << " in " << sql;
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int column = 0; column < sqlite3_column_count(stmt); ++column) {
        const unsigned char* text = sqlite3_column_text(stmt, column);
        row.push_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  // All rows of `sql`, each row's columns joined by '|'.
  std::vector<std::string> Query(const std::string& sql) {
    std::vector<std::string> joined;
    for (const std::vector<std::string>& row : Rows(sql)) {
      std::string line;
      for (size_t column = 0; column < row.size(); ++column) {
        if (column > 0) line += "|";
        line += row[column];
      }
      joined.push_back(line);
    }
    return joined;
  }
  std::string One(const std::string& sql) {
    std::vector<std::string> rows = Query(sql);
    return rows.empty() ? "<none>" : rows[0];
  }
  int64_t Count(const std::string& sql) { return std::stoll(One(sql)); }
  sqlite3* get() { return db_; }
  void Exec(const std::string& sql) {
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::unique_ptr<Store> Open(const std::string& path, int max_schema_version = 0) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = path, .max_schema_version = max_schema_version});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

// connections_by_b holds the pairs of connections by (b, a), no more and no fewer, and
// the triggers that keep it so are in place (schema.cc, v18).
void ExpectConnectionsByB(RawDb& raw) {
  EXPECT_EQ(raw.Query("SELECT b, a FROM connections_by_b"),
            raw.Query("SELECT b, a FROM connections ORDER BY b, a"));
  EXPECT_THAT(raw.Query("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND "
                        "tbl_name = 'connections' ORDER BY name"),
              ElementsAre("connections_by_b_delete", "connections_by_b_insert",
                          "connections_by_b_update"));
}

// MakeMember(id) that says it has a photo (as an older ledd could not store one).
Member WithPhoto(MemberId id) {
  Member member = MakeMember(id);
  member.has_photo = true;
  return member;
}

// A store opened on a fresh file with SmallDataset() imported.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open(path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->Import(SmallDataset()).ok());
  }

  testing::TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
  std::unique_ptr<Store> store_;
};

TEST(SqliteStoreOpen, RunsInWalModeWithForeignKeysAtTheLatestVersion) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  ASSERT_NE(store, nullptr);
  absl::StatusOr<SqliteSettings> settings = InspectSqliteStore(*store);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->journal_mode, "wal");
  EXPECT_TRUE(settings->foreign_keys);
  EXPECT_EQ(settings->busy_timeout_ms, 5000);
  EXPECT_EQ(settings->synchronous, 1);  // NORMAL
  EXPECT_EQ(settings->schema_version, SqliteSchemaVersion());
  EXPECT_EQ(SqliteSchemaVersion(), 19);

  // WAL is a property of the file: a second connection sees it too.
  RawDb raw(dir.File("ledd.db"));
  EXPECT_EQ(raw.One("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.One("PRAGMA user_version"), "19");
}

TEST(SqliteStoreOpen, MissingFileIsNotFoundWhenNotCreating) {
  testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = dir.File("absent.db"), .create_if_missing = false});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound);
}

TEST(SqliteStoreMigration, UpgradesAnOlderDatabaseAndKeepsItsData) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/1);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Import(SmallDataset()).ok());
    EXPECT_EQ(InspectSqliteStore(*store)->schema_version, 1);
  }
  {
    RawDb raw(path);
    EXPECT_EQ(raw.One("PRAGMA user_version"), "1");
    EXPECT_EQ(raw.One("SELECT name FROM sqlite_schema WHERE name = 'sessions'"), "<none>");
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  absl::StatusOr<Member> ola = store->GetMember(3);
  ASSERT_TRUE(ola.ok()) << ola.status();
  EXPECT_EQ(ola->headline, "Sivilingeniør");
  EXPECT_EQ(store->Count()->connections, 3);
  EXPECT_EQ(*store->LastEventId(), 1);

  RawDb raw(path);
  EXPECT_EQ(raw.One("PRAGMA user_version"), std::to_string(SqliteSchemaVersion()));
  EXPECT_EQ(raw.One("SELECT name FROM sqlite_schema WHERE name = 'sessions'"), "sessions");
  EXPECT_EQ(raw.One("SELECT name FROM sqlite_schema WHERE name = 'notifications'"),
            "notifications");
  // The new tables work, with their foreign keys.
  raw.Exec("PRAGMA foreign_keys = ON");
  raw.Exec("INSERT INTO notifications (member_id, kind, subject, created_at) VALUES (3, 'post', 50, 1)");
  EXPECT_EQ(raw.One("SELECT count(*) FROM notifications WHERE read_at IS NULL"), "1");
}

// Version 18 moves the lookups by b from an index to a table of the pairs by (b, a),
// kept by triggers, with the foreign key of b on it.
TEST(SqliteStoreMigration, Version18KeepsTheConnectionsByBInATable) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/17);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Import(SmallDataset()).ok());
  }
  EXPECT_EQ(RawDb(path).One("SELECT type FROM sqlite_schema WHERE name = 'connections_by_b'"),
            "index");
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);

  RawDb raw(path);
  EXPECT_EQ(raw.One("SELECT type FROM sqlite_schema WHERE name = 'connections_by_b'"), "table");
  EXPECT_EQ(raw.Count("SELECT count(*) FROM connections_by_b"), 3);
  ExpectConnectionsByB(raw);
  EXPECT_EQ(raw.One("PRAGMA integrity_check"), "ok");
  EXPECT_THAT(raw.Query("SELECT \"from\" FROM pragma_foreign_key_list('connections')"),
              ElementsAre("a"));
  EXPECT_THAT(raw.Query("SELECT \"from\" FROM pragma_foreign_key_list('connections_by_b')"),
              ElementsAre("b"));

  // The store's writes keep it, through the triggers.
  ASSERT_TRUE(store->RemoveConnection(3, 1).ok());
  ASSERT_TRUE(store->AddConnection({.a = 4, .b = 2, .created_at = 500}).ok());
  EXPECT_THAT(raw.Query("SELECT b, a FROM connections_by_b"), ElementsAre("2|1", "3|2", "4|2"));
  ExpectConnectionsByB(raw);

  // And the foreign key of b holds from there: neither a pair naming no member nor a
  // member still named as b can be written.
  raw.Exec("PRAGMA foreign_keys = ON");
  const std::vector<std::string> b_ends = raw.Query("SELECT b FROM connections ORDER BY b");
  ASSERT_FALSE(b_ends.empty());
  EXPECT_EQ(sqlite3_exec(raw.get(), "INSERT INTO connections (a, b, created_at) VALUES (1, 999, 1)",
                         nullptr, nullptr, nullptr),
            SQLITE_CONSTRAINT);
  EXPECT_EQ(sqlite3_exec(raw.get(), ("DELETE FROM members WHERE id = " + b_ends.back()).c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_CONSTRAINT);
  ExpectConnectionsByB(raw);
}

TEST(SqliteStoreMigration, RefusesADatabaseFromANewerLedd) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  const std::string newer = std::to_string(SqliteSchemaVersion() + 1);
  { ASSERT_NE(Open(path), nullptr); }
  { RawDb(path).Exec("PRAGMA user_version = " + newer); }
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(),
              HasSubstr("database schema version " + newer +
                        " is newer than this ledd supports (" +
                        std::to_string(SqliteSchemaVersion()) + "); upgrade ledd"));
  EXPECT_EQ(RawDb(path).One("PRAGMA user_version"), newer);  // Left untouched.
}

TEST(BlockStoreMigration, AVersion5DatabaseGainsBlocksAndKeepsItsData) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  InvitationId invitation = 0;
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/5);
    ASSERT_NE(store, nullptr);
    // Imported, not sent: this build's SendInvitation checks the blocks table, which
    // version 5 lacks, so the pending invitation is loaded as an older ledd left it.
    Dataset data = Members(2);
    invitation = 7;
    data.invitations.push_back({.id = invitation, .from = 1, .to = 2, .created_at = 5});
    ASSERT_TRUE(store->Import(data).ok());
    EXPECT_EQ(InspectSqliteStore(*store)->schema_version, 5);
    EXPECT_FALSE(store->ListBlocked(1).ok());  // Version 5 has no table for them.
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_GE(SqliteSchemaVersion(), 6);
  EXPECT_EQ(store->Count()->members, 2);
  EXPECT_EQ(store->GetInvitation(invitation)->state, InvitationState::kPending);
  EXPECT_EQ(*store->LastEventId(), 1);  // The import's.

  // The upgraded database blocks, resolving the invitation kept from version 5.
  absl::StatusOr<BlockWrite> write = store->Block(2, 1, 10);
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(store->GetInvitation(invitation)->state, InvitationState::kIgnored);
  EXPECT_TRUE(*store->IsBlocked(2, 1));
}

TEST(EmailInvitationStoreMigration, AVersion8DatabaseGainsEmailInvitationsAndKeepsItsData) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    // Version 8 is the last before email invitations (whatever number they get).
    absl::StatusOr<std::unique_ptr<Store>> old =
        OpenSqliteStore({.path = path, .max_schema_version = 8});
    ASSERT_TRUE(old.ok()) << old.status();
    Dataset data;
    for (MemberId id = 1; id <= 2; ++id) data.members.push_back(MakeMember(id));
    data.invitations.push_back({.id = 3, .from = 1, .to = 2, .created_at = kT0});
    ASSERT_TRUE((*old)->Import(data).ok());
    EXPECT_FALSE((*old)->ListEmailInvitations(1).ok());  // No table for them yet.
  }
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(InspectSqliteStore(**store)->schema_version, SqliteSchemaVersion());
  EXPECT_EQ((*store)->GetInvitation(3)->state, InvitationState::kPending);
  EXPECT_TRUE((*store)->ListEmailInvitations(1)->empty());
  // The invitation an older ledd stored counts against the weekly limit as before.
  absl::StatusOr<EmailInvitation> refused =
      (*store)->AddEmailInvitation({.from = 1,
                                    .email = "a@example.org",
                                    .token_hash = TokenHash("t"),
                                    .at = kT0 + 1,
                                    .weekly_limit = 1});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE((*store)
                  ->AddEmailInvitation({.from = 1,
                                        .email = "a@example.org",
                                        .token_hash = TokenHash("t"),
                                        .at = kT0 + 1,
                                        .weekly_limit = 2})
                  .ok());
}

TEST(ModerationStoreMigration, InvitationsReportedBeforeModerationOpenTheQueue) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    // Version 12 is the last before moderation (whatever number it gets).
    absl::StatusOr<std::unique_ptr<Store>> old =
        OpenSqliteStore({.path = path, .max_schema_version = 12});
    ASSERT_TRUE(old.ok()) << old.status();
    Dataset data;
    for (MemberId id = 1; id <= 2; ++id) {
      data.members.push_back(
          Member{.id = id, .handle = "m" + std::to_string(id), .created_at = kT0});
    }
    data.invitations.push_back(
        {.id = 3, .from = 1, .to = 2, .created_at = kT0, .state = InvitationState::kReported});
    ASSERT_TRUE((*old)->Import(data).ok());
  }
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<Report> open = *(*store)->ListReports({.state = ReportState::kOpen});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].subject, ReportSubject::kInvitation);
  EXPECT_EQ(open[0].subject_id, 3);
  EXPECT_EQ(open[0].reporter, 2);
  EXPECT_EQ(open[0].reported, 1);
}

TEST(PhotoStoreMigration, AnOlderDatabaseGainsPhotosAndKeepsItsMembers) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/8);
    ASSERT_NE(store, nullptr);
    Dataset data;
    data.members = {WithPhoto(1), MakeMember(2)};
    ASSERT_TRUE(store->Import(data).ok());
    EXPECT_FALSE(store->GetPhoto(1, PhotoSize::kLarge).ok());  // No table yet.
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_TRUE(store->GetMember(1)->has_photo);
  EXPECT_TRUE(absl::IsNotFound(store->GetPhoto(1, PhotoSize::kLarge).status()));
  ASSERT_TRUE(store->SetPhoto({.member = 2, .large = "L", .small = "s", .updated_at = 1}).ok());
  EXPECT_TRUE(store->GetMember(2)->has_photo);
}

TEST(ProfileStoreMigration, FoldsTheNamesOfAnOlderDatabase) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/8);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Import(ProfileNetwork()).ok());
    ASSERT_TRUE(
        store
            ->AddOrganization(
                {.id = 30, .kind = OrganizationKind::kSchool, .name = "Universitetet i Tromsø"})
            .ok());
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  absl::StatusOr<OrganizationWrite> found = store->FindOrAddOrganization(
      {.kind = OrganizationKind::kSchool, .name = "UNIVERSITETET I TROMSO"});
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_FALSE(found->created);
  EXPECT_EQ(found->organization.id, 30);
  found = store->FindOrAddOrganization({.kind = OrganizationKind::kCompany, .name = "Equinor_ASA"});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->organization.id, 10);
}

TEST(ProvenanceMigration, AVersion7DatabaseGainsOriginsViewTimesAndAppearances) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/7);
    ASSERT_NE(store, nullptr);
    Dataset data = Members(2);
    data.posts.push_back(
        {.id = 10, .author = 1, .title = "ESG", .body = "b", .created_at = kMidnight});
    data.invitations.push_back({.id = 7, .from = 2, .to = 1, .created_at = kMidnight});
    ASSERT_TRUE(store->Import(data).ok());
    // A version-7 view: a day, no time.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    const std::string insert = "INSERT INTO post_views (post_id, viewer, day) VALUES (10, 2, " +
                               std::to_string(kMidnight / kDay + 1) + ")";
    EXPECT_EQ(sqlite3_exec(raw, insert.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_EQ(store->GetInvitation(7)->via, InvitationVia{});
  // The start of the day it was read on.
  EXPECT_EQ(*store->FirstView(10, 2), kMidnight + kDay);
  EXPECT_THAT(*store->ListAppearances(1), IsEmpty());
}

TEST(SavedSearchStoreMigration, AVersion3DatabaseGainsSavedSearchesAndKeepsItsData) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  InvitationId invitation = 0;
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/3);
    ASSERT_NE(store, nullptr);
    // Imported, not sent: this build's SendInvitation checks tables that version 3
    // lacks (blocks), so the pending invitation is loaded as an older ledd left it.
    Dataset data = Members(2);
    invitation = 7;
    data.invitations.push_back({.id = invitation, .from = 1, .to = 2, .created_at = 5});
    ASSERT_TRUE(store->Import(data).ok());
    EXPECT_EQ(InspectSqliteStore(*store)->schema_version, 3);
    // Version 3 has no table for them.
    EXPECT_FALSE(store->ListSavedSearches(1).ok());
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_EQ(store->Count()->members, 2);
  absl::StatusOr<Invitation> kept = store->GetInvitation(invitation);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->state, InvitationState::kPending);
  EXPECT_EQ(*store->LastEventId(), 1);  // The import's.

  const SavedSearch search{.member = 2, .name = "oslo", .filters = {.city = "Oslo"}};
  ASSERT_TRUE(store->SaveSearch(search).ok());
  EXPECT_THAT(*store->ListSavedSearches(2), ElementsAre(search));
}

// What Import leaves in the file beyond what the Store reads show (the contract's
// CoreStoreTest.ImportRoundTripsEveryRecord): its columns as stored, the checks it
// suspended, the indexes it dropped and made again.
TEST_F(SqliteStoreTest, ImportLeavesTheFileConsistentWithItsIndexes) {
  RawDb raw(path_);
  EXPECT_THAT(raw.Query("SELECT id, from_member, to_member, note, created_at, state, kind, "
                        "updated_at FROM invitations ORDER BY id"),
              ElementsAre("7|4|3|Hei!|200|pending|stranger|200", "8|4|1||201|ignored||201",
                          "9|1|4||202|pending||202"));
  EXPECT_THAT(raw.Query("SELECT id, author, title, body, created_at, views FROM posts"),
              ElementsAre("50|3|Broer|Om broer.|400|12"));
  EXPECT_THAT(raw.Query("SELECT id, post_id, author, body, created_at FROM comments"),
              ElementsAre("60|50|1|Flott!|401"));
  EXPECT_EQ(raw.One("SELECT markets FROM members WHERE id = 3"), "NO;SE");
  // Import's suspended checks found nothing to complain about, and indexes came back.
  EXPECT_TRUE(raw.Query("PRAGMA foreign_key_check").empty());
  EXPECT_EQ(raw.One("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.One("SELECT count(*) FROM sqlite_schema WHERE name IN ('connections_by_b', "
                    "'members_handle', 'invitations_one_pending', 'follows_by_followee')"),
            "4");
}

TEST_F(SqliteStoreTest, ImportRestoresForeignKeysAndWal) {
  absl::StatusOr<SqliteSettings> settings = InspectSqliteStore(*store_);
  ASSERT_TRUE(settings.ok());
  EXPECT_TRUE(settings->foreign_keys);
  EXPECT_EQ(settings->journal_mode, "wal");
  // And after a failed import too.
  Dataset bad;
  bad.connections = {{.a = 1, .b = 99}};
  EXPECT_FALSE(store_->Import(bad).ok());
  settings = InspectSqliteStore(*store_);
  EXPECT_TRUE(settings->foreign_keys);
  EXPECT_EQ(settings->journal_mode, "wal");
  EXPECT_EQ(RawDb(path_).One("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteStoreTest, ImportBesideAnotherConnectionStaysInWal) {
  // Another connection keeps the file in WAL; the import still works, in WAL.
  absl::StatusOr<std::unique_ptr<Store>> other = OpenSqliteStore({.path = path_});
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Count().ok());
  Dataset data;
  data.members = {MakeMember(10)};
  data.connections = {{.a = 10, .b = 1}};
  absl::StatusOr<EventId> imported = store_->Import(data);
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(InspectSqliteStore(*store_)->journal_mode, "wal");
  EXPECT_EQ((*other)->Count()->connections, 4);
}

TEST(SqliteStoreImport, SparseIdsInAnyOrderLeaveTheFileIntact) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  ASSERT_NE(store, nullptr);
  // Sparse, large ids (LDBC style) and connections in scrambled order and direction, as
  // the contract's EmptyStoreTest.SortsConnectionsInAnyOrderAndSparseIds imports them.
  const std::vector<MemberId> ids = {4398046511104, 933, 2199023255594, 10995116277761, 7};
  Dataset data;
  for (MemberId id : ids) data.members.push_back(MakeMember(id));
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = i + 1; j < ids.size(); ++j) {
      data.connections.push_back((i + j) % 2 == 0 ? Connection{ids[i], ids[j]}
                                                  : Connection{ids[j], ids[i]});
    }
  }
  ASSERT_TRUE(store->Import(data).ok());
  RawDb raw(dir.File("ledd.db"));
  EXPECT_EQ(raw.One("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.Count("SELECT count(*) FROM connections_by_b"), 10);
  ExpectConnectionsByB(raw);
}

// Rows go to SQLite in one statement per table; every row keeps its own values, and a
// row the database refuses (here a trigger; validation lets nothing else through) is
// still named by its own row number, with nothing written.
TEST(SqliteStoreImport, RowsKeepTheirValuesAndARefusedRowIsNamed) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  ASSERT_NE(store, nullptr);
  Dataset data;
  for (MemberId id = 1; id <= 70; ++id) {
    data.members.push_back(MakeMember(id));
    if (id % 2 == 1) {
      data.members.back().markets = {.kind = Markets::Kind::kListed, .countries = {"NO", "SE"}};
    } else {
      data.members.back().markets.kind = Markets::Kind::kInternational;
    }
  }
  data.organizations = {{.id = 5, .name = "Equinor"}};
  for (int k = 0; k < 150; ++k) {
    data.positions.push_back({.member_id = 1 + k % 2,
                              .organization_id = 5,
                              .title = "title " + std::to_string(k),
                              .start = k,
                              .end = std::nullopt});
  }
  // 100 connections, last pair first (not in key order: planned before they are written).
  for (MemberId a = 35; a >= 1; --a) data.connections.push_back({.a = a + 2, .b = a});
  for (MemberId a = 65; a >= 1; --a) data.connections.push_back({.a = a, .b = a + 1});
  Dataset refused = data;
  refused.positions[99].title = "refused";  // Row 100.
  RawDb(dir.File("ledd.db"))
      .Exec("CREATE TRIGGER refuse BEFORE INSERT ON positions WHEN NEW.title = 'refused' "
            "BEGIN SELECT RAISE(ABORT, 'title refused'); END; "
            "CREATE TRIGGER refuse_pair BEFORE INSERT ON connections WHEN NEW.a = 20 AND "
            "NEW.b = 21 BEGIN SELECT RAISE(ABORT, 'pair refused'); END");
  absl::StatusOr<EventId> failed = store->Import(refused);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("positions row 100: "));
  EXPECT_THAT(failed.status().message(), HasSubstr("title refused"));
  EXPECT_EQ(RawDb(dir.File("ledd.db")).Count("SELECT count(*) FROM members"), 0);
  // (20, 21) is row 35 + (65 - 20) + 1 = 81 of the connections, and written 39th (in
  // key order).
  refused.positions[99].title = "accepted";
  failed = store->Import(refused);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("connections row 81: "));
  EXPECT_THAT(failed.status().message(), HasSubstr("pair refused"));
  RawDb(dir.File("ledd.db")).Exec("DROP TRIGGER refuse_pair");

  ASSERT_TRUE(store->Import(data).ok());
  RawDb raw(dir.File("ledd.db"));
  std::vector<std::string> expected;
  for (int k = 0; k < 150; ++k) {
    expected.push_back(fmt::format("{}|title {}|{}|NULL", 1 + k % 2, k, k));
  }
  EXPECT_EQ(raw.Query("SELECT member_id, title, start_at, end_at FROM positions ORDER BY start_at"),
            expected);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM connections"), 100);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM connections WHERE b = a + 1 OR b = a + 2"), 100);
  const std::string international = FormatMarkets(data.members[1].markets);
  EXPECT_THAT(raw.Query("SELECT id, markets FROM members WHERE id IN (1, 2, 63, 64, 70)"),
              ElementsAre("1|NO;SE", "2|" + international, "63|NO;SE", "64|" + international,
                          "70|" + international));
}

// ledd_rows gives each row's bound values, NULL for what a row did not bind, and nothing
// for an argument that is not rows bound by BindRowSource (SQL cannot make one up).
TEST(SqliteRowSource, ReadsTheBoundRowsAndNothingElse) {
  testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<sqlite::Db>> db =
      sqlite::Db::Open(dir.File("rows.db"), {.create_if_missing = true});
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE(sqlite::RegisterRowSource(**db).ok());
  const std::vector<std::string> texts = {"", "én", "two words", "'quoted'"};
  const sqlite::RowSource rows{
      .count = 4, .fill = [&](size_t k, sqlite::RowValues& values) {
        values.Bind(1, static_cast<int64_t>(k) - 2).Bind(2, std::string_view(texts[k]));
        if (k % 2 == 1) values.Bind(3, std::optional<int64_t>(k * 10));
        if (k == 0) values.Bind(3, std::optional<int64_t>());  // Row 2 binds no ?3.
      }};
  absl::StatusOr<std::string> sql = sqlite::InsertFromRows(
      "INSERT INTO t (a, b, c, d) VALUES (?1, ?2, coalesce(?3, -1), ?1 * 2)");
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(*sql,
            "INSERT INTO t (a, b, c, d) SELECT c0, c1, coalesce(c2, -1), c0 * 2 "
            "FROM ledd_rows(?1)");
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (a INTEGER, b TEXT, c INTEGER, d INTEGER)").ok());
  absl::StatusOr<sqlite::Statement> insert = (*db)->Prepare(*sql);
  ASSERT_TRUE(insert.ok()) << insert.status();
  ASSERT_TRUE(sqlite::BindRowSource(*insert, 1, &rows).ok());
  ASSERT_TRUE(insert->Run().ok());
  absl::StatusOr<sqlite::Statement> select =
      (*db)->Prepare("SELECT a, quote(b), c, d FROM t ORDER BY rowid");
  ASSERT_TRUE(select.ok());
  std::vector<std::string> read;
  while (*select->Step()) {
    read.push_back(fmt::format("{} {} {} {}", select->ColumnInt(0), select->ColumnText(1),
                               select->ColumnInt(2), select->ColumnInt(3)));
  }
  EXPECT_THAT(read, ElementsAre("-2 '' -1 -4", "-1 'én' 10 -2", "0 'two words' -1 0",
                                "1 '''quoted''' 30 2"));

  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM ledd_rows(1)"), 0);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM ledd_rows(NULL)"), 0);
  EXPECT_FALSE((*db)->QueryInt("SELECT count(*) FROM ledd_rows").ok());
  // Not from a view or trigger that a database file brings.
  ASSERT_TRUE((*db)->Exec("CREATE VIEW v AS SELECT c0 FROM ledd_rows(1)").ok());
  EXPECT_FALSE((*db)->QueryInt("SELECT count(*) FROM v").ok());
  EXPECT_FALSE(sqlite::InsertFromRows("INSERT INTO t (a) VALUES (?25)").ok());
  EXPECT_FALSE(sqlite::InsertFromRows("DELETE FROM t").ok());
}

// The connections of an import go through ledd_rows, in key order whether the
// rows came sorted or not, with the values given.
TEST(SqliteStoreImport, ConnectionsSortedOrNotKeepTheirValues) {
  for (const bool sorted : {true, false}) {
    SCOPED_TRACE(sorted ? "sorted" : "not sorted");
    testing::TempDir dir;
    std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
    ASSERT_NE(store, nullptr);
    Dataset data;
    for (MemberId id = 1; id <= 40; ++id) data.members.push_back(MakeMember(id));
    std::vector<std::string> expected;
    for (MemberId a = 1; a <= 40; ++a) {
      for (MemberId b = a + 1; b <= 40; b += a) {
        data.connections.push_back({.a = a, .b = b, .created_at = a * 1000 + b});
        expected.push_back(fmt::format("{}|{}|{}", a, b, a * 1000 + b));
      }
    }
    if (!sorted) {
      std::reverse(data.connections.begin(), data.connections.end());
      for (size_t k = 0; k < data.connections.size(); k += 2) {
        std::swap(data.connections[k].a, data.connections[k].b);
      }
    }
    ASSERT_TRUE(store->Import(data).ok());
    RawDb raw(dir.File("ledd.db"));
    EXPECT_EQ(raw.Query("SELECT a, b, created_at FROM connections"), expected);
    EXPECT_EQ(raw.One("PRAGMA integrity_check"), "ok");
    ExpectConnectionsByB(raw);

    // Into a table with rows the triggers fill connections_by_b.
    Dataset more;
    more.members = {MakeMember(41)};
    more.connections = {{.a = 41, .b = 7}, {.a = 2, .b = 41}};
    ASSERT_TRUE(store->Import(more).ok());
    EXPECT_EQ(raw.Count("SELECT count(*) FROM connections_by_b WHERE b = 41"), 2);
    ExpectConnectionsByB(raw);
  }
}

// One writer connection: events are numbered 1, 2, 3, ... in commit order, without
// gaps until an erasure deletes some (the contract promises only ascending ids).
TEST(SqliteStoreEvents, OneWriterNumbersEventsWithoutGaps) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->Import(Dataset{}), 1);
  ASSERT_TRUE(store->Import(SmallDataset()).ok());
  EXPECT_FALSE(store->AddMember(MakeMember(1)).ok());  // A failed write takes no id.
  std::vector<std::thread> threads;
  for (MemberId first : {100, 200, 300}) {
    threads.emplace_back([&store, first] {
      for (MemberId id = first; id < first + 20; ++id) {
        EXPECT_TRUE(store->AddMember(MakeMember(id)).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<Event> events = *store->EventsAfter(0, 1000);
  ASSERT_EQ(events.size(), 62u);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].id, static_cast<EventId>(i + 1));
  }
  EXPECT_EQ(*store->LastEventId(), 62);
}

// A second connection to the file that holds its write lock until Release().
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  ~WriteLockHolder() {
    Release();
    sqlite3_close_v2(db_);
  }
  void Release() {
    if (!held_) return;
    held_ = false;
    EXPECT_EQ(sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  }

 private:
  sqlite3* db_ = nullptr;
  bool held_ = true;
};

double SecondsOf(const std::function<void()>& call) {
  const Clock::time_point start = Clock::now();
  call();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class SqliteReadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store =
        OpenSqliteStore({.path = path_, .busy_timeout_ms = kBusyTimeoutMs});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    Dataset data;
    data.members = {MakeMember(1), MakeMember(2)};
    ASSERT_TRUE(store_->Import(data).ok());
    ASSERT_TRUE(
        store_
            ->AddAccount(
                {.member = 1, .email = "ada@example.org", .password_hash = "h", .created_at = 1})
            .ok());
    ASSERT_TRUE(store_
                    ->AddSession({.token_hash = "token-hash",
                                  .member = 1,
                                  .csrf_hash = "csrf-hash",
                                  .created_at = 1,
                                  .expires_at = 4'000'000'000})
                    .ok());
  }

  static constexpr int kBusyTimeoutMs = 4000;
  testing::TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteReadersTest, ReadsDoNotWaitForAWriteStuckOnAnotherConnectionsLock) {
  WriteLockHolder other(path_);
  // A write of ours that must wait for the other connection's lock.
  std::atomic<bool> write_done = false;
  absl::Status write_status;
  std::thread writer([&] {
    write_status = store_->AddMember(MakeMember(3)).status();
    write_done = true;
  });
  // Let the writer reach its wait (it holds whatever the store's writes hold).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_FALSE(write_done);

  // Well under the busy timeout: the reads did not queue behind the stuck write.
  auto expect_prompt = [](const char* read, const std::function<bool()>& call) {
    bool ok = false;
    const double seconds = SecondsOf([&] { ok = call(); });
    EXPECT_TRUE(ok) << read;
    EXPECT_LT(seconds, 1.0) << read << " waited for the write";
  };
  expect_prompt("GetSession", [&] { return store_->GetSession("token-hash").ok(); });
  expect_prompt("GetAccountByEmail",
                [&] { return store_->GetAccountByEmail("ada@example.org").ok(); });
  expect_prompt("GetMember", [&] { return store_->GetMember(2).ok(); });
  expect_prompt("GetPositions", [&] { return store_->GetPositions(2).ok(); });
  expect_prompt("ListInvitations", [&] { return store_->ListInvitations(1, {}).ok(); });
  expect_prompt("EventsAfter", [&] { return store_->EventsAfter(0, 100).ok(); });
  expect_prompt("Count", [&] { return store_->Count().ok(); });
  EXPECT_FALSE(write_done) << "the write did not wait for the lock: the test proves nothing";

  other.Release();
  writer.join();
  EXPECT_TRUE(write_status.ok()) << write_status;
  // Read-your-writes: a read after the commit sees it.
  EXPECT_EQ(store_->GetMember(3)->handle, "member-3");
}

TEST_F(SqliteReadersTest, AnImportAfterReadsIsSeenByTheNextRead) {
  // The import closes idle readers (so that it may leave WAL for its duration,
  // import.cc); the readers opened again afterwards read the imported rows.
  absl::StatusOr<std::unique_ptr<Store>> fresh = OpenSqliteStore({.path = dir_.File("b.db")});
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE((*fresh)->GetMember(1).status().code() == absl::StatusCode::kNotFound);
  Dataset data;
  data.members = {MakeMember(5)};
  ASSERT_TRUE((*fresh)->Import(data).ok());
  EXPECT_EQ((*fresh)->GetMember(5)->handle, "member-5");
  absl::StatusOr<SqliteSettings> settings = InspectSqliteStore(**fresh);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->journal_mode, "wal");
}

// The erasure checked against the schema: every column of every table that refers to
// members, and every text column (the contract's
// MemberDataStoreTest.ErasureLeavesNothingOfTheMemberAndKeepsOthersWhole checks it
// through the Store's reads).
TEST(SqliteMemberData, ErasureLeavesNoRowOrTextOfTheMemberInAnyTable) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  PostId ada_post = 0;
  PostId bo_post = 0;
  AddAdaAndHerNeighbours(*store, ada_post, bo_post);
  if (HasFatalFailure()) return;
  ASSERT_TRUE(store->EraseMember(1).ok());

  RawDb raw(path);
  // Every column of every table that refers to members: no row names member 1. The
  // schema says which: tables other features add are checked without listing them.
  int referencing_columns = 0;
  for (const auto& table : raw.Rows("SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite_%'")) {
    for (const auto& key : raw.Rows("PRAGMA foreign_key_list(" + table[0] + ")")) {
      // id|seq|table|from|to|...
      if (key[2] != "members") continue;
      ++referencing_columns;
      EXPECT_EQ(raw.Count("SELECT count(*) FROM " + table[0] + " WHERE " + key[3] + " = 1"), 0)
          << table[0] << "." << key[3];
    }
    // No text anywhere holds her name or email (posts titled with it, notes signed).
    for (const auto& column : raw.Rows("PRAGMA table_info(" + table[0] + ")")) {
      for (const char* needle : {"Lovelace", "ada@example.org", "Ada here", "From Ada"}) {
        EXPECT_EQ(raw.Count("SELECT count(*) FROM " + table[0] + " WHERE CAST(" + column[1] +
                            " AS TEXT) LIKE '%" + needle + "%'"),
                  0)
            << table[0] << "." << column[1] << " holds " << needle;
      }
    }
  }
  EXPECT_GE(referencing_columns, 20);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM members WHERE id = 1"), 0);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM photos"), 0);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM email_invitations"), 0);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM deletion_requests"), 0);
  // Reports about her go with her audit; Cy's report of Bo's post stays.
  EXPECT_EQ(raw.Count("SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM moderation_audit WHERE target = 1"), 0);
  // Bo's comment went with her post; her comment on Bo's post went with her.
  EXPECT_EQ(raw.Count("SELECT count(*) FROM comments"), 1);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM notifications WHERE kind = 'new_comment' AND "
                      "subject NOT IN (SELECT id FROM comments)"),
            0);

  // The event log names no row that is gone.
  for (const auto& event : raw.Rows("SELECT kind, a FROM events WHERE kind IN "
                                    "('post_added', 'post_viewed', 'comment_added')")) {
    const std::string table = event[0] == "comment_added" ? "comments" : "posts";
    EXPECT_EQ(raw.Count("SELECT count(*) FROM " + table + " WHERE id = " + event[1]), 1)
        << event[0] << " " << event[1] << " names a row that is gone";
  }
}

}  // namespace
}  // namespace ledd::store
