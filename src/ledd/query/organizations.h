#pragma once
// The organization type-ahead: which organizations a member means by what they have
// typed so far, for the company and school fields of a profile (GET
// /api/v1/organizations, `ledd organizations`). A pure function of a snapshot, which
// holds every organization (the live network learns new ones from kOrganizationAdded).
//
// Matching is on folded text (base/fold.h): an organization matches when the typed
// text is a prefix of its folded name or of a word of it ("oslo" finds "Universitetet
// i Oslo", "univ" finds it too), and — an alias match — when the text is one of the
// names of an organization group of the vocabulary ("uio" finds every organization
// named by a term of UiO's group: "Universitetet i Oslo", LDBC's "University of Oslo").
// Empty text matches every organization. Ranking: exact matches (the folded name is
// the folded text) and alias matches first, then by members descending, then by folded
// name and id.
//
// `members` of an organization is the number of members with a position (a company)
// or an education (a school) there, read from the facet postings: one posting length
// per matching organization. Postings are by folded name, so organizations of one kind
// that share a folded name share their count.
//
// Thread-safety: pure; any number of threads may run it on one snapshot.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/vocabulary.h"

namespace ledd::query {

struct OrganizationQuery {
  std::string text;                // As typed; folded here.
  std::optional<bool> schools;     // true: schools only; false: companies only; absent: both.
  size_t limit = 10;
};

struct OrganizationHit {
  graph::OrgIndex organization = graph::kNoOrganization;
  uint32_t members = 0;
  bool exact = false;  // The folded name is the folded text, or an alias match.

  friend bool operator==(const OrganizationHit&, const OrganizationHit&) = default;
};

// At most query.limit hits, best first.
std::vector<OrganizationHit> FindOrganizations(
    const graph::Snapshot& snapshot, const OrganizationQuery& query,
    const Vocabulary& vocabulary = Vocabulary::Builtin());

// Members with a position at (a company) or an education at (a school) the
// organization, by its folded name's posting. Requires index < OrganizationCount().
uint32_t OrganizationMembers(const graph::Snapshot& snapshot, graph::OrgIndex index);

}  // namespace ledd::query
