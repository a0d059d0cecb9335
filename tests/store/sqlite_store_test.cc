// The SQLite store against real database files in a temporary directory. Where the
// Store interface has no read for something (invitations, posts, PRAGMAs of the file),
// the test opens its own sqlite3 connection to the same file and looks.

#include "ledd/store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A second, independent connection to the file.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db_); }

  // All rows of `sql`, each row's columns joined by '|'.
  std::vector<std::string> Query(const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int column = 0; column < sqlite3_column_count(stmt); ++column) {
        if (column > 0) row += "|";
        const unsigned char* text = sqlite3_column_text(stmt, column);
        row += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
      }
      rows.push_back(row);
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  std::string One(const std::string& sql) {
    std::vector<std::string> rows = Query(sql);
    return rows.empty() ? "<none>" : rows[0];
  }
  void Exec(const std::string& sql) {
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

Member MakeMember(MemberId id) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = "First" + std::to_string(id);
  member.last_name = "Last";
  member.created_at = 1'500'000'000 + id;
  return member;
}

std::unique_ptr<Store> Open(const std::string& path, int max_schema_version = 0) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = path, .max_schema_version = max_schema_version});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

// A small network with one of every record, in deliberately unsorted order.
Dataset SmallDataset() {
  Dataset data;
  Member ola = MakeMember(3);
  ola.handle = "ola";
  ola.first_name = "Ola";
  ola.last_name = "Nordmann";
  ola.headline = "Sivilingeniør";
  ola.summary = "Bygger broer, \"store\" og små.";
  ola.has_photo = true;
  ola.city = "Oslo";
  ola.country = "NO";
  ola.industry = "Civil Engineering";
  ola.email = "ola@example.no";
  ola.policy = Policy::kSelective;
  ola.markets = {.kind = Markets::Kind::kListed, .countries = {"NO", "SE"}};
  ola.connections_visibility = ConnectionsVisibility::kOnlyMe;
  Member kari = MakeMember(1);
  kari.markets.kind = Markets::Kind::kInternational;
  data.members = {ola, kari, MakeMember(2), MakeMember(4)};
  data.organizations = {
      {.id = 10, .kind = OrganizationKind::kCompany, .name = "Statkraft", .industry = "Energy", .country = "NO"},
      {.id = 20, .kind = OrganizationKind::kSchool, .name = "NTNU", .industry = "Education", .country = "NO"},
  };
  data.positions = {
      {.member_id = 3, .organization_id = 10, .title = "Engineer", .start = 1'300'000'000},
      {.member_id = 1, .organization_id = 10, .title = "CEO", .start = 1'200'000'000, .end = 1'400'000'000},
      {.member_id = 3, .organization_id = 10, .title = "Senior Engineer", .start = 1'400'000'000},
  };
  data.educations = {
      {.member_id = 3, .school_id = 20, .field = "Civil Engineering", .degree = "MSc", .start = 1'100'000'000, .end = 1'250'000'000},
  };
  data.connections = {{.a = 3, .b = 1, .created_at = 100}, {.a = 1, .b = 2, .created_at = 101},
                      {.a = 2, .b = 3, .created_at = 102}};
  data.invitations = {
      {.id = 7, .from = 4, .to = 3, .note = "Hei!", .created_at = 200, .state = InvitationState::kPending, .kind = "stranger"},
      {.id = 8, .from = 4, .to = 1, .created_at = 201, .state = InvitationState::kIgnored},
      {.id = 9, .from = 1, .to = 4, .created_at = 202, .state = InvitationState::kPending},
  };
  data.follows = {{.follower = 4, .followee = 3, .created_at = 300}, {.follower = 1, .followee = 3, .created_at = 301}};
  data.posts = {{.id = 50, .author = 3, .title = "Broer", .body = "Om broer.", .created_at = 400, .views = 12}};
  data.comments = {{.id = 60, .post_id = 50, .author = 1, .body = "Flott!", .created_at = 401}};
  return data;
}

// A store opened on a fresh file with SmallDataset() imported.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open(path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->Import(SmallDataset()).ok());
  }

  Counts CountOrDie() {
    absl::StatusOr<Counts> counts = store_->Count();
    EXPECT_TRUE(counts.ok()) << counts.status();
    return counts.ok() ? *counts : Counts{};
  }
  EventId LastEvent() {
    absl::StatusOr<EventId> last = store_->LastEventId();
    EXPECT_TRUE(last.ok()) << last.status();
    return last.ok() ? *last : -1;
  }
  std::vector<Connection> Connections() {
    std::vector<Connection> connections;
    EXPECT_TRUE(store_->ForEachConnection([&](const Connection& c) { connections.push_back(c); }).ok());
    return connections;
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
  EXPECT_EQ(SqliteSchemaVersion(), 17);

  // WAL is a property of the file: a second connection sees it too.
  RawDb raw(dir.File("ledd.db"));
  EXPECT_EQ(raw.One("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.One("PRAGMA user_version"), "17");
}

TEST(SqliteStoreOpen, MissingFileIsNotFoundWhenNotCreating) {
  testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = dir.File("absent.db"), .create_if_missing = false});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound);
}

TEST(SqliteStoreOpen, ReopeningKeepsTheData) {
  testing::TempDir dir;
  {
    std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
    ASSERT_TRUE(store->Import(SmallDataset()).ok());
  }
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  absl::StatusOr<Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->members, 4);
  EXPECT_EQ(counts->connections, 3);
}

// in_directory (schema v9): imported, read back and changed by UpdateMember.
TEST(SqliteStoreOpen, KeepsTheDirectorySetting) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  Dataset data = SmallDataset();
  data.members[0].in_directory = false;
  ASSERT_TRUE(store->Import(data).ok());
  absl::StatusOr<Member> stored = store->GetMember(data.members[0].id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, data.members[0]);
  EXPECT_TRUE(store->GetMember(data.members[1].id)->in_directory);
  stored->in_directory = true;
  ASSERT_TRUE(store->UpdateMember(*stored).ok());
  EXPECT_TRUE(store->GetMember(data.members[0].id)->in_directory);
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

TEST_F(SqliteStoreTest, ImportRoundTripsEveryRecord) {
  const Dataset data = SmallDataset();

  std::vector<Member> members;
  ASSERT_TRUE(store_->ForEachMember([&](const Member& m) { members.push_back(m); }).ok());
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(members[0], data.members[1]);  // By id: 1, 2, 3, 4.
  EXPECT_EQ(members[1], data.members[2]);
  EXPECT_EQ(members[2], data.members[0]);
  EXPECT_EQ(members[3], data.members[3]);
  EXPECT_EQ(*store_->GetMember(3), data.members[0]);
  EXPECT_EQ(store_->GetMember(99).status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(*store_->MemberIds(), ElementsAre(1, 2, 3, 4));

  std::vector<Organization> organizations;
  ASSERT_TRUE(store_->ForEachOrganization([&](const Organization& o) { organizations.push_back(o); }).ok());
  EXPECT_EQ(organizations, data.organizations);
  EXPECT_EQ(*store_->GetOrganization(20), data.organizations[1]);
  EXPECT_EQ(store_->GetOrganization(21).status().code(), absl::StatusCode::kNotFound);

  // Positions by member, then in the order given.
  std::vector<Position> positions;
  ASSERT_TRUE(store_->ForEachPosition([&](const Position& p) { positions.push_back(p); }).ok());
  EXPECT_THAT(positions, ElementsAre(data.positions[1], data.positions[0], data.positions[2]));
  EXPECT_THAT(*store_->GetPositions(3), ElementsAre(data.positions[0], data.positions[2]));
  EXPECT_TRUE(store_->GetPositions(2)->empty());
  std::vector<Education> educations;
  ASSERT_TRUE(store_->ForEachEducation([&](const Education& e) { educations.push_back(e); }).ok());
  EXPECT_EQ(educations, data.educations);
  EXPECT_EQ(*store_->GetEducations(3), data.educations);

  // Stored once per pair with a < b, in (a, b) order.
  EXPECT_THAT(Connections(), ElementsAre(Connection{1, 2, 101}, Connection{1, 3, 100},
                                         Connection{2, 3, 102}));
  std::vector<Follow> follows;
  ASSERT_TRUE(store_->ForEachFollow([&](const Follow& f) { follows.push_back(f); }).ok());
  EXPECT_THAT(follows, ElementsAre(data.follows[1], data.follows[0]));

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

  Counts expected;
  expected.members = 4;
  expected.organizations = 2;
  expected.positions = 3;
  expected.educations = 1;
  expected.connections = 3;
  expected.invitations = {2, 0, 1, 0, 0};
  expected.follows = 2;
  expected.posts = 1;
  expected.comments = 1;
  expected.events = 1;
  EXPECT_EQ(CountOrDie(), expected);
  EXPECT_THAT(*store_->EventsAfter(0, 10),
              ElementsAre(::testing::Field(&Event::kind, EventKind::kImport)));
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

TEST_F(SqliteStoreTest, EveryWriteAppendsOneEvent) {
  const EventId before = LastEvent();
  Member eva = MakeMember(5);
  absl::StatusOr<EventId> added = store_->AddMember(eva);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, before + 1);
  EXPECT_EQ(*store_->GetMember(5), eva);

  eva.headline = "Data Engineer";
  eva.markets.kind = Markets::Kind::kInternational;
  ASSERT_TRUE(store_->UpdateMember(eva).ok());
  EXPECT_EQ(*store_->GetMember(5), eva);

  ASSERT_TRUE(store_->AddOrganization({.id = 30, .kind = OrganizationKind::kCompany, .name = "Equinor"}).ok());
  const std::vector<Position> positions = {{.member_id = 5, .organization_id = 30, .title = "Analyst", .start = 10}};
  const std::vector<Education> educations = {{.member_id = 5, .school_id = 20, .field = "Physics"}};
  ASSERT_TRUE(store_->ReplaceBackground(5, positions, educations).ok());
  EXPECT_EQ(*store_->GetPositions(5), positions);
  EXPECT_EQ(*store_->GetEducations(5), educations);

  ASSERT_TRUE(store_->AddConnection({.a = 5, .b = 2, .created_at = 7}).ok());  // Reversed.
  ASSERT_TRUE(store_->AddFollow({.follower = 5, .followee = 3, .created_at = 8}).ok());
  ASSERT_TRUE(store_->RemoveFollow(5, 3).ok());
  ASSERT_TRUE(store_->RemoveConnection(5, 2).ok());  // Either order.
  absl::StatusOr<EventId> last = store_->AddConnection({.a = 4, .b = 3, .created_at = 9});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, LastEvent());

  absl::StatusOr<std::vector<Event>> events = store_->EventsAfter(before, 100);
  ASSERT_TRUE(events.ok());
  std::vector<std::tuple<EventKind, int64_t, int64_t>> seen;
  EventId previous = before;
  for (const Event& event : *events) {
    EXPECT_EQ(event.id, previous + 1);
    EXPECT_GT(event.at, 1'600'000'000);  // Wall-clock time of the write.
    previous = event.id;
    seen.emplace_back(event.kind, event.a, event.b);
  }
  EXPECT_THAT(seen, ElementsAre(std::tuple(EventKind::kMemberAdded, 5, 0),
                                std::tuple(EventKind::kMemberUpdated, 5, 0),
                                std::tuple(EventKind::kOrganizationAdded, 30, 0),
                                std::tuple(EventKind::kMemberUpdated, 5, 0),
                                std::tuple(EventKind::kConnectionAdded, 2, 5),
                                std::tuple(EventKind::kFollowAdded, 5, 3),
                                std::tuple(EventKind::kFollowRemoved, 5, 3),
                                std::tuple(EventKind::kConnectionRemoved, 2, 5),
                                std::tuple(EventKind::kConnectionAdded, 3, 4)));
  EXPECT_THAT(*store_->EventsAfter(before, 2), ::testing::SizeIs(2));
  EXPECT_TRUE(store_->EventsAfter(LastEvent(), 10)->empty());
  EXPECT_EQ(CountOrDie().events, LastEvent());
}

TEST_F(SqliteStoreTest, FailedWritesReturnTheirCodeAndChangeNothing) {
  const Counts counts_before = CountOrDie();
  const EventId events_before = LastEvent();
  const std::vector<Position> background_before = *store_->GetPositions(3);

  struct Case {
    std::string name;
    absl::Status status;
    absl::StatusCode code;
    std::string message;
  };
  Member taken_handle = MakeMember(6);
  taken_handle.handle = "ola";
  Member updated_ola = *store_->GetMember(3);
  updated_ola.handle = "member-1";
  Member empty_handle = MakeMember(7);
  empty_handle.handle = "";
  const Case cases[] = {
      {"duplicate member", store_->AddMember(MakeMember(1)).status(),
       absl::StatusCode::kAlreadyExists, "member 1 already exists"},
      {"taken handle", store_->AddMember(taken_handle).status(),
       absl::StatusCode::kAlreadyExists, "handle \"ola\" is taken by member 3"},
      {"empty handle", store_->AddMember(empty_handle).status(),
       absl::StatusCode::kInvalidArgument, "empty handle"},
      {"update unknown", store_->UpdateMember(MakeMember(42)).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"update to taken handle", store_->UpdateMember(updated_ola).status(),
       absl::StatusCode::kAlreadyExists, "handle \"member-1\" is taken by member 1"},
      {"background of unknown member", store_->ReplaceBackground(42, {}, {}).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"background at unknown organization",
       store_->ReplaceBackground(3, {{.member_id = 3, .organization_id = 99}}, {}).status(),
       absl::StatusCode::kNotFound, "organization 99 does not exist"},
      {"background at unknown school",
       store_->ReplaceBackground(3, {}, {{.member_id = 3, .school_id = 98}}).status(),
       absl::StatusCode::kNotFound, "school 98 does not exist"},
      {"background of someone else",
       store_->ReplaceBackground(3, {{.member_id = 1, .organization_id = 10}}, {}).status(),
       absl::StatusCode::kInvalidArgument, "names member 1"},
      {"duplicate organization", store_->AddOrganization({.id = 10}).status(),
       absl::StatusCode::kAlreadyExists, "organization 10 already exists"},
      {"self-connection", store_->AddConnection({.a = 2, .b = 2}).status(),
       absl::StatusCode::kInvalidArgument, "member 2 cannot connect to itself"},
      {"connection to unknown", store_->AddConnection({.a = 2, .b = 42}).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"existing pair, reversed", store_->AddConnection({.a = 3, .b = 1}).status(),
       absl::StatusCode::kAlreadyExists, "members 1 and 3 are already connected"},
      {"remove absent pair", store_->RemoveConnection(1, 4).status(),
       absl::StatusCode::kNotFound, "members 1 and 4 are not connected"},
      {"self-follow", store_->AddFollow({.follower = 3, .followee = 3}).status(),
       absl::StatusCode::kInvalidArgument, "member 3 cannot follow itself"},
      {"follow unknown", store_->AddFollow({.follower = 3, .followee = 42}).status(),
       absl::StatusCode::kNotFound, "member 42 does not exist"},
      {"existing follow", store_->AddFollow({.follower = 4, .followee = 3}).status(),
       absl::StatusCode::kAlreadyExists, "member 4 already follows member 3"},
      {"remove absent follow", store_->RemoveFollow(3, 4).status(),
       absl::StatusCode::kNotFound, "member 3 does not follow member 4"},
      {"negative limit", store_->EventsAfter(0, -1).status(),
       absl::StatusCode::kInvalidArgument, "negative limit"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.code(), c.code) << c.name << ": " << c.status;
    EXPECT_THAT(c.status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(CountOrDie(), counts_before);
  EXPECT_EQ(LastEvent(), events_before);
  EXPECT_EQ(*store_->GetPositions(3), background_before);
  EXPECT_EQ(store_->GetMember(3)->handle, "ola");
}

TEST(SqliteStoreLimits, AMemberHasAtMostMaxConnections) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  // A hub (id 0) connected to kMaxConnections members, plus two spare members.
  Dataset data;
  for (MemberId id = 0; id <= kMaxConnections + 2; ++id) data.members.push_back(MakeMember(id));
  for (MemberId id = 1; id <= kMaxConnections; ++id) {
    data.connections.push_back({.a = id, .b = 0, .created_at = id});
  }
  Dataset over = data;
  over.connections.push_back({.a = 0, .b = kMaxConnections + 1});
  absl::Status refused = store->Import(over).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_THAT(refused.message(),
              HasSubstr("connections row 30001: member 0 would have more than 30000"));
  EXPECT_EQ(*store->LastEventId(), 0);

  ASSERT_TRUE(store->Import(data).ok());
  absl::Status status = store->AddConnection({.a = kMaxConnections + 1, .b = 0}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_THAT(status.message(), HasSubstr("member 0 already has 30000 connections"));
  // Between members below the limit it still works.
  EXPECT_TRUE(store->AddConnection({.a = kMaxConnections + 1, .b = kMaxConnections + 2}).ok());

  // An import that adds to the hub counts the stored connections too.
  Dataset more;
  more.members = {MakeMember(kMaxConnections + 3)};
  more.connections = {{.a = kMaxConnections + 3, .b = 0}};
  refused = store->Import(more).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_THAT(refused.message(), HasSubstr("connections row 1: member 0"));
}

TEST_F(SqliteStoreTest, ImportIsAllOrNothing) {
  const Counts before = CountOrDie();
  Dataset data;
  for (MemberId id = 100; id < 200; ++id) data.members.push_back(MakeMember(id));
  for (MemberId id = 101; id < 200; ++id) data.connections.push_back({.a = 100, .b = id});
  data.follows.push_back({.follower = 100, .followee = 3});
  data.comments.push_back({.id = 61, .post_id = 50, .author = 100});
  data.connections.push_back({.a = 150, .b = 777});  // The last row is bad.
  absl::Status status = store_->Import(data).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_EQ(status.message(), "connections row 100: member 777 does not exist");
  EXPECT_EQ(CountOrDie(), before);

  data.connections.pop_back();
  ASSERT_TRUE(store_->Import(data).ok());
  Counts after = CountOrDie();
  EXPECT_EQ(after.members, before.members + 100);
  EXPECT_EQ(after.connections, before.connections + 99);
  EXPECT_EQ(after.events, before.events + 1);
}

// Each constraint, checked in memory before anything is written, with the table and
// row in the message. Rows refer to the vectors of `data` (1-based) and may point at
// members that SmallDataset() already stored.
TEST_F(SqliteStoreTest, ImportNamesTheOffendingRow) {
  struct Case {
    std::string name;
    Dataset data;
    absl::StatusCode code;
    std::string message;
  };
  std::vector<Case> cases;
  {
    Dataset data;
    data.members = {MakeMember(10), MakeMember(11), MakeMember(10)};
    data.members[2].handle = "other";
    cases.push_back({"duplicate member id", data, absl::StatusCode::kAlreadyExists,
                     "members row 3: member 10 is also row 1"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10), MakeMember(2)};
    cases.push_back({"stored member id", data, absl::StatusCode::kAlreadyExists,
                     "members row 2: member 2 already exists"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10), MakeMember(11)};
    data.members[1].handle = "member-10";
    cases.push_back({"duplicate handle", data, absl::StatusCode::kAlreadyExists,
                     "members row 2: handle \"member-10\" is also row 1"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10)};
    data.members[0].handle = "ola";
    cases.push_back({"stored handle", data, absl::StatusCode::kAlreadyExists,
                     "members row 1: handle \"ola\" is taken by member 3"});
  }
  {
    Dataset data;
    data.organizations = {{.id = 20}};
    cases.push_back({"stored organization", data, absl::StatusCode::kAlreadyExists,
                     "organizations row 1: organization 20 already exists"});
  }
  {
    Dataset data;
    data.positions = {{.member_id = 1, .organization_id = 10}, {.member_id = 1, .organization_id = 11}};
    cases.push_back({"unknown organization", data, absl::StatusCode::kNotFound,
                     "positions row 2: organization 11 does not exist"});
  }
  {
    Dataset data;
    data.educations = {{.member_id = 77, .school_id = 20}};
    cases.push_back({"education of unknown member", data, absl::StatusCode::kNotFound,
                     "educations row 1: member 77 does not exist"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10)};
    data.connections = {{.a = 10, .b = 1}, {.a = 4, .b = 4}};
    cases.push_back({"self-connection", data, absl::StatusCode::kInvalidArgument,
                     "connections row 2: member 4 cannot connect to itself"});
  }
  {
    Dataset data;
    data.members = {MakeMember(10)};
    data.connections = {{.a = 10, .b = 1}, {.a = 4, .b = 2}, {.a = 1, .b = 10}};
    cases.push_back({"duplicate pair, reversed", data, absl::StatusCode::kAlreadyExists,
                     "connections row 3: members 1 and 10 are already connected by row 1"});
  }
  {
    Dataset data;
    data.connections = {{.a = 4, .b = 1}, {.a = 2, .b = 1}};
    cases.push_back({"stored pair", data, absl::StatusCode::kAlreadyExists,
                     "connections row 2: members 1 and 2 are already connected"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 30, .from = 2, .to = 4}, {.id = 31, .from = 4, .to = 2}};
    cases.push_back({"two pending invitations, reversed", data, absl::StatusCode::kAlreadyExists,
                     "invitations row 2: members 2 and 4 already have a pending invitation (row 1)"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 30, .from = 2, .to = 4, .state = InvitationState::kAccepted},
                        {.id = 31, .from = 3, .to = 4}};
    cases.push_back({"pending beside a stored one", data, absl::StatusCode::kAlreadyExists,
                     "invitations row 2: members 3 and 4 already have a pending invitation"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 8, .from = 2, .to = 4}};
    cases.push_back({"stored invitation id", data, absl::StatusCode::kAlreadyExists,
                     "invitations row 1: invitation 8 already exists"});
  }
  {
    Dataset data;
    std::string long_note;
    for (int i = 0; i < 301; ++i) long_note += "ø";
    data.invitations = {{.id = 30, .from = 2, .to = 4, .note = long_note}};
    cases.push_back({"long note", data, absl::StatusCode::kInvalidArgument,
                     "invitations row 1: the note has 301 characters; at most 300"});
  }
  {
    Dataset data;
    data.invitations = {{.id = 30, .from = 2, .to = 2}};
    cases.push_back({"self-invitation", data, absl::StatusCode::kInvalidArgument,
                     "invitations row 1: member 2 cannot invite itself"});
  }
  {
    Dataset data;
    data.follows = {{.follower = 2, .followee = 3}, {.follower = 2, .followee = 3}};
    cases.push_back({"duplicate follow", data, absl::StatusCode::kAlreadyExists,
                     "follows row 2: member 2 already follows member 3 (row 1)"});
  }
  {
    Dataset data;
    data.follows = {{.follower = 1, .followee = 3}};
    cases.push_back({"stored follow", data, absl::StatusCode::kAlreadyExists,
                     "follows row 1: member 1 already follows member 3"});
  }
  {
    Dataset data;
    data.follows = {{.follower = 2, .followee = 2}};
    cases.push_back({"self-follow", data, absl::StatusCode::kInvalidArgument,
                     "follows row 1: member 2 cannot follow itself"});
  }
  {
    Dataset data;
    data.posts = {{.id = 51, .author = 88}};
    cases.push_back({"post by unknown member", data, absl::StatusCode::kNotFound,
                     "posts row 1: member 88 does not exist"});
  }
  {
    Dataset data;
    data.comments = {{.id = 61, .post_id = 50, .author = 1}, {.id = 62, .post_id = 52, .author = 1}};
    cases.push_back({"comment on unknown post", data, absl::StatusCode::kNotFound,
                     "comments row 2: post 52 does not exist"});
  }
  {
    Dataset data;
    data.comments = {{.id = 61, .post_id = 50, .author = 1}, {.id = 61, .post_id = 50, .author = 2}};
    cases.push_back({"duplicate comment id", data, absl::StatusCode::kAlreadyExists,
                     "comments row 2: comment 61 is also row 1"});
  }

  const Counts before = CountOrDie();
  for (const Case& c : cases) {
    absl::Status status = store_->Import(c.data).status();
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status;
    EXPECT_THAT(status.message(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(CountOrDie(), before);

  // The boundaries that must pass: a 300-character note, and a pending invitation
  // beside one for the same pair that is no longer pending.
  Dataset fine;
  std::string note;
  for (int i = 0; i < 300; ++i) note += "ø";
  fine.invitations = {{.id = 30, .from = 2, .to = 4, .note = note, .state = InvitationState::kWithdrawn},
                      {.id = 31, .from = 4, .to = 2}};
  absl::StatusOr<EventId> imported = store_->Import(fine);
  EXPECT_TRUE(imported.ok()) << imported.status();
}

TEST(SqliteStoreImport, SortsConnectionsInAnyOrderAndSparseIds) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  // Sparse, large ids (LDBC style) and connections in scrambled order and direction.
  const std::vector<MemberId> ids = {4398046511104, 933, 2199023255594, 10995116277761, 7};
  Dataset data;
  for (MemberId id : ids) data.members.push_back(MakeMember(id));
  std::vector<Connection> expected;
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = i + 1; j < ids.size(); ++j) {
      const Timestamp t = static_cast<Timestamp>(i * 10 + j);
      data.connections.push_back((i + j) % 2 == 0 ? Connection{ids[i], ids[j], t}
                                                  : Connection{ids[j], ids[i], t});
      expected.push_back({std::min(ids[i], ids[j]), std::max(ids[i], ids[j]), t});
    }
  }
  std::sort(expected.begin(), expected.end(),
            [](const Connection& x, const Connection& y) { return std::pair(x.a, x.b) < std::pair(y.a, y.b); });
  ASSERT_TRUE(store->Import(data).ok());
  std::vector<Connection> stored;
  ASSERT_TRUE(store->ForEachConnection([&](const Connection& c) { stored.push_back(c); }).ok());
  EXPECT_EQ(stored, expected);
  EXPECT_THAT(*store->MemberIds(), ElementsAre(7, 933, 2199023255594, 4398046511104, 10995116277761));
  // The index on b came back and is used for the limit check.
  EXPECT_EQ(RawDb(dir.File("ledd.db")).One("PRAGMA integrity_check"), "ok");
}

TEST(SqliteStoreImport, AnEmptyImportIsStillOneEvent) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  absl::StatusOr<EventId> event = store->Import(Dataset{});
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(*event, 1);
  EXPECT_EQ(store->Count()->events, 1);
}

TEST(SqliteStoreConcurrency, ThreadsWritingAndReadingSeeConsistentData) {
  testing::TempDir dir;
  std::unique_ptr<Store> store = Open(dir.File("ledd.db"));
  constexpr int kWriters = 4;
  constexpr int kMembersPerWriter = 50;
  std::atomic<bool> done = false;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      const MemberId first = 1000 * (writer + 1);
      for (MemberId id = first; id < first + kMembersPerWriter; ++id) {
        if (!store->AddMember(MakeMember(id)).ok()) ++failures;
        if (id > first && !store->AddConnection({.a = id - 1, .b = id}).ok()) ++failures;
      }
    });
  }
  for (int reader = 0; reader < 2; ++reader) {
    threads.emplace_back([&] {
      while (!done) {
        absl::StatusOr<Counts> counts = store->Count();
        int64_t connections = 0;
        absl::Status scanned =
            store->ForEachConnection([&](const Connection& c) { connections += c.a < c.b; });
        absl::StatusOr<std::vector<Event>> events = store->EventsAfter(0, 1000);
        if (!counts.ok() || !scanned.ok() || !events.ok()) ++failures;
        // Every connection needs both members in place first.
        if (counts.ok() && counts->connections > counts->members) ++failures;
      }
    });
  }
  for (int writer = 0; writer < kWriters; ++writer) threads[writer].join();
  done = true;
  for (size_t i = kWriters; i < threads.size(); ++i) threads[i].join();

  EXPECT_EQ(failures, 0);
  absl::StatusOr<Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->members, kWriters * kMembersPerWriter);
  EXPECT_EQ(counts->connections, kWriters * (kMembersPerWriter - 1));
  EXPECT_EQ(counts->events, counts->members + counts->connections);
  absl::StatusOr<std::vector<Event>> events = store->EventsAfter(0, 10'000);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(static_cast<int64_t>(events->size()), counts->events);
  for (size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].id, static_cast<EventId>(i + 1));
}

TEST(SqliteStoreConcurrency, TwoStoresOnOneFileShareIt) {
  // Two connections (as two processes would have): WAL lets both work, writes of one
  // are visible to the other, and the busy timeout absorbs lock contention.
  testing::TempDir dir;
  std::unique_ptr<Store> first = Open(dir.File("ledd.db"));
  std::unique_ptr<Store> second = Open(dir.File("ledd.db"));
  std::atomic<int> failures = 0;
  auto write = [&](Store* store, MemberId first_id) {
    for (MemberId id = first_id; id < first_id + 50; ++id) {
      if (!store->AddMember(MakeMember(id)).ok()) ++failures;
    }
  };
  std::thread a(write, first.get(), 1);
  std::thread b(write, second.get(), 1001);
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(first->Count()->members, 100);
  EXPECT_EQ(*second->LastEventId(), 100);
}

}  // namespace
}  // namespace ledd::store
