// Invitations by email (issue 12, contract D) through the real `ledd serve` over
// loopback: inviting an address, the sign-up link and the page it opens, signing up
// with the link's token under another address, the pending invitation that sign-up
// finds in its box and accepts; an address that is a member's (an ordinary
// invitation), refused addresses and bodies, the sender's list and withdrawal, unknown
// tokens, who may do what, that the database never holds a token, and --public-url.

#include <fstream>
#include <iterator>
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

namespace ledd {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::ServerProcess;
using testing::TempDir;

using Member = testing::SignedUpMember;

class EmailInvitationRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 20, 5);
    ASSERT_FALSE(db_.empty());
    server_ = new ServerProcess(db_, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  // A new member, signed in; with `invite`, through a sign-up link.
  static Member SignUp(const std::string& first_name, const std::string& invite = "",
                       const std::string& email = "") {
    json fields = json::object();
    if (!invite.empty()) fields["invite"] = invite;
    if (!email.empty()) fields["email"] = email;
    return testing::SignUp(*server_, first_name, fields);
  }

  // The status of a request as `member` (anonymous without a token), its body in `out`.
  static int Call(const std::string& method, const std::string& path, const Member& member,
                  const json& body = nullptr, json* out = nullptr) {
    httplib::Headers headers;
    if (!member.token.empty()) headers.emplace("Authorization", "Bearer " + member.token);
    httplib::Client client = server_->Client();
    const std::string text = body.is_null() ? "" : body.dump();
    httplib::Result result = method == "GET"    ? client.Get(path.c_str(), headers)
                             : method == "POST" ? client.Post(path.c_str(), headers, text,
                                                              "application/json")
                                                : client.Delete(path.c_str(), headers);
    if (!result) return 0;
    if (out != nullptr) *out = testing::BodyOf(result);
    return result->status;
  }

  // The token of a sign-up link.
  static std::string TokenOf(const std::string& link) {
    const std::string marker = "#/signup?invite=";
    const size_t at = link.find(marker);
    return at == std::string::npos ? "" : link.substr(at + marker.size());
  }

  static int Lookup(const std::string& token, json* out = nullptr) {
    return Call("GET", "/api/v1/signup-invitation?token=" + token, Member{}, nullptr, out);
  }

  static json ReceivedPending(const Member& member) {
    json box;
    EXPECT_EQ(Call("GET", "/api/v1/invitations?box=received&state=pending", member, nullptr, &box),
              200)
        << box;
    return box.value("invitations", json::array());
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
};

TempDir* EmailInvitationRoutesTest::dir_ = nullptr;
std::string EmailInvitationRoutesTest::db_;
ServerProcess* EmailInvitationRoutesTest::server_ = nullptr;

TEST_F(EmailInvitationRoutesTest, InviteSignUpWithTheLinkUnderAnotherEmailAndAccept) {
  const Member alice = SignUp("Alice");
  json sent;
  ASSERT_EQ(Call("POST", "/api/v1/invitations", alice,
                 {{"email", "Newcomer.One@Example.org"}, {"note", "We met at JavaZone"}}, &sent),
            201)
      << sent;
  const json& email_invitation = sent["email_invitation"];
  EXPECT_GT(email_invitation["id"].get<int64_t>(), 0);
  EXPECT_EQ(email_invitation["email"], "newcomer.one@example.org");
  EXPECT_EQ(email_invitation["note"], "We met at JavaZone");
  EXPECT_EQ(email_invitation["state"], "pending");
  EXPECT_TRUE(email_invitation["created_at"].is_string());
  // The link's origin is the request's (no --public-url).
  const std::string link = sent["signup_link"];
  EXPECT_THAT(link, StartsWith(fmt::format("http://127.0.0.1:{}/#/signup?invite=",
                                           server_->port())));
  const std::string token = TokenOf(link);
  ASSERT_GE(token.size(), 40u);

  // The page the link opens, without signing in.
  json page;
  ASSERT_EQ(Lookup(token, &page), 200) << page;
  EXPECT_EQ(page["from"]["member"], alice.id);
  EXPECT_EQ(page["from"]["name"], "Alice Tester");
  EXPECT_TRUE(page["from"].contains("headline"));
  EXPECT_EQ(page["email"], "newcomer.one@example.org");
  EXPECT_EQ(page["note"], "We met at JavaZone");

  // They sign up under another address, with the link's token.
  const Member newcomer = SignUp("Nina", token, "nina.private@example.org");
  ASSERT_GT(newcomer.id, 0);
  const json pending = ReceivedPending(newcomer);
  ASSERT_EQ(pending.size(), 1u) << pending;
  EXPECT_EQ(pending[0]["from"], alice.id);
  EXPECT_EQ(pending[0]["to"], newcomer.id);
  EXPECT_EQ(pending[0]["note"], "We met at JavaZone");
  EXPECT_EQ(pending[0]["state"], "pending");
  // They were notified as of any invitation.
  json notifications;
  ASSERT_EQ(Call("GET", "/api/v1/notifications", newcomer, nullptr, &notifications), 200);
  EXPECT_THAT(notifications.dump(), HasSubstr("new_invitation"));

  // Accepting works as for any invitation.
  json accepted;
  ASSERT_EQ(Call("POST", fmt::format("/api/v1/invitations/{}/accept", pending[0]["id"].get<int64_t>()),
                 newcomer, nullptr, &accepted),
            200)
      << accepted;
  EXPECT_EQ(accepted["state"], "accepted");
  json connections;
  ASSERT_EQ(Call("GET", "/api/v1/me/connections", newcomer, nullptr, &connections), 200);
  EXPECT_THAT(connections.dump(), HasSubstr(fmt::format("{}", alice.id)));

  // The sender's list says what became of it; the link is used up.
  json list;
  ASSERT_EQ(Call("GET", "/api/v1/email-invitations", alice, nullptr, &list), 200);
  ASSERT_EQ(list["email_invitations"].size(), 1u) << list;
  EXPECT_EQ(list["email_invitations"][0]["state"], "accepted");
  EXPECT_EQ(list["email_invitations"][0]["claimed_by"], newcomer.id);
  EXPECT_EQ(list["email_invitations"][0]["invitation"], pending[0]["id"]);
  EXPECT_EQ(Lookup(token), 404);
  // A second sign-up with the same link gets nothing from it.
  const Member second = SignUp("Sam", token);
  EXPECT_TRUE(ReceivedPending(second).empty());
}

TEST_F(EmailInvitationRoutesTest, ASignUpWithTheInvitedEmailClaimsEverySendersInvitation) {
  const Member alice = SignUp("Alice");
  const Member bob = SignUp("Bob");
  for (const Member* sender : {&alice, &bob}) {
    ASSERT_EQ(Call("POST", "/api/v1/invitations", *sender, {{"email", "olav@example.org"}}), 201);
  }
  const Member olav = SignUp("Olav", "", "Olav@Example.org");
  const json pending = ReceivedPending(olav);
  ASSERT_EQ(pending.size(), 2u) << pending;
  EXPECT_EQ(pending[0]["from"], bob.id);  // Newest first.
  EXPECT_EQ(pending[1]["from"], alice.id);
}

TEST_F(EmailInvitationRoutesTest, AMembersEmailGetsAnOrdinaryInvitation) {
  const Member alice = SignUp("Alice");
  const Member bob = SignUp("Bob");
  json sent;
  ASSERT_EQ(Call("POST", "/api/v1/invitations", alice,
                 {{"email", " " + bob.email + " "}, {"note", "Hi Bob"}}, &sent),
            201)
      << sent;
  EXPECT_FALSE(sent.contains("email_invitation")) << sent;
  EXPECT_FALSE(sent.contains("signup_link")) << sent;
  EXPECT_EQ(sent["from"], alice.id);
  EXPECT_EQ(sent["to"], bob.id);
  EXPECT_EQ(sent["note"], "Hi Bob");
  EXPECT_EQ(sent["state"], "pending");
  const json pending = ReceivedPending(bob);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["id"], sent["id"]);
  json list;
  ASSERT_EQ(Call("GET", "/api/v1/email-invitations", alice, nullptr, &list), 200);
  EXPECT_TRUE(list["email_invitations"].empty()) << list;
  // The member's rules apply: inviting them again is the duplicate it is, and one's
  // own email is oneself.
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", bob.email}}), 409);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", alice.email}}), 400);
}

TEST_F(EmailInvitationRoutesTest, RefusesBadEmailsMixedBodiesDuplicatesAndStrangers) {
  const Member alice = SignUp("Alice");
  for (const char* email : {"", "not an email", "ada@", "@example.org", "a@b@example.org"}) {
    json error;
    EXPECT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", email}}, &error), 400)
        << email;
    EXPECT_EQ(error["error"]["message"], "\"email\" is not an email address") << error;
  }
  json error;
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", 7}}, &error), 400);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", "x@example.org"}, {"to", 1}},
                 &error),
            400);
  EXPECT_THAT(error.dump(), HasSubstr("not both"));
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice,
                 {{"email", "x@example.org"}, {"via", {{"post", 1}}}}),
            400);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice,
                 {{"email", "x@example.org"}, {"note", std::string(301, 'n')}}),
            400);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", Member{}, {{"email", "x@example.org"}}), 401);
  EXPECT_EQ(Call("GET", "/api/v1/email-invitations", Member{}), 401);
  EXPECT_EQ(Call("DELETE", "/api/v1/email-invitations/1", Member{}), 401);

  ASSERT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", "twice@example.org"}}), 201);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", "TWICE@example.org"}}, &error),
            409);
  EXPECT_THAT(error.dump(), HasSubstr("a pending email invitation"));
}

TEST_F(EmailInvitationRoutesTest, OnlyTheSenderWithdrawsAndAWithdrawnOneIsNotClaimed) {
  const Member alice = SignUp("Alice");
  const Member bob = SignUp("Bob");
  json sent;
  ASSERT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", "withdrawn@example.org"}}, &sent),
            201);
  const int64_t id = sent["email_invitation"]["id"];
  const std::string token = TokenOf(sent["signup_link"]);
  const std::string path = fmt::format("/api/v1/email-invitations/{}", id);

  json error;
  EXPECT_EQ(Call("DELETE", path, bob, nullptr, &error), 404);  // Not theirs to know of.
  EXPECT_EQ(error["error"]["message"], fmt::format("email invitation {} not found", id));
  EXPECT_EQ(Call("DELETE", "/api/v1/email-invitations/999999", alice), 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/email-invitations/abc", alice), 404);  // No such route.
  json withdrawn;
  ASSERT_EQ(Call("DELETE", path, alice, nullptr, &withdrawn), 200) << withdrawn;
  EXPECT_EQ(withdrawn["id"], id);
  EXPECT_EQ(withdrawn["state"], "withdrawn");
  EXPECT_EQ(Call("DELETE", path, alice), 422);
  EXPECT_EQ(Lookup(token), 404);

  const Member invitee = SignUp("Wenche", token, "withdrawn@example.org");
  EXPECT_TRUE(ReceivedPending(invitee).empty());
  json list;
  ASSERT_EQ(Call("GET", "/api/v1/email-invitations", alice, nullptr, &list), 200);
  EXPECT_EQ(list["member"], alice.id);
  EXPECT_EQ(list["email_invitations"][0]["state"], "withdrawn");
  EXPECT_TRUE(list["email_invitations"][0]["claimed_by"].is_null());
}

TEST_F(EmailInvitationRoutesTest, UnknownTokensAreNotFoundAndATokenIsRequired) {
  json error;
  EXPECT_EQ(Lookup("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &error), 404);
  EXPECT_EQ(error["error"]["message"], "the sign-up invitation is unknown or no longer open");
  EXPECT_EQ(Lookup(std::string(500, 'A')), 404);
  EXPECT_EQ(Call("GET", "/api/v1/signup-invitation", Member{}), 400);
  EXPECT_EQ(Call("GET", "/api/v1/signup-invitation?token=a&other=b", Member{}), 400);
  // An unknown token does not fail a sign-up.
  const Member member = SignUp("Una", "no-such-token");
  EXPECT_GT(member.id, 0);
}

TEST_F(EmailInvitationRoutesTest, TheDatabaseHoldsNoToken) {
  const Member alice = SignUp("Alice");
  json sent;
  ASSERT_EQ(Call("POST", "/api/v1/invitations", alice, {{"email", "hashed@example.org"}}, &sent),
            201);
  const std::string token = TokenOf(sent["signup_link"]);
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(Lookup(token), 200);
  // Neither the database file nor its write-ahead log holds the token's text.
  for (const std::string& path : {db_, db_ + "-wal"}) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(token), std::string::npos) << path;
    EXPECT_EQ(bytes.find(token.substr(0, 20)), std::string::npos) << path;
  }
}

TEST_F(EmailInvitationRoutesTest, LinksUseThePublicUrlWhenGiven) {
  ServerProcess server(db_, {"--public-url", "https://ledd.example.org/"});
  ASSERT_GT(server.port(), 0);
  const Member alice = SignUp("Alice");
  httplib::Client client = server.Client();
  httplib::Result result =
      client.Post("/api/v1/invitations", {{"Authorization", "Bearer " + alice.token}},
                  json{{"email", "public@example.org"}}.dump(), "application/json");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 201) << result->body;
  EXPECT_THAT(testing::BodyOf(result)["signup_link"].get<std::string>(),
              StartsWith("https://ledd.example.org/#/signup?invite="));

  for (const char* url : {"ftp://ledd.example.org", "https://ledd.example.org/ledd", "ledd.org"}) {
    const testing::RunResult refused = testing::RunCommand(
        fmt::format("timeout 30 {} serve --db {} --listen 127.0.0.1:0 --public-url '{}'",
                    testing::LeddBinary(), db_, url));
    EXPECT_NE(refused.exit_code, 0) << url;
    EXPECT_THAT(refused.err, HasSubstr("public URL")) << url;
  }
}

TEST_F(EmailInvitationRoutesTest, LookUpsAreRateLimitedPerAddress) {
  // A server of its own, so that the other tests' look-ups do not share its bucket.
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  int status = 0;
  int answered = 0;
  for (; answered < 40; ++answered) {
    httplib::Result result = server.Client().Get("/api/v1/signup-invitation?token=guess");
    ASSERT_TRUE(result);
    status = result->status;
    if (status != 404) {
      EXPECT_TRUE(result->has_header("Retry-After"));
      break;
    }
  }
  EXPECT_EQ(status, 429);
  EXPECT_EQ(answered, 30);  // The burst: 30 look-ups, then one per 10 seconds.
}

}  // namespace
}  // namespace ledd
