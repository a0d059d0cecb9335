// Reports, moderators' actions and their audit, and the reads the moderators' pages make,
// in PostgreSQL: the same rules, errors and notifications as sqlite/moderation.cc. Each
// write is one SERIALIZABLE transaction (store_impl.h Write); the report or account it
// checks is read inside it.

#include "ledd/store/postgres/moderation.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/store/postgres/rows.h"
#include "ledd/store/postgres/social.h"
#include "ledd/store/postgres/store_impl.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::postgres {
namespace {

constexpr Timestamp kDay = 24 * 3600;

// A unique index refusing a row the transaction's own check did not see (a concurrent
// writer committed it): run the transaction again, so the check answers.
absl::Status RetryIfTaken(absl::Status status) {
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AbortedError(
        fmt::format("a concurrent write took the row first: {}", MessageOf(status)));
  }
  return status;
}

// The one row of `sql` (a literal), read by `read`; NotFound(absent) when there is none.
template <typename Record, typename Read>
absl::StatusOr<Record> ReadOne(Conn& conn, const char* sql, const Params& params,
                               const std::string& absent, Read read) {
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(sql, params));
  if (result.empty()) return absl::NotFoundError(absent);
  return read(result.row(0));
}

absl::Status Run(Conn& conn, const char* sql, const Params& params) {
  return conn.ExecCached(sql, params).status();
}

constexpr char kSelectReport[] =
    "SELECT id, reporter, subject_kind, subject_id, reported, reason, text, created_at, state, "
    "resolved_at, resolved_by FROM reports";

constexpr char kSelectAudit[] =
    "SELECT id, moderator, action, target, report_id, subject, reason, days, detail, created_at "
    "FROM moderation_audit";

absl::StatusOr<Report> LoadReport(Conn& conn, ReportId id) {
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectReport);
  return ReadOne<Report>(conn, sql.c_str(), Params().Bind(1, id),
                         fmt::format("report {} does not exist", id), ReadReport<Row>);
}

// What a report needs of its subject: its author and when a moderator removed it.
struct Reportable {
  MemberId author = 0;
  std::optional<Timestamp> removed_at;
};

// A post or comment that is not deleted (sqlite/social.cc LoadPost, LoadComment):
// NotFound ("post 7 does not exist") otherwise.
absl::StatusOr<Reportable> LoadReportable(Conn& conn, ReportSubject subject, int64_t id) {
  static constexpr char kPost[] =
      "SELECT author, removed_at FROM posts WHERE id = $1 AND deleted_at IS NULL";
  static constexpr char kComment[] =
      "SELECT author, removed_at FROM comments WHERE id = $1 AND deleted_at IS NULL";
  const bool post = subject == ReportSubject::kPost;
  return ReadOne<Reportable>(conn, post ? kPost : kComment, Params().Bind(1, id),
                             fmt::format("{} {} does not exist", post ? "post" : "comment", id),
                             [](const Row& row) -> absl::StatusOr<Reportable> {
                               return Reportable{.author = row.ColumnInt(0),
                                                 .removed_at = row.ColumnOptionalInt(1)};
                             });
}

struct Standing {
  Role role = Role::kMember;
  std::optional<Timestamp> suspended_until;
};

absl::StatusOr<Standing> LoadStanding(Conn& conn, MemberId member) {
  static constexpr char kSql[] = "SELECT role, suspended_until FROM accounts WHERE member = $1";
  return ReadOne<Standing>(
      conn, kSql, Params().Bind(1, member), fmt::format("member {} has no account", member),
      [](const Row& row) -> absl::StatusOr<Standing> {
        LEDD_ASSIGN_OR_RETURN(Role role, ParseRole(row.ColumnText(0)));
        return Standing{.role = role, .suspended_until = row.ColumnOptionalInt(1)};
      });
}

absl::Status CheckReason(const ModerationRequest& request) {
  // Dismissing, lifting and setting a role need no reason; the rest must say why.
  const bool required = request.action != ModerationAction::kDismiss &&
                        request.action != ModerationAction::kLift &&
                        request.action != ModerationAction::kRole;
  if (required && request.reason.empty()) {
    return absl::InvalidArgumentError(
        fmt::format("a reason is required to {}", ModerationActionName(request.action)));
  }
  return CheckText("reason", request.reason, kMaxModerationReason, TextLines::kMulti);
}

absl::StatusOr<ModerationWrite> ModerateIn(Conn& conn, const ModerationRequest& request) {
  using enum ModerationAction;
  const ModerationAction action = request.action;
  const std::string_view name = ModerationActionName(action);
  ModerationWrite write;
  MemberId target = request.member;
  if (request.report.has_value()) {
    if (action == kLift || action == kRole) {
      return absl::InvalidArgumentError(fmt::format("\"{}\" acts on a member, not a report", name));
    }
    LEDD_ASSIGN_OR_RETURN(Report report, LoadReport(conn, *request.report));
    if (report.state != ReportState::kOpen) {
      return absl::FailedPreconditionError(
          fmt::format("report {} is {}, not open", report.id, ReportStateName(report.state)));
    }
    target = report.reported;
    write.report = std::move(report);
  } else if (action == kDismiss || action == kWarn || action == kRemove) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" acts on a report", name));
  }
  LEDD_ASSIGN_OR_RETURN(Standing standing, LoadStanding(conn, target));
  if (request.moderator != 0 && request.moderator == target) {
    return absl::FailedPreconditionError("moderators cannot act on themselves");
  }
  AuditEntry& entry = write.entry;
  entry = AuditEntry{.moderator = request.moderator,
                     .action = action,
                     .target = target,
                     .reason = request.reason,
                     .created_at = request.at};
  if (write.report.has_value()) {
    entry.report = write.report->id;
    entry.subject =
        fmt::format("{}:{}", ReportSubjectName(write.report->subject), write.report->subject_id);
  }

  switch (action) {
    case kDismiss:
    case kWarn:
      break;
    case kSuspend: {
      if (request.days < 1 || request.days > Store::kMaxSuspensionDays) {
        return absl::InvalidArgumentError(
            fmt::format("\"days\" must be between 1 and {}", Store::kMaxSuspensionDays));
      }
      entry.days = request.days;
      static constexpr char kSuspend[] =
          "UPDATE accounts SET suspended_until = $2, suspension_reason = $3 WHERE member = $1";
      LEDD_RETURN_IF_ERROR(Run(conn, kSuspend,
                               Params()
                                   .Bind(1, target)
                                   .Bind(2, request.at + request.days * kDay)
                                   .Bind(3, request.reason)));
      // Their sessions end now: signing in again is refused while suspended.
      static constexpr char kRevoke[] =
          "UPDATE sessions SET revoked_at = $2 WHERE member_id = $1 AND revoked_at IS NULL";
      LEDD_RETURN_IF_ERROR(Run(conn, kRevoke, Params().Bind(1, target).Bind(2, request.at)));
      break;
    }
    case kRemove: {
      const Report& report = *write.report;
      if (report.subject == ReportSubject::kInvitation) {
        return absl::InvalidArgumentError("an invitation has no content to remove");
      }
      static constexpr char kPost[] =
          "UPDATE posts SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL";
      static constexpr char kComment[] =
          "UPDATE comments SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL";
      LEDD_RETURN_IF_ERROR(Run(conn, report.subject == ReportSubject::kPost ? kPost : kComment,
                               Params().Bind(1, report.subject_id).Bind(2, request.at)));
      break;
    }
    case kLift: {
      if (!standing.suspended_until.has_value() || *standing.suspended_until <= request.at) {
        return absl::FailedPreconditionError(fmt::format("member {} is not suspended", target));
      }
      static constexpr char kLiftSql[] =
          "UPDATE accounts SET suspended_until = NULL, suspension_reason = '' WHERE member = $1";
      LEDD_RETURN_IF_ERROR(Run(conn, kLiftSql, Params().Bind(1, target)));
      break;
    }
    case kRole: {
      entry.detail = std::string(RoleName(request.role));
      static constexpr char kRoleSql[] = "UPDATE accounts SET role = $2 WHERE member = $1";
      LEDD_RETURN_IF_ERROR(
          Run(conn, kRoleSql, Params().Bind(1, target).Bind(2, RoleName(request.role))));
      break;
    }
  }

  static constexpr char kAudit[] =
      "INSERT INTO moderation_audit (moderator, action, target, report_id, subject, reason, "
      "days, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
  Params audit;
  if (entry.moderator == 0) {
    audit.BindNull(1);
  } else {
    audit.Bind(1, entry.moderator);
  }
  audit.Bind(2, name)
      .Bind(3, entry.target)
      .Bind(4, entry.report)
      .Bind(5, entry.subject)
      .Bind(6, entry.reason)
      .Bind(7, entry.days)
      .Bind(8, entry.detail)
      .Bind(9, entry.created_at);
  LEDD_ASSIGN_OR_RETURN(Result inserted, conn.ExecCached(kAudit, audit));
  entry.id = inserted.row(0).ColumnInt(0);

  if (action == kWarn) {
    LEDD_RETURN_IF_ERROR(Notify(conn, target, NotificationKind::kWarning, entry.id, request.at));
  }
  if (write.report.has_value()) {
    Report& report = *write.report;
    report.state = action == kDismiss ? ReportState::kDismissed : ReportState::kActioned;
    report.resolved_at = request.at;
    report.resolved_by = request.moderator;
    // Removing the content settles every open report of it, not only this one.
    static constexpr char kResolveOne[] =
        "UPDATE reports SET state = $2, resolved_at = $3, resolved_by = $4 WHERE id = $1";
    static constexpr char kResolveSubject[] =
        "UPDATE reports SET state = $2, resolved_at = $3, resolved_by = $4 "
        "WHERE state = 'open' AND subject_kind = (SELECT subject_kind FROM reports WHERE id = $1) "
        "AND subject_id = (SELECT subject_id FROM reports WHERE id = $1)";
    LEDD_RETURN_IF_ERROR(Run(conn, action == kRemove ? kResolveSubject : kResolveOne,
                             Params()
                                 .Bind(1, report.id)
                                 .Bind(2, ReportStateName(report.state))
                                 .Bind(3, request.at)
                                 .Bind(4, request.moderator)));
  }
  return write;
}

}  // namespace

absl::Status CheckNotSuspended(Conn& conn, MemberId member, Timestamp at) {
  static constexpr char kSql[] =
      "SELECT suspended_until FROM accounts WHERE member = $1 AND suspended_until > $2";
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, member).Bind(2, at)));
  if (result.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(fmt::format("member {} is suspended until {}", member,
                                                   FormatDate(result.row(0).ColumnInt(0))));
}

absl::Status FileInvitationReport(Conn& conn, const Invitation& invitation, Timestamp at) {
  static constexpr char kSql[] =
      "INSERT INTO reports (reporter, subject_kind, subject_id, reported, reason, created_at) "
      "VALUES ($1, 'invitation', $2, $3, 'unknown_person', $4) ON CONFLICT DO NOTHING";
  return Run(
      conn, kSql,
      Params().Bind(1, invitation.to).Bind(2, invitation.id).Bind(3, invitation.from).Bind(4, at));
}

absl::Status WithdrawInvitationReport(Conn& conn, InvitationId id, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE reports SET state = 'withdrawn', resolved_at = $2 "
      "WHERE subject_kind = 'invitation' AND subject_id = $1 AND state = 'open'";
  return Run(conn, kSql, Params().Bind(1, id).Bind(2, at));
}

absl::StatusOr<Report> PostgresStore::AddReport(const ReportRequest& request) {
  if (request.subject == ReportSubject::kInvitation) {
    return absl::InvalidArgumentError("invitations are reported from the received invitations");
  }
  if (request.reason == ReportReason::kUnknownPerson) {
    return absl::InvalidArgumentError("\"unknown_person\" is a reason for invitations only");
  }
  LEDD_RETURN_IF_ERROR(CheckText("report text", request.text, kMaxReportText, TextLines::kMulti));
  const std::string_view kind = ReportSubjectName(request.subject);
  return Write<Report>([&](Conn& conn) -> absl::StatusOr<Report> {
    LEDD_ASSIGN_OR_RETURN(Reportable subject,
                          LoadReportable(conn, request.subject, request.subject_id));
    LEDD_ASSIGN_OR_RETURN(bool hidden, HiddenFrom(conn, subject.author, subject.removed_at,
                                                  {.viewer = request.reporter, .now = request.at}));
    if (hidden) {
      return absl::NotFoundError(fmt::format("{} {} does not exist", kind, request.subject_id));
    }
    if (subject.author == request.reporter) {
      return absl::FailedPreconditionError(fmt::format("you cannot report your own {}", kind));
    }
    static constexpr char kOpen[] =
        "SELECT 1 FROM reports WHERE reporter = $1 AND subject_kind = $2 AND subject_id = $3 "
        "AND state = 'open'";
    LEDD_ASSIGN_OR_RETURN(
        bool open,
        Exists(conn, kOpen,
               Params().Bind(1, request.reporter).Bind(2, kind).Bind(3, request.subject_id)));
    if (open) {
      return absl::AlreadyExistsError(
          fmt::format("{} {} is already reported by you", kind, request.subject_id));
    }
    static constexpr char kInsert[] =
        "INSERT INTO reports (reporter, subject_kind, subject_id, reported, reason, text, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    absl::StatusOr<Result> inserted =
        conn.ExecCached(kInsert, Params()
                                     .Bind(1, request.reporter)
                                     .Bind(2, kind)
                                     .Bind(3, request.subject_id)
                                     .Bind(4, subject.author)
                                     .Bind(5, ReportReasonName(request.reason))
                                     .Bind(6, request.text)
                                     .Bind(7, request.at));
    // The same reporter's concurrent report (reports_open_once): answer as above.
    if (!inserted.ok()) return RetryIfTaken(inserted.status());
    return Report{.id = inserted->row(0).ColumnInt(0),
                  .reporter = request.reporter,
                  .subject = request.subject,
                  .subject_id = request.subject_id,
                  .reported = subject.author,
                  .reason = request.reason,
                  .text = request.text,
                  .created_at = request.at};
  });
}

absl::StatusOr<Report> PostgresStore::GetReport(ReportId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  return LoadReport(reader.conn(), id);
}

absl::StatusOr<std::vector<Report>> PostgresStore::ListReports(const ReportListOptions& options) {
  if (options.limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  static const std::string sql = fmt::format(
      "{} WHERE $1::text = '' OR state = $1::text ORDER BY created_at, id LIMIT $2", kSelectReport);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(
      Result result,
      reader->ExecCached(sql.c_str(), Params()
                                          .Bind(1, options.state ? ReportStateName(*options.state)
                                                                 : std::string_view())
                                          .Bind(2, int64_t{options.limit})));
  return ReadAll<Report>(result, ReadReport<Row>);
}

absl::StatusOr<InvitationsSent> PostgresStore::CountInvitationsSent(MemberId member,
                                                                    Timestamp since) {
  static constexpr char kSql[] =
      "SELECT count(*), count(*) FILTER (WHERE state = 'accepted'), "
      "count(*) FILTER (WHERE state = 'ignored'), count(*) FILTER (WHERE state = 'reported'), "
      "count(*) FILTER (WHERE state = 'pending') "
      "FROM invitations WHERE from_member = $1 AND created_at >= $2";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result,
                        reader->ExecCached(kSql, Params().Bind(1, member).Bind(2, since)));
  InvitationsSent sent;
  if (!result.empty()) {
    const Row row = result.row(0);
    sent = {.sent = row.ColumnInt(0),
            .accepted = row.ColumnInt(1),
            .ignored = row.ColumnInt(2),
            .reported = row.ColumnInt(3),
            .pending = row.ColumnInt(4)};
  }
  return sent;
}

absl::StatusOr<ModerationWrite> PostgresStore::Moderate(const ModerationRequest& request) {
  LEDD_RETURN_IF_ERROR(CheckReason(request));
  return Write<ModerationWrite>(
      [&](Conn& conn) -> absl::StatusOr<ModerationWrite> { return ModerateIn(conn, request); });
}

absl::StatusOr<std::vector<AuditEntry>> PostgresStore::ListAudit(const AuditListOptions& options) {
  if (options.limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  static const std::string sql = fmt::format(
      "{} WHERE $1::bigint IS NULL OR target = $1::bigint "
      "ORDER BY created_at DESC, id DESC LIMIT $2",
      kSelectAudit);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(
      Result result,
      reader->ExecCached(sql.c_str(),
                         Params().Bind(1, options.target).Bind(2, int64_t{options.limit})));
  return ReadAll<AuditEntry>(result, ReadAudit<Row>);
}

absl::StatusOr<AuditEntry> PostgresStore::GetAuditEntry(AuditEntryId id) {
  static const std::string sql = fmt::format("{} WHERE id = $1", kSelectAudit);
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  return ReadOne<AuditEntry>(reader.conn(), sql.c_str(), Params().Bind(1, id),
                             fmt::format("audit entry {} does not exist", id), ReadAudit<Row>);
}

absl::StatusOr<std::vector<AccountSummary>> PostgresStore::FindAccounts(const std::string& text,
                                                                        int limit) {
  if (limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // strpos, as SQLite's instr: a plain substring, where LIKE would read % and _; lower()
  // under "C" folds ASCII only, as SQLite's and the folding of `text` above.
  static constexpr char kSql[] =
      "SELECT a.member, m.first_name, m.last_name, a.email, a.role, a.created_at, "
      "a.suspended_until FROM accounts a JOIN members m ON m.id = a.member "
      "WHERE $1::text = '' OR strpos(lower((m.first_name || ' ' || m.last_name) COLLATE \"C\"), "
      "$1::text) > 0 "
      "OR strpos(a.email, $1::text) > 0 ORDER BY a.member LIMIT $2";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease reader, Reader());
  LEDD_ASSIGN_OR_RETURN(Result result,
                        reader->ExecCached(kSql, Params().Bind(1, lower).Bind(2, int64_t{limit})));
  return ReadAll<AccountSummary>(result, [](const Row& row) -> absl::StatusOr<AccountSummary> {
    LEDD_ASSIGN_OR_RETURN(Role role, ParseRole(row.ColumnText(4)));
    return AccountSummary{.member = row.ColumnInt(0),
                          .first_name = row.ColumnText(1),
                          .last_name = row.ColumnText(2),
                          .email = row.ColumnText(3),
                          .role = role,
                          .created_at = row.ColumnInt(5),
                          .suspended_until = row.ColumnOptionalInt(6)};
  });
}

}  // namespace ledd::store::postgres
