// Mail about notifications and email subscriptions, in every store engine
// (store_fixture.h): settings and their defaults, the mailer's marks that make each
// notification and post mailed at most once, the digest's compare-and-set,
// subscriptions (double opt-in), suppressed addresses, the signing key, and the
// register's profile on an email invitation and its sign-up.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
                      .subject = "Ny invitasjon",
                      .text = "Hei!",
                      .kind = "notify_invitation",
                      .created_at = at,
                      .next_attempt_at = at};
}

// "m7", "M7@example.org": text of an id (appended, not concatenated: GCC 12's
// -Wrestrict misreads `"m" + std::to_string(id)`).
std::string Text(std::string_view before, MemberId id, std::string_view after = "") {
  std::string text(before);
  text += std::to_string(id);
  text += after;
  return text;
}

class NotifyStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    for (MemberId id : {1, 2, 3}) {
      ASSERT_TRUE(store()
                      .AddMember({.id = id,
                                  .handle = Text("m", id),
                                  .first_name = Text("M", id),
                                  .created_at = 10})
                      .ok());
      ASSERT_TRUE(store()
                      .AddAccount({.member = id,
                                   .email = Text("m", id, "@example.org"),
                                   .password_hash = "x",
                                   .created_at = 10})
                      .ok());
    }
  }

  int64_t Queued() { return *store().CountQueuedMail(); }
};

TEST_P(NotifyStoreTest, SettingsHaveDefaultsAndAreStoredWithTheLanguage) {
  EXPECT_EQ(*store().GetEmailSettings(1), EmailSettings{});
  EXPECT_EQ(store().GetEmailSettings(99).status().code(), absl::StatusCode::kNotFound);
  const EmailSettings changed{.invitations = false,
                              .accepted = true,
                              .posts = true,
                              .digest = DigestFrequency::kDaily,
                              .public_posts = true};
  ASSERT_TRUE(store().SetEmailSettings(1, changed, "nb", 100).ok());
  EXPECT_EQ(*store().GetEmailSettings(1), changed);
  EXPECT_EQ(store().GetAccount(1)->language, "nb");
  EXPECT_EQ(store().SetEmailSettings(1, changed, "sv", 100).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().SetEmailSettings(99, changed, "", 100).code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(store().SwitchOffEmail(1, EmailKind::kDigest, 100).ok());
  EXPECT_EQ(store().GetEmailSettings(1)->digest, DigestFrequency::kOff);
  EXPECT_EQ(store().GetEmailSettings(1)->posts, true);
}

TEST_P(NotifyStoreTest, EachNotificationIsMailedAtMostOnce) {
  ASSERT_TRUE(store().SendInvitation({.from = 1, .to = 2, .at = 50}).ok());
  std::vector<Notification> pending = *store().PendingNotificationMail(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].member, 2);
  const std::vector<Store::NotificationMail> mails = {
      {.notification = pending[0].id, .mail = MakeMail("m2@example.org", 60)}};
  EXPECT_EQ(*store().CommitNotificationMail(mails, 60), 1);
  // A second mailer with the same read (or a restart that read before the commit)
  // writes nothing.
  EXPECT_EQ(*store().CommitNotificationMail(mails, 61), 0);
  EXPECT_EQ(Queued(), 1);
  EXPECT_THAT(*store().PendingNotificationMail(10), IsEmpty());
  // A bad mail refuses the whole commit.
  ASSERT_TRUE(store().SendInvitation({.from = 3, .to = 2, .at = 70}).ok());
  pending = *store().PendingNotificationMail(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(store()
                .CommitNotificationMail(
                    {{.notification = pending[0].id, .mail = MakeMail("not an address", 70)}}, 70)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().PendingNotificationMail(10)->size(), 1u);
}

TEST_P(NotifyStoreTest, TheDigestListsWhatWasNotMailedAndIsRecordedOnce) {
  ASSERT_TRUE(store().SendInvitation({.from = 1, .to = 2, .at = 50}).ok());
  ASSERT_TRUE(store().SendInvitation({.from = 3, .to = 2, .at = 51}).ok());
  std::vector<Notification> pending = *store().PendingNotificationMail(10);
  ASSERT_EQ(pending.size(), 2u);
  // The first was mailed one by one, the second not.
  ASSERT_EQ(*store().CommitNotificationMail(
                {{.notification = pending[0].id, .mail = MakeMail("m2@example.org", 60)},
                 {.notification = pending[1].id, .mail = std::nullopt}},
                60),
            1);
  const Timestamp week = 7 * 24 * 3600;
  EXPECT_THAT(*store().DueDigests(10 + week - 1, 10), IsEmpty());
  std::vector<Store::DigestDue> due = *store().DueDigests(10 + week, 10);
  ASSERT_EQ(due.size(), 3u);  // Every account, weekly by default.
  EXPECT_EQ(due[0].since, 10);
  std::vector<Notification> listed = *store().DigestNotifications(2, 10, 100);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, pending[1].id);
  EXPECT_THAT(*store().DigestNotifications(1, 10, 100), IsEmpty());

  EXPECT_TRUE(*store().CommitDigest(2, 10, 10 + week, MakeMail("m2@example.org", 10 + week)));
  EXPECT_FALSE(*store().CommitDigest(2, 10, 10 + week, MakeMail("m2@example.org", 10 + week)));
  EXPECT_EQ(Queued(), 2);
  EXPECT_THAT(*store().DigestNotifications(2, 10 + week, 100), IsEmpty());
  // Turning the digest to daily counts from then.
  ASSERT_TRUE(store().SetEmailSettings(1, {.digest = DigestFrequency::kDaily}, "", 500).ok());
  due = *store().DueDigests(500 + 24 * 3600, 10);
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(due[0].member, 1);
  EXPECT_EQ(due[0].since, 500);
}

TEST_P(NotifyStoreTest, APostIsLookedAtOnceAndSubscriptionsNeedConfirming) {
  OutgoingMail confirm = MakeMail("reader@example.org", 100);
  EXPECT_EQ(
      store().RequestPostSubscription(1, "reader@example.org", "h1", confirm, 100).status().code(),
      absl::StatusCode::kNotFound);  // Posts not public.
  ASSERT_TRUE(store().SetEmailSettings(1, {.public_posts = true}, "", 100).ok());
  absl::StatusOr<PostSubscription> subscription =
      store().RequestPostSubscription(1, "Reader@Example.org", "h1", confirm, 100);
  ASSERT_TRUE(subscription.ok()) << subscription.status();
  EXPECT_EQ(subscription->email, "reader@example.org");
  EXPECT_EQ(subscription->state, PostSubscriptionState::kPending);
  EXPECT_EQ(Queued(), 1);
  EXPECT_THAT(*store().ConfirmedSubscriptions(1), IsEmpty());
  EXPECT_EQ(store().ConfirmPostSubscription("wrong", 110).status().code(),
            absl::StatusCode::kNotFound);
  ASSERT_TRUE(store().ConfirmPostSubscription("h1", 110).ok());
  EXPECT_THAT(*store().ConfirmedSubscriptions(1),
              ElementsAre(Field(&PostSubscription::confirmed_at, 110)));
  // Confirmed: asking again mails nothing.
  ASSERT_TRUE(store().RequestPostSubscription(1, "reader@example.org", "h2", confirm, 120).ok());
  EXPECT_EQ(Queued(), 1);

  absl::StatusOr<PostWrite> post = store().AddPost({.author = 1, .title = "T", .created_at = 130});
  ASSERT_TRUE(post.ok());
  ASSERT_EQ(store().PendingPostMail(10)->size(), 1u);
  EXPECT_TRUE(*store().CommitPostMail(post->post.id, {MakeMail("reader@example.org", 131)}, 131));
  EXPECT_FALSE(*store().CommitPostMail(post->post.id, {MakeMail("reader@example.org", 131)}, 131));
  EXPECT_EQ(Queued(), 2);
  EXPECT_THAT(*store().PendingPostMail(10), IsEmpty());

  ASSERT_TRUE(store().Unsubscribe(subscription->id, 140).ok());
  EXPECT_THAT(*store().ConfirmedSubscriptions(1), IsEmpty());
  EXPECT_EQ(store().ConfirmPostSubscription("h1", 150).status().code(),
            absl::StatusCode::kNotFound);  // Its token was used up.
}

// Imported posts are history: an import mails no subscriber and leaves nothing for the
// mailer's pass; a post written afterwards is pending as usual.
TEST_P(NotifyStoreTest, ImportedPostsAreNotPendingMail) {
  Dataset data;  // The fixture's members are stored already.
  data.posts.push_back(Post{.id = 7, .author = 1, .title = "From the archive", .created_at = 50});
  ImportOrDie(data);
  EXPECT_THAT(*store().PendingPostMail(10), IsEmpty());
  ASSERT_TRUE(store().AddPost({.author = 1, .title = "New", .created_at = 130}).ok());
  EXPECT_EQ(store().PendingPostMail(10)->size(), 1u);
}

TEST_P(NotifyStoreTest, ASuppressedAddressGetsNoInvitationMail) {
  ASSERT_TRUE(store().SuppressEmail("Ann@Example.org", 10).ok());
  EXPECT_TRUE(*store().IsEmailSuppressed("ann@example.org"));
  EXPECT_FALSE(*store().IsEmailSuppressed("bob@example.org"));
  ASSERT_TRUE(store()
                  .AddEmailInvitation({.from = 1,
                                       .email = "ann@example.org",
                                       .token_hash = "t1",
                                       .at = 20,
                                       .mail = MakeMail("ann@example.org", 20)})
                  .ok());
  EXPECT_EQ(Queued(), 0);
  ASSERT_TRUE(store()
                  .AddEmailInvitation({.from = 1,
                                       .email = "bob@example.org",
                                       .token_hash = "t2",
                                       .at = 20,
                                       .mail = MakeMail("bob@example.org", 20)})
                  .ok());
  EXPECT_EQ(Queued(), 1);
}

TEST_P(NotifyStoreTest, ARegisterImportIsOneTransactionAndItsProfileStartsTheSignUp) {
  const InvitedProfile nora{.first_name = "Nora", .last_name = "Berg", .headline = "Rørlegger",
                            .city = "Bergen", .country = "NO"};
  // The second fails (a pending invitation to that address exists): neither is written.
  ASSERT_TRUE(
      store()
          .AddEmailInvitation({.from = 1, .email = "x@example.org", .token_hash = "t0", .at = 5})
          .ok());
  EXPECT_THAT(store()
                  .AddEmailInvitations(
                      {{.from = 1,
                        .email = "nora@example.org",
                        .token_hash = "t1",
                        .at = 20,
                        .mail = MakeMail("nora@example.org", 20),
                        .profile = nora},
                       {.from = 1, .email = "x@example.org", .token_hash = "t2", .at = 20}})
                  .status()
                  .message(),
              HasSubstr("invitations[1]: "));
  EXPECT_EQ(Queued(), 0);
  EXPECT_EQ(store().ListEmailInvitations(1)->size(), 1u);
  EXPECT_EQ(store()
                .AddEmailInvitations({{.from = 1,
                                       .email = "y@example.org",
                                       .token_hash = "t3",
                                       .at = 20,
                                       .profile = {.country = "XX"}}})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);

  absl::StatusOr<std::vector<EmailInvitation>> written =
      store().AddEmailInvitations({{.from = 1,
                                    .email = "nora@example.org",
                                    .token_hash = "t1",
                                    .at = 20,
                                    .mail = MakeMail("nora@example.org", 20),
                                    .profile = nora}});
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ((*written)[0].profile, nora);
  EXPECT_EQ(store().GetEmailInvitation((*written)[0].id)->profile, nora);
  EXPECT_EQ(Queued(), 1);
  absl::StatusOr<MemberId> id = store().AddMemberWithAccount(
      {.handle = "nora", .first_name = "Nora", .headline = "", .created_at = 30},
      {.email = "other@example.org", .password_hash = "x", .created_at = 30},
      {.invite_token_hash = "t1"});
  ASSERT_TRUE(id.ok()) << id.status();
  const Member member = *store().GetMember(*id);
  EXPECT_EQ(member.headline, "Rørlegger");
  EXPECT_EQ(member.last_name, "Berg");
  EXPECT_EQ(member.city, "Bergen");
  EXPECT_EQ(member.country, "NO");
}

TEST_P(NotifyStoreTest, TheSecretIsMadeOnceAndKept) {
  const std::string first(32, 'a');
  const std::string second(32, 'b');
  EXPECT_EQ(*store().GetOrAddSecret("links", first), first);
  EXPECT_EQ(*store().GetOrAddSecret("links", second), first);
  EXPECT_EQ(store().GetOrAddSecret("other", "short").status().code(),
            absl::StatusCode::kInvalidArgument);
}

LEDD_STORE_CONTRACT(NotifyStoreTest);

}  // namespace
}  // namespace ledd::store
