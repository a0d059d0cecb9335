// Mail about notifications, unsubscribing, email subscriptions to public posts, the
// mail of email invitations and the member register import, through the real
// `ledd serve` with --smtp-url against the real SMTP server on loopback
// (testing::SmtpServer): each test reads the mail as a receiver would and follows its
// links.

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/server_process.h"
#include "testing/run.h"
#include "testing/smtp_server.h"
#include "testing/temp_dir.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::ServerProcess;
using testing::TempDir;

using Member = testing::SignedUpMember;

class NotifyRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 20, 7);
    ASSERT_FALSE(db_.empty());
    smtp_ = new testing::SmtpServer();
    ASSERT_TRUE(smtp_->running());
    // The register's importer: the first member who signs up here, made an admin.
    std::vector<std::string> flags = {"--signups-per-hour", "1000", "--rate-limit-per-second",
                                      "1000", "--notify-interval", "1"};
    for (const std::string& flag : smtp_->ServeFlags()) flags.push_back(flag);
    server_ = new ServerProcess(db_, flags);
    ASSERT_GT(server_->port(), 0);
    admin_ = new Member(SignUp("Admin", {{"last_name", "Styret"}}));
    ASSERT_NE(admin_->id, 0);
    const testing::RunResult role = testing::RunCommand(fmt::format(
        "{} accounts role --db {} {} admin", testing::LeddBinary(), db_, admin_->email));
    ASSERT_EQ(role.exit_code, 0) << role.err;
  }
  static void TearDownTestSuite() {
    delete server_;
    delete smtp_;
    delete admin_;
    delete dir_;
  }

  static std::string Origin() { return fmt::format("http://127.0.0.1:{}", server_->port()); }

  // The status of a request as `member` (anonymous without a token), its body in `out`.
  static int Call(const std::string& method, const std::string& path, const Member& member,
                  const json& body = nullptr, json* out = nullptr,
                  const std::string& content_type = "application/json",
                  const std::string& raw = "") {
    httplib::Headers headers;
    if (!member.token.empty()) headers.emplace("Authorization", "Bearer " + member.token);
    httplib::Client client = server_->Client();
    const std::string text = !raw.empty() ? raw : body.is_null() ? "" : body.dump();
    httplib::Result result =
        method == "GET"   ? client.Get(path.c_str(), headers)
        : method == "PUT" ? client.Put(path.c_str(), headers, text, content_type.c_str())
                          : client.Post(path.c_str(), headers, text, content_type.c_str());
    if (!result) return 0;
    if (out != nullptr) *out = testing::BodyOf(result);
    return result->status;
  }

  // A member who signed up and confirmed their address with the mailed link (while
  // mail is sent, invitations wait for that); their verification mail is read here.
  static Member SignUp(const std::string& first_name, const json& fields = json::object()) {
    Member member = testing::SignUp(*server_, first_name, fields);
    if (member.id == 0) return member;
    std::optional<testing::ReceivedMail> mail = smtp_->WaitForMail(member.email);
    EXPECT_TRUE(mail.has_value()) << "no verification mail to " << member.email;
    if (!mail.has_value()) return member;
    const std::string prefix = Origin() + "/#/verify?token=";
    const std::string link = testing::FindLink(mail->text, prefix);
    EXPECT_FALSE(link.empty()) << mail->text;
    EXPECT_EQ(Call("POST", "/api/v1/verify-email", Member{}, {{"token", link.substr(prefix.size())}}),
              200);
    return member;
  }

  static std::optional<testing::ReceivedMail> MailTo(const std::string& email) {
    return smtp_->WaitForMail(email, std::chrono::seconds(20));
  }

  // The path and query of an absolute link to this server.
  static std::string PathOf(const std::string& link) {
    return link.starts_with(Origin()) ? link.substr(Origin().size()) : link;
  }

  static TempDir* dir_;
  static std::string db_;
  static testing::SmtpServer* smtp_;
  static ServerProcess* server_;
  static Member* admin_;
};

TempDir* NotifyRoutesTest::dir_ = nullptr;
std::string NotifyRoutesTest::db_;
testing::SmtpServer* NotifyRoutesTest::smtp_ = nullptr;
ServerProcess* NotifyRoutesTest::server_ = nullptr;
Member* NotifyRoutesTest::admin_ = nullptr;

TEST_F(NotifyRoutesTest, SettingsHaveDefaultsAndTakeLanguageAndSwitches) {
  const Member kari = SignUp("Kari");
  json settings;
  ASSERT_EQ(Call("GET", "/api/v1/me/settings", kari, nullptr, &settings), 200);
  EXPECT_EQ(settings["language"], "en");
  EXPECT_EQ(settings["email"],
            (json{{"invitations", true}, {"accepted", true}, {"posts", false}, {"digest", "weekly"}}));
  EXPECT_EQ(settings["public_posts"], false);
  EXPECT_EQ(settings["policy"], "liberal");  // The settings that were there stay.

  ASSERT_EQ(Call("PUT", "/api/v1/me/settings", kari,
                 {{"language", "nb"}, {"email", {{"posts", true}, {"digest", "daily"}}}}, &settings),
            200);
  EXPECT_EQ(settings["language"], "nb");
  EXPECT_EQ(settings["email"],
            (json{{"invitations", true}, {"accepted", true}, {"posts", true}, {"digest", "daily"}}));
  ASSERT_EQ(Call("GET", "/api/v1/me/settings", kari, nullptr, &settings), 200);
  EXPECT_EQ(settings["email"]["digest"], "daily");

  json error;
  EXPECT_EQ(Call("PUT", "/api/v1/me/settings", kari, {{"email", {{"digest", "hourly"}}}}, &error),
            400);
  EXPECT_THAT(error["error"]["message"].get<std::string>(), HasSubstr("off, daily or weekly"));
  EXPECT_EQ(Call("PUT", "/api/v1/me/settings", kari, {{"email", {{"posts", "yes"}}}}), 400);
  EXPECT_EQ(Call("PUT", "/api/v1/me/settings", kari, {{"email", {{"sms", true}}}}), 400);
  EXPECT_EQ(Call("PUT", "/api/v1/me/settings", kari, {{"language", "sv"}}), 400);
  // A refused PUT changes nothing, also not its valid parts.
  EXPECT_EQ(Call("PUT", "/api/v1/me/settings", kari,
                 {{"policy", "selective"}, {"email", {{"digest", "hourly"}}}}),
            400);
  ASSERT_EQ(Call("GET", "/api/v1/me/settings", kari, nullptr, &settings), 200);
  EXPECT_EQ(settings["policy"], "liberal");
  EXPECT_EQ(Call("GET", "/api/v1/me/settings", Member{}), 401);
}

TEST_F(NotifyRoutesTest, ANewInvitationIsMailedAndOneClickUnsubscribeStopsIt) {
  const Member ola = SignUp("Ola", {{"last_name", "Nordmann"}, {"headline", "Sivilingeniør"}});
  const Member per = SignUp("Per");
  const Member liv = SignUp("Liv");
  const Member siv = SignUp("Siv");
  ASSERT_EQ(Call("POST", "/api/v1/invitations", ola, {{"to", per.id}, {"note", "Hei Per!"}}), 201);
  std::optional<testing::ReceivedMail> mail = MailTo(per.email);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Ola Nordmann wants to connect with you");
  EXPECT_THAT(mail->text, HasSubstr("Ola Nordmann (Sivilingeniør) has sent you an invitation"));
  EXPECT_THAT(mail->text, HasSubstr("“Hei Per!”"));
  EXPECT_THAT(mail->text, HasSubstr(Origin() + "/#/invitations"));
  EXPECT_THAT(mail->html, HasSubstr("Hei Per!"));
  const std::string one_click = mail->Header("List-Unsubscribe");
  EXPECT_THAT(one_click, StartsWith(fmt::format("<{}/api/v1/unsubscribe?token=", Origin())));
  EXPECT_EQ(mail->Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");

  // What the link names, without sign-in; a token changed by one character is refused.
  const std::string path = PathOf(one_click.substr(1, one_click.size() - 2));
  json what;
  ASSERT_EQ(Call("GET", path, Member{}, nullptr, &what), 200);
  EXPECT_EQ(what["kind"], "invitations");
  std::string forged = path;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(Call("GET", forged, Member{}), 404);
  EXPECT_EQ(Call("POST", forged, Member{}, nullptr, nullptr,
                 "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"),
            404);

  // RFC 8058: a form POST, no cookie, no CSRF token.
  json done;
  ASSERT_EQ(Call("POST", path, Member{}, nullptr, &done, "application/x-www-form-urlencoded",
                 "List-Unsubscribe=One-Click"),
            200);
  EXPECT_EQ(done["unsubscribed"], true);
  json settings;
  ASSERT_EQ(Call("GET", "/api/v1/me/settings", per, nullptr, &settings), 200);
  EXPECT_EQ(settings["email"]["invitations"], false);
  EXPECT_EQ(settings["email"]["accepted"], true);  // Only that kind.

  // Liv's invitation to Per is not mailed; Siv's, after it, is: once Siv's mail is
  // there, Per's would be too.
  ASSERT_EQ(Call("POST", "/api/v1/invitations", liv, {{"to", per.id}}), 201);
  ASSERT_EQ(Call("POST", "/api/v1/invitations", liv, {{"to", siv.id}}), 201);
  ASSERT_TRUE(MailTo(siv.email).has_value());
  EXPECT_FALSE(smtp_->WaitForMail(per.email, std::chrono::milliseconds(500)).has_value());

  // Accepting mails the sender, in their language.
  ASSERT_EQ(Call("PUT", "/api/v1/me/settings", ola, {{"language", "nb"}}), 200);
  json box;
  ASSERT_EQ(Call("GET", "/api/v1/invitations", per, nullptr, &box), 200);
  int64_t from_ola = 0;
  for (const json& entry : box["invitations"]) {
    if (entry["from"] == ola.id) from_ola = entry["id"];
  }
  ASSERT_NE(from_ola, 0) << box.dump();
  ASSERT_EQ(Call("POST", fmt::format("/api/v1/invitations/{}/accept", from_ola), per), 200);
  mail = MailTo(ola.email);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Per Tester har godtatt invitasjonen din");
}

TEST_F(NotifyRoutesTest, AnEmailInvitationIsMailedWithALinkThatSignsUp) {
  const Member ada = SignUp("Ada", {{"last_name", "Lovelace"}});
  json answer;
  ASSERT_EQ(Call("POST", "/api/v1/invitations", ada,
                 {{"email", "grace@example.org"}, {"note", "Join us"}}, &answer),
            201);
  std::optional<testing::ReceivedMail> mail = MailTo("grace@example.org");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Ada Lovelace invites you to ledd");
  const std::string link = testing::FindLink(mail->text, Origin() + "/#/signup?invite=");
  ASSERT_FALSE(link.empty()) << mail->text;
  EXPECT_EQ(link, answer["signup_link"].get<std::string>());
  EXPECT_THAT(mail->Header("List-Unsubscribe"), HasSubstr("/api/v1/unsubscribe?token="));

  const std::string token = link.substr(link.find("invite=") + 7);
  const Member grace = SignUp("Grace", {{"invite", token}, {"email", "grace@example.org"}});
  ASSERT_NE(grace.id, 0);
  json box;
  ASSERT_EQ(Call("GET", "/api/v1/invitations", grace, nullptr, &box), 200);
  ASSERT_EQ(box["invitations"].size(), 1u);
  EXPECT_EQ(box["invitations"][0]["from"], ada.id);

  // The address's own unsubscribe link: no more invitation mail to it; the invitation
  // itself is still made, and its sender still gets the link.
  ASSERT_EQ(Call("POST", "/api/v1/invitations", ada, {{"email", "hopper@example.org"}}), 201);
  mail = MailTo("hopper@example.org");
  ASSERT_TRUE(mail.has_value());
  const std::string one_click = mail->Header("List-Unsubscribe");
  ASSERT_EQ(Call("POST", PathOf(one_click.substr(1, one_click.size() - 2)), Member{}, nullptr,
                 nullptr, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"),
            200);
  const Member bob = SignUp("Bob");
  ASSERT_EQ(Call("POST", "/api/v1/invitations", bob, {{"email", "hopper@example.org"}}), 201);
  ASSERT_EQ(Call("POST", "/api/v1/invitations", bob, {{"email", "marker@example.org"}}), 201);
  ASSERT_TRUE(MailTo("marker@example.org").has_value());
  EXPECT_FALSE(smtp_->WaitForMail("hopper@example.org", std::chrono::milliseconds(500)));
}

TEST_F(NotifyRoutesTest, AVisitorSubscribesConfirmsAndGetsNewPosts) {
  const Member author = SignUp("Astrid", {{"last_name", "Blogg"}});
  // Not public yet: no page, no subscription.
  EXPECT_EQ(Call("GET", fmt::format("/api/v1/public/members/{}", author.id), Member{}), 404);
  const std::string subscribe = fmt::format("/api/v1/public/members/{}/subscriptions", author.id);
  EXPECT_EQ(Call("POST", subscribe, Member{}, {{"email", "reader@example.org"}}), 404);
  ASSERT_EQ(Call("PUT", "/api/v1/me/settings", author, {{"public_posts", true}}), 200);
  ASSERT_EQ(Call("POST", "/api/v1/posts", author, {{"title", "First"}, {"body", "Hello"}}), 201);
  json page;
  ASSERT_EQ(Call("GET", fmt::format("/api/v1/public/members/{}", author.id), Member{}, nullptr,
                 &page),
            200);
  EXPECT_EQ(page["name"], "Astrid Blogg");
  ASSERT_EQ(page["posts"].size(), 1u);
  EXPECT_EQ(page["posts"][0]["title"], "First");

  json answer;
  EXPECT_EQ(Call("POST", subscribe, Member{}, {{"email", "not an address"}}), 400);
  ASSERT_EQ(Call("POST", subscribe, Member{}, {{"email", "Reader@Example.org"}}, &answer), 202);
  std::optional<testing::ReceivedMail> mail = MailTo("reader@example.org");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Confirm your subscription to Astrid Blogg's posts");
  const std::string link = testing::FindLink(mail->text, Origin() + "/#/subscribe/confirm?token=");
  ASSERT_FALSE(link.empty()) << mail->text;
  const std::string token = link.substr(link.find("token=") + 6);

  // Unconfirmed: a new post mails no one, also once confirmed (times are seconds).
  ASSERT_EQ(Call("POST", "/api/v1/posts", author, {{"title", "Unseen"}, {"body", "x"}}), 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  json confirmed;
  EXPECT_EQ(Call("POST", "/api/v1/subscriptions/confirm", Member{}, {{"token", "nope"}}), 404);
  ASSERT_EQ(Call("POST", "/api/v1/subscriptions/confirm", Member{}, {{"token", token}}, &confirmed),
            200);
  EXPECT_EQ(confirmed["author"]["name"], "Astrid Blogg");

  // Asking again answers alike and mails nothing: the answer does not tell.
  json again;
  ASSERT_EQ(Call("POST", subscribe, Member{}, {{"email", "reader@example.org"}}, &again), 202);
  EXPECT_EQ(again, answer);

  ASSERT_EQ(Call("POST", "/api/v1/posts", author, {{"title", "Second post"}, {"body", "News"}}),
            201);
  mail = MailTo("reader@example.org");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Astrid Blogg: Second post");
  EXPECT_THAT(mail->text, HasSubstr("News"));
  EXPECT_THAT(mail->text, Not(HasSubstr("Unseen")));
  const std::string one_click = mail->Header("List-Unsubscribe");
  const std::string path = PathOf(one_click.substr(1, one_click.size() - 2));
  json what;
  ASSERT_EQ(Call("GET", path, Member{}, nullptr, &what), 200);
  EXPECT_EQ(what["kind"], "subscription");
  EXPECT_EQ(what["author"]["name"], "Astrid Blogg");
  ASSERT_EQ(Call("POST", path, Member{}, nullptr, nullptr, "application/x-www-form-urlencoded",
                 "List-Unsubscribe=One-Click"),
            200);

  // Unsubscribed: the next post reaches a second subscriber only.
  ASSERT_EQ(Call("POST", subscribe, Member{}, {{"email", "second@example.org"}}), 202);
  mail = MailTo("second@example.org");
  ASSERT_TRUE(mail.has_value());
  const std::string second_link =
      testing::FindLink(mail->text, Origin() + "/#/subscribe/confirm?token=");
  ASSERT_EQ(Call("POST", "/api/v1/subscriptions/confirm", Member{},
                 {{"token", second_link.substr(second_link.find("token=") + 6)}}),
            200);
  ASSERT_EQ(Call("POST", "/api/v1/posts", author, {{"title", "Third"}, {"body", "y"}}), 201);
  ASSERT_TRUE(MailTo("second@example.org").has_value());
  EXPECT_FALSE(smtp_->WaitForMail("reader@example.org", std::chrono::milliseconds(500)));
}

TEST_F(NotifyRoutesTest, SubscriptionRequestsAreRateLimitedPerEmail) {
  const Member author = SignUp("Berit");
  ASSERT_EQ(Call("PUT", "/api/v1/me/settings", author, {{"public_posts", true}}), 200);
  const std::string subscribe = fmt::format("/api/v1/public/members/{}/subscriptions", author.id);
  int limited = 0;
  for (int i = 0; i < 5; ++i) {
    if (Call("POST", subscribe, Member{}, {{"email", "eager@example.org"}}) == 429) ++limited;
  }
  EXPECT_EQ(limited, 2);  // A burst of 3 per address a day.
}

TEST_F(NotifyRoutesTest, TheRegisterImportInvitesAndTheSignUpStartsFromIt) {
  const std::string csv =
      "first_name,last_name,email,headline,city,country,industry\n"
      "Nora,Berg,nora@example.org,Rørlegger,Bergen,no,Construction\n"
      "Ola,Nordmann,ola.member@example.org,,,,\n"
      "Bad,Row,not-an-address,,,,\n";
  const Member member = SignUp("Ola", {{"email", "ola.member@example.org"}});
  ASSERT_NE(member.id, 0);
  json dry;
  ASSERT_EQ(Call("POST", "/api/v1/admin/register-import?dry_run=1", *admin_, nullptr, &dry,
                 "text/csv", csv),
            200);
  EXPECT_EQ(dry["counts"], (json{{"new", 1}, {"member", 1}, {"invited", 0}, {"bad", 1}}));
  EXPECT_EQ(dry["rows"][2]["outcome"], "bad");
  EXPECT_THAT(dry["rows"][2]["problem"].get<std::string>(), StartsWith("register.csv:4: "));
  // A bad row refuses the import itself, naming the line; nothing is written.
  json error;
  ASSERT_EQ(Call("POST", "/api/v1/admin/register-import", *admin_, nullptr, &error, "text/csv",
                 csv),
            400);
  EXPECT_THAT(error["error"]["message"].get<std::string>(), StartsWith("register.csv:4: "));
  // Only an administrator imports.
  EXPECT_EQ(Call("POST", "/api/v1/admin/register-import?dry_run=1", member, nullptr, nullptr,
                 "text/csv", csv),
            403);
  EXPECT_EQ(Call("POST", "/api/v1/admin/register-import", *admin_, {{"csv", csv}}), 415);

  const std::string good = csv.substr(0, csv.find("Bad,Row"));
  json done;
  ASSERT_EQ(Call("POST", "/api/v1/admin/register-import", *admin_, nullptr, &done, "text/csv", good),
            201);
  EXPECT_EQ(done["counts"], (json{{"new", 1}, {"member", 1}, {"invited", 0}, {"bad", 0}}));
  json again;
  ASSERT_EQ(Call("POST", "/api/v1/admin/register-import?dry_run=1", *admin_, nullptr, &again,
                 "text/csv", good),
            200);
  EXPECT_EQ(again["counts"]["invited"], 1);

  std::optional<testing::ReceivedMail> mail = MailTo("nora@example.org");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Admin Styret invites you to ledd");
  const std::string link = testing::FindLink(mail->text, Origin() + "/#/signup?invite=");
  ASSERT_FALSE(link.empty());
  const Member nora = SignUp("Nora", {{"invite", link.substr(link.find("invite=") + 7)},
                                      {"email", "nora@example.org"}});
  ASSERT_NE(nora.id, 0);
  json me;
  ASSERT_EQ(Call("GET", "/api/v1/me", nora, nullptr, &me), 200);
  EXPECT_EQ(me["headline"], "Rørlegger");
  EXPECT_EQ(me["city"], "Bergen");
  EXPECT_EQ(me["country"], "NO");
  EXPECT_EQ(me["industry"], "Construction");
}

}  // namespace
}  // namespace ledd
