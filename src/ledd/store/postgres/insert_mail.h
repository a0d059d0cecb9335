#pragma once
// Enqueuing one outgoing mail inside the caller's transaction, for every write that
// sends mail with what it stores (sign-ups, account links, email invitations): the
// PostgreSQL side of sqlite/mail.h's InsertMail. Not thread-safe, like Conn.

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"

namespace ledd::store::postgres {

// Inserts `mail` (checked by ValidateOutgoingMail) to be sent from
// max(created_at, next_attempt_at); returns its id.
absl::StatusOr<MailId> InsertMail(Conn& conn, const OutgoingMail& mail);

}  // namespace ledd::store::postgres
