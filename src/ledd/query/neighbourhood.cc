#include "ledd/query/neighbourhood.h"

#include <algorithm>

#include "ledd/query/kernels.h"
#include "ledd/query/pymk.h"

namespace ledd::query {
namespace {

// Marks of the drawn members while the edges are collected; ExpandTwoHops' level codes
// (0, 1, 2) stay on everyone else.
constexpr uint32_t kDrawnContact = 10;
constexpr uint32_t kDrawnSecond = 11;

}  // namespace

EgoNetworkResult EgoNetwork(const graph::Snapshot& snapshot, Node u,
                            const EgoNetworkOptions& options, QueryScratch& scratch) {
  EgoNetworkResult result;
  if (u >= snapshot.NodeCount()) return result;
  // Pymk first: it resets the scratch, which the rest of the query then owns.
  const std::vector<PymkSuggestion> second = Pymk(snapshot, u, {.limit = options.second}, scratch);
  const Neighbourhood around =
      ExpandTwoHops(snapshot, u, scratch, {.count_mutual = true, .collect = false});
  result.contacts_total = around.first.size();

  struct Contact {
    uint32_t mutual;
    MemberId id;
    Node node;
  };
  std::vector<Contact> contacts;
  contacts.reserve(around.first.size());
  for (Node contact : around.first) {
    contacts.push_back({scratch.Count(contact), snapshot.Id(contact), contact});
  }
  const size_t keep = std::min(options.contacts, contacts.size());
  std::partial_sort(contacts.begin(), contacts.begin() + static_cast<ptrdiff_t>(keep),
                    contacts.end(), [](const Contact& a, const Contact& b) {
                      return a.mutual != b.mutual ? a.mutual > b.mutual : a.id < b.id;
                    });
  contacts.resize(keep);

  result.nodes.reserve(1 + contacts.size() + second.size());
  result.nodes.push_back({.member = u, .degree = 0, .mutual = 0});
  for (const Contact& contact : contacts) {
    result.nodes.push_back({.member = contact.node, .degree = 1, .mutual = contact.mutual});
    scratch.Mark(contact.node, kDrawnContact);
  }
  for (const PymkSuggestion& suggestion : second) {
    result.nodes.push_back({.member = suggestion.member, .degree = 2, .mutual = suggestion.mutual});
    scratch.Mark(suggestion.member, kDrawnSecond);
  }

  auto add = [&](Node a, Node b) {
    if (result.edges.size() >= options.max_edges) {
      result.truncated = true;
      return false;
    }
    result.edges.push_back({a, b});
    return true;
  };
  for (const Contact& contact : contacts) {
    if (!add(u, contact.node)) return result;
  }
  // A 2nd-degree member's links to the drawn contacts come before the links among
  // contacts: without them it would float unattached.
  for (const PymkSuggestion& suggestion : second) {
    for (Node neighbour : snapshot.Connections(suggestion.member)) {
      if (scratch.Code(neighbour) == kDrawnContact && !add(neighbour, suggestion.member)) {
        return result;
      }
    }
  }
  for (const Contact& contact : contacts) {
    for (Node neighbour : snapshot.Connections(contact.node)) {
      if (scratch.Code(neighbour) == kDrawnContact && contact.id < snapshot.Id(neighbour) &&
          !add(contact.node, neighbour)) {
        return result;
      }
    }
  }
  for (const PymkSuggestion& suggestion : second) {
    const MemberId id = snapshot.Id(suggestion.member);
    for (Node neighbour : snapshot.Connections(suggestion.member)) {
      if (scratch.Code(neighbour) == kDrawnSecond && id < snapshot.Id(neighbour) &&
          !add(suggestion.member, neighbour)) {
        return result;
      }
    }
  }
  return result;
}

SharedBackgroundResult SharedBackground(const graph::Snapshot& snapshot, Node u, Node v) {
  SharedBackgroundResult shared;
  const Node count = snapshot.NodeCount();
  if (u >= count || v >= count || u == v) return shared;
  auto add_once = [](std::vector<graph::OrgIndex>& list, graph::OrgIndex value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
  };
  const auto their_positions = snapshot.Positions(v);
  for (const graph::PositionRecord& mine : snapshot.Positions(u)) {
    if (mine.organization == graph::kNoOrganization) continue;
    const bool both = std::any_of(their_positions.begin(), their_positions.end(),
                                  [&](const graph::PositionRecord& theirs) {
                                    return theirs.organization == mine.organization;
                                  });
    if (both) add_once(shared.organizations, mine.organization);
  }
  const auto their_educations = snapshot.Educations(v);
  for (const graph::EducationRecord& mine : snapshot.Educations(u)) {
    if (mine.school == graph::kNoOrganization) continue;
    const bool both = std::any_of(
        their_educations.begin(), their_educations.end(),
        [&](const graph::EducationRecord& theirs) { return theirs.school == mine.school; });
    if (both) add_once(shared.schools, mine.school);
  }
  shared.same_city = snapshot.City(u) != graph::kNoValue && snapshot.City(u) == snapshot.City(v);
  shared.same_industry =
      snapshot.Industry(u) != graph::kNoValue && snapshot.Industry(u) == snapshot.Industry(v);
  return shared;
}

}  // namespace ledd::query
