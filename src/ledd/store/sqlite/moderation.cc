#include "ledd/store/sqlite/moderation.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/store/sqlite/social.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::sqlite {
namespace {

constexpr Timestamp kDay = 24 * 3600;

// The one row of a cached statement with ?1 = key, read by `read`; NotFound(absent)
// when there is none.
template <typename Record, typename Read>
absl::StatusOr<Record> ReadOne(Db& db, const char* sql, int64_t key, const std::string& absent,
                               Read read) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
  statement->Bind(1, key);
  absl::StatusOr<bool> row = statement->Step();
  std::optional<absl::StatusOr<Record>> record;
  if (row.ok() && *row) record = read(*statement);
  statement->Reset();  // Ends the implicit read transaction outside a write.
  if (!row.ok()) return row.status();
  if (!record.has_value()) return absl::NotFoundError(absent);
  return *std::move(record);
}

absl::Status Run(Db& db, const char* sql, int64_t a) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
  statement->Bind(1, a);
  return statement->Run();
}

absl::Status Run(Db& db, const char* sql, int64_t a, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql));
  statement->Bind(1, a).Bind(2, at);
  return statement->Run();
}

constexpr char kSelectReport[] =
    "SELECT id, reporter, subject_kind, subject_id, reported, reason, text, created_at, state, "
    "resolved_at, resolved_by FROM reports";

constexpr char kSelectAudit[] =
    "SELECT id, moderator, action, target, report_id, subject, reason, days, detail, created_at "
    "FROM moderation_audit";

// The post a member may change: theirs, not deleted. Removed ones may still be deleted.
absl::StatusOr<Post> OwnPost(Db& db, PostId id, MemberId member, std::string_view verb) {
  LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(db, id));
  if (post.author != member) {
    return absl::PermissionDeniedError(fmt::format("only its author can {} post {}", verb, id));
  }
  return post;
}

absl::Status RemovedByModerator(std::string_view what, int64_t id) {
  return absl::FailedPreconditionError(
      fmt::format("{} {} was removed by a moderator and cannot be edited", what, id));
}

struct Standing {
  Role role = Role::kMember;
  std::optional<Timestamp> suspended_until;
};

absl::StatusOr<Standing> LoadStanding(Db& db, MemberId member) {
  static constexpr char kSql[] = "SELECT role, suspended_until FROM accounts WHERE member = ?1";
  return ReadOne<Standing>(db, kSql, member, fmt::format("member {} has no account", member),
                           [](const Statement& row) -> absl::StatusOr<Standing> {
                             LEDD_ASSIGN_OR_RETURN(Role role, ParseRole(row.ColumnText(0)));
                             return Standing{.role = role,
                                             .suspended_until = row.ColumnOptionalInt(1)};
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

}  // namespace

absl::StatusOr<Post> EditPostIn(Db& db, PostId id, MemberId editor, const std::string& title,
                                const std::string& body, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(Post post, OwnPost(db, id, editor, "edit"));
  if (post.removed_at.has_value()) return RemovedByModerator("post", id);
  if (title.empty() && body.empty()) {
    return absl::InvalidArgumentError("a post needs a title or a body");
  }
  post.title = title;
  post.body = body;
  post.edited_at = at;
  LEDD_RETURN_IF_ERROR(ValidatePost(post));
  static constexpr char kSql[] =
      "UPDATE posts SET title = ?2, body = ?3, edited_at = ?4 WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, id).Bind(2, std::string_view(title)).Bind(3, std::string_view(body)).Bind(4, at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  return post;
}

absl::StatusOr<Comment> EditCommentIn(Db& db, CommentId id, MemberId editor,
                                      const std::string& body, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(Comment comment, LoadComment(db, id));
  if (comment.author != editor) {
    return absl::PermissionDeniedError(fmt::format("only its author can edit comment {}", id));
  }
  if (comment.removed_at.has_value()) return RemovedByModerator("comment", id);
  if (body.empty()) return absl::InvalidArgumentError("a comment needs a body");
  comment.body = body;
  comment.edited_at = at;
  LEDD_RETURN_IF_ERROR(ValidateComment(comment));
  static constexpr char kSql[] = "UPDATE comments SET body = ?2, edited_at = ?3 WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, id).Bind(2, std::string_view(body)).Bind(3, at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  return comment;
}

absl::Status DeletePostIn(Db& db, PostId id, MemberId actor, Timestamp at) {
  LEDD_RETURN_IF_ERROR(OwnPost(db, id, actor, "delete").status());
  // The text goes; the row stays for the views, reports and invitations that name it.
  static constexpr char kPost[] =
      "UPDATE posts SET title = '', body = '', deleted_at = ?2 WHERE id = ?1";
  static constexpr char kComments[] =
      "UPDATE comments SET body = '', deleted_at = ?2 WHERE post_id = ?1 AND deleted_at IS NULL";
  static constexpr char kNotifications[] =
      "DELETE FROM notifications WHERE (kind = 'new_post' AND subject = ?1) OR "
      "(kind = 'new_comment' AND subject IN (SELECT id FROM comments WHERE post_id = ?1))";
  LEDD_RETURN_IF_ERROR(Run(db, kNotifications, id));
  LEDD_RETURN_IF_ERROR(Run(db, kPost, id, at));
  return Run(db, kComments, id, at);
}

absl::Status DeleteCommentIn(Db& db, CommentId id, MemberId actor, Timestamp at) {
  LEDD_ASSIGN_OR_RETURN(Comment comment, LoadComment(db, id));
  if (comment.author != actor) {
    LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(db, comment.post_id));
    if (post.author != actor) {
      return absl::PermissionDeniedError(fmt::format(
          "only its author or the post's author can delete comment {}", id));
    }
  }
  static constexpr char kSql[] =
      "UPDATE comments SET body = '', deleted_at = ?2 WHERE id = ?1";
  static constexpr char kNotifications[] =
      "DELETE FROM notifications WHERE kind = 'new_comment' AND subject = ?1";
  LEDD_RETURN_IF_ERROR(Run(db, kNotifications, id));
  return Run(db, kSql, id, at);
}

absl::StatusOr<Report> InsertReport(Db& db, const ReportRequest& request) {
  if (request.subject == ReportSubject::kInvitation) {
    return absl::InvalidArgumentError("invitations are reported from the received invitations");
  }
  if (request.reason == ReportReason::kUnknownPerson) {
    return absl::InvalidArgumentError(
        "\"unknown_person\" is a reason for invitations only");
  }
  LEDD_RETURN_IF_ERROR(CheckText("report text", request.text, kMaxReportText, TextLines::kMulti));
  const std::string_view kind = ReportSubjectName(request.subject);
  MemberId author = 0;
  std::optional<Timestamp> removed_at;
  if (request.subject == ReportSubject::kPost) {
    LEDD_ASSIGN_OR_RETURN(Post post, LoadPost(db, request.subject_id));
    author = post.author;
    removed_at = post.removed_at;
  } else {
    LEDD_ASSIGN_OR_RETURN(Comment comment, LoadComment(db, request.subject_id));
    author = comment.author;
    removed_at = comment.removed_at;
  }
  LEDD_ASSIGN_OR_RETURN(bool hidden, HiddenFrom(db, author, removed_at,
                                                {.viewer = request.reporter, .now = request.at}));
  if (hidden) {
    return absl::NotFoundError(fmt::format("{} {} does not exist", kind, request.subject_id));
  }
  if (author == request.reporter) {
    return absl::FailedPreconditionError(fmt::format("you cannot report your own {}", kind));
  }
  static constexpr char kOpen[] =
      "SELECT 1 FROM reports WHERE reporter = ?1 AND subject_kind = ?2 AND subject_id = ?3 "
      "AND state = 'open'";
  LEDD_ASSIGN_OR_RETURN(Statement * open, db.Cached(kOpen));
  open->Bind(1, request.reporter).Bind(2, kind).Bind(3, request.subject_id);
  absl::StatusOr<bool> exists = open->Step();
  open->Reset();
  if (!exists.ok()) return exists.status();
  if (*exists) {
    return absl::AlreadyExistsError(
        fmt::format("{} {} is already reported by you", kind, request.subject_id));
  }
  static constexpr char kInsert[] =
      "INSERT INTO reports (reporter, subject_kind, subject_id, reported, reason, text, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kInsert));
  statement->Bind(1, request.reporter)
      .Bind(2, kind)
      .Bind(3, request.subject_id)
      .Bind(4, author)
      .Bind(5, ReportReasonName(request.reason))
      .Bind(6, std::string_view(request.text))
      .Bind(7, request.at);
  LEDD_RETURN_IF_ERROR(statement->Run());
  return Report{.id = db.LastInsertRowId(),
                .reporter = request.reporter,
                .subject = request.subject,
                .subject_id = request.subject_id,
                .reported = author,
                .reason = request.reason,
                .text = request.text,
                .created_at = request.at};
}

absl::Status FileInvitationReport(Db& db, const Invitation& invitation, Timestamp at) {
  static constexpr char kSql[] =
      "INSERT OR IGNORE INTO reports (reporter, subject_kind, subject_id, reported, reason, "
      "created_at) VALUES (?1, 'invitation', ?2, ?3, 'unknown_person', ?4)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, invitation.to).Bind(2, invitation.id).Bind(3, invitation.from).Bind(4, at);
  return statement->Run();
}

absl::Status WithdrawInvitationReport(Db& db, InvitationId id, Timestamp at) {
  static constexpr char kSql[] =
      "UPDATE reports SET state = 'withdrawn', resolved_at = ?2 "
      "WHERE subject_kind = 'invitation' AND subject_id = ?1 AND state = 'open'";
  return Run(db, kSql, id, at);
}

absl::StatusOr<Report> LoadReport(Db& db, ReportId id) {
  static const std::string sql = fmt::format("{} WHERE id = ?1", kSelectReport);
  return ReadOne<Report>(db, sql.c_str(), id, fmt::format("report {} does not exist", id),
                         ReadReport<Statement>);
}

absl::StatusOr<std::vector<Report>> LoadReports(Db& db, const ReportListOptions& options) {
  if (options.limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  LEDD_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare(fmt::format("{} WHERE ?1 = '' OR state = ?1 ORDER BY created_at, id LIMIT ?2",
                             kSelectReport)));
  statement.Bind(1, options.state ? ReportStateName(*options.state) : std::string_view())
      .Bind(2, int64_t{options.limit});
  return ReadAll<Report>(statement, ReadReport<Statement>);
}

absl::StatusOr<InvitationsSent> CountSent(Db& db, MemberId member, Timestamp since) {
  static constexpr char kSql[] =
      "SELECT count(*), coalesce(sum(state = 'accepted'), 0), coalesce(sum(state = 'ignored'), 0), "
      "coalesce(sum(state = 'reported'), 0), coalesce(sum(state = 'pending'), 0) "
      "FROM invitations WHERE from_member = ?1 AND created_at >= ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, since);
  absl::StatusOr<bool> row = statement->Step();
  InvitationsSent sent;
  if (row.ok() && *row) {
    sent = {.sent = statement->ColumnInt(0),
            .accepted = statement->ColumnInt(1),
            .ignored = statement->ColumnInt(2),
            .reported = statement->ColumnInt(3),
            .pending = statement->ColumnInt(4)};
  }
  statement->Reset();
  if (!row.ok()) return row.status();
  return sent;
}

absl::StatusOr<ModerationWrite> ModerateIn(Db& db, const ModerationRequest& request) {
  using enum ModerationAction;
  const ModerationAction action = request.action;
  const std::string_view name = ModerationActionName(action);
  LEDD_RETURN_IF_ERROR(CheckReason(request));
  ModerationWrite write;
  MemberId target = request.member;
  if (request.report.has_value()) {
    if (action == kLift || action == kRole) {
      return absl::InvalidArgumentError(fmt::format("\"{}\" acts on a member, not a report", name));
    }
    LEDD_ASSIGN_OR_RETURN(Report report, LoadReport(db, *request.report));
    if (report.state != ReportState::kOpen) {
      return absl::FailedPreconditionError(fmt::format(
          "report {} is {}, not open", report.id, ReportStateName(report.state)));
    }
    target = report.reported;
    write.report = std::move(report);
  } else if (action == kDismiss || action == kWarn || action == kRemove) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" acts on a report", name));
  }
  LEDD_ASSIGN_OR_RETURN(Standing standing, LoadStanding(db, target));
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
    entry.subject = fmt::format("{}:{}", ReportSubjectName(write.report->subject),
                                write.report->subject_id);
  }

  switch (action) {
    case kDismiss:
    case kWarn:
      break;
    case kSuspend: {
      if (request.days < 1 || request.days > Store::kMaxSuspensionDays) {
        return absl::InvalidArgumentError(fmt::format(
            "\"days\" must be between 1 and {}", Store::kMaxSuspensionDays));
      }
      entry.days = request.days;
      static constexpr char kSuspend[] =
          "UPDATE accounts SET suspended_until = ?2, suspension_reason = ?3 WHERE member = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSuspend));
      statement->Bind(1, target)
          .Bind(2, request.at + request.days * kDay)
          .Bind(3, std::string_view(request.reason));
      LEDD_RETURN_IF_ERROR(statement->Run());
      // Their sessions end now: signing in again is refused while suspended.
      static constexpr char kRevoke[] =
          "UPDATE sessions SET revoked_at = ?2 WHERE member_id = ?1 AND revoked_at IS NULL";
      LEDD_RETURN_IF_ERROR(Run(db, kRevoke, target, request.at));
      break;
    }
    case kRemove: {
      const Report& report = *write.report;
      if (report.subject == ReportSubject::kInvitation) {
        return absl::InvalidArgumentError("an invitation has no content to remove");
      }
      static constexpr char kPost[] =
          "UPDATE posts SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL";
      static constexpr char kComment[] =
          "UPDATE comments SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL";
      LEDD_RETURN_IF_ERROR(Run(db, report.subject == ReportSubject::kPost ? kPost : kComment,
                               report.subject_id, request.at));
      break;
    }
    case kLift: {
      if (!standing.suspended_until.has_value() || *standing.suspended_until <= request.at) {
        return absl::FailedPreconditionError(fmt::format("member {} is not suspended", target));
      }
      static constexpr char kLiftSql[] =
          "UPDATE accounts SET suspended_until = NULL, suspension_reason = '' WHERE member = ?1";
      LEDD_RETURN_IF_ERROR(Run(db, kLiftSql, target));
      break;
    }
    case kRole: {
      entry.detail = std::string(RoleName(request.role));
      static constexpr char kRoleSql[] = "UPDATE accounts SET role = ?2 WHERE member = ?1";
      LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kRoleSql));
      statement->Bind(1, target).Bind(2, RoleName(request.role));
      LEDD_RETURN_IF_ERROR(statement->Run());
      break;
    }
  }

  static constexpr char kAudit[] =
      "INSERT INTO moderation_audit (moderator, action, target, report_id, subject, reason, "
      "days, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  LEDD_ASSIGN_OR_RETURN(Statement * audit, db.Cached(kAudit));
  if (entry.moderator == 0) {
    audit->BindNull(1);
  } else {
    audit->Bind(1, entry.moderator);
  }
  audit->Bind(2, name)
      .Bind(3, entry.target)
      .Bind(4, entry.report)
      .Bind(5, std::string_view(entry.subject))
      .Bind(6, std::string_view(entry.reason))
      .Bind(7, entry.days)
      .Bind(8, std::string_view(entry.detail))
      .Bind(9, entry.created_at);
  LEDD_RETURN_IF_ERROR(audit->Run());
  entry.id = db.LastInsertRowId();

  if (action == kWarn) {
    LEDD_RETURN_IF_ERROR(Notify(db, target, NotificationKind::kWarning, entry.id, request.at));
  }
  if (write.report.has_value()) {
    Report& report = *write.report;
    report.state = action == kDismiss ? ReportState::kDismissed : ReportState::kActioned;
    report.resolved_at = request.at;
    report.resolved_by = request.moderator;
    // Removing the content settles every open report of it, not only this one.
    static constexpr char kResolveOne[] =
        "UPDATE reports SET state = ?2, resolved_at = ?3, resolved_by = ?4 WHERE id = ?1";
    static constexpr char kResolveSubject[] =
        "UPDATE reports SET state = ?2, resolved_at = ?3, resolved_by = ?4 "
        "WHERE state = 'open' AND subject_kind = (SELECT subject_kind FROM reports WHERE id = ?1) "
        "AND subject_id = (SELECT subject_id FROM reports WHERE id = ?1)";
    LEDD_ASSIGN_OR_RETURN(Statement * resolve,
                          db.Cached(action == kRemove ? kResolveSubject : kResolveOne));
    resolve->Bind(1, report.id)
        .Bind(2, ReportStateName(report.state))
        .Bind(3, request.at)
        .Bind(4, request.moderator);
    LEDD_RETURN_IF_ERROR(resolve->Run());
  }
  return write;
}

absl::StatusOr<std::vector<AuditEntry>> LoadAudit(Db& db, const AuditListOptions& options) {
  if (options.limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  LEDD_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare(fmt::format(
          "{} WHERE ?1 IS NULL OR target = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2",
          kSelectAudit)));
  statement.Bind(1, options.target).Bind(2, int64_t{options.limit});
  return ReadAll<AuditEntry>(statement, ReadAudit<Statement>);
}

absl::StatusOr<AuditEntry> LoadAuditEntry(Db& db, AuditEntryId id) {
  static const std::string sql = fmt::format("{} WHERE id = ?1", kSelectAudit);
  return ReadOne<AuditEntry>(db, sql.c_str(), id,
                             fmt::format("audit entry {} does not exist", id), ReadAudit<Statement>);
}

absl::StatusOr<std::vector<AccountSummary>> LoadAccounts(Db& db, const std::string& text,
                                                         int limit) {
  if (limit < 0) return absl::InvalidArgumentError("limit must not be negative");
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  LEDD_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare("SELECT a.member, m.first_name, m.last_name, a.email, a.role, a.created_at, "
                 "a.suspended_until FROM accounts a JOIN members m ON m.id = a.member "
                 "WHERE ?1 = '' OR instr(lower(m.first_name || ' ' || m.last_name), ?1) > 0 "
                 "OR instr(a.email, ?1) > 0 ORDER BY a.member LIMIT ?2"));
  statement.Bind(1, std::string_view(lower)).Bind(2, int64_t{limit});
  return ReadAll<AccountSummary>(
      statement, [](const Statement& row) -> absl::StatusOr<AccountSummary> {
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

absl::Status CheckNotSuspended(Db& db, MemberId member, Timestamp at) {
  static constexpr char kSql[] =
      "SELECT suspended_until FROM accounts WHERE member = ?1 AND suspended_until > ?2";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, member).Bind(2, at);
  absl::StatusOr<bool> row = statement->Step();
  const std::optional<int64_t> until =
      row.ok() && *row ? statement->ColumnOptionalInt(0) : std::nullopt;
  statement->Reset();
  if (!row.ok()) return row.status();
  if (until.has_value()) {
    return absl::FailedPreconditionError(
        fmt::format("member {} is suspended until {}", member, FormatDate(*until)));
  }
  return absl::OkStatus();
}

}  // namespace ledd::store::sqlite
