#pragma once
// How each model record maps to a row: the INSERT and SELECT statements and the
// functions that bind a record to, or read it from, a statement. Shared by the single
// writes, the bulk import and the reads, so a column is spelled in one place.
//
// Binding does not copy text (see db.h): records and the strings passed in must outlive
// the step. Not thread-safe, like Db.

#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"

namespace ledd::store::sqlite {

// Without in_directory (schema v12, kV12Directory; default listed), so that an import of listed members
// also loads into a database an older ledd left; kInsertMemberWithDirectory has it as ?16.
inline constexpr char kInsertMember[] =
    "INSERT INTO members (id, handle, first_name, last_name, headline, summary, "
    "has_photo, city, country, industry, email, created_at, policy, markets, "
    "connections_visibility) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13, ?14, ?15)";
inline constexpr char kInsertMemberWithDirectory[] =
    "INSERT INTO members (id, handle, first_name, last_name, headline, summary, "
    "has_photo, city, country, industry, email, created_at, policy, markets, "
    "connections_visibility, in_directory) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12, ?13, ?14, ?15, ?16)";
inline constexpr char kSelectMembers[] =
    "SELECT id, handle, first_name, last_name, headline, summary, has_photo, city, "
    "country, industry, email, created_at, policy, markets, connections_visibility, "
    "in_directory FROM members";
inline constexpr char kInsertOrganization[] =
    "INSERT INTO organizations (id, kind, name, industry, country) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr char kSelectOrganizations[] =
    "SELECT id, kind, name, industry, country FROM organizations";
inline constexpr char kInsertPosition[] =
    "INSERT INTO positions (member_id, organization_id, title, start_at, end_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr char kSelectPositions[] =
    "SELECT member_id, organization_id, title, start_at, end_at FROM positions";
inline constexpr char kInsertEducation[] =
    "INSERT INTO educations (member_id, school_id, field, degree, start_at, end_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr char kSelectEducations[] =
    "SELECT member_id, school_id, field, degree, start_at, end_at FROM educations";
inline constexpr char kInsertConnection[] =
    "INSERT INTO connections (a, b, created_at) VALUES (?1, ?2, ?3)";
// Without the origin (via_kind, via_id: schema v8), so that an import without one also
// loads into a database an older ledd left; kInsertInvitationWithVia has them as ?8, ?9.
inline constexpr char kInsertInvitation[] =
    "INSERT INTO invitations (id, from_member, to_member, note, created_at, state, kind, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5)";
inline constexpr char kInsertInvitationWithVia[] =
    "INSERT INTO invitations (id, from_member, to_member, note, created_at, state, kind, "
    "via_kind, via_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?5)";
inline constexpr char kSelectInvitations[] =
    "SELECT id, from_member, to_member, note, created_at, state, kind, via_kind, via_id "
    "FROM invitations";
// INSERT OR REPLACE: saving under an existing (member, name) replaces that search.
inline constexpr char kUpsertSavedSearch[] =
    "INSERT OR REPLACE INTO saved_searches (member, name, title, city, country, company, "
    "school, field, industry, name_filter, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
inline constexpr char kSelectSavedSearches[] =
    "SELECT member, name, title, city, country, company, school, field, industry, "
    "name_filter, created_at FROM saved_searches";
inline constexpr char kInsertFollow[] =
    "INSERT INTO follows (follower, followee, created_at) VALUES (?1, ?2, ?3)";
inline constexpr char kInsertPost[] =
    "INSERT INTO posts (id, author, title, body, created_at, views) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr char kInsertComment[] =
    "INSERT INTO comments (id, post_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr char kInsertPostView[] =
    "INSERT OR IGNORE INTO post_views (post_id, viewer, day, at) VALUES (?1, ?2, ?3, ?4)";
inline constexpr char kInsertAppearance[] =
    "INSERT INTO appearances (id, member_id, kind, title, event, date, place, link, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
inline constexpr char kSelectAppearances[] =
    "SELECT id, member_id, kind, title, event, date, place, link, created_at FROM appearances";

// `markets` is FormatMarkets(member.markets), kept alive by the caller. `directory`: also
// binds in_directory as ?16 (kInsertMemberWithDirectory, the UPDATE).
void BindMember(Statement& statement, const Member& member, const std::string& markets,
                bool directory = true);
void BindOrganization(Statement& statement, const Organization& organization);
void BindPosition(Statement& statement, const Position& position);
void BindEducation(Statement& statement, const Education& education);
// Binds ?1..?7 of kInsertInvitation, and with `via` also ?8, ?9 of
// kInsertInvitationWithVia (via_kind from a static name: `invitation` is the only thing
// to keep alive).
void BindInvitation(Statement& statement, const Invitation& invitation, bool via);
void BindPostView(Statement& statement, const PostView& view);
void BindAppearance(Statement& statement, const Appearance& appearance);
void BindPost(Statement& statement, const Post& post);
void BindComment(Statement& statement, const Comment& comment);
void BindSavedSearch(Statement& statement, const SavedSearch& search);

// Read the current row of a kSelect* statement. DataLoss when a stored enum or markets
// value does not parse (the file was edited by hand or is damaged).
absl::StatusOr<Member> ReadMember(const Statement& statement);
absl::StatusOr<Organization> ReadOrganization(const Statement& statement);
Position ReadPosition(const Statement& statement);
Education ReadEducation(const Statement& statement);
absl::StatusOr<Invitation> ReadInvitation(const Statement& statement);
SavedSearch ReadSavedSearch(const Statement& statement);
absl::StatusOr<Appearance> ReadAppearance(const Statement& statement);

// Appends the transaction's outbox row and returns its id.
absl::StatusOr<EventId> AppendEvent(Db& db, EventKind kind, int64_t a = 0, int64_t b = 0);

// The UTC day of `at` (days since the epoch), the post_views key.
int64_t DayOf(Timestamp at);

// Wall-clock seconds, the time of an event.
Timestamp Now();

}  // namespace ledd::store::sqlite
