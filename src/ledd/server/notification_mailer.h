#pragma once
// The mailer: turns what the store records into outgoing mail (the mail sender then
// sends it). Each pass
//
//   1. takes the notifications it has not looked at yet (Store::PendingNotificationMail)
//      and writes a mail for each whose kind the member switched on (new invitation,
//      accepted invitation, new post of someone they follow; comments and moderators'
//      warnings are never mailed one by one), in the member's language (their account's), to their account's
//      email; members without an account get none;
//   2. takes new posts and mails each to the email subscribers of its author who had
//      confirmed by the time it was published, while the author's posts are public (a post older than two days when the mailer
//      first sees it, such as an imported one, is not news and is mailed to no one);
//   3. sends the digests that are due: the member's unread notifications since their
//      last digest that were not mailed one by one; none when there is nothing.
//
// Exactly once: each step writes its mail and marks what it looked at in one store
// transaction that checks the mark is still unset (notifications, posts) or the last
// digest is still the one it read, so a restart, a crash between read and write, or a
// second process on the same database never mails anything twice; what a crash leaves
// unmarked is looked at again.
//
// Thread-safety: RunOnce may be called from any thread, one call at a time; Start
// runs it every `interval` on a thread of its own until Stop (or destruction).

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "ledd/server/mail_links.h"
#include "ledd/store/store.h"

namespace ledd::server {

struct NotificationMailerOptions {
  // The server's public origin for links ("https://ledd.example.org", no slash at the
  // end).
  std::string origin;
  // Seconds since the epoch; empty = the wall clock.
  std::function<Timestamp()> clock;
  // Between passes when started.
  int interval_seconds = 30;
  // Notifications, posts or digests taken at once.
  int batch = 200;
  // False when the server sends no mail (no --smtp-url): notifications and posts are
  // marked as looked at without mail, so that configuring mail later does not send old
  // news, and no digest is recorded.
  bool send = true;
};

// What one pass wrote.
struct MailerPass {
  int64_t notification_mails = 0;
  int64_t post_mails = 0;
  int64_t digests = 0;
};

class NotificationMailer {
 public:
  // `store` and `links` must outlive the mailer.
  NotificationMailer(store::Store& store, const MailLinks& links,
                     NotificationMailerOptions options);
  ~NotificationMailer();
  NotificationMailer(const NotificationMailer&) = delete;
  NotificationMailer& operator=(const NotificationMailer&) = delete;

  // One pass (all three steps, each until nothing is left). The first error stops it.
  absl::StatusOr<MailerPass> RunOnce();

  // Runs passes in the background; errors are logged to stderr and retried next time.
  void Start();
  // Stops the background passes (waits for the running one). Idempotent.
  void Stop();

 private:
  Timestamp Now() const;
  absl::StatusOr<int64_t> MailNotifications();
  absl::StatusOr<int64_t> MailPosts();
  absl::StatusOr<int64_t> MailDigests();

  store::Store& store_;
  const MailLinks& links_;
  const NotificationMailerOptions options_;
  // Between batches, a pass ends early once Stop() was called, so a shutdown never waits
  // for a long pass (a backlog of mail).
  bool Stopping();

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace ledd::server
