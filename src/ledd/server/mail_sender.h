#pragma once
// The mail sender of `ledd serve`: a background thread that drains the store's outbox
// (store.h, "outgoing mail") through SMTP (mail/smtp.h).
//
// Each round claims due mail (Store::DueMail, which hides it from other senders for
// kMailClaim), sends each with no store transaction open, and records the outcome:
// sent; retried after a backoff that doubles with each failed attempt (first_retry,
// 2 x first_retry, ... at most max_retry); or given up (failed) after max_attempts
// attempts, or at once when the server refused the mail for good (a 5xx answer to a
// recipient). When a round finds nothing due it sleeps for `poll`. Queued mail survives
// restarts: it is in the store, and a claim a dead process held lapses.
//
// Metrics (Render): ledd_mail_sent_total, ledd_mail_failed_total (given up),
// ledd_mail_retries_total (failed attempts that will be retried), and the gauge
// ledd_mail_queued (neither sent nor given up, from the store).
//
// Thread-safety: Start, Stop and the destructor from the owning thread; Render,
// counters and SendDue from any thread (SendDue is what the thread runs).

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "ledd/mail/smtp.h"
#include "ledd/store/store.h"

namespace ledd::server {

struct MailSenderOptions {
  mail::SmtpOptions smtp;
  absl::Duration poll = absl::Seconds(1);  // Sleep between rounds that find nothing.
  int batch = 20;                          // Mail claimed per round.
  int max_attempts = 10;                   // Then the mail is given up.
  Timestamp first_retry = 30;              // Seconds after the first failed attempt.
  Timestamp max_retry = 6 * 3600;          // The backoff's ceiling.
  // Seconds since the epoch; empty = the wall clock. Must be thread-safe.
  std::function<Timestamp()> clock;
};

class MailSender {
 public:
  // `store` must outlive the sender.
  MailSender(store::Store& store, MailSenderOptions options);
  ~MailSender();  // Stop().
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Starts the thread. Requires that it is not running.
  void Start();
  // Stops the thread after the mail it is sending; idempotent.
  void Stop();

  // One round at `now`: claims and sends the due mail. Returns how many mails it
  // handled (sent, retried or given up), or the store's error.
  absl::StatusOr<int> SendDue(Timestamp now);

  // The seconds to wait before the next attempt after `attempts` failed ones.
  Timestamp Backoff(int attempts) const;

  int64_t sent() const { return sent_.load(); }
  int64_t failed() const { return failed_.load(); }
  // The metric families above, in the Prometheus text format.
  std::string Render() const;

 private:
  void Run();
  Timestamp Now() const;

  store::Store& store_;
  const MailSenderOptions options_;
  std::atomic<int64_t> sent_{0};
  std::atomic<int64_t> failed_{0};
  std::atomic<int64_t> retries_{0};
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace ledd::server
