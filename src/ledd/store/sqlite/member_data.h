#pragma once
// A member's own data in SQLite: the statements behind the Store's "data rights"
// methods (store.h): reading everything keyed by one member (ExportMember), deletion
// requests, and the erasure. The erasure is one list of statements (kErasure in the
// .cc), in the order the foreign keys need: a table keyed by members is added to the
// erasure by adding its DELETE there.
//
// Not thread-safe, like Db. EraseMemberIn, RequestDeletionIn and CancelDeletionIn run
// inside the caller's write transaction; LoadMemberData inside a read transaction the
// caller opened, so its parts agree.

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/sqlite/db.h"
#include "ledd/store/store.h"

namespace ledd::store::sqlite {

absl::StatusOr<MemberData> LoadMemberData(Db& db, MemberId member);

absl::StatusOr<DeletionRequest> RequestDeletionIn(Db& db, const DeletionRequest& request);
absl::StatusOr<DeletionRequest> LoadDeletionRequest(Db& db, MemberId member);
absl::Status CancelDeletionIn(Db& db, MemberId member);
absl::StatusOr<std::vector<DeletionRequest>> LoadDueDeletions(Db& db, Timestamp now, int limit);

// Store::EraseMember: deletes the rows and events, appends kMemberErased.
absl::StatusOr<EventId> EraseMemberIn(Db& db, MemberId member);

}  // namespace ledd::store::sqlite
