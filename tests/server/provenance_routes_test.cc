// Invitations sent from a post or an appearance page, through a real `ledd serve`: the
// origin is accepted only when the store can verify it (a read recorded by GET
// /api/v1/posts/{id} before sending; an appearance of the recipient's that has taken
// place), it is shown to the sender and the recipient on every answer that carries the
// invitation, the advice counts it (accept, even for a selective recipient), and a
// deleted page leaves no origin to show.
//
// The members are established accounts (created in 2020), since an origin from a
// brand-new account is not an accept (query/advice.h); accounts are added with
// `ledd accounts create`.
//
//   1 Kari: the author and speaker, selective.   2 Ola: reads and listens.
//   3 Per: a stranger to both.

#include <cstdint>
#include <fstream>
#include <string>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using ::testing::StartsWith;
using testing::TempDir;

constexpr char kMembers[] =
    "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,email,"
    "created_at,policy,markets\n"
    "1,kari,Kari,Nordmann,Sivilingeniør,Bygger bruer,1,Oslo,NO,Construction,k@x.no,2020-01-01,"
    "selective,home\n"
    "2,ola,Ola,Hansen,Engineer,Roads,1,Bergen,NO,Consulting,o@x.no,2020-01-01,liberal,home\n"
    "3,per,Per,Olsen,Engineer,Tunnels,1,Oslo,NO,Mining,p@x.no,2020-01-01,liberal,home\n";
constexpr char kPassword[] = "a long enough password";

struct Member {
  int64_t id = 0;
  std::string token;
};

class ProvenanceRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string net = dir_->File("net");
    db_ = dir_->File("net.db");
    ASSERT_EQ(RunCommand(fmt::format("mkdir -p {}", net)).exit_code, 0);
    std::ofstream(net + "/members.csv") << kMembers;
    RunResult imported = RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db_, net));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    for (int64_t member : {1, 2, 3}) {
      ASSERT_TRUE(
          testing::CreateAccount(db_, member, fmt::format("m{}@example.org", member), kPassword));
    }
    server_ = new ServerProcess(db_);
    ASSERT_GT(server_->port(), 0);
    kari_ = SignIn(1);
    ola_ = SignIn(2);
    per_ = SignIn(3);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static Member SignIn(int64_t member) {
    httplib::Result result = server_->Client(10).Post(
        "/api/v1/signin",
        json{{"email", fmt::format("m{}@example.org", member)}, {"password", kPassword}}.dump(),
        "application/json");
    EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
    if (!result) return {};
    return {.id = member, .token = testing::BodyOf(result)["token"]};
  }

  // The status of `method path` with `body` as `member`, and its JSON in `out`.
  static int Call(const std::string& method, const std::string& path, const Member& member,
                  const json& body = nullptr, json* out = nullptr) {
    const httplib::Headers headers = {{"Authorization", "Bearer " + member.token}};
    httplib::Client client = server_->Client(10);
    httplib::Result result =
        method == "GET"      ? client.Get(path.c_str(), headers)
        : method == "DELETE" ? client.Delete(path.c_str(), headers)
                             : client.Post(path.c_str(), headers, body.dump(), "application/json");
    if (!result) return -1;
    if (out != nullptr) *out = testing::BodyOf(result);
    return result->status;
  }
  static json Ok(const std::string& method, const std::string& path, const Member& member,
                 const json& body = nullptr, int status = 200) {
    json out;
    EXPECT_EQ(Call(method, path, member, body, &out), status) << method << " " << path << out;
    return out;
  }

  // The reason with `code` of an advice; null when absent.
  static json Reason(const json& advice, const std::string& code) {
    for (const json& reason : advice["reasons"]) {
      if (reason["code"] == code) return reason;
    }
    return nullptr;
  }

  static json Cli(const std::string& arguments) {
    RunResult result =
        RunCommand(fmt::format("{} {} --db {} --json", LeddBinary(), arguments, db_));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out, nullptr, false);
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
  static Member kari_, ola_, per_;
};

TempDir* ProvenanceRoutesTest::dir_ = nullptr;
std::string ProvenanceRoutesTest::db_;
ServerProcess* ProvenanceRoutesTest::server_ = nullptr;
Member ProvenanceRoutesTest::kari_, ProvenanceRoutesTest::ola_, ProvenanceRoutesTest::per_;

TEST_F(ProvenanceRoutesTest, AnInvitationFromAPostCountsOnlyAfterARealRead) {
  const int64_t post = Ok("POST", "/api/v1/posts", kari_,
                          {{"title", "Bruer over fjorder"},
                           {"body", "Hva det koster å bygge bruer over fjorder i Vestland."}},
                          201)["id"];
  const int64_t per_post = Ok("POST", "/api/v1/posts", per_,
                              {{"title", "Tunneler"}, {"body", "Om tunneler."}}, 201)["id"];
  const json via = {{"post", post}};
  // Not read yet: the origin cannot be verified.
  json refused;
  EXPECT_EQ(Call("POST", "/api/v1/invitations", ola_, {{"to", kari_.id}, {"via", via}}, &refused),
            400);
  EXPECT_EQ(refused["error"]["code"], "INVALID_ARGUMENT");
  EXPECT_THAT(refused["error"]["message"].get<std::string>(), HasSubstr("has not read it"));
  // The read is what GET /posts/{id} records; a read of someone else's post is no
  // origin for inviting Kari.
  Ok("GET", fmt::format("/api/v1/posts/{}", post), ola_);
  Ok("GET", fmt::format("/api/v1/posts/{}", per_post), ola_);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", ola_,
                 {{"to", kari_.id}, {"via", {{"post", per_post}}}}, &refused),
            400);
  EXPECT_THAT(refused["error"]["message"].get<std::string>(),
              HasSubstr("it is not a post of member 1"));
  for (const json& bad : {json{{"comment", post}}, json{{"post", std::to_string(post)}},
                          json{{"post", post}, {"appearance", 1}}, json("post:1"), json::object(),
                          json{{"post", -post}}}) {
    EXPECT_EQ(Call("POST", "/api/v1/invitations", ola_, {{"to", kari_.id}, {"via", bad}}), 400)
        << bad;
  }

  const json sent = Ok(
      "POST", "/api/v1/invitations", ola_,
      {{"to", kari_.id}, {"note", "Takk for innlegget om bruer over fjorder"}, {"via", via}}, 201);
  const int64_t id = sent["id"];
  ASSERT_TRUE(sent["via"].is_object()) << sent;
  EXPECT_EQ(sent["via"]["kind"], "post");
  EXPECT_EQ(sent["via"]["id"], post);
  EXPECT_EQ(sent["via"]["title"], "Bruer over fjorder");
  EXPECT_THAT(sent["via"]["read_at"].get<std::string>(),
              ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
  EXPECT_LE(sent["via"]["read_at"].get<std::string>(), sent["created_at"].get<std::string>());

  // Kari's box shows where it came from, and the advice counts it: accept, although
  // she is selective and shares nothing else with Ola.
  const json box = Ok("GET", "/api/v1/invitations", kari_);
  ASSERT_FALSE(box["invitations"].empty());
  const json& entry = box["invitations"][0];
  ASSERT_EQ(entry["id"], id);
  EXPECT_EQ(entry["via"], sent["via"]);
  EXPECT_EQ(entry["advice"]["decision"], "accept") << entry["advice"].dump();
  EXPECT_THAT(Reason(entry["advice"], "via_post").value("text", ""),
              StartsWith("Read your post ‘Bruer over fjorder’ on "));
  const json norwegian = Ok("GET", "/api/v1/invitations?lang=nb", kari_);
  EXPECT_THAT(Reason(norwegian["invitations"][0]["advice"], "via_post").value("text", ""),
              StartsWith("Leste innlegget ditt «Bruer over fjorder» "));
  const json advice = Ok("GET", fmt::format("/api/v1/invitations/{}/advice", id), kari_);
  EXPECT_EQ(advice["via"], sent["via"]);
  EXPECT_EQ(advice["decision"], "accept");
  EXPECT_EQ(advice, Cli(fmt::format("advice {}", id)));
  EXPECT_EQ(box, Cli(fmt::format("invitations {}", kari_.id)));
  // Ola sees it in his sent box; Per does not see the invitation at all.
  const json sent_box = Ok("GET", "/api/v1/invitations?box=sent", ola_);
  ASSERT_EQ(sent_box["invitations"].size(), 1u);
  EXPECT_EQ(sent_box["invitations"][0]["via"], sent["via"]);
  EXPECT_EQ(Call("GET", fmt::format("/api/v1/invitations/{}/advice", id), per_), 404);
  // Accepting answers with the origin too.
  EXPECT_EQ(Ok("POST", fmt::format("/api/v1/invitations/{}/accept", id), kari_)["via"],
            sent["via"]);
}

TEST_F(ProvenanceRoutesTest, AnInvitationFromAnAppearanceCarriesTheTalkUntilItIsDeleted) {
  const json talk = Ok("POST", "/api/v1/appearances", kari_,
                       {{"kind", "talk"},
                        {"title", "Event sourcing uten tårer"},
                        {"event", "JavaZone 2025"},
                        {"date", "2025-09-10"},
                        {"place", "Oslo Spektrum"}},
                       201);
  const json coming =
      Ok("POST", "/api/v1/appearances", kari_,
         {{"kind", "course"}, {"title", "Kafka i praksis"}, {"date", "2099-01-10"}}, 201);
  // A course that has not taken place yet is nothing anyone heard.
  json refused;
  EXPECT_EQ(Call("POST", "/api/v1/invitations", per_,
                 {{"to", kari_.id}, {"via", {{"appearance", coming["id"]}}}}, &refused),
            400);
  EXPECT_THAT(refused["error"]["message"].get<std::string>(), HasSubstr("not taken place"));
  // {"talk": id} is {"appearance": id}.
  const json sent = Ok("POST", "/api/v1/invitations", per_,
                       {{"to", kari_.id}, {"via", {{"talk", talk["id"]}}}}, 201);
  EXPECT_EQ(sent["via"], json({{"kind", "appearance"},
                               {"id", talk["id"]},
                               {"title", "Event sourcing uten tårer"},
                               {"event", "JavaZone 2025"},
                               {"appearance_kind", "talk"},
                               {"date", "2025-09-10"}}));
  const auto received_from_per = [&] {
    const json box = Ok("GET", "/api/v1/invitations", kari_);
    for (const json& entry : box["invitations"]) {
      if (entry["from"] == per_.id) return entry;
    }
    ADD_FAILURE() << "no invitation from Per in " << box;
    return json::object();
  };
  const json entry = received_from_per();
  EXPECT_EQ(entry["via"], sent["via"]);
  EXPECT_EQ(entry["advice"]["decision"], "accept") << entry["advice"].dump();
  EXPECT_EQ(Reason(entry["advice"], "via_appearance")["text"],
            "Invited you from your talk ‘Event sourcing uten tårer’ at JavaZone 2025");
  // A deleted appearance leaves nothing to show, nor to count.
  Ok("DELETE", fmt::format("/api/v1/appearances/{}", talk["id"].get<int64_t>()), kari_);
  const json after = received_from_per();
  EXPECT_TRUE(after["via"].is_null()) << after;
  EXPECT_TRUE(Reason(after["advice"], "via_appearance").is_null()) << after["advice"];
}

}  // namespace
}  // namespace ledd
