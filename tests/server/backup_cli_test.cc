// `ledd backup` and `ledd restore` through the real binary beside a running `ledd serve`
// that members keep signing up to: every backup is a sound database (restore checks
// its integrity and schema version before it takes it), holds the members of some
// moment, and restore refuses the database the server has open.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using ::testing::HasSubstr;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

int64_t Members(const std::string& db) {
  RunResult stats = RunCommand(fmt::format("{} stats --db {} --json", LeddBinary(), db));
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  const nlohmann::json body = nlohmann::json::parse(stats.out, nullptr, false);
  if (!body.is_object()) return -1;
  return body.value("members", int64_t{-1});
}

TEST(BackupCommand, CopiesADatabaseWhileTheServerWritesAndRestoreChecksIt) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 2000, 5);
  ASSERT_FALSE(db.empty());
  const int64_t imported = Members(db);
  ASSERT_GT(imported, 0);
  ServerProcess server(db, {"--rate-limit-per-second", "0", "--signups-per-hour", "0"});
  ASSERT_NE(server.port(), 0);

  std::atomic<bool> stop{false};
  std::atomic<int> signed_up{0};
  std::thread writer([&] {
    while (!stop.load()) {
      if (testing::SignUp(server, "Backup").id == 0) return;
      signed_up.fetch_add(1);
    }
  });
  while (signed_up.load() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  int64_t previous = imported;
  for (int round = 0; round < 3; ++round) {
    const std::string backup = dir.File(fmt::format("backup-{}.db", round));
    RunResult made = RunCommand(fmt::format("{} backup --db {} {}", LeddBinary(), db, backup));
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_THAT(made.out, HasSubstr("backed up"));
    const std::string restored = dir.File(fmt::format("restored-{}.db", round));
    RunResult check =
        RunCommand(fmt::format("{} restore --db {} {}", LeddBinary(), restored, backup));
    ASSERT_EQ(check.exit_code, 0) << check.err;
    const int64_t members = Members(restored);
    EXPECT_GE(members, previous) << "a later backup has at least the members of an earlier one";
    previous = members;
  }
  stop.store(true);
  writer.join();
  EXPECT_GT(previous, imported) << "the backups saw the sign-ups";

  RunResult refused = RunCommand(
      fmt::format("{} restore --db {} {} --force", LeddBinary(), db, dir.File("backup-0.db")));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("in use by another process"));
  EXPECT_GE(Members(db), previous) << "the served database is untouched";
}

}  // namespace
TEST(BackupCommand, SendsAPostgresqlDatabaseToItsOwnTools) {
  for (const char* command : {"backup --db postgresql://db.example.org/ledd /tmp/never.bak",
                              "restore --db postgresql://db.example.org/ledd /tmp/never.bak"}) {
    RunResult refused = RunCommand(fmt::format("{} {}", LeddBinary(), command));
    EXPECT_NE(refused.exit_code, 0) << command;
    EXPECT_THAT(refused.err, ::testing::HasSubstr("pg_dump")) << command;
  }
}

}  // namespace ledd
