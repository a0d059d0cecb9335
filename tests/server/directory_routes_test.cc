// The member directory on a real `ledd serve`: GET /api/v1/search?degree=all finds the
// listed members beyond the network with a reduced profile, and the in_directory setting
// (GET/PUT /api/v1/me/settings) hides a member from strangers but not from their network.
//
//   Dina ── Per        Ola ── Quentin        (two components; all surnamed Katalog)

#include <cstdint>
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;

using Member = testing::SignedUpMember;

class DirectoryRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string db = testing::ImportGeneratedNetwork(*dir_, 20, 3);
    ASSERT_FALSE(db.empty());
    server_ = new ServerProcess(db, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
    dina_ = SignUp("Dina");
    per_ = SignUp("Per");
    ola_ = SignUp("Ola");
    quentin_ = SignUp("Quentin");
    Connect(dina_, per_);
    Connect(ola_, quentin_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static httplib::Headers Bearer(const Member& m) {
    return {{"Authorization", "Bearer " + m.token}};
  }
  static httplib::Result Put(const Member& m, const std::string& path, const json& body) {
    return server_->Client(10).Put(path.c_str(), Bearer(m), body.dump(), "application/json");
  }
  static httplib::Result Post(const Member& m, const std::string& path, const json& body) {
    return server_->Client(10).Post(path.c_str(), Bearer(m), body.dump(), "application/json");
  }
  static json Get(const Member& m, const std::string& path, int status = 200) {
    httplib::Result result = server_->Client(10).Get(path.c_str(), Bearer(m));
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, status) << path << ": " << result->body;
    return testing::BodyOf(result);
  }
  static Member SignUp(const std::string& first) {
    return testing::SignUp(*server_, first,
                           {{"last_name", "Katalog"},
                            {"headline", first + " at work"},
                            {"city", "Tromsø"},
                            {"country", "NO"}});
  }
  static void Connect(const Member& x, const Member& y) {
    json sent = testing::BodyOf(Post(x, "/api/v1/invitations", {{"to", y.id}}));
    ASSERT_TRUE(sent.contains("id")) << sent;
    httplib::Result accepted = Post(
        y, fmt::format("/api/v1/invitations/{}/accept", sent["id"].get<int64_t>()), json::object());
    ASSERT_TRUE(accepted && accepted->status == 200);
  }
  static void SetListed(const Member& m, bool listed) {
    httplib::Result result = Put(m, "/api/v1/me/settings", {{"in_directory", listed}});
    ASSERT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
    EXPECT_EQ(testing::BodyOf(result)["in_directory"], listed);
  }
  // The hits of a directory search for the surname, by member id.
  static std::map<int64_t, json> Directory(const Member& m, const std::string& degree = "all") {
    const json body = Get(m, "/api/v1/search?name=katalog&degree=" + degree);
    std::map<int64_t, json> hits;
    for (const json& hit : body["hits"]) hits[hit["member"].get<int64_t>()] = hit;
    EXPECT_EQ(body["total"].get<size_t>(), hits.size()) << body;
    return hits;
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static Member dina_, per_, ola_, quentin_;
};

TempDir* DirectoryRoutesTest::dir_ = nullptr;
ServerProcess* DirectoryRoutesTest::server_ = nullptr;
Member DirectoryRoutesTest::dina_, DirectoryRoutesTest::per_, DirectoryRoutesTest::ola_,
    DirectoryRoutesTest::quentin_;

TEST_F(DirectoryRoutesTest, FindsEveryoneListedAndReducesHitsOutOfNetwork) {
  for (const std::string degree : {"all", "everyone"}) {
    const std::map<int64_t, json> hits = Directory(dina_, degree);
    ASSERT_EQ(hits.size(), 3u) << degree;
    const json& per = hits.at(per_.id);
    EXPECT_EQ(per["in_network"], true);
    EXPECT_EQ(per["degree"], 1);
    EXPECT_EQ(per["city"], "Tromsø");
    const json& ola = hits.at(ola_.id);
    EXPECT_EQ(ola["in_network"], false);
    EXPECT_TRUE(ola["degree"].is_null());
    EXPECT_EQ(ola["headline"], "Ola at work");
    EXPECT_FALSE(ola.contains("city")) << ola;
    EXPECT_FALSE(ola.contains("positions")) << ola;
  }
  const json body = Get(dina_, "/api/v1/search?name=katalog&degree=all");
  EXPECT_EQ(body["by_degree"]["1"], 1);
  EXPECT_EQ(body["by_degree"]["beyond"], 2);
  // Network first, then by name: Ola before Quentin.
  ASSERT_EQ(body["hits"].size(), 3u);
  EXPECT_EQ(body["hits"][0]["member"], per_.id);
  EXPECT_EQ(body["hits"][1]["member"], ola_.id);
  EXPECT_EQ(body["hits"][2]["member"], quentin_.id);
  // The default scope stays the network.
  EXPECT_EQ(Get(dina_, "/api/v1/search?name=katalog")["total"], 1);
}

TEST_F(DirectoryRoutesTest, AnOptOutHidesFromStrangersButNotFromTheirNetwork) {
  EXPECT_EQ(Get(ola_, "/api/v1/me/settings")["in_directory"], true);
  SetListed(ola_, false);
  EXPECT_EQ(Get(ola_, "/api/v1/me/settings")["in_directory"], false);
  EXPECT_FALSE(Directory(dina_).contains(ola_.id));
  EXPECT_TRUE(Directory(dina_).contains(quentin_.id));
  const std::map<int64_t, json> theirs = Directory(quentin_);
  ASSERT_TRUE(theirs.contains(ola_.id));
  EXPECT_EQ(theirs.at(ola_.id)["in_network"], true);
  SetListed(ola_, true);
  EXPECT_TRUE(Directory(dina_).contains(ola_.id));
}

TEST_F(DirectoryRoutesTest, RefusesBadSettingsAndDegrees) {
  httplib::Result result = Put(dina_, "/api/v1/me/settings", {{"in_directory", "no"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400) << result->body;
  EXPECT_NE(result->body.find("in_directory"), std::string::npos);
  Get(dina_, "/api/v1/search?name=katalog&degree=world", 400);
}

// A member with no contacts is suggested members who share background, each with its
// reasons; never one they invited, one who blocked them, nor an opt-out.
TEST_F(DirectoryRoutesTest, PymkWithoutContactsSuggestsSharedBackground) {
  const Member eva = SignUp("Eva");
  auto suggested = [&](const Member& m) {
    std::map<int64_t, json> byid;
    const json body = Get(m, "/api/v1/pymk?limit=50");
    for (const json& s : body["suggestions"]) {
      byid[s["member"].get<int64_t>()] = s;
    }
    return byid;
  };
  std::map<int64_t, json> all = suggested(eva);
  ASSERT_TRUE(all.contains(ola_.id)) << all.size();
  const json& ola = all.at(ola_.id);
  EXPECT_EQ(ola["mutual"], 0);
  EXPECT_EQ(ola["in_network"], false);
  bool city = false;
  for (const json& detail : ola["details"]) {
    if (detail["code"] == "same_city") city = detail["city"] == "Tromsø";
  }
  EXPECT_TRUE(city) << ola;
  EXPECT_NE(std::find(ola["reasons"].begin(), ola["reasons"].end(), "same_city"),
            ola["reasons"].end());
  // A pending invitation either way, a block either way, an opt-out: not suggested.
  ASSERT_TRUE(Post(eva, "/api/v1/invitations", {{"to", dina_.id}}));
  ASSERT_TRUE(Post(per_, "/api/v1/invitations", {{"to", eva.id}}));
  httplib::Result blocked = Post(quentin_, "/api/v1/blocks", {{"member", eva.id}});
  ASSERT_TRUE(blocked && blocked->status < 300) << (blocked ? blocked->body : "");
  SetListed(ola_, false);
  all = suggested(eva);
  EXPECT_FALSE(all.contains(dina_.id));
  EXPECT_FALSE(all.contains(per_.id));
  EXPECT_FALSE(all.contains(quentin_.id));
  EXPECT_FALSE(all.contains(ola_.id));
  // Contacts are never suggested; their own 2nd degree is.
  EXPECT_FALSE(suggested(dina_).contains(per_.id));
}

// Filter type-ahead: prefixes of values or of their words, countries by code and by
// English or Bokmål name, shown in the language asked for.
TEST_F(DirectoryRoutesTest, FacetTypeAheadResolvesCountryNames) {
  for (const char* typed : {"Norge", "norg", "NO", "Norway", "norw"}) {
    const json body = Get(dina_, std::string("/api/v1/facets/country?lang=nb&q=") + typed);
    EXPECT_EQ(body["facet"], "country");
    bool found = false;
    for (const json& value : body["values"]) {
      if (value["value"] != "no") continue;
      found = true;
      EXPECT_EQ(value["display"], "Norge") << typed;
      EXPECT_GE(value["members"].get<int>(), 4) << typed;
    }
    EXPECT_TRUE(found) << typed << ": " << body;
  }
  const json english = Get(dina_, "/api/v1/facets/country?q=Norge&lang=en");
  ASSERT_FALSE(english["values"].empty());
  EXPECT_EQ(english["values"][0]["display"], "Norway");
  // A word of the value: "trom" finds Tromsø, ranked by members.
  const json cities = Get(dina_, "/api/v1/facets/city?q=trom&limit=5");
  bool tromso = false;
  for (const json& value : cities["values"]) tromso |= value["value"] == "tromso";
  EXPECT_TRUE(tromso) << cities;
  EXPECT_TRUE(Get(dina_, "/api/v1/facets/city?q=zzzz")["values"].empty());
  Get(dina_, "/api/v1/facets/shoe-size?q=4", 404);
  Get(dina_, "/api/v1/facets/city?q=o&lang=de", 400);
  Get(dina_, "/api/v1/facets/city?q=o&limit=0", 400);
  // The search filter takes the names too.
  EXPECT_EQ(Get(dina_, "/api/v1/search?name=katalog&degree=all&country=Norge")["total"], 3);
  EXPECT_EQ(Get(dina_, "/api/v1/search?name=katalog&degree=all&country=Norway")["total"], 3);
  EXPECT_EQ(Get(dina_, "/api/v1/search?name=katalog&degree=all&country=Sverige")["total"], 0);
}

}  // namespace
}  // namespace ledd
