#pragma once
// `ledd serve`: the JSON HTTP API over the store and the live network (issue 5), on
// the event-driven HTTP server of http_server.h (Boost.Beast and Asio; see there and
// docs/architecture.md for why: a thread-per-connection server lets a few idle or slow
// clients hold every worker).
//
// Lifecycle: Create() sets the server up; Bind() takes the port (0 = a free one), and
// the metrics port when asked for, and returns the main port; Serve() answers requests
// until Stop(), then finishes the requests that have begun before it returns. The
// caller owns the store, the live network and the accounts, and closes them after
// Serve() has returned. A port already in use is an error: two servers never share one.
//
// Limits (http_server.h has the details): the request head must arrive within
// header_timeout, the body within body_timeout; an idle keep-alive connection is closed
// after keep_alive_timeout; a head over max_header_bytes or max_header_fields gets 431,
// a body over max_body_bytes 413 (chunked or not), a malformed request 400; at most
// max_connections are open. Every such answer has the API's JSON error body. Range
// headers are ignored everywhere (RFC 9110 lets a server): an answer is never cut, and
// never larger than the document.
//
// Threads: one I/O thread runs every connection; complete requests go to a pool of
// `threads` workers, so an idle or slow client costs a socket, never a worker.
//
// Who may ask: the Host header must name this server (allowed_hosts; on a loopback
// address only localhost, 127.0.0.1, [::1] and the listen host by default), which
// defeats DNS rebinding: 421 otherwise. X-Forwarded-For is believed only from the
// trusted_proxies; Call::address() is then the first address from the right that is
// not a trusted proxy. /metrics is not on the main listener: with metrics_port set, a
// second listener answers /metrics and /healthz (for a network the public cannot reach).
//
// The web UI: when options.web_root is a directory (the built web/dist), its files are
// served at "/" by GET and HEAD (the same headers for both), before the routes are
// looked at. Files under assets/ have content hashes in their names and are cached for
// a year; everything else (index.html) is revalidated on every load. The directory may
// not hold the names the API answers under ("api", "healthz", "metrics"), so a file can
// never shadow a route. A path never leaves the directory: "..", "." and empty segments
// are not looked up, a NUL ("%00") is refused (400) before anything is, and a symbolic
// link that points outside is not followed. Without the directory the API is served as
// usual and "/" answers a short page that says the UI is not there.
//
// Thread-safety: Stop() may be called from any thread, at any time (also before
// Serve() or after it returned); ServeForTesting() from any thread; everything else
// from the owning thread.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/server/accounts.h"
#include "ledd/server/mail_sender.h"
#include "ledd/server/route_info.h"
#include "ledd/service/live_network.h"
#include "ledd/store/store.h"

namespace ledd::server {

// A demo account the sign-in page lists (GET /api/v1/demo-accounts): only for demo
// networks, as the password is served to anyone who asks.
struct DemoAccount {
  std::string email;
  std::string password;
  std::string name;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (Bind() returns it).
  int threads = 0;  // Worker threads; 0 = 4 per core.
  // Of those, the handlers that run at once (HandlerPool): 0 = one per core; -1 = every
  // worker thread, for a store across the network, where handlers mostly wait on it.
  int running_handlers = 0;
  size_t max_body_bytes = 64 * 1024;
  size_t max_header_bytes = 16 * 1024;  // The whole request head.
  size_t max_header_fields = 100;
  int header_timeout_seconds = 10;
  int body_timeout_seconds = 30;
  int write_timeout_seconds = 10;
  int keep_alive_timeout_seconds = 5;
  int keep_alive_max = 100;  // Requests per connection.
  size_t max_connections = 10'000;
  // A second listener for /metrics and /healthz; metrics_port < 0: none, 0: any port.
  std::string metrics_host = "127.0.0.1";
  int metrics_port = -1;
  // Names the Host header may carry (no port); see above for the default.
  std::vector<std::string> allowed_hosts;
  // Addresses or CIDR ranges ("10.0.0.0/8", "::1") of proxies whose X-Forwarded-For
  // is believed.
  std::vector<std::string> trusted_proxies;
  bool secure_cookies = false;                  // Mark the session cookie Secure (behind TLS).
  Timestamp session_lifetime = 14 * 24 * 3600;  // The cookie's Max-Age.
  // Where members reach this server ("https://ledd.example.org": scheme and host, no
  // path), for the links the API hands out (an email invitation's sign-up link). ""
  // = each request's Host header, over https when secure_cookies, else http: right
  // when members reach the server directly; set it behind a proxy that changes the
  // Host or terminates TLS. InvalidArgument from Create() for anything else.
  std::string public_url;
  // The built web UI (web/dist) to serve at "/"; "" or a missing directory: none.
  std::string web_root;
  // Listed by GET /api/v1/demo-accounts; empty outside a demo.
  std::vector<DemoAccount> demo_accounts;
  // The sender of queued mail, whose metrics /metrics shows; null when no SMTP server
  // is configured (then /metrics shows only ledd_mail_queued). Not owned; must outlive
  // the server.
  const MailSender* mail_sender = nullptr;
  // Data rights (service/data_rights.h): how long a requested account deletion waits
  // before the erasure, and how often the erasure job looks for due ones (0: no job;
  // `ledd accounts erase-due` then erases them).
  Timestamp deletion_grace_seconds = 14 * 24 * 3600;
  double erase_interval_seconds = 60;
};

// The web root `ledd serve` uses unless told otherwise: the installed UI beside the
// binary (<prefix>/share/ledd/web for <prefix>/bin/ledd, found through /proc/self/exe)
// when it holds an index.html; else web/dist in the source tree this binary was built
// from (LEDD_DEFAULT_WEB_ROOT, set by CMake), so that build/ledd finds the UI that
// `make build` built; else the installed place, so that the "no web UI" notice names it.
std::string DefaultWebRoot();

class Server {
 public:
  // `store`, `live` and `accounts` must outlive the server. InvalidArgument when
  // options.web_root holds a file or folder named like an API prefix (see above), or
  // for a trusted proxy that is not an address or CIDR range.
  static absl::StatusOr<std::unique_ptr<Server>> Create(store::Store& store,
                                                        service::LiveNetwork& live,
                                                        Accounts& accounts,
                                                        const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening sockets; returns the main port. Unavailable, naming the
  // address and the reason, when it cannot (e.g. the port is in use).
  absl::StatusOr<int> Bind();
  // The metrics listener's port after Bind(); -1 without one.
  int metrics_port() const;
  // Serves until Stop(); returns once the requests in flight are answered.
  absl::Status Serve();
  // Stops accepting; Serve() returns when in-flight requests are done. Idempotent.
  // Not async-signal-safe: call it from a thread that waits for signals (sigwait).
  void Stop();

  // Every route the server answers, in the order registered.
  const std::vector<RouteInfo>& Routes() const;

  // For tests and fuzzing (fuzz/server_fuzz.cc): answers the first raw HTTP/1.1
  // request in `raw_request` (request line, headers, body) with the same Beast parser,
  // limits, routes and error bodies as Serve(), on the calling thread and without a
  // socket (the peer is 127.0.0.1). Returns the bytes the server writes: status line,
  // headers and body; "" when `raw_request` is empty. Needs neither Bind() nor Serve(),
  // and may run beside Serve() as its handlers do.
  std::string ServeForTesting(std::string_view raw_request);
  // The same, as the metrics listener answers (/metrics, /healthz).
  std::string ServeMetricsForTesting(std::string_view raw_request);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ledd::server
