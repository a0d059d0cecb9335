#include "ledd/store/postgres/email_invitations.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/store/postgres/core.h"
#include "ledd/store/postgres/mail.h"
#include "ledd/store/postgres/moderation.h"
#include "ledd/store/postgres/notify.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/social.h"
#include "ledd/store/postgres/store_impl.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::postgres {
namespace {

constexpr char kSelectColumns[] =
    "SELECT id, from_member, email, note, created_at, state, claimed_by, claimed_at, "
    "invitation_id, first_name, last_name, headline, city, country, industry "
    "FROM email_invitations";

// The one row `sql` (a literal) selects with `params`; NotFound(`absent`) when none.
absl::StatusOr<EmailInvitation> ReadOne(Conn& conn, const char* sql, const Params& params,
                                        std::string_view absent) {
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql, params));
  if (result.empty()) return absl::NotFoundError(std::string(absent));
  return ReadEmailInvitation(result.row(0));
}

absl::StatusOr<EmailInvitation> LoadEmailInvitation(Conn& conn, EmailInvitationId id) {
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectColumns);
  Params params;
  params.Bind(1, id);
  return ReadOne(conn, sql.c_str(), params, fmt::format("email invitation {} does not exist", id));
}

// Whether `sender` may still invite `member` when a claim makes its email invitation
// an invitation: they are a member and no block stands between the two. (A new member
// has no connections, invitations or reports yet, so SendInvitation's other pair rules
// cannot refuse.)
absl::StatusOr<bool> MayStillInvite(Conn& conn, MemberId sender, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, sender));
  if (!exists) return false;
  static constexpr char kBlock[] =
      "SELECT 1 FROM blocks WHERE (blocker = $1 AND blocked = $2) OR "
      "(blocker = $2 AND blocked = $1)";
  Params params;
  params.Bind(1, sender).Bind(2, member);
  LEDD_ASSIGN_OR_RETURN(bool blocked, Exists(conn, kBlock, params));
  return !blocked;
}

// FailedPrecondition when `from` has sent `weekly_limit` invitations, of both kinds,
// in the kInvitationWeek up to `at` ("member 7 cannot send more invitations now:
// weekly invitation limit reached (100 in the last 7 days)"). An email invitation a
// sign-up claimed counts once, as the email invitation.
absl::Status CheckWeeklyLimit(Conn& conn, MemberId from, Timestamp at, int weekly_limit) {
  // Every invitation sent counts, whatever became of it: withdrawing must not free the
  // quota, or the limit would not limit. An invitation a sign-up made of an email
  // invitation is not a second sending: the email invitation counts, when it was sent.
  static constexpr char kSentInWeek[] =
      "SELECT (SELECT count(*) FROM invitations WHERE from_member = $1 AND created_at > $2 "
      "AND created_at <= $3 AND id NOT IN (SELECT invitation_id FROM email_invitations "
      "WHERE from_member = $1 AND invitation_id IS NOT NULL)) + "
      "(SELECT count(*) FROM email_invitations WHERE from_member = $1 AND created_at > $2 "
      "AND created_at <= $3)";
  Params params;
  params.Bind(1, from).Bind(2, at - kInvitationWeek).Bind(3, at);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSentInWeek, params));
  const int64_t sent = result.empty() ? 0 : result.row(0).ColumnInt(0);
  if (sent >= weekly_limit) {
    return absl::FailedPreconditionError(
        fmt::format("member {} cannot send more invitations now: weekly invitation limit "
                    "reached ({} in the last 7 days)",
                    from, sent));
  }
  return absl::OkStatus();
}

// Store::AddEmailInvitation (store.h has the checks and their order), inside the
// caller's transaction.
absl::StatusOr<EmailInvitation> InsertEmailInvitation(Conn& conn,
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
  LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, request.from));
  if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", request.from));

  {
    static constexpr char kAccount[] = "SELECT member FROM accounts WHERE email = $1";
    Params params;
    params.Bind(1, invitation.email);
    LEDD_ASSIGN_OR_RETURN(Result account, conn.ExecCached(kAccount, params));
    if (!account.empty()) {
      return absl::FailedPreconditionError(
          fmt::format("{} has an account (member {}): invite the member", invitation.email,
                      account.row(0).ColumnInt(0)));
    }
  }
  {
    static constexpr char kPending[] =
        "SELECT id FROM email_invitations WHERE from_member = $1 AND email = $2 AND "
        "state = 'pending'";
    Params params;
    params.Bind(1, request.from).Bind(2, invitation.email);
    LEDD_ASSIGN_OR_RETURN(Result pending, conn.ExecCached(kPending, params));
    if (!pending.empty()) {
      return absl::AlreadyExistsError(
          fmt::format("a pending email invitation from member {} to {} already exists (email "
                      "invitation {})",
                      request.from, invitation.email, pending.row(0).ColumnInt(0)));
    }
  }
  LEDD_RETURN_IF_ERROR(CheckWeeklyLimit(conn, request.from, request.at, request.weekly_limit));
  {
    // A token is random: one already stored is the caller's mistake, not a race.
    static constexpr char kToken[] = "SELECT 1 FROM email_invitations WHERE token_hash = $1";
    Params params;
    params.BindBytes(1, request.token_hash);
    LEDD_ASSIGN_OR_RETURN(bool taken, Exists(conn, kToken, params));
    if (taken) return absl::AlreadyExistsError("an email invitation has that token already");
  }

  static constexpr char kInsert[] =
      "INSERT INTO email_invitations (from_member, email, note, token_hash, created_at, "
      "state, updated_at, first_name, last_name, headline, city, country, industry) "
      "VALUES ($1, $2, $3, $4, $5, 'pending', $5, $6, $7, $8, $9, $10, $11) RETURNING id";
  const InvitedProfile& profile = request.profile;
  Params insert;
  insert.Bind(1, request.from)
      .Bind(2, invitation.email)
      .Bind(3, invitation.note)
      .BindBytes(4, request.token_hash)
      .Bind(5, request.at)
      .Bind(6, profile.first_name)
      .Bind(7, profile.last_name)
      .Bind(8, profile.headline)
      .Bind(9, profile.city)
      .Bind(10, profile.country)
      .Bind(11, profile.industry);
  absl::StatusOr<Result> inserted = conn.ExecCached(kInsert, insert);
  if (!inserted.ok()) {
    // The checks above found the pair free: a concurrent writer took it since. Run the
    // transaction again, so that the check words the refusal.
    if (inserted.status().code() == absl::StatusCode::kAlreadyExists) {
      return absl::AbortedError(inserted.status().message());
    }
    return inserted.status();
  }
  invitation.id = inserted->row(0).ColumnInt(0);
  if (request.mail.has_value()) {
    // An address that asked for no more invitation mail gets none; the invitation
    // stands, and its link works if the sender passes it on.
    LEDD_ASSIGN_OR_RETURN(bool suppressed, IsSuppressed(conn, invitation.email));
    if (!suppressed) LEDD_RETURN_IF_ERROR(InsertMail(conn, *request.mail).status());
  }
  return invitation;
}

}  // namespace

absl::StatusOr<EmailInvitation> LoadEmailInvitationByToken(Conn& conn,
                                                           const std::string& token_hash) {
  static const std::string sql = fmt::format("{} WHERE token_hash = $1", kSelectColumns);
  Params params;
  params.BindBytes(1, token_hash);
  return ReadOne(conn, sql.c_str(), params, "no email invitation has that token");
}

absl::StatusOr<std::vector<EmailInvitation>> LoadEmailInvitations(Conn& conn, MemberId from) {
  static const std::string sql =
      fmt::format("{} WHERE from_member = $1 ORDER BY created_at DESC, id DESC", kSelectColumns);
  Params params;
  params.Bind(1, from);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), params));
  return ReadAll<EmailInvitation>(result, ReadEmailInvitation<Row>);
}

absl::Status ClaimEmailInvitations(Conn& conn, MemberId member, const std::string& email,
                                   const std::string& token_hash, Timestamp at) {
  // Oldest first: the invitations are then numbered as their email invitations were
  // sent, so the box (newest first; all were created now) keeps that order.
  static const std::string sql = fmt::format(
      "{} WHERE state = 'pending' AND (email = $1 OR token_hash = $2) "
      "ORDER BY created_at, id",
      kSelectColumns);
  Params select;
  select.Bind(1, email);
  if (token_hash.empty()) {
    select.BindNull(2);  // Equal to nothing.
  } else {
    select.BindBytes(2, token_hash);
  }
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), select));
  LEDD_ASSIGN_OR_RETURN(std::vector<EmailInvitation> matched,
                        ReadAll<EmailInvitation>(result, ReadEmailInvitation<Row>));
  // The invitation each sender's email invitations became in this claim.
  absl::flat_hash_map<MemberId, InvitationId> made;
  for (const EmailInvitation& email_invitation : matched) {
    std::optional<InvitationId> invitation_id;
    if (auto it = made.find(email_invitation.from); it != made.end()) {
      invitation_id = it->second;
      // The sender invited them again, at another address: the newer note is the one
      // to read.
      if (!email_invitation.note.empty()) {
        static constexpr char kNote[] = "UPDATE invitations SET note = $2 WHERE id = $1";
        Params note;
        note.Bind(1, *invitation_id).Bind(2, email_invitation.note);
        LEDD_RETURN_IF_ERROR(conn.ExecCached(kNote, note).status());
      }
    } else {
      LEDD_ASSIGN_OR_RETURN(bool may_invite, MayStillInvite(conn, email_invitation.from, member));
      if (may_invite) {
        // What SendInvitation writes for a new invitation: the row, kInvitationChanged,
        // and the recipient's kNewInvitation.
        static constexpr char kInsert[] =
            "INSERT INTO invitations (from_member, to_member, note, created_at, state, kind, "
            "via_kind, via_id, updated_at) VALUES ($1, $2, $3, $4, 'pending', '', '', 0, $4) "
            "RETURNING id";
        Params insert;
        insert.Bind(1, email_invitation.from)
            .Bind(2, member)
            .Bind(3, email_invitation.note)
            .Bind(4, at);
        LEDD_ASSIGN_OR_RETURN(Result inserted, conn.ExecCached(kInsert, insert));
        invitation_id = inserted.row(0).ColumnInt(0);
        LEDD_RETURN_IF_ERROR(
            AppendEvent(conn, EventKind::kInvitationChanged, *invitation_id).status());
        LEDD_RETURN_IF_ERROR(
            Notify(conn, member, NotificationKind::kNewInvitation, *invitation_id, at));
        made.emplace(email_invitation.from, *invitation_id);
      }
    }
    static constexpr char kUpdate[] =
        "UPDATE email_invitations SET state = $2, claimed_by = $3, claimed_at = $4, "
        "invitation_id = $5, updated_at = $4 WHERE id = $1 AND state = 'pending'";
    Params update;
    update.Bind(1, email_invitation.id)
        .Bind(2,
              EmailInvitationStateName(invitation_id.has_value() ? EmailInvitationState::kAccepted
                                                                 : EmailInvitationState::kExpired))
        .Bind(3, member)
        .Bind(4, at)
        .Bind(5, invitation_id);
    LEDD_ASSIGN_OR_RETURN(Result updated, conn.ExecCached(kUpdate, update));
    if (updated.affected() != 1) {
      return absl::InternalError(fmt::format(
          "email invitation {} changed state under a write transaction", email_invitation.id));
    }
  }
  return absl::OkStatus();
}

// ---- Store methods ----

absl::StatusOr<EmailInvitation> PostgresStore::AddEmailInvitation(
    const EmailInvitationRequest& request) {
  return Write<EmailInvitation>([&](Conn& conn) -> absl::StatusOr<EmailInvitation> {
    LEDD_RETURN_IF_ERROR(CheckNotSuspended(conn, request.from, request.at));
    return InsertEmailInvitation(conn, request);
  });
}

absl::StatusOr<EmailInvitation> PostgresStore::GetEmailInvitation(EmailInvitationId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadEmailInvitation(lease.conn(), id);
}

absl::StatusOr<EmailInvitation> PostgresStore::GetEmailInvitationByToken(
    const std::string& token_hash) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadEmailInvitationByToken(lease.conn(), token_hash);
}

absl::StatusOr<std::vector<EmailInvitation>> PostgresStore::ListEmailInvitations(MemberId from) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadEmailInvitations(lease.conn(), from);
}

absl::StatusOr<EmailInvitation> PostgresStore::WithdrawEmailInvitation(EmailInvitationId id,
                                                                       Timestamp at) {
  return Write<EmailInvitation>([&](Conn& conn) -> absl::StatusOr<EmailInvitation> {
    LEDD_ASSIGN_OR_RETURN(EmailInvitation invitation, LoadEmailInvitation(conn, id));
    if (invitation.state != EmailInvitationState::kPending) {
      return absl::FailedPreconditionError(fmt::format("email invitation {} is {}, not pending", id,
                                                       EmailInvitationStateName(invitation.state)));
    }
    static constexpr char kSql[] =
        "UPDATE email_invitations SET state = 'withdrawn', updated_at = $2 "
        "WHERE id = $1 AND state = 'pending'";
    Params params;
    params.Bind(1, id).Bind(2, at);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kSql, params).status());
    invitation.state = EmailInvitationState::kWithdrawn;
    return invitation;
  });
}

absl::StatusOr<std::vector<EmailInvitation>> PostgresStore::AddEmailInvitations(
    const std::vector<EmailInvitationRequest>& requests) {
  return Write<std::vector<EmailInvitation>>(
      [&](Conn& conn) -> absl::StatusOr<std::vector<EmailInvitation>> {
        std::vector<EmailInvitation> written;
        for (size_t i = 0; i < requests.size(); ++i) {
          absl::StatusOr<EmailInvitation> invitation = InsertEmailInvitation(conn, requests[i]);
          if (!invitation.ok()) {
            // A conflict keeps its code (Aborted: the whole batch runs again).
            return absl::Status(
                invitation.status().code(),
                fmt::format("invitations[{}]: {}", i, MessageOf(invitation.status())));
          }
          written.push_back(*std::move(invitation));
        }
        return written;
      });
}

}  // namespace ledd::store::postgres
