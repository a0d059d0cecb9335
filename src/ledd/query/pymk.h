#pragma once
// People you may know: 2nd-degree members ranked by mutual contacts, then shared
// background (DESIGN.md, "Queries").
//
// Pure function of a Snapshot, in its Nodes (see network_queries.h for unknown Nodes
// and tie-breaking by MemberId). Thread-safe for concurrent calls with distinct
// scratches (the default is the calling thread's own).

#include <cstdint>
#include <string_view>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/scratch.h"

namespace ledd::query {

// Why a member is suggested; stable codes for the CLI and API (ReasonCode()).
enum class PymkReason : uint8_t {
  kMutual,        // at least one mutual contact (always, at 2nd degree)
  kSameEmployer,  // a current position at the same organization as u's current one
  kSameSchool,    // an education at one of u's schools
  kSameCity,      // the same city (folded)
  // Background suggestions beyond the 2nd degree (PymkOptions::background) only:
  kSameField,     // a field of study of the same concept (vocabulary.h: Informatikk = CS)
  kSameIndustry,  // the same industry (folded)
};

// "mutual", "same_employer", "same_school", "same_city", "same_field", "same_industry".
std::string_view ReasonCode(PymkReason reason);

// What a background reason names: the organization, field, city or industry as the
// suggested member's profile spells it; `cohort` for a school shared in the same years.
struct PymkDetail {
  PymkReason reason = PymkReason::kMutual;
  std::string text = {};
  bool cohort = false;
};

struct PymkSuggestion {
  Node member = kNoNode;
  uint32_t mutual = 0;
  std::vector<PymkReason> reasons;  // In the enum's order.
  // Background suggestions: one entry per reason, in the reasons' order. Empty for
  // 2nd-degree suggestions.
  std::vector<PymkDetail> details = {};
};

struct PymkOptions {
  size_t limit = 10;
  // Fill the places the 2nd degree leaves (or all of them for a member with no contacts)
  // with members beyond it who share background with u (see PymkBackgroundScore).
  bool background = false;
  // Never suggested, at any degree: pending invitations either way and blocks either
  // way, which the caller knows and the snapshot does not. Any order.
  std::vector<Node> excluded = {};
  // Background work bound: members read from one posting list at most.
  size_t posting_cap = 20'000;
};

// Score of a background suggestion, the sum of what it shares with u: an employer with
// overlapping positions 16, a school with overlapping studies (cohort) 8, a field of
// study of the same concept 4, the city 2, the industry 1 — so one shared employer
// outranks any mix of the rest, and so on down.
inline constexpr uint32_t kPymkEmployerScore = 16, kPymkSchoolScore = 8, kPymkFieldScore = 4,
                          kPymkCityScore = 2, kPymkIndustryScore = 1;

// The members at exactly distance 2 from u, ranked by mutual contacts (descending),
// then same employer, same school, same city (each: sharing it first), then MemberId;
// the first `limit` of them. Empty for an unknown u.
// Cost: one 2-hop expansion, plus background checks only for the candidates tied with
// or above the limit-th by mutual count.
// With `background`, the places left are filled with members beyond the 2nd degree (not
// u, not excluded, listed in the directory) sharing at least one of employer+period,
// school+period, field, city, industry with u, ranked by score (above) descending, then
// MemberId; found from u's facet postings, the smallest first, each read to posting_cap.
std::vector<PymkSuggestion> Pymk(const graph::Snapshot& snapshot, Node u,
                                 const PymkOptions& options = {},
                                 QueryScratch& scratch = ThreadScratch());

}  // namespace ledd::query
