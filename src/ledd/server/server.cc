#include "ledd/server/server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <thread>

#include "absl/time/clock.h"
#include "fmt/format.h"
#include "httplib.h"
#include "ledd/server/api_routes.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/member_routes.h"
#include "ledd/server/metrics.h"
#include "ledd/server/openapi_doc.h"
#include "ledd/server/router.h"
#include "ledd/server/social_routes.h"

namespace ledd::server {
namespace {

const char* ErrorCodeFor(int status) {
  switch (status) {
    case 400: return "INVALID_ARGUMENT";
    case 404: return "NOT_FOUND";
    case 405: return "METHOD_NOT_ALLOWED";
    case 413: return "PAYLOAD_TOO_LARGE";
    case 414: return "URI_TOO_LONG";
    case 416: return "RANGE_NOT_SATISFIABLE";
    default: return status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
  }
}

const char* ErrorMessageFor(int status) {
  switch (status) {
    case 400: return "malformed request";
    case 404: return "no such route";
    case 413: return "the request body is too large";
    case 414: return "the request line is too long";
    default: return status >= 500 ? "internal error" : "request refused";
  }
}

// One connection's bytes in memory: reads come from the request, writes are kept.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view request) : request_(request) {}

  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* buffer, size_t size) override {
    const size_t count = std::min(size, request_.size() - read_);
    std::copy_n(request_.data() + read_, count, buffer);
    read_ += count;
    return static_cast<ssize_t>(count);
  }
  ssize_t write(const char* data, size_t size) override {
    written_.append(data, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  std::string TakeWritten() { return std::move(written_); }

 private:
  std::string_view request_;
  size_t read_ = 0;
  std::string written_;
};

// cpp-httplib's server, plus answering one request from memory (ServeForTesting):
// process_request, which its socket loop calls per request, is protected.
class HttpServer : public httplib::Server {
 public:
  std::string AnswerFromMemory(std::string_view raw_request) {
    MemoryStream stream(raw_request);
    bool connection_closed = false;
    process_request(stream, /*close_connection=*/true, connection_closed, nullptr);
    return stream.TakeWritten();
  }
};

// Names at the top of the web root that would shadow the API: cpp-httplib serves a
// mounted file before it looks at the routes.
constexpr const char* kReservedWebNames[] = {"api", "healthz", "metrics"};

// "/" when the web UI is not there: the API still works, and a person who opens the
// site learns why there is nothing to see.
constexpr char kNoWebUiPage[] = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ledd</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto;">
<h1>ledd</h1>
<p>The JSON API is served under <a href="/api/v1/openapi.json">/api/v1</a>, but the web UI
is not: its directory was not found. Build it with <code>make build</code> (it runs
<code>npm run build</code> in <code>web/</code>), or start the server with
<code>--web-root DIR</code> pointing at a built copy of <code>web/dist</code>.</p>
</body></html>
)";

bool IsDirectory(const std::string& path) {
  std::error_code error;
  return !path.empty() && std::filesystem::is_directory(path, error);
}

}  // namespace

struct Server::Impl {
  Impl(store::Store& store, service::LiveNetwork& live, Accounts& accounts,
       const ServerOptions& options)
      : store(store), live(live), accounts(accounts), options(options),
        router(http, accounts, metrics) {}

  store::Store& store;
  service::LiveNetwork& live;
  Accounts& accounts;
  const ServerOptions options;
  HttpServer http;
  Metrics metrics;
  Router router;
  Json openapi;  // docs/openapi.json, parsed once.
  std::atomic<bool> bound{false};
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> finished{false};
  std::atomic<bool> stopped{false};

  std::string RenderMetrics() const {
    std::string out = metrics.Render();
    std::shared_ptr<const graph::Snapshot> snapshot = live.Current();
    const double age = absl::ToDoubleSeconds(absl::Now() - live.PublishedAt());
    out += "# HELP ledd_network_members Members in the published network snapshot.\n";
    out += "# TYPE ledd_network_members gauge\n";
    out += fmt::format("ledd_network_members {}\n", snapshot->NodeCount());
    out += "# HELP ledd_network_connections Connections in the published network snapshot.\n";
    out += "# TYPE ledd_network_connections gauge\n";
    out += fmt::format("ledd_network_connections {}\n", snapshot->ConnectionCount());
    out += "# HELP ledd_snapshot_age_seconds Time since the network snapshot was published.\n";
    out += "# TYPE ledd_snapshot_age_seconds gauge\n";
    out += fmt::format("ledd_snapshot_age_seconds {:.3f}\n", age);
    out += "# HELP ledd_network_last_event The last store event the network reflects.\n";
    out += "# TYPE ledd_network_last_event gauge\n";
    out += fmt::format("ledd_network_last_event {}\n", live.LastAppliedEvent());
    return out;
  }

  void Configure() {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads) : 4 * cores;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(options.read_timeout_seconds, 0);
    http.set_write_timeout(options.write_timeout_seconds, 0);
    http.set_keep_alive_timeout(options.keep_alive_timeout_seconds);
    http.set_keep_alive_max_count(static_cast<size_t>(options.keep_alive_max));
    http.set_tcp_nodelay(true);

    // Answers cpp-httplib makes itself (unknown route 404, 413, malformed request 400)
    // get the API's error body; a route's own errors already have one.
    // Requests no route took are counted here, before the answer is written: cpp-httplib
    // calls the logger only after writing, so a client could read /metrics before the
    // count it caused. Every such answer is an error status, so it passes through here.
    http.set_error_handler([this](const httplib::Request& request, httplib::Response& response) {
      IgnoreRange(request);  // An error body is never cut to a Range.
      if (!TakeRoutedFlag()) metrics.Record("unmatched", request.method, response.status, -1);
      if (!response.body.empty()) return;
      response.set_content(Dump(MakeHttpError(response.status, ErrorCodeFor(response.status),
                                              ErrorMessageFor(response.status))
                                    .body),
                           "application/json");
    });
    // Routes catch their own; this is for anything thrown around them.
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
          response.status = 500;
          response.set_content(Dump(MakeHttpError(500, "INTERNAL", "internal error").body),
                               "application/json");
        });
    // A routed answer without an error never reaches the error handler: reset its flag.
    http.set_logger([](const httplib::Request&, const httplib::Response&) { TakeRoutedFlag(); });

    router.Get("/healthz", "/healthz", Auth::kNone, [this](const Call&) -> absl::StatusOr<Reply> {
      return Reply{.body = {{"status", "ok"},
                            {"members", live.Current()->NodeCount()},
                            {"last_event", live.LastAppliedEvent()}}};
    });
    // Prometheus text, not JSON: a plain handler beside the router's.
    router.GetRaw("/metrics", "/metrics", [this](const httplib::Request& request,
                                                 httplib::Response& response) {
      const auto start = std::chrono::steady_clock::now();
      response.set_content(RenderMetrics(), "text/plain; version=0.0.4; charset=utf-8");
      TakeRoutedFlag();
      metrics.Record("/metrics", request.method, 200,
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                         .count());
    });
    router.Get("/api/v1/openapi.json", "/api/v1/openapi.json", Auth::kNone,
               [this](const Call&) -> absl::StatusOr<Reply> { return Reply{.body = openapi}; });
    AddAccountRoutes(router, store,
                     {.secure = options.secure_cookies, .max_age = options.session_lifetime});
    AddQueryRoutes(router, store, live);
    AddSocialRoutes(router, store, live);
    AddInvitationRoutes(router, store, live);
    AddProfileRoutes(router, store, live);
    router.Get("/api/v1/demo-accounts", "/api/v1/demo-accounts", Auth::kNone,
               [this](const Call&) -> absl::StatusOr<Reply> {
                 Json accounts = Json::array();
                 for (const DemoAccount& account : options.demo_accounts) {
                   accounts.push_back({{"email", account.email},
                                       {"password", account.password},
                                       {"name", account.name}});
                 }
                 return Reply{.body = {{"accounts", std::move(accounts)}}};
               });
    ConfigureWebUi();
  }

  // The files of options.web_root at "/" (see server.h for the caching rules).
  void ConfigureWebUi() {
    if (!IsDirectory(options.web_root) || !http.set_mount_point("/", options.web_root)) {
      // Not through the router: this is not an API route, and not in the OpenAPI document.
      http.Get("/", [](const httplib::Request&, httplib::Response& response) {
        response.set_header("Cache-Control", "no-cache");
        response.set_content(kNoWebUiPage, "text/html; charset=utf-8");
      });
      return;
    }
    http.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
    http.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
    http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
    http.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
    http.set_file_extension_and_mimetype_mapping("json", "application/json");
    http.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
    http.set_file_extension_and_mimetype_mapping("woff2", "font/woff2");
    http.set_file_extension_and_mimetype_mapping("txt", "text/plain; charset=utf-8");
    // Called once a file has been found and read, before the answer is written.
    http.set_file_request_handler([](const httplib::Request& request,
                                     httplib::Response& response) {
      const bool hashed = request.path.rfind("/assets/", 0) == 0;
      response.set_header("Cache-Control",
                          hashed ? "public, max-age=31536000, immutable" : "no-cache");
      response.set_header("X-Content-Type-Options", "nosniff");
      response.set_header("Referrer-Policy", "same-origin");
      response.set_header("X-Frame-Options", "DENY");
      // Everything is bundled: no script, style, font or image from anywhere else.
      response.set_header("Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data: blob:; "
                          "style-src 'self' 'unsafe-inline'; object-src 'none'; "
                          "base-uri 'none'; frame-ancestors 'none'");
    });
  }
};

std::string DefaultWebRoot() { return LEDD_DEFAULT_WEB_ROOT; }

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

absl::StatusOr<std::unique_ptr<Server>> Server::Create(store::Store& store,
                                                       service::LiveNetwork& live,
                                                       Accounts& accounts,
                                                       const ServerOptions& options) {
  if (options.max_body_bytes == 0) return absl::InvalidArgumentError("max_body_bytes is 0");
  if (IsDirectory(options.web_root)) {
    for (const char* name : kReservedWebNames) {
      std::error_code error;
      if (std::filesystem::exists(std::filesystem::path(options.web_root) / name, error)) {
        return absl::InvalidArgumentError(
            fmt::format("the web root {} holds \"{}\", which would hide the API's routes",
                        options.web_root, name));
      }
    }
  }
  auto impl = std::make_unique<Impl>(store, live, accounts, options);
  const std::string_view document = OpenApiDocument();
  impl->openapi = Json::parse(document.begin(), document.end(), nullptr,
                              /*allow_exceptions=*/false);
  if (!impl->openapi.is_object()) {
    return absl::InternalError("the built-in OpenAPI document is not a JSON object");
  }
  impl->Configure();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

absl::StatusOr<int> Server::Bind() {
  int port = 0;
  if (impl_->options.port == 0) {
    port = impl_->http.bind_to_any_port(impl_->options.host);
  } else if (impl_->http.bind_to_port(impl_->options.host, impl_->options.port)) {
    port = impl_->options.port;
  } else {
    port = -1;
  }
  if (port <= 0) {
    return absl::UnavailableError(fmt::format("cannot listen on {}:{}", impl_->options.host,
                                              impl_->options.port));
  }
  impl_->bound = true;
  return port;
}

absl::Status Server::Serve() {
  if (!impl_->bound) return absl::FailedPreconditionError("Serve() before Bind()");
  bool served = true;
  if (!impl_->stop_requested.load()) served = impl_->http.listen_after_bind();
  impl_->finished.store(true);
  // listen_after_bind() is false when the socket failed, but also when Stop() closed it.
  if (!served && !impl_->stop_requested.load()) {
    return absl::UnavailableError("the listening socket failed");
  }
  return absl::OkStatus();
}

const std::vector<RouteInfo>& Server::Routes() const { return impl_->router.Routes(); }

std::string Server::ServeForTesting(std::string_view raw_request) {
  return impl_->http.AnswerFromMemory(raw_request);
}

void Server::Stop() {
  impl_->stop_requested.store(true);
  // cpp-httplib's stop() does nothing until the accept loop runs, so a Stop() that
  // comes between Serve()'s check and the loop's start waits for the loop. It must
  // run once: a second call finds the socket already closed.
  while (!impl_->finished.load() && !impl_->http.is_running()) {
    if (!impl_->bound) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!impl_->finished.load() && !impl_->stopped.exchange(true)) impl_->http.stop();
}

}  // namespace ledd::server
