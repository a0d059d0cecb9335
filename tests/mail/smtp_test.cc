// SendMail against a real SMTP server on loopback (testing::SmtpServer, aiosmtpd): what
// a receiver reads (headers decoded, text and HTML alternatives, the one-click
// unsubscribe headers), STARTTLS with AUTH, and the errors a sender acts on: a refused
// recipient (for good), refused credentials, a server that is down or will not encrypt.

#include "ledd/mail/smtp.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/smtp_server.h"

namespace ledd::mail {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

store::OutgoingMail MakeMail(const std::string& to) {
  return store::OutgoingMail{.id = 7,
                             .to = to,
                             .subject = "Welcome to ledd",
                             .text = "Hello Ada,\nconfirm your address: https://x.example/#/verify?token=abc\n",
                             .html = "<p>Hello Ada,</p><p><a href=\"https://x.example/\">confirm</a></p>",
                             .kind = "verify_email",
                             .created_at = 1'796'000'000};
}

SmtpOptions Plain(const testing::SmtpServer& server) {
  return {.url = server.url(), .from = "ledd <noreply@ledd.example.org>", .timeout_seconds = 10};
}

TEST(SendMail, DeliversTextAndHtmlWithTheHeadersAReceiverReads) {
  testing::SmtpServer server;
  store::OutgoingMail mail = MakeMail("ada@example.org");
  mail.unsubscribe_url = "https://ledd.example.org/api/v1/unsubscribe?token=t1";
  ASSERT_TRUE(SendMail(Plain(server), mail).ok());
  std::optional<testing::ReceivedMail> received = server.WaitForMail("ada@example.org");
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->mail_from, "noreply@ledd.example.org");
  EXPECT_EQ(received->subject, "Welcome to ledd");
  EXPECT_EQ(received->Header("From"), "ledd <noreply@ledd.example.org>");
  EXPECT_EQ(received->Header("To"), "ada@example.org");
  EXPECT_EQ(received->Header("Date"), "Mon, 30 Nov 2026 00:53:20 +0000");
  EXPECT_THAT(received->Header("Message-ID"),
              MatchesRegex("<ledd\\.7\\.[0-9a-f]+@ledd\\.example\\.org>"));
  EXPECT_EQ(received->Header("List-Unsubscribe"),
            "<https://ledd.example.org/api/v1/unsubscribe?token=t1>");
  EXPECT_EQ(received->Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_EQ(received->text, mail.text);
  EXPECT_EQ(received->html, mail.html);
  EXPECT_FALSE(received->tls);
}

TEST(SendMail, SendsTextAloneAndNoUnsubscribeHeadersWithoutAUrl) {
  testing::SmtpServer server;
  store::OutgoingMail mail = MakeMail("ada@example.org");
  mail.html.clear();
  ASSERT_TRUE(SendMail(Plain(server), mail).ok());
  std::optional<testing::ReceivedMail> received = server.WaitForMail("ada@example.org");
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->text, mail.text);
  EXPECT_EQ(received->html, "");
  EXPECT_EQ(received->Header("List-Unsubscribe"), "");
}

TEST(SendMail, EncodesANorwegianSubjectAsRfc2047Words) {
  testing::SmtpServer server;
  store::OutgoingMail mail = MakeMail("ada@example.org");
  mail.subject = "Bekreft e-postadressen din på ledd – velkommen til første og andre ledd, Åse Ærø";
  mail.text = "Hei Åse!\nBlåbærsyltetøy.\n";
  ASSERT_TRUE(SendMail(Plain(server), mail).ok());
  std::optional<testing::ReceivedMail> received = server.WaitForMail("ada@example.org");
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->subject, mail.subject);
  EXPECT_THAT(received->RawHeader("Subject"), StartsWith("=?UTF-8?B?"));
  EXPECT_EQ(received->text, mail.text);
}

TEST(EncodeHeaderText, KeepsAsciiAndSplitsLongTextBetweenCharactersIntoShortWords) {
  EXPECT_EQ(EncodeHeaderText("Reset your password"), "Reset your password");
  const std::string encoded = EncodeHeaderText(std::string(40, 'a') + "øøøøøøøøøø");
  size_t words = 0;
  size_t begin = 0;
  while (begin < encoded.size()) {
    size_t end = encoded.find(' ', begin);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - begin, 75u);
    ++words;
    begin = end + 1;
  }
  EXPECT_EQ(words, 2u);
  // 40 + 2 * 2 = 44 bytes fit the first word; a third ø would cut one in half at 45.
  EXPECT_EQ(encoded.substr(0, encoded.find(' ')),
            "=?UTF-8?B?YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYcO4w7g=?=");
}

TEST(SendMail, UsesStartTlsAndAuth) {
  testing::SmtpServer server({.starttls = true, .require_tls = true, .username = "ledd",
                              .password = "s3cret"});
  SmtpOptions options = Plain(server);
  options.starttls = StartTls::kRequired;
  options.ca_file = server.ca_file();
  options.username = "ledd";
  options.password = "s3cret";
  absl::Status sent = SendMail(options, MakeMail("ada@example.org"));
  ASSERT_TRUE(sent.ok()) << sent;
  std::optional<testing::ReceivedMail> received = server.WaitForMail("ada@example.org");
  ASSERT_TRUE(received.has_value());
  EXPECT_TRUE(received->tls);
  EXPECT_EQ(received->authenticated_as, "ledd");

  options.password = "wrong";
  EXPECT_EQ(SendMail(options, MakeMail("bob@example.org")).code(),
            absl::StatusCode::kPermissionDenied);
  // An untrusted certificate is not a place to send a password to.
  options.password = "s3cret";
  options.ca_file.clear();
  EXPECT_EQ(SendMail(options, MakeMail("bob@example.org")).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(server.Messages().size(), 1u);
}

TEST(SendMail, RequiredStartTlsFailsAgainstAServerWithoutIt) {
  testing::SmtpServer server;
  SmtpOptions options = Plain(server);
  options.starttls = StartTls::kRequired;
  absl::Status sent = SendMail(options, MakeMail("ada@example.org"));
  EXPECT_EQ(sent.code(), absl::StatusCode::kUnavailable) << sent;
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SendMail, ARefusedRecipientIsRefusedForGood) {
  testing::SmtpServer server({.refuse = {"gone@example.org"}});
  absl::Status sent = SendMail(Plain(server), MakeMail("gone@example.org"));
  EXPECT_EQ(sent.code(), absl::StatusCode::kFailedPrecondition) << sent;
  EXPECT_THAT(std::string(sent.message()), HasSubstr("550"));
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SendMail, AServerThatIsDownIsUnavailable) {
  SmtpOptions options{.url = "smtp://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()),
                      .from = "noreply@ledd.example.org",
                      .timeout_seconds = 5};
  absl::Status sent = SendMail(options, MakeMail("ada@example.org"));
  EXPECT_EQ(sent.code(), absl::StatusCode::kUnavailable) << sent;
  EXPECT_THAT(std::string(sent.message()), HasSubstr("127.0.0.1"));
}

TEST(SendMail, RefusesOptionsAndMailItCannotUse) {
  testing::SmtpServer server({.start = false});
  EXPECT_EQ(SendMail({.url = "http://127.0.0.1:25", .from = "a@example.org"}, MakeMail("a@b.org"))
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SendMail({.url = "smtp://127.0.0.1:25", .from = "nobody"}, MakeMail("a@b.org")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateSmtpOptions({.url = "smtp://127.0.0.1:25", .username = "u",
                                 .from = "a@example.org"})
                .code(),
            absl::StatusCode::kInvalidArgument);
  store::OutgoingMail injected = MakeMail("a@example.org");
  injected.subject = "Hi\r\nBcc: eve@example.org";
  EXPECT_EQ(SendMail({.url = "smtp://127.0.0.1:25", .from = "a@example.org"}, injected).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddressOf("ledd <noreply@example.org>"), "noreply@example.org");
  EXPECT_EQ(AddressOf(" noreply@example.org "), "noreply@example.org");
}

}  // namespace
}  // namespace ledd::mail
