// The PostgreSQL import's index handling: the indexes and constraints of tables that are
// empty before an import are dropped for the COPY and rebuilt after it. Afterwards the
// catalog is as the schema made it, whether the import committed or failed after the
// drop; the rebuilt constraints still refuse what they did. Needs the run's PostgreSQL
// cluster (CTest fixture postgres_cluster).

#include <unistd.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/postgres/postgres_store.h"
#include "testing/postgres_cluster.h"

namespace ledd::store {
namespace {

using ::testing::HasSubstr;

// Every index and constraint of the public schema, one per line, sorted.
constexpr char kCatalog[] =
    "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
    "SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes "
    "WHERE schemaname = 'public' UNION ALL "
    "SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ': ' || "
    "pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
    ") lines";

class PostgresImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = testing::PostgresTestUri();
    if (cluster_.empty()) GTEST_SKIP() << "no PostgreSQL test cluster (LEDD_TEST_POSTGRES)";
    static int next = 0;
    database_ = absl::StrCat("t_import_", ::getpid(), "_", next++);
    ASSERT_TRUE(testing::RunSql(cluster_, "CREATE DATABASE " + database_).ok());
    absl::StatusOr<std::unique_ptr<Store>> store =
        OpenPostgresStore({.conninfo = testing::WithDatabase(cluster_, database_)});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  void TearDown() override {
    store_.reset();
    if (!database_.empty()) {
      (void)testing::RunSql(cluster_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    }
  }

  std::string Sql(const std::string& statement) {
    absl::StatusOr<std::string> done =
        testing::RunSql(testing::WithDatabase(cluster_, database_), statement);
    EXPECT_TRUE(done.ok()) << done.status();
    return done.ok() ? *done : "";
  }

  // Members 1..20, each connected to the next, following 1, with a post and a comment.
  static Dataset Network() {
    Dataset data;
    for (MemberId id = 1; id <= 20; ++id) {
      data.members.push_back(
          {.id = id, .handle = absl::StrCat("m", id), .first_name = "Kari", .created_at = 10});
      if (id > 1) {
        data.connections.push_back({.a = id - 1, .b = id, .created_at = 10});
        data.follows.push_back({.follower = id, .followee = 1, .created_at = 10});
      }
    }
    data.organizations.push_back(
        {.id = 1, .kind = OrganizationKind::kCompany, .name = "Acme", .country = "NO"});
    data.positions.push_back({.member_id = 2, .organization_id = 1, .title = "Engineer"});
    data.posts.push_back({.id = 1, .author = 1, .title = "Hello", .body = "World", .created_at = 10});
    data.comments.push_back({.id = 1, .post_id = 1, .author = 2, .body = "Hi", .created_at = 11});
    return data;
  }

  std::string cluster_;
  std::string database_;
  std::unique_ptr<Store> store_;
};

TEST_F(PostgresImportTest, AnImportIntoEmptyTablesLeavesEveryIndexAndConstraint) {
  const std::string before = Sql(kCatalog);
  ASSERT_THAT(before, HasSubstr("index connections_pkey"));
  ASSERT_THAT(before, HasSubstr("index members_handle"));
  ASSERT_TRUE(store_->Import(Network()).ok());
  EXPECT_EQ(Sql(kCatalog), before);

  // The rebuilt ones hold: a second handle, pair or follow is refused by the database
  // itself, not only by the store's checks.
  absl::StatusOr<std::string> handle = testing::RunSql(
      testing::WithDatabase(cluster_, database_),
      "INSERT INTO members (id, handle, created_at) VALUES (99, 'm3', 10)");
  EXPECT_FALSE(handle.ok());
  EXPECT_THAT(handle.status().message(), HasSubstr("members_handle"));
  absl::StatusOr<std::string> pair =
      testing::RunSql(testing::WithDatabase(cluster_, database_),
                      "INSERT INTO connections (a, b, created_at) VALUES (1, 2, 10)");
  EXPECT_FALSE(pair.ok());
  EXPECT_THAT(pair.status().message(), HasSubstr("connections_pkey"));
  absl::StatusOr<std::string> follow =
      testing::RunSql(testing::WithDatabase(cluster_, database_),
                      "INSERT INTO follows (follower, followee, created_at) VALUES (2, 1, 10)");
  EXPECT_FALSE(follow.ok());
  EXPECT_THAT(follow.status().message(), HasSubstr("follows_pkey"));
  EXPECT_EQ(Sql("SELECT count(*) FROM connections"), "19");

  // A second import into tables that now hold rows keeps their indexes as they are.
  Dataset more;
  more.members.push_back({.id = 21, .handle = "m21", .created_at = 10});
  more.connections.push_back({.a = 1, .b = 21, .created_at = 10});
  ASSERT_TRUE(store_->Import(more).ok());
  EXPECT_EQ(Sql(kCatalog), before);
  EXPECT_EQ(Sql("SELECT count(*) FROM connections"), "20");
}

TEST_F(PostgresImportTest, AnImportTheServerRefusesAfterTheDropRestoresTheIndexes) {
  const std::string before = Sql(kCatalog);
  // A NUL in a post's text passes the store's checks; the server refuses it in the COPY
  // of posts, after the indexes of every table were dropped.
  Dataset data = Network();
  data.posts[0].body = std::string("a\0b", 3);
  absl::Status refused = store_->Import(data).status();
  EXPECT_FALSE(refused.ok());
  EXPECT_THAT(refused.message(), HasSubstr("posts"));
  EXPECT_EQ(Sql(kCatalog), before);
  EXPECT_EQ(Sql("SELECT count(*) FROM members"), "0");

  data.posts[0].body = "ab";
  ASSERT_TRUE(store_->Import(data).ok());
  EXPECT_EQ(Sql(kCatalog), before);
}

}  // namespace
}  // namespace ledd::store
