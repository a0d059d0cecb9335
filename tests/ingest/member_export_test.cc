// A member's data export (member_export.h): the ZIP's files parse (the interchange CSVs
// through ledd's own reader, export.json as JSON), no password is in it, and the ZIP
// re-imports into an empty database with the same profile, positions and educations,
// the rows naming members who are not there skipped and counted.

#include "ledd/ingest/member_export.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/ingest/csv_reader.h"
#include "ledd/ingest/importer.h"
#include "ledd/ingest/zip_archive.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "nlohmann/json.hpp"
#include "testing/temp_dir.h"

namespace ledd::ingest {
namespace {

constexpr Timestamp kT0 = 1'700'000'000;

class MemberExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *store::OpenSqliteStore({.path = dir_.File("source.db")});
    store::Dataset data;
    for (MemberId id = 1; id <= 3; ++id) {
      store::Member member;
      member.id = id;
      member.handle = "member-" + std::to_string(id);
      member.first_name = id == 1 ? "Åse" : "Other";
      member.last_name = id == 1 ? "Ødegård, \"Sivilingeniør\"" : "Person";
      member.created_at = kT0 - 5000;
      data.members.push_back(member);
    }
    store::Member& ase = data.members[0];
    ase.headline = "Engineer, writer";
    ase.summary = "Two lines,\nwith a comma";
    ase.city = "Tromsø";
    ase.country = "NO";
    ase.industry = "Energy";
    ase.email = "ase@example.org";
    ase.policy = store::Policy::kSelective;
    ase.markets = {.kind = store::Markets::Kind::kListed, .countries = {"NO", "SE"}};
    ase.connections_visibility = store::ConnectionsVisibility::kOnlyMe;
    ase.in_directory = false;
    data.organizations = {
        {.id = 5, .kind = store::OrganizationKind::kCompany, .name = "Equinor", .country = "NO"},
        {.id = 6, .kind = store::OrganizationKind::kSchool, .name = "UiT"},
        {.id = 7, .kind = store::OrganizationKind::kCompany, .name = "Unrelated"}};
    data.positions = {
        {.member_id = 1, .organization_id = 5, .title = "Sivilingeniør", .start = kT0 - 400,
         .end = std::nullopt},
        {.member_id = 1, .organization_id = 5, .title = "Trainee", .start = kT0 - 900,
         .end = kT0 - 400},
        {.member_id = 2, .organization_id = 7, .title = "Other"}};
    data.educations = {{.member_id = 1, .school_id = 6, .field = "Fysikk", .degree = "Master",
                        .start = kT0 - 2000, .end = kT0 - 1000}};
    data.connections = {{.a = 1, .b = 2, .created_at = kT0}, {.a = 1, .b = 3, .created_at = kT0}};
    ASSERT_TRUE(store_->Import(data).ok());
    ASSERT_TRUE(store_->AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
    ASSERT_TRUE(store_->AddAccount({.member = 1,
                                    .email = "ase@example.org",
                                    .password_hash = "$argon2id$secret-hash",
                                    .created_at = kT0})
                    .ok());
    absl::StatusOr<store::PostWrite> post =
        store_->AddPost({.author = 1, .title = "Hello", .body = "World", .created_at = kT0});
    ASSERT_TRUE(post.ok());
    absl::StatusOr<store::PostWrite> other =
        store_->AddPost({.author = 2, .title = "Theirs", .body = "x", .created_at = kT0});
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(store_->AddComment({.post_id = post->post.id, .author = 1, .body = "Own post",
                                    .created_at = kT0 + 1})
                    .ok());
    ASSERT_TRUE(store_->AddComment({.post_id = other->post.id, .author = 1, .body = "On theirs",
                                    .created_at = kT0 + 2})
                    .ok());
    ASSERT_TRUE(store_->SetPhoto({.member = 1, .large = "L", .small = "S", .updated_at = kT0})
                    .ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(MemberExportTest, ZipHoldsTheFilesAndTheyParse) {
  absl::StatusOr<store::MemberData> data = store_->ExportMember(1);
  ASSERT_TRUE(data.ok()) << data.status();
  absl::StatusOr<std::string> zip = WriteMemberExport(*data, kT0 + 100);
  ASSERT_TRUE(zip.ok()) << zip.status();
  absl::StatusOr<std::vector<ZipEntry>> entries = ReadZip(*zip, 1 << 20);
  ASSERT_TRUE(entries.ok()) << entries.status();
  std::map<std::string, std::string> files;
  for (const ZipEntry& entry : *entries) files[entry.name] = entry.contents;
  for (const char* name :
       {"members.csv", "organizations.csv", "positions.csv", "educations.csv", "connections.csv",
        "invitations.csv", "follows.csv", "posts.csv", "comments.csv", "post_views.csv",
        "appearances.csv", "account.csv", "saved_searches.csv", "email_invitations.csv",
        "blocks.csv", "notifications.csv", "photo.jpg", "photo-small.jpg", "export.json",
        "README.txt"}) {
    EXPECT_TRUE(files.contains(name)) << name;
  }
  EXPECT_EQ(files["photo.jpg"], "L");
  for (const auto& [name, contents] : files) {
    EXPECT_EQ(contents.find("secret-hash"), std::string::npos) << name << " holds the password";
  }
  // Every CSV parses with ledd's reader, with a row per record.
  auto rows = [&](const std::string& name) {
    absl::StatusOr<CsvReader> reader = CsvReader::FromString(name, files[name]);
    EXPECT_TRUE(reader.ok()) << name << ": " << reader.status();
    int count = 0;
    while (reader.ok()) {
      absl::StatusOr<bool> more = reader->Next();
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) break;
      ++count;
    }
    return count;
  };
  EXPECT_EQ(rows("members.csv"), 1);
  EXPECT_EQ(rows("organizations.csv"), 2);
  EXPECT_EQ(rows("positions.csv"), 2);
  EXPECT_EQ(rows("educations.csv"), 1);
  EXPECT_EQ(rows("connections.csv"), 2);
  EXPECT_EQ(rows("follows.csv"), 1);
  EXPECT_EQ(rows("posts.csv"), 1);
  EXPECT_EQ(rows("comments.csv"), 2);
  EXPECT_EQ(rows("account.csv"), 1);

  const nlohmann::json json = nlohmann::json::parse(files["export.json"], nullptr, false);
  ASSERT_FALSE(json.is_discarded());
  EXPECT_EQ(json["profile"]["last_name"], "Ødegård, \"Sivilingeniør\"");
  EXPECT_EQ(json["settings"]["markets"], "NO;SE");
  EXPECT_EQ(json["account"]["email"], "ase@example.org");
  EXPECT_EQ(json["positions"].size(), 2u);
  EXPECT_EQ(json["connections"].size(), 2u);
  EXPECT_EQ(json["exported_at"], "2023-11-14T22:15:00Z");
}

TEST_F(MemberExportTest, ReimportsIntoAnEmptyDatabaseWithTheSameProfile) {
  const store::MemberData original = *store_->ExportMember(1);
  const std::string zip_path = dir_.File("export.zip");
  {
    std::ofstream file(zip_path, std::ios::binary);
    const std::string zip = *WriteMemberExport(original, kT0);
    file.write(zip.data(), static_cast<std::streamsize>(zip.size()));
  }
  absl::StatusOr<ImportSummary> summary =
      ImportInto(dir_.File("new.db"), {.dir = zip_path});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->rows.members, 1);
  // Both connections, the follow by member 2, and the comment on member 2's post name
  // members or posts the new database does not have.
  EXPECT_EQ(summary->skipped_rows, 4);
  std::unique_ptr<store::Store> copy = *store::OpenSqliteStore({.path = dir_.File("new.db")});
  const store::MemberData imported = *copy->ExportMember(1);
  EXPECT_EQ(imported.member, original.member);
  EXPECT_EQ(imported.positions, original.positions);
  EXPECT_EQ(imported.educations, original.educations);
  EXPECT_EQ(imported.organizations, original.organizations);
  EXPECT_EQ(imported.posts, original.posts);
  ASSERT_EQ(imported.comments.size(), 1u);  // The one on her own post.
  EXPECT_EQ(imported.comments[0].body, "Own post");
  EXPECT_TRUE(imported.connections.empty());

  // The unpacked folder imports the same way.
  const std::string folder = dir_.File("unpacked");
  std::filesystem::create_directory(folder);
  std::ifstream in(zip_path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(UnpackForImport(bytes, folder).ok());
  absl::StatusOr<ImportSummary> again = ImportInto(dir_.File("third.db"), {.dir = folder});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->skipped_rows, 4);
}

// The same files without export.json are an ordinary import: the references must hold.
TEST_F(MemberExportTest, WithoutTheMarkerUnknownReferencesAreStillRefused) {
  const std::string folder = dir_.File("plain");
  std::filesystem::create_directory(folder);
  ASSERT_TRUE(UnpackForImport(*WriteMemberExport(*store_->ExportMember(1), kT0), folder).ok());
  std::filesystem::remove(folder + "/export.json");
  absl::StatusOr<ImportSummary> summary = ImportInto(dir_.File("strict.db"), {.dir = folder});
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(std::string(summary.status().message()), ::testing::HasSubstr("unknown member"));
}

TEST(ZipArchive, RefusesWhatIsNotAZipAndDuplicateNames) {
  EXPECT_EQ(ReadZip("not a zip", 1024).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteZip({{.name = "a", .contents = "1"}, {.name = "a", .contents = "2"}})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::string> zip = WriteZip({{.name = "big.txt", .contents = std::string(5000, 'x')}});
  ASSERT_TRUE(zip.ok());
  EXPECT_THAT(std::string(ReadZip(*zip, 1000).status().message()),
              ::testing::HasSubstr("big.txt: larger than"));
  ASSERT_EQ(ReadZip(*zip, 10000)->at(0).contents.size(), 5000u);
}

}  // namespace
}  // namespace ledd::ingest
