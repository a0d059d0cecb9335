#include "ledd/server/router.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

#include "fmt/format.h"
#include "ledd/server/http_errors.h"

namespace ledd::server {
namespace {

void SendError(HttpResponse& response, const HttpError& error) {
  response.status = error.status;
  if (error.retry_after) response.SetHeader("Retry-After", std::to_string(*error.retry_after));
  response.content_type = "application/json";
  response.body = Dump(error.body);
}

// True when the media type of a Content-Type value is one of `types` (lower case;
// parameters such as "; charset=utf-8" allowed).
bool IsContentTypeOf(std::string_view value, const std::vector<std::string>& types) {
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  return std::any_of(types.begin(), types.end(),
                     [value](const std::string& type) { return EqualsIgnoringCase(value, type); });
}

}  // namespace

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

absl::StatusOr<Json> Call::JsonBody() const {
  Json body = Json::parse(request_.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return absl::InvalidArgumentError("the body is not valid JSON");
  if (!body.is_object()) return absl::InvalidArgumentError("the body must be a JSON object");
  return body;
}

absl::StatusOr<Json> Call::QueryParams(const std::vector<std::string>& allowed) const {
  Json params = Json::object();
  for (const auto& [key, value] : request_.params) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return absl::InvalidArgumentError(fmt::format("unknown parameter \"{}\"", key));
    }
    if (params.contains(key)) {
      return absl::InvalidArgumentError(fmt::format("parameter \"{}\" is given twice", key));
    }
    params[key] = value;
  }
  return params;
}

absl::StatusOr<std::string> StringField(const Json& body, const std::string& key, bool required) {
  if (!body.contains(key) || body[key].is_null()) {
    if (required) return absl::InvalidArgumentError(fmt::format("\"{}\" is required", key));
    return std::string();
  }
  if (!body[key].is_string()) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" must be a string", key));
  }
  return body[key].get<std::string>();
}

void Router::Get(const std::string& label, const std::string& pattern, Auth auth,
                 RouteHandler handler) {
  Add("GET", label, pattern, Wrap(label, auth, std::move(handler)));
}

void Router::Post(const std::string& label, const std::string& pattern, Auth auth,
                  RouteHandler handler, const RouteOptions& options) {
  Add("POST", label, pattern, Wrap(label, auth, std::move(handler), options.body_types),
      options.max_body_bytes);
}

void Router::Put(const std::string& label, const std::string& pattern, Auth auth,
                 RouteHandler handler, const RouteOptions& options) {
  Add("PUT", label, pattern, Wrap(label, auth, std::move(handler), options.body_types),
      options.max_body_bytes);
}

void Router::Patch(const std::string& label, const std::string& pattern, Auth auth,
                   RouteHandler handler) {
  Add("PATCH", label, pattern, Wrap(label, auth, std::move(handler)));
}

void Router::Delete(const std::string& label, const std::string& pattern, Auth auth,
                    RouteHandler handler) {
  Add("DELETE", label, pattern, Wrap(label, auth, std::move(handler)));
}

void Router::GetRaw(const std::string& label, const std::string& pattern, RawHandler handler) {
  Add("GET", label, pattern,
      [handler = std::move(handler)](const HttpRequest& request, std::vector<std::string>,
                                     HttpResponse& response) { handler(request, response); });
}

void Router::Add(const char* method, const std::string& label, const std::string& pattern,
                 Wrapped handler, size_t max_body_bytes) {
  routes_.push_back(RouteInfo{.method = method, .label = label, .pattern = pattern});
  table_.push_back(Route{.method = method,
                         .pattern = std::regex(pattern),
                         .handler = std::move(handler),
                         .max_body_bytes = max_body_bytes});
}

size_t Router::BodyLimit(const std::string& method, const std::string& path) const {
  for (const Route& route : table_) {
    if (route.max_body_bytes == 0 || route.method != method) continue;
    if (!std::regex_match(path, route.pattern)) continue;
    // The first matching route answers (Dispatch); an earlier route without a limit
    // of its own would shadow this one, which no route table here does.
    return route.max_body_bytes;
  }
  return 0;
}

bool Router::Dispatch(const HttpRequest& request, HttpResponse& response) const {
  const std::string& method = request.method == "HEAD" ? std::string("GET") : request.method;
  for (const Route& route : table_) {
    if (route.method != method) continue;
    std::smatch match;
    if (!std::regex_match(request.path, match, route.pattern)) continue;
    std::vector<std::string> groups;
    groups.reserve(match.size());
    for (const auto& group : match) {
      // The path in its matching form holds only valid escapes, so this cannot fail.
      absl::StatusOr<std::string> decoded = DecodeComponent(group.str());
      groups.push_back(decoded.ok() ? *std::move(decoded) : group.str());
    }
    route.handler(request, std::move(groups), response);
    return true;
  }
  return false;
}

namespace {

// The answer for a failed Status; an internal one (a 5xx, whose message the client does
// not see) is logged with its detail.
void SendStatus(HttpResponse& response, const absl::Status& status, const HttpRequest& request,
                const std::string& label) {
  const HttpError error = ToHttpError(status);
  if (error.internal) {
    std::fprintf(stderr, "ledd: %s %s: %s\n", request.method.c_str(), label.c_str(),
                 std::string(status.message()).c_str());
  }
  SendError(response, error);
}

}  // namespace

Router::Wrapped Router::Wrap(std::string label, Auth auth, RouteHandler handler,
                             std::vector<std::string> body_types) {
  if (body_types.empty()) body_types = {"application/json"};
  return [this, label = std::move(label), auth, handler = std::move(handler),
          body_types = std::move(body_types)](
             const HttpRequest& request, std::vector<std::string> matches, HttpResponse& response) {
    const auto start = std::chrono::steady_clock::now();
    response.SetHeader("Cache-Control", "no-store");
    response.SetHeader("X-Content-Type-Options", "nosniff");
    try {
      std::optional<store::Session> session;
      bool via_cookie = false;
      bool refused = false;
      const std::string content_type = request.Header("Content-Type");
      if ((request.method == "POST" || request.method == "PUT" || request.method == "PATCH") &&
          !request.body.empty() &&
          !IsContentTypeOf(content_type, body_types)) {
        // Every type the route takes: "image/jpeg, image/png or image/webp".
        std::string types = body_types.front();
        for (size_t i = 1; i < body_types.size(); ++i) {
          types += fmt::format("{}{}", i + 1 == body_types.size() ? " or " : ", ", body_types[i]);
        }
        SendError(response, MakeHttpError(415, "UNSUPPORTED_MEDIA_TYPE",
                                          "the body must be sent as Content-Type: " + types));
        refused = true;
      }
      if (!refused && auth == Auth::kRequired) {
        std::string token;
        const std::string authorization = request.Header("Authorization");
        if (authorization.rfind("Bearer ", 0) == 0) {
          token = authorization.substr(7);
        } else {
          token = request.Cookie(kSessionCookie);
          via_cookie = !token.empty();
        }
        absl::StatusOr<store::Session> authenticated = accounts_.Authenticate(token);
        if (!authenticated.ok()) {
          SendStatus(response, authenticated.status(), request, label);
        } else if (via_cookie && IsWriteMethod(request.method) &&
                   !Accounts::CheckCsrf(*authenticated, request.Header("X-CSRF-Token"))) {
          SendError(response,
                    ToHttpError(absl::PermissionDeniedError(
                        "a cookie-authenticated write needs the session's X-CSRF-Token")));
        } else {
          session = *std::move(authenticated);
        }
      }
      if (!refused && (auth == Auth::kNone || session.has_value())) {
        const Call call(request, std::move(matches), std::move(session), via_cookie);
        // Rate limits (accounts.h): per account when signed in, else per address. Not for
        // /healthz, which a load balancer asks from one address as often as it likes.
        const absl::Status admitted = label.rfind("/api/", 0) == 0
                                          ? accounts_.AdmitRequest(call.session(), call.address())
                                          : absl::OkStatus();
        absl::StatusOr<Reply> reply =
            admitted.ok() ? handler(call) : absl::StatusOr<Reply>(admitted);
        if (reply.ok()) {
          response.status = reply->status;
          for (auto& [name, value] : reply->headers) response.SetHeader(name, std::move(value));
          if (reply->bytes) {
            response.content_type = std::move(reply->content_type);
            response.body = *std::move(reply->bytes);
          } else {
            response.content_type = "application/json";
            response.body = Dump(reply->body);
          }
        } else {
          SendStatus(response, reply.status(), request, label);
        }
      }
    } catch (const std::exception& exception) {
      std::fprintf(stderr, "ledd: %s %s: exception: %s\n", request.method.c_str(), label.c_str(),
                   exception.what());
      SendError(response, MakeHttpError(500, "INTERNAL", "internal error"));
    } catch (...) {
      std::fprintf(stderr, "ledd: %s %s: unknown exception\n", request.method.c_str(),
                   label.c_str());
      SendError(response, MakeHttpError(500, "INTERNAL", "internal error"));
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.Record(label, request.method, response.status, seconds);
  };
}

}  // namespace ledd::server
