#include "ledd/store/sqlite/member_data.h"

#include <array>
#include <string>
#include <string_view>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/sqlite/email_invitations.h"
#include "ledd/store/sqlite/rows.h"
#include "ledd/store/sqlite/social.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::sqlite {
namespace {

// Runs `sql` with ?1 bound to `member` and hands each row to `read`, which returns a
// Status. A fresh statement each time: these reads run once per export.
template <typename Read>
absl::Status Rows(Db& db, std::string_view sql, MemberId member, Read read) {
  LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
  statement.Bind(1, member);
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return absl::OkStatus();
    LEDD_RETURN_IF_ERROR(read(statement));
  }
}

// The erasure of member ?1, in order: events and notifications that name the member's
// rows go while those rows can still be found, then the rows, children before parents
// (foreign keys). Every table keyed by members has its statement here; a new one is
// erased by adding its DELETE (before `members`).
constexpr std::array<std::string_view, 36> kErasure = {
    // The event log: each event names rows by id only, but which member connected,
    // followed, posted or read when is what the member asked to have forgotten.
    "DELETE FROM events WHERE kind IN ('member_added', 'member_updated', "
    "'saved_search_changed', 'notifications_read') AND a = ?1",
    "DELETE FROM events WHERE kind IN ('connection_added', 'connection_removed', "
    "'follow_added', 'follow_removed', 'block_changed') AND (a = ?1 OR b = ?1)",
    "DELETE FROM events WHERE kind = 'post_viewed' AND "
    "(b = ?1 OR a IN (SELECT id FROM posts WHERE author = ?1))",
    "DELETE FROM events WHERE kind = 'post_added' AND a IN (SELECT id FROM posts WHERE author = ?1)",
    "DELETE FROM events WHERE kind = 'comment_added' AND a IN (SELECT id FROM comments WHERE "
    "author = ?1 OR post_id IN (SELECT id FROM posts WHERE author = ?1))",
    "DELETE FROM events WHERE kind = 'invitation_changed' AND a IN "
    "(SELECT id FROM invitations WHERE from_member = ?1 OR to_member = ?1)",
    // Notifications the member got, and those others got about the member's rows.
    "DELETE FROM notifications WHERE member_id = ?1",
    "DELETE FROM notifications WHERE kind IN ('new_invitation', 'invitation_accepted') AND "
    "subject IN (SELECT id FROM invitations WHERE from_member = ?1 OR to_member = ?1)",
    "DELETE FROM notifications WHERE kind = 'new_post' AND "
    "subject IN (SELECT id FROM posts WHERE author = ?1)",
    "DELETE FROM notifications WHERE kind = 'new_comment' AND subject IN (SELECT id FROM "
    "comments WHERE author = ?1 OR post_id IN (SELECT id FROM posts WHERE author = ?1))",
    // Posts go with their comments and reads; the member's own comments and reads too.
    "DELETE FROM post_views WHERE viewer = ?1 OR "
    "post_id IN (SELECT id FROM posts WHERE author = ?1)",
    "DELETE FROM comments WHERE author = ?1 OR "
    "post_id IN (SELECT id FROM posts WHERE author = ?1)",
    "DELETE FROM posts WHERE author = ?1",
    // Email invitations the member sent, and those that carried their address to them
    // (before invitations: a claimed one names the invitation it became).
    "DELETE FROM email_invitations WHERE from_member = ?1 OR claimed_by = ?1 OR "
    "email = (SELECT email FROM accounts WHERE member = ?1) OR invitation_id IN "
    "(SELECT id FROM invitations WHERE from_member = ?1 OR to_member = ?1)",
    "DELETE FROM invitations WHERE from_member = ?1 OR to_member = ?1",
    "DELETE FROM connections WHERE a = ?1",
    "DELETE FROM connections WHERE b = ?1 AND a IN (SELECT a FROM connections_by_b WHERE b = ?1)",
    "DELETE FROM follows WHERE follower = ?1 OR followee = ?1",
    "DELETE FROM blocks WHERE blocker = ?1 OR blocked = ?1",
    "DELETE FROM saved_searches WHERE member = ?1",
    "DELETE FROM appearances WHERE member_id = ?1",
    "DELETE FROM photos WHERE member_id = ?1",
    "DELETE FROM positions WHERE member_id = ?1",
    "DELETE FROM educations WHERE member_id = ?1",
    // Moderation: reports they made or that were made about them (with their posts,
    // comments and invitations), and the audit of actions on them. The audit of what
    // others did keeps its rows, without the link to a report that is gone; an action
    // the member took as a moderator keeps their id, which no longer names anyone.
    "UPDATE moderation_audit SET report_id = NULL WHERE report_id IN "
    "(SELECT id FROM reports WHERE reporter = ?1 OR reported = ?1)",
    "DELETE FROM moderation_audit WHERE target = ?1",
    "DELETE FROM reports WHERE reporter = ?1 OR reported = ?1",
    // Mail: what is queued for or was sent to the member's address, their links,
    // switches, the subscriptions to their posts and theirs to others' (an address that
    // asked for no more invitation mail stays on mail_suppressions: that is its wish).
    "DELETE FROM outgoing_mail WHERE recipient = (SELECT email FROM accounts WHERE member = ?1)",
    "DELETE FROM post_subscriptions WHERE author = ?1 OR "
    "email = (SELECT email FROM accounts WHERE member = ?1)",
    "DELETE FROM email_settings WHERE member_id = ?1",
    "DELETE FROM account_tokens WHERE member_id = ?1",
    "DELETE FROM sessions WHERE member_id = ?1",
    "DELETE FROM accounts WHERE member = ?1",
    "DELETE FROM deletion_requests WHERE member = ?1",
    "DELETE FROM members WHERE id = ?1",
    // Only the id stays, so that it is never given to someone else.
    "INSERT INTO erased_members (id) VALUES (?1)",
};

absl::StatusOr<bool> MemberExists(Db& db, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare("SELECT 1 FROM members WHERE id = ?1"));
  statement.Bind(1, member);
  return statement.Step();
}

}  // namespace

absl::StatusOr<MemberData> LoadMemberData(Db& db, MemberId member) {
  MemberData data;
  {
    LEDD_ASSIGN_OR_RETURN(Statement statement,
                          db.Prepare(fmt::format("{} WHERE id = ?1", kSelectMembers)));
    statement.Bind(1, member);
    LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return absl::NotFoundError(fmt::format("member {} does not exist", member));
    LEDD_ASSIGN_OR_RETURN(data.member, ReadMember(statement));
  }
  LEDD_RETURN_IF_ERROR(Rows(db, "SELECT member, email, created_at FROM accounts WHERE member = ?1",
                            member, [&](const Statement& row) {
                              Account account;  // Without the password hash.
                              account.member = row.ColumnInt(0);
                              account.email = row.ColumnText(1);
                              account.created_at = row.ColumnInt(2);
                              data.account = std::move(account);
                              return absl::OkStatus();
                            }));
  LEDD_RETURN_IF_ERROR(Rows(
      db, fmt::format("{} WHERE member_id = ?1 ORDER BY id", kSelectPositions), member,
      [&](const Statement& row) {
        data.positions.push_back(ReadPosition(row));
        return absl::OkStatus();
      }));
  LEDD_RETURN_IF_ERROR(Rows(
      db, fmt::format("{} WHERE member_id = ?1 ORDER BY id", kSelectEducations), member,
      [&](const Statement& row) {
        data.educations.push_back(ReadEducation(row));
        return absl::OkStatus();
      }));
  LEDD_RETURN_IF_ERROR(Rows(
      db,
      fmt::format("{} WHERE id IN (SELECT organization_id FROM positions WHERE member_id = ?1 "
                  "UNION SELECT school_id FROM educations WHERE member_id = ?1) ORDER BY id",
                  kSelectOrganizations),
      member, [&](const Statement& row) -> absl::Status {
        LEDD_ASSIGN_OR_RETURN(Organization organization, ReadOrganization(row));
        data.organizations.push_back(std::move(organization));
        return absl::OkStatus();
      }));
  LEDD_RETURN_IF_ERROR(Rows(
      db,
      "SELECT a, b, created_at FROM connections WHERE a = ?1 OR b = ?1 AND a IN "
      "(SELECT a FROM connections_by_b WHERE b = ?1) ORDER BY a, b",
      member, [&](const Statement& row) {
        data.connections.push_back(
            {.a = row.ColumnInt(0), .b = row.ColumnInt(1), .created_at = row.ColumnInt(2)});
        return absl::OkStatus();
      }));
  LEDD_RETURN_IF_ERROR(Rows(
      db,
      fmt::format("{} WHERE from_member = ?1 OR to_member = ?1 ORDER BY id", kSelectInvitations),
      member, [&](const Statement& row) -> absl::Status {
        LEDD_ASSIGN_OR_RETURN(Invitation invitation, ReadInvitation(row));
        data.invitations.push_back(std::move(invitation));
        return absl::OkStatus();
      }));
  LEDD_ASSIGN_OR_RETURN(data.email_invitations, LoadEmailInvitations(db, member));
  std::reverse(data.email_invitations.begin(), data.email_invitations.end());
  LEDD_RETURN_IF_ERROR(Rows(db,
                            "SELECT follower, followee, created_at FROM follows WHERE "
                            "follower = ?1 OR followee = ?1 ORDER BY follower, followee",
                            member, [&](const Statement& row) {
                              data.follows.push_back({.follower = row.ColumnInt(0),
                                                      .followee = row.ColumnInt(1),
                                                      .created_at = row.ColumnInt(2)});
                              return absl::OkStatus();
                            }));
  LEDD_RETURN_IF_ERROR(Rows(
      db,
      "SELECT id, author, title, body, created_at, views, edited_at, removed_at FROM posts "
      "WHERE author = ?1 ORDER BY id",
      member, [&](const Statement& row) {
        data.posts.push_back({.id = row.ColumnInt(0),
                              .author = row.ColumnInt(1),
                              .title = row.ColumnText(2),
                              .body = row.ColumnText(3),
                              .created_at = row.ColumnInt(4),
                              .views = row.ColumnInt(5),
                              .edited_at = row.ColumnOptionalInt(6),
                              .removed_at = row.ColumnOptionalInt(7)});
        return absl::OkStatus();
      }));
  LEDD_RETURN_IF_ERROR(Rows(db,
                            "SELECT id, post_id, author, body, created_at, edited_at, "
                            "removed_at FROM comments WHERE author = ?1 ORDER BY id",
                            member, [&](const Statement& row) {
                              data.comments.push_back({.id = row.ColumnInt(0),
                                                       .post_id = row.ColumnInt(1),
                                                       .author = row.ColumnInt(2),
                                                       .body = row.ColumnText(3),
                                                       .created_at = row.ColumnInt(4),
                                                       .edited_at = row.ColumnOptionalInt(5),
                                                       .removed_at = row.ColumnOptionalInt(6)});
                              return absl::OkStatus();
                            }));
  LEDD_RETURN_IF_ERROR(Rows(
      db, "SELECT post_id, viewer, at FROM post_views WHERE viewer = ?1 ORDER BY post_id, at",
      member, [&](const Statement& row) {
        data.post_views.push_back(
            {.post_id = row.ColumnInt(0), .viewer = row.ColumnInt(1), .at = row.ColumnInt(2)});
        return absl::OkStatus();
      }));
  LEDD_RETURN_IF_ERROR(Rows(
      db, fmt::format("{} WHERE member = ?1 ORDER BY name", kSelectSavedSearches), member,
      [&](const Statement& row) {
        data.saved_searches.push_back(ReadSavedSearch(row));
        return absl::OkStatus();
      }));
  LEDD_ASSIGN_OR_RETURN(data.appearances, LoadAppearances(db, member));
  LEDD_RETURN_IF_ERROR(Rows(
      db, "SELECT blocker, blocked, created_at FROM blocks WHERE blocker = ?1 ORDER BY blocked",
      member, [&](const Statement& row) {
        data.blocks.push_back({.blocker = row.ColumnInt(0),
                               .blocked = row.ColumnInt(1),
                               .created_at = row.ColumnInt(2)});
        return absl::OkStatus();
      }));
  LEDD_ASSIGN_OR_RETURN(data.notifications,
                        LoadNotifications(db, member, {.unread_only = false, .limit = 1 << 30}));
  LEDD_RETURN_IF_ERROR(Rows(
      db, "SELECT large, small, updated_at FROM photos WHERE member_id = ?1", member,
      [&](const Statement& row) {
        data.photo = Photo{.member = member,
                           .large = row.ColumnBlob(0),
                           .small = row.ColumnBlob(1),
                           .updated_at = row.ColumnInt(2)};
        return absl::OkStatus();
      }));
  return data;
}

absl::StatusOr<DeletionRequest> RequestDeletionIn(Db& db, const DeletionRequest& request) {
  if (request.erase_at < request.requested_at) {
    return absl::InvalidArgumentError("the erasure cannot come before the request");
  }
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(db, request.member));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", request.member));
  LEDD_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare("INSERT OR REPLACE INTO deletion_requests (member, requested_at, erase_at) "
                 "VALUES (?1, ?2, ?3)"));
  statement.Bind(1, request.member).Bind(2, request.requested_at).Bind(3, request.erase_at);
  LEDD_RETURN_IF_ERROR(statement.Run());
  return request;
}

absl::StatusOr<DeletionRequest> LoadDeletionRequest(Db& db, MemberId member) {
  std::optional<DeletionRequest> found;
  LEDD_RETURN_IF_ERROR(Rows(
      db, "SELECT member, requested_at, erase_at FROM deletion_requests WHERE member = ?1", member,
      [&](const Statement& row) {
        found = ReadDeletionRequest(row);
        return absl::OkStatus();
      }));
  if (!found) {
    return absl::NotFoundError(
        fmt::format("member {} has not asked for their account to be deleted", member));
  }
  return *found;
}

absl::Status CancelDeletionIn(Db& db, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(Statement statement,
                        db.Prepare("DELETE FROM deletion_requests WHERE member = ?1"));
  statement.Bind(1, member);
  LEDD_RETURN_IF_ERROR(statement.Run());
  if (db.Changes() == 0) {
    return absl::NotFoundError(
        fmt::format("member {} has not asked for their account to be deleted", member));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<DeletionRequest>> LoadDueDeletions(Db& db, Timestamp now, int limit) {
  LEDD_ASSIGN_OR_RETURN(Statement statement,
                        db.Prepare("SELECT member, requested_at, erase_at FROM deletion_requests "
                                   "WHERE erase_at <= ?1 ORDER BY erase_at, member LIMIT ?2"));
  statement.Bind(1, now).Bind(2, int64_t{limit});
  std::vector<DeletionRequest> due;
  while (true) {
    LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return due;
    due.push_back(ReadDeletionRequest(statement));
  }
}

absl::StatusOr<EventId> EraseMemberIn(Db& db, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(db, member));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  for (std::string_view sql : kErasure) {
    LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
    statement.Bind(1, member);
    if (absl::Status status = statement.Run(); !status.ok()) {
      return Prefixed(fmt::format("erasing member {}", member), status);
    }
  }
  return AppendEvent(db, EventKind::kMemberErased, member);
}

}  // namespace ledd::store::sqlite
