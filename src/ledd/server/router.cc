#include "ledd/server/router.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

#include "fmt/format.h"
#include "ledd/server/http_errors.h"

namespace ledd::server {
namespace {

// Set by a route's wrapper, read and cleared by the server's logger: both run on the
// worker thread that handles the request, one request at a time.
thread_local bool t_routed = false;

void SendError(httplib::Response& response, const HttpError& error) {
  response.status = error.status;
  if (error.retry_after) response.set_header("Retry-After", std::to_string(*error.retry_after));
  response.set_content(Dump(error.body), "application/json");
}

// The token of the ledd_session cookie, or "".
std::string SessionCookie(const httplib::Request& request) {
  const std::string header = request.get_header_value("Cookie");
  const std::string key = std::string(kSessionCookie) + "=";
  size_t position = 0;
  while (position < header.size()) {
    while (position < header.size() && (header[position] == ' ' || header[position] == ';')) {
      ++position;
    }
    size_t end = header.find(';', position);
    if (end == std::string::npos) end = header.size();
    if (header.compare(position, key.size(), key) == 0) {
      return header.substr(position + key.size(), end - position - key.size());
    }
    position = end;
  }
  return "";
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

bool TakeRoutedFlag() {
  const bool routed = t_routed;
  t_routed = false;
  return routed;
}

void IgnoreRange(const httplib::Request& request) {
  // cpp-httplib reads the ranges from this object when it writes the answer.
  const_cast<httplib::Request&>(request).ranges.clear();
}

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
  Note("GET", label, pattern);
  http_.Get(pattern, Wrap(label, auth, std::move(handler)));
}

void Router::Post(const std::string& label, const std::string& pattern, Auth auth,
                  RouteHandler handler) {
  Note("POST", label, pattern);
  http_.Post(pattern, Wrap(label, auth, std::move(handler)));
}

void Router::Put(const std::string& label, const std::string& pattern, Auth auth,
                 RouteHandler handler) {
  Note("PUT", label, pattern);
  http_.Put(pattern, Wrap(label, auth, std::move(handler)));
}

void Router::Delete(const std::string& label, const std::string& pattern, Auth auth,
                    RouteHandler handler) {
  Note("DELETE", label, pattern);
  http_.Delete(pattern, Wrap(label, auth, std::move(handler)));
}

void Router::GetRaw(const std::string& label, const std::string& pattern,
                    httplib::Server::Handler handler) {
  Note("GET", label, pattern);
  http_.Get(pattern, std::move(handler));
}

void Router::Note(const char* method, const std::string& label, const std::string& pattern) {
  routes_.push_back(RouteInfo{.method = method, .label = label, .pattern = pattern});
}

httplib::Server::Handler Router::Wrap(std::string label, Auth auth, RouteHandler handler) {
  return [this, label = std::move(label), auth, handler = std::move(handler)](
             const httplib::Request& request, httplib::Response& response) {
    const auto start = std::chrono::steady_clock::now();
    t_routed = true;
    IgnoreRange(request);
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Content-Type-Options", "nosniff");
    try {
      std::optional<store::Session> session;
      bool via_cookie = false;
      if (auth == Auth::kRequired) {
        std::string token;
        const std::string authorization = request.get_header_value("Authorization");
        if (authorization.rfind("Bearer ", 0) == 0) {
          token = authorization.substr(7);
        } else {
          token = SessionCookie(request);
          via_cookie = !token.empty();
        }
        absl::StatusOr<store::Session> authenticated = accounts_.Authenticate(token);
        if (!authenticated.ok()) {
          SendError(response, ToHttpError(authenticated.status()));
        } else if (via_cookie && IsWrite(request.method) &&
                   !Accounts::CheckCsrf(*authenticated,
                                        request.get_header_value("X-CSRF-Token"))) {
          SendError(response,
                    ToHttpError(absl::PermissionDeniedError(
                        "a cookie-authenticated write needs the session's X-CSRF-Token")));
        } else {
          session = *std::move(authenticated);
        }
      }
      if (auth == Auth::kNone || session.has_value()) {
        const Call call(request, std::move(session), via_cookie);
        // ---- rate limits (accounts.h): per account when signed in, else per address ----
        absl::Status admitted = accounts_.AdmitRequest(call.session(), call.address());
        // ---- end of rate limits ----
        absl::StatusOr<Reply> reply =
            admitted.ok() ? handler(call) : absl::StatusOr<Reply>(admitted);
        if (reply.ok()) {
          response.status = reply->status;
          for (const auto& [name, value] : reply->headers) response.set_header(name, value);
          response.set_content(Dump(reply->body), "application/json");
        } else {
          HttpError error = ToHttpError(reply.status());
          if (error.internal) {
            std::fprintf(stderr, "ledd: %s %s: %s\n", request.method.c_str(), label.c_str(),
                         std::string(reply.status().message()).c_str());
          }
          SendError(response, error);
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
