// ReadLeddDirectory without a store: parsing and validation into a Dataset.

#include "ledd/ingest/ledd_csv.h"

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace ledd::ingest
