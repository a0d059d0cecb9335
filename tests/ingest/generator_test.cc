// The generated network, read back from its CSV files with the libcsv-based reader:
// determinism, the interchange format, degree shape and clustering, and invitations
// whose labels agree with what the files say about sender and recipient.

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
#include "ledd/base/ids.h"
#include "ledd/ingest/csv_reader.h"
#include "ledd/ingest/generator_vocabulary.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

constexpr std::string_view kFiles[] = {"members.csv",     "organizations.csv", "positions.csv",
                                       "educations.csv",  "connections.csv",   "invitations.csv",
                                       "follows.csv",     "posts.csv",         "comments.csv"};

// DESIGN.md, "Interchange format".
const std::map<std::string_view, std::string_view> kHeaders = {
    {"members.csv",
     "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,email,"
     "created_at,policy,markets"},
    {"organizations.csv", "id,kind,name,industry,country"},
    {"positions.csv", "member_id,organization_id,title,start,end"},
    {"educations.csv", "member_id,school_id,field,degree,start,end"},
    {"connections.csv", "a,b,created_at"},
    {"invitations.csv", "id,from,to,note,created_at,state,kind"},
    {"follows.csv", "follower,followee,created_at"},
    {"posts.csv", "id,author,title,body,created_at,views"},
    {"comments.csv", "id,post_id,author,body,created_at"},
};

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
  Table member_rows, organizations, positions, educations, invitations, follows, posts, comments;
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

struct Profile {
  bool spam_like = false;
  std::string country, industry, markets;
  std::set<int64_t> schools, organizations;
  std::set<std::string> fields;
};

std::vector<Profile> Profiles(const Network& network) {
  std::vector<Profile> profiles(network.members + 1);
  std::vector<int> sections(network.members + 1, 0);
  std::vector<bool> has_position(network.members + 1), has_education(network.members + 1);
  for (const auto& row : network.positions.rows) {
    int64_t id = ToInt(row[0]);
    has_position[id] = true;
    profiles[id].organizations.insert(ToInt(row[1]));
  }
  for (const auto& row : network.educations.rows) {
    int64_t id = ToInt(row[0]);
    has_education[id] = true;
    profiles[id].schools.insert(ToInt(row[1]));
    profiles[id].fields.insert(row[2]);
  }
  const Table& members = network.member_rows;
  int headline = members.Column("headline"), summary = members.Column("summary"),
      photo = members.Column("has_photo"), city = members.Column("city"),
      country = members.Column("country"), industry = members.Column("industry"),
      markets = members.Column("markets");
  for (int64_t id = 1; id <= network.members; ++id) {
    const auto& row = members.rows[id - 1];
    int filled = !row[headline].empty() + !row[summary].empty() + has_position[id] +
                 has_education[id] + !row[city].empty() + !row[industry].empty();
    Profile& profile = profiles[id];
    profile.spam_like = row[photo] == "0" || filled < 3;
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

bool CommonGround(const Network& network, const std::vector<Profile>& profiles, int64_t from,
                  int64_t to) {
  const Profile& a = profiles[from];
  const Profile& b = profiles[to];
  if (!a.industry.empty() && a.industry == b.industry) return true;
  if (Intersects(a.schools, b.schools) || Intersects(a.fields, b.fields) ||
      Intersects(a.organizations, b.organizations)) {
    return true;
  }
  const auto& x = network.ContactsOf(from);
  const auto& y = network.ContactsOf(to);
  std::vector<int64_t> mutual;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(mutual));
  return !mutual.empty();
}

TEST_F(GeneratedNetwork, PendingInvitationsOfEveryKindAgreeWithTheirLabel) {
  const Network& net = network();
  std::vector<Profile> profiles = Profiles(net);
  absl::flat_hash_set<uint64_t> follows;
  for (const auto& row : net.follows.rows) {
    follows.insert(static_cast<uint64_t>(ToInt(row[0])) << 32 | static_cast<uint64_t>(ToInt(row[1])));
  }
  const Table& invitations = net.invitations;
  int from_column = invitations.Column("from"), to_column = invitations.Column("to"),
      state = invitations.Column("state"), kind = invitations.Column("kind");
  std::map<std::string, int64_t> kinds;
  absl::flat_hash_set<uint64_t> pending_pairs;
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
    bool spam = sender.spam_like;
    bool foreign = Foreign(sender, recipient);
    bool common = CommonGround(net, profiles, from, to);
    bool follower = follows.contains(static_cast<uint64_t>(from) << 32 | static_cast<uint64_t>(to));
    if (row[kind] == "spam") {
      EXPECT_TRUE(spam) << from;
    } else if (row[kind] == "foreign") {
      EXPECT_TRUE(!spam && foreign) << from << " -> " << to;
    } else if (row[kind] == "common_ground") {
      EXPECT_TRUE(!spam && !foreign && common) << from << " -> " << to;
    } else if (row[kind] == "follower") {
      EXPECT_TRUE(!spam && !foreign && !common && follower) << from << " -> " << to;
    } else if (row[kind] == "stranger") {
      EXPECT_TRUE(!spam && !foreign && !common && !follower) << from << " -> " << to;
    } else {
      ADD_FAILURE() << "unknown kind " << row[kind];
    }
  }
  for (std::string_view expected : {"spam", "foreign", "common_ground", "follower", "stranger"}) {
    EXPECT_GE(kinds[std::string(expected)], 10) << expected;
  }
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

}  // namespace
}  // namespace ledd::ingest
