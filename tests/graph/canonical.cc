#include "graph/canonical.h"

#include <algorithm>
#include <set>

#include "fmt/core.h"

namespace ledd::graph::testing {
namespace {

std::string ValueOrEmpty(const Snapshot& snapshot, Dict dict, ValueId id) {
  return id == kNoValue ? std::string() : std::string(snapshot.Value(dict, id));
}

std::vector<MemberId> Ids(const Snapshot& snapshot, std::span<const Node> nodes) {
  std::vector<MemberId> ids;
  for (Node node : nodes) ids.push_back(snapshot.Id(node));
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string Join(const std::vector<MemberId>& ids) {
  std::string text;
  for (MemberId id : ids) text += fmt::format("{} ", id);
  return text;
}

}  // namespace

CanonicalNetwork Canonicalize(const Snapshot& snapshot) {
  CanonicalNetwork network;
  for (OrgIndex org = 0; org < snapshot.OrganizationCount(); ++org) {
    const OrganizationRecord& record = snapshot.Organization(org);
    network.organizations[record.id] = {record.is_school, record.name, record.industry,
                                        record.country};
  }
  auto org_id = [&](OrgIndex org) {
    return org == kNoOrganization ? OrganizationId{-1} : snapshot.Organization(org).id;
  };
  for (Node node = 0; node < snapshot.NodeCount(); ++node) {
    if (snapshot.Removed(node)) continue;  // An erased member is not in the network.
    CanonicalMember member;
    member.first_name = snapshot.FirstName(node);
    member.last_name = snapshot.LastName(node);
    member.headline = snapshot.Headline(node);
    member.market_countries = snapshot.MarketCountries(node);
    member.city = ValueOrEmpty(snapshot, Dict::kCity, snapshot.City(node));
    member.country = ValueOrEmpty(snapshot, Dict::kCountry, snapshot.Country(node));
    member.industry = ValueOrEmpty(snapshot, Dict::kIndustry, snapshot.Industry(node));
    const MemberFlags flags = snapshot.Flags(node);
    member.completeness = flags.completeness;
    member.has_photo = flags.has_photo;
    member.policy = static_cast<int>(flags.policy);
    member.markets = static_cast<int>(flags.markets);
    for (const PositionRecord& position : snapshot.Positions(node)) {
      member.positions.emplace_back(org_id(position.organization),
                                    ValueOrEmpty(snapshot, Dict::kTitle, position.title),
                                    position.start, position.end);
    }
    for (const EducationRecord& education : snapshot.Educations(node)) {
      member.educations.emplace_back(org_id(education.school),
                                     ValueOrEmpty(snapshot, Dict::kField, education.field),
                                     education.start, education.end);
    }
    member.connections = Ids(snapshot, snapshot.Connections(node));
    member.following = Ids(snapshot, snapshot.Following(node));
    member.followers = Ids(snapshot, snapshot.Followers(node));
    network.members[snapshot.Id(node)] = std::move(member);
  }
  for (int facet = 0; facet < kFacetCount; ++facet) {
    const Dict dict = DictOf(static_cast<Facet>(facet));
    for (ValueId value = 0; value < snapshot.ValueCount(dict); ++value) {
      auto posting = snapshot.Posting(static_cast<Facet>(facet), value);
      if (posting.empty()) continue;
      network.postings[facet][std::string(snapshot.Value(dict, value))] =
          Ids(snapshot, posting);
    }
  }
  network.connection_count = snapshot.ConnectionCount();
  network.follow_count = snapshot.FollowCount();
  return network;
}

std::string Diff(const CanonicalNetwork& expected, const CanonicalNetwork& actual) {
  if (expected.members.size() != actual.members.size()) {
    return fmt::format("member count {} vs {}", expected.members.size(), actual.members.size());
  }
  for (const auto& [id, member] : expected.members) {
    auto it = actual.members.find(id);
    if (it == actual.members.end()) return fmt::format("member {} missing", id);
    const CanonicalMember& other = it->second;
    if (member == other) continue;
    if (member.connections != other.connections) {
      return fmt::format("member {} connections [{}] vs [{}]", id, Join(member.connections),
                         Join(other.connections));
    }
    if (member.following != other.following) return fmt::format("member {} following", id);
    if (member.followers != other.followers) return fmt::format("member {} followers", id);
    return fmt::format("member {} attributes differ (city {} vs {}, completeness {} vs {})",
                       id, member.city, other.city, member.completeness, other.completeness);
  }
  if (expected.organizations != actual.organizations) return "organizations differ";
  for (int facet = 0; facet < kFacetCount; ++facet) {
    if (expected.postings[facet] == actual.postings[facet]) continue;
    for (const auto& [value, ids] : expected.postings[facet]) {
      auto it = actual.postings[facet].find(value);
      if (it == actual.postings[facet].end()) {
        return fmt::format("facet {} value '{}' missing", facet, value);
      }
      if (it->second != ids) {
        return fmt::format("facet {} value '{}': [{}] vs [{}]", facet, value, Join(ids),
                           Join(it->second));
      }
    }
    return fmt::format("facet {} has extra values", facet);
  }
  if (expected.connection_count != actual.connection_count) {
    return fmt::format("connection count {} vs {}", expected.connection_count,
                       actual.connection_count);
  }
  if (expected.follow_count != actual.follow_count) {
    return fmt::format("follow count {} vs {}", expected.follow_count, actual.follow_count);
  }
  return "";
}

std::string CheckInvariants(const Snapshot& snapshot) {
  const Node count = snapshot.NodeCount();
  uint64_t directed = 0;
  uint64_t follows = 0;
  for (Node u = 0; u < count; ++u) {
    if (snapshot.Removed(u)) {
      // Nothing of a removed member is left to reach: no edges, no directory listing,
      // no name, and its id does not lead to it.
      if (!snapshot.Connections(u).empty() || !snapshot.Following(u).empty() ||
          !snapshot.Followers(u).empty() || snapshot.InDirectory(u) ||
          !snapshot.FirstName(u).empty() || snapshot.Find(snapshot.Id(u)) == u) {
        return fmt::format("removed node {} is still reachable", u);
      }
      continue;
    }
    if (snapshot.Find(snapshot.Id(u)) != u) return fmt::format("id mapping of node {}", u);
    auto check_row = [&](std::span<const Node> row, const char* what) -> std::string {
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i] >= count) return fmt::format("{} of {}: node out of range", what, u);
        if (row[i] == u) return fmt::format("{} of {}: self-loop", what, u);
        if (i > 0 && row[i - 1] >= row[i]) return fmt::format("{} of {}: not sorted", what, u);
      }
      return "";
    };
    if (auto error = check_row(snapshot.Connections(u), "connections"); !error.empty()) {
      return error;
    }
    if (auto error = check_row(snapshot.Following(u), "following"); !error.empty()) return error;
    if (auto error = check_row(snapshot.Followers(u), "followers"); !error.empty()) return error;
    for (Node v : snapshot.Connections(u)) {
      auto back = snapshot.Connections(v);
      if (!std::binary_search(back.begin(), back.end(), u)) {
        return fmt::format("asymmetric connection {} -> {}", snapshot.Id(u), snapshot.Id(v));
      }
    }
    for (Node v : snapshot.Following(u)) {
      auto back = snapshot.Followers(v);
      if (!std::binary_search(back.begin(), back.end(), u)) {
        return fmt::format("follow {} -> {} missing from followers", u, v);
      }
    }
    directed += snapshot.Connections(u).size();
    follows += snapshot.Following(u).size();
  }
  if (directed % 2 != 0) return "odd degree sum";
  if (directed / 2 != snapshot.ConnectionCount()) {
    return fmt::format("connection count {} but {} pairs", snapshot.ConnectionCount(),
                       directed / 2);
  }
  if (follows != snapshot.FollowCount()) return "follow count";

  // Postings against records.
  std::array<std::set<std::pair<ValueId, Node>>, kFacetCount> expected;
  for (Node node = 0; node < count; ++node) {
    auto add = [&](Facet facet, ValueId value) {
      if (value != kNoValue) expected[static_cast<int>(facet)].insert({value, node});
    };
    add(Facet::kCity, snapshot.City(node));
    add(Facet::kCountry, snapshot.Country(node));
    add(Facet::kIndustry, snapshot.Industry(node));
    for (const PositionRecord& position : snapshot.Positions(node)) {
      add(Facet::kTitle, position.title);
      if (position.organization == kNoOrganization) continue;
      const ValueId company = snapshot.FindValue(
          Dict::kCompany, snapshot.Organization(position.organization).folded_name);
      if (company == kNoValue) return fmt::format("company of node {} not in dictionary", node);
      add(Facet::kAnyCompany, company);
      if (position.current()) add(Facet::kCurrentCompany, company);
    }
    for (const EducationRecord& education : snapshot.Educations(node)) {
      add(Facet::kField, education.field);
      if (education.school == kNoOrganization) continue;
      add(Facet::kSchool, snapshot.FindValue(
                              Dict::kSchool, snapshot.Organization(education.school).folded_name));
    }
  }
  // Facet rows against the same records: each row holds its member's values of every
  // facet but kCurrentCompany (a subset of kAnyCompany's), each once.
  {
    std::vector<std::set<uint32_t>> rows(count);
    for (int facet = 0; facet < kFacetCount; ++facet) {
      if (static_cast<Facet>(facet) == Facet::kCurrentCompany) continue;
      const Dict dict = DictOf(static_cast<Facet>(facet));
      for (const auto& [value, node] : expected[facet]) rows[node].insert(FacetEntry(dict, value));
    }
    std::vector<uint32_t> buffer;
    for (Node node = 0; node < count; ++node) {
      const std::span<const uint32_t> row = snapshot.FacetRow(node, buffer);
      const std::set<uint32_t> actual(row.begin(), row.end());
      if (actual.size() != row.size()) return fmt::format("facet row of node {}: repeats", node);
      if (actual != rows[node]) {
        return fmt::format("facet row of node {}: {} entries, records give {}", node,
                           actual.size(), rows[node].size());
      }
    }
  }
  for (int facet = 0; facet < kFacetCount; ++facet) {
    std::set<std::pair<ValueId, Node>> actual;
    const Dict dict = DictOf(static_cast<Facet>(facet));
    for (ValueId value = 0; value < snapshot.ValueCount(dict); ++value) {
      if (snapshot.FindValue(dict, snapshot.Value(dict, value)) != value) {
        return fmt::format("dictionary {} value {} does not find itself", int(dict), value);
      }
      auto posting = snapshot.Posting(static_cast<Facet>(facet), value);
      for (size_t i = 0; i < posting.size(); ++i) {
        if (i > 0 && posting[i - 1] >= posting[i]) return "posting not sorted";
        actual.insert({value, posting[i]});
      }
    }
    if (actual != expected[facet]) return fmt::format("facet {} postings differ from records", facet);
  }
  return "";
}

}  // namespace ledd::graph::testing
