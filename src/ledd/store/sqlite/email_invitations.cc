#include "ledd/store/sqlite/email_invitations.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/sqlite/mail.h"
#include "ledd/store/sqlite/notify.h"
#include "ledd/store/sqlite/rows.h"
#include "ledd/store/sqlite/social.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::sqlite {
namespace {

constexpr char kSelectColumns[] =
    "SELECT id, from_member, email, note, created_at, state, claimed_by, claimed_at, "
    "invitation_id, first_name, last_name, headline, city, country, industry "
    "FROM email_invitations";

// The one row a cached statement with its parameters bound selects; `absent` when none.
absl::StatusOr<EmailInvitation> ReadOne(Statement& statement, std::string_view absent) {
  absl::StatusOr<bool> row = statement.Step();
  if (!row.ok() || !*row) {
    statement.Reset();
    if (!row.ok()) return row.status();
    return absl::NotFoundError(std::string(absent));
  }
  absl::StatusOr<EmailInvitation> invitation = ReadEmailInvitation(statement);
  statement.Reset();  // Ends the implicit read transaction outside a write.
  return invitation;
}

// Whether `sql` (a literal with parameters ?1, ?2, ... bound to `params`) returns a row.
template <typename... Params>
absl::StatusOr<bool> RowExists(Db& db, const char* sql, Params... params) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
  int index = 0;
  (statement->Bind(++index, int64_t{params}), ...);
  absl::StatusOr<bool> row = statement->Step();
  statement->Reset();
  return row;
}

constexpr char kMemberExists[] = "SELECT 1 FROM members WHERE id = ?1";

// Whether `sender` may still invite `member` when a claim makes its email invitation
// an invitation: they are a member and no block stands between the two. (A new member
// has no connections, invitations or reports yet, so SendInvitation's other pair rules
// cannot refuse.)
absl::StatusOr<bool> MayStillInvite(Db& db, MemberId sender, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(bool exists, RowExists(db, kMemberExists, sender));
  if (!exists) return false;
  static constexpr char kBlock[] =
      "SELECT 1 FROM blocks WHERE (blocker = ?1 AND blocked = ?2) OR "
      "(blocker = ?2 AND blocked = ?1)";
  LEDD_ASSIGN_OR_RETURN(bool blocked, RowExists(db, kBlock, sender, member));
  return !blocked;
}

}  // namespace

absl::Status CheckWeeklyLimit(Db& db, MemberId from, Timestamp at, int weekly_limit) {
  // Every invitation sent counts, whatever became of it: withdrawing must not free the
  // quota, or the limit would not limit. An invitation a sign-up made of an email
  // invitation is not a second sending: the email invitation counts, when it was sent.
  static constexpr char kSentInWeek[] =
      "SELECT (SELECT count(*) FROM invitations WHERE from_member = ?1 AND created_at > ?2 "
      "AND created_at <= ?3 AND id NOT IN (SELECT invitation_id FROM email_invitations "
      "WHERE from_member = ?1 AND invitation_id IS NOT NULL)) + "
      "(SELECT count(*) FROM email_invitations WHERE from_member = ?1 AND created_at > ?2 "
      "AND created_at <= ?3)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSentInWeek));
  statement->Bind(1, from).Bind(2, at - kInvitationWeek).Bind(3, at);
  absl::StatusOr<bool> row = statement->Step();
  const int64_t sent = row.ok() && *row ? statement->ColumnInt(0) : 0;
  statement->Reset();
  if (!row.ok()) return row.status();
  if (sent >= weekly_limit) {
    return absl::FailedPreconditionError(
        fmt::format("member {} cannot send more invitations now: weekly invitation limit "
                    "reached ({} in the last 7 days)",
                    from, sent));
  }
  return absl::OkStatus();
}

absl::StatusOr<EmailInvitation> InsertEmailInvitation(Db& db,
                                                      const EmailInvitationRequest& request) {
  EmailInvitation invitation{.id = 0,
                             .from = request.from,
                             .email = FoldEmail(request.email),
                             .note = request.note,
                             .created_at = request.at,
                             .state = EmailInvitationState::kPending,
                             .claimed_by = std::nullopt,
                             .claimed_at = std::nullopt,
                             .invitation = std::nullopt,
                             .profile = request.profile};
  LEDD_RETURN_IF_ERROR(ValidateEmail(invitation.email));
  LEDD_RETURN_IF_ERROR(ValidateInvitedProfile(request.profile));
  if (request.mail.has_value()) LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(*request.mail));
  LEDD_RETURN_IF_ERROR(CheckText("note", invitation.note, kMaxInvitationNote, TextLines::kMulti));
  if (request.token_hash.empty()) {
    return absl::InvalidArgumentError("an email invitation needs the hash of its token");
  }
  if (request.weekly_limit < 0) {
    return absl::InvalidArgumentError(
        fmt::format("negative weekly invitation limit {}", request.weekly_limit));
  }
  LEDD_ASSIGN_OR_RETURN(bool exists, RowExists(db, kMemberExists, request.from));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", request.from));

  static constexpr char kAccount[] = "SELECT member FROM accounts WHERE email = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * account, db.Cached(kAccount));
  account->Bind(1, std::string_view(invitation.email));
  absl::StatusOr<bool> has_account = account->Step();
  const MemberId owner = has_account.ok() && *has_account ? account->ColumnInt(0) : 0;
  account->Reset();
  if (!has_account.ok()) return has_account.status();
  if (*has_account) {
    return absl::FailedPreconditionError(
        fmt::format("{} has an account (member {}): invite the member", invitation.email, owner));
  }

  static constexpr char kPending[] =
      "SELECT id FROM email_invitations WHERE from_member = ?1 AND email = ?2 AND "
      "state = 'pending'";
  LEDD_ASSIGN_OR_RETURN(Statement * pending, db.Cached(kPending));
  pending->Bind(1, request.from).Bind(2, std::string_view(invitation.email));
  absl::StatusOr<bool> has_pending = pending->Step();
  const EmailInvitationId pending_id =
      has_pending.ok() && *has_pending ? pending->ColumnInt(0) : 0;
  pending->Reset();
  if (!has_pending.ok()) return has_pending.status();
  if (*has_pending) {
    return absl::AlreadyExistsError(
        fmt::format("a pending email invitation from member {} to {} already exists (email "
                    "invitation {})",
                    request.from, invitation.email, pending_id));
  }
  LEDD_RETURN_IF_ERROR(CheckWeeklyLimit(db, request.from, request.at, request.weekly_limit));

  static constexpr char kInsert[] =
      "INSERT INTO email_invitations (from_member, email, note, token_hash, created_at, "
      "state, updated_at, first_name, last_name, headline, city, country, industry) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  LEDD_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsert));
  const InvitedProfile& profile = request.profile;
  insert->Bind(1, request.from)
      .Bind(2, std::string_view(invitation.email))
      .Bind(3, std::string_view(invitation.note))
      .BindBlob(4, request.token_hash)
      .Bind(5, request.at)
      .Bind(6, std::string_view(profile.first_name))
      .Bind(7, std::string_view(profile.last_name))
      .Bind(8, std::string_view(profile.headline))
      .Bind(9, std::string_view(profile.city))
      .Bind(10, std::string_view(profile.country))
      .Bind(11, std::string_view(profile.industry));
  LEDD_RETURN_IF_ERROR(insert->Run());
  invitation.id = db.LastInsertRowId();
  if (request.mail.has_value()) {
    // An address that asked for no more invitation mail gets none; the invitation
    // stands, and its link works if the sender passes it on.
    LEDD_ASSIGN_OR_RETURN(bool suppressed, IsSuppressed(db, invitation.email));
    if (!suppressed) LEDD_RETURN_IF_ERROR(InsertMail(db, *request.mail).status());
  }
  return invitation;
}

absl::StatusOr<EmailInvitation> LoadEmailInvitation(Db& db, EmailInvitationId id) {
  static const std::string sql = fmt::format("{} WHERE id = ?1", kSelectColumns);
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  statement->Bind(1, id);
  return ReadOne(*statement, fmt::format("email invitation {} does not exist", id));
}

absl::StatusOr<EmailInvitation> LoadEmailInvitationByToken(Db& db,
                                                           const std::string& token_hash) {
  static const std::string sql = fmt::format("{} WHERE token_hash = ?1", kSelectColumns);
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  statement->BindBlob(1, token_hash);
  return ReadOne(*statement, "no email invitation has that token");
}

absl::StatusOr<std::vector<EmailInvitation>> LoadEmailInvitations(Db& db, MemberId from) {
  static const std::string sql = fmt::format(
      "{} WHERE from_member = ?1 ORDER BY created_at DESC, id DESC", kSelectColumns);
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  statement->Bind(1, from);
  std::vector<EmailInvitation> invitations;
  while (true) {
    absl::StatusOr<bool> row = statement->Step();
    if (!row.ok() || !*row) {
      statement->Reset();
      if (!row.ok()) return row.status();
      return invitations;
    }
    absl::StatusOr<EmailInvitation> invitation = ReadEmailInvitation(*statement);
    if (!invitation.ok()) {
      statement->Reset();
      return invitation.status();
    }
    invitations.push_back(*std::move(invitation));
  }
}

absl::StatusOr<EmailInvitation> WithdrawEmailInvitationIn(Db& db, EmailInvitationId id,
                                                          Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(EmailInvitation invitation, LoadEmailInvitation(db, id));
  if (invitation.state != EmailInvitationState::kPending) {
    return absl::FailedPreconditionError(
        fmt::format("email invitation {} is {}, not pending", id,
                    EmailInvitationStateName(invitation.state)));
  }
  static constexpr char kSql[] =
      "UPDATE email_invitations SET state = 'withdrawn', updated_at = ?2 "
      "WHERE id = ?1 AND state = 'pending'";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, id).Bind(2, at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  invitation.state = EmailInvitationState::kWithdrawn;
  return invitation;
}

absl::Status ClaimEmailInvitations(Db& db, MemberId member, const std::string& email,
                                   const std::string& token_hash, Timestamp at) {
  // Oldest first: the invitations are then numbered as their email invitations were
  // sent, so the box (newest first; all were created now) keeps that order.
  static const std::string sql = fmt::format(
      "{} WHERE state = 'pending' AND (email = ?1 OR token_hash = ?2) "
      "ORDER BY created_at, id",
      kSelectColumns);
  std::vector<EmailInvitation> matched;
  {
    LEDD_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
    statement.Bind(1, std::string_view(email));
    if (token_hash.empty()) {
      statement.BindNull(2);  // Equal to nothing.
    } else {
      statement.BindBlob(2, token_hash);
    }
    while (true) {
      LEDD_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      LEDD_ASSIGN_OR_RETURN(EmailInvitation invitation, ReadEmailInvitation(statement));
      matched.push_back(std::move(invitation));
    }
  }
  // The invitation each sender's email invitations became in this claim.
  absl::flat_hash_map<MemberId, InvitationId> made;
  for (const EmailInvitation& email_invitation : matched) {
    std::optional<InvitationId> invitation_id;
    if (auto it = made.find(email_invitation.from); it != made.end()) {
      invitation_id = it->second;
      // The sender invited them again, at another address: the newer note is the one
      // to read.
      if (!email_invitation.note.empty()) {
        static constexpr char kNote[] = "UPDATE invitations SET note = ?2 WHERE id = ?1";
        LEDD_ASSIGN_OR_RETURN(Statement * note, db.Cached(kNote));
        note->Bind(1, *invitation_id).Bind(2, std::string_view(email_invitation.note));
        LEDD_RETURN_IF_ERROR(note->Run());
      }
    } else {
      LEDD_ASSIGN_OR_RETURN(bool may_invite, MayStillInvite(db, email_invitation.from, member));
      if (may_invite) {
        // What SendInvitation writes for a new invitation: the row, kInvitationChanged,
        // and the recipient's kNewInvitation.
        const Invitation invitation{.id = 0,
                                    .from = email_invitation.from,
                                    .to = member,
                                    .note = email_invitation.note,
                                    .created_at = at,
                                    .state = InvitationState::kPending,
                                    .kind = "",
                                    .via = {}};
        LEDD_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertInvitationWithVia));
        BindInvitation(*insert, invitation, /*via=*/true);
        insert->BindNull(1);
        LEDD_RETURN_IF_ERROR(insert->Run());
        invitation_id = db.LastInsertRowId();
        LEDD_RETURN_IF_ERROR(
            AppendEvent(db, EventKind::kInvitationChanged, *invitation_id).status());
        LEDD_RETURN_IF_ERROR(
            Notify(db, member, NotificationKind::kNewInvitation, *invitation_id, at));
        made.emplace(email_invitation.from, *invitation_id);
      }
    }
    static constexpr char kUpdate[] =
        "UPDATE email_invitations SET state = ?2, claimed_by = ?3, claimed_at = ?4, "
        "invitation_id = ?5, updated_at = ?4 WHERE id = ?1 AND state = 'pending'";
    LEDD_ASSIGN_OR_RETURN(Statement * update, db.Cached(kUpdate));
    update->Bind(1, email_invitation.id)
        .Bind(2, EmailInvitationStateName(invitation_id.has_value()
                                               ? EmailInvitationState::kAccepted
                                               : EmailInvitationState::kExpired))
        .Bind(3, member)
        .Bind(4, at)
        .Bind(5, invitation_id);
    LEDD_RETURN_IF_ERROR(update->Run());
    if (db.Changes() != 1) {
      return absl::InternalError(fmt::format(
          "email invitation {} changed state under a write transaction", email_invitation.id));
    }
  }
  return absl::OkStatus();
}

}  // namespace ledd::store::sqlite
