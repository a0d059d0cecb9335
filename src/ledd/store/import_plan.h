#pragma once
// The validation half of Store::Import, the same for every engine: it checks a Dataset
// in memory against itself and the rows already stored (through StoredRows, which each
// engine answers from its own tables) and returns the plan the engine's load follows.
//
// Checked: the model's field limits and text rules for every row, id collisions,
// references (members, organizations, posts, the `via` of invitations), self-links,
// duplicate pairs, the kMaxConnections limit and one pending invitation per pair.
// Errors name the table and the 1-based row of the Dataset vector ("connections row 17:
// member 5 does not exist").

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"

namespace ledd::store {

inline constexpr uint32_t kAbsent = std::numeric_limits<uint32_t>::max();

// Dense, order-preserving numbers for every member id (stored or being imported), so
// the per-connection work is array indexing instead of hashing. Ids that are nearly
// contiguous (the generator's 1..N) are looked up directly by offset; sparse ids (LDBC
// person ids) go through a hash map.
class MemberIndex {
 public:
  // `sorted_ids` ascending without duplicates.
  explicit MemberIndex(std::vector<MemberId> sorted_ids) : ids_(std::move(sorted_ids)) {
    if (ids_.empty()) return;
    const uint64_t span = static_cast<uint64_t>(ids_.back()) - static_cast<uint64_t>(ids_.front());
    if (span < 4 * static_cast<uint64_t>(ids_.size()) + 1024) {
      base_ = ids_.front();
      direct_.assign(span + 1, kAbsent);
      for (size_t i = 0; i < ids_.size(); ++i) direct_[ids_[i] - base_] = static_cast<uint32_t>(i);
    } else {
      hashed_.reserve(ids_.size());
      for (size_t i = 0; i < ids_.size(); ++i) hashed_.emplace(ids_[i], static_cast<uint32_t>(i));
    }
  }

  // kAbsent when the member is unknown.
  uint32_t Find(MemberId id) const {
    if (!direct_.empty()) {
      const uint64_t offset = static_cast<uint64_t>(id) - static_cast<uint64_t>(base_);
      return offset < direct_.size() ? direct_[offset] : kAbsent;
    }
    auto it = hashed_.find(id);
    return it == hashed_.end() ? kAbsent : it->second;
  }
  MemberId IdOf(uint32_t dense) const { return ids_[dense]; }
  size_t size() const { return ids_.size(); }

 private:
  std::vector<MemberId> ids_;
  MemberId base_ = 0;
  std::vector<uint32_t> direct_;
  absl::flat_hash_map<MemberId, uint32_t> hashed_;
};

// A connection after normalisation, bucketed by its smaller end.
struct PairEntry {
  uint32_t b;    // Dense index of the larger end.
  uint32_t row;  // Index in data.connections, for error messages.
  Timestamp created_at;
};

// What validation needs to know of the rows already stored. An engine answers from
// inside the import's transaction.
class StoredRows {
 public:
  virtual ~StoredRows() = default;
  // Every id of `table` (members, organizations, posts, comments, invitations,
  // appearances), in any order.
  virtual absl::StatusOr<std::vector<int64_t>> Ids(std::string_view table) = 0;
  virtual absl::StatusOr<bool> Empty(std::string_view table) = 0;
  // The member with this handle, if any.
  virtual absl::StatusOr<std::optional<MemberId>> HandleOwner(const std::string& handle) = 0;
  virtual absl::StatusOr<int64_t> Degree(MemberId member) = 0;
  virtual absl::StatusOr<bool> Connected(MemberId low, MemberId high) = 0;
  virtual absl::StatusOr<bool> PendingInvitation(MemberId low, MemberId high) = 0;
  virtual absl::StatusOr<bool> Follows(MemberId follower, MemberId followee) = 0;
  // The author of a stored post, or the member of a stored appearance, that `via` names.
  virtual absl::StatusOr<std::optional<MemberId>> OwnerOf(const InvitationVia& via) = 0;
};

// Everything validation learned that the load needs.
struct ImportPlan {
  std::vector<uint32_t> member_order;  // Indices of data.members by ascending id.
  MemberIndex members{{}};
  // Connections in (a, b) order: either data.connections itself (already normalised and
  // sorted, the common case for generated files) or buckets by dense a.
  bool connections_presorted = false;
  std::vector<uint64_t> connection_offsets;  // Per dense a, into connection_entries.
  std::vector<PairEntry> connection_entries;
  std::vector<uint32_t> follow_order;  // Indices of data.follows by (follower, followee).

  // Calls visit(a, b, created_at, row) for every connection in (a, b) order, a < b;
  // `row` is its index in data.connections. Stops at the first error.
  template <typename Visit>
  absl::Status ForEachConnection(const Dataset& data, Visit visit) const {
    if (connections_presorted) {
      for (size_t k = 0; k < data.connections.size(); ++k) {
        const Connection& c = data.connections[k];
        if (absl::Status status = visit(c.a, c.b, c.created_at, k); !status.ok()) return status;
      }
      return absl::OkStatus();
    }
    for (size_t low = 0; low + 1 < connection_offsets.size(); ++low) {
      for (uint64_t k = connection_offsets[low]; k < connection_offsets[low + 1]; ++k) {
        const PairEntry& entry = connection_entries[k];
        absl::Status status = visit(members.IdOf(static_cast<uint32_t>(low)),
                                    members.IdOf(entry.b), entry.created_at, entry.row);
        if (!status.ok()) return status;
      }
    }
    return absl::OkStatus();
  }
};

// Validates `data` and plans its load. With `connections` false, data.connections is
// not read: PlanConnections validates and plans it later, once it is complete (an
// import that writes the other tables while the connections are still being read).
absl::StatusOr<ImportPlan> PlanImport(const Dataset& data, StoredRows& stored,
                                      bool connections = true);
absl::Status PlanConnections(const Dataset& data, StoredRows& stored, ImportPlan& plan);

// Rows are reported 1-based, in the order of the Dataset's vectors.
inline int64_t RowNumber(size_t index) { return static_cast<int64_t>(index) + 1; }

}  // namespace ledd::store
