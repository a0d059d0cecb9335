#include "ledd/store/postgres/mail.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/store/postgres/store_impl.h"
#include "ledd/store/row_mapping.h"

namespace ledd::store::postgres {
namespace {

absl::StatusOr<OutgoingMail> LoadMail(Conn& conn, MailId id) {
  static constexpr char kSql[] =
      "SELECT id, recipient, subject, text_body, html_body, unsubscribe_url, kind, created_at, "
      "next_attempt_at, attempts, sent_at, last_error, failed FROM outgoing_mail WHERE id = $1";
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, Params().Bind(1, id)));
  if (result.empty()) return absl::NotFoundError(fmt::format("mail {} does not exist", id));
  return ReadMail(result.row(0));
}

// One attempt's outcome (MarkMailSent / MarkMailRetry / MarkMailFailed).
struct MailAttempt {
  std::optional<Timestamp> sent_at;          // Set: it was sent.
  std::optional<Timestamp> next_attempt_at;  // Set (and not sent): retry then.
  std::string error;                         // Why it failed (not sent).
};

absl::Status RecordMailAttempt(Conn& conn, MailId id, const MailAttempt& attempt) {
  // FOR UPDATE: two senders recording the same mail queue up here rather than both
  // passing the check.
  static constexpr char kLoad[] =
      "SELECT sent_at, failed FROM outgoing_mail WHERE id = $1 FOR UPDATE";
  LEDD_ASSIGN_OR_RETURN(Result loaded, conn.ExecCached(kLoad, Params().Bind(1, id)));
  if (loaded.empty()) return absl::NotFoundError(fmt::format("mail {} does not exist", id));
  if (!loaded.row(0).ColumnIsNull(0)) {
    return absl::FailedPreconditionError(fmt::format("mail {} was already sent", id));
  }
  if (loaded.row(0).ColumnInt(1) != 0) {
    return absl::FailedPreconditionError(fmt::format("mail {} was already given up", id));
  }
  static constexpr char kSql[] =
      "UPDATE outgoing_mail SET attempts = attempts + 1, sent_at = $2::bigint, "
      "last_error = $3::text, failed = $4::bigint, "
      "next_attempt_at = coalesce($5::bigint, next_attempt_at) WHERE id = $1";
  const bool failed = !attempt.sent_at.has_value() && !attempt.next_attempt_at.has_value();
  Params params;
  params.Bind(1, id)
      .Bind(2, attempt.sent_at)
      .Bind(3, attempt.sent_at.has_value() ? std::string_view() : std::string_view(attempt.error))
      .Bind(4, int64_t{failed ? 1 : 0})
      .Bind(5, attempt.sent_at.has_value() ? std::nullopt : attempt.next_attempt_at);
  return conn.ExecCached(kSql, params).status();
}

}  // namespace

absl::StatusOr<MailId> InsertMail(Conn& conn, const OutgoingMail& mail) {
  LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
  static constexpr char kSql[] =
      "INSERT INTO outgoing_mail (recipient, subject, text_body, html_body, unsubscribe_url, "
      "kind, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
  Params params;
  params.Bind(1, mail.to)
      .Bind(2, mail.subject)
      .Bind(3, mail.text)
      .Bind(4, mail.html)
      .Bind(5, mail.unsubscribe_url)
      .Bind(6, mail.kind)
      .Bind(7, mail.created_at)
      .Bind(8, std::max(mail.created_at, mail.next_attempt_at));
  LEDD_ASSIGN_OR_RETURN(Result result, conn.ExecCached(kSql, params));
  return result.row(0).ColumnInt(0);
}

absl::StatusOr<MailId> PostgresStore::EnqueueMail(const OutgoingMail& mail) {
  LEDD_RETURN_IF_ERROR(ValidateOutgoingMail(mail));
  return Write<MailId>([&](Conn& conn) { return InsertMail(conn, mail); });
}

absl::StatusOr<std::vector<OutgoingMail>> PostgresStore::DueMail(Timestamp now, int limit) {
  if (limit < 0) return absl::InvalidArgumentError(fmt::format("negative limit {}", limit));
  // One statement in its own transaction: it locks the due rows it claims and skips
  // the ones another sender is claiming at that moment (FOR UPDATE SKIP LOCKED); a row
  // another sender claimed and committed meanwhile fails the re-checked WHERE, so two
  // senders (in any processes) never claim the same mail.
  static constexpr char kClaim[] =
      "WITH due AS (SELECT id, next_attempt_at AS was FROM outgoing_mail "
      "WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= $1 "
      "ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) "
      "UPDATE outgoing_mail m SET next_attempt_at = $3 FROM due WHERE m.id = due.id "
      "AND m.sent_at IS NULL AND m.failed = 0 RETURNING "
      "m.id, m.recipient, m.subject, m.text_body, m.html_body, m.unsubscribe_url, m.kind, "
      "m.created_at, m.next_attempt_at, m.attempts, m.sent_at, m.last_error, m.failed, due.was";
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  Params params;
  params.Bind(1, now).Bind(2, int64_t{limit}).Bind(3, now + kMailClaim);
  // READ COMMITTED whatever the server's default isolation: under SERIALIZABLE the
  // claimers would abort each other over the range they all scan.
  LEDD_RETURN_IF_ERROR(lease->Exec("BEGIN ISOLATION LEVEL READ COMMITTED").status());
  absl::StatusOr<Result> claimed_rows = lease->ExecCached(kClaim, params);
  absl::Status ended = lease->Exec(claimed_rows.ok() ? "COMMIT" : "ROLLBACK").status();
  if (!claimed_rows.ok()) return claimed_rows.status();
  if (!ended.ok()) return ended;
  const Result& result = *claimed_rows;
  std::vector<std::pair<Timestamp, OutgoingMail>> claimed;
  claimed.reserve(result.rows());
  for (int i = 0; i < result.rows(); ++i) {
    claimed.emplace_back(result.row(i).ColumnInt(13), ReadMail(result.row(i)));
  }
  std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.id) < std::tie(b.first, b.second.id);
  });
  std::vector<OutgoingMail> due;
  due.reserve(claimed.size());
  for (auto& [was, mail] : claimed) due.push_back(std::move(mail));
  return due;
}

absl::Status PostgresStore::MarkMailSent(MailId id, Timestamp at) {
  MailAttempt attempt;
  attempt.sent_at = at;
  return WriteStatus([&](Conn& conn) { return RecordMailAttempt(conn, id, attempt); });
}

absl::Status PostgresStore::MarkMailRetry(MailId id, Timestamp next_attempt_at,
                                          const std::string& error) {
  MailAttempt attempt;
  attempt.next_attempt_at = next_attempt_at;
  attempt.error = error;
  return WriteStatus([&](Conn& conn) { return RecordMailAttempt(conn, id, attempt); });
}

absl::Status PostgresStore::MarkMailFailed(MailId id, const std::string& error) {
  MailAttempt attempt;
  attempt.error = error;
  return WriteStatus([&](Conn& conn) { return RecordMailAttempt(conn, id, attempt); });
}

absl::StatusOr<OutgoingMail> PostgresStore::GetMail(MailId id) {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return LoadMail(lease.conn(), id);
}

absl::StatusOr<int64_t> PostgresStore::CountQueuedMail() {
  LEDD_ASSIGN_OR_RETURN(Pool::Lease lease, Reader());
  return lease->QueryInt("SELECT count(*) FROM outgoing_mail WHERE sent_at IS NULL AND failed = 0");
}

}  // namespace ledd::store::postgres
