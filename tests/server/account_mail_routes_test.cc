// The account flows that mail through the real `ledd serve` and the real SMTP server
// on loopback (STARTTLS and AUTH, as a mail provider has them): the verification link
// a sign-up mails (English and Bokmål), which invitations wait for; a resend; the
// password reset that does not tell whether an email exists, is single use and signs
// out everywhere; changing password and email when signed in; signing out everywhere;
// and a server without SMTP, where nothing waits for verification.

#include <cctype>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/smtp_server.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using testing::ServerProcess;
using testing::TempDir;
using Member = testing::SignedUpMember;

class AccountMailRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 20, 3);
    ASSERT_FALSE(db_.empty());
    smtp_ = new testing::SmtpServer(
        {.starttls = true, .require_tls = true, .username = "ledd", .password = "relay-secret"});
    std::vector<std::string> flags = smtp_->ServeFlags();
    flags.insert(flags.end(), {"--signups-per-hour", "100"});
    server_ = new ServerProcess(db_, flags);
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete smtp_;
    delete dir_;
  }

  static int Call(const std::string& method, const std::string& path, const std::string& token,
                  const json& body = nullptr, json* out = nullptr) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Client client = server_->Client();
    const std::string text = body.is_null() ? "{}" : body.dump();
    httplib::Result result =
        method == "GET"    ? client.Get(path.c_str(), headers)
        : method == "POST" ? client.Post(path.c_str(), headers, text, "application/json")
                           : client.Put(path.c_str(), headers, text, "application/json");
    if (!result) return 0;
    if (out != nullptr) *out = testing::BodyOf(result);
    return result->status;
  }

  static std::string Origin() { return fmt::format("http://127.0.0.1:{}", server_->port()); }

  // The token of the link in the next mail to `to` that starts "<origin>/#/PAGE?token=".
  static std::string MailedToken(const std::string& to, const std::string& page,
                                 testing::ReceivedMail* mail = nullptr) {
    std::optional<testing::ReceivedMail> received = smtp_->WaitForMail(to);
    EXPECT_TRUE(received.has_value()) << "no mail to " << to;
    if (!received.has_value()) return "";
    const std::string prefix = Origin() + "/#/" + page + "?token=";
    const std::string link = testing::FindLink(received->text, prefix);
    EXPECT_FALSE(link.empty()) << received->text;
    EXPECT_THAT(received->html, HasSubstr(link));
    if (mail != nullptr) *mail = *received;
    return link.substr(std::min(link.size(), prefix.size()));
  }

  static int SignIn(const std::string& email, const std::string& password, json* out = nullptr) {
    return Call("POST", "/api/v1/signin", "", {{"email", email}, {"password", password}}, out);
  }

  static TempDir* dir_;
  static std::string db_;
  static testing::SmtpServer* smtp_;
  static ServerProcess* server_;
};

TempDir* AccountMailRoutesTest::dir_ = nullptr;
std::string AccountMailRoutesTest::db_;
testing::SmtpServer* AccountMailRoutesTest::smtp_ = nullptr;
ServerProcess* AccountMailRoutesTest::server_ = nullptr;

TEST_F(AccountMailRoutesTest, SignUpMailsAVerificationLinkThatInvitationsWaitFor) {
  const Member ada = testing::SignUp(*server_, "Ada", {{"language", "en"}});
  ASSERT_FALSE(ada.token.empty());
  testing::ReceivedMail mail;
  const std::string token = MailedToken(ada.email, "verify", &mail);
  EXPECT_EQ(mail.subject, "Confirm your email address for ledd");
  EXPECT_THAT(mail.text, HasSubstr("Hello Ada,"));
  EXPECT_THAT(mail.text, HasSubstr("48 hours"));
  EXPECT_TRUE(mail.tls);
  EXPECT_EQ(mail.authenticated_as, "ledd");
  EXPECT_EQ(mail.Header("From"), "ledd <noreply@ledd.test>");

  json me;
  ASSERT_EQ(Call("GET", "/api/v1/me", ada.token, nullptr, &me), 200);
  EXPECT_EQ(me["email_verified"], false);
  EXPECT_EQ(me["email_verification_required"], true);
  EXPECT_EQ(me["language"], "en");

  json refused;
  EXPECT_EQ(Call("POST", "/api/v1/invitations", ada.token, {{"email", "friend1@example.org"}},
                 &refused),
            403);
  EXPECT_THAT(refused["error"]["message"].get<std::string>(),
              HasSubstr("confirm your email address before you send invitations"));
  EXPECT_EQ(Call("POST", "/api/v1/invitations", ada.token, {{"to", 1}}), 403);

  json verified;
  ASSERT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", token}}, &verified), 200);
  std::string lower_email = ada.email;
  for (char& c : lower_email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(verified["email"], lower_email);  // Accounts keep emails lower-cased.
  EXPECT_EQ(verified["email_verified"], true);
  ASSERT_EQ(Call("GET", "/api/v1/me", ada.token, nullptr, &me), 200);
  EXPECT_EQ(me["email_verified"], true);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", ada.token, {{"email", "friend1@example.org"}}),
            201);

  // Single use; unknown links are not valid; a verified address needs no new link.
  json again;
  EXPECT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", token}}, &again), 422);
  EXPECT_EQ(again["error"]["message"], "the link was already used");
  EXPECT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", "nonsense"}}), 404);
  EXPECT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", 7}}), 400);
  EXPECT_EQ(Call("POST", "/api/v1/me/verification-email", ada.token), 422);
}

TEST_F(AccountMailRoutesTest, MailIsInTheAccountsLanguage) {
  const Member kari = testing::SignUp(*server_, "Kari", {{"language", "nb"}});
  ASSERT_FALSE(kari.token.empty());
  testing::ReceivedMail mail;
  ASSERT_FALSE(MailedToken(kari.email, "verify", &mail).empty());
  EXPECT_EQ(mail.subject, "Bekreft e-postadressen din på ledd");
  EXPECT_THAT(mail.text, HasSubstr("Hei, Kari!"));
  EXPECT_THAT(mail.text, HasSubstr("48 timer"));
  json refused;
  EXPECT_EQ(Call("POST", "/api/v1/signup", "",
                 {{"email", "x@example.org"}, {"password", "a long enough password"},
                  {"first_name", "X"}, {"last_name", "Y"}, {"language", "de"}},
                 &refused),
            400);
  EXPECT_THAT(refused["error"]["message"].get<std::string>(), HasSubstr("\"language\""));
}

TEST_F(AccountMailRoutesTest, AResentLinkVerifiesToo) {
  const Member bo = testing::SignUp(*server_, "Bo");
  ASSERT_FALSE(MailedToken(bo.email, "verify").empty());
  json sent;
  ASSERT_EQ(Call("POST", "/api/v1/me/verification-email", bo.token, nullptr, &sent), 202);
  const std::string second = MailedToken(bo.email, "verify");
  ASSERT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", second}}), 200);
  EXPECT_EQ(Call("POST", "/api/v1/me/verification-email", "", nullptr), 401);
}

TEST_F(AccountMailRoutesTest, PasswordResetTellsNothingIsSingleUseAndSignsOutEverywhere) {
  const Member cy = testing::SignUp(*server_, "Cy");
  ASSERT_FALSE(MailedToken(cy.email, "verify").empty());
  json known, unknown;
  ASSERT_EQ(Call("POST", "/api/v1/password-reset", "", {{"email", cy.email}}, &known), 202);
  ASSERT_EQ(Call("POST", "/api/v1/password-reset", "", {{"email", "nobody@example.org"}},
                 &unknown),
            202);
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(Call("POST", "/api/v1/password-reset", "", {{"email", "not an address"}}), 202);
  testing::ReceivedMail mail;
  const std::string token = MailedToken(cy.email, "reset", &mail);
  EXPECT_EQ(mail.subject, "Reset your ledd password");
  EXPECT_THAT(mail.text, HasSubstr("1 hour"));
  EXPECT_FALSE(smtp_->WaitForMail("nobody@example.org", std::chrono::milliseconds(500)));

  json weak;
  EXPECT_EQ(Call("POST", "/api/v1/password-reset/confirm", "",
                 {{"token", token}, {"password", "short"}}, &weak),
            400);
  EXPECT_THAT(weak["error"]["message"].get<std::string>(), HasSubstr("at least 10"));
  ASSERT_EQ(Call("POST", "/api/v1/password-reset/confirm", "",
                 {{"token", token}, {"password", "a brand new passphrase"}}),
            200);
  EXPECT_EQ(Call("GET", "/api/v1/me", cy.token), 401);  // Every session ended.
  EXPECT_EQ(SignIn(cy.email, "a long enough password"), 401);
  json session;
  ASSERT_EQ(SignIn(cy.email, "a brand new passphrase", &session), 200);
  json me;
  ASSERT_EQ(Call("GET", "/api/v1/me", session["token"], nullptr, &me), 200);
  EXPECT_EQ(me["email_verified"], true);
  json again;
  EXPECT_EQ(Call("POST", "/api/v1/password-reset/confirm", "",
                 {{"token", token}, {"password", "yet another passphrase"}}, &again),
            422);
  EXPECT_EQ(again["error"]["message"], "the link was already used");
  EXPECT_EQ(Call("POST", "/api/v1/password-reset/confirm", "",
                 {{"token", "unknown"}, {"password", "yet another passphrase"}}),
            404);
}

TEST_F(AccountMailRoutesTest, ChangingThePasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  const Member di = testing::SignUp(*server_, "Di");
  json other;
  ASSERT_EQ(SignIn(di.email, "a long enough password", &other), 200);
  json wrong;
  EXPECT_EQ(Call("PUT", "/api/v1/me/password", di.token,
                 {{"current_password", "not it at all"}, {"new_password", "a fresh passphrase"}},
                 &wrong),
            403);
  EXPECT_EQ(wrong["error"]["message"], "the current password is wrong");
  EXPECT_EQ(Call("PUT", "/api/v1/me/password", di.token,
                 {{"current_password", "a long enough password"}, {"new_password", "password"}}),
            400);
  ASSERT_EQ(Call("PUT", "/api/v1/me/password", di.token,
                 {{"current_password", "a long enough password"},
                  {"new_password", "a fresh passphrase"}}),
            200);
  EXPECT_EQ(Call("GET", "/api/v1/me", di.token), 200);
  EXPECT_EQ(Call("GET", "/api/v1/me", other["token"]), 401);
  EXPECT_EQ(SignIn(di.email, "a fresh passphrase"), 200);
}

TEST_F(AccountMailRoutesTest, ChangingTheEmailVerifiesTheNewAddressAndTellsTheOldOne) {
  const Member ed = testing::SignUp(*server_, "Ed", {{"language", "nb"}});
  const std::string first_link = MailedToken(ed.email, "verify");
  const Member taken = testing::SignUp(*server_, "Taken");
  EXPECT_EQ(Call("PUT", "/api/v1/me/email", ed.token,
                 {{"password", "wrong password!"}, {"email", "ed.new@example.org"}}),
            403);
  EXPECT_EQ(Call("PUT", "/api/v1/me/email", ed.token,
                 {{"password", "a long enough password"}, {"email", taken.email}}),
            409);
  EXPECT_EQ(Call("PUT", "/api/v1/me/email", ed.token,
                 {{"password", "a long enough password"}, {"email", "no address"}}),
            400);
  json changed;
  ASSERT_EQ(Call("PUT", "/api/v1/me/email", ed.token,
                 {{"password", "a long enough password"}, {"email", "Ed.New@Example.org"}},
                 &changed),
            200);
  EXPECT_EQ(changed["email"], "ed.new@example.org");
  EXPECT_EQ(changed["email_verified"], false);
  std::optional<testing::ReceivedMail> notice = smtp_->WaitForMail(ed.email);
  ASSERT_TRUE(notice.has_value());
  EXPECT_EQ(notice->subject, "E-postadressen din på ledd er endret");
  EXPECT_THAT(notice->text, HasSubstr("ed.new@example.org"));
  const std::string token = MailedToken("ed.new@example.org", "verify");
  json stale;
  EXPECT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", first_link}}, &stale), 422);
  ASSERT_EQ(Call("POST", "/api/v1/verify-email", "", {{"token", token}}), 200);
  EXPECT_EQ(SignIn("ed.new@example.org", "a long enough password"), 200);
  EXPECT_EQ(SignIn(ed.email, "a long enough password"), 401);
}

TEST_F(AccountMailRoutesTest, SignOutEverywhereEndsEverySession) {
  const Member fi = testing::SignUp(*server_, "Fi");
  json other;
  ASSERT_EQ(SignIn(fi.email, "a long enough password", &other), 200);
  json revoked;
  ASSERT_EQ(Call("POST", "/api/v1/me/sessions/revoke", fi.token, nullptr, &revoked), 200);
  EXPECT_EQ(revoked["revoked"], 2);
  EXPECT_EQ(Call("GET", "/api/v1/me", fi.token), 401);
  EXPECT_EQ(Call("GET", "/api/v1/me", other["token"]), 401);
  EXPECT_EQ(SignIn(fi.email, "a long enough password"), 200);
}

TEST(AccountMailWithoutSmtp, NothingWaitsForVerification) {
  TempDir dir;
  const std::string db = testing::ImportGeneratedNetwork(dir, 20, 4);
  ASSERT_FALSE(db.empty());
  ServerProcess server(db);
  ASSERT_GT(server.port(), 0);
  const Member gu = testing::SignUp(server, "Gu");
  httplib::Headers headers = {{"Authorization", "Bearer " + gu.token}};
  httplib::Result me = server.Client().Get("/api/v1/me", headers);
  ASSERT_TRUE(me);
  const json body = testing::BodyOf(me);
  EXPECT_EQ(body["email_verified"], false);
  EXPECT_EQ(body["email_verification_required"], false);
  httplib::Result invited = server.Client().Post(
      "/api/v1/invitations", headers, json{{"email", "friend@example.org"}}.dump(),
      "application/json");
  ASSERT_TRUE(invited);
  EXPECT_EQ(invited->status, 201) << invited->body;
}

}  // namespace
}  // namespace ledd
