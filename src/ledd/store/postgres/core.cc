#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {

absl::StatusOr<EventId> PostgresStore::Import(const Dataset& data) {
  return absl::UnimplementedError("PostgresStore::Import");
}

absl::StatusOr<Counts> PostgresStore::Count() {
  return absl::UnimplementedError("PostgresStore::Count");
}

absl::StatusOr<std::vector<MemberId>> PostgresStore::MemberIds() {
  return absl::UnimplementedError("PostgresStore::MemberIds");
}

absl::Status PostgresStore::ForEachMember(absl::FunctionRef<void(const Member&)> visit) {
  return absl::UnimplementedError("PostgresStore::ForEachMember");
}

absl::Status PostgresStore::ForEachOrganization( absl::FunctionRef<void(const Organization&)> visit) {
  return absl::UnimplementedError("PostgresStore::ForEachOrganization");
}

absl::Status PostgresStore::ForEachPosition(absl::FunctionRef<void(const Position&)> visit) {
  return absl::UnimplementedError("PostgresStore::ForEachPosition");
}

absl::Status PostgresStore::ForEachEducation(absl::FunctionRef<void(const Education&)> visit) {
  return absl::UnimplementedError("PostgresStore::ForEachEducation");
}

absl::Status PostgresStore::ForEachConnection( absl::FunctionRef<void(const Connection&)> visit) {
  return absl::UnimplementedError("PostgresStore::ForEachConnection");
}

absl::Status PostgresStore::ForEachFollow(absl::FunctionRef<void(const Follow&)> visit) {
  return absl::UnimplementedError("PostgresStore::ForEachFollow");
}

absl::StatusOr<Member> PostgresStore::GetMember(MemberId id) {
  return absl::UnimplementedError("PostgresStore::GetMember");
}

absl::StatusOr<Organization> PostgresStore::GetOrganization(OrganizationId id) {
  return absl::UnimplementedError("PostgresStore::GetOrganization");
}

absl::StatusOr<std::vector<Position>> PostgresStore::GetPositions(MemberId member) {
  return absl::UnimplementedError("PostgresStore::GetPositions");
}

absl::StatusOr<std::vector<Education>> PostgresStore::GetEducations(MemberId member) {
  return absl::UnimplementedError("PostgresStore::GetEducations");
}

absl::StatusOr<EventId> PostgresStore::AddMember(const Member& member) {
  return absl::UnimplementedError("PostgresStore::AddMember");
}

absl::StatusOr<EventId> PostgresStore::UpdateMember(const Member& member) {
  return absl::UnimplementedError("PostgresStore::UpdateMember");
}

absl::StatusOr<EventId> PostgresStore::ReplaceBackground( MemberId member, const std::vector<Position>& positions, const std::vector<Education>& educations) {
  return absl::UnimplementedError("PostgresStore::ReplaceBackground");
}

absl::StatusOr<ProfileWrite> PostgresStore::UpdateProfile(const ProfileUpdate& update) {
  return absl::UnimplementedError("PostgresStore::UpdateProfile");
}

absl::StatusOr<EventId> PostgresStore::AddOrganization(const Organization& organization) {
  return absl::UnimplementedError("PostgresStore::AddOrganization");
}

absl::StatusOr<OrganizationWrite> PostgresStore::FindOrAddOrganization( const Organization& organization) {
  return absl::UnimplementedError("PostgresStore::FindOrAddOrganization");
}

absl::StatusOr<EventId> PostgresStore::AddConnection(const Connection& connection) {
  return absl::UnimplementedError("PostgresStore::AddConnection");
}

absl::StatusOr<EventId> PostgresStore::RemoveConnection(MemberId a, MemberId b) {
  return absl::UnimplementedError("PostgresStore::RemoveConnection");
}

absl::StatusOr<EventId> PostgresStore::AddFollow(const Follow& follow) {
  return absl::UnimplementedError("PostgresStore::AddFollow");
}

absl::StatusOr<EventId> PostgresStore::RemoveFollow(MemberId follower, MemberId followee) {
  return absl::UnimplementedError("PostgresStore::RemoveFollow");
}

absl::StatusOr<std::vector<Event>> PostgresStore::EventsAfter(EventId after, int limit) {
  return absl::UnimplementedError("PostgresStore::EventsAfter");
}

absl::StatusOr<EventId> PostgresStore::LastEventId() {
  return absl::UnimplementedError("PostgresStore::LastEventId");
}

}  // namespace ledd::store::postgres
