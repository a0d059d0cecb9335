// `ledd serve` against clients that do not play by the rules, each over loopback with
// raw sockets and each bounded in time: hundreds of idle and slow connections, a
// slowloris, a huge chunked body, thousands of ranges, thousands of headers, pipelined
// requests, a second server on the same port, Host headers of other sites (DNS
// rebinding), X-Forwarded-For from untrusted peers, form bodies (login CSRF), static
// paths that try to leave the web root, and path parameters that need decoding.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr int64_t kMember = 5;
constexpr char kEmail[] = "hostile@example.org";
constexpr char kPassword[] = "correct horse battery";

// A connected loopback socket, or -1.
int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

// Reads until the peer closes or `timeout` passes; `closed` says which.
std::string ReadUntilClosed(int fd, std::chrono::milliseconds timeout, bool* closed = nullptr) {
  std::string got;
  const auto deadline = Clock::now() + timeout;
  if (closed != nullptr) *closed = false;
  while (Clock::now() < deadline) {
    pollfd poll_fd{fd, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (poll(&poll_fd, 1, static_cast<int>(std::max<int64_t>(1, left))) <= 0) continue;
    char buffer[65536];
    const ssize_t read_bytes = recv(fd, buffer, sizeof buffer, 0);
    if (read_bytes <= 0) {
      if (closed != nullptr) *closed = true;
      break;
    }
    got.append(buffer, static_cast<size_t>(read_bytes));
  }
  return got;
}

// Sends `request` on a fresh connection and returns everything answered until close.
std::string Exchange(int port, std::string_view request,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  const int fd = Connect(port);
  if (fd < 0) return "";
  SendAll(fd, request);
  std::string answer = ReadUntilClosed(fd, timeout);
  close(fd);
  return answer;
}

// The body of the first answer in `answer`.
json JsonBodyOf(const std::string& answer) {
  const size_t end = answer.find("\r\n\r\n");
  if (end == std::string::npos) return json();
  return json::parse(answer.substr(end + 4), nullptr, /*allow_exceptions=*/false);
}

// "HTTP/1.1 NNN" of each answer in a stream of answers with Content-Length bodies.
std::vector<int> StatusesOf(std::string_view stream) {
  std::vector<int> statuses;
  while (stream.rfind("HTTP/1.1 ", 0) == 0) {
    statuses.push_back(std::atoi(std::string(stream.substr(9, 3)).c_str()));
    const size_t head_end = stream.find("\r\n\r\n");
    if (head_end == std::string_view::npos) break;
    const std::string head = std::string(stream.substr(0, head_end));
    size_t length = 0;
    const size_t at = head.find("Content-Length: ");
    if (at != std::string::npos) length = std::stoul(head.substr(at + 16));
    if (head_end + 4 + length > stream.size()) break;
    stream.remove_prefix(head_end + 4 + length);
  }
  return statuses;
}

class HostileClients : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 200, 5);
    ASSERT_FALSE(db_.empty());
    ASSERT_TRUE(testing::CreateAccount(db_, kMember, kEmail, kPassword));
  }
  static void TearDownTestSuite() { delete dir_; }

  // Signs in on `server`; the bearer token, or "".
  static std::string SignIn(const ServerProcess& server) {
    httplib::Result result = server.Client(10).Post(
        "/api/v1/signin", json{{"email", kEmail}, {"password", kPassword}}.dump(),
        "application/json");
    if (!result || result->status != 200) return "";
    return testing::BodyOf(result)["token"].get<std::string>();
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* HostileClients::dir_ = nullptr;
std::string HostileClients::db_;

// cpp-httplib held a worker per open connection: 8 idle clients starved /healthz.
TEST_F(HostileClients, IdleAndSlowConnectionsDoNotStarveTheOthers) {
  ServerProcess server(db_,
                       {"--threads", "2", "--keep-alive-timeout", "60", "--header-timeout", "60"});
  ASSERT_GT(server.port(), 0);
  const std::string token = SignIn(server);
  ASSERT_FALSE(token.empty());

  // 500 keep-alive connections that asked once and now wait.
  std::vector<int> idle;
  for (int i = 0; i < 500; ++i) {
    const int fd = Connect(server.port());
    ASSERT_GE(fd, 0);
    idle.push_back(fd);
  }
  for (int fd : idle) {
    ASSERT_TRUE(SendAll(fd, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  }
  for (int fd : idle) {
    char buffer[1024];
    pollfd poll_fd{fd, POLLIN, 0};
    ASSERT_EQ(poll(&poll_fd, 1, 5000), 1);
    ASSERT_GT(recv(fd, buffer, sizeof buffer, 0), 0);
  }
  // 50 slowloris clients, each in the middle of a request head.
  std::vector<int> slow;
  for (int i = 0; i < 50; ++i) {
    const int fd = Connect(server.port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(SendAll(fd, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    slow.push_back(fd);
  }
  for (int fd : slow) SendAll(fd, "a");

  const auto start = Clock::now();
  httplib::Client client = server.Client(3);
  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health) << "no answer while 550 connections are open";
  EXPECT_EQ(health->status, 200);
  httplib::Result me = client.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  httplib::Result profile = client.Get("/api/v1/members/7", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->status, 200) << profile->body;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));

  for (int fd : idle) close(fd);
  for (int fd : slow) close(fd);
}

// A client that sends its head a byte at a time is cut at the header deadline, not
// kept alive by each byte.
TEST_F(HostileClients, SlowlorisIsCutAtTheHeaderDeadline) {
  ServerProcess server(db_, {"--header-timeout", "1"});
  ASSERT_GT(server.port(), 0);
  const int fd = Connect(server.port());
  ASSERT_GE(fd, 0);
  const auto start = Clock::now();
  bool closed = false;
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  for (size_t i = 0; !closed && Clock::now() - start < std::chrono::seconds(6); ++i) {
    if (!SendAll(fd, std::string(1, i < head.size() ? head[i] : 'a'))) break;
    ReadUntilClosed(fd, std::chrono::milliseconds(100), &closed);
  }
  const auto took = Clock::now() - start;
  close(fd);
  EXPECT_LT(took, std::chrono::milliseconds(3000));
  EXPECT_GE(took, std::chrono::milliseconds(900));
}

// A chunked body has no Content-Length to refuse up front: the limit applies as it
// arrives, the answer is 413 and the server stops reading.
TEST_F(HostileClients, HugeChunkedBodyIs413AndIsNotReadToTheEnd) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  const int fd = Connect(server.port());
  ASSERT_GE(fd, 0);
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  ASSERT_TRUE(SendAll(fd,
                      "POST /api/v1/signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = fmt::format("{:x}\r\n{}\r\n", 64 * 1024, std::string(64 * 1024, ' '));
  constexpr size_t kTotal = 300u * 1024 * 1024;
  size_t sent = 0;
  std::string answer;
  bool closed = false;
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  size_t offset = 0;
  while (sent < kTotal && !closed && Clock::now() < deadline) {
    const ssize_t wrote =
        send(fd, chunk.data() + offset, chunk.size() - offset, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (wrote > 0) {
      sent += static_cast<size_t>(wrote);
      offset = (offset + static_cast<size_t>(wrote)) % chunk.size();
    } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
      break;  // Reset: the server is gone from this connection.
    }
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, wrote > 0 ? 0 : 20) == 1) {
      char buffer[4096];
      const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
      if (got > 0) answer.append(buffer, static_cast<size_t>(got));
      if (got == 0 || (got < 0 && errno != EAGAIN)) closed = true;
    }
  }
  answer += ReadUntilClosed(fd, std::chrono::milliseconds(2000));
  close(fd);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_EQ(JsonBodyOf(answer)["error"]["code"], "PAYLOAD_TOO_LARGE") << answer;
  // Socket buffers and the short read-and-discard after the answer, never the body.
  EXPECT_LT(sent, 32u * 1024 * 1024);
  EXPECT_EQ(server.Client(5).Get("/healthz")->status, 200);
}

TEST_F(HostileClients, AThousandHeadersAre431) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 1000; ++i) request += fmt::format("X-{}: v\r\n", i);
  request += "\r\n";
  const std::string answer = Exchange(server.port(), request);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 431")) << answer;
  EXPECT_EQ(JsonBodyOf(answer)["error"]["code"], "HEADERS_TOO_LARGE") << answer;

  const std::string big = fmt::format(
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n", std::string(20000, 'b'));
  EXPECT_THAT(Exchange(server.port(), big), StartsWith("HTTP/1.1 431"));
}

TEST_F(HostileClients, PipelinedRequestsAreAllAnsweredInOrder) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  std::string requests;
  std::vector<int> expected;
  for (int i = 0; i < 30; ++i) {
    const bool found = i % 3 != 1;
    requests +=
        fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
                    found ? "/healthz" : "/api/v1/nothing", i == 29 ? "Connection: close\r\n" : "");
    expected.push_back(found ? 200 : 404);
  }
  // A POST with a body in the middle of the stream.
  const std::string body = R"({"email":"nobody@example.org","password":"0123456789"})";
  requests.insert(0, fmt::format("POST /api/v1/signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
                                 body.size(), body));
  expected.insert(expected.begin(), 401);
  EXPECT_EQ(StatusesOf(Exchange(server.port(), requests)), expected);
}

// A malformed request gets the error body and the connection is closed.
TEST_F(HostileClients, MalformedRequestsAre400WithTheErrorBody) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  for (const char* request :
       {"GARBAGE\r\n\r\n", "GET /healthz HTTP/1.1\r\nContent-Length: x\r\n\r\n",
        "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "POST /api/v1/signin HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"}) {
    const std::string answer = Exchange(server.port(), request);
    EXPECT_THAT(answer, StartsWith("HTTP/1.1 400")) << request << answer;
    EXPECT_EQ(JsonBodyOf(answer)["error"]["code"], "INVALID_ARGUMENT") << answer;
  }
}

// cpp-httplib set SO_REUSEPORT: a second server on the port started and took half the
// connections.
TEST_F(HostileClients, ASecondServerOnTheSamePortFailsWithAClearMessage) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  testing::RunResult second = testing::RunCommand(
      fmt::format("timeout 10 {} serve --db {} --listen 127.0.0.1:{} --password-hashing fast",
                  testing::LeddBinary(), db_, server.port()));
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.exit_code, 124) << "the second server started";
  EXPECT_THAT(second.err, HasSubstr(fmt::format("cannot listen on 127.0.0.1:{}", server.port())));
  EXPECT_THAT(second.err, HasSubstr("in use"));
}

TEST_F(HostileClients, MetricsAreOnlyOnTheMetricsListener) {
  ServerProcess server(db_, {"--metrics-listen", "127.0.0.1:0"});
  ASSERT_GT(server.port(), 0);
  ASSERT_GT(server.metrics_port(), 0);
  EXPECT_EQ(server.Client(5).Get("/metrics")->status, 404);
  httplib::Client metrics("127.0.0.1", server.metrics_port());
  httplib::Result text = metrics.Get("/metrics");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 200);
  EXPECT_THAT(text->body, HasSubstr("ledd_network_members 200"));
  EXPECT_EQ(metrics.Get("/healthz")->status, 200);
  EXPECT_EQ(metrics.Get("/api/v1/openapi.json")->status, 404);
}

// DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 reaches a
// loopback server with "Host: evil.example".
TEST_F(HostileClients, AHostOfAnotherSiteIs421) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  const auto ask = [&](const std::string& host) {
    return Exchange(
        server.port(),
        fmt::format("GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", host));
  };
  const std::string evil = ask("evil.example");
  EXPECT_THAT(evil, StartsWith("HTTP/1.1 421")) << evil;
  EXPECT_EQ(JsonBodyOf(evil)["error"]["code"], "MISDIRECTED_REQUEST");
  EXPECT_THAT(ask(fmt::format("evil.example:{}", server.port())), StartsWith("HTTP/1.1 421"));
  for (const std::string host : {"localhost", "LocalHost:8080", "127.0.0.1", "[::1]:80"}) {
    EXPECT_THAT(ask(host), StartsWith("HTTP/1.1 200")) << host;
  }

  ServerProcess named(db_, {"--allowed-host", "ledd.example.org"});
  ASSERT_GT(named.port(), 0);
  const auto ask_named = [&](const std::string& host) {
    return Exchange(
        named.port(),
        fmt::format("GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", host));
  };
  EXPECT_THAT(ask_named("ledd.example.org"), StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(ask_named("evil.example"), StartsWith("HTTP/1.1 421"));
}

// Failed sign-ins count per (email, client address): a spoofed X-Forwarded-For must not
// give a client a fresh address, and behind a trusted proxy each client has its own.
TEST_F(HostileClients, XForwardedForIsBelievedOnlyFromATrustedProxy) {
  const auto fail_sign_in = [](const ServerProcess& server, int attempt, const std::string& xff) {
    const std::string body =
        json{{"email", "nobody@example.org"}, {"password", fmt::format("wrong-{:04}", attempt)}}
            .dump();
    httplib::Result result = server.Client(10).Post("/api/v1/signin", {{"X-Forwarded-For", xff}},
                                                    body, "application/json");
    return result ? result->status : -1;
  };
  {
    ServerProcess server(db_);
    ASSERT_GT(server.port(), 0);
    for (int n = 0; n < 5; ++n) {
      EXPECT_EQ(fail_sign_in(server, n, fmt::format("203.0.113.{}", n)), 401);
    }
    EXPECT_EQ(fail_sign_in(server, 5, "203.0.113.99"), 429) << "the spoofed address counted";
  }
  ServerProcess proxied(db_, {"--trusted-proxy", "127.0.0.0/8", "--trusted-proxy", "10.0.0.0/8"});
  ASSERT_GT(proxied.port(), 0);
  for (int n = 0; n < 6; ++n) {
    EXPECT_EQ(fail_sign_in(proxied, n, fmt::format("203.0.113.{}", n)), 401) << n;
  }
  // One client through two trusted hops, whatever it wrote on the left of the chain.
  for (int n = 10; n < 15; ++n) {
    EXPECT_EQ(fail_sign_in(proxied, n, fmt::format("1.1.1.{}, 198.51.100.7, 10.1.2.3", n)), 401);
  }
  EXPECT_EQ(fail_sign_in(proxied, 15, "198.51.100.7"), 429);
  EXPECT_EQ(fail_sign_in(proxied, 16, "198.51.100.8"), 401);
}

// Login CSRF: a form on another site can post urlencoded, multipart or text bodies
// without a preflight, never application/json.
TEST_F(HostileClients, BodiesThatAreNotJsonAre415) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  httplib::Client client = server.Client(10);
  for (const char* type :
       {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"}) {
    httplib::Result result =
        client.Post("/api/v1/signin", fmt::format("email={}&password={}", kEmail, kPassword), type);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 415) << type;
    EXPECT_EQ(testing::BodyOf(result)["error"]["code"], "UNSUPPORTED_MEDIA_TYPE") << result->body;
  }
  httplib::Result json_body =
      client.Post("/api/v1/signin", json{{"email", kEmail}, {"password", kPassword}}.dump(),
                  "application/json; charset=utf-8");
  ASSERT_TRUE(json_body);
  EXPECT_EQ(json_body->status, 200) << json_body->body;
}

// Names with "/" or non-ASCII letters could be saved but not deleted.
TEST_F(HostileClients, SavedSearchesWithAnyNameCanBeDeleted) {
  ServerProcess server(db_);
  ASSERT_GT(server.port(), 0);
  const std::string token = SignIn(server);
  ASSERT_FALSE(token.empty());
  httplib::Client client = server.Client(10);
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  for (const auto& [name, encoded] : std::vector<std::pair<std::string, std::string>>{
           {"ingeniører i Oslo", "ingeni%C3%B8rer%20i%20Oslo"},
           {"a/b", "a%2Fb"},
           {"100% sure", "100%25%20sure"}}) {
    httplib::Result saved = client.Post(
        "/api/v1/saved-searches", auth,
        json{{"name", name}, {"filters", {{"title", "engineer"}}}}.dump(), "application/json");
    ASSERT_TRUE(saved);
    ASSERT_EQ(saved->status, 201) << saved->body;
    httplib::Result deleted = client.Delete("/api/v1/saved-searches/" + encoded, auth);
    ASSERT_TRUE(deleted);
    EXPECT_EQ(deleted->status, 200) << name << ": " << deleted->body;
    EXPECT_EQ(testing::BodyOf(deleted)["name"], name);
  }
  httplib::Result list = client.Get("/api/v1/saved-searches", auth);
  ASSERT_TRUE(list);
  EXPECT_EQ(testing::BodyOf(list)["saved_searches"].size(), 0u) << list->body;
}

// The web root's files: a Range never makes an answer larger than the file (cpp-httplib
// answered thousands of ranges with hundreds of megabytes), HEAD has GET's headers, and
// no path leaves the directory.
TEST_F(HostileClients, StaticFilesIgnoreRangesAndStayInTheWebRoot) {
  TempDir web;
  const std::filesystem::path root = web.File("dist");
  std::filesystem::create_directories(root / "assets");
  const std::string script(10000, 'x');
  std::ofstream(root / "index.html") << "<!doctype html><title>ledd</title>";
  std::ofstream(root / "assets" / "app-1234.js") << script;
  std::ofstream(web.File("secret.txt")) << "secret";
  std::filesystem::create_symlink(web.File("secret.txt"), root / "leak.txt");
  ServerProcess server(db_, {"--web-root", root.string()});
  ASSERT_GT(server.port(), 0);

  std::string ranges = "bytes=0-";
  for (int i = 0; i < 3000; ++i) ranges += ",0-";
  httplib::Client client = server.Client(10);
  httplib::Result file = client.Get("/assets/app-1234.js", {{"Range", ranges}});
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_EQ(file->body, script);
  EXPECT_FALSE(file->has_header("Content-Range"));
  EXPECT_EQ(file->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");

  httplib::Result index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_THAT(index->body, HasSubstr("<title>ledd</title>"));
  httplib::Result head = client.Head("/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  for (const char* header : {"Cache-Control", "Content-Security-Policy", "Content-Type",
                             "X-Frame-Options", "Content-Length"}) {
    EXPECT_EQ(head->get_header_value(header), index->get_header_value(header)) << header;
  }
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(index->body.size()));

  for (const char* path :
       {"/../secret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/%2e%2e/secret.txt", "/leak.txt", "/assets//app-1234.js", "/assets%2Fapp-1234.js"}) {
    const std::string answer = Exchange(
        server.port(),
        fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path));
    EXPECT_THAT(answer, StartsWith("HTTP/1.1 404")) << path << "\n" << answer;
    EXPECT_THAT(answer, Not(HasSubstr("secret"))) << path;
  }
  for (const char* path : {"/index.html%00", "/%00", "/assets/app-1234.js%00.png"}) {
    const std::string answer = Exchange(
        server.port(),
        fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path));
    EXPECT_THAT(answer, StartsWith("HTTP/1.1 400")) << path << "\n" << answer;
  }
}

}  // namespace
}  // namespace ledd
