// `ledd members invite-register` on the real binary: a dry run that lists new, already a
// member, already invited and bad rows and writes nothing; a bad row refusing the import
// by file and line; the import queuing one mail per new person; --from naming no account.

#include <fstream>
#include <string>

#include "fmt/core.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;

constexpr char kMembers[] =
    "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,email,"
    "created_at,policy,markets\n"
    "1,styret,Styret,Foreningen,,,1,Oslo,NO,,s@x.no,2020-01-01,liberal,home\n"
    "2,ola,Ola,Hansen,,,1,Bergen,NO,,o@x.no,2020-01-01,liberal,home\n";

class MemberRegisterCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string net = dir_.File("net");
    ASSERT_EQ(RunCommand(fmt::format("mkdir -p {}", net)).exit_code, 0);
    std::ofstream(net + "/members.csv") << kMembers;
    ASSERT_EQ(RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db_, net)).exit_code, 0);
    for (const auto& [member, email] : {std::pair{1, "board@example.org"},
                                        std::pair{2, "ola@example.org"}}) {
      RunResult made = RunCommand(fmt::format(
          "{} accounts create --db {} {} --email {} --password 'a long enough password' "
          "--password-hashing fast",
          LeddBinary(), db_, member, email));
      ASSERT_EQ(made.exit_code, 0) << made.err;
    }
  }

  RunResult Import(const std::string& csv, const std::string& flags) {
    const std::string path = dir_.File("register.csv");
    std::ofstream(path) << csv;
    return RunCommand(fmt::format("{} members invite-register --db {} --from board@example.org "
                                  "{} {}",
                                  LeddBinary(), db_, path, flags));
  }

  testing::TempDir dir_;
  const std::string db_ = dir_.File("ledd.db");
};

TEST_F(MemberRegisterCliTest, DryRunListsThenImportInvites) {
  const std::string csv =
      "first_name,last_name,email,city,country\n"
      "Nora,Berg,nora@example.org,Bergen,NO\n"
      "Ola,Hansen,OLA@example.org,,\n"
      "Bad,Row,nowhere,,\n";
  RunResult dry = Import(csv, "--dry-run --json");
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  const json listed = json::parse(dry.out);
  EXPECT_EQ(listed["counts"], (json{{"new", 1}, {"member", 1}, {"invited", 0}, {"bad", 1}}));
  EXPECT_THAT(listed["rows"][2]["problem"].get<std::string>(), HasSubstr("register.csv:4: "));

  RunResult refused = Import(csv, "");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("register.csv:4: "));

  const std::string good = csv.substr(0, csv.find("Bad,Row"));
  RunResult done = Import(good, "");
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_THAT(done.out, HasSubstr("line 2: Nora Berg <nora@example.org>: invited"));
  EXPECT_THAT(done.out, HasSubstr("1 new, 1 already members, 0 already invited, 0 bad rows"));
  RunResult again = Import(good, "--dry-run");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("nora@example.org>: already invited"));
}

TEST_F(MemberRegisterCliTest, FromMustNameAnAccount) {
  const std::string path = dir_.File("register.csv");
  std::ofstream(path) << "first_name,last_name,email\nA,B,a@example.org\n";
  RunResult result = RunCommand(fmt::format(
      "{} members invite-register --db {} --from nobody@example.org {}", LeddBinary(), db_, path));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("no account has the email nobody@example.org"));
  std::ofstream(path) << "first_name,email\nA,a@example.org\n";
  result = RunCommand(fmt::format("{} members invite-register --db {} --from board@example.org {}",
                                  LeddBinary(), db_, path));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("missing required column \"last_name\""));
}

}  // namespace
}  // namespace ledd
