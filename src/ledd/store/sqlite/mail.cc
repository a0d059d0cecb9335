#include "ledd/store/sqlite/mail.h"

#include <algorithm>
#include <string_view>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::sqlite {
namespace {

constexpr char kSelectColumns[] =
    "SELECT id, recipient, subject, text_body, html_body, unsubscribe_url, kind, created_at, "
    "next_attempt_at, attempts, sent_at, last_error, failed FROM outgoing_mail";

}  // namespace

absl::StatusOr<MailId> InsertMail(Db& db, const OutgoingMail& mail) {
  LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
  static constexpr char kSql[] =
      "INSERT INTO outgoing_mail (recipient, subject, text_body, html_body, unsubscribe_url, "
      "kind, created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  statement->Bind(1, std::string_view(mail.to))
      .Bind(2, std::string_view(mail.subject))
      .Bind(3, std::string_view(mail.text))
      .Bind(4, std::string_view(mail.html))
      .Bind(5, std::string_view(mail.unsubscribe_url))
      .Bind(6, std::string_view(mail.kind))
      .Bind(7, mail.created_at)
      .Bind(8, std::max(mail.created_at, mail.next_attempt_at));
  LEDD_RETURN_IF_ERROR(statement->Run());
  return db.LastInsertRowId();
}

absl::StatusOr<std::vector<OutgoingMail>> ClaimDueMail(Db& db, Timestamp now, int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  static const std::string select = fmt::format(
      "{} WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= ?1 "
      "ORDER BY next_attempt_at, id LIMIT ?2",
      kSelectColumns);
  std::vector<OutgoingMail> due;
  {
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(select.c_str()));
    statement->Bind(1, now).Bind(2, int64_t{limit});
    while (true) {
      absl::StatusOr<bool> row = statement->Step();
      if (!row.ok() || !*row) {
        statement->Reset();
        if (!row.ok()) return row.status();
        break;
      }
      due.push_back(ReadMail(*statement));
    }
  }
  static constexpr char kClaim[] = "UPDATE outgoing_mail SET next_attempt_at = ?2 WHERE id = ?1";
  for (OutgoingMail& mail : due) {
    mail.next_attempt_at = now + kMailClaim;
    LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kClaim));
    statement->Bind(1, mail.id).Bind(2, mail.next_attempt_at);
    LEDD_RETURN_IF_ERROR(statement->Run());
  }
  return due;
}

absl::Status RecordMailAttempt(Db& db, MailId id, const MailAttempt& attempt) {
  LEDD_ASSIGN_OR_RETURN(OutgoingMail mail, LoadMail(db, id));
  if (mail.sent_at.has_value()) {
    return absl::FailedPreconditionError(fmt::format("mail {} was already sent", id));
  }
  if (mail.failed) {
    return absl::FailedPreconditionError(fmt::format("mail {} was already given up", id));
  }
  static constexpr char kSql[] =
      "UPDATE outgoing_mail SET attempts = attempts + 1, sent_at = ?2, last_error = ?3, "
      "failed = ?4, next_attempt_at = coalesce(?5, next_attempt_at) WHERE id = ?1";
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(kSql));
  const bool failed = !attempt.sent_at.has_value() && !attempt.next_attempt_at.has_value();
  statement->Bind(1, id)
      .Bind(2, attempt.sent_at)
      .Bind(3, std::string_view(attempt.sent_at.has_value() ? std::string_view() : attempt.error))
      .Bind(4, int64_t{failed ? 1 : 0})
      .Bind(5, attempt.sent_at.has_value() ? std::nullopt : attempt.next_attempt_at);
  return statement->Run();
}

absl::StatusOr<OutgoingMail> LoadMail(Db& db, MailId id) {
  static const std::string sql = fmt::format("{} WHERE id = ?1", kSelectColumns);
  LEDD_ASSIGN_OR_RETURN(Statement * statement, db.Cached(sql.c_str()));
  statement->Bind(1, id);
  absl::StatusOr<bool> row = statement->Step();
  if (!row.ok() || !*row) {
    statement->Reset();
    if (!row.ok()) return row.status();
    return absl::NotFoundError(fmt::format("mail {} does not exist", id));
  }
  OutgoingMail mail = ReadMail(*statement);
  statement->Reset();
  return mail;
}

absl::StatusOr<int64_t> CountQueued(Db& db) {
  LEDD_ASSIGN_OR_RETURN(Statement * statement,
                        db.Cached("SELECT count(*) FROM outgoing_mail "
                                  "WHERE sent_at IS NULL AND failed = 0"));
  absl::StatusOr<bool> row = statement->Step();
  int64_t count = 0;
  if (row.ok() && *row) count = statement->ColumnInt(0);
  statement->Reset();
  if (!row.ok()) return row.status();
  return count;
}

}  // namespace ledd::store::sqlite
