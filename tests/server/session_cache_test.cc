// The session cache of `ledd serve` (accounts.h, --session-cache-seconds) through the
// real binary: every revocation the serving process writes itself — sign-out, signing
// out everywhere, a password change, a moderator's suspension, the erasure job — holds
// at once even with a cache of an hour, and a sign-out written by another process on
// the same database holds within the cache's bound.

#include <chrono>
#include <string>
#include <thread>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using testing::ServerProcess;
using testing::SignedUpMember;
using testing::TempDir;

// SignUp's password (server_process.cc).
constexpr char kPassword[] = "a long enough password";

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// The status of GET /api/v1/me with `token`; 0 without an answer.
int MeStatus(ServerProcess& server, const std::string& token) {
  httplib::Result me = server.Client().Get("/api/v1/me", Bearer(token));
  return me ? me->status : 0;
}

int PostStatus(ServerProcess& server, const std::string& token, const std::string& path,
               const json& body) {
  httplib::Result result =
      server.Client().Post(path.c_str(), Bearer(token), body.dump(), "application/json");
  EXPECT_TRUE(result);
  if (result && result->status >= 300) ADD_FAILURE() << path << ": " << result->body;
  return result ? result->status : 0;
}

// A new session of `member` (POST /api/v1/signin); "" after reporting a failure.
std::string SignIn(ServerProcess& server, const SignedUpMember& member) {
  httplib::Result result = server.Client().Post(
      "/api/v1/signin", json{{"email", member.email}, {"password", kPassword}}.dump(),
      "application/json");
  EXPECT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
  if (!result || result->status != 200) return "";
  return json::parse(result->body)["token"];
}

// Polls GET /api/v1/me with `token` every 20 ms until it answers 401 or `limit` passes;
// how long that took.
std::chrono::duration<double> UntilRefused(ServerProcess& server, const std::string& token,
                                           std::chrono::seconds limit) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit && MeStatus(server, token) != 401) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::chrono::steady_clock::now() - start;
}

TEST(SessionCache, RevocationsOfTheServingProcessHoldAtOnce) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 3);
  ASSERT_FALSE(db.empty());
  // A cache of an hour: only forgetting on revocation can make these hold at once.
  ServerProcess server(db, {"--session-cache-seconds", "3600", "--signups-per-hour", "100",
                            "--deletion-grace-seconds", "0", "--erase-interval", "0.2"});
  ASSERT_GT(server.port(), 0);

  const SignedUpMember ada = testing::SignUp(server, "Ada");
  ASSERT_NE(ada.id, 0);
  const std::string second = SignIn(server, ada);
  const std::string third = SignIn(server, ada);
  for (const std::string& token : {ada.token, second, third}) {
    ASSERT_EQ(MeStatus(server, token), 200);  // Now in the cache.
    ASSERT_EQ(MeStatus(server, token), 200);
  }
  // Sign-out: that session only.
  EXPECT_EQ(PostStatus(server, ada.token, "/api/v1/signout", json::object()), 200);
  EXPECT_EQ(MeStatus(server, ada.token), 401);
  EXPECT_EQ(MeStatus(server, second), 200);
  // A password change: every other session.
  httplib::Result changed = server.Client().Put(
      "/api/v1/me/password", Bearer(second),
      json{{"current_password", kPassword}, {"new_password", "another long passphrase"}}.dump(),
      "application/json");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(MeStatus(server, third), 401);
  EXPECT_EQ(MeStatus(server, second), 200);
  // Signing out everywhere: the caller's too.
  EXPECT_EQ(PostStatus(server, second, "/api/v1/me/sessions/revoke", json::object()), 200);
  EXPECT_EQ(MeStatus(server, second), 401);

  // A moderator's suspension.
  const SignedUpMember bo = testing::SignUp(server, "Bo");
  const SignedUpMember marit = testing::SignUp(server, "Marit");
  testing::RunResult role = testing::RunCommand(fmt::format(
      "{} accounts role --db {} {} moderator", testing::LeddBinary(), db, marit.email));
  ASSERT_EQ(role.exit_code, 0) << role.err;
  ASSERT_EQ(MeStatus(server, bo.token), 200);
  EXPECT_EQ(PostStatus(server, marit.token,
                       fmt::format("/api/v1/moderation/members/{}/suspension", bo.id),
                       {{"days", 2}, {"reason", "Cooling off"}}),
            200);
  EXPECT_EQ(MeStatus(server, bo.token), 401);
  EXPECT_EQ(MeStatus(server, marit.token), 200);

  // The erasure job (no grace period, a run every 0.2 s).
  const SignedUpMember cy = testing::SignUp(server, "Cy");
  ASSERT_EQ(MeStatus(server, cy.token), 200);
  EXPECT_EQ(PostStatus(server, cy.token, "/api/v1/me/deletion", {{"password", kPassword}}), 202);
  EXPECT_LT(UntilRefused(server, cy.token, std::chrono::seconds(30)).count(), 10)
      << "the erased member's session was still taken";
}

TEST(SessionCache, ASignOutThroughAnotherProcessHoldsWithinTheBound) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 4);
  ASSERT_FALSE(db.empty());
  constexpr int kBound = 2;
  ServerProcess writer(db, {"--signups-per-hour", "100"});
  ServerProcess reader(db, {"--session-cache-seconds", std::to_string(kBound)});
  ASSERT_GT(writer.port(), 0);
  ASSERT_GT(reader.port(), 0);
  const SignedUpMember ada = testing::SignUp(writer, "Ada");
  ASSERT_NE(ada.id, 0);
  ASSERT_EQ(MeStatus(reader, ada.token), 200);  // The reader caches it.

  EXPECT_EQ(PostStatus(writer, ada.token, "/api/v1/signout", json::object()), 200);
  EXPECT_EQ(MeStatus(writer, ada.token), 401);
  const double seconds = UntilRefused(reader, ada.token, std::chrono::seconds(30)).count();
  EXPECT_EQ(MeStatus(reader, ada.token), 401);
  // The bound, and a margin for a loaded machine.
  EXPECT_LT(seconds, kBound + 1.5) << "the other process took the revoked session for "
                                   << seconds << " s";

  // With the cache off, at once.
  ServerProcess uncached(db, {"--session-cache-seconds", "0"});
  ASSERT_GT(uncached.port(), 0);
  const std::string token = SignIn(writer, ada);
  ASSERT_EQ(MeStatus(uncached, token), 200);
  EXPECT_EQ(PostStatus(writer, token, "/api/v1/signout", json::object()), 200);
  EXPECT_EQ(MeStatus(uncached, token), 401);
}

TEST(SessionCache, TheBoundIsChecked) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 10, 1);
  ASSERT_FALSE(db.empty());
  testing::RunResult refused = testing::RunCommand(fmt::format(
      "{} serve --db {} --listen 127.0.0.1:0 --session-cache-seconds -1", testing::LeddBinary(),
      db));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("--session-cache-seconds"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace ledd
