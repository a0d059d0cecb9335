#pragma once
// Small pieces the route files share for reading a request: ids from the path and from
// JSON bodies, strict key sets, and catching the live network up after a store write.
// Every reader returns InvalidArgument naming the field, so a client learns which input
// was refused.
//
// Pure functions except CatchUpAfter (which calls into the live network); thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/base/ids.h"
#include "ledd/server/router.h"
#include "ledd/service/live_network.h"

namespace ledd::server {

// The longest text field a route accepts where no tighter limit applies (bytes).
inline constexpr size_t kMaxFilterBytes = 200;

// Decimal text as a positive int64; InvalidArgument naming `what` otherwise.
absl::StatusOr<int64_t> ParseInt(std::string_view text, std::string_view what);
// The i-th group of the route's pattern as a positive id.
absl::StatusOr<int64_t> PathId(const Call& call, size_t i, std::string_view what);
// A calendar day "YYYY-MM-DD" (a real one: not 2026-02-30) as its 00:00 UTC;
// InvalidArgument naming "date" otherwise.
absl::StatusOr<Timestamp> ParseDay(std::string_view text);
// A required positive integer field of a JSON body (a JSON number, not text).
absl::StatusOr<int64_t> IdField(const Json& body, const std::string& key);
// InvalidArgument naming the first key of `object` not in `allowed`: a misspelt field
// is refused instead of silently ignored.
absl::Status OnlyKeys(const Json& object, const std::vector<std::string>& allowed);
// Catches `live` up after a committed write described by `what`. The error says the
// write was saved, so that a client does not retry it.
absl::Status CatchUpAfter(service::LiveNetwork& live, std::string_view what);

}  // namespace ledd::server
