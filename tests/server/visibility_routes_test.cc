// The connection visibility rule (service/visibility.h) on every route of a real
// `ledd serve`: on a small network built over the API, where A hides their connections
// (only_me) and B shows them to their contacts only, no answer to the viewer V names A
// as anyone's contact other than V's own, nor A's contacts through A. A route is either
// covered here or listed as naming no member's contacts; the route listing test fails
// for a route that is neither, so a new route must be classified.
//
//   V ── A ── T      V ── B ── T      V ── C ── T      A ── T2      A ── S (S invites V)
//   A: only_me   B: connections   C, T, T2, S: everyone   V: default (connections)

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "ledd/server/accounts.h"
#include "ledd/server/server.h"
#include "ledd/service/live_network.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;

// Routes covered by a test below, by "METHOD label".
const std::set<std::string> kCovered = {
    "GET /api/v1/members/{id}/mutual", "GET /api/v1/members/{id}/path",
    "GET /api/v1/members/{id}",        "GET /api/v1/search",
    "GET /api/v1/me/network-graph",    "GET /api/v1/members/{id}/connections",
    "GET /api/v1/invitations",         "GET /api/v1/invitations/{id}/advice",
    "GET /api/v1/me/connections",
};

// Routes whose answers name no member as another member's contact: the caller's own
// data, counts, posts and comments, writes, and pages without members. pymk names
// suggestions with their mutual count, never the mutual contacts; reach is counts.
const std::set<std::string> kNamingNoContacts = {
    // Authors' edits and deletes, and members' reports: the caller's own content.
    "PATCH /api/v1/posts/{id}",
    "DELETE /api/v1/posts/{id}",
    "POST /api/v1/posts/{id}/report",
    "PATCH /api/v1/comments/{id}",
    "DELETE /api/v1/comments/{id}",
    "POST /api/v1/comments/{id}/report",
    // Moderators only: they name reporters and reported members, and count a reported
    // member's invitations, never whose contact anyone is.
    "GET /api/v1/moderation/reports",
    "POST /api/v1/moderation/reports/{id}/actions",
    "GET /api/v1/moderation/members",
    "POST /api/v1/moderation/members/{id}/suspension",
    "DELETE /api/v1/moderation/members/{id}/suspension",
    "PUT /api/v1/moderation/members/{id}/role",
    "GET /api/v1/moderation/audit",
    "POST /api/v1/appearances",
    "GET /api/v1/appearances/{id}",
    "PUT /api/v1/appearances/{id}",
    "DELETE /api/v1/appearances/{id}",
    "GET /api/v1/members/{id}/appearances",
    "POST /api/v1/invitations/{id}/unreport",
    "GET /api/v1/blocks",
    "POST /api/v1/blocks",
    "DELETE /api/v1/blocks/{member}",
    "GET /api/v1/contacts-report",
    "GET /api/v1/demo-accounts",
    "GET /api/v1/facets/{facet}",
    "GET /api/v1/email-invitations",
    "DELETE /api/v1/email-invitations/{id}",
    "GET /api/v1/feed",
    "POST /api/v1/invitations",
    "POST /api/v1/invitations/{id}/accept",
    "POST /api/v1/invitations/{id}/ignore",
    "POST /api/v1/invitations/{id}/report",
    "POST /api/v1/invitations/{id}/withdraw",
    "GET /api/v1/me",
    "PUT /api/v1/me",
    "PUT /api/v1/me/background",
    "PUT /api/v1/me/photo",
    "DELETE /api/v1/me/photo",
    // Names members the caller's export names, and whether each is the caller's own
    // contact: never whose contact anyone else is.
    "POST /api/v1/me/linkedin-import",
    "DELETE /api/v1/me/connections/{id}",
    // The caller's own data: their connections are theirs to see (the export names
    // the other end by id only, as GET me/connections does with names).
    "GET /api/v1/me/export",
    "GET /api/v1/me/deletion",
    "POST /api/v1/me/deletion",
    "DELETE /api/v1/me/deletion",
    "GET /api/v1/me/settings",
    "PUT /api/v1/me/settings",
    "GET /api/v1/me/unread-count",
    "POST /api/v1/members/{id}/follow",
    "DELETE /api/v1/members/{id}/follow",
    "GET /api/v1/members/{id}/photo",
    "GET /api/v1/members/{id}/posts",
    "GET /api/v1/notifications",
    "POST /api/v1/notifications/read",
    "GET /api/v1/openapi.json",
    "GET /api/v1/organizations",
    "POST /api/v1/organizations",
    "POST /api/v1/posts",
    "GET /api/v1/posts/{id}",
    "POST /api/v1/posts/{id}/comments",
    "GET /api/v1/posts/{id}/comments",
    "GET /api/v1/pymk",
    "GET /api/v1/reach",
    "GET /api/v1/saved-searches",
    "POST /api/v1/saved-searches",
    "DELETE /api/v1/saved-searches/{name}",
    "POST /api/v1/signin",
    "POST /api/v1/signout",
    // The account flows by mail: the caller's own account, or no member at all.
    "POST /api/v1/verify-email",
    "POST /api/v1/me/verification-email",
    "POST /api/v1/password-reset",
    "POST /api/v1/password-reset/confirm",
    "PUT /api/v1/me/password",
    "PUT /api/v1/me/email",
    "POST /api/v1/me/sessions/revoke",
    "POST /api/v1/signup",
    "GET /api/v1/signup-invitation",
    // Mail: what an unsubscribe link names, a member's public posts (their own name
    // and posts), subscriptions, the register import's rows (addresses in the file).
    "GET /api/v1/unsubscribe",
    "POST /api/v1/unsubscribe",
    "GET /api/v1/public/members/{id}",
    "POST /api/v1/public/members/{id}/subscriptions",
    "POST /api/v1/subscriptions/confirm",
    "POST /api/v1/admin/register-import",
    "GET /healthz",
    "GET /metrics",
};

struct Member {
  int64_t id = 0;
  std::string token;
  std::string name;
};

class VisibilityRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 20, 3);
    ASSERT_FALSE(db_.empty());
    server_ = new ServerProcess(db_, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
    v_ = SignUp("Vera");
    a_ = SignUp("Aksel");
    b_ = SignUp("Berit");
    c_ = SignUp("Carl");
    t_ = SignUp("Tove");
    t2_ = SignUp("Trond");
    s_ = SignUp("Siri");
    for (auto [x, y] : {std::pair{&v_, &a_},
                        {&v_, &b_},
                        {&v_, &c_},
                        {&a_, &t_},
                        {&b_, &t_},
                        {&c_, &t_},
                        {&a_, &t2_},
                        {&a_, &s_}}) {
      Connect(*x, *y);
    }
    SetVisibility(a_, "only_me");
    SetVisibility(b_, "connections");
    for (const Member* m : {&c_, &t_, &t2_, &s_}) SetVisibility(*m, "everyone");
    json sent = Body(Post(s_, "/api/v1/invitations", {{"to", v_.id}}));
    invitation_ = sent["id"];
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static json Body(const httplib::Result& result) { return testing::BodyOf(result); }
  static httplib::Headers Bearer(const Member& m) {
    return {{"Authorization", "Bearer " + m.token}};
  }
  static httplib::Result Post(const Member& m, const std::string& path, const json& body) {
    return server_->Client(10).Post(path.c_str(), Bearer(m), body.dump(), "application/json");
  }
  static json Get(const Member& m, const std::string& path) {
    httplib::Result result = server_->Client(10).Get(path.c_str(), Bearer(m));
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, 200) << path << ": " << result->body;
    return Body(result);
  }
  static Member SignUp(const std::string& first) {
    httplib::Result result = server_->Client(10).Post("/api/v1/signup",
                                                      json{{"email", first + "@example.org"},
                                                           {"password", "a long enough password"},
                                                           {"first_name", first},
                                                           {"last_name", "Synlig"}}
                                                          .dump(),
                                                      "application/json");
    EXPECT_TRUE(result && result->status == 201) << (result ? result->body : "no answer");
    if (!result) return {};
    json body = Body(result);
    return {.id = body["member"], .token = body["token"], .name = first + " Synlig"};
  }
  static void Connect(const Member& x, const Member& y) {
    json sent = Body(Post(x, "/api/v1/invitations", {{"to", y.id}}));
    ASSERT_TRUE(sent.contains("id")) << sent;
    httplib::Result accepted = Post(
        y, fmt::format("/api/v1/invitations/{}/accept", sent["id"].get<int64_t>()), json::object());
    ASSERT_TRUE(accepted && accepted->status == 200);
  }
  static void SetVisibility(const Member& m, const std::string& visibility) {
    httplib::Result result = server_->Client(10).Put(
        "/api/v1/me/settings", Bearer(m), json{{"connections_visibility", visibility}}.dump(),
        "application/json");
    ASSERT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
  }
  // The ids of a JSON list of {"member": id, ...}.
  static std::set<int64_t> Ids(const json& list) {
    std::set<int64_t> ids;
    for (const json& entry : list) ids.insert(entry["member"].get<int64_t>());
    return ids;
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
  static Member v_, a_, b_, c_, t_, t2_, s_;
  static int64_t invitation_;
};

TempDir* VisibilityRoutesTest::dir_ = nullptr;
std::string VisibilityRoutesTest::db_;
ServerProcess* VisibilityRoutesTest::server_ = nullptr;
Member VisibilityRoutesTest::v_, VisibilityRoutesTest::a_, VisibilityRoutesTest::b_,
    VisibilityRoutesTest::c_, VisibilityRoutesTest::t_, VisibilityRoutesTest::t2_,
    VisibilityRoutesTest::s_;
int64_t VisibilityRoutesTest::invitation_ = 0;

TEST_F(VisibilityRoutesTest, EveryRouteIsCoveredOrNamesNoContacts) {
  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::OpenSqliteStore({.path = db_, .create_if_missing = false});
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::unique_ptr<service::LiveNetwork>> live = service::LiveNetwork::Open(**store);
  ASSERT_TRUE(live.ok()) << live.status();
  absl::StatusOr<std::unique_ptr<server::Accounts>> accounts =
      server::Accounts::Create(**store, live->get(), {});
  ASSERT_TRUE(accounts.ok()) << accounts.status();
  absl::StatusOr<std::unique_ptr<server::Server>> http =
      server::Server::Create(**store, **live, **accounts, {.port = 0});
  ASSERT_TRUE(http.ok()) << http.status();
  for (const server::RouteInfo& route : (*http)->Routes()) {
    const std::string key = route.method + " " + route.label;
    EXPECT_TRUE(kCovered.contains(key) || kNamingNoContacts.contains(key))
        << key << " is new: add a visibility test for it, or list it as naming no contacts";
    EXPECT_FALSE(kCovered.contains(key) && kNamingNoContacts.contains(key)) << key;
  }
}

TEST_F(VisibilityRoutesTest, MutualContactsLeaveOutHiddenConnections) {
  const json mutual = Get(v_, fmt::format("/api/v1/members/{}/mutual", t_.id));
  EXPECT_EQ(mutual["count"], 3);  // Counts stay whole.
  EXPECT_EQ(Ids(mutual["members"]), (std::set<int64_t>{b_.id, c_.id}));
  const json profile = Get(v_, fmt::format("/api/v1/members/{}", t_.id));
  EXPECT_EQ(profile["mutual"]["count"], 3);
  EXPECT_EQ(Ids(profile["mutual"]["members"]), (std::set<int64_t>{b_.id, c_.id}));
  // A sees their own connections named.
  const json own = Get(a_, fmt::format("/api/v1/members/{}/mutual", v_.id));
  EXPECT_EQ(own["count"], 0);
}

TEST_F(VisibilityRoutesTest, PathsAndIntroducersGoOnlyThroughShownConnections) {
  const json path = Get(v_, fmt::format("/api/v1/members/{}/path", t_.id));
  EXPECT_EQ(path["length"], 2);
  EXPECT_FALSE(Ids(path["path"]).contains(a_.id)) << path;
  EXPECT_FALSE(Ids(path["introducers"]).contains(a_.id)) << path;
  EXPECT_FALSE(path["introducers"].empty());
  // T2 is reached only through A: no path may be shown.
  const json hidden = Get(v_, fmt::format("/api/v1/members/{}/path", t2_.id));
  EXPECT_TRUE(hidden["path"].empty()) << hidden;
  EXPECT_TRUE(hidden["introducers"].empty()) << hidden;
  const json search = Get(v_, "/api/v1/search?name=Tove");
  bool found = false;
  for (const json& hit : search["hits"]) {
    if (hit["member"] != t_.id) continue;
    found = true;
    EXPECT_EQ(hit["mutual"], 3);
    EXPECT_FALSE(Ids(hit["introducers"]).contains(a_.id)) << hit;
    EXPECT_FALSE(hit["introducers"].empty()) << hit;
  }
  EXPECT_TRUE(found) << search;
  for (const json& hit : Get(v_, "/api/v1/search?name=Trond")["hits"]) {
    if (hit["member"] == t2_.id) {
      EXPECT_TRUE(hit["introducers"].empty()) << hit;
    }
  }
}

TEST_F(VisibilityRoutesTest, ConnectionListsAndTheNetworkViewLeaveOutHiddenConnections) {
  EXPECT_EQ(Ids(Get(v_, fmt::format("/api/v1/members/{}/connections", t_.id))["connections"]),
            (std::set<int64_t>{b_.id, c_.id}));
  // One's own list names every contact, A included (the connection is one's own).
  EXPECT_EQ(Ids(Get(v_, "/api/v1/me/connections")["connections"]),
            (std::set<int64_t>{a_.id, b_.id, c_.id}));
  const json graph = Get(v_, "/api/v1/me/network-graph");
  std::set<int64_t> nodes;
  for (const json& node : graph["nodes"]) nodes.insert(node["id"].get<int64_t>());
  EXPECT_FALSE(nodes.contains(t2_.id)) << graph;
  EXPECT_FALSE(nodes.contains(s_.id)) << graph;
  for (const json& edge : graph["edges"]) {
    const int64_t x = edge["source"], y = edge["target"];
    if (x == a_.id || y == a_.id) {
      EXPECT_TRUE(x == v_.id || y == v_.id) << edge;
    }
  }
  // A themself sees their own network whole.
  const json theirs = Get(a_, "/api/v1/me/network-graph");
  std::set<int64_t> their_nodes;
  for (const json& node : theirs["nodes"]) their_nodes.insert(node["id"].get<int64_t>());
  EXPECT_TRUE(their_nodes.contains(t2_.id)) << theirs;
}

TEST_F(VisibilityRoutesTest, AdviceCountsButDoesNotNameHiddenMutualContacts) {
  const json advice = Get(v_, fmt::format("/api/v1/invitations/{}/advice", invitation_));
  const json box = Get(v_, "/api/v1/invitations");
  bool counted = false;
  for (const std::string& answer : {advice.dump(), box.dump()}) {
    EXPECT_EQ(answer.find("Aksel"), std::string::npos) << answer;
  }
  for (const json& reason : advice["reasons"]) {
    if (reason["code"] == "mutual_contacts") {
      counted = true;
      EXPECT_EQ(reason["text"], "1 mutual contact");
    }
  }
  EXPECT_TRUE(counted) << advice;
}

}  // namespace
}  // namespace ledd
