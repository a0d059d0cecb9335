#include "ledd/query/search.h"

#include <algorithm>
#include <bit>
#include <limits>
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

// Bits set in `word`. The portable build targets x86-64 without POPCNT, where
// std::popcount is a library call; this is a dozen register operations.
inline uint32_t PopCount(uint64_t word) {
  word = word - ((word >> 1) & 0x5555555555555555);
  word = (word & 0x3333333333333333) + ((word >> 2) & 0x3333333333333333);
  word = (word + (word >> 4)) & 0x0f0f0f0f0f0f0f0f;
  return static_cast<uint32_t>((word * 0x0101010101010101) >> 56);
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

// Facet counters over the matches, in arrays indexed by value: one increment per value,
// no hashing per match. Organizations are counted by the value of their folded name
// (Snapshot::OrganizationValue: two organizations with one name are one filter value),
// each member once per value.
class FacetCounter {
 public:
  explicit FacetCounter(const graph::Snapshot& snapshot) : snapshot_(snapshot) {
    for (int facet = 0; facet < kSearchFacetCount; ++facet) {
      counts_[facet].assign(snapshot.ValueCount(DictOf(static_cast<SearchFacet>(facet))), 0);
    }
  }

  // Requests the cache lines Add(member) will read first: the attribute columns and the
  // offsets of the member's background records. Only a hint; base members only.
  void PrefetchColumns(Node member) const {
    if (member >= snapshot_.BaseNodeCount()) return;
    const graph::internal::Base& base = *snapshot_.base();
    __builtin_prefetch(&base.ids[member]);
    __builtin_prefetch(&base.city[member]);
    __builtin_prefetch(&base.country[member]);
    __builtin_prefetch(&base.industry[member]);
    __builtin_prefetch(&base.positions.offsets[member]);
    __builtin_prefetch(&base.educations.offsets[member]);
  }
  // Then the records themselves (their offsets should be in cache by now).
  void PrefetchRecords(Node member) const {
    if (member >= snapshot_.BaseNodeCount()) return;
    const graph::internal::Base& base = *snapshot_.base();
    __builtin_prefetch(base.positions.items.data() + base.positions.offsets[member]);
    __builtin_prefetch(base.educations.items.data() + base.educations.offsets[member]);
  }

  void Add(Node member) {
    AddValue(SearchFacet::kCity, snapshot_.City(member));
    AddValue(SearchFacet::kCountry, snapshot_.Country(member));
    AddValue(SearchFacet::kIndustry, snapshot_.Industry(member));
    // A member counts once per value: values already counted for it are skipped (few
    // records per member, so a look back beats a set). Organizations' values are looked
    // up once per record, not once per pair.
    const std::span<const graph::PositionRecord> positions = snapshot_.Positions(member);
    values_.clear();
    for (const graph::PositionRecord& position : positions) {
      values_.push_back(snapshot_.OrganizationValue(Dict::kCompany, position.organization));
    }
    for (size_t i = 0; i < positions.size(); ++i) {
      bool title_seen = false, company_seen = false;
      for (size_t j = 0; j < i; ++j) {
        title_seen |= positions[j].title == positions[i].title;
        company_seen |= values_[j] == values_[i];
      }
      if (!title_seen) AddValue(SearchFacet::kTitle, positions[i].title);
      if (!company_seen) AddValue(SearchFacet::kCompany, values_[i]);
    }
    const std::span<const graph::EducationRecord> educations = snapshot_.Educations(member);
    values_.clear();
    for (const graph::EducationRecord& education : educations) {
      values_.push_back(snapshot_.OrganizationValue(Dict::kSchool, education.school));
    }
    for (size_t i = 0; i < educations.size(); ++i) {
      bool field_seen = false, school_seen = false;
      for (size_t j = 0; j < i; ++j) {
        field_seen |= educations[j].field == educations[i].field;
        school_seen |= values_[j] == values_[i];
      }
      if (!field_seen) AddValue(SearchFacet::kField, educations[i].field);
      if (!school_seen) AddValue(SearchFacet::kSchool, values_[i]);
    }
  }

  std::vector<FacetCount> Top(SearchFacet facet, size_t limit) const {
    const int index = static_cast<int>(facet);
    const Dict dict = DictOf(facet);
    std::vector<ValueId> values;
    values.reserve(touched_[index].size());
    for (ValueId value : touched_[index]) {
      // A name that folds to nothing is no filter value.
      if (!snapshot_.Value(dict, value).empty()) values.push_back(value);
    }
    const std::vector<uint32_t>& counts = counts_[index];
    auto before = [&](ValueId a, ValueId b) {
      if (counts[a] != counts[b]) return counts[a] > counts[b];
      return snapshot_.Value(dict, a) < snapshot_.Value(dict, b);
    };
    const size_t keep = std::min(limit, values.size());
    std::partial_sort(values.begin(), values.begin() + static_cast<ptrdiff_t>(keep), values.end(),
                      before);
    std::vector<FacetCount> top;
    top.reserve(keep);
    for (size_t i = 0; i < keep; ++i) {
      top.push_back({std::string(snapshot_.Value(dict, values[i])),
                     std::string(snapshot_.Display(dict, values[i])), counts[values[i]]});
    }
    return top;
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

  void AddValue(SearchFacet facet, ValueId value) {
    if (value == kNoValue) return;
    const int index = static_cast<int>(facet);
    if (counts_[index][value]++ == 0) touched_[index].push_back(value);
  }

  const graph::Snapshot& snapshot_;
  std::array<std::vector<uint32_t>, kSearchFacetCount> counts_;   // By ValueId.
  std::array<std::vector<ValueId>, kSearchFacetCount> touched_;  // Values with a count.
  std::vector<ValueId> values_;  // Organization values of one member's records.
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
  // Ids and facets are filled in afterwards, in one pass that reads ahead.
  auto add_match = [&](Node member, uint32_t level, uint32_t mutual) {
    matches.push_back({static_cast<int>(level), mutual, 0, member});
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
    // A rough cost model: walking postings and setting bits costs about what walking
    // rows and testing bits does, and the neighbourhood plan pays cache misses on three
    // 4-byte arrays per edge on top, so the candidates plan wins once the edges to scan
    // are more than about a third of the two filters' postings.
    use_candidates = options.plan == SearchPlan::kCandidates || filter_cost <= 3 * edges;
  }

  if (use_candidates) {
    // The candidates as a bitset: the smallest filter's postings ANDed with the second's,
    // each built by walking sorted lists (sequential writes within 128 KiB per million
    // members), then the remaining filters checked on the few left.
    const size_t words = (static_cast<size_t>(snapshot.NodeCount()) + 63) / 64;
    thread_local std::vector<uint64_t> candidate_bits;
    thread_local std::vector<uint64_t> other_bits;
    auto fill = [words](const PostingFilter& posting, std::vector<uint64_t>& bits) {
      bits.assign(words, 0);
      uint64_t* data = bits.data();
      for (const auto& list : posting.lists) {
        for (Node member : list) data[member >> 6] |= uint64_t{1} << (member & 63);
      }
    };
    fill(postings[0], candidate_bits);
    uint64_t* bits = candidate_bits.data();
    uint32_t known = postings[0].bit;
    if (postings.size() > 1) {
      fill(postings[1], other_bits);
      for (size_t word = 0; word < words; ++word) bits[word] &= other_bits[word];
      known |= postings[1].bit;
    }
    bits[u >> 6] &= ~(uint64_t{1} << (u & 63));
    if (postings.size() > 2 || !filter.name_prefix.empty()) {
      for (size_t word = 0; word < words; ++word) {
        for (uint64_t rest = bits[word]; rest != 0; rest &= rest - 1) {
          const Node member = static_cast<Node>(word * 64 + std::countr_zero(rest));
          if (!Matches(snapshot, filter, member, known)) bits[word] &= ~(rest & -rest);
        }
      }
    }
    // The candidates are numbered by rank in the bitset (a prefix count per word), so
    // that their state is a dense array of one word per candidate — L2-sized for tens of
    // thousands of candidates, where 4-byte marks and counts by Node would miss the cache
    // on nearly every hit. State: kFirstFlag for u's contacts, plus the mutual count.
    constexpr uint32_t kFirstFlag = uint32_t{1} << 31;
    thread_local std::vector<uint32_t> rank;
    thread_local std::vector<uint32_t> state;
    rank.resize(words);
    uint32_t candidates = 0;
    for (size_t word = 0; word < words; ++word) {
      rank[word] = candidates;
      candidates += PopCount(bits[word]);
    }
    state.assign(candidates, 0);
    const uint32_t* ranks = rank.data();
    uint32_t* states = state.data();
    auto rank_of = [bits, ranks](Node member) {
      const uint64_t below = (uint64_t{1} << (member & 63)) - 1;
      return ranks[member >> 6] + PopCount(bits[member >> 6] & below);
    };
    for (Node contact : first) {
      if ((bits[contact >> 6] >> (contact & 63)) & 1) states[rank_of(contact)] |= kFirstFlag;
    }
    // Every contact's contacts: a bit test each, a count for the candidates.
    for (Node contact : first) {
      for (Node member : snapshot.Connections(contact)) {
        if ((bits[member >> 6] >> (member & 63)) & 1) ++states[rank_of(member)];
      }
    }
    // Back from ranks to members, in Node order.
    uint32_t next = 0;
    for (size_t word = 0; word < words && next < candidates; ++word) {
      for (uint64_t rest = bits[word]; rest != 0; rest &= rest - 1, ++next) {
        const uint32_t value = states[next];
        if (value == 0) continue;  // Neither a contact nor a contact's contact.
        const Node member = static_cast<Node>(word * 64 + std::countr_zero(rest));
        const uint32_t level = (value & kFirstFlag) ? kLevelFirst : kLevelSecond;
        if (wanted[level]) add_match(member, level, value & ~kFirstFlag);
      }
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

  // Facets and ids of the matches. Their columns and records are scattered over the
  // whole network and miss the cache on nearly every read; requesting them a few matches
  // ahead (the records' offsets first, then the records) overlaps those misses.
  constexpr size_t kColumnsAhead = 64;
  constexpr size_t kRecordsAhead = 32;
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i + kColumnsAhead < matches.size()) facets.PrefetchColumns(matches[i + kColumnsAhead].node);
    if (i + kRecordsAhead < matches.size()) facets.PrefetchRecords(matches[i + kRecordsAhead].node);
    matches[i].id = snapshot.Id(matches[i].node);
    facets.Add(matches[i].node);
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
