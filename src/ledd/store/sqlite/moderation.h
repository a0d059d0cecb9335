#pragma once
// Moderation in SQLite: the statements behind the Store's "moderation" methods (store.h)
// — authors' edits and deletes, members' reports, the moderators' actions with their
// audit rows, and the suspension check of invitations — as functions over a Db, so that
// the store's single-writer class only wraps them in its lock and transaction. Writers
// here must run inside the caller's write transaction.
//
// Not thread-safe, like Db: the caller holds the store's mutex.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/store.h"

namespace ledd::store::sqlite {

absl::StatusOr<Post> EditPostIn(Db& db, PostId id, MemberId editor, const std::string& title,
                                const std::string& body, Timestamp at);
absl::StatusOr<Comment> EditCommentIn(Db& db, CommentId id, MemberId editor,
                                      const std::string& body, Timestamp at);
absl::Status DeletePostIn(Db& db, PostId id, MemberId actor, Timestamp at);
absl::Status DeleteCommentIn(Db& db, CommentId id, MemberId actor, Timestamp at);

absl::StatusOr<Report> InsertReport(Db& db, const ReportRequest& request);
// ChangeInvitation's report of `invitation` by its recipient, and UndoReport's
// withdrawal of it.
absl::Status FileInvitationReport(Db& db, const Invitation& invitation, Timestamp at);
absl::Status WithdrawInvitationReport(Db& db, InvitationId id, Timestamp at);
absl::StatusOr<Report> LoadReport(Db& db, ReportId id);
absl::StatusOr<std::vector<Report>> LoadReports(Db& db, const ReportListOptions& options);
absl::StatusOr<InvitationsSent> CountSent(Db& db, MemberId member, Timestamp since);

absl::StatusOr<ModerationWrite> ModerateIn(Db& db, const ModerationRequest& request);
absl::StatusOr<std::vector<AuditEntry>> LoadAudit(Db& db, const AuditListOptions& options);
absl::StatusOr<AuditEntry> LoadAuditEntry(Db& db, AuditEntryId id);
absl::StatusOr<std::vector<AccountSummary>> LoadAccounts(Db& db, const std::string& text,
                                                         int limit);

// FailedPrecondition ("member 7 is suspended until 2026-12-20") when `member` is
// suspended at `at`.
absl::Status CheckNotSuspended(Db& db, MemberId member, Timestamp at);

}  // namespace ledd::store::sqlite
