#include "ledd/query/organizations.h"

#include <algorithm>
#include <string_view>

#include "ledd/base/fold.h"

namespace ledd::query {
namespace {

// Whether `folded` (a folded name: words separated by one space) starts with `prefix`
// or has a word that does.
bool MatchesWordPrefix(std::string_view folded, std::string_view prefix) {
  if (prefix.empty()) return true;
  for (size_t at = 0; at + prefix.size() <= folded.size();) {
    if (folded.compare(at, prefix.size(), prefix) == 0) return true;
    const size_t space = folded.find(' ', at);
    if (space == std::string_view::npos) return false;
    at = space + 1;
  }
  return false;
}

}  // namespace

uint32_t OrganizationMembers(const graph::Snapshot& snapshot, graph::OrgIndex index) {
  const bool school = snapshot.Organization(index).is_school;
  const graph::Dict dict = school ? graph::Dict::kSchool : graph::Dict::kCompany;
  const graph::ValueId value = snapshot.OrganizationValue(dict, index);
  if (value == graph::kNoValue) return 0;
  const graph::Facet facet = school ? graph::Facet::kSchool : graph::Facet::kAnyCompany;
  return static_cast<uint32_t>(snapshot.Posting(facet, value).size());
}

std::vector<OrganizationHit> FindOrganizations(const graph::Snapshot& snapshot,
                                               const OrganizationQuery& query,
                                               const Vocabulary& vocabulary) {
  std::vector<OrganizationHit> hits;
  if (query.limit == 0) return hits;
  const std::string text = Fold(query.text);
  const std::span<const std::string> aliases = vocabulary.OrganizationNames(text);
  const graph::OrgIndex count = snapshot.OrganizationCount();
  for (graph::OrgIndex index = 0; index < count; ++index) {
    const graph::OrganizationRecord& organization = snapshot.Organization(index);
    if (query.schools && *query.schools != organization.is_school) continue;
    const std::string_view name = organization.folded_name;
    const bool exact =
        (!text.empty() && name == text) ||
        std::find(aliases.begin(), aliases.end(), name) != aliases.end();
    if (!exact && !MatchesWordPrefix(name, text)) continue;
    hits.push_back({.organization = index,
                    .members = OrganizationMembers(snapshot, index),
                    .exact = exact});
  }
  auto better = [&](const OrganizationHit& x, const OrganizationHit& y) {
    if (x.exact != y.exact) return x.exact;
    if (x.members != y.members) return x.members > y.members;
    const graph::OrganizationRecord& a = snapshot.Organization(x.organization);
    const graph::OrganizationRecord& b = snapshot.Organization(y.organization);
    if (a.folded_name != b.folded_name) return a.folded_name < b.folded_name;
    return a.id < b.id;
  };
  const size_t keep = std::min(query.limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
                    better);
  hits.resize(keep);
  return hits;
}

}  // namespace ledd::query
