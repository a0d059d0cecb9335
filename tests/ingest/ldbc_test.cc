// The three LDBC SNB layouts of ../shared/data, imported into a real SQLite store.
// Expected numbers come from the files themselves (data/README.md): SF0.1 has 1,528
// persons, 14,073 knows rows (7,039 + 7,034 in two parts), 1,209 studyAt, 3,313 workAt
// and 7,955 organisations; the impls test data 222 persons and 825 knows; the example
// toy 5 persons and 6 knows rows, of which person 1 (deleted 2012-11-30) and the knows
// edge 4-5 (deleted 2012-04-05) are gone by the end of its time line (2015-01-01),
// taking person 1's three knows edges with them: 4 persons and 2 knows edges.

#include "ledd/ingest/ldbc.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledd/ingest/importer.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

using testing::SharedData;
using testing::TempDir;

// Data lines ('|' files have no quoted line breaks), without the header.
int64_t DataLines(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  int64_t lines = 0;
  while (std::getline(in, line)) ++lines;
  return lines - 1;
}

std::unique_ptr<store::Store> OpenStore(const TempDir& dir) {
  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::OpenSqliteStore({.path = dir.File("ledd.db")});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

TEST(Ldbc, DetectsEachLayoutFromItsFiles) {
  EXPECT_EQ(DetectFormat(SharedData("ldbc-snb-sf0.1/graph")).value_or(Format::kAuto),
            Format::kLdbcTyped);
  EXPECT_EQ(DetectFormat(SharedData("ldbc-snb-impls-testdata")).value_or(Format::kAuto),
            Format::kLdbcComposite);
  EXPECT_EQ(DetectFormat(SharedData("ldbc-snb-example-toy")).value_or(Format::kAuto),
            Format::kLdbcRaw);
  TempDir empty;
  EXPECT_FALSE(DetectFormat(empty.path()).ok());
}

TEST(Ldbc, MapsEveryCountryOfSf01ToAlpha2) {
  std::ifstream in(SharedData("ldbc-snb-sf0.1/graph/Place.csv"));
  std::string line;
  int countries = 0;
  while (std::getline(in, line)) {
    if (!line.ends_with("|Country")) continue;
    std::string name = line.substr(line.find('|') + 1);
    name = name.substr(0, name.find('|'));
    ++countries;
    EXPECT_TRUE(CountryCode(name).has_value()) << name;
  }
  EXPECT_EQ(countries, 111);
  EXPECT_EQ(CountryCode("Norway").value_or(""), "NO");
  EXPECT_EQ(CountryCode("United_States").value_or(""), "US");
  EXPECT_EQ(CountryCode("Republic_of_Ireland").value_or(""), "IE");
  EXPECT_EQ(CountryCode("England").value_or(""), "GB");
  EXPECT_EQ(CountryCode("Burma").value_or(""), "MM");
  // Names with punctuation, which folding turns into spaces.
  EXPECT_EQ(CountryCode("Myanmar").value_or(""), "MM");  // ICU: "Myanmar (Burma)"
  EXPECT_EQ(CountryCode("People's_Republic_of_China").value_or(""), "CN");
  EXPECT_EQ(CountryCode("Bosnia_&_Herzegovina").value_or(""), "BA");
  EXPECT_FALSE(CountryCode("Atlantis").has_value());
}

TEST(Ldbc, ImportsSf01WithEveryPersonKnowsStudyAtWorkAtAndOrganisation) {
  std::string graph = SharedData("ldbc-snb-sf0.1/graph");
  ASSERT_EQ(DataLines(graph + "/Person.csv"), 1528);
  ASSERT_EQ(DataLines(graph + "/Person_knows_Person.csv") +
                DataLines(graph + "/Person_knows_Person_1.csv"),
            14073);
  TempDir dir;
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = graph});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, Format::kLdbcTyped);
  absl::StatusOr<store::Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->members, 1528);
  EXPECT_EQ(counts->connections, 14073);
  EXPECT_EQ(counts->educations, 1209);
  EXPECT_EQ(counts->positions, 3313);
  EXPECT_EQ(counts->organizations, 7955);
  EXPECT_EQ(summary->rows.members, 1528);
  EXPECT_EQ(summary->rows.connections, 14073);

  // Person 933: Mahinda Perera, created 2010-02-14T15:32:10Z, in place 1353.
  absl::StatusOr<store::Member> member = store->GetMember(933);
  ASSERT_TRUE(member.ok()) << member.status();
  EXPECT_EQ(member->first_name, "Mahinda");
  EXPECT_EQ(member->last_name, "Perera");
  EXPECT_EQ(member->handle, "mahinda.perera.933");
  EXPECT_EQ(member->created_at, 1266161530);
  EXPECT_TRUE(member->has_photo);
  EXPECT_FALSE(member->city.empty());
  EXPECT_EQ(member->country, "LK");  // Sri Lanka.
  absl::StatusOr<std::vector<store::Position>> positions = store->GetPositions(933);
  ASSERT_TRUE(positions.ok()) << positions.status();
  ASSERT_EQ(positions->size(), 3u);  // workAt 1226, 1227, 1230 from 2013
  EXPECT_EQ((*positions)[0].title, "Employee");
  EXPECT_EQ((*positions)[0].start, 1356998400);  // 2013-01-01
  absl::StatusOr<store::Organization> company = store->GetOrganization(0);
  ASSERT_TRUE(company.ok()) << company.status();
  EXPECT_EQ(company->name, "Kam Air");
  EXPECT_EQ(company->kind, store::OrganizationKind::kCompany);
  EXPECT_EQ(company->country, "AF");  // Place 59.
}

TEST(Ldbc, ImportsTheImplsTestDataInCsvComposite) {
  std::string root = SharedData("ldbc-snb-impls-testdata");
  ASSERT_EQ(DataLines(root + "/dynamic/person_0_0.csv"), 222);
  ASSERT_EQ(DataLines(root + "/dynamic/person_knows_person_0_0.csv"), 825);
  TempDir dir;
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = root});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, Format::kLdbcComposite);
  absl::StatusOr<store::Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->members, 222);
  EXPECT_EQ(counts->connections, 825);
  EXPECT_EQ(counts->educations, DataLines(root + "/dynamic/person_studyAt_organisation_0_0.csv"));
  EXPECT_EQ(counts->positions, DataLines(root + "/dynamic/person_workAt_organisation_0_0.csv"));
  absl::StatusOr<store::Member> jose = store->GetMember(8796093022220);
  ASSERT_TRUE(jose.ok()) << jose.status();
  EXPECT_EQ(jose->email, "Jose8796093022220@gmail.com");
  EXPECT_EQ(jose->created_at, 1284620040);  // 1284620040602 ms
}

TEST(Ldbc, ImportsTheExampleToyAsOfTheEndOfItsTimeLine) {
  std::string root = SharedData("ldbc-snb-example-toy");
  ASSERT_EQ(DataLines(root + "/Person.csv"), 5);
  ASSERT_EQ(DataLines(root + "/Person_knows_Person.csv"), 6);
  TempDir dir;
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = root});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, Format::kLdbcRaw);
  absl::StatusOr<store::Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->members, 4);      // 5 minus deleted person 1
  EXPECT_EQ(counts->connections, 2);  // 2-3 and 3-4
  EXPECT_EQ(counts->educations, 2);   // persons 4 and 5 at ENS
  EXPECT_EQ(counts->positions, 0);    // only person 1 worked
  EXPECT_EQ(counts->organizations, 2);
  EXPECT_FALSE(store->GetMember(1).ok());
  absl::StatusOr<store::Member> diane = store->GetMember(4);
  ASSERT_TRUE(diane.ok()) << diane.status();
  EXPECT_EQ(diane->city, "Paris");
  EXPECT_EQ(diane->country, "FR");
  EXPECT_EQ(diane->email, "diane@mail.com");
}

TEST(Ldbc, AnEarlierInstantKeepsWhatWasDeletedLater) {
  TempDir dir;
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  // 2012-01-01: person 1 and the edge 4-5 still exist; all six edges are live.
  absl::StatusOr<ImportSummary> summary = ImportDirectory(
      *store, {.dir = SharedData("ldbc-snb-example-toy"), .as_of = 1325376000});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->rows.members, 5);
  EXPECT_EQ(summary->rows.connections, 6);
  EXPECT_EQ(summary->rows.positions, 1);
}

TEST(Ldbc, ImportingTheSameSetTwiceIsRefusedAndChangesNothing) {
  TempDir dir;
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  std::string root = SharedData("ldbc-snb-impls-testdata");
  ASSERT_TRUE(ImportDirectory(*store, {.dir = root}).ok());
  absl::StatusOr<store::Counts> before = store->Count();
  absl::StatusOr<ImportSummary> again = ImportDirectory(*store, {.dir = root});
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already in the store"), absl::string_view::npos)
      << again.status();
  EXPECT_EQ(store->Count().value(), before.value());
}

// A copy of the shared LDBC directory `name` in `into`, with line `line` (1-based,
// the header is line 1) of `file` replaced by `text`.
std::string BrokenCopy(const std::string& name, const std::string& into, const std::string& file,
                       int line, const std::string& text) {
  std::filesystem::copy(SharedData(name), into, std::filesystem::copy_options::recursive);
  const std::string path = into + "/" + file;
  std::vector<std::string> lines;
  {
    std::ifstream in(path, std::ios::binary);
    for (std::string current; std::getline(in, current);) lines.push_back(current);
  }
  EXPECT_LE(line, static_cast<int>(lines.size())) << path;
  if (line <= static_cast<int>(lines.size())) lines[line - 1] = text;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const std::string& current : lines) out << current << '\n';
  return into;
}

bool AnyDatabaseFile(const std::string& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (std::filesystem::exists(db + suffix)) return true;
  }
  return false;
}

// Row 400 of the knows file has a bad id. The import used to drop that status, keep
// the 398 rows before it and every other table, and report success.
TEST(Ldbc, BadKnowsRowFailsNamingItsLineAndLeavesNoNewDatabase) {
  TempDir dir;
  const std::string data =
      BrokenCopy("ldbc-snb-impls-testdata", dir.File("data"), "dynamic/person_knows_person_0_0.csv",
                 400, "4398046511192|not-a-number|1278777892244");
  const std::string db = dir.File("new.db");
  absl::StatusOr<ImportSummary> summary = ImportInto(db, {.dir = data});
  ASSERT_FALSE(summary.ok()) << "imported " << summary->rows.connections << " connections";
  EXPECT_NE(std::string(summary.status().message())
                .find("dynamic/person_knows_person_0_0.csv:400: column \"Person.id\": not an "
                      "integer: \"not-a-number\""),
            std::string::npos)
      << summary.status();
  EXPECT_FALSE(AnyDatabaseFile(db));
}

TEST(Ldbc, BadKnowsRowLeavesAnExistingDatabaseAsItWas) {
  TempDir dir;
  const std::string data =
      BrokenCopy("ldbc-snb-impls-testdata", dir.File("data"), "dynamic/person_knows_person_0_0.csv",
                 400, "4398046511192|not-a-number|1278777892244");
  const std::string db = dir.File("old.db");
  std::filesystem::create_directories(dir.File("small"));
  std::ofstream(dir.File("small/members.csv"))
      << "id,handle,first_name,last_name\n1,kari,Kari,Nordmann\n2,ola,Ola,Hansen\n";
  std::ofstream(dir.File("small/connections.csv")) << "a,b\n1,2\n";
  absl::StatusOr<ImportSummary> first = ImportInto(db, {.dir = dir.File("small")});
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<ImportSummary> broken = ImportInto(db, {.dir = data});
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(std::string(broken.status().message()).find("person_knows_person_0_0.csv:400:"),
            std::string::npos)
      << broken.status();
  ASSERT_TRUE(std::filesystem::exists(db));
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::OpenSqliteStore({.path = db});
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<store::Counts> counts = (*store)->Count();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->members, 2);
  EXPECT_EQ(counts->connections, 1);
  EXPECT_EQ(counts->organizations, 0);
  EXPECT_EQ(counts->educations, 0);
  EXPECT_EQ(counts->events, 1);
}

// Every layout refuses an id below 1 for a person or a knows end, text that is not
// UTF-8, and a field over the model's limit, naming the file and line; and leaves no
// database behind.
TEST(Ldbc, EveryLayoutRefusesBadIdsInvalidUtf8AndOverlongFieldsAtFileAndLine) {
  struct Layout {
    std::string name;
    std::string person_file;
    int person_line;         // A live person's row.
    std::string person_row;  // Printf-style: %ID%, %FIRST% replaced.
    std::string knows_file;
    std::string knows_row;  // %A% replaced.
  };
  const std::string long_name(101, 'n');
  const Layout layouts[] = {
      {"ldbc-snb-sf0.1/graph", "Person.csv", 2,
       "%ID%|%FIRST%|Perera|male|19891203|20100214153210447|119.235.7.103|Firefox",
       "Person_knows_Person.csv", "%A%|1129|20100313073721718"},
      {"ldbc-snb-impls-testdata", "dynamic/person_0_0.csv", 2,
       "%ID%|%FIRST%|Alonso|female|558921600000|1284620040602|196.1.135.241|Internet "
       "Explorer|es;en|Jose8796093022220@gmail.com",
       "dynamic/person_knows_person_0_0.csv", "%A%|10995116277992|1289831127820"},
      {"ldbc-snb-example-toy", "Person.csv", 3,
       "2010-06-10T11:05:56.000+00:00|2015-01-01T00:00:00.000+00:00|false|%ID%|%FIRST%|"
       "last_name|male|1990-01-01|127.0.0.1|Lynx|4|en;es|bernardo@mail.com",
       "Person_knows_Person.csv",
       "2010-07-10T11:05:56.000+00:00|2015-01-01T00:00:00.000+00:00|false|%A%|3"},
  };
  auto fill = [](std::string row, const std::string& key, const std::string& value) {
    row.replace(row.find(key), key.size(), value);
    return row;
  };
  int case_number = 0;
  for (const Layout& layout : layouts) {
    // The original first id and first name of the row being replaced stay valid.
    struct Case {
      std::string file;
      std::string row;
      std::string message;
    };
    const std::string id = layout.name == "ldbc-snb-sf0.1/graph"   ? "933"
                           : layout.name == "ldbc-snb-example-toy" ? "2"
                                                                   : "8796093022220";
    const std::string person_row = fill(layout.person_row, "%ID%", id);
    const Case cases[] = {
        {layout.person_file, fill(fill(layout.person_row, "%ID%", "0"), "%FIRST%", "Zero"),
         "id 0 is not positive"},
        {layout.person_file, fill(fill(layout.person_row, "%ID%", "-7"), "%FIRST%", "Neg"),
         "id -7 is not positive"},
        {layout.person_file, fill(person_row, "%FIRST%", "Bad\xC3\x28"),
         "the first name is not valid UTF-8"},
        {layout.person_file, fill(person_row, "%FIRST%", "Esc\x1b[2J"),
         "the first name contains a control character (U+001B)"},
        {layout.person_file, fill(person_row, "%FIRST%", long_name),
         "the first name has 101 characters; at most 100 are allowed"},
        {layout.knows_file, fill(layout.knows_row, "%A%", "0"), "id 0 is not positive"},
    };
    for (const Case& bad : cases) {
      const int line = bad.file == layout.person_file ? layout.person_line : 2;
      SCOPED_TRACE(layout.name + ": " + bad.file + ": " + bad.row);
      TempDir dir;
      const std::string data = BrokenCopy(layout.name, dir.File("data"), bad.file, line, bad.row);
      const std::string db = dir.File("case" + std::to_string(case_number++) + ".db");
      absl::StatusOr<ImportSummary> summary = ImportInto(db, {.dir = data});
      ASSERT_FALSE(summary.ok());
      const std::string message(summary.status().message());
      const std::string where = data + "/" + bad.file + ":" + std::to_string(line) + ": ";
      EXPECT_EQ(message.substr(0, where.size()), where) << message;
      EXPECT_NE(message.find(bad.message), std::string::npos) << message;
      EXPECT_FALSE(AnyDatabaseFile(db));
    }
  }
}

}  // namespace
}  // namespace ledd::ingest
