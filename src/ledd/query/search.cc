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

// Filters that have posting lists, as bits: a member found through a filter's postings
// need not be checked against it again.
enum FilterBit : uint32_t {
  kCityBit = 1 << 0,
  kCountryBit = 1 << 1,
  kIndustryBit = 1 << 2,
  kCompanyBit = 1 << 3,
  kSchoolBit = 1 << 4,
  kFieldBit = 1 << 5,
  kTitleBit = 1 << 6,
};

// Whether `member` passes every filter not in `known` (bits of filters already known
// to hold for it).
bool Matches(const graph::Snapshot& snapshot, const Resolved& filter, Node member,
             uint32_t known = 0) {
  if (filter.by_city && !(known & kCityBit) && snapshot.City(member) != filter.city) {
    return false;
  }
  if (filter.by_country && !(known & kCountryBit) && snapshot.Country(member) != filter.country) {
    return false;
  }
  if (filter.by_industry && !(known & kIndustryBit) &&
      snapshot.Industry(member) != filter.industry) {
    return false;
  }
  if (filter.company && !(known & kCompanyBit) && !Contains(*filter.company, member)) {
    return false;
  }
  if (filter.school && !(known & kSchoolBit) && !Contains(*filter.school, member)) return false;
  if (filter.field && !(known & kFieldBit) && !Contains(*filter.field, member)) return false;
  if (filter.by_title && !(known & kTitleBit)) {
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

// Facet counters over the matches, in arrays indexed by value (by OrgIndex for companies
// and schools): one increment per value, no hashing per match. Organizations are counted
// by folded name (two organizations with one name are one filter value), each member
// once per value; names are merged only for the organizations touched, in Top().
class FacetCounter {
 public:
  explicit FacetCounter(const graph::Snapshot& snapshot) : snapshot_(snapshot) {
    for (int facet = 0; facet < kSearchFacetCount; ++facet) {
      const SearchFacet search_facet = static_cast<SearchFacet>(facet);
      const size_t size = IsOrganization(search_facet) ? snapshot.OrganizationCount()
                                                       : snapshot.ValueCount(DictOf(search_facet));
      counts_[facet].assign(size, 0);
    }
  }

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
    const int index = static_cast<int>(facet);
    const std::vector<uint32_t>& counts = counts_[index];
    // (count, folded value, display value) of each distinct filter value.
    struct Entry {
      uint64_t count;
      std::string_view value;
      std::string_view display;  // Organizations; values look theirs up by id.
      ValueId id;
    };
    std::vector<Entry> entries;
    if (IsOrganization(facet)) {
      absl::flat_hash_map<std::string_view, size_t> by_name;
      for (uint32_t org : touched_[index]) {
        const graph::OrganizationRecord& organization = snapshot_.Organization(org);
        auto [it, inserted] = by_name.emplace(organization.folded_name, entries.size());
        if (inserted) entries.push_back({0, organization.folded_name, organization.name, 0});
        entries[it->second].count += counts[org];
      }
    } else {
      const Dict dict = DictOf(facet);
      entries.reserve(touched_[index].size());
      for (uint32_t value : touched_[index]) {
        entries.push_back({counts[value], snapshot_.Value(dict, value), {}, value});
      }
    }
    auto before = [](const Entry& a, const Entry& b) {
      if (a.count != b.count) return a.count > b.count;
      return a.value < b.value;
    };
    const size_t keep = std::min(limit, entries.size());
    std::partial_sort(entries.begin(), entries.begin() + static_cast<ptrdiff_t>(keep),
                      entries.end(), before);
    std::vector<FacetCount> values;
    values.reserve(keep);
    for (size_t i = 0; i < keep; ++i) {
      const std::string_view display = IsOrganization(facet)
                                           ? entries[i].display
                                           : snapshot_.Display(DictOf(facet), entries[i].id);
      values.push_back(
          {std::string(entries[i].value), std::string(display), entries[i].count});
    }
    return values;
  }

 private:
  static bool IsOrganization(SearchFacet facet) {
    return facet == SearchFacet::kCompany || facet == SearchFacet::kSchool;
  }
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
  void Count(int facet, uint32_t index) {
    if (counts_[facet][index]++ == 0) touched_[facet].push_back(index);
  }
  void AddValue(SearchFacet facet, ValueId value) {
    if (value != kNoValue) Count(static_cast<int>(facet), value);
  }
  void AddOrganization(SearchFacet facet, OrgIndex index) {
    if (index == kNoOrganization || snapshot_.Organization(index).folded_name.empty()) return;
    Count(static_cast<int>(facet), index);
  }

  const graph::Snapshot& snapshot_;
  std::array<std::vector<uint32_t>, kSearchFacetCount> counts_;
  std::array<std::vector<uint32_t>, kSearchFacetCount> touched_;  // Values with a count.
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

  std::vector<Match> matches;
  FacetCounter facets(snapshot);
  auto add_match = [&](Node member, uint32_t level, uint32_t mutual) {
    matches.push_back({static_cast<int>(level), mutual, snapshot.Id(member), member});
    facets.Add(member);
  };

  // The filters that have posting lists (a union of postings for a title), smallest
  // first: the candidates plan intersects the first two.
  struct PostingFilter {
    uint32_t bit;
    std::vector<std::span<const Node>> lists;
    uint64_t size = 0;
  };
  std::vector<PostingFilter> postings;
  auto add_posting = [&](uint32_t bit, std::vector<std::span<const Node>> lists) {
    PostingFilter posting{.bit = bit, .lists = std::move(lists)};
    for (const auto& list : posting.lists) posting.size += list.size();
    postings.push_back(std::move(posting));
  };
  if (filter.by_city) add_posting(kCityBit, {snapshot.Posting(Facet::kCity, filter.city)});
  if (filter.by_country) {
    add_posting(kCountryBit, {snapshot.Posting(Facet::kCountry, filter.country)});
  }
  if (filter.by_industry) {
    add_posting(kIndustryBit, {snapshot.Posting(Facet::kIndustry, filter.industry)});
  }
  if (filter.company) add_posting(kCompanyBit, {*filter.company});
  if (filter.school) add_posting(kSchoolBit, {*filter.school});
  if (filter.field) add_posting(kFieldBit, {*filter.field});
  if (filter.by_title) {
    std::vector<std::span<const Node>> lists;
    for (ValueId title : filter.matching_titles) {
      lists.push_back(snapshot.Posting(Facet::kTitle, title));
    }
    add_posting(kTitleBit, std::move(lists));
  }
  std::sort(postings.begin(), postings.end(),
            [](const PostingFilter& a, const PostingFilter& b) { return a.size < b.size; });

  const std::span<const Node> first = snapshot.Connections(u);
  bool use_candidates = false;
  if (!wanted[3] && !postings.empty() && options.plan != SearchPlan::kNeighbourhood) {
    uint64_t edges = 0;
    for (Node contact : first) edges += snapshot.Degree(contact);
    const uint64_t filter_cost = postings[0].size + (postings.size() > 1 ? postings[1].size : 0);
    // Walking postings and testing bits costs about what walking rows and testing bits
    // does; the neighbourhood plan pays cache misses on three 4-byte arrays per edge on
    // top. Measured at 1M members: the candidates plan wins from about a third of the
    // filter's size in edges.
    use_candidates = options.plan == SearchPlan::kCandidates || filter_cost <= 3 * edges;
  }

  if (use_candidates) {
    scratch.Reset(snapshot.NodeCount());
    scratch.ResetBits(snapshot.NodeCount());
    const PostingFilter& smallest = postings[0];
    if (postings.size() == 1) {
      for (const auto& list : smallest.lists) {
        for (Node member : list) {
          if (!scratch.TestBit(member) && Matches(snapshot, filter, member, smallest.bit)) {
            scratch.SetBit(member);
          }
        }
      }
    } else {
      const PostingFilter& second = postings[1];
      for (const auto& list : smallest.lists) {
        for (Node member : list) scratch.SetBit(member);
      }
      std::vector<Node>& candidates = scratch.list(kThirdList);
      for (const auto& list : second.lists) {
        for (Node member : list) {
          if (scratch.TestBit(member) &&
              Matches(snapshot, filter, member, smallest.bit | second.bit)) {
            candidates.push_back(member);
          }
        }
      }
      scratch.ResetBits(snapshot.NodeCount());
      for (Node member : candidates) scratch.SetBit(member);
    }
    scratch.ClearBit(u);
    // Levels and mutual counts of the candidates within 2 degrees. A contact that is not
    // a candidate is never marked: nothing asks for its level.
    std::vector<Node>& found = scratch.list(kSecondList);
    for (Node contact : first) {
      if (!scratch.TestBit(contact)) continue;
      scratch.Mark(contact, kLevelFirst);
      scratch.Count(contact) = 0;
      found.push_back(contact);
    }
    const uint64_t* bits = scratch.bits();
    uint32_t* marks = scratch.marks();
    uint32_t* counts = scratch.counts();
    const uint32_t epoch = scratch.epoch();
    const uint32_t second_mark = epoch + kLevelSecond;
    for (Node contact : first) {
      for (Node member : snapshot.Connections(contact)) {
        if (!((bits[member >> 6] >> (member & 63)) & 1)) continue;
        if (marks[member] < epoch) {
          marks[member] = second_mark;
          counts[member] = 1;
          found.push_back(member);
        } else {
          ++counts[member];
        }
      }
    }
    for (Node member : found) {
      const uint32_t level = scratch.Code(member);
      if (wanted[level]) add_match(member, level, scratch.Count(member));
    }
  } else {
    // Levels and mutual counts of the whole 2-hop neighbourhood in one pass.
    const Neighbourhood hood =
        ExpandTwoHops(snapshot, u, scratch, {.count_mutual = true, .collect = true});
    if (wanted[3]) ExpandThirdHop(snapshot, scratch);
    uint64_t neighbourhood = 0;
    if (wanted[1]) neighbourhood += hood.first.size();
    if (wanted[2]) neighbourhood += hood.second_count;
    if (wanted[3]) neighbourhood += scratch.list(kThirdList).size();

    auto visit = [&](Node member) {
      const uint32_t level = scratch.Code(member);
      if (level < kLevelFirst || level > kLevelThird || !wanted[level]) return;
      if (!Matches(snapshot, filter, member)) return;
      add_match(member, level, level == kLevelThird ? 0 : scratch.Count(member));
    };
    // The cheapest way to the matches: the neighbourhood, or the smallest posting list
    // (a union of postings for a title) when it is shorter.
    if (!postings.empty() && postings[0].size < neighbourhood) {
      const bool is_union = postings[0].lists.size() > 1;
      for (const auto& list : postings[0].lists) {
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
      Intersect(first, snapshot.Connections(match.node), hit.introducers);
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
