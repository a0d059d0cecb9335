// ReadLeddDirectory without a store: parsing and validation into a Dataset.

#include "ledd/ingest/ledd_csv.h"

#include <filesystem>
#include <fstream>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

void WriteFile(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

TEST(LeddCsv, OnlyMembersIsRequiredAndExtraColumnsAreIgnored) {
  testing::TempDir dir;
  WriteFile(dir.File("members.csv"), "handle,id,shoe_size,first_name,last_name\nada,1,38,Ada,L\n");
  ExistingRows nothing;
  absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->members.size(), 1u);
  EXPECT_EQ(data->members[0].handle, "ada");
  EXPECT_EQ(data->members[0].policy, store::Policy::kLiberal);
  EXPECT_EQ(data->members[0].markets.kind, store::Markets::Kind::kHome);
  EXPECT_TRUE(data->connections.empty());
}

TEST(LeddCsv, InDirectoryIsOptionalAndListedByDefault) {
  testing::TempDir dir;
  WriteFile(dir.File("members.csv"),
            "id,handle,first_name,last_name,in_directory\n1,a,A,B,0\n2,b,B,C,\n3,c,C,D,1\n"
            "4,d,D,E,false\n");
  ExistingRows nothing;
  absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->members.size(), 4u);
  EXPECT_FALSE(data->members[0].in_directory);
  EXPECT_TRUE(data->members[1].in_directory);
  EXPECT_TRUE(data->members[2].in_directory);
  EXPECT_FALSE(data->members[3].in_directory);
}

TEST(LeddCsv, MissingMembersFileIsAnError) {
  testing::TempDir dir;
  ExistingRows nothing;
  absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), dir.File("members.csv") + ": required file is missing");
}

TEST(LeddCsv, RejectsBadValuesWithTheirLine) {
  struct Case {
    const char* members;
    const char* error;
  };
  const Case cases[] = {
      {"id,handle,first_name,last_name,policy\n1,a,A,B,liberal\n2,b,B,C,strict\n",
       ":3: column \"policy\": unknown policy \"strict\""},
      {"id,handle,first_name,last_name,markets\n1,a,A,B,NOR\n",
       ":2: column \"markets\": markets must be"},
      {"id,handle,first_name,last_name,country\n1,a,A,B,Norway\n",
       ":2: column \"country\": not an ISO 3166 alpha-2 code: \"Norway\""},
      {"id,handle,first_name,last_name\n1,a,A,B\n1,b,B,C\n", ":3: duplicate member id 1"},
      {"id,handle,first_name,last_name\n1,a,A,B\n2,a,B,C\n", ":3: duplicate handle \"a\""},
      {"id,handle,first_name,last_name,has_photo\n1,a,A,B,yes\n",
       ":2: column \"has_photo\": expected 0 or 1"},
      {"id,handle,first_name,last_name,in_directory\n1,a,A,B,1\n2,b,B,C,no\n",
       ":3: column \"in_directory\": expected 0 or 1, not \"no\""},
      {"id,handle,first_name,last_name,created_at\n1,a,A,B,14.08.2019\n",
       ":2: column \"created_at\": not an ISO 8601"},
  };
  for (const Case& bad : cases) {
    testing::TempDir dir;
    WriteFile(dir.File("members.csv"), bad.members);
    ExistingRows nothing;
    absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
    ASSERT_FALSE(data.ok()) << bad.members;
    std::string expected = dir.File("members.csv") + bad.error;
    EXPECT_EQ(std::string(data.status().message()).substr(0, expected.size()), expected)
        << data.status();
  }
}

TEST(LeddCsv, OrganizationKindMustBeCompanyOrSchool) {
  testing::TempDir dir;
  WriteFile(dir.File("members.csv"), "id,handle,first_name,last_name\n1,a,A,B\n");
  WriteFile(dir.File("organizations.csv"), "id,kind,name\n1,company,X\n2,club,Y\n");
  ExistingRows nothing;
  absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(),
            dir.File("organizations.csv") +
                ":3: column \"kind\": unknown organization kind \"club\" (expected company, school)");
}

constexpr char kTwoMembers[] =
    "id,handle,first_name,last_name\n1,ada,Ada,L\n2,bo,Bo,M\n3,cy,Cy,N\n";

TEST(LeddCsv, ReadsOriginsPostViewsAndAppearances) {
  testing::TempDir dir;
  WriteFile(dir.File("members.csv"), kTwoMembers);
  WriteFile(dir.File("posts.csv"), "id,author,title,body,created_at\n10,1,ESG,b,2026-08-01\n");
  WriteFile(dir.File("post_views.csv"), "post_id,viewer,at\n10,2,2026-08-12T09:30:00Z\n");
  WriteFile(dir.File("appearances.csv"),
            "id,member_id,kind,title,event,date,place,link,created_at\n"
            "20,1,media,\"Dagsnytt 18, om ESG\",NRK,2026-09-10,Oslo,https://nrk.no/x,"
            "2026-09-01\n");
  WriteFile(dir.File("invitations.csv"),
            "id,from,to,created_at,via\n30,2,1,2026-08-13,post:10\n31,3,1,2026-09-11,"
            "appearance:20\n32,3,2,2026-09-11,\n");
  ExistingRows nothing;
  absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->post_views.size(), 1u);
  EXPECT_EQ(data->post_views[0], (store::PostView{.post_id = 10, .viewer = 2, .at = 1786527000}));
  ASSERT_EQ(data->appearances.size(), 1u);
  EXPECT_EQ(data->appearances[0].kind, store::AppearanceKind::kMedia);
  EXPECT_EQ(data->appearances[0].title, "Dagsnytt 18, om ESG");
  EXPECT_EQ(data->appearances[0].date, 1788998400);  // 2026-09-10T00:00:00Z
  ASSERT_EQ(data->invitations.size(), 3u);
  EXPECT_EQ(data->invitations[0].via,
            (store::InvitationVia{.kind = store::InvitationVia::Kind::kPost, .id = 10}));
  EXPECT_EQ(data->invitations[1].via,
            (store::InvitationVia{.kind = store::InvitationVia::Kind::kAppearance, .id = 20}));
  EXPECT_EQ(data->invitations[2].via, store::InvitationVia{});
}

TEST(LeddCsv, RefusesOriginsViewsAndAppearancesThatPointNowhereWithTheirLine) {
  struct Case {
    const char* file;
    const char* content;
    const char* error;
  };
  const Case cases[] = {
      {"invitations.csv", "id,from,to,via\n30,2,1,talk:20\n",
       ":2: column \"via\": unknown invitation origin \"talk:20\""},
      {"invitations.csv", "id,from,to,via\n30,2,1,post:11\n", ":2: column \"via\": unknown post 11"},
      {"invitations.csv", "id,from,to,via\n30,1,2,post:10\n",
       ":2: column \"via\": post:10 is not member 2's"},
      {"invitations.csv", "id,from,to,via\n30,2,1,appearance:21\n",
       ":2: column \"via\": unknown appearance 21"},
      {"post_views.csv", "post_id,viewer,at\n10,2,2026-08-12\n10,2,\n",
       ":3: column \"at\": a view needs its time"},
      {"post_views.csv", "post_id,viewer,at\n12,2,2026-08-12\n",
       ":2: column \"post_id\": unknown post 12"},
      {"post_views.csv", "post_id,viewer\n10,2\n", ": missing required column \"at\""},
      {"appearances.csv", "id,member_id,title,date\n20,1,Talk,2026-09-10\n20,1,Talk,2026-09-11\n",
       ":3: duplicate appearance id 20"},
      {"appearances.csv", "id,member_id,title,date,kind\n20,1,Talk,2026-09-10,panel\n",
       ":2: column \"kind\": unknown appearance kind \"panel\""},
      {"appearances.csv", "id,member_id,title,date,link\n20,1,Talk,2026-09-10,ftp://x\n",
       ":2: the link must be an http or https address"},
      {"appearances.csv", "id,member_id,title,date\n20,1,Talk,\n",
       ":2: column \"date\": an appearance needs its date"},
  };
  for (const Case& bad : cases) {
    testing::TempDir dir;
    WriteFile(dir.File("members.csv"), kTwoMembers);
    WriteFile(dir.File("posts.csv"), "id,author,title,body,created_at\n10,1,ESG,b,2026-08-01\n");
    WriteFile(dir.File("appearances.csv"),
              "id,member_id,title,date\n20,1,Talk,2026-09-10\n");
    WriteFile(dir.File(bad.file), bad.content);
    ExistingRows nothing;
    absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
    ASSERT_FALSE(data.ok()) << bad.content;
    const std::string expected = dir.File(bad.file) + bad.error;
    EXPECT_EQ(std::string(data.status().message()).substr(0, expected.size()), expected)
        << data.status();
  }
}

// The files are read on two threads, connections.csv last on the second; the error
// reported is still the one a reading in file order meets first.
TEST(LeddCsv, ReportsTheFirstErrorInFileOrderWhateverFileIsReadBeside) {
  // Enough valid rows that connections.csv is still being read when the others fail.
  std::string members = "id,handle,first_name,last_name\n";
  for (int id = 1; id <= 1000; ++id) members += fmt::format("{},m{},M,N\n", id, id);
  std::string many = "a,b,created_at\n";
  int rows = 0;
  for (int step = 1; step <= 200; ++step) {
    for (int a = 1; a + step <= 1000; ++a, ++rows) {
      many += fmt::format("{},{},2026-01-01\n", a, a + step);
    }
  }
  const std::string late_line = fmt::format(":{}: member 1 cannot connect", rows + 2);
  struct Case {
    const char* name;
    std::string connections;
    const char* other_file;
    const char* other_content;
    const char* error_file;
    const char* error;
  };
  const Case cases[] = {
      {"an earlier file beats connections", "a,b\n1,1\n", "organizations.csv",
       "id,kind,name\n1,club,X\n", "organizations.csv", ":2: column \"kind\""},
      {"connections beat a later file", "a,b\n1,2\n1,1\n", "follows.csv",
       "follower,followee\n1,9999\n", "connections.csv", ":3: member 1 cannot connect to itself"},
      {"a later file when connections are fine", many, "follows.csv",
       "follower,followee\n1,9999\n", "follows.csv",
       ":2: column \"followee\": unknown member 9999"},
      {"an earlier file while connections are long", many + "1,1,2026-01-01\n", "positions.csv",
       "member_id,organization_id\n1,7\n", "positions.csv",
       ":2: column \"organization_id\": unknown organization 7"},
      {"a late connections error beats an early later-file one", many + "1,1,2026-01-01\n", "follows.csv",
       "follower,followee\n1,9999\n", "connections.csv", late_line.c_str()},
  };
  for (const Case& bad : cases) {
    testing::TempDir dir;
    WriteFile(dir.File("members.csv"), members);
    WriteFile(dir.File("connections.csv"), bad.connections);
    WriteFile(dir.File(bad.other_file), bad.other_content);
    ExistingRows nothing;
    absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
    ASSERT_FALSE(data.ok()) << bad.name;
    std::string expected = dir.File(bad.error_file) + bad.error;
    EXPECT_EQ(std::string(data.status().message()).substr(0, expected.size()), expected)
        << bad.name << ": " << data.status();
  }
}

// Two bad files read on different threads: the earlier in file order is reported,
// whichever thread fails first.
TEST(LeddCsv, ReportsTheEarlierOfTwoBadFilesReadOnDifferentThreads) {
  struct Bad {
    const char* file;
    const char* content;
    const char* error;
  };
  const Bad members{"members.csv", "id,handle,first_name,last_name\n1,a,A,B\n1,b,C,D\n",
                    ":3: duplicate member id 1"};
  const Bad organizations{"organizations.csv", "id,kind,name\n1,club,X\n", ":2: column \"kind\""};
  const Bad educations{"educations.csv", "member_id,school_id\n1,7\n",
                       ":2: column \"school_id\": unknown organization 7"};
  const Bad follows{"follows.csv", "follower,followee\n1,9999\n",
                    ":2: column \"followee\": unknown member 9999"};
  const Bad posts{"posts.csv", "id,author,title,body,created_at\n10,9999,T,b,2026-08-01\n",
                  ":2: column \"author\": unknown member 9999"};
  const Bad comments{"comments.csv", "id,post_id,author,body,created_at\n1,12,1,b,2026-08-02\n",
                     ":2: column \"post_id\": unknown post 12"};
  const Bad post_views{"post_views.csv", "post_id,viewer\n10,2\n", ": missing required column \"at\""};
  const Bad invitations{"invitations.csv", "id,from,to,created_at\n1,1,9999,2026-08-01\n",
                        ":2: column \"to\": unknown member 9999"};
  const std::pair<Bad, Bad> cases[] = {
      {members, organizations}, {organizations, follows}, {educations, comments},
      {follows, posts},         {post_views, invitations},
  };
  for (const auto& [first, second] : cases) {
    testing::TempDir dir;
    WriteFile(dir.File("members.csv"), kTwoMembers);
    WriteFile(dir.File("posts.csv"), "id,author,title,body,created_at\n10,1,ESG,b,2026-08-01\n");
    WriteFile(dir.File(first.file), first.content);
    WriteFile(dir.File(second.file), second.content);
    ExistingRows nothing;
    absl::StatusOr<store::Dataset> data = ReadLeddDirectory(dir.path(), nothing);
    ASSERT_FALSE(data.ok()) << first.file << " and " << second.file;
    const std::string expected = dir.File(first.file) + first.error;
    EXPECT_EQ(std::string(data.status().message()).substr(0, expected.size()), expected)
        << first.file << " and " << second.file << ": " << data.status();
  }
}

}  // namespace
}  // namespace ledd::ingest
