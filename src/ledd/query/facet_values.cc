#include "ledd/query/facet_values.h"

#include <algorithm>

namespace ledd::query {
namespace {

using graph::Dict;
using graph::Facet;
using graph::ValueId;

Facet PostingOf(SearchFacet facet) {
  switch (facet) {
    case SearchFacet::kTitle:
      return Facet::kTitle;
    case SearchFacet::kCity:
      return Facet::kCity;
    case SearchFacet::kCountry:
      return Facet::kCountry;
    case SearchFacet::kCompany:
      return Facet::kAnyCompany;
    case SearchFacet::kSchool:
      return Facet::kSchool;
    case SearchFacet::kField:
      return Facet::kField;
    case SearchFacet::kIndustry:
      return Facet::kIndustry;
  }
  return Facet::kTitle;
}

// Whether `query` starts `text` or one of its words (folded text: single spaces).
bool StartsAWord(std::string_view text, std::string_view query) {
  for (size_t at = 0; at + query.size() <= text.size(); ++at) {
    if (at > 0 && text[at - 1] != ' ') continue;
    if (text.substr(at, query.size()) == query) return true;
  }
  return false;
}

}  // namespace

std::vector<FacetValue> SuggestFacetValues(const graph::Snapshot& snapshot, SearchFacet facet,
                                           std::string_view folded_query,
                                           const FacetValueOptions& options) {
  const Facet posting = PostingOf(facet);
  const Dict dict = graph::DictOf(posting);
  struct Candidate {
    uint64_t members;
    ValueId value;
  };
  std::vector<Candidate> candidates;
  const ValueId count = snapshot.ValueCount(dict);
  for (ValueId value = 0; value < count; ++value) {
    const std::string_view text = snapshot.Value(dict, value);
    if (text.empty()) continue;
    const bool also = std::find(options.also.begin(), options.also.end(), text) != options.also.end();
    if (!also && !StartsAWord(text, folded_query)) continue;
    const uint64_t members = snapshot.Posting(posting, value).size();
    if (members > 0) candidates.push_back({members, value});
  }
  auto before = [&](const Candidate& a, const Candidate& b) {
    if (a.members != b.members) return a.members > b.members;
    return snapshot.Value(dict, a.value) < snapshot.Value(dict, b.value);
  };
  const size_t keep = std::min(options.limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(keep),
                    candidates.end(), before);
  std::vector<FacetValue> values;
  values.reserve(keep);
  for (size_t i = 0; i < keep; ++i) {
    values.push_back({std::string(snapshot.Value(dict, candidates[i].value)),
                      std::string(snapshot.Display(dict, candidates[i].value)),
                      candidates[i].members});
  }
  return values;
}

}  // namespace ledd::query
