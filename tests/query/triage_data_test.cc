// The article's clear cases, as a small hand-made network in ledd's CSV format
// (tests/data/triage), loaded the way ledd loads any network (importer -> SQLite store
// -> LoadSnapshot), with sender behaviour and comments read from the store. Each
// pending invitation's expected decision is written next to the article's reason.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledd/ingest/importer.h"
#include "ledd/query/advice.h"
#include "ledd/query/triage_table.h"
#include "ledd/service/advice_facts.h"
#include "ledd/service/live_network.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::query {
namespace {

struct Expected {
  InvitationId invitation;
  Decision decision;
  std::vector<std::string> codes;  // Must be among the reasons.
  std::string why;                 // The article's reason.
};

const std::vector<Expected>& ArticleCases() {
  static const auto* cases = new std::vector<Expected>{
      {1, Decision::kDecline, {"no_photo", "thin_profile"},
       "No photo and an empty profile: the article's spam, decline whatever the note says."},
      {2, Decision::kDecline, {"thin_profile"},
       "A photo but a near-empty profile (only a city): thin, decline."},
      {3, Decision::kAccept, {"same_school_field_same_time", "serious_profile"},
       "Studied the same field at the same school at the same time: accept."},
      {4, Decision::kAccept, {"same_employer_same_time", "mutual_contacts"},
       "A colleague at the same employer with a mutual contact: accept."},
      {5, Decision::kAccept, {"serious_profile", "personal_note"},
       "A serious profile with nothing in common, under the liberal default: accept."},
      {6, Decision::kDecline, {"outside_markets"},
       "A Swedish sender with nothing in common, to a member who does business in Norway "
       "only: the article's decline."},
      {7, Decision::kAccept, {"serious_profile"},
       "The same Swedish sender to an international member: geography is neutral, accept."},
      {8, Decision::kConsider, {"serious_profile"},
       "A selective member and a stranger with no common ground: consider."},
      {9, Decision::kAccept, {"follows_you"},
       "A selective member and a follower: visibility is common ground, accept."},
      {10, Decision::kAccept, {"mutual_contacts"},
       "A selective member and a sender with a mutual contact: accept."},
      {11, Decision::kConsider, {"serious_profile"},
       "A good profile, but no common ground with a selective member: consider."},
      {12, Decision::kDecline, {"reported_often"},
       "A complete profile that three members reported as unknown: decline."},
      {13, Decision::kAccept, {"commented_on_your_posts"},
       "A Swedish sender inside the recipient's listed markets who comments on their posts: "
       "accept."},
  };
  return *cases;
}

class TriageData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ledd::testing::TempDir();
    auto store = store::OpenSqliteStore({.path = dir_->File("triage.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = store->release();
    auto imported = ingest::ImportDirectory(*store_, {.dir = LEDD_TRIAGE_DATA});
    ASSERT_TRUE(imported.ok()) << imported.status();
    auto snapshot = service::LoadSnapshot(*store_);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    snapshot_ = new std::shared_ptr<const graph::Snapshot>(*std::move(snapshot));
  }
  static void TearDownTestSuite() {
    delete snapshot_;
    delete store_;
    delete dir_;
  }

  // Advice for a stored invitation, with the store's facts, as the service advises.
  static Advice AdviseStored(InvitationId id, Language language) {
    auto invitation = store_->GetInvitation(id);
    EXPECT_TRUE(invitation.ok()) << invitation.status();
    const graph::Snapshot& snapshot = **snapshot_;
    auto facts = service::GatherAdviceFacts(*store_, snapshot, *invitation, language);
    EXPECT_TRUE(facts.ok()) << facts.status();
    return Advise(snapshot, facts->request);
  }

  static ledd::testing::TempDir* dir_;
  static store::Store* store_;
  static std::shared_ptr<const graph::Snapshot>* snapshot_;
};

ledd::testing::TempDir* TriageData::dir_ = nullptr;
store::Store* TriageData::store_ = nullptr;
std::shared_ptr<const graph::Snapshot>* TriageData::snapshot_ = nullptr;

TEST_F(TriageData, TheArticlesClearCases) {
  for (const Expected& expected : ArticleCases()) {
    SCOPED_TRACE(::testing::Message() << "invitation " << expected.invitation << ": "
                                      << expected.why);
    for (Language language : {Language::kEnglish, Language::kNorwegian}) {
      const Advice advice = AdviseStored(expected.invitation, language);
      EXPECT_EQ(DecisionName(advice.decision), DecisionName(expected.decision));
      for (const std::string& code : expected.codes) {
        bool found = false;
        for (const Reason& reason : advice.reasons) found = found || reason.code == code;
        EXPECT_TRUE(found) << "missing reason " << code;
      }
    }
  }
}

TEST_F(TriageData, SentencesNameTheSchoolTheEmployerAndTheContacts) {
  auto text = [](const Advice& advice, std::string_view code) {
    for (const Reason& reason : advice.reasons) {
      if (reason.code == code) return reason.text;
    }
    return std::string();
  };
  EXPECT_EQ(text(AdviseStored(3, Language::kEnglish), "same_school_field_same_time"),
            "You both studied Bygg- og miljøteknikk at NTNU, at the same time");
  EXPECT_EQ(text(AdviseStored(3, Language::kNorwegian), "same_school_field_same_time"),
            "Dere studerte begge Bygg- og miljøteknikk ved NTNU, samtidig");
  EXPECT_EQ(text(AdviseStored(4, Language::kEnglish), "same_employer_same_time"),
            "You both worked at Equinor at the same time");
  EXPECT_EQ(text(AdviseStored(4, Language::kEnglish), "mutual_contacts"),
            "1 mutual contact: Anne Dahl");
  EXPECT_EQ(text(AdviseStored(10, Language::kNorwegian), "mutual_contacts"),
            "1 felles kontakt: Bjørn Sæther");
  EXPECT_EQ(text(AdviseStored(6, Language::kNorwegian), "outside_markets"),
            "Bor i Sverige, utenfor markedene dine");
  EXPECT_EQ(text(AdviseStored(12, Language::kEnglish), "reported_often"),
            "Reported 3 times as unknown by recipients");
  EXPECT_EQ(text(AdviseStored(13, Language::kEnglish), "commented_on_your_posts"),
            "Has commented on your posts 2 times");
  EXPECT_EQ(text(AdviseStored(1, Language::kNorwegian), "no_photo"), "Mangler profilbilde");
}

TEST_F(TriageData, MarginalReachOfTheColleague) {
  // Ingrid (1) reaches 20 and 22 and, through 20, Ola (13). Accepting Ola adds nobody:
  // Ola is already at distance 2 and his only contact is Anne (20).
  EXPECT_EQ(AdviseStored(4, Language::kEnglish).marginal_reach, 0u);
  // Per (14) is new, and so is his contact Siri (24).
  EXPECT_EQ(AdviseStored(5, Language::kEnglish).marginal_reach, 2u);
}

TEST(TriageDoc, ListsEveryCodeOfTheTable) {
  std::ifstream in(std::string(LEDD_SOURCE_DIR) + "/docs/triage.md");
  ASSERT_TRUE(in.good()) << "docs/triage.md";
  std::stringstream text;
  text << in.rdbuf();
  for (const TriageRow& row : TriageTable().rows) {
    EXPECT_NE(text.str().find("`" + std::string(row.code) + "`"), std::string::npos) << row.code;
  }
  // The tables are the code's, verbatim (regenerate with `triage_eval --table`).
  EXPECT_NE(text.str().find(TriageTableMarkdown()), std::string::npos)
      << "docs/triage.md's tables differ from TriageTableMarkdown()";
}

}  // namespace
}  // namespace ledd::query
