// The moderation routes of `ledd serve` and what they do to members, over loopback with
// a real HTTP client: members report invitations, posts and comments; a moderator made
// with `ledd accounts role` sees the queue with its context and acts; a suspended member
// cannot sign in (the end date is in the message), loses their sessions, cannot invite
// and has their posts hidden until the suspension is lifted; members get 403, and only
// admins set roles. Authors edit and delete their posts and comments.

#include <cstdint>
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
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;
using ::testing::HasSubstr;

using Member = testing::SignedUpMember;

constexpr char kPassword[] = "a long enough password";

class ModerationRoutesTest : public ::testing::Test {
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

  static httplib::Client Client() { return server_->Client(10); }
  static json Body(const httplib::Result& result) { return testing::BodyOf(result); }
  static Member SignUp(const std::string& name) { return testing::SignUp(*server_, name); }
  static httplib::Headers Bearer(const Member& member) {
    return {{"Authorization", "Bearer " + member.token}};
  }
  static httplib::Result Get(const Member& member, const std::string& path) {
    return Client().Get(path.c_str(), Bearer(member));
  }
  static httplib::Result Post(const Member& member, const std::string& path, const json& body) {
    return Client().Post(path.c_str(), Bearer(member), body.dump(), "application/json");
  }
  static httplib::Result Put(const Member& member, const std::string& path, const json& body) {
    return Client().Put(path.c_str(), Bearer(member), body.dump(), "application/json");
  }
  static httplib::Result Patch(const Member& member, const std::string& path, const json& body) {
    return Client().Patch(path.c_str(), Bearer(member), body.dump(), "application/json");
  }
  static httplib::Result Delete(const Member& member, const std::string& path) {
    return Client().Delete(path.c_str(), Bearer(member));
  }
  static httplib::Result SignIn(const Member& member) {
    return Client().Post("/api/v1/signin",
                         json{{"email", member.email}, {"password", kPassword}}.dump(),
                         "application/json");
  }

  static void Expect(const httplib::Result& result, int status) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
  }
  static void ExpectError(const httplib::Result& result, int status, const std::string& code) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    EXPECT_EQ(Body(result)["error"]["code"], code) << result->body;
  }

  // `ledd accounts role` on the served database, as the operator runs it.
  static void SetRole(const Member& member, const std::string& role) {
    RunResult run = RunCommand(
        fmt::format("{} accounts role --db {} {} {}", LeddBinary(), db_, member.email, role));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }

  static json Publish(const Member& author, const std::string& title) {
    httplib::Result result =
        Post(author, "/api/v1/posts", {{"title", title}, {"body", "Some thoughts."}});
    EXPECT_TRUE(result && result->status == 201);
    return Body(result);
  }

  // The open report of `subject` `id` in the moderator's queue; null if none.
  static json Queued(const Member& moderator, const std::string& subject, int64_t id) {
    httplib::Result result = Get(moderator, "/api/v1/moderation/reports?state=open");
    EXPECT_TRUE(result && result->status == 200);
    const json body = Body(result);
    for (const json& report : body["reports"]) {
      if (report["subject"] == subject && report["subject_id"] == id) return report;
    }
    ADD_FAILURE() << "no open report of " << subject << " " << id << " in " << result->body;
    return json();
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
};

TempDir* ModerationRoutesTest::dir_ = nullptr;
std::string ModerationRoutesTest::db_;
ServerProcess* ModerationRoutesTest::server_ = nullptr;

TEST_F(ModerationRoutesTest, ReportsReachTheQueueWithContextAndASuspensionLocksTheMemberOut) {
  const Member reporter = SignUp("Astrid");
  const Member spammer = SignUp("Bjarne");
  const Member moderator = SignUp("Mona");
  const Member follower = SignUp("Frida");
  SetRole(moderator, "moderator");
  {
    httplib::Result me = Get(moderator, "/api/v1/me");
    Expect(me, 200);
    EXPECT_EQ(Body(me)["role"], "moderator");
    EXPECT_EQ(Body(Get(reporter, "/api/v1/me"))["role"], "member");
  }
  Expect(Post(follower, fmt::format("/api/v1/members/{}/follow", spammer.id), json::object()), 200);

  // "I don't know this person" and a reported post.
  httplib::Result invited =
      Post(spammer, "/api/v1/invitations", {{"to", reporter.id}, {"note", "Buy my course"}});
  Expect(invited, 201);
  const int64_t invitation = Body(invited)["id"];
  Expect(Post(reporter, fmt::format("/api/v1/invitations/{}/report", invitation), json::object()),
         200);
  const json post = Publish(spammer, "Cheap followers");
  const int64_t post_id = post["id"];
  httplib::Result filed = Post(reporter, fmt::format("/api/v1/posts/{}/report", post_id),
                               {{"reason", "spam"}, {"text", "Sells followers"}});
  Expect(filed, 201);
  ExpectError(Post(reporter, fmt::format("/api/v1/posts/{}/report", post_id), {{"reason", "spam"}}),
              409, "ALREADY_EXISTS");
  ExpectError(Post(reporter, fmt::format("/api/v1/posts/{}/report", post_id),
                   {{"reason", "boring"}}),
              400, "INVALID_ARGUMENT");
  ExpectError(Post(spammer, fmt::format("/api/v1/posts/{}/report", post_id), {{"reason", "spam"}}),
              422, "FAILED_PRECONDITION");

  // Members do not see the queue.
  ExpectError(Get(reporter, "/api/v1/moderation/reports"), 403, "PERMISSION_DENIED");
  ExpectError(Post(reporter, fmt::format("/api/v1/moderation/members/{}/suspension", spammer.id),
                   {{"days", 3}, {"reason", "x"}}),
              403, "PERMISSION_DENIED");

  const json invitation_report = Queued(moderator, "invitation", invitation);
  ASSERT_TRUE(invitation_report.is_object());
  EXPECT_EQ(invitation_report["reason"], "unknown_person");
  EXPECT_EQ(invitation_report["reporter"]["id"], reporter.id);
  EXPECT_EQ(invitation_report["content"]["note"], "Buy my course");
  EXPECT_EQ(invitation_report["reported"]["id"], spammer.id);
  EXPECT_EQ(invitation_report["reported"]["name"], "Bjarne Tester");
  EXPECT_EQ(invitation_report["reported"]["account_age_days"], 0);
  EXPECT_EQ(invitation_report["reported"]["invitations_30_days"]["sent"], 1);
  EXPECT_EQ(invitation_report["reported"]["invitations_30_days"]["reported"], 1);
  const json post_report = Queued(moderator, "post", post_id);
  ASSERT_TRUE(post_report.is_object());
  EXPECT_EQ(post_report["reason"], "spam");
  EXPECT_EQ(post_report["text"], "Sells followers");
  EXPECT_EQ(post_report["content"]["title"], "Cheap followers");

  // Suspend from the report: the member's session stops working at once.
  ExpectError(Post(moderator, fmt::format("/api/v1/moderation/reports/{}/actions",
                                          post_report["id"].get<int64_t>()),
                   {{"action", "suspend"}, {"reason", "Spam"}}),
              400, "INVALID_ARGUMENT");  // No days.
  httplib::Result suspended = Post(
      moderator,
      fmt::format("/api/v1/moderation/reports/{}/actions", post_report["id"].get<int64_t>()),
      {{"action", "suspend"}, {"reason", "Spam"}, {"days", 7}});
  Expect(suspended, 200);
  EXPECT_EQ(Body(suspended)["report"]["state"], "actioned");
  EXPECT_EQ(Body(suspended)["audit"]["action"], "suspend");
  ExpectError(Get(spammer, "/api/v1/me"), 401, "UNAUTHENTICATED");
  httplib::Result refused = SignIn(spammer);
  ExpectError(refused, 403, "PERMISSION_DENIED");
  EXPECT_THAT(Body(refused)["error"]["message"].get<std::string>(),
              HasSubstr("this account is suspended until 20"));
  // Their post is hidden from everyone else.
  EXPECT_TRUE(Body(Get(follower, "/api/v1/feed"))["posts"].empty());
  EXPECT_TRUE(Body(Get(follower, fmt::format("/api/v1/members/{}/posts", spammer.id)))["posts"]
                  .empty());
  ExpectError(Get(follower, fmt::format("/api/v1/posts/{}", post_id)), 404, "NOT_FOUND");

  httplib::Result members = Get(moderator, "/api/v1/moderation/members?q=bjarne");
  Expect(members, 200);
  ASSERT_EQ(Body(members)["members"].size(), 1u);
  EXPECT_FALSE(Body(members)["members"][0]["suspended_until"].is_null());

  // Lifted: they sign in again, invite again, and their post is back.
  Expect(Delete(moderator, fmt::format("/api/v1/moderation/members/{}/suspension", spammer.id)),
         200);
  ExpectError(Delete(moderator, fmt::format("/api/v1/moderation/members/{}/suspension", spammer.id)),
              422, "FAILED_PRECONDITION");
  httplib::Result back = SignIn(spammer);
  Expect(back, 200);
  EXPECT_EQ(Body(Get(follower, "/api/v1/feed"))["posts"].size(), 1u);

  httplib::Result audit = Get(moderator, fmt::format("/api/v1/moderation/audit?member={}", spammer.id));
  Expect(audit, 200);
  ASSERT_EQ(Body(audit)["audit"].size(), 2u);
  EXPECT_EQ(Body(audit)["audit"][0]["action"], "lift");
  EXPECT_EQ(Body(audit)["audit"][1]["action"], "suspend");
  EXPECT_EQ(Body(audit)["audit"][1]["moderator"], moderator.id);
  EXPECT_EQ(Body(audit)["audit"][1]["reason"], "Spam");
  EXPECT_EQ(Body(audit)["audit"][1]["subject"], fmt::format("post:{}", post_id));
}

TEST_F(ModerationRoutesTest, DirectSuspensionStopsInvitationsAndOnlyAdminsSetRoles) {
  const Member member = SignUp("Sigurd");
  const Member other = SignUp("Tone");
  const Member moderator = SignUp("Marit");
  const Member admin = SignUp("Arne");
  SetRole(moderator, "moderator");
  SetRole(admin, "admin");
  Expect(Post(moderator, fmt::format("/api/v1/moderation/members/{}/suspension", member.id),
              {{"days", 2}, {"reason", "Cooling off"}}),
         200);
  // A fresh session cannot be had, so the old one is gone too; invitations stop.
  ExpectError(SignIn(member), 403, "PERMISSION_DENIED");
  ExpectError(Post(member, "/api/v1/invitations", {{"to", other.id}}), 401, "UNAUTHENTICATED");

  ExpectError(Put(moderator, fmt::format("/api/v1/moderation/members/{}/role", other.id),
                  {{"role", "moderator"}}),
              403, "PERMISSION_DENIED");
  ExpectError(Put(admin, fmt::format("/api/v1/moderation/members/{}/role", other.id),
                  {{"role", "king"}}),
              400, "INVALID_ARGUMENT");
  Expect(Put(admin, fmt::format("/api/v1/moderation/members/{}/role", other.id),
             {{"role", "moderator"}}),
         200);
  EXPECT_EQ(Body(Get(other, "/api/v1/me"))["role"], "moderator");
  Expect(Get(other, "/api/v1/moderation/reports"), 200);
  ExpectError(Get(moderator, "/api/v1/moderation/reports?state=closed"), 400, "INVALID_ARGUMENT");
}

TEST_F(ModerationRoutesTest, AWarningAndARemovalReachTheMember) {
  const Member author = SignUp("Kari");
  const Member reader = SignUp("Leif");
  const Member moderator = SignUp("Nora");
  SetRole(moderator, "moderator");
  const int64_t post_id = Publish(author, "Rude words")["id"];
  httplib::Result comment =
      Post(author, fmt::format("/api/v1/posts/{}/comments", post_id), {{"body", "More rudeness"}});
  Expect(comment, 201);
  const int64_t comment_id = Body(comment)["id"];
  Expect(Post(reader, fmt::format("/api/v1/comments/{}/report", comment_id),
              {{"reason", "harassment"}}),
         201);
  Expect(Post(reader, fmt::format("/api/v1/posts/{}/report", post_id), {{"reason", "other"}}),
         201);
  const json on_comment = Queued(moderator, "comment", comment_id);
  ASSERT_TRUE(on_comment.is_object());
  EXPECT_EQ(on_comment["content"]["body"], "More rudeness");
  Expect(Post(moderator,
              fmt::format("/api/v1/moderation/reports/{}/actions", on_comment["id"].get<int64_t>()),
              {{"action", "warn"}, {"reason", "Keep it civil"}}),
         200);
  json notifications = Body(Get(author, "/api/v1/notifications"));
  ASSERT_FALSE(notifications["notifications"].empty());
  EXPECT_EQ(notifications["notifications"][0]["kind"], "warning");
  EXPECT_EQ(notifications["notifications"][0]["reason"], "Keep it civil");

  const json on_post = Queued(moderator, "post", post_id);
  ASSERT_TRUE(on_post.is_object());
  Expect(Post(moderator,
              fmt::format("/api/v1/moderation/reports/{}/actions", on_post["id"].get<int64_t>()),
              {{"action", "remove"}, {"reason", "Insults"}}),
         200);
  ExpectError(Get(reader, fmt::format("/api/v1/posts/{}", post_id)), 404, "NOT_FOUND");
  httplib::Result own = Get(author, fmt::format("/api/v1/posts/{}", post_id));
  Expect(own, 200);
  EXPECT_EQ(Body(own)["removed"], true);
}

TEST_F(ModerationRoutesTest, AuthorsEditAndDeleteAndThePostsAuthorDeletesComments) {
  const Member author = SignUp("Odd");
  const Member commenter = SignUp("Pia");
  const int64_t post_id = Publish(author, "First draft")["id"];
  httplib::Result edited =
      Patch(author, fmt::format("/api/v1/posts/{}", post_id), {{"title", "Second draft"}});
  Expect(edited, 200);
  EXPECT_EQ(Body(edited)["title"], "Second draft");
  EXPECT_EQ(Body(edited)["edited"], true);
  ExpectError(Patch(commenter, fmt::format("/api/v1/posts/{}", post_id), {{"title", "Mine"}}), 403,
              "PERMISSION_DENIED");
  ExpectError(Patch(author, fmt::format("/api/v1/posts/{}", post_id), {{"colour", "red"}}), 400,
              "INVALID_ARGUMENT");

  httplib::Result comment =
      Post(commenter, fmt::format("/api/v1/posts/{}/comments", post_id), {{"body", "Nice"}});
  Expect(comment, 201);
  const int64_t comment_id = Body(comment)["id"];
  httplib::Result changed =
      Patch(commenter, fmt::format("/api/v1/comments/{}", comment_id), {{"body", "Very nice"}});
  Expect(changed, 200);
  EXPECT_EQ(Body(changed)["edited"], true);
  ExpectError(Patch(author, fmt::format("/api/v1/comments/{}", comment_id), {{"body", "x"}}), 403,
              "PERMISSION_DENIED");
  Expect(Delete(author, fmt::format("/api/v1/comments/{}", comment_id)), 200);
  EXPECT_TRUE(
      Body(Get(author, fmt::format("/api/v1/posts/{}/comments", post_id)))["comments"].empty());
  ExpectError(Delete(commenter, fmt::format("/api/v1/posts/{}", post_id)), 403,
              "PERMISSION_DENIED");
  Expect(Delete(author, fmt::format("/api/v1/posts/{}", post_id)), 200);
  ExpectError(Get(commenter, fmt::format("/api/v1/posts/{}", post_id)), 404, "NOT_FOUND");
}

}  // namespace
}  // namespace ledd
