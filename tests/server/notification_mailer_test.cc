// The mailer in-process over a real SQLite store, with a clock the test moves, and the
// mail sender delivering to the real SMTP server on loopback: the weekly digest of what
// was not mailed one by one (and none when there is nothing), in the member's language,
// never twice, also from a second mailer on the same database after a restart; and the
// unsubscribe links it carries, which MailLinks signs and reads back.

#include "ledd/server/notification_mailer.h"

#include <atomic>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/server/mail_links.h"
#include "ledd/server/mail_sender.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/smtp_server.h"
#include "testing/temp_dir.h"

namespace ledd::server {
namespace {

using ::testing::HasSubstr;

constexpr Timestamp kStart = 1'700'000'000;
constexpr Timestamp kWeek = 7 * 24 * 3600;

class NotificationMailerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::OpenSqliteStore({.path = dir_.File("ledd.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    const std::vector<std::pair<std::string, std::string>> names = {
        {"Kari", "kari@example.org"}, {"Ola", "ola@example.org"}, {"Per", "per@example.org"}};
    for (size_t i = 0; i < names.size(); ++i) {
      const MemberId id = static_cast<MemberId>(i + 1);
      ASSERT_TRUE(store_->AddMember({.id = id, .handle = names[i].first,
                                     .first_name = names[i].first, .last_name = "Nordmann",
                                     .created_at = kStart})
                      .ok());
      ASSERT_TRUE(store_->AddAccount({.member = id, .email = names[i].second,
                                      .password_hash = "x", .created_at = kStart,
                                      .language = i == 0 ? "nb" : "en"})
                      .ok());
    }
    absl::StatusOr<std::unique_ptr<MailLinks>> links = MailLinks::Create(*store_);
    ASSERT_TRUE(links.ok()) << links.status();
    links_ = *std::move(links);
  }

  std::unique_ptr<NotificationMailer> Mailer() {
    return std::make_unique<NotificationMailer>(
        *store_, *links_,
        NotificationMailerOptions{.origin = "https://ledd.example.org",
                                  .clock = [this] { return now_.load(); }});
  }

  // Sends everything queued to `smtp`.
  void Deliver(const testing::SmtpServer& smtp) {
    MailSenderOptions options;
    options.smtp = {.url = smtp.url(), .from = "ledd <noreply@ledd.example.org>",
                    .timeout_seconds = 5};
    options.clock = [this] { return now_.load(); };
    MailSender sender(*store_, options);
    absl::StatusOr<int> sent = sender.SendDue(now_.load() + 1);
    ASSERT_TRUE(sent.ok()) << sent.status();
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MailLinks> links_;
  std::atomic<Timestamp> now_{kStart};
};

TEST_F(NotificationMailerTest, TheWeeklyDigestListsWhatWasNotMailedOnceAndOnlyOnce) {
  testing::SmtpServer smtp;
  // Kari mails invitations one by one; Ola's invitation to her then goes by mail, and
  // her comment notification waits for the digest. Per has nothing.
  absl::StatusOr<store::PostWrite> post =
      store_->AddPost({.author = 1, .title = "Om ledd", .created_at = kStart + 10});
  ASSERT_TRUE(post.ok());
  ASSERT_TRUE(store_->AddComment({.post_id = post->post.id, .author = 2, .body = "Bra!",
                                  .created_at = kStart + 20})
                  .ok());
  ASSERT_TRUE(store_->SendInvitation({.from = 2, .to = 1, .note = "Hei", .at = kStart + 30}).ok());
  now_ = kStart + 60;
  absl::StatusOr<MailerPass> pass = Mailer()->RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->notification_mails, 1);
  EXPECT_EQ(pass->digests, 0);  // Not a week yet.
  Deliver(smtp);
  std::optional<testing::ReceivedMail> invitation = smtp.WaitForMail("kari@example.org");
  ASSERT_TRUE(invitation.has_value());
  EXPECT_EQ(invitation->subject, "Ola Nordmann vil knytte kontakt med deg");
  EXPECT_THAT(invitation->text, HasSubstr("«Hei»"));

  now_ = kStart + kWeek + 1;
  pass = Mailer()->RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->digests, 1);  // Kari's; Per's was skipped, having nothing.
  Deliver(smtp);
  std::optional<testing::ReceivedMail> digest = smtp.WaitForMail("kari@example.org");
  ASSERT_TRUE(digest.has_value());
  EXPECT_EQ(digest->subject, "Sammendrag fra ledd: 1 ulest varsel");
  EXPECT_THAT(digest->text, HasSubstr("Ny kommentar på et av innleggene dine"));
  EXPECT_THAT(digest->text, ::testing::Not(HasSubstr("Ny invitasjon")));  // Mailed already.
  const std::string one_click = digest->Header("List-Unsubscribe");
  ASSERT_THAT(one_click, HasSubstr("https://ledd.example.org/api/v1/unsubscribe?token="));
  const std::string token = one_click.substr(one_click.find("token=") + 6,
                                             one_click.size() - one_click.find("token=") - 7);
  absl::StatusOr<UnsubscribeTarget> target = links_->Parse(token);
  ASSERT_TRUE(target.ok()) << target.status();
  EXPECT_EQ(target->member, 1);
  EXPECT_EQ(target->email_kind, store::EmailKind::kDigest);

  // A restarted mailer (a new object) on the same database, at the same time: nothing.
  pass = Mailer()->RunOnce();
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->digests + pass->notification_mails + pass->post_mails, 0);
  EXPECT_EQ(*store_->CountQueuedMail(), 0);
  EXPECT_EQ(smtp.Messages().size(), 2u);
  EXPECT_FALSE(smtp.WaitForMail("per@example.org", std::chrono::milliseconds(200)).has_value());
}

TEST_F(NotificationMailerTest, SwitchedOffKindsAreNotMailed) {
  ASSERT_TRUE(store_->SetEmailSettings(1, {.invitations = false}, "", kStart).ok());
  ASSERT_TRUE(store_->SendInvitation({.from = 2, .to = 1, .at = kStart + 1}).ok());
  ASSERT_TRUE(store_->SendInvitation({.from = 2, .to = 3, .at = kStart + 2}).ok());
  now_ = kStart + 10;
  absl::StatusOr<MailerPass> pass = Mailer()->RunOnce();
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->notification_mails, 1);  // Per's only.
  EXPECT_EQ(store_->DigestNotifications(1, kStart, 10)->size(), 1u);  // Kari's digest has it.
}

TEST(MailLinks, TokensNameWhatTheySwitchOffAndCannotBeForged) {
  testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::OpenSqliteStore({.path = dir.File("ledd.db")});
  ASSERT_TRUE(store.ok());
  absl::StatusOr<std::unique_ptr<MailLinks>> links = MailLinks::Create(**store);
  ASSERT_TRUE(links.ok());
  const UnsubscribeTarget posts{.kind = UnsubscribeTarget::Kind::kMemberMail, .member = 7,
                                .email_kind = store::EmailKind::kPosts};
  const UnsubscribeTarget address{.kind = UnsubscribeTarget::Kind::kInvitationMail,
                                  .email = "ann@example.org"};
  const UnsubscribeTarget subscription{.kind = UnsubscribeTarget::Kind::kSubscription,
                                       .subscription = 3};
  for (const UnsubscribeTarget& target : {posts, address, subscription}) {
    absl::StatusOr<UnsubscribeTarget> parsed = (*links)->Parse((*links)->Token(target));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, target);
  }
  // Another member's token made by swapping the id fails the signature.
  std::string token = (*links)->Token(posts);
  token.replace(token.find(".7."), 3, ".8.");
  EXPECT_EQ((*links)->Parse(token).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ((*links)->Parse("").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ((*links)->Parse("m.7.posts").status().code(), absl::StatusCode::kNotFound);
  // A second process on the database signs alike.
  absl::StatusOr<std::unique_ptr<MailLinks>> again = MailLinks::Create(**store);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->Token(posts), (*links)->Token(posts));
}

}  // namespace
}  // namespace ledd::server
