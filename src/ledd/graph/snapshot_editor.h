#pragma once
// SnapshotEditor: applies writes to a published Snapshot and publishes new ones that
// share its base (copy-on-write of the small delta; the big base is never copied).
//
// Each change replaces whole rows in the delta: the two adjacency rows of a connection,
// the follow rows of both ends, and for a member update its record and the postings of
// the facet values it gained or lost. A write therefore costs O(degree + posting sizes
// touched), and Publish() after further edits costs one copy of the delta's maps, which
// compaction keeps small.
//
// Changes are idempotent with respect to state: adding an existing connection or
// follow, removing an absent one, or upserting a member to its current record leaves the
// network as it is. That is what lets a freshly loaded network replay events that the
// load may already reflect. Changes naming unknown members (or a self-connection) are
// ignored and reported as "not applied".
//
// Not thread-safe: one editor, one writer. Published snapshots are immutable and may be
// read by any thread while the editor keeps editing.

#include <cstdint>
#include <memory>

#include "ledd/graph/snapshot.h"
#include "ledd/graph/types.h"

namespace ledd::graph {

class SnapshotEditor {
 public:
  // Starts from `snapshot` (its base and delta are shared, not copied).
  explicit SnapshotEditor(std::shared_ptr<const Snapshot> snapshot);

  // Each returns true if the network changed.
  bool Apply(const Change& change);
  bool AddConnection(MemberId a, MemberId b);
  bool RemoveConnection(MemberId a, MemberId b);
  bool AddFollow(MemberId follower, MemberId followee);
  bool RemoveFollow(MemberId follower, MemberId followee);
  // Adds an organization; an id already present is left unchanged (organizations are
  // not edited).
  bool AddOrganization(const OrganizationInput& organization);
  // Adds the member, or replaces its profile, positions and educations.
  bool UpsertMember(const MemberChange& change);
  // Removes the member (an erasure): their connections and follows either way end,
  // their names and facet values go, and Find stops answering them, so no query can
  // reach them; the Node itself stays until compaction drops it (Snapshot::Removed).
  // False for an unknown member.
  bool RemoveMember(MemberId id);

  // Writes in the delta since the base.
  uint64_t DeltaSize() const;

  // The state so far, as an immutable snapshot. The editor may keep editing afterwards.
  std::shared_ptr<const Snapshot> Publish();

  // The state so far, for the writer's own lookups. It shares the editor's delta, so it
  // is only valid until the next edit and must not be handed to other threads.
  Snapshot View() const { return Snapshot(base_, delta_); }

 private:
  internal::Delta& MutableDelta();
  ValueId Intern(internal::Delta& delta, Dict dict, std::string_view original,
                 std::string_view folded);
  void SetPosting(internal::Delta& delta, const Snapshot& view, Facet facet, ValueId value,
                  Node node, bool present);

  std::shared_ptr<const internal::Base> base_;
  std::shared_ptr<internal::Delta> delta_;  // Null while empty.
  bool delta_shared_ = false;  // Published: copy before the next mutation.
};

}  // namespace ledd::graph
