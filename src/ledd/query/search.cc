#include "ledd/query/search.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "ledd/base/fold.h"
#include "ledd/query/kernels.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/vocabulary.h"

namespace ledd::query {
namespace {

using graph::Dict;
using graph::Facet;
using graph::kNoOrganization;
using graph::kNoValue;
using graph::OrgIndex;
using graph::ValueId;

// The shortest term word that may match the end of a title word (docs/search.md): long
// enough for Norwegian compounds' last parts ("sjef" in "Salgssjef", "lege" in
// "Overlege"), too long for "it" to match "Toolkit" or "art" to match "Smart".
constexpr size_t kMinSuffixTerm = 4;

// Characters in UTF-8 text (bytes that are not continuation bytes).
size_t Characters(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// A title term split into its words once per query.
struct TitleTerm {
  struct Word {
    std::string_view text;
    bool may_end_word;  // Long enough to match the end of a title word.
  };
  std::vector<Word> words;
  std::string_view longest;  // Every word is a substring of a matching title: a quick test.
};

TitleTerm SplitTerm(std::string_view term) {
  TitleTerm split;
  for (size_t at = 0; at < term.size();) {
    size_t end = term.find(' ', at);
    if (end == std::string_view::npos) end = term.size();
    const std::string_view word = term.substr(at, end - at);
    split.words.push_back({word, Characters(word) >= kMinSuffixTerm});
    if (word.size() > split.longest.size()) split.longest = word;
    at = end + 1;
  }
  return split;
}

// Whether a term word matches a title word: equal, or its start (the last term word),
// or its end (a long enough term word: Norwegian compounds).
bool WordMatches(std::string_view word, const TitleTerm::Word& part, bool last) {
  if (last ? word.starts_with(part.text) : word == part.text) return true;
  return part.may_end_word && word.ends_with(part.text);
}

// Whether the folded `title` has the term's words on consecutive words (see
// docs/search.md). Folded text has single spaces between words and none at the ends.
bool TitleHasTerm(std::string_view title, const TitleTerm& term) {
  if (term.words.empty()) return false;
  if (term.words.size() == 1) {
    // The common case, from the occurrences alone: one starting a word is a prefix, one
    // reaching a word's end is that word's end.
    const TitleTerm::Word& word = term.words[0];
    for (size_t at = title.find(word.text); at != std::string_view::npos;
         at = title.find(word.text, at + 1)) {
      if (at == 0 || title[at - 1] == ' ') return true;
      const size_t end = at + word.text.size();
      if (word.may_end_word && (end == title.size() || title[end] == ' ')) return true;
    }
    return false;
  }
  if (title.find(term.longest) == std::string_view::npos) return false;
  for (size_t start = 0;;) {
    size_t at = start;
    size_t matched = 0;
    while (matched < term.words.size() && at <= title.size()) {
      size_t end = title.find(' ', at);
      if (end == std::string_view::npos) end = title.size();
      if (!WordMatches(title.substr(at, end - at), term.words[matched],
                       matched + 1 == term.words.size())) {
        break;
      }
      ++matched;
      at = end + 1;
    }
    if (matched == term.words.size()) return true;
    const size_t next = title.find(' ', start);
    if (next == std::string_view::npos) return false;
    start = next + 1;
  }
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
    const std::vector<std::string> texts = TitleTerms(filters.title);
    std::vector<TitleTerm> terms;
    for (const std::string& text : texts) terms.push_back(SplitTerm(text));
    // The title dictionary holds distinct titles (thousands, not millions): scanning it
    // once per query is what makes word-prefix, compound and synonym matching affordable.
    const ValueId count = snapshot.ValueCount(Dict::kTitle);
    resolved.title_matches.assign(count, 0);
    for (ValueId title = 0; title < count; ++title) {
      const std::string_view folded = snapshot.Value(Dict::kTitle, title);
      for (const TitleTerm& term : terms) {
        if (TitleHasTerm(folded, term)) {
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

// Whether a word of the member's folded full name starts with `prefix`. Folded into
// reused buffers: FoldInto keeps ASCII names (most of them) out of ICU.
// Whether `text` holds `lower` (lower-case letters and digits) case-insensitively, or
// is not ASCII (then only folding can tell).
bool MayHoldAscii(std::string_view text, std::string_view lower) {
  if (text.size() < lower.size()) {
    for (unsigned char c : text) {
      if (c >= 0x80) return true;
    }
    return false;
  }
  const size_t last_start = text.size() - lower.size();
  for (size_t at = 0; at < text.size(); ++at) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) return true;
    if (at > last_start) continue;
    size_t i = 0;
    while (i < lower.size() &&
           (static_cast<unsigned char>(text[at + i]) | 0x20) == static_cast<unsigned char>(lower[i])) {
      ++i;
    }
    if (i == lower.size()) return true;
  }
  return false;
}

bool NameMatches(const graph::Snapshot& snapshot, Node member, std::string_view prefix) {
  thread_local std::string raw;
  thread_local std::string name;
  const std::string_view first = snapshot.FirstName(member);
  const std::string_view last = snapshot.LastName(member);
  // A prefix of letters and digits alone lies within one word of the folded name, and
  // for an ASCII name folding only lowers the case and turns separators into spaces: a
  // name that does not hold it case-insensitively cannot match, and most names do not
  // (the directory's scan over every member is mostly this test).
  const bool plain = std::all_of(prefix.begin(), prefix.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  if (plain && !MayHoldAscii(first, prefix) && !MayHoldAscii(last, prefix)) return false;
  raw.assign(first);
  raw += ' ';
  raw.append(last);
  FoldInto(raw, name);
  // Folding leaves words separated by single spaces (hyphens and other punctuation
  // included), so a word starts the name or follows a space.
  for (size_t at = 0; at + prefix.size() <= name.size(); ++at) {
    if (at > 0 && name[at - 1] != ' ') continue;
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

// A filter that has posting lists (a union of postings for a title).
struct PostingFilter {
  uint32_t bit;
  std::vector<std::span<const Node>> lists;
  uint64_t size = 0;
};

// The resolved filters that have posting lists, smallest first: the candidates plan
// intersects the first two.
std::vector<PostingFilter> PostingFilters(const graph::Snapshot& snapshot, const Resolved& filter) {
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
  return postings;
}

// Sets the bit of every member of the filter's postings in `bits` (`words` words,
// cleared first): sequential writes within 128 KiB per million members.
void FillBits(const PostingFilter& posting, size_t words, std::vector<uint64_t>& bits) {
  bits.assign(words, 0);
  uint64_t* data = bits.data();
  for (const auto& list : posting.lists) {
    for (Node member : list) data[member >> 6] |= uint64_t{1} << (member & 63);
  }
}

// ---- The filter cache (search.h) ----

// Every member passing every filter, for the candidates plan: a bitset over the Nodes,
// and per word how many members the words before it hold (the rank of its first one).
// Also the members themselves in Node order, and the sum of their degrees: what reading
// every candidate's contacts would cost.
struct FilterSet {
  std::vector<uint64_t> bits;
  std::vector<uint32_t> ranks;
  uint32_t count = 0;
  std::vector<Node> members;
  uint64_t degree_sum = 0;

  size_t Bytes() const {
    return bits.capacity() * sizeof(uint64_t) + ranks.capacity() * sizeof(uint32_t) +
           members.capacity() * sizeof(Node);
  }
  bool Has(Node member) const { return (bits[member >> 6] >> (member & 63)) & 1; }
  // The index in `members` of a member that Has().
  uint32_t Rank(Node member) const {
    const uint64_t below = (uint64_t{1} << (member & 63)) - 1;
    return ranks[member >> 6] + PopCount(bits[member >> 6] & below);
  }
};

// Requires at least one posting filter. O(postings of the two smallest filters + the
// members they share + NodeCount() / 64).
FilterSet BuildFilterSet(const graph::Snapshot& snapshot, const Resolved& filter,
                         const std::vector<PostingFilter>& postings) {
  FilterSet set;
  const size_t words = (static_cast<size_t>(snapshot.NodeCount()) + 63) / 64;
  FillBits(postings[0], words, set.bits);
  uint64_t* bits = set.bits.data();
  uint32_t known = postings[0].bit;
  if (postings.size() > 1) {
    std::vector<uint64_t> other;
    FillBits(postings[1], words, other);
    for (size_t word = 0; word < words; ++word) bits[word] &= other[word];
    known |= postings[1].bit;
  }
  if (postings.size() > 2 || !filter.name_prefix.empty()) {
    for (size_t word = 0; word < words; ++word) {
      for (uint64_t rest = bits[word]; rest != 0; rest &= rest - 1) {
        const Node member = static_cast<Node>(word * 64 + std::countr_zero(rest));
        if (!Matches(snapshot, filter, member, known)) bits[word] &= ~(rest & -rest);
      }
    }
  }
  set.ranks.resize(words);
  uint32_t count = 0;
  for (size_t word = 0; word < words; ++word) {
    set.ranks[word] = count;
    count += PopCount(bits[word]);
  }
  set.count = count;
  set.members.reserve(count);
  for (size_t word = 0; word < words; ++word) {
    for (uint64_t rest = bits[word]; rest != 0; rest &= rest - 1) {
      const Node member = static_cast<Node>(word * 64 + std::countr_zero(rest));
      set.members.push_back(member);
      set.degree_sum += snapshot.Degree(member);
    }
  }
  return set;
}

// The candidates plan's expansion over a cached member set: for u's contacts (`first`)
// and their contacts, adds one to the state of each candidate reached (by rank), with
// `first_flag` for the contacts themselves, and lists in `listed` each candidate the
// first time its state leaves zero; returns how many were listed. `listed` has room for
// every candidate plus one (a slot is written whether or not the candidate is new: that
// it is, is a coin toss the branch predictor would lose). Compiled twice, and chosen once
// at load by the processor: with the POPCNT instruction for the rank, and without.
LEDD_CLONED_FOR("popcnt")
size_t CountCandidates(const graph::Snapshot& snapshot, std::span<const Node> first,
                       const FilterSet& set, uint32_t first_flag, uint32_t* states, Node* listed) {
  const uint64_t* bits = set.bits.data();
  const uint32_t* ranks = set.ranks.data();
  auto state_of = [bits, ranks, states](Node member) -> uint32_t& {
    const uint64_t below = (uint64_t{1} << (member & 63)) - 1;
    return states[ranks[member >> 6] +
                  static_cast<uint32_t>(__builtin_popcountll(bits[member >> 6] & below))];
  };
  size_t count = 0;
  for (Node contact : first) {
    if ((bits[contact >> 6] >> (contact & 63)) & 1) {
      uint32_t& value = state_of(contact);
      listed[count] = contact;
      count += value == 0;
      value |= first_flag;
    }
  }
  for (size_t i = 0; i < first.size(); ++i) {
    PrefetchRowAhead(snapshot, first, i);
    for (Node member : snapshot.Connections(first[i])) {
      if ((bits[member >> 6] >> (member & 63)) & 1) {
        listed[count] = member;
        count += state_of(member)++ == 0;
      }
    }
  }
  return count;
}

// The candidates plan the other way round, for a member whose contacts have more
// contacts between them than the candidates have: each candidate's own contacts are
// tested against `contacts` (a bitset of u's contacts), which gives its mutual count and
// whether it is one of them. Calls found(member, is_contact, mutual) for every candidate
// but u that is either. Reads Σ deg(candidate) entries instead of Σ deg(contact of u).
template <typename Found>
void ReadCandidateRows(const graph::Snapshot& snapshot, const FilterSet& set, Node u,
                       const uint64_t* contacts, Found&& found) {
  const std::span<const Node> members = set.members;
  for (size_t i = 0; i < members.size(); ++i) {
    PrefetchRowAhead(snapshot, members, i);
    const Node member = members[i];
    uint32_t mutual = 0;
    for (Node contact : snapshot.Connections(member)) {
      mutual += static_cast<uint32_t>((contacts[contact >> 6] >> (contact & 63)) & 1);
    }
    const bool is_contact = (contacts[member >> 6] >> (member & 63)) & 1;
    if ((mutual != 0 || is_contact) && member != u) found(member, is_contact, mutual);
  }
}

// For a filter set searched often within one snapshot: every member's contacts among
// the candidates, as the candidates' ranks (their index in FilterSet::members). Reading
// u's contacts' rows here visits only the entries the expansion would count, a subset
// of both the contacts' rows and the candidates' rows.
// With it, how many candidates have each facet value (facet row entries, Snapshot::
// FacetRow): a search whose matches are most of the candidates counts the facets of the
// others and subtracts.
struct CandidateIndex {
  // Member x's row is ranks[offsets[x], offsets[x + 1]), ascending.
  std::vector<uint32_t> offsets;  // NodeCount() + 1.
  std::vector<uint32_t> ranks;
  std::vector<std::pair<uint32_t, uint32_t>> facet_totals;  // (entry, candidates).
  // The candidates' facet rows (Snapshot::FacetRow) by rank, side by side: read in rank
  // order they are one stream of memory, where the snapshot's are a cache line each
  // anywhere in the network's.
  std::vector<uint32_t> facet_offsets;  // set.count + 1.
  std::vector<uint32_t> facet_entries;

  // The contacts part, known before the build.
  static size_t Bytes(Node node_count, uint64_t entries) {
    return (static_cast<size_t>(node_count) + 1 + entries) * sizeof(uint32_t);
  }
  std::span<const uint32_t> Row(Node member) const {
    return {ranks.data() + offsets[member], ranks.data() + offsets[member + 1]};
  }
  std::span<const uint32_t> FacetRow(uint32_t rank) const {
    return {facet_entries.data() + facet_offsets[rank],
            facet_entries.data() + facet_offsets[rank + 1]};
  }
  // All but the contacts part.
  size_t FacetBytes() const {
    return facet_totals.capacity() * sizeof(facet_totals[0]) +
           (facet_offsets.capacity() + facet_entries.capacity()) * sizeof(uint32_t);
  }
};

// Requires set.degree_sum < 2^32. O(NodeCount() + set.degree_sum).
CandidateIndex BuildCandidateIndex(const graph::Snapshot& snapshot, const FilterSet& set) {
  CandidateIndex index;
  index.offsets.assign(static_cast<size_t>(snapshot.NodeCount()) + 1, 0);
  for (Node candidate : set.members) {
    for (Node contact : snapshot.Connections(candidate)) ++index.offsets[contact + 1];
  }
  for (size_t i = 1; i < index.offsets.size(); ++i) index.offsets[i] += index.offsets[i - 1];
  index.ranks.resize(index.offsets.back());
  std::vector<uint32_t> next(index.offsets.begin(), index.offsets.end() - 1);
  for (uint32_t rank = 0; rank < set.members.size(); ++rank) {
    for (Node contact : snapshot.Connections(set.members[rank])) {
      index.ranks[next[contact]++] = rank;
    }
  }
  absl::flat_hash_map<uint32_t, uint32_t> totals;
  std::vector<uint32_t> buffer;
  index.facet_offsets.reserve(set.members.size() + 1);
  index.facet_offsets.push_back(0);
  for (Node candidate : set.members) {
    for (uint32_t entry : snapshot.FacetRow(candidate, buffer)) {
      ++totals[entry];
      index.facet_entries.push_back(entry);
    }
    index.facet_offsets.push_back(static_cast<uint32_t>(index.facet_entries.size()));
  }
  index.facet_entries.shrink_to_fit();
  index.facet_totals.assign(totals.begin(), totals.end());
  return index;
}

// The candidates plan over the index: for u's contacts (`first`) and their contacts among
// the candidates, adds one to each one's state (by rank), with `first_flag` for the
// contacts themselves, and lists in `listed` the rank of each candidate the first time
// its state leaves zero (`listed` has room for every candidate plus one, as for
// CountCandidates); returns how many were listed.
size_t CountIndexedCandidates(std::span<const Node> first, const FilterSet& set,
                              const CandidateIndex& index, uint32_t first_flag, uint32_t* states,
                              uint32_t* listed) {
  size_t count = 0;
  for (Node contact : first) {
    if (!set.Has(contact)) continue;
    const uint32_t rank = set.Rank(contact);
    listed[count] = rank;
    count += states[rank] == 0;
    states[rank] |= first_flag;
  }
  // Rows start at random places, and are short: ask for a contact's offset, then (once
  // it has arrived) its row, a few contacts ahead.
  constexpr size_t kOffsetAhead = 16, kRowAhead = 8;
  for (size_t i = 0; i < first.size(); ++i) {
    if (i + kOffsetAhead < first.size()) {
      __builtin_prefetch(&index.offsets[first[i + kOffsetAhead]]);
    }
    if (i + kRowAhead < first.size()) __builtin_prefetch(index.Row(first[i + kRowAhead]).data());
    for (uint32_t rank : index.Row(first[i])) {
      listed[count] = rank;
      count += states[rank]++ == 0;
    }
  }
  return count;
}

// Search counts facets from the index's rows (in rank order) rather than the snapshot's
// when it reads at least one in this many of the set's members' rows: sparser, the
// index's rows are no stream, and cost two misses (offset, row) to the snapshot's one
// (the median member's search, 1,300 rows of a set of tens of thousands: 1.5x slower).
constexpr size_t kIndexFacetRowsFrom = 16;

// One entry: the resolved filters, their member set once a search has needed it, and
// the candidate index once the set has been searched often enough.
struct CachedFilter {
  std::string key;
  uint64_t generation = 0;  // The snapshot's.
  Resolved filter;
  std::once_flag built;
  std::atomic<bool> ready{false};     // `set` is built (release after writing it).
  std::unique_ptr<const FilterSet> set;
  // Guarded by the cache's mutex: the index (searches hold their own reference, the
  // cache may drop it), its bytes, whether a search is building it, and the entries
  // the set's searches have read without it since it was last built.
  std::shared_ptr<const CandidateIndex> index;
  size_t index_bytes = 0;
  bool index_building = false;
  uint64_t entries_read = 0;
};

// The resolved filters' own bytes (the title flags and titles).
size_t ResolvedBytes(const Resolved& filter) {
  return filter.title_matches.capacity() + filter.matching_titles.capacity() * sizeof(ValueId) +
         filter.name_prefix.capacity();
}

class FilterCache {
 public:
  static FilterCache& Instance() {
    static FilterCache* const cache = new FilterCache;  // Never destroyed: threads may outlive main.
    return *cache;
  }

  // The entry for the filters on this snapshot, resolved on a miss.
  std::shared_ptr<CachedFilter> Find(const graph::Snapshot& snapshot,
                                     const SearchFilters& filters) {
    std::string key = Key(snapshot, filters);
    {
      std::lock_guard lock(mu_);
      auto it = index_.find(key);
      if (it != index_.end()) {
        ++hits_;
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->entry;
      }
      ++misses_;
    }
    auto entry = std::make_shared<CachedFilter>();
    entry->key = std::move(key);
    entry->generation = snapshot.Generation();
    entry->filter = Resolve(snapshot, filters);
    std::lock_guard lock(mu_);
    auto it = index_.find(entry->key);
    if (it != index_.end()) return it->second->entry;  // Another thread was first.
    if (capacity_ == 0) return entry;
    const size_t bytes = entry->key.capacity() + ResolvedBytes(entry->filter) + sizeof(CachedFilter);
    lru_.push_front({entry, bytes});
    index_.emplace(entry->key, lru_.begin());
    bytes_ += bytes;
    Evict();
    return entry;
  }

  // The entry's member set, built by the first caller.
  const FilterSet& Set(CachedFilter& entry, const graph::Snapshot& snapshot,
                       const std::vector<PostingFilter>& postings) {
    std::call_once(entry.built, [&] {
      entry.set = std::make_unique<const FilterSet>(BuildFilterSet(snapshot, entry.filter, postings));
      entry.ready.store(true, std::memory_order_release);
      std::lock_guard lock(mu_);
      ++sets_built_;
      auto it = index_.find(entry.key);
      if (it == index_.end() || it->second->entry.get() != &entry) return;  // Dropped.
      it->second->bytes += entry.set->Bytes();
      bytes_ += entry.set->Bytes();
      Evict();
    });
    return *entry.set;
  }

  // The entry's candidate index, or null. Built by the search that finds the set's
  // searches, without it, have read kIndexAfterReading times the index's entries (the
  // build costs about that much: so searches that are never repeated pay at most that
  // again), or at once (`now`); other searches go on without it while it is built. The
  // indexes together take at most half the capacity. An index that does not fit is not
  // built, except in place of those of older snapshots' entries (dropped, the entries
  // stay): indexes of one snapshot never take each other's place, which would have
  // searches of many filters in turn build them over and over. `edges`: what this
  // search reads without it.
  std::shared_ptr<const CandidateIndex> Index(CachedFilter& entry, const graph::Snapshot& snapshot,
                                              const FilterSet& set, uint64_t edges, bool now) {
    const size_t contact_bytes = CandidateIndex::Bytes(snapshot.NodeCount(), set.degree_sum);
    {
      std::lock_guard lock(mu_);
      if (entry.index) return entry.index;
      entry.entries_read += edges;
      if (entry.index_building || set.degree_sum >= (uint64_t{1} << 32) ||
          (entry.entries_read < kIndexAfterReading * (contact_bytes / sizeof(uint32_t)) && !now) ||
          !MakeRoom(contact_bytes, snapshot.Generation())) {
        return nullptr;
      }
      entry.index_building = true;
    }
    auto built = std::make_shared<const CandidateIndex>(BuildCandidateIndex(snapshot, set));
    const size_t bytes = contact_bytes + built->FacetBytes();
    std::lock_guard lock(mu_);
    entry.index_building = false;
    entry.entries_read = 0;
    ++indexes_built_;
    auto it = index_.find(entry.key);
    // Kept unless the entry was dropped meanwhile, or others took the room.
    if (it == index_.end() || it->second->entry.get() != &entry ||
        !MakeRoom(bytes, snapshot.Generation())) {
      return built;
    }
    entry.index = built;
    entry.index_bytes = bytes;
    it->second->bytes += bytes;
    bytes_ += bytes;
    index_bytes_ += bytes;
    Evict();
    return built;
  }

  SearchFilterCacheStats Stats() {
    std::lock_guard lock(mu_);
    return {.entries = lru_.size(),
            .bytes = bytes_,
            .capacity = capacity_,
            .hits = hits_,
            .misses = misses_,
            .sets_built = sets_built_,
            .indexes_built = indexes_built_};
  }
  void SetCapacity(size_t bytes) {
    std::lock_guard lock(mu_);
    capacity_ = bytes;
    Evict();
  }
  void Clear() {
    std::lock_guard lock(mu_);
    lru_.clear();
    index_.clear();
    bytes_ = index_bytes_ = hits_ = misses_ = sets_built_ = indexes_built_ = 0;
  }

 private:
  struct Slot {
    std::shared_ptr<CachedFilter> entry;
    size_t bytes;
  };

  // The generation, then each filter folded (Resolve folds them the same way), with a
  // separator no folded text holds.
  static std::string Key(const graph::Snapshot& snapshot, const SearchFilters& filters) {
    std::string key = std::to_string(snapshot.Generation());
    for (const std::string* text :
         {&filters.title, &filters.city, &filters.country, &filters.company, &filters.school,
          &filters.field, &filters.industry, &filters.name}) {
      // A filter that folds to nothing is not an absent filter (it matches nobody).
      key += '\x1f';
      if (!text->empty()) key += '\x1e' + Fold(*text);
    }
    return key;
  }

  // Whether an index of `bytes` fits in half the capacity beside the others, once the
  // indexes of entries older than `generation` are dropped where needed (least recently
  // used first). Requires mu_.
  bool MakeRoom(size_t bytes, uint64_t generation) {
    for (auto slot = lru_.rbegin(); slot != lru_.rend() && index_bytes_ + bytes > capacity_ / 2;
         ++slot) {
      CachedFilter& other = *slot->entry;
      if (!other.index || other.generation >= generation) continue;
      slot->bytes -= other.index_bytes;
      bytes_ -= other.index_bytes;
      index_bytes_ -= other.index_bytes;
      other.index.reset();
      other.index_bytes = 0;
    }
    return index_bytes_ + bytes <= capacity_ / 2;
  }

  // Drops least recently used entries while over capacity. Requires mu_.
  void Evict() {
    while (bytes_ > capacity_ && !lru_.empty()) {
      bytes_ -= lru_.back().bytes;
      index_bytes_ -= lru_.back().entry->index_bytes;
      index_.erase(lru_.back().entry->key);
      lru_.pop_back();
    }
  }

  std::mutex mu_;
  std::list<Slot> lru_;  // Most recently used first.
  absl::flat_hash_map<std::string, std::list<Slot>::iterator> index_;
  size_t bytes_ = 0;
  size_t index_bytes_ = 0;  // Of bytes_, the entries' indexes.
  size_t capacity_ = kDefaultSearchFilterCacheBytes;
  uint64_t hits_ = 0, misses_ = 0, sets_built_ = 0, indexes_built_ = 0;
};

struct Match {
  int degree;  // 1-3; kBeyond for directory matches out of network.
  uint32_t mutual;
  Node node;
};

// Ranks after degree 3 in the everyone scope; reported as degree 0.
constexpr int kBeyond = 4;

// The directory's order among members beyond the network: folded last name, folded
// first name, MemberId.
struct NameKey {
  std::string last;
  std::string first;
  MemberId id;
  Node node;

  friend bool operator<(const NameKey& a, const NameKey& b) {
    return std::tie(a.last, a.first, a.id) < std::tie(b.last, b.first, b.id);
  }
};

// The first 8 bytes of a folded last name, big-endian, zero-padded: comparing two keys
// orders the names as comparing the folded strings would, where they differ in those
// bytes, so a page of the directory needs full keys only for the few that tie.
uint64_t LastNamePrefix(const graph::Snapshot& snapshot, Node member, std::string& buffer) {
  FoldInto(snapshot.LastName(member), buffer);
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < buffer.size() ? static_cast<unsigned char>(buffer[i]) : 0);
  }
  return key;
}

// Puts the first `want_end` of matches[begin, end()) (the members beyond) by NameKey at
// matches[begin, begin + want_end), in order. The entries after those are left undefined.
void RankBeyond(const graph::Snapshot& snapshot, std::vector<Match>& matches, size_t begin,
                size_t want_end) {
  const size_t count = matches.size() - begin;
  if (want_end == 0 || count == 0) return;
  want_end = std::min(want_end, count);
  std::string buffer;
  std::vector<std::pair<uint64_t, Node>> prefixes;
  prefixes.reserve(count);
  for (size_t i = begin; i < matches.size(); ++i) {
    prefixes.push_back({LastNamePrefix(snapshot, matches[i].node, buffer), matches[i].node});
  }
  std::nth_element(prefixes.begin(), prefixes.begin() + static_cast<ptrdiff_t>(want_end - 1),
                   prefixes.end());
  const uint64_t cutoff = prefixes[want_end - 1].first;
  // Every member whose prefix is at most the cutoff's may rank within want_end.
  std::vector<NameKey> keys;
  for (const auto& [prefix, node] : prefixes) {
    if (prefix > cutoff) continue;
    keys.push_back({Fold(snapshot.LastName(node)), Fold(snapshot.FirstName(node)),
                    snapshot.Id(node), node});
  }
  std::sort(keys.begin(), keys.end());
  size_t out = begin;
  for (size_t i = 0; i < keys.size() && i < want_end; ++i) {
    matches[out++] = {kBeyond, 0, keys[i].node};
  }
  // What lies after `out` is no longer a permutation of the matches; no page reads it.
}

// Where one thread counts facet values: an array by (dictionary, value) over all seven
// dictionaries end to end, and per dictionary the values counted so far. All counts are
// zero between queries (Reset clears the touched ones), so a query pays for the values it
// meets, not for the dictionaries' sizes.
struct FacetTally {
  std::vector<uint32_t> counts;
  std::array<std::vector<ValueId>, graph::kDictCount> touched;

  void Reset() {
    for (auto& values : touched) values.clear();
  }
};

// Facet counters over the matches. Each match's values come from its facet row
// (Snapshot::FacetRow: one cache line for most members), organizations already by the
// value of their folded name, each member once per value; a count is one increment at
// a precomputed offset, no hashing per match.
class FacetCounter {
 public:
  explicit FacetCounter(const graph::Snapshot& snapshot) : snapshot_(snapshot) {
    uint32_t total = 0;
    for (int dict = 0; dict < graph::kDictCount; ++dict) {
      first_[dict] = total;
      total += snapshot.ValueCount(static_cast<Dict>(dict));
    }
    total_ = total;
  }

  // Counts into `tally` (whose counts must be zero) the facet values of the rows that
  // `for_each_row` passes, one by one, to the function it is given.
  // Not inlined: inside Search the loop's registers were spilled to the stack, and the
  // counting took 2.9 ns per entry.
  template <typename ForEachRow>
  [[gnu::noinline]] void CountRows(ForEachRow for_each_row, FacetTally& tally) const {
    if (tally.counts.size() < total_) tally.counts.resize(total_, 0);
    uint32_t* counts = tally.counts.data();
    // A value's first count is a coin toss for the branch predictor: each entry writes
    // its value past the end of its dictionary's list, which grows only on a first.
    thread_local std::array<std::vector<ValueId>, graph::kDictCount> firsts;
    std::array<ValueId*, graph::kDictCount> ends;
    for (int dict = 0; dict < graph::kDictCount; ++dict) {
      const size_t values = snapshot_.ValueCount(static_cast<Dict>(dict)) + 1;
      if (firsts[dict].size() < values) firsts[dict].resize(values);
      ends[dict] = firsts[dict].data();
    }
    for_each_row([&](std::span<const uint32_t> row) {
      for (uint32_t entry : row) {
        const uint32_t dict = entry >> graph::kFacetEntryShift;
        const ValueId value = graph::FacetEntryValue(entry);
        *ends[dict] = value;
        ends[dict] += counts[first_[dict] + value]++ == 0;
      }
    });
    for (int dict = 0; dict < graph::kDictCount; ++dict) {
      tally.touched[dict].insert(tally.touched[dict].end(), firsts[dict].data(), ends[dict]);
    }
  }

  // For CountRows and CountAllBut: the snapshot's facet rows of the members node_at(0),
  // ..., node_at(size - 1). They are scattered over the whole network and miss the cache
  // on nearly every read: requesting them a few members ahead overlaps those misses.
  template <typename NodeAt>
  auto SnapshotRows(size_t size, NodeAt node_at) const {
    return [this, size, node_at](auto count_row) {
      thread_local std::vector<uint32_t> buffer;  // Rows of members of the delta.
      constexpr size_t kAhead = 16;
      for (size_t i = 0; i < size; ++i) {
        if (i + kAhead < size) snapshot_.PrefetchFacetRow(node_at(i + kAhead));
        count_row(snapshot_.FacetRow(node_at(i), buffer));
      }
    };
  }

  // Counts into `tally` (whose counts must be zero) the facet values of a set of members
  // given their `totals` over a larger set, less those of the rows `for_each_other_row`
  // passes (of the larger set's members that are not in this one). A value may be left
  // with count zero: Top skips it.
  template <typename ForEachRow>
  [[gnu::noinline]] void CountAllBut(std::span<const std::pair<uint32_t, uint32_t>> totals,
                                     ForEachRow for_each_other_row, FacetTally& tally) const {
    if (tally.counts.size() < total_) tally.counts.resize(total_, 0);
    uint32_t* counts = tally.counts.data();
    for (const auto& [entry, total] : totals) {
      const uint32_t dict = entry >> graph::kFacetEntryShift;
      const ValueId value = graph::FacetEntryValue(entry);
      counts[first_[dict] + value] = total;
      tally.touched[dict].push_back(value);
    }
    for_each_other_row([&](std::span<const uint32_t> row) {
      for (uint32_t entry : row) {
        --counts[first_[entry >> graph::kFacetEntryShift] + graph::FacetEntryValue(entry)];
      }
    });
  }

  // The top values of a facet; zeroes the facet's counts.
  std::vector<FacetCount> Top(SearchFacet facet, size_t limit, FacetTally& tally) const {
    const Dict dict = DictOf(facet);
    const int index = static_cast<int>(dict);
    std::vector<ValueId>& values = tally.touched[index];
    uint32_t* counts = tally.counts.data() + first_[index];
    // A name that folds to nothing is no filter value; a count of zero is left by
    // CountAllBut.
    std::erase_if(values, [&](ValueId value) {
      if (counts[value] != 0 && !snapshot_.Value(dict, value).empty()) return false;
      counts[value] = 0;
      return true;
    });
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
    for (ValueId value : values) counts[value] = 0;
    values.clear();
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

  const graph::Snapshot& snapshot_;
  std::array<uint32_t, graph::kDictCount> first_{};  // Offset of each dictionary's counts.
  uint32_t total_ = 0;
};

// The calling thread's tally, zero between queries: Top zeroes what it reads, and the
// guard zeroes whatever a query left (an exception between counting and Top).
class TallyGuard {
 public:
  TallyGuard() : tally_(ThreadTally()) {}
  ~TallyGuard() {
    for (const auto& values : tally_.touched) {
      // Counts are by dictionary offset, unknown here: clear the whole array when
      // anything is left (only after an exception).
      if (!values.empty()) {
        std::fill(tally_.counts.begin(), tally_.counts.end(), 0);
        break;
      }
    }
    tally_.Reset();
  }
  TallyGuard(const TallyGuard&) = delete;
  TallyGuard& operator=(const TallyGuard&) = delete;

  FacetTally& tally() { return tally_; }

 private:
  static FacetTally& ThreadTally() {
    thread_local FacetTally tally;
    return tally;
  }

  FacetTally& tally_;
};

// Up to `limit` distinct contacts of u on shortest paths to a 3rd-degree member: the
// contacts through which the expansion reached its 2nd-degree contacts, in the order of
// OrderBySelectivity.
std::vector<Node> ThirdDegreeIntroducers(const graph::Snapshot& snapshot,
                                         const QueryScratch& scratch, Node u, Node member,
                                         size_t limit,
                                         const ConnectionFilter& shown) {
  std::vector<Node> introducers;
  for (Node next : snapshot.Connections(member)) {
    if (scratch.Code(next) != kLevelSecond) continue;
    const Node contact = scratch.Parent(next);
    if (shown && (!shown(u, contact) || !shown(contact, next) ||
                  !shown(next, member))) {
      continue;
    }
    if (std::find(introducers.begin(), introducers.end(), contact) == introducers.end()) {
      introducers.push_back(contact);
    }
  }
  OrderBySelectivity(snapshot, introducers, limit);
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
  if (folded.empty()) return {};
  std::vector<std::string> terms = {folded};
  // Each word of the text that has synonyms (data/vocabulary.txt), replaced by each of
  // them.
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  for (size_t at = 0; at < folded.size();) {
    size_t end = folded.find(' ', at);
    if (end == std::string::npos) end = folded.size();
    const std::string_view word = std::string_view(folded).substr(at, end - at);
    for (const std::string& other : vocabulary.TitleSynonyms(word)) {
      if (other == word) continue;
      std::string variant = folded;
      variant.replace(at, word.size(), other);
      terms.push_back(std::move(variant));
    }
    at = end + 1;
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
  if (options.everyone) wanted = {false, true, true, true};
  if (!wanted[1] && !wanted[2] && !wanted[3]) return result;
  std::shared_ptr<CachedFilter> cached;
  std::optional<Resolved> uncached;
  if (options.cache_filters) {
    cached = FilterCache::Instance().Find(snapshot, filters);
  } else {
    uncached = Resolve(snapshot, filters);
  }
  const Resolved& filter = cached ? cached->filter : *uncached;
  if (filter.impossible) return result;

  // Reused across queries: tens of thousands of matches are a fresh mapping, and page
  // faults, each time otherwise.
  thread_local std::vector<Match> matches;
  matches.clear();
  std::shared_ptr<const CandidateIndex> index;  // The cached set's, when it has one.
  // With the index: the ranks of the matches in the set (a bitset, zero between queries).
  thread_local std::vector<uint64_t> matched;
  const FilterSet* indexed_set = nullptr;
  FacetCounter facets(snapshot);
  // Facets are counted afterwards, in one pass over the matches that reads ahead.
  auto add_match = [&](Node member, uint32_t level, uint32_t mutual) {
    matches.push_back({static_cast<int>(level), mutual, member});
  };

  const std::vector<PostingFilter> postings = PostingFilters(snapshot, filter);
  const std::span<const Node> first = snapshot.Connections(u);
  bool use_candidates = false;
  uint64_t edges = 0;  // Σ deg(contact): the 2-hop neighbourhood's edges.
  if (!wanted[3] && !options.everyone && !postings.empty() &&
      options.plan != SearchPlan::kNeighbourhood) {
    for (Node contact : first) edges += snapshot.Degree(contact);
    const uint64_t filter_cost = postings[0].size + (postings.size() > 1 ? postings[1].size : 0);
    // A rough cost model, measured at 1M members: the candidates plan pays about 1 ns
    // per posting (setting bits) and 1.5 ns per edge (testing them); the neighbourhood
    // plan about 50 ns per edge (misses on the scratch's three 4-byte arrays, then on
    // the columns of every member reached). So the candidates plan wins once the edges
    // are more than about a fortieth of the two filters' postings (a member with 66
    // contacts and 30,000 edges against 440,000 postings: 0.7 ms instead of 1.6 ms).
    // Once the filters' member set is cached the postings cost nothing more, and the
    // candidates plan always wins.
    use_candidates = options.plan == SearchPlan::kCandidates ||
                     options.plan == SearchPlan::kCandidateRows || filter_cost <= 40 * edges ||
                     (cached && cached->ready.load(std::memory_order_acquire));
  }

  if (use_candidates && cached) {
    // The cached member set: the query pays only for reading the rows of u's contacts
    // or those of the candidates, whichever cost less: the candidates' rows hold fewer
    // entries by half (they start at random places). A member with thousands of contacts
    // reaches millions of entries in two hops, where a selective filter's candidates may
    // have a few hundred thousand between them (measured at 1M members:
    // docs/performance.md, "Search: the candidates' rows, and a candidate index"). A set
    // searched often has its index, which holds only the entries either would count.
    const FilterSet& set = FilterCache::Instance().Set(*cached, snapshot, postings);
    if (options.plan == SearchPlan::kAuto || options.plan == SearchPlan::kCandidateIndex) {
      index = FilterCache::Instance().Index(*cached, snapshot, set, edges,
                                            options.plan == SearchPlan::kCandidateIndex);
    }
    if (index == nullptr && (options.plan == SearchPlan::kCandidateRows ||
                             (options.plan == SearchPlan::kAuto && 2 * set.degree_sum < edges))) {
      uint64_t* contacts = scratch.Bits(snapshot.NodeCount());  // Clear between queries.
      for (Node contact : first) contacts[contact >> 6] |= uint64_t{1} << (contact & 63);
      ReadCandidateRows(snapshot, set, u, contacts,
                        [&](Node member, bool is_contact, uint32_t mutual) {
                          const uint32_t level = is_contact ? kLevelFirst : kLevelSecond;
                          if (wanted[level]) add_match(member, level, mutual);
                        });
      for (Node contact : first) contacts[contact >> 6] = 0;
    } else {
      // Candidates' state is one word per candidate, by rank (L2-sized for tens of
      // thousands): the kFirstFlag for u's contacts, plus the mutual count. Each candidate
      // reached is listed once, the first time its state leaves zero, and its state zeroed
      // again when read back, so neither array is cleared per query.
      constexpr uint32_t kFirstFlag = uint32_t{1} << 31;
      thread_local std::vector<uint32_t> state;  // Zero between queries.
      thread_local std::vector<Node> reached;
      if (state.size() < set.count) state.resize(set.count, 0);
      // Every candidate at most once, plus the slot written past the end.
      if (reached.size() < static_cast<size_t>(set.count) + 1) reached.resize(set.count + 1);
      uint32_t* states = state.data();
      const Node* listed = reached.data();
      // With the index the listed are ranks, else members.
      const size_t count =
          index != nullptr
              ? CountIndexedCandidates(first, set, *index, kFirstFlag, states, reached.data())
              : CountCandidates(snapshot, first, set, kFirstFlag, states, reached.data());
      matches.reserve(count);
      if (index != nullptr) {
        indexed_set = &set;
        const size_t words = (static_cast<size_t>(set.count) + 63) / 64;
        if (matched.size() < words) matched.resize(words, 0);
      }
      for (size_t i = 0; i < count; ++i) {
        const Node member = index != nullptr ? set.members[listed[i]] : listed[i];
        const uint32_t rank = index != nullptr ? listed[i] : set.Rank(member);
        const uint32_t value = states[rank];
        states[rank] = 0;
        // u is reached through each of its contacts and may be a candidate: never a match.
        if (member == u) continue;
        const uint32_t level = (value & kFirstFlag) ? kLevelFirst : kLevelSecond;
        if (!wanted[level]) continue;
        add_match(member, level, value & ~kFirstFlag);
        if (index != nullptr) matched[rank >> 6] |= uint64_t{1} << (rank & 63);
      }
    }
  } else if (use_candidates) {
    // The candidates as a bitset: the smallest filter's postings ANDed with the second's,
    // each built by walking sorted lists (sequential writes within 128 KiB per million
    // members), then the remaining filters checked on the few left.
    const size_t words = (static_cast<size_t>(snapshot.NodeCount()) + 63) / 64;
    thread_local std::vector<uint64_t> candidate_bits;
    thread_local std::vector<uint64_t> other_bits;
    auto fill = [words](const PostingFilter& posting, std::vector<uint64_t>& bits) {
      FillBits(posting, words, bits);
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
    // Back from ranks to members, in Node order. Most candidates are out of reach and
    // which are is random: every candidate is written and the end advanced only past
    // the wanted ones, which costs less than mispredicting a branch on each.
    const size_t first_match = matches.size();
    matches.resize(first_match + candidates);
    Match* out = matches.data() + first_match;
    uint32_t next = 0;
    for (size_t word = 0; word < words && next < candidates; ++word) {
      for (uint64_t rest = bits[word]; rest != 0; rest &= rest - 1, ++next) {
        const uint32_t value = states[next];
        const uint32_t level = (value & kFirstFlag) ? kLevelFirst : kLevelSecond;
        *out = {static_cast<int>(level), value & ~kFirstFlag,
                static_cast<Node>(word * 64 + std::countr_zero(rest))};
        // value 0: neither a contact nor a contact's contact.
        out += static_cast<size_t>(value != 0 && wanted[level]);
      }
    }
    matches.resize(static_cast<size_t>(out - matches.data()));
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
  const size_t network_matches = matches.size();
  if (options.everyone) {
    // The directory beyond: members the expansion did not reach (levels 1-3 are the
    // network; u is marked too), listed, matching.
    auto visit_beyond = [&](Node member) {
      const uint32_t level = scratch.Code(member);
      if ((level >= kLevelFirst && level <= kLevelThird) || member == u) return;
      if (!snapshot.InDirectory(member) || !Matches(snapshot, filter, member)) return;
      matches.push_back({kBeyond, 0, member});
    };
    if (!postings.empty()) {
      if (postings[0].lists.size() == 1) {
        for (Node member : postings[0].lists[0]) visit_beyond(member);
      } else {
        // A union of title postings: each member once.
        std::vector<Node> members;
        for (const auto& list : postings[0].lists) members.insert(members.end(), list.begin(), list.end());
        std::sort(members.begin(), members.end());
        members.erase(std::unique(members.begin(), members.end()), members.end());
        for (Node member : members) visit_beyond(member);
      }
    } else {
      const Node count = snapshot.NodeCount();
      for (Node member = 0; member < count; ++member) visit_beyond(member);
    }
  }

  result.total = matches.size();
  for (size_t i = 0; i < network_matches; ++i) ++result.by_degree[matches[i].degree];
  result.beyond = matches.size() - network_matches;
  TallyGuard tally;
  auto match_rows = facets.SnapshotRows(matches.size(), [](size_t i) { return matches[i].node; });
  if (index != nullptr) {
    // When the matches are most of the set (a hub's search), the set's totals less the
    // facets of the others, which are fewer to read. The rows to read come from the
    // index, in rank order, when they are a sizeable part of the set (then they are
    // nearly one stream of memory); else from the snapshot, read ahead.
    const uint32_t count = indexed_set->count;
    const size_t words = (static_cast<size_t>(count) + 63) / 64;
    const bool most = matches.size() * 2 > count;
    const size_t rows = most ? count - matches.size() : matches.size();
    auto index_rows = [&](bool of_matches) {
      return [&, of_matches](auto count_row) {
        for (size_t word = 0; word < words; ++word) {
          uint64_t bits = of_matches ? matched[word] : ~matched[word];
          if (word + 1 == words && count % 64 != 0) bits &= (uint64_t{1} << (count % 64)) - 1;
          for (; bits != 0; bits &= bits - 1) {
            count_row(index->FacetRow(static_cast<uint32_t>(word * 64 + std::countr_zero(bits))));
          }
        }
      };
    };
    if (rows * kIndexFacetRowsFrom < count) {
      if (most) {
        thread_local std::vector<Node> others;
        others.clear();
        for (uint32_t rank = 0; rank < count; ++rank) {
          if (!((matched[rank >> 6] >> (rank & 63)) & 1)) {
            others.push_back(indexed_set->members[rank]);
          }
        }
        facets.CountAllBut(index->facet_totals,
                           facets.SnapshotRows(others.size(), [](size_t i) { return others[i]; }),
                           tally.tally());
      } else {
        facets.CountRows(match_rows, tally.tally());
      }
    } else if (most) {
      facets.CountAllBut(index->facet_totals, index_rows(false), tally.tally());
    } else {
      facets.CountRows(index_rows(true), tally.tally());
    }
    std::fill(matched.begin(), matched.begin() + static_cast<ptrdiff_t>(words), 0);
  } else {
    facets.CountRows(match_rows, tally.tally());
  }
  for (int facet = 0; facet < kSearchFacetCount; ++facet) {
    result.facets[facet] =
        facets.Top(static_cast<SearchFacet>(facet), options.facet_limit, tally.tally());
  }
  if (options.offset >= matches.size()) return result;
  // Ties on degree and mutual count are broken by MemberId. Base nodes are numbered in
  // MemberId order, so two of them compare by Node without reading the (scattered) ids;
  // only members added since the base need theirs.
  const Node base_nodes = snapshot.BaseNodeCount();
  auto before = [&snapshot, base_nodes](const Match& a, const Match& b) {
    if (a.degree != b.degree) return a.degree < b.degree;
    if (a.mutual != b.mutual) return a.mutual > b.mutual;
    if (a.node < base_nodes && b.node < base_nodes) return a.node < b.node;
    return snapshot.Id(a.node) < snapshot.Id(b.node);
  };
  const size_t end = std::min(matches.size(), options.offset + options.limit);
  // The network ranks first; the members beyond (after network_matches) by name.
  const size_t network_end = std::min(end, network_matches);
  std::partial_sort(matches.begin(), matches.begin() + static_cast<ptrdiff_t>(network_end),
                    matches.begin() + static_cast<ptrdiff_t>(network_matches), before);
  if (end > network_matches) RankBeyond(snapshot, matches, network_matches, end - network_matches);
  for (size_t rank = options.offset; rank < end; ++rank) {
    const Match& match = matches[rank];
    SearchHit hit{.member = match.node,
                  .degree = match.degree == kBeyond ? 0 : match.degree,
                  .mutual = match.mutual,
                  .introducers = {}};
    if (match.degree == 2) {
      Intersect(first, snapshot.Connections(match.node), hit.introducers);
      if (options.shown) {
        std::erase_if(hit.introducers, [&](Node c) {
          return !options.shown(u, c) || !options.shown(c, match.node);
        });
      }
      OrderBySelectivity(snapshot, hit.introducers, options.introducer_limit);
    } else if (match.degree == 3) {
      hit.introducers =
          ThirdDegreeIntroducers(snapshot, scratch, u, match.node, options.introducer_limit,
                                 options.shown);
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace ledd::query

namespace ledd::query {

SearchFilterCacheStats SearchFilterCacheStatsNow() { return FilterCache::Instance().Stats(); }
void SetSearchFilterCacheCapacity(size_t bytes) { FilterCache::Instance().SetCapacity(bytes); }
void ClearSearchFilterCache() { FilterCache::Instance().Clear(); }

}  // namespace ledd::query
