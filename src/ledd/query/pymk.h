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
};

// "mutual", "same_employer", "same_school", "same_city".
std::string_view ReasonCode(PymkReason reason);

struct PymkSuggestion {
  Node member = kNoNode;
  uint32_t mutual = 0;
  std::vector<PymkReason> reasons;  // In the enum's order.
};

struct PymkOptions {
  size_t limit = 10;
};

// The members at exactly distance 2 from u, ranked by mutual contacts (descending),
// then same employer, same school, same city (each: sharing it first), then MemberId;
// the first `limit` of them. Empty for an unknown u.
// Cost: one 2-hop expansion, plus background checks only for the candidates tied with
// or above the limit-th by mutual count.
std::vector<PymkSuggestion> Pymk(const graph::Snapshot& snapshot, Node u,
                                 const PymkOptions& options = {},
                                 QueryScratch& scratch = ThreadScratch());

}  // namespace ledd::query
