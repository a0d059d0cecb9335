#pragma once
// Value types of the in-memory network: facets, dictionary ids, per-member records and
// the inputs the builder and the editor take.
//
// The graph module depends only on base, so it has its own small input structs instead
// of the store's rows; service/ translates store rows into these. Times are Timestamps
// with two sentinels: kNoTime (unknown start) and kOpenEnd (still going on = current).

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ledd/base/ids.h"

namespace ledd::graph {

// Id of a value in one of the snapshot's dictionaries (cities, titles, ...).
using ValueId = uint32_t;
inline constexpr ValueId kNoValue = std::numeric_limits<ValueId>::max();

// Dense index of an organization inside a snapshot.
using OrgIndex = uint32_t;
inline constexpr OrgIndex kNoOrganization = std::numeric_limits<OrgIndex>::max();

inline constexpr Timestamp kNoTime = std::numeric_limits<Timestamp>::min();
inline constexpr Timestamp kOpenEnd = std::numeric_limits<Timestamp>::max();

// Dictionaries of folded strings. Company names serve both company facets.
enum class Dict : uint8_t { kCompany, kSchool, kField, kIndustry, kCity, kCountry, kTitle };
inline constexpr int kDictCount = 7;

// Facet postings: for each value of the facet's dictionary, the sorted Nodes having it.
// kCurrentCompany: organizations of open positions; kAnyCompany: of any position;
// kSchool / kField: of any education; kTitle: folded titles of any position (current or
// past; queries that want "current" check Positions()).
enum class Facet : uint8_t {
  kCurrentCompany,
  kAnyCompany,
  kSchool,
  kField,
  kIndustry,
  kCity,
  kCountry,
  kTitle,
};
inline constexpr int kFacetCount = 8;

constexpr Dict DictOf(Facet facet) {
  constexpr std::array<Dict, kFacetCount> kDicts = {Dict::kCompany, Dict::kCompany,
                                                    Dict::kSchool,  Dict::kField,
                                                    Dict::kIndustry, Dict::kCity,
                                                    Dict::kCountry, Dict::kTitle};
  return kDicts[static_cast<int>(facet)];
}

// Profile completeness: one bit per section of DESIGN.md's "thin profile".
inline constexpr uint8_t kSectionHeadline = 1 << 0;
inline constexpr uint8_t kSectionSummary = 1 << 1;
inline constexpr uint8_t kSectionPosition = 1 << 2;
inline constexpr uint8_t kSectionEducation = 1 << 3;
inline constexpr uint8_t kSectionLocation = 1 << 4;  // city or country
inline constexpr uint8_t kSectionIndustry = 1 << 5;
inline constexpr uint8_t kAllSections = (1 << 6) - 1;

enum class TriagePolicy : uint8_t { kLiberal, kSelective };
enum class MarketsKind : uint8_t { kHome, kInternational, kListed };
// Who may see a member's connections (the member's connections_visibility setting):
// anyone signed in, their contacts, or no one but themself. In the snapshot so that
// pure query code can leave hidden connections out when it names members
// (service/visibility.h has the rule).
enum class ContactsVisibility : uint8_t { kEveryone, kConnections, kOnlyMe };

// Small per-member attributes, packed into 6 bytes.
struct MemberFlags {
  uint8_t completeness = 0;  // kSection* bits
  bool has_photo = false;
  TriagePolicy policy = TriagePolicy::kLiberal;
  MarketsKind markets = MarketsKind::kHome;
  ContactsVisibility contacts = ContactsVisibility::kConnections;  // The store's default.
  // Listed in the member directory (the in_directory setting): found by search and
  // people-you-may-know beyond the network. Opted out: found by their network only.
  bool in_directory = true;

  friend bool operator==(const MemberFlags&, const MemberFlags&) = default;
};

// One experience entry of a member, dictionary-encoded.
struct PositionRecord {
  OrgIndex organization = kNoOrganization;
  ValueId title = kNoValue;  // In Dict::kTitle; kNoValue for an empty title.
  Timestamp start = kNoTime;
  Timestamp end = kOpenEnd;

  bool current() const { return end == kOpenEnd; }
};

struct EducationRecord {
  OrgIndex school = kNoOrganization;
  ValueId field = kNoValue;  // In Dict::kField; kNoValue for an empty field.
  Timestamp start = kNoTime;
  Timestamp end = kOpenEnd;
};

struct OrganizationRecord {
  OrganizationId id = 0;
  bool is_school = false;
  std::string name;
  std::string folded_name;  // Fold(name): the key in Dict::kCompany / Dict::kSchool.
  std::string industry;
  std::string country;
};

// ---- Inputs -------------------------------------------------------------------------

struct MemberInput {
  MemberId id = 0;
  std::string first_name;
  std::string last_name;
  std::string headline;
  bool has_summary = false;  // The summary text itself is not kept in memory.
  bool has_photo = false;
  std::string city;
  std::string country;
  std::string industry;
  TriagePolicy policy = TriagePolicy::kLiberal;
  MarketsKind markets = MarketsKind::kHome;
  std::string market_countries;  // For kListed: alpha-2 codes joined by ';'.
  ContactsVisibility contacts_visibility = ContactsVisibility::kConnections;
  bool in_directory = true;
};

struct OrganizationInput {
  OrganizationId id = 0;
  bool is_school = false;
  std::string name;
  std::string industry;
  std::string country;
};

struct PositionInput {
  MemberId member = 0;
  OrganizationId organization = 0;
  std::string title;
  Timestamp start = kNoTime;
  Timestamp end = kOpenEnd;
};

struct EducationInput {
  MemberId member = 0;
  OrganizationId school = 0;
  std::string field;
  Timestamp start = kNoTime;
  Timestamp end = kOpenEnd;
};

// ---- Changes: what a write does to the network ----------------------------------------

struct ConnectionChange {
  MemberId a = 0;
  MemberId b = 0;
  bool added = true;  // false = removed
};

struct FollowChange {
  MemberId follower = 0;
  MemberId followee = 0;
  bool added = true;
};

// Adds the member, or replaces the profile and background of an existing one.
struct MemberChange {
  MemberInput member;
  std::vector<PositionInput> positions;
  std::vector<EducationInput> educations;
};

// A member erased from the network (SnapshotEditor::RemoveMember).
struct MemberRemoval {
  MemberId id = 0;
};

// Shared so that a change can be logged for re-application without copying strings.
using Change = std::variant<ConnectionChange, FollowChange, OrganizationInput,
                            std::shared_ptr<const MemberChange>, MemberRemoval>;

}  // namespace ledd::graph
