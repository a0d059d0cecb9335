#pragma once
// Filter type-ahead: the values of one search facet that start what a member typed,
// from the snapshot's dictionaries, with how many members have each.
//
// A value matches when the folded query is a prefix of its folded text or of a word of
// it ("oslo" finds "Oslo" and "Universitetet i Oslo"). Ranked by members descending, then
// folded value. Pure function of a Snapshot; thread-safe. Cost: one pass over the facet's
// dictionary (distinct values: thousands to tens of thousands), no member is read.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/search.h"

namespace ledd::query {

struct FacetValue {
  std::string value;    // Folded: what the search filter takes.
  std::string display;  // The spelling to show.
  uint64_t members = 0;
};

struct FacetValueOptions {
  size_t limit = 10;
  // Folded values that match whatever the query says (a country code resolved from a
  // country's name, "norge" -> "no"); ranked with the others.
  std::vector<std::string> also;
};

// Values with at least one member. An empty folded query matches every value (the
// facet's most common). Company counts positions current or past; title likewise.
std::vector<FacetValue> SuggestFacetValues(const graph::Snapshot& snapshot, SearchFacet facet,
                                           std::string_view folded_query,
                                           const FacetValueOptions& options = {});

}  // namespace ledd::query
