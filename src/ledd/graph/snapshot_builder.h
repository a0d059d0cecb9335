#pragma once
// SnapshotBuilder: streams members, organizations, background, connections and follows
// into a fresh immutable Snapshot (empty delta).
//
// Order of calls: organizations and members first (any order among themselves), then
// positions, educations, connections and follows. The first call of the second group
// seals the member set (Nodes are assigned in ascending MemberId order); adding a member
// after that makes Build() fail with FailedPrecondition. Rows naming unknown members are
// dropped and counted (a store read that is not one transaction may show a connection
// before its member; the event log then repairs it). Self-loops and duplicate
// connections or follows are dropped. Strings are folded once per distinct value, not
// per member, which is what lets a million members build in seconds.
//
// Not thread-safe; one builder per thread. Build() consumes the builder.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "ledd/graph/snapshot.h"
#include "ledd/graph/types.h"

namespace ledd::graph {

// What Build() dropped, for logs and tests.
struct BuildReport {
  int64_t unknown_member_rows = 0;  // positions, educations, connections, follows
  int64_t unknown_organization_rows = 0;  // kept, with kNoOrganization
  int64_t self_loops = 0;
  int64_t duplicate_edges = 0;  // connections and follows
};

class SnapshotBuilder {
 public:
  SnapshotBuilder();
  ~SnapshotBuilder();
  SnapshotBuilder(const SnapshotBuilder&) = delete;
  SnapshotBuilder& operator=(const SnapshotBuilder&) = delete;

  void AddOrganization(const OrganizationInput& organization);
  void AddMember(const MemberInput& member);
  // Positions and educations keep their order of arrival per member.
  void AddPosition(const PositionInput& position);
  void AddEducation(const EducationInput& education);
  // Undirected; either order.
  void AddConnection(MemberId a, MemberId b);
  void AddFollow(MemberId follower, MemberId followee);

  // InvalidArgument for a duplicate member id, FailedPrecondition for a member added
  // after sealing. `report` (optional) receives what was dropped.
  absl::StatusOr<std::shared_ptr<const Snapshot>> Build(BuildReport* report = nullptr) &&;

 private:
  // Distinct original strings of one dictionary, numbered in order of first sight.
  struct Interner {
    absl::flat_hash_map<std::string, uint32_t> index;
    std::vector<std::string> originals;
    uint32_t Intern(std::string_view value);  // kNoValue for ""
  };
  struct PendingPosition {
    Node member;
    OrganizationId organization;
    uint32_t raw_title;
    Timestamp start;
    Timestamp end;
  };
  struct PendingEducation {
    Node member;
    OrganizationId school;
    uint32_t raw_field;
    Timestamp start;
    Timestamp end;
  };

  void Seal();
  Node ToNode(MemberId id);

  absl::Status status_;
  bool sealed_ = false;
  std::vector<OrganizationInput> organizations_;
  // Members in order of arrival, columnar.
  std::vector<MemberId> member_ids_;
  internal::StringColumn first_names_;
  internal::StringColumn last_names_;
  internal::StringColumn headlines_;
  internal::StringColumn market_countries_;
  std::vector<uint32_t> raw_city_;
  std::vector<uint32_t> raw_country_;
  std::vector<uint32_t> raw_industry_;
  std::vector<MemberFlags> flags_;  // completeness holds headline/summary/location/industry
  Interner cities_;
  Interner countries_;
  Interner industries_;
  Interner titles_;
  Interner fields_;
  // After sealing.
  std::vector<uint32_t> arrival_of_node_;  // node -> index of arrival
  // MemberId -> Node: a table indexed by id - dense_first_id_ when the ids are dense
  // (store ids usually are; one array read per lookup), else the hash map. When the ids
  // are exactly first..first+count-1, Node = id - first and the table is not read.
  std::vector<Node> dense_node_of_id_;
  MemberId dense_first_id_ = 0;
  bool ids_contiguous_ = false;
  absl::flat_hash_map<MemberId, Node> node_of_id_;
  MemberId last_lookup_id_ = 0;
  Node last_lookup_node_ = kNoNode;
  std::vector<PendingPosition> positions_;
  std::vector<PendingEducation> educations_;
  std::vector<uint64_t> connections_;  // (u << 32) | v
  std::vector<uint64_t> follows_;
  BuildReport report_;
};

// A fresh base holding everything `snapshot` shows (base merged with delta), with an
// empty delta. What background compaction runs; Nodes are renumbered.
absl::StatusOr<std::shared_ptr<const Snapshot>> Compact(const Snapshot& snapshot);

}  // namespace ledd::graph
