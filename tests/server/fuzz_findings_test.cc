// Requests the fuzzer (fuzz/server_fuzz.cc) found mishandled, each sent to the real
// `ledd serve` over loopback. Their minimized inputs are in fuzz/regressions/, which
// `make fuzz` replays through the same server in-process; these tests say what the
// answer must be.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;

constexpr int64_t kMember = 5;
constexpr char kEmail[] = "fuzz@example.org";
constexpr char kPassword[] = "correct horse battery";

class FuzzFindings : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string db = testing::ImportGeneratedNetwork(*dir_, 100, 11);
    ASSERT_FALSE(db.empty());
    ASSERT_TRUE(testing::CreateAccount(db, kMember, kEmail, kPassword));
    server_ = new ServerProcess(db, {"--metrics-listen", "127.0.0.1:0"});
    ASSERT_GT(server_->port(), 0);
    ASSERT_GT(server_->metrics_port(), 0);
    httplib::Result signed_in = server_->Client().Post(
        "/api/v1/signin", json{{"email", kEmail}, {"password", kPassword}}.dump(),
        "application/json");
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 200) << signed_in->body;
    token_ = testing::BodyOf(signed_in)["token"].get<std::string>();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static std::string token_;
};

TempDir* FuzzFindings::dir_ = nullptr;
ServerProcess* FuzzFindings::server_ = nullptr;
std::string FuzzFindings::token_;

// fuzz/regressions/range-cuts-json-body: cpp-httplib cut the JSON to the range and still
// answered 200. The API ignores Range and answers in full.
TEST_F(FuzzFindings, RangeHeaderNeitherCutsAnAnswerNorAnError) {
  httplib::Result me = server_->Client().Get(
      "/api/v1/me", {{"Authorization", "Bearer " + token_}, {"Range", "bytes=0-10"}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_FALSE(me->has_header("Content-Range"));
  EXPECT_EQ(testing::BodyOf(me)["member"], kMember) << me->body;

  httplib::Result missing =
      server_->Client().Get("/api/v1/no-such-route", {{"Range", "bytes=0-3,5-8"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(testing::BodyOf(missing)["error"]["code"], "NOT_FOUND") << missing->body;
}

// Metrics labelled each request with the method as the client spelled it, so made-up
// methods grew the table (and /metrics) without bound. They are counted as "other".
TEST_F(FuzzFindings, MadeUpMethodsShareOneMetricsSeries) {
  httplib::Client client = server_->Client();
  for (const char* method : {"BREW", "PROPFIND", "GET2"}) {
    httplib::Request request;
    request.method = method;
    request.path = "/api/v1/me";
    ASSERT_TRUE(client.send(request)) << method;
  }
  httplib::Result metrics = httplib::Client("127.0.0.1", server_->metrics_port()).Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->body.find("BREW"), std::string::npos);
  EXPECT_EQ(metrics->body.find("PROPFIND"), std::string::npos);
  EXPECT_EQ(metrics->body.find("GET2"), std::string::npos);
  EXPECT_NE(metrics->body.find("ledd_http_requests_total{route=\"unmatched\",method=\"other\""),
            std::string::npos)
      << metrics->body;
}

}  // namespace
}  // namespace ledd
