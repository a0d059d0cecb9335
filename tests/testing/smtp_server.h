#pragma once
// A real SMTP server on loopback for tests that send mail: tests/testing/smtp_server.py
// (Debian's python3-aiosmtpd) as a child process. It can offer STARTTLS with a
// self-signed certificate for 127.0.0.1 made by `openssl req` in its own temporary
// directory (ca_file() is that certificate, for the client to trust), require AUTH
// PLAIN/LOGIN, and refuse chosen recipients. Every message it accepts is written to
// its directory as JSON by the script, which parses the MIME (headers decoded, text and
// html bodies decoded), so tests read mail as a receiver would.
//
// Stop() and Start() take it down and up again on the same port, keeping what it
// received. Not thread-safe; one test thread drives it.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "testing/temp_dir.h"

namespace ledd::testing {

struct SmtpServerOptions {
  int port = 0;           // 0: a free port the kernel picks at the first Start().
  bool starttls = false;  // Offer STARTTLS (certificate: ca_file()).
  bool require_tls = false;  // Refuse mail sent without STARTTLS.
  // Both non-empty: AUTH is required with these credentials (over TLS when offered).
  std::string username;
  std::string password;
  std::vector<std::string> refuse;  // Recipients answered with 550.
  bool start = true;                // Start in the constructor.
};

// One message as the server received it.
struct ReceivedMail {
  std::string mail_from;              // The envelope sender.
  std::vector<std::string> rcpt_tos;  // The envelope recipients.
  bool tls = false;                   // Sent after STARTTLS.
  std::string authenticated_as;       // The AUTH user; empty without AUTH.
  // In order, values decoded (RFC 2047) / as sent.
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> raw_headers;
  std::string subject;  // Decoded.
  std::string text;     // The text/plain body, decoded; "" for none.
  std::string html;     // The text/html body, decoded; "" for none.
  std::string raw;      // The whole message as received.

  // The first header of that name (case-insensitive), decoded / as sent; "" if absent.
  std::string Header(std::string_view name) const;
  std::string RawHeader(std::string_view name) const;
};

class SmtpServer {
 public:
  explicit SmtpServer(SmtpServerOptions options = {});
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  // Starts the script (on port(), or a free port the first time); false after
  // reporting to gtest when it did not come up within 10 s. Requires !running().
  bool Start();
  // SIGTERM, then waits for the exit (SIGKILL after 5 s). Received mail is kept.
  void Stop();
  bool running() const { return pid_ > 0; }

  int port() const { return port_; }
  // "smtp://127.0.0.1:PORT"
  std::string url() const;
  // The self-signed certificate (PEM) for 127.0.0.1 and localhost; "" without STARTTLS.
  std::string ca_file() const;

  // The `ledd serve` flags that send mail through this server (--smtp-url,
  // --mail-from, a short --mail-retry-seconds, and --smtp-ca-file, --smtp-user and
  // --smtp-password-file as its options need).
  std::vector<std::string> ServeFlags() const;

  // Everything received so far, in order of arrival.
  std::vector<ReceivedMail> Messages() const;
  // The first message received for `to` (an envelope recipient, case-insensitive) that
  // no earlier WaitForMail returned, waiting up to `timeout`; nullopt on timeout.
  std::optional<ReceivedMail> WaitForMail(const std::string& to,
                                          std::chrono::milliseconds timeout =
                                              std::chrono::seconds(20));

 private:
  SmtpServerOptions options_;
  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::vector<size_t> returned_;  // Messages() indexes WaitForMail has returned.
};

// A loopback port that was free a moment ago (bound to port 0 and released), for a
// server that must be named before it starts.
int FreeLoopbackPort();

// The link in `text` that starts with `prefix` (up to white space or a quote);
// "" when there is none. For tests that follow a mailed link.
std::string FindLink(std::string_view text, std::string_view prefix);

}  // namespace ledd::testing
