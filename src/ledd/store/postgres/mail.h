#pragma once
// Outgoing mail in PostgreSQL: the hook other writes (a sign-up, an email change, an
// email invitation, notification mail) call to enqueue their mail inside their own
// transaction, so a mail exists exactly when the write that causes it committed (the
// PostgreSQL counterpart of sqlite/mail.h). Not thread-safe, like Conn.

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"

namespace ledd::store::postgres {

// Store::EnqueueMail's insert on the caller's connection (validates, then inserts):
// the new mail's id.
absl::StatusOr<MailId> InsertMail(Conn& conn, const OutgoingMail& mail);

}  // namespace ledd::store::postgres
