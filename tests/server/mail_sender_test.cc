// The mail sender: in-process over a real SQLite store with a controlled clock (the
// backoff doubles, the sender gives up after max_attempts, a refused recipient is given
// up at once), and `ledd serve` with --smtp-url against the real SMTP server on
// loopback: mail queued while the SMTP server is down is delivered once it is up, and
// mail queued while ledd is down is delivered after ledd starts again.

#include "ledd/server/mail_sender.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/smtp_server.h"
#include "testing/temp_dir.h"

namespace ledd::server {
namespace {

using ::testing::HasSubstr;

store::OutgoingMail MakeMail(const std::string& to, Timestamp at) {
  return store::OutgoingMail{.to = to,
                             .subject = "Velkommen",
                             .text = "Hei!\n",
                             .kind = "test",
                             .created_at = at,
                             .next_attempt_at = at};
}

class MailSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::OpenSqliteStore({.path = dir_.File("ledd.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  MailSenderOptions Options(const std::string& url) {
    MailSenderOptions options;
    options.smtp = {.url = url, .from = "ledd <noreply@ledd.example.org>", .timeout_seconds = 5};
    options.max_attempts = 3;
    options.first_retry = 30;
    options.clock = [this] { return now_.load(); };
    return options;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::atomic<Timestamp> now_{1'000};
};

TEST_F(MailSenderTest, BacksOffDoublingAndGivesUpAfterMaxAttempts) {
  const std::string down = "smtp://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort());
  MailSender sender(*store_, Options(down));
  EXPECT_EQ(sender.Backoff(1), 30);
  EXPECT_EQ(sender.Backoff(2), 60);
  EXPECT_EQ(sender.Backoff(3), 120);
  const store::MailId id = *store_->EnqueueMail(MakeMail("ada@example.org", 1'000));

  ASSERT_EQ(*sender.SendDue(now_), 1);
  store::OutgoingMail mail = *store_->GetMail(id);
  EXPECT_EQ(mail.attempts, 1);
  EXPECT_EQ(mail.next_attempt_at, 1'030);
  EXPECT_THAT(mail.last_error, HasSubstr("127.0.0.1"));
  EXPECT_EQ(*sender.SendDue(1'029), 0);  // Not yet due.

  now_ = 1'030;
  ASSERT_EQ(*sender.SendDue(now_), 1);
  EXPECT_EQ(store_->GetMail(id)->next_attempt_at, 1'090);
  now_ = 1'090;
  ASSERT_EQ(*sender.SendDue(now_), 1);
  mail = *store_->GetMail(id);
  EXPECT_TRUE(mail.failed);
  EXPECT_EQ(mail.attempts, 3);
  EXPECT_EQ(sender.failed(), 1);
  EXPECT_EQ(sender.sent(), 0);
  EXPECT_THAT(sender.Render(), HasSubstr("ledd_mail_failed_total 1\n"));
  EXPECT_THAT(sender.Render(), HasSubstr("ledd_mail_queued 0\n"));
}

TEST_F(MailSenderTest, SendsDueMailAndGivesUpARefusedRecipientAtOnce) {
  testing::SmtpServer smtp({.refuse = {"gone@example.org"}});
  MailSender sender(*store_, Options(smtp.url()));
  const store::MailId sent = *store_->EnqueueMail(MakeMail("ada@example.org", 1'000));
  const store::MailId refused = *store_->EnqueueMail(MakeMail("gone@example.org", 1'000));
  ASSERT_EQ(*sender.SendDue(now_), 2);
  EXPECT_EQ(store_->GetMail(sent)->sent_at, 1'000);
  EXPECT_TRUE(store_->GetMail(refused)->failed);
  EXPECT_EQ(store_->GetMail(refused)->attempts, 1);
  EXPECT_TRUE(smtp.WaitForMail("ada@example.org").has_value());
  EXPECT_THAT(sender.Render(), HasSubstr("ledd_mail_sent_total 1\n"));
  EXPECT_THAT(sender.Render(), HasSubstr("ledd_mail_failed_total 1\n"));
}

TEST_F(MailSenderTest, TheThreadSendsMailEnqueuedWhileItRuns) {
  testing::SmtpServer smtp;
  MailSenderOptions options = Options(smtp.url());
  options.clock = nullptr;
  options.poll = absl::Milliseconds(50);
  MailSender sender(*store_, options);
  sender.Start();
  ASSERT_TRUE(store_->EnqueueMail(MakeMail("ada@example.org", 1'000)).ok());
  EXPECT_TRUE(smtp.WaitForMail("ada@example.org").has_value());
  sender.Stop();
  EXPECT_EQ(sender.sent(), 1);
}

// `ledd serve` with mail: the queue outlives both the SMTP server and ledd.
TEST(ServeMail, DeliversMailQueuedWhileTheSmtpServerOrLeddWasDown) {
  testing::TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 1);
  ASSERT_FALSE(db.empty());
  const int smtp_port = testing::FreeLoopbackPort();
  const std::vector<std::string> flags = {
      "--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port), "--mail-from",
      "ledd <noreply@ledd.example.org>", "--mail-retry-seconds", "1", "--metrics-listen",
      "127.0.0.1:0"};
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::OpenSqliteStore({.path = db});
  ASSERT_TRUE(store.ok()) << store.status();
  testing::SmtpServer smtp({.port = smtp_port, .start = false});
  const Timestamp now = absl::ToUnixSeconds(absl::Now());
  {
    testing::ServerProcess server(db, flags);
    ASSERT_NE(server.port(), 0);
    const store::MailId id = *(*store)->EnqueueMail(MakeMail("ada@example.org", now));
    // The sender tries, fails and backs off while the SMTP server is down...
    for (int wait = 0; wait < 100 && (*store)->GetMail(id)->attempts == 0; ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_GE((*store)->GetMail(id)->attempts, 1);
    EXPECT_FALSE((*store)->GetMail(id)->sent_at.has_value());
    // ...and delivers once it is up.
    ASSERT_TRUE(smtp.Start());
    std::optional<testing::ReceivedMail> received = smtp.WaitForMail("ada@example.org");
    ASSERT_TRUE(received.has_value());
    EXPECT_EQ(received->subject, "Velkommen");
    for (int wait = 0; wait < 50 && !(*store)->GetMail(id)->sent_at.has_value(); ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE((*store)->GetMail(id)->sent_at.has_value());
    httplib::Client metrics("127.0.0.1", server.metrics_port());
    httplib::Result scraped = metrics.Get("/metrics");
    ASSERT_TRUE(scraped);
    EXPECT_THAT(scraped->body, HasSubstr("ledd_mail_sent_total 1\n"));
    EXPECT_THAT(scraped->body, HasSubstr("ledd_mail_queued 0\n"));
  }
  // Queued while ledd is down: sent when it starts again.
  ASSERT_TRUE((*store)->EnqueueMail(MakeMail("bob@example.org", now)).ok());
  testing::ServerProcess restarted(db, flags);
  ASSERT_NE(restarted.port(), 0);
  EXPECT_TRUE(smtp.WaitForMail("bob@example.org").has_value());
}

TEST(ServeMail, WithoutAnSmtpUrlMailWaitsAndMetricsCountIt) {
  testing::TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 1);
  ASSERT_FALSE(db.empty());
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::OpenSqliteStore({.path = db});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->EnqueueMail(MakeMail("ada@example.org", 1)).ok());
  testing::ServerProcess server(db, {"--metrics-listen", "127.0.0.1:0"});
  ASSERT_NE(server.port(), 0);
  httplib::Client metrics("127.0.0.1", server.metrics_port());
  httplib::Result scraped = metrics.Get("/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_THAT(scraped->body, HasSubstr("ledd_mail_queued 1\n"));
}

TEST(ServeMail, RefusesMailFlagsItCannotUse) {
  testing::TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 10, 1);
  ASSERT_FALSE(db.empty());
  const std::string ledd = testing::LeddBinary() + " serve --db " + db + " --listen 127.0.0.1:0 ";
  testing::RunResult no_from = testing::RunCommand(ledd + "--smtp-url smtp://127.0.0.1:25");
  EXPECT_NE(no_from.exit_code, 0);
  EXPECT_THAT(no_from.err, HasSubstr("--mail-from"));
  testing::RunResult bad_url =
      testing::RunCommand(ledd + "--smtp-url http://x --mail-from noreply@example.org");
  EXPECT_NE(bad_url.exit_code, 0);
  EXPECT_THAT(bad_url.err, HasSubstr("smtp://"));
  testing::RunResult no_file = testing::RunCommand(
      ledd + "--smtp-url smtp://127.0.0.1:25 --mail-from noreply@example.org --smtp-user u "
             "--smtp-password-file " + dir.File("missing"));
  EXPECT_NE(no_file.exit_code, 0);
  EXPECT_THAT(no_file.err, HasSubstr("--smtp-password-file"));
}

}  // namespace
}  // namespace ledd::server
