#include "ledd/query/neighbourhood.h"

#include <algorithm>
#include <random>
#include <set>
#include <utility>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "ledd/base/fold.h"
#include "query/networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleMember;
using ledd::testing::OracleNetwork;
using testing::TestNetwork;

// ---- ego network: the oracle ----

struct ExpectedEgo {
  std::vector<std::pair<MemberId, uint64_t>> contacts;  // (member, mutual), drawn order.
  std::vector<std::pair<MemberId, uint64_t>> second;
  std::set<std::pair<MemberId, MemberId>> edges;  // Every connection among drawn.
};

uint64_t CountMutual(const OracleNetwork& network, MemberId a, MemberId b) {
  uint64_t count = 0;
  for (MemberId contact : network.Contacts(a)) count += network.Contacts(b).count(contact);
  return count;
}

ExpectedEgo OracleEgo(const OracleNetwork& network, MemberId u, size_t contacts, size_t second) {
  ExpectedEgo expected;
  for (MemberId contact : network.Contacts(u)) {
    expected.contacts.emplace_back(contact, CountMutual(network, u, contact));
  }
  std::sort(expected.contacts.begin(), expected.contacts.end(), [](auto a, auto b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (expected.contacts.size() > contacts) expected.contacts.resize(contacts);
  for (const auto& suggestion : ledd::testing::OraclePymk(network, u)) {
    if (expected.second.size() == second) break;
    expected.second.emplace_back(suggestion.member, suggestion.mutual);
  }
  std::set<MemberId> drawn = {u};
  for (const auto& [member, mutual] : expected.contacts) drawn.insert(member);
  for (const auto& [member, mutual] : expected.second) drawn.insert(member);
  for (MemberId a : drawn) {
    for (MemberId b : network.Contacts(a)) {
      if (a < b && drawn.count(b)) expected.edges.insert({a, b});
    }
  }
  return expected;
}

void CheckEgo(const graph::Snapshot& snapshot, const OracleNetwork& network, MemberId u,
              size_t contacts, size_t second) {
  SCOPED_TRACE(fmt::format("u={} contacts={} second={}", u, contacts, second));
  const ExpectedEgo expected = OracleEgo(network, u, contacts, second);
  const EgoNetworkResult ego =
      EgoNetwork(snapshot, snapshot.Find(u), {.contacts = contacts, .second = second});
  ASSERT_FALSE(ego.nodes.empty());
  EXPECT_EQ(snapshot.Id(ego.nodes[0].member), u);
  EXPECT_EQ(ego.nodes[0].degree, 0);
  EXPECT_EQ(ego.contacts_total, network.Contacts(u).size());
  std::vector<std::pair<MemberId, uint64_t>> got_contacts, got_second;
  for (size_t i = 1; i < ego.nodes.size(); ++i) {
    const EgoNode& node = ego.nodes[i];
    ASSERT_TRUE(node.degree == 1 || node.degree == 2);
    (node.degree == 1 ? got_contacts : got_second)
        .emplace_back(snapshot.Id(node.member), node.mutual);
  }
  EXPECT_EQ(got_contacts, expected.contacts);
  EXPECT_EQ(got_second, expected.second);
  // Every edge a connection between drawn members, each once, and none missing.
  EXPECT_FALSE(ego.truncated);
  std::set<std::pair<MemberId, MemberId>> got_edges;
  for (const EgoEdge& edge : ego.edges) {
    const MemberId a = snapshot.Id(edge.a), b = snapshot.Id(edge.b);
    EXPECT_TRUE(got_edges.insert({std::min(a, b), std::max(a, b)}).second)
        << "edge " << a << "-" << b << " twice";
  }
  EXPECT_EQ(got_edges, expected.edges);
}

TEST(EgoNetwork, MatchesTheOracleOnRandomNetworks) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network =
        testing::RandomNetwork(seed, 50 + 30 * static_cast<int>(seed % 3), 3.0 + seed, true);
    const auto snapshot = network.Build();
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 10; ++i) {
      const MemberId u = ids[random() % ids.size()];
      CheckEgo(*snapshot, network.oracle, u, 150, 50);
      CheckEgo(*snapshot, network.oracle, u, 3, 4);
      CheckEgo(*snapshot, network.oracle, u, 0, 0);
    }
  }
}

TEST(EgoNetwork, MatchesTheOracleAfterEditsAndOnShapes) {
  TestNetwork network = testing::RandomNetwork(7, 60, 6.0, true);
  const auto edited = testing::EditRandomly(network, network.Build(), 107, 150);
  ASSERT_GT(edited->DeltaSize(), 0u);
  for (MemberId id : network.Ids()) CheckEgo(*edited, network.oracle, id, 10, 10);

  const TestNetwork clique = testing::CliqueNetwork(12);
  CheckEgo(*clique.Build(), clique.oracle, testing::IdOf(0), 150, 50);
  const TestNetwork hub = testing::HubNetwork(3, 3000);
  const auto hub_snapshot = hub.Build();
  for (int member : {0, 1, 3001})
    CheckEgo(*hub_snapshot, hub.oracle, testing::IdOf(member), 40, 20);
}

TEST(EgoNetwork, EdgeLimitKeepsTheCentreLinksFirst) {
  const TestNetwork clique = testing::CliqueNetwork(30);
  const auto snapshot = clique.Build();
  const Node centre = snapshot->Find(testing::IdOf(0));
  const EgoNetworkResult ego = EgoNetwork(*snapshot, centre, {.max_edges = 40});
  EXPECT_TRUE(ego.truncated);
  ASSERT_EQ(ego.edges.size(), 40u);
  for (size_t i = 0; i < 29; ++i) EXPECT_EQ(ego.edges[i].a, centre) << i;
  EXPECT_NE(ego.edges[29].a, centre);
}

TEST(EgoNetwork, UnknownMemberIsEmpty) {
  const auto snapshot = testing::StarNetwork(4).Build();
  EXPECT_TRUE(EgoNetwork(*snapshot, kNoNode).nodes.empty());
  EXPECT_TRUE(EgoNetwork(*snapshot, snapshot->NodeCount()).edges.empty());
}

// ---- shared background ----

void CheckShared(const graph::Snapshot& snapshot, const OracleNetwork& network, MemberId u,
                 MemberId v) {
  SCOPED_TRACE(fmt::format("u={} v={}", u, v));
  const OracleMember& a = network.members.at(u);
  const OracleMember& b = network.members.at(v);
  std::vector<int64_t> organizations, schools;
  if (u != v) {
    for (const auto& mine : a.positions) {
      const bool both = std::any_of(b.positions.begin(), b.positions.end(), [&](const auto& p) {
        return p.organization == mine.organization;
      });
      if (both && std::find(organizations.begin(), organizations.end(), mine.organization) ==
                      organizations.end()) {
        organizations.push_back(mine.organization);
      }
    }
    for (const auto& mine : a.educations) {
      const bool both = std::any_of(b.educations.begin(), b.educations.end(),
                                    [&](const auto& e) { return e.school == mine.school; });
      if (both && std::find(schools.begin(), schools.end(), mine.school) == schools.end()) {
        schools.push_back(mine.school);
      }
    }
  }
  auto same = [&](const std::string& x, const std::string& y) {
    return u != v && !x.empty() && Fold(x) == Fold(y);
  };
  const SharedBackgroundResult shared =
      SharedBackground(snapshot, snapshot.Find(u), snapshot.Find(v));
  std::vector<int64_t> got_organizations, got_schools;
  for (graph::OrgIndex index : shared.organizations) {
    got_organizations.push_back(snapshot.Organization(index).id);
  }
  for (graph::OrgIndex index : shared.schools)
    got_schools.push_back(snapshot.Organization(index).id);
  EXPECT_EQ(got_organizations, organizations);
  EXPECT_EQ(got_schools, schools);
  EXPECT_EQ(shared.same_city, same(a.city, b.city));
  EXPECT_EQ(shared.same_industry, same(a.industry, b.industry));
}

TEST(SharedBackground, MatchesTheOracleOnRandomProfiles) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const TestNetwork network = testing::RandomNetwork(seed, 40, 3.0, true);
    const auto snapshot = network.Build();
    const std::vector<MemberId> ids = network.Ids();
    for (MemberId u : ids) {
      for (size_t i = 0; i < ids.size(); i += 3) CheckShared(*snapshot, network.oracle, u, ids[i]);
    }
  }
}

TEST(SharedBackground, NothingWithOneselfOrAStranger) {
  const TestNetwork network = testing::RandomNetwork(2, 20, 3.0, true);
  const auto snapshot = network.Build();
  const Node u = snapshot->Find(network.Ids()[0]);
  const SharedBackgroundResult self = SharedBackground(*snapshot, u, u);
  EXPECT_TRUE(self.organizations.empty() && self.schools.empty());
  EXPECT_FALSE(self.same_city || self.same_industry);
  EXPECT_FALSE(SharedBackground(*snapshot, u, kNoNode).same_city);
}

}  // namespace
}  // namespace ledd::query
