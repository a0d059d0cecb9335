#include "testing/smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "testing/run.h"

namespace ledd::testing {
namespace {

std::string Find(const std::vector<std::pair<std::string, std::string>>& headers,
                 std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, absl::string_view(name.data(), name.size()))) return value;
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> HeadersOf(const nlohmann::json& list) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const nlohmann::json& pair : list) headers.emplace_back(pair[0], pair[1]);
  return headers;
}

}  // namespace

std::string ReceivedMail::Header(std::string_view name) const { return Find(headers, name); }
std::string ReceivedMail::RawHeader(std::string_view name) const {
  return Find(raw_headers, name);
}

SmtpServer::SmtpServer(SmtpServerOptions options) : options_(std::move(options)) {
  port_ = options_.port;
  if (options_.starttls) {
    const RunResult made = RunCommand(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
        "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
        dir_.File("key.pem") + " -out " + dir_.File("cert.pem"));
    if (made.exit_code != 0) ADD_FAILURE() << "openssl req: " << made.err;
  }
  if (options_.start) Start();
}

SmtpServer::~SmtpServer() { Stop(); }

bool SmtpServer::Start() {
  if (running()) {
    ADD_FAILURE() << "the SMTP server is already running";
    return false;
  }
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return false;
  std::vector<std::string> args = {LEDD_SYSTEM_PYTHON, LEDD_SMTP_SERVER_SCRIPT, "--out",
                                   dir_.File("mail"), "--port", std::to_string(port_)};
  if (options_.starttls) {
    args.insert(args.end(), {"--tls-cert", dir_.File("cert.pem"), "--tls-key", dir_.File("key.pem")});
  }
  if (options_.require_tls) args.push_back("--require-tls");
  if (!options_.username.empty()) {
    args.insert(args.end(), {"--auth", options_.username + ":" + options_.password});
  }
  for (const std::string& address : options_.refuse) args.insert(args.end(), {"--refuse", address});
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  // "PORT 12345\n"
  std::string printed;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int port = 0;
  while (port == 0 && std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{pipe_fds[0], POLLIN, 0};
    if (poll(&poll_fd, 1, 100) <= 0) continue;
    char buffer[64];
    const ssize_t got = read(pipe_fds[0], buffer, sizeof buffer);
    if (got <= 0) break;
    printed.append(buffer, static_cast<size_t>(got));
    if (printed.starts_with("PORT ") && printed.find('\n') != std::string::npos) {
      port = std::atoi(printed.c_str() + 5);
    }
  }
  close(pipe_fds[0]);
  if (port == 0) {
    ADD_FAILURE() << "the SMTP server did not start (printed \"" << printed << "\")";
    Stop();
    return false;
  }
  port_ = port;
  return true;
}

void SmtpServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) != pid_) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
}

std::string SmtpServer::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

std::string SmtpServer::ca_file() const {
  return options_.starttls ? dir_.File("cert.pem") : "";
}

std::vector<std::string> SmtpServer::ServeFlags() const {
  std::vector<std::string> flags = {"--smtp-url",    url(), "--mail-from",
                                    "ledd <noreply@ledd.test>", "--mail-retry-seconds", "1"};
  if (options_.starttls) flags.insert(flags.end(), {"--smtp-ca-file", ca_file()});
  if (!options_.username.empty()) {
    const std::string password_file = dir_.File("smtp-password");
    std::ofstream(password_file) << options_.password << "\n";
    flags.insert(flags.end(),
                 {"--smtp-user", options_.username, "--smtp-password-file", password_file});
  }
  return flags;
}

std::vector<ReceivedMail> SmtpServer::Messages() const {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.File("mail"), error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(".") && name.ends_with(".json")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> messages;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file);
    const nlohmann::json record = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!record.is_object()) {
      ADD_FAILURE() << file << " does not parse";
      continue;
    }
    ReceivedMail mail;
    mail.mail_from = record.value("mail_from", "");
    for (const nlohmann::json& to : record["rcpt_tos"]) mail.rcpt_tos.push_back(to);
    mail.tls = record.value("tls", false);
    if (record["authenticated_as"].is_string()) mail.authenticated_as = record["authenticated_as"];
    mail.headers = HeadersOf(record["headers"]);
    mail.raw_headers = HeadersOf(record["raw_headers"]);
    mail.subject = record.value("subject", "");
    mail.text = record.value("text", "");
    mail.html = record.value("html", "");
    mail.raw = record.value("raw", "");
    messages.push_back(std::move(mail));
  }
  return messages;
}

std::optional<ReceivedMail> SmtpServer::WaitForMail(const std::string& to,
                                                    std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::vector<ReceivedMail> messages = Messages();
    for (size_t i = 0; i < messages.size(); ++i) {
      if (std::find(returned_.begin(), returned_.end(), i) != returned_.end()) continue;
      for (const std::string& recipient : messages[i].rcpt_tos) {
        if (absl::EqualsIgnoreCase(recipient, to)) {
          returned_.push_back(i);
          return std::move(messages[i]);
        }
      }
    }
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

std::string FindLink(std::string_view text, std::string_view prefix) {
  const size_t at = text.find(prefix);
  if (at == std::string_view::npos) return "";
  size_t end = at;
  while (end < text.size() && !absl::ascii_isspace(static_cast<unsigned char>(text[end])) &&
         text[end] != '"' && text[end] != '\'' && text[end] != '<' && text[end] != '>') {
    ++end;
  }
  return std::string(text.substr(at, end - at));
}

}  // namespace ledd::testing
