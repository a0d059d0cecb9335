#pragma once
// Posts, comments, notifications and appearances in PostgreSQL: what other areas of the
// store (invitations, moderation) call on their own connection, inside their own write
// transaction (the PostgreSQL counterpart of sqlite/social.h). Not thread-safe, like
// Conn.

#include <cstdint>
#include <optional>

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

// A post or comment as stored; NotFound ("post 3 does not exist") for an unknown or
// deleted one.
absl::StatusOr<Post> LoadPost(Conn& conn, PostId id);
absl::StatusOr<Comment> LoadComment(Conn& conn, CommentId id);
// Whether content by `author` (removed at `removed_at`, if ever) is hidden from `as`
// (store.h "moderation"), and whether `author` is suspended at `at`.
absl::StatusOr<bool> HiddenFrom(Conn& conn, MemberId author, std::optional<Timestamp> removed_at,
                                const ContentViewer& as);
absl::StatusOr<bool> AuthorSuspended(Conn& conn, MemberId author, Timestamp at);

// SendInvitation's check of request.via (store.h): OK for none, InvalidArgument for a
// page the invitation cannot have come from. Reads on `conn` (inside the caller's
// transaction).
absl::Status CheckVia(Conn& conn, const InvitationRequest& request);

}  // namespace ledd::store::postgres
