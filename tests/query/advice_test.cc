#include "ledd/query/advice.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "ledd/base/fold.h"
#include "ledd/graph/snapshot_builder.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/triage_table.h"
#include "ledd/query/vocabulary.h"
#include "query/networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using graph::EducationInput;
using graph::MemberInput;
using graph::PositionInput;

constexpr MemberId kRecipient = 1;
constexpr MemberId kSender = 2;
constexpr OrganizationId kEquinor = 100;
constexpr OrganizationId kDnb = 101;
constexpr OrganizationId kNtnu = 200;
constexpr OrganizationId kUio = 201;

Timestamp Year(int year) { return static_cast<Timestamp>(year - 1970) * 31'556'952; }

// A recipient with a full profile (Equinor engineer, civil engineering at NTNU, Oslo,
// liberal, home market) and a sender whose profile each test shapes. Defaults make the
// sender complete and serious but with nothing in common with the recipient.
struct Scenario {
  MemberInput recipient{.id = kRecipient, .first_name = "Ingrid", .last_name = "Berg",
                        .headline = "Engineer at Equinor", .has_summary = true,
                        .has_photo = true, .city = "Oslo", .country = "NO",
                        .industry = "Oil & Energy"};
  MemberInput sender{.id = kSender, .first_name = "Lars", .last_name = "Dahl",
                     .headline = "Adviser at DNB", .has_summary = true, .has_photo = true,
                     .city = "Bergen", .country = "NO", .industry = "Banking"};
  std::vector<PositionInput> positions = {
      {.member = kRecipient, .organization = kEquinor, .title = "Engineer",
       .start = Year(2014), .end = Year(2020)},
      {.member = kSender, .organization = kDnb, .title = "Adviser", .start = Year(2012)}};
  std::vector<EducationInput> educations = {
      {.member = kRecipient, .school = kNtnu, .field = "Bygg- og miljøteknikk",
       .start = Year(2008), .end = Year(2013)},
      {.member = kSender, .school = kUio, .field = "Samfunnsøkonomi", .start = Year(2005),
       .end = Year(2010)}};
  std::vector<MemberInput> others;  // ids >= 10
  std::vector<std::pair<MemberId, MemberId>> connections;
  std::vector<std::pair<MemberId, MemberId>> follows;
  // Contacts of the sender's own (ids from 1000, no one else's contacts): enough not to
  // be few_contacts.
  int sender_contacts = 5;

  std::shared_ptr<const graph::Snapshot> Build() const {
    graph::SnapshotBuilder builder;
    builder.AddOrganization({.id = kEquinor, .name = "Equinor", .industry = "Oil & Energy",
                             .country = "NO"});
    builder.AddOrganization({.id = kDnb, .name = "DNB", .industry = "Banking", .country = "NO"});
    builder.AddOrganization({.id = kNtnu, .is_school = true, .name = "NTNU", .country = "NO"});
    builder.AddOrganization({.id = kUio, .is_school = true, .name = "Universitetet i Oslo",
                             .country = "NO"});
    builder.AddMember(recipient);
    builder.AddMember(sender);
    for (const MemberInput& other : others) builder.AddMember(other);
    for (int i = 0; i < sender_contacts; ++i) {
      builder.AddMember({.id = static_cast<MemberId>(1000 + i), .first_name = "Contact"});
    }
    for (const PositionInput& position : positions) builder.AddPosition(position);
    for (const EducationInput& education : educations) builder.AddEducation(education);
    for (const auto& [a, b] : connections) builder.AddConnection(a, b);
    for (int i = 0; i < sender_contacts; ++i) builder.AddConnection(kSender, 1000 + i);
    for (const auto& [a, b] : follows) builder.AddFollow(a, b);
    auto snapshot = std::move(builder).Build();
    EXPECT_TRUE(snapshot.ok()) << snapshot.status();
    return *std::move(snapshot);
  }

  void DropSenderBackground() {
    std::erase_if(positions, [](const PositionInput& p) { return p.member == kSender; });
    std::erase_if(educations, [](const EducationInput& e) { return e.member == kSender; });
  }
};

struct Advised {
  Advice advice;
  std::shared_ptr<const graph::Snapshot> snapshot;

  const Reason* Find(std::string_view code) const {
    for (const Reason& reason : advice.reasons) {
      if (reason.code == code) return &reason;
    }
    return nullptr;
  }
  bool Has(std::string_view code) const { return Find(code) != nullptr; }
  std::set<std::string> Codes() const {
    std::set<std::string> codes;
    for (const Reason& reason : advice.reasons) codes.insert(reason.code);
    return codes;
  }
};

Advised AdviseIn(const Scenario& scenario, AdviceRequest request = {}) {
  Advised result;
  result.snapshot = scenario.Build();
  request.sender = result.snapshot->Find(kSender);
  request.recipient = result.snapshot->Find(kRecipient);
  result.advice = Advise(*result.snapshot, request);
  return result;
}

double Weight(Signal signal) { return TriageTable().Weight(signal); }

TEST(Advise, CompleteProfileWithNothingInCommonIsAcceptedUnderTheLiberalPolicy) {
  const Advised advised = AdviseIn(Scenario{});
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);
  EXPECT_EQ(advised.Codes(), std::set<std::string>{"serious_profile"});
  EXPECT_EQ(advised.advice.score, Weight(Signal::kSeriousProfile));
  EXPECT_FALSE(advised.advice.spam_like);
  EXPECT_FALSE(advised.advice.common_ground);
}

TEST(Advise, NoPhotoAloneDeclines) {
  Scenario scenario;
  scenario.sender.has_photo = false;
  const Advised advised = AdviseIn(scenario);
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);
  ASSERT_FALSE(advised.advice.reasons.empty());
  EXPECT_EQ(advised.advice.reasons[0].code, "no_photo");
  EXPECT_EQ(advised.advice.reasons[0].weight, Weight(Signal::kNoPhoto));
  EXPECT_EQ(advised.advice.reasons[0].text, "No profile photo");
  EXPECT_TRUE(advised.advice.spam_like);

  const Advised norwegian = AdviseIn(scenario, {.language = Language::kNorwegian});
  EXPECT_EQ(norwegian.advice.reasons[0].text, "Mangler profilbilde");
}

TEST(Advise, ThinProfileDeclinesBelowThreeSections) {
  Scenario scenario;
  scenario.DropSenderBackground();
  scenario.sender.has_summary = false;
  scenario.sender.industry = "";
  // Headline and location: 2 of 6.
  Advised advised = AdviseIn(scenario);
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);
  ASSERT_TRUE(advised.Has("thin_profile"));
  EXPECT_EQ(advised.Find("thin_profile")->text, "Thin profile: 2 of 6 sections filled in");
  EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("thin_profile")->text,
            "Tynn profil: 2 av 6 deler er fylt ut");
  EXPECT_FALSE(advised.Has("serious_profile"));

  // Three sections is not thin (TriageThresholds::thin_below_sections).
  scenario.sender.industry = "Banking";
  advised = AdviseIn(scenario);
  EXPECT_FALSE(advised.Has("thin_profile"));
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);
}

TEST(Advise, SeriousProfileNeedsATitledPositionAndAnEducation) {
  Scenario scenario;
  scenario.educations.pop_back();  // the sender's
  EXPECT_FALSE(AdviseIn(scenario).Has("serious_profile"));
  scenario = Scenario{};
  scenario.positions[1].title = "";
  EXPECT_FALSE(AdviseIn(scenario).Has("serious_profile"));
  EXPECT_TRUE(AdviseIn(Scenario{}).Has("serious_profile"));
}

TEST(Advise, EducationSignalsFromStrongestToWeakest) {
  struct Case {
    OrganizationId school;
    std::string field;
    int start, end;
    std::string code;
    std::string english;
    std::string norwegian;
  };
  const std::vector<Case> cases = {
      {kNtnu, "Bygg- og miljøteknikk", 2010, 2015, "same_school_field_same_time",
       "You both studied Bygg- og miljøteknikk at NTNU, at the same time",
       "Dere studerte begge Bygg- og miljøteknikk ved NTNU, samtidig"},
      {kNtnu, "Bygg- og miljøteknikk", 2016, 2021, "same_school_field",
       "You both studied Bygg- og miljøteknikk at NTNU",
       "Dere studerte begge Bygg- og miljøteknikk ved NTNU"},
      {kNtnu, "Informatikk", 2012, 2017, "same_school_same_time",
       "You were both at NTNU at the same time", "Dere gikk begge på NTNU samtidig"},
      {kNtnu, "Informatikk", 2001, 2006, "same_school", "You both studied at NTNU",
       "Dere studerte begge ved NTNU"},
      {kUio, "Bygg- og miljøteknikk", 2008, 2013, "same_field",
       "You both studied Bygg- og miljøteknikk", "Dere studerte begge Bygg- og miljøteknikk"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    Scenario scenario;
    scenario.educations[1] = {.member = kSender, .school = c.school, .field = c.field,
                              .start = Year(c.start), .end = Year(c.end)};
    const Advised advised = AdviseIn(scenario);
    EXPECT_EQ(advised.Codes(), (std::set<std::string>{"serious_profile", c.code}));
    ASSERT_TRUE(advised.Has(c.code));
    EXPECT_EQ(advised.Find(c.code)->text, c.english);
    EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find(c.code)->text, c.norwegian);
    EXPECT_TRUE(advised.advice.common_ground);
  }
}

TEST(Advise, OnlyTheStrongestEducationSignalIsCounted) {
  Scenario scenario;
  scenario.educations.push_back({.member = kSender, .school = kNtnu,
                                 .field = "Bygg- og miljøteknikk", .start = Year(2009),
                                 .end = Year(2014)});
  const Advised advised = AdviseIn(scenario);
  EXPECT_EQ(advised.Codes(),
            (std::set<std::string>{"serious_profile", "same_school_field_same_time"}));
  EXPECT_EQ(advised.advice.score,
            Weight(Signal::kSeriousProfile) + Weight(Signal::kSameSchoolFieldSameTime));
}

TEST(Advise, UnknownStudyPeriodsAreNotTheSameTime) {
  Scenario scenario;
  scenario.educations[1] = {.member = kSender, .school = kNtnu, .field = "Bygg- og miljøteknikk"};
  EXPECT_TRUE(AdviseIn(scenario).Has("same_school_field"));
}

// Fields compare through data/vocabulary.txt: a field and its name in the other language
// are the same field, and the reason shows both names.
TEST(Advise, FieldsInNorwegianAndEnglishAreTheSameField) {
  struct Case {
    std::string mine, theirs;
  };
  const std::vector<Case> cases = {{"Informatikk", "Computer Science"},
                                   {"Økonomi", "Economics"},
                                   {"Maskinteknikk", "Mechanical Engineering"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.theirs);
    Scenario scenario;
    scenario.educations[0].field = c.mine;
    scenario.educations[1].field = c.theirs;  // At UiO, the recipient at NTNU.
    const Advised advised = AdviseIn(scenario);
    EXPECT_EQ(advised.Codes(), (std::set<std::string>{"serious_profile", "same_field"}));
    ASSERT_TRUE(advised.Has("same_field"));
    EXPECT_EQ(advised.Find("same_field")->text,
              fmt::format("You both studied {} / {}", c.theirs, c.mine));
    EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("same_field")->text,
              fmt::format("Dere studerte begge {} / {}", c.theirs, c.mine));
    // At the same school, at the same time: the strongest education signal.
    scenario.educations[1].school = kNtnu;
    scenario.educations[1].start = Year(2009);
    EXPECT_TRUE(AdviseIn(scenario).Has("same_school_field_same_time"));
  }
}

TEST(Advise, UnrelatedFieldsAreNotTheSameField) {
  Scenario scenario;
  scenario.educations[0].field = "Informatikk";
  scenario.educations[1].field = "Medisin";
  EXPECT_FALSE(AdviseIn(scenario).Has("same_field"));
  // At the same school at the same time: the school in common, not the field.
  scenario.educations[1].school = kNtnu;
  EXPECT_EQ(AdviseIn(scenario).Codes(),
            (std::set<std::string>{"serious_profile", "same_school_same_time"}));
}

TEST(Advise, AFieldOutsideTheVocabularyMatchesOnlyItself) {
  ASSERT_EQ(Vocabulary::Builtin().FieldConcept(Fold("Havbiologi")), kNoConcept);
  Scenario scenario;
  scenario.educations[0].field = "Havbiologi";
  scenario.educations[1].field = "havbiologi";  // The same folded text.
  Advised advised = AdviseIn(scenario);
  ASSERT_TRUE(advised.Has("same_field"));
  EXPECT_EQ(advised.Find("same_field")->text.find(" / "), std::string::npos)
      << "one field, one name";
  scenario.educations[1].field = "Marine Biology";
  EXPECT_FALSE(AdviseIn(scenario).Has("same_field"));
  scenario.educations[1].field = "Biologi";
  EXPECT_FALSE(AdviseIn(scenario).Has("same_field"));
}

TEST(Advise, EmployerAndIndustrySignals) {
  Scenario scenario;
  scenario.positions.push_back({.member = kSender, .organization = kEquinor, .title = "Analyst",
                                .start = Year(2018), .end = Year(2019)});
  Advised advised = AdviseIn(scenario);
  ASSERT_TRUE(advised.Has("same_employer_same_time"));
  EXPECT_EQ(advised.Find("same_employer_same_time")->text,
            "You both worked at Equinor at the same time");
  EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("same_employer_same_time")->text,
            "Dere jobbet begge i Equinor samtidig");

  scenario.positions.back().start = Year(2021);
  scenario.positions.back().end = Year(2023);
  advised = AdviseIn(scenario);
  EXPECT_FALSE(advised.Has("same_employer_same_time"));
  ASSERT_TRUE(advised.Has("same_employer"));
  EXPECT_EQ(advised.Find("same_employer")->text, "You have both worked at Equinor");

  scenario = Scenario{};
  scenario.sender.industry = "Oil & Energy";
  advised = AdviseIn(scenario);
  ASSERT_TRUE(advised.Has("same_industry"));
  EXPECT_EQ(advised.Find("same_industry")->text, "You both work in Oil & Energy");
  EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("same_industry")->text,
            "Dere jobber begge innen Oil & Energy");
  EXPECT_TRUE(advised.advice.common_ground);
}

// n mutual contacts named Kari Nordmann, then "Person 1", "Person 2"... (Kari sorts first).
Scenario WithMutualContacts(int count) {
  Scenario scenario;
  for (int i = 0; i < count; ++i) {
    const MemberId id = 10 + i;
    scenario.others.push_back(
        i == 0 ? MemberInput{.id = id, .first_name = "Kari", .last_name = "Nordmann"}
        : i == 1 ? MemberInput{.id = id, .first_name = "Ola", .last_name = "Nordmann"}
                 : MemberInput{.id = id, .first_name = "Per", .last_name = fmt::format("{}", i)});
    scenario.connections.emplace_back(kRecipient, id);
    scenario.connections.emplace_back(kSender, id);
  }
  return scenario;
}

TEST(Advise, MutualContactsWithCountAndNames) {
  const Advised twelve = AdviseIn(WithMutualContacts(12));
  ASSERT_TRUE(twelve.Has("mutual_contacts"));
  EXPECT_EQ(twelve.advice.mutual_contacts, 12u);
  EXPECT_EQ(twelve.Find("mutual_contacts")->text,
            "12 mutual contacts, among them Kari Nordmann and Ola Nordmann");
  EXPECT_EQ(twelve.Find("mutual_contacts")->weight, TriageTable().thresholds.mutual_cap);
  EXPECT_EQ(AdviseIn(WithMutualContacts(12), {.language = Language::kNorwegian})
                .Find("mutual_contacts")->text,
            "12 felles kontakter, blant dem Kari Nordmann og Ola Nordmann");

  // The article's sentence, with one name quoted.
  TriageRules one_name = TriageTable();
  one_name.thresholds.mutual_names = 1;
  EXPECT_EQ(AdviseIn(WithMutualContacts(12), {.rules = &one_name}).Find("mutual_contacts")->text,
            "12 mutual contacts, among them Kari Nordmann");

  EXPECT_EQ(AdviseIn(WithMutualContacts(1)).Find("mutual_contacts")->text,
            "1 mutual contact: Kari Nordmann");
  EXPECT_EQ(AdviseIn(WithMutualContacts(1), {.language = Language::kNorwegian})
                .Find("mutual_contacts")->text,
            "1 felles kontakt: Kari Nordmann");
  EXPECT_EQ(AdviseIn(WithMutualContacts(2)).Find("mutual_contacts")->text,
            "2 mutual contacts: Kari Nordmann and Ola Nordmann");

  EXPECT_FALSE(AdviseIn(Scenario{}).Has("mutual_contacts"));
}

// Mutual contacts weigh by how selective each is (Adamic–Adar): Σ 1/ln(contacts),
// scaled and capped; they are verified common ground only when at least 3 and at least
// 2 of them are not hubs.
TEST(Advise, MutualContactsWeighByHowSelectiveEachIs) {
  const TriageThresholds& limits = TriageTable().thresholds;
  // Mutual contacts with `extra` contacts of their own besides the two members.
  const auto with_contacts = [](int count, int extra) {
    Scenario scenario = WithMutualContacts(count);
    MemberId next = 5000;
    for (int i = 0; i < count; ++i) {
      for (int j = 0; j < extra; ++j, ++next) {
        scenario.others.push_back({.id = next, .first_name = "Z"});
        scenario.connections.emplace_back(10 + i, next);
      }
    }
    return scenario;
  };
  for (const auto& [count, extra] :
       std::vector<std::pair<int, int>>{{1, 0}, {1, 40}, {3, 40}, {2, 1100}, {6, 1100}}) {
    SCOPED_TRACE(fmt::format("{} mutual contacts with {} contacts", count, extra + 2));
    const Advised advised = AdviseIn(with_contacts(count, extra));
    const double expected = std::min(
        limits.mutual_cap, limits.mutual_scale * count / std::log(static_cast<double>(extra + 2)));
    ASSERT_TRUE(advised.Has("mutual_contacts"));
    EXPECT_DOUBLE_EQ(advised.Find("mutual_contacts")->weight, expected);
    EXPECT_EQ(advised.advice.verified_common_ground, count >= 3 && extra + 2 < 1000);
  }
  // A hub counts for less than a colleague with 40 contacts.
  EXPECT_LT(AdviseIn(with_contacts(1, 1100)).Find("mutual_contacts")->weight,
            AdviseIn(with_contacts(1, 40)).Find("mutual_contacts")->weight / 1.5);

  // The sentence names the most selective: Kari and Ola are hubs here, Per 2 is not.
  Scenario hubs = with_contacts(3, 0);
  for (int j = 0; j < 1100; ++j) {
    hubs.others.push_back({.id = static_cast<MemberId>(9000 + j), .first_name = "Z"});
    hubs.connections.emplace_back(10, 9000 + j);
    hubs.connections.emplace_back(11, 9000 + j);
  }
  const Advised named = AdviseIn(hubs);
  EXPECT_EQ(named.Find("mutual_contacts")->text,
            "3 mutual contacts, among them Per 2 and Kari Nordmann");
  EXPECT_FALSE(named.advice.verified_common_ground);  // 1 of 3 not a hub
}

// Open networkers connect to nearly everyone: mutual contacts who are all hubs say
// little (the article) and are no common ground at all, for the selective policy and for
// a foreign sender alike; one mutual contact who is not a hub is.
TEST(Advise, MutualContactsWhoAreAllHubsAreNoCommonGround) {
  const uint64_t hub = TriageTable().thresholds.hub_contacts;
  // `count` mutual contacts, the first `hubs` of them with `hub` contacts of their own.
  const auto with_hubs = [hub](int count, int hubs) {
    Scenario scenario = WithMutualContacts(count);
    MemberId next = 20000;
    for (int i = 0; i < hubs; ++i) {
      for (uint64_t j = 0; j < hub; ++j, ++next) {
        scenario.others.push_back({.id = next, .first_name = "Z"});
        scenario.connections.emplace_back(10 + i, next);
      }
    }
    return scenario;
  };
  Scenario all_hubs = with_hubs(3, 3);
  all_hubs.recipient.policy = graph::TriagePolicy::kSelective;
  Advised advised = AdviseIn(all_hubs);
  ASSERT_TRUE(advised.Has("mutual_contacts"));  // shown, with its small weight
  EXPECT_GT(advised.Find("mutual_contacts")->weight, 0);
  EXPECT_FALSE(advised.advice.common_ground);
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);  // selective, no common ground

  Scenario one_selective = with_hubs(3, 2);
  one_selective.recipient.policy = graph::TriagePolicy::kSelective;
  advised = AdviseIn(one_selective);
  EXPECT_TRUE(advised.advice.common_ground);
  EXPECT_FALSE(advised.advice.verified_common_ground);  // 1 of 3 not a hub
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);  // common ground + serious profile

  // A foreign sender to a home-only recipient: hubs alone leave the article's decline.
  all_hubs.recipient.policy = graph::TriagePolicy::kLiberal;
  all_hubs.sender.country = "DE";
  EXPECT_EQ(AdviseIn(all_hubs).advice.decision, Decision::kDecline);
  one_selective.recipient.policy = graph::TriagePolicy::kLiberal;
  one_selective.sender.country = "DE";
  EXPECT_EQ(AdviseIn(one_selective).advice.decision, Decision::kConsider);
}

TEST(Advise, VisibilitySignals) {
  Scenario scenario;
  scenario.follows = {{kSender, kRecipient}};
  Advised advised = AdviseIn(scenario);
  ASSERT_TRUE(advised.Has("follows_you"));
  EXPECT_EQ(advised.Find("follows_you")->text, "Follows you");
  EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("follows_you")->text,
            "Følger deg");
  EXPECT_FALSE(advised.Has("you_follow"));

  scenario.follows = {{kRecipient, kSender}};
  advised = AdviseIn(scenario);
  EXPECT_TRUE(advised.Has("you_follow"));
  EXPECT_FALSE(advised.Has("follows_you"));

  advised = AdviseIn(Scenario{}, {.visibility = {.comments = 3}});
  ASSERT_TRUE(advised.Has("commented_on_your_posts"));
  EXPECT_EQ(advised.Find("commented_on_your_posts")->text, "Has commented on your posts 3 times");
  EXPECT_EQ(AdviseIn(Scenario{}, {.visibility = {.comments = 1}, .language = Language::kNorwegian})
                .Find("commented_on_your_posts")->text,
            "Har kommentert innleggene dine én gang");
  EXPECT_TRUE(advised.advice.common_ground);

  advised = AdviseIn(Scenario{}, {.visibility = {.posts_read = 2}});
  ASSERT_TRUE(advised.Has("read_your_posts"));
  EXPECT_EQ(advised.Find("read_your_posts")->text, "Has read 2 of your posts");
  EXPECT_EQ(AdviseIn(Scenario{}, {.visibility = {.posts_read = 1}, .language = Language::kNorwegian})
                .Find("read_your_posts")->text,
            "Har lest ett av innleggene dine");
}

constexpr Timestamp kSent = 1'790'000'000;  // 2026-09-21
constexpr Timestamp kDay = 24 * 3600;

// The gamed account: created ten minutes before inviting, it followed, commented and
// read a minute before. None of it counts; all of it is shown.
TEST(Advise, FreshAttentionAndNewAccountsDoNotCount) {
  Scenario scenario;
  scenario.recipient.policy = graph::TriagePolicy::kSelective;
  scenario.follows = {{kSender, kRecipient}};
  const VisibilityFacts fresh{.fresh_comments = 1, .fresh_posts_read = 1,
                              .sender_follows_since = kSent - 60};
  Advised advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 600,
                                        .visibility = fresh});
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  EXPECT_FALSE(advised.advice.common_ground);
  EXPECT_FALSE(advised.Has("follows_you"));
  EXPECT_FALSE(advised.Has("commented_on_your_posts"));
  ASSERT_TRUE(advised.Has("new_account"));
  EXPECT_EQ(advised.Find("new_account")->text, "Account created 10 minutes before the invitation");
  ASSERT_TRUE(advised.Has("fresh_attention"));
  EXPECT_EQ(advised.Find("fresh_attention")->weight, 0);
  EXPECT_EQ(advised.Find("fresh_attention")->text,
            "Followed you, commented on your posts and read your posts from a new account: "
            "not counted");
  EXPECT_EQ(AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 600,
                                .visibility = fresh, .language = Language::kNorwegian})
                .Find("fresh_attention")->text,
            "Begynte å følge deg, kommenterte innleggene dine og leste innleggene dine fra en "
            "ny konto: teller ikke");

  // An old account whose attention came an hour before the invitation: still fresh.
  advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 400 * kDay,
                                .visibility = fresh});
  EXPECT_FALSE(advised.Has("new_account"));
  EXPECT_EQ(advised.Find("fresh_attention")->text,
            "Followed you, commented on your posts and read your posts less than a day before "
            "inviting: not counted");
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);

  // Seasoned: a follow since last month, comments and reads from before yesterday.
  advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 400 * kDay,
                                .visibility = {.comments = 2, .posts_read = 3,
                                               .sender_follows_since = kSent - 30 * kDay}});
  EXPECT_FALSE(advised.Has("fresh_attention"));
  EXPECT_TRUE(advised.Has("follows_you"));
  EXPECT_TRUE(advised.Has("commented_on_your_posts"));
  EXPECT_TRUE(advised.Has("read_your_posts"));
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);  // visibility + a serious profile

  // A new account's seasoned-looking counts are not counted either.
  advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 3 * kDay,
                                .visibility = {.comments = 2}});
  EXPECT_FALSE(advised.Has("commented_on_your_posts"));
  EXPECT_TRUE(advised.Has("fresh_attention"));
  EXPECT_EQ(advised.Find("new_account")->text, "Account created 3 days before the invitation");

  // Under the liberal policy a new account without verified common ground is consider.
  scenario.recipient.policy = graph::TriagePolicy::kLiberal;
  EXPECT_EQ(AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 3 * kDay})
                .advice.decision,
            Decision::kConsider);
  scenario.positions.push_back({.member = kSender, .organization = kEquinor, .title = "Analyst",
                                .start = Year(2016), .end = Year(2019)});
  EXPECT_EQ(AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 3 * kDay})
                .advice.decision,
            Decision::kAccept);
}

TEST(Advise, FewContacts) {
  Scenario scenario;
  scenario.sender_contacts = 0;
  Advised advised = AdviseIn(scenario);
  ASSERT_TRUE(advised.Has("few_contacts"));
  EXPECT_EQ(advised.Find("few_contacts")->text, "Has no contacts yet");
  EXPECT_EQ(advised.Find("few_contacts")->weight, Weight(Signal::kFewContacts));
  scenario.sender_contacts = 4;
  EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("few_contacts")->text,
            "Har bare 4 kontakter");
  scenario.sender_contacts = 5;
  EXPECT_FALSE(AdviseIn(scenario).Has("few_contacts"));
}

TEST(Advise, TheReadOfThePostAnInvitationCameFromCountsOnceAsItsProvenance) {
  Scenario scenario;
  const Timestamp read = kSent - 600;  // Read ten minutes before inviting from it.
  const Provenance post{.kind = Provenance::Kind::kPost, .title = "ESG", .at = read};
  Advised advised =
      AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 900 * kDay, .via = post,
                          .visibility = {.fresh_posts_read = 1}});
  EXPECT_TRUE(advised.Has("via_post"));
  EXPECT_FALSE(advised.Has("fresh_attention"));
  // Another fresh read is still shown, and a seasoned read of another post still counts.
  advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 900 * kDay,
                                .via = post, .visibility = {.fresh_posts_read = 2}});
  EXPECT_TRUE(advised.Has("fresh_attention"));
  const Provenance old_read{.kind = Provenance::Kind::kPost, .title = "ESG", .at = kSent - 30 * kDay};
  advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 900 * kDay,
                                .via = old_read, .visibility = {.posts_read = 1}});
  EXPECT_FALSE(advised.Has("read_your_posts"));
  advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 900 * kDay,
                                .via = old_read, .visibility = {.posts_read = 2}});
  EXPECT_TRUE(advised.Has("read_your_posts"));
}

TEST(Advise, VerifiedProvenanceAccepts) {
  Scenario scenario;
  scenario.recipient.policy = graph::TriagePolicy::kSelective;
  scenario.sender.has_photo = false;  // even so: they read the post
  const Provenance post{.kind = Provenance::Kind::kPost, .title = "ESG-rapportering i praksis",
                        .at = 1'786'492'800};  // 2026-08-12
  Advised advised = AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 900 * kDay,
                                        .via = post});
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);
  ASSERT_TRUE(advised.Has("via_post"));
  EXPECT_EQ(advised.Find("via_post")->text,
            "Read your post ‘ESG-rapportering i praksis’ on 12 Aug 2026 and invited you from it");
  EXPECT_EQ(AdviseIn(scenario, {.sent_at = kSent, .via = post, .language = Language::kNorwegian})
                .Find("via_post")->text,
            "Leste innlegget ditt «ESG-rapportering i praksis» 12. aug. 2026 og inviterte deg "
            "derfra");

  const Provenance talk{.kind = Provenance::Kind::kAppearance, .title = "Event sourcing uten tårer",
                        .event = "JavaZone 2026", .appearance_kind = "talk"};
  advised = AdviseIn(scenario, {.via = talk});
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);
  EXPECT_EQ(advised.Find("via_appearance")->text,
            "Invited you from your talk ‘Event sourcing uten tårer’ at JavaZone 2026");
  EXPECT_EQ(AdviseIn(scenario, {.via = talk, .language = Language::kNorwegian})
                .Find("via_appearance")->text,
            "Inviterte deg fra foredraget ditt «Event sourcing uten tårer» på JavaZone 2026");

  // Not for a spammer, nor for a brand-new account (which could read and invite at once).
  Scenario with_photo = scenario;
  with_photo.sender.has_photo = true;
  EXPECT_EQ(AdviseIn(with_photo, {.behaviour = {.reports = 3}, .via = talk}).advice.decision,
            Decision::kDecline);
  EXPECT_NE(AdviseIn(scenario, {.sent_at = kSent, .sender_since = kSent - 600, .via = talk})
                .advice.decision,
            Decision::kAccept);
  // A new account's provenance is shown but is no common ground: with a photo and a full
  // profile it is a new account without verified common ground, consider under either
  // policy.
  for (graph::TriagePolicy policy : {graph::TriagePolicy::kSelective, graph::TriagePolicy::kLiberal}) {
    with_photo.recipient.policy = policy;
    advised = AdviseIn(with_photo, {.sent_at = kSent, .sender_since = kSent - 600, .via = post});
    EXPECT_EQ(advised.advice.decision, Decision::kConsider);
    EXPECT_FALSE(advised.advice.common_ground);
    ASSERT_TRUE(advised.Has("via_post"));
    EXPECT_EQ(advised.Find("via_post")->weight, 0);
    EXPECT_EQ(advised.Find("via_post")->text,
              "Read your post ‘ESG-rapportering i praksis’ on 12 Aug 2026 and invited you from "
              "it, from a new account: not counted");
  }
  EXPECT_EQ(AdviseIn(with_photo, {.sent_at = kSent, .sender_since = kSent - 600, .via = talk,
                                  .language = Language::kNorwegian})
                .Find("via_appearance")->text,
            "Inviterte deg fra foredraget ditt «Event sourcing uten tårer» på JavaZone 2026, fra "
            "en ny konto: teller ikke");
}

TEST(Advise, NoteClaimsAreCheckedAgainstThePostsAndAppearances) {
  const std::vector<ClaimTarget> targets = {
      {.kind = Provenance::Kind::kPost, .title = "ESG-rapportering i praksis",
       .text = "Hva de nye kravene betyr"},
      {.kind = Provenance::Kind::kAppearance, .title = "Event sourcing uten tårer",
       .text = "JavaZone 2026 Oslo Spektrum"}};
  Scenario scenario;
  scenario.recipient.policy = graph::TriagePolicy::kSelective;
  Advised advised = AdviseIn(scenario, {.note = "I read your post about ESG-rapportering",
                                        .claim_targets = targets});
  ASSERT_TRUE(advised.Has("note_matches_post"));
  EXPECT_EQ(advised.Find("note_matches_post")->text,
            "The note mentions your post ‘ESG-rapportering i praksis’");
  EXPECT_TRUE(advised.Has("personal_note"));
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);  // common ground + serious profile

  advised = AdviseIn(scenario, {.note = "Hørte foredraget ditt på JavaZone, takk!",
                                .claim_targets = targets, .language = Language::kNorwegian});
  ASSERT_TRUE(advised.Has("note_matches_appearance"));
  EXPECT_EQ(advised.Find("note_matches_appearance")->text,
            "Hilsenen nevner «Event sourcing uten tårer», der du deltok");

  // A claim that matches nothing: shown, not a reason, not even the note's half point.
  advised = AdviseIn(scenario, {.note = "Loved your blog post about crypto trading!",
                                .claim_targets = targets});
  EXPECT_TRUE(advised.Has("note_claim_unmatched"));
  EXPECT_EQ(advised.Find("note_claim_unmatched")->weight, 0);
  EXPECT_FALSE(advised.Has("personal_note"));
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  // From a new account a matching claim is shown but is no common ground: it read the
  // post a minute ago.
  advised = AdviseIn(scenario, {.note = "I read your post about ESG-rapportering",
                                .sent_at = kSent, .sender_since = kSent - 600,
                                .claim_targets = targets});
  ASSERT_TRUE(advised.Has("note_matches_post"));
  EXPECT_EQ(advised.Find("note_matches_post")->weight, 0);
  EXPECT_EQ(advised.Find("note_matches_post")->text,
            "The note mentions your post ‘ESG-rapportering i praksis’, from a new account: not "
            "counted");
  EXPECT_FALSE(advised.advice.common_ground);
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  // A note that claims nothing is a note.
  advised = AdviseIn(scenario, {.note = "We met at the ESG seminar", .claim_targets = targets});
  EXPECT_FALSE(advised.Has("note_matches_post"));
  EXPECT_FALSE(advised.Has("note_claim_unmatched"));
  EXPECT_TRUE(advised.Has("personal_note"));
}

TEST(Advise, ForeignSenderDependsOnTheRecipientsMarkets) {
  Scenario scenario;
  scenario.sender.country = "SE";
  scenario.sender.city = "Stockholm";
  // Recipient: home market only, nothing in common: the article's decline.
  Advised advised = AdviseIn(scenario);
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);
  ASSERT_TRUE(advised.Has("outside_markets"));
  EXPECT_EQ(advised.Find("outside_markets")->text, "Lives in Sweden, outside your markets");
  EXPECT_EQ(AdviseIn(scenario, {.language = Language::kNorwegian}).Find("outside_markets")->text,
            "Bor i Sverige, utenfor markedene dine");
  EXPECT_TRUE(advised.advice.outside_markets);

  // Listed markets that include Sweden.
  scenario.recipient.markets = graph::MarketsKind::kListed;
  scenario.recipient.market_countries = "NO;SE";
  advised = AdviseIn(scenario);
  EXPECT_FALSE(advised.Has("outside_markets"));
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);

  // ... and a German sender outside them.
  scenario.sender.country = "DE";
  advised = AdviseIn(scenario);
  ASSERT_TRUE(advised.Has("outside_markets"));
  EXPECT_EQ(advised.Find("outside_markets")->text, "Lives in Germany, outside your markets");
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);

  // International: neutral.
  scenario.recipient.markets = graph::MarketsKind::kInternational;
  advised = AdviseIn(scenario);
  EXPECT_FALSE(advised.Has("outside_markets"));
  EXPECT_EQ(advised.advice.decision, Decision::kAccept);

  // A sender without a country is not foreign: no evidence.
  scenario = Scenario{};
  scenario.sender.country = "";
  EXPECT_FALSE(AdviseIn(scenario).Has("outside_markets"));
}

TEST(Advise, ForeignSenderIsConsideredEvenWithCommonGround) {
  Scenario scenario = WithMutualContacts(5);
  scenario.sender.country = "US";
  const Advised advised = AdviseIn(scenario);
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  EXPECT_TRUE(advised.Has("mutual_contacts"));
  EXPECT_EQ(advised.Find("outside_markets")->text,
            "Lives in the United States, outside your markets");
}

TEST(Advise, SenderBehaviour) {
  // A burst alone: consider.
  Advised advised = AdviseIn(Scenario{}, {.behaviour = {.sent_last_7_days = 35}});
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  ASSERT_TRUE(advised.Has("many_recent_invitations"));
  EXPECT_EQ(advised.Find("many_recent_invitations")->text, "Sent 35 invitations in the last 7 days");
  EXPECT_FALSE(AdviseIn(Scenario{}, {.behaviour = {.sent_last_7_days = 19}}).Has("many_recent_invitations"));

  // Few accepted, but too few answers to tell.
  EXPECT_FALSE(AdviseIn(Scenario{}, {.behaviour = {.answered = 9, .accepted = 0}}).Has("low_acceptance_rate"));
  advised = AdviseIn(Scenario{}, {.behaviour = {.answered = 40, .accepted = 2}});
  ASSERT_TRUE(advised.Has("low_acceptance_rate"));
  EXPECT_EQ(advised.Find("low_acceptance_rate")->text, "Only 2 of 40 earlier invitations were accepted");
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  EXPECT_FALSE(AdviseIn(Scenario{}, {.behaviour = {.answered = 40, .accepted = 8}}).Has("low_acceptance_rate"));

  // A burst that few accept: decline, even with a complete profile.
  advised = AdviseIn(Scenario{},
                {.behaviour = {.sent_last_7_days = 35, .answered = 40, .accepted = 2}});
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);
  EXPECT_FALSE(advised.advice.spam_like);

  // One report: consider; reported often: decline.
  advised = AdviseIn(Scenario{}, {.behaviour = {.reports = 1}});
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  EXPECT_TRUE(advised.Has("reported"));
  advised = AdviseIn(Scenario{}, {.behaviour = {.reports = 3}, .language = Language::kNorwegian});
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);
  ASSERT_TRUE(advised.Has("reported_often"));
  EXPECT_FALSE(advised.Has("reported"));
  EXPECT_EQ(advised.Find("reported_often")->text, "Rapportert 3 ganger som ukjent av mottakere");
}

TEST(Advise, PersonalNoteLeansSlightlyTowardsAccept) {
  const Advised advised = AdviseIn(Scenario{}, {.note = "We met at the NTNU alumni dinner"});
  ASSERT_TRUE(advised.Has("personal_note"));
  EXPECT_EQ(advised.Find("personal_note")->weight, Weight(Signal::kPersonalNote));
  EXPECT_GT(Weight(Signal::kPersonalNote), 0);
  EXPECT_LT(Weight(Signal::kPersonalNote), 1);
  EXPECT_EQ(advised.Find("personal_note")->text, "Wrote a personal note");
  EXPECT_EQ(AdviseIn(Scenario{}, {.note = "Hei!", .language = Language::kNorwegian})
                .Find("personal_note")->text,
            "Skrev en personlig hilsen");
  // A note does not rescue a spam-like sender.
  Scenario scenario;
  scenario.sender.has_photo = false;
  EXPECT_EQ(AdviseIn(scenario, {.note = "Hi"}).advice.decision, Decision::kDecline);
}

TEST(Advise, SelectivePolicyNeedsCommonGroundAndASeriousProfileOrVerifiedGround) {
  Scenario scenario;
  scenario.recipient.policy = graph::TriagePolicy::kSelective;
  EXPECT_EQ(AdviseIn(scenario).advice.decision, Decision::kConsider);
  // A note is not common ground.
  EXPECT_EQ(AdviseIn(scenario, {.note = "Hello"}).advice.decision, Decision::kConsider);

  Scenario mutual = WithMutualContacts(1);
  mutual.recipient.policy = graph::TriagePolicy::kSelective;
  EXPECT_EQ(AdviseIn(mutual).advice.decision, Decision::kAccept);

  Scenario industry = scenario;
  industry.sender.industry = "Oil & Energy";
  EXPECT_EQ(AdviseIn(industry).advice.decision, Decision::kAccept);

  Scenario follower = scenario;
  follower.follows = {{kSender, kRecipient}};
  EXPECT_EQ(AdviseIn(follower).advice.decision, Decision::kAccept);

  EXPECT_EQ(AdviseIn(scenario, {.visibility = {.comments = 2}}).advice.decision, Decision::kAccept);

  Scenario classmate = scenario;
  classmate.educations[1].field = "Bygg- og miljøteknikk";
  EXPECT_EQ(AdviseIn(classmate).advice.decision, Decision::kAccept);

  // Common ground without experience and education: consider ...
  Scenario no_background = industry;
  std::erase_if(no_background.educations, [](const EducationInput& e) { return e.member == kSender; });
  EXPECT_EQ(AdviseIn(no_background).advice.decision, Decision::kConsider);
  // ... unless the ground is verified: colleagues at the same time.
  no_background.positions.push_back({.member = kSender, .organization = kEquinor,
                                     .title = "Analyst", .start = Year(2016), .end = Year(2019)});
  EXPECT_EQ(AdviseIn(no_background).advice.decision, Decision::kAccept);
}

TEST(Advise, SpamLikeDeclinesUnlessTheCommonGroundIsVerified) {
  Scenario scenario = WithMutualContacts(2);
  scenario.sender.has_photo = false;
  scenario.sender.industry = "Oil & Energy";
  scenario.follows = {{kSender, kRecipient}};
  scenario.recipient.markets = graph::MarketsKind::kInternational;
  Advised advised = AdviseIn(scenario, {.note = "Hi", .visibility = {.comments = 4}});
  EXPECT_EQ(advised.advice.decision, Decision::kDecline);
  EXPECT_TRUE(advised.advice.common_ground);
  EXPECT_FALSE(advised.advice.verified_common_ground);
  EXPECT_GT(advised.advice.score, 0);  // the score ranks; the rule decides
  EXPECT_FALSE(advised.Has("spam_signs_but_common_ground"));

  // The no-photo colleague: at Equinor at the same time, full profile: consider, and the
  // reasons say why.
  Scenario colleague;
  colleague.sender.has_photo = false;
  colleague.positions.push_back({.member = kSender, .organization = kEquinor, .title = "Analyst",
                                 .start = Year(2016), .end = Year(2019)});
  advised = AdviseIn(colleague);
  EXPECT_EQ(advised.advice.decision, Decision::kConsider);
  ASSERT_TRUE(advised.Has("spam_signs_but_common_ground"));
  EXPECT_EQ(advised.Find("spam_signs_but_common_ground")->text,
            "No photo or a thin profile, but you share verified common ground: more likely a "
            "real person than spam");
  // Three mutual contacts who are not hubs are verified too.
  Scenario mutual = WithMutualContacts(3);
  mutual.sender.has_photo = false;
  EXPECT_EQ(AdviseIn(mutual).advice.decision, Decision::kConsider);
}

TEST(Advise, ReasonsAreOrderedStrongestFirstAndSumToTheScore) {
  Scenario scenario = WithMutualContacts(12);
  scenario.sender.has_photo = false;
  scenario.sender.country = "SE";
  scenario.educations[1].school = kNtnu;
  scenario.educations[1].field = "Bygg- og miljøteknikk";
  scenario.follows = {{kSender, kRecipient}};
  for (Language language : {Language::kEnglish, Language::kNorwegian}) {
    const Advised advised = AdviseIn(scenario, {.note = "Hei", .behaviour = {.reports = 1},
                                           .language = language});
    EXPECT_EQ(advised.Codes(),
              (std::set<std::string>{"no_photo", "same_school_field_same_time", "mutual_contacts",
                                     "serious_profile", "outside_markets", "reported",
                                     "follows_you", "personal_note",
                                     "spam_signs_but_common_ground"}));
    double sum = 0;
    for (size_t i = 0; i < advised.advice.reasons.size(); ++i) {
      const Reason& reason = advised.advice.reasons[i];
      sum += reason.weight;
      EXPECT_FALSE(reason.text.empty());
      EXPECT_EQ(reason.code, TriageTable().Row(reason.signal).code);
      if (i > 0) {
        EXPECT_GE(std::abs(advised.advice.reasons[i - 1].weight), std::abs(reason.weight));
      }
    }
    EXPECT_DOUBLE_EQ(advised.advice.score, sum);
    EXPECT_EQ(advised.advice.reasons.front().code, "no_photo");
    EXPECT_EQ(advised.advice.reasons.back().code, "spam_signs_but_common_ground");
    EXPECT_EQ(advised.advice.decision, Decision::kConsider);  // verified ground
  }
}

TEST(Advise, InvalidMembersGetConsiderWithoutReasons) {
  const auto snapshot = Scenario{}.Build();
  for (const auto& [sender, recipient] : std::vector<std::pair<Node, Node>>{
           {kNoNode, 0}, {0, kNoNode}, {0, 0}, {snapshot->NodeCount(), 1}}) {
    const Advice advice = Advise(*snapshot, {.sender = sender, .recipient = recipient});
    EXPECT_EQ(advice.decision, Decision::kConsider);
    EXPECT_TRUE(advice.reasons.empty());
    EXPECT_EQ(advice.marginal_reach, 0u);
  }
}

TEST(Advise, DecisionNames) {
  EXPECT_EQ(DecisionName(Decision::kAccept), "accept");
  EXPECT_EQ(DecisionName(Decision::kConsider), "consider");
  EXPECT_EQ(DecisionName(Decision::kDecline), "decline");
}

TEST(Advise, MarginalReachMatchesTheOracle) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const testing::TestNetwork network =
        testing::RandomNetwork(seed, 150, 2.0 + static_cast<double>(seed), true);
    const auto snapshot = network.Build();
    const std::vector<MemberId> ids = network.Ids();
    std::mt19937_64 random(seed);
    for (int i = 0; i < 80; ++i) {
      const MemberId u = ids[random() % ids.size()], s = ids[random() % ids.size()];
      if (u == s) continue;
      const Advice advice =
          Advise(*snapshot, {.sender = snapshot->Find(s), .recipient = snapshot->Find(u)});
      EXPECT_EQ(advice.marginal_reach, ledd::testing::OracleMarginalReach(network.oracle, u, s))
          << u << " <- " << s;
      EXPECT_EQ(advice.mutual_contacts, ledd::testing::OracleMutual(network.oracle, u, s).size());
    }
  }
}

TEST(TriageTable, CodesAreUniqueAndDirectionsFollowTheDesign) {
  const TriageRules& rules = TriageTable();
  std::set<std::string_view> codes;
  for (int i = 0; i < kSignalCount; ++i) {
    const TriageRow& row = rules.rows[i];
    EXPECT_EQ(static_cast<int>(row.signal), i) << row.code;
    EXPECT_TRUE(codes.insert(row.code).second) << row.code;
    if (row.common_ground) EXPECT_GE(row.weight, 0) << row.code;
    if (row.behaviour) EXPECT_LT(row.weight, 0) << row.code;
  }
  // "Strongly towards decline" outweighs any single sign of common ground.
  for (const TriageRow& row : rules.rows) {
    if (row.weight > 0) EXPECT_LT(row.weight, -rules.Weight(Signal::kNoPhoto)) << row.code;
  }
  EXPECT_LT(rules.Weight(Signal::kNoPhoto), rules.Weight(Signal::kThinProfile));
  EXPECT_GT(rules.Weight(Signal::kSameSchoolFieldSameTime), rules.Weight(Signal::kSameSchoolField));
  EXPECT_GT(rules.Weight(Signal::kSameSchoolField), rules.Weight(Signal::kSameSchool));
  EXPECT_GT(rules.Weight(Signal::kSameSchool), rules.Weight(Signal::kSameField));
  EXPECT_GT(rules.Weight(Signal::kSameEmployerSameTime), rules.Weight(Signal::kSameEmployer));
  EXPECT_GT(rules.Weight(Signal::kSameEmployer), rules.Weight(Signal::kSameIndustry));
  EXPECT_EQ(rules.MutualWeight(0), 0);
  const std::string markdown = TriageTableMarkdown();
  for (const TriageRow& row : rules.rows) {
    EXPECT_NE(markdown.find(fmt::format("`{}`", row.code)), std::string::npos) << row.code;
  }
}

}  // namespace
}  // namespace ledd::query
