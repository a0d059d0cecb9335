// The PostgreSQL test servers: the run's shared cluster (CTest fixture postgres_cluster)
// answers through the URI it publishes, and clusters of a test's own replicate, fail over
// and recover from a kill.

#include "testing/postgres_cluster.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace ledd::testing {
namespace {

// Polls `statement` on `uri` until it prints `expected` (10 s at most); the last answer.
std::string WaitForAnswer(const std::string& uri, const std::string& statement,
                          const std::string& expected) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    absl::StatusOr<std::string> answer = RunSql(uri, statement);
    last = answer.ok() ? *answer : answer.status().ToString();
    if (last == expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return last;
}

TEST(PostgresFixture, TheRunsClusterAnswersThroughItsUri) {
  const std::string uri = PostgresTestUri();
  ASSERT_FALSE(uri.empty()) << "LEDD_TEST_POSTGRES_FILE is not set";
  EXPECT_TRUE(uri.starts_with("postgresql://postgres@127.0.0.1:")) << uri;
  EXPECT_EQ(RunSql(uri, "SELECT 1").value_or("refused"), "1");
  // PostgreSQL 15, listening on loopback only.
  const std::string version = RunSql(uri, "SHOW server_version_num").value_or("0");
  EXPECT_TRUE(version.starts_with("15")) << version;
  EXPECT_EQ(RunSql(uri, "SHOW listen_addresses").value_or(""), "127.0.0.1");
  // The fixture's own cluster, not the machine's: its data lies beside the URI file.
  if (std::getenv("LEDD_TEST_POSTGRES") == nullptr) {
    const std::filesystem::path file = std::getenv("LEDD_TEST_POSTGRES_FILE");
    EXPECT_EQ(RunSql(uri, "SHOW data_directory").value_or(""),
              std::filesystem::canonical(file.parent_path() / "data").string());
  }
}

TEST(PostgresFixture, TestsKeepTheirRowsInADatabaseOfTheirOwn) {
  const std::string uri = PostgresTestUri();
  ASSERT_FALSE(uri.empty());
  const std::string database = "t_cluster_" + std::to_string(::getpid());
  ASSERT_TRUE(RunSql(uri, "DROP DATABASE IF EXISTS " + database).ok());
  ASSERT_TRUE(RunSql(uri, "CREATE DATABASE " + database).ok());
  const std::string own = WithDatabase(uri, database);
  ASSERT_TRUE(RunSql(own,
                     "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
                     "INSERT INTO t VALUES (1, 'Ada'), (2, 'Åse')")
                  .ok());
  EXPECT_EQ(RunSql(own, "SELECT id, name FROM t ORDER BY id").value_or(""), "1|Ada\n2|Åse");
  // A refusal carries the server's message.
  absl::StatusOr<std::string> duplicate = RunSql(own, "INSERT INTO t VALUES (1, 'again')");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_TRUE(absl::StrContains(duplicate.status().message(), "duplicate key"))
      << duplicate.status();
  EXPECT_EQ(RunSql(uri, "SELECT count(*) FROM pg_tables WHERE tablename = 't'").value_or(""), "0");
  EXPECT_TRUE(RunSql(uri, "DROP DATABASE " + database).ok());
}

TEST(PostgresTestUri, ReadsTheFixturesFileUnlessGivenAUri) {
  const char* given = std::getenv("LEDD_TEST_POSTGRES");
  const char* file = std::getenv("LEDD_TEST_POSTGRES_FILE");
  const std::string saved_given = given != nullptr ? given : "";
  const std::string saved_file = file != nullptr ? file : "";
  TempDir dir;
  std::ofstream(dir.File("uri")) << "postgresql://postgres@127.0.0.1:6543/postgres\n";
  unsetenv("LEDD_TEST_POSTGRES");
  unsetenv("LEDD_TEST_POSTGRES_FILE");
  EXPECT_EQ(PostgresTestUri(), "");
  setenv("LEDD_TEST_POSTGRES_FILE", dir.File("uri").c_str(), 1);
  EXPECT_EQ(PostgresTestUri(), "postgresql://postgres@127.0.0.1:6543/postgres");
  setenv("LEDD_TEST_POSTGRES", "postgresql://me@127.0.0.1:5433/postgres", 1);
  EXPECT_EQ(PostgresTestUri(), "postgresql://me@127.0.0.1:5433/postgres");
  // As it was, for the tests after this one in the same process.
  unsetenv("LEDD_TEST_POSTGRES");
  unsetenv("LEDD_TEST_POSTGRES_FILE");
  if (given != nullptr) setenv("LEDD_TEST_POSTGRES", saved_given.c_str(), 1);
  if (file != nullptr) setenv("LEDD_TEST_POSTGRES_FILE", saved_file.c_str(), 1);
}

TEST(PostgresTestUri, WithDatabaseReplacesOnlyTheDatabase) {
  EXPECT_EQ(WithDatabase("postgresql://postgres@127.0.0.1:5432/postgres", "t_1"),
            "postgresql://postgres@127.0.0.1:5432/t_1");
  EXPECT_EQ(WithDatabase("postgresql://postgres@127.0.0.1:5432", "t_1"),
            "postgresql://postgres@127.0.0.1:5432/t_1");
  EXPECT_EQ(WithDatabase("postgresql://127.0.0.1:5432/a?sslmode=disable", "b"),
            "postgresql://127.0.0.1:5432/b?sslmode=disable");
  EXPECT_EQ(WithDatabase("postgresql://h?sslmode=disable", "b"),
            "postgresql://h/b?sslmode=disable");
}

TEST(PostgresCluster, RefusesWhatItCannotDo) {
  TempDir dir;
  PostgresCluster primary;
  PostgresCluster standby;
  EXPECT_EQ(standby.StartStandbyOf(primary, dir.File("standby")).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(primary.Kill().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(primary.Restart().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(primary.Start(dir.File("primary")).ok());
  EXPECT_EQ(primary.Start(dir.File("primary")).code(), absl::StatusCode::kFailedPrecondition);
  // A primary cannot be promoted.
  EXPECT_FALSE(primary.Promote().ok());
  absl::StatusOr<std::string> bad = primary.Sql("postgres", "SELEKT 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "syntax error")) << bad.status();
  EXPECT_FALSE(primary.Sql("no_such_database", "SELECT 1").ok());
}

TEST(PostgresCluster, AStreamingStandbyAppliesWhatThePrimaryCommits) {
  TempDir dir;
  PostgresCluster primary;
  // Every commit on the primary waits for "standby": nothing is written before it runs.
  ASSERT_TRUE(primary.Start(dir.File("primary"), {.synchronous_standby_names = "standby"}).ok());
  PostgresCluster standby;
  ASSERT_TRUE(standby.StartStandbyOf(primary, dir.File("standby"), {.name = "standby"}).ok());
  EXPECT_NE(standby.port(), primary.port());
  EXPECT_EQ(primary.IsInRecovery().value_or(true), false);
  EXPECT_EQ(standby.IsInRecovery().value_or(false), true);
  // The standby the primary waits for, by its name.
  EXPECT_EQ(WaitForAnswer(primary.Uri(),
                          "SELECT application_name, sync_state FROM "
                          "pg_stat_replication",
                          "standby|sync"),
            "standby|sync");
  ASSERT_TRUE(primary.CreateDatabase("ledd").ok());
  ASSERT_TRUE(primary.Sql("ledd", "CREATE TABLE t (id BIGINT PRIMARY KEY)").ok());
  // remote_apply: the commit returns once the standby has applied it, so it is visible
  // there at once.
  ASSERT_TRUE(primary
                  .Sql("ledd",
                       "SET synchronous_commit = remote_apply; "
                       "INSERT INTO t VALUES (42)")
                  .ok());
  EXPECT_EQ(standby.Sql("ledd", "SELECT id FROM t").value_or(""), "42");
  // A standby refuses writes.
  absl::StatusOr<std::string> write = standby.Sql("ledd", "INSERT INTO t VALUES (43)");
  ASSERT_FALSE(write.ok());
  EXPECT_TRUE(absl::StrContains(write.status().message(), "read-only")) << write.status();
}

TEST(PostgresCluster, APromotedStandbyTakesWritesWhenThePrimaryIsKilled) {
  TempDir dir;
  PostgresCluster primary;
  ASSERT_TRUE(primary.Start(dir.File("primary")).ok());
  ASSERT_TRUE(primary
                  .Sql("postgres",
                       "CREATE TABLE t (id BIGINT PRIMARY KEY);"
                       "INSERT INTO t VALUES (1)")
                  .ok());
  PostgresCluster standby;
  ASSERT_TRUE(standby.StartStandbyOf(primary, dir.File("standby")).ok());
  ASSERT_TRUE(primary.Sql("postgres", "INSERT INTO t VALUES (2)").ok());
  ASSERT_EQ(WaitForAnswer(standby.Uri(), "SELECT count(*) FROM t", "2"), "2");

  ASSERT_TRUE(primary.Kill().ok());
  EXPECT_FALSE(primary.running());
  EXPECT_FALSE(RunSql(primary.Uri(), "SELECT 1").ok());
  EXPECT_FALSE(standby.Sql("postgres", "INSERT INTO t VALUES (3)").ok());

  ASSERT_TRUE(standby.Promote().ok());
  EXPECT_EQ(standby.IsInRecovery().value_or(true), false);
  ASSERT_TRUE(standby.Sql("postgres", "INSERT INTO t VALUES (3)").ok());
  EXPECT_EQ(
      standby.Sql("postgres", "SELECT string_agg(id::text, ',' ORDER BY id) FROM t").value_or(""),
      "1,2,3");
}

TEST(PostgresCluster, RestartsOnItsPortAfterAKillWithTheCommittedRows) {
  TempDir dir;
  PostgresCluster cluster;
  ASSERT_TRUE(cluster.Start(dir.File("cluster")).ok());
  const int port = cluster.port();
  ASSERT_TRUE(cluster.Sql("postgres", "CREATE TABLE t (id BIGINT); INSERT INTO t VALUES (7)").ok());
  ASSERT_TRUE(cluster.Kill().ok());
  ASSERT_TRUE(cluster.Restart().ok());
  EXPECT_EQ(cluster.port(), port);
  EXPECT_EQ(cluster.Sql("postgres", "SELECT id FROM t").value_or(""), "7");
  // A fast stop keeps the data too.
  ASSERT_TRUE(cluster.Stop().ok());
  EXPECT_FALSE(RunSql(cluster.Uri(), "SELECT 1").ok());
  ASSERT_TRUE(cluster.Restart().ok());
  EXPECT_EQ(cluster.Sql("postgres", "SELECT id FROM t").value_or(""), "7");
}

}  // namespace
}  // namespace ledd::testing
