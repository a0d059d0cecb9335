// The queries on the official LDBC SNB SF0.1 network, loaded the way ledd loads any
// network (importer -> SQLite store -> LoadSnapshot), against LDBC's own expected
// results: IC13 (shortest path length), IS3 (a person's friends) and IC1 (the distance
// of persons within 3 hops).

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledd/ingest/importer.h"
#include "ledd/query/kernels.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/organizations.h"
#include "ledd/query/pymk.h"
#include "ledd/query/search.h"
#include "ledd/service/live_network.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/oracle.h"
#include "testing/temp_dir.h"

namespace ledd::query {
namespace {

using ledd::testing::SharedData;

// Rows of a '|'-separated file with a header; rows of fewer than `columns` fields
// (continuation lines of quoted multi-line fields) are skipped.
std::vector<std::vector<std::string>> ReadRows(const std::string& path, size_t columns) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '|')) fields.push_back(field);
    if (fields.size() >= columns) rows.push_back(fields);
  }
  return rows;
}

std::string Expected(const std::string& file) {
  return SharedData("ldbc-snb-sf0.1/validation/extracted/" + file);
}

class LdbcSf01 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ledd::testing::TempDir();
    auto store = store::OpenSqliteStore({.path = dir_->File("ldbc.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    auto imported =
        ingest::ImportDirectory(**store, {.dir = SharedData("ldbc-snb-sf0.1/graph")});
    ASSERT_TRUE(imported.ok()) << imported.status();
    auto snapshot = service::LoadSnapshot(**store);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    snapshot_ = new std::shared_ptr<const graph::Snapshot>(*std::move(snapshot));
  }
  static void TearDownTestSuite() {
    delete snapshot_;
    delete dir_;
  }

  const graph::Snapshot& snapshot() const { return **snapshot_; }
  Node NodeOf(const std::string& id) const {
    const Node node = snapshot().Find(std::stoll(id));
    EXPECT_NE(node, kNoNode) << "person " << id;
    return node;
  }

  static ledd::testing::TempDir* dir_;
  static std::shared_ptr<const graph::Snapshot>* snapshot_;
};

ledd::testing::TempDir* LdbcSf01::dir_ = nullptr;
std::shared_ptr<const graph::Snapshot>* LdbcSf01::snapshot_ = nullptr;

TEST_F(LdbcSf01, NetworkIsTheOfficialOne) {
  EXPECT_EQ(snapshot().NodeCount(), 1528u);
  EXPECT_EQ(snapshot().ConnectionCount(), 14073u);
}

TEST_F(LdbcSf01, PathLengthsMatchIc13) {
  const auto rows = ReadRows(Expected("ic13_expected.csv"), 4);
  ASSERT_EQ(rows.size(), 22u);
  for (const auto& row : rows) {
    SCOPED_TRACE("ic13 line " + row[0]);
    const int expected = std::stoi(row[3]);  // -1: no path
    const PathResult path =
        Path(snapshot(), NodeOf(row[1]), NodeOf(row[2]), {.max_hops = kMaxPathHops});
    EXPECT_EQ(path.length().value_or(-1), expected);
    // Within 3 hops degree says the same.
    if (expected >= 0 && expected <= 3) {
      EXPECT_EQ(Degree(snapshot(), NodeOf(row[1]), NodeOf(row[2])), expected);
    }
  }
}

TEST_F(LdbcSf01, FriendsMatchIs3) {
  std::map<std::string, std::set<MemberId>> friends;
  for (const auto& row : ReadRows(Expected("is3_expected.csv"), 4)) {
    // A person without friends has one row with the friend's fields empty.
    std::set<MemberId>& of_person = friends[row[1]];
    if (!row[3].empty()) of_person.insert(std::stoll(row[3]));
  }
  size_t checked_rows = 0;
  for (const auto& [person, expected] : friends) {
    SCOPED_TRACE("is3 person " + person);
    const Node node = NodeOf(person);
    EXPECT_EQ(Reach(snapshot(), node).first, expected.size());
    std::set<MemberId> actual;
    for (Node contact : snapshot().Connections(node)) actual.insert(snapshot().Id(contact));
    EXPECT_EQ(actual, expected);
    for (MemberId contact : expected) {
      EXPECT_EQ(Degree(snapshot(), node, snapshot().Find(contact)), 1);
    }
    checked_rows += expected.size();
  }
  // is3_expected.csv: 28 persons (some asked more than once), 1,147 distinct friendships.
  EXPECT_EQ(friends.size(), 28u);
  EXPECT_EQ(checked_rows, 1147u);
  EXPECT_TRUE(friends.at("28587302322527").empty());
}

TEST_F(LdbcSf01, DistancesMatchIc1) {
  const auto rows = ReadRows(Expected("ic1_expected.csv"), 8);
  size_t checked = 0;
  for (const auto& row : rows) {
    if (row[7].empty() || row[7].find_first_not_of("0123456789") != std::string::npos) continue;
    SCOPED_TRACE("ic1 line " + row[0]);
    const int distance = std::stoi(row[7]);
    const Node person = NodeOf(row[1]);
    const Node other = NodeOf(row[5]);
    EXPECT_EQ(Degree(snapshot(), person, other), distance);
    // IC1 looks persons up by first name within 3 hops; so does search by name.
    const SearchResult found = Search(snapshot(), person, {.name = row[2]},
                                      {.degrees = {1, 2, 3}, .limit = 1000});
    bool listed = false;
    for (const SearchHit& hit : found.hits) {
      if (hit.member == other) {
        listed = true;
        EXPECT_EQ(hit.degree, distance);
      }
    }
    EXPECT_TRUE(listed);
    ++checked;
  }
  EXPECT_GE(checked, 150u);
}

TEST_F(LdbcSf01, ReachAndPymkMatchTheOracle) {
  // The oracle built from the loaded adjacency: checks the kernels on a real network's
  // shape (hubs of 340 contacts, 171 isolated persons).
  ledd::testing::OracleNetwork oracle;
  const graph::Snapshot& network = snapshot();
  for (Node node = 0; node < network.NodeCount(); ++node) {
    ledd::testing::OracleMember member;
    if (network.City(node) != graph::kNoValue) {
      member.city = std::string(network.Value(graph::Dict::kCity, network.City(node)));
    }
    for (const graph::PositionRecord& position : network.Positions(node)) {
      member.positions.push_back(
          {.organization = network.Organization(position.organization).id,
           .current = position.current()});
    }
    for (const graph::EducationRecord& education : network.Educations(node)) {
      member.educations.push_back({.school = network.Organization(education.school).id});
    }
    oracle.AddMember(network.Id(node), member);
  }
  for (Node node = 0; node < network.NodeCount(); ++node) {
    for (Node contact : network.Connections(node)) {
      oracle.Connect(network.Id(node), network.Id(contact));
    }
  }
  uint64_t isolated = 0;
  uint32_t max_degree = 0;
  for (Node node = 0; node < network.NodeCount(); ++node) {
    isolated += network.Degree(node) == 0;
    max_degree = std::max(max_degree, network.Degree(node));
  }
  EXPECT_EQ(isolated, 171u);
  EXPECT_EQ(max_degree, 340u);
  size_t reasons = 0;
  for (Node node = 0; node < network.NodeCount(); node += 37) {
    const MemberId id = network.Id(node);
    SCOPED_TRACE(id);
    const ledd::testing::OracleReach expected = ledd::testing::OracleReachOf(oracle, id);
    const ReachResult reach = Reach(network, node, {.third = true});
    EXPECT_EQ(reach.first, expected.first);
    EXPECT_EQ(reach.second, expected.second);
    EXPECT_EQ(reach.third, expected.third);
    EXPECT_EQ(reach.naive, expected.naive);
    const auto suggestions = Pymk(network, node, {.limit = 5});
    const auto oracle_suggestions = ledd::testing::OraclePymk(oracle, id);
    ASSERT_EQ(suggestions.size(), std::min<size_t>(5, oracle_suggestions.size()));
    for (size_t i = 0; i < suggestions.size(); ++i) {
      EXPECT_EQ(network.Id(suggestions[i].member), oracle_suggestions[i].member);
      EXPECT_EQ(suggestions[i].mutual, oracle_suggestions[i].mutual);
      reasons += suggestions[i].reasons.size();
    }
  }
  EXPECT_GT(reasons, 0u);
}

// LDBC spells organisations and places with underscores ("Kingfisher_Red"); the importer
// stores spaces ("Kingfisher Red"). A search for either spelling finds every person the raw
// files put there, for a company, a school and a city (one with letters beyond ASCII).
TEST_F(LdbcSf01, UnderscoreAndSpaceSpellingsFindTheSameMembers) {
  auto graph_file = [](const std::string& name) {
    return SharedData("ldbc-snb-sf0.1/graph/" + name);
  };
  std::map<std::string, std::string> names;  // Organisation or place id -> LDBC name.
  for (const auto& row : ReadRows(graph_file("Organisation.csv"), 3)) names[row[0]] = row[2];
  std::map<std::string, std::string> places;
  for (const auto& row : ReadRows(graph_file("Place.csv"), 2)) places[row[0]] = row[1];
  // Persons of `file` (person id | target id | ...) whose target is named `name`.
  auto persons_at = [](const std::vector<std::vector<std::string>>& rows,
                       const std::map<std::string, std::string>& targets, const std::string& name) {
    std::set<MemberId> persons;
    for (const auto& row : rows) {
      auto target = targets.find(row[1]);
      if (target != targets.end() && target->second == name) persons.insert(std::stoll(row[0]));
    }
    return persons;
  };
  const auto work = ReadRows(graph_file("Person_workAt_Organisation.csv"), 2);
  const auto study = ReadRows(graph_file("Person_studyAt_Organisation.csv"), 2);
  const auto located = ReadRows(graph_file("Person_isLocatedIn_Place.csv"), 2);
  struct Case {
    std::string ldbc_name;
    std::set<MemberId> expected;
    SearchFilters (*filters)(const std::string& text);
  };
  const std::vector<Case> cases = {
      {"Kingfisher_Red", persons_at(work, names, "Kingfisher_Red"),
       [](const std::string& text) { return SearchFilters{.company = text}; }},
      {"Southwest_University", persons_at(study, names, "Southwest_University"),
       [](const std::string& text) { return SearchFilters{.school = text}; }},
      {"Hradec_Králové", persons_at(located, places, "Hradec_Králové"),
       [](const std::string& text) { return SearchFilters{.city = text}; }},
      {"The_Hague", persons_at(located, places, "The_Hague"),
       [](const std::string& text) { return SearchFilters{.city = text}; }},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.ldbc_name);
    ASSERT_FALSE(test.expected.empty());
    std::string spaced = test.ldbc_name;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    for (const std::string& spelling : {test.ldbc_name, spaced}) {
      SCOPED_TRACE(spelling);
      const FilterMatcher matcher(snapshot(), test.filters(spelling));
      std::set<MemberId> found;
      for (Node node = 0; node < snapshot().NodeCount(); ++node) {
        if (matcher.Matches(node)) found.insert(snapshot().Id(node));
      }
      EXPECT_EQ(found, test.expected);
    }
    // Through Search: from a contact of one of them, both spellings list the same members.
    Node from = kNoNode;
    for (MemberId id : test.expected) {
      const Node node = snapshot().Find(id);
      if (node != kNoNode && snapshot().Degree(node) > 0) {
        from = snapshot().Connections(node)[0];
        break;
      }
    }
    ASSERT_NE(from, kNoNode);
    const SearchOptions options = {.degrees = {1, 2, 3}, .limit = 1000};
    const SearchResult underscored =
        Search(snapshot(), from, test.filters(test.ldbc_name), options);
    const SearchResult with_spaces = Search(snapshot(), from, test.filters(spaced), options);
    EXPECT_GT(underscored.total, 0u);
    EXPECT_EQ(underscored.total, with_spaces.total);
    ASSERT_EQ(underscored.hits.size(), with_spaces.hits.size());
    for (size_t i = 0; i < underscored.hits.size(); ++i) {
      EXPECT_EQ(underscored.hits[i].member, with_spaces.hits[i].member);
      EXPECT_TRUE(test.expected.count(snapshot().Id(underscored.hits[i].member)));
    }
  }
}

// The organization type-ahead on LDBC's names (imported with spaces for underscores):
// aliases reach their English names, and members are the people the data puts there.
TEST_F(LdbcSf01, OrganizationTypeAheadFindsLdbcNames) {
  auto names = [&](const std::string& text, bool schools) {
    std::vector<std::string> found;
    for (const OrganizationHit& hit :
         FindOrganizations(snapshot(), {.text = text, .schools = schools, .limit = 5})) {
      found.push_back(snapshot().Organization(hit.organization).name);
    }
    return found;
  };
  ASSERT_FALSE(names("UiO", true).empty());
  EXPECT_EQ(names("UiO", true)[0], "University of Oslo");
  EXPECT_EQ(names("BI", true)[0], "BI Norwegian Business School");
  const std::vector<std::string> oslomet = names("OsloMet", true);
  ASSERT_GE(oslomet.size(), 2u);
  EXPECT_EQ(std::set<std::string>(oslomet.begin(), oslomet.begin() + 2),
            (std::set<std::string>{"Oslo University College",
                                   "Oslo and Akershus University College of Applied Sciences"}));

  std::set<std::string> kingfisher;  // Organisation ids named Kingfisher_Red.
  for (const auto& row : ReadRows(SharedData("ldbc-snb-sf0.1/graph/Organisation.csv"), 3)) {
    if (row[2] == "Kingfisher_Red") kingfisher.insert(row[0]);
  }
  std::set<std::string> employees;
  for (const auto& row :
       ReadRows(SharedData("ldbc-snb-sf0.1/graph/Person_workAt_Organisation.csv"), 2)) {
    if (kingfisher.contains(row[1])) employees.insert(row[0]);
  }
  const std::vector<OrganizationHit> hits =
      FindOrganizations(snapshot(), {.text = "kingfisher r", .schools = false});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(snapshot().Organization(hits[0].organization).name, "Kingfisher Red");
  EXPECT_EQ(hits[0].members, employees.size());
  EXPECT_FALSE(employees.empty());
}

}  // namespace
}  // namespace ledd::query
