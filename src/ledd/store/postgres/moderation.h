#pragma once
// The parts of moderation in PostgreSQL that the invitation writes share
// (invitations.cc): the suspension check of SendInvitation and the report a recipient
// files, or takes back, through ChangeInvitation and UndoReport. Each runs inside the
// caller's write transaction (store_impl.h Write), so what it reads is part of the
// transaction's serializable snapshot.
//
// Not thread-safe, like Conn.

#include "absl/status/status.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"

namespace ledd::store::postgres {

// FailedPrecondition ("member 7 is suspended until 2026-12-20") when `member` is
// suspended at `at`.
absl::Status CheckNotSuspended(Conn& conn, MemberId member, Timestamp at);

// ChangeInvitation's report of `invitation` by its recipient (an open report of it by
// them already there is kept), and UndoReport's withdrawal of it.
absl::Status FileInvitationReport(Conn& conn, const Invitation& invitation, Timestamp at);
absl::Status WithdrawInvitationReport(Conn& conn, InvitationId id, Timestamp at);

}  // namespace ledd::store::postgres
