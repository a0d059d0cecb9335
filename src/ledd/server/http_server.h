#pragma once
// The HTTP/1.1 server under `ledd serve`: sockets, parsing, deadlines and limits, on
// Boost.Beast and Boost.Asio. It knows nothing of the API: each listener hands complete
// requests (http_message.h) to its handler and writes back the answer.
//
// Why event-driven: a thread-per-connection server (cpp-httplib, which ledd used
// before) spends a worker on every open connection, so a few idle keep-alive clients or
// slowloris senders hold every worker and /healthz stops answering. Here one I/O thread
// runs every socket with asynchronous reads and writes on an io_context; a connection
// that waits costs a socket, a buffer and a timer, never a thread. Only a complete
// request goes to the fixed worker pool (handlers do blocking SQLite work and CPU-bound
// queries); its answer comes back to the I/O thread to be written.
//
// Deadlines and limits, each a total per phase, not per byte (a client that sends a
// byte a second is cut like one that sends nothing):
//   - the request head (request line and headers) must arrive within header_timeout of
//     the connection's start or of the first byte of a keep-alive request;
//   - the body within body_timeout of the end of the head;
//   - an idle keep-alive connection is closed after keep_alive_timeout; writing an
//     answer may take write_timeout;
//   - the head may hold max_header_bytes and max_header_fields (431 beyond), the body
//     max_body_bytes whatever its framing: Content-Length, chunked (413 at the limit,
//     without reading the rest; the connection is then closed). A service may give a
//     request another body limit once its head has arrived (HttpService::body_limit:
//     an upload route). A malformed request gets 400 and the connection is closed;
//   - at most max_connections are open; more are closed on accept.
// Pipelined requests are parsed from the same buffer one after the other, so they are
// answered in order and none is dropped.
//
// Thread-safety: Listen() and Run() from one thread; Stop() from any thread at any time;
// AnswerRaw() from any thread (it touches no socket).

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/server/http_message.h"

namespace ledd::server {

struct HttpLimits {
  size_t max_body_bytes = 64 * 1024;
  size_t max_header_bytes = 16 * 1024;
  size_t max_header_fields = 100;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds keep_alive_timeout{5'000};
  int keep_alive_max = 100;  // Requests per connection.
  size_t max_connections = 10'000;
};

// What a listener does with requests. `handle` runs on a worker thread (or on the
// caller's, in AnswerRaw) and fills the answer; it must not throw. `refused` is told of
// each request answered below it (400, 413, 431), for metrics; it may be empty.
struct HttpService {
  std::function<void(HttpRequest& request, HttpResponse& response)> handle;
  std::function<void(const std::string& method, int status)> refused;
  // The body limit of one request, asked once its head has arrived (the method, and
  // the target as sent); 0, or no function: HttpLimits::max_body_bytes. Lets the
  // routes that take uploads have a larger limit than the rest. Runs on the I/O
  // thread: it must be quick and must not block.
  std::function<size_t(const std::string& method, const std::string& target)> body_limit;
};

// A JSON error answer: {"error":{"code","message"}} with `status`.
HttpResponse JsonErrorResponse(int status, std::string_view code, std::string_view message);
// The JSON error answer the server itself gives (400, 413, 431, 500).
HttpResponse ErrorResponse(int status);

class HttpServer {
 public:
  // `worker_threads` >= 1 run the handlers, `running_handlers` of them at once
  // (HandlerPool).
  HttpServer(const HttpLimits& limits, int worker_threads, int running_handlers);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port now (port 0: any free one) and returns the port. Never shares a
  // port: Unavailable, naming the address and the reason, when it is in use. `service`
  // must outlive the server.
  absl::StatusOr<int> Listen(const std::string& host, int port, const HttpService& service);

  // Serves every listener until Stop(); then closes idle connections, finishes the
  // requests that have begun (within their deadlines), and returns.
  absl::Status Run();
  // Idempotent; before Run() it makes Run() return at once.
  void Stop();

  // Answers the first request in `raw` as a connection would: the same parser and
  // limits, then `service` on the calling thread. Returns the serialized answer; "" for
  // empty input. The peer address is 127.0.0.1.
  std::string AnswerRaw(std::string_view raw, const HttpService& service) const;

  // Times a handler waited or ran long enough for another to start (HandlerPool).
  uint64_t HandlerStalls() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ledd::server
