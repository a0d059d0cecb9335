// The follow, post, comment, feed and notification routes of `ledd serve`, driven over
// loopback with a real HTTP client: happy paths, errors (unknown post, too long,
// anonymous, a cookie write without its CSRF token), a follower's new_post
// notification, views, feed order, marking read, and that a member only ever reads
// and marks their own notifications.

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
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
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::ServerProcess;
using testing::TempDir;

using Member = testing::SignedUpMember;

class SocialRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 60, 5);
    ASSERT_FALSE(db_.empty());
    // More sign-ups from 127.0.0.1 than the default 5 per hour.
    server_ = new ServerProcess(db_, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(10); }

  static json Body(const httplib::Result& result) { return testing::BodyOf(result); }

  // A new member with an account, signed in.
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
  static httplib::Result Delete(const Member& member, const std::string& path) {
    return Client().Delete(path.c_str(), Bearer(member));
  }

  static json Publish(const Member& author, const std::string& title) {
    httplib::Result result =
        Post(author, "/api/v1/posts", {{"title", title}, {"body", "Some thoughts."}});
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, 201) << result->body;
    return Body(result);
  }

  static void ExpectError(const httplib::Result& result, int status, const std::string& code) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    json body = Body(result);
    ASSERT_TRUE(body.is_object()) << result->body;
    EXPECT_EQ(body["error"]["code"], code) << result->body;
  }

  static std::vector<int64_t> PostIds(const json& body) {
    std::vector<int64_t> ids;
    for (const json& post : body["posts"]) ids.push_back(post["id"]);
    return ids;
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
};

TempDir* SocialRoutesTest::dir_ = nullptr;
std::string SocialRoutesTest::db_;
ServerProcess* SocialRoutesTest::server_ = nullptr;

TEST_F(SocialRoutesTest, AFollowerIsNotifiedOfANewPostAndReadsItInTheFeed) {
  const Member author = SignUp("author");
  const Member reader = SignUp("reader");
  httplib::Result followed =
      Post(reader, fmt::format("/api/v1/members/{}/follow", author.id), json::object());
  ASSERT_TRUE(followed);
  ASSERT_EQ(followed->status, 200) << followed->body;
  EXPECT_EQ(Body(followed)["following"], true);
  // Following twice is a conflict; following oneself is malformed.
  ExpectError(Post(reader, fmt::format("/api/v1/members/{}/follow", author.id), json::object()),
              409, "ALREADY_EXISTS");
  ExpectError(Post(reader, fmt::format("/api/v1/members/{}/follow", reader.id), json::object()),
              400, "INVALID_ARGUMENT");
  ExpectError(Post(reader, "/api/v1/members/99999999/follow", json::object()), 404, "NOT_FOUND");
  // Profiles say who follows whom, from each side.
  const json author_seen = Body(Get(reader, fmt::format("/api/v1/members/{}", author.id)));
  EXPECT_EQ(author_seen["following"], true) << author_seen.dump();
  EXPECT_EQ(author_seen["follows_you"], false);
  const json reader_seen = Body(Get(author, fmt::format("/api/v1/members/{}", reader.id)));
  EXPECT_EQ(reader_seen["following"], false);
  EXPECT_EQ(reader_seen["follows_you"], true);

  const json older = Publish(author, "First");
  const json newer = Publish(author, "Second");
  EXPECT_EQ(newer["author"], author.id);
  EXPECT_EQ(newer["views"], 0);

  httplib::Result feed = Get(reader, "/api/v1/feed");
  ASSERT_EQ(feed->status, 200) << feed->body;
  EXPECT_EQ(PostIds(Body(feed)), (std::vector<int64_t>{newer["id"], older["id"]}));
  EXPECT_EQ(PostIds(Body(Get(reader, "/api/v1/feed?limit=1&offset=1"))),
            (std::vector<int64_t>{older["id"]}));
  EXPECT_EQ(PostIds(Body(Get(author, fmt::format("/api/v1/members/{}/posts", author.id)))),
            (std::vector<int64_t>{newer["id"], older["id"]}));

  json notifications = Body(Get(reader, "/api/v1/notifications?unread=true"));
  ASSERT_EQ(notifications["notifications"].size(), 2u) << notifications;
  EXPECT_EQ(notifications["notifications"][0]["kind"], "new_post");
  EXPECT_EQ(notifications["notifications"][0]["subject"], newer["id"]);
  EXPECT_EQ(notifications["unread"], 2);
  EXPECT_EQ(Body(Get(reader, "/api/v1/me/unread-count"))["unread"], 2);
  EXPECT_EQ(Body(Get(author, "/api/v1/me/unread-count"))["unread"], 0);

  // Unfollowed: the feed is empty and new posts notify no one.
  httplib::Result unfollowed = Delete(reader, fmt::format("/api/v1/members/{}/follow", author.id));
  ASSERT_EQ(unfollowed->status, 200) << unfollowed->body;
  EXPECT_EQ(Body(unfollowed)["following"], false);
  ExpectError(Delete(reader, fmt::format("/api/v1/members/{}/follow", author.id)), 404,
              "NOT_FOUND");
  Publish(author, "Third");
  EXPECT_TRUE(Body(Get(reader, "/api/v1/feed"))["posts"].empty());
  EXPECT_EQ(Body(Get(reader, "/api/v1/me/unread-count"))["unread"], 2);
}

TEST_F(SocialRoutesTest, AReaderCountsOnceADayAndTheAuthorNever) {
  const Member author = SignUp("viewed");
  const Member reader = SignUp("viewer");
  const Member other = SignUp("viewer");
  const json post = Publish(author, "Views");
  const std::string path = fmt::format("/api/v1/posts/{}", post["id"].get<int64_t>());
  EXPECT_EQ(Body(Get(reader, path))["views"], 1);
  // Reloading does not inflate the count.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Body(Get(reader, path))["views"], 1);
  EXPECT_EQ(Body(Get(author, path))["views"], 1);
  httplib::Result read = Get(other, path);
  ASSERT_EQ(read->status, 200);
  EXPECT_EQ(Body(read)["views"], 2);
  EXPECT_EQ(Body(read)["title"], "Views");
  ExpectError(Get(reader, "/api/v1/posts/987654321"), 404, "NOT_FOUND");
}

TEST_F(SocialRoutesTest, CommentsNotifyTheAuthorAndAreListed) {
  const Member author = SignUp("commented");
  const Member commenter = SignUp("commenter");
  const json post = Publish(author, "Discuss");
  const std::string path = fmt::format("/api/v1/posts/{}/comments", post["id"].get<int64_t>());
  httplib::Result added = Post(commenter, path, {{"body", "Well put."}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Body(added)["author"], commenter.id);
  json comments = Body(Get(author, path));
  ASSERT_EQ(comments["comments"].size(), 1u);
  EXPECT_EQ(comments["comments"][0]["body"], "Well put.");
  json notifications = Body(Get(author, "/api/v1/notifications"));
  ASSERT_EQ(notifications["notifications"].size(), 1u);
  EXPECT_EQ(notifications["notifications"][0]["kind"], "new_comment");
  EXPECT_EQ(notifications["notifications"][0]["subject"], Body(added)["id"]);

  ExpectError(Post(commenter, "/api/v1/posts/987654321/comments", {{"body", "x"}}), 404,
              "NOT_FOUND");
  ExpectError(Get(commenter, "/api/v1/posts/987654321/comments"), 404, "NOT_FOUND");
  ExpectError(Post(commenter, path, {{"body", std::string(2'001, 'x')}}), 400, "INVALID_ARGUMENT");
  ExpectError(Post(commenter, path, json::object()), 400, "INVALID_ARGUMENT");
}

TEST_F(SocialRoutesTest, RefusedRequestsHaveTheirStatus) {
  const Member member = SignUp("refused");
  // Too long, empty, malformed.
  ExpectError(Post(member, "/api/v1/posts", {{"title", std::string(201, 't')}}), 400,
              "INVALID_ARGUMENT");
  ExpectError(Post(member, "/api/v1/posts", {{"title", "t"}, {"body", std::string(10'001, 'b')}}),
              400, "INVALID_ARGUMENT");
  ExpectError(Post(member, "/api/v1/posts", json::object()), 400, "INVALID_ARGUMENT");
  ExpectError(Post(member, "/api/v1/posts", {{"title", 7}}), 400, "INVALID_ARGUMENT");
  ExpectError(Get(member, "/api/v1/feed?limit=0"), 400, "INVALID_ARGUMENT");
  ExpectError(Get(member, "/api/v1/feed?limit=1000"), 400, "INVALID_ARGUMENT");
  ExpectError(Get(member, "/api/v1/feed?bogus=1"), 400, "INVALID_ARGUMENT");
  ExpectError(Get(member, "/api/v1/notifications?unread=maybe"), 400, "INVALID_ARGUMENT");
  ExpectError(Get(member, "/api/v1/posts/99999999999999999999999"), 400, "INVALID_ARGUMENT");

  // Anonymous: 401 on reads and writes alike.
  ExpectError(Client().Get("/api/v1/feed"), 401, "UNAUTHENTICATED");
  ExpectError(Client().Get("/api/v1/notifications"), 401, "UNAUTHENTICATED");
  ExpectError(Client().Post("/api/v1/posts", json{{"title", "t"}}.dump(), "application/json"), 401,
              "UNAUTHENTICATED");
  ExpectError(
      Client().Post("/api/v1/notifications/read", json{{"all", true}}.dump(), "application/json"),
      401, "UNAUTHENTICATED");

  // A cookie-authenticated write needs the CSRF token; with it, it goes through.
  const std::string cookie = "ledd_session=" + member.token;
  ExpectError(Client().Post("/api/v1/posts", {{"Cookie", cookie}}, json{{"title", "t"}}.dump(),
                            "application/json"),
              403, "PERMISSION_DENIED");
  ExpectError(Client().Delete("/api/v1/members/1/follow", {{"Cookie", cookie}}), 403,
              "PERMISSION_DENIED");
  httplib::Result with_csrf =
      Client().Post("/api/v1/posts", {{"Cookie", cookie}, {"X-CSRF-Token", member.csrf}},
                    json{{"title", "t"}}.dump(), "application/json");
  ASSERT_TRUE(with_csrf);
  EXPECT_EQ(with_csrf->status, 201) << with_csrf->body;
  // Cookie reads need none.
  EXPECT_EQ(Client().Get("/api/v1/feed", {{"Cookie", cookie}})->status, 200);
}

TEST_F(SocialRoutesTest, AMemberMarksOnlyTheirOwnNotificationsRead) {
  const Member author = SignUp("poster");
  const Member mine = SignUp("mine");
  const Member theirs = SignUp("theirs");
  for (const Member* follower : {&mine, &theirs}) {
    ASSERT_EQ(Post(*follower, fmt::format("/api/v1/members/{}/follow", author.id), json::object())
                  ->status,
              200);
  }
  Publish(author, "One");
  Publish(author, "Two");
  json my_list = Body(Get(mine, "/api/v1/notifications"));
  json their_list = Body(Get(theirs, "/api/v1/notifications"));
  ASSERT_EQ(my_list["notifications"].size(), 2u);
  ASSERT_EQ(their_list["notifications"].size(), 2u);

  // `mine` names one of its own and one of `theirs`: only its own is marked.
  httplib::Result marked =
      Post(mine, "/api/v1/notifications/read",
           {{"ids", {my_list["notifications"][0]["id"], their_list["notifications"][0]["id"]}}});
  ASSERT_EQ(marked->status, 200) << marked->body;
  EXPECT_EQ(Body(marked)["marked"], 1);
  EXPECT_EQ(Body(marked)["unread"], 1);
  EXPECT_EQ(Body(Get(theirs, "/api/v1/me/unread-count"))["unread"], 2);
  json unread = Body(Get(mine, "/api/v1/notifications?unread=true"));
  ASSERT_EQ(unread["notifications"].size(), 1u);
  EXPECT_EQ(unread["notifications"][0]["id"], my_list["notifications"][1]["id"]);
  json all = Body(Get(mine, "/api/v1/notifications"));
  EXPECT_EQ(all["notifications"][0]["read"], true);

  // Marking all leaves the other member's alone.
  httplib::Result all_read = Post(mine, "/api/v1/notifications/read", {{"all", true}});
  ASSERT_EQ(all_read->status, 200) << all_read->body;
  EXPECT_EQ(Body(all_read)["marked"], 1);
  EXPECT_EQ(Body(Get(mine, "/api/v1/me/unread-count"))["unread"], 0);
  EXPECT_EQ(Body(Get(theirs, "/api/v1/me/unread-count"))["unread"], 2);

  ExpectError(Post(mine, "/api/v1/notifications/read", json::object()), 400, "INVALID_ARGUMENT");
  ExpectError(Post(mine, "/api/v1/notifications/read", {{"ids", {"x"}}}), 400, "INVALID_ARGUMENT");
  ExpectError(Post(mine, "/api/v1/notifications/read", {{"all", false}}), 400, "INVALID_ARGUMENT");
  ExpectError(Post(mine, "/api/v1/notifications/read", {{"member", theirs.id}, {"all", true}}), 400,
              "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace ledd

namespace ledd {
namespace {

// A member the author has blocked: no follow survives the block nor can be made, no
// comment, no read of the posts, the comments or the full profile, and no notification
// of the blocker's posts. Every refusal is the answer for an unknown member or post
// (the id swapped), so the block cannot be told from absence.
TEST_F(SocialRoutesTest, ABlockedMemberIsAnsweredAsIfTheBlockerDidNotExist) {
  const Member blocker = SignUp("blocker");
  const Member blocked = SignUp("blocked");
  const Member other = SignUp("bystander");
  const std::string follow_blocker = fmt::format("/api/v1/members/{}/follow", blocker.id);
  ASSERT_EQ(Post(blocked, follow_blocker, json::object())->status, 200);
  ASSERT_EQ(
      Post(blocker, fmt::format("/api/v1/members/{}/follow", blocked.id), json::object())->status,
      200);
  const json post = Publish(blocker, "Before the block");
  const int64_t post_id = post["id"];
  ASSERT_EQ(Post(blocker, "/api/v1/blocks", {{"member", blocked.id}})->status, 201);

  // The same body as for something that does not exist, with the id put back.
  auto same_as_missing = [&](const httplib::Result& refused, const httplib::Result& missing,
                             const std::string& id, const std::string& missing_id) {
    ASSERT_TRUE(refused);
    ASSERT_TRUE(missing);
    EXPECT_EQ(refused->status, 404) << refused->body;
    EXPECT_EQ(refused->status, missing->status);
    std::string expected = missing->body;
    expected.replace(expected.find(missing_id), missing_id.size(), id);
    EXPECT_EQ(refused->body, expected);
  };
  const std::string nobody = "987654321";
  same_as_missing(Post(blocked, follow_blocker, json::object()),
                  Post(blocked, "/api/v1/members/" + nobody + "/follow", json::object()),
                  std::to_string(blocker.id), nobody);
  const std::string post_path = fmt::format("/api/v1/posts/{}", post_id);
  same_as_missing(Get(blocked, post_path), Get(blocked, "/api/v1/posts/" + nobody),
                  std::to_string(post_id), nobody);
  same_as_missing(Get(blocked, post_path + "/comments"),
                  Get(blocked, "/api/v1/posts/" + nobody + "/comments"), std::to_string(post_id),
                  nobody);
  same_as_missing(Post(blocked, post_path + "/comments", {{"body", "hello?"}}),
                  Post(blocked, "/api/v1/posts/" + nobody + "/comments", {{"body", "hello?"}}),
                  std::to_string(post_id), nobody);
  same_as_missing(Get(blocked, fmt::format("/api/v1/members/{}", blocker.id)),
                  Get(blocked, "/api/v1/members/" + nobody), std::to_string(blocker.id), nobody);
  EXPECT_EQ(Body(Get(blocked, fmt::format("/api/v1/members/{}/posts", blocker.id))),
            Body(Get(blocked, "/api/v1/members/" + nobody + "/posts")));

  // The follow ended both ways: nothing in either feed, no notification of new posts.
  const size_t notified = Body(Get(blocked, "/api/v1/notifications"))["notifications"].size();
  Publish(blocker, "After the block");
  Publish(blocked, "Theirs");
  EXPECT_TRUE(Body(Get(blocked, "/api/v1/feed"))["posts"].empty());
  EXPECT_TRUE(Body(Get(blocker, "/api/v1/feed"))["posts"].empty());
  EXPECT_EQ(Body(Get(blocked, "/api/v1/notifications"))["notifications"].size(), notified);
  // Anyone else still reads and comments.
  EXPECT_EQ(Get(other, post_path)->status, 200);
  EXPECT_EQ(Post(other, post_path + "/comments", {{"body", "hi"}})->status, 201);
  EXPECT_EQ(Get(other, fmt::format("/api/v1/members/{}", blocker.id))->status, 200);
}

}  // namespace
}  // namespace ledd

namespace ledd {
namespace {

// What a post answer carries about its author follows the profile's rule: out of
// network the profile is reduced to name, headline and photo, and a post (read, listed
// or in the feed) carries nothing of the author but their id — no location, industry,
// summary or background, which the full profile alone shows.
TEST_F(SocialRoutesTest, PostsCarryNoMoreOfTheAuthorThanTheReducedProfile) {
  const Member author = SignUp("distant");
  const Member reader = SignUp("follower");
  ASSERT_EQ(
      Post(reader, fmt::format("/api/v1/members/{}/follow", author.id), json::object())->status,
      200);
  const json post = Publish(author, "Out of network");
  const json profile = Body(Get(reader, fmt::format("/api/v1/members/{}", author.id)));
  ASSERT_EQ(profile["profile"], "reduced") << profile;
  // edited, edited_at and removed are about the post, not its author.
  const std::set<std::string> allowed = {"id",    "author", "title",     "body",   "created_at",
                                         "views", "edited", "edited_at", "removed"};
  auto keys = [](const json& object) {
    std::set<std::string> out;
    for (const auto& [key, value] : object.items()) out.insert(key);
    return out;
  };
  EXPECT_EQ(keys(Body(Get(reader, fmt::format("/api/v1/posts/{}", post["id"].get<int64_t>())))),
            allowed);
  const json listed = Body(Get(reader, fmt::format("/api/v1/members/{}/posts", author.id)));
  ASSERT_EQ(listed["posts"].size(), 1u);
  EXPECT_EQ(keys(listed["posts"][0]), allowed);
  const json feed = Body(Get(reader, "/api/v1/feed"));
  ASSERT_FALSE(feed["posts"].empty());
  for (const json& entry : feed["posts"]) EXPECT_EQ(keys(entry), allowed);
}

}  // namespace
}  // namespace ledd

namespace ledd {
namespace {

// A member's appearances: any signed-in member lists and reads them, newest first; only
// their member changes or deletes one, and to anyone else that is the answer for an
// unknown appearance; every field is validated.
TEST_F(SocialRoutesTest, AppearancesAreListedNewestFirstAndOnlyTheirMemberChangesThem) {
  const Member speaker = SignUp("speaker");
  const Member other = SignUp("listener");
  const auto add = [&](const json& body) {
    httplib::Result result = Post(speaker, "/api/v1/appearances", body);
    EXPECT_TRUE(result && result->status == 201) << (result ? result->body : "no answer");
    return Body(result);
  };
  const json talk = add({{"kind", "talk"},
                         {"title", "Event sourcing uten tårer"},
                         {"event", "JavaZone 2025"},
                         {"date", "2025-09-10"},
                         {"place", "Oslo Spektrum"},
                         {"link", "https://2025.javazone.no/program"}});
  EXPECT_EQ(talk["member"], speaker.id);
  EXPECT_EQ(talk["kind"], "talk");
  EXPECT_EQ(talk["date"], "2025-09-10");
  EXPECT_EQ(talk["place"], "Oslo Spektrum");
  EXPECT_TRUE(talk["created_at"].is_string());
  const json media = add({{"kind", "media"}, {"title", "Om bruer"}, {"date", "2023-01-01"}});
  EXPECT_EQ(media["event"], "");
  EXPECT_EQ(media["link"], "");
  const json course = add({{"kind", "course"}, {"title", "Kafka"}, {"date", "2024-05-01"}});

  const std::string list = fmt::format("/api/v1/members/{}/appearances", speaker.id);
  std::vector<int64_t> ids;
  const json listed = Body(Get(other, list));
  for (const json& appearance : listed["appearances"]) {
    ids.push_back(appearance["id"]);
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{talk["id"], course["id"], media["id"]}));
  const std::string page = fmt::format("/api/v1/appearances/{}", talk["id"].get<int64_t>());
  const json read = Body(Get(other, page));
  EXPECT_EQ(read["appearance"], talk);
  EXPECT_EQ(read["member"]["id"], speaker.id);
  EXPECT_EQ(read["member"]["name"], "speaker Tester");
  EXPECT_EQ(read["member"]["has_photo"], false);
  EXPECT_TRUE(read["member"]["degree"].is_null()) << read;
  ExpectError(Get(other, "/api/v1/members/987654321/appearances"), 404, "NOT_FOUND");
  ExpectError(Get(other, "/api/v1/appearances/987654321"), 404, "NOT_FOUND");

  // Someone else's is, to a writer, an appearance that does not exist.
  const json change = {{"kind", "talk"},
                       {"title", "Event sourcing with fewer tears"},
                       {"event", "JavaZone 2025"},
                       {"date", "2025-09-11"}};
  httplib::Result put =
      Client().Put(page.c_str(), Bearer(other), change.dump(), "application/json");
  httplib::Result put_missing = Client().Put("/api/v1/appearances/987654321", Bearer(other),
                                             change.dump(), "application/json");
  ASSERT_TRUE(put && put_missing);
  EXPECT_EQ(put->status, 404);
  std::string expected = put_missing->body;
  expected.replace(expected.find("987654321"), 9, std::to_string(talk["id"].get<int64_t>()));
  EXPECT_EQ(put->body, expected);
  ExpectError(Delete(other, page), 404, "NOT_FOUND");
  EXPECT_EQ(Body(Get(other, page))["appearance"], talk);

  put = Client().Put(page.c_str(), Bearer(speaker), change.dump(), "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200) << put->body;
  const json changed = Body(put);
  EXPECT_EQ(changed["title"], "Event sourcing with fewer tears");
  EXPECT_EQ(changed["date"], "2025-09-11");
  EXPECT_EQ(changed["place"], "");  // Left out: cleared, as the whole appearance is replaced.
  EXPECT_EQ(changed["created_at"], talk["created_at"]);
  EXPECT_EQ(Body(Get(other, page))["appearance"], changed);

  httplib::Result deleted = Delete(speaker, page);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_EQ(Body(deleted), json({{"id", talk["id"]}, {"deleted", true}}));
  ExpectError(Get(other, page), 404, "NOT_FOUND");
  ExpectError(Delete(speaker, page), 404, "NOT_FOUND");
  EXPECT_EQ(Body(Get(other, list))["appearances"].size(), 2u);
}

TEST_F(SocialRoutesTest, AppearancesAreValidatedAndNeedASignedInWriter) {
  const Member speaker = SignUp("validated");
  const json good = {{"kind", "talk"}, {"title", "Bruer"}, {"date", "2025-09-10"}};
  const auto with = [&](const std::string& key, const json& value) {
    json body = good;
    if (value.is_null()) {
      body.erase(key);
    } else {
      body[key] = value;
    }
    return body;
  };
  for (const json& bad :
       {with("kind", "podcast"), with("kind", nullptr), with("title", ""), with("title", "   "),
        with("title", nullptr), with("title", std::string(201, 'x')), with("date", "2025-9-10"),
        with("date", "2025-02-30"), with("date", "2025"), with("date", nullptr),
        with("date", 20250910), with("link", "javascript:alert(1)"),
        with("link", "https://x.no/a b"), with("event", std::string(201, 'x')),
        with("place", "Oslo\x1b[31m"), with("member", 1)}) {
    ExpectError(Post(speaker, "/api/v1/appearances", bad), 400, "INVALID_ARGUMENT");
  }
  EXPECT_TRUE(
      Body(Get(speaker, fmt::format("/api/v1/members/{}/appearances", speaker.id)))["appearances"]
          .empty());
  ExpectError(Client().Post("/api/v1/appearances", good.dump(), "application/json"), 401,
              "UNAUTHENTICATED");
  // A cookie write without the session's CSRF token.
  ExpectError(Client().Post("/api/v1/appearances", {{"Cookie", "ledd_session=" + speaker.token}},
                            good.dump(), "application/json"),
              403, "PERMISSION_DENIED");
  EXPECT_EQ(Post(speaker, "/api/v1/appearances", good)->status, 201);
}

// The block rule of posts: an appearance of a blocker's, and their list, are to the
// blocked member what an unknown one is.
TEST_F(SocialRoutesTest, ABlockedMemberSeesNoAppearancesOfTheBlocker) {
  const Member blocker = SignUp("talker");
  const Member blocked = SignUp("heckler");
  const Member other = SignUp("audience");
  const json talk = Body(Post(blocker, "/api/v1/appearances",
                              {{"kind", "talk"}, {"title", "Bruer"}, {"date", "2025-09-10"}}));
  ASSERT_EQ(Post(blocker, "/api/v1/blocks", {{"member", blocked.id}})->status, 201);
  const std::string id = std::to_string(talk["id"].get<int64_t>());
  const std::string nobody = "987654321";
  for (const auto& [path, missing, real] :
       {std::tuple{"/api/v1/appearances/" + id, "/api/v1/appearances/" + nobody, id},
        std::tuple{fmt::format("/api/v1/members/{}/appearances", blocker.id),
                   "/api/v1/members/" + nobody + "/appearances", std::to_string(blocker.id)}}) {
    httplib::Result refused = Get(blocked, path);
    httplib::Result absent = Get(blocked, missing);
    ASSERT_TRUE(refused && absent);
    EXPECT_EQ(refused->status, 404) << path;
    std::string expected = absent->body;
    expected.replace(expected.find(nobody), nobody.size(), real);
    EXPECT_EQ(refused->body, expected);
    EXPECT_EQ(Get(other, path)->status, 200) << path;
  }
  // The blocker still sees their own.
  EXPECT_EQ(Get(blocker, "/api/v1/appearances/" + id)->status, 200);
}

}  // namespace
}  // namespace ledd
