#include "ledd/server/server.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

#include "absl/time/clock.h"
#include "boost/asio/ip/address.hpp"
#include "boost/asio/ip/network_v4.hpp"
#include "boost/asio/ip/network_v6.hpp"
#include "fmt/format.h"
#include "ledd/query/search.h"
#include "ledd/server/api_routes.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/http_server.h"
#include "ledd/server/member_routes.h"
#include "ledd/server/metrics.h"
#include "ledd/server/moderation_routes.h"
#include "ledd/server/notify_routes.h"
#include "ledd/server/openapi_doc.h"
#include "ledd/server/photo_routes.h"
#include "ledd/server/router.h"
#include "ledd/server/social_routes.h"

namespace ledd::server {
namespace {

// Position tokens: a write through one replica answers with the log position every
// write committed before its answer stands at ("XID.ID", Store::CurrentPosition), as a
// header and a cookie; a request that carries one (header first) is answered only once
// this replica's network has reached it, so a client moving between replicas behind a
// load balancer sees its own writes.
constexpr char kPositionHeader[] = "Ledd-Position";
constexpr char kPositionCookie[] = "ledd_position";
constexpr absl::Duration kPositionWait = absl::Seconds(2);

std::string FormatPosition(const store::EventPosition& position) {
  return fmt::format("{}.{}", position.xid, position.id);
}

std::optional<store::EventPosition> ParsePosition(std::string_view text) {
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  store::EventPosition position;
  const std::string_view xid = text.substr(0, dot);
  const std::string_view id = text.substr(dot + 1);
  auto parse = [](std::string_view digits, int64_t& out) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return error == std::errc() && end == digits.data() + digits.size() && out >= 0;
  };
  if (!parse(xid, position.xid) || !parse(id, position.id)) return std::nullopt;
  return position;
}

namespace ip = boost::asio::ip;

// Names at the top of the web root that would shadow the API: files are served before
// the routes are looked at.
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

// The content types of the files a built web UI holds; others are octet streams.
constexpr std::pair<const char*, const char*> kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".map", "application/json"},
    {".wasm", "application/wasm"},
};

std::string ContentTypeOf(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  for (const auto& [suffix, type] : kContentTypes) {
    if (extension == suffix) return type;
  }
  return "application/octet-stream";
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A host name as compared: lower case, without brackets around an IPv6 address and
// without a trailing dot.
std::string NormalHost(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return Lower(host);
}

// The host of a Host header value ("example.org:8080", "[::1]:80"), normalised.
std::string HostOfHeader(std::string_view value) {
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (!value.empty() && value.front() == '[') {
    const size_t close = value.find(']');
    return close == std::string_view::npos ? Lower(value) : NormalHost(value.substr(0, close + 1));
  }
  const size_t colon = value.find(':');
  return NormalHost(value.substr(0, colon));
}

// An address as the server compares it: IPv4-mapped IPv6 as IPv4.
std::optional<ip::address> ParseAddress(std::string_view text) {
  boost::system::error_code error;
  std::string name(text);
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  ip::address address = ip::make_address(name, error);
  if (error) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

bool IsLoopbackHost(const std::string& host) {
  if (NormalHost(host) == "localhost") return true;
  const std::optional<ip::address> address = ParseAddress(host);
  return address && address->is_loopback();
}

// A range of addresses: "10.0.0.0/8", "fd00::/8", or one address.
struct Cidr {
  ip::address network;
  int prefix = 0;

  bool Contains(const ip::address& address) const {
    if (address.is_v4() != network.is_v4()) return false;
    const auto bytes = [](const ip::address& a) {
      std::array<unsigned char, 16> out{};
      if (a.is_v4()) {
        const auto v4 = a.to_v4().to_bytes();
        std::copy(v4.begin(), v4.end(), out.begin());
      } else {
        out = a.to_v6().to_bytes();
      }
      return out;
    };
    const auto want = bytes(network);
    const auto have = bytes(address);
    int bits = prefix;
    for (size_t i = 0; bits > 0; ++i, bits -= 8) {
      const unsigned mask = bits >= 8 ? 0xFFu : (0xFFu << (8 - bits)) & 0xFFu;
      if ((want[i] & mask) != (have[i] & mask)) return false;
    }
    return true;
  }
};

absl::StatusOr<Cidr> ParseCidr(const std::string& text) {
  const size_t slash = text.find('/');
  const std::optional<ip::address> address = ParseAddress(text.substr(0, slash));
  const auto refuse = [&text] {
    return absl::InvalidArgumentError(
        fmt::format("--trusted-proxy wants an address or CIDR range, not \"{}\"", text));
  };
  if (!address) return refuse();
  const int max_prefix = address->is_v4() ? 32 : 128;
  int prefix = max_prefix;
  if (slash != std::string::npos) {
    const std::string digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return refuse();
    prefix = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return refuse();
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > max_prefix) return refuse();
  }
  return Cidr{.network = *address, .prefix = prefix};
}

HttpResponse MisdirectedRequest() {
  return JsonErrorResponse(421, "MISDIRECTED_REQUEST", "this server does not answer for that Host");
}

HttpResponse NoSuchRoute() { return JsonErrorResponse(404, "NOT_FOUND", "no such route"); }

bool IsDirectory(const std::string& path) {
  std::error_code error;
  return !path.empty() && std::filesystem::is_directory(path, error);
}

}  // namespace

struct Server::Impl {
  Impl(store::Store& store, service::LiveNetwork& live, Accounts& accounts,
       const ServerOptions& options)
      : store(store),
        live(live),
        accounts(accounts),
        options(options),
        rights(store, &live,
               {.grace_seconds = options.deletion_grace_seconds,
                .on_erased = [&accounts](MemberId member) { accounts.ForgetSessions(member); }}),
        router(accounts, metrics),
        metrics_router(accounts, metrics),
        http(Limits(options), WorkerThreads(options), RunningHandlers(options)) {}

  static HttpLimits Limits(const ServerOptions& options) {
    using std::chrono::seconds;
    return HttpLimits{
        .max_body_bytes = options.max_body_bytes,
        .max_header_bytes = options.max_header_bytes,
        .max_header_fields = options.max_header_fields,
        .header_timeout = seconds(options.header_timeout_seconds),
        .body_timeout = seconds(options.body_timeout_seconds),
        .write_timeout = seconds(options.write_timeout_seconds),
        .keep_alive_timeout = seconds(options.keep_alive_timeout_seconds),
        .keep_alive_max = options.keep_alive_max,
        .max_connections = options.max_connections,
    };
  }

  // More workers than cores: handlers wait on SQLite (one connection behind a mutex)
  // as well as compute. Idle clients no longer hold workers, so this is only about
  // keeping the cores busy.
  static int Cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

  static int WorkerThreads(const ServerOptions& options) {
    return options.threads > 0 ? options.threads : 4 * Cores();
  }

  // Handlers that only compute, as most do on the embedded store, are fastest with one
  // running per core; the pool lets another run when one waits or runs long.
  static int RunningHandlers(const ServerOptions& options) {
    if (options.running_handlers < 0) return WorkerThreads(options);
    return options.running_handlers > 0 ? options.running_handlers : Cores();
  }

  store::Store& store;
  service::LiveNetwork& live;
  Accounts& accounts;
  const ServerOptions options;
  service::DataRights rights;  // Its erasure thread stops before the store goes.
  Metrics metrics;
  Router router;
  Router metrics_router;  // /metrics and /healthz, on the metrics listener.
  HttpService main_service;
  HttpService metrics_service;
  Json openapi;  // docs/openapi.json, parsed once.
  std::vector<Cidr> trusted_proxies;
  std::shared_ptr<const MailLinks> links;  // Unsubscribe links (mail_links.h).
  std::vector<std::string> main_hosts;     // Empty: any Host.
  std::vector<std::string> metrics_hosts;  // Empty: any Host.
  std::filesystem::path web_root;          // Canonical; empty without the web UI.
  bool bound = false;
  int metrics_port = -1;
  // Last, so that it goes first: its threads call into everything above.
  HttpServer http;

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
    out += "# HELP ledd_events_behind_seconds Since the network was last level with every "
           "commit made before a poll of the event log.\n"
           "# TYPE ledd_events_behind_seconds gauge\n";
    out += fmt::format("ledd_events_behind_seconds {:.3f}\n",
                       absl::ToDoubleSeconds(live.Behind()));
    out += "# HELP ledd_network_reloads_total Times the network was loaded again because "
           "the event log no longer held what it had applied.\n"
           "# TYPE ledd_network_reloads_total counter\n";
    out += fmt::format("ledd_network_reloads_total {}\n", live.ReloadCount());
    out +=
        "# HELP ledd_handler_stalls_total Times a request handler waited or ran long enough "
        "(5 ms, with requests queued) that another was let run beside the running ones.\n"
        "# TYPE ledd_handler_stalls_total counter\n";
    out += fmt::format("ledd_handler_stalls_total {}\n", http.HandlerStalls());
    const service::ProfileFactsCache::Counters profiles = live.ProfileFactsCounters();
    out +=
        "# HELP ledd_profile_cache_bytes Bytes held by the cache of what profiles show "
        "from the store.\n"
        "# TYPE ledd_profile_cache_bytes gauge\n";
    out += fmt::format("ledd_profile_cache_bytes {}\n", profiles.bytes);
    out +=
        "# HELP ledd_profile_cache_lookups_total Profile reads' lookups in that cache, by "
        "result.\n"
        "# TYPE ledd_profile_cache_lookups_total counter\n";
    out += fmt::format("ledd_profile_cache_lookups_total{{result=\"hit\"}} {}\n", profiles.hits);
    out += fmt::format("ledd_profile_cache_lookups_total{{result=\"miss\"}} {}\n", profiles.misses);
    const query::SearchFilterCacheStats cache = query::SearchFilterCacheStatsNow();
    out +=
        "# HELP ledd_search_filter_cache_bytes Bytes held by the search filter cache "
        "(its member sets and candidate indexes).\n"
        "# TYPE ledd_search_filter_cache_bytes gauge\n";
    out += fmt::format("ledd_search_filter_cache_bytes {}\n", cache.bytes);
    out +=
        "# HELP ledd_search_filter_cache_lookups_total Searches' lookups of their filters in "
        "the cache, by result.\n"
        "# TYPE ledd_search_filter_cache_lookups_total counter\n";
    out += fmt::format("ledd_search_filter_cache_lookups_total{{result=\"hit\"}} {}\n", cache.hits);
    out +=
        fmt::format("ledd_search_filter_cache_lookups_total{{result=\"miss\"}} {}\n", cache.misses);
    out +=
        "# HELP ledd_search_filter_cache_builds_total Member sets and candidate indexes "
        "the cache has built.\n"
        "# TYPE ledd_search_filter_cache_builds_total counter\n";
    out +=
        fmt::format("ledd_search_filter_cache_builds_total{{what=\"set\"}} {}\n", cache.sets_built);
    out += fmt::format("ledd_search_filter_cache_builds_total{{what=\"index\"}} {}\n",
                       cache.indexes_built);
    if (options.mail_sender != nullptr) {
      out += options.mail_sender->Render();
    } else if (absl::StatusOr<int64_t> queued = store.CountQueuedMail(); queued.ok()) {
      out += "# HELP ledd_mail_queued Mail neither sent nor given up.\n";
      out += "# TYPE ledd_mail_queued gauge\n";
      out += fmt::format("ledd_mail_queued {}\n", *queued);
    }
    return out;
  }

  // The Host names a listener on `host` accepts; empty: any.
  std::vector<std::string> AllowedHosts(const std::string& host) const {
    std::vector<std::string> names;
    for (const std::string& name : options.allowed_hosts) names.push_back(NormalHost(name));
    if (IsLoopbackHost(host)) {
      for (const char* name : {"localhost", "127.0.0.1", "::1"}) names.push_back(name);
      names.push_back(NormalHost(host));
    }
    return names;
  }

  static bool HostAllowed(const HttpRequest& request, const std::vector<std::string>& names) {
    if (names.empty()) return true;
    // HTTP/1.0 clients may send no Host; a browser (the DNS rebinding case) always does.
    if (!request.HasHeader("Host")) return true;
    const std::string host = HostOfHeader(request.Header("Host"));
    return std::find(names.begin(), names.end(), host) != names.end();
  }

  bool Trusted(const ip::address& address) const {
    return std::any_of(trusted_proxies.begin(), trusted_proxies.end(),
                       [&address](const Cidr& range) { return range.Contains(address); });
  }

  // The peer, or the client a chain of trusted proxies names: walking X-Forwarded-For
  // from the right (the entry the nearest proxy added), the first address that is not
  // a trusted proxy. A malformed entry ends the walk: what lies left of it is the
  // client's to write.
  std::string ClientAddress(const HttpRequest& request) const {
    const std::optional<ip::address> peer = ParseAddress(request.remote_addr);
    if (!peer || !Trusted(*peer)) return request.remote_addr;
    std::string chain;
    for (const auto& [name, value] : request.headers) {
      if (!EqualsIgnoringCase(name, "X-Forwarded-For")) continue;
      if (!chain.empty()) chain += ',';
      chain += value;
    }
    std::string client = request.remote_addr;
    std::string_view rest = chain;
    while (!rest.empty()) {
      const size_t comma = rest.rfind(',');
      std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
      while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
      while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
      const std::optional<ip::address> address = ParseAddress(entry);
      if (!address) break;
      client = address->to_string();
      if (!Trusted(*address)) break;
    }
    return client;
  }

  // A file of the web root for a GET or HEAD of `request.path`; false when there is
  // none (the routes are looked at next).
  bool ServeFile(const HttpRequest& request, HttpResponse& response) const {
    if (web_root.empty() || (request.method != "GET" && request.method != "HEAD")) return false;
    // The matching form keeps "%2F" and "%25": no file of a built UI has those names.
    if (request.path.find('%') != std::string::npos) return false;
    std::string relative = request.path.substr(1);
    if (relative.empty() || relative.back() == '/') relative += "index.html";
    std::string_view segments = relative;
    while (true) {
      const size_t slash = segments.find('/');
      const std::string_view segment = segments.substr(0, slash);
      if (segment.empty() || segment == "." || segment == "..") return false;
      if (slash == std::string_view::npos) break;
      segments.remove_prefix(slash + 1);
    }
    std::error_code error;
    std::filesystem::path file = std::filesystem::canonical(web_root / relative, error);
    if (error) return false;
    if (std::filesystem::is_directory(file, error)) {
      file = std::filesystem::canonical(file / "index.html", error);
      if (error) return false;
    }
    // A symbolic link inside the root may point anywhere: only what resolves to a
    // file under the root is served.
    const std::string root = web_root.string() + "/";
    if (file.string().rfind(root, 0) != 0) return false;
    if (!std::filesystem::is_regular_file(file, error)) return false;
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    std::ostringstream content;
    content << in.rdbuf();
    response.status = 200;
    response.content_type = ContentTypeOf(file);
    response.body = std::move(content).str();
    const bool hashed = request.path.rfind("/assets/", 0) == 0;
    response.SetHeader("Cache-Control",
                       hashed ? "public, max-age=31536000, immutable" : "no-cache");
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Referrer-Policy", "same-origin");
    response.SetHeader("X-Frame-Options", "DENY");
    // Everything is bundled: no script, style, font or image from anywhere else.
    response.SetHeader("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data: blob:; "
                       "style-src 'self' 'unsafe-inline'; object-src 'none'; "
                       "base-uri 'none'; frame-ancestors 'none'");
    return true;
  }

  void Unmatched(const HttpRequest& request, HttpResponse& response, HttpResponse error) {
    metrics.Record("unmatched", request.method, error.status, -1);
    response = std::move(error);
  }

  // Every request of the main listener, on a worker thread.
  void HandleMain(HttpRequest& request, HttpResponse& response) {
    request.remote_addr = ClientAddress(request);
    if (!HostAllowed(request, main_hosts)) {
      Unmatched(request, response, MisdirectedRequest());
      return;
    }
    // A web root holding "api" is refused at start: an API request looks for no file.
    const bool api = request.path.rfind("/api/", 0) == 0;
    if (!api && ServeFile(request, response)) return;
    if (api && !ReachedClientPosition(request, response)) return;
    if (router.Dispatch(request, response)) {
      if (api) TellPosition(request, response);
      return;
    }
    if (web_root.empty() && request.path == "/" &&
        (request.method == "GET" || request.method == "HEAD")) {
      response.SetHeader("Cache-Control", "no-cache");
      response.content_type = "text/html; charset=utf-8";
      response.body = kNoWebUiPage;
      return;
    }
    Unmatched(request, response, NoSuchRoute());
  }

  // False (with the answer in `response`) when the request carries a position this
  // replica's network has not reached within kPositionWait, or a malformed one.
  bool ReachedClientPosition(const HttpRequest& request, HttpResponse& response) {
    std::string text = request.Header(kPositionHeader);
    const bool from_header = !text.empty();
    if (!from_header) text = request.Cookie(kPositionCookie);
    if (text.empty()) return true;
    std::optional<store::EventPosition> position = ParsePosition(text);
    if (!position) {
      if (!from_header) return true;  // A stale or foreign cookie is no reason to refuse.
      Refuse(request, response,
             absl::InvalidArgumentError(fmt::format(
                 "the {} header must be XID.ID as a write answered, not \"{}\"",
                 kPositionHeader, text)));
      return false;
    }
    if (live.LastApplied() >= *position) return true;
    absl::Status reached = live.WaitFor(*position, kPositionWait);
    if (reached.ok()) return true;
    std::fprintf(stderr, "ledd: request %s %s waits for position %s: %s\n",
                 request.method.c_str(), request.path.c_str(), text.c_str(),
                 std::string(reached.message()).c_str());
    Refuse(request, response,
           WithRetryAfter(absl::UnavailableError(std::string(reached.message())), 1));
    return false;
  }

  void Refuse(const HttpRequest& request, HttpResponse& response, const absl::Status& status) {
    HttpError error = ToHttpError(status);
    HttpResponse answer;
    answer.status = error.status;
    if (error.retry_after) answer.SetHeader("Retry-After", std::to_string(*error.retry_after));
    answer.content_type = "application/json";
    answer.body = Dump(error.body);
    Unmatched(request, response, std::move(answer));
  }

  // After a successful write: the position the client's next requests carry.
  void TellPosition(const HttpRequest& request, HttpResponse& response) {
    if (response.status >= 400 || !IsWriteMethod(request.method)) return;
    absl::StatusOr<store::EventPosition> now = store.CurrentPosition();
    if (!now.ok()) return;  // The write stands; the client only loses the token.
    const std::string text = FormatPosition(*now);
    response.SetHeader(kPositionHeader, text);
    response.headers.emplace_back(
        "Set-Cookie", fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/api/; Max-Age=600{}",
                                  kPositionCookie, text,
                                  options.secure_cookies ? "; Secure" : ""));
  }

  // The metrics listener: its requests are the monitoring's own and not recorded.
  void HandleMetrics(HttpRequest& request, HttpResponse& response) {
    if (!HostAllowed(request, metrics_hosts)) {
      response = MisdirectedRequest();
      return;
    }
    if (metrics_router.Dispatch(request, response)) return;
    response = NoSuchRoute();
  }

  void Configure() {
    main_service.handle = [this](HttpRequest& request, HttpResponse& response) {
      HandleMain(request, response);
    };
    main_service.refused = [this](const std::string& method, int status) {
      metrics.Record("unmatched", method, status, -1);
    };
    // Upload routes have their own body limit (RouteOptions::max_body_bytes).
    main_service.body_limit = [this](const std::string& method,
                                     const std::string& target) -> size_t {
      HttpRequest head;
      if (!ParseTarget(target, head).ok()) return 0;  // Refused (400) once complete.
      return router.BodyLimit(method, head.path);
    };
    metrics_service.handle = [this](HttpRequest& request, HttpResponse& response) {
      HandleMetrics(request, response);
    };
    main_hosts = AllowedHosts(options.host);
    metrics_hosts = AllowedHosts(options.metrics_host);

    const auto healthz = [this](const Call&) -> absl::StatusOr<Reply> {
      return Reply{.body = {{"status", "ok"},
                            {"members", live.Current()->NodeCount()},
                            {"last_event", live.LastAppliedEvent()},
                            {"position", FormatPosition(live.LastApplied())},
                            {"behind_seconds", absl::ToDoubleSeconds(live.Behind())}}};
    };
    metrics_router.Get("/healthz", "/healthz", Auth::kNone, healthz);
    // Prometheus text, not JSON: a plain handler beside the router's.
    metrics_router.GetRaw("/metrics", "/metrics",
                          [this](const HttpRequest&, HttpResponse& response) {
                            response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                            response.body = RenderMetrics();
                          });
    router.Get("/healthz", "/healthz", Auth::kNone, healthz);
    router.Get("/api/v1/openapi.json", "/api/v1/openapi.json", Auth::kNone,
               [this](const Call&) -> absl::StatusOr<Reply> { return Reply{.body = openapi}; });
    const PublicOrigin origin{
        .url = options.public_url.ends_with('/')
                   ? options.public_url.substr(0, options.public_url.size() - 1)
                   : options.public_url,
        .secure = options.secure_cookies};
    AddAccountRoutes(router, store,
                     {.secure = options.secure_cookies, .max_age = options.session_lifetime},
                     origin);
    AddQueryRoutes(router, store, live);
    AddSocialRoutes(router, store, live);
    // Without a mail sender, an email invitation's link is only handed to its sender,
    // who passes it on: no mail with the token waits in the outbox.
    AddInvitationRoutes(router, store, live, origin,
                        options.mail_sender != nullptr ? links : nullptr);
    AddNotifyRoutes(router, store, live, links, {.origin = origin});
    AddProfileRoutes(router, store, live);
    AddImportRoutes(router, store, live);
    AddPhotoRoutes(router, store, live);
    AddDataRoutes(router, store, rights);
    if (options.erase_interval_seconds > 0) {
      rights.StartErasing(absl::Seconds(options.erase_interval_seconds));
    }
    AddModerationRoutes(router, store);
    router.Get(
        "/api/v1/demo-accounts", "/api/v1/demo-accounts", Auth::kNone,
        [this](const Call&) -> absl::StatusOr<Reply> {
          Json accounts = Json::array();
          for (const DemoAccount& account : options.demo_accounts) {
            accounts.push_back(
                {{"email", account.email}, {"password", account.password}, {"name", account.name}});
          }
          return Reply{.body = {{"accounts", std::move(accounts)}}};
        });
    if (IsDirectory(options.web_root)) {
      std::error_code error;
      web_root = std::filesystem::canonical(options.web_root, error);
      if (error) web_root.clear();
    }
  }
};

std::string DefaultWebRoot() {
  // The installed layout first: a packaged binary must not serve the web/dist of the
  // machine it was built on, which may still exist there.
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  std::filesystem::path installed;
  if (!error) {
    installed = (binary.parent_path() / LEDD_INSTALLED_WEB_ROOT).lexically_normal();
    if (std::filesystem::is_regular_file(installed / "index.html", error)) return installed;
  }
  if (std::filesystem::is_directory(LEDD_DEFAULT_WEB_ROOT, error)) return LEDD_DEFAULT_WEB_ROOT;
  // Neither: the installed place, which `ledd serve` names when it finds nothing there.
  return installed.empty() ? std::string(LEDD_DEFAULT_WEB_ROOT) : installed.string();
}

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
  if (!options.public_url.empty()) {
    const std::string& url = options.public_url;
    const size_t authority = url.find("://");
    const std::string scheme = authority == std::string::npos ? "" : url.substr(0, authority);
    const size_t path = authority == std::string::npos
                            ? std::string::npos
                            : url.find_first_of("/?#", authority + 3);
    // A trailing "/" is no path: it is dropped.
    const bool valid = (scheme == "http" || scheme == "https") && url.size() > authority + 3 &&
                       (path == std::string::npos || (path == url.size() - 1 && url[path] == '/'));
    if (!valid) {
      return absl::InvalidArgumentError(fmt::format(
          "the public URL \"{}\" must be http:// or https:// and a host, with no path "
          "(such as https://ledd.example.org)",
          url));
    }
  }
  std::vector<Cidr> proxies;
  for (const std::string& proxy : options.trusted_proxies) {
    absl::StatusOr<Cidr> range = ParseCidr(proxy);
    if (!range.ok()) return range.status();
    proxies.push_back(*range);
  }
  auto impl = std::make_unique<Impl>(store, live, accounts, options);
  impl->trusted_proxies = std::move(proxies);
  absl::StatusOr<std::unique_ptr<MailLinks>> links = MailLinks::Create(store);
  if (!links.ok()) return links.status();
  impl->links = *std::move(links);
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
  absl::StatusOr<int> port =
      impl_->http.Listen(impl_->options.host, impl_->options.port, impl_->main_service);
  if (!port.ok()) return port.status();
  if (impl_->options.metrics_port >= 0) {
    absl::StatusOr<int> metrics_port = impl_->http.Listen(
        impl_->options.metrics_host, impl_->options.metrics_port, impl_->metrics_service);
    if (!metrics_port.ok()) return metrics_port.status();
    impl_->metrics_port = *metrics_port;
  }
  impl_->bound = true;
  return port;
}

int Server::metrics_port() const { return impl_->metrics_port; }

absl::Status Server::Serve() {
  if (!impl_->bound) return absl::FailedPreconditionError("Serve() before Bind()");
  return impl_->http.Run();
}

const std::vector<RouteInfo>& Server::Routes() const { return impl_->router.Routes(); }

std::string Server::ServeForTesting(std::string_view raw_request) {
  return impl_->http.AnswerRaw(raw_request, impl_->main_service);
}

std::string Server::ServeMetricsForTesting(std::string_view raw_request) {
  return impl_->http.AnswerRaw(raw_request, impl_->metrics_service);
}

void Server::Stop() { impl_->http.Stop(); }

}  // namespace ledd::server
