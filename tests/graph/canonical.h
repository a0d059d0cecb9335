#pragma once
// Test helpers: a Snapshot in canonical form (external ids and folded strings only, so
// two snapshots with different Node numbering or dictionary ids compare equal when they
// describe the same network), and a check of the invariants every snapshot must hold.

#include <array>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "ledd/graph/snapshot.h"

namespace ledd::graph::testing {

struct CanonicalMember {
  std::string first_name, last_name, headline, market_countries;
  std::string city, country, industry;  // folded
  uint8_t completeness = 0;
  bool has_photo = false;
  int policy = 0;
  int markets = 0;
  // (organization id, folded title, start, end)
  std::vector<std::tuple<OrganizationId, std::string, Timestamp, Timestamp>> positions;
  std::vector<std::tuple<OrganizationId, std::string, Timestamp, Timestamp>> educations;
  std::vector<MemberId> connections, following, followers;  // sorted

  friend bool operator==(const CanonicalMember&, const CanonicalMember&) = default;
};

struct CanonicalNetwork {
  std::map<MemberId, CanonicalMember> members;
  std::map<OrganizationId, std::tuple<bool, std::string, std::string, std::string>> organizations;
  // Per facet: folded value -> sorted member ids; values with no member are left out.
  std::array<std::map<std::string, std::vector<MemberId>>, kFacetCount> postings;
  uint64_t connection_count = 0;
  uint64_t follow_count = 0;

  friend bool operator==(const CanonicalNetwork&, const CanonicalNetwork&) = default;
};

CanonicalNetwork Canonicalize(const Snapshot& snapshot);

// "" when equal, else a description of the first difference.
std::string Diff(const CanonicalNetwork& expected, const CanonicalNetwork& actual);

// "" when every invariant of snapshot.h holds, else the first violation. Postings are
// checked against the members' records (what the facet definitions say they hold).
std::string CheckInvariants(const Snapshot& snapshot);

}  // namespace ledd::graph::testing
