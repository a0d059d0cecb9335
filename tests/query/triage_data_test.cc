// The labelled invitation set in ledd's CSV format (tests/data/triage, built by its
// make_cases.py; labels.csv gives each pending invitation the article's decision and the
// reason), loaded the way ledd loads any network (importer -> SQLite store ->
// LoadSnapshot) and advised as the invitation service advises (GatherAdviceFacts). The
// whole set is held to: no invitation labelled accept is advised decline or the
// reverse, and the advice agrees with the labels as often as measured (docs/triage.md,
// "Measured"). The article's clear cases (invitations 1-13) are also checked reason by
// reason.

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ledd/ingest/csv_reader.h"
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

struct Labelled {
  InvitationId invitation = 0;
  std::string label;   // accept, consider or decline
  std::string reason;  // Why, by the article's rules.
  std::string family;  // The kind of case (labels.csv's `case`).
};

std::vector<Labelled> ReadLabels() {
  const std::string path = std::string(LEDD_TRIAGE_DATA) + "/labels.csv";
  auto reader = ingest::CsvReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<Labelled> labels;
  if (!reader.ok()) return labels;
  auto id = reader->Column("invitation_id");
  auto label = reader->Column("label");
  auto reason = reader->Column("reason");
  auto family = reader->Column("case");
  for (const auto* column : {&id, &label, &reason, &family}) {
    EXPECT_TRUE(column->ok()) << column->status();
    if (!column->ok()) return labels;
  }
  while (true) {
    absl::StatusOr<bool> more = reader->Next();
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    auto invitation = reader->Int(*id);
    EXPECT_TRUE(invitation.ok()) << invitation.status();
    labels.push_back({.invitation = invitation.value_or(0),
                      .label = std::string(reader->Field(*label)),
                      .reason = std::string(reader->Field(*reason)),
                      .family = std::string(reader->Field(*family))});
  }
  return labels;
}

// Every case agrees with its label (docs/triage.md, "Measured": 245 of 245, fields
// compared through the vocabulary). A miss names the case, its label's reason and the
// advice's reasons.
TEST_F(TriageData, TheLabelledSet) {
  const std::vector<Labelled> labels = ReadLabels();
  ASSERT_GE(labels.size(), 200u);

  // Every pending invitation is labelled, once, and every label names one.
  std::set<InvitationId> labelled;
  for (const Labelled& row : labels) {
    EXPECT_TRUE(labelled.insert(row.invitation).second) << "labelled twice: " << row.invitation;
  }
  auto ids = store_->MemberIds();
  ASSERT_TRUE(ids.ok()) << ids.status();
  size_t pending = 0;
  for (MemberId member : *ids) {
    auto received = store_->ListInvitations(
        member, {.box = store::InvitationBox::kReceived, .state = store::InvitationState::kPending});
    ASSERT_TRUE(received.ok()) << received.status();
    for (const store::Invitation& invitation : *received) {
      EXPECT_TRUE(labelled.contains(invitation.id)) << "not labelled: " << invitation.id;
    }
    pending += received->size();
  }
  EXPECT_EQ(pending, labels.size());

  size_t agreeing = 0;
  std::map<std::string, std::map<std::string, int>> confusion;  // label -> advice -> count
  for (const Labelled& row : labels) {
    const Advice advice = AdviseStored(row.invitation, Language::kEnglish);
    const std::string advised(DecisionName(advice.decision));
    ++confusion[row.label][advised];
    if (advised == row.label) {
      ++agreeing;
      continue;
    }
    std::string codes;
    for (const Reason& reason : advice.reasons) codes += " " + reason.code;
    const std::string why = "invitation " + std::to_string(row.invitation) + " [" + row.family +
                            "] labelled " + row.label + ", advised " + advised + "\n  label: " +
                            row.reason + "\n  reasons:" + codes;
    EXPECT_FALSE((row.label == "accept" && advised == "decline") ||
                 (row.label == "decline" && advised == "accept"))
        << "accept<->decline: " << why;
    ADD_FAILURE() << why;
  }
  const double agreement = static_cast<double>(agreeing) / static_cast<double>(labels.size());
  std::string table;
  for (const auto& [label, row] : confusion) {
    table += "\n  " + label + ":";
    for (const auto& [advised, count] : row) table += " " + advised + " " + std::to_string(count);
  }
  EXPECT_EQ(agreeing, labels.size()) << agreement << table;
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
