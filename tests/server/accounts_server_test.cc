// Accounts and rate limits through the real `ledd serve` on loopback: reads that do
// not wait while another process holds the database's write lock, the per-account
// request limit (429 with Retry-After and the JSON error body) and the flag that lifts
// it, and the per-address sign-up limit.

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;

constexpr char kPassword[] = "a sturdy passphrase";

std::string SignIn(httplib::Client& client, const std::string& email) {
  httplib::Result result = client.Post(
      "/api/v1/signin", json{{"email", email}, {"password", kPassword}}.dump(), "application/json");
  EXPECT_TRUE(result);
  if (!result || result->status != 200) return "";
  return json::parse(result->body)["token"];
}

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

TEST(ServerStoreLock, ReadsAnswerAtOnceWhileAnotherProcessHoldsTheWriteLock) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 40, 2);
  ASSERT_FALSE(db.empty());
  ASSERT_TRUE(testing::CreateAccount(db, 3, "reader@example.org", kPassword));
  ServerProcess server(db);
  ASSERT_GT(server.port(), 0);
  httplib::Client client = server.Client(20);
  const std::string token = SignIn(client, "reader@example.org");
  ASSERT_FALSE(token.empty());

  // Another process's write transaction (this test process is one).
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &other, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  // A write of the server's that waits for the lock (sign-in stores a session).
  std::atomic<bool> write_done = false;
  std::thread writer([&] {
    httplib::Client second = server.Client(20);
    SignIn(second, "reader@example.org");
    write_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_FALSE(write_done) << "the sign-in did not wait for the lock: the test proves nothing";

  for (const char* path : {"/api/v1/me", "/api/v1/members/7", "/api/v1/invitations"}) {
    const auto start = std::chrono::steady_clock::now();
    httplib::Result result = client.Get(path, Bearer(token));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 200) << path << ": " << result->body;
    // The busy timeout is 5 s; before, every signed-in request waited for it.
    EXPECT_LT(seconds, 1.5) << path << " waited for the write lock";
  }
  EXPECT_FALSE(write_done);
  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close_v2(other);
  writer.join();
}

TEST(ServerRateLimits, AnAccountBeyondItsBurstGets429WithRetryAfter) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 40, 2);
  ASSERT_FALSE(db.empty());
  ASSERT_TRUE(testing::CreateAccount(db, 3, "scraper@example.org", kPassword));
  ASSERT_TRUE(testing::CreateAccount(db, 4, "member@example.org", kPassword));
  ServerProcess server(db, {"--rate-limit-burst", "20", "--rate-limit-per-second", "0.5"});
  ASSERT_GT(server.port(), 0);
  httplib::Client client = server.Client(10);
  const std::string scraper = SignIn(client, "scraper@example.org");
  const std::string member = SignIn(client, "member@example.org");
  ASSERT_FALSE(scraper.empty());
  ASSERT_FALSE(member.empty());

  int answered = 0;
  std::optional<httplib::Response> refused;
  for (int id = 1; id <= 40; ++id) {
    httplib::Result result = client.Get(fmt::format("/api/v1/members/{}", id), Bearer(scraper));
    ASSERT_TRUE(result);
    if (result->status == 429) {
      refused = *result;
      break;
    }
    ++answered;
  }
  // The burst, give or take the refill during the loop.
  EXPECT_GE(answered, 20);
  EXPECT_LE(answered, 22);
  ASSERT_TRUE(refused.has_value());
  const json body = json::parse(refused->body);
  EXPECT_EQ(body["error"]["code"], "RESOURCE_EXHAUSTED");
  EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr("too many requests"));
  ASSERT_TRUE(refused->has_header("Retry-After"));
  EXPECT_GE(std::stoi(refused->get_header_value("Retry-After")), 1);
  EXPECT_LE(std::stoi(refused->get_header_value("Retry-After")), 2);

  // Another account from the same address is not affected.
  httplib::Result other = client.Get("/api/v1/members/7", Bearer(member));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST(ServerRateLimits, ZeroPerSecondLiftsTheRequestLimit) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 40, 2);
  ASSERT_FALSE(db.empty());
  ASSERT_TRUE(testing::CreateAccount(db, 3, "bench@example.org", kPassword));
  ServerProcess server(db, {"--rate-limit-burst", "5", "--rate-limit-per-second", "0"});
  ASSERT_GT(server.port(), 0);
  httplib::Client client = server.Client(10);
  const std::string token = SignIn(client, "bench@example.org");
  ASSERT_FALSE(token.empty());
  for (int i = 0; i < 200; ++i) {
    httplib::Result result = client.Get("/api/v1/members/7", Bearer(token));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << i << ": " << result->body;
  }
}

TEST(ServerRateLimits, OneAddressCreatesAtMostFiveAccountsAnHour) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 2);
  ASSERT_FALSE(db.empty());
  ServerProcess server(db);  // The default: 5 sign-ups per address per hour.
  ASSERT_GT(server.port(), 0);
  httplib::Client client = server.Client(10);
  auto sign_up = [&](int n) {
    return client.Post("/api/v1/signup",
                       json{{"email", fmt::format("new{}@example.org", n)},
                            {"password", kPassword},
                            {"first_name", "New"},
                            {"last_name", fmt::format("Member{}", n)}}
                           .dump(),
                       "application/json");
  };
  // A refused sign-up (a bad email) does not count.
  httplib::Result typo = client.Post(
      "/api/v1/signup",
      json{{"email", "typo"}, {"password", kPassword}, {"first_name", "A"}, {"last_name", "B"}}
          .dump(),
      "application/json");
  ASSERT_TRUE(typo);
  EXPECT_EQ(typo->status, 400);
  for (int n = 0; n < 5; ++n) {
    httplib::Result result = sign_up(n);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 201) << n << ": " << result->body;
  }
  httplib::Result refused = sign_up(5);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429) << refused->body;
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "RESOURCE_EXHAUSTED");
  ASSERT_TRUE(refused->has_header("Retry-After"));
  // One new sign-up every 12 minutes.
  EXPECT_GE(std::stoi(refused->get_header_value("Retry-After")), 700);
  EXPECT_LE(std::stoi(refused->get_header_value("Retry-After")), 720);
}

}  // namespace
}  // namespace ledd
