#include "ledd/query/pymk.h"

#include <random>

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
