#pragma once
// The API's request pipeline, between cpp-httplib and the route handlers. A route is a
// method, a path pattern, how the caller must be authenticated, and a handler that
// returns a Reply or a Status; everything else is done here once for every route:
//
//   1. authentication: "Authorization: Bearer TOKEN" or the ledd_session cookie
//      (Accounts::Authenticate); a kRequired route answers 401 without one;
//   2. CSRF: a cookie-authenticated POST/PUT/PATCH/DELETE must carry the session's
//      token in X-CSRF-Token (403 otherwise). Bearer requests are exempt: a browser
//      never attaches an Authorization header to a cross-site request on its own;
//   3. the handler, with exceptions caught (a library's, never ours) and turned into
//      500;
//   4. the answer: JSON with no-store caching, or ToHttpError's status and body;
//   5. metrics under the route's label.
//
// cpp-httplib 0.11.4 has regex routes but no path parameters: a pattern like
// R"(/api/v1/members/(\d+))" leaves its groups in Call::Match(i).
//
// Thread-safety: routes are added before serving; handlers run on the server's worker
// threads concurrently and must be thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "httplib.h"
#include "ledd/server/accounts.h"
#include "ledd/server/metrics.h"
#include "ledd/server/query_json.h"
#include "ledd/server/route_info.h"
#include "ledd/store/model.h"

namespace ledd::server {

inline constexpr char kSessionCookie[] = "ledd_session";

enum class Auth {
  kNone,      // Anyone; no session is looked up.
  kRequired,  // A live session; 401 without.
};

// What a handler sees of one request.
class Call {
 public:
  Call(const httplib::Request& request, std::optional<store::Session> session, bool via_cookie)
      : request_(request), session_(std::move(session)), via_cookie_(via_cookie) {}

  const httplib::Request& request() const { return request_; }
  // The caller's session; present on kRequired routes.
  const std::optional<store::Session>& session() const { return session_; }
  MemberId caller() const { return session_ ? session_->member : 0; }
  bool via_cookie() const { return via_cookie_; }
  // The i-th group of the route's pattern (1-based).
  std::string Match(size_t i) const {
    return i < request_.matches.size() ? request_.matches[i].str() : "";
  }
  // The body as a JSON object; InvalidArgument for anything else.
  absl::StatusOr<Json> JsonBody() const;
  // The URL query parameters as a JSON object of strings, for query_json.h. Only keys
  // in `allowed` may appear (InvalidArgument names the first other one), each once.
  absl::StatusOr<Json> QueryParams(const std::vector<std::string>& allowed) const;
  // The client's address, for rate limits.
  const std::string& address() const { return request_.remote_addr; }

 private:
  const httplib::Request& request_;
  std::optional<store::Session> session_;
  bool via_cookie_ = false;
};

struct Reply {
  int status = 200;
  Json body = Json::object();
  std::vector<std::pair<std::string, std::string>> headers;
};

using RouteHandler = std::function<absl::StatusOr<Reply>(const Call& call)>;

// A string field of a JSON body: InvalidArgument when it is present but not a string,
// or absent and `required`; "" when absent and optional.
absl::StatusOr<std::string> StringField(const Json& body, const std::string& key, bool required);

// JSON text that never throws: invalid UTF-8 in a string is replaced by U+FFFD.
std::string Dump(const Json& json);

class Router {
 public:
  // `http`, `accounts` and `metrics` must outlive the router.
  Router(httplib::Server& http, Accounts& accounts, Metrics& metrics)
      : http_(http), accounts_(accounts), metrics_(metrics) {}

  // `label` names the route in metrics ("/api/v1/members/{id}"); `pattern` is the regex.
  void Get(const std::string& label, const std::string& pattern, Auth auth, RouteHandler handler);
  void Post(const std::string& label, const std::string& pattern, Auth auth,
            RouteHandler handler);
  void Put(const std::string& label, const std::string& pattern, Auth auth, RouteHandler handler);
  void Delete(const std::string& label, const std::string& pattern, Auth auth,
              RouteHandler handler);
  // A GET whose handler writes its own answer (not JSON, such as /metrics): none of the
  // pipeline above applies, but it is listed in Routes().
  void GetRaw(const std::string& label, const std::string& pattern,
              httplib::Server::Handler handler);

  // Every route added so far, in the order added. Labels of routes with path
  // parameters are their OpenAPI paths, which docs/openapi.json is checked against.
  const std::vector<RouteInfo>& Routes() const { return routes_; }

  Accounts& accounts() { return accounts_; }

 private:
  httplib::Server::Handler Wrap(std::string label, Auth auth, RouteHandler handler);
  void Note(const char* method, const std::string& label, const std::string& pattern);

  httplib::Server& http_;
  Accounts& accounts_;
  Metrics& metrics_;
  std::vector<RouteInfo> routes_;
};

// Makes cpp-httplib answer `request` in full, ignoring its Range header, as RFC 9110
// lets a server do: the API's answers are small documents made per request. Without it
// cpp-httplib 0.11.4 cuts a body whose status the handler set (every routed answer,
// every error) to the range and still sends that status, so a 200 carries a piece of a
// JSON document. `request` must be the request cpp-httplib is answering: its own
// object, which it hands to handlers by const reference.
void IgnoreRange(const httplib::Request& request);

// Marks the calling worker thread's current request as routed (the router records its
// metrics itself); the server's logger records the others as "unmatched".
bool TakeRoutedFlag();

}  // namespace ledd::server
