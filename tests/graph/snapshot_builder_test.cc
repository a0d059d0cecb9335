#include "ledd/graph/snapshot_builder.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "graph/canonical.h"

namespace ledd::graph {
namespace {

std::shared_ptr<const Snapshot> BuildOrDie(SnapshotBuilder& builder) {
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = std::move(builder).Build();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

std::vector<MemberId> ContactIds(const Snapshot& snapshot, MemberId id) {
  std::vector<MemberId> ids;
  for (Node node : snapshot.Connections(snapshot.Find(id))) ids.push_back(snapshot.Id(node));
  return ids;
}

std::vector<MemberId> PostingIds(const Snapshot& snapshot, Facet facet, std::string_view value) {
  std::vector<MemberId> ids;
  const ValueId id = snapshot.FindValue(DictOf(facet), value);
  if (id == kNoValue) return ids;
  for (Node node : snapshot.Posting(facet, id)) ids.push_back(snapshot.Id(node));
  return ids;
}

TEST(SnapshotBuilder, DropsSelfLoopsAndDuplicates) {
  SnapshotBuilder builder;
  for (MemberId id : {10, 20, 30}) builder.AddMember({.id = id});
  builder.AddConnection(10, 20);
  builder.AddConnection(20, 10);  // the same pair, the other way
  builder.AddConnection(10, 20);
  builder.AddConnection(30, 30);
  builder.AddConnection(10, 99);  // unknown member
  builder.AddFollow(10, 30);
  builder.AddFollow(10, 30);
  builder.AddFollow(20, 20);
  BuildReport report;
  auto snapshot = std::move(builder).Build(&report);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  const Snapshot& network = **snapshot;
  EXPECT_EQ(network.ConnectionCount(), 1u);
  EXPECT_EQ(ContactIds(network, 10), std::vector<MemberId>({20}));
  EXPECT_EQ(ContactIds(network, 20), std::vector<MemberId>({10}));
  EXPECT_TRUE(ContactIds(network, 30).empty());
  EXPECT_EQ(network.FollowCount(), 1u);
  EXPECT_EQ(network.Following(network.Find(10)).size(), 1u);
  EXPECT_EQ(network.Followers(network.Find(30)).size(), 1u);
  EXPECT_EQ(report.self_loops, 2);
  EXPECT_EQ(report.duplicate_edges, 3);
  EXPECT_EQ(report.unknown_member_rows, 1);
  EXPECT_EQ(testing::CheckInvariants(network), "");
}

TEST(SnapshotBuilder, MapsIdsBothWaysInAscendingOrder) {
  SnapshotBuilder builder;
  // Arrival order differs from id order; Nodes follow id order.
  for (MemberId id : {MemberId{9'000'000'000'000}, MemberId{5}, MemberId{700}, MemberId{-3}}) {
    builder.AddMember({.id = id, .first_name = fmt::format("m{}", id)});
  }
  builder.AddConnection(5, 9'000'000'000'000LL);
  auto snapshot = BuildOrDie(builder);
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->NodeCount(), 4u);
  EXPECT_EQ(snapshot->Id(0), -3);
  EXPECT_EQ(snapshot->Id(1), 5);
  EXPECT_EQ(snapshot->Id(2), 700);
  EXPECT_EQ(snapshot->Id(3), 9'000'000'000'000LL);
  for (Node node = 0; node < 4; ++node) {
    EXPECT_EQ(snapshot->Find(snapshot->Id(node)), node);
    EXPECT_EQ(snapshot->FirstName(node), fmt::format("m{}", snapshot->Id(node)));
  }
  EXPECT_EQ(snapshot->Find(6), kNoNode);
  EXPECT_EQ(ContactIds(*snapshot, 5), std::vector<MemberId>({9'000'000'000'000LL}));
}

TEST(SnapshotBuilder, SortsNeighbourhoods) {
  SnapshotBuilder builder;
  for (MemberId id = 1; id <= 6; ++id) builder.AddMember({.id = id});
  for (MemberId other : {6, 3, 5, 2, 4}) builder.AddConnection(1, other);
  auto snapshot = BuildOrDie(builder);
  auto row = snapshot->Connections(snapshot->Find(1));
  EXPECT_TRUE(std::is_sorted(row.begin(), row.end()));
  EXPECT_EQ(ContactIds(*snapshot, 1), std::vector<MemberId>({2, 3, 4, 5, 6}));
}

TEST(SnapshotBuilder, FindsMembersByContiguousDenseAndSparseIds) {
  // Contiguous ids map by subtraction, dense ones through the builder's id-indexed
  // table, sparse ones through its hash map; all must resolve known ids, drop rows naming
  // unknown ones (below, between and above), and reject a repeated id.
  const std::vector<std::vector<MemberId>> cases = {
      {10, 11, 12, 13}, {5, 6, 7, 9}, {-3, 1, 1'000'000'000'000, 77}};
  for (const std::vector<MemberId>& ids : cases) {
    SCOPED_TRACE(fmt::format("first id {}", ids[0]));
    SnapshotBuilder builder;
    for (MemberId id : ids) builder.AddMember({.id = id});
    builder.AddConnection(ids[0], ids[1]);
    builder.AddConnection(ids[2], ids[3]);
    builder.AddConnection(ids[0], ids[3]);
    builder.AddConnection(ids[0], -1'000);
    builder.AddConnection(ids[0], 8);
    builder.AddConnection(ids[0], 2'000'000'000'000);
    BuildReport report;
    auto snapshot = std::move(builder).Build(&report);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    EXPECT_EQ((*snapshot)->ConnectionCount(), 3u);
    EXPECT_EQ(ContactIds(**snapshot, ids[2]), std::vector<MemberId>({ids[3]}));
    EXPECT_EQ(report.unknown_member_rows, 3);

    SnapshotBuilder twice;
    for (MemberId id : ids) twice.AddMember({.id = id});
    twice.AddMember({.id = ids[2]});
    EXPECT_EQ(std::move(twice).Build().status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(Snapshot, OrganizationValueIsTheValueOfItsFoldedName) {
  SnapshotBuilder builder;
  builder.AddOrganization({.id = 1, .name = "Equinor"});
  builder.AddOrganization({.id = 2, .name = "EQUINOR"});  // Same folded name.
  builder.AddOrganization({.id = 3, .is_school = true, .name = "NTNU"});
  builder.AddOrganization({.id = 4, .name = "Nobody works here"});
  builder.AddOrganization({.id = 5, .name = ""});
  builder.AddMember({.id = 10});
  builder.AddPosition({.member = 10, .organization = 1});
  builder.AddPosition({.member = 10, .organization = 2});
  builder.AddPosition({.member = 10, .organization = 5});
  builder.AddEducation({.member = 10, .school = 3});
  std::shared_ptr<const Snapshot> snapshot = BuildOrDie(builder);
  ASSERT_NE(snapshot, nullptr);
  const Snapshot& network = *snapshot;
  const ValueId equinor = network.FindValue(Dict::kCompany, "equinor");
  ASSERT_NE(equinor, kNoValue);
  EXPECT_EQ(network.OrganizationValue(Dict::kCompany, network.FindOrganization(1)), equinor);
  EXPECT_EQ(network.OrganizationValue(Dict::kCompany, network.FindOrganization(2)), equinor);
  EXPECT_EQ(network.OrganizationValue(Dict::kSchool, network.FindOrganization(3)),
            network.FindValue(Dict::kSchool, "ntnu"));
  EXPECT_EQ(network.OrganizationValue(Dict::kCompany, network.FindOrganization(3)), kNoValue);
  EXPECT_EQ(network.OrganizationValue(Dict::kCompany, network.FindOrganization(4)), kNoValue);
  EXPECT_EQ(network.OrganizationValue(Dict::kCompany, network.FindOrganization(5)), kNoValue);
  EXPECT_EQ(network.OrganizationValue(Dict::kCompany, kNoOrganization), kNoValue);
  // Every position is posted under its organization's value.
  for (const PositionRecord& position : network.Positions(network.Find(10))) {
    const ValueId value = network.OrganizationValue(Dict::kCompany, position.organization);
    if (value == kNoValue) continue;
    EXPECT_TRUE(std::binary_search(network.Posting(Facet::kAnyCompany, value).begin(),
                                   network.Posting(Facet::kAnyCompany, value).end(),
                                   network.Find(10)));
  }
}

TEST(Snapshot, MemoryCountsEveryArrayOfTheBase) {
  SnapshotBuilder builder;
  constexpr int kMembers = 1'000;
  for (MemberId id = 1; id <= kMembers; ++id) {
    builder.AddMember({.id = id,
                       .first_name = "A first name longer than the inline buffer",
                       .city = id % 2 == 0 ? "Oslo" : "Bergen"});
  }
  for (MemberId id = 1; id < kMembers; ++id) builder.AddConnection(id, id + 1);
  builder.AddFollow(1, 2);
  std::shared_ptr<const Snapshot> snapshot = BuildOrDie(builder);
  ASSERT_NE(snapshot, nullptr);
  const MemoryUsage usage = snapshot->Memory();
  // Offsets of 8 bytes per member (+1), 4 bytes per directed connection.
  EXPECT_GE(usage.connections, (kMembers + 1) * 8u + 2 * (kMembers - 1) * 4u);
  EXPECT_LT(usage.connections, 2 * ((kMembers + 1) * 8u + 2 * (kMembers - 1) * 4u));
  // Ids, and at least the first names' characters.
  EXPECT_GE(usage.members, kMembers * (8u + 40u));
  EXPECT_GT(usage.follows, 0u);
  EXPECT_GE(usage.postings, kMembers * 4u);  // Every member is in one city posting.
  EXPECT_GT(usage.dictionaries, 0u);
  EXPECT_EQ(usage.delta, 0u);
  EXPECT_EQ(usage.Total(), usage.connections + usage.follows + usage.members +
                               usage.background + usage.dictionaries + usage.postings);
}

TEST(Snapshot, FacetRowsHoldEachValueOnceInlineOrNot) {
  SnapshotBuilder builder;
  builder.AddOrganization({.id = 1, .name = "Equinor"});
  builder.AddOrganization({.id = 2, .name = "EQUINOR"});  // One company value with 1.
  builder.AddOrganization({.id = 3, .is_school = true, .name = "NTNU"});
  builder.AddMember({.id = 1, .city = "Oslo", .country = "NO", .industry = "Energy"});
  builder.AddMember({.id = 2, .city = "Oslo"});
  builder.AddMember({.id = 3});
  // Member 1: two positions at one company value with one title, one education.
  builder.AddPosition({.member = 1, .organization = 1, .title = "Engineer"});
  builder.AddPosition({.member = 1, .organization = 2, .title = "engineer"});
  builder.AddEducation({.member = 1, .school = 3, .field = "Physics"});
  // Member 2: more values than a cache line holds (1 city + 20 titles + 1 company).
  for (int i = 0; i < 20; ++i) {
    builder.AddPosition({.member = 2, .organization = 1, .title = fmt::format("Title {}", i)});
  }
  std::shared_ptr<const Snapshot> snapshot = BuildOrDie(builder);
  ASSERT_NE(snapshot, nullptr);
  std::vector<uint32_t> buffer;
  auto row_of = [&](MemberId id) {
    const auto row = snapshot->FacetRow(snapshot->Find(id), buffer);
    std::vector<std::pair<Dict, std::string>> values;
    for (uint32_t entry : row) {
      values.emplace_back(FacetEntryDict(entry),
                          std::string(snapshot->Value(FacetEntryDict(entry), FacetEntryValue(entry))));
    }
    std::sort(values.begin(), values.end());
    return values;
  };
  EXPECT_EQ(row_of(1), (std::vector<std::pair<Dict, std::string>>{{Dict::kCompany, "equinor"},
                                                                  {Dict::kSchool, "ntnu"},
                                                                  {Dict::kField, "physics"},
                                                                  {Dict::kIndustry, "energy"},
                                                                  {Dict::kCity, "oslo"},
                                                                  {Dict::kCountry, "no"},
                                                                  {Dict::kTitle, "engineer"}}));
  EXPECT_EQ(row_of(2).size(), 22u);
  EXPECT_TRUE(row_of(3).empty());
  EXPECT_EQ(testing::CheckInvariants(*snapshot), "");
}

TEST(SnapshotBuilder, MemberAfterConnectionsFails) {
  SnapshotBuilder builder;
  builder.AddMember({.id = 1});
  builder.AddMember({.id = 2});
  builder.AddConnection(1, 2);
  builder.AddMember({.id = 3});
  EXPECT_EQ(std::move(builder).Build().status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SnapshotBuilder, DuplicateMemberFails) {
  SnapshotBuilder builder;
  builder.AddMember({.id = 1});
  builder.AddMember({.id = 1});
  EXPECT_EQ(std::move(builder).Build().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SnapshotBuilder, PostingsHoldExactlyTheRightMembers) {
  SnapshotBuilder builder;
  builder.AddOrganization({.id = 100, .name = "Statkraft"});
  builder.AddOrganization({.id = 101, .name = "Equinor ASA"});
  builder.AddOrganization({.id = 200, .is_school = true, .name = "NTNU"});
  builder.AddMember({.id = 1, .city = "Tromsø", .country = "NO", .industry = "Energy"});
  builder.AddMember({.id = 2, .city = "tromso", .country = "NO"});
  builder.AddMember({.id = 3, .city = "Oslo", .country = "SE", .industry = "energy"});
  builder.AddMember({.id = 4});
  builder.AddPosition({.member = 1, .organization = 100, .title = "Sivilingeniør"});
  builder.AddPosition({.member = 1, .organization = 101, .title = "Engineer", .end = 1000});
  builder.AddPosition({.member = 2, .organization = 101, .title = "SIVILINGENIØR"});
  builder.AddPosition({.member = 3, .organization = 100, .title = "Manager", .end = 5});
  builder.AddPosition({.member = 3, .organization = 100, .title = "Director"});
  builder.AddEducation({.member = 1, .school = 200, .field = "Petroleumsfag"});
  builder.AddEducation({.member = 3, .school = 200, .field = "Økonomi"});
  auto snapshot = BuildOrDie(builder);
  const Snapshot& network = *snapshot;
  using Ids = std::vector<MemberId>;
  EXPECT_EQ(PostingIds(network, Facet::kTitle, "sivilingenior"), Ids({1, 2}));
  EXPECT_EQ(PostingIds(network, Facet::kTitle, "engineer"), Ids({1}));
  EXPECT_EQ(PostingIds(network, Facet::kTitle, "manager"), Ids({3}));
  EXPECT_EQ(PostingIds(network, Facet::kCurrentCompany, "statkraft"), Ids({1, 3}));
  EXPECT_EQ(PostingIds(network, Facet::kCurrentCompany, "equinor asa"), Ids({2}));
  EXPECT_EQ(PostingIds(network, Facet::kAnyCompany, "equinor asa"), Ids({1, 2}));
  EXPECT_EQ(PostingIds(network, Facet::kSchool, "ntnu"), Ids({1, 3}));
  EXPECT_EQ(PostingIds(network, Facet::kField, "okonomi"), Ids({3}));
  EXPECT_EQ(PostingIds(network, Facet::kField, "petroleumsfag"), Ids({1}));
  EXPECT_EQ(PostingIds(network, Facet::kCity, "tromso"), Ids({1, 2}));
  EXPECT_EQ(PostingIds(network, Facet::kCity, "oslo"), Ids({3}));
  EXPECT_EQ(PostingIds(network, Facet::kCountry, "no"), Ids({1, 2}));
  EXPECT_EQ(PostingIds(network, Facet::kIndustry, "energy"), Ids({1, 3}));
  // One dictionary entry per folded value, shown with the first spelling seen.
  EXPECT_EQ(network.ValueCount(Dict::kTitle), 4u);
  EXPECT_EQ(network.Display(Dict::kCity, network.City(network.Find(2))), "Tromsø");
  // Positions keep the store's order and resolve organizations.
  auto positions = network.Positions(network.Find(3));
  ASSERT_EQ(positions.size(), 2u);
  EXPECT_EQ(network.Organization(positions[0].organization).id, 100);
  EXPECT_EQ(network.Value(Dict::kTitle, positions[0].title), "manager");
  EXPECT_FALSE(positions[0].current());
  EXPECT_TRUE(positions[1].current());
  EXPECT_TRUE(network.Positions(network.Find(4)).empty());
  EXPECT_EQ(testing::CheckInvariants(network), "");
}

TEST(SnapshotBuilder, CompletenessBits) {
  SnapshotBuilder builder;
  builder.AddOrganization({.id = 1, .name = "Acme"});
  builder.AddOrganization({.id = 2, .is_school = true, .name = "UiO"});
  builder.AddMember({.id = 1,
                     .headline = "Engineer",
                     .has_summary = true,
                     .has_photo = true,
                     .city = "Oslo",
                     .industry = "Software"});
  builder.AddMember({.id = 2, .country = "NO"});
  builder.AddMember({.id = 3, .policy = TriagePolicy::kSelective,
                     .markets = MarketsKind::kListed, .market_countries = "NO;SE"});
  builder.AddPosition({.member = 1, .organization = 1, .title = "Engineer"});
  builder.AddEducation({.member = 1, .school = 2, .field = "Informatics"});
  auto snapshot = BuildOrDie(builder);
  EXPECT_EQ(snapshot->Completeness(snapshot->Find(1)), kAllSections);
  EXPECT_TRUE(snapshot->HasPhoto(snapshot->Find(1)));
  EXPECT_EQ(snapshot->Completeness(snapshot->Find(2)), kSectionLocation);
  EXPECT_FALSE(snapshot->HasPhoto(snapshot->Find(2)));
  EXPECT_EQ(snapshot->Completeness(snapshot->Find(3)), 0);
  EXPECT_EQ(snapshot->Policy(snapshot->Find(3)), TriagePolicy::kSelective);
  EXPECT_EQ(snapshot->Markets(snapshot->Find(3)), MarketsKind::kListed);
  EXPECT_EQ(snapshot->MarketCountries(snapshot->Find(3)), "NO;SE");
}

TEST(SnapshotBuilder, MatchesAdjacencySetOracleOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 random(seed);
    const int members = 1 + static_cast<int>(random() % 200);
    const int edges = static_cast<int>(random() % (members * 6 + 1));
    std::map<MemberId, std::set<MemberId>> contacts;
    std::map<MemberId, std::set<MemberId>> following;
    std::vector<MemberId> ids;
    SnapshotBuilder builder;
    for (int i = 0; i < members; ++i) {
      // Sparse, unordered external ids.
      const MemberId id = static_cast<MemberId>(random() % 1'000'000'000) * 1000 + i;
      ids.push_back(id);
      contacts[id];
      following[id];
      builder.AddMember({.id = id});
    }
    for (int i = 0; i < edges; ++i) {
      const MemberId a = ids[random() % ids.size()];
      const MemberId b = ids[random() % ids.size()];
      builder.AddConnection(a, b);
      if (a != b) {
        contacts[a].insert(b);
        contacts[b].insert(a);
      }
      const MemberId c = ids[random() % ids.size()];
      builder.AddFollow(a, c);
      if (a != c) following[a].insert(c);
    }
    auto snapshot = BuildOrDie(builder);
    ASSERT_NE(snapshot, nullptr);
    EXPECT_EQ(testing::CheckInvariants(*snapshot), "") << "seed " << seed;
    uint64_t pairs = 0;
    for (const auto& [id, expected] : contacts) {
      const Node node = snapshot->Find(id);
      ASSERT_NE(node, kNoNode);
      std::vector<MemberId> actual;
      for (Node contact : snapshot->Connections(node)) actual.push_back(snapshot->Id(contact));
      std::sort(actual.begin(), actual.end());
      EXPECT_EQ(actual, std::vector<MemberId>(expected.begin(), expected.end())) << seed;
      pairs += expected.size();
      std::vector<MemberId> followed;
      for (Node other : snapshot->Following(node)) followed.push_back(snapshot->Id(other));
      std::sort(followed.begin(), followed.end());
      EXPECT_EQ(followed, std::vector<MemberId>(following[id].begin(), following[id].end()));
    }
    EXPECT_EQ(snapshot->ConnectionCount(), pairs / 2);
  }
}

}  // namespace
}  // namespace ledd::graph
