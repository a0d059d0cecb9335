// POST /api/v1/me/linkedin-import against the real binary: the sample export
// (tests/data/linkedin, zipped here) over a network made to match its connections in
// every way — by email, by name and current company, ambiguously, the importer itself,
// connected, pending either way, blocked, not at all — and the refusals: 400 naming
// file and line, 415 for what is not a ZIP or not sent as one, 413 past the route's own
// 20 MB (while other routes keep the server's limit), 401 and the CSRF check. Nothing
// is saved by the route.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"
#include "testing/zip_archive.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using testing::EntriesFromDirectory;
using testing::LinkedInSampleDirectory;
using testing::MakeZip;
using testing::ServerProcess;
using testing::TempDir;
using testing::ZipEntry;

constexpr char kPassword[] = "a long enough password";
constexpr char kRoute[] = "/api/v1/me/linkedin-import";

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

class LinkedInImportRoutesTest : public ::testing::Test {
 protected:
  // Ingrid Solberg (1) imports. Her network: Kari Nordmann (2, a contact, found by her
  // account's email), Ola Hansen (3, DNB), two Per Olsen at Equinor (4, 5), Siri Berg
  // (6, invited by Ingrid), Lars Lie (7, who invited Ingrid), Nils Bakke (8, who left
  // Kongsberg Gruppen), ÅSE ØDEGÅRD (9, Statkraft), Jonas Berg (10, no position) and
  // Bente Blokk (11, Equinor, who blocks Ingrid).
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string net = dir_->File("net");
    ASSERT_EQ(std::system(fmt::format("mkdir -p {}", net).c_str()), 0);
    std::string members =
        "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,"
        "email,created_at,policy,markets\n";
    const std::vector<std::pair<std::string, std::string>> names = {
        {"Ingrid", "Solberg"}, {"Kari", "Nordmann"}, {"Ola", "Hansen"},  {"Per", "Olsen"},
        {"Per", "Olsen"},      {"Siri", "Berg"},     {"Lars", "Lie"},    {"Nils", "Bakke"},
        {"ÅSE", "ØDEGÅRD"},    {"Jonas", "Berg"},    {"Bente", "Blokk"}};
    for (size_t i = 0; i < names.size(); ++i) {
      members += fmt::format("{},m{},{},{},Headline {},,1,Oslo,NO,,,2026-01-01T00:00:00Z,liberal,home\n",
                             i + 1, i + 1, names[i].first, names[i].second, i + 1);
    }
    Write(net + "/members.csv", members);
    Write(net + "/organizations.csv",
          "id,kind,name,industry,country\n"
          "1,company,Equinor,,NO\n2,company,DNB,,NO\n3,company,Telenor,,NO\n"
          "4,company,Aker BP,,NO\n5,company,Kongsberg Gruppen,,NO\n6,company,Statkraft,,NO\n");
    Write(net + "/positions.csv",
          "member_id,organization_id,title,start,end\n"
          "1,1,Engineer,2021-03,\n2,1,Data Engineer,2020-01,\n3,2,Head of Payments,2019-01,\n"
          "4,1,Geologist,2015-01,\n5,1,Geologist,2018-01,\n6,3,Product Manager,2020-01,\n"
          "7,4,Drilling Engineer,2016-01,\n8,5,Systems Engineer,2010-01,2019-12\n"
          "9,6,Analyst,2019-01,\n11,1,Engineer,2019-01,\n");
    Write(net + "/connections.csv", "a,b,created_at\n1,2,2024-03-12T00:00:00Z\n");
    Write(net + "/invitations.csv",
          "id,from,to,note,created_at,state,kind\n"
          "1,1,6,,2026-11-01T00:00:00Z,pending,\n2,7,1,,2026-11-02T00:00:00Z,pending,\n");
    db_ = dir_->File("ledd.db");
    testing::RunResult imported = testing::RunCommand(
        fmt::format("{} import --db {} {}", testing::LeddBinary(), db_, net));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_TRUE(testing::CreateAccount(db_, 1, "ingrid@example.org", kPassword));
    ASSERT_TRUE(testing::CreateAccount(db_, 2, "kari.nordmann@example.org", kPassword));
    ASSERT_TRUE(testing::CreateAccount(db_, 11, "bente@example.org", kPassword));
    server_ = new ServerProcess(db_);
    ASSERT_GT(server_->port(), 0);
    ingrid_ = SignIn("ingrid@example.org");
    const std::string bente = SignIn("bente@example.org").first;
    httplib::Result blocked =
        server_->Client().Post("/api/v1/blocks", {{"Authorization", "Bearer " + bente}},
                               json{{"member", 1}}.dump(), "application/json");
    ASSERT_TRUE(blocked);
    ASSERT_EQ(blocked->status, 201) << blocked->body;
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  // (token, csrf token)
  static std::pair<std::string, std::string> SignIn(const std::string& email) {
    httplib::Result result =
        server_->Client().Post("/api/v1/signin", json{{"email", email}, {"password", kPassword}}.dump(),
                               "application/json");
    EXPECT_TRUE(result);
    if (!result) return {};
    EXPECT_EQ(result->status, 200) << result->body;
    json body = json::parse(result->body);
    return {body["token"], body["csrf_token"]};
  }

  static httplib::Result Import(const std::string& body,
                                const std::string& content_type = "application/zip") {
    return server_->Client().Post(kRoute, {{"Authorization", "Bearer " + ingrid_.first}}, body,
                                  content_type.c_str());
  }

  static std::string SampleZip(std::vector<ZipEntry> extra = {}) {
    std::vector<ZipEntry> entries = EntriesFromDirectory(
        LinkedInSampleDirectory(),
        {"Profile.csv", "Positions.csv", "Education.csv", "Connections.csv"},
        "Basic_LinkedInDataExport_12-05-2026/");
    for (ZipEntry& entry : extra) entries.push_back(std::move(entry));
    return MakeZip(entries);
  }

  static void ExpectError(const httplib::Result& result, int status, const std::string& code,
                          const std::string& message_part) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    json body = json::parse(result->body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], code) << result->body;
    EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr(message_part));
  }

  // The answer's connection named `first last`.
  static json Connection(const json& proposal, const std::string& first, const std::string& last) {
    for (const json& connection : proposal["connections"]) {
      if (connection["first_name"] == first && connection["last_name"] == last) return connection;
    }
    ADD_FAILURE() << "no connection " << first << " " << last;
    return json();
  }

  static void ExpectMatch(const json& connection, const json& member, const json& matched_by,
                          const json& state) {
    if (member.is_null()) {
      EXPECT_TRUE(connection["member"].is_null()) << connection.dump();
    } else {
      EXPECT_EQ(connection["member"]["member"], member) << connection.dump();
    }
    EXPECT_EQ(connection["matched_by"], matched_by) << connection.dump();
    EXPECT_EQ(connection["state"], state) << connection.dump();
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
  static std::pair<std::string, std::string> ingrid_;
};

TempDir* LinkedInImportRoutesTest::dir_ = nullptr;
std::string LinkedInImportRoutesTest::db_;
ServerProcess* LinkedInImportRoutesTest::server_ = nullptr;
std::pair<std::string, std::string> LinkedInImportRoutesTest::ingrid_;

TEST_F(LinkedInImportRoutesTest, ProposesTheSampleExportAndMatchesItsConnections) {
  httplib::Result result = Import(SampleZip());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json proposal = json::parse(result->body);

  EXPECT_EQ(proposal["profile"],
            (json{{"first_name", "Ingrid"},
                  {"last_name", "Solberg"},
                  {"headline", "Senior Software Engineer at Equinor"},
                  {"summary",
                   "I build data platforms for the energy sector: ingestion, lineage and data "
                   "quality.\nBefore that, six years of consulting at Bekk, and a master's in "
                   "informatics from UiO."},
                  {"industry", "Oil and Gas"},
                  {"city", "Oslo"},
                  {"country", "NO"}}));
  ASSERT_EQ(proposal["positions"].size(), 3u);
  EXPECT_EQ(proposal["positions"][0],
            (json{{"organization", {{"name", "Equinor"}, {"country", "NO"}}},
                  {"title", "Senior Software Engineer"},
                  {"start", "2021-03"},
                  {"end", nullptr}}));
  EXPECT_EQ(proposal["positions"][1]["end"], "2021-02");
  ASSERT_EQ(proposal["educations"].size(), 2u);
  EXPECT_EQ(proposal["educations"][1],
            (json{{"school", {{"name", "Norges teknisk-naturvitenskapelige universitet (NTNU)"}}},
                  {"field", ""},
                  {"degree", "Bachelor's degree"},
                  {"start", "2011-08"},
                  {"end", "2014-06"}}));
  EXPECT_EQ(proposal["files"], (json{{"Profile.csv", 1},
                                     {"Positions.csv", 3},
                                     {"Education.csv", 2},
                                     {"Connections.csv", 8}}));

  ASSERT_EQ(proposal["connections"].size(), 8u);
  const json kari = Connection(proposal, "Kari", "Nordmann");
  ExpectMatch(kari, 2, "email", "connected");
  EXPECT_EQ(kari["member"]["name"], "Kari Nordmann");
  EXPECT_EQ(kari["email"], "Kari.Nordmann@example.org");
  EXPECT_EQ(kari["connected_on"], "2024-03-12");
  EXPECT_EQ(kari["company"], "Equinor");
  EXPECT_EQ(kari["position"], "Data Engineer");
  ExpectMatch(Connection(proposal, "Ola", "Hansen"), 3, "name_company", "invitable");
  ExpectMatch(Connection(proposal, "Per", "Olsen"), nullptr, nullptr, nullptr);  // Two of them.
  ExpectMatch(Connection(proposal, "Siri", "Berg"), 6, "name_company", "pending");
  ExpectMatch(Connection(proposal, "Lars", "Lie"), 7, "name_company", "pending");
  ExpectMatch(Connection(proposal, "Nils", "Bakke"), nullptr, nullptr, nullptr);  // Left.
  ExpectMatch(Connection(proposal, "Åse", "Ødegård"), 9, "name_company", "invitable");
  ExpectMatch(Connection(proposal, "Jonas", "Berg"), nullptr, nullptr, nullptr);
}

TEST_F(LinkedInImportRoutesTest, FindsTheImporterAndNeverSomeoneWhoBlockedThem) {
  const std::string connections =
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
      "Ingrid,S.,,INGRID@example.org ,,,\n"
      "Bente,Blokk,,,Equinor,Engineer,\n"
      "Bente,Blokk,,bente@example.org,,,\n"
      "Kari,Nordmann,,,equinor,,\n";
  httplib::Result result = Import(MakeZip({{"Connections.csv", connections}}));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json proposal = json::parse(result->body);
  ASSERT_EQ(proposal["connections"].size(), 4u);
  ExpectMatch(proposal["connections"][0], 1, "email", "self");
  ExpectMatch(proposal["connections"][1], nullptr, nullptr, nullptr);
  ExpectMatch(proposal["connections"][2], nullptr, nullptr, nullptr);
  // By name and company when the export has no email; the company's case does not matter.
  ExpectMatch(proposal["connections"][3], 2, "name_company", "connected");
  EXPECT_TRUE(proposal["profile"].is_null());
  EXPECT_EQ(proposal["positions"], json::array());
  EXPECT_EQ(proposal["files"], (json{{"Connections.csv", 4}}));
}

TEST_F(LinkedInImportRoutesTest, SavesNothing) {
  httplib::Result before = server_->Client().Get(
      "/api/v1/me", {{"Authorization", "Bearer " + ingrid_.first}});
  ASSERT_TRUE(before);
  httplib::Result result = Import(SampleZip());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  httplib::Result after = server_->Client().Get(
      "/api/v1/me", {{"Authorization", "Bearer " + ingrid_.first}});
  ASSERT_TRUE(after);
  EXPECT_EQ(json::parse(after->body)["headline"], "Headline 1");
  EXPECT_EQ(before->body, after->body);
}

TEST_F(LinkedInImportRoutesTest, ABadRowIsA400NamingFileAndLine) {
  std::vector<ZipEntry> entries = {
      {"Positions.csv",
       "Company Name,Title,Description,Location,Started On,Finished On\n"
       "Equinor,Engineer,,,Jan 2020,\n"
       "DNB,Analyst,\"Payments,\nretail\",,Jaan 2020,\n"}};
  ExpectError(Import(MakeZip(entries)), 400, "INVALID_ARGUMENT",
              "Positions.csv:3: \"Started On\" is not a month: Jaan 2020");
}

TEST_F(LinkedInImportRoutesTest, WhatIsNotAZipIs415) {
  ExpectError(Import("First Name,Last Name\nKari,Nordmann\n"), 415, "UNSUPPORTED_MEDIA_TYPE",
              "not a ZIP");
  // A ZIP sent as anything but a ZIP, or JSON to this route, is refused before it is read.
  ExpectError(Import(SampleZip(), "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE",
              "application/zip");
  ExpectError(Import(SampleZip(), "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE",
              "application/zip");
  httplib::Result windows = Import(SampleZip(), "application/x-zip-compressed");
  ASSERT_TRUE(windows);
  EXPECT_EQ(windows->status, 200) << windows->body;
  ExpectError(Import(""), 400, "INVALID_ARGUMENT", "ZIP");
}

TEST_F(LinkedInImportRoutesTest, TakesMoreThanOtherRoutesButNotMoreThan20MB) {
  // Half a megabyte of incompressible padding, stored: far over the server's 64 KB.
  std::mt19937 random(7);
  std::string padding(512 * 1024, '\0');
  for (char& c : padding) c = static_cast<char>(random());
  const std::string large = SampleZip({{.name = "padding.bin", .contents = padding, .stored = true}});
  ASSERT_GT(large.size(), 512u * 1024);
  httplib::Result accepted = Import(large);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;

  // Another route keeps the server's limit.
  httplib::Result profile = server_->Client().Put(
      "/api/v1/me", {{"Authorization", "Bearer " + ingrid_.first}},
      json{{"summary", std::string(100 * 1024, 'x')}}.dump(), "application/json");
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->status, 413);

  // Past 20 MB the head alone is refused: the body is never read.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server_->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string head = fmt::format(
      "POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n"
      "Content-Type: application/zip\r\nContent-Length: {}\r\n\r\nPK\x03\x04",
      kRoute, ingrid_.first, 20 * 1024 * 1024 + 1);
  ASSERT_EQ(send(fd, head.data(), head.size(), 0), static_cast<ssize_t>(head.size()));
  std::string answer;
  char buffer[4096];
  ssize_t read = 0;
  while ((read = recv(fd, buffer, sizeof buffer, 0)) > 0) answer.append(buffer, read);
  close(fd);
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 413"));
  EXPECT_THAT(answer, HasSubstr("PAYLOAD_TOO_LARGE"));
}

TEST_F(LinkedInImportRoutesTest, NeedsASessionAndTheCsrfTokenWithACookie) {
  httplib::Result anonymous = server_->Client().Post(kRoute, SampleZip(), "application/zip");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  httplib::Result no_csrf = server_->Client().Post(
      kRoute, {{"Cookie", "ledd_session=" + ingrid_.first}}, SampleZip(), "application/zip");
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  httplib::Result with_csrf = server_->Client().Post(
      kRoute, {{"Cookie", "ledd_session=" + ingrid_.first}, {"X-CSRF-Token", ingrid_.second}},
      SampleZip(), "application/zip");
  ASSERT_TRUE(with_csrf);
  EXPECT_EQ(with_csrf->status, 200) << with_csrf->body;
}

}  // namespace
}  // namespace ledd
