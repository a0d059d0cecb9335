// The invitation, settings, saved-search, block, profile and connection routes of
// `ledd serve`, driven over loopback: each route's happy path and errors, an
// authorization matrix (every write by its owner, by another member, anonymously, and
// by cookie without the CSRF token), the privacy of connection lists under each
// visibility, read-your-writes after an accept, and the same JSON as the CLI's --json.

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fmt/chrono.h"
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
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

// How a request authenticates.
enum class As { kBearer, kCookie, kCookieWithoutCsrf, kAnonymous };

using Member = testing::SignedUpMember;

class InvitationRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 300, 3);
    ASSERT_FALSE(db_.empty());
    // The first company and the first school of the generated organizations.
    std::ifstream organizations(dir_->File("net") + "/organizations.csv");
    std::string line;
    std::getline(organizations, line);  // header: id,kind,name,...
    while (std::getline(organizations, line)) {
      std::stringstream fields(line);
      std::string id;
      std::string kind;
      std::getline(fields, id, ',');
      std::getline(fields, kind, ',');
      if (kind == "company" && company_ == 0) company_ = std::stoll(id);
      if (kind == "school" && school_ == 0) school_ = std::stoll(id);
    }
    ASSERT_GT(company_, 0);
    ASSERT_GT(school_, 0);
    // More sign-ups from 127.0.0.1 than the default 5 per hour.
    server_ = new ServerProcess(db_, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(30); }

  // A new member with no connections, signed in.
  static Member SignUp(const std::string& first_name, const std::string& country = "NO") {
    return testing::SignUp(*server_, first_name, {{"country", country}});
  }

  static httplib::Result Send(const std::string& method, const std::string& path,
                              const Member& member, const json& body = nullptr,
                              As as = As::kBearer) {
    httplib::Headers headers;
    switch (as) {
      case As::kBearer:
        headers.emplace("Authorization", "Bearer " + member.token);
        break;
      case As::kCookie:
        headers.emplace("Cookie", "ledd_session=" + member.token);
        headers.emplace("X-CSRF-Token", member.csrf);
        break;
      case As::kCookieWithoutCsrf:
        headers.emplace("Cookie", "ledd_session=" + member.token);
        break;
      case As::kAnonymous:
        break;
    }
    const std::string text = body.is_null() ? "" : body.dump();
    httplib::Client client = Client();
    if (method == "GET") return client.Get(path.c_str(), headers);
    if (method == "POST") return client.Post(path.c_str(), headers, text, "application/json");
    if (method == "PUT") return client.Put(path.c_str(), headers, text, "application/json");
    return client.Delete(path.c_str(), headers, text, "application/json");
  }

  // The status of a request, and its JSON body in `out` if given.
  static int Status(const httplib::Result& result, json* out = nullptr) {
    if (!result) return -1;
    if (out != nullptr) *out = json::parse(result->body, nullptr, false);
    return result->status;
  }

  static json Ok(const httplib::Result& result, int status = 200) {
    json body;
    EXPECT_EQ(Status(result, &body), status) << (result ? result->body : "no answer");
    return body;
  }

  static void ExpectError(const httplib::Result& result, int status, const std::string& code) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    json body = json::parse(result->body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], code) << result->body;
  }

  static json Cli(const std::string& arguments) {
    RunResult result =
        RunCommand(fmt::format("{} {} --db {} --json", LeddBinary(), arguments, db_));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out, nullptr, false);
  }

  // Connects two members through the API: `a` invites, `b` accepts.
  static void Connect(const Member& a, const Member& b) {
    json sent = Ok(Send("POST", "/api/v1/invitations", a, {{"to", b.id}}), 201);
    Ok(Send("POST", fmt::format("/api/v1/invitations/{}/accept", sent["id"].get<int64_t>()), b));
  }

  static json Degree(const Member& viewer, const Member& other) {
    return Ok(Send("GET", fmt::format("/api/v1/members/{}", other.id), viewer))["degree"];
  }

  // For ExpectOnlyOwner when no other member has a way to try the write (a route on
  // "me" has no other member's path).
  static Member NoOne() { return {}; }

  // A write tried by its owner (after the others), another member, anonymously and by
  // cookie without CSRF: the others never change anything.
  // 404 "invitation N not found": what an id nobody has gets, with no member named.
  static void ExpectNotFoundNamingNoOne(const httplib::Result& result, int64_t id) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404) << result->body;
    const json body = json::parse(result->body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], "NOT_FOUND") << result->body;
    EXPECT_EQ(body["error"]["message"], fmt::format("invitation {} not found", id));
  }

  static void ExpectOnlyOwner(const std::string& method, const std::string& path, const json& body,
                              const Member& owner, const Member& other, int other_status,
                              int owner_status = 200) {
    SCOPED_TRACE(method + " " + path);
    ExpectError(Send(method, path, owner, body, As::kAnonymous), 401, "UNAUTHENTICATED");
    ExpectError(Send(method, path, owner, body, As::kCookieWithoutCsrf), 403, "PERMISSION_DENIED");
    if (other_status > 0) {
      EXPECT_EQ(Status(Send(method, path, other, body)), other_status);
    }
    EXPECT_EQ(Status(Send(method, path, owner, body, As::kCookie)), owner_status);
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
  static int64_t company_;
  static int64_t school_;
};

TempDir* InvitationRoutesTest::dir_ = nullptr;
std::string InvitationRoutesTest::db_;
ServerProcess* InvitationRoutesTest::server_ = nullptr;
int64_t InvitationRoutesTest::company_ = 0;
int64_t InvitationRoutesTest::school_ = 0;

TEST_F(InvitationRoutesTest, SendBoxAdviceAcceptWithReadYourWrites) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  json sent = Ok(Send("POST", "/api/v1/invitations", ada, {{"to", bob.id}, {"note", "hi"}}), 201);
  EXPECT_EQ(sent["state"], "pending");
  const int64_t id = sent["id"];
  ExpectError(Send("POST", "/api/v1/invitations", ada, {{"to", bob.id}}), 409, "ALREADY_EXISTS");
  ExpectError(Send("POST", "/api/v1/invitations", ada, {{"to", ada.id}}), 400, "INVALID_ARGUMENT");
  ExpectError(Send("POST", "/api/v1/invitations", ada, {{"to", 99999999}}), 404, "NOT_FOUND");
  ExpectError(Send("POST", "/api/v1/invitations", ada, {{"to", "7"}}), 400, "INVALID_ARGUMENT");
  ExpectError(Send("POST", "/api/v1/invitations", ada, {{"to", bob.id}, {"from", 1}}), 400,
              "INVALID_ARGUMENT");
  ExpectError(
      Send("POST", "/api/v1/invitations", ada, {{"to", 7}, {"note", std::string(301, 'x')}}), 400,
      "INVALID_ARGUMENT");

  // The box and the advice are the CLI's JSON.
  json received = Ok(Send("GET", "/api/v1/invitations?box=received&lang=nb", bob));
  ASSERT_EQ(received["invitations"].size(), 1u);
  EXPECT_EQ(received["invitations"][0]["id"], id);
  EXPECT_EQ(received["invitations"][0]["note"], "hi");
  EXPECT_TRUE(received["invitations"][0]["created_at"].is_string());
  EXPECT_TRUE(received["invitations"][0]["advice"].is_object());
  EXPECT_TRUE(received["invitations"][0]["marginal_reach"].is_number());
  EXPECT_TRUE(received["invitations"][0]["saved_searches"].is_array());
  EXPECT_EQ(received, Cli(fmt::format("invitations {} --lang nb", bob.id)));
  json sent_box = Ok(Send("GET", "/api/v1/invitations?box=sent&state=pending", ada));
  EXPECT_EQ(sent_box, Cli(fmt::format("invitations {} --box sent --state pending", ada.id)));
  EXPECT_TRUE(sent_box["invitations"][0]["advice"].is_null());
  ExpectError(Send("GET", "/api/v1/invitations?box=spam", bob), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/invitations?lang=de", bob), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/invitations?state=maybe", bob), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/invitations?member=1", bob), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/invitations", bob, nullptr, As::kAnonymous), 401,
              "UNAUTHENTICATED");

  json advice = Ok(Send("GET", fmt::format("/api/v1/invitations/{}/advice?lang=en", id), bob));
  EXPECT_EQ(advice, Cli(fmt::format("advice {}", id)));
  ExpectError(Send("GET", fmt::format("/api/v1/invitations/{}/advice", id), ada), 403,
              "PERMISSION_DENIED");
  const Member eve = SignUp("eve");
  ExpectNotFoundNamingNoOne(Send("GET", fmt::format("/api/v1/invitations/{}/advice", id), eve), id);
  ExpectError(Send("GET", "/api/v1/invitations/99999999/advice", bob), 404, "NOT_FOUND");

  // Read-your-writes: the accept's answer means the network already has the connection.
  EXPECT_TRUE(Degree(ada, bob).is_null());
  json accepted = Ok(Send("POST", fmt::format("/api/v1/invitations/{}/accept", id), bob));
  EXPECT_EQ(accepted["id"], id);
  EXPECT_EQ(accepted["state"], "accepted");
  EXPECT_EQ(accepted["from"], ada.id);
  EXPECT_TRUE(accepted["via"].is_null()) << accepted;
  EXPECT_EQ(Degree(ada, bob), 1);
  EXPECT_EQ(Degree(bob, ada), 1);
  ExpectError(Send("POST", fmt::format("/api/v1/invitations/{}/accept", id), bob), 422,
              "FAILED_PRECONDITION");
  ExpectError(Send("POST", "/api/v1/invitations", ada, {{"to", bob.id}}), 409, "ALREADY_EXISTS");
}

// The codes of an advice's reasons.
std::vector<std::string> ReasonCodes(const json& advice) {
  std::vector<std::string> codes;
  for (const json& reason : advice["reasons"]) codes.push_back(reason["code"]);
  return codes;
}

TEST_F(InvitationRoutesTest, AReportIsTakenBackByUnreportNotByIgnore) {
  const Member sender = SignUp("sender");
  const Member recipient = SignUp("mottaker");
  const Member stranger = SignUp("utenforstaende");
  const int64_t id =
      Ok(Send("POST", "/api/v1/invitations", sender, {{"to", recipient.id}}), 201)["id"];
  const std::string unreport = fmt::format("/api/v1/invitations/{}/unreport", id);
  // Nothing to take back yet.
  ExpectError(Send("POST", unreport, recipient), 422, "FAILED_PRECONDITION");
  EXPECT_EQ(Ok(Send("POST", fmt::format("/api/v1/invitations/{}/report", id), recipient))["state"],
            "reported");
  ExpectError(Send("POST", fmt::format("/api/v1/invitations/{}/ignore", id), recipient), 422,
              "FAILED_PRECONDITION");
  ExpectError(Send("POST", unreport, sender), 403, "PERMISSION_DENIED");
  ExpectNotFoundNamingNoOne(Send("POST", unreport, stranger), id);
  ExpectError(Send("POST", unreport, recipient, nullptr, As::kCookieWithoutCsrf), 403,
              "PERMISSION_DENIED");
  const json undone = Ok(Send("POST", unreport, recipient, nullptr, As::kCookie));
  EXPECT_EQ(undone["id"], id);
  EXPECT_EQ(undone["state"], "ignored");
  EXPECT_EQ(undone["from"], sender.id);
  EXPECT_TRUE(undone["via"].is_null());
  EXPECT_EQ(Ok(Send("GET", "/api/v1/invitations?state=ignored", recipient))["invitations"][0]["id"],
            id);
  ExpectError(Send("POST", unreport, recipient), 422, "FAILED_PRECONDITION");
  // No longer reported: the pair is under the ignore's cooldown, not the report's ban.
  json cooldown;
  EXPECT_EQ(Status(Send("POST", "/api/v1/invitations", sender, {{"to", recipient.id}}), &cooldown),
            422);
  EXPECT_THAT(cooldown["error"]["message"].get<std::string>(),
              ::testing::HasSubstr("can invite member"));
}

TEST_F(InvitationRoutesTest, AReinviteAfterAnIgnoreWaitsThreeWeeksAndSaysUntilWhen) {
  const Member sender = SignUp("purring");
  const Member recipient = SignUp("travel");
  const int64_t id =
      Ok(Send("POST", "/api/v1/invitations", sender, {{"to", recipient.id}}), 201)["id"];
  const std::time_t before = std::time(nullptr);
  Ok(Send("POST", fmt::format("/api/v1/invitations/{}/ignore", id), recipient));
  const std::time_t after = std::time(nullptr);
  json refused;
  ASSERT_EQ(Status(Send("POST", "/api/v1/invitations", sender, {{"to", recipient.id}}), &refused),
            422);
  EXPECT_EQ(refused["error"]["code"], "FAILED_PRECONDITION");
  const std::string message = refused["error"]["message"];
  constexpr std::time_t kThreeWeeks = 21 * 24 * 3600;
  const std::string earliest = fmt::format("{:%Y-%m-%d}", fmt::gmtime(before + kThreeWeeks));
  const std::string latest = fmt::format("{:%Y-%m-%d}", fmt::gmtime(after + kThreeWeeks));
  EXPECT_THAT(message, ::testing::AnyOf(::testing::HasSubstr("again on " + earliest),
                                        ::testing::HasSubstr("again on " + latest)))
      << message;
  EXPECT_THAT(message, ::testing::HasSubstr(fmt::format("member {}", sender.id)));
  // The recipient may still invite the sender: the cooldown is the sender's.
  EXPECT_EQ(Ok(Send("POST", "/api/v1/invitations", recipient, {{"to", sender.id}}), 201)["state"],
            "pending");
}

TEST_F(InvitationRoutesTest, MarketsTakeListsAndTheAdviceFollowsAChange) {
  const Member recipient = SignUp("hjemme");
  const Member swede = SignUp("svensk", "SE");
  Ok(Send("POST", "/api/v1/invitations", swede, {{"to", recipient.id}}), 201);
  const auto codes = [&] {
    return ReasonCodes(
        Ok(Send("GET", "/api/v1/invitations", recipient))["invitations"][0]["advice"]);
  };
  // Home only (the default): a foreign sender is outside the recipient's markets.
  EXPECT_THAT(codes(), ::testing::Contains("outside_markets"));
  EXPECT_EQ(Ok(Send("PUT", "/api/v1/me/settings", recipient, {{"markets", "NO, SE"}}))["markets"],
            "NO,SE");
  EXPECT_THAT(codes(), ::testing::Not(::testing::Contains("outside_markets")));
  json refused;
  EXPECT_EQ(Status(Send("PUT", "/api/v1/me/settings", recipient, {{"markets", "NO;XX"}}), &refused),
            400);
  EXPECT_THAT(refused["error"]["message"].get<std::string>(), ::testing::HasSubstr("XX"));
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me/settings", recipient))["markets"], "NO,SE");
  // An emptied field means home, not "keep" and not international.
  EXPECT_EQ(Ok(Send("PUT", "/api/v1/me/settings", recipient, {{"markets", ""}}))["markets"],
            "home");
  EXPECT_THAT(codes(), ::testing::Contains("outside_markets"));
  EXPECT_EQ(
      Ok(Send("PUT", "/api/v1/me/settings", recipient, {{"markets", "international"}}))["markets"],
      "international");
  EXPECT_THAT(codes(), ::testing::Not(::testing::Contains("outside_markets")));
}

TEST_F(InvitationRoutesTest, OnlyTheRecipientAnswersAndOnlyTheSenderWithdraws) {
  Member sender = SignUp("sam");
  Member stranger = SignUp("stig");
  for (const char* action : {"accept", "ignore", "report"}) {
    // A recipient each: after an ignore the sender waits three weeks to invite again.
    Member recipient = SignUp(fmt::format("rut-{}", action));
    const int64_t id =
        Ok(Send("POST", "/api/v1/invitations", sender, {{"to", recipient.id}}), 201)["id"]
            .get<int64_t>();
    const std::string path = fmt::format("/api/v1/invitations/{}/{}", id, action);
    ExpectError(Send("POST", path, sender), 403, "PERMISSION_DENIED");
    // Someone else's invitation is not found: the answer names no one.
    ExpectNotFoundNamingNoOne(Send("POST", path, stranger), id);
    ExpectOnlyOwner("POST", path, nullptr, recipient, stranger, 404);
    if (std::string(action) == "report") {
      // A reported pair cannot invite each other again: a rule, 422.
      ExpectError(Send("POST", "/api/v1/invitations", sender, {{"to", recipient.id}}), 422,
                  "FAILED_PRECONDITION");
    }
  }
  Member other = SignUp("olga");
  const int64_t id = Ok(Send("POST", "/api/v1/invitations", sender, {{"to", other.id}}), 201)["id"];
  const std::string withdraw = fmt::format("/api/v1/invitations/{}/withdraw", id);
  ExpectError(Send("POST", withdraw, other), 403, "PERMISSION_DENIED");
  ExpectNotFoundNamingNoOne(Send("POST", withdraw, stranger), id);
  ExpectOnlyOwner("POST", withdraw, nullptr, sender, stranger, 404);
  ExpectError(Send("POST", "/api/v1/invitations/99999999/accept", other), 404, "NOT_FOUND");
  ExpectError(Send("POST", "/api/v1/invitations", sender, {{"to", other.id}}, As::kAnonymous), 401,
              "UNAUTHENTICATED");
  ExpectError(
      Send("POST", "/api/v1/invitations", sender, {{"to", other.id}}, As::kCookieWithoutCsrf), 403,
      "PERMISSION_DENIED");
}

TEST_F(InvitationRoutesTest, ReversePendingInvitationIsAcceptedInstead) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  Ok(Send("POST", "/api/v1/invitations", ada, {{"to", bob.id}}), 201);
  json back = Ok(Send("POST", "/api/v1/invitations", bob, {{"to", ada.id}}), 200);
  EXPECT_EQ(back["state"], "accepted");
  EXPECT_EQ(Degree(bob, ada), 1);
}

TEST_F(InvitationRoutesTest, ContactsReportIsTheClis) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  Member cid = SignUp("cid");
  Connect(ada, bob);
  Ok(Send("POST", "/api/v1/invitations", cid, {{"to", ada.id}}), 201);
  json report = Ok(Send("GET", "/api/v1/contacts-report", ada));
  EXPECT_EQ(report["contacts"], 1);
  EXPECT_EQ(report["curve"].size(), 2u);
  EXPECT_EQ(report, Cli(fmt::format("contacts-report {}", ada.id)));
  ExpectError(Send("GET", "/api/v1/contacts-report?member=1", ada), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/contacts-report", ada, nullptr, As::kAnonymous), 401,
              "UNAUTHENTICATED");
}

TEST_F(InvitationRoutesTest, SettingsReadAndChange) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  json settings = Ok(Send("GET", "/api/v1/me/settings", ada));
  EXPECT_EQ(settings["member"], ada.id);
  EXPECT_EQ(settings["policy"], "liberal");
  EXPECT_EQ(settings["connections_visibility"], "connections");
  const json change = {
      {"policy", "selective"}, {"markets", "NO,SE"}, {"connections_visibility", "everyone"}};
  ExpectOnlyOwner("PUT", "/api/v1/me/settings", change, ada, bob, 200);
  json changed = Ok(Send("GET", "/api/v1/me/settings", ada));
  EXPECT_EQ(changed, json({{"member", ada.id},
                           {"policy", "selective"},
                           {"markets", "NO,SE"},
                           {"connections_visibility", "everyone"},
                           {"in_directory", true},
                           {"language", "en"},
                           {"email",
                            {{"invitations", true},
                             {"accepted", true},
                             {"posts", false},
                             {"digest", "weekly"}}},
                           {"public_posts", false}}));
  // Another member's PUT changed only their own settings.
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me/settings", bob))["member"], bob.id);
  // The CLI's settings JSON is the same minus the visibility.
  json cli = Cli(fmt::format("settings {}", ada.id));
  changed.erase("connections_visibility");
  changed.erase("in_directory");
  changed.erase("language");  // The mail settings are the API's (notify_routes.h).
  changed.erase("email");
  changed.erase("public_posts");
  EXPECT_EQ(cli, changed);
  // A partial change keeps the rest.
  Ok(Send("PUT", "/api/v1/me/settings", ada, {{"policy", "liberal"}}));
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me/settings", ada))["markets"], "NO,SE");
  for (const json& bad : {json{{"policy", "grumpy"}}, json{{"markets", "Narnia"}},
                          json{{"connections_visibility", "friends"}}, json{{"policy", 1}},
                          json{{"member", bob.id}}}) {
    ExpectError(Send("PUT", "/api/v1/me/settings", ada, bad), 400, "INVALID_ARGUMENT");
  }
  ExpectError(Send("GET", "/api/v1/me/settings", ada, nullptr, As::kAnonymous), 401,
              "UNAUTHENTICATED");
}

TEST_F(InvitationRoutesTest, SavedSearchesSaveListDelete) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  const json search = {{"name", "engineers in Oslo"},
                       {"filters", {{"title", "engineer"}, {"city", "Oslo"}}}};
  json saved = Ok(Send("POST", "/api/v1/saved-searches", ada, search), 201);
  EXPECT_EQ(saved["name"], "engineers in Oslo");
  EXPECT_EQ(saved["filters"], search["filters"]);
  json list = Ok(Send("GET", "/api/v1/saved-searches", ada));
  ASSERT_EQ(list["saved_searches"].size(), 1u);
  EXPECT_EQ(list, Cli(fmt::format("saved-searches {}", ada.id)));
  EXPECT_EQ(Ok(Send("GET", "/api/v1/saved-searches", bob))["saved_searches"].size(), 0u);
  ExpectError(
      Send("POST", "/api/v1/saved-searches", ada, {{"name", "all"}, {"filters", json::object()}}),
      400, "INVALID_ARGUMENT");
  ExpectError(Send("POST", "/api/v1/saved-searches", ada,
                   {{"name", "x"}, {"filters", {{"colour", "blue"}}}}),
              400, "INVALID_ARGUMENT");
  ExpectError(Send("POST", "/api/v1/saved-searches", ada, {{"name", "x"}}), 400,
              "INVALID_ARGUMENT");
  ExpectOnlyOwner("POST", "/api/v1/saved-searches", search, ada, NoOne(), 0, 201);
  // Deleting is by name among the caller's own: another member has none of that name.
  const std::string path = "/api/v1/saved-searches/engineers%20in%20Oslo";
  ExpectOnlyOwner("DELETE", path, nullptr, ada, bob, 404);
  ExpectError(Send("DELETE", path, ada), 404, "NOT_FOUND");
  EXPECT_EQ(Ok(Send("GET", "/api/v1/saved-searches", ada))["saved_searches"].size(), 0u);

  // At most 50 each: every one is matched against every pending invitation of the box.
  for (int i = 0; i < 50; ++i) {
    Ok(Send("POST", "/api/v1/saved-searches", bob,
            {{"name", fmt::format("city {}", i)}, {"filters", {{"city", fmt::format("c{}", i)}}}}),
       201);
  }
  httplib::Result refused = Send("POST", "/api/v1/saved-searches", bob, search);
  ExpectError(refused, 422, "FAILED_PRECONDITION");
  EXPECT_THAT(refused->body, ::testing::HasSubstr("already has 50 saved searches"));
  Ok(Send("POST", "/api/v1/saved-searches", bob,
          {{"name", "city 3"}, {"filters", {{"city", "x"}}}}),
     201);
  EXPECT_EQ(Ok(Send("GET", "/api/v1/saved-searches", bob))["saved_searches"].size(), 50u);
}

TEST_F(InvitationRoutesTest, BlocksStopInvitationsUntilLifted) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  Member cid = SignUp("cid");
  json pending = Ok(Send("POST", "/api/v1/invitations", bob, {{"to", ada.id}}), 201);
  json blocked = Ok(Send("POST", "/api/v1/blocks", ada, {{"member", bob.id}}), 201);
  EXPECT_EQ(blocked["blocked"], bob.id);
  ASSERT_EQ(blocked["invitations"].size(), 1u);
  EXPECT_EQ(blocked["invitations"][0], json({{"id", pending["id"]}, {"state", "ignored"}}));
  ExpectError(Send("POST", "/api/v1/invitations", bob, {{"to", ada.id}}), 422,
              "FAILED_PRECONDITION");
  ExpectError(Send("POST", "/api/v1/blocks", ada, {{"member", bob.id}}), 409, "ALREADY_EXISTS");
  ExpectError(Send("POST", "/api/v1/blocks", ada, {{"member", ada.id}}), 400, "INVALID_ARGUMENT");
  ExpectError(Send("POST", "/api/v1/blocks", ada, {{"member", 99999999}}), 404, "NOT_FOUND");
  json list = Ok(Send("GET", "/api/v1/blocks", ada));
  EXPECT_EQ(list, Cli(fmt::format("blocked {}", ada.id)));
  ASSERT_EQ(list["blocked"].size(), 1u);
  EXPECT_EQ(list["blocked"][0]["member"], bob.id);
  // Only the blocker lifts it: for anyone else there is no such block.
  ExpectOnlyOwner("DELETE", fmt::format("/api/v1/blocks/{}", bob.id), nullptr, ada, cid, 404);
  // The block ignored bob's invitation: bob waits out the re-invite cooldown, and ada,
  // who lifted the block, may invite at once.
  ExpectError(Send("POST", "/api/v1/invitations", bob, {{"to", ada.id}}), 422,
              "FAILED_PRECONDITION");
  Ok(Send("POST", "/api/v1/invitations", ada, {{"to", bob.id}}), 201);
  ExpectError(Send("DELETE", fmt::format("/api/v1/blocks/{}", bob.id), ada), 404, "NOT_FOUND");
  ExpectOnlyOwner("POST", "/api/v1/blocks", {{"member", cid.id}}, ada, NoOne(), 0, 201);
}

TEST_F(InvitationRoutesTest, ProfileEditsAreValidatedAndReadBack) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  Connect(ada, bob);
  const json edit = {{"headline", "Compiler engineer"},
                     {"summary", "Writes C++."},
                     {"city", "Bergen"},
                     {"country", "no"},
                     {"industry", "Software"}};
  ExpectOnlyOwner("PUT", "/api/v1/me", edit, ada, NoOne(), 0);
  json profile = Ok(Send("GET", fmt::format("/api/v1/members/{}", ada.id), bob));
  EXPECT_EQ(profile["headline"], "Compiler engineer");
  EXPECT_EQ(profile["summary"], "Writes C++.");
  EXPECT_EQ(profile["city"], "Bergen");
  EXPECT_EQ(profile["country"], "NO");
  EXPECT_EQ(profile["industry"], "Software");
  EXPECT_EQ(profile["has_photo"], false);  // Set only by uploading a photo.
  // A partial edit keeps the rest.
  json answer = Ok(Send("PUT", "/api/v1/me", ada, {{"headline", "Linker engineer"}}));
  EXPECT_EQ(answer["city"], "Bergen");
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me", ada))["headline"], "Linker engineer");
  for (const json& bad :
       {json{{"country", "Norway"}}, json{{"country", "1A"}},
        json{{"headline", std::string(221, 'h')}}, json{{"summary", std::string(2601, 's')}},
        json{{"has_photo", true}}, json{{"city", 7}}, json{{"first_name", " "}},
        json{{"handle", "eve"}}}) {
    ExpectError(Send("PUT", "/api/v1/me", ada, bad), 400, "INVALID_ARGUMENT");
  }
  // Bob's profile is his own: Ada's edits never reached it.
  EXPECT_NE(Ok(Send("GET", "/api/v1/me", bob))["headline"], "Linker engineer");
}

TEST_F(InvitationRoutesTest, BackgroundIsReplacedAndValidated) {
  Member ada = SignUp("ada");
  const json background = {{"positions",
                            {{{"organization", company_},
                              {"title", "Engineer"},
                              {"start", "2019-08"},
                              {"end", nullptr}}}},
                           {"educations",
                            {{{"school", school_},
                              {"field", "Computer Science"},
                              {"degree", "MSc"},
                              {"start", "2014"},
                              {"end", "2019-06-30"}}}}};
  ExpectOnlyOwner("PUT", "/api/v1/me/background", background, ada, NoOne(), 0);
  json profile = Ok(Send("GET", fmt::format("/api/v1/members/{}", ada.id), ada));
  ASSERT_EQ(profile["positions"].size(), 1u);
  EXPECT_EQ(profile["positions"][0]["title"], "Engineer");
  EXPECT_EQ(profile["positions"][0]["start"], "2019-08");
  EXPECT_EQ(profile["positions"][0]["current"], true);
  EXPECT_FALSE(profile["positions"][0]["organization"].get<std::string>().empty());
  ASSERT_EQ(profile["educations"].size(), 1u);
  EXPECT_EQ(profile["educations"][0]["field"], "Computer Science");
  EXPECT_EQ(profile["educations"][0]["end"], "2019-06");

  auto with_position = [&](const json& position) {
    return json{{"positions", {position}}, {"educations", json::array()}};
  };
  for (const json& bad : {
           with_position({{"organization", 99999999}, {"title", "Engineer"}}),
           with_position({{"organization", company_}, {"title", "Engineer"}, {"start", "soon"}}),
           with_position({{"organization", company_},
                          {"title", "Engineer"},
                          {"start", "2020"},
                          {"end", "2019"}}),
           with_position({{"organization", company_}}),
           with_position({{"organization", company_}, {"title", std::string(201, 't')}}),
           json{{"positions", json::array()}, {"educations", {{{"school", company_}}}}},
           json{{"positions", json::array()}},
           json{{"positions", "none"}, {"educations", json::array()}},
       }) {
    ExpectError(Send("PUT", "/api/v1/me/background", ada, bad), 400, "INVALID_ARGUMENT");
  }
  // Emptying it is allowed.
  Ok(Send("PUT", "/api/v1/me/background", ada,
          {{"positions", json::array()}, {"educations", json::array()}}));
  EXPECT_EQ(Ok(Send("GET", fmt::format("/api/v1/members/{}", ada.id), ada))["positions"].size(),
            0u);
}

TEST_F(InvitationRoutesTest, ConnectionListsFollowTheOwnersVisibility) {
  Member owner = SignUp("olav");
  Member friend1 = SignUp("fred");
  Member friend2 = SignUp("frida");
  Member stranger = SignUp("stig");
  Connect(owner, friend1);
  Connect(friend2, owner);

  json mine = Ok(Send("GET", "/api/v1/me/connections", owner));
  EXPECT_EQ(mine["total"], 2);
  ASSERT_EQ(mine["connections"].size(), 2u);
  EXPECT_EQ(mine["connections"][0]["member"], friend1.id);  // By member id.
  EXPECT_EQ(mine["connections"][0]["name"], "fred Tester");
  json page = Ok(Send("GET", "/api/v1/me/connections?limit=1&offset=1", owner));
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["connections"].size(), 1u);
  EXPECT_EQ(page["connections"][0]["member"], friend2.id);
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me/connections?offset=5", owner))["connections"].size(), 0u);
  ExpectError(Send("GET", "/api/v1/me/connections?limit=-1", owner), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/me/connections?offset=x", owner), 400, "INVALID_ARGUMENT");
  ExpectError(Send("GET", "/api/v1/me/connections?member=1", owner), 400, "INVALID_ARGUMENT");

  const std::string theirs = fmt::format("/api/v1/members/{}/connections", owner.id);
  auto can_see = [&](const Member& viewer) { return Status(Send("GET", theirs, viewer)); };
  // The default: connections only.
  EXPECT_EQ(can_see(owner), 200);
  EXPECT_EQ(can_see(friend1), 200);
  EXPECT_EQ(can_see(stranger), 403);
  // fred sees the whole list: olav's setting (the default) shows it to his contacts, and
  // neither end of olav–frida chose only_me (service/visibility.h).
  EXPECT_EQ(Ok(Send("GET", theirs, friend1))["connections"], mine["connections"]);
  Ok(Send("PUT", "/api/v1/me/settings", friend2, {{"connections_visibility", "only_me"}}));
  EXPECT_EQ(Ok(Send("GET", theirs, friend1))["connections"], json::array({mine["connections"][0]}))
      << "frida chose only_me: she is named as no one's contact";
  Ok(Send("PUT", "/api/v1/me/settings", friend2, {{"connections_visibility", "connections"}}));
  Ok(Send("PUT", "/api/v1/me/settings", owner, {{"connections_visibility", "everyone"}}));
  EXPECT_EQ(can_see(stranger), 200);
  EXPECT_EQ(can_see(friend2), 200);
  Ok(Send("PUT", "/api/v1/me/settings", owner, {{"connections_visibility", "only_me"}}));
  EXPECT_EQ(can_see(owner), 200);
  EXPECT_EQ(can_see(friend1), 403);
  EXPECT_EQ(can_see(stranger), 403);
  ExpectError(Send("GET", theirs, stranger, nullptr, As::kAnonymous), 401, "UNAUTHENTICATED");
  ExpectError(Send("GET", "/api/v1/members/99999999/connections", stranger), 404, "NOT_FOUND");
}

TEST_F(InvitationRoutesTest, RemovingAConnectionIsTheMembersOwnAndImmediate) {
  Member ada = SignUp("ada");
  Member bob = SignUp("bob");
  Member cid = SignUp("cid");
  Connect(ada, bob);
  // Cid is not connected to Bob: for Cid there is nothing to remove.
  ExpectOnlyOwner("DELETE", fmt::format("/api/v1/me/connections/{}", bob.id), nullptr, ada, cid,
                  404);
  EXPECT_TRUE(Degree(ada, bob).is_null());
  EXPECT_EQ(Ok(Send("GET", "/api/v1/me/connections", bob))["total"], 0);
  ExpectError(Send("DELETE", fmt::format("/api/v1/me/connections/{}", bob.id), ada), 404,
              "NOT_FOUND");
  ExpectError(Send("DELETE", fmt::format("/api/v1/me/connections/{}", ada.id), ada), 400,
              "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace ledd
