// The organization type-ahead (query/organizations.h) against the brute-force oracle
// on seeded random networks, before and after edits through the delta (new
// organizations among them), and the aliases of data/vocabulary.txt on the names the
// generator and the LDBC data use.

#include "ledd/query/organizations.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "ledd/graph/snapshot_builder.h"
#include "ledd/graph/snapshot_editor.h"
#include "networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleFindOrganizations;
using ledd::testing::OracleOrganization;
using ledd::testing::OracleOrganizationHit;

std::vector<OracleOrganizationHit> Found(const graph::Snapshot& snapshot,
                                         const OrganizationQuery& query) {
  std::vector<OracleOrganizationHit> hits;
  for (const OrganizationHit& hit : FindOrganizations(snapshot, query)) {
    hits.push_back({.id = snapshot.Organization(hit.organization).id,
                    .members = hit.members,
                    .exact = hit.exact});
  }
  return hits;
}

void CompareWithOracle(const graph::Snapshot& snapshot, const testing::TestNetwork& network) {
  std::vector<OracleOrganization> organizations;
  for (const auto& [id, organization] : network.organizations) {
    organizations.push_back({.id = id, .school = organization.is_school, .name = organization.name});
  }
  const std::vector<std::string> texts = {"",     "e",       "eq",   "EQUINOR", "equinor ",
                                          "uio",  "UiO",     "oslo", "universitetet i",
                                          "bi",   "b",       "t",    "trom",    "Tromsø fisk",
                                          "dnb",  "ntnu",    "x",    "fiskeri", "i o",
                                          "new",  "statoil", "nye"};
  for (const std::string& text : texts) {
    for (std::optional<bool> schools : {std::optional<bool>(), std::optional<bool>(true),
                                        std::optional<bool>(false)}) {
      for (size_t limit : {1, 3, 10, 100}) {
        SCOPED_TRACE(fmt::format("\"{}\" schools={} limit={}", text,
                                 schools ? (*schools ? "yes" : "no") : "any", limit));
        EXPECT_EQ(Found(snapshot, {.text = text, .schools = schools, .limit = limit}),
                  OracleFindOrganizations(network.oracle, organizations, text, schools, limit));
      }
    }
  }
}

TEST(FindOrganizations, MatchesTheOracleOnRandomNetworks) {
  for (uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE(seed);
    testing::TestNetwork network = testing::RandomNetwork(seed, 300, 6, /*profiles=*/true);
    std::shared_ptr<const graph::Snapshot> snapshot = network.Build();
    CompareWithOracle(*snapshot, network);

    // New organizations and profile edits live in the delta until compaction.
    graph::SnapshotEditor editor(snapshot);
    for (OrganizationId id : {500, 501, 502}) {
      graph::OrganizationInput added{.id = id,
                                     .is_school = id == 502,
                                     .name = fmt::format("Nye Equinor {}", id),
                                     .country = "NO"};
      ASSERT_TRUE(editor.AddOrganization(added));
      network.organizations[id] = added;
    }
    snapshot = testing::EditRandomly(network, editor.Publish(), seed + 10, 200);
    CompareWithOracle(*snapshot, network);
  }
}

TEST(FindOrganizations, AliasesFindTheNamesTheDataUses) {
  graph::SnapshotBuilder builder;
  builder.AddOrganization({.id = 1, .is_school = true, .name = "Universitetet i Oslo (UiO)"});
  builder.AddOrganization({.id = 2, .is_school = true, .name = "University_of_Oslo"});
  builder.AddOrganization({.id = 3, .is_school = true, .name = "Oslo_University_College"});
  builder.AddOrganization({.id = 4, .is_school = true, .name = "OsloMet – storbyuniversitetet"});
  builder.AddOrganization({.id = 5, .name = "Equinor"});
  builder.AddOrganization({.id = 6, .name = "DNB"});
  builder.AddOrganization({.id = 7, .is_school = true, .name = "BI Norwegian Business School"});
  builder.AddOrganization({.id = 8, .name = "Bilia"});
  builder.AddMember({.id = 10, .first_name = "Kari"});
  builder.AddMember({.id = 11, .first_name = "Ola"});
  builder.AddPosition({.member = 10, .organization = 8});
  builder.AddPosition({.member = 11, .organization = 8});
  std::shared_ptr<const graph::Snapshot> snapshot = *std::move(builder).Build();
  auto ids = [&](const std::string& text, std::optional<bool> schools = std::nullopt) {
    std::vector<OrganizationId> found;
    for (const OrganizationHit& hit :
         FindOrganizations(*snapshot, {.text = text, .schools = schools})) {
      found.push_back(snapshot->Organization(hit.organization).id);
    }
    return found;
  };
  EXPECT_EQ(ids("UiO"), (std::vector<OrganizationId>{1, 2}));
  EXPECT_EQ(ids("university of oslo"), (std::vector<OrganizationId>{1, 2}));
  EXPECT_EQ(ids("OsloMet"), (std::vector<OrganizationId>{3, 4}));
  EXPECT_EQ(ids("statoil"), (std::vector<OrganizationId>{5}));
  // "bi" is BI by its alias before Bilia, which has more members but only a prefix.
  EXPECT_EQ(ids("bi"), (std::vector<OrganizationId>{7, 8}));
  EXPECT_EQ(ids("bi", /*schools=*/false), (std::vector<OrganizationId>{8}));
  EXPECT_EQ(ids("oslo", /*schools=*/true), (std::vector<OrganizationId>{3, 4, 1, 2}));
  EXPECT_TRUE(ids("slo").empty()) << "a word prefix, not a substring";
  const std::vector<OrganizationHit> bilia = FindOrganizations(*snapshot, {.text = "bil"});
  ASSERT_EQ(bilia.size(), 1u);
  EXPECT_EQ(bilia[0].members, 2u);
  EXPECT_FALSE(bilia[0].exact);
  EXPECT_TRUE(FindOrganizations(*snapshot, {.text = "oslo", .limit = 0}).empty());
}

}  // namespace
}  // namespace ledd::query
