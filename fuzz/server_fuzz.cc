// libFuzzer target for the HTTP request handling: each input is one raw HTTP request,
// answered by the real server (Server::ServeForTesting: the Beast parser and limits, the
// router, the handlers, the JSON mapping, the error bodies) against a small generated
// network in a temporary SQLite database. Built with ASan and UBSan (-DLEDD_FUZZ=ON);
// `make fuzz` runs it for a bounded time, README says how to run it longer.
//
// Set up once: a starting database with kMembers generated members, accounts and a few
// writes that give kMember notifications and invitations (WriteStartDb). Every
// kEpochInputs inputs the server starts over on a fresh copy of it, with kMember signed
// in. Tokens are random, so inputs name that session with placeholders that are
// replaced before the request is served:
//   @TOKEN@  the session token ("Authorization: Bearer @TOKEN@", "ledd_session=@TOKEN@"),
//   @CSRF@   its CSRF token ("X-CSRF-Token: @CSRF@").
// If an input signs the session out, the next input gets a fresh one. The accounts'
// clock moves on by more than the sign-in limiter's window with every input, so failed
// sign-ins in one input do not lock the session out of later ones.
//
// Every answer must hold (otherwise the target aborts and libFuzzer keeps the input):
//   - it is one well-formed HTTP/1.1 response: a status line, header lines, an empty
//     line and exactly Content-Length bytes of body (or none, for HEAD);
//   - its status is not 500: a 500 is an error path nobody handled;
//   - an error (4xx) and anything under /api/ has a JSON body, and an error's body has
//     the API's shape {"error":{"code","message"}}; the one exception is a member's
//     photo (GET /api/v1/members/{id}/photo), a JPEG, or a 304 without a body;
//   - /metrics labels come from a fixed set: a registered route or "unmatched", and an
//     HTTP method or "other" (checked after the first input and every 64th, so the
//     input that fails may come up to 63 after the one that added the label).
// Within an epoch state carries over between inputs (the fuzzer's sign-ups, posts and
// invitations stay in the database), as it does in a real server; a finding that needs
// that state does not replay alone, but the request and answer printed with it show
// what happened. SERVER_FUZZ_ECHO=1 prints every answer, which helps when writing seed
// inputs or reading a regression.

#include <atomic>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "fmt/format.h"
#include "ledd/ingest/generator.h"
#include "ledd/ingest/importer.h"
#include "ledd/server/accounts.h"
#include "ledd/server/server.h"
#include "ledd/service/live_network.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "nlohmann/json.hpp"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

constexpr int kMembers = 200;
constexpr uint64_t kSeed = 11;
constexpr MemberId kMember = 5;     // The fuzzer's member.
constexpr MemberId kAuthor = 7;     // Followed by kMember; posts and comments.
constexpr MemberId kInviter = 150;  // Not connected to kMember; invites them.
// Every kEpochInputs inputs the server starts over from the starting database, so the
// fuzzer's writes do not pile up and the first accept, sign-up or follow succeeds again.
constexpr uint64_t kEpochInputs = 1024;
constexpr char kEmail[] = "fuzz@example.org";
constexpr char kPassword[] = "correct horse battery";
constexpr char kAddress[] = "127.0.0.1";  // What ServeForTesting reports as the client.
constexpr Timestamp kFailureWindow = 15 * 60;

// The accounts' clock: the wall clock at start, then kFailureWindow + 1 later per input.
std::atomic<Timestamp> g_now{0};

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// One epoch's server, over its own copy of the starting database. Declared in teardown
// order reversed: the server goes first, the store last.
struct World {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::LiveNetwork> live;
  std::unique_ptr<server::Accounts> accounts;
  std::unique_ptr<server::Server> server;
};

struct Harness {
  testing::TempDir dir;
  std::string start_db;  // The starting database, copied at every epoch.
  std::string db;        // This epoch's copy.
  World world;
  server::NewSession session;  // kMember's, in this epoch.
  uint64_t inputs = 0;         // Served so far.
  bool echo = false;           // SERVER_FUZZ_ECHO=1: print every answer, for writing inputs.
};

std::unique_ptr<Harness> g_harness;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "server_fuzz: %s\n", what.c_str());
  std::abort();
}

template <typename T>
T OrDie(absl::StatusOr<T> value, const char* what) {
  if (!value.ok()) Die(fmt::format("{}: {}", what, value.status().ToString()));
  return *std::move(value);
}

void OrDie(const absl::Status& status, const char* what) {
  if (!status.ok()) Die(fmt::format("{}: {}", what, status.ToString()));
}

World OpenWorld(const std::string& db) {
  World world;
  world.store =
      OrDie(store::OpenSqliteStore({.path = db, .create_if_missing = true}), "open the store");
  world.live = OrDie(service::LiveNetwork::Open(*world.store), "open the network");
  server::AccountsOptions account_options;
  account_options.hashing = server::PasswordHashing::kFast;
  account_options.session_lifetime = Timestamp{1000} * 365 * 24 * 3600;
  account_options.failure_window = kFailureWindow;
  account_options.clock = [] { return g_now.load(); };
  // Millions of requests from one address: the rate limits would answer almost all of
  // them 429 and hide the routes from the fuzzer.
  account_options.requests = {.burst = 1, .per_second = 0};
  account_options.signups = {.burst = 1, .per_second = 0};
  world.accounts = OrDie(server::Accounts::Create(*world.store, world.live.get(), account_options),
                         "create the accounts");
  world.server =
      OrDie(server::Server::Create(*world.store, *world.live, *world.accounts, {.port = 0}),
            "create the server");
  return world;
}

// Serves a request of the starting world's story as `token`'s member; it must succeed.
void Tell(server::Server& server, const std::string& token, const std::string& method,
          const std::string& target, const std::string& body) {
  const std::string answer = server.ServeForTesting(
      fmt::format("{} {} HTTP/1.1\r\nAuthorization: Bearer {}\r\nContent-Type: "
                  "application/json\r\nContent-Length: {}\r\n\r\n{}",
                  method, target, token, body.size(), body));
  if (!StartsWith(answer, "HTTP/1.1 2")) Die(fmt::format("{} {}: {}", method, target, answer));
}

// The starting database: the generated network, accounts for kMember, kAuthor and
// kInviter, and what makes kMember's routes answer with something: a post by kAuthor
// (whom kMember follows) and a comment on kMember's post 1, so kMember has
// notifications, a pending invitation from kInviter (275) and one from kMember to
// member 160 (276), which the seeds accept, ignore, report or withdraw.
void WriteStartDb(const std::string& path, const std::string& net) {
  OrDie(ingest::Generate({.members = kMembers, .seed = kSeed, .out_dir = net, .threads = 1}),
        "generate");
  World world = OpenWorld(path);
  OrDie(ingest::ImportDirectory(*world.store, {.dir = net}), "import");
  OrDie(world.live->CatchUp(), "catch up");
  OrDie(world.accounts->CreateAccount(kMember, kEmail, kPassword), "create the account");
  OrDie(world.accounts->CreateAccount(kAuthor, "author@example.org", kPassword),
        "create the author's account");
  OrDie(world.accounts->CreateAccount(kInviter, "inviter@example.org", kPassword),
        "create the inviter's account");
  const std::string author =
      OrDie(world.accounts->SignIn("author@example.org", kPassword, kAddress), "sign in").token;
  const std::string inviter =
      OrDie(world.accounts->SignIn("inviter@example.org", kPassword, kAddress), "sign in").token;
  Tell(*world.server, author, "POST", "/api/v1/posts", R"({"title":"News","body":"Hello"})");
  Tell(*world.server, author, "POST", "/api/v1/posts/1/comments", R"({"body":"Well said"})");
  Tell(*world.server, inviter, "POST", "/api/v1/invitations", R"({"to":5,"note":"Hi"})");
  const std::string member =
      OrDie(world.accounts->SignIn(kEmail, kPassword, kAddress), "sign in").token;
  Tell(*world.server, member, "POST", "/api/v1/invitations", R"({"to":160})");
}

// Starts an epoch: a fresh copy of the starting database, a server on it, a session.
void StartEpoch(Harness& harness) {
  harness.world = World();  // Closes the store before its file is replaced.
  std::error_code error;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(harness.db + suffix, error);
  }
  if (!std::filesystem::copy_file(harness.start_db, harness.db, error)) {
    Die(fmt::format("copy the starting database: {}", error.message()));
  }
  harness.world = OpenWorld(harness.db);
  harness.session = OrDie(harness.world.accounts->SignIn(kEmail, kPassword, kAddress), "sign in");
}

void SetUp() {
  auto harness = std::make_unique<Harness>();
  g_now = absl::ToUnixSeconds(absl::Now());
  harness->start_db = harness->dir.File("start.db");
  harness->db = harness->dir.File("ledd.db");
  WriteStartDb(harness->start_db, harness->dir.File("net"));
  harness->echo = std::getenv("SERVER_FUZZ_ECHO") != nullptr;
  g_harness = std::move(harness);
}

// `text` with every `placeholder` replaced by `value`.
std::string ReplaceAll(std::string text, std::string_view placeholder, const std::string& value) {
  for (size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Aborts with the request and the answer when the answer breaks an invariant above.
void CheckAnswer(std::string_view request, std::string_view answer) {
  auto fail = [&](std::string_view what) {
    std::fprintf(stderr, "server_fuzz: %.*s\n--- request ---\n%.*s\n--- answer ---\n%.*s\n",
                 static_cast<int>(what.size()), what.data(), static_cast<int>(request.size()),
                 request.data(), static_cast<int>(answer.size()), answer.data());
    std::abort();
  };
  if (request.empty()) {
    if (!answer.empty()) fail("an answer to no request");
    return;
  }
  // The request line as the client meant it: METHOD TARGET VERSION.
  const std::string_view line = request.substr(0, request.find_first_of("\r\n"));
  const std::string_view method = line.substr(0, line.find(' '));
  std::string_view target;
  if (method.size() < line.size()) {
    target = line.substr(method.size() + 1);
    target = target.substr(0, target.find(' '));
  }

  constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  if (StartsWith(answer, kContinue)) answer.remove_prefix(kContinue.size());
  const size_t head_end = answer.find("\r\n\r\n");
  if (head_end == std::string_view::npos) fail("no end of the headers");
  const std::string_view head = answer.substr(0, head_end + 2);
  const std::string_view body = answer.substr(head_end + 4);

  // "HTTP/1.1 NNN Reason\r\n"
  const size_t status_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, status_end);
  if (!StartsWith(status_line, "HTTP/1.1 ") || status_line.size() < 13 || status_line[12] != ' ') {
    fail("a malformed status line");
  }
  int status = 0;
  for (char c : status_line.substr(9, 3)) {
    if (c < '0' || c > '9') fail("a malformed status code");
    status = status * 10 + (c - '0');
  }
  if (status < 100 || status > 599) fail("a status out of range");

  std::string_view content_type;
  std::string_view content_length;
  bool has_length = false;
  for (size_t at = status_end + 2; at < head.size();) {
    const size_t end = head.find("\r\n", at);
    const std::string_view header = head.substr(at, end - at);
    at = end + 2;
    const size_t colon = header.find(": ");
    if (colon == std::string_view::npos || colon == 0) fail("a malformed header line");
    const std::string_view name = header.substr(0, colon);
    const std::string_view value = header.substr(colon + 2);
    if (EqualsIgnoringCase(name, "Content-Type")) content_type = value;
    if (EqualsIgnoringCase(name, "Content-Length")) {
      if (has_length) fail("two Content-Length headers");
      has_length = true;
      content_length = value;
    }
  }
  size_t length = 0;
  if (has_length) {
    if (content_length.empty() || content_length.size() > 18) fail("a bad Content-Length");
    for (char c : content_length) {
      if (c < '0' || c > '9') fail("a bad Content-Length");
      length = length * 10 + static_cast<size_t>(c - '0');
    }
  }
  // A HEAD answer has no body, unless the request was too malformed to be one.
  const bool head_answer = method == "HEAD" && body.empty();
  if (body.size() != length && !head_answer) fail("a body that is not Content-Length bytes");

  if (status == 500) fail("status 500");

  const bool api = StartsWith(target, "/api/");
  if (head_answer || (!api && status < 400)) return;
  // Only the photo route answers a JPEG, or a 304 (its target may be spelled with
  // escapes, so the answer, not the target, says which it is).
  if (api && status == 304) {
    if (!body.empty()) fail("a 304 with a body");
    return;
  }
  if (api && status == 200 && content_type == "image/jpeg") {
    if (method != "GET" || !StartsWith(body, "\xFF\xD8\xFF")) fail("a photo that is not a JPEG");
    return;
  }
  if (!StartsWith(content_type, "application/json")) fail("an answer that is not JSON");
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) fail("a body that is not valid JSON");
  if (status >= 400) {
    if (!json.is_object() || !json.contains("error") || !json["error"].is_object() ||
        !json["error"].contains("code") || !json["error"]["code"].is_string() ||
        !json["error"].contains("message") || !json["error"]["message"].is_string()) {
      fail("an error without the {\"error\":{\"code\",\"message\"}} body");
    }
  }
}

// Aborts when /metrics has a series whose route or method label is not in the fixed
// set: a client must not be able to grow the metrics table.
void CheckMetricsLabels(server::Server& server) {
  const std::string metrics = server.ServeMetricsForTesting("GET /metrics HTTP/1.1\r\n\r\n");
  std::set<std::string> routes = {"unmatched"};
  for (const server::RouteInfo& route : server.Routes()) routes.insert(route.label);
  static const std::set<std::string> kMethods = {"GET",   "HEAD",    "POST",    "PUT",   "DELETE",
                                                 "PATCH", "OPTIONS", "CONNECT", "TRACE", "other"};
  // The value of label `name` in `line`, or nullopt.
  auto label = [](std::string_view line, std::string_view name) -> std::optional<std::string> {
    const std::string key = fmt::format("{}=\"", name);
    const size_t start = line.find(key);
    if (start == std::string_view::npos) return std::nullopt;
    const size_t end = line.find('"', start + key.size());
    return std::string(line.substr(start + key.size(), end - start - key.size()));
  };
  std::string_view rest = metrics;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!StartsWith(line, "ledd_http_request")) continue;
    const std::optional<std::string> route = label(line, "route");
    const std::optional<std::string> method = label(line, "method");
    if (!route || !routes.contains(*route) || !method || !kMethods.contains(*method)) {
      Die(fmt::format("a metrics series with a label from the request: {}", line));
    }
  }
}

}  // namespace
}  // namespace ledd

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  ledd::SetUp();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ledd;
  Harness& harness = *g_harness;
  if (harness.inputs % kEpochInputs == 0) StartEpoch(harness);
  g_now += kFailureWindow + 1;
  std::string request(reinterpret_cast<const char*>(data), size);
  request = ReplaceAll(std::move(request), "@TOKEN@", harness.session.token);
  request = ReplaceAll(std::move(request), "@CSRF@", harness.session.csrf_token);
  const std::string answer = harness.world.server->ServeForTesting(request);
  if (harness.echo) std::fprintf(stderr, "%s\n\n", answer.c_str());
  CheckAnswer(request, answer);
  if (++harness.inputs % 64 == 1) CheckMetricsLabels(*harness.world.server);
  // A sign-out (or anything else) that ended the session: start another for the next.
  if (!harness.world.accounts->Authenticate(harness.session.token).ok()) {
    harness.session =
        OrDie(harness.world.accounts->SignIn(kEmail, kPassword, kAddress), "sign in again");
  }
  return 0;
}
