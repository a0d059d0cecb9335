// The generated network, read back from its CSV files with the libcsv-based reader:
// determinism, the interchange format, degree shape and clustering, invitations whose
// labels agree with what the files say about sender and recipient, posts whose titles
// match their bodies, reads, appearances, invitations from posts and appearances, notes
// whose claims match exactly when the sender saw what they claim, account ages, the
// showcase members, and an import into SQLite.

#include "ledd/ingest/generator.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"
#include "ledd/base/fold.h"
#include "ledd/base/ids.h"
#include "ledd/base/time.h"
#include "ledd/ingest/csv_reader.h"
#include "ledd/ingest/generator_vocabulary.h"
#include "ledd/ingest/importer.h"
#include "ledd/ingest/ledd_csv.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

constexpr std::string_view kFiles[] = {"members.csv",    "organizations.csv", "positions.csv",
                                       "educations.csv", "connections.csv",   "invitations.csv",
                                       "follows.csv",    "posts.csv",         "comments.csv",
                                       "post_views.csv", "appearances.csv"};

// DESIGN.md, "Interchange format".
const std::map<std::string_view, std::string_view> kHeaders = {
    {"members.csv",
     "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,email,"
     "created_at,policy,markets"},
    {"organizations.csv", "id,kind,name,industry,country"},
    {"positions.csv", "member_id,organization_id,title,start,end"},
    {"educations.csv", "member_id,school_id,field,degree,start,end"},
    {"connections.csv", "a,b,created_at"},
    {"invitations.csv", "id,from,to,note,created_at,state,kind,via"},
    {"follows.csv", "follower,followee,created_at"},
    {"posts.csv", "id,author,title,body,created_at,views"},
    {"comments.csv", "id,post_id,author,body,created_at"},
    {"post_views.csv", "post_id,viewer,at"},
    {"appearances.csv", "id,member_id,kind,title,event,date,place,link,created_at"},
};

constexpr Timestamp kNow = 1790812800;  // The generator's "now": 2026-10-01T00:00:00Z.
constexpr Timestamp kDay = 86400;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// A whole file as rows of strings, keyed by header name.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  int Column(std::string_view name) const {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  }
};

Table ReadTable(const std::string& path) {
  Table table;
  absl::StatusOr<CsvReader> reader = CsvReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return table;
  table.header = reader->header();
  while (true) {
    absl::StatusOr<bool> more = reader->Next();
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    std::vector<std::string> row;
    for (int i = 0; i < reader->size(); ++i) row.emplace_back(reader->Field(i));
    table.rows.push_back(std::move(row));
  }
  return table;
}

int64_t ToInt(const std::string& text) { return std::stoll(text); }

Timestamp ToTime(const std::string& text) {
  absl::StatusOr<Timestamp> time = ParseTimestamp(text);
  EXPECT_TRUE(time.ok()) << text;
  return time.value_or(0);
}

// Folded words of at least four letters: what the advice matches a note's claim by.
std::set<std::string> LongWords(std::string_view text) {
  std::set<std::string> words;
  std::string folded = Fold(text);
  for (size_t begin = 0; begin < folded.size();) {
    size_t end = std::min(folded.find(' ', begin), folded.size());
    if (end - begin >= 4) words.insert(folded.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

bool ClaimsToHaveSeen(std::string_view note) {
  for (const std::string& word : LongWords(note)) {
    for (std::string_view claim : vocabulary::ClaimWords()) {
      if (word.starts_with(claim)) return true;
    }
  }
  return false;
}

uint64_t PairKey(int64_t a, int64_t b) {
  if (a > b) std::swap(a, b);
  return static_cast<uint64_t>(a) << 32 | static_cast<uint64_t>(b);
}

size_t Utf8Length(std::string_view text) {
  size_t characters = 0;
  for (char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return characters;
}

// The network as the tests see it: only what the files say.
struct Network {
  int64_t members = 0;
  Table member_rows, organizations, positions, educations, invitations, follows, posts, comments,
      post_views, appearances;
  std::vector<std::vector<int64_t>> contacts;  // 1-based ids; sorted
  std::vector<std::pair<int64_t, int64_t>> connection_pairs;

  const std::vector<int64_t>& ContactsOf(int64_t id) const { return contacts[id]; }
  bool Connected(int64_t a, int64_t b) const {
    return std::binary_search(contacts[a].begin(), contacts[a].end(), b);
  }
};

std::unique_ptr<Network> Load(const std::string& dir, int64_t members) {
  auto network = std::make_unique<Network>();
  network->members = members;
  network->member_rows = ReadTable(dir + "/members.csv");
  network->organizations = ReadTable(dir + "/organizations.csv");
  network->positions = ReadTable(dir + "/positions.csv");
  network->educations = ReadTable(dir + "/educations.csv");
  network->invitations = ReadTable(dir + "/invitations.csv");
  network->follows = ReadTable(dir + "/follows.csv");
  network->posts = ReadTable(dir + "/posts.csv");
  network->comments = ReadTable(dir + "/comments.csv");
  network->post_views = ReadTable(dir + "/post_views.csv");
  network->appearances = ReadTable(dir + "/appearances.csv");
  network->contacts.resize(members + 1);
  absl::StatusOr<CsvReader> reader = CsvReader::Open(dir + "/connections.csv");
  EXPECT_TRUE(reader.ok()) << reader.status();
  while (reader.ok()) {
    absl::StatusOr<bool> more = reader->Next();
    if (!more.ok() || !*more) break;
    int64_t a = *reader->Int(0), b = *reader->Int(1);
    network->connection_pairs.emplace_back(a, b);
    if (a >= 1 && a <= members && b >= 1 && b <= members) {
      network->contacts[a].push_back(b);
      network->contacts[b].push_back(a);
    }
  }
  for (auto& list : network->contacts) std::sort(list.begin(), list.end());
  return network;
}

constexpr int64_t kMembers = 20'000;

class GeneratedNetwork : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    absl::StatusOr<GeneratorSummary> generated =
        Generate({.members = kMembers, .seed = 7, .out_dir = dir_->path(), .threads = 2});
    ASSERT_TRUE(generated.ok()) << generated.status();
    summary_ = *generated;
    network_ = Load(dir_->path(), kMembers).release();
  }
  static void TearDownTestSuite() {
    delete network_;
    delete dir_;
  }

  static const Network& network() { return *network_; }

  static testing::TempDir* dir_;
  static GeneratorSummary summary_;
  static Network* network_;
};

testing::TempDir* GeneratedNetwork::dir_ = nullptr;
GeneratorSummary GeneratedNetwork::summary_;
Network* GeneratedNetwork::network_ = nullptr;

// ---- Determinism ------------------------------------------------------------------

TEST(Generator, SameOptionsGiveTheSameBytesWhateverTheThreadCount) {
  testing::TempDir one, two, three;
  ASSERT_TRUE(Generate({.members = 3000, .seed = 42, .out_dir = one.path(), .threads = 1}).ok());
  ASSERT_TRUE(Generate({.members = 3000, .seed = 42, .out_dir = two.path(), .threads = 2}).ok());
  ASSERT_TRUE(Generate({.members = 3000, .seed = 42, .out_dir = three.path(), .threads = 5}).ok());
  for (std::string_view name : kFiles) {
    std::string expected = ReadAll(one.File(std::string(name)));
    EXPECT_FALSE(expected.empty()) << name;
    EXPECT_EQ(ReadAll(two.File(std::string(name))), expected) << name;
    EXPECT_EQ(ReadAll(three.File(std::string(name))), expected) << name;
  }
}

TEST(Generator, AnotherSeedGivesAnotherNetwork) {
  testing::TempDir one, two;
  ASSERT_TRUE(Generate({.members = 3000, .seed = 1, .out_dir = one.path(), .threads = 2}).ok());
  ASSERT_TRUE(Generate({.members = 3000, .seed = 2, .out_dir = two.path(), .threads = 2}).ok());
  for (std::string_view name : kFiles) {
    if (name == "organizations.csv") continue;  // Mostly the fixed list of real ones.
    EXPECT_NE(ReadAll(one.File(std::string(name))), ReadAll(two.File(std::string(name)))) << name;
  }
}

TEST(Generator, RejectsTooFewMembersAndNoDirectory) {
  EXPECT_FALSE(Generate({.members = 5, .out_dir = "/tmp/unused"}).ok());
  EXPECT_FALSE(Generate({.members = 100, .out_dir = ""}).ok());
}

// ---- Format -----------------------------------------------------------------------

TEST_F(GeneratedNetwork, EveryFileHasTheDesignHeaderAndTheSummarisedRowCount) {
  for (std::string_view name : kFiles) {
    std::string content = ReadAll(dir_->File(std::string(name)));
    EXPECT_EQ(content.substr(0, content.find('\n')), kHeaders.at(name)) << name;
  }
  EXPECT_EQ(network().member_rows.rows.size(), static_cast<size_t>(summary_.members));
  EXPECT_EQ(network().organizations.rows.size(), static_cast<size_t>(summary_.organizations));
  EXPECT_EQ(network().positions.rows.size(), static_cast<size_t>(summary_.positions));
  EXPECT_EQ(network().educations.rows.size(), static_cast<size_t>(summary_.educations));
  EXPECT_EQ(network().connection_pairs.size(), static_cast<size_t>(summary_.connections));
  EXPECT_EQ(network().invitations.rows.size(), static_cast<size_t>(summary_.invitations));
  EXPECT_EQ(network().follows.rows.size(), static_cast<size_t>(summary_.follows));
  EXPECT_EQ(network().posts.rows.size(), static_cast<size_t>(summary_.posts));
  EXPECT_EQ(network().comments.rows.size(), static_cast<size_t>(summary_.comments));
  EXPECT_EQ(network().post_views.rows.size(), static_cast<size_t>(summary_.post_views));
  EXPECT_EQ(network().appearances.rows.size(), static_cast<size_t>(summary_.appearances));
}

TEST_F(GeneratedNetwork, FieldsWithCommasQuotesAndNewlinesRoundTrip) {
  // The raw bytes hold RFC 4180 quoting, and the reader gives the text back.
  std::string raw = ReadAll(dir_->File("members.csv"));
  EXPECT_NE(raw.find("\"\"Leave the campsite better than you found it.\"\"\n"), std::string::npos);
  const Table& members = network().member_rows;
  int summary = members.Column("summary");
  bool quote_and_newline = false;
  for (const auto& row : members.rows) {
    ASSERT_EQ(row.size(), members.header.size());
    if (row[summary].starts_with("Motto: \"Leave the campsite better than you found it.\"\n")) {
      quote_and_newline = true;
    }
  }
  EXPECT_TRUE(quote_and_newline);
  int body = network().posts.Column("body");
  bool comma_and_newline = false;
  for (const auto& row : network().posts.rows) {
    if (row[body].find(',') != std::string::npos && row[body].find('\n') != std::string::npos) {
      comma_and_newline = true;
    }
  }
  EXPECT_TRUE(comma_and_newline);
  int note = network().invitations.Column("note");
  bool note_with_newline = false;
  for (const auto& row : network().invitations.rows) {
    EXPECT_LE(Utf8Length(row[note]), 300u);
    note_with_newline |= row[note].find('\n') != std::string::npos;
  }
  EXPECT_TRUE(note_with_newline);
}

TEST_F(GeneratedNetwork, MembersLookLikeAProfessionalNetwork) {
  const Table& members = network().member_rows;
  int id = members.Column("id"), handle = members.Column("handle"), city = members.Column("city"),
      country = members.Column("country"), first = members.Column("first_name"),
      last = members.Column("last_name"), policy = members.Column("policy"),
      markets = members.Column("markets"), photo = members.Column("has_photo");
  std::map<std::string, std::string, std::less<>> city_country;
  for (const auto& entry : vocabulary::Cities()) {
    city_country[std::string(entry.name)] = std::string(entry.country);
  }
  std::set<std::string> handles, market_kinds;
  int64_t norwegians = 0, oslo = 0, bergen = 0, with_norwegian_letters = 0, without_photo = 0;
  int64_t selective = 0;
  for (size_t i = 0; i < members.rows.size(); ++i) {
    const auto& row = members.rows[i];
    EXPECT_EQ(ToInt(row[id]), static_cast<int64_t>(i) + 1);
    EXPECT_TRUE(handles.insert(row[handle]).second) << "duplicate handle " << row[handle];
    ASSERT_TRUE(city_country.count(row[city])) << row[city];
    EXPECT_EQ(city_country[row[city]], row[country]) << row[city];
    norwegians += row[country] == "NO";
    oslo += row[city] == "Oslo";
    bergen += row[city] == "Bergen";
    std::string name = row[first] + row[last];
    for (std::string_view letter : {"æ", "ø", "å", "Æ", "Ø", "Å"}) {
      if (name.find(letter) != std::string::npos) {
        ++with_norwegian_letters;
        break;
      }
    }
    without_photo += row[photo] == "0";
    selective += row[policy] == "selective";
    market_kinds.insert(row[markets] == "home" || row[markets] == "international" ? row[markets]
                                                                                  : "listed");
  }
  double n = static_cast<double>(members.rows.size());
  EXPECT_GT(norwegians / n, 0.55);
  EXPECT_LT(norwegians / n, 0.85);
  EXPECT_GT(oslo, 2 * bergen);  // Skewed: the capital dominates.
  EXPECT_GT(with_norwegian_letters, 0);
  EXPECT_GT(without_photo / n, 0.03);
  EXPECT_GT(selective / n, 0.05);
  EXPECT_LT(selective / n, 0.5);
  EXPECT_EQ(market_kinds, (std::set<std::string>{"home", "international", "listed"}));
}

TEST_F(GeneratedNetwork, CareersHaveOneOpenPositionAndIndustryFollowsTheEmployer) {
  const Table& positions = network().positions;
  int member = positions.Column("member_id"), organization = positions.Column("organization_id"),
      title = positions.Column("title"), start = positions.Column("start"),
      end = positions.Column("end");
  int industry_column = network().organizations.Column("industry");
  std::vector<int> count(kMembers + 1, 0), open(kMembers + 1, 0);
  std::vector<int64_t> current(kMembers + 1, 0);
  bool sivilingenior = false, software_engineer = false, daglig_leder = false;
  for (const auto& row : positions.rows) {
    int64_t id = ToInt(row[member]);
    ++count[id];
    EXPECT_EQ(row[start].size(), 7u) << row[start];  // Month precision: 2019-08
    if (row[end].empty()) {
      ++open[id];
      current[id] = ToInt(row[organization]);
    } else {
      EXPECT_LE(row[start], row[end]);
    }
    sivilingenior |= row[title] == "Sivilingeniør";
    software_engineer |= row[title] == "Software Engineer";
    daglig_leder |= row[title] == "Daglig leder";
  }
  EXPECT_TRUE(sivilingenior && software_engineer && daglig_leder);
  const Table& members = network().member_rows;
  int industry = members.Column("industry");
  int64_t checked = 0;
  for (int64_t id = 1; id <= kMembers; ++id) {
    EXPECT_LE(count[id], 5);
    EXPECT_LE(open[id], 1);
    if (open[id] == 1) {
      EXPECT_EQ(members.rows[id - 1][industry],
                network().organizations.rows[current[id] - 1][industry_column]);
      ++checked;
    }
  }
  EXPECT_GT(checked, kMembers / 2);
}

// ---- Connections -----------------------------------------------------------------

TEST_F(GeneratedNetwork, ConnectionsAreOncePerPairWithoutSelfLoopsBetweenMembers) {
  std::vector<uint64_t> keys;
  for (const auto& [a, b] : network().connection_pairs) {
    EXPECT_NE(a, b);
    EXPECT_GE(std::min(a, b), 1);
    EXPECT_LE(std::max(a, b), kMembers);
    keys.push_back(PairKey(a, b));
  }
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST_F(GeneratedNetwork, DegreesAreHeavyTailedAndCapped) {
  std::vector<size_t> degrees;
  for (int64_t id = 1; id <= kMembers; ++id) degrees.push_back(network().ContactsOf(id).size());
  std::sort(degrees.begin(), degrees.end());
  size_t median = degrees[degrees.size() / 2], max = degrees.back();
  double mean = 2.0 * static_cast<double>(network().connection_pairs.size()) / kMembers;
  EXPECT_GE(median, 20u);
  EXPECT_LE(median, 300u);
  EXPECT_GT(max, 20 * median);
  EXPECT_LE(max, static_cast<size_t>(kMaxConnections));
  EXPECT_GT(mean, 70);
  EXPECT_LT(mean, 130);
  size_t in_band = std::count_if(degrees.begin(), degrees.end(),
                                 [](size_t d) { return d >= 20 && d <= 300; });
  EXPECT_GT(static_cast<double>(in_band) / kMembers, 0.75);
}

TEST_F(GeneratedNetwork, AverageClusteringIsThatOfAProfessionalNetwork) {
  // Exact local clustering of every member with 2..500 contacts.
  double total = 0;
  int64_t counted = 0;
  for (int64_t id = 1; id <= kMembers; ++id) {
    const auto& mine = network().ContactsOf(id);
    if (mine.size() < 2 || mine.size() > 500) continue;
    int64_t links = 0;  // Each triangle twice.
    for (int64_t contact : mine) {
      const auto& theirs = network().ContactsOf(contact);
      auto a = mine.begin(), b = theirs.begin();
      while (a != mine.end() && b != theirs.end()) {
        if (*a == *b) {
          ++links;
          ++a;
          ++b;
        } else if (*a < *b) {
          ++a;
        } else {
          ++b;
        }
      }
    }
    double d = static_cast<double>(mine.size());
    total += static_cast<double>(links) / (d * (d - 1));
    ++counted;
  }
  ASSERT_GT(counted, kMembers / 2);
  double clustering = total / static_cast<double>(counted);
  EXPECT_GE(clustering, 0.1);
  EXPECT_LE(clustering, 0.3);
}

TEST_F(GeneratedNetwork, ContactsShareEmployerSchoolOrCityMoreThanStrangers) {
  // Homophily: a contact is far more often a colleague, classmate or neighbour than a
  // random member is.
  const Table& members = network().member_rows;
  int city = members.Column("city");
  std::vector<std::set<int64_t>> places(kMembers + 1);
  for (const auto& row : network().positions.rows) places[ToInt(row[0])].insert(ToInt(row[1]));
  for (const auto& row : network().educations.rows) places[ToInt(row[0])].insert(ToInt(row[1]));
  auto shares = [&](int64_t a, int64_t b) {
    if (members.rows[a - 1][city] == members.rows[b - 1][city]) return true;
    for (int64_t place : places[a]) {
      if (places[b].count(place)) return true;
    }
    return false;
  };
  int64_t contact_hits = 0, random_hits = 0, samples = 0;
  uint64_t x = 99;
  for (size_t i = 0; i < network().connection_pairs.size() && samples < 20000; i += 37, ++samples) {
    const auto& [a, b] = network().connection_pairs[i];
    contact_hits += shares(a, b);
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    int64_t r = static_cast<int64_t>((x >> 33) % kMembers) + 1;
    random_hits += shares(a, r);
  }
  EXPECT_GT(contact_hits, 2 * random_hits);
}

// ---- Invitations -----------------------------------------------------------------

struct Period {
  int64_t place;  // Organization or school.
  std::string field;
  std::string start, end;  // "2019-08"; an open end is "9999-12".
};

bool Overlap(const Period& a, const Period& b) { return a.start < b.end && b.start < a.end; }

struct Profile {
  bool spam_like = false;
  Timestamp created_at = 0;
  std::string country, industry, markets;
  std::set<int64_t> schools, organizations;
  std::set<std::string> fields;
  std::vector<Period> jobs, studies;
};

std::vector<Profile> Profiles(const Network& network) {
  std::vector<Profile> profiles(network.members + 1);
  std::vector<bool> has_position(network.members + 1), has_education(network.members + 1);
  for (const auto& row : network.positions.rows) {
    int64_t id = ToInt(row[0]);
    has_position[id] = true;
    profiles[id].organizations.insert(ToInt(row[1]));
    profiles[id].jobs.push_back({ToInt(row[1]), "", row[3], row[4].empty() ? "9999-12" : row[4]});
  }
  for (const auto& row : network.educations.rows) {
    int64_t id = ToInt(row[0]);
    has_education[id] = true;
    profiles[id].schools.insert(ToInt(row[1]));
    profiles[id].fields.insert(row[2]);
    profiles[id].studies.push_back({ToInt(row[1]), row[2], row[4], row[5]});
  }
  const Table& members = network.member_rows;
  int headline = members.Column("headline"), summary = members.Column("summary"),
      photo = members.Column("has_photo"), city = members.Column("city"),
      country = members.Column("country"), industry = members.Column("industry"),
      markets = members.Column("markets"), created_at = members.Column("created_at");
  for (int64_t id = 1; id <= network.members; ++id) {
    const auto& row = members.rows[id - 1];
    int filled = !row[headline].empty() + !row[summary].empty() + has_position[id] +
                 has_education[id] + !row[city].empty() + !row[industry].empty();
    Profile& profile = profiles[id];
    profile.spam_like = row[photo] == "0" || filled < 3;
    profile.created_at = ToTime(row[created_at]);
    profile.country = row[country];
    profile.industry = row[industry];
    profile.markets = row[markets];
  }
  return profiles;
}

bool Foreign(const Profile& sender, const Profile& recipient) {
  if (recipient.markets == "international") return false;
  if (recipient.markets == "home") return sender.country != recipient.country;
  std::string listed = ";" + recipient.markets + ";";
  return listed.find(";" + sender.country + ";") == std::string::npos;
}

template <typename T>
bool Intersects(const std::set<T>& a, const std::set<T>& b) {
  for (const T& item : a) {
    if (b.count(item)) return true;
  }
  return false;
}

std::vector<int64_t> Mutual(const Network& network, int64_t from, int64_t to) {
  const auto& x = network.ContactsOf(from);
  const auto& y = network.ContactsOf(to);
  std::vector<int64_t> mutual;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(mutual));
  return mutual;
}

bool CommonGround(const Network& network, const std::vector<Profile>& profiles, int64_t from,
                  int64_t to) {
  const Profile& a = profiles[from];
  const Profile& b = profiles[to];
  if (!a.industry.empty() && a.industry == b.industry) return true;
  if (Intersects(a.schools, b.schools) || Intersects(a.fields, b.fields) ||
      Intersects(a.organizations, b.organizations)) {
    return true;
  }
  return !Mutual(network, from, to).empty();
}

// The triage's verified common ground: months together at one employer, years together
// in one study programme, or three mutual contacts of whom two are not hubs.
bool VerifiedGround(const Network& network, const std::vector<Profile>& profiles, int64_t from,
                    int64_t to) {
  for (const Period& mine : profiles[from].jobs) {
    for (const Period& theirs : profiles[to].jobs) {
      if (mine.place == theirs.place && Overlap(mine, theirs)) return true;
    }
  }
  for (const Period& mine : profiles[from].studies) {
    for (const Period& theirs : profiles[to].studies) {
      if (mine.place == theirs.place && mine.field == theirs.field && Overlap(mine, theirs)) {
        return true;
      }
    }
  }
  std::vector<int64_t> mutual = Mutual(network, from, to);
  int64_t selective = std::count_if(mutual.begin(), mutual.end(), [&](int64_t contact) {
    return network.ContactsOf(contact).size() < 1000;
  });
  return mutual.size() >= 3 && selective >= 2;
}

// Who did what to whom, and when, from follows.csv, comments.csv and post_views.csv.
struct Attention {
  absl::flat_hash_map<uint64_t, Timestamp> follows;  // (follower << 32 | followee) -> time
  // (member << 32 | post author) -> times of the member's comments on, or reads of, the
  // author's posts.
  absl::flat_hash_map<uint64_t, std::vector<Timestamp>> comments, reads;

  static uint64_t Key(int64_t a, int64_t b) {
    return static_cast<uint64_t>(a) << 32 | static_cast<uint64_t>(b);
  }
  // Anything from `from` to `to` in [at - 1 day, at].
  bool Fresh(int64_t from, int64_t to, Timestamp at) const {
    auto within = [&](Timestamp t) { return t >= at - kDay && t <= at; };
    if (auto it = follows.find(Key(from, to)); it != follows.end() && within(it->second)) {
      return true;
    }
    for (const auto* times : {&comments, &reads}) {
      if (auto it = times->find(Key(from, to)); it != times->end()) {
        if (std::any_of(it->second.begin(), it->second.end(), within)) return true;
      }
    }
    return false;
  }
};

std::vector<int64_t> PostAuthors(const Network& network) {
  std::vector<int64_t> authors(network.posts.rows.size() + 1, 0);
  for (const auto& row : network.posts.rows) authors[ToInt(row[0])] = ToInt(row[1]);
  return authors;
}

Attention AttentionOf(const Network& network) {
  Attention attention;
  std::vector<int64_t> authors = PostAuthors(network);
  for (const auto& row : network.follows.rows) {
    attention.follows[Attention::Key(ToInt(row[0]), ToInt(row[1]))] = ToTime(row[2]);
  }
  for (const auto& row : network.comments.rows) {
    attention.comments[Attention::Key(ToInt(row[2]), authors[ToInt(row[1])])].push_back(
        ToTime(row[4]));
  }
  for (const auto& row : network.post_views.rows) {
    attention.reads[Attention::Key(ToInt(row[1]), authors[ToInt(row[0])])].push_back(
        ToTime(row[2]));
  }
  return attention;
}

TEST_F(GeneratedNetwork, PendingInvitationsOfEveryKindAgreeWithTheirLabel) {
  const Network& net = network();
  std::vector<Profile> profiles = Profiles(net);
  Attention attention = AttentionOf(net);
  const Table& invitations = net.invitations;
  int from_column = invitations.Column("from"), to_column = invitations.Column("to"),
      state = invitations.Column("state"), kind = invitations.Column("kind"),
      created = invitations.Column("created_at"), via = invitations.Column("via");
  std::map<std::string, int64_t> kinds;
  absl::flat_hash_set<uint64_t> pending_pairs;
  int64_t spam_signs_with_ground = 0;
  for (const auto& row : invitations.rows) {
    if (row[state] != "pending") {
      EXPECT_TRUE(row[kind].empty());
      continue;
    }
    int64_t from = ToInt(row[from_column]), to = ToInt(row[to_column]);
    ASSERT_NE(from, to);
    EXPECT_FALSE(net.Connected(from, to)) << from << " " << to;
    EXPECT_TRUE(pending_pairs.insert(PairKey(from, to)).second) << "second pending " << from;
    ++kinds[row[kind]];
    const Profile& sender = profiles[from];
    const Profile& recipient = profiles[to];
    const Timestamp at = ToTime(row[created]);
    const bool new_account = at - sender.created_at < 7 * kDay;
    std::string expected;
    if (!row[via].empty() && !new_account) {
      expected = "visibility";
    } else if (new_account && attention.Fresh(from, to, at)) {
      expected = "gamed";
    } else if (sender.spam_like && !VerifiedGround(net, profiles, from, to)) {
      expected = "spam";
    } else if (Foreign(sender, recipient)) {
      expected = "foreign";
    } else if (sender.spam_like || CommonGround(net, profiles, from, to)) {
      spam_signs_with_ground += sender.spam_like;
      expected = "common_ground";
    } else if (attention.follows.contains(Attention::Key(from, to))) {
      expected = "follower";
    } else {
      expected = "stranger";
    }
    EXPECT_EQ(row[kind], expected) << from << " -> " << to << " at " << row[created];
  }
  for (std::string_view expected :
       {"spam", "foreign", "common_ground", "follower", "stranger", "visibility", "gamed"}) {
    EXPECT_GE(kinds[std::string(expected)], 10) << expected;
  }
  // No photo, but a colleague of the same years or several real mutual contacts: not spam.
  EXPECT_GE(spam_signs_with_ground, 10);
}

TEST_F(GeneratedNetwork, HistoryGivesSenderBehaviour) {
  const Network& net = network();
  const Table& invitations = net.invitations;
  int from_column = invitations.Column("from"), to_column = invitations.Column("to"),
      state = invitations.Column("state"), created = invitations.Column("created_at"),
      kind = invitations.Column("kind");
  std::map<std::string, int64_t> states;
  absl::flat_hash_map<int64_t, int64_t> recent_spam, accepted_by;
  for (const auto& row : invitations.rows) {
    ++states[row[state]];
    int64_t from = ToInt(row[from_column]), to = ToInt(row[to_column]);
    if (row[state] == "accepted") {
      EXPECT_TRUE(net.Connected(from, to)) << from << " " << to;
      ++accepted_by[from];
    }
    if (row[kind] == "spam" && row[created] >= "2026-09-17") ++recent_spam[from];
  }
  for (std::string_view expected : {"pending", "accepted", "ignored", "withdrawn", "reported"}) {
    EXPECT_GT(states[std::string(expected)], 0) << expected;
  }
  // Spam-like senders: many recent invitations, few accepted.
  int64_t bursts = 0;
  for (const auto& [sender, count] : recent_spam) {
    if (count >= 20) {
      ++bursts;
      EXPECT_LT(accepted_by[sender], count) << sender;
    }
  }
  EXPECT_GT(bursts, 3);
}

TEST_F(GeneratedNetwork, FollowsPostsAndCommentsReferToMembers) {
  const Network& net = network();
  int64_t follows_of_contacts = 0;
  for (const auto& row : net.follows.rows) {
    int64_t follower = ToInt(row[0]), followee = ToInt(row[1]);
    EXPECT_NE(follower, followee);
    EXPECT_LE(std::max(follower, followee), kMembers);
    follows_of_contacts += net.Connected(follower, followee);
  }
  EXPECT_GT(follows_of_contacts, 0);
  EXPECT_LT(follows_of_contacts, static_cast<int64_t>(net.follows.rows.size()));
  ASSERT_FALSE(net.posts.rows.empty());
  for (const auto& row : net.posts.rows) {
    EXPECT_LE(ToInt(row[1]), kMembers);
    EXPECT_GE(ToInt(row[5]), 0);
  }
  ASSERT_FALSE(net.comments.rows.empty());
  for (const auto& row : net.comments.rows) {
    EXPECT_LE(ToInt(row[1]), static_cast<int64_t>(net.posts.rows.size()));
    EXPECT_LE(ToInt(row[2]), kMembers);
  }
}

// ---- Posts, reads, appearances ----------------------------------------------------

// The topics whose name, in either language, a text contains (by index).
std::set<size_t> TopicsIn(std::string_view text) {
  std::set<size_t> found;
  auto topics = vocabulary::Topics();
  for (size_t t = 0; t < topics.size(); ++t) {
    if (text.find(topics[t].norwegian) != std::string_view::npos ||
        text.find(topics[t].english) != std::string_view::npos) {
      found.insert(t);
    }
  }
  return found;
}

TEST_F(GeneratedNetwork, PostTitlesMatchTheirBodiesAndCommentsTheirPost) {
  const Table& posts = network().posts;
  std::vector<std::set<size_t>> post_topics(posts.rows.size() + 1);
  int64_t norwegian = 0, english = 0;
  for (const auto& row : posts.rows) {
    const std::string& title = row[2];
    const std::string& body = row[3];
    EXPECT_LE(Utf8Length(title), 200u);
    std::set<size_t> in_title = TopicsIn(title);
    ASSERT_FALSE(in_title.empty()) << title;
    // The title's topic is the body's, in the same language.
    bool matches = false;
    for (size_t t : in_title) {
      const vocabulary::Topic& topic = vocabulary::Topics()[t];
      bool in_norwegian = title.find(topic.norwegian) != std::string::npos;
      std::string_view name = in_norwegian ? topic.norwegian : topic.english;
      if (body.find(name) != std::string::npos) {
        matches = true;
        (in_norwegian && topic.norwegian != topic.english ? norwegian : english) += 1;
      }
    }
    EXPECT_TRUE(matches) << title << "\n" << body;
    post_topics[ToInt(row[0])] = in_title;
  }
  EXPECT_GT(norwegian, 100);
  EXPECT_GT(english, 100);
  int64_t on_topic = 0;
  for (const auto& row : network().comments.rows) {
    std::set<size_t> named = TopicsIn(row[3]);
    if (named.empty()) continue;
    ++on_topic;
    EXPECT_TRUE(Intersects(named, post_topics[ToInt(row[1])])) << row[3];
  }
  EXPECT_GT(on_topic, 100);
}

TEST_F(GeneratedNetwork, ReadsComeAfterThePostOncePerReaderAndDay) {
  const Network& net = network();
  std::vector<int64_t> authors = PostAuthors(net);
  std::vector<Timestamp> posted(authors.size(), 0);
  std::vector<int64_t> views(authors.size(), 0), reads(authors.size(), 0);
  for (const auto& row : net.posts.rows) {
    posted[ToInt(row[0])] = ToTime(row[4]);
    views[ToInt(row[0])] = ToInt(row[5]);
  }
  std::set<std::tuple<int64_t, int64_t, Timestamp>> seen;
  absl::flat_hash_map<uint64_t, Timestamp> first_read;  // (post << 32 | reader)
  int64_t by_non_contacts = 0;
  for (const auto& row : net.post_views.rows) {
    int64_t post = ToInt(row[0]), reader = ToInt(row[1]);
    Timestamp at = ToTime(row[2]);
    ASSERT_GE(post, 1);
    ASSERT_LT(post, static_cast<int64_t>(authors.size()));
    EXPECT_NE(reader, authors[post]);
    EXPECT_GE(at, posted[post]) << row[0] << " " << row[1];
    EXPECT_LT(at, kNow);
    EXPECT_TRUE(seen.emplace(post, reader, at / kDay).second)
        << "reader " << reader << " twice on one day of post " << post;
    ++reads[post];
    by_non_contacts += !net.Connected(reader, authors[post]);
    uint64_t key = Attention::Key(post, reader);
    first_read[key] = first_read.contains(key) ? std::min(first_read[key], at) : at;
  }
  for (size_t post = 1; post < authors.size(); ++post) EXPECT_LE(reads[post], views[post]) << post;
  EXPECT_GT(by_non_contacts, 100);  // Followers and the second degree read too.
  // Whoever commented had read the post.
  for (const auto& row : net.comments.rows) {
    auto it = first_read.find(Attention::Key(ToInt(row[1]), ToInt(row[2])));
    ASSERT_NE(it, first_read.end()) << "comment " << row[0];
    EXPECT_LE(it->second, ToTime(row[4])) << "comment " << row[0];
  }
}

TEST_F(GeneratedNetwork, AppearancesAreTalksMediaAndCoursesAtRealVenues) {
  const Table& appearances = network().appearances;
  std::vector<Profile> profiles = Profiles(network());
  std::map<std::string, int64_t> kinds;
  std::vector<int64_t> appearances_of(kMembers + 1, 0);
  for (const auto& row : appearances.rows) {
    int64_t member = ToInt(row[1]);
    ++kinds[row[2]];
    ++appearances_of[member];
    EXPECT_FALSE(row[3].empty());
    EXPECT_LE(Utf8Length(row[3]), 200u);
    EXPECT_EQ(row[5].size(), 10u) << row[5];  // 2026-09-10
    EXPECT_TRUE(row[7].empty() || row[7].starts_with("https://")) << row[7];
    EXPECT_LT(ToTime(row[8]), kNow);
    const vocabulary::Venue* venue = nullptr;
    for (const vocabulary::Venue& candidate : vocabulary::Venues()) {
      if (row[4].starts_with(candidate.name) && candidate.kind == row[2]) venue = &candidate;
    }
    ASSERT_NE(venue, nullptr) << row[2] << " at " << row[4];
    if (venue->kind == "talk") {
      EXPECT_EQ(row[4], std::string(venue->name) + " " + row[5].substr(0, 4));
    }
    if (venue->norwegian) {
      EXPECT_EQ(profiles[member].country, "NO") << row[4];
    }
    EXPECT_FALSE(TopicsIn(row[3]).empty()) << row[3];
  }
  for (std::string_view kind : {"talk", "media", "course"}) {
    EXPECT_GT(kinds[std::string(kind)], 5) << kind;
  }
  // Speakers are mostly the well connected.
  int64_t hubs = 0, hub_speakers = 0, others = 0, other_speakers = 0;
  for (int64_t id = 1; id <= kMembers; ++id) {
    bool hub = network().ContactsOf(id).size() >= 500;
    (hub ? hubs : others) += 1;
    (hub ? hub_speakers : other_speakers) += appearances_of[id] > 0;
  }
  ASSERT_GT(hubs, 0);
  EXPECT_GT(static_cast<double>(hub_speakers) / hubs,
            5 * static_cast<double>(other_speakers) / others);
}

// "post:12" -> {"post", 12}.
std::pair<std::string, int64_t> SplitVia(const std::string& via) {
  size_t colon = via.find(':');
  return {via.substr(0, colon), std::stoll(via.substr(colon + 1))};
}

TEST_F(GeneratedNetwork, InvitationsFromAPostFollowARecordedReadAndFromATalkItsDate) {
  const Network& net = network();
  std::vector<int64_t> authors = PostAuthors(net);
  absl::flat_hash_map<uint64_t, Timestamp> first_read;  // (post << 32 | reader)
  for (const auto& row : net.post_views.rows) {
    uint64_t key = Attention::Key(ToInt(row[0]), ToInt(row[1]));
    Timestamp at = ToTime(row[2]);
    first_read[key] = first_read.contains(key) ? std::min(first_read[key], at) : at;
  }
  std::vector<std::pair<int64_t, Timestamp>> appearances(net.appearances.rows.size() + 1);
  for (const auto& row : net.appearances.rows) {
    appearances[ToInt(row[0])] = {ToInt(row[1]), ToTime(row[5])};
  }
  const Table& invitations = net.invitations;
  int from = invitations.Column("from"), to = invitations.Column("to"),
      created = invitations.Column("created_at"), via = invitations.Column("via");
  std::map<std::string, int64_t> origins;
  for (const auto& row : invitations.rows) {
    if (row[via].empty()) continue;
    auto [kind, id] = SplitVia(row[via]);
    ++origins[kind];
    Timestamp at = ToTime(row[created]);
    if (kind == "post") {
      ASSERT_LT(id, static_cast<int64_t>(authors.size()));
      EXPECT_EQ(authors[id], ToInt(row[to])) << row[via];
      auto read = first_read.find(Attention::Key(id, ToInt(row[from])));
      ASSERT_NE(read, first_read.end()) << row[from] << " never read " << row[via];
      EXPECT_LE(read->second, at) << row[via];
    } else {
      ASSERT_EQ(kind, "appearance");
      ASSERT_LT(id, static_cast<int64_t>(appearances.size()));
      EXPECT_EQ(appearances[id].first, ToInt(row[to])) << row[via];
      EXPECT_LE(appearances[id].second, at) << row[via] << " had not taken place";
    }
  }
  EXPECT_GE(origins["post"], 10);
  EXPECT_GE(origins["appearance"], 10);
}

TEST_F(GeneratedNetwork, NotesNameSomethingOfTheRecipientsOnlyWhenTheSenderSawIt) {
  const Network& net = network();
  std::vector<int64_t> authors = PostAuthors(net);
  std::vector<std::set<std::string>> published(kMembers + 1);
  for (const auto& row : net.posts.rows) {
    std::set<std::string> words = LongWords(row[2]);
    published[ToInt(row[1])].insert(words.begin(), words.end());
  }
  for (const auto& row : net.appearances.rows) {
    for (int column : {3, 4, 6}) {
      std::set<std::string> words = LongWords(row[column]);
      published[ToInt(row[1])].insert(words.begin(), words.end());
    }
  }
  Attention attention = AttentionOf(net);
  const Table& invitations = net.invitations;
  int from = invitations.Column("from"), to = invitations.Column("to"),
      note = invitations.Column("note"), kind = invitations.Column("kind"),
      created = invitations.Column("created_at"), via = invitations.Column("via");
  int64_t true_claims = 0, false_claims = 0, plain = 0;
  for (const auto& row : invitations.rows) {
    if (row[note].empty()) continue;
    if (!ClaimsToHaveSeen(row[note])) {
      ++plain;
      continue;
    }
    const std::set<std::string>& theirs = published[ToInt(row[to])];
    std::set<std::string> named;
    for (const std::string& word : LongWords(row[note])) {
      if (theirs.contains(word)) named.insert(word);
    }
    if (named.empty()) {
      ++false_claims;
      continue;
    }
    ++true_claims;
    // The sender read a post of the recipient's before inviting, or heard their talk.
    Timestamp at = ToTime(row[created]);
    bool saw = !row[via].empty();
    if (auto it = attention.reads.find(Attention::Key(ToInt(row[from]), ToInt(row[to])));
        it != attention.reads.end()) {
      saw = saw || std::any_of(it->second.begin(), it->second.end(),
                               [&](Timestamp read) { return read <= at; });
    }
    EXPECT_TRUE(saw) << row[note];
    EXPECT_NE(row[kind], "spam") << row[note];
  }
  EXPECT_GE(true_claims, 10);
  EXPECT_GE(false_claims, 10);
  EXPECT_GT(plain, true_claims + false_claims);
}

TEST_F(GeneratedNetwork, MostAccountsAreYearsOldAFewAreNewAndGamedOnesHoursOld) {
  std::vector<Profile> profiles = Profiles(network());
  int64_t years_old = 0, new_accounts = 0;
  for (int64_t id = 1; id <= kMembers; ++id) {
    years_old += profiles[id].created_at < kNow - 365 * kDay;
    new_accounts += profiles[id].created_at > kNow - 14 * kDay;
  }
  EXPECT_GT(years_old, kMembers * 8 / 10);
  EXPECT_GT(new_accounts, 10);
  EXPECT_LT(new_accounts, kMembers / 100);
  const Table& invitations = network().invitations;
  int from = invitations.Column("from"), kind = invitations.Column("kind"),
      created = invitations.Column("created_at");
  Timestamp youngest = kNow;
  for (const auto& row : invitations.rows) {
    if (row[kind] != "gamed") continue;
    Timestamp age = ToTime(row[created]) - profiles[ToInt(row[from])].created_at;
    EXPECT_LT(age, 3 * kDay);
    youngest = std::min(youngest, age);
  }
  EXPECT_LT(youngest, 3 * 3600);
}

TEST_F(GeneratedNetwork, ShowcaseMembersReceiveEveryHardCase) {
  const Network& net = network();
  ASSERT_EQ(summary_.showcase.size(), 2u);
  int64_t hub = summary_.showcase[0], ordinary = summary_.showcase[1];
  for (int64_t id = 1; id <= kMembers; ++id) {
    EXPECT_LE(net.ContactsOf(id).size(), net.ContactsOf(hub).size());
  }
  EXPECT_GE(net.ContactsOf(ordinary).size(), 55u);
  EXPECT_LE(net.ContactsOf(ordinary).size(), 65u);
  std::vector<Profile> profiles = Profiles(net);
  EXPECT_FALSE(profiles[ordinary].spam_like);
  EXPECT_FALSE(profiles[ordinary].jobs.empty());
  EXPECT_FALSE(profiles[ordinary].studies.empty());
  const Table& members = net.member_rows;
  const Table& invitations = net.invitations;
  int from = invitations.Column("from"), to = invitations.Column("to"),
      state = invitations.Column("state"), kind = invitations.Column("kind"),
      via = invitations.Column("via"), note = invitations.Column("note");
  for (int64_t member : {hub, ordinary}) {
    bool via_post = false, gamed = false, no_photo_colleague = false, false_claim = false;
    for (const auto& row : invitations.rows) {
      if (ToInt(row[to]) != member || row[state] != "pending") continue;
      int64_t sender = ToInt(row[from]);
      via_post |= row[kind] == "visibility" && row[via].starts_with("post:");
      gamed |= row[kind] == "gamed";
      bool colleague = false;
      for (const Period& mine : profiles[sender].jobs) {
        for (const Period& theirs : profiles[member].jobs) {
          colleague |=
              mine.place == theirs.place && mine.end == "9999-12" && theirs.end == "9999-12";
        }
      }
      no_photo_colleague |= colleague &&
                            members.rows[sender - 1][members.Column("has_photo")] == "0" &&
                            row[kind] == "common_ground";
      false_claim |= ClaimsToHaveSeen(row[note]) && row[via].empty() && row[kind] != "gamed";
    }
    EXPECT_TRUE(via_post) << member;
    EXPECT_TRUE(gamed) << member;
    EXPECT_TRUE(false_claim) << member;
    if (member == hub) {
      EXPECT_TRUE(no_photo_colleague) << member;
    }
  }
}

// ---- Import ------------------------------------------------------------------------

TEST_F(GeneratedNetwork, ReadsAndImportsIntoSqliteWithEveryRow) {
  ExistingRows none;
  absl::StatusOr<store::Dataset> read = ReadLeddDirectory(dir_->path(), none);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->post_views.size(), static_cast<size_t>(summary_.post_views));
  EXPECT_EQ(read->appearances.size(), static_cast<size_t>(summary_.appearances));
  int64_t via =
      std::count_if(read->invitations.begin(), read->invitations.end(),
                    [](const auto& i) { return i.via.kind != store::InvitationVia::Kind::kNone; });
  EXPECT_GT(via, 20);

  testing::TempDir db;
  absl::StatusOr<ImportSummary> imported =
      ImportInto(db.File("ledd.db"), {.dir = dir_->path()});
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(imported->rows.members, summary_.members);
  EXPECT_EQ(imported->rows.connections, summary_.connections);
  EXPECT_EQ(imported->rows.follows, summary_.follows);
  EXPECT_EQ(imported->rows.comments, summary_.comments);
  // One row per post, reader and day: the store keeps every row the generator wrote.
  EXPECT_EQ(imported->rows.post_views, summary_.post_views);
  EXPECT_EQ(imported->rows.appearances, summary_.appearances);
  int64_t invitations = 0;
  for (int64_t count : imported->rows.invitations) invitations += count;
  EXPECT_EQ(invitations, summary_.invitations);
  // The store holds what the importer says it added.
  auto store = store::OpenSqliteStore({.path = db.File("ledd.db")});
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<store::Counts> stored = (*store)->Count();
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, imported->rows);
}

// ---- Vocabulary ----------------------------------------------------------------------

TEST(GeneratorVocabulary, TopicsHaveALongWordAndEveryIndustryAndProfessionHasTopics) {
  std::set<std::string_view> areas;
  for (const vocabulary::Topic& topic : vocabulary::Topics()) {
    for (std::string_view name : {topic.norwegian, topic.english}) {
      std::set<std::string> words = LongWords(name);
      EXPECT_TRUE(std::any_of(words.begin(), words.end(), [](const std::string& word) {
        return word.size() >= 5;
      })) << name;
      EXPECT_FALSE(ClaimsToHaveSeen(name)) << name;
    }
    areas.insert(topic.areas.begin(), topic.areas.end());
  }
  for (const vocabulary::Industry& industry : vocabulary::Industries()) {
    EXPECT_TRUE(areas.contains(industry.name)) << industry.name;
  }
  for (const vocabulary::Profession& profession : vocabulary::Professions()) {
    EXPECT_TRUE(areas.contains(profession.name)) << profession.name;
  }
}

TEST(GeneratorVocabulary, FactNotesClaimNothingAndClaimNotesDo) {
  for (bool norwegian : {false, true}) {
    for (auto notes :
         {vocabulary::SharedSchoolNotes(norwegian), vocabulary::SharedEmployerNotes(norwegian),
          vocabulary::SameWorkNotes(norwegian), vocabulary::GenericNotes(norwegian)}) {
      for (std::string_view note : notes) EXPECT_FALSE(ClaimsToHaveSeen(note)) << note;
    }
    for (std::string_view kind : {"post", "talk", "media", "course"}) {
      for (std::string_view note : vocabulary::ClaimNotes(kind, norwegian)) {
        EXPECT_TRUE(ClaimsToHaveSeen(note)) << note;
      }
    }
    for (std::string_view note : vocabulary::SpamClaimNotes(norwegian)) {
      EXPECT_TRUE(ClaimsToHaveSeen(note)) << note;
    }
  }
  for (std::string_view note : vocabulary::SpamNoteTemplates()) {
    EXPECT_FALSE(ClaimsToHaveSeen(note)) << note;
  }
  // What fact notes fill in.
  for (std::string_view event : vocabulary::Events())
    EXPECT_FALSE(ClaimsToHaveSeen(event)) << event;
  for (const vocabulary::City& city : vocabulary::Cities())
    EXPECT_FALSE(ClaimsToHaveSeen(city.name));
  for (const vocabulary::Profession& profession : vocabulary::Professions()) {
    for (std::string_view topic : profession.topics) EXPECT_FALSE(ClaimsToHaveSeen(topic)) << topic;
  }
}

}  // namespace
}  // namespace ledd::ingest
