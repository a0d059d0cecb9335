#pragma once
// The system of record: the interface every store implements (SQLite embedded, and
// later PostgreSQL), one schema, versioned migrations.
//
// Contract shared by all implementations:
// - Every write is one transaction that also appends one row to the `events` outbox;
//   the returned EventId is that row's id. A failed write changes nothing.
// - Connections are stored once per pair with a < b; callers may pass either order.
// - Readers see committed data only.
// - Implementations are thread-safe: any method may be called from any thread.
//   Calls may serialize internally.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"

namespace ledd::store {

// Row counts of a database, as `ledd stats` reports them.
struct Counts {
  int64_t members = 0;
  int64_t organizations = 0;
  int64_t positions = 0;
  int64_t educations = 0;
  int64_t connections = 0;
  // Indexed by InvitationState.
  std::array<int64_t, kInvitationStateCount> invitations{};
  int64_t follows = 0;
  int64_t posts = 0;
  int64_t comments = 0;
  int64_t events = 0;

  friend bool operator==(const Counts&, const Counts&) = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Adds a whole data set in one transaction with one kImport event. Ids must not
  // collide with rows already present; references may point at rows in `data` or
  // already in the store. Any violated constraint rolls everything back and returns
  // an error naming the table.
  virtual absl::StatusOr<EventId> Import(const Dataset& data) = 0;

  virtual absl::StatusOr<Counts> Count() = 0;

  // Ids of all members, ascending.
  virtual absl::StatusOr<std::vector<MemberId>> MemberIds() = 0;

  // Streaming reads for building the in-memory network, each in ascending key order
  // (members by id, connections by (a, b), positions and educations by member).
  // The visitor must not call back into the store.
  virtual absl::Status ForEachMember(absl::FunctionRef<void(const Member&)> visit) = 0;
  virtual absl::Status ForEachOrganization(
      absl::FunctionRef<void(const Organization&)> visit) = 0;
  virtual absl::Status ForEachPosition(absl::FunctionRef<void(const Position&)> visit) = 0;
  virtual absl::Status ForEachEducation(absl::FunctionRef<void(const Education&)> visit) = 0;
  virtual absl::Status ForEachConnection(
      absl::FunctionRef<void(const Connection&)> visit) = 0;
  virtual absl::Status ForEachFollow(absl::FunctionRef<void(const Follow&)> visit) = 0;

  // Point reads. NotFound when absent.
  virtual absl::StatusOr<Member> GetMember(MemberId id) = 0;
  virtual absl::StatusOr<Organization> GetOrganization(OrganizationId id) = 0;
  virtual absl::StatusOr<std::vector<Position>> GetPositions(MemberId member) = 0;
  virtual absl::StatusOr<std::vector<Education>> GetEducations(MemberId member) = 0;

  // Single writes (each its own transaction and event).
  // AlreadyExists if the id or handle is taken.
  virtual absl::StatusOr<EventId> AddMember(const Member& member) = 0;
  // Replaces the member's profile and settings. NotFound if absent.
  virtual absl::StatusOr<EventId> UpdateMember(const Member& member) = 0;
  // Replaces the member's positions and educations (a kMemberUpdated event).
  virtual absl::StatusOr<EventId> ReplaceBackground(
      MemberId member, const std::vector<Position>& positions,
      const std::vector<Education>& educations) = 0;
  virtual absl::StatusOr<EventId> AddOrganization(const Organization& organization) = 0;
  // InvalidArgument for a self-connection, NotFound for an unknown member,
  // AlreadyExists for an existing pair, FailedPrecondition when either member already
  // has kMaxConnections.
  virtual absl::StatusOr<EventId> AddConnection(const Connection& connection) = 0;
  // NotFound if the pair is not connected.
  virtual absl::StatusOr<EventId> RemoveConnection(MemberId a, MemberId b) = 0;
  // InvalidArgument for following oneself, NotFound for an unknown member,
  // AlreadyExists if already following.
  virtual absl::StatusOr<EventId> AddFollow(const Follow& follow) = 0;
  virtual absl::StatusOr<EventId> RemoveFollow(MemberId follower, MemberId followee) = 0;

  // Events with id > after, oldest first, at most `limit`.
  virtual absl::StatusOr<std::vector<Event>> EventsAfter(EventId after, int limit) = 0;
  // 0 when there are no events.
  virtual absl::StatusOr<EventId> LastEventId() = 0;
};

}  // namespace ledd::store
