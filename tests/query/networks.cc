#include "query/networks.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>

#include "fmt/core.h"
#include "ledd/graph/snapshot_builder.h"

namespace ledd::query::testing {
namespace {

using ledd::testing::OracleEducation;
using ledd::testing::OracleMember;
using ledd::testing::OraclePosition;

template <typename T>
const T& Pick(std::mt19937_64& random, const std::vector<T>& values) {
  return values[random() % values.size()];
}

void AddOrganizations(TestNetwork& network) {
  // Two companies share a folded name ("Equinor" / "EQUINOR"): one filter value, two
  // employers.
  const std::vector<std::string> companies = {"Equinor", "Telenor", "DNB", "Kongsberg",
                                              "EQUINOR", "Tromsø Fiskeri"};
  for (size_t i = 0; i < companies.size(); ++i) {
    const OrganizationId id = static_cast<OrganizationId>(i + 1);
    network.organizations[id] = {.id = id, .is_school = false, .name = companies[i],
                                 .industry = "", .country = "NO"};
  }
  const std::vector<std::string> schools = {"NTNU", "Universitetet i Oslo", "UiT", "BI"};
  for (size_t i = 0; i < schools.size(); ++i) {
    const OrganizationId id = static_cast<OrganizationId>(101 + i);
    network.organizations[id] = {.id = id, .is_school = true, .name = schools[i],
                                 .industry = "", .country = "NO"};
  }
}

OracleMember NamedMember(int index) {
  OracleMember member;
  member.first_name = fmt::format("First{}", index % 7);
  member.last_name = fmt::format("Last{}", index % 3);
  return member;
}

graph::MemberChange ToChange(MemberId id, const OracleMember& member) {
  graph::MemberChange change;
  change.member = {.id = id,
                   .first_name = member.first_name,
                   .last_name = member.last_name,
                   .headline = "",
                   .has_summary = false,
                   .has_photo = false,
                   .city = member.city,
                   .country = member.country,
                   .industry = member.industry,
                   .policy = graph::TriagePolicy::kLiberal,
                   .markets = graph::MarketsKind::kHome,
                   .market_countries = "",
                   .in_directory = member.in_directory};
  for (const OraclePosition& position : member.positions) {
    change.positions.push_back({.member = id,
                                .organization = position.organization,
                                .title = position.title,
                                .start = 100,
                                .end = position.current ? graph::kOpenEnd : 200});
  }
  for (const OracleEducation& education : member.educations) {
    change.educations.push_back({.member = id,
                                 .school = education.school,
                                 .field = education.field,
                                 .start = 10,
                                 .end = 20});
  }
  return change;
}

}  // namespace

MemberId IdOf(int index) { return 1000 + 7 * static_cast<MemberId>(index); }

std::shared_ptr<const graph::Snapshot> TestNetwork::Build() const {
  graph::SnapshotBuilder builder;
  for (const auto& [id, organization] : organizations) builder.AddOrganization(organization);
  std::vector<graph::MemberChange> changes;
  for (const auto& [id, member] : oracle.members) changes.push_back(ToChange(id, member));
  for (const auto& change : changes) builder.AddMember(change.member);
  for (const auto& change : changes) {
    for (const auto& position : change.positions) builder.AddPosition(position);
    for (const auto& education : change.educations) builder.AddEducation(education);
  }
  for (const auto& [member, contacts] : oracle.contacts) {
    for (MemberId contact : contacts) {
      if (member < contact) builder.AddConnection(member, contact);
    }
  }
  return *std::move(builder).Build();
}

std::vector<MemberId> TestNetwork::Ids() const {
  std::vector<MemberId> ids;
  for (const auto& [id, member] : oracle.members) ids.push_back(id);
  return ids;
}

OracleMember RandomProfile(std::mt19937_64& random, const TestNetwork& network) {
  static const std::vector<std::string> kFirst = {"Ola", "Kari", "Øystein", "Åse", "Per",
                                                  "Ola", "Anne-Lise", "Jon"};
  static const std::vector<std::string> kLast = {"Nordmann", "Hansen", "Ødegård", "Berg",
                                                 "Nord-Hansen"};
  static const std::vector<std::string> kCities = {"Oslo", "oslo", "Tromsø", "Bergen",
                                                   "Trondheim", ""};
  static const std::vector<std::string> kCountries = {"NO", "NO", "SE", "DK", ""};
  static const std::vector<std::string> kIndustries = {"Energy", "Software", "Shipping",
                                                       "Finance", ""};
  static const std::vector<std::string> kTitles = {
      "Sivilingeniør", "Software Engineer", "Ingeniør",        "Daglig leder",
      "Product Manager", "Rådgiver",        "Senior Consultant", "Utvikler",
      "Selger",        "Head of Sales",     "Lege",              ""};
  static const std::vector<std::string> kFields = {"Informatikk", "Økonomi", "Law", ""};
  std::vector<OrganizationId> companies, schools;
  for (const auto& [id, organization] : network.organizations) {
    (organization.is_school ? schools : companies).push_back(id);
  }
  OracleMember member;
  member.first_name = Pick(random, kFirst);
  member.last_name = Pick(random, kLast);
  member.city = Pick(random, kCities);
  member.country = Pick(random, kCountries);
  member.industry = Pick(random, kIndustries);
  for (int i = static_cast<int>(random() % 3); i > 0 && !companies.empty(); --i) {
    const OrganizationId organization = Pick(random, companies);
    member.positions.push_back({.organization = organization,
                                .organization_name = network.organizations.at(organization).name,
                                .title = Pick(random, kTitles),
                                .current = random() % 2 == 0});
  }
  for (int i = static_cast<int>(random() % 2); i > 0 && !schools.empty(); --i) {
    const OrganizationId school = Pick(random, schools);
    member.educations.push_back({.school = school,
                                 .school_name = network.organizations.at(school).name,
                                 .field = Pick(random, kFields)});
  }
  return member;
}

TestNetwork RandomNetwork(uint64_t seed, int members, double average_degree, bool profiles) {
  std::mt19937_64 random(seed);
  TestNetwork network;
  AddOrganizations(network);
  for (int i = 0; i < members; ++i) {
    network.oracle.AddMember(IdOf(i), profiles ? RandomProfile(random, network) : NamedMember(i));
  }
  const int64_t edges = static_cast<int64_t>(average_degree * members / 2);
  for (int64_t e = 0; e < edges && members > 1; ++e) {
    network.oracle.Connect(IdOf(static_cast<int>(random() % members)),
                           IdOf(static_cast<int>(random() % members)));
  }
  return network;
}

TestNetwork PathNetwork(int members) {
  TestNetwork network;
  for (int i = 0; i < members; ++i) network.oracle.AddMember(IdOf(i), NamedMember(i));
  for (int i = 1; i < members; ++i) network.oracle.Connect(IdOf(i - 1), IdOf(i));
  return network;
}

TestNetwork StarNetwork(int leaves) {
  TestNetwork network;
  for (int i = 0; i <= leaves; ++i) network.oracle.AddMember(IdOf(i), NamedMember(i));
  for (int i = 1; i <= leaves; ++i) network.oracle.Connect(IdOf(0), IdOf(i));
  return network;
}

TestNetwork CliqueNetwork(int members) {
  TestNetwork network;
  for (int i = 0; i < members; ++i) network.oracle.AddMember(IdOf(i), NamedMember(i));
  for (int i = 0; i < members; ++i) {
    for (int j = i + 1; j < members; ++j) network.oracle.Connect(IdOf(i), IdOf(j));
  }
  return network;
}

TestNetwork ComponentsNetwork(uint64_t seed, int components, int size, int isolated) {
  std::mt19937_64 random(seed);
  TestNetwork network;
  const int members = components * size + isolated;
  for (int i = 0; i < members; ++i) network.oracle.AddMember(IdOf(i), NamedMember(i));
  for (int component = 0; component < components; ++component) {
    const int first = component * size;
    // A random spanning tree keeps each component connected; extra edges add cycles.
    for (int i = 1; i < size; ++i) {
      network.oracle.Connect(IdOf(first + i), IdOf(first + static_cast<int>(random() % i)));
    }
    for (int extra = 0; extra < size / 2; ++extra) {
      network.oracle.Connect(IdOf(first + static_cast<int>(random() % size)),
                             IdOf(first + static_cast<int>(random() % size)));
    }
  }
  return network;
}

TestNetwork HubNetwork(uint64_t seed, int leaves) {
  std::mt19937_64 random(seed);
  TestNetwork network;
  const int tail = 200;  // Members beyond the leaves.
  for (int i = 0; i <= leaves + tail; ++i) network.oracle.AddMember(IdOf(i), NamedMember(i));
  for (int i = 1; i <= leaves; ++i) network.oracle.Connect(IdOf(0), IdOf(i));
  for (int i = 0; i < leaves / 10; ++i) {
    network.oracle.Connect(IdOf(1 + static_cast<int>(random() % leaves)),
                           IdOf(1 + static_cast<int>(random() % leaves)));
  }
  // Tail members: the first half hang off leaves (distance 2), the rest off those.
  for (int i = 0; i < tail; ++i) {
    const int member = leaves + 1 + i;
    const int anchor = i < tail / 2 ? 1 + static_cast<int>(random() % leaves)
                                    : leaves + 1 + static_cast<int>(random() % (tail / 2));
    network.oracle.Connect(IdOf(member), IdOf(anchor));
  }
  return network;
}

std::shared_ptr<const graph::Snapshot> EditRandomly(
    TestNetwork& network, std::shared_ptr<const graph::Snapshot> snapshot, uint64_t seed,
    int steps) {
  std::mt19937_64 random(seed);
  graph::SnapshotEditor editor(std::move(snapshot));
  std::vector<MemberId> ids = network.Ids();
  MemberId next_low = 1;        // Below every base id: Node order != MemberId order.
  MemberId next_high = 1'000'000;
  const bool profiles = !network.organizations.empty();
  for (int step = 0; step < steps; ++step) {
    const MemberId a = Pick(random, ids);
    const MemberId b = Pick(random, ids);
    switch (random() % 6) {
      case 0: {
        const MemberId id = random() % 2 ? next_low++ : next_high++;
        OracleMember member = profiles ? RandomProfile(random, network)
                                       : NamedMember(static_cast<int>(id));
        editor.UpsertMember(ToChange(id, member));
        network.oracle.AddMember(id, member);
        ids.push_back(id);
        // Connect the newcomer so that it is reachable.
        editor.AddConnection(id, a);
        network.oracle.Connect(id, a);
        break;
      }
      case 1:
      case 2:
        editor.AddConnection(a, b);
        network.oracle.Connect(a, b);
        break;
      case 3:
      case 4: {
        // Remove an existing connection of a (if any) more often than a random pair.
        const auto& contacts = network.oracle.Contacts(a);
        if (contacts.empty()) break;
        auto it = contacts.begin();
        std::advance(it, random() % contacts.size());
        const MemberId contact = *it;
        editor.RemoveConnection(a, contact);
        network.oracle.Disconnect(a, contact);
        break;
      }
      case 5:
        if (profiles) {
          OracleMember member = RandomProfile(random, network);
          member.first_name = network.oracle.members.at(a).first_name;
          member.last_name = network.oracle.members.at(a).last_name;
          editor.UpsertMember(ToChange(a, member));
          network.oracle.members[a] = member;
        }
        break;
    }
  }
  return editor.Publish();
}

std::shared_ptr<const graph::Snapshot> RemoveRandomly(
    TestNetwork& network, std::shared_ptr<const graph::Snapshot> snapshot, uint64_t seed,
    int count) {
  std::mt19937_64 random(seed);
  graph::SnapshotEditor editor(std::move(snapshot));
  std::vector<MemberId> ids = network.Ids();
  for (int i = 0; i < count && ids.size() > 1; ++i) {
    const size_t index = random() % ids.size();
    const MemberId gone = ids[index];
    ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(index));
    editor.RemoveMember(gone);
    for (MemberId contact : std::set<MemberId>(network.oracle.Contacts(gone))) {
      network.oracle.Disconnect(gone, contact);
    }
    network.oracle.contacts.erase(gone);
    network.oracle.members.erase(gone);
  }
  return editor.Publish();
}

}  // namespace ledd::query::testing
