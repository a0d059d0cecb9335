// The config file of the ledd command (cli/config_file.h), through the real binary: a
// value from the file reaches `ledd serve` and --db of other commands, a flag on the
// command line wins over the file, and an unknown key, a [section] or a bad value is
// refused with a message that names it.

#include <filesystem>
#include <fstream>
#include <string>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

std::string WriteConfig(const TempDir& dir, const std::string& text) {
  const std::string path = dir.File("ledd.toml");
  std::ofstream(path) << text;
  return path;
}

RunResult Ledd(const std::string& arguments) {
  return RunCommand(fmt::format("{} {}", LeddBinary(), arguments));
}

TEST(ConfigFile, ServeTakesItsSettingsFromTheFileAndFlagsWin) {
  TempDir dir;
  const std::string db = dir.File("fresh.db");
  // listen and db are overridden by the flags ServerProcess passes (--listen
  // 127.0.0.1:0, --db); an unreachable address in the file would keep it from starting.
  const std::string config = WriteConfig(dir, fmt::format(R"(# ledd settings
db = "{}"
listen = "192.0.2.1:9"
create-db = true
max-body-bytes = 2000
allowed-host = ["localhost", "127.0.0.1"]
)",
                                                           dir.File("not-this.db")));
  ServerProcess server(db, {"--config", config});
  ASSERT_NE(server.port(), 0);
  EXPECT_TRUE(std::filesystem::exists(db)) << "create-db from the file";
  EXPECT_FALSE(std::filesystem::exists(dir.File("not-this.db"))) << "--db wins";

  httplib::Client client = server.Client();
  httplib::Result small = client.Post("/api/v1/signin", R"({"email":"a@b.c","password":"x"})",
                                      "application/json");
  ASSERT_TRUE(small);
  EXPECT_NE(small->status, 413);
  const std::string big(5000, ' ');
  httplib::Result large =
      client.Post("/api/v1/signin", big + R"({"email":"a@b.c","password":"x"})", "application/json");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413) << "max-body-bytes from the file";
}

TEST(ConfigFile, WithoutCreateDbAMissingDatabaseIsAnError) {
  TempDir dir;
  const std::string config =
      WriteConfig(dir, fmt::format("db = \"{}\"\nlisten = \"127.0.0.1:0\"\n", dir.File("none.db")));
  RunResult run = Ledd(fmt::format("serve --config {}", config));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr(fmt::format("database {} does not exist", dir.File("none.db"))));
}

TEST(ConfigFile, DbReachesEveryCommandAndTheFlagWins) {
  TempDir dir;
  ASSERT_EQ(Ledd(fmt::format("generate --members 30 --out {}", dir.File("net"))).exit_code, 0);
  ASSERT_EQ(Ledd(fmt::format("import --db {} {}", dir.File("a.db"), dir.File("net"))).exit_code, 0);
  // Serve-only keys (listen) are ignored by stats; db reaches it.
  const std::string config = WriteConfig(
      dir, fmt::format("db = \"{}\"\nlisten = \"127.0.0.1:0\"\n", dir.File("a.db")));
  RunResult from_file = Ledd(fmt::format("stats --config {}", config));
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_THAT(from_file.out, HasSubstr("30"));

  RunResult flag = Ledd(fmt::format("stats --config {} --db {}", config, dir.File("none.db")));
  EXPECT_NE(flag.exit_code, 0);
  EXPECT_THAT(flag.err, HasSubstr("none.db"));

  RunResult backup =
      Ledd(fmt::format("backup --config {} {}", config, dir.File("backup.db")));
  EXPECT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_TRUE(std::filesystem::exists(dir.File("backup.db")));
}

TEST(ConfigFile, RefusesAnUnknownKeyAndNamesIt) {
  TempDir dir;
  const std::string config = WriteConfig(dir, "db = \"x.db\"\nlisten-adress = \"127.0.0.1:0\"\n");
  RunResult run = Ledd(fmt::format("serve --config {}", config));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("unknown key \"listen-adress\""));
  EXPECT_THAT(run.err, HasSubstr(config));
  // Not only for serve: every command reads the same file.
  run = Ledd(fmt::format("stats --config {}", config));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("unknown key \"listen-adress\""));
}

TEST(ConfigFile, RefusesSectionsAndBadValues) {
  TempDir dir;
  RunResult run = Ledd(fmt::format(
      "serve --config {}", WriteConfig(dir, "[serve]\ndb = \"x.db\"\n")));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("sections are not used"));

  run = Ledd(fmt::format("serve --config {}",
                         WriteConfig(dir, "db = \"x.db\"\nthreads = 100000\n")));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("100000"));
}

TEST(ConfigFile, AGivenFileMustExist) {
  TempDir dir;
  RunResult run = Ledd(fmt::format("stats --config {} --db x.db", dir.File("missing.toml")));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("missing.toml"));
}

}  // namespace
}  // namespace ledd
