#include "ledd/query/search.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "ledd/base/fold.h"
#include "ledd/query/kernels.h"
#include "ledd/query/network_queries.h"

namespace ledd::query {
namespace {

using graph::Dict;
using graph::Facet;
using graph::kNoOrganization;
using graph::kNoValue;
using graph::OrgIndex;
using graph::ValueId;

// Norwegian and English spellings of the same job words, folded.
const std::vector<std::vector<std::string_view>>& Synonyms() {
  static const auto* synonyms = new std::vector<std::vector<std::string_view>>{
      {"ingenior", "engineer"},
      {"utvikler", "developer"},
      {"leder", "manager", "head"},
      {"radgiver", "consultant", "adviser", "advisor"},
      {"selger", "sales"},
  };
  return *synonyms;
}

// A filter resolved against the snapshot's dictionaries.
struct Resolved {
  bool impossible = false;  // A filter names a value nobody has: no match at all.
  ValueId city = kNoValue, country = kNoValue, industry = kNoValue;
  bool by_city = false, by_country = false, by_industry = false;
  std::optional<std::span<const Node>> company, school, field;  // Posting lists.
  bool by_title = false;
  std::vector<uint8_t> title_matches;  // By title ValueId.
  std::vector<ValueId> matching_titles;
  std::string name_prefix;  // Folded; empty = any.
};

Resolved Resolve(const graph::Snapshot& snapshot, const SearchFilters& filters) {
  Resolved resolved;
  auto exact = [&](const std::string& text, Dict dict, bool& active, ValueId& value) {
    if (text.empty()) return;
    active = true;
    value = snapshot.FindValue(dict, Fold(text));
    if (value == kNoValue) resolved.impossible = true;
  };
  exact(filters.city, Dict::kCity, resolved.by_city, resolved.city);
  exact(filters.country, Dict::kCountry, resolved.by_country, resolved.country);
  exact(filters.industry, Dict::kIndustry, resolved.by_industry, resolved.industry);
  auto posting = [&](const std::string& text, Dict dict, Facet facet,
                     std::optional<std::span<const Node>>& list) {
    if (text.empty()) return;
    const ValueId value = snapshot.FindValue(dict, Fold(text));
    if (value == kNoValue) {
      resolved.impossible = true;
      list = std::span<const Node>();
      return;
    }
    list = snapshot.Posting(facet, value);
  };
  posting(filters.company, Dict::kCompany, Facet::kAnyCompany, resolved.company);
  posting(filters.school, Dict::kSchool, Facet::kSchool, resolved.school);
  posting(filters.field, Dict::kField, Facet::kField, resolved.field);
  if (!filters.title.empty()) {
    resolved.by_title = true;
    const std::vector<std::string> terms = TitleTerms(filters.title);
    // The title dictionary holds distinct titles (thousands, not millions): scanning it
    // once per query is what makes substring and synonym matching affordable.
    const ValueId count = snapshot.ValueCount(Dict::kTitle);
    resolved.title_matches.assign(count, 0);
    for (ValueId title = 0; title < count; ++title) {
      const std::string_view folded = snapshot.Value(Dict::kTitle, title);
      for (const std::string& term : terms) {
        if (folded.find(term) != std::string_view::npos) {
          resolved.title_matches[title] = 1;
          resolved.matching_titles.push_back(title);
          break;
        }
      }
    }
    if (resolved.matching_titles.empty()) resolved.impossible = true;
  }
  if (!filters.name.empty()) {
    resolved.name_prefix = Fold(filters.name);
    if (resolved.name_prefix.empty()) resolved.impossible = true;
  }
  return resolved;
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Whether a word of the member's folded full name starts with `prefix`. ASCII names
// (most of them) are lowercased into a reused buffer instead of going through ICU.
bool NameMatches(const graph::Snapshot& snapshot, Node member, std::string_view prefix) {
  thread_local std::string name;
  const std::string_view first = snapshot.FirstName(member);
  const std::string_view last = snapshot.LastName(member);
  if (IsAscii(first) && IsAscii(last)) {
    name.assign(first);
    if (!first.empty() && !last.empty()) name += ' ';
    name.append(last);
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    name = Fold(snapshot.DisplayName(member));
  }
  for (size_t at = 0; at + prefix.size() <= name.size(); ++at) {
    if (at > 0 && name[at - 1] != ' ' && name[at - 1] != '-') continue;
    if (std::string_view(name).substr(at, prefix.size()) == prefix) return true;
  }
  return false;
}

bool Matches(const graph::Snapshot& snapshot, const Resolved& filter, Node member) {
  if (filter.by_city && snapshot.City(member) != filter.city) return false;
  if (filter.by_country && snapshot.Country(member) != filter.country) return false;
  if (filter.by_industry && snapshot.Industry(member) != filter.industry) return false;
  if (filter.company && !Contains(*filter.company, member)) return false;
  if (filter.school && !Contains(*filter.school, member)) return false;
  if (filter.field && !Contains(*filter.field, member)) return false;
  if (filter.by_title) {
    bool found = false;
    for (const graph::PositionRecord& position : snapshot.Positions(member)) {
      if (position.title != kNoValue && filter.title_matches[position.title]) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  if (!filter.name_prefix.empty() && !NameMatches(snapshot, member, filter.name_prefix)) {
    return false;
  }
  return true;
}

struct Match {
  int degree;
  uint32_t mutual;
  MemberId id;
  Node node;
};

// Facet counters over the matches. Organizations are counted by folded name (two
// organizations with one name are one filter value), each member once per value.
class FacetCounter {
 public:
  explicit FacetCounter(const graph::Snapshot& snapshot) : snapshot_(snapshot) {}

  void Add(Node member) {
    AddValue(SearchFacet::kCity, snapshot_.City(member));
    AddValue(SearchFacet::kCountry, snapshot_.Country(member));
    AddValue(SearchFacet::kIndustry, snapshot_.Industry(member));
    const std::span<const graph::PositionRecord> positions = snapshot_.Positions(member);
    for (size_t i = 0; i < positions.size(); ++i) {
      bool title_seen = false, company_seen = false;
      for (size_t j = 0; j < i; ++j) {
        title_seen |= positions[j].title == positions[i].title;
        company_seen |= SameName(positions[j].organization, positions[i].organization);
      }
      if (!title_seen) AddValue(SearchFacet::kTitle, positions[i].title);
      if (!company_seen) AddOrganization(SearchFacet::kCompany, positions[i].organization);
    }
    const std::span<const graph::EducationRecord> educations = snapshot_.Educations(member);
    for (size_t i = 0; i < educations.size(); ++i) {
      bool field_seen = false, school_seen = false;
      for (size_t j = 0; j < i; ++j) {
        field_seen |= educations[j].field == educations[i].field;
        school_seen |= SameName(educations[j].school, educations[i].school);
      }
      if (!field_seen) AddValue(SearchFacet::kField, educations[i].field);
      if (!school_seen) AddOrganization(SearchFacet::kSchool, educations[i].school);
    }
  }

  std::vector<FacetCount> Top(SearchFacet facet, size_t limit) const {
    std::vector<FacetCount> values;
    const auto& counts = counts_[static_cast<int>(facet)];
    if (facet == SearchFacet::kCompany || facet == SearchFacet::kSchool) {
      absl::flat_hash_map<std::string_view, size_t> by_name;
      for (const auto& [index, count] : counts) {
        const graph::OrganizationRecord& organization = snapshot_.Organization(index);
        auto [it, inserted] = by_name.emplace(organization.folded_name, values.size());
        if (inserted) values.push_back({organization.folded_name, organization.name, 0});
        values[it->second].count += count;
      }
    } else {
      const Dict dict = DictOf(facet);
      for (const auto& [value, count] : counts) {
        values.push_back({std::string(snapshot_.Value(dict, value)),
                          std::string(snapshot_.Display(dict, value)), count});
      }
    }
    auto before = [](const FacetCount& a, const FacetCount& b) {
      if (a.count != b.count) return a.count > b.count;
      return a.value < b.value;
    };
    const size_t keep = std::min(limit, values.size());
    std::partial_sort(values.begin(), values.begin() + static_cast<ptrdiff_t>(keep),
                      values.end(), before);
    values.resize(keep);
    return values;
  }

 private:
  static Dict DictOf(SearchFacet facet) {
    switch (facet) {
      case SearchFacet::kTitle:
        return Dict::kTitle;
      case SearchFacet::kCity:
        return Dict::kCity;
      case SearchFacet::kCountry:
        return Dict::kCountry;
      case SearchFacet::kField:
        return Dict::kField;
      case SearchFacet::kIndustry:
        return Dict::kIndustry;
      case SearchFacet::kCompany:
        return Dict::kCompany;
      case SearchFacet::kSchool:
        return Dict::kSchool;
    }
    return Dict::kTitle;
  }

  bool SameName(OrgIndex a, OrgIndex b) const {
    if (a == b) return true;
    if (a == kNoOrganization || b == kNoOrganization) return false;
    return snapshot_.Organization(a).folded_name == snapshot_.Organization(b).folded_name;
  }
  void AddValue(SearchFacet facet, ValueId value) {
    if (value != kNoValue) ++counts_[static_cast<int>(facet)][value];
  }
  void AddOrganization(SearchFacet facet, OrgIndex index) {
    if (index == kNoOrganization || snapshot_.Organization(index).folded_name.empty()) return;
    ++counts_[static_cast<int>(facet)][index];
  }

  const graph::Snapshot& snapshot_;
  std::array<absl::flat_hash_map<uint32_t, uint64_t>, kSearchFacetCount> counts_;
};

// Up to `limit` distinct contacts of u on shortest paths to a 3rd-degree member: the
// contacts through which the expansion reached its 2nd-degree contacts, smallest
// MemberId first.
std::vector<Node> ThirdDegreeIntroducers(const graph::Snapshot& snapshot,
                                         const QueryScratch& scratch, Node member, size_t limit) {
  std::vector<Node> introducers;
  for (Node next : snapshot.Connections(member)) {
    if (scratch.Code(next) != kLevelSecond) continue;
    const Node contact = scratch.Parent(next);
    if (std::find(introducers.begin(), introducers.end(), contact) == introducers.end()) {
      introducers.push_back(contact);
    }
  }
  std::sort(introducers.begin(), introducers.end(),
            [&](Node a, Node b) { return snapshot.Id(a) < snapshot.Id(b); });
  if (introducers.size() > limit) introducers.resize(limit);
  return introducers;
}

}  // namespace

std::string_view FacetName(SearchFacet facet) {
  switch (facet) {
    case SearchFacet::kTitle:
      return "title";
    case SearchFacet::kCity:
      return "city";
    case SearchFacet::kCountry:
      return "country";
    case SearchFacet::kCompany:
      return "company";
    case SearchFacet::kSchool:
      return "school";
    case SearchFacet::kField:
      return "field";
    case SearchFacet::kIndustry:
      return "industry";
  }
  return "unknown";
}

struct FilterMatcher::Resolved {
  ::ledd::query::Resolved filter;
};

FilterMatcher::FilterMatcher(const graph::Snapshot& snapshot, const SearchFilters& filters)
    : snapshot_(snapshot), resolved_(new Resolved{Resolve(snapshot, filters)}) {}

FilterMatcher::~FilterMatcher() = default;

bool FilterMatcher::Matches(Node member) const {
  return !resolved_->filter.impossible && ::ledd::query::Matches(snapshot_, resolved_->filter, member);
}

bool FilterMatcher::Impossible() const { return resolved_->filter.impossible; }

std::vector<std::string> TitleTerms(std::string_view text) {
  const std::string folded = Fold(text);
  std::vector<std::string> terms = {folded};
  for (const auto& group : Synonyms()) {
    for (std::string_view word : group) {
      const size_t at = folded.find(word);
      if (at == std::string::npos) continue;
      for (std::string_view other : group) {
        if (other == word) continue;
        std::string variant = folded;
        variant.replace(at, word.size(), other);
        terms.push_back(std::move(variant));
      }
    }
  }
  return terms;
}

SearchResult Search(const graph::Snapshot& snapshot, Node u, const SearchFilters& filters,
                    const SearchOptions& options, QueryScratch& scratch) {
  SearchResult result;
  if (u >= snapshot.NodeCount()) return result;
  std::array<bool, 4> wanted{};
  for (int degree : options.degrees) {
    if (degree >= 1 && degree <= 3) wanted[degree] = true;
  }
  if (!wanted[1] && !wanted[2] && !wanted[3]) return result;
  const Resolved filter = Resolve(snapshot, filters);
  if (filter.impossible) return result;

  // Levels and mutual counts of the whole 2-hop neighbourhood in one pass.
  const Neighbourhood hood =
      ExpandTwoHops(snapshot, u, scratch, {.count_mutual = true, .collect = true});
  if (wanted[3]) ExpandThirdHop(snapshot, scratch);
  uint64_t neighbourhood = 0;
  if (wanted[1]) neighbourhood += hood.first.size();
  if (wanted[2]) neighbourhood += hood.second_count;
  if (wanted[3]) neighbourhood += scratch.list(kThirdList).size();

  // The cheapest way to the matches: the neighbourhood, or the smallest posting list
  // (a union of postings for a title) when it is shorter.
  std::vector<std::span<const Node>> driver;
  uint64_t driver_size = neighbourhood;
  auto consider = [&](std::vector<std::span<const Node>> lists) {
    uint64_t size = 0;
    for (const auto& list : lists) size += list.size();
    if (size < driver_size) {
      driver_size = size;
      driver = std::move(lists);
    }
  };
  if (filter.by_city) consider({snapshot.Posting(Facet::kCity, filter.city)});
  if (filter.by_country) consider({snapshot.Posting(Facet::kCountry, filter.country)});
  if (filter.by_industry) consider({snapshot.Posting(Facet::kIndustry, filter.industry)});
  if (filter.company) consider({*filter.company});
  if (filter.school) consider({*filter.school});
  if (filter.field) consider({*filter.field});
  if (filter.by_title) {
    std::vector<std::span<const Node>> lists;
    for (ValueId title : filter.matching_titles) {
      lists.push_back(snapshot.Posting(Facet::kTitle, title));
    }
    consider(std::move(lists));
  }

  std::vector<Match> matches;
  FacetCounter facets(snapshot);
  auto visit = [&](Node member) {
    const uint32_t level = scratch.Code(member);
    if (level < kLevelFirst || level > kLevelThird || !wanted[level]) return;
    if (!Matches(snapshot, filter, member)) return;
    const uint32_t mutual = level == kLevelThird ? 0 : scratch.Count(member);
    matches.push_back({static_cast<int>(level), mutual, snapshot.Id(member), member});
    facets.Add(member);
  };
  if (driver_size < neighbourhood) {
    const bool is_union = driver.size() > 1;
    for (const auto& list : driver) {
      for (Node member : list) {
        // A member with two matching titles is in two postings.
        if (is_union && !scratch.InsertOnce(member)) continue;
        visit(member);
      }
    }
  } else {
    if (wanted[1]) {
      for (Node member : hood.first) visit(member);
    }
    if (wanted[2]) {
      for (Node member : scratch.list(kSecondList)) visit(member);
    }
    if (wanted[3]) {
      for (Node member : scratch.list(kThirdList)) visit(member);
    }
  }

  result.total = matches.size();
  for (const Match& match : matches) ++result.by_degree[match.degree];
  for (int facet = 0; facet < kSearchFacetCount; ++facet) {
    result.facets[facet] = facets.Top(static_cast<SearchFacet>(facet), options.facet_limit);
  }
  if (options.offset >= matches.size()) return result;
  auto before = [](const Match& a, const Match& b) {
    if (a.degree != b.degree) return a.degree < b.degree;
    if (a.mutual != b.mutual) return a.mutual > b.mutual;
    return a.id < b.id;
  };
  const size_t end = std::min(matches.size(), options.offset + options.limit);
  std::partial_sort(matches.begin(), matches.begin() + static_cast<ptrdiff_t>(end),
                    matches.end(), before);
  for (size_t rank = options.offset; rank < end; ++rank) {
    const Match& match = matches[rank];
    SearchHit hit{.member = match.node, .degree = match.degree, .mutual = match.mutual,
                  .introducers = {}};
    if (match.degree == 2) {
      Intersect(hood.first, snapshot.Connections(match.node), hit.introducers);
      OrderByName(snapshot, hit.introducers, options.introducer_limit);
    } else if (match.degree == 3) {
      hit.introducers =
          ThirdDegreeIntroducers(snapshot, scratch, match.node, options.introducer_limit);
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace ledd::query
