#include "ledd/graph/snapshot_editor.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "ledd/base/fold.h"

namespace ledd::graph {
namespace {

using internal::MemberRecord;
using internal::NodeList;

NodeList WithNode(std::span<const Node> row, Node node) {
  auto list = std::make_shared<std::vector<Node>>();
  list->reserve(row.size() + 1);
  auto at = std::lower_bound(row.begin(), row.end(), node);
  list->insert(list->end(), row.begin(), at);
  list->push_back(node);
  list->insert(list->end(), at, row.end());
  return list;
}

NodeList WithoutNode(std::span<const Node> row, Node node) {
  auto list = std::make_shared<std::vector<Node>>();
  list->reserve(row.size());
  for (Node other : row) {
    if (other != node) list->push_back(other);
  }
  return list;
}

bool Contains(std::span<const Node> row, Node node) {
  return std::binary_search(row.begin(), row.end(), node);
}

using FacetValues = std::array<std::vector<ValueId>, kFacetCount>;

void SortUnique(std::vector<ValueId>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

SnapshotEditor::SnapshotEditor(std::shared_ptr<const Snapshot> snapshot)
    : base_(snapshot->base()),
      // The delta was created mutable by an editor; it is only written again after a
      // copy, because it is marked shared.
      delta_(std::const_pointer_cast<internal::Delta>(snapshot->delta())),
      delta_shared_(true) {}

internal::Delta& SnapshotEditor::MutableDelta() {
  if (delta_ == nullptr) {
    delta_ = std::make_shared<internal::Delta>();
  } else if (delta_shared_) {
    delta_ = std::make_shared<internal::Delta>(*delta_);
  }
  delta_shared_ = false;
  return *delta_;
}

uint64_t SnapshotEditor::DeltaSize() const { return delta_ ? delta_->changes : 0; }

std::shared_ptr<const Snapshot> SnapshotEditor::Publish() {
  delta_shared_ = true;
  return std::make_shared<const Snapshot>(base_, delta_);
}

bool SnapshotEditor::Apply(const Change& change) {
  struct Visitor {
    SnapshotEditor& editor;
    bool operator()(const ConnectionChange& c) {
      return c.added ? editor.AddConnection(c.a, c.b) : editor.RemoveConnection(c.a, c.b);
    }
    bool operator()(const FollowChange& f) {
      return f.added ? editor.AddFollow(f.follower, f.followee)
                     : editor.RemoveFollow(f.follower, f.followee);
    }
    bool operator()(const OrganizationInput& o) { return editor.AddOrganization(o); }
    bool operator()(const std::shared_ptr<const MemberChange>& m) {
      return m != nullptr && editor.UpsertMember(*m);
    }
    bool operator()(const MemberRemoval& r) { return editor.RemoveMember(r.id); }
  };
  return std::visit(Visitor{*this}, change);
}

bool SnapshotEditor::AddConnection(MemberId a, MemberId b) {
  const Snapshot view = View();
  const Node u = view.Find(a);
  const Node v = view.Find(b);
  if (u == kNoNode || v == kNoNode || u == v) return false;
  if (Contains(view.Connections(u), v)) return false;
  // Both rows are built before the delta changes: the spans may point into it.
  NodeList row_u = WithNode(view.Connections(u), v);
  NodeList row_v = WithNode(view.Connections(v), u);
  internal::Delta& delta = MutableDelta();
  delta.connections[u] = std::move(row_u);
  delta.connections[v] = std::move(row_v);
  ++delta.connection_count_change;
  ++delta.changes;
  return true;
}

bool SnapshotEditor::RemoveConnection(MemberId a, MemberId b) {
  const Snapshot view = View();
  const Node u = view.Find(a);
  const Node v = view.Find(b);
  if (u == kNoNode || v == kNoNode || u == v) return false;
  if (!Contains(view.Connections(u), v)) return false;
  NodeList row_u = WithoutNode(view.Connections(u), v);
  NodeList row_v = WithoutNode(view.Connections(v), u);
  internal::Delta& delta = MutableDelta();
  delta.connections[u] = std::move(row_u);
  delta.connections[v] = std::move(row_v);
  --delta.connection_count_change;
  ++delta.changes;
  return true;
}

bool SnapshotEditor::AddFollow(MemberId follower, MemberId followee) {
  const Snapshot view = View();
  const Node u = view.Find(follower);
  const Node v = view.Find(followee);
  if (u == kNoNode || v == kNoNode || u == v) return false;
  if (Contains(view.Following(u), v)) return false;
  NodeList out = WithNode(view.Following(u), v);
  NodeList in = WithNode(view.Followers(v), u);
  internal::Delta& delta = MutableDelta();
  delta.following[u] = std::move(out);
  delta.followers[v] = std::move(in);
  ++delta.follow_count_change;
  ++delta.changes;
  return true;
}

bool SnapshotEditor::RemoveFollow(MemberId follower, MemberId followee) {
  const Snapshot view = View();
  const Node u = view.Find(follower);
  const Node v = view.Find(followee);
  if (u == kNoNode || v == kNoNode || u == v) return false;
  if (!Contains(view.Following(u), v)) return false;
  NodeList out = WithoutNode(view.Following(u), v);
  NodeList in = WithoutNode(view.Followers(v), u);
  internal::Delta& delta = MutableDelta();
  delta.following[u] = std::move(out);
  delta.followers[v] = std::move(in);
  --delta.follow_count_change;
  ++delta.changes;
  return true;
}

bool SnapshotEditor::AddOrganization(const OrganizationInput& organization) {
  if (View().FindOrganization(organization.id) != kNoOrganization) return false;
  internal::Delta& delta = MutableDelta();
  const OrgIndex index =
      static_cast<OrgIndex>(base_->organizations.size() + delta.added_organizations.size());
  delta.added_organizations.push_back({.id = organization.id,
                                       .is_school = organization.is_school,
                                       .name = organization.name,
                                       .folded_name = Fold(organization.name),
                                       .industry = organization.industry,
                                       .country = organization.country});
  delta.added_organization_index[organization.id] = index;
  ++delta.changes;
  return true;
}

ValueId SnapshotEditor::Intern(internal::Delta& delta, Dict dict, std::string_view original,
                               std::string_view folded) {
  if (original.empty()) return kNoValue;
  const internal::Dictionary& base = base_->dictionaries[static_cast<int>(dict)];
  auto it = std::lower_bound(base.folded.begin(), base.folded.end(), folded,
                             [](const std::string& value, std::string_view key) {
                               return std::string_view(value) < key;
                             });
  if (it != base.folded.end() && *it == folded) {
    return static_cast<ValueId>(it - base.folded.begin());
  }
  internal::DictionaryDelta& added = delta.dictionaries[static_cast<int>(dict)];
  auto [slot, inserted] = added.index.try_emplace(
      std::string(folded), static_cast<ValueId>(base.folded.size() + added.folded.size()));
  if (inserted) {
    added.folded.emplace_back(folded);
    added.display.emplace_back(original);
  }
  return slot->second;
}

void SnapshotEditor::SetPosting(internal::Delta& delta, const Snapshot& view, Facet facet,
                                ValueId value, Node node, bool present) {
  // `view` may share `delta`; the new list is complete before the map is written.
  std::span<const Node> current = view.Posting(facet, value);
  if (Contains(current, node) == present) return;
  NodeList list = present ? WithNode(current, node) : WithoutNode(current, node);
  delta.postings[static_cast<int>(facet)][value] = std::move(list);
}

bool SnapshotEditor::UpsertMember(const MemberChange& change) {
  const MemberInput& input = change.member;
  internal::Delta& delta = MutableDelta();
  Snapshot view = View();
  Node node = view.Find(input.id);
  const bool added = node == kNoNode;

  auto intern_text = [&](Dict dict, const std::string& original) {
    return original.empty() ? kNoValue : Intern(delta, dict, original, Fold(original));
  };
  auto intern_org = [&](Dict dict, OrgIndex org) {
    if (org == kNoOrganization) return kNoValue;
    const OrganizationRecord& record = view.Organization(org);
    return Intern(delta, dict, record.name, record.folded_name);
  };
  auto facet_values = [&](const MemberRecord& record) {
    FacetValues values;
    auto push = [&](Facet facet, ValueId value) {
      if (value != kNoValue) values[static_cast<int>(facet)].push_back(value);
    };
    push(Facet::kCity, record.city);
    push(Facet::kCountry, record.country);
    push(Facet::kIndustry, record.industry);
    for (const PositionRecord& position : record.positions) {
      push(Facet::kTitle, position.title);
      const ValueId company = intern_org(Dict::kCompany, position.organization);
      push(Facet::kAnyCompany, company);
      if (position.current()) push(Facet::kCurrentCompany, company);
    }
    for (const EducationRecord& education : record.educations) {
      push(Facet::kField, education.field);
      push(Facet::kSchool, intern_org(Dict::kSchool, education.school));
    }
    for (auto& list : values) SortUnique(list);
    return values;
  };

  FacetValues old_values;
  if (!added) old_values = facet_values(view.Record(node));

  auto record = std::make_shared<MemberRecord>();
  record->first_name = input.first_name;
  record->last_name = input.last_name;
  record->headline = input.headline;
  record->market_countries = input.market_countries;
  record->city = intern_text(Dict::kCity, input.city);
  record->country = intern_text(Dict::kCountry, input.country);
  record->industry = intern_text(Dict::kIndustry, input.industry);
  for (const PositionInput& position : change.positions) {
    record->positions.push_back({view.FindOrganization(position.organization),
                                 intern_text(Dict::kTitle, position.title), position.start,
                                 position.end});
  }
  for (const EducationInput& education : change.educations) {
    record->educations.push_back({view.FindOrganization(education.school),
                                  intern_text(Dict::kField, education.field), education.start,
                                  education.end});
  }
  MemberFlags& flags = record->flags;
  flags.has_photo = input.has_photo;
  flags.policy = input.policy;
  flags.markets = input.markets;
  flags.contacts = input.contacts_visibility;
  flags.in_directory = input.in_directory;
  if (!input.headline.empty()) flags.completeness |= kSectionHeadline;
  if (input.has_summary) flags.completeness |= kSectionSummary;
  if (!input.city.empty() || !input.country.empty()) flags.completeness |= kSectionLocation;
  if (!input.industry.empty()) flags.completeness |= kSectionIndustry;
  if (!record->positions.empty()) flags.completeness |= kSectionPosition;
  if (!record->educations.empty()) flags.completeness |= kSectionEducation;
  const FacetValues new_values = facet_values(*record);

  if (added) {
    node = view.NodeCount();
    delta.added_ids.push_back(input.id);
    delta.added_nodes[input.id] = node;
  }
  delta.members[node] = std::move(record);
  // Postings are read through a view that sees the new node.
  view = View();
  for (int facet = 0; facet < kFacetCount; ++facet) {
    const auto& before = old_values[facet];
    const auto& after = new_values[facet];
    for (ValueId value : before) {
      if (!std::binary_search(after.begin(), after.end(), value)) {
        SetPosting(delta, view, static_cast<Facet>(facet), value, node, false);
      }
    }
    for (ValueId value : after) {
      if (!std::binary_search(before.begin(), before.end(), value)) {
        SetPosting(delta, view, static_cast<Facet>(facet), value, node, true);
      }
    }
  }
  ++delta.changes;
  return true;
}

bool SnapshotEditor::RemoveMember(MemberId id) {
  Node node = View().Find(id);
  if (node == kNoNode) return false;
  // Copies: each removal below replaces the rows these spans point into.
  std::vector<MemberId> contacts, followed, followers;
  {
    const Snapshot view = View();
    for (Node other : view.Connections(node)) contacts.push_back(view.Id(other));
    for (Node other : view.Following(node)) followed.push_back(view.Id(other));
    for (Node other : view.Followers(node)) followers.push_back(view.Id(other));
  }
  for (MemberId other : contacts) RemoveConnection(id, other);
  for (MemberId other : followed) RemoveFollow(id, other);
  for (MemberId other : followers) RemoveFollow(other, id);
  // An empty, unlisted record takes the member out of every posting and the directory.
  MemberChange empty;
  empty.member.id = id;
  empty.member.in_directory = false;
  UpsertMember(empty);
  internal::Delta& delta = MutableDelta();
  delta.removed.insert(node);
  ++delta.changes;
  return true;
}

}  // namespace ledd::graph
