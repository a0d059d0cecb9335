#pragma once
// Snapshot: one immutable, published view of the network — what every query reads.
//
// A Snapshot is a large immutable base (CSR adjacency for connections and follows,
// attribute columns, dictionaries, facet postings; built by SnapshotBuilder) plus a
// small immutable delta of the writes applied since that base (made by SnapshotEditor).
// Accessors merge the delta on read. With an empty delta every accessor is one
// predictable branch away from a plain array read; with a delta, a touched row costs one
// hash lookup per call (never per edge): the delta stores whole replacement rows, so the
// returned span is always a sorted, deduplicated array.
//
// Invariants (any published Snapshot):
// - Nodes are 0..NodeCount()-1. Base nodes are in ascending MemberId order; members added
//   through the delta get the next Nodes in order of arrival. Nodes are stable across
//   delta writes and renumbered by compaction or a rebuild: translate at the edge.
// - Connections(u) is sorted, deduplicated, without u; v in Connections(u) iff u in
//   Connections(v). Following(u)/Followers(u) are sorted, deduplicated, mirror images.
// - Posting(f, value) is sorted and deduplicated and holds exactly the members whose
//   records carry that value (see Facet in types.h).
//
// Thread-safety: immutable after publication; any number of threads may read one
// Snapshot concurrently. Hold it by shared_ptr<const Snapshot> while reading.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "ledd/base/ids.h"
#include "ledd/graph/types.h"

namespace ledd::graph {

// A member's facet value as one word of its facet row (Snapshot::FacetRow): the
// dictionary in the top 3 bits, the ValueId in the rest. Seven dictionaries fit in 3
// bits; the builder refuses dictionaries of 2^29 values or more.
inline constexpr int kFacetEntryShift = 29;
inline constexpr uint32_t kFacetEntryValueMask = (uint32_t{1} << kFacetEntryShift) - 1;
inline constexpr ValueId kMaxFacetValue = kFacetEntryValueMask;
constexpr uint32_t FacetEntry(Dict dict, ValueId value) {
  return static_cast<uint32_t>(dict) << kFacetEntryShift | value;
}
constexpr Dict FacetEntryDict(uint32_t entry) {
  return static_cast<Dict>(entry >> kFacetEntryShift);
}
constexpr ValueId FacetEntryValue(uint32_t entry) { return entry & kFacetEntryValueMask; }

namespace internal {

// Appends a member's facet row to `out` (see Snapshot::FacetRow): city, country and
// industry, then per position its title and its organization's company value, per
// education its field and its school's school value, each (dictionary, value) once and
// kNoValue skipped. `company_value(org)` / `school_value(org)` give an organization's
// value. Shared by the builder (base rows) and the snapshot (rows of the delta), so the
// two cannot disagree.
template <typename CompanyValue, typename SchoolValue>
void AppendFacetRow(ValueId city, ValueId country, ValueId industry,
                    std::span<const PositionRecord> positions,
                    std::span<const EducationRecord> educations, CompanyValue company_value,
                    SchoolValue school_value, std::vector<uint32_t>& out) {
  const size_t begin = out.size();
  auto add = [&](Dict dict, ValueId value) {
    if (value == kNoValue) return;
    const uint32_t entry = FacetEntry(dict, value);
    // Rows hold about ten entries: a look back beats a set.
    for (size_t i = begin; i < out.size(); ++i) {
      if (out[i] == entry) return;
    }
    out.push_back(entry);
  };
  add(Dict::kCity, city);
  add(Dict::kCountry, country);
  add(Dict::kIndustry, industry);
  for (const PositionRecord& position : positions) {
    add(Dict::kTitle, position.title);
    if (position.organization != kNoOrganization) {
      add(Dict::kCompany, company_value(position.organization));
    }
  }
  for (const EducationRecord& education : educations) {
    add(Dict::kField, education.field);
    if (education.school != kNoOrganization) add(Dict::kSchool, school_value(education.school));
  }
}

// Facet rows of the base, one cache line per member: words[0] is the row's length n;
// rows of up to 15 entries follow it in words[1..n], longer ones (rare) are in
// FacetRows::overflow from words[1]. Aligned so that a row never straddles two lines.
struct alignas(64) FacetLine {
  static constexpr uint32_t kInline = 15;
  uint32_t words[16];
};

struct FacetRows {
  std::vector<FacetLine> lines;  // By Node.
  std::vector<uint32_t> overflow;

  std::span<const uint32_t> Row(Node node) const {
    const uint32_t* words = lines[node].words;
    const uint32_t length = words[0];
    if (length <= FacetLine::kInline) [[likely]] return {words + 1, length};
    return {overflow.data() + words[1], length};
  }
};

// Compressed sparse rows: row r is targets[offsets[r] .. offsets[r+1]).
struct Csr {
  std::vector<uint64_t> offsets;  // RowCount()+1 entries; 64-bit: edge counts pass 2^32.
  std::vector<Node> targets;

  size_t RowCount() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::span<const Node> Row(uint32_t row) const {
    return {targets.data() + offsets[row], targets.data() + offsets[row + 1]};
  }
};

// Variable-length per-node ranges of records (positions, educations).
template <typename T>
struct Ranges {
  std::vector<uint32_t> offsets;  // node count + 1
  std::vector<T> items;

  std::span<const T> Row(Node node) const {
    return {items.data() + offsets[node], items.data() + offsets[node + 1]};
  }
};

// Strings packed into one buffer: far fewer allocations than vector<string> at 1M rows.
struct StringColumn {
  std::string chars;
  std::vector<uint64_t> offsets{0};

  void Append(std::string_view value) {
    chars.append(value);
    offsets.push_back(chars.size());
  }
  std::string_view Get(size_t row) const {
    return std::string_view(chars).substr(offsets[row], offsets[row + 1] - offsets[row]);
  }
};

// A dictionary of the base: folded values in ascending order (ValueId = position), and
// for each the original spelling to display.
struct Dictionary {
  std::vector<std::string> folded;
  std::vector<std::string> display;
};

// Values first seen after the base; their ids continue after the base dictionary's.
struct DictionaryDelta {
  std::vector<std::string> folded;
  std::vector<std::string> display;
  absl::flat_hash_map<std::string, ValueId> index;  // folded -> id
};

// A member's attributes as one record: how the delta keeps added and updated members.
struct MemberRecord {
  std::string first_name;
  std::string last_name;
  std::string headline;
  std::string market_countries;
  ValueId city = kNoValue;
  ValueId country = kNoValue;
  ValueId industry = kNoValue;
  MemberFlags flags;
  std::vector<PositionRecord> positions;
  std::vector<EducationRecord> educations;
};

struct Base {
  std::vector<MemberId> ids;  // By Node, strictly ascending: the reverse map is a search.
  StringColumn first_name;
  StringColumn last_name;
  StringColumn headline;
  StringColumn market_countries;
  std::vector<ValueId> city;
  std::vector<ValueId> country;
  std::vector<ValueId> industry;
  std::vector<MemberFlags> flags;
  Ranges<PositionRecord> positions;
  Ranges<EducationRecord> educations;
  std::vector<OrganizationRecord> organizations;  // Ascending id.
  // By OrgIndex: the ValueId of the folded name in Dict::kCompany / Dict::kSchool, or
  // kNoValue when no position / education named the organization at build time.
  std::vector<ValueId> company_value;
  std::vector<ValueId> school_value;
  FacetRows facet_rows;  // By Node: what search counts facets from.
  Csr connections;
  Csr following;  // u -> members u follows
  Csr followers;  // u -> members following u
  uint64_t connection_count = 0;  // Undirected pairs.
  uint64_t follow_count = 0;
  std::array<Dictionary, kDictCount> dictionaries;
  std::array<Csr, kFacetCount> postings;  // Row = ValueId of DictOf(facet).
};

using NodeList = std::shared_ptr<const std::vector<Node>>;

struct Delta {
  uint64_t changes = 0;  // Writes applied since the base: the compaction trigger.
  std::vector<MemberId> added_ids;  // Node = base size + index.
  absl::flat_hash_map<MemberId, Node> added_nodes;
  absl::flat_hash_map<Node, std::shared_ptr<const MemberRecord>> members;
  absl::flat_hash_map<Node, NodeList> connections;  // Whole replacement rows.
  absl::flat_hash_map<Node, NodeList> following;
  absl::flat_hash_map<Node, NodeList> followers;
  int64_t connection_count_change = 0;
  int64_t follow_count_change = 0;
  std::array<DictionaryDelta, kDictCount> dictionaries;
  std::array<absl::flat_hash_map<ValueId, NodeList>, kFacetCount> postings;
  std::vector<OrganizationRecord> added_organizations;  // OrgIndex = base size + index.
  absl::flat_hash_map<OrganizationId, OrgIndex> added_organization_index;
  // Members removed (erased) since the base: their Nodes stay, with no connections,
  // follows, names, postings or directory listing, and Find no longer answers them.
  // Compaction drops them.
  absl::flat_hash_set<Node> removed;
};

}  // namespace internal

// Heap bytes a snapshot holds, by part: vector capacities times element size, plus the
// heap buffers of strings too long for the small-string buffer. Allocator headers and
// hash-map slack are not counted (the base has no hash maps; the delta's are small).
struct MemoryUsage {
  uint64_t connections = 0;    // Connection CSR: offsets and targets.
  uint64_t follows = 0;        // Following and followers CSRs.
  uint64_t members = 0;        // Ids, names, headlines, attribute columns, flags.
  uint64_t background = 0;     // Positions, educations, organizations, facet rows.
  uint64_t dictionaries = 0;   // Folded and display values.
  uint64_t postings = 0;       // Facet posting lists.
  uint64_t delta = 0;          // Replacement rows and records of the delta.

  uint64_t Total() const {
    return connections + follows + members + background + dictionaries + postings + delta;
  }
};

class Snapshot {
 public:
  // Takes ownership of a finished base and an optional delta (null = empty).
  Snapshot(std::shared_ptr<const internal::Base> base,
           std::shared_ptr<const internal::Delta> delta);

  // ---- Members and ids ----
  Node NodeCount() const { return node_count_; }
  // Requires node < NodeCount().
  MemberId Id(Node node) const {
    if (node < base_nodes_) [[likely]] return base_->ids[node];
    return delta_->added_ids[node - base_nodes_];
  }
  // kNoNode if the member is not in this snapshot (or was removed from it).
  Node Find(MemberId id) const;
  // Whether `node` is a removed member's (SnapshotEditor::RemoveMember): a Node without
  // edges, names or facet values that Find never returns, until compaction drops it.
  // Requires node < NodeCount().
  bool Removed(Node node) const { return delta_ != nullptr && delta_->removed.contains(node); }

  // ---- Adjacency (all require node < NodeCount()) ----
  std::span<const Node> Connections(Node node) const {
    if (!connections_changed_) [[likely]] return BaseRow(base_->connections, node);
    return DeltaRow(delta_->connections, base_->connections, node);
  }
  uint32_t Degree(Node node) const { return static_cast<uint32_t>(Connections(node).size()); }
  std::span<const Node> Following(Node node) const {
    if (!follows_changed_) [[likely]] return BaseRow(base_->following, node);
    return DeltaRow(delta_->following, base_->following, node);
  }
  std::span<const Node> Followers(Node node) const {
    if (!follows_changed_) [[likely]] return BaseRow(base_->followers, node);
    return DeltaRow(delta_->followers, base_->followers, node);
  }
  // Undirected connected pairs.
  uint64_t ConnectionCount() const;
  uint64_t FollowCount() const;

  // ---- Attributes (all require node < NodeCount()) ----
  std::string_view FirstName(Node node) const;
  std::string_view LastName(Node node) const;
  // "First Last", or whichever is non-empty.
  std::string DisplayName(Node node) const;
  std::string_view Headline(Node node) const;
  // Values in Dict::kCity / kCountry / kIndustry; kNoValue when empty.
  ValueId City(Node node) const;
  ValueId Country(Node node) const;
  ValueId Industry(Node node) const;
  MemberFlags Flags(Node node) const;
  bool HasPhoto(Node node) const { return Flags(node).has_photo; }
  uint8_t Completeness(Node node) const { return Flags(node).completeness; }
  TriagePolicy Policy(Node node) const { return Flags(node).policy; }
  MarketsKind Markets(Node node) const { return Flags(node).markets; }
  ContactsVisibility ContactsVisibilityOf(Node node) const { return Flags(node).contacts; }
  bool InDirectory(Node node) const { return Flags(node).in_directory; }
  // For MarketsKind::kListed: alpha-2 codes joined by ';'.
  std::string_view MarketCountries(Node node) const;
  // In input order (the store's); titles in Dict::kTitle, fields in Dict::kField.
  std::span<const PositionRecord> Positions(Node node) const;
  std::span<const EducationRecord> Educations(Node node) const;
  // The member's facet values, each (dictionary, value) once, as FacetEntry words in no
  // particular order: city, country, industry; the titles (Dict::kTitle) and company
  // values (Dict::kCompany, by organization name: OrganizationValue) of its positions,
  // current or past; the fields and school values of its educations. For counting
  // facets over many members: a member of the base not changed since costs one cache
  // line (two beyond 15 values), where the columns and records above cost about eight.
  // Members of the delta have theirs computed into `buffer`, which the span may point
  // into (valid until `buffer` changes).
  std::span<const uint32_t> FacetRow(Node node, std::vector<uint32_t>& buffer) const {
    if (node < base_nodes_ && !members_changed_) [[likely]] return base_->facet_rows.Row(node);
    return DeltaFacetRow(node, buffer);
  }
  // Asks the cache for the line FacetRow(node) reads first. Only a hint.
  void PrefetchFacetRow(Node node) const {
    if (node < base_nodes_) __builtin_prefetch(&base_->facet_rows.lines[node]);
  }

  // ---- Organizations ----
  OrgIndex OrganizationCount() const;
  // Requires index < OrganizationCount().
  const OrganizationRecord& Organization(OrgIndex index) const;
  // kNoOrganization if unknown.
  OrgIndex FindOrganization(OrganizationId id) const;
  // The value of the organization's folded name in `dict` (Dict::kCompany or
  // Dict::kSchool): what its positions (educations) are posted under, so that two
  // organizations with one name have one value. kNoValue for kNoOrganization, an empty
  // name, or a name no position (education) uses. O(1) for organizations of the base
  // named at build time; a dictionary search otherwise.
  ValueId OrganizationValue(Dict dict, OrgIndex index) const;

  // ---- Dictionaries and facets ----
  ValueId ValueCount(Dict dict) const;
  // The folded value (the matching key) and the spelling to show. Requires id < count.
  std::string_view Value(Dict dict, ValueId id) const;
  std::string_view Display(Dict dict, ValueId id) const;
  // Looks up an already folded string; kNoValue if absent.
  ValueId FindValue(Dict dict, std::string_view folded) const;
  // Members having the value, sorted. Requires value < ValueCount(DictOf(facet)).
  std::span<const Node> Posting(Facet facet, ValueId value) const;

  // ---- Accounting ----
  // What the snapshot holds in memory (see MemoryUsage). O(members + values); for
  // benchmarks and logs, not for a query path. A base shared with other snapshots is
  // counted in full by each.
  MemoryUsage Memory() const;

  // ---- Delta ----
  // Writes applied on top of the base (0 right after a build or compaction).
  uint64_t DeltaSize() const { return delta_ ? delta_->changes : 0; }
  Node BaseNodeCount() const { return base_nodes_; }

  // The member's attributes and background as one record (a copy). For the editor,
  // compaction and tests; queries use the column accessors.
  internal::MemberRecord Record(Node node) const;

  const std::shared_ptr<const internal::Base>& base() const { return base_; }
  const std::shared_ptr<const internal::Delta>& delta() const { return delta_; }

  // A number no other Snapshot of this process has had or will have (assigned at
  // construction, counting up from 1): what caches of values computed from one snapshot
  // key by, since an address may be reused once a snapshot is gone.
  uint64_t Generation() const { return generation_; }

 private:
  std::span<const Node> BaseRow(const internal::Csr& csr, Node node) const {
    if (node < base_nodes_) [[likely]] return csr.Row(node);
    return {};
  }
  std::span<const Node> DeltaRow(const absl::flat_hash_map<Node, internal::NodeList>& rows,
                                 const internal::Csr& csr, Node node) const;
  // The delta record of a node, or null when the base columns are current.
  const internal::MemberRecord* DeltaMember(Node node) const;
  std::span<const uint32_t> DeltaFacetRow(Node node, std::vector<uint32_t>& buffer) const;

  std::shared_ptr<const internal::Base> base_;
  std::shared_ptr<const internal::Delta> delta_;
  uint64_t generation_ = 0;
  Node base_nodes_ = 0;
  Node node_count_ = 0;
  // Cached so that the common case (nothing changed) is one branch on a member field.
  bool connections_changed_ = false;
  bool follows_changed_ = false;
  bool members_changed_ = false;
};

}  // namespace ledd::graph
