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
#include "ledd/store/row_mapping.h"
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
// An imported post, which mails no one (schema v15, kV15EmailSettings).
inline constexpr char kInsertImportedPost[] =
    "INSERT INTO posts (id, author, title, body, created_at, views, mail_pending) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)";
inline constexpr char kInsertComment[] =
    "INSERT INTO comments (id, post_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr char kInsertPostView[] =
    "INSERT OR IGNORE INTO post_views (post_id, viewer, day, at) VALUES (?1, ?2, ?3, ?4)";
inline constexpr char kInsertAppearance[] =
    "INSERT INTO appearances (id, member_id, kind, title, event, date, place, link, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
inline constexpr char kSelectAppearances[] =
    "SELECT id, member_id, kind, title, event, date, place, link, created_at FROM appearances";

// The Bind* and Read* functions of each record are in ledd/store/row_mapping.h, shared
// with the PostgreSQL store.
using ::ledd::store::BindMember;
using ::ledd::store::BindOrganization;
using ::ledd::store::BindPosition;
using ::ledd::store::BindEducation;
using ::ledd::store::BindInvitation;
using ::ledd::store::BindPostView;
using ::ledd::store::BindAppearance;
using ::ledd::store::BindPost;
using ::ledd::store::BindComment;
using ::ledd::store::BindSavedSearch;
using ::ledd::store::ReadMember;
using ::ledd::store::ReadOrganization;
using ::ledd::store::ReadPosition;
using ::ledd::store::ReadEducation;
using ::ledd::store::ReadInvitation;
using ::ledd::store::ReadSavedSearch;
using ::ledd::store::ReadAppearance;
using ::ledd::store::DayOf;
using ::ledd::store::Now;

// Appends the transaction's outbox row and returns its id.
absl::StatusOr<EventId> AppendEvent(Db& db, EventKind kind, int64_t a = 0, int64_t b = 0);

}  // namespace ledd::store::sqlite
