#pragma once
// The statements that insert and select each record in PostgreSQL (the same columns, in
// the same order, as sqlite/rows.h, so that ledd/store/row_mapping.h binds and reads
// both), and the helpers every write uses. Not thread-safe, like Conn.

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::postgres {

// Without in_directory (schema v12, kV12Directory; default listed), so that an import of listed members
// also loads into a database an older ledd left; kInsertMemberWithDirectory has it as $16.
inline constexpr char kInsertMember[] =
    "INSERT INTO members (id, handle, first_name, last_name, headline, summary, "
    "has_photo, city, country, industry, email, created_at, policy, markets, "
    "connections_visibility) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13, $14, $15)";
inline constexpr char kInsertMemberWithDirectory[] =
    "INSERT INTO members (id, handle, first_name, last_name, headline, summary, "
    "has_photo, city, country, industry, email, created_at, policy, markets, "
    "connections_visibility, in_directory) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14, $15, $16)";
inline constexpr char kSelectMembers[] =
    "SELECT id, handle, first_name, last_name, headline, summary, has_photo, city, "
    "country, industry, email, created_at, policy, markets, connections_visibility, "
    "in_directory FROM members";
inline constexpr char kInsertOrganization[] =
    "INSERT INTO organizations (id, kind, name, industry, country) "
    "VALUES ($1, $2, $3, $4, $5)";
inline constexpr char kSelectOrganizations[] =
    "SELECT id, kind, name, industry, country FROM organizations";
inline constexpr char kInsertPosition[] =
    "INSERT INTO positions (member_id, organization_id, title, start_at, end_at) "
    "VALUES ($1, $2, $3, $4, $5)";
inline constexpr char kSelectPositions[] =
    "SELECT member_id, organization_id, title, start_at, end_at FROM positions";
inline constexpr char kInsertEducation[] =
    "INSERT INTO educations (member_id, school_id, field, degree, start_at, end_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
inline constexpr char kSelectEducations[] =
    "SELECT member_id, school_id, field, degree, start_at, end_at FROM educations";
inline constexpr char kInsertConnection[] =
    "INSERT INTO connections (a, b, created_at) VALUES ($1, $2, $3)";
// Without the origin (via_kind, via_id: schema v8), so that an import without one also
// loads into a database an older ledd left; kInsertInvitationWithVia has them as $8, $9.
inline constexpr char kInsertInvitation[] =
    "INSERT INTO invitations (id, from_member, to_member, note, created_at, state, kind, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $5)";
inline constexpr char kInsertInvitationWithVia[] =
    "INSERT INTO invitations (id, from_member, to_member, note, created_at, state, kind, "
    "via_kind, via_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $5)";
inline constexpr char kSelectInvitations[] =
    "SELECT id, from_member, to_member, note, created_at, state, kind, via_kind, via_id "
    "FROM invitations";
// Saving under an existing (member, name) replaces that search.
inline constexpr char kUpsertSavedSearch[] =
    "INSERT INTO saved_searches (member, name, title, city, country, company, "
    "school, field, industry, name_filter, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
    "ON CONFLICT (member, name) DO UPDATE SET title = excluded.title, city = excluded.city, "
    "country = excluded.country, company = excluded.company, school = excluded.school, "
    "field = excluded.field, industry = excluded.industry, "
    "name_filter = excluded.name_filter, created_at = excluded.created_at";
inline constexpr char kSelectSavedSearches[] =
    "SELECT member, name, title, city, country, company, school, field, industry, "
    "name_filter, created_at FROM saved_searches";
inline constexpr char kInsertFollow[] =
    "INSERT INTO follows (follower, followee, created_at) VALUES ($1, $2, $3)";
inline constexpr char kInsertPost[] =
    "INSERT INTO posts (id, author, title, body, created_at, views) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
inline constexpr char kInsertComment[] =
    "INSERT INTO comments (id, post_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5)";
inline constexpr char kInsertPostView[] =
    "INSERT INTO post_views (post_id, viewer, day, at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT DO NOTHING";
inline constexpr char kInsertAppearance[] =
    "INSERT INTO appearances (id, member_id, kind, title, event, date, place, link, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
inline constexpr char kSelectAppearances[] =
    "SELECT id, member_id, kind, title, event, date, place, link, created_at FROM appearances";

// Appends the transaction's event row (its xid is the transaction's) and returns its id.
absl::StatusOr<EventId> AppendEvent(Conn& conn, EventKind kind, int64_t a = 0, int64_t b = 0);

// Whether `sql` (a SELECT of at most one row) returns a row.
absl::StatusOr<bool> Exists(Conn& conn, const char* sql, const Params& params);

// Moves the identity sequence of `table`.id past the largest id present, after rows were
// inserted with explicit ids (an import, AddOrganization), so the ids PostgreSQL assigns
// next do not collide with them. `table` is one of ours, never input.
absl::Status AdvanceIdentity(Conn& conn, std::string_view table);

}  // namespace ledd::store::postgres
