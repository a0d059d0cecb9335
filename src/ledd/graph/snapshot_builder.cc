#include "ledd/graph/snapshot_builder.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "fmt/core.h"
#include "ledd/base/fold.h"
#include "ledd/base/huge_pages.h"

namespace ledd::graph {
namespace {

using internal::Csr;

// Sorts every row and removes repeated targets in place; returns how many were removed.
int64_t SortAndDedupeRows(Csr& csr) {
  const size_t rows = csr.RowCount();
  uint64_t write = 0;
  uint64_t read_begin = 0;
  for (size_t row = 0; row < rows; ++row) {
    const uint64_t read_end = csr.offsets[row + 1];
    Node* first = csr.targets.data() + read_begin;
    Node* last = csr.targets.data() + read_end;
    if (!std::is_sorted(first, last)) std::sort(first, last);
    csr.offsets[row] = write;
    for (Node* it = first; it != last; ++it) {
      if (it != first && *it == *(it - 1)) continue;
      csr.targets[write++] = *it;
    }
    read_begin = read_end;
  }
  const int64_t removed = static_cast<int64_t>(csr.targets.size() - write);
  csr.offsets[rows] = write;
  csr.targets.resize(write);
  // Shrinking copies the array into memory without the large-page advice; worth it only
  // when much was removed.
  if (removed > 0 && static_cast<uint64_t>(removed) > csr.targets.capacity() / 16) {
    std::vector<Node> shrunk;
    ReserveHugePages(shrunk, write);
    shrunk.assign(csr.targets.begin(), csr.targets.end());
    csr.targets = std::move(shrunk);
  }
  return removed;
}

// Edges are packed (u << 32) | v. With `both_directions`, each edge fills row u with v
// and row v with u (connections); otherwise row u with v only, or row v with u when
// `reverse` (followers).
Csr BuildAdjacency(size_t node_count, const std::vector<uint64_t>& edges, bool both_directions,
                   bool reverse) {
  Csr csr;
  ReserveHugePages(csr.offsets, node_count + 1);
  csr.offsets.assign(node_count + 1, 0);
  for (uint64_t edge : edges) {
    const Node u = static_cast<Node>(edge >> 32);
    const Node v = static_cast<Node>(edge);
    if (both_directions) {
      ++csr.offsets[u + 1];
      ++csr.offsets[v + 1];
    } else {
      ++csr.offsets[(reverse ? v : u) + 1];
    }
  }
  std::partial_sum(csr.offsets.begin(), csr.offsets.end(), csr.offsets.begin());
  ReserveHugePages(csr.targets, csr.offsets[node_count]);
  csr.targets.resize(csr.offsets[node_count]);
  std::vector<uint64_t> cursor(csr.offsets.begin(), csr.offsets.end() - 1);
  for (uint64_t edge : edges) {
    const Node u = static_cast<Node>(edge >> 32);
    const Node v = static_cast<Node>(edge);
    if (both_directions) {
      csr.targets[cursor[u]++] = v;
      csr.targets[cursor[v]++] = u;
    } else if (reverse) {
      csr.targets[cursor[v]++] = u;
    } else {
      csr.targets[cursor[u]++] = v;
    }
  }
  return csr;
}

// Pairs (value, node) arrive in ascending node order, so a stable counting sort by value
// leaves every posting sorted; repeats (two positions at one company) are adjacent.
Csr BuildPostings(size_t value_count, const std::vector<std::pair<ValueId, Node>>& pairs) {
  Csr csr;
  csr.offsets.assign(value_count + 1, 0);
  for (const auto& [value, node] : pairs) ++csr.offsets[value + 1];
  std::partial_sum(csr.offsets.begin(), csr.offsets.end(), csr.offsets.begin());
  csr.targets.resize(pairs.size());
  std::vector<uint64_t> cursor(csr.offsets.begin(), csr.offsets.end() - 1);
  for (const auto& [value, node] : pairs) csr.targets[cursor[value]++] = node;
  SortAndDedupeRows(csr);
  return csr;
}

// Folds each distinct original once; the dictionary is the sorted distinct folded
// values, displayed with the first original (in order of arrival) that folds to each.
// Returns raw id -> ValueId.
std::vector<ValueId> FinishDictionary(const std::vector<std::string>& originals,
                                      internal::Dictionary& out) {
  std::vector<std::string> folded(originals.size());
  for (size_t raw = 0; raw < originals.size(); ++raw) folded[raw] = Fold(originals[raw]);
  std::vector<uint32_t> order(originals.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return folded[x] != folded[y] ? folded[x] < folded[y] : x < y;
  });
  std::vector<ValueId> final_id(originals.size(), kNoValue);
  for (uint32_t raw : order) {
    if (out.folded.empty() || out.folded.back() != folded[raw]) {
      out.folded.push_back(folded[raw]);
      out.display.push_back(originals[raw]);
    }
    final_id[raw] = static_cast<ValueId>(out.folded.size() - 1);
  }
  return final_id;
}

ValueId MapRaw(const std::vector<ValueId>& final_id, uint32_t raw) {
  return raw == kNoValue ? kNoValue : final_id[raw];
}

// Moves `pending` rows (each with a `member` Node) into per-node ranges, keeping their
// order within a member, converting each with `make`; frees `pending`.
template <typename Item, typename Pending, typename Make>
void GroupByMember(std::vector<Pending>& pending, Node node_count,
                   internal::Ranges<Item>& ranges, Make make) {
  ReserveHugePages(ranges.offsets, node_count + 1);
  ranges.offsets.assign(node_count + 1, 0);
  for (const Pending& row : pending) ++ranges.offsets[row.member + 1];
  std::partial_sum(ranges.offsets.begin(), ranges.offsets.end(), ranges.offsets.begin());
  ReserveHugePages(ranges.items, pending.size());
  ranges.items.resize(pending.size());
  std::vector<uint32_t> cursor(ranges.offsets.begin(), ranges.offsets.end() - 1);
  for (const Pending& row : pending) ranges.items[cursor[row.member]++] = make(row);
  pending.clear();
  pending.shrink_to_fit();
}

}  // namespace

uint32_t SnapshotBuilder::Interner::Intern(std::string_view value) {
  if (value.empty()) return kNoValue;
  auto [it, inserted] =
      index.try_emplace(std::string(value), static_cast<uint32_t>(originals.size()));
  if (inserted) originals.emplace_back(value);
  return it->second;
}

SnapshotBuilder::SnapshotBuilder() = default;
SnapshotBuilder::~SnapshotBuilder() = default;

void SnapshotBuilder::AddOrganization(const OrganizationInput& organization) {
  organizations_.push_back(organization);
}

void SnapshotBuilder::AddMember(const MemberInput& member) {
  if (sealed_) {
    if (status_.ok()) {
      status_ = absl::FailedPreconditionError(
          fmt::format("member {} added after connections or background", member.id));
    }
    return;
  }
  member_ids_.push_back(member.id);
  first_names_.Append(member.first_name);
  last_names_.Append(member.last_name);
  headlines_.Append(member.headline);
  market_countries_.Append(member.market_countries);
  raw_city_.push_back(cities_.Intern(member.city));
  raw_country_.push_back(countries_.Intern(member.country));
  raw_industry_.push_back(industries_.Intern(member.industry));
  MemberFlags flags{.has_photo = member.has_photo,
                    .policy = member.policy,
                    .markets = member.markets,
                    .contacts = member.contacts_visibility,
                    .in_directory = member.in_directory};
  if (!member.headline.empty()) flags.completeness |= kSectionHeadline;
  if (member.has_summary) flags.completeness |= kSectionSummary;
  if (!member.city.empty() || !member.country.empty()) flags.completeness |= kSectionLocation;
  if (!member.industry.empty()) flags.completeness |= kSectionIndustry;
  flags_.push_back(flags);
}

void SnapshotBuilder::Seal() {
  if (sealed_) return;
  sealed_ = true;
  const size_t count = member_ids_.size();
  arrival_of_node_.resize(count);
  std::iota(arrival_of_node_.begin(), arrival_of_node_.end(), 0);
  // The store streams members in ascending id order; sort only when it did not.
  if (!std::is_sorted(member_ids_.begin(), member_ids_.end())) {
    std::stable_sort(arrival_of_node_.begin(), arrival_of_node_.end(),
                     [&](uint32_t x, uint32_t y) { return member_ids_[x] < member_ids_[y]; });
  }
  if (count == 0) return;
  // Connection rows name members by id 50M times at 1M members: a hash lookup each was
  // most of a load. Ids from a store are dense, so a table indexed by id costs a few
  // bytes per member and one array read per lookup; sparse ids keep the hash map.
  const MemberId first_id = member_ids_[arrival_of_node_.front()];
  const MemberId last_id = member_ids_[arrival_of_node_.back()];
  const uint64_t span = static_cast<uint64_t>(last_id) - static_cast<uint64_t>(first_id) + 1;
  if (span <= 4 * static_cast<uint64_t>(count) + 1024) {
    dense_first_id_ = first_id;
    dense_node_of_id_.assign(span, kNoNode);
    for (Node node = 0; node < count; ++node) {
      const MemberId id = member_ids_[arrival_of_node_[node]];
      Node& slot = dense_node_of_id_[static_cast<uint64_t>(id - first_id)];
      if (slot != kNoNode && status_.ok()) {
        status_ = absl::InvalidArgumentError(fmt::format("member {} added twice", id));
      }
      slot = node;
    }
    // Sorted, distinct and as many as the span: every id is there, in order.
    ids_contiguous_ = span == count && status_.ok();
    return;
  }
  node_of_id_.reserve(count);
  for (Node node = 0; node < count; ++node) {
    const MemberId id = member_ids_[arrival_of_node_[node]];
    if (!node_of_id_.try_emplace(id, node).second && status_.ok()) {
      status_ = absl::InvalidArgumentError(fmt::format("member {} added twice", id));
    }
  }
}

Node SnapshotBuilder::ToNode(MemberId id) {
  Seal();
  // Connections arrive ordered by (a, b): the same a repeats for a whole row.
  if (last_lookup_node_ != kNoNode && id == last_lookup_id_) return last_lookup_node_;
  if (!dense_node_of_id_.empty()) {
    // Unsigned: ids below the first wrap around and fail the bound too.
    const uint64_t offset = static_cast<uint64_t>(id) - static_cast<uint64_t>(dense_first_id_);
    if (offset >= dense_node_of_id_.size()) return kNoNode;
    // A table read misses the cache for nearly every connection's second member (the
    // table is 4 MiB at 1M members); contiguous ids need no read at all.
    if (ids_contiguous_) return static_cast<Node>(offset);
    last_lookup_id_ = id;
    last_lookup_node_ = dense_node_of_id_[offset];
    return last_lookup_node_;
  }
  auto it = node_of_id_.find(id);
  if (it == node_of_id_.end()) return kNoNode;
  last_lookup_id_ = id;
  last_lookup_node_ = it->second;
  return it->second;
}

void SnapshotBuilder::AddPosition(const PositionInput& position) {
  const Node member = ToNode(position.member);
  if (member == kNoNode) {
    ++report_.unknown_member_rows;
    return;
  }
  positions_.push_back({member, position.organization, titles_.Intern(position.title),
                        position.start, position.end});
}

void SnapshotBuilder::AddEducation(const EducationInput& education) {
  const Node member = ToNode(education.member);
  if (member == kNoNode) {
    ++report_.unknown_member_rows;
    return;
  }
  educations_.push_back({member, education.school, fields_.Intern(education.field),
                         education.start, education.end});
}

void SnapshotBuilder::AddConnection(MemberId a, MemberId b) {
  const Node u = ToNode(a);
  const Node v = ToNode(b);
  if (u == kNoNode || v == kNoNode) {
    ++report_.unknown_member_rows;
    return;
  }
  if (u == v) {
    ++report_.self_loops;
    return;
  }
  connections_.push_back(static_cast<uint64_t>(u) << 32 | v);
}

void SnapshotBuilder::AddFollow(MemberId follower, MemberId followee) {
  const Node u = ToNode(follower);
  const Node v = ToNode(followee);
  if (u == kNoNode || v == kNoNode) {
    ++report_.unknown_member_rows;
    return;
  }
  if (u == v) {
    ++report_.self_loops;
    return;
  }
  follows_.push_back(static_cast<uint64_t>(u) << 32 | v);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> SnapshotBuilder::Build(BuildReport* report) && {
  Seal();
  if (!status_.ok()) return status_;
  auto base = std::make_shared<internal::Base>();
  const Node node_count = static_cast<Node>(member_ids_.size());

  // Organizations, ascending id; a repeated id keeps its first row.
  std::stable_sort(organizations_.begin(), organizations_.end(),
                   [](const OrganizationInput& x, const OrganizationInput& y) {
                     return x.id < y.id;
                   });
  for (const OrganizationInput& input : organizations_) {
    if (!base->organizations.empty() && base->organizations.back().id == input.id) continue;
    base->organizations.push_back({.id = input.id,
                                   .is_school = input.is_school,
                                   .name = input.name,
                                   .folded_name = Fold(input.name),
                                   .industry = input.industry,
                                   .country = input.country});
  }
  organizations_.clear();
  organizations_.shrink_to_fit();
  const auto& organizations = base->organizations;
  auto org_index = [&](OrganizationId id) -> OrgIndex {
    auto it = std::lower_bound(
        organizations.begin(), organizations.end(), id,
        [](const OrganizationRecord& record, OrganizationId key) { return record.id < key; });
    if (it == organizations.end() || it->id != id) return kNoOrganization;
    return static_cast<OrgIndex>(it - organizations.begin());
  };

  // Dictionaries of free text: fold each distinct original once.
  auto& dictionaries = base->dictionaries;
  const auto city_ids = FinishDictionary(cities_.originals, dictionaries[int(Dict::kCity)]);
  const auto country_ids =
      FinishDictionary(countries_.originals, dictionaries[int(Dict::kCountry)]);
  const auto industry_ids =
      FinishDictionary(industries_.originals, dictionaries[int(Dict::kIndustry)]);
  const auto title_ids = FinishDictionary(titles_.originals, dictionaries[int(Dict::kTitle)]);
  const auto field_ids = FinishDictionary(fields_.originals, dictionaries[int(Dict::kField)]);

  // Positions and educations grouped by node (stable: store order within a member).
  GroupByMember(positions_, node_count, base->positions, [&](const PendingPosition& pending) {
    const OrgIndex organization = org_index(pending.organization);
    if (organization == kNoOrganization) ++report_.unknown_organization_rows;
    return PositionRecord{organization, MapRaw(title_ids, pending.raw_title), pending.start,
                          pending.end};
  });
  GroupByMember(educations_, node_count, base->educations, [&](const PendingEducation& pending) {
    const OrgIndex school = org_index(pending.school);
    if (school == kNoOrganization) ++report_.unknown_organization_rows;
    return EducationRecord{school, MapRaw(field_ids, pending.raw_field), pending.start,
                           pending.end};
  });

  // Company and school dictionaries: folded names of the organizations referenced.
  std::vector<ValueId> company_value(organizations.size(), kNoValue);
  std::vector<ValueId> school_value(organizations.size(), kNoValue);
  {
    std::vector<bool> is_company(organizations.size(), false);
    std::vector<bool> is_school(organizations.size(), false);
    for (const PositionRecord& record : base->positions.items) {
      if (record.organization != kNoOrganization) is_company[record.organization] = true;
    }
    for (const EducationRecord& record : base->educations.items) {
      if (record.school != kNoOrganization) is_school[record.school] = true;
    }
    auto finish = [&](const std::vector<bool>& used, Dict dict, std::vector<ValueId>& value) {
      std::vector<std::string> originals;
      std::vector<OrgIndex> owners;
      for (OrgIndex org = 0; org < organizations.size(); ++org) {
        if (!used[org] || organizations[org].name.empty()) continue;
        originals.push_back(organizations[org].name);
        owners.push_back(org);
      }
      const auto ids = FinishDictionary(originals, dictionaries[int(dict)]);
      for (size_t i = 0; i < owners.size(); ++i) value[owners[i]] = ids[i];
    };
    finish(is_company, Dict::kCompany, company_value);
    finish(is_school, Dict::kSchool, school_value);
  }
  base->company_value = company_value;
  base->school_value = school_value;

  // Member columns in node order, and the facet pairs.
  ReserveHugePages(base->ids, node_count);
  ReserveHugePages(base->city, node_count);
  ReserveHugePages(base->country, node_count);
  ReserveHugePages(base->industry, node_count);
  base->ids.resize(node_count);
  base->city.resize(node_count);
  base->country.resize(node_count);
  base->industry.resize(node_count);
  base->flags.resize(node_count);
  std::array<std::vector<std::pair<ValueId, Node>>, kFacetCount> pairs;
  for (Node node = 0; node < node_count; ++node) {
    const uint32_t arrival = arrival_of_node_[node];
    base->ids[node] = member_ids_[arrival];
    base->first_name.Append(first_names_.Get(arrival));
    base->last_name.Append(last_names_.Get(arrival));
    base->headline.Append(headlines_.Get(arrival));
    base->market_countries.Append(market_countries_.Get(arrival));
    const ValueId city = MapRaw(city_ids, raw_city_[arrival]);
    const ValueId country = MapRaw(country_ids, raw_country_[arrival]);
    const ValueId industry = MapRaw(industry_ids, raw_industry_[arrival]);
    base->city[node] = city;
    base->country[node] = country;
    base->industry[node] = industry;
    if (city != kNoValue) pairs[int(Facet::kCity)].emplace_back(city, node);
    if (country != kNoValue) pairs[int(Facet::kCountry)].emplace_back(country, node);
    if (industry != kNoValue) pairs[int(Facet::kIndustry)].emplace_back(industry, node);
    MemberFlags flags = flags_[arrival];
    const auto positions = base->positions.Row(node);
    const auto educations = base->educations.Row(node);
    if (!positions.empty()) flags.completeness |= kSectionPosition;
    if (!educations.empty()) flags.completeness |= kSectionEducation;
    base->flags[node] = flags;
    for (const PositionRecord& position : positions) {
      if (position.title != kNoValue) pairs[int(Facet::kTitle)].emplace_back(position.title, node);
      if (position.organization == kNoOrganization) continue;
      const ValueId company = company_value[position.organization];
      if (company == kNoValue) continue;
      pairs[int(Facet::kAnyCompany)].emplace_back(company, node);
      if (position.current()) pairs[int(Facet::kCurrentCompany)].emplace_back(company, node);
    }
    for (const EducationRecord& education : educations) {
      if (education.field != kNoValue) pairs[int(Facet::kField)].emplace_back(education.field, node);
      if (education.school == kNoOrganization) continue;
      const ValueId school = school_value[education.school];
      if (school != kNoValue) pairs[int(Facet::kSchool)].emplace_back(school, node);
    }
  }
  // Facet rows, from the columns and records just built. The lines are read at random
  // by search (one per match), hence the large pages.
  for (const internal::Dictionary& dictionary : dictionaries) {
    if (dictionary.folded.size() > kMaxFacetValue) {
      return absl::ResourceExhaustedError(
          fmt::format("a dictionary holds {} values; facet rows allow {}",
                      dictionary.folded.size(), kMaxFacetValue));
    }
  }
  {
    internal::FacetRows& rows = base->facet_rows;
    ReserveHugePages(rows.lines, node_count);
    rows.lines.resize(node_count);
    std::vector<uint32_t> row;
    for (Node node = 0; node < node_count; ++node) {
      row.clear();
      internal::AppendFacetRow(
          base->city[node], base->country[node], base->industry[node],
          base->positions.Row(node), base->educations.Row(node),
          [&](OrgIndex org) { return company_value[org]; },
          [&](OrgIndex org) { return school_value[org]; }, row);
      internal::FacetLine& line = rows.lines[node];
      line.words[0] = static_cast<uint32_t>(row.size());
      if (row.size() <= internal::FacetLine::kInline) {
        std::copy(row.begin(), row.end(), line.words + 1);
      } else {
        line.words[1] = static_cast<uint32_t>(rows.overflow.size());
        rows.overflow.insert(rows.overflow.end(), row.begin(), row.end());
      }
    }
  }
  for (int facet = 0; facet < kFacetCount; ++facet) {
    const size_t values = dictionaries[int(DictOf(static_cast<Facet>(facet)))].folded.size();
    base->postings[facet] = BuildPostings(values, pairs[facet]);
    pairs[facet] = {};
  }

  // Adjacency.
  base->connections = BuildAdjacency(node_count, connections_, /*both_directions=*/true,
                                     /*reverse=*/false);
  connections_ = {};
  report_.duplicate_edges += SortAndDedupeRows(base->connections) / 2;
  base->connection_count = base->connections.targets.size() / 2;
  base->following = BuildAdjacency(node_count, follows_, false, /*reverse=*/false);
  base->followers = BuildAdjacency(node_count, follows_, false, /*reverse=*/true);
  follows_ = {};
  report_.duplicate_edges += SortAndDedupeRows(base->following);
  SortAndDedupeRows(base->followers);
  base->follow_count = base->following.targets.size();

  if (report != nullptr) *report = report_;
  return std::make_shared<const Snapshot>(std::move(base), nullptr);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> Compact(const Snapshot& snapshot) {
  SnapshotBuilder builder;
  for (OrgIndex org = 0; org < snapshot.OrganizationCount(); ++org) {
    const OrganizationRecord& record = snapshot.Organization(org);
    builder.AddOrganization({.id = record.id,
                             .is_school = record.is_school,
                             .name = record.name,
                             .industry = record.industry,
                             .country = record.country});
  }
  // The display spelling folds to the stored key, so re-folding reproduces the values.
  auto display = [&](Dict dict, ValueId id) {
    return id == kNoValue ? std::string() : std::string(snapshot.Display(dict, id));
  };
  const Node count = snapshot.NodeCount();
  for (Node node = 0; node < count; ++node) {
    if (snapshot.Removed(node)) continue;  // Erased: it has no edges or rows left either.
    const MemberFlags flags = snapshot.Flags(node);
    builder.AddMember({.id = snapshot.Id(node),
                       .first_name = std::string(snapshot.FirstName(node)),
                       .last_name = std::string(snapshot.LastName(node)),
                       .headline = std::string(snapshot.Headline(node)),
                       .has_summary = (flags.completeness & kSectionSummary) != 0,
                       .has_photo = flags.has_photo,
                       .city = display(Dict::kCity, snapshot.City(node)),
                       .country = display(Dict::kCountry, snapshot.Country(node)),
                       .industry = display(Dict::kIndustry, snapshot.Industry(node)),
                       .policy = flags.policy,
                       .markets = flags.markets,
                       .market_countries = std::string(snapshot.MarketCountries(node)),
                       .contacts_visibility = flags.contacts,
                       .in_directory = flags.in_directory});
  }
  auto org_id = [&](OrgIndex org) {
    // Stored organization ids are positive, so -1 keeps an unknown organization unknown.
    return org == kNoOrganization ? OrganizationId{-1} : snapshot.Organization(org).id;
  };
  for (Node node = 0; node < count; ++node) {
    const MemberId id = snapshot.Id(node);
    for (const PositionRecord& position : snapshot.Positions(node)) {
      builder.AddPosition({.member = id,
                           .organization = org_id(position.organization),
                           .title = display(Dict::kTitle, position.title),
                           .start = position.start,
                           .end = position.end});
    }
    for (const EducationRecord& education : snapshot.Educations(node)) {
      builder.AddEducation({.member = id,
                            .school = org_id(education.school),
                            .field = display(Dict::kField, education.field),
                            .start = education.start,
                            .end = education.end});
    }
  }
  for (Node u = 0; u < count; ++u) {
    for (Node v : snapshot.Connections(u)) {
      if (u < v) builder.AddConnection(snapshot.Id(u), snapshot.Id(v));
    }
    for (Node v : snapshot.Following(u)) builder.AddFollow(snapshot.Id(u), snapshot.Id(v));
  }
  return std::move(builder).Build();
}

}  // namespace ledd::graph
