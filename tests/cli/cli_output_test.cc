// What the real ledd binary prints of stored text it did not write itself, and how it
// takes integer options. Writers refuse invalid UTF-8 and control characters, so the
// setup puts them into the database with SQL, as an older ledd or a hand edit could:
// `--json` must still print valid JSON (it used to abort on an uncaught exception),
// and text output must not pass an escape sequence to the terminal.

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fmt/core.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using ::testing::HasSubstr;
using testing::LeddBinary;
using ::testing::Not;
using testing::RunCommand;
using testing::RunResult;
using testing::TempDir;

// Three members in a line, 1 - 2 - 3, imported with `ledd import`; then member 3's first
// name gets a byte that is not UTF-8 and member 1's last name an ANSI "clear screen".
std::string HostileDatabase(const TempDir& dir) {
  std::filesystem::create_directories(dir.File("net"));
  std::ofstream(dir.File("net/members.csv"))
      << "id,handle,first_name,last_name,headline\n"
         "1,kari,Kari,Nordmann,Engineer\n2,ola,Ola,Hansen,Engineer\n3,per,Per,Olsen,Engineer\n";
  std::ofstream(dir.File("net/connections.csv")) << "a,b\n1,2\n2,3\n";
  const std::string db = dir.File("net.db");
  RunResult imported =
      RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, dir.File("net")));
  EXPECT_EQ(imported.exit_code, 0) << imported.err;

  sqlite3* connection = nullptr;
  EXPECT_EQ(sqlite3_open(db.c_str(), &connection), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(connection,
                         "UPDATE members SET first_name = CAST(x'50ff6572' AS TEXT) WHERE id = 3;"
                         "UPDATE members SET last_name = 'Nord' || char(27) || '[2J' || "
                         "char(155) || 'mann' WHERE id = 1;",
                         nullptr, nullptr, &error),
            SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(connection);
  return db;
}

TEST(CliOutput, SearchJsonWithInvalidUtf8InStoredTextPrintsValidJson) {
  TempDir dir;
  const std::string db = HostileDatabase(dir);
  RunResult result = RunCommand(fmt::format("{} search --db {} --as 2 --json", LeddBinary(), db));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json answer = nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(answer.is_discarded()) << result.out;
  bool found = false;
  for (const nlohmann::json& hit : answer["hits"]) {
    if (hit["member"] != 3) continue;
    found = true;
    EXPECT_EQ(hit["name"],
              "P\xEF\xBF\xBD"
              "er Olsen");  // The bad byte as U+FFFD.
  }
  EXPECT_TRUE(found) << result.out;
  // The escape is a JSON escape, never a raw ESC byte on stdout.
  EXPECT_THAT(result.out, Not(HasSubstr("\x1b")));
}

TEST(CliOutput, TextOutputShowsControlCharactersEscaped) {
  TempDir dir;
  const std::string db = HostileDatabase(dir);
  for (const std::string& command : {fmt::format("{} search --db {} --as 2", LeddBinary(), db),
                                     fmt::format("{} path --db {} 1 3", LeddBinary(), db),
                                     fmt::format("{} mutual --db {} 1 3", LeddBinary(), db),
                                     fmt::format("{} reach --db {} 1", LeddBinary(), db)}) {
    SCOPED_TRACE(command);
    RunResult result = RunCommand(command);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, Not(HasSubstr("\x1b")));
    EXPECT_THAT(result.out, Not(HasSubstr("\xC2\x9B")));  // The one-byte CSI, U+009B.
    EXPECT_THAT(result.out, Not(HasSubstr("\xFF")));
  }
  RunResult search = RunCommand(fmt::format("{} search --db {} --as 2", LeddBinary(), db));
  EXPECT_THAT(search.out, HasSubstr("Kari Nord\\x1b[2J\\u009bmann"));
  EXPECT_THAT(search.out, HasSubstr("P\xEF\xBF\xBD"
                                    "er Olsen"));
}

TEST(CliOutput, ErrorMessagesQuotingInputEscapeControlCharacters) {
  TempDir dir;
  const std::string db = HostileDatabase(dir);
  // A note with an ESC is refused by the store's text rules; the message quotes nothing
  // raw either.
  RunResult invite = RunCommand(
      fmt::format("{} invite --db {} 1 3 --note \"$(printf 'hi\\033[2J')\"", LeddBinary(), db));
  EXPECT_NE(invite.exit_code, 0);
  EXPECT_THAT(invite.err, HasSubstr("the note contains a control character (U+001B)"));
  std::filesystem::create_directories(dir.File("bad"));
  std::ofstream(dir.File("bad/members.csv")) << "id,handle,first_name,last_name\nx\x1b[2J,a,A,B\n";
  RunResult import =
      RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, dir.File("bad")));
  EXPECT_NE(import.exit_code, 0);
  EXPECT_THAT(import.err, HasSubstr("not an integer: \"x\\x1b[2J\""));
  EXPECT_THAT(import.err, Not(HasSubstr("\x1b")));
}

// CLI11 turned an int64 overflow into INT64_MAX and "-5" into a huge size_t without a
// word; every integer option is now checked as text first.
TEST(CliOutput, IntegerOptionsOutOfRangeAreRefusedByName) {
  TempDir dir;
  const std::string db = HostileDatabase(dir);
  struct Case {
    std::string arguments;
    std::string message;
  };
  const Case cases[] = {
      {fmt::format("search --db {} --as 2 --limit 99999999999999999999", db),
       "--limit: \"99999999999999999999\" is not an integer from 0 to 9223372036854775807"},
      {fmt::format("search --db {} --as 99999999999999999999", db),
       "--as: \"99999999999999999999\" is not an integer from 1 to 9223372036854775807"},
      {fmt::format("reach --db {} -- -1", db), "is not an integer from 1 to"},
      {fmt::format("invite --db {} 99999999999999999999 2", db),
       "\"99999999999999999999\" is not an integer from 1 to 9223372036854775807"},
      {fmt::format("invite --db {} 1 3 --weekly-limit 99999999999", db),
       "--weekly-limit: \"99999999999\" is not an integer from 0 to 1000000"},
      {fmt::format("generate --members -5 --out {}", dir.File("gen")),
       "--members: \"-5\" is not an integer from 10 to 100000000"},
      {fmt::format("generate --members 100 --seed -1 --out {}", dir.File("gen")),
       "--seed: \"-1\" is not an integer from 0 to 18446744073709551615"},
      {fmt::format("serve --db {} --listen 127.0.0.1:0 --max-body-bytes -5", db),
       "--max-body-bytes: \"-5\" is not an integer from 1 to"},
      {fmt::format("serve --db {} --listen 127.0.0.1:0 --session-lifetime 99999999999999999999",
                   db),
       "--session-lifetime: \"99999999999999999999\" is not an integer from 1 to"},
      {fmt::format("accounts create --db {} 0 --email a@b.c --password 0123456789", db),
       "\"0\" is not an integer from 1 to 9223372036854775807"},
  };
  for (const Case& bad : cases) {
    SCOPED_TRACE(bad.arguments);
    // `timeout`: a serve that wrongly accepted its flags would otherwise run forever.
    RunResult result = RunCommand(fmt::format("timeout 20 {} {}", LeddBinary(), bad.arguments));
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.exit_code, 124) << "still running after 20 s";
    EXPECT_THAT(result.err, HasSubstr(bad.message));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.File("gen")));
}

}  // namespace
}  // namespace ledd
