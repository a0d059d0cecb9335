#include "ledd/server/http_errors.h"

namespace ledd::server {

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
  if (http == 500) return {500, ErrorJson("INTERNAL", "internal error"), true};
  const std::string code = absl::StatusCodeToString(status.code());
  return {http, ErrorJson(code, std::string(status.message())), false};
}

HttpError MakeHttpError(int http_status, std::string_view code, std::string_view message) {
  return {http_status, ErrorJson(code, message), http_status >= 500};
}

}  // namespace ledd::server
