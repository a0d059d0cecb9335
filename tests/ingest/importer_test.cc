// ImportDirectory on ledd's own format against a real SQLite store: a hand-written
// directory read back, and malformed rows that must stop the import at their exact
// FILE:LINE and leave the store as it was.

#include "ledd/ingest/importer.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

using testing::TempDir;

constexpr char kMembersHeader[] =
    "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,email,"
    "created_at,policy,markets\n";

void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A small network in ledd's format: two members, an organization of each kind, a
// position, an education, a connection, an invitation, a follow, a post and a comment.
void WriteGoodDirectory(const std::string& dir) {
  WriteFile(dir + "/members.csv",
            std::string(kMembersHeader) +
                "1,kari,Kari,Nordmann,\"Sivilingeniør, energy\",\"Line one\nline two\",1,Oslo,"
                "no,Energy,kari@example.no,2020-01-01,liberal,home\n"
                "2,ola,Ola,Hansen,,,0,Bergen,NO,,ola@example.no,2020-01-02T10:00:00Z,selective,"
                "NO;SE\n");
  WriteFile(dir + "/organizations.csv",
            "id,kind,name,industry,country\n10,company,Equinor,Energy,NO\n20,school,NTNU,,NO\n");
  WriteFile(dir + "/positions.csv",
            "member_id,organization_id,title,start,end\n1,10,Engineer,2019-08,\n");
  WriteFile(dir + "/educations.csv",
            "member_id,school_id,field,degree,start,end\n1,20,Physics,MSc,2010,2015\n");
  WriteFile(dir + "/connections.csv", "a,b,created_at\n2,1,2021-03-04T05:06:07Z\n");
  WriteFile(dir + "/invitations.csv",
            "id,from,to,note,created_at,state,kind\n100,2,1,\"Hi, \"\"Kari\"\"\",2021-01-01,"
            "accepted,common_ground\n");
  WriteFile(dir + "/follows.csv", "follower,followee,created_at\n2,1,2021-02-02\n");
  WriteFile(dir + "/posts.csv", "id,author,title,body,created_at,views\n7,1,Hello,World,2021-05-05,3\n");
  WriteFile(dir + "/comments.csv", "id,post_id,author,body,created_at\n8,7,2,Nice,2021-05-06\n");
}

std::unique_ptr<store::Store> OpenStore(const TempDir& dir) {
  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::OpenSqliteStore({.path = dir.File("ledd.db")});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

TEST(ImportDirectory, FormatNamesRoundTrip) {
  for (Format format : {Format::kAuto, Format::kLedd, Format::kLdbcTyped,
                        Format::kLdbcComposite, Format::kLdbcRaw}) {
    EXPECT_EQ(ParseFormat(FormatName(format)).value_or(Format::kAuto), format);
  }
  EXPECT_FALSE(ParseFormat("csv").ok());
}

TEST(ImportDirectory, ReadsBackAHandWrittenLeddDirectory) {
  TempDir dir;
  WriteGoodDirectory(dir.File("net"));
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = dir.File("net")});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->format, Format::kLedd);
  EXPECT_EQ(summary->rows.members, 2);
  EXPECT_GE(summary->parse_seconds, 0);
  EXPECT_GE(summary->load_seconds, 0);

  absl::StatusOr<store::Counts> counts = store->Count();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->members, 2);
  EXPECT_EQ(counts->organizations, 2);
  EXPECT_EQ(counts->positions, 1);
  EXPECT_EQ(counts->educations, 1);
  EXPECT_EQ(counts->connections, 1);
  EXPECT_EQ(counts->invitations[static_cast<int>(store::InvitationState::kAccepted)], 1);
  EXPECT_EQ(counts->follows, 1);
  EXPECT_EQ(counts->posts, 1);
  EXPECT_EQ(counts->comments, 1);

  absl::StatusOr<store::Member> kari = store->GetMember(1);
  ASSERT_TRUE(kari.ok()) << kari.status();
  EXPECT_EQ(kari->headline, "Sivilingeniør, energy");
  EXPECT_EQ(kari->summary, "Line one\nline two");
  EXPECT_TRUE(kari->has_photo);
  EXPECT_EQ(kari->country, "NO");  // Upper-cased.
  EXPECT_EQ(kari->created_at, 1577836800);
  absl::StatusOr<store::Member> ola = store->GetMember(2);
  ASSERT_TRUE(ola.ok()) << ola.status();
  EXPECT_EQ(ola->policy, store::Policy::kSelective);
  EXPECT_EQ(ola->markets.kind, store::Markets::Kind::kListed);
  EXPECT_EQ(ola->markets.countries, (std::vector<std::string>{"NO", "SE"}));
  absl::StatusOr<std::vector<store::Position>> positions = store->GetPositions(1);
  ASSERT_TRUE(positions.ok() && positions->size() == 1);
  EXPECT_EQ((*positions)[0].title, "Engineer");
  EXPECT_EQ((*positions)[0].start, 1564617600);  // 2019-08-01
  EXPECT_FALSE((*positions)[0].end.has_value());
  std::vector<store::Connection> connections;
  ASSERT_TRUE(store->ForEachConnection([&](const store::Connection& c) {
                     connections.push_back(c);
                   }).ok());
  ASSERT_EQ(connections.size(), 1u);
  EXPECT_EQ(connections[0].a, 1);  // Stored with a < b.
  EXPECT_EQ(connections[0].b, 2);
}

TEST(ImportDirectory, UnknownDirectoryLayoutIsAnError) {
  TempDir dir;
  WriteFile(dir.File("other/readme.txt"), "hello");
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(ImportDirectory(*store, {.dir = dir.File("other")}).ok());
  EXPECT_FALSE(ImportDirectory(*store, {.dir = dir.File("missing")}).ok());
}

TEST(ImportDirectory, ExplicitFormatOverridesDetection) {
  TempDir dir;
  WriteGoodDirectory(dir.File("net"));
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ImportSummary> summary =
      ImportDirectory(*store, {.dir = dir.File("net"), .format = Format::kLdbcTyped});
  EXPECT_FALSE(summary.ok());  // No Person.csv.
}

struct BadCase {
  const char* name;
  const char* file;     // Written into the bad directory besides members.csv.
  const char* content;
  const char* where;    // Expected "FILE:LINE:" in the error.
};

TEST(ImportDirectory, MalformedRowStopsAtItsLineAndChangesNothing) {
  TempDir dir;
  WriteGoodDirectory(dir.File("good"));
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(ImportDirectory(*store, {.dir = dir.File("good")}).ok());
  absl::StatusOr<store::Counts> before = store->Count();
  ASSERT_TRUE(before.ok());

  const std::string members = std::string(kMembersHeader) +
                              "3,per,Per,Olsen,,,1,Oslo,NO,,,2020-01-01,liberal,home\n"
                              "4,siri,Siri,Dahl,,,1,Oslo,NO,,,2020-01-01,liberal,home\n"
                              "5,nils,Nils,Berg,,,1,Oslo,NO,,,2020-01-01,liberal,home\n";
  const BadCase cases[] = {
      {"wrong column count", "connections.csv", "a,b,created_at\n3,4,2021-01-01\n3,5\n",
       "connections.csv:3: expected 3 fields, found 2"},
      {"bad id", "connections.csv", "a,b,created_at\n3,4,2021-01-01\n3,x,2021-01-01\n",
       "connections.csv:3: column \"b\": not an integer: \"x\""},
      {"dangling member", "connections.csv", "a,b,created_at\n3,4,2021-01-01\n3,99,2021-01-01\n",
       "connections.csv:3: column \"b\": unknown member 99"},
      {"self-connection", "connections.csv", "a,b,created_at\n3,4,2021-01-01\n5,5,2021-01-01\n",
       "connections.csv:3: member 5 cannot connect to itself"},
      {"duplicate pair", "connections.csv",
       "a,b,created_at\n3,4,2021-01-01\n3,5,2021-01-01\n4,3,2021-01-02\n",
       "connections.csv:4: members 3 and 4 are already connected (line 2)"},
      {"bad date", "connections.csv", "a,b,created_at\n3,4,2021-01-01\n3,5,2021-13-01\n",
       "connections.csv:3: column \"created_at\": not an ISO 8601"},
      {"multi-line field before the bad row", "invitations.csv",
       "id,from,to,note,created_at,state\n1,3,4,\"two\nlines\",2021-01-01,pending\n"
       "2,4,3,,2021-01-01,pending\n",
       "invitations.csv:4: members 4 and 3 already have a pending invitation (line 2)"},
      {"bad state", "invitations.csv",
       "id,from,to,note,created_at,state\n1,3,4,,2021-01-01,maybe\n",
       "invitations.csv:2: column \"state\": unknown invitation state \"maybe\""},
      {"long note", "invitations.csv",
       "id,from,to,note,created_at,state\n1,3,4,TOO_LONG,2021-01-01,pending\n",
       "invitations.csv:2: the note has 301 characters"},
      {"existing member", "follows.csv",
       "follower,followee,created_at\n3,1,2021-01-01\n3,1,2021-01-01\n",
       "follows.csv:3: member 3 already follows 1"},
      {"dangling organization", "positions.csv",
       "member_id,organization_id,title,start,end\n3,10,Engineer,2020,\n3,11,Engineer,2020,\n",
       "positions.csv:3: column \"organization_id\": unknown organization 11"},
      {"company as school", "educations.csv",
       "member_id,school_id,field,degree,start,end\n3,10,,,,\n",
       "educations.csv:2: column \"school_id\": organization 10 is a company, not a school"},
  };
  for (const BadCase& bad : cases) {
    std::string bad_dir = dir.File(std::string("bad-") + std::to_string(&bad - cases));
    WriteFile(bad_dir + "/members.csv", members);
    std::string content = bad.content;
    if (size_t at = content.find("TOO_LONG"); at != std::string::npos) {
      content.replace(at, 8, std::string(299, 'x') + "æ€");  // 301 characters, 304 bytes
    }
    WriteFile(bad_dir + "/" + bad.file, content);
    absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = bad_dir});
    ASSERT_FALSE(summary.ok()) << bad.name;
    std::string expected = bad_dir + "/" + bad.where;
    EXPECT_EQ(std::string(summary.status().message()).substr(0, expected.size()), expected)
        << bad.name << ": " << summary.status();
    EXPECT_EQ(store->Count().value(), before.value()) << bad.name;
  }

  // A member id that is already in the store.
  std::string again = dir.File("again");
  WriteFile(again + "/members.csv",
            std::string(kMembersHeader) + "6,six,S,X,,,1,,,,,,,\n1,kari2,K,N,,,1,,,,,,,\n");
  absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = again});
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().message(), again + "/members.csv:3: member 1 is already in the store");
  EXPECT_EQ(store->Count().value(), before.value());
}

// The model's rules (store/model.h) as the ledd format meets them: ids above 0 (for
// organizations, not below 0), valid UTF-8 without control characters in every text
// field, and the field limits. Each refusal names FILE:LINE, and an import into a
// database that did not exist leaves no file behind.
TEST(ImportDirectory, RefusesBadIdsInvalidTextAndOverlongFieldsAtFileAndLine) {
  const std::string members = std::string(kMembersHeader) +
                              "3,per,Per,Olsen,,,1,Oslo,NO,,,2020-01-01,liberal,home\n"
                              "4,siri,Siri,Dahl,,,1,Oslo,NO,,,2020-01-01,liberal,home\n";
  const std::string headline_221(221, 'h');
  const std::string summary_ok = std::string(2599, 's') + "\n";  // 2,600 with a line feed
  const std::string note_301 = std::string(299, 'x') + "æ€";     // characters, not bytes
  struct Case {
    std::string name;
    std::string file;
    std::string content;
    std::string where;  // "FILE:LINE: message"
  };
  const std::string header = kMembersHeader;
  const Case cases[] = {
      {"member id 0", "members.csv", header + "3,a,A,B,,,1,,,,,,,\n0,zero,Z,Z,,,1,,,,,,,\n",
       "members.csv:3: column \"id\": id 0 is not positive"},
      {"negative member id", "members.csv", header + "-5,neg,N,N,,,1,,,,,,,\n",
       "members.csv:2: column \"id\": id -5 is not positive"},
      {"invalid UTF-8 headline", "members.csv", header + "3,a,A,B,Bad \xC3\x28 text,,1,,,,,,,\n",
       "members.csv:2: the headline is not valid UTF-8"},
      {"overlong encoding", "members.csv", header + "3,a,\xC0\xAF,B,,,1,,,,,,,\n",
       "members.csv:2: the first name is not valid UTF-8"},
      {"surrogate", "members.csv", header + "3,a,A,\xED\xA0\x80,,,1,,,,,,,\n",
       "members.csv:2: the last name is not valid UTF-8"},
      {"escape in a name", "members.csv", header + "3,a,\"A\x1b[2J\",B,,,1,,,,,,,\n",
       "members.csv:2: the first name contains a control character (U+001B)"},
      {"line break in a headline", "members.csv", header + "3,a,A,B,\"one\ntwo\",,1,,,,,,,\n",
       "members.csv:2: the headline contains a control character (U+000A)"},
      {"C1 control in a city", "members.csv", header + "3,a,A,B,,,1,Os\xC2\x9Blo,,,,,,\n",
       "members.csv:2: the city contains a control character (U+009B)"},
      {"headline over the limit", "members.csv",
       header + "3,a,A,B," + headline_221 + ",,1,,,,,,,\n",
       "members.csv:2: the headline has 221 characters; at most 220 are allowed"},
      {"summary within the limit, then a bad one", "members.csv",
       header + "3,a,A,B,,\"" + summary_ok + "\",1,,,,,,,\n4,b,A,B,,\"" + summary_ok +
           "x\",1,,,,,,,\n",
       "members.csv:4: the summary has 2601 characters; at most 2600 are allowed"},
      {"organization id below 0", "organizations.csv", "id,kind,name\n-1,company,Acme\n",
       "organizations.csv:2: column \"id\": id -1 is not at least 0"},
      {"organization name not UTF-8", "organizations.csv", "id,kind,name\n1,company,Ac\xFFme\n",
       "organizations.csv:2: the organization name is not valid UTF-8"},
      {"connection end 0", "connections.csv", "a,b\n3,4\n0,3\n",
       "connections.csv:3: column \"a\": id 0 is not positive"},
      {"follow end 0", "follows.csv", "follower,followee\n3,0\n",
       "follows.csv:2: column \"followee\": id 0 is not positive"},
      {"invitation id 0", "invitations.csv", "id,from,to\n0,3,4\n",
       "invitations.csv:2: column \"id\": id 0 is not positive"},
      {"invitation note over the limit", "invitations.csv",
       "id,from,to,note\n1,3,4," + note_301 + "\n",
       "invitations.csv:2: the note has 301 characters; at most 300 are allowed"},
      {"post id 0", "posts.csv", "id,author,title\n0,3,T\n",
       "posts.csv:2: column \"id\": id 0 is not positive"},
      {"post title not UTF-8", "posts.csv", "id,author,title\n1,3,\xE2\x82\n",
       "posts.csv:2: the title is not valid UTF-8"},
      {"comment id 0", "comments.csv", "id,post_id,author,body\n0,1,3,Hi\n",
       "comments.csv:2: column \"id\": id 0 is not positive"},
      {"handle with a tab", "members.csv", header + "3,\"a\tb\",A,B,,,1,,,,,,,\n",
       "members.csv:2: the handle contains a control character (U+0009)"},
      {"note with a tab and a line feed, then a bell", "invitations.csv",
       "id,from,to,note,created_at,state\n1,3,4,\"a\tb\nc\",,\n2,4,3,\"ding\a\",,accepted\n",
       "invitations.csv:4: the note contains a control character (U+0007)"},
      {"comment on a post neither in posts.csv nor in the store", "comments.csv",
       "id,post_id,author,body\n1,9,3,Hi\n", "comments.csv:2: column \"post_id\": unknown post 9"},
  };
  for (const Case& bad : cases) {
    SCOPED_TRACE(bad.name);
    TempDir dir;
    const std::string net = dir.File("net");
    WriteFile(net + "/members.csv", members);
    WriteFile(net + "/" + bad.file, bad.content);
    const std::string db = dir.File("new.db");
    absl::StatusOr<ImportSummary> summary = ImportInto(db, {.dir = net});
    ASSERT_FALSE(summary.ok());
    const std::string expected = net + "/" + bad.where;
    EXPECT_EQ(std::string(summary.status().message()).substr(0, expected.size()), expected)
        << summary.status();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      EXPECT_FALSE(std::filesystem::exists(db + suffix)) << suffix;
    }
  }
}

TEST(ImportDirectory, ImportIntoAnExistingDatabaseThatFailsKeepsTheFileAndItsRows) {
  TempDir dir;
  WriteGoodDirectory(dir.File("good"));
  const std::string db = dir.File("ledd.db");
  ASSERT_TRUE(ImportInto(db, {.dir = dir.File("good")}).ok());
  WriteFile(dir.File("bad/members.csv"), std::string(kMembersHeader) + "30,x,\xFF,B,,,1,,,,,,,\n");
  absl::StatusOr<ImportSummary> bad = ImportInto(db, {.dir = dir.File("bad")});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            dir.File("bad/members.csv") + ":2: the first name is not valid UTF-8");
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::OpenSqliteStore({.path = db});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Count().value().members, 2);
}

TEST(ImportDirectory, MissingRequiredColumnNamesFileAndColumn) {
  TempDir dir;
  WriteFile(dir.File("net/members.csv"), "id,first_name,last_name\n1,A,B\n");
  std::unique_ptr<store::Store> store = OpenStore(dir);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ImportSummary> summary = ImportDirectory(*store, {.dir = dir.File("net")});
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().message(),
            dir.File("net/members.csv") + ": missing required column \"handle\"");
}

}  // namespace
}  // namespace ledd::ingest
