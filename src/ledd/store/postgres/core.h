#pragma once
// Checks and reads of the core tables that writes of every area need (core.cc), each
// inside the caller's transaction or on a reader connection. Not thread-safe, like Conn.

#include <cstdint>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"
#include "ledd/store/postgres/pg.h"

namespace ledd::store::postgres {

absl::StatusOr<bool> MemberExists(Conn& conn, MemberId member);
// Connections of `member`.
absl::StatusOr<int64_t> Degree(Conn& conn, MemberId member);
// AlreadyExists when another member has `member.handle`.
absl::Status CheckHandleFree(Conn& conn, const Member& member);
absl::StatusOr<bool> BlockExists(Conn& conn, MemberId blocker, MemberId blocked);

// Runs `sql` through a cursor in one read-only snapshot, `batch` rows per round trip,
// calling `visit` for each row: for scans too large to hold in one result. Opens and
// ends its own transaction, so `conn` must not be in one.
absl::Status Scan(Conn& conn, std::string_view sql, absl::FunctionRef<absl::Status(const Row&)> visit,
                  int batch = 50'000);

}  // namespace ledd::store::postgres
