#include "ledd/server/http_errors.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"

namespace ledd::server {
namespace {

constexpr char kRetryAfterPayload[] = "ledd/retry-after-seconds";

std::optional<int64_t> RetryAfterOf(const absl::Status& status) {
  // Debian's Abseil has its own absl::optional, which std::optional does not convert from.
  const absl::optional<absl::Cord> payload = status.GetPayload(kRetryAfterPayload);
  if (!payload) return std::nullopt;
  const std::string text(*payload);
  int64_t seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return seconds;
}

}  // namespace

absl::Status WithRetryAfter(absl::Status status, int64_t seconds) {
  status.SetPayload(kRetryAfterPayload, absl::Cord(std::to_string(std::max<int64_t>(1, seconds))));
  return status;
}

HttpError ToHttpError(const absl::Status& status) {
  int http = 500;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      http = 400;
      break;
    case absl::StatusCode::kUnauthenticated:
      http = 401;
      break;
    case absl::StatusCode::kPermissionDenied:
      http = 403;
      break;
    case absl::StatusCode::kNotFound:
      http = 404;
      break;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      http = 409;
      break;
    case absl::StatusCode::kFailedPrecondition:
      http = 422;
      break;
    case absl::StatusCode::kResourceExhausted:
      http = 429;
      break;
    case absl::StatusCode::kUnavailable:
      http = 503;
      break;
    default:
      break;
  }
  if (http == 500) return {500, ErrorJson("INTERNAL", "internal error"), true, std::nullopt};
  if (http == 503) {
    // The store's Unavailable says which statement met a full disk; the client only
    // needs to know to come back.
    return {503,
            ErrorJson("UNAVAILABLE", "the service is temporarily unavailable; try again later"),
            true, RetryAfterOf(status)};
  }
  const std::string code = absl::StatusCodeToString(status.code());
  return {http, ErrorJson(code, std::string(status.message())), false, RetryAfterOf(status)};
}

HttpError MakeHttpError(int http_status, std::string_view code, std::string_view message) {
  return {http_status, ErrorJson(code, message), http_status >= 500, std::nullopt};
}

}  // namespace ledd::server
