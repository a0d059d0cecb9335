#pragma once
// Brute-force oracle for the network queries: the network as std::map / std::set keyed
// by MemberId, every answer computed the slow, obvious way (plain BFS, set
// intersections, scanning every member). Independent of graph::Snapshot and of the
// query kernels, so the two can be compared on any network. For tests only.
//
// Semantics are those of DESIGN.md ("Queries") and src/ledd/query/*.h, written out
// again here from the definitions.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ledd/base/ids.h"

namespace ledd::testing {

struct OraclePosition {
  int64_t organization = 0;
  std::string organization_name;
  std::string title;
  bool current = true;
};

struct OracleEducation {
  int64_t school = 0;
  std::string school_name;
  std::string field;
};

struct OracleMember {
  std::string first_name;
  std::string last_name;
  std::string city;
  std::string country;
  std::string industry;
  std::vector<OraclePosition> positions;
  std::vector<OracleEducation> educations;
  bool in_directory = true;  // Listed in the member directory.
};

struct OracleNetwork {
  std::map<MemberId, OracleMember> members;
  std::map<MemberId, std::set<MemberId>> contacts;  // Symmetric; every member has a row.

  void AddMember(MemberId id, OracleMember member = {});
  // Both must be members; a self-connection is ignored.
  void Connect(MemberId a, MemberId b);
  void Disconnect(MemberId a, MemberId b);
  // Empty for an unknown member.
  const std::set<MemberId>& Contacts(MemberId id) const;
  // Every member within max_depth of u with its distance (u at 0). Plain BFS.
  std::map<MemberId, int> Distances(MemberId u, int max_depth) const;
};

// 0 for u == v, else the distance when at most 3, else nullopt (also for unknown ids).
std::optional<int> OracleDegree(const OracleNetwork& network, MemberId u, MemberId v);

// All common contacts, ordered by (first name, last name, id); none when u == v.
std::vector<MemberId> OracleMutual(const OracleNetwork& network, MemberId u, MemberId v);

// `introducers` most selective first: fewest contacts, then (first name, last name, id).
std::vector<MemberId> OracleRankIntroducers(const OracleNetwork& network,
                                            std::vector<MemberId> introducers);

struct OracleReach {
  uint64_t first = 0, second = 0, third = 0, naive = 0;
};
OracleReach OracleReachOf(const OracleNetwork& network, MemberId u);

// Shortest path length within max_hops, nullopt when none.
std::optional<int> OracleDistance(const OracleNetwork& network, MemberId u, MemberId v,
                                  int max_hops);

// |({s} ∪ contacts(s)) \ ({u} ∪ 1st ∪ 2nd of u)|, 0 when u == s or s already a contact.
uint64_t OracleMarginalReach(const OracleNetwork& network, MemberId u, MemberId s);

struct OracleSuggestion {
  MemberId member = 0;
  uint64_t mutual = 0;
  bool same_employer = false;  // a current position at the same organization
  bool same_school = false;    // an education at the same school
  bool same_city = false;      // same folded city, not empty

  friend bool operator==(const OracleSuggestion&, const OracleSuggestion&) = default;
};
// Every member at distance exactly 2, ranked by mutual, employer, school, city (each
// descending), then id.
std::vector<OracleSuggestion> OraclePymk(const OracleNetwork& network, MemberId u);

struct OracleFilters {
  std::string title, city, country, company, school, field, industry, name;
};

struct OracleHit {
  MemberId member = 0;
  int degree = 0;
  uint64_t mutual = 0;

  friend bool operator==(const OracleHit&, const OracleHit&) = default;
};

struct OracleSearchResult {
  std::vector<OracleHit> hits;  // Every match, ranked (degree, mutual desc, id).
  // Facet name ("title", "city", "country", "company", "school", "field", "industry")
  // -> folded value -> members among the matches having it.
  std::map<std::string, std::map<std::string, uint64_t>> facets;
};

// `degrees` may hold 1, 2, 3 and kOracleBeyond: the members farther than 3 or unreachable
// who are in the directory, ranked after the network by (folded last name, folded first
// name, id), reported with degree 0.
inline constexpr int kOracleBeyond = 4;
OracleSearchResult OracleSearch(const OracleNetwork& network, MemberId u,
                                const OracleFilters& filters, const std::set<int>& degrees);

// Folded title queries a title text matches: the text and its synonym variants (each
// word that is in a [titles] group of data/vocabulary.txt, read from the source tree,
// replaced by each other word of its group); none for a text that folds to "".
std::vector<std::string> OracleTitleTerms(const std::string& text);

// Whether a title (as stored) matches one of `terms` (OracleTitleTerms) by the rule of
// docs/search.md: a term's words on consecutive title words, the last a word prefix, the
// first possibly a word's end when at least 4 characters long.
bool OracleTitleMatches(const std::string& title, const std::vector<std::string>& terms);

struct OracleOrganization {
  int64_t id = 0;
  bool school = false;
  std::string name;
};

struct OracleOrganizationHit {
  int64_t id = 0;
  int64_t members = 0;
  bool exact = false;

  friend bool operator==(const OracleOrganizationHit&, const OracleOrganizationHit&) = default;
};

// The organization type-ahead (query/organizations.h) the slow way: every organization
// whose folded name starts with the folded text at one of its word starts, or is the
// text, or is a name of the [organizations] group of data/vocabulary.txt (read from the
// source tree) that has the text; members counted by scanning every member's positions
// (companies) or educations (schools) for the same folded name; ranked exact first,
// then members descending, folded name, id; at most `limit`.
std::vector<OracleOrganizationHit> OracleFindOrganizations(
    const OracleNetwork& network, const std::vector<OracleOrganization>& organizations,
    const std::string& text, std::optional<bool> schools, size_t limit);

}  // namespace ledd::testing
