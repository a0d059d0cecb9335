// Drives the real ledd binary through the invitation lifecycle: every rule refused with
// a non-zero exit and the rule on stderr, the JSON shapes of invite/accept/..., the
// invitations box, advice, settings, saved searches and blocks, and an accepted
// invitation visible to the next query command.

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
using ::testing::IsEmpty;
using testing::LeddBinary;
using testing::RunCommand;
using testing::RunResult;
using testing::TempDir;

// 1 Kari and 2 Ola: complete profiles in Oslo/Bergen; 3 Per: no photo, thin, abroad;
// 4 and 5: contacts of each other; 6 Eva is connected to 2.
constexpr char kMembers[] =
    "id,handle,first_name,last_name,headline,summary,has_photo,city,country,industry,email,"
    "created_at,policy,markets\n"
    "1,kari,Kari,Nordmann,Sivilingeniør,Bygger bruer,1,Oslo,NO,Construction,k@x.no,2020-01-01,"
    "liberal,home\n"
    "2,ola,Ola,Hansen,Engineer,Roads,1,Bergen,NO,Construction,o@x.no,2020-01-01,liberal,home\n"
    "3,per,Per,Spam,,,0,,US,,p@x.no,2020-01-01,liberal,home\n"
    "4,ada,Ada,Berg,Engineer,Tunnels,1,Oslo,NO,Construction,a@x.no,2020-01-01,liberal,home\n"
    "5,bo,Bo,Lie,Engineer,Tunnels,1,Oslo,NO,Construction,b@x.no,2020-01-01,liberal,home\n"
    "6,eva,Eva,Dahl,Engineer,Dams,1,Oslo,NO,Construction,e@x.no,2020-01-01,liberal,home\n";
constexpr char kConnections[] = "a,b,created_at\n4,5,2021-01-01\n2,6,2021-01-01\n";

class InvitationCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string net = dir_.File("net");
    ASSERT_EQ(RunCommand(fmt::format("mkdir -p {}", net)).exit_code, 0);
    std::ofstream(net + "/members.csv") << kMembers;
    std::ofstream(net + "/connections.csv") << kConnections;
    RunResult imported = RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db_, net));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }

  // Runs `ledd ARGS --db DB`.
  RunResult Ledd(const std::string& args) {
    return RunCommand(fmt::format("{} {} --db {}", LeddBinary(), args, db_));
  }

  // Runs `ledd ARGS --db DB --json`, expects success and returns the parsed output.
  json Json(const std::string& args) {
    RunResult result = Ledd(args + " --json");
    EXPECT_EQ(result.exit_code, 0) << args << ": " << result.err;
    return json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  }

  // Runs `ledd ARGS`, expects failure and returns stderr.
  std::string Refused(const std::string& args) {
    RunResult result = Ledd(args);
    EXPECT_NE(result.exit_code, 0) << args << " succeeded: " << result.out;
    EXPECT_THAT(result.out, IsEmpty()) << args;
    return result.err;
  }

  int64_t Invite(const std::string& args) {
    json result = Json("invite " + args);
    EXPECT_EQ(result["state"], "pending") << result.dump();
    return result["id"].get<int64_t>();
  }

  TempDir dir_;
  std::string db_ = dir_.File("net.db");
};

TEST_F(InvitationCliTest, EveryInvitationCommandHasHelp) {
  for (const char* command :
       {"invite", "accept", "ignore", "withdraw", "report", "unreport", "invitations", "advice",
        "settings", "saved-searches", "block", "unblock", "blocked"}) {
    RunResult result = RunCommand(fmt::format("{} {} --help", LeddBinary(), command));
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_THAT(result.out, HasSubstr("--db")) << command;
  }
}

TEST_F(InvitationCliTest, AnAcceptedInvitationIsAConnectionForTheNextCommand) {
  const int64_t id = Invite("1 3 --note 'Hei Per'");
  EXPECT_EQ(Json("degree 1 3")["degree"], nullptr);
  const json accepted = Json(fmt::format("accept {} --as 3", id));
  EXPECT_EQ(accepted["id"], id);
  EXPECT_EQ(accepted["state"], "accepted");
  EXPECT_EQ(accepted["note"], "Hei Per");
  EXPECT_TRUE(accepted["via"].is_null()) << accepted;
  EXPECT_EQ(Json("degree 1 3")["degree"], 1);
  EXPECT_EQ(Json("stats")["connections"], 3);
}

TEST_F(InvitationCliTest, EachSendingRuleIsRefusedWithItsReason) {
  Invite("1 2");
  Invite("1 6 --weekly-limit 2");
  EXPECT_THAT(Refused("invite 1 1"), HasSubstr("ledd: member 1 cannot invite itself"));
  EXPECT_THAT(Refused(fmt::format("invite 1 3 --note {}", std::string(301, 'x'))),
              HasSubstr("the note has 301 characters; at most 300 are allowed"));
  EXPECT_THAT(Refused("invite 1 99"), HasSubstr("member 99 does not exist"));
  EXPECT_THAT(Refused("invite 4 5"), HasSubstr("members 4 and 5 are already connected"));
  EXPECT_THAT(Refused("invite 1 2"),
              HasSubstr("a pending invitation between 1 and 2 already exists"));
  EXPECT_THAT(Refused("invite 1 4 --weekly-limit 2"),
              HasSubstr("weekly invitation limit reached (2 in the last 7 days)"));
  // The default limit (100) is not reached.
  Invite("1 4");
}

TEST_F(InvitationCliTest, InvitingSomeoneWhoInvitedYouAcceptsTheirs) {
  const int64_t id = Invite("2 1");
  json result = Json("invite 1 2");
  EXPECT_EQ(result["id"], id);
  EXPECT_EQ(result["from"], 2);  // Theirs, accepted; nothing new was sent.
  EXPECT_EQ(result["state"], "accepted");
  EXPECT_EQ(Json("degree 1 2")["degree"], 1);
  RunResult human = Ledd("invite 3 4");
  EXPECT_EQ(human.exit_code, 0) << human.err;
  human = Ledd("invite 4 3");
  EXPECT_THAT(human.out, HasSubstr("member 3 had already invited member 4"));
}

TEST_F(InvitationCliTest, OnlyTheRecipientAnswersAndOnlyTheSenderWithdrawsWhenActingAsAMember) {
  const int64_t id = Invite("2 1");
  EXPECT_THAT(Refused(fmt::format("accept {} --as 2", id)),
              HasSubstr(fmt::format("only the recipient of invitation {} may accept it", id)));
  EXPECT_THAT(Refused(fmt::format("ignore {} --as 6", id)),
              HasSubstr(fmt::format("invitation {} not found", id)));
  EXPECT_THAT(Refused(fmt::format("report {} --as 2", id)), HasSubstr("only the recipient"));
  EXPECT_THAT(Refused(fmt::format("withdraw {} --as 1", id)),
              HasSubstr(fmt::format("only the sender of invitation {} may withdraw it", id)));
  EXPECT_EQ(Json(fmt::format("withdraw {} --as 2", id))["state"], "withdrawn");
  // Without --as the operator acts; the state machine still holds.
  EXPECT_THAT(Refused(fmt::format("accept {}", id)),
              HasSubstr(fmt::format("invitation {} is withdrawn, not pending", id)));
  EXPECT_THAT(Refused("accept 999"), HasSubstr("invitation 999 does not exist"));

  const int64_t second = Invite("2 1");
  EXPECT_EQ(Json(fmt::format("ignore {}", second))["state"], "ignored");
  EXPECT_THAT(Refused(fmt::format("accept {} --as 1", second)),
              HasSubstr("is ignored, not pending"));
}

TEST_F(InvitationCliTest, AReportedPairCannotInviteAgain) {
  const int64_t id = Invite("3 1");
  EXPECT_EQ(Json(fmt::format("report {} --as 1", id))["state"], "reported");
  for (const char* pair : {"3 1", "1 3"}) {
    EXPECT_THAT(Refused(fmt::format("invite {}", pair)),
                HasSubstr(fmt::format("cannot invite each other: invitation {} between them "
                                      "was reported",
                                      id)));
  }
}

TEST_F(InvitationCliTest, AReportIsTakenBackByUnreport) {
  const int64_t id = Invite("3 1");
  ASSERT_EQ(Json(fmt::format("report {} --as 1", id))["state"], "reported");
  EXPECT_THAT(Refused(fmt::format("unreport {} --as 3", id)),
              HasSubstr(fmt::format("only the recipient of invitation {} may unreport it", id)));
  const json undone = Json(fmt::format("unreport {} --as 1", id));
  EXPECT_EQ(undone["state"], "ignored");
  EXPECT_EQ(undone["from"], 3);
  EXPECT_THAT(Refused(fmt::format("unreport {}", id)),
              HasSubstr(fmt::format("invitation {} is ignored, not reported", id)));
}

// Kari (1) wrote post 10, which Ola (2) read on 1 Feb 2024; she spoke at JavaZone.
TEST_F(InvitationCliTest, AnInvitationFromAPostOrAnAppearanceCarriesItsOrigin) {
  const std::string net = dir_.File("net");
  std::ofstream(net + "/posts.csv") << "id,author,title,body,created_at\n"
                                       "10,1,Bruer over fjorder,Om bruer,2024-01-01\n";
  std::ofstream(net + "/post_views.csv") << "post_id,viewer,at\n10,2,2024-02-01T09:30:00Z\n";
  db_ = dir_.File("via.db");
  RunResult imported = RunCommand(fmt::format("{} import --db {} {}", LeddBinary(), db_, net));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  EXPECT_THAT(Refused("invite 4 1 --via post:10"), HasSubstr("member 4 has not read it"));
  EXPECT_THAT(Refused("invite 4 1 --via talk:1"), HasSubstr("unknown invitation origin"));
  const json sent = Json("invite 2 1 --via post:10");
  EXPECT_EQ(sent["via"], json({{"kind", "post"},
                               {"id", 10},
                               {"title", "Bruer over fjorder"},
                               {"read_at", "2024-02-01T09:30:00Z"}}));
  RunResult box = Ledd("invitations 1");
  EXPECT_EQ(box.exit_code, 0) << box.err;
  EXPECT_THAT(box.out,
              HasSubstr("\n  sent from the post ‘Bruer over fjorder’ (read 2024-02-01)\n"));
  RunResult advice = Ledd(fmt::format("advice {}", sent["id"].get<int64_t>()));
  EXPECT_THAT(advice.out, HasSubstr("sent from the post ‘Bruer over fjorder’ (read 2024-02-01)\n"));
  EXPECT_THAT(advice.out, HasSubstr("Read your post ‘Bruer over fjorder’ on 1 Feb 2024"));

  const json talk = Json(
      "appearances 1 --add --kind talk --title 'Event sourcing' --event 'JavaZone 2025' "
      "--date 2025-09-10 --place 'Oslo Spektrum'");
  EXPECT_EQ(talk["member"], 1);
  EXPECT_EQ(talk["date"], "2025-09-10");
  const int64_t talk_id = talk["id"];
  EXPECT_EQ(Json("appearances 1")["appearances"], json::array({talk}));
  RunResult listed = Ledd("appearances 1");
  EXPECT_THAT(listed.out,
              HasSubstr(fmt::format("member 1: 1 appearance\n  {}  2025-09-10  talk  ‘Event "
                                    "sourcing’ at JavaZone 2025, Oslo Spektrum",
                                    talk_id)));
  EXPECT_THAT(Refused("appearances 1 --add --title Dato --date 2025-02-30"),
              HasSubstr("must be a day written YYYY-MM-DD"));
  EXPECT_THAT(Refused("appearances 1 --title 'No --add'"), HasSubstr("--title requires --add"));

  const json heard = Json(fmt::format("invite 4 1 --via appearance:{}", talk_id));
  EXPECT_EQ(heard["via"]["kind"], "appearance");
  EXPECT_EQ(heard["via"]["event"], "JavaZone 2025");
  EXPECT_EQ(heard["via"]["appearance_kind"], "talk");
  const json received = Json("invitations 1");
  ASSERT_EQ(received["invitations"].size(), 2u);

  // Only Kari deletes her appearance; then the invitation shows no origin.
  EXPECT_THAT(Refused(fmt::format("appearances 2 --delete {}", talk_id)),
              HasSubstr(fmt::format("appearance {} does not exist", talk_id)));
  EXPECT_EQ(Json(fmt::format("appearances 1 --delete {}", talk_id)),
            json({{"id", talk_id}, {"deleted", true}}));
  EXPECT_TRUE(Json("appearances 1")["appearances"].empty());
  for (const json& entry : Json("invitations 1")["invitations"]) {
    if (entry["id"] == heard["id"]) EXPECT_TRUE(entry["via"].is_null()) << entry;
  }
}

TEST_F(InvitationCliTest, ABlockedPairCannotInviteUntilUnblocked) {
  const int64_t pending = Invite("3 1");
  EXPECT_EQ(Json("block 1 3"),
            (json{{"member", 1},
                  {"blocked", 3},
                  {"invitations", json::array({{{"id", pending}, {"state", "ignored"}}})}}));
  // The blocked member learns only that they cannot invite; the blocker is reminded why.
  std::string to_blocker = Refused("invite 3 1");
  EXPECT_THAT(to_blocker, HasSubstr("ledd: member 1 cannot be invited by member 3"));
  EXPECT_THAT(to_blocker, ::testing::Not(HasSubstr("block")));
  EXPECT_THAT(Refused("invite 1 3"), HasSubstr("member 1 has blocked member 3"));

  EXPECT_THAT(Refused("block 1 3"), HasSubstr("member 1 has already blocked member 3"));
  EXPECT_THAT(Refused("block 1 1"), HasSubstr("member 1 cannot block itself"));
  EXPECT_THAT(Refused("block 1 99"), HasSubstr("member 99 does not exist"));
  EXPECT_THAT(Refused("unblock 3 1"), HasSubstr("member 3 has not blocked member 1"));

  json listed = Json("blocked 1");
  EXPECT_EQ(listed["member"], 1);
  ASSERT_EQ(listed["blocked"].size(), 1u);
  EXPECT_EQ(listed["blocked"][0]["member"], 3);
  EXPECT_THAT(Ledd("blocked 1").out, HasSubstr("member 1 has blocked 1 member"));
  EXPECT_EQ(Json("blocked 3")["blocked"], json::array());
  EXPECT_THAT(Refused("blocked 99"), HasSubstr("member 99 does not exist"));

  RunResult unblocked = Ledd("unblock 1 3");
  EXPECT_EQ(unblocked.exit_code, 0) << unblocked.err;
  EXPECT_THAT(unblocked.out, HasSubstr("member 1 unblocked member 3"));
  // The block ignored 3's invitation: 3 waits out the re-invite cooldown like anyone
  // ignored, and 1, who lifted the block, may invite at once.
  EXPECT_THAT(Refused("invite 3 1"), HasSubstr("member 3 can invite member 1 again on"));
  Invite("1 3");
}

TEST_F(InvitationCliTest, ABlockKeepsAnExistingConnection) {
  RunResult blocked = Ledd("block 2 6");
  EXPECT_EQ(blocked.exit_code, 0) << blocked.err;
  EXPECT_THAT(blocked.out, HasSubstr("member 2 blocked member 6"));
  EXPECT_EQ(Json("degree 2 6")["degree"], 1);
}

TEST_F(InvitationCliTest, TheReceivedBoxHasAdviceAndReachForPendingInvitations) {
  const int64_t spam = Invite("3 1");
  const int64_t colleague = Invite("2 1 --note 'Vi møttes på NTNU'");
  const int64_t answered = Invite("4 1");
  Json(fmt::format("ignore {}", answered));

  json box = Json("invitations 1");
  ASSERT_EQ(box["invitations"].size(), 3u) << box.dump();
  const json& first = box["invitations"][0];
  EXPECT_EQ(first["id"], colleague);  // Pending first, newest first.
  EXPECT_EQ(first["from"], 2);
  EXPECT_EQ(first["to"], 1);
  EXPECT_EQ(first["state"], "pending");
  EXPECT_EQ(first["marginal_reach"], 2);  // Ola and Ola's contact Eva.
  EXPECT_EQ(first["advice"]["decision"], "accept");
  ASSERT_FALSE(first["advice"]["reasons"].empty());
  for (const char* key : {"code", "weight", "text"}) {
    EXPECT_TRUE(first["advice"]["reasons"][0].contains(key)) << key;
  }
  EXPECT_TRUE(first["advice"]["score"].is_number());
  EXPECT_EQ(box["invitations"][1]["id"], spam);
  EXPECT_EQ(box["invitations"][1]["advice"]["decision"], "decline");
  EXPECT_EQ(box["invitations"][1]["advice"]["reasons"][0]["code"], "no_photo");
  EXPECT_EQ(box["invitations"][2]["id"], answered);
  EXPECT_EQ(box["invitations"][2]["advice"], nullptr);
  EXPECT_EQ(box["invitations"][2]["marginal_reach"], nullptr);

  json norwegian = Json("invitations 1 --lang nb --state pending");
  ASSERT_EQ(norwegian["invitations"].size(), 2u);
  EXPECT_EQ(norwegian["invitations"][1]["advice"]["reasons"][0]["text"], "Mangler profilbilde");

  json sent = Json("invitations 2 --box sent");
  ASSERT_EQ(sent["invitations"].size(), 1u);
  EXPECT_EQ(sent["invitations"][0]["advice"], nullptr);
  EXPECT_THAT(Refused("invitations 99"), HasSubstr("member 99 does not exist"));
  EXPECT_THAT(Refused("invitations 1 --lang de"), HasSubstr("--lang"));
}

TEST_F(InvitationCliTest, AdviceForOnePendingInvitation) {
  const int64_t id = Invite("3 1");
  json advice = Json(fmt::format("advice {}", id));
  EXPECT_EQ(advice["decision"], "decline");
  EXPECT_EQ(advice["marginal_reach"], 1);
  EXPECT_TRUE(advice["score"].is_number());
  EXPECT_EQ(advice["reasons"][0]["code"], "no_photo");
  EXPECT_EQ(advice["reasons"][0]["text"], "No profile photo");
  EXPECT_EQ(Json(fmt::format("advice {} --lang nb", id))["reasons"][0]["text"],
            "Mangler profilbilde");

  RunResult human = Ledd(fmt::format("advice {}", id));
  EXPECT_THAT(human.out, HasSubstr("decline"));
  EXPECT_THAT(human.out, HasSubstr("No profile photo"));

  Json(fmt::format("ignore {}", id));
  EXPECT_THAT(Refused(fmt::format("advice {}", id)),
              HasSubstr("is ignored; advice is for pending invitations"));
}

TEST_F(InvitationCliTest, SettingsShowAndChangePolicyAndMarkets) {
  EXPECT_EQ(Json("settings 1"), (json{{"member", 1}, {"policy", "liberal"}, {"markets", "home"}}));
  EXPECT_EQ(Json("settings 1 --policy selective --markets no,SE"),
            (json{{"member", 1}, {"policy", "selective"}, {"markets", "NO,SE"}}));
  EXPECT_EQ(Json("settings 1 --markets international")["policy"], "selective");
  EXPECT_EQ(Json("settings 1")["markets"], "international");
  EXPECT_THAT(Refused("settings 1 --policy strict"), HasSubstr("--policy"));
  EXPECT_THAT(Refused("settings 1 --markets Norway"), HasSubstr("markets must be"));
  EXPECT_THAT(Refused("settings 99"), HasSubstr("member 99 does not exist"));
}

TEST_F(InvitationCliTest, SavedSearchesAreSavedListedAndDeleted) {
  EXPECT_EQ(Json("saved-searches 1"), (json{{"member", 1}, {"saved_searches", json::array()}}));
  json saved = Json("saved-searches 1 --save 'engineers in Oslo' --title engineer --city Oslo");
  EXPECT_EQ(saved["member"], 1);
  EXPECT_EQ(saved["name"], "engineers in Oslo");
  EXPECT_EQ(saved["filters"], (json{{"title", "engineer"}, {"city", "Oslo"}}));
  EXPECT_TRUE(saved["created_at"].is_number_integer());
  Json(
      "saved-searches 1 --save bergen --city Bergen --industry Construction --country NO "
      "--company X --school NTNU --field Roads --name Ol");
  // Saving under a name again replaces the search.
  Json("saved-searches 1 --save 'engineers in Oslo' --city Oslo");

  json listed = Json("saved-searches 1");
  ASSERT_EQ(listed["saved_searches"].size(), 2u) << listed.dump();
  EXPECT_EQ(listed["saved_searches"][0]["name"], "bergen");  // By name.
  EXPECT_EQ(listed["saved_searches"][0]["filters"], (json{{"city", "Bergen"},
                                                          {"industry", "Construction"},
                                                          {"country", "NO"},
                                                          {"company", "X"},
                                                          {"school", "NTNU"},
                                                          {"field", "Roads"},
                                                          {"name", "Ol"}}));
  EXPECT_EQ(listed["saved_searches"][1]["filters"], (json{{"city", "Oslo"}}));
  EXPECT_TRUE(Json("saved-searches 2")["saved_searches"].empty());

  RunResult text = Ledd("saved-searches 1");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("member 1: 2 saved searches"));
  EXPECT_THAT(text.out, HasSubstr("engineers in Oslo: city=Oslo"));

  EXPECT_EQ(Json("saved-searches 1 --delete bergen"),
            (json{{"member", 1}, {"name", "bergen"}, {"deleted", true}}));
  EXPECT_EQ(Json("saved-searches 1")["saved_searches"].size(), 1u);

  EXPECT_THAT(Refused("saved-searches 1 --delete bergen"),
              HasSubstr("member 1 has no saved search \"bergen\""));
  EXPECT_THAT(Refused("saved-searches 1 --save everyone"),
              HasSubstr("saved search \"everyone\" has no filter"));
  EXPECT_THAT(Refused("saved-searches 1 --city Oslo"), HasSubstr("add --save NAME"));
  EXPECT_THAT(Refused("saved-searches 1 --save '' --city Oslo"), HasSubstr("needs a name"));
  EXPECT_THAT(Refused("saved-searches 1 --save a --delete b --city Oslo"), HasSubstr("--delete"));
  EXPECT_THAT(Refused("saved-searches 99"), HasSubstr("member 99 does not exist"));
  EXPECT_THAT(Refused("saved-searches 99 --save x --city Oslo"),
              HasSubstr("member 99 does not exist"));
}

TEST_F(InvitationCliTest, TheBoxSaysHowManyNewPeopleMatchEachSavedSearch) {
  const int64_t from_ola = Invite("2 1");  // Brings Ola (Bergen) and Eva (Oslo).
  const int64_t from_ada = Invite("4 1");  // Brings Ada and Bo, both in Oslo.
  const int64_t answered = Invite("3 1");
  Json(fmt::format("ignore {}", answered));
  json before = Json("invitations 1");
  ASSERT_EQ(before["invitations"].size(), 3u);
  EXPECT_EQ(before["invitations"][0]["saved_searches"], json::array());

  Json("saved-searches 1 --save 'engineers in Oslo' --title engineer --city oslo");
  Json("saved-searches 1 --save bergen --city Bergen");
  Json("saved-searches 2 --save 'not 1s' --city Oslo");
  json box = Json("invitations 1");
  ASSERT_EQ(box["invitations"].size(), 3u) << box.dump();
  for (const json& entry : box["invitations"]) {
    const json expected =
        entry["id"] == from_ada   ? json::array({{{"name", "bergen"}, {"matches", 0}},
                                                 {{"name", "engineers in Oslo"}, {"matches", 0}}})
        : entry["id"] == from_ola ? json::array({{{"name", "bergen"}, {"matches", 1}},
                                                 {{"name", "engineers in Oslo"}, {"matches", 0}}})
                                  : json(nullptr);  // Answered: nothing to decide, like advice.
    EXPECT_EQ(entry["saved_searches"], expected) << entry.dump();
  }
  // The title filter reads positions, not headlines, and nobody here has one; with the
  // city alone the Oslo members count.
  Json("saved-searches 1 --save 'engineers in Oslo' --city oslo");
  box = Json("invitations 1");
  EXPECT_EQ(box["invitations"][0]["id"], from_ada);
  EXPECT_EQ(box["invitations"][0]["saved_searches"][1],
            (json{{"name", "engineers in Oslo"}, {"matches", 2}}));
  EXPECT_EQ(box["invitations"][1]["saved_searches"][1]["matches"], 1);
  EXPECT_EQ(box["invitations"][1]["marginal_reach"], 2);  // Unchanged next to it.

  RunResult text = Ledd("invitations 1");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("+2 new in your network, 1 of them match \"bergen\", 1 match "
                                  "\"engineers in Oslo\""));
  EXPECT_THAT(text.out, HasSubstr("+2 new in your network, 0 of them match \"bergen\", 2 match "
                                  "\"engineers in Oslo\""));
  json sent = Json("invitations 2 --box sent");
  EXPECT_EQ(sent["invitations"][0]["saved_searches"], nullptr);
}

}  // namespace
}  // namespace ledd

namespace ledd {
namespace {

TEST_F(InvitationCliTest, ContactsReportShowsReachIfAdvisedInvitationsAreAccepted) {
  Invite("4 1");  // Ada: a good profile with one contact (Bo): advised accept.
  Invite("2 1");  // Ola: one contact (Eva): advised accept.
  Invite("3 1");  // Per: no photo, thin profile: advised decline.
  json report = Json("contacts-report 1");
  EXPECT_EQ(report["member"], 1);
  EXPECT_EQ(report["contacts"], 0);
  EXPECT_EQ(report["percentile"], 0.0);
  EXPECT_EQ(report["reach"]["first"], 0);
  EXPECT_EQ(report["reach"]["second"], 0);
  EXPECT_EQ(report["advised_accept"], 2);
  EXPECT_EQ(report["reach_if_accepted"], 4);  // Ada, Ola and their contacts Bo, Eva.
  ASSERT_EQ(report["curve"].size(), 4u);      // k = 0..3 pending invitations.
  std::vector<int64_t> reach;
  for (const json& step : report["curve"]) reach.push_back(step["reach"].get<int64_t>());
  EXPECT_EQ(reach, (std::vector<int64_t>{0, 2, 4, 5}));
  EXPECT_EQ(report["curve"][3]["sender"], 3);  // Per adds only himself: the last step.

  RunResult text = Ledd("contacts-report 1");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("accepting the 2 invitations advised accept: 4"));
  EXPECT_NE(Ledd("contacts-report 99").exit_code, 0);
}

TEST_F(InvitationCliTest, InvitesByEmailWithASignUpLinkAndRefusesMixedTargets) {
  json sent = Json("invite 1 --email Ada@Example.org --note Hei --public-url https://ledd.example.org/");
  EXPECT_EQ(sent["email_invitation"]["email"], "ada@example.org");
  EXPECT_EQ(sent["email_invitation"]["note"], "Hei");
  EXPECT_EQ(sent["email_invitation"]["state"], "pending");
  EXPECT_THAT(sent["signup_link"].get<std::string>(),
              ::testing::StartsWith("https://ledd.example.org/#/signup?invite="));
  EXPECT_THAT(Refused("invite 1 --email ada@example.org"), HasSubstr("a pending email invitation"));
  EXPECT_THAT(Refused("invite 1 --email not-an-address"), HasSubstr("is not an email address"));
  EXPECT_THAT(Refused("invite 1"), HasSubstr("give either TO"));
  EXPECT_THAT(Refused("invite 1 2 --email x@example.org"), HasSubstr("excludes"));
  EXPECT_THAT(Refused("invite 1 --email x@example.org --via post:1"), HasSubstr("--via"));
}

}  // namespace
}  // namespace ledd
