// One set of field limits (store/model.h) through a real `ledd serve`: what sign-up
// accepts, PUT /api/v1/me saves back, and both refuse the same text. Sign-up used to
// allow a 2,000-byte headline that PUT /me then refused to store.

#include <string>

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

class FieldLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 50, 5);
    ASSERT_FALSE(db_.empty());
    server_ = new ServerProcess(db_);
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static httplib::Result SignUp(const std::string& email, const json& fields) {
    json body = {{"email", email},
                 {"password", "long enough password"},
                 {"first_name", "Ada"},
                 {"last_name", "Lovelace"}};
    body.update(fields);
    return server_->Client(10).Post("/api/v1/signup", body.dump(), "application/json");
  }

  static httplib::Result PutMe(const std::string& token, const json& body) {
    return server_->Client(10).Put("/api/v1/me", {{"Authorization", "Bearer " + token}},
                                   body.dump(), "application/json");
  }

  // A 400 whose {"error":{"code","message"}} message contains `message`.
  static void ExpectRefused(const httplib::Result& result, const std::string& message) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400) << result->body;
    json body = testing::BodyOf(result);
    EXPECT_EQ(body["error"]["code"], "INVALID_ARGUMENT") << result->body;
    EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr(message));
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(FieldLimitsTest, SignUpAndPutMeApplyTheSameHeadlineLimit) {
  ExpectRefused(SignUp("long@example.org", {{"headline", std::string(2000, 'h')}}),
                "the headline has 2000 characters; at most 220 are allowed");
  ExpectRefused(SignUp("long@example.org", {{"headline", std::string(221, 'h')}}),
                "the headline has 221 characters; at most 220 are allowed");

  // 220 characters of two bytes each: characters count, not bytes.
  std::string headline;
  for (int i = 0; i < 220; ++i) headline += "ø";
  httplib::Result signed_up = SignUp("most@example.org", {{"headline", headline}});
  ASSERT_TRUE(signed_up);
  ASSERT_EQ(signed_up->status, 201) << signed_up->body;
  const std::string token = testing::BodyOf(signed_up)["token"];

  // What sign-up stored, PUT /me saves back.
  httplib::Result saved = PutMe(token, {{"headline", headline}});
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 200) << saved->body;
  ExpectRefused(PutMe(token, {{"headline", headline + "x"}}),
                "the headline has 221 characters; at most 220 are allowed");
}

TEST_F(FieldLimitsTest, ControlCharactersAreRefusedOnBothPathsButASummaryMayHaveLines) {
  ExpectRefused(SignUp("esc@example.org", {{"first_name", "Ada\x1b[2J"}}),
                "the first name contains a control character (U+001B)");
  ExpectRefused(SignUp("esc@example.org", {{"city",
                                            "Lon\xC2\x9B"
                                            "don"}}),
                "the city contains a control character (U+009B)");
  ExpectRefused(SignUp("esc@example.org", {{"last_name", std::string(101, 'l')}}),
                "the last name has 101 characters; at most 100 are allowed");

  httplib::Result signed_up = SignUp("lines@example.org", json::object());
  ASSERT_TRUE(signed_up);
  ASSERT_EQ(signed_up->status, 201) << signed_up->body;
  const std::string token = testing::BodyOf(signed_up)["token"];
  ExpectRefused(PutMe(token, {{"headline", "two\nlines"}}),
                "the headline contains a control character (U+000A)");
  httplib::Result summary = PutMe(token, {{"summary", "Line one\n\tline two"}});
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->status, 200) << summary->body;
  ExpectRefused(PutMe(token, {{"summary", std::string(2601, 's')}}),
                "the summary has 2601 characters; at most 2600 are allowed");
}

}  // namespace
}  // namespace ledd
