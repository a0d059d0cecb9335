#include "ledd/server/http_server.h"

#include <atomic>
#include <cstdio>
#include <exception>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "boost/asio/bind_executor.hpp"
#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/post.hpp"
#include "boost/asio/steady_timer.hpp"
#include "boost/asio/write.hpp"
#include "boost/beast/core/flat_buffer.hpp"
#include "boost/beast/http.hpp"
#include "fmt/format.h"
#include "ledd/server/handler_pool.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/router.h"

namespace ledd::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Parser = http::request_parser<http::string_body>;
using BeastResponse = http::response<http::string_body>;

constexpr size_t kReadChunk = 16 * 1024;
// After an error answer the rest of the request is read and thrown away for a moment,
// so that the client sees the answer instead of a reset; never more than this.
constexpr size_t kLingerBytes = 256 * 1024;
constexpr std::chrono::milliseconds kLingerTime{1'000};
constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

const char* ErrorCodeFor(int status) {
  switch (status) {
    case 413:
      return "PAYLOAD_TOO_LARGE";
    case 431:
      return "HEADERS_TOO_LARGE";
    case 500:
      return "INTERNAL";
    default:
      return "INVALID_ARGUMENT";
  }
}

const char* ErrorMessageFor(int status) {
  switch (status) {
    case 413:
      return "the request body is too large";
    case 431:
      return "the request head has too many or too large header fields";
    case 500:
      return "internal error";
    default:
      return "malformed request";
  }
}

// The head is parsed on its own (not eager) and with no body limit: the limit is the
// request's own, set by Feed once the head is known and before any body byte is parsed.
void Configure(Parser& parser, const HttpLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.eager(false);
}

// The body limit of the request whose head `parser` holds.
size_t BodyLimit(const Parser& parser, const HttpLimits& limits, const HttpService& service) {
  if (!service.body_limit) return limits.max_body_bytes;
  const auto& message = parser.get();
  const size_t limit =
      service.body_limit(std::string(message.method_string()), std::string(message.target()));
  return limit == 0 ? limits.max_body_bytes : limit;
}

int StatusForParseError(const beast::error_code& error) {
  if (error == http::error::body_limit) return 413;
  if (error == http::error::header_limit) return 431;
  return 400;
}

// Feeds `data` to `parser`: how many bytes it took, and the error status (400, 413,
// 431) or 0. `header_checked` is set once the head is complete and within the limits;
// the body limit is then set from `service`.
size_t Feed(Parser& parser, const HttpLimits& limits, const HttpService& service,
            std::string_view data, bool& header_checked, int& error_status) {
  size_t used = 0;
  error_status = 0;
  while (used < data.size() && !parser.is_done()) {
    beast::error_code error;
    const size_t took = parser.put(asio::buffer(data.data() + used, data.size() - used), error);
    used += took;
    if (error && error != http::error::need_more) {
      error_status = StatusForParseError(error);
      return used;
    }
    if (parser.is_header_done() && !header_checked) {
      const auto& message = parser.get();
      if (static_cast<size_t>(std::distance(message.begin(), message.end())) >
          limits.max_header_fields) {
        error_status = 431;
        return used;
      }
      const size_t body_limit = BodyLimit(parser, limits, service);
      const boost::optional<std::uint64_t> length = parser.content_length();
      if (length && *length > body_limit) {
        error_status = 413;
        return used;
      }
      parser.body_limit(body_limit);  // Counts chunked bodies as they arrive.
      parser.eager(true);
      header_checked = true;
    }
    if (error == http::error::need_more || took == 0) break;
  }
  return used;
}

// The request as the router sees it; false when the target is malformed.
bool ToRequest(http::request<http::string_body>&& message, std::string peer, HttpRequest& request) {
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  if (!ParseTarget(request.target, request).ok()) return false;
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_addr = std::move(peer);
  return true;
}

// Always HTTP/1.1 on the status line, whatever the request's version: the answer's
// version is the server's (RFC 9110 6.2). A HEAD answer has the GET answer's length.
BeastResponse ToBeast(HttpResponse&& response, bool head, bool keep_alive) {
  BeastResponse out;
  out.version(11);
  out.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) out.insert(name, value);
  if (!response.content_type.empty()) out.set(http::field::content_type, response.content_type);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(response.body.size());
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  return out;
}

std::string PeerAddress(const tcp::socket& socket) {
  beast::error_code error;
  const tcp::endpoint peer = socket.remote_endpoint(error);
  if (error) return "";
  asio::ip::address address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

}  // namespace

HttpResponse JsonErrorResponse(int status, std::string_view code, std::string_view message) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = Dump(MakeHttpError(status, code, message).body);
  return response;
}

HttpResponse ErrorResponse(int status) {
  return JsonErrorResponse(status, ErrorCodeFor(status), ErrorMessageFor(status));
}

namespace {

void Handle(const HttpService& service, HttpRequest& request, HttpResponse& response) {
  try {
    service.handle(request, response);
  } catch (const std::exception& exception) {
    std::fprintf(stderr, "ledd: %s: exception: %s\n", request.method.c_str(), exception.what());
    response = ErrorResponse(500);
  } catch (...) {
    std::fprintf(stderr, "ledd: %s: unknown exception\n", request.method.c_str());
    response = ErrorResponse(500);
  }
}

class Connection;

// The server's state, shared by its connections.
struct Core {
  Core(const HttpLimits& limits, int worker_threads, int running_handlers)
      : limits(limits), pool(worker_threads, running_handlers) {}

  struct Listener {
    explicit Listener(asio::io_context& io, const HttpService& service)
        : acceptor(io), retry(io), service(service) {}
    tcp::acceptor acceptor;
    asio::steady_timer retry;  // After an accept error (out of descriptors).
    const HttpService& service;
  };

  void Accept(Listener& listener);
  void StopOnIoThread();

  const HttpLimits limits;
  asio::io_context io{1};
  std::vector<std::unique_ptr<Listener>> listeners;
  // The open connections; touched only on the I/O thread.
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
  bool stopping = false;  // I/O thread only.
  HandlerPool pool;
};

}  // namespace

namespace {

// One client connection, driven by the I/O thread. Phases follow the request:
// kIdle (waiting for a keep-alive request's first byte) -> kHead -> kBody -> kHandling
// (on a worker, no deadline) -> kWriting -> kIdle again, or kLinger/closed.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Core& server, const HttpService& service, tcp::socket socket)
      : server_(server),
        service_(service),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()) {}

  void Start() {
    peer_ = PeerAddress(socket_);
    // The first request's head is due header_timeout after the connection opened.
    Arm(server_.limits.header_timeout);
    BeginRequest(/*first=*/true);
  }

  // Server stop: an idle connection closes now, others after their answer.
  void OnStop() {
    if (phase_ == Phase::kIdle) Close();
  }

 private:
  enum class Phase { kIdle, kHead, kBody, kHandling, kWriting, kLinger, kClosed };

  void BeginRequest(bool first) {
    parser_.emplace();
    Configure(*parser_, server_.limits);
    header_checked_ = false;
    continue_sent_ = false;
    if (buffer_.size() > 0) {  // A pipelined request is already here.
      phase_ = Phase::kHead;
      if (!first) Arm(server_.limits.header_timeout);
      Parse();
      return;
    }
    phase_ = Phase::kIdle;
    if (!first) Arm(server_.limits.keep_alive_timeout);
    Read();
  }

  void Read() {
    socket_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](beast::error_code error, size_t read) {
                              self->OnRead(error, read);
                            });
  }

  void OnRead(beast::error_code error, size_t read) {
    if (phase_ == Phase::kClosed) return;
    if (error) {
      Close();
      return;
    }
    buffer_.commit(read);
    if (phase_ == Phase::kLinger) {
      lingered_ += buffer_.size();
      buffer_.consume(buffer_.size());
      if (lingered_ >= kLingerBytes) {
        Close();
      } else {
        Read();
      }
      return;
    }
    if (phase_ == Phase::kIdle) {
      if (server_.stopping) {
        Close();
        return;
      }
      phase_ = Phase::kHead;
      if (served_ > 0) Arm(server_.limits.header_timeout);
    }
    Parse();
  }

  void Parse() {
    const auto data = buffer_.data();
    int error_status = 0;
    const size_t used = Feed(*parser_, server_.limits, service_,
                             std::string_view(static_cast<const char*>(data.data()), data.size()),
                             header_checked_, error_status);
    buffer_.consume(used);
    if (error_status != 0) {
      Refuse(error_status);
      return;
    }
    if (parser_->is_done()) {
      Dispatch();
      return;
    }
    if (header_checked_ && phase_ == Phase::kHead) {
      phase_ = Phase::kBody;
      Arm(server_.limits.body_timeout);
      const auto& message = parser_->get();
      if (!continue_sent_ && beast::iequals(message[http::field::expect], "100-continue")) {
        continue_sent_ = true;
        asio::async_write(socket_, asio::buffer(kContinue, sizeof kContinue - 1),
                          [self = shared_from_this()](beast::error_code error, size_t) {
                            if (error) {
                              self->Close();
                            } else if (self->phase_ == Phase::kBody) {
                              self->Read();
                            }
                          });
        return;
      }
    }
    Read();
  }

  void Dispatch() {
    phase_ = Phase::kHandling;
    timer_.cancel();
    http::request<http::string_body> message = parser_->release();
    parser_.reset();
    ++served_;
    const bool keep_alive =
        message.keep_alive() && !server_.stopping && served_ < server_.limits.keep_alive_max;
    const bool head = message.method() == http::verb::head;
    auto request = std::make_shared<HttpRequest>();
    if (!ToRequest(std::move(message), peer_, *request)) {
      Refuse(400);
      return;
    }
    server_.pool.Post([self = shared_from_this(), request, keep_alive, head,
                       work = asio::make_work_guard(server_.io)]() {
      HttpResponse response;
      Handle(self->service_, *request, response);
      auto answer = std::make_shared<BeastResponse>(ToBeast(std::move(response), head, keep_alive));
      asio::post(self->socket_.get_executor(), [self, answer] { self->Write(answer); });
    });
  }

  void Write(std::shared_ptr<BeastResponse> answer) {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kWriting;
    Arm(server_.limits.write_timeout);
    http::async_write(socket_, *answer,
                      [self = shared_from_this(), answer](beast::error_code error, size_t) {
                        self->OnWritten(error, answer->keep_alive());
                      });
  }

  void OnWritten(beast::error_code error, bool keep_alive) {
    if (phase_ == Phase::kClosed) return;
    if (error) {
      Close();
      return;
    }
    if (!keep_alive || server_.stopping) {
      beast::error_code ignored;
      socket_.shutdown(tcp::socket::shutdown_send, ignored);
      Close();
      return;
    }
    BeginRequest(/*first=*/false);
  }

  // Answers a request that never reaches a handler, then lingers and closes.
  void Refuse(int status) {
    std::string method;
    if (parser_ && parser_->is_header_done()) {
      method = std::string(parser_->get().method_string());
    }
    parser_.reset();
    if (service_.refused) service_.refused(method, status);
    auto answer = std::make_shared<BeastResponse>(
        ToBeast(ErrorResponse(status), /*head=*/false, /*keep_alive=*/false));
    phase_ = Phase::kWriting;
    Arm(server_.limits.write_timeout);
    http::async_write(socket_, *answer,
                      [self = shared_from_this(), answer](beast::error_code error, size_t) {
                        if (error) {
                          self->Close();
                          return;
                        }
                        self->Linger();
                      });
  }

  // The answer is sent; the client may still be sending a body we will not read.
  // Closing now would reset the connection, and the client could lose the answer, so
  // the server stops sending and reads a bounded amount before it closes.
  void Linger() {
    phase_ = Phase::kLinger;
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    buffer_.consume(buffer_.size());
    lingered_ = 0;
    Arm(kLingerTime);
    Read();
  }

  // Sets the deadline of the current phase; the previous one is cancelled.
  void Arm(Clock::duration timeout) {
    timer_.expires_after(timeout);
    timer_.async_wait([weak = weak_from_this()](beast::error_code error) {
      if (error) return;
      std::shared_ptr<Connection> self = weak.lock();
      // A wait that completed just before the deadline moved on is not a timeout.
      if (self && self->timer_.expiry() <= Clock::now()) self->OnTimeout();
    });
  }

  void OnTimeout() {
    if (phase_ == Phase::kHandling) return;  // Handlers have no deadline here.
    Close();
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
    server_.connections.erase(this);
  }

  Core& server_;
  const HttpService& service_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  Phase phase_ = Phase::kIdle;
  std::string peer_;
  int served_ = 0;
  size_t lingered_ = 0;
  bool header_checked_ = false;
  bool continue_sent_ = false;
};

void Core::Accept(Listener& listener) {
  listener.acceptor.async_accept([this, &listener](beast::error_code error, tcp::socket socket) {
    if (stopping || !listener.acceptor.is_open()) return;
    if (error) {
      // Out of file descriptors, most likely: try again shortly instead of spinning.
      listener.retry.expires_after(std::chrono::milliseconds(50));
      listener.retry.async_wait([this, &listener](beast::error_code wait_error) {
        if (!wait_error && !stopping) Accept(listener);
      });
      return;
    }
    if (connections.size() >= limits.max_connections) {
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto connection = std::make_shared<Connection>(*this, listener.service, std::move(socket));
      connections.emplace(connection.get(), connection);
      connection->Start();
    }
    Accept(listener);
  });
}

void Core::StopOnIoThread() {
  if (stopping) return;
  stopping = true;
  for (auto& listener : listeners) {
    beast::error_code ignored;
    listener->acceptor.close(ignored);
    listener->retry.cancel();
  }
  std::vector<std::shared_ptr<Connection>> open;
  for (auto& [pointer, weak] : connections) {
    if (std::shared_ptr<Connection> connection = weak.lock()) open.push_back(connection);
  }
  for (auto& connection : open) connection->OnStop();
}

}  // namespace

struct HttpServer::Impl : Core {
  using Core::Core;
};

HttpServer::HttpServer(const HttpLimits& limits, int worker_threads, int running_handlers)
    : impl_(std::make_unique<Impl>(limits, worker_threads, running_handlers)) {}

HttpServer::~HttpServer() { impl_->pool.Join(); }

absl::StatusOr<int> HttpServer::Listen(const std::string& host, int port,
                                       const HttpService& service) {
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  const std::string where = fmt::format("{}:{}", host, port);
  beast::error_code error;
  tcp::resolver resolver(impl_->io);
  const tcp::resolver::results_type endpoints = resolver.resolve(
      name, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || endpoints.empty()) {
    return absl::UnavailableError(
        fmt::format("cannot listen on {}: {}", where, error ? error.message() : "no address"));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto listener = std::make_unique<Core::Listener>(impl_->io, service);
  tcp::acceptor& acceptor = listener->acceptor;
  acceptor.open(endpoint.protocol(), error);
  // SO_REUSEADDR only lets a restarted server bind while old connections linger in
  // TIME_WAIT; Linux still refuses a second listener on the port. No SO_REUSEPORT,
  // which would let a second `ledd serve` share the port and take half the traffic.
  if (!error) acceptor.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return absl::UnavailableError(fmt::format("cannot listen on {}: {}", where, error.message()));
  }
  const int bound = acceptor.local_endpoint(error).port();
  if (error) return absl::UnavailableError(fmt::format("cannot listen on {}", where));
  impl_->listeners.push_back(std::move(listener));
  return bound;
}

absl::Status HttpServer::Run() {
  for (auto& listener : impl_->listeners) impl_->Accept(*listener);
  try {
    impl_->io.run();
  } catch (const std::exception& exception) {
    return absl::InternalError(fmt::format("the HTTP server failed: {}", exception.what()));
  }
  impl_->pool.Join();
  return absl::OkStatus();
}

void HttpServer::Stop() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->StopOnIoThread(); });
}

uint64_t HttpServer::HandlerStalls() const { return impl_->pool.stalls(); }

std::string HttpServer::AnswerRaw(std::string_view raw, const HttpService& service) const {
  if (raw.empty()) return "";
  Parser parser;
  Configure(parser, impl_->limits);
  bool header_checked = false;
  int error_status = 0;
  Feed(parser, impl_->limits, service, raw, header_checked, error_status);
  if (error_status == 0 && !parser.is_done()) {
    // The input ended: a request cut short is malformed.
    beast::error_code error;
    parser.put_eof(error);
    if (error || !parser.is_done()) error_status = 400;
  }
  HttpResponse response;
  bool head = false;
  if (error_status == 0) {
    http::request<http::string_body> message = parser.release();
    head = message.method() == http::verb::head;
    HttpRequest request;
    if (ToRequest(std::move(message), "127.0.0.1", request)) {
      Handle(service, request, response);
    } else {
      error_status = 400;
    }
  }
  if (error_status != 0) {
    if (service.refused) {
      service.refused(parser.is_header_done() ? std::string(parser.get().method_string()) : "",
                      error_status);
    }
    response = ErrorResponse(error_status);
    head = false;
  }
  std::ostringstream out;
  out << ToBeast(std::move(response), head, /*keep_alive=*/false);
  return out.str();
}

}  // namespace ledd::server
