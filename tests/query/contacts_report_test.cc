#include "ledd/query/contacts_report.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "query/networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleNetwork;
using testing::TestNetwork;

// |1st ∪ 2nd| of u after connecting u to every member of `accepted`: plain BFS.
uint64_t OracleReachAfter(const OracleNetwork& network, MemberId u,
                          const std::vector<MemberId>& accepted) {
  OracleNetwork copy = network;
  for (MemberId s : accepted) copy.Connect(u, s);
  return copy.Distances(u, 2).size() - 1;
}

struct Pending {
  std::vector<PendingSender> senders;
  std::vector<MemberId> valid;  // distinct, not u, not a contact
};

Pending RandomPending(const graph::Snapshot& snapshot, const OracleNetwork& oracle, MemberId u,
                      std::mt19937_64& random, int count) {
  Pending pending;
  const std::vector<MemberId> ids = [&] {
    std::vector<MemberId> all;
    for (const auto& [id, member] : oracle.members) all.push_back(id);
    return all;
  }();
  std::set<MemberId> valid;
  for (int i = 0; i < count; ++i) {
    const MemberId s = ids[random() % ids.size()];
    const Decision decision = static_cast<Decision>(random() % 3);
    pending.senders.push_back({.sender = snapshot.Find(s), .decision = decision});
    if (s != u && !oracle.Contacts(u).count(s)) valid.insert(s);
  }
  pending.valid.assign(valid.begin(), valid.end());
  return pending;
}

// The same senders, all advised `decision`.
Pending SameAdvice(Pending pending, Decision decision) {
  for (PendingSender& sender : pending.senders) sender.decision = decision;
  return pending;
}

void CheckReport(const graph::Snapshot& snapshot, const OracleNetwork& oracle, MemberId u,
                 const Pending& pending, bool brute_force_best) {
  SCOPED_TRACE(fmt::format("u={} pending={}", u, pending.senders.size()));
  const Node node = snapshot.Find(u);
  const DegreeDistribution degrees = DegreeDistribution::Of(snapshot);
  const ContactsReport report =
      ReportContacts(snapshot, {.member = node, .pending = pending.senders});
  const ContactsReport with_histogram =
      ReportContacts(snapshot, {.member = node, .pending = pending.senders, .degrees = &degrees});

  // Contacts and percentile.
  const uint64_t contacts = oracle.Contacts(u).size();
  EXPECT_EQ(report.contacts, contacts);
  uint64_t fewer = 0;
  for (const auto& [id, others] : oracle.contacts) fewer += others.size() < contacts;
  const double percentile =
      100.0 * static_cast<double>(fewer) / static_cast<double>(oracle.members.size());
  EXPECT_DOUBLE_EQ(report.percentile, percentile);
  EXPECT_DOUBLE_EQ(with_histogram.percentile, percentile);

  // Exact reach and the blog's arithmetic.
  const ledd::testing::OracleReach reach = ledd::testing::OracleReachOf(oracle, u);
  EXPECT_EQ(report.reach.first, reach.first);
  EXPECT_EQ(report.reach.second, reach.second);
  EXPECT_EQ(report.reach.naive, reach.naive);

  // Accepting what was advised accept.
  std::set<MemberId> advised;
  for (const PendingSender& sender : pending.senders) {
    const MemberId id = snapshot.Id(sender.sender);
    if (sender.decision == Decision::kAccept &&
        std::binary_search(pending.valid.begin(), pending.valid.end(), id)) {
      advised.insert(id);
    }
  }
  EXPECT_EQ(report.advised_accept, advised.size());
  EXPECT_EQ(report.reach_if_accepted,
            OracleReachAfter(oracle, u, std::vector<MemberId>(advised.begin(), advised.end())));

  // The best advice each valid sender got (a sender may be listed twice).
  std::map<MemberId, int> tier;
  for (const PendingSender& sender : pending.senders) {
    const MemberId id = snapshot.Id(sender.sender);
    if (!std::binary_search(pending.valid.begin(), pending.valid.end(), id)) continue;
    const auto [it, inserted] = tier.emplace(id, AdviceRank(sender.decision));
    if (!inserted) it->second = std::min(it->second, AdviceRank(sender.decision));
  }

  // The curve: one point per valid sender plus k = 0; all advised accept first, then
  // consider, then decline; within that, each step takes the largest gain (ties: smallest
  // id) given the steps before, and its reach is exact.
  ASSERT_EQ(report.curve.size(), pending.valid.size() + 1);
  EXPECT_EQ(report.curve[advised.size()].reach, report.reach_if_accepted);
  EXPECT_EQ(report.curve[0].reach, reach.first + reach.second);
  EXPECT_EQ(report.curve[0].sender, kNoNode);
  std::vector<MemberId> prefix;
  std::set<MemberId> remaining(pending.valid.begin(), pending.valid.end());
  uint64_t before = reach.first + reach.second;
  for (size_t k = 1; k < report.curve.size(); ++k) {
    MemberId best = 0;
    uint64_t best_reach = 0;
    int best_tier = 3;
    for (MemberId candidate : remaining) best_tier = std::min(best_tier, tier.at(candidate));
    for (MemberId candidate : remaining) {
      if (tier.at(candidate) != best_tier) continue;
      std::vector<MemberId> with = prefix;
      with.push_back(candidate);
      const uint64_t after = OracleReachAfter(oracle, u, with);
      if (after > best_reach || best == 0) {
        best = candidate;
        best_reach = after;
      }
    }
    const ReachStep& step = report.curve[k];
    EXPECT_EQ(snapshot.Id(step.sender), best) << "step " << k;
    EXPECT_EQ(step.reach, best_reach) << "step " << k;
    EXPECT_EQ(step.gain, best_reach - before) << "step " << k;
    prefix.push_back(best);
    remaining.erase(best);
    before = best_reach;
  }
  EXPECT_EQ(report.curve.back().reach, OracleReachAfter(oracle, u, pending.valid));
  EXPECT_EQ(with_histogram.curve.size(), report.curve.size());

  // Greedy never beats the best k-subset, and matches it at k = 0, 1 and all: within one
  // tier, so this holds when every sender got the same advice (the callers that ask for
  // it list them so).
  if (brute_force_best && pending.valid.size() <= 8) {
    for (const auto& [id, rank] : tier) ASSERT_EQ(rank, tier.begin()->second);
    const size_t n = pending.valid.size();
    std::vector<uint64_t> best_of_size(n + 1, 0);
    for (uint32_t mask = 0; mask < (1u << n); ++mask) {
      std::vector<MemberId> subset;
      for (size_t i = 0; i < n; ++i) {
        if (mask & (1u << i)) subset.push_back(pending.valid[i]);
      }
      best_of_size[subset.size()] =
          std::max(best_of_size[subset.size()], OracleReachAfter(oracle, u, subset));
    }
    for (size_t k = 0; k <= n; ++k) {
      EXPECT_LE(report.curve[k].reach, best_of_size[k]) << "k=" << k;
      // (1 - 1/e) of the optimum's gain over k = 0.
      const double optimum_gain = static_cast<double>(best_of_size[k] - best_of_size[0]);
      EXPECT_GE(static_cast<double>(report.curve[k].reach - best_of_size[0]),
                0.632 * optimum_gain - 1e-9)
          << "k=" << k;
    }
    if (n >= 1) {
      EXPECT_EQ(report.curve[1].reach, best_of_size[1]);
    }
    EXPECT_EQ(report.curve[n].reach, best_of_size[n]);
  }
}

TEST(ReportContacts, MatchesTheOracleOnRandomNetworks) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network =
        testing::RandomNetwork(seed, 120, 1.5 + static_cast<double>(seed) / 2, false);
    const auto snapshot = network.Build();
    const std::vector<MemberId> ids = network.Ids();
    std::mt19937_64 random(seed);
    for (int i = 0; i < 6; ++i) {
      const MemberId u = ids[random() % ids.size()];
      const Pending pending = RandomPending(*snapshot, network.oracle, u, random, 1 + random() % 9);
      CheckReport(*snapshot, network.oracle, u, pending, false);
      CheckReport(*snapshot, network.oracle, u, SameAdvice(pending, Decision::kAccept), true);
    }
  }
}

TEST(ReportContacts, HubWithManyPendingInvitations) {
  const TestNetwork network = testing::HubNetwork(5, 300);
  const auto snapshot = network.Build();
  std::mt19937_64 random(5);
  const std::vector<MemberId> ids = network.Ids();
  // The hub (most contacts) receives 25 invitations; a leaf receives 25 too.
  MemberId hub = ids[0];
  for (MemberId id : ids) {
    if (network.oracle.Contacts(id).size() > network.oracle.Contacts(hub).size()) hub = id;
  }
  CheckReport(*snapshot, network.oracle, hub,
              RandomPending(*snapshot, network.oracle, hub, random, 25), false);
  const MemberId leaf = *network.oracle.Contacts(hub).begin();
  CheckReport(*snapshot, network.oracle, leaf,
              RandomPending(*snapshot, network.oracle, leaf, random, 25), false);
}

TEST(ReportContacts, AfterEditsSinceTheLastCompaction) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    TestNetwork network = testing::RandomNetwork(seed, 80, 3.0, false);
    const auto edited = testing::EditRandomly(network, network.Build(), seed + 3, 120);
    ASSERT_GT(edited->DeltaSize(), 0u);
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 4; ++i) {
      const MemberId u = ids[random() % ids.size()];
      const Pending pending = RandomPending(*edited, network.oracle, u, random, 6);
      CheckReport(*edited, network.oracle, u, pending, false);
      CheckReport(*edited, network.oracle, u, SameAdvice(pending, Decision::kConsider), true);
    }
  }
}

TEST(ReportContacts, IgnoresSelfContactsRepeatsAndUnknownSenders) {
  const TestNetwork network = testing::StarNetwork(5);  // centre + 5 leaves
  const auto snapshot = network.Build();
  const std::vector<MemberId> ids = network.Ids();
  MemberId centre = ids[0];
  for (MemberId id : ids) {
    if (network.oracle.Contacts(id).size() == 5) centre = id;
  }
  const Node u = snapshot->Find(centre);
  const Node leaf = snapshot->Connections(u)[0];
  const std::vector<PendingSender> pending = {{.sender = u, .decision = Decision::kAccept},
                                              {.sender = leaf, .decision = Decision::kAccept},
                                              {.sender = kNoNode, .decision = Decision::kAccept}};
  const ContactsReport report = ReportContacts(*snapshot, {.member = u, .pending = pending});
  EXPECT_EQ(report.contacts, 5u);
  EXPECT_EQ(report.advised_accept, 0u);
  EXPECT_EQ(report.reach_if_accepted, 5u);
  ASSERT_EQ(report.curve.size(), 1u);
  EXPECT_EQ(report.curve[0].reach, 5u);
  // Six members: five have one contact, none has fewer than five but those five.
  EXPECT_DOUBLE_EQ(report.percentile, 100.0 * 5 / 6);

  // A leaf invited by another leaf twice: one point on the curve, nothing new (the other
  // leaf is already at distance 2 and has no other contacts).
  const Node other = snapshot->Connections(u)[1];
  const std::vector<PendingSender> twice = {{.sender = other, .decision = Decision::kAccept},
                                            {.sender = other, .decision = Decision::kConsider}};
  const ContactsReport from_leaf = ReportContacts(*snapshot, {.member = leaf, .pending = twice});
  ASSERT_EQ(from_leaf.curve.size(), 2u);
  EXPECT_EQ(from_leaf.curve[1].gain, 0u);
  EXPECT_EQ(from_leaf.advised_accept, 1u);

  const ContactsReport unknown = ReportContacts(*snapshot, {.member = kNoNode});
  EXPECT_EQ(unknown.contacts, 0u);
  EXPECT_TRUE(unknown.curve.empty());
}

TEST(DegreeDistribution, CountsMembersWithFewerContacts) {
  const TestNetwork network = testing::StarNetwork(4);
  const auto snapshot = network.Build();
  const DegreeDistribution degrees = DegreeDistribution::Of(*snapshot);
  EXPECT_EQ(degrees.members(), 5u);
  EXPECT_EQ(degrees.Fewer(0), 0u);
  EXPECT_EQ(degrees.Fewer(1), 0u);
  EXPECT_EQ(degrees.Fewer(2), 4u);
  EXPECT_EQ(degrees.Fewer(4), 4u);
  EXPECT_EQ(degrees.Fewer(5), 5u);
  EXPECT_EQ(degrees.Fewer(1000), 5u);
  EXPECT_DOUBLE_EQ(degrees.Percentile(4), 80.0);
}

TEST(MarginalReachMatching, MatchesTheOracleSearchBeforeAndAfterConnecting) {
  const std::vector<ledd::testing::OracleFilters> filters = {
      {},
      {.title = "ingeniør"},
      {.city = "Oslo"},
      {.country = "NO", .industry = "energy"},
      {.company = "Equinor"},
      {.school = "NTNU"},
      {.field = "informatikk"},
      {.name = "ola"},
      {.city = "Atlantis"},
  };
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network = testing::RandomNetwork(seed, 120, 2.5, true);
    const auto snapshot = network.Build();
    const std::vector<MemberId> ids = network.Ids();
    std::mt19937_64 random(seed);
    for (int i = 0; i < 25; ++i) {
      const MemberId u = ids[random() % ids.size()], s = ids[random() % ids.size()];
      const Node un = snapshot->Find(u), sn = snapshot->Find(s);
      for (const ledd::testing::OracleFilters& filter : filters) {
        const SearchFilters search{.title = filter.title,
                                   .city = filter.city,
                                   .country = filter.country,
                                   .company = filter.company,
                                   .school = filter.school,
                                   .field = filter.field,
                                   .industry = filter.industry,
                                   .name = filter.name};
        uint64_t expected = 0;
        if (u != s && !network.oracle.Contacts(u).count(s)) {
          OracleNetwork after = network.oracle;
          after.Connect(u, s);
          expected = ledd::testing::OracleSearch(after, u, filter, {1, 2}).hits.size() -
                     ledd::testing::OracleSearch(network.oracle, u, filter, {1, 2}).hits.size();
        }
        EXPECT_EQ(MarginalReachMatching(*snapshot, un, sn, search), expected)
            << u << " <- " << s << " title=" << filter.title << " city=" << filter.city;
      }
      EXPECT_EQ(MarginalReachMatching(*snapshot, un, sn, {}), MarginalReach(*snapshot, un, sn));
    }
  }
}

}  // namespace
}  // namespace ledd::query

namespace ledd::query {
namespace {

// The box's batch answers what one call per (sender, saved search) pair answers.
TEST(MarginalReachMatchingEach, EqualsOneCallPerSenderAndFilter) {
  const std::vector<SearchFilters> filters = {
      {.title = "ingeniør"},  {.city = "Oslo"},   {.country = "NO", .industry = "energy"},
      {.company = "Equinor"}, {.school = "NTNU"}, {.name = "ola"},
      {.city = "Atlantis"},
  };
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network = testing::RandomNetwork(seed, 150, 3.0, true);
    const auto snapshot = network.Build();
    const std::vector<MemberId> ids = network.Ids();
    std::mt19937_64 random(seed);
    for (int i = 0; i < 10; ++i) {
      const Node u = snapshot->Find(ids[random() % ids.size()]);
      // Senders include u itself, u's contacts and repeats: the zero cases too.
      std::vector<Node> senders = {u};
      for (int j = 0; j < 30; ++j) senders.push_back(snapshot->Find(ids[random() % ids.size()]));
      if (!snapshot->Connections(u).empty()) senders.push_back(snapshot->Connections(u)[0]);
      senders.push_back(senders[1]);
      const std::vector<std::vector<uint64_t>> each =
          MarginalReachMatchingEach(*snapshot, u, senders, filters);
      ASSERT_EQ(each.size(), senders.size());
      for (size_t s = 0; s < senders.size(); ++s) {
        ASSERT_EQ(each[s].size(), filters.size());
        for (size_t k = 0; k < filters.size(); ++k) {
          EXPECT_EQ(each[s][k], MarginalReachMatching(*snapshot, u, senders[s], filters[k]))
              << "sender " << s << " filter " << k;
        }
      }
    }
  }
}

}  // namespace
}  // namespace ledd::query
