// Drives the real ledd binary: generate → import → stats, the LDBC sets, bad input.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "csv.h"
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
using testing::RunCommand;
using testing::RunResult;
using testing::SharedData;
using testing::TempDir;

// Records in a CSV file (excluding the header), counted by libcsv so that quoted line
// breaks are not mistaken for rows. delimiter ',' or '|'.
int64_t CountCsvRecords(const std::string& path, unsigned char delimiter = ',') {
  std::ifstream in(path, std::ios::binary);
  if (!in) return -1;
  csv_parser parser;
  csv_init(&parser, CSV_APPEND_NULL);
  csv_set_delim(&parser, delimiter);
  int64_t records = 0;
  auto on_record = [](int, void* count) { ++*static_cast<int64_t*>(count); };
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    csv_parse(&parser, buffer, static_cast<size_t>(in.gcount()), nullptr, on_record, &records);
  }
  csv_fini(&parser, nullptr, on_record, &records);
  csv_free(&parser);
  return records - 1;
}

nlohmann::json Stats(const std::string& db) {
  RunResult result = RunCommand(fmt::format("{} stats --json --db {}", LeddBinary(), db));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
}

TEST(Cli, EveryCommandHasHelp) {
  for (const char* command : {"", "generate", "import", "stats"}) {
    RunResult result = RunCommand(fmt::format("{} {} --help", LeddBinary(), command));
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_THAT(result.out, HasSubstr("--")) << command;
  }
}

TEST(Cli, GeneratedNetworkImportsWithExactlyItsRows) {
  TempDir dir;
  std::string net = dir.File("net");
  RunResult generated =
      RunCommand(fmt::format("{} generate --members 3000 --seed 11 --out {}", LeddBinary(), net));
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  RunResult imported =
      RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), dir.File("net.db"), net));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  nlohmann::json stats = Stats(dir.File("net.db"));
  EXPECT_EQ(stats["members"], CountCsvRecords(net + "/members.csv"));
  EXPECT_EQ(stats["members"], 3000);
  EXPECT_EQ(stats["connections"], CountCsvRecords(net + "/connections.csv"));
  EXPECT_EQ(stats["organizations"], CountCsvRecords(net + "/organizations.csv"));
  EXPECT_EQ(stats["positions"], CountCsvRecords(net + "/positions.csv"));
  EXPECT_EQ(stats["educations"], CountCsvRecords(net + "/educations.csv"));
  EXPECT_EQ(stats["follows"], CountCsvRecords(net + "/follows.csv"));
  EXPECT_EQ(stats["posts"], CountCsvRecords(net + "/posts.csv"));
  int64_t invitations = 0;
  for (const char* state : {"pending", "accepted", "ignored", "withdrawn", "reported"}) {
    ASSERT_TRUE(stats["invitations"].contains(state)) << state;
    invitations += stats["invitations"][state].get<int64_t>();
  }
  EXPECT_EQ(invitations, CountCsvRecords(net + "/invitations.csv"));
  EXPECT_GT(stats["invitations"]["pending"].get<int64_t>(), 0);
  EXPECT_GT(stats["connections"].get<int64_t>(), 3000 * 10);
}

TEST(Cli, SameSeedGivesIdenticalFiles) {
  TempDir dir;
  for (const char* out : {"a", "b"}) {
    RunResult result = RunCommand(fmt::format("{} generate --members 1000 --seed 5 --out {}",
                                       LeddBinary(), dir.File(out)));
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir.File("a"))) {
    std::string name = entry.path().filename().string();
    RunResult diff = RunCommand(fmt::format("cmp {} {}", entry.path().string(),
                                     dir.File("b") + "/" + name));
    EXPECT_EQ(diff.exit_code, 0) << name << " differs";
  }
}

struct LdbcSet {
  const char* dir;
  int64_t persons;
  int64_t knows;
};

// Person and knows rows as the files hold them (README.md of the data sets). In the
// example toy, person 1 and the knows edge 4-5 are explicitly deleted before the end of
// the data (2015-01-01); deleted entities are not imported, and neither are the three
// knows edges of person 1, as LDBC's person deletion cascades to them.
TEST(Cli, ImportsEachLdbcLayoutWithItsPersonAndKnowsCounts) {
  for (LdbcSet set : {LdbcSet{"ldbc-snb-sf0.1/graph", 1528, 14073},
                      LdbcSet{"ldbc-snb-impls-testdata", 222, 825},
                      LdbcSet{"ldbc-snb-example-toy", 4, 2}}) {
    TempDir dir;
    RunResult result = RunCommand(fmt::format("{} import --db {} {}", LeddBinary(),
                                       dir.File("ldbc.db"), SharedData(set.dir)));
    ASSERT_EQ(result.exit_code, 0) << set.dir << ": " << result.err;
    nlohmann::json stats = Stats(dir.File("ldbc.db"));
    EXPECT_EQ(stats["members"], set.persons) << set.dir;
    EXPECT_EQ(stats["connections"], set.knows) << set.dir;
  }
}

TEST(Cli, MalformedRowStopsImportAndLeavesDatabaseUnchanged) {
  TempDir dir;
  std::string db = dir.File("net.db");
  std::filesystem::create_directories(dir.File("good"));
  std::ofstream(dir.File("good/members.csv"))
      << "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,"
         "email,created_at,policy,markets\n"
         "1,kari,Kari,Nordmann,Engineer,,1,Oslo,NO,Energy,kari@example.no,2020-01-01,liberal,home\n"
         "2,ola,Ola,Hansen,,,0,Bergen,NO,,ola@example.no,2020-01-02,selective,NO;SE\n";
  std::ofstream(dir.File("good/connections.csv")) << "a,b,created_at\n1,2,2021-03-04T05:06:07Z\n";
  ASSERT_EQ(RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, dir.File("good"))).exit_code,
            0);
  nlohmann::json before = Stats(db);
  ASSERT_EQ(before["members"], 2);

  struct Case {
    const char* connections;
    const char* where;
  };
  for (Case bad : {Case{"a,b,created_at\n3,4,2021-01-01\n5,5,2021-01-01\n", "connections.csv:3"},
                   Case{"a,b,created_at\n3,4,2021-01-01\n3,x,2021-01-01\n", "connections.csv:3"},
                   Case{"a,b,created_at\n3,4,2021-01-01\n3,99,2021-01-01\n", "connections.csv:3"},
                   Case{"a,b,created_at\n3,4\n", "connections.csv:2"}}) {
    std::filesystem::create_directories(dir.File("bad"));
    std::ofstream(dir.File("bad/members.csv"))
        << "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,"
           "email,created_at,policy,markets\n"
           "3,per,Per,Olsen,,,1,Oslo,NO,,,2020-01-01,liberal,home\n"
           "4,siri,Siri,Dahl,,,1,Oslo,NO,,,2020-01-01,liberal,home\n"
           "5,nils,Nils,Berg,,,1,Oslo,NO,,,2020-01-01,liberal,home\n";
    std::ofstream(dir.File("bad/connections.csv")) << bad.connections;
    RunResult result = RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, dir.File("bad")));
    EXPECT_NE(result.exit_code, 0) << bad.connections;
    EXPECT_THAT(result.err, HasSubstr(bad.where)) << bad.connections;
    EXPECT_EQ(Stats(db), before) << bad.connections;
  }
}

// Splits command output into lines.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(Cli, BatchAnswersEachLineAsTheSingleQueryWouldInOrder) {
  TempDir dir;
  std::string net = dir.File("net");
  std::string db = dir.File("net.db");
  ASSERT_EQ(RunCommand(fmt::format("{} generate --members 2000 --seed 3 --out {}", LeddBinary(),
                                   net))
                .exit_code,
            0);
  ASSERT_EQ(RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, net)).exit_code, 0);

  struct Case {
    std::string command;
    std::vector<std::string> requests;  // JSON objects
    std::vector<std::string> flags;     // the same requests as command-line arguments
  };
  std::vector<Case> cases = {
      {"reach",
       {R"({"member": 7})", R"({"member": 8, "third": true})", R"({"member": 1999})"},
       {"7", "8 --third", "1999"}},
      {"degree", {R"({"a": 7, "b": 8})", R"({"a": 7, "b": 1500})"}, {"7 8", "7 1500"}},
      {"search",
       {R"({"as": 7, "city": "Oslo", "title": "ingeniør", "degree": "1,2", "limit": 5})",
        R"({"as": 9, "degree": "1"})"},
       {"--as 7 --city Oslo --title ingeniør --degree 1,2 --limit 5", "--as 9 --degree 1"}},
  };
  for (const Case& c : cases) {
    std::string requests = dir.File(c.command + ".jsonl");
    std::ofstream out(requests);
    for (const std::string& request : c.requests) out << request << "\n";
    out.close();
    for (const char* threads : {"1", "2"}) {
      RunResult batch = RunCommand(fmt::format("{} {} --db {} --batch {} --threads {}",
                                               LeddBinary(), c.command, db, requests, threads));
      ASSERT_EQ(batch.exit_code, 0) << c.command << ": " << batch.err;
      std::vector<std::string> lines = Lines(batch.out);
      ASSERT_EQ(lines.size(), c.requests.size()) << c.command;
      for (size_t i = 0; i < lines.size(); ++i) {
        RunResult single = RunCommand(
            fmt::format("{} {} --db {} --json {}", LeddBinary(), c.command, db, c.flags[i]));
        ASSERT_EQ(single.exit_code, 0) << c.flags[i] << ": " << single.err;
        EXPECT_EQ(nlohmann::json::parse(lines[i]), nlohmann::json::parse(single.out))
            << c.command << " " << c.flags[i] << " --threads " << threads;
      }
    }
  }
}

TEST(Cli, BatchReportsBadLinesInPlaceAndTimesEachQuery) {
  TempDir dir;
  std::string net = dir.File("net");
  std::string db = dir.File("net.db");
  ASSERT_EQ(RunCommand(fmt::format("{} generate --members 500 --seed 3 --out {}", LeddBinary(),
                                   net))
                .exit_code,
            0);
  ASSERT_EQ(RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, net)).exit_code, 0);
  std::ofstream(dir.File("reach.jsonl"))
      << "{\"member\": 7}\nnot json\n{\"member\": 123456789}\n{\"member\": 8}\n";
  RunResult batch = RunCommand(fmt::format("{} reach --db {} --batch {} --timing", LeddBinary(),
                                           db, dir.File("reach.jsonl")));
  EXPECT_NE(batch.exit_code, 0);
  EXPECT_THAT(batch.err, HasSubstr("2 of the requests"));
  std::vector<std::string> lines = Lines(batch.out);
  ASSERT_EQ(lines.size(), 4u);
  nlohmann::json first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["member"], 7);
  EXPECT_TRUE(first["micros"].is_number_integer());
  EXPECT_EQ(nlohmann::json::parse(lines[1])["error"]["code"], "INVALID_ARGUMENT");
  EXPECT_THAT(lines[1], HasSubstr("reach.jsonl:2"));
  EXPECT_EQ(nlohmann::json::parse(lines[2])["error"]["code"], "NOT_FOUND");
  EXPECT_EQ(nlohmann::json::parse(lines[3])["member"], 8);
}

// The organization type-ahead on a generated network: aliases, the kind filter, the
// limit, the same JSON as the API, and refusals.
TEST(Cli, OrganizationsFindsByPrefixAndAlias) {
  TempDir dir;
  const std::string net = dir.File("net");
  const std::string db = dir.File("net.db");
  ASSERT_EQ(RunCommand(fmt::format("{} generate --members 500 --seed 3 --out {}", LeddBinary(),
                                   net))
                .exit_code,
            0);
  ASSERT_EQ(RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db, net)).exit_code, 0);

  RunResult uio = RunCommand(
      fmt::format("{} organizations --db {} --kind school --json UiO", LeddBinary(), db));
  ASSERT_EQ(uio.exit_code, 0) << uio.err;
  const nlohmann::json found = nlohmann::json::parse(uio.out, nullptr, false);
  ASSERT_TRUE(found.contains("organizations")) << uio.out;
  ASSERT_FALSE(found["organizations"].empty()) << uio.out;
  EXPECT_EQ(found["organizations"][0]["name"], "Universitetet i Oslo (UiO)");
  EXPECT_EQ(found["organizations"][0]["kind"], "school");
  EXPECT_EQ(found["organizations"][0]["country"], "NO");
  EXPECT_TRUE(found["organizations"][0]["members"].is_number());

  RunResult equinor = RunCommand(
      fmt::format("{} organizations --db {} --kind company --limit 1 equi", LeddBinary(), db));
  ASSERT_EQ(equinor.exit_code, 0) << equinor.err;
  EXPECT_THAT(equinor.out, HasSubstr("Equinor ("));
  EXPECT_THAT(equinor.out, HasSubstr("company, NO): "));
  EXPECT_EQ(std::count(equinor.out.begin(), equinor.out.end(), '\n'), 1);

  RunResult bad_kind =
      RunCommand(fmt::format("{} organizations --db {} --kind club x", LeddBinary(), db));
  EXPECT_NE(bad_kind.exit_code, 0);
  EXPECT_THAT(bad_kind.err, HasSubstr("\"kind\" must be company or school"));
  RunResult no_query = RunCommand(fmt::format("{} organizations --db {}", LeddBinary(), db));
  EXPECT_NE(no_query.exit_code, 0);
  EXPECT_THAT(no_query.err, HasSubstr("QUERY is required"));
}

TEST(Cli, StatsOfAMissingDatabaseIsAnError) {
  TempDir dir;
  RunResult result = RunCommand(fmt::format("{} stats --db {}", LeddBinary(), dir.File("none.db")));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_FALSE(result.err.empty());
  EXPECT_FALSE(std::filesystem::exists(dir.File("none.db")));
}

}  // namespace
}  // namespace ledd
