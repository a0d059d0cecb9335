// The outbox of outgoing mail, in every store engine (store_fixture.h): enqueue and
// read back, the claim DueMail makes (due order, the claim hides mail from a second
// sender until it lapses), the three outcomes of an attempt, refusals, the mail a
// sign-up enqueues in its own transaction, and that queued mail survives reopening the
// database.

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

OutgoingMail MakeMail(const std::string& to, Timestamp at) {
  return OutgoingMail{.to = to,
                      .subject = "Bekreft e-postadressen din",
                      .text = "Hei!\nKlikk lenken.",
                      .html = "<p>Hei!</p>",
                      .unsubscribe_url = "https://ledd.example.org/#/unsubscribe?token=x",
                      .kind = "verify_email",
                      .created_at = at,
                      .next_attempt_at = at};
}

class MailStoreTest : public StoreContractTest {};

TEST_P(MailStoreTest, EnqueuesAndReadsBackWithoutAnEvent) {
  const EventId before = *store().LastEventId();
  OutgoingMail mail = MakeMail("ada@example.org", 100);
  mail.attempts = 5;  // Ignored: a new mail has made no attempt.
  mail.failed = true;
  absl::StatusOr<MailId> id = store().EnqueueMail(mail);
  ASSERT_TRUE(id.ok()) << id.status();
  absl::StatusOr<OutgoingMail> stored = store().GetMail(*id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  OutgoingMail expected = MakeMail("ada@example.org", 100);
  expected.id = *id;
  EXPECT_EQ(*stored, expected);
  EXPECT_EQ(*store().CountQueuedMail(), 1);
  EXPECT_EQ(*store().LastEventId(), before);
  EXPECT_EQ(store().GetMail(*id + 1).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(MailStoreTest, RefusesMailThatCannotBeSent) {
  OutgoingMail no_address = MakeMail("not an address", 1);
  EXPECT_EQ(store().EnqueueMail(no_address).status().code(), absl::StatusCode::kInvalidArgument);
  OutgoingMail injected = MakeMail("ada@example.org", 1);
  injected.subject = "Hi\r\nBcc: eve@example.org";
  EXPECT_EQ(store().EnqueueMail(injected).status().code(), absl::StatusCode::kInvalidArgument);
  OutgoingMail empty = MakeMail("ada@example.org", 1);
  empty.text = " \n";
  absl::Status status = store().EnqueueMail(empty).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("text body"));
  OutgoingMail bad_link = MakeMail("ada@example.org", 1);
  bad_link.unsubscribe_url = "javascript:alert(1)";
  EXPECT_EQ(store().EnqueueMail(bad_link).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*store().CountQueuedMail(), 0);
}

TEST_P(MailStoreTest, DueMailClaimsTheOldestDueFirstAndHidesThemUntilTheClaimLapses) {
  const MailId later = *store().EnqueueMail(MakeMail("b@example.org", 50));
  const MailId first = *store().EnqueueMail(MakeMail("a@example.org", 10));
  OutgoingMail future = MakeMail("c@example.org", 10);
  future.next_attempt_at = 1'000;
  const MailId waiting = *store().EnqueueMail(future);

  EXPECT_THAT(*store().DueMail(5, 10), IsEmpty());
  absl::StatusOr<std::vector<OutgoingMail>> due = store().DueMail(100, 10);
  ASSERT_TRUE(due.ok()) << due.status();
  EXPECT_THAT(*due, ElementsAre(Field(&OutgoingMail::id, first), Field(&OutgoingMail::id, later)));
  EXPECT_EQ((*due)[0].next_attempt_at, 100 + kMailClaim);
  // A second sender finds nothing while the claim lasts...
  EXPECT_THAT(*store().DueMail(101, 10), IsEmpty());
  // ...and the unsent mail again once it lapses (the first sender died), with the
  // waiting one that has come due meanwhile. The two claimed together lapse together,
  // so their order is by id.
  due = store().DueMail(100 + kMailClaim + 1'000, 10);
  ASSERT_TRUE(due.ok());
  EXPECT_THAT(*due, ElementsAre(Field(&OutgoingMail::id, later), Field(&OutgoingMail::id, first),
                                Field(&OutgoingMail::id, waiting)));
  EXPECT_EQ(store().DueMail(0, -1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(MailStoreTest, DueMailHonoursTheLimit) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store().EnqueueMail(MakeMail("a@example.org", i)).ok());
  EXPECT_EQ(store().DueMail(10, 2)->size(), 2u);
  EXPECT_EQ(store().DueMail(10, 10)->size(), 3u);
  EXPECT_THAT(*store().DueMail(10, 0), IsEmpty());
}

TEST_P(MailStoreTest, RecordsSentRetriedAndFailedAttempts) {
  const MailId sent = *store().EnqueueMail(MakeMail("a@example.org", 1));
  const MailId retried = *store().EnqueueMail(MakeMail("b@example.org", 1));
  const MailId failed = *store().EnqueueMail(MakeMail("c@example.org", 1));
  ASSERT_EQ(store().DueMail(2, 10)->size(), 3u);

  ASSERT_TRUE(store().MarkMailRetry(retried, 60, "connection refused").ok());
  OutgoingMail mail = *store().GetMail(retried);
  EXPECT_EQ(mail.attempts, 1);
  EXPECT_EQ(mail.next_attempt_at, 60);
  EXPECT_EQ(mail.last_error, "connection refused");
  EXPECT_FALSE(mail.sent_at.has_value());
  EXPECT_FALSE(mail.failed);
  ASSERT_TRUE(store().MarkMailSent(retried, 61).ok());
  mail = *store().GetMail(retried);
  EXPECT_EQ(mail.attempts, 2);
  EXPECT_EQ(mail.sent_at, 61);
  EXPECT_EQ(mail.last_error, "");

  ASSERT_TRUE(store().MarkMailSent(sent, 3).ok());
  EXPECT_EQ(store().GetMail(sent)->sent_at, 3);
  ASSERT_TRUE(store().MarkMailFailed(failed, "550 no such user").ok());
  mail = *store().GetMail(failed);
  EXPECT_TRUE(mail.failed);
  EXPECT_EQ(mail.attempts, 1);
  EXPECT_EQ(mail.last_error, "550 no such user");

  // Neither sent nor given-up mail is due again, counted as queued, or changed again.
  EXPECT_EQ(*store().CountQueuedMail(), 0);
  EXPECT_THAT(*store().DueMail(1'000'000, 10), IsEmpty());
  absl::Status again = store().MarkMailSent(sent, 4);
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(again.message()), HasSubstr("already sent"));
  EXPECT_EQ(store().MarkMailRetry(failed, 5, "x").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().MarkMailFailed(sent, "x").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().MarkMailSent(999, 1).code(), absl::StatusCode::kNotFound);
}

TEST_P(MailStoreTest, QueuedMailSurvivesReopening) {
  const MailId id = *store().EnqueueMail(MakeMail("a@example.org", 1));
  ASSERT_TRUE(store().MarkMailRetry(id, 30, "timeout").ok());
  Reopen();
  EXPECT_EQ(*store().CountQueuedMail(), 1);
  EXPECT_THAT(*store().DueMail(30, 10), ElementsAre(Field(&OutgoingMail::attempts, 1)));
}

TEST_P(MailStoreTest, SignUpEnqueuesItsMailInItsTransaction) {
  Member member{.handle = "ada", .created_at = 5};
  Account account{.email = "ada@example.org", .password_hash = "$argon2id$x", .created_at = 5,
                  .language = "nb"};
  absl::StatusOr<MemberId> id =
      store().AddMemberWithAccount(member, account, {.mail = {MakeMail("ada@example.org", 5)}});
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(store().GetAccount(*id)->language, "nb");
  EXPECT_FALSE(store().GetAccount(*id)->email_verified_at.has_value());
  EXPECT_EQ(*store().CountQueuedMail(), 1);

  // A sign-up that fails enqueues nothing; a mail that cannot be sent fails the sign-up.
  Member taken{.handle = "ada", .created_at = 6};
  Account other{.email = "bob@example.org", .password_hash = "h", .created_at = 6};
  EXPECT_EQ(store()
                .AddMemberWithAccount(taken, other, {.mail = {MakeMail("bob@example.org", 6)}})
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  Member bob{.handle = "bob", .created_at = 6};
  EXPECT_EQ(store()
                .AddMemberWithAccount(bob, other, {.mail = {MakeMail("no address", 6)}})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().GetAccountByEmail("bob@example.org").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(*store().CountQueuedMail(), 1);
}

TEST_P(MailStoreTest, AccountsKeepTheirLanguageAndVerificationAndRefuseOtherLanguages) {
  Member member{.handle = "ada", .created_at = 5};
  Account verified{.email = "ada@example.org", .password_hash = "h", .created_at = 5,
                   .language = "nb", .email_verified_at = 7};
  absl::StatusOr<MemberId> id = store().AddMemberWithAccount(member, verified, {});
  ASSERT_TRUE(id.ok()) << id.status();
  verified.member = *id;
  EXPECT_EQ(*store().GetAccount(*id), verified);
  Member bob{.handle = "bob", .created_at = 6};
  Account german{.email = "bob@example.org", .password_hash = "h", .created_at = 6,
                 .language = "de"};
  EXPECT_EQ(store().AddMemberWithAccount(bob, german, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// ---- account tokens (the links mailed for verification and password reset) ----

class AccountTokenStoreTest : public MailStoreTest {
 protected:
  void SetUp() override {
    MailStoreTest::SetUp();
    absl::StatusOr<MemberId> id = store().AddMemberWithAccount(
        {.handle = "ada", .created_at = 1},
        {.email = "ada@example.org", .password_hash = "old", .created_at = 1}, {});
    ASSERT_TRUE(id.ok()) << id.status();
    ada_ = *id;
    for (const char* hash : {"s1", "s2"}) {
      ASSERT_TRUE(store()
                      .AddSession({.token_hash = hash,
                                   .member = ada_,
                                   .csrf_hash = "c",
                                   .created_at = 1,
                                   .expires_at = 1'000'000})
                      .ok());
    }
  }
  AccountToken Token(const std::string& hash, AccountTokenPurpose purpose) {
    return {.token_hash = hash, .member = ada_, .purpose = purpose, .email = "ada@example.org",
            .created_at = 10, .expires_at = 100};
  }

  MemberId ada_ = 0;
};

TEST_P(AccountTokenStoreTest, ConfirmsAnEmailOnceAndNotAfterItExpired) {
  ASSERT_TRUE(store()
                  .AddAccountToken(Token("v1", AccountTokenPurpose::kVerifyEmail),
                                   {MakeMail("ada@example.org", 10)})
                  .ok());
  ASSERT_TRUE(store().AddAccountToken(Token("v2", AccountTokenPurpose::kVerifyEmail), {}).ok());
  EXPECT_EQ(*store().CountQueuedMail(), 1);
  EXPECT_EQ(store().ConfirmEmail("v2", 100).status().message(), "the link has expired");
  absl::StatusOr<Account> account = store().ConfirmEmail("v1", 50);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->email_verified_at, 50);
  EXPECT_EQ(store().GetAccount(ada_)->email_verified_at, 50);
  EXPECT_EQ(store().ConfirmEmail("v1", 51).status().message(), "the link was already used");
  EXPECT_EQ(store().ConfirmEmail("nope", 51).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().GetAccountToken("v1")->used_at, 50);
}

TEST_P(AccountTokenStoreTest, ALinkOfAnotherPurposeIsNotValidAndUnknownMembersHaveNone) {
  ASSERT_TRUE(store().AddAccountToken(Token("r1", AccountTokenPurpose::kResetPassword), {}).ok());
  EXPECT_EQ(store().ConfirmEmail("r1", 20).status().code(), absl::StatusCode::kNotFound);
  AccountToken stranger = Token("x", AccountTokenPurpose::kVerifyEmail);
  stranger.member = 999;
  EXPECT_EQ(store().AddAccountToken(stranger, {}).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().AddAccountToken(Token("r1", AccountTokenPurpose::kVerifyEmail), {}).code(),
            absl::StatusCode::kAlreadyExists);
  // The mail goes with the token or not at all.
  EXPECT_EQ(store()
                .AddAccountToken(Token("y", AccountTokenPurpose::kVerifyEmail),
                                 {MakeMail("no address", 1)})
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().GetAccountToken("y").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(AccountTokenStoreTest, AResetSetsThePasswordUsesEveryResetLinkAndRevokesEverySession) {
  ASSERT_TRUE(store().AddAccountToken(Token("r1", AccountTokenPurpose::kResetPassword), {}).ok());
  ASSERT_TRUE(store().AddAccountToken(Token("r2", AccountTokenPurpose::kResetPassword), {}).ok());
  absl::StatusOr<Account> account = store().ResetPassword("r1", "new", 20);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->password_hash, "new");
  EXPECT_EQ(account->email_verified_at, 20);  // The link proved the mailbox.
  EXPECT_EQ(store().GetSession("s1")->revoked_at, 20);
  EXPECT_EQ(store().GetSession("s2")->revoked_at, 20);
  EXPECT_EQ(store().ResetPassword("r2", "other", 21).status().message(),
            "the link was already used");
  EXPECT_EQ(store().GetAccount(ada_)->password_hash, "new");
}

TEST_P(AccountTokenStoreTest, ChangingThePasswordKeepsOneSession) {
  ASSERT_TRUE(store().ChangePassword(ada_, "new", "s1", 30).ok());
  EXPECT_EQ(store().GetAccount(ada_)->password_hash, "new");
  EXPECT_FALSE(store().GetSession("s1")->revoked_at.has_value());
  EXPECT_EQ(store().GetSession("s2")->revoked_at, 30);
  EXPECT_EQ(*store().RevokeSessions(ada_, "", 40), 1);
  EXPECT_EQ(store().GetSession("s1")->revoked_at, 40);
  EXPECT_EQ(store().ChangePassword(999, "x", "", 1).code(), absl::StatusCode::kNotFound);
}

TEST_P(AccountTokenStoreTest, ChangingTheEmailUnverifiesItAndOutdatesEarlierLinks) {
  ASSERT_TRUE(store().AddAccountToken(Token("v1", AccountTokenPurpose::kVerifyEmail), {}).ok());
  ASSERT_TRUE(store().ConfirmEmail("v1", 15).ok());
  ASSERT_TRUE(store().AddAccountToken(Token("v2", AccountTokenPurpose::kVerifyEmail), {}).ok());
  ASSERT_TRUE(store()
                  .AddMemberWithAccount(
                      {.handle = "bob", .created_at = 1},
                      {.email = "bob@example.org", .password_hash = "h", .created_at = 1}, {})
                  .ok());
  EXPECT_EQ(store().ChangeEmail(ada_, "Bob@Example.org", std::nullopt, {}, 20).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store().ChangeEmail(ada_, "not an address", std::nullopt, {}, 20).code(),
            absl::StatusCode::kInvalidArgument);
  AccountToken fresh = Token("v3", AccountTokenPurpose::kVerifyEmail);
  fresh.email = "ada@new.example.org";
  ASSERT_TRUE(
      store()
          .ChangeEmail(ada_, "Ada@New.example.org", fresh,
                       {MakeMail("ada@new.example.org", 20), MakeMail("ada@example.org", 20)}, 20)
          .ok());
  Account account = *store().GetAccount(ada_);
  EXPECT_EQ(account.email, "ada@new.example.org");
  EXPECT_FALSE(account.email_verified_at.has_value());
  EXPECT_EQ(store().GetMember(ada_)->email, "ada@new.example.org");
  EXPECT_EQ(*store().CountQueuedMail(), 2);
  EXPECT_EQ(store().ConfirmEmail("v2", 21).status().message(), "the link was already used");
  ASSERT_TRUE(store().ConfirmEmail("v3", 21).ok());
  EXPECT_EQ(store().GetAccount(ada_)->email_verified_at, 21);
}

LEDD_STORE_CONTRACT(MailStoreTest);
LEDD_STORE_CONTRACT(AccountTokenStoreTest);

}  // namespace
}  // namespace ledd::store
