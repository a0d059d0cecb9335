#pragma once
// Outgoing mail in SQLite: the statements behind the Store's "outgoing mail" methods,
// as functions over a Db so that the store's single-writer class only wraps them in
// its lock and transaction, and other writes (a sign-up) enqueue their mail in their
// own transaction. Writers here must run inside the caller's write transaction.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/store.h"

namespace ledd::store::sqlite {

// Store::EnqueueMail (validates, then inserts).
absl::StatusOr<MailId> InsertMail(Db& db, const OutgoingMail& mail);
// Store::DueMail: selects and claims.
absl::StatusOr<std::vector<OutgoingMail>> ClaimDueMail(Db& db, Timestamp now, int limit);
// One attempt's outcome (MarkMailSent / MarkMailRetry / MarkMailFailed).
struct MailAttempt {
  std::optional<Timestamp> sent_at;          // Set: it was sent.
  std::optional<Timestamp> next_attempt_at;  // Set (and not sent): retry then.
  std::string error;                         // Why it failed (not sent).
};
absl::Status RecordMailAttempt(Db& db, MailId id, const MailAttempt& attempt);
absl::StatusOr<OutgoingMail> LoadMail(Db& db, MailId id);
absl::StatusOr<int64_t> CountQueued(Db& db);

}  // namespace ledd::store::sqlite
