#pragma once
// The API's request pipeline, between the HTTP server (http_server.h) and the route
// handlers. A route is a
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
//   4. the answer: JSON with no-store caching (or the reply's bytes with their content
//      type, such as a photo; a reply's headers replace the defaults of the same
//      name), or ToHttpError's status and body;
//   5. metrics under the route's label.
//
// Routes are regexes (std::regex) over the whole path in its matching form
// (http_message.h: percent-decoded, but "%2F" and "%25" kept): a pattern like
// R"(/api/v1/members/(\d+))" leaves its groups in Call::Match(i), percent-decoded, so
// a saved search named "a/b" (sent as "a%2Fb") is one group holding "a/b".
//
// Before the handler, a POST or PUT with a body must say "Content-Type:
// application/json" (415 otherwise): an HTML form on another site can post
// urlencoded, multipart or text bodies without a CORS preflight, but not JSON, so
// this is what keeps a cross-site form from signing a browser in (login CSRF). A route
// that takes an upload names its own media types and body limit (RouteOptions); the
// server asks BodyLimit() for each request's limit once its head has arrived.
//
// Thread-safety: routes are added before serving; Dispatch() runs on the server's
// worker threads concurrently, so handlers must be thread-safe.

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ledd/server/accounts.h"
#include "ledd/server/http_message.h"
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
  Call(const HttpRequest& request, std::vector<std::string> matches,
       std::optional<store::Session> session, bool via_cookie)
      : request_(request),
        matches_(std::move(matches)),
        session_(std::move(session)),
        via_cookie_(via_cookie) {}

  // The value of the request's first header `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const { return request_.Header(name); }
  const std::string& method() const { return request_.method; }
  // The caller's session; present on kRequired routes.
  const std::optional<store::Session>& session() const { return session_; }
  MemberId caller() const { return session_ ? session_->member : 0; }
  bool via_cookie() const { return via_cookie_; }
  // The i-th group of the route's pattern (1-based), percent-decoded.
  std::string Match(size_t i) const { return i < matches_.size() ? matches_[i] : ""; }
  // The body as a JSON object; InvalidArgument for anything else.
  absl::StatusOr<Json> JsonBody() const;
  // The raw body (for routes with RouteOptions::body_types).
  const std::string& body() const { return request_.body; }
  // The URL query parameters as a JSON object of strings, for query_json.h. Only keys
  // in `allowed` may appear (InvalidArgument names the first other one), each once.
  absl::StatusOr<Json> QueryParams(const std::vector<std::string>& allowed) const;
  // The client's address, for rate limits: the peer, or the client a trusted proxy
  // named in X-Forwarded-For.
  const std::string& address() const { return request_.remote_addr; }

 private:
  const HttpRequest& request_;
  std::vector<std::string> matches_;  // [0] is the whole path.
  std::optional<store::Session> session_;
  bool via_cookie_ = false;
};

// What a route takes beyond the default: a JSON body within the server's
// max_body_bytes.
struct RouteOptions {
  // The largest body this route takes, in bytes, instead of the server's max_body_bytes
  // (413 beyond); 0 keeps the server's.
  size_t max_body_bytes = 0;
  // The media types (lower case, no parameters) its body may be sent as, instead of
  // application/json. None may be one that a cross-site HTML form can send without a
  // preflight (text/plain, multipart/form-data, application/x-www-form-urlencoded).
  std::vector<std::string> body_types;
};

struct Reply {
  int status = 200;
  Json body = Json::object();
  // Each replaces the pipeline's header of that name (Cache-Control), or is added.
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the answer is these bytes with `content_type` (an image) instead of
  // `body` as JSON. Empty bytes and content type for a 304.
  std::optional<std::string> bytes;
  std::string content_type;
};

using RouteHandler = std::function<absl::StatusOr<Reply>(const Call& call)>;
// A handler that writes its own answer (not JSON, such as /metrics).
using RawHandler = std::function<void(const HttpRequest& request, HttpResponse& response)>;

// A string field of a JSON body: InvalidArgument when it is present but not a string,
// or absent and `required`; "" when absent and optional.
absl::StatusOr<std::string> StringField(const Json& body, const std::string& key, bool required);

// JSON text that never throws: invalid UTF-8 in a string is replaced by U+FFFD.
std::string Dump(const Json& json);

class Router {
 public:
  // `accounts` and `metrics` must outlive the router.
  Router(Accounts& accounts, Metrics& metrics) : accounts_(accounts), metrics_(metrics) {}

  // `label` names the route in metrics ("/api/v1/members/{id}"); `pattern` is the regex.
  void Get(const std::string& label, const std::string& pattern, Auth auth, RouteHandler handler);
  void Post(const std::string& label, const std::string& pattern, Auth auth, RouteHandler handler,
            const RouteOptions& options = {});
  void Put(const std::string& label, const std::string& pattern, Auth auth, RouteHandler handler,
           const RouteOptions& options = {});
  // PATCH: a partial change with a JSON body, checked as POST and PUT bodies are.
  void Patch(const std::string& label, const std::string& pattern, Auth auth,
             RouteHandler handler);
  void Delete(const std::string& label, const std::string& pattern, Auth auth,
              RouteHandler handler);
  // A GET whose handler writes its own answer (not JSON, such as /metrics): none of the
  // pipeline above applies, but it is listed in Routes().
  void GetRaw(const std::string& label, const std::string& pattern, RawHandler handler);

  // Answers `request` with the first route whose method and pattern match (a HEAD
  // request takes the GET route and its answer loses the body below). False, with
  // `response` untouched, when no route matches: the caller answers 404 and records it.
  bool Dispatch(const HttpRequest& request, HttpResponse& response) const;

  // The body limit of a request to `path` (matching form) by `method`: the
  // max_body_bytes of the route it goes to, or 0 (the server's) when that route has
  // none or no route matches. Cheap: only routes with their own limit are looked at.
  size_t BodyLimit(const std::string& method, const std::string& path) const;

  // Every route added so far, in the order added. Labels of routes with path
  // parameters are their OpenAPI paths, which docs/openapi.json is checked against.
  const std::vector<RouteInfo>& Routes() const { return routes_; }

  Accounts& accounts() { return accounts_; }

 private:
  // What every route's handler is wrapped in: the pipeline above.
  using Wrapped = std::function<void(const HttpRequest& request, std::vector<std::string> matches,
                                     HttpResponse& response)>;
  struct Route {
    std::string method;
    std::regex pattern;
    Wrapped handler;
    size_t max_body_bytes = 0;
  };

  Wrapped Wrap(std::string label, Auth auth, RouteHandler handler,
               std::vector<std::string> body_types = {});
  void Add(const char* method, const std::string& label, const std::string& pattern,
           Wrapped handler, size_t max_body_bytes = 0);

  Accounts& accounts_;
  Metrics& metrics_;
  std::vector<RouteInfo> routes_;
  std::vector<Route> table_;
};

}  // namespace ledd::server
