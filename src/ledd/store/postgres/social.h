#pragma once
// Posts, comments, notifications and appearances in PostgreSQL: the hooks other areas
// of the store call inside their own write transaction (the PostgreSQL counterpart of
// sqlite/social.h). Not thread-safe, like Conn.

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"
#include "ledd/store/store.h"

namespace ledd::store::postgres {

// Adds one notification for `member`. The hook other writes (invitations) call inside
// their own transaction, on its connection.
absl::Status Notify(Conn& conn, MemberId member, NotificationKind kind, int64_t subject,
                    Timestamp at);

// SendInvitation's check of request.via (store.h): OK for none, InvalidArgument for a
// page the invitation cannot have come from. Reads on `conn` (inside the caller's
// transaction).
absl::Status CheckVia(Conn& conn, const InvitationRequest& request);

}  // namespace ledd::store::postgres
