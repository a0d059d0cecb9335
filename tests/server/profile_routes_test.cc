// Profile editing and organizations on a real `ledd serve` over loopback: PUT
// /api/v1/me with the profile and a background naming organizations (found or created
// in the write's transaction), GET /api/v1/me with summary, background (ids and names)
// and completeness, GET /api/v1/members/{id} with organization and school ids and the
// degree, the organization type-ahead (prefixes, aliases, kinds) finding what a write
// just created, POST /api/v1/organizations' dedup, the refusals, none of which saves
// anything, and that a LinkedIn import's proposal is saved by one PUT /api/v1/me.

#include <cstdint>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/temp_dir.h"
#include "testing/zip_archive.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using testing::ServerProcess;
using testing::TempDir;

using Member = testing::SignedUpMember;

class ProfileRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 40, 7);
    ASSERT_FALSE(db_.empty());
    server_ = new ServerProcess(db_, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static Member SignUp(const std::string& name) { return testing::SignUp(*server_, name); }

  static httplib::Result Send(const std::string& method, const std::string& path,
                              const Member& member, const json& body = nullptr) {
    httplib::Client client = server_->Client(10);
    const httplib::Headers headers = {{"Authorization", "Bearer " + member.token}};
    if (method == "GET") return client.Get(path.c_str(), headers);
    if (method == "PUT") return client.Put(path.c_str(), headers, body.dump(), "application/json");
    return client.Post(path.c_str(), headers, body.dump(), "application/json");
  }

  static json Ok(const httplib::Result& result, int status = 200) {
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, status) << result->body;
    return testing::BodyOf(result);
  }

  // The error's message, after checking status and code.
  static std::string Refused(const httplib::Result& result, int status = 400,
                             const std::string& code = "INVALID_ARGUMENT") {
    EXPECT_TRUE(result);
    if (!result) return "";
    EXPECT_EQ(result->status, status) << result->body;
    json body = testing::BodyOf(result);
    EXPECT_EQ(body["error"]["code"], code) << result->body;
    return body["error"]["message"].is_string() ? body["error"]["message"].get<std::string>()
                                                : "";
  }

  // The type-ahead's answer, as "name (kind)" in order.
  static std::vector<json> TypeAhead(const Member& member, const std::string& query) {
    json body = Ok(Send("GET", "/api/v1/organizations?" + query, member));
    if (!body.contains("organizations")) return {};
    return body["organizations"].get<std::vector<json>>();
  }

  static int64_t Create(const Member& member, const json& organization, bool created = true) {
    json body = Ok(Send("POST", "/api/v1/organizations", member, organization),
                   created ? 201 : 200);
    EXPECT_EQ(body["created"], created) << body;
    return body.value("id", int64_t{0});
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
};

TempDir* ProfileRoutesTest::dir_ = nullptr;
std::string ProfileRoutesTest::db_;
ServerProcess* ProfileRoutesTest::server_ = nullptr;

TEST_F(ProfileRoutesTest, ANewMemberBuildsAWholeProfileInOnePut) {
  Member kari = SignUp("kari");
  json me = Ok(Send("GET", "/api/v1/me", kari));
  EXPECT_EQ(me["completeness"]["done"], 0) << me;
  EXPECT_EQ(me["completeness"]["total"], 6);
  EXPECT_EQ(me["has_photo"], false);
  EXPECT_EQ(me["positions"], json::array());

  const int64_t school = Create(kari, {{"kind", "school"}, {"name", "Testhøgskolen i Ås"}});
  const json edit = {
      {"first_name", "Kari"},
      {"last_name", "Nordmann"},
      {"headline", "Geofysiker"},
      {"summary", "Seismikk og data."},
      {"city", "Stavanger"},
      {"country", "no"},
      {"industry", "Oil & Energy"},
      {"positions",
       {{{"organization", {{"name", "Fjordkraft Seismikk AS"}, {"country", "NO"}}},
         {"title", "Geofysiker"},
         {"start", "2019-08"}},
        {{"organization", {{"name", "Nordsjø Data"}}}, {"title", "Trainee"}, {"start", "2018"},
         {"end", "2019-06-30"}}}},
      {"educations",
       {{{"school", school}, {"field", "Geofysikk"}, {"degree", "MSc"}, {"start", "2013"},
         {"end", "2018"}}}}};
  json answer = Ok(Send("PUT", "/api/v1/me", kari, edit));
  EXPECT_EQ(answer, Ok(Send("GET", "/api/v1/me", kari)));  // The same JSON as GET.
  EXPECT_EQ(answer["first_name"], "Kari");
  EXPECT_EQ(answer["last_name"], "Nordmann");
  EXPECT_EQ(answer["country"], "NO");
  EXPECT_EQ(answer["summary"], "Seismikk og data.");
  ASSERT_EQ(answer["positions"].size(), 2u);
  EXPECT_EQ(answer["positions"][0]["organization"], "Fjordkraft Seismikk AS");
  EXPECT_EQ(answer["positions"][0]["start"], "2019-08-01");
  EXPECT_EQ(answer["positions"][0]["current"], true);
  EXPECT_EQ(answer["positions"][1]["organization"], "Nordsjø Data");  // The order given.
  const int64_t employer = answer["positions"][0]["organization_id"];
  ASSERT_EQ(answer["educations"].size(), 1u);
  EXPECT_EQ(answer["educations"][0]["school_id"], school);
  EXPECT_EQ(answer["educations"][0]["school"], "Testhøgskolen i Ås");
  EXPECT_EQ(answer["educations"][0]["degree"], "MSc");
  EXPECT_EQ(answer["completeness"]["done"], 6);
  std::vector<std::string> sections;
  for (const json& section : answer["completeness"]["sections"]) {
    EXPECT_EQ(section["done"], true);
    sections.push_back(section["section"]);
  }
  EXPECT_THAT(sections, ::testing::ElementsAre("headline", "summary", "experience", "education",
                                               "location", "industry"));

  // The organization the write created is found right after, by a word's prefix, with
  // Kari counted.
  const std::vector<json> found = TypeAhead(kari, "q=seism&kind=company");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], employer);
  EXPECT_EQ(found[0]["name"], "Fjordkraft Seismikk AS");
  EXPECT_EQ(found[0]["country"], "NO");
  EXPECT_EQ(found[0]["kind"], "company");
  EXPECT_EQ(found[0]["members"], 1);
  EXPECT_TRUE(TypeAhead(kari, "q=seism&kind=school").empty());

  // Others see the ids and the degree on the profile.
  Member ola = SignUp("ola");
  Ok(Send("POST", "/api/v1/invitations", ola, {{"to", kari.id}}), 201);
  json profile = Ok(Send("GET", fmt::format("/api/v1/members/{}", kari.id), kari));
  ASSERT_EQ(profile["positions"].size(), 2u);
  EXPECT_EQ(profile["positions"][0]["organization_id"], employer);
  EXPECT_EQ(profile["positions"][0]["organization"], "Fjordkraft Seismikk AS");
  ASSERT_EQ(profile["educations"].size(), 1u);
  EXPECT_EQ(profile["educations"][0]["school_id"], school);
  EXPECT_EQ(profile["educations"][0]["degree"], "MSc");

  // A partial edit keeps the background; "" clears the country.
  json partial = Ok(Send("PUT", "/api/v1/me", kari, {{"country", ""}}));
  EXPECT_EQ(partial["country"], "");
  EXPECT_EQ(partial["positions"].size(), 2u);
  EXPECT_EQ(partial["completeness"]["done"], 6);  // The city still is a location.
  partial = Ok(Send("PUT", "/api/v1/me", kari, {{"city", ""}, {"educations", json::array()}}));
  EXPECT_EQ(partial["completeness"]["done"], 4);
  EXPECT_EQ(partial["positions"].size(), 2u);
}

// The profile page's count is the advice's: both read the network's six sections.
TEST_F(ProfileRoutesTest, CompletenessAgreesWithTheAdvicesThinProfile) {
  Member tore = SignUp("tore");
  Member recipient = SignUp("rita");
  json me = Ok(Send("PUT", "/api/v1/me", tore, {{"headline", "Selger"}, {"city", "Bodø"}}));
  EXPECT_EQ(me["completeness"]["done"], 2);
  json invitation = Ok(Send("POST", "/api/v1/invitations", tore, {{"to", recipient.id}}), 201);
  json advice = Ok(Send("GET", fmt::format("/api/v1/invitations/{}/advice",
                                           invitation["id"].get<int64_t>()),
                        recipient));
  std::vector<std::string> texts;
  for (const json& reason : advice["reasons"]) texts.push_back(reason["text"]);
  EXPECT_THAT(texts, ::testing::Contains("Thin profile: 2 of 6 sections filled in")) << advice;
}

// The LinkedIn import's proposal is in this route's format: one PUT saves the review,
// its organizations found or created in the same transaction.
TEST_F(ProfileRoutesTest, ALinkedInProposalIsSavedByOnePut) {
  Member ingrid = SignUp("ingrid");
  const std::string zip = testing::MakeZip(testing::EntriesFromDirectory(
      testing::LinkedInSampleDirectory(),
      {"Profile.csv", "Positions.csv", "Education.csv", "Connections.csv"}));
  httplib::Result imported =
      server_->Client(10).Post("/api/v1/me/linkedin-import",
                               {{"Authorization", "Bearer " + ingrid.token}}, zip,
                               "application/zip");
  const json proposal = Ok(imported);
  ASSERT_TRUE(proposal.contains("profile")) << proposal;
  json review = proposal["profile"];
  review["positions"] = proposal["positions"];
  review["educations"] = proposal["educations"];
  const json me = Ok(Send("PUT", "/api/v1/me", ingrid, review));
  EXPECT_EQ(me["first_name"], "Ingrid");
  EXPECT_EQ(me["country"], "NO");
  ASSERT_EQ(me["positions"].size(), proposal["positions"].size());
  EXPECT_EQ(me["positions"][0]["organization"], "Equinor");
  EXPECT_EQ(me["positions"][0]["title"], "Senior Software Engineer");
  ASSERT_EQ(me["educations"].size(), proposal["educations"].size());
  EXPECT_EQ(me["educations"][1]["degree"], "Bachelor's degree");
  EXPECT_EQ(me["completeness"]["done"], 6);
  // The school it named is now found by a word of its name.
  bool found = false;
  for (const json& school : TypeAhead(ingrid, "q=ntnu&kind=school&limit=100")) {
    found = found || school["id"] == me["educations"][1]["school_id"];
  }
  EXPECT_TRUE(found);
  // Saving the same review again creates no second organization.
  const json again = Ok(Send("PUT", "/api/v1/me", ingrid, review));
  EXPECT_EQ(again["positions"], me["positions"]);
  EXPECT_EQ(again["educations"], me["educations"]);
}

TEST_F(ProfileRoutesTest, RefusalsSaveNothing) {
  Member per = SignUp("per");
  const int64_t company = Create(per, {{"kind", "company"}, {"name", "Refusal Testers AS"}});
  const json before = Ok(Send("GET", "/api/v1/me", per));
  auto position = [](const json& organization) {
    return json{{"organization", organization}, {"title", "Engineer"}};
  };
  // A new organization first, then a bad entry: neither is saved.
  EXPECT_THAT(Refused(Send("PUT", "/api/v1/me", per,
                           {{"headline", "Changed"},
                            {"positions",
                             {position({{"name", "Never Created Holding"}}), position(99999999)}}})),
              HasSubstr("positions[1].organization: organization 99999999 does not exist"));
  EXPECT_THAT(Refused(Send("PUT", "/api/v1/me", per,
                           {{"educations", {{{"school", company}, {"field", "Physics"}}}}})),
              HasSubstr(fmt::format("educations[0].school: organization {} is not a school",
                                    company)));
  EXPECT_THAT(Refused(Send("PUT", "/api/v1/me", per, {{"country", "XX"}})),
              HasSubstr("\"country\" must be an ISO 3166 alpha-2 code such as NO, not \"XX\""));
  EXPECT_THAT(
      Refused(Send("PUT", "/api/v1/me", per,
                   {{"positions", {position({{"name", "Acme"}, {"country", "XX"}})}}})),
      HasSubstr("positions[0].organization"));
  EXPECT_THAT(Refused(Send("PUT", "/api/v1/me", per, {{"first_name", std::string(101, 'k')}})),
              HasSubstr("the first name has 101 characters; at most 100 are allowed"));
  EXPECT_THAT(Refused(Send("PUT", "/api/v1/me", per,
                           {{"positions", {position({{"name", std::string(201, 'n')}})}}})),
              HasSubstr("positions[0]: the organization name has 201 characters"));
  EXPECT_EQ(Refused(Send("PUT", "/api/v1/me", per, {{"has_photo", false}})),
            "\"has_photo\" is set by uploading a photo (PUT /api/v1/me/photo)");
  EXPECT_THAT(Refused(Send("PUT", "/api/v1/me", per, {{"positions", {position({{"nme", "x"}})}}})),
              HasSubstr("nme"));
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me", per)), before);
  EXPECT_TRUE(TypeAhead(per, "q=never%20created").empty());

  // The type-ahead's own refusals.
  Refused(Send("GET", "/api/v1/organizations?kind=club", per));
  Refused(Send("GET", "/api/v1/organizations?limit=101", per));
  Refused(Send("GET", "/api/v1/organizations?name=x", per));
  Refused(Send("POST", "/api/v1/organizations", per, {{"kind", "club"}, {"name", "X"}}));
  Refused(Send("POST", "/api/v1/organizations", per, {{"kind", "school"}}));
  Refused(Send("POST", "/api/v1/organizations", per,
               {{"kind", "school"}, {"name", "X"}, {"country", "XX"}}));
  Refused(Send("POST", "/api/v1/organizations", per, {{"kind", "school"}, {"name", "--"}}));
  EXPECT_EQ(server_->Client(10).Get("/api/v1/organizations?q=a")->status, 401);
}

TEST_F(ProfileRoutesTest, OrganizationsAreDedupedByFoldedNameKindAndCountry) {
  Member siri = SignUp("siri");
  const int64_t equinor =
      Create(siri, {{"kind", "company"}, {"name", "Equinor ASA Testfelt"}, {"country", "NO"},
                    {"industry", "Oil & Energy"}});
  EXPECT_EQ(Create(siri, {{"kind", "company"}, {"name", "equinor asa testfelt"}, {"country", "no"}},
                   false),
            equinor);
  EXPECT_EQ(Create(siri, {{"kind", "company"}, {"name", "EQUINOR_ASA  Testfelt"}}, false), equinor);
  const int64_t swedish = Create(
      siri, {{"kind", "company"}, {"name", "Equinor ASA Testfelt"}, {"country", "SE"}});
  const int64_t school = Create(siri, {{"kind", "school"}, {"name", "Equinor ASA Testfelt"}});
  EXPECT_NE(swedish, equinor);
  EXPECT_NE(school, equinor);
  // A background naming it uses it instead of making another.
  json background = Ok(Send(
      "PUT", "/api/v1/me/background", siri,
      {{"positions",
        {{{"organization", {{"name", "Equinor asa testfelt"}, {"country", "NO"}}},
          {"title", "Ingeniør"}}}},
       {"educations", {{{"school", {{"name", "Equinor ASA Testfelt"}}}, {"degree", "BSc"}}}}}));
  EXPECT_EQ(background["positions"][0]["organization"], equinor);
  EXPECT_EQ(background["educations"][0]["school"], school);

  const std::vector<json> found = TypeAhead(siri, "q=equinor%20asa%20testfelt");
  ASSERT_EQ(found.size(), 3u);
  // All three are exact matches with one member: counts are by folded name, so the two
  // companies share Siri's position. Then by id.
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i]["members"], 1) << found[i];
    EXPECT_EQ(found[i]["id"], (std::vector<int64_t>{equinor, swedish, school})[i]);
  }
  EXPECT_EQ(TypeAhead(siri, "q=testfelt&kind=school").size(), 1u);
  // Spaces around a typed name are not part of it.
  json trimmed = Ok(Send("POST", "/api/v1/organizations", siri,
                         {{"kind", "company"}, {"name", "  Trimmet Testfelt AS "}}),
                    201);
  EXPECT_EQ(trimmed["name"], "Trimmet Testfelt AS");
  EXPECT_EQ(trimmed["members"], 0);
  EXPECT_EQ(TypeAhead(siri, "q=testfelt&limit=1").size(), 1u);
}

TEST_F(ProfileRoutesTest, AliasesFindTheirOrganizationFirst) {
  Member nils = SignUp("nils");
  // The generated network may have a school of that name already: then this finds it.
  httplib::Result added = Send("POST", "/api/v1/organizations", nils,
                               {{"kind", "school"}, {"name", "Universitetet i Oslo"}});
  ASSERT_TRUE(added);
  EXPECT_TRUE(added->status == 201 || added->status == 200) << added->body;
  const int64_t uio = testing::BodyOf(added)["id"];
  Create(nils, {{"kind", "school"}, {"name", "Uiomatikk skole"}});
  const std::vector<json> found = TypeAhead(nils, "q=UiO&kind=school&limit=100");
  ASSERT_GE(found.size(), 2u);
  // The alias's organizations come before "Uiomatikk skole", a mere prefix match.
  std::vector<int64_t> ids;
  for (const json& organization : found) ids.push_back(organization["id"]);
  EXPECT_THAT(ids, ::testing::Contains(uio));
  EXPECT_EQ(found.back()["name"], "Uiomatikk skole");
  EXPECT_THAT(found.front()["name"].get<std::string>(), HasSubstr("Oslo"));
}

}  // namespace
}  // namespace ledd
