#include "ledd/graph/snapshot.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace ledd::graph {

using internal::MemberRecord;

Snapshot::Snapshot(std::shared_ptr<const internal::Base> base,
                   std::shared_ptr<const internal::Delta> delta)
    : base_(std::move(base)), delta_(std::move(delta)) {
  static std::atomic<uint64_t> generations{0};
  generation_ = generations.fetch_add(1, std::memory_order_relaxed) + 1;
  base_nodes_ = static_cast<Node>(base_->ids.size());
  node_count_ = base_nodes_;
  if (delta_ != nullptr) {
    node_count_ += static_cast<Node>(delta_->added_ids.size());
    connections_changed_ = !delta_->connections.empty();
    follows_changed_ = !delta_->following.empty() || !delta_->followers.empty();
    members_changed_ = !delta_->members.empty();
  }
}

Node Snapshot::Find(MemberId id) const {
  auto it = std::lower_bound(base_->ids.begin(), base_->ids.end(), id);
  if (it != base_->ids.end() && *it == id) {
    const Node node = static_cast<Node>(it - base_->ids.begin());
    if (!Removed(node)) return node;
  }
  if (delta_ != nullptr) {
    // A removed member's id may come back (a new member under it): the delta's node.
    auto added = delta_->added_nodes.find(id);
    if (added != delta_->added_nodes.end() && !Removed(added->second)) return added->second;
  }
  return kNoNode;
}

std::span<const Node> Snapshot::DeltaRow(
    const absl::flat_hash_map<Node, internal::NodeList>& rows, const internal::Csr& csr,
    Node node) const {
  auto it = rows.find(node);
  if (it != rows.end()) return *it->second;
  return BaseRow(csr, node);
}

uint64_t Snapshot::ConnectionCount() const {
  int64_t change = delta_ ? delta_->connection_count_change : 0;
  return static_cast<uint64_t>(static_cast<int64_t>(base_->connection_count) + change);
}

uint64_t Snapshot::FollowCount() const {
  int64_t change = delta_ ? delta_->follow_count_change : 0;
  return static_cast<uint64_t>(static_cast<int64_t>(base_->follow_count) + change);
}

const MemberRecord* Snapshot::DeltaMember(Node node) const {
  // Added members always have a record; base members only once updated.
  if (!members_changed_) return nullptr;
  auto it = delta_->members.find(node);
  return it == delta_->members.end() ? nullptr : it->second.get();
}

std::string_view Snapshot::FirstName(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->first_name;
  return base_->first_name.Get(node);
}

std::string_view Snapshot::LastName(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->last_name;
  return base_->last_name.Get(node);
}

std::string Snapshot::DisplayName(Node node) const {
  std::string_view first = FirstName(node);
  std::string_view last = LastName(node);
  std::string name(first);
  if (!first.empty() && !last.empty()) name += ' ';
  name += last;
  return name;
}

std::string_view Snapshot::Headline(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->headline;
  return base_->headline.Get(node);
}

ValueId Snapshot::City(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->city;
  return base_->city[node];
}

ValueId Snapshot::Country(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->country;
  return base_->country[node];
}

ValueId Snapshot::Industry(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->industry;
  return base_->industry[node];
}

MemberFlags Snapshot::Flags(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->flags;
  return base_->flags[node];
}

std::string_view Snapshot::MarketCountries(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->market_countries;
  return base_->market_countries.Get(node);
}

std::span<const PositionRecord> Snapshot::Positions(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->positions;
  return base_->positions.Row(node);
}

std::span<const EducationRecord> Snapshot::Educations(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return record->educations;
  return base_->educations.Row(node);
}

std::span<const uint32_t> Snapshot::DeltaFacetRow(Node node,
                                                  std::vector<uint32_t>& buffer) const {
  const MemberRecord* record = DeltaMember(node);
  if (record == nullptr) return base_->facet_rows.Row(node);
  // Organizations added or first named since the base have values only through the
  // delta's dictionaries: OrganizationValue resolves both.
  buffer.clear();
  internal::AppendFacetRow(
      record->city, record->country, record->industry, record->positions, record->educations,
      [this](OrgIndex org) { return OrganizationValue(Dict::kCompany, org); },
      [this](OrgIndex org) { return OrganizationValue(Dict::kSchool, org); }, buffer);
  return buffer;
}

OrgIndex Snapshot::OrganizationCount() const {
  size_t added = delta_ ? delta_->added_organizations.size() : 0;
  return static_cast<OrgIndex>(base_->organizations.size() + added);
}

const OrganizationRecord& Snapshot::Organization(OrgIndex index) const {
  if (index < base_->organizations.size()) return base_->organizations[index];
  return delta_->added_organizations[index - base_->organizations.size()];
}

OrgIndex Snapshot::FindOrganization(OrganizationId id) const {
  const auto& organizations = base_->organizations;
  auto it = std::lower_bound(
      organizations.begin(), organizations.end(), id,
      [](const OrganizationRecord& record, OrganizationId key) { return record.id < key; });
  if (it != organizations.end() && it->id == id) {
    return static_cast<OrgIndex>(it - organizations.begin());
  }
  if (delta_ != nullptr) {
    auto added = delta_->added_organization_index.find(id);
    if (added != delta_->added_organization_index.end()) return added->second;
  }
  return kNoOrganization;
}

ValueId Snapshot::OrganizationValue(Dict dict, OrgIndex index) const {
  if (index == kNoOrganization) return kNoValue;
  const std::vector<ValueId>& values =
      dict == Dict::kSchool ? base_->school_value : base_->company_value;
  if (index < values.size() && values[index] != kNoValue) return values[index];
  // Added since the base, or first named since: the editor interned the name then.
  const std::string& folded = Organization(index).folded_name;
  return folded.empty() ? kNoValue : FindValue(dict, folded);
}

ValueId Snapshot::ValueCount(Dict dict) const {
  size_t count = base_->dictionaries[static_cast<int>(dict)].folded.size();
  if (delta_ != nullptr) count += delta_->dictionaries[static_cast<int>(dict)].folded.size();
  return static_cast<ValueId>(count);
}

std::string_view Snapshot::Value(Dict dict, ValueId id) const {
  const internal::Dictionary& base = base_->dictionaries[static_cast<int>(dict)];
  if (id < base.folded.size()) return base.folded[id];
  return delta_->dictionaries[static_cast<int>(dict)].folded[id - base.folded.size()];
}

std::string_view Snapshot::Display(Dict dict, ValueId id) const {
  const internal::Dictionary& base = base_->dictionaries[static_cast<int>(dict)];
  if (id < base.display.size()) return base.display[id];
  return delta_->dictionaries[static_cast<int>(dict)].display[id - base.display.size()];
}

ValueId Snapshot::FindValue(Dict dict, std::string_view folded) const {
  const internal::Dictionary& base = base_->dictionaries[static_cast<int>(dict)];
  auto it = std::lower_bound(base.folded.begin(), base.folded.end(), folded,
                             [](const std::string& value, std::string_view key) {
                               return std::string_view(value) < key;
                             });
  if (it != base.folded.end() && *it == folded) {
    return static_cast<ValueId>(it - base.folded.begin());
  }
  if (delta_ != nullptr) {
    const internal::DictionaryDelta& added = delta_->dictionaries[static_cast<int>(dict)];
    auto found = added.index.find(std::string(folded));
    if (found != added.index.end()) return found->second;
  }
  return kNoValue;
}

std::span<const Node> Snapshot::Posting(Facet facet, ValueId value) const {
  const internal::Csr& base = base_->postings[static_cast<int>(facet)];
  if (delta_ != nullptr) {
    const auto& replaced = delta_->postings[static_cast<int>(facet)];
    if (!replaced.empty()) {
      auto it = replaced.find(value);
      if (it != replaced.end()) return *it->second;
    }
  }
  if (value < base.RowCount()) return base.Row(value);
  return {};
}

MemberRecord Snapshot::Record(Node node) const {
  if (const MemberRecord* record = DeltaMember(node)) return *record;
  MemberRecord record;
  record.first_name = std::string(base_->first_name.Get(node));
  record.last_name = std::string(base_->last_name.Get(node));
  record.headline = std::string(base_->headline.Get(node));
  record.market_countries = std::string(base_->market_countries.Get(node));
  record.city = base_->city[node];
  record.country = base_->country[node];
  record.industry = base_->industry[node];
  record.flags = base_->flags[node];
  auto positions = base_->positions.Row(node);
  record.positions.assign(positions.begin(), positions.end());
  auto educations = base_->educations.Row(node);
  record.educations.assign(educations.begin(), educations.end());
  return record;
}

namespace {

template <typename T>
uint64_t VectorBytes(const std::vector<T>& vector) {
  return vector.capacity() * sizeof(T);
}

// The heap buffer of a string, if it outgrew the small-string buffer held inline.
uint64_t StringHeapBytes(const std::string& text) {
  return text.capacity() > std::string().capacity() ? text.capacity() + 1 : 0;
}

uint64_t CsrBytes(const internal::Csr& csr) {
  return VectorBytes(csr.offsets) + VectorBytes(csr.targets);
}

uint64_t ColumnBytes(const internal::StringColumn& column) {
  return StringHeapBytes(column.chars) + VectorBytes(column.offsets);
}

uint64_t StringsBytes(const std::vector<std::string>& strings) {
  uint64_t bytes = VectorBytes(strings);
  for (const std::string& text : strings) bytes += StringHeapBytes(text);
  return bytes;
}

uint64_t RowsBytes(const absl::flat_hash_map<Node, internal::NodeList>& rows) {
  uint64_t bytes = 0;
  for (const auto& [node, row] : rows) bytes += sizeof(node) + sizeof(row) + VectorBytes(*row);
  return bytes;
}

}  // namespace

MemoryUsage Snapshot::Memory() const {
  MemoryUsage usage;
  const internal::Base& base = *base_;
  usage.connections = CsrBytes(base.connections);
  usage.follows = CsrBytes(base.following) + CsrBytes(base.followers);
  usage.members = VectorBytes(base.ids) + ColumnBytes(base.first_name) +
                  ColumnBytes(base.last_name) + ColumnBytes(base.headline) +
                  ColumnBytes(base.market_countries) + VectorBytes(base.city) +
                  VectorBytes(base.country) + VectorBytes(base.industry) +
                  VectorBytes(base.flags);
  usage.background = VectorBytes(base.positions.offsets) + VectorBytes(base.positions.items) +
                     VectorBytes(base.educations.offsets) +
                     VectorBytes(base.educations.items) + VectorBytes(base.organizations) +
                     VectorBytes(base.company_value) + VectorBytes(base.school_value) +
                     VectorBytes(base.facet_rows.lines) + VectorBytes(base.facet_rows.overflow);
  for (const OrganizationRecord& organization : base.organizations) {
    usage.background += StringHeapBytes(organization.name) +
                        StringHeapBytes(organization.folded_name) +
                        StringHeapBytes(organization.industry) +
                        StringHeapBytes(organization.country);
  }
  for (const internal::Dictionary& dictionary : base.dictionaries) {
    usage.dictionaries += StringsBytes(dictionary.folded) + StringsBytes(dictionary.display);
  }
  for (const internal::Csr& posting : base.postings) usage.postings += CsrBytes(posting);
  if (delta_ != nullptr) {
    const internal::Delta& delta = *delta_;
    usage.delta = VectorBytes(delta.added_ids) + RowsBytes(delta.connections) +
                  RowsBytes(delta.following) + RowsBytes(delta.followers) +
                  VectorBytes(delta.added_organizations);
    for (const auto& rows : delta.postings) usage.delta += RowsBytes(rows);
    for (const auto& [node, record] : delta.members) {
      usage.delta += sizeof(internal::MemberRecord) + VectorBytes(record->positions) +
                     VectorBytes(record->educations);
    }
  }
  return usage;
}

}  // namespace ledd::graph
