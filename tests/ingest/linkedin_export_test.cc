// ReadLinkedInExport over archives made in the test (testing/zip_archive.h): the sample
// export of tests/data/linkedin, and hand-made ones for each thing LinkedIn's files do
// (the Notes preamble, quoted commas and line breaks, missing emails, a BOM, files in a
// folder, missing files) and each refusal (bad dates naming file and line, not a ZIP,
// an entry too large once decompressed, text over the store's limits).

#include "ledd/ingest/linkedin_export.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/zip_archive.h"

namespace ledd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::EntriesFromDirectory;
using testing::LinkedInSampleDirectory;
using testing::MakeZip;
using testing::ZipEntry;

constexpr char kProfileHeader[] =
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n";
constexpr char kPositionsHeader[] =
    "Company Name,Title,Description,Location,Started On,Finished On\n";
constexpr char kConnectionsHeader[] =
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

absl::StatusOr<LinkedInExport> Read(const std::vector<ZipEntry>& entries) {
  return ReadLinkedInExport(MakeZip(entries));
}

std::vector<std::string> FileNames(const LinkedInExport& data) {
  std::vector<std::string> names;
  for (const LinkedInFileRows& file : data.files) names.push_back(file.name);
  return names;
}

TEST(LinkedInExport, ReadsTheSampleExport) {
  absl::StatusOr<LinkedInExport> data = Read(EntriesFromDirectory(
      LinkedInSampleDirectory(),
      {"Profile.csv", "Positions.csv", "Education.csv", "Connections.csv"}));
  ASSERT_TRUE(data.ok()) << data.status();

  ASSERT_TRUE(data->profile.has_value());
  EXPECT_EQ(data->profile->first_name, "Ingrid");
  EXPECT_EQ(data->profile->last_name, "Solberg");
  EXPECT_EQ(data->profile->headline, "Senior Software Engineer at Equinor");
  EXPECT_THAT(data->profile->summary, HasSubstr("lineage and data quality.\nBefore that"));
  EXPECT_EQ(data->profile->industry, "Oil and Gas");
  EXPECT_EQ(data->profile->city, "Oslo");
  EXPECT_EQ(data->profile->country, "NO");
  EXPECT_EQ(data->profile->birth_date, "Mar 14, 1988");

  ASSERT_EQ(data->positions.size(), 3u);
  EXPECT_EQ(data->positions[0].company, "Equinor");
  EXPECT_EQ(data->positions[0].country, "NO");
  EXPECT_EQ(data->positions[0].title, "Senior Software Engineer");
  EXPECT_EQ(data->positions[0].description,
            "Data platform team: ingestion, lineage and quality.\nKafka, Spark and a lot of SQL.");
  EXPECT_EQ(data->positions[0].start, "2021-03");
  EXPECT_EQ(data->positions[0].end, std::nullopt);  // Current.
  EXPECT_EQ(data->positions[1].start, "2015-08");
  EXPECT_EQ(data->positions[1].end, "2021-02");

  ASSERT_EQ(data->educations.size(), 2u);
  EXPECT_EQ(data->educations[0].school, "Universitetet i Oslo");
  EXPECT_EQ(data->educations[0].degree, "Master's degree");
  EXPECT_EQ(data->educations[0].start, "2014");
  EXPECT_EQ(data->educations[0].end, "2016");
  EXPECT_EQ(data->educations[1].start, "2011-08");
  EXPECT_EQ(data->educations[1].notes, "Exchange semester at TU Delft, spring 2013");

  ASSERT_EQ(data->connections.size(), 8u);
  EXPECT_EQ(data->connections[0].email, "Kari.Nordmann@example.org");
  EXPECT_EQ(data->connections[0].connected_on, "2024-03-12");
  EXPECT_EQ(data->connections[1].email, "");  // Most members do not export theirs.
  EXPECT_EQ(data->connections[1].position, "Head of Payments, Retail");
  EXPECT_EQ(data->connections[4].position, "Drilling Engineer, Subsurface");  // One line.
  EXPECT_EQ(data->connections[6].first_name, "Åse");
  EXPECT_EQ(data->connections[7].company, "");

  EXPECT_THAT(FileNames(*data),
              ElementsAre("Profile.csv", "Positions.csv", "Education.csv", "Connections.csv"));
  EXPECT_EQ(data->files[3].rows, 8u);
}

TEST(LinkedInExport, SkipsTheNotesPreambleWhateverItQuotes) {
  const std::string connections =
      "Notes:\n"
      "\"When exporting your connection data, you may notice that some of the email "
      "addresses are missing.\"\n"
      "He said \"hi there and a stray quote: \" too\n"
      "\n" +
      std::string(kConnectionsHeader) +
      "Kari,Nordmann,https://www.linkedin.com/in/kari,,Equinor,Engineer,01 Jan 2024\n"
      "Ola,Hansen,,,DNB,,31 Dec 2023\n";
  absl::StatusOr<LinkedInExport> data = Read({{"Connections.csv", connections}});
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->connections.size(), 2u);
  EXPECT_EQ(data->connections[0].first_name, "Kari");
  EXPECT_EQ(data->connections[1].connected_on, "2023-12-31");
  EXPECT_EQ(data->files[0].rows, 2u);
}

TEST(LinkedInExport, ErrorsCountLinesFromTheTopOfTheFileWithItsPreamble) {
  const std::string connections = "Notes:\n\"a note\"\n\n" + std::string(kConnectionsHeader) +
                                  "Kari,Nordmann,,,Equinor,Engineer,01 Jan 2024\n"
                                  "Ola,Hansen,,,DNB,\"Head,\nof things\",01 Jan 2024\n"
                                  "Per,Olsen,,,Equinor,Geologist,32 Jan 2024\n";
  absl::StatusOr<LinkedInExport> data = Read({{"Connections.csv", connections}});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(data.status().message(),
            "Connections.csv:8: \"Connected On\" is not a day: 32 Jan 2024");
}

TEST(LinkedInExport, ConnectionsWithoutAHeaderAreRefused) {
  absl::StatusOr<LinkedInExport> data =
      Read({{"Connections.csv", "Notes:\n\"only notes\"\n\nKari,Nordmann\n"}});
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("Connections.csv: no header line"));
}

TEST(LinkedInExport, DropsAByteOrderMark) {
  const std::string profile = "\xEF\xBB\xBF" + std::string(kProfileHeader) +
                              "Kari,Nordmann,,,,Engineer,,,,\"Bergen, Vestland, Norway\",,,\n";
  absl::StatusOr<LinkedInExport> data = Read({{"Profile.csv", profile}});
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile.has_value());
  EXPECT_EQ(data->profile->first_name, "Kari");
  EXPECT_EQ(data->profile->city, "Bergen");
  EXPECT_EQ(data->profile->country, "NO");
}

TEST(LinkedInExport, FindsFilesInAFolderWhateverTheirCase) {
  std::vector<ZipEntry> entries = EntriesFromDirectory(
      LinkedInSampleDirectory(), {"Profile.csv", "Positions.csv", "Connections.csv"},
      "Basic_LinkedInDataExport_12-05-2026/");
  entries[1].name = "Basic_LinkedInDataExport_12-05-2026/positions.CSV";
  entries.push_back({.name = "Basic_LinkedInDataExport_12-05-2026/Invitations.csv",
                     .contents = "From,To\n"});
  absl::StatusOr<LinkedInExport> data = Read(entries);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_TRUE(data->profile.has_value());
  EXPECT_EQ(data->positions.size(), 3u);
  // Education.csv is missing: fine, there is nothing to propose from it.
  EXPECT_TRUE(data->educations.empty());
  EXPECT_THAT(FileNames(*data), ElementsAre("Profile.csv", "Positions.csv", "Connections.csv"));
}

TEST(LinkedInExport, ReadsColumnsByNameInAnyOrder) {
  const std::string positions =
      "Finished On,Started On,Extra,Title,Company Name\n"
      ",2020,x,Engineer,Equinor\n";
  absl::StatusOr<LinkedInExport> data = Read({{"Positions.csv", positions}});
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->positions.size(), 1u);
  EXPECT_EQ(data->positions[0].company, "Equinor");
  EXPECT_EQ(data->positions[0].start, "2020");
  EXPECT_EQ(data->positions[0].country, "");
}

TEST(LinkedInExport, ABadMonthNamesFileAndLine) {
  const std::string positions = std::string(kPositionsHeader) +
                                "Equinor,Engineer,,,Jan 2020,\n"
                                "DNB,Analyst,,,Jaan 2020,\n";
  absl::StatusOr<LinkedInExport> data = Read(
      {{"Positions.csv", positions}, {"Connections.csv", std::string(kConnectionsHeader)}});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(data.status().message(), "Positions.csv:3: \"Started On\" is not a month: Jaan 2020");
}

TEST(LinkedInExport, RefusesAPeriodThatEndsBeforeItStarts) {
  const std::string education =
      "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
      "NTNU,2016,2014,,,\n";
  absl::StatusOr<LinkedInExport> data = Read({{"Education.csv", education}});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "Education.csv:2: \"End Date\" is before \"Start Date\"");
}

TEST(LinkedInExport, RefusesTextOverTheStoresLimits) {
  const std::string profile = std::string(kProfileHeader) + "Kari,Nordmann,,,," +
                              std::string(221, 'h') + ",,,,,,,\n";
  absl::StatusOr<LinkedInExport> data = Read({{"Profile.csv", profile}});
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("Profile.csv:2: "));
  EXPECT_THAT(data.status().message(), HasSubstr("221 characters"));
}

TEST(LinkedInExport, RefusesAnEmptyCompanyName) {
  absl::StatusOr<LinkedInExport> data =
      Read({{"Positions.csv", std::string(kPositionsHeader) + ",Engineer,,,2020,\n"}});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "Positions.csv:2: \"Company Name\" is empty");
}

TEST(LinkedInExport, MapsGeoLocationsToCityAndCountry) {
  for (const auto& [geo, city, country] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"Oslo, Oslo, Norway", "Oslo", "NO"},
           {"Bergen, Vestland, Norway", "Bergen", "NO"},
           {"Norway", "", "NO"},
           {"Greater Oslo Region", "Oslo", ""},
           {"Stockholm, Stockholm County, Sweden", "Stockholm", "SE"},
           {"London Area, United Kingdom", "London", "GB"},
           {"", "", ""}}) {
    const std::string profile =
        std::string(kProfileHeader) + "Kari,Nordmann,,,,,,,,\"" + geo + "\",,,\n";
    absl::StatusOr<LinkedInExport> data = Read({{"Profile.csv", profile}});
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ(data->profile->city, city) << geo;
    EXPECT_EQ(data->profile->country, country) << geo;
  }
  EXPECT_EQ(CountryCodeOfName("norway"), "NO");
  EXPECT_EQ(CountryCodeOfName("Atlantis"), "");
}

TEST(LinkedInExport, RefusesWhatIsNotAZip) {
  EXPECT_FALSE(LooksLikeZip("First Name,Last Name\n"));
  EXPECT_FALSE(LooksLikeZip(""));
  EXPECT_TRUE(LooksLikeZip(MakeZip({{"Profile.csv", kProfileHeader}})));
  absl::StatusOr<LinkedInExport> data = ReadLinkedInExport("PK\x03\x04 but then nothing");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(data.status().message(), HasSubstr("not a readable ZIP"));
}

TEST(LinkedInExport, RefusesAZipWithoutAnyExportFile) {
  absl::StatusOr<LinkedInExport> data = Read({{"holiday.jpg", "not really"}});
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("is it LinkedIn's data export?"));
}

TEST(LinkedInExport, RefusesAnEntryTooLargeOnceDecompressed) {
  // 21 MB of one byte deflates to a few kilobytes: a small "zip bomb".
  std::string bomb = std::string(kConnectionsHeader);
  bomb.append(kMaxLinkedInEntryBytes + (1 << 20), ' ');
  const std::string zip = MakeZip({{"Connections.csv", bomb}});
  EXPECT_LT(zip.size(), 200'000u);
  absl::StatusOr<LinkedInExport> data = ReadLinkedInExport(zip);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "Connections.csv: larger than 20 MB uncompressed");
}

TEST(LinkedInExport, AnEmptyFileHasNoRows) {
  absl::StatusOr<LinkedInExport> data =
      Read({{"Education.csv", ""}, {"Profile.csv", std::string(kProfileHeader)}});
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_FALSE(data->profile.has_value());
  EXPECT_THAT(FileNames(*data), ElementsAre("Profile.csv", "Education.csv"));
}

TEST(LinkedInExport, RefusesTwoFilesOfOneName) {
  absl::StatusOr<LinkedInExport> data = Read(
      {{"a/Profile.csv", kProfileHeader}, {"b/profile.csv", kProfileHeader}});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "the ZIP holds more than one Profile.csv");
}

}  // namespace
}  // namespace ledd::ingest
