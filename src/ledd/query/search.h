#pragma once
// People search inside a member's network: "all engineers in Oslo within my 1st and 2nd
// degree", ranked, with facet counts and who can introduce me (DESIGN.md, "Queries").
//
// Matching (filters combine with AND; an empty filter matches everyone):
// - title: the folded text, or one of its synonym variants (TitleTerms), lies on
//   consecutive words of the folded title of any of the member's positions, current or
//   past, each of its words matching the title word in its place: equal to it; or, the
//   last, its start ("eng" and "software eng" find "Software Engineer"); or, a word of 4
//   characters or more, its end (Norwegian compounds: "ingeniør" finds "Sivilingeniør",
//   "senior ingeniør" finds "Senior sivilingeniør"). Never inside a word: "it" does not
//   find "Maritime Officer" nor "Toolkit", "cto" not "Director", "art" not "Partner"
//   (docs/search.md);
// - city, country, industry: the member's folded value equals the folded filter;
// - company: the folded name of the organization of any position, current or past;
// - school, field: of any education;
// - name: the folded filter is a prefix of a word of the folded full name (folding
//   splits words at spaces, hyphens and other punctuation: "jean-l" finds Jean-Luc).
// Only members at the requested degrees (exact distance 1, 2 or 3 from u; never u)
// match. Ranking: degree ascending, mutual contacts descending, MemberId ascending.
//
// The "everyone" scope (SearchOptions::everyone, the member directory) searches the whole
// membership: the network (degrees 1-3) ranked as above, then the matching members beyond
// the 3rd degree or unreachable who are listed in the directory (MemberFlags::in_directory;
// an opted-out member is found by their network only), ranked by name: folded last name,
// folded first name, then MemberId. Totals and facets count both. Without filters other
// than the name, the members beyond are found by one pass over the name columns (ASCII
// names compared without allocating); with a posting filter, by its smallest posting list.
//
// Pure function of a Snapshot in its Nodes (unknown u: an empty result). Two plans:
// - neighbourhood: the 2-hop neighbourhood is expanded once with the scratch (levels and
//   mutual counts in one pass); when a filter's posting list is smaller than that
//   neighbourhood, matches are found by walking the posting and looking each member's
//   level up in the scratch;
// - candidates (degrees 1 and 2 only): the members matching the filters, as a bitset
//   (the two smallest filters' posting lists intersected, the other filters tested on
//   what is left), kept in the filter cache below for every search with the same filters
//   on the same snapshot; the expansion reads every contact's contacts but keeps levels
//   and mutual counts for the candidates alone. The bitset stays in cache where the
//   neighbourhood's arrays do not, which is what makes a large neighbourhood (500
//   contacts, ~10^5 members within 2 degrees) affordable. Once a filter's set is cached
//   this plan is taken whatever the neighbourhood's size.
// Thread-safety: concurrent calls are safe with distinct scratches.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/scratch.h"

namespace ledd::query {

struct SearchFilters {
  std::string title;
  std::string city;
  std::string country;
  std::string company;
  std::string school;
  std::string field;
  std::string industry;
  std::string name;
};

enum class SearchFacet : uint8_t { kTitle, kCity, kCountry, kCompany, kSchool, kField, kIndustry };
inline constexpr int kSearchFacetCount = 7;

// "title", "city", "country", "company", "school", "field", "industry".
std::string_view FacetName(SearchFacet facet);

// How Search finds the matches (the answer is the same; see Search).
enum class SearchPlan : uint8_t {
  kAuto,           // The cheapest by the sizes involved.
  kNeighbourhood,  // Expand the whole 2-hop (3-hop) neighbourhood, then filter.
  kCandidates,     // Filter first (posting lists), then expand to the candidates only.
  // Filter first, then read each candidate's contacts for u's among them (with the
  // filter cache; without it, as kCandidates).
  kCandidateRows,
  // Filter first, then read u's contacts' contacts among the candidates from an index
  // (with the filter cache, which builds it now if it fits; else as kCandidates).
  kCandidateIndex,
};

struct SearchOptions {
  // Exact distances to search: any of 1, 2, 3 (others are ignored).
  std::vector<int> degrees = {1, 2};
  // The member directory: degrees 1-3 and the listed members beyond (then `degrees` is
  // ignored). Always the neighbourhood plan.
  bool everyone = false;
  size_t limit = 20;        // Hits returned...
  size_t offset = 0;        // ...after skipping this many ranked matches.
  size_t facet_limit = 10;  // Values kept per facet.
  size_t introducer_limit = 3;
  // Introducers are chosen among those whose connections on the way it allows (see
  // SearchHit); empty: all. Ranking and counts do not change.
  ConnectionFilter shown;
  // For tests and benchmarks; kCandidates applies only to degrees 1 and 2 with at least
  // one filter other than name (else the neighbourhood plan runs).
  SearchPlan plan = SearchPlan::kAuto;
  // Keep the filters' member set in the process-wide filter cache (see
  // SearchFilterCacheStats) and reuse it for every search with the same folded filters
  // on the same snapshot. false: compute it for this query alone, as before the cache
  // (the benchmarks' baseline). The answer is the same.
  bool cache_filters = true;
};

struct FacetCount {
  std::string value;    // Folded: what the matching filter takes.
  std::string display;  // A spelling to show.
  uint64_t count = 0;   // Matches having the value.
};

struct SearchHit {
  Node member = kNoNode;
  int degree = 0;  // 1, 2, 3; 0 = beyond the network (the everyone scope).
  uint32_t mutual = 0;  // Common contacts with u (0 at degree 3, by definition).
  // 2nd degree: mutual contacts; 3rd degree: distinct contacts of u on a shortest path
  // to the member; both most selective first (OrderBySelectivity: fewest contacts, then
  // name). 1st degree: none.
  std::vector<Node> introducers;
};

struct SearchResult {
  uint64_t total = 0;                   // All matches.
  std::array<uint64_t, 4> by_degree{};  // Matches at distance 1, 2, 3 (index 0 unused).
  uint64_t beyond = 0;                  // Directory matches beyond the network.
  std::vector<SearchHit> hits;          // Ranked matches [offset, offset + limit).
  // Per facet, among all matches: the values with the most members (count descending,
  // then folded value), at most facet_limit. Indexed by SearchFacet.
  std::array<std::vector<FacetCount>, kSearchFacetCount> facets;
};

SearchResult Search(const graph::Snapshot& snapshot, Node u, const SearchFilters& filters,
                    const SearchOptions& options = {}, QueryScratch& scratch = ThreadScratch());

// ---- The filter cache ----
//
// Which members pass a set of filters is the same for every searcher within one
// snapshot. Search keeps, per (Snapshot::Generation(), folded filters): the filters
// resolved against the dictionaries (the title dictionary scan), and for the candidates
// plan the matching members as a bitset with a rank per word (NodeCount() / 8 + NodeCount()
// / 16 bytes: 192 KiB per million members), built by the first search that needs it. A
// query then spends its time on the searcher's neighbourhood only. Entries of a snapshot
// that is gone are never hit again (generations are not reused) and age out.
//
// Bounded: least recently used entries are dropped once the entries' bytes exceed the
// capacity (kDefaultSearchFilterCacheBytes). Thread-safe: one mutex around lookups; a
// set is built outside it, once per entry (a second searcher waits for the first).
inline constexpr size_t kDefaultSearchFilterCacheBytes = size_t{64} << 20;
// A member set searched often within its snapshot is also indexed: every member's
// contacts among the candidates (4 bytes per member, plus 4 per contact of each
// candidate), so that a search reads only the entries it counts. Built once the set's
// searches have read this many times the index's entries from the contacts' rows:
// about what building it costs (measured: 64-70 ms for 5.5M entries at 1M members,
// where searches read ~3 ns per entry), so a snapshot whose searches would not have
// repaid it costs at most twice what it did. The indexes share half the capacity; one
// that does not fit is built only in place of older snapshots' indexes (built by one
// searcher, the others go on without it meanwhile).
inline constexpr uint64_t kIndexAfterReading = 4;

struct SearchFilterCacheStats {
  uint64_t entries = 0;
  uint64_t bytes = 0;     // Held by the entries (bitsets, ranks, resolved titles).
  uint64_t capacity = 0;  // Bytes.
  uint64_t hits = 0;      // Lookups that found their entry, since start or Clear.
  uint64_t misses = 0;
  uint64_t sets_built = 0;  // Member sets built (the candidates plan's first use).
  uint64_t indexes_built = 0;  // Candidate indexes built (kIndexAfterReading).
};
SearchFilterCacheStats SearchFilterCacheStatsNow();
// Sets the capacity in bytes (0: keep nothing) and drops entries beyond it.
void SetSearchFilterCacheCapacity(size_t bytes);
// Drops every entry and zeroes the counters (tests, benchmarks).
void ClearSearchFilterCache();

// SearchFilters resolved once against a snapshot's dictionaries, to test members one at
// a time with Search's matching rules: for callers with their own candidates (the new
// members an invitation would bring, MarginalReachMatching). Construction scans the
// title dictionary when there is a title filter; Matches() is O(positions of the
// member) plus a binary search per company, school or field filter. The snapshot must
// outlive the matcher. Not thread-safe (the name test reuses a buffer per thread, so
// distinct matchers on distinct threads are fine).
class FilterMatcher {
 public:
  FilterMatcher(const graph::Snapshot& snapshot, const SearchFilters& filters);
  ~FilterMatcher();
  FilterMatcher(const FilterMatcher&) = delete;
  FilterMatcher& operator=(const FilterMatcher&) = delete;

  // Requires member < snapshot.NodeCount().
  bool Matches(Node member) const;
  // No member can match (a filter names a value nobody has).
  bool Impossible() const;

 private:
  struct Resolved;
  const graph::Snapshot& snapshot_;
  std::unique_ptr<Resolved> resolved_;
};

// The folded title terms a title filter looks for: Fold(text), and for each word of it
// that is in a title group of the vocabulary (vocabulary.h, data/vocabulary.txt:
// ingeniør/engineer, leder/manager/head, ...) the text with that word replaced by each
// other word of its group, in the file's order. None when the text folds to nothing
// (punctuation only).
std::vector<std::string> TitleTerms(std::string_view text);

}  // namespace ledd::query
