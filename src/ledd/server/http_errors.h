#pragma once
// The one mapping from an absl::Status to an HTTP answer: the status line and the
// {"error": {"code", "message"}} body every failed API request gets.
//
//   InvalidArgument, OutOfRange   400    Unauthenticated      401
//   PermissionDenied              403    NotFound             404
//   AlreadyExists, Aborted        409    FailedPrecondition   422 (a rule says no)
//   ResourceExhausted             429 (a rate or sign-in limit)
//   Unavailable                   503, with a generic message (a busy or full disk,
//                                 an I/O error, the network still loading)
//   everything else               500, with the message replaced by "internal error".
//   Internals (SQL, paths) never reach a client: a 5xx never carries the original
//   message, which the caller logs.
//
// A status may say when to retry (WithRetryAfter): the answer then carries a
// Retry-After header (a 429 from the sign-in limit, a 503 while the network loads).
//
// Pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "ledd/server/query_json.h"

namespace ledd::server {

struct HttpError {
  int status = 500;
  Json body;  // {"error": {"code": "NOT_FOUND", "message": "member 7 not found"}}
  // True when the message was hidden (a 5xx): the caller should log the original.
  bool internal = false;
  // Seconds for the Retry-After header; none when the status did not say.
  std::optional<int64_t> retry_after;
};

// `status` with a hint that the request may succeed after `seconds` (at least 1).
absl::Status WithRetryAfter(absl::Status status, int64_t seconds);

// Requires !status.ok().
HttpError ToHttpError(const absl::Status& status);

// An error that has no absl code (413 payload too large, 404 for an unknown route,
// 405): `code` is the upper-case name the body carries.
HttpError MakeHttpError(int http_status, std::string_view code, std::string_view message);

}  // namespace ledd::server
