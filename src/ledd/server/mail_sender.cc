#include "ledd/server/mail_sender.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "fmt/format.h"

namespace ledd::server {

MailSender::MailSender(store::Store& store, MailSenderOptions options)
    : store_(store), options_(std::move(options)) {}

MailSender::~MailSender() { Stop(); }

void MailSender::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void MailSender::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

Timestamp MailSender::Now() const {
  return options_.clock ? options_.clock() : absl::ToUnixSeconds(absl::Now());
}

Timestamp MailSender::Backoff(int attempts) const {
  Timestamp wait = std::max<Timestamp>(1, options_.first_retry);
  for (int attempt = 1; attempt < attempts && wait < options_.max_retry; ++attempt) wait *= 2;
  return std::min(wait, std::max<Timestamp>(1, options_.max_retry));
}

absl::StatusOr<int> MailSender::SendDue(Timestamp now) {
  absl::StatusOr<std::vector<store::OutgoingMail>> due = store_.DueMail(now, options_.batch);
  if (!due.ok()) return due.status();
  for (const store::OutgoingMail& mail : *due) {
    // No store transaction is open here: DueMail committed its claim.
    const absl::Status sent = mail::SendMail(options_.smtp, mail);
    const int attempts = mail.attempts + 1;
    absl::Status recorded;
    if (sent.ok()) {
      recorded = store_.MarkMailSent(mail.id, Now());
      ++sent_;
    } else {
      const std::string error(sent.message());
      const bool permanent = sent.code() == absl::StatusCode::kFailedPrecondition ||
                             sent.code() == absl::StatusCode::kInvalidArgument;
      if (permanent || attempts >= options_.max_attempts) {
        recorded = store_.MarkMailFailed(mail.id, error);
        ++failed_;
        std::fprintf(stderr, "ledd: mail %lld (%s) given up after %d attempts: %s\n",
                     static_cast<long long>(mail.id), mail.kind.c_str(), attempts, error.c_str());
      } else {
        const Timestamp wait = Backoff(attempts);
        recorded = store_.MarkMailRetry(mail.id, Now() + wait, error);
        ++retries_;
        std::fprintf(stderr, "ledd: mail %lld (%s) attempt %d failed, retrying in %lld s: %s\n",
                     static_cast<long long>(mail.id), mail.kind.c_str(), attempts,
                     static_cast<long long>(wait), error.c_str());
      }
    }
    if (!recorded.ok()) return recorded;
  }
  return static_cast<int>(due->size());
}

void MailSender::Run() {
  while (true) {
    absl::StatusOr<int> handled = SendDue(Now());
    if (!handled.ok()) {
      std::fprintf(stderr, "ledd: mail sender: %s\n", std::string(handled.status().message()).c_str());
    }
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    // A full batch means more may be due: go again at once.
    if (handled.ok() && *handled >= options_.batch) continue;
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.poll);
    if (stopping_) return;
  }
}

std::string MailSender::Render() const {
  std::string out;
  out += "# HELP ledd_mail_sent_total Mail the SMTP server accepted.\n";
  out += "# TYPE ledd_mail_sent_total counter\n";
  out += fmt::format("ledd_mail_sent_total {}\n", sent_.load());
  out += "# HELP ledd_mail_failed_total Mail given up (refused for good, or too many attempts).\n";
  out += "# TYPE ledd_mail_failed_total counter\n";
  out += fmt::format("ledd_mail_failed_total {}\n", failed_.load());
  out += "# HELP ledd_mail_retries_total Failed attempts to send mail that will be retried.\n";
  out += "# TYPE ledd_mail_retries_total counter\n";
  out += fmt::format("ledd_mail_retries_total {}\n", retries_.load());
  absl::StatusOr<int64_t> queued = store_.CountQueuedMail();
  if (queued.ok()) {
    out += "# HELP ledd_mail_queued Mail neither sent nor given up.\n";
    out += "# TYPE ledd_mail_queued gauge\n";
    out += fmt::format("ledd_mail_queued {}\n", *queued);
  }
  return out;
}

}  // namespace ledd::server
