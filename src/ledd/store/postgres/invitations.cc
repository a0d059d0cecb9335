// Invitations, photos, blocks and saved searches in PostgreSQL: the same rules, errors,
// events and notifications as the SQLite store (sqlite_store.cc). Every check a write
// depends on (one pending invitation per pair, the weekly limit, the kMaxConnections
// cap, blocks, reported pairs, the invitation's origin) reads inside the write's
// SERIALIZABLE transaction, so two writers in different processes cannot both pass a
// check that only one of them may: PostgreSQL aborts one, and Write runs it again on
// the state the other committed.

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/ids.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/store/postgres/core.h"
#include "ledd/store/postgres/moderation.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/social.h"
#include "ledd/store/postgres/store_impl.h"

namespace ledd::store::postgres {
namespace {

// A unique index refusing a row that the transaction's own check did not see: a writer
// that committed after this transaction's snapshot inserted it. Run the transaction
// again (Aborted), so that the check, seeing that row, answers as it would have.
absl::Status RetryIfTaken(absl::Status status) {
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AbortedError(
        fmt::format("a concurrent write took the row first: {}", MessageOf(status)));
  }
  return status;
}

// The first column of the first row of `sql` (a literal), or nullopt when there is no
// row or it is NULL.
absl::StatusOr<std::optional<int64_t>> OptionalInt(Conn& conn, const char* sql,
                                                   const Params& params) {
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql, params));
  if (result.empty()) return std::optional<int64_t>();
  return result.row(0).ColumnOptionalInt(0);
}

absl::Status CheckMembersExist(Conn& conn, std::initializer_list<MemberId> members) {
  for (MemberId member : members) {
    LEDD_ASSIGN_OR_RETURN(bool exists, MemberExists(conn, member));
    if (!exists) return absl::NotFoundError(fmt::format("member {} does not exist", member));
  }
  return absl::OkStatus();
}

absl::StatusOr<Invitation> LoadInvitation(Conn& conn, InvitationId id) {
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectInvitations);
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql.c_str(), Params().Bind(1, id)));
  if (result.empty()) return absl::NotFoundError(fmt::format("invitation {} does not exist", id));
  return ReadInvitation(result.row(0));
}

// The pair's pending invitation, if any (at most one: invitations_one_pending).
absl::StatusOr<std::optional<int64_t>> PendingBetween(Conn& conn, MemberId x, MemberId y) {
  static constexpr char kPending[] =
      "SELECT id FROM invitations WHERE LEAST(from_member, to_member) = $1 AND "
      "GREATEST(from_member, to_member) = $2 AND state = 'pending'";
  return OptionalInt(conn, kPending, Params().Bind(1, std::min(x, y)).Bind(2, std::max(x, y)));
}

// Guarded by the state read in the same transaction; the WHERE on the old state makes
// a lost update impossible even if a caller forgot that.
absl::Status SetInvitationState(Conn& conn, const Invitation& invitation, InvitationState state,
                                Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE invitations SET state = $2, updated_at = $3 WHERE id = $1 AND state = $4";
  LEDD_ASSIGN_OR_RETURN(Result result,
                        conn.ExecCached(kSql, Params()
                                                  .Bind(1, invitation.id)
                                                  .Bind(2, InvitationStateName(state))
                                                  .Bind(3, at)
                                                  .Bind(4, InvitationStateName(invitation.state))));
  if (result.affected() != 1) {
    return absl::InternalError(
        fmt::format("invitation {} changed state under a write transaction", invitation.id));
  }
  return absl::OkStatus();
}

absl::Status SetHasPhoto(Conn& conn, MemberId member, bool has_photo) {
  return conn
      .ExecCached("UPDATE members SET has_photo = $2 WHERE id = $1",
                  Params().Bind(1, member).Bind(2, int64_t{has_photo ? 1 : 0}))
      .status();
}

// The block rule of SendInvitation. The recipient's block is checked first and worded
// as a plain refusal, so the sender cannot tell it from their own side of the pair
// (store.h).
absl::Status CheckNotBlocked(Conn& conn, MemberId from, MemberId to) {
  LEDD_ASSIGN_OR_RETURN(bool blocked_by_recipient, BlockExists(conn, to, from));
  if (blocked_by_recipient) {
    return absl::FailedPreconditionError(
        fmt::format("member {} cannot be invited by member {}", to, from));
  }
  LEDD_ASSIGN_OR_RETURN(bool blocked_by_sender, BlockExists(conn, from, to));
  if (blocked_by_sender) {
    return absl::FailedPreconditionError(
        fmt::format("member {} has blocked member {}; unblock them to invite them", from, to));
  }
  return absl::OkStatus();
}

absl::Status CheckRoomForConnection(Conn& conn, MemberId member) {
  LEDD_ASSIGN_OR_RETURN(int64_t degree, Degree(conn, member));
  if (degree >= kMaxConnections) {
    return absl::FailedPreconditionError(fmt::format(
        "member {} already has {} connections, the most a member may have", member, degree));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> Connected(Conn& conn, MemberId x, MemberId y) {
  static constexpr char kPair[] = "SELECT 1 FROM connections WHERE a = $1 AND b = $2";
  return Exists(conn, kPair, Params().Bind(1, std::min(x, y)).Bind(2, std::max(x, y)));
}

// FailedPrecondition when `from` has sent `weekly_limit` invitations, of both kinds,
// in the kInvitationWeek up to `at` (as sqlite/email_invitations.h CheckWeeklyLimit).
// Every invitation sent counts, whatever became of it: withdrawing must not free the
// quota. An invitation a sign-up made of an email invitation is not a second sending:
// the email invitation counts, when it was sent.
absl::Status CheckWeeklyLimit(Conn& conn, MemberId from, Timestamp at, int weekly_limit) {
  static constexpr char kSentInWeek[] =
      "SELECT (SELECT count(*) FROM invitations WHERE from_member = $1 AND created_at > $2 "
      "AND created_at <= $3 AND id NOT IN (SELECT invitation_id FROM email_invitations "
      "WHERE from_member = $1 AND invitation_id IS NOT NULL)) + "
      "(SELECT count(*) FROM email_invitations WHERE from_member = $1 AND created_at > $2 "
      "AND created_at <= $3)";
  LEDD_ASSIGN_OR_RETURN(
      std::optional<int64_t> sent,
      OptionalInt(conn, kSentInWeek,
                  Params().Bind(1, from).Bind(2, at - kInvitationWeek).Bind(3, at)));
  if (sent.value_or(0) >= weekly_limit) {
    return absl::FailedPreconditionError(
        fmt::format("member {} cannot send more invitations now: weekly invitation limit "
                    "reached ({} in the last 7 days)",
                    from, sent.value_or(0)));
  }
  return absl::OkStatus();
}

// Accepts a pending invitation inside the caller's transaction: the state, then the
// connection (unless the pair is already connected), each with its event.
absl::StatusOr<InvitationWrite> Accept(Conn& conn, Invitation invitation, Timestamp at) {
  const MemberId a = std::min(invitation.from, invitation.to);
  const MemberId b = std::max(invitation.from, invitation.to);
  LEDD_ASSIGN_OR_RETURN(bool connected, Connected(conn, a, b));
  if (!connected) {
    LEDD_RETURN_IF_ERROR(CheckRoomForConnection(conn, invitation.to));
    LEDD_RETURN_IF_ERROR(CheckRoomForConnection(conn, invitation.from));
  }
  LEDD_RETURN_IF_ERROR(SetInvitationState(conn, invitation, InvitationState::kAccepted, at));
  invitation.state = InvitationState::kAccepted;
  InvitationWrite write;
  LEDD_ASSIGN_OR_RETURN(write.event,
                        AppendEvent(conn, EventKind::kInvitationChanged, invitation.id));
  if (!connected) {
    LEDD_RETURN_IF_ERROR(RetryIfTaken(
        conn.ExecCached(kInsertConnection, Params().Bind(1, a).Bind(2, b).Bind(3, at)).status()));
    LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(conn, EventKind::kConnectionAdded, a, b));
  }
  LEDD_RETURN_IF_ERROR(
      Notify(conn, invitation.from, NotificationKind::kInvitationAccepted, invitation.id, at));
  write.invitation = std::move(invitation);
  return write;
}

}  // namespace

absl::StatusOr<InvitationWrite> PostgresStore::SendInvitation(const InvitationRequest& request) {
  if (request.from == request.to) {
    return absl::InvalidArgumentError(fmt::format("member {} cannot invite itself", request.from));
  }
  Invitation proposed;
  proposed.note = request.note;
  LEDD_RETURN_IF_ERROR(ValidateInvitation(proposed));
  if (request.via.kind != InvitationVia::Kind::kNone && request.via.id <= 0) {
    return absl::InvalidArgumentError(
        fmt::format("invalid invitation origin id {}", request.via.id));
  }
  if (request.weekly_limit < 0) {
    return absl::InvalidArgumentError(
        fmt::format("negative weekly invitation limit {}", request.weekly_limit));
  }
  return Write<InvitationWrite>([&](Conn& conn) -> absl::StatusOr<InvitationWrite> {
    LEDD_RETURN_IF_ERROR(CheckMembersExist(conn, {request.from, request.to}));
    LEDD_RETURN_IF_ERROR(CheckNotSuspended(conn, request.from, request.at));
    LEDD_RETURN_IF_ERROR(CheckNotBlocked(conn, request.from, request.to));
    const MemberId a = std::min(request.from, request.to);
    const MemberId b = std::max(request.from, request.to);
    static constexpr char kReported[] =
        "SELECT id FROM invitations WHERE LEAST(from_member, to_member) = $1 AND "
        "GREATEST(from_member, to_member) = $2 AND state = 'reported' ORDER BY id LIMIT 1";
    LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> reported,
                          OptionalInt(conn, kReported, Params().Bind(1, a).Bind(2, b)));
    if (reported.has_value()) {
      return absl::FailedPreconditionError(
          fmt::format("members {} and {} cannot invite each other: invitation {} between "
                      "them was reported",
                      request.from, request.to, *reported));
    }
    LEDD_ASSIGN_OR_RETURN(bool connected, Connected(conn, a, b));
    if (connected) {
      return absl::AlreadyExistsError(
          fmt::format("members {} and {} are already connected", request.from, request.to));
    }
    LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> pending_id,
                          PendingBetween(conn, request.from, request.to));
    if (pending_id.has_value()) {
      LEDD_ASSIGN_OR_RETURN(Invitation pending, LoadInvitation(conn, *pending_id));
      if (pending.from == request.from) {
        return absl::AlreadyExistsError(
            fmt::format("a pending invitation between {} and {} already exists (invitation {})",
                        request.from, request.to, pending.id));
      }
      // They asked first: saying yes to them is what this member wants.
      return Accept(conn, std::move(pending), request.at);
    }
    // The sender's last ignored invitation to this recipient: it bars a re-invite for
    // kReinviteCooldown, and any such invitation means the new one does not notify.
    static constexpr char kIgnored[] =
        "SELECT updated_at FROM invitations WHERE from_member = $1 AND to_member = $2 "
        "AND state = 'ignored' ORDER BY updated_at DESC LIMIT 1";
    LEDD_ASSIGN_OR_RETURN(
        std::optional<int64_t> ignored_at,
        OptionalInt(conn, kIgnored, Params().Bind(1, request.from).Bind(2, request.to)));
    if (ignored_at.has_value() && request.at < *ignored_at + kReinviteCooldown) {
      return absl::FailedPreconditionError(
          fmt::format("member {} can invite member {} again on {}: an invitation between "
                      "them was answered on {}",
                      request.from, request.to, FormatDate(*ignored_at + kReinviteCooldown),
                      FormatDate(*ignored_at)));
    }
    LEDD_RETURN_IF_ERROR(CheckRoomForConnection(conn, request.from));
    LEDD_RETURN_IF_ERROR(CheckRoomForConnection(conn, request.to));
    // Invitations by email count too (email_invitations.h).
    LEDD_RETURN_IF_ERROR(CheckWeeklyLimit(conn, request.from, request.at, request.weekly_limit));
    LEDD_RETURN_IF_ERROR(CheckVia(conn, request));
    InvitationWrite write;
    write.invitation = Invitation{.id = 0,
                                  .from = request.from,
                                  .to = request.to,
                                  .note = request.note,
                                  .created_at = request.at,
                                  .state = InvitationState::kPending,
                                  .kind = "",
                                  .via = request.via};
    static constexpr char kInsert[] =
        "INSERT INTO invitations (from_member, to_member, note, created_at, state, kind, "
        "via_kind, via_id, updated_at) VALUES ($1, $2, $3, $4, 'pending', '', $5, $6, $4) "
        "RETURNING id";
    absl::StatusOr<Result> inserted =
        conn.ExecCached(kInsert, Params()
                                     .Bind(1, request.from)
                                     .Bind(2, request.to)
                                     .Bind(3, request.note)
                                     .Bind(4, request.at)
                                     .Bind(5, InvitationViaKindName(request.via.kind))
                                     .Bind(6, request.via.id));
    // A concurrent sender's pending invitation for the pair (invitations_one_pending).
    if (!inserted.ok()) return RetryIfTaken(inserted.status());
    write.invitation.id = inserted->row(0).ColumnInt(0);
    LEDD_ASSIGN_OR_RETURN(write.event,
                          AppendEvent(conn, EventKind::kInvitationChanged, write.invitation.id));
    if (!ignored_at.has_value()) {
      LEDD_RETURN_IF_ERROR(Notify(conn, request.to, NotificationKind::kNewInvitation,
                                  write.invitation.id, request.at));
    }
    return write;
  });
}

absl::StatusOr<InvitationWrite> PostgresStore::ChangeInvitation(InvitationId id,
                                                                InvitationState state,
                                                                Timestamp at) {
  if (state == InvitationState::kPending) {
    return absl::InvalidArgumentError(
        fmt::format("invitation {} cannot be made pending again", id));
  }
  return Write<InvitationWrite>([&](Conn& conn) -> absl::StatusOr<InvitationWrite> {
    LEDD_ASSIGN_OR_RETURN(Invitation invitation, LoadInvitation(conn, id));
    const bool allowed =
        invitation.state == InvitationState::kPending ||
        (state == InvitationState::kReported && invitation.state == InvitationState::kIgnored);
    if (!allowed) {
      return absl::FailedPreconditionError(fmt::format("invitation {} is {}, not pending", id,
                                                       InvitationStateName(invitation.state)));
    }
    if (state == InvitationState::kAccepted) return Accept(conn, std::move(invitation), at);
    LEDD_RETURN_IF_ERROR(SetInvitationState(conn, invitation, state, at));
    // "I don't know this person" goes to the moderators' queue.
    if (state == InvitationState::kReported) {
      LEDD_RETURN_IF_ERROR(FileInvitationReport(conn, invitation, at));
    }
    InvitationWrite write{.invitation = std::move(invitation)};
    write.invitation.state = state;
    LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(conn, EventKind::kInvitationChanged, id));
    return write;
  });
}

absl::StatusOr<InvitationWrite> PostgresStore::UndoReport(InvitationId id, Timestamp at) {
  return Write<InvitationWrite>([&](Conn& conn) -> absl::StatusOr<InvitationWrite> {
    LEDD_ASSIGN_OR_RETURN(Invitation invitation, LoadInvitation(conn, id));
    if (invitation.state != InvitationState::kReported) {
      return absl::FailedPreconditionError(fmt::format("invitation {} is {}, not reported", id,
                                                       InvitationStateName(invitation.state)));
    }
    static constexpr char kReportedAt[] = "SELECT updated_at FROM invitations WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> reported_at,
                          OptionalInt(conn, kReportedAt, Params().Bind(1, id)));
    if (at > reported_at.value_or(0) + kReportUndoWindow) {
      return absl::FailedPreconditionError(fmt::format(
          "invitation {} was reported more than {} minutes ago", id, kReportUndoWindow / 60));
    }
    LEDD_RETURN_IF_ERROR(SetInvitationState(conn, invitation, InvitationState::kIgnored, at));
    LEDD_RETURN_IF_ERROR(WithdrawInvitationReport(conn, id, at));
    InvitationWrite write{.invitation = std::move(invitation)};
    write.invitation.state = InvitationState::kIgnored;
    LEDD_ASSIGN_OR_RETURN(write.event, AppendEvent(conn, EventKind::kInvitationChanged, id));
    return write;
  });
}

absl::StatusOr<Invitation> PostgresStore::GetInvitation(InvitationId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  return LoadInvitation(reader.conn(), id);
}

absl::StatusOr<std::vector<Invitation>> PostgresStore::ListInvitations(
    MemberId member, const InvitationListOptions& options) {
  if (options.limit < 0) {
    return absl::InvalidArgumentError(fmt::format("negative limit {}", options.limit));
  }
  // `state = 'pending' DESC` puts pending first; the (to_member, state) and
  // (from_member, created_at) indexes narrow the scan to the member's rows.
  static const std::string received = fmt::format(
      "{} WHERE to_member = $1 AND ($2::text IS NULL OR state = $2::text) "
      "ORDER BY state = 'pending' DESC, created_at DESC, id DESC LIMIT $3",
      kSelectInvitations);
  static const std::string sent = fmt::format(
      "{} WHERE from_member = $1 AND ($2::text IS NULL OR state = $2::text) "
      "ORDER BY state = 'pending' DESC, created_at DESC, id DESC LIMIT $3",
      kSelectInvitations);
  const std::string& sql = options.box == InvitationBox::kReceived ? received : sent;
  Params params;
  params.Bind(1, member).Bind(3, int64_t{options.limit});
  if (options.state.has_value()) {
    params.Bind(2, InvitationStateName(*options.state));
  } else {
    params.BindNull(2);
  }
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, reader->ExecCached(sql.c_str(), params));
  return ReadAll<Invitation>(result, [](const Row& row) { return ReadInvitation(row); });
}

absl::StatusOr<SenderHistory> PostgresStore::GetSenderHistory(MemberId sender, Timestamp before,
                                                              InvitationId exclude) {
  static constexpr char kSql[] =
      "SELECT count(*) FILTER (WHERE created_at > $3), "
      "count(*) FILTER (WHERE state IN ('accepted', 'ignored', 'reported')), "
      "count(*) FILTER (WHERE state = 'accepted'), count(*) FILTER (WHERE state = 'reported') "
      "FROM invitations WHERE from_member = $1 AND created_at <= $2 AND id <> $4";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result,
                        reader->ExecCached(kSql, Params()
                                                     .Bind(1, sender)
                                                     .Bind(2, before)
                                                     .Bind(3, before - kInvitationWeek)
                                                     .Bind(4, exclude)));
  SenderHistory history;
  if (!result.empty()) {
    const Row row = result.row(0);
    history = SenderHistory{.sent_last_7_days = row.ColumnInt(0),
                            .answered = row.ColumnInt(1),
                            .accepted = row.ColumnInt(2),
                            .reports = row.ColumnInt(3)};
  }
  return history;
}

absl::StatusOr<EventId> PostgresStore::SetPhoto(const Photo& photo) {
  for (const std::string* jpeg : {&photo.large, &photo.small}) {
    if (jpeg->empty() || jpeg->size() > kMaxPhotoBytes) {
      return absl::InvalidArgumentError(fmt::format(
          "a photo must hold 1 to {} bytes per size, not {}", kMaxPhotoBytes, jpeg->size()));
    }
  }
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    LEDD_RETURN_IF_ERROR(CheckMembersExist(conn, {photo.member}));
    static constexpr char kUpsert[] =
        "INSERT INTO photos (member_id, large, small, updated_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (member_id) DO UPDATE SET large = excluded.large, "
        "small = excluded.small, updated_at = excluded.updated_at";
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kUpsert, Params()
                                                      .Bind(1, photo.member)
                                                      .BindBytes(2, photo.large)
                                                      .BindBytes(3, photo.small)
                                                      .Bind(4, photo.updated_at))
                             .status());
    LEDD_RETURN_IF_ERROR(SetHasPhoto(conn, photo.member, true));
    return AppendEvent(conn, EventKind::kMemberUpdated, photo.member);
  });
}

absl::StatusOr<PhotoBytes> PostgresStore::GetPhoto(MemberId member, PhotoSize size) {
  static constexpr char kLarge[] = "SELECT large, updated_at FROM photos WHERE member_id = $1";
  static constexpr char kSmall[] = "SELECT small, updated_at FROM photos WHERE member_id = $1";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(
      Result result,
      reader->ExecCached(size == PhotoSize::kLarge ? kLarge : kSmall, Params().Bind(1, member)));
  if (result.empty()) return absl::NotFoundError(fmt::format("member {} has no photo", member));
  return PhotoBytes{.jpeg = result.row(0).ColumnBlob(0), .updated_at = result.row(0).ColumnInt(1)};
}

absl::StatusOr<EventId> PostgresStore::DeletePhoto(MemberId member) {
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    static constexpr char kHasPhoto[] = "SELECT has_photo FROM members WHERE id = $1";
    LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> has_photo,
                          OptionalInt(conn, kHasPhoto, Params().Bind(1, member)));
    if (!has_photo) return absl::NotFoundError(fmt::format("member {} does not exist", member));
    LEDD_ASSIGN_OR_RETURN(Result removed, conn.ExecCached("DELETE FROM photos WHERE member_id = $1",
                                                          Params().Bind(1, member)));
    // An imported has_photo without a stored photo is a photo to delete too.
    if (removed.affected() == 0 && *has_photo == 0) {
      return absl::NotFoundError(fmt::format("member {} has no photo", member));
    }
    LEDD_RETURN_IF_ERROR(SetHasPhoto(conn, member, false));
    return AppendEvent(conn, EventKind::kMemberUpdated, member);
  });
}

absl::StatusOr<BlockWrite> PostgresStore::Block(MemberId blocker, MemberId blocked, Timestamp at) {
  if (blocker == blocked) {
    return absl::InvalidArgumentError(fmt::format("member {} cannot block itself", blocker));
  }
  return Write<BlockWrite>([&](Conn& conn) -> absl::StatusOr<BlockWrite> {
    LEDD_RETURN_IF_ERROR(CheckMembersExist(conn, {blocker, blocked}));
    LEDD_ASSIGN_OR_RETURN(bool already, BlockExists(conn, blocker, blocked));
    if (already) {
      return absl::AlreadyExistsError(
          fmt::format("member {} has already blocked member {}", blocker, blocked));
    }
    BlockWrite write{.block = {.blocker = blocker, .blocked = blocked, .created_at = at},
                     .resolved = {},
                     .event = 0};
    // At most one pending invitation per pair (invitations_one_pending).
    LEDD_ASSIGN_OR_RETURN(std::optional<int64_t> pending_id,
                          PendingBetween(conn, blocker, blocked));
    if (pending_id.has_value()) {
      LEDD_ASSIGN_OR_RETURN(Invitation pending, LoadInvitation(conn, *pending_id));
      // Ignored, not reported: a block is the blocker's own boundary, not an accusation,
      // so it must not count as a report against the sender in the advice others get.
      const InvitationState state =
          pending.from == blocked ? InvitationState::kIgnored : InvitationState::kWithdrawn;
      LEDD_RETURN_IF_ERROR(SetInvitationState(conn, pending, state, at));
      pending.state = state;
      LEDD_RETURN_IF_ERROR(AppendEvent(conn, EventKind::kInvitationChanged, pending.id).status());
      write.resolved.push_back(std::move(pending));
    }
    // A follow across the block ends with it, in either direction: the blocked member
    // must not be notified of the blocker's posts, nor the blocker keep them in a feed.
    for (auto [follower, followee] : {std::pair{blocker, blocked}, std::pair{blocked, blocker}}) {
      static constexpr char kUnfollow[] =
          "DELETE FROM follows WHERE follower = $1 AND followee = $2";
      LEDD_ASSIGN_OR_RETURN(
          Result unfollowed,
          conn.ExecCached(kUnfollow, Params().Bind(1, follower).Bind(2, followee)));
      if (unfollowed.affected() > 0) {
        LEDD_RETURN_IF_ERROR(
            AppendEvent(conn, EventKind::kFollowRemoved, follower, followee).status());
      }
    }
    static constexpr char kInsert[] =
        "INSERT INTO blocks (blocker, blocked, created_at) VALUES ($1, $2, $3)";
    // A concurrent block of the same pair: run again, to answer AlreadyExists above.
    LEDD_RETURN_IF_ERROR(RetryIfTaken(
        conn.ExecCached(kInsert, Params().Bind(1, blocker).Bind(2, blocked).Bind(3, at)).status()));
    LEDD_ASSIGN_OR_RETURN(write.event,
                          AppendEvent(conn, EventKind::kBlockChanged, blocker, blocked));
    return write;
  });
}

absl::StatusOr<EventId> PostgresStore::Unblock(MemberId blocker, MemberId blocked) {
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    static constexpr char kSql[] = "DELETE FROM blocks WHERE blocker = $1 AND blocked = $2";
    LEDD_ASSIGN_OR_RETURN(Result removed,
                          conn.ExecCached(kSql, Params().Bind(1, blocker).Bind(2, blocked)));
    if (removed.affected() == 0) {
      return absl::NotFoundError(
          fmt::format("member {} has not blocked member {}", blocker, blocked));
    }
    return AppendEvent(conn, EventKind::kBlockChanged, blocker, blocked);
  });
}

absl::StatusOr<bool> PostgresStore::IsBlocked(MemberId blocker, MemberId blocked) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  return BlockExists(reader.conn(), blocker, blocked);
}

absl::StatusOr<std::vector<MemberBlock>> PostgresStore::ListBlocked(MemberId blocker) {
  static constexpr char kSql[] =
      "SELECT blocker, blocked, created_at FROM blocks WHERE blocker = $1 ORDER BY blocked";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, reader->ExecCached(kSql, Params().Bind(1, blocker)));
  return ReadAll<MemberBlock>(result, [](const Row& row) {
    return MemberBlock{
        .blocker = row.ColumnInt(0), .blocked = row.ColumnInt(1), .created_at = row.ColumnInt(2)};
  });
}

absl::StatusOr<EventId> PostgresStore::SaveSearch(const SavedSearch& search) {
  if (search.name.empty()) {
    return absl::InvalidArgumentError(
        fmt::format("a saved search of member {} needs a name", search.member));
  }
  LEDD_RETURN_IF_ERROR(ValidateSavedSearch(search));
  if (search.filters == SavedSearchFilters{}) {
    // It would match everyone: the reach itself, which the advice already shows.
    return absl::InvalidArgumentError(
        fmt::format("saved search \"{}\" has no filter; give at least one of title, city, "
                    "country, company, school, field, industry or name",
                    search.name));
  }
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    LEDD_RETURN_IF_ERROR(CheckMembersExist(conn, {search.member}));
    // Counted in the write transaction, so concurrent saves cannot pass the cap.
    static constexpr char kOthers[] =
        "SELECT count(*) FROM saved_searches WHERE member = $1 AND name <> $2";
    LEDD_ASSIGN_OR_RETURN(
        std::optional<int64_t> others,
        OptionalInt(conn, kOthers, Params().Bind(1, search.member).Bind(2, search.name)));
    if (others.value_or(0) >= kMaxSavedSearches) {
      return absl::FailedPreconditionError(
          fmt::format("member {} already has {} saved searches, the most allowed; delete one "
                      "before saving \"{}\"",
                      search.member, kMaxSavedSearches, search.name));
    }
    Params params;
    BindSavedSearch(params, search);
    LEDD_RETURN_IF_ERROR(conn.ExecCached(kUpsertSavedSearch, params).status());
    return AppendEvent(conn, EventKind::kSavedSearchChanged, search.member);
  });
}

absl::StatusOr<EventId> PostgresStore::DeleteSavedSearch(MemberId member, const std::string& name) {
  return Write<EventId>([&](Conn& conn) -> absl::StatusOr<EventId> {
    static constexpr char kSql[] = "DELETE FROM saved_searches WHERE member = $1 AND name = $2";
    LEDD_ASSIGN_OR_RETURN(Result removed,
                          conn.ExecCached(kSql, Params().Bind(1, member).Bind(2, name)));
    if (removed.affected() == 0) {
      return absl::NotFoundError(fmt::format("member {} has no saved search \"{}\"", member, name));
    }
    return AppendEvent(conn, EventKind::kSavedSearchChanged, member);
  });
}

absl::StatusOr<std::vector<SavedSearch>> PostgresStore::ListSavedSearches(MemberId member) {
  static const std::string sql =
      fmt::format("{} WHERE member = $1 ORDER BY name COLLATE \"C\"", kSelectSavedSearches);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result, reader->ExecCached(sql.c_str(), Params().Bind(1, member)));
  return ReadAll<SavedSearch>(result, [](const Row& row) { return ReadSavedSearch(row); });
}

}  // namespace ledd::store::postgres
