#pragma once
// Mail about notifications and email subscriptions in PostgreSQL: the reads other
// writes (email invitations, invitation mail) make inside their own transaction (the
// PostgreSQL counterpart of sqlite/notify.h). Not thread-safe, like Conn.

#include <string>

#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"

namespace ledd::store::postgres {

// Store::GetEmailSettings on the caller's connection: the defaults for a member without
// a row; NotFound for an unknown member.
absl::StatusOr<EmailSettings> LoadEmailSettings(Conn& conn, MemberId member);
// Store::IsEmailSuppressed on the caller's connection (`email` is folded here).
absl::StatusOr<bool> IsSuppressed(Conn& conn, const std::string& email);

}  // namespace ledd::store::postgres
