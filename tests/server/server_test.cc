// `ledd serve` driven over loopback with a real HTTP client: health and metrics, the
// error shape, accounts and sessions (bearer and cookie, CSRF, sign-out, expiry, the
// sign-in rate limit), the query routes against the CLI's JSON for the same queries,
// limits (413) and a graceful shutdown that finishes the request in flight.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

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

using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

constexpr int64_t kMember = 5;  // Has an account: kEmail / kPassword.
constexpr char kEmail[] = "hilde@example.org";
constexpr char kPassword[] = "correct horse battery";

// One small generated network for the whole suite (generating and importing it takes
// longer than all the requests).
class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 300, 3);
    ASSERT_FALSE(db_.empty());
    ASSERT_TRUE(testing::CreateAccount(db_, kMember, kEmail, kPassword));
    server_ = new ServerProcess(db_, {"--metrics-listen", "127.0.0.1:0"});
    ASSERT_GT(server_->port(), 0);
    ASSERT_GT(server_->metrics_port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(10); }

  static json Body(const httplib::Result& result) { return testing::BodyOf(result); }

  // Signs in as kMember; returns the sign-in response body.
  static json SignIn(const std::string& email = kEmail, const std::string& password = kPassword) {
    httplib::Result result =
        Client().Post("/api/v1/signin", json{{"email", email}, {"password", password}}.dump(),
                      "application/json");
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, 200) << result->body;
    return Body(result);
  }

  static httplib::Result GetAs(const std::string& token, const std::string& path) {
    return Client().Get(path.c_str(), {{"Authorization", "Bearer " + token}});
  }

  // The CLI's --json output for the same query.
  static json Cli(const std::string& arguments) {
    RunResult result =
        RunCommand(fmt::format("{} {} --db {} --json", LeddBinary(), arguments, db_));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out, nullptr, false);
  }

  static void ExpectError(const httplib::Result& result, int status, const std::string& code) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    json body = Body(result);
    ASSERT_TRUE(body.is_object()) << result->body;
    EXPECT_EQ(body["error"]["code"], code) << result->body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << result->body;
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
};

TempDir* ServerTest::dir_ = nullptr;
std::string ServerTest::db_;
ServerProcess* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HealthzAnswersWithTheNetworkSize) {
  httplib::Result result = Client().Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  json body = Body(result);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_GE(body["members"].get<int>(), 300);
}

TEST_F(ServerTest, MetricsArePrometheusTextWithRoutesAndGauges) {
  ASSERT_TRUE(Client().Get("/healthz"));
  ASSERT_TRUE(Client().Get("/no/such/route"));
  httplib::Client metrics("127.0.0.1", server_->metrics_port());
  httplib::Result result = metrics.Get("/metrics");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_THAT(result->get_header_value("Content-Type"), HasSubstr("text/plain; version=0.0.4"));
  const std::string& text = result->body;
  EXPECT_THAT(text, HasSubstr("# TYPE ledd_http_requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("ledd_http_requests_total{route=\"/healthz\",method=\"GET\","
                              "code=\"200\"}"));
  EXPECT_THAT(text, HasSubstr("ledd_http_requests_total{route=\"unmatched\",method=\"GET\","
                              "code=\"404\"}"));
  EXPECT_THAT(text, HasSubstr("# TYPE ledd_http_request_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("ledd_http_request_duration_seconds_bucket{route=\"/healthz\","
                              "method=\"GET\",le=\"+Inf\"}"));
  EXPECT_THAT(text, HasSubstr("ledd_http_request_duration_seconds_count{route=\"/healthz\""));
  EXPECT_THAT(text, HasSubstr("ledd_network_members "));
  EXPECT_THAT(text, HasSubstr("ledd_snapshot_age_seconds "));
  EXPECT_THAT(text, HasSubstr("ledd_search_filter_cache_lookups_total{result=\"hit\"} "));
  EXPECT_THAT(text, HasSubstr("ledd_search_filter_cache_builds_total{what=\"index\"} "));
  EXPECT_THAT(text, HasSubstr("ledd_profile_cache_bytes "));
  EXPECT_THAT(text, HasSubstr("ledd_handler_stalls_total "));
  EXPECT_THAT(text, HasSubstr("ledd_profile_cache_lookups_total{result=\"miss\"} "));
  // Every line is a comment or `name{labels} value`.
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    ASSERT_NE(end, std::string::npos) << "the text ends with a newline";
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.rfind("# ", 0) == 0) continue;
    EXPECT_EQ(line.rfind("ledd_", 0), 0u) << line;
    EXPECT_NE(line.find(' '), std::string::npos) << line;
  }
}

TEST_F(ServerTest, UnknownRoutesAndMalformedBodiesGetTheErrorShape) {
  ExpectError(Client().Get("/api/v1/nothing"), 404, "NOT_FOUND");
  ExpectError(Client().Post("/api/v1/signin", "{not json", "application/json"), 400,
              "INVALID_ARGUMENT");
  ExpectError(Client().Post("/api/v1/signin", "[1, 2]", "application/json"), 400,
              "INVALID_ARGUMENT");
  ExpectError(
      Client().Post("/api/v1/signin", R"({"email": 7, "password": "x"})", "application/json"), 400,
      "INVALID_ARGUMENT");
  ExpectError(
      Client().Post("/api/v1/signup", std::string("{\"email\":\"\xff\"}"), "application/json"), 400,
      "INVALID_ARGUMENT");
}

TEST_F(ServerTest, OversizedBodyIs413) {
  ExpectError(Client().Post("/api/v1/signin", std::string(100 * 1024, 'x'), "application/json"),
              413, "PAYLOAD_TOO_LARGE");
  // The server is still there.
  EXPECT_EQ(Client().Get("/healthz")->status, 200);
}

TEST_F(ServerTest, SignUpSignsInAndMeAnswers) {
  httplib::Result result = Client().Post("/api/v1/signup",
                                         json{{"email", "Ada@Example.org"},
                                              {"password", "analytical engine"},
                                              {"first_name", "Ada"},
                                              {"last_name", "Lovelace"},
                                              {"city", "London"},
                                              {"country", "gb"}}
                                             .dump(),
                                         "application/json");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 201) << result->body;
  json session = Body(result);
  EXPECT_THAT(result->get_header_value("Set-Cookie"),
              HasSubstr("ledd_session=" + session["token"].get<std::string>() +
                        "; HttpOnly; SameSite=Strict; Path=/"));
  const int64_t member = session["member"];
  EXPECT_GT(member, 300);

  json me = Body(GetAs(session["token"], "/api/v1/me"));
  EXPECT_EQ(me["member"], member);
  EXPECT_EQ(me["email"], "ada@example.org");
  EXPECT_EQ(me["country"], "GB");
  // The new member is in the network at once (read-your-writes).
  json reach = Body(GetAs(session["token"], "/api/v1/reach"));
  EXPECT_EQ(reach["member"], member);
  EXPECT_EQ(reach["first"], 0);

  // The same email again, any case: 409.
  ExpectError(Client().Post("/api/v1/signup",
                            json{{"email", "ADA@example.org"},
                                 {"password", "another password"},
                                 {"first_name", "A"},
                                 {"last_name", "L"}}
                                .dump(),
                            "application/json"),
              409, "ALREADY_EXISTS");
  // A short password, a missing name, a bad email: 400.
  ExpectError(Client().Post("/api/v1/signup",
                            json{{"email", "b@example.org"},
                                 {"password", "short"},
                                 {"first_name", "B"},
                                 {"last_name", "C"}}
                                .dump(),
                            "application/json"),
              400, "INVALID_ARGUMENT");
  ExpectError(
      Client().Post(
          "/api/v1/signup",
          json{{"email", "b@example.org"}, {"password", "long enough now"}, {"first_name", "B"}}
              .dump(),
          "application/json"),
      400, "INVALID_ARGUMENT");
  ExpectError(Client().Post("/api/v1/signup",
                            json{{"email", "not-an-email"},
                                 {"password", "long enough now"},
                                 {"first_name", "B"},
                                 {"last_name", "C"}}
                                .dump(),
                            "application/json"),
              400, "INVALID_ARGUMENT");
}

TEST_F(ServerTest, SignInWithWrongPasswordIs401AndMeNeedsASession) {
  httplib::Result wrong = Client().Post(
      "/api/v1/signin", json{{"email", kEmail}, {"password", "wrong password"}}.dump(),
      "application/json");
  ExpectError(wrong, 401, "UNAUTHENTICATED");
  ExpectError(Client().Get("/api/v1/me"), 401, "UNAUTHENTICATED");
  ExpectError(GetAs("not-a-token", "/api/v1/me"), 401, "UNAUTHENTICATED");
  json session = SignIn();
  EXPECT_EQ(Body(GetAs(session["token"], "/api/v1/me"))["member"], kMember);
}

TEST_F(ServerTest, CookieWritesNeedTheCsrfTokenAndSignOutRevokes) {
  json session = SignIn();
  const std::string cookie = "ledd_session=" + session["token"].get<std::string>();
  httplib::Result me = Client().Get("/api/v1/me", {{"Cookie", cookie}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);

  ExpectError(Client().Post("/api/v1/signout", {{"Cookie", cookie}}, "", "application/json"), 403,
              "PERMISSION_DENIED");
  ExpectError(Client().Post("/api/v1/signout", {{"Cookie", cookie}, {"X-CSRF-Token", "guess"}}, "",
                            "application/json"),
              403, "PERMISSION_DENIED");
  httplib::Result out = Client().Post(
      "/api/v1/signout",
      {{"Cookie", cookie}, {"X-CSRF-Token", session["csrf_token"].get<std::string>()}}, "",
      "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200) << out->body;
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  ExpectError(Client().Get("/api/v1/me", {{"Cookie", cookie}}), 401, "UNAUTHENTICATED");
}

TEST_F(ServerTest, BearerWritesNeedNoCsrfAndARevokedTokenIs401) {
  json session = SignIn();
  const std::string token = session["token"];
  httplib::Result out = Client().Post("/api/v1/signout", {{"Authorization", "Bearer " + token}}, "",
                                      "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200) << out->body;
  httplib::Result me = GetAs(token, "/api/v1/me");
  ExpectError(me, 401, "UNAUTHENTICATED");
  EXPECT_THAT(me->body, HasSubstr("signed out"));
}

TEST_F(ServerTest, QueryRoutesAnswerAsTheCliDoesFromTheCallersPointOfView) {
  const std::string token = SignIn()["token"];
  EXPECT_EQ(Body(GetAs(token, "/api/v1/reach?third=true")),
            Cli(fmt::format("reach {} --third", kMember)));
  // The CLI is the operator's view, the API the caller's (service/visibility.h): on
  // this network no one near the caller chose only_me, so the two name the same members.
  EXPECT_EQ(
      Body(GetAs(token, "/api/v1/search?city=Oslo&degree=1,2&limit=5&offset=1")),
      Cli(fmt::format("search --as {} --city Oslo --degree 1,2 --limit 5 --offset 1", kMember)));
  EXPECT_EQ(Body(GetAs(token, "/api/v1/members/7/mutual?limit=3")),
            Cli(fmt::format("mutual {} 7 --limit 3", kMember)));
  EXPECT_EQ(Body(GetAs(token, "/api/v1/members/7/path")), Cli(fmt::format("path {} 7", kMember)));
  EXPECT_EQ(Body(GetAs(token, "/api/v1/pymk?limit=4")),
            Cli(fmt::format("pymk {} --limit 4", kMember)));
}

TEST_F(ServerTest, ProfileShowsDegreeAndMutualAndIsReducedOutOfNetwork) {
  const std::string token = SignIn()["token"];
  json degree = Cli(fmt::format("degree {} 7", kMember));
  json profile = Body(GetAs(token, "/api/v1/members/7"));
  EXPECT_EQ(profile["member"], 7);
  EXPECT_EQ(profile["degree"], degree["degree"]);
  EXPECT_EQ(profile["mutual"]["count"], Cli(fmt::format("mutual {} 7", kMember))["count"]);
  EXPECT_EQ(profile["profile"], "full");
  EXPECT_TRUE(profile["positions"].is_array());

  // A new member has no contacts: everyone else is out of their network.
  httplib::Result signed_up = Client().Post("/api/v1/signup",
                                            json{{"email", "loner@example.org"},
                                                 {"password", "nobody knows me"},
                                                 {"first_name", "Lone"},
                                                 {"last_name", "Wolf"}}
                                                .dump(),
                                            "application/json");
  ASSERT_EQ(signed_up->status, 201) << signed_up->body;
  json reduced = Body(GetAs(Body(signed_up)["token"], "/api/v1/members/7"));
  EXPECT_EQ(reduced["profile"], "reduced");
  EXPECT_TRUE(reduced["degree"].is_null());
  EXPECT_FALSE(reduced.contains("positions"));
  EXPECT_FALSE(reduced.contains("summary"));
  EXPECT_TRUE(reduced["invited_you"].is_null());
}

// The recipient of a pending invitation sees the sender's professional profile, however
// far apart they are: "experience and education" is theirs to check (issue 11). Only
// while it is pending, and only they.
TEST_F(ServerTest, PendingInvitationOpensTheSendersFullProfileToTheRecipient) {
  auto sign_up = [&](const std::string& name) {
    httplib::Result result = Client().Post("/api/v1/signup",
                                           json{{"email", name + "@example.org"},
                                                {"password", "a long enough secret"},
                                                {"first_name", name},
                                                {"last_name", "Newcomer"}}
                                               .dump(),
                                           "application/json");
    EXPECT_EQ(result->status, 201) << result->body;
    return Body(result);
  };
  const json sender = sign_up("sender");
  const json recipient = sign_up("recipient");
  const json bystander = sign_up("bystander");
  const int64_t sender_id = sender["member"];
  const std::string profile = fmt::format("/api/v1/members/{}", sender_id);
  ASSERT_EQ(Body(GetAs(recipient["token"], profile))["profile"], "reduced");

  const httplib::Headers headers = {
      {"Authorization", "Bearer " + sender["token"].get<std::string>()}};
  httplib::Result sent = Client().Post(
      "/api/v1/invitations", headers,
      json{{"to", recipient["member"]}, {"note", "We met at the meetup."}}.dump(),
      "application/json");
  ASSERT_EQ(sent->status, 201) << sent->body;
  const int64_t invitation = Body(sent)["id"];

  const json seen = Body(GetAs(recipient["token"], profile));
  EXPECT_EQ(seen["profile"], "full") << seen;
  EXPECT_EQ(seen["invited_you"], invitation);
  EXPECT_TRUE(seen["positions"].is_array());
  EXPECT_TRUE(seen["educations"].is_array());
  EXPECT_TRUE(seen.contains("summary"));
  const json other = Body(GetAs(bystander["token"], profile));
  EXPECT_EQ(other["profile"], "reduced");
  EXPECT_TRUE(other["invited_you"].is_null());

  httplib::Result withdrawn = Client().Post(
      fmt::format("/api/v1/invitations/{}/withdraw", invitation), headers, "{}",
      "application/json");
  ASSERT_EQ(withdrawn->status, 200) << withdrawn->body;
  EXPECT_EQ(Body(GetAs(recipient["token"], profile))["profile"], "reduced");
}

TEST_F(ServerTest, NetworkGraphDrawsTheCallersContactsAndTheirLinks) {
  const std::string token = SignIn()["token"];
  json graph = Body(GetAs(token, "/api/v1/me/network-graph?contacts=5&second=3"));
  ASSERT_TRUE(graph["nodes"].is_array()) << graph.dump();
  EXPECT_EQ(graph["center"], kMember);
  EXPECT_EQ(graph["nodes"][0]["id"], kMember);
  EXPECT_EQ(graph["nodes"][0]["degree"], 0);
  const json reach = Cli(fmt::format("reach {}", kMember));
  EXPECT_EQ(graph["contacts_total"], reach["first"]);
  std::map<int64_t, int> degree_of;
  for (const json& node : graph["nodes"]) degree_of[node["id"]] = node["degree"];
  int contacts = 0, second = 0;
  for (const auto& [id, degree] : degree_of) {
    contacts += degree == 1;
    second += degree == 2;
    if (degree == 0) continue;
    // Each drawn member is at the degree the query routes say.
    EXPECT_EQ(Cli(fmt::format("degree {} {}", kMember, id))["degree"], degree) << id;
  }
  EXPECT_EQ(contacts, std::min<int>(5, reach["first"].get<int>()));
  // 2nd-degree members are drawn only through connections the caller may be shown
  // (service/visibility.h): with the generated members' default setting, "connections",
  // a contact's link to someone who is not the caller's contact is not one of them.
  EXPECT_LE(second, 3);
  // Edges join drawn members; the first ones join the centre to each contact.
  for (const json& edge : graph["edges"]) {
    EXPECT_TRUE(degree_of.count(edge["source"]) && degree_of.count(edge["target"])) << edge;
  }
  for (int i = 0; i < contacts; ++i) EXPECT_EQ(graph["edges"][i]["source"], kMember);

  ExpectError(GetAs(token, "/api/v1/me/network-graph?contacts=-1"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/me/network-graph?second=100000"), 400, "INVALID_ARGUMENT");
  ExpectError(Client().Get("/api/v1/me/network-graph"), 401, "UNAUTHENTICATED");
}

TEST_F(ServerTest, ProfileShowsTheBackgroundTheCallerShares) {
  const std::string token = SignIn()["token"];
  // Oneself shares nothing with oneself; a full profile always has the field.
  json own = Body(GetAs(token, fmt::format("/api/v1/members/{}", kMember)));
  EXPECT_EQ(own["shared"]["organizations"], json::array());
  EXPECT_EQ(own["shared"]["same_city"], false);
  // Someone in the same city (the generator's members share cities): same_city is set,
  // and every shared organization is on both profiles.
  json hits = Body(GetAs(token, fmt::format("/api/v1/search?city={}&degree=1,2&limit=1",
                                            own["city"].get<std::string>())));
  ASSERT_FALSE(hits["hits"].empty()) << hits.dump();
  const int64_t other = hits["hits"][0]["member"];
  json theirs = Body(GetAs(token, fmt::format("/api/v1/members/{}", other)));
  EXPECT_EQ(theirs["shared"]["same_city"], true) << theirs.dump();
  for (const json& organization : theirs["shared"]["organizations"]) {
    auto at = [&](const json& profile) {
      for (const json& position : profile["positions"]) {
        if (position["organization"] == organization) return true;
      }
      return false;
    };
    EXPECT_TRUE(at(own) && at(theirs)) << organization;
  }
}

TEST_F(ServerTest, QueryRoutesRefuseBadInput) {
  const std::string token = SignIn()["token"];
  ExpectError(GetAs(token, "/api/v1/members/99999999"), 404, "NOT_FOUND");
  ExpectError(GetAs(token, "/api/v1/members/99999999/path"), 404, "NOT_FOUND");
  ExpectError(GetAs(token, "/api/v1/members/99999999/mutual"), 404, "NOT_FOUND");
  ExpectError(GetAs(token, "/api/v1/members/99999999999999999999999"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/search?limit=abc"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/search?limit=100000"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/search?degree=7"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/search?offset=-1"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/search?titel=x"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/reach?third=maybe"), 400, "INVALID_ARGUMENT");
  ExpectError(GetAs(token, "/api/v1/reach?member=7"), 400, "INVALID_ARGUMENT");
  for (const char* path : {"/api/v1/reach", "/api/v1/search", "/api/v1/pymk", "/api/v1/members/7",
                           "/api/v1/members/7/mutual", "/api/v1/members/7/path"}) {
    ExpectError(Client().Get(path), 401, "UNAUTHENTICATED");
  }
}

// A server of its own: the per-address limit would otherwise refuse the other tests'
// sign-ins from 127.0.0.1.
TEST(ServerLimits, FiveFailedSignInsThen429EvenWithTheRightPassword) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 1);
  ASSERT_FALSE(db.empty());
  ASSERT_TRUE(testing::CreateAccount(db, 3, "x@example.org", "9876543210x"));
  ServerProcess server(db, {"--session-lifetime", "1"});
  ASSERT_GT(server.port(), 0);
  httplib::Client client("127.0.0.1", server.port());
  auto sign_in = [&](const std::string& password) {
    return client.Post("/api/v1/signin",
                       json{{"email", "x@example.org"}, {"password", password}}.dump(),
                       "application/json");
  };
  // Sessions expire: this one lives one second.
  httplib::Result signed_in = sign_in("9876543210x");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200);
  const std::string token = json::parse(signed_in->body)["token"];
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  httplib::Result expired = client.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
  EXPECT_THAT(expired->body, HasSubstr("expired"));

  for (int attempt = 0; attempt < 5; ++attempt) EXPECT_EQ(sign_in("wrong password")->status, 401);
  httplib::Result limited = sign_in("9876543210x");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429) << limited->body;
  EXPECT_THAT(limited->body, HasSubstr("RESOURCE_EXHAUSTED"));
  // When to come back: the oldest failure leaves the 15-minute window within 900 s.
  ASSERT_TRUE(limited->has_header("Retry-After"));
  const int retry_after = std::stoi(limited->get_header_value("Retry-After"));
  EXPECT_GE(retry_after, 890);
  EXPECT_LE(retry_after, 900);
  EXPECT_EQ(server.StopWith(SIGTERM), 0);
}

// SIGTERM while a request is half sent: the server stops accepting, answers that
// request once it is complete, and exits 0.
TEST(ServerShutdown, SigtermFinishesTheRequestInFlightAndExitsZero) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 1);
  ASSERT_FALSE(db.empty());
  ServerProcess server(db);
  ASSERT_GT(server.port(), 0);

  int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string body = R"({"email":"nobody@example.org","password":"0123456789"})";
  const std::string head = fmt::format(
      "POST /api/v1/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: {}\r\nConnection: close\r\n\r\n",
      body.size());
  const std::string first = head + body.substr(0, 10);
  ASSERT_EQ(write(sock, first.data(), first.size()), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // The worker is reading it.

  std::thread stopper([&] { EXPECT_EQ(server.StopWith(SIGTERM), 0); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string rest = body.substr(10);
  ASSERT_EQ(write(sock, rest.data(), rest.size()), static_cast<ssize_t>(rest.size()));
  std::string response;
  char buffer[4096];
  ssize_t got;
  while ((got = read(sock, buffer, sizeof buffer)) > 0) response.append(buffer, got);
  close(sock);
  stopper.join();
  EXPECT_EQ(response.rfind("HTTP/1.1 401", 0), 0u) << response;  // Answered, not dropped.
  EXPECT_THAT(response, HasSubstr("wrong email or password"));

  // Nobody listens any more.
  httplib::Client client("127.0.0.1", server.port());
  EXPECT_FALSE(client.Get("/healthz"));
}

}  // namespace
}  // namespace ledd
