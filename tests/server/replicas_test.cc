// Two `ledd serve` replicas on one PostgreSQL database (the run's test cluster): a write
// through one is seen by the other, within the follower's poll at once and at once with
// the position token the write answered with; a malformed token is a 400.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server_process.h"
#include "testing/postgres_cluster.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd::testing {
namespace {

class ReplicasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string server = PostgresTestUri();
    if (server.empty()) GTEST_SKIP() << "no PostgreSQL test cluster";
    static int count = 0;
    database_ = fmt::format("replicas_{}_{}", getpid(), count++);
    ASSERT_TRUE(RunSql(server, "CREATE DATABASE " + database_).ok());
    server_ = server;
    uri_ = WithDatabase(server, database_);
    const std::string net = dir_.File("net");
    RunResult generated =
        RunCommand(fmt::format("{} generate --members 300 --seed 5 --out {}", LeddBinary(), net));
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    RunResult imported = RunCommand(fmt::format("{} import --db '{}' {}", LeddBinary(), uri_, net));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  void TearDown() override {
    if (!database_.empty()) (void)RunSql(server_, fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", database_));
  }

  // Reach of `member` as seen by `server`, with the member's bearer token and an optional
  // position token.
  static httplib::Result Reach(ServerProcess& server, const SignedUpMember& member,
                               const std::string& position = "") {
    httplib::Headers headers = {{"Authorization", "Bearer " + member.token}};
    if (!position.empty()) headers.emplace("Ledd-Position", position);
    return server.Client().Get("/api/v1/reach", headers);
  }

  TempDir dir_;
  std::string server_;
  std::string database_;
  std::string uri_;
};

TEST_F(ReplicasTest, AWriteThroughOneReplicaIsFollowedByTheOther) {
  ServerProcess a(uri_, {"--follow-seconds", "0.05"});
  ServerProcess b(uri_, {"--follow-seconds", "0.05"});
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  const SignedUpMember member = SignUp(a, "Ada");
  ASSERT_NE(member.id, 0);
  // Both replicas come to know the new member: A after its own write, B once its
  // follower has polled (bounded generously: the shared test cluster's other
  // transactions can hold the log back for a while).
  for (ServerProcess* server : {&a, &b}) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      httplib::Result reach = Reach(*server, member);
      ASSERT_TRUE(reach);
      status = reach->status;
      if (status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(status, 200) << (server == &a ? "A" : "B")
                           << " never learned of a member who signed up through A";
  }
}

TEST_F(ReplicasTest, APositionTokenIsNeverAnsweredFromStaleData) {
  // B follows only on demand: without the token it would not know the new member.
  ServerProcess a(uri_, {"--follow-seconds", "3600"});
  ServerProcess b(uri_, {"--follow-seconds", "3600"});
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  for (int round = 0; round < 5; ++round) {
    httplib::Result signed_up = a.Client().Post(
        "/api/v1/signup",
        nlohmann::json({{"email", fmt::format("grace{}@example.org", round)},
                        {"password", "a long enough password"},
                        {"first_name", "Grace"},
                        {"last_name", "Tester"}})
            .dump(),
        "application/json");
    ASSERT_TRUE(signed_up);
    ASSERT_EQ(signed_up->status, 201) << signed_up->body;
    const std::string position = signed_up->get_header_value("Ledd-Position");
    ASSERT_THAT(position, ::testing::MatchesRegex("[0-9]+\\.[0-9]+"));
    std::vector<std::string> cookies;
    for (size_t i = 0; i < signed_up->get_header_value_count("Set-Cookie"); ++i) {
      cookies.push_back(signed_up->get_header_value("Set-Cookie", i));
    }
    EXPECT_THAT(cookies, ::testing::Contains(::testing::HasSubstr("ledd_position=" + position)));
    const nlohmann::json body = BodyOf(signed_up);
    SignedUpMember member;
    member.id = body["member"];
    member.token = body["token"];

    httplib::Result stale = Reach(b, member);
    ASSERT_TRUE(stale);
    EXPECT_NE(stale->status, 200) << "B answered before it could have followed";
    // With the token B answers from data that has the write, or — when another
    // transaction on the shared test cluster holds the log back past its 2 s wait — 503
    // with Retry-After, which a client retries; never from before the write.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
      httplib::Result fresh = Reach(b, member, position);
      ASSERT_TRUE(fresh);
      if (fresh->status == 503 && std::chrono::steady_clock::now() < deadline) {
        EXPECT_EQ(fresh->get_header_value("Retry-After"), "1");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      EXPECT_EQ(fresh->status, 200) << fresh->body;
      break;
    }
  }
}

// The metric ledd_network_reloads_total of `server`'s /metrics; -1 when missing.
int64_t Reloads(const ServerProcess& server) {
  httplib::Result metrics = httplib::Client("127.0.0.1", server.metrics_port()).Get("/metrics");
  if (!metrics || metrics->status != 200) return -1;
  const std::string name = "\nledd_network_reloads_total ";
  const size_t at = metrics->body.find(name);
  if (at == std::string::npos) return -1;
  return std::stoll(metrics->body.substr(at + name.size()));
}

// Writes through A from several threads at once, each followed by a read through B
// that carries the write's position token: B never answers from before the write, and
// neither replica takes the concurrent catch-ups of its request threads and its
// follower for a log gone back (which loaded the whole network again under load).
TEST_F(ReplicasTest, ConcurrentWritesAreFollowedWithoutReloadsOrStaleReads) {
  const std::vector<std::string> flags = {"--follow-seconds", "0.01", "--metrics-listen",
                                          "127.0.0.1:0", "--rate-limit-per-second", "0",
                                          "--signups-per-hour", "0"};
  ServerProcess a(uri_, flags);
  ServerProcess b(uri_, flags);
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  constexpr int kWriters = 6;
  constexpr int kWrites = 40;
  std::vector<SignedUpMember> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.push_back(SignUp(a, fmt::format("Writer{}", writer)));
    ASSERT_NE(writers.back().id, 0);
  }
  std::atomic<int> stale = 0, failed = 0, answered = 0;
  std::vector<std::thread> threads;
  for (int writer = 0; writer < kWriters; ++writer) {
    threads.emplace_back([&, writer] {
      httplib::Client through_a = a.Client();
      httplib::Client through_b = b.Client();
      const httplib::Headers auth = {{"Authorization", "Bearer " + writers[writer].token}};
      for (int write = 0; write < kWrites; ++write) {
        // Members 1..300 of the generated network, each followed and then unfollowed.
        const int64_t followee = 1 + (writer * 47 + write / 2 * 13) % 300;
        const bool follow = write % 2 == 0;
        const std::string path = fmt::format("/api/v1/members/{}/follow", followee);
        httplib::Result written = follow ? through_a.Post(path, auth, "{}", "application/json")
                                         : through_a.Delete(path, auth, "{}", "application/json");
        if (!written || written->status != 200) {
          ++failed;
          ADD_FAILURE() << path << ": " << (written ? written->body : "no answer");
          continue;
        }
        httplib::Headers with_position = auth;
        with_position.emplace("Ledd-Position", written->get_header_value("Ledd-Position"));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (true) {
          httplib::Result read =
              through_b.Get(fmt::format("/api/v1/members/{}", followee), with_position);
          // 503: another test's transaction on the shared cluster held the log back
          // past the 2 s wait; a client retries.
          if (read && read->status == 503 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
          }
          if (!read || read->status != 200) {
            ++failed;
            ADD_FAILURE() << "read: " << (read ? read->body : "no answer");
          } else if (BodyOf(read)["following"] != follow) {
            ++stale;
          } else {
            ++answered;
          }
          break;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(stale, 0) << "reads through B with the token of a write through A saw the "
                         "network from before the write";
  EXPECT_EQ(answered, kWriters * kWrites);
  EXPECT_EQ(Reloads(a), 0) << "A loaded the network again while writing";
  EXPECT_EQ(Reloads(b), 0) << "B loaded the network again while following";
}

TEST_F(ReplicasTest, AMalformedPositionHeaderIsABadRequest) {
  ServerProcess a(uri_);
  ASSERT_NE(a.port(), 0);
  httplib::Result result =
      a.Client().Get("/api/v1/search?name=a", {{"Ledd-Position", "yesterday"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_THAT(BodyOf(result)["error"]["message"].get<std::string>(),
              ::testing::HasSubstr("Ledd-Position"));
}

}  // namespace
}  // namespace ledd::testing
