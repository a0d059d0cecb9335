#pragma once
// `ledd serve`: the JSON HTTP API over the store and the live network (issue 5), on
// cpp-httplib (see docs/architecture.md for why).
//
// Lifecycle: Create() sets the server up; Bind() takes the port (0 = a free one) and
// returns it; Serve() accepts requests on a pool of worker threads until Stop(), then
// waits for the requests in flight before it returns. The caller owns the store, the
// live network and the accounts, and closes them after Serve() has returned.
//
// Limits: request bodies over max_body_bytes get 413; request lines and header lines
// over 8 KiB are refused by cpp-httplib itself (a compile-time limit of the Debian
// build); a connection that sends nothing for read_timeout, or cannot be written to for
// write_timeout, is closed; a keep-alive connection serves at most keep_alive_max
// requests and is closed after keep_alive_timeout idle.
//
// Threads: cpp-httplib serves a connection on one worker from start to close, so an
// idle keep-alive connection holds its worker. The pool is therefore larger than the
// core count (4 per core by default): the cores stay busy with queries while some
// workers wait on idle clients.
//
// The web UI: when options.web_root is a directory (the built web/dist), its files are
// served at "/" by GET and HEAD, before the routes are looked at. Files under assets/
// have content hashes in their names and are cached for a year; everything else
// (index.html) is revalidated on every load. The directory may not hold the names the
// API answers under ("api", "healthz", "metrics"), so a file can never shadow a route.
// Without the directory the API is served as usual and "/" answers a short page that
// says the UI is not there.
//
// Thread-safety: Stop() may be called from any thread, at any time (also before
// Serve() or after it returned); everything else from the owning thread.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/server/accounts.h"
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
  int port = 8080;      // 0 = any free port (Bind() returns it).
  int threads = 0;      // Worker threads; 0 = 4 per core.
  size_t max_body_bytes = 64 * 1024;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_timeout_seconds = 5;
  int keep_alive_max = 100;
  bool secure_cookies = false;  // Mark the session cookie Secure (behind TLS).
  Timestamp session_lifetime = 14 * 24 * 3600;  // The cookie's Max-Age.
  // The built web UI (web/dist) to serve at "/"; "" or a missing directory: none.
  std::string web_root;
  // Listed by GET /api/v1/demo-accounts; empty outside a demo.
  std::vector<DemoAccount> demo_accounts;
};

// The web root `ledd serve` uses unless told otherwise: web/dist in the source tree this
// binary was built from (LEDD_DEFAULT_WEB_ROOT, set by CMake), so that build/ledd finds
// the UI that `make build` built. A deployment passes --web-root instead.
std::string DefaultWebRoot();

class Server {
 public:
  // `store`, `live` and `accounts` must outlive the server. InvalidArgument when
  // options.web_root holds a file or folder named like an API prefix (see above).
  static absl::StatusOr<std::unique_ptr<Server>> Create(store::Store& store,
                                                        service::LiveNetwork& live,
                                                        Accounts& accounts,
                                                        const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port. Unavailable when it cannot.
  absl::StatusOr<int> Bind();
  // Serves until Stop(); returns once the requests in flight are answered.
  absl::Status Serve();
  // Stops accepting; Serve() returns when in-flight requests are done. Idempotent.
  // Not async-signal-safe: call it from a thread that waits for signals (sigwait).
  void Stop();

  // Every route the server answers, in the order registered.
  const std::vector<RouteInfo>& Routes() const;

  // For tests and fuzzing (fuzz/server_fuzz.cc): answers one raw HTTP/1.1 request
  // (request line, headers, body) with the same parser, limits, routes and error bodies
  // as Serve(), on the calling thread and without a socket. Returns the bytes the server
  // wrote: status line, headers and body (after an interim "100 Continue" when the
  // request expects one); "" when `raw_request` is empty. Needs neither Bind() nor
  // Serve(), and may run beside Serve() as its handlers do.
  std::string ServeForTesting(std::string_view raw_request);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ledd::server
