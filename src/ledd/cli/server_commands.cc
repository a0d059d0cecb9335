// ledd serve | accounts create: the HTTP server and the operator's account tool.
//
// Signals: SIGTERM and SIGINT are blocked in every thread (the mask is set before any
// thread starts, and threads inherit it) and taken by one thread with sigwait(), which
// then calls Server::Stop() as ordinary code. A signal handler could only set a flag:
// Server::Stop() posts to the server's event loop, which is no work for a signal handler.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/cli/command.h"
#include "ledd/cli/output.h"
#include "ledd/mail/smtp.h"
#include "ledd/server/accounts.h"
#include "ledd/server/mail_links.h"
#include "ledd/server/mail_sender.h"
#include "ledd/server/notification_mailer.h"
#include "ledd/server/server.h"
#include "ledd/service/data_rights.h"
#include "ledd/service/live_network.h"
#include "ledd/store/open.h"
#include "ledd/store/postgres/postgres_store.h"
#include "nlohmann/json.hpp"

namespace ledd::cli {
namespace {

struct ServeFlags {
  std::string db;
  bool create_db = false;  // Create a missing database (an empty network).
  std::string follow_db;   // Where the event log is followed (PostgreSQL).
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  int running_handlers = 0;
  size_t max_body_bytes = 64 * 1024;
  std::string password_hashing = "interactive";
  int64_t session_lifetime = 14 * 24 * 3600;
  bool secure_cookies = false;
  std::string public_url;  // "" = from each request's Host header.
  double follow_seconds = 1.0;
  // ---- snapshot files (graph/snapshot_file.h) ----
  std::string snapshot;               // Start from this file; "" = scan the database.
  double snapshot_save_interval = 0;  // Seconds between saves of it; 0 = never.
  std::string web_root = server::DefaultWebRoot();
  std::string demo_accounts;   // A JSON file; "" = none.
  // ---- data rights (service/data_rights.h) ----
  int64_t deletion_grace_days = 14;
  int64_t deletion_grace_seconds = -1;  // Overrides the days when set (tests).
  double erase_interval = 60;
  std::string metrics_listen;  // HOST:PORT; "" = no metrics listener.
  std::vector<std::string> allowed_hosts;
  std::vector<std::string> trusted_proxies;
  int header_timeout = 10;
  int body_timeout = 30;
  int keep_alive_timeout = 5;
  size_t max_connections = 10'000;
  // ---- rate limits and sign-in limits (accounts.h) ----
  double rate_limit_burst = 300;
  double rate_limit_per_second = 30;
  // How long a session read from the store is taken from memory (accounts.h).
  double session_cache_seconds = 1;
  // Memory for the store's part of profiles (service/profile_facts.h).
  int profile_cache_mib = 64;
  double signups_per_hour = 5;
  // ---- mail about notifications (notification_mailer.h) ----
  int notify_interval = 30;  // Seconds between the mailer's passes.
  // ---- outgoing mail (mail/smtp.h, server/mail_sender.h) ----
  std::string smtp_url;  // "" = no mail is sent (it waits in the queue).
  std::string smtp_user;
  std::string smtp_password_file;
  std::string smtp_starttls;  // "required", "when-offered"; "" = required with a user.
  std::string smtp_ca_file;
  std::string mail_from;
  int64_t mail_retry_seconds = 30;
  int mail_max_attempts = 10;
};

// The first line of `path` (a password file), without its line end.
absl::StatusOr<std::string> ReadSecret(const std::string& flag, const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(fmt::format("{}: cannot read {}", flag, path));
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return absl::InvalidArgumentError(fmt::format("{}: {} is empty", flag, path));
  return line;
}

// The sender's options from the flags; nullopt without --smtp-url.
absl::StatusOr<std::optional<server::MailSenderOptions>> MailOptions(const ServeFlags& flags) {
  if (flags.smtp_url.empty()) {
    if (!flags.smtp_user.empty() || !flags.smtp_password_file.empty()) {
      return absl::InvalidArgumentError("--smtp-user and --smtp-password-file need --smtp-url");
    }
    return std::nullopt;
  }
  server::MailSenderOptions options;
  options.smtp.url = flags.smtp_url;
  options.smtp.from = flags.mail_from;
  options.smtp.username = flags.smtp_user;
  options.smtp.ca_file = flags.smtp_ca_file;
  if (!flags.smtp_password_file.empty()) {
    LEDD_ASSIGN_OR_RETURN(options.smtp.password,
                          ReadSecret("--smtp-password-file", flags.smtp_password_file));
  }
  if (flags.smtp_starttls == "required" ||
      (flags.smtp_starttls.empty() && !flags.smtp_user.empty())) {
    options.smtp.starttls = mail::StartTls::kRequired;
  } else if (flags.smtp_starttls == "when-offered" || flags.smtp_starttls.empty()) {
    options.smtp.starttls = mail::StartTls::kWhenOffered;
  } else {
    return absl::InvalidArgumentError(fmt::format(
        "--smtp-starttls must be required or when-offered, not \"{}\"", flags.smtp_starttls));
  }
  if (flags.mail_retry_seconds <= 0 || flags.mail_max_attempts <= 0) {
    return absl::InvalidArgumentError(
        "--mail-retry-seconds and --mail-max-attempts must be positive");
  }
  options.first_retry = flags.mail_retry_seconds;
  options.max_attempts = flags.mail_max_attempts;
  if (absl::Status valid = mail::ValidateSmtpOptions(options.smtp); !valid.ok()) {
    return absl::InvalidArgumentError(fmt::format("--smtp-url: {}", std::string(valid.message())));
  }
  return options;
}

absl::StatusOr<server::PasswordHashing> ParseHashing(const std::string& name) {
  if (name == "interactive") return server::PasswordHashing::kInteractive;
  if (name == "fast") return server::PasswordHashing::kFast;
  return absl::InvalidArgumentError(
      fmt::format("--password-hashing must be interactive or fast, not \"{}\"", name));
}

// "HOST:PORT" (for `flag`) -> host, port.
absl::Status ParseListen(const char* flag, const std::string& listen, std::string& host,
                         int& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return absl::InvalidArgumentError(fmt::format("{} wants HOST:PORT, not \"{}\"", flag, listen));
  }
  host = listen.substr(0, colon);
  const std::string digits = listen.substr(colon + 1);
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || value > 65535) {
      return absl::InvalidArgumentError(fmt::format("{}: bad port \"{}\"", flag, digits));
    }
    value = value * 10 + (c - '0');
  }
  if (digits.empty() || value > 65535) {
    return absl::InvalidArgumentError(fmt::format("{}: bad port \"{}\"", flag, digits));
  }
  port = value;
  return absl::OkStatus();
}

// The --demo-accounts file: a JSON array of {"email","password","name"} strings.
absl::StatusOr<std::vector<server::DemoAccount>> ReadDemoAccounts(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(fmt::format("--demo-accounts: cannot read {}", path));
  std::stringstream text;
  text << file.rdbuf();
  const nlohmann::json accounts =
      nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!accounts.is_array()) {
    return absl::InvalidArgumentError(fmt::format("--demo-accounts: {} is not a JSON array", path));
  }
  std::vector<server::DemoAccount> result;
  for (const nlohmann::json& account : accounts) {
    const auto text_field = [&account](const char* key) -> const nlohmann::json* {
      if (!account.is_object() || !account.contains(key) || !account[key].is_string()) {
        return nullptr;
      }
      return &account[key];
    };
    const nlohmann::json* email = text_field("email");
    const nlohmann::json* password = text_field("password");
    const nlohmann::json* name = text_field("name");
    if (email == nullptr || password == nullptr || name == nullptr) {
      return absl::InvalidArgumentError(
          fmt::format("--demo-accounts: {}: entry {} needs the strings email, password and name",
                      path, result.size()));
    }
    result.push_back({.email = email->get<std::string>(),
                      .password = password->get<std::string>(),
                      .name = name->get<std::string>()});
  }
  return result;
}

// Writes the network to the snapshot file every `interval` when it has changed since the
// last save, in a thread of its own; stopped by Stop() or the destructor.
class SnapshotSaver {
 public:
  SnapshotSaver(service::LiveNetwork& live, std::string path, double interval,
                store::EventPosition saved)
      : live_(live), path_(std::move(path)), interval_(interval), saved_(saved) {
    thread_ = std::thread([this] { Run(); });
  }
  ~SnapshotSaver() { Stop(); }
  SnapshotSaver(const SnapshotSaver&) = delete;
  SnapshotSaver& operator=(const SnapshotSaver&) = delete;

  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Run() {
    const auto period = std::chrono::duration<double>(interval_);
    while (true) {
      {
        std::unique_lock lock(mu_);
        wake_.wait_for(lock, period, [this] { return stop_; });
        if (stop_) return;
      }
      if (live_.LastApplied() == saved_) continue;
      const auto started = std::chrono::steady_clock::now();
      absl::StatusOr<graph::SnapshotFileInfo> info = live_.SaveSnapshotFile(path_);
      if (!info.ok()) {
        std::fprintf(stderr, "ledd: cannot save the snapshot file: %s\n",
                     std::string(info.status().message()).c_str());
        continue;
      }
      saved_ = service::FilePosition(*info);
      std::fprintf(
          stderr, "ledd: saved snapshot file %s at event %lld.%lld in %.1f s\n", path_.c_str(),
          static_cast<long long>(saved_.xid), static_cast<long long>(saved_.id),
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
  }

  service::LiveNetwork& live_;
  const std::string path_;
  const double interval_;
  store::EventPosition saved_;  // Only the saver's thread touches it after construction.
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

absl::Status RunServe(const ServeFlags& flags) {
  server::ServerOptions options;
  options.threads = flags.threads;
  options.running_handlers = flags.running_handlers;
  // PostgreSQL's handlers mostly wait on round trips: every thread may run one.
  if (flags.running_handlers == 0 && store::IsPostgresUri(flags.db)) options.running_handlers = -1;
  options.max_body_bytes = flags.max_body_bytes;
  options.secure_cookies = flags.secure_cookies;
  options.public_url = flags.public_url;
  options.session_lifetime = flags.session_lifetime;
  options.web_root = flags.web_root;
  options.deletion_grace_seconds = flags.deletion_grace_seconds >= 0
                                       ? flags.deletion_grace_seconds
                                       : flags.deletion_grace_days * 24 * 3600;
  if (flags.erase_interval <= 0) {
    return absl::InvalidArgumentError("--erase-interval must be positive seconds");
  }
  options.erase_interval_seconds = flags.erase_interval;
  if (!flags.demo_accounts.empty()) {
    LEDD_ASSIGN_OR_RETURN(options.demo_accounts, ReadDemoAccounts(flags.demo_accounts));
  }
  LEDD_RETURN_IF_ERROR(ParseListen("--listen", flags.listen, options.host, options.port));
  if (!flags.metrics_listen.empty()) {
    LEDD_RETURN_IF_ERROR(ParseListen("--metrics-listen", flags.metrics_listen, options.metrics_host,
                                     options.metrics_port));
  }
  options.allowed_hosts = flags.allowed_hosts;
  options.trusted_proxies = flags.trusted_proxies;
  if (flags.header_timeout <= 0 || flags.body_timeout <= 0 || flags.keep_alive_timeout <= 0) {
    return absl::InvalidArgumentError("timeouts must be positive seconds");
  }
  if (flags.max_connections == 0) {
    return absl::InvalidArgumentError("--max-connections must be positive");
  }
  options.header_timeout_seconds = flags.header_timeout;
  options.body_timeout_seconds = flags.body_timeout;
  options.keep_alive_timeout_seconds = flags.keep_alive_timeout;
  options.max_connections = flags.max_connections;
  LEDD_ASSIGN_OR_RETURN(server::PasswordHashing hashing, ParseHashing(flags.password_hashing));
  LEDD_ASSIGN_OR_RETURN(std::optional<server::MailSenderOptions> mail_options, MailOptions(flags));
  // Mailed links (verification, password reset) take their origin from --public-url,
  // else from the request's Host. A server that answers any Host would let a stranger
  // have a member's reset link point at the stranger's site; so it must say where it is.
  const bool loopback = options.host == "localhost" || options.host == "::1" ||
                        options.host.starts_with("127.");
  if (mail_options.has_value() && flags.public_url.empty() && flags.allowed_hosts.empty() &&
      !loopback) {
    return absl::InvalidArgumentError(
        "--smtp-url needs --public-url (or --allowed-host) on a public address: the links "
        "in mail must not take their address from a request's Host header");
  }
  if (flags.session_lifetime <= 0) {
    return absl::InvalidArgumentError("--session-lifetime must be positive");
  }
  if (flags.snapshot_save_interval < 0 ||
      (flags.snapshot_save_interval > 0 && flags.snapshot.empty())) {
    return absl::InvalidArgumentError(
        "--snapshot-save-interval must be positive seconds and needs --snapshot FILE");
  }

  // Before any thread exists, so that every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db, {.create_if_missing = flags.create_db,
                                                    .follow_db = flags.follow_db}));
  LEDD_ASSIGN_OR_RETURN(
      std::unique_ptr<service::LiveNetwork> live,
      service::LiveNetwork::OpenFromFile(
          *store, flags.snapshot,
          {.profile_cache_bytes = static_cast<size_t>(flags.profile_cache_mib) << 20}));
  if (!flags.snapshot.empty()) {
    const service::LiveNetworkStart& start = live->StartInfo();
    if (start.from_file) {
      std::fprintf(stderr,
                   "ledd: started from snapshot file %s (event %lld.%lld), %lld events "
                   "replayed\n",
                   flags.snapshot.c_str(), static_cast<long long>(start.file_info.position_xid),
                   static_cast<long long>(start.file_info.position_id),
                   static_cast<long long>(start.replayed_events));
    } else {
      std::fprintf(stderr,
                   "ledd: warning: snapshot file %s not used: %s; loaded from the database\n",
                   flags.snapshot.c_str(), PrintableLines(start.fallback).c_str());
    }
  }
  live->StartFollowing(absl::Seconds(flags.follow_seconds));
  std::unique_ptr<SnapshotSaver> saver;
  if (flags.snapshot_save_interval > 0) {
    const service::LiveNetworkStart& start = live->StartInfo();
    // Without a usable file, the first interval writes one.
    saver = std::make_unique<SnapshotSaver>(*live, flags.snapshot, flags.snapshot_save_interval,
                                            start.from_file
                                                ? service::FilePosition(start.file_info)
                                                : store::EventPosition{.xid = -1, .id = -1});
  }
  server::AccountsOptions account_options;
  account_options.hashing = hashing;
  account_options.session_lifetime = flags.session_lifetime;
  // ---- rate limits and sign-in limits (accounts.h) ----
  if (flags.rate_limit_burst < 1 || flags.rate_limit_per_second < 0 ||
      flags.signups_per_hour < 0) {
    return absl::InvalidArgumentError(
        "--rate-limit-burst must be at least 1; --rate-limit-per-second and "
        "--signups-per-hour must not be negative");
  }
  account_options.requests = {.burst = flags.rate_limit_burst,
                              .per_second = flags.rate_limit_per_second};
  account_options.signups = {.burst = flags.signups_per_hour,
                             .per_second = flags.signups_per_hour / 3600};
  if (!(flags.session_cache_seconds >= 0 && flags.session_cache_seconds <= 3600)) {
    return absl::InvalidArgumentError("--session-cache-seconds must be between 0 and 3600");
  }
  account_options.session_cache_seconds = flags.session_cache_seconds;
  // Invitations wait for a confirmed email only when mail can confirm it.
  account_options.require_verified_email = mail_options.has_value();
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<server::Accounts> accounts,
                        server::Accounts::Create(*store, live.get(), account_options));
  std::unique_ptr<server::MailSender> mail_sender;
  if (mail_options.has_value()) {
    mail_sender = std::make_unique<server::MailSender>(*store, *std::move(mail_options));
    options.mail_sender = mail_sender.get();
  } else {
    std::fprintf(stderr,
                 "ledd: no --smtp-url: mail waits in the queue unsent, and email addresses "
                 "need no verification\n");
  }
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<server::Server> http,
                        server::Server::Create(*store, *live, *accounts, options));
  LEDD_ASSIGN_OR_RETURN(int port, http->Bind());
  // Mail about notifications, posts and digests goes into the outbox; the mail sender
  // sends it. Links point at --public-url, else at the address served.
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<server::MailLinks> mail_links,
                        server::MailLinks::Create(*store));
  std::string mail_origin = flags.public_url;
  if (mail_origin.ends_with('/')) mail_origin.pop_back();
  if (mail_origin.empty()) {
    mail_origin = fmt::format("{}://{}:{}", flags.secure_cookies ? "https" : "http",
                              options.host.find(':') != std::string::npos
                                  ? fmt::format("[{}]", options.host)
                                  : options.host,
                              port);
  }
  server::NotificationMailer mailer(*store, *mail_links,
                                    {.origin = mail_origin,
                                     .clock = {},
                                     .interval_seconds = flags.notify_interval,
                                     .batch = 200,
                                     .send = mail_sender != nullptr});
  mailer.Start();

  std::atomic<bool> serving_done{false};
  std::thread signal_waiter([&] {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    if (serving_done.load()) return;  // Woken by us after Serve() returned on its own.
    std::fprintf(stderr, "ledd: %s: finishing the requests in flight\n",
                 signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    http->Stop();
  });

  // Before the main URL: tests read up to that line.
  if (http->metrics_port() >= 0) {
    fmt::print("ledd: metrics on http://{}:{}/metrics\n", options.metrics_host,
               http->metrics_port());
  }
  fmt::print("ledd: listening on http://{}:{}/ ({} members)\n", options.host, port,
             live->Current()->NodeCount());
  std::error_code no_directory;
  if (!std::filesystem::is_directory(options.web_root, no_directory)) {
    fmt::print(stderr, "ledd: no web UI at {} (build it, or pass --web-root); serving the API\n",
               options.web_root);
  }
  std::fflush(stdout);
  if (mail_sender != nullptr) mail_sender->Start();
  absl::Status served = http->Serve();
  if (mail_sender != nullptr) mail_sender->Stop();

  serving_done.store(true);
  pthread_kill(signal_waiter.native_handle(), SIGTERM);  // Blocked there: sigwait takes it.
  signal_waiter.join();
  // In this order: nothing uses the network once the server is gone, and the store
  // closes last, after the follower thread has stopped reading it.
  mailer.Stop();
  saver.reset();
  http.reset();
  mail_sender.reset();
  accounts.reset();
  live.reset();
  store.reset();
  if (served.ok()) std::fprintf(stderr, "ledd: stopped\n");
  return served;
}

struct AccountFlags {
  std::string db;
  int64_t member = 0;
  std::string email;
  std::string password;
  std::string password_hashing = "interactive";
  std::string role;                   // accounts role: member, moderator or admin.
  CLI::App* role_command = nullptr;   // Which subcommand ran.
};

absl::Status RunEraseDue(const std::string& db) {
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(db));
  // No network here: each serving process learns of the erasures from the event log.
  service::DataRights rights(*store, nullptr);
  LEDD_ASSIGN_OR_RETURN(std::vector<MemberId> erased, rights.EraseDue());
  for (MemberId member : erased) fmt::print("erased member {}\n", member);
  fmt::print("{} account{} erased\n", erased.size(), erased.size() == 1 ? "" : "s");
  return absl::OkStatus();
}

absl::Status RunCreateAccount(const AccountFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(server::PasswordHashing hashing, ParseHashing(flags.password_hashing));
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  server::AccountsOptions account_options;
  account_options.hashing = hashing;
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<server::Accounts> accounts,
                        server::Accounts::Create(*store, nullptr, account_options));
  LEDD_RETURN_IF_ERROR(accounts->CreateAccount(flags.member, flags.email, flags.password));
  fmt::print("account created for member {}\n", flags.member);
  return absl::OkStatus();
}

// Sets the role of the account with `email`, with an audit row naming the operator.
absl::Status RunSetRole(const AccountFlags& flags) {
  LEDD_ASSIGN_OR_RETURN(store::Role role, store::ParseRole(flags.role));
  LEDD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                        store::OpenStore(flags.db));
  LEDD_ASSIGN_OR_RETURN(std::string email, server::Accounts::NormalizeEmail(flags.email));
  LEDD_ASSIGN_OR_RETURN(store::Account account, store->GetAccountByEmail(email));
  const Timestamp now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  LEDD_RETURN_IF_ERROR(store
                           ->Moderate({.moderator = 0,
                                       .action = store::ModerationAction::kRole,
                                       .report = std::nullopt,
                                       .member = account.member,
                                       .reason = "",
                                       .days = 0,
                                       .role = role,
                                       .at = now})
                           .status());
  fmt::print("member {} ({}) is now {}\n", account.member, email, store::RoleName(role));
  return absl::OkStatus();
}

}  // namespace

void AddServerCommands(Commands& commands) {
  auto serve = std::make_shared<ServeFlags>();
  CLI::App* app = commands.Add("serve", "Serve the JSON HTTP API until SIGTERM or SIGINT",
                               [serve] { return RunServe(*serve); });
  app->add_option("--db", serve->db,
                  "SQLite database file, or a postgresql:// URI (docs/deployment.md)")
      ->required();
  app->add_option("--follow-db", serve->follow_db,
                  "PostgreSQL: follow the event log from this URI instead, e.g. a hot standby "
                  "(target_session_attrs=prefer-standby); writes and reads stay on --db");
  app->add_flag("--create-db", serve->create_db,
                "Create the database if it does not exist (an empty network that members "
                "join by signing up); without it a missing database is an error");
  app->add_option("--listen", serve->listen,
                  "HOST:PORT to listen on (port 0: any free port; the URL is printed)")
      ->capture_default_str();
  app->add_option("--threads", serve->threads, "Worker threads (default: 4 per core)")
      ->check(IntegerIn(0, 4096));
  app->add_option("--running-handlers", serve->running_handlers,
                  "Of those, handlers running at once; one that waits or runs over 5 ms lets "
                  "another start (default: one per core; with PostgreSQL, every thread)")
      ->check(IntegerIn(0, 4096));
  app->add_option("--metrics-listen", serve->metrics_listen,
                  "HOST:PORT of a second listener for /metrics and /healthz (the main one "
                  "does not serve /metrics)");
  app->add_option("--allowed-host", serve->allowed_hosts,
                  "A name the Host header may carry (repeatable; default: on a loopback "
                  "address only localhost, 127.0.0.1, [::1]; elsewhere any)");
  app->add_option("--trusted-proxy", serve->trusted_proxies,
                  "Address or CIDR range of a proxy whose X-Forwarded-For is believed "
                  "(repeatable)");
  app->add_option("--header-timeout", serve->header_timeout,
                  "Seconds the request head (line and headers) may take to arrive")
      ->capture_default_str();
  app->add_option("--body-timeout", serve->body_timeout,
                  "Seconds the request body may take to arrive")
      ->capture_default_str();
  app->add_option("--keep-alive-timeout", serve->keep_alive_timeout,
                  "Seconds an idle keep-alive connection stays open")
      ->capture_default_str();
  app->add_option("--max-connections", serve->max_connections,
                  "Open connections at most; more are closed on accept")
      ->capture_default_str();
  app->add_option("--max-body-bytes", serve->max_body_bytes,
                  "Largest request body; larger ones get 413")
      ->check(IntegerIn<size_t>(1, size_t{1} << 40))
      ->capture_default_str();
  app->add_option("--session-lifetime", serve->session_lifetime,
                  "Seconds a session lasts after sign-in")
      ->check(IntegerIn<int64_t>(1, int64_t{100} * 365 * 24 * 3600))
      ->capture_default_str();
  app->add_flag("--secure-cookies", serve->secure_cookies,
                "Mark the session cookie Secure (when a TLS proxy is in front)");
  app->add_option("--public-url", serve->public_url,
                  "Where members reach the server (https://ledd.example.org), for the sign-up "
                  "links of email invitations; default: the request's Host, over https with "
                  "--secure-cookies, else http");
  app->add_option("--notify-interval", serve->notify_interval,
                  "Seconds between passes that turn new notifications, posts and due "
                  "digests into mail")
      ->check(IntegerIn<int>(1, 24 * 3600))
      ->capture_default_str();
  app->add_option("--follow-seconds", serve->follow_seconds,
                  "How often to look for writes of other processes")
      ->capture_default_str();
  app->add_option("--snapshot", serve->snapshot,
                  "Snapshot file (ledd snapshot save) to start from: the network is loaded "
                  "from it and the events after its position are replayed, instead of "
                  "scanning the database; a missing, corrupt or outdated file falls back to "
                  "the database with a warning");
  app->add_option("--snapshot-save-interval", serve->snapshot_save_interval,
                  "Seconds between writes of a fresh --snapshot file while serving (only "
                  "when the network changed; atomic); 0 = never")
      ->capture_default_str();
  app->add_option("--password-hashing", serve->password_hashing,
                  "interactive (Argon2id, libsodium's interactive limits) or fast (the "
                  "library minimum: for tests only, never for real passwords)")
      ->capture_default_str();
  app->add_option("--web-root", serve->web_root,
                  "Directory of the built web UI, served at / (without it only the API)")
      ->capture_default_str();
  app->add_option("--demo-accounts", serve->demo_accounts,
                  "JSON file of demo accounts [{\"email\",\"password\",\"name\"}] that the "
                  "sign-in page lists (demo networks only: the passwords are public)");
  // ---- data rights (service/data_rights.h) ----
  app->add_option("--deletion-grace-days", serve->deletion_grace_days,
                  "Days a requested account deletion waits before the erasure")
      ->check(IntegerIn<int64_t>(0, 3650))
      ->capture_default_str();
  app->add_option("--deletion-grace-seconds", serve->deletion_grace_seconds,
                  "The grace period in seconds instead (tests)")
      ->check(IntegerIn<int64_t>(0, int64_t{3650} * 24 * 3600));
  app->add_option("--erase-interval", serve->erase_interval,
                  "Seconds between two runs of the erasure job")
      ->capture_default_str();
  // ---- rate limits and sign-in limits (accounts.h) ----
  app->add_option("--rate-limit-burst", serve->rate_limit_burst,
                  "Requests one account (or, signed out, one client address) may make at once")
      ->capture_default_str();
  app->add_option("--rate-limit-per-second", serve->rate_limit_per_second,
                  "Sustained requests per second per account or address; 0 = no limit "
                  "(benchmarks)")
      ->capture_default_str();
  app->add_option("--session-cache-seconds", serve->session_cache_seconds,
                  "Seconds a signed-in session read from the database is remembered: how "
                  "late a sign-out or suspension made by another process (another replica, "
                  "the ledd CLI) takes effect here; this process's own take effect at once; "
                  "0 = read the database on every request")
      ->capture_default_str();
  app->add_option("--profile-cache-mib", serve->profile_cache_mib,
                  "Memory for what profiles show from the database (summaries, education "
                  "degrees, blocks, pending invitations), kept until a write changes it; "
                  "0 = read the database for every profile")
      ->check(CLI::Range(0, 1 << 20))
      ->capture_default_str();
  app->add_option("--smtp-url", serve->smtp_url,
                  "SMTP server for outgoing mail, smtp://HOST:PORT or smtps://HOST:PORT; "
                  "without it mail is queued but not sent");
  app->add_option("--smtp-user", serve->smtp_user, "SMTP user name (AUTH)");
  app->add_option("--smtp-password-file", serve->smtp_password_file,
                  "File whose first line is the SMTP password");
  app->add_option("--smtp-starttls", serve->smtp_starttls,
                  "required or when-offered (default: required with --smtp-user)");
  app->add_option("--smtp-ca-file", serve->smtp_ca_file,
                  "Certificates (PEM) to trust for the SMTP server's (default: the system's)");
  app->add_option("--mail-from", serve->mail_from,
                  "Sender of outgoing mail, e.g. \"ledd <noreply@example.org>\"");
  app->add_option("--mail-retry-seconds", serve->mail_retry_seconds,
                  "Wait after a failed attempt to send a mail; doubles with each attempt")
      ->capture_default_str();
  app->add_option("--mail-max-attempts", serve->mail_max_attempts,
                  "Attempts to send a mail before it is given up")
      ->capture_default_str();
  app->add_option("--signups-per-hour", serve->signups_per_hour,
                  "Accounts one client address may create per hour; 0 = no limit")
      ->capture_default_str();

  auto account = std::make_shared<AccountFlags>();
  auto erase_db = std::make_shared<std::string>();
  auto erase_chosen = std::make_shared<CLI::App*>(nullptr);
  CLI::App* accounts = commands.Add(
      "accounts", "Manage sign-in accounts (operator)", [account, erase_db, erase_chosen] {
        if (*erase_chosen != nullptr && (*erase_chosen)->parsed()) return RunEraseDue(*erase_db);
        if (account->role_command != nullptr && account->role_command->parsed()) {
          return RunSetRole(*account);
        }
        return RunCreateAccount(*account);
      });
  accounts->require_subcommand(1);
  CLI::App* erase = accounts->add_subcommand(
      "erase-due", "Erase the accounts whose requested deletion's grace period has ended");
  erase->add_option("--db", *erase_db, "SQLite database file")->required();
  *erase_chosen = erase;
  CLI::App* create =
      accounts->add_subcommand("create", "Give an existing member an account to sign in with");
  create->add_option("--db", account->db, "SQLite database file")->required();
  create->add_option("MEMBER", account->member, "Member id")->required()->check(PositiveId());
  create->add_option("--email", account->email, "Sign-in email")->required();
  create
      ->add_option("--password", account->password,
                   "Password (at least 10 characters); visible to other local users in "
                   "the process list, so use it for demo accounts")
      ->required();
  create
      ->add_option("--password-hashing", account->password_hashing,
                   "interactive or fast (tests only)")
      ->capture_default_str();
  CLI::App* role = accounts->add_subcommand(
      "role", "Set an account's role: member, moderator or admin (recorded in the audit)");
  role->add_option("--db", account->db, "SQLite database file")->required();
  role->add_option("EMAIL", account->email, "The account's sign-in email")->required();
  role->add_option("ROLE", account->role, "member, moderator or admin")
      ->required()
      ->check(CLI::IsMember({"member", "moderator", "admin"}));
  account->role_command = role;
}

}  // namespace ledd::cli
