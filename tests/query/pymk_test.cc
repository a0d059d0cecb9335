#include "ledd/query/pymk.h"

#include <algorithm>
#include <random>

#include "ledd/base/fold.h"
#include "ledd/query/vocabulary.h"

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "query/networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleSuggestion;
using testing::TestNetwork;

std::vector<OracleSuggestion> AsOracle(const graph::Snapshot& snapshot,
                                       const std::vector<PymkSuggestion>& suggestions) {
  std::vector<OracleSuggestion> result;
  for (const PymkSuggestion& suggestion : suggestions) {
    OracleSuggestion converted{.member = snapshot.Id(suggestion.member),
                               .mutual = suggestion.mutual};
    EXPECT_FALSE(suggestion.reasons.empty());
    EXPECT_EQ(suggestion.reasons.front(), PymkReason::kMutual);
    for (PymkReason reason : suggestion.reasons) {
      converted.same_employer |= reason == PymkReason::kSameEmployer;
      converted.same_school |= reason == PymkReason::kSameSchool;
      converted.same_city |= reason == PymkReason::kSameCity;
    }
    result.push_back(converted);
  }
  return result;
}

void CheckPymk(const graph::Snapshot& snapshot, const ledd::testing::OracleNetwork& oracle,
               MemberId u) {
  SCOPED_TRACE(fmt::format("u={}", u));
  const std::vector<OracleSuggestion> expected = ledd::testing::OraclePymk(oracle, u);
  for (size_t limit : {size_t{1}, size_t{5}, size_t{20}, size_t{100000}}) {
    const auto suggestions = Pymk(snapshot, snapshot.Find(u), {.limit = limit});
    const std::vector<OracleSuggestion> want(
        expected.begin(), expected.begin() + std::min(limit, expected.size()));
    EXPECT_EQ(AsOracle(snapshot, suggestions), want) << "limit " << limit;
  }
}

TEST(Pymk, MatchesTheOracleOnRandomNetworksWithProfiles) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network =
        testing::RandomNetwork(seed, 40 + 40 * static_cast<int>(seed % 4), 2.0 + seed, true);
    const auto snapshot = network.Build();
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 25; ++i) CheckPymk(*snapshot, network.oracle, ids[random() % ids.size()]);
  }
}

TEST(Pymk, MatchesTheOracleAfterEditsSinceTheLastCompaction) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 60, 5.0, true);
    const auto edited = testing::EditRandomly(network, network.Build(), seed + 100, 150);
    ASSERT_GT(edited->DeltaSize(), 0u);
    for (MemberId id : network.Ids()) CheckPymk(*edited, network.oracle, id);
  }
}

TEST(Pymk, MatchesTheOracleAfterMembersAreRemoved) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 60, 5.0, true);
    const auto removed = testing::RemoveRandomly(network, network.Build(), seed + 5, 8);
    for (MemberId id : network.Ids()) CheckPymk(*removed, network.oracle, id);
  }
}

TEST(Pymk, ShapesWithoutAndWithManyCandidates) {
  const TestNetwork clique = testing::CliqueNetwork(10);
  const auto clique_snapshot = clique.Build();
  // Everyone is a contact already: nobody to suggest.
  EXPECT_TRUE(Pymk(*clique_snapshot, clique_snapshot->Find(testing::IdOf(0))).empty());
  const TestNetwork star = testing::StarNetwork(30);
  const auto star_snapshot = star.Build();
  for (int leaf : {1, 7, 30}) CheckPymk(*star_snapshot, star.oracle, testing::IdOf(leaf));
  const TestNetwork hub = testing::HubNetwork(3, kMaxConnections);
  const auto hub_snapshot = hub.Build();
  for (int member : {0, 1, 2, kMaxConnections + 1, kMaxConnections + 150}) {
    CheckPymk(*hub_snapshot, hub.oracle, testing::IdOf(member));
  }
}

TEST(Pymk, UnknownMemberAndZeroLimit) {
  const TestNetwork star = testing::StarNetwork(5);
  const auto snapshot = star.Build();
  EXPECT_TRUE(Pymk(*snapshot, kNoNode).empty());
  EXPECT_TRUE(Pymk(*snapshot, snapshot->NodeCount()).empty());
  EXPECT_TRUE(Pymk(*snapshot, snapshot->Find(testing::IdOf(1)), {.limit = 0}).empty());
  EXPECT_EQ(ReasonCode(PymkReason::kSameEmployer), "same_employer");
}

}  // namespace
}  // namespace ledd::query

namespace ledd::query {
namespace {

// Background suggestions against scoring every member the slow way: for each member
// beyond the 2nd degree, what it shares with u (employer and school with overlapping
// periods, field by concept, city, industry), ranked by score, then id.
TEST(Pymk, BackgroundMatchesScoringEveryMember) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    testing::TestNetwork network = testing::RandomNetwork(seed, 120, 0.6 + 0.3 * seed, true);
    for (auto& [id, member] : network.oracle.members) member.in_directory = id % 7 != 0;
    const auto snapshot = network.Build();
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 20; ++i) {
      const Node u = snapshot->Find(ids[random() % ids.size()]);
      std::vector<Node> excluded;
      for (int k = 0; k < 3; ++k) excluded.push_back(snapshot->Find(ids[random() % ids.size()]));
      const size_t limit = 1 + random() % 30;
      const auto suggestions =
          Pymk(*snapshot, u, {.limit = limit, .background = true, .excluded = excluded});
      // The 2nd degree first, as without background.
      const auto second = Pymk(*snapshot, u, {.limit = limit, .excluded = excluded});
      ASSERT_GE(suggestions.size(), second.size());
      for (size_t k = 0; k < second.size(); ++k) {
        EXPECT_EQ(suggestions[k].member, second[k].member);
        EXPECT_TRUE(suggestions[k].details.empty());
      }
      // Brute force over every member.
      const auto distances = network.oracle.Distances(snapshot->Id(u), 2);
      const Vocabulary& vocabulary = Vocabulary::Builtin();
      auto same_field = [&](const std::string& a, const std::string& b) {
        const std::string fa = Fold(a), fb = Fold(b);
        if (fa.empty() || fb.empty()) return false;
        const ConceptId ca = vocabulary.FieldConcept(fa);
        return fa == fb || (ca != kNoConcept && ca == vocabulary.FieldConcept(fb));
      };
      const auto& me = network.oracle.members.at(snapshot->Id(u));
      std::vector<std::pair<int64_t, MemberId>> expected;  // (-score, id)
      for (const auto& [id, other] : network.oracle.members) {
        const Node node = snapshot->Find(id);
        if (distances.count(id) || !other.in_directory ||
            std::find(excluded.begin(), excluded.end(), node) != excluded.end()) {
          continue;
        }
        int64_t score = 0;
        // Generated positions and educations have no dates: every period overlaps.
        bool employer = false, school = false, field = false;
        for (const auto& mine : me.positions) {
          for (const auto& theirs : other.positions) {
            employer |= !Fold(mine.organization_name).empty() &&
                        Fold(mine.organization_name) == Fold(theirs.organization_name);
          }
        }
        for (const auto& mine : me.educations) {
          for (const auto& theirs : other.educations) {
            school |= !Fold(mine.school_name).empty() &&
                      Fold(mine.school_name) == Fold(theirs.school_name);
            field |= same_field(mine.field, theirs.field);
          }
        }
        if (employer) score += kPymkEmployerScore;
        if (school) score += kPymkSchoolScore;
        if (field) score += kPymkFieldScore;
        if (!Fold(me.city).empty() && Fold(me.city) == Fold(other.city)) score += kPymkCityScore;
        if (!Fold(me.industry).empty() && Fold(me.industry) == Fold(other.industry)) {
          score += kPymkIndustryScore;
        }
        if (score > 0) expected.push_back({-score, id});
      }
      std::sort(expected.begin(), expected.end());
      std::vector<MemberId> want;
      for (size_t k = 0; k < expected.size() && second.size() + k < limit; ++k) {
        want.push_back(expected[k].second);
      }
      std::vector<MemberId> got;
      for (size_t k = second.size(); k < suggestions.size(); ++k) {
        got.push_back(snapshot->Id(suggestions[k].member));
        EXPECT_EQ(suggestions[k].reasons.size(), suggestions[k].details.size());
        EXPECT_FALSE(suggestions[k].reasons.empty());
      }
      EXPECT_EQ(got, want) << "u=" << snapshot->Id(u) << " limit " << limit;
    }
  }
}

}  // namespace
}  // namespace ledd::query
