// Email invitations, in every store engine (store_fixture.h): sending with its
// refusals, the weekly limit both kinds share, the sender's list and withdrawal, the
// look-up by token hash, and the claim a sign-up makes in its own transaction
// (AddMemberWithAccount): by email and by token, once only, never of a withdrawn one,
// and not at all when the sign-up fails.

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Members 1..5 (member 5 has the account five@example.org) and nothing else.
class EmailInvitationStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ImportOrDie(Members(5));
    if (HasFatalFailure()) return;
    ASSERT_TRUE(
        store()
            .AddAccount(
                {.member = 5, .email = "five@example.org", .password_hash = "h", .created_at = kT0})
            .ok());
  }

  absl::StatusOr<EmailInvitation> Invite(MemberId from, const std::string& email,
                                         const std::string& token, Timestamp at = kT0,
                                         const std::string& note = "", int weekly_limit = 100) {
    return store().AddEmailInvitation({.from = from,
                                       .email = email,
                                       .note = note,
                                       .token_hash = TokenHash(token),
                                       .at = at,
                                       .weekly_limit = weekly_limit});
  }

  // A sign-up with `email` (and the token's hash, if any) at `at`.
  absl::StatusOr<MemberId> SignUp(const std::string& handle, const std::string& email,
                                  const std::string& token = "", Timestamp at = kT0 + kDay) {
    Member member = MakeMember(0);
    member.handle = handle;
    member.email = email;
    member.created_at = at;
    return store().AddMemberWithAccount(
        member, {.email = email, .password_hash = "h", .created_at = at},
        {.invite_token_hash = token.empty() ? "" : TokenHash(token)});
  }

  std::vector<Invitation> Received(MemberId member) {
    absl::StatusOr<std::vector<Invitation>> received =
        store().ListInvitations(member, {.box = InvitationBox::kReceived});
    EXPECT_TRUE(received.ok()) << received.status();
    return received.ok() ? *received : std::vector<Invitation>{};
  }
};

TEST_P(EmailInvitationStoreTest, AddsAPendingOneWithTheEmailFoldedAndNoEvent) {
  const EventId before = *store().LastEventId();
  absl::StatusOr<EmailInvitation> sent = Invite(1, "  Ada.Lovelace@Example.ORG ", "t1", kT0, "Hi!");
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_GT(sent->id, 0);
  EXPECT_EQ(sent->from, 1);
  EXPECT_EQ(sent->email, "ada.lovelace@example.org");
  EXPECT_EQ(sent->note, "Hi!");
  EXPECT_EQ(sent->created_at, kT0);
  EXPECT_EQ(sent->state, EmailInvitationState::kPending);
  EXPECT_FALSE(sent->claimed_by.has_value());
  EXPECT_FALSE(sent->invitation.has_value());
  EXPECT_EQ(*store().GetEmailInvitation(sent->id), *sent);
  EXPECT_EQ(*store().GetEmailInvitationByToken(TokenHash("t1")), *sent);
  EXPECT_EQ(store().GetEmailInvitationByToken(TokenHash("t2")).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(*store().LastEventId(), before);  // The network holds no email invitations.
}

TEST_P(EmailInvitationStoreTest, RefusesBadEmailsNotesUnknownSendersDuplicatesAndMembersEmails) {
  for (const char* email : {"", "ada", "@example.org", "ada@", "ada@@example.org",
                            "a@b@example.org", "ada lovelace@example.org", "ada@exa\tmple.org",
                            "ada@example.org\x1b", "<ada@example.org>", "ada,b@example.org"}) {
    absl::StatusOr<EmailInvitation> sent = Invite(1, email, std::string("t-") + email);
    EXPECT_EQ(sent.status().code(), absl::StatusCode::kInvalidArgument) << email;
    EXPECT_THAT(sent.status().message(), HasSubstr("is not an email address")) << email;
  }
  EXPECT_EQ(Invite(1, std::string(250, 'a') + "@example.org", "long").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Invite(1, "ada@example.org", "note", kT0, std::string(301, 'x')).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store()
                .AddEmailInvitation({.from = 1, .email = "ada@example.org", .at = kT0})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);  // No token hash.
  EXPECT_EQ(Invite(99, "ada@example.org", "t99").status().code(), absl::StatusCode::kNotFound);
  // A member's email: they are invited as a member (the service's business).
  absl::StatusOr<EmailInvitation> member = Invite(1, "Five@Example.org", "t5");
  EXPECT_EQ(member.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(member.status().message(), HasSubstr("has an account (member 5)"));

  ASSERT_TRUE(Invite(1, "ada@example.org", "t1").ok());
  absl::StatusOr<EmailInvitation> again = Invite(1, "ADA@example.org", "t1b");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr("a pending email invitation from member 1"));
  // Another sender may; the same token may not be stored twice.
  EXPECT_TRUE(Invite(2, "ada@example.org", "t2").ok());
  EXPECT_EQ(Invite(3, "ada@example.org", "t2").status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(*store().ListEmailInvitations(1), ::testing::SizeIs(1));
}

TEST_P(EmailInvitationStoreTest, ListsNewestFirstAndWithdrawsOnlyPendingOnes) {
  const EmailInvitation first = *Invite(1, "a@example.org", "ta", kT0);
  const EmailInvitation second = *Invite(1, "b@example.org", "tb", kT0 + 10);
  ASSERT_TRUE(Invite(2, "c@example.org", "tc", kT0 + 20).ok());
  std::vector<EmailInvitation> listed = *store().ListEmailInvitations(1);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second.id);
  EXPECT_EQ(listed[1].id, first.id);
  EXPECT_TRUE(store().ListEmailInvitations(99)->empty());

  absl::StatusOr<EmailInvitation> withdrawn = store().WithdrawEmailInvitation(first.id, kT0 + 30);
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status();
  EXPECT_EQ(withdrawn->state, EmailInvitationState::kWithdrawn);
  EXPECT_EQ(store().GetEmailInvitation(first.id)->state, EmailInvitationState::kWithdrawn);
  absl::StatusOr<EmailInvitation> twice = store().WithdrawEmailInvitation(first.id, kT0 + 40);
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(twice.status().message(), HasSubstr("is withdrawn, not pending"));
  EXPECT_EQ(store().WithdrawEmailInvitation(999, kT0).status().code(), absl::StatusCode::kNotFound);
  // Once withdrawn, the same email may be invited again.
  EXPECT_TRUE(Invite(1, "a@example.org", "ta2", kT0 + 50).ok());
}

TEST_P(EmailInvitationStoreTest, TheWeeklyLimitCountsBothKindsAndWithdrawingFreesNothing) {
  constexpr int kLimit = 3;
  ASSERT_TRUE(store().SendInvitation({.from = 1, .to = 2, .at = kT0, .weekly_limit = kLimit}).ok());
  const EmailInvitation email = *Invite(1, "a@example.org", "ta", kT0 + 1, "", kLimit);
  ASSERT_TRUE(store().WithdrawEmailInvitation(email.id, kT0 + 2).ok());
  ASSERT_TRUE(Invite(1, "b@example.org", "tb", kT0 + 3, "", kLimit).ok());
  // Three sent this week, one of them withdrawn: neither kind may be sent now.
  absl::StatusOr<EmailInvitation> by_email = Invite(1, "c@example.org", "tc", kT0 + 4, "", kLimit);
  EXPECT_EQ(by_email.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(by_email.status().message(),
              HasSubstr("cannot send more invitations now: weekly invitation limit reached (3 "
                        "in the last 7 days)"));
  absl::StatusOr<InvitationWrite> ordinary =
      store().SendInvitation({.from = 1, .to = 3, .at = kT0 + 4, .weekly_limit = kLimit});
  EXPECT_EQ(ordinary.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(ordinary.status().message(), HasSubstr("weekly invitation limit reached (3 "));
  // Another sender is not limited by member 1's; a week later member 1 is free again.
  EXPECT_TRUE(Invite(2, "c@example.org", "tc2", kT0 + 4, "", kLimit).ok());
  EXPECT_TRUE(Invite(1, "c@example.org", "tc3", kT0 + 8 * kDay, "", kLimit).ok());
}

TEST_P(EmailInvitationStoreTest, AClaimedOneCountsOnceNotAgainAsTheInvitationItBecame) {
  constexpr int kLimit = 2;
  ASSERT_TRUE(Invite(1, "ada@example.org", "ta", kT0, "", kLimit).ok());
  absl::StatusOr<MemberId> ada = SignUp("ada", "ada@example.org", "", kT0 + 10);
  ASSERT_TRUE(ada.ok()) << ada.status();
  ASSERT_EQ(Received(*ada).size(), 1u);
  // One sent (the email invitation): one more is allowed, a third is not.
  EXPECT_TRUE(
      store().SendInvitation({.from = 1, .to = 2, .at = kT0 + 20, .weekly_limit = kLimit}).ok());
  EXPECT_EQ(store()
                .SendInvitation({.from = 1, .to = 3, .at = kT0 + 30, .weekly_limit = kLimit})
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(EmailInvitationStoreTest, ASignUpClaimsEveryPendingOneToItsEmailInItsTransaction) {
  const EmailInvitation from1 = *Invite(1, "Ada@Example.org", "t1", kT0, "We met at JavaZone");
  const EmailInvitation from2 = *Invite(2, "ada@example.org", "t2", kT0 + 5);
  const EmailInvitation other = *Invite(3, "grace@example.org", "t3", kT0 + 6);
  const EventId before = *store().LastEventId();

  absl::StatusOr<MemberId> ada = SignUp("ada", "ada@example.org", "", kT0 + kDay);
  ASSERT_TRUE(ada.ok()) << ada.status();

  // Two ordinary pending invitations, newest first, with their notes, created at the
  // sign-up.
  const std::vector<Invitation> received = Received(*ada);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].from, 2);
  EXPECT_EQ(received[1].from, 1);
  EXPECT_EQ(received[1].note, "We met at JavaZone");
  for (const Invitation& invitation : received) {
    EXPECT_EQ(invitation.to, *ada);
    EXPECT_EQ(invitation.state, InvitationState::kPending);
    EXPECT_EQ(invitation.created_at, kT0 + kDay);
    EXPECT_EQ(invitation.via, InvitationVia{});
  }
  // The email invitations are claimed and name what they became.
  const EmailInvitation claimed = *store().GetEmailInvitation(from1.id);
  EXPECT_EQ(claimed.state, EmailInvitationState::kAccepted);
  EXPECT_EQ(claimed.claimed_by, *ada);
  EXPECT_EQ(claimed.claimed_at, kT0 + kDay);
  EXPECT_EQ(claimed.invitation, received[1].id);
  EXPECT_EQ(store().GetEmailInvitation(from2.id)->invitation, received[0].id);
  EXPECT_EQ(store().GetEmailInvitation(other.id)->state, EmailInvitationState::kPending);

  // Evented and notified as SendInvitation's: kMemberAdded, then kInvitationChanged for
  // each (in the order written, oldest email invitation first).
  const std::vector<Event> events = *store().EventsAfter(before, 10);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, EventKind::kMemberAdded);
  EXPECT_EQ(events[0].a, *ada);
  EXPECT_EQ(events[1].kind, EventKind::kInvitationChanged);
  EXPECT_EQ(events[1].a, received[1].id);
  EXPECT_EQ(events[2].kind, EventKind::kInvitationChanged);
  EXPECT_EQ(events[2].a, received[0].id);
  const std::vector<Notification> notifications = *store().ListNotifications(*ada, {});
  ASSERT_EQ(notifications.size(), 2u);
  for (const Notification& notification : notifications) {
    EXPECT_EQ(notification.kind, NotificationKind::kNewInvitation);
  }
  // The invitations are ordinary: the new member can accept one.
  absl::StatusOr<InvitationWrite> accepted =
      store().ChangeInvitation(received[1].id, InvitationState::kAccepted, kT0 + 2 * kDay);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
}

TEST_P(EmailInvitationStoreTest, TheTokenClaimsItsOneUnderAnotherEmailAndOnlyOnce) {
  const EmailInvitation sent = *Invite(1, "ada@work.example", "t1", kT0, "note");
  absl::StatusOr<MemberId> ada = SignUp("ada", "ada@home.example", "t1");
  ASSERT_TRUE(ada.ok()) << ada.status();
  ASSERT_EQ(Received(*ada).size(), 1u);
  EXPECT_EQ(Received(*ada)[0].from, 1);
  EXPECT_EQ(store().GetEmailInvitation(sent.id)->claimed_by, *ada);

  // The same link again, and the invited email itself, claim nothing more.
  absl::StatusOr<MemberId> again = SignUp("mallory", "mallory@example.org", "t1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(Received(*again).empty());
  absl::StatusOr<MemberId> work = SignUp("ada-work", "ada@work.example");
  ASSERT_TRUE(work.ok()) << work.status();
  EXPECT_TRUE(Received(*work).empty());
  EXPECT_EQ(store().GetEmailInvitation(sent.id)->claimed_by, *ada);
  // An unknown token claims nothing and fails nothing.
  absl::StatusOr<MemberId> unknown = SignUp("eve", "eve@example.org", "no such token");
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_TRUE(Received(*unknown).empty());
}

TEST_P(EmailInvitationStoreTest, OneSendersSeveralBecomeOneInvitationWithTheNewestNote) {
  const EmailInvitation by_email = *Invite(1, "ada@home.example", "t1", kT0, "older");
  const EmailInvitation by_token = *Invite(1, "ada@work.example", "t2", kT0 + 5, "newer");
  absl::StatusOr<MemberId> ada = SignUp("ada", "ada@home.example", "t2");
  ASSERT_TRUE(ada.ok()) << ada.status();
  const std::vector<Invitation> received = Received(*ada);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].note, "newer");
  EXPECT_EQ(store().GetEmailInvitation(by_email.id)->invitation, received[0].id);
  EXPECT_EQ(store().GetEmailInvitation(by_token.id)->invitation, received[0].id);
  EXPECT_EQ(store().GetEmailInvitation(by_email.id)->state, EmailInvitationState::kAccepted);
}

TEST_P(EmailInvitationStoreTest, WithdrawnOnesAreNotClaimed) {
  const EmailInvitation sent = *Invite(1, "ada@example.org", "t1");
  ASSERT_TRUE(store().WithdrawEmailInvitation(sent.id, kT0 + 1).ok());
  absl::StatusOr<MemberId> ada = SignUp("ada", "ada@example.org", "t1");
  ASSERT_TRUE(ada.ok()) << ada.status();
  EXPECT_TRUE(Received(*ada).empty());
  EXPECT_TRUE(store().ListNotifications(*ada, {})->empty());
  const EmailInvitation after = *store().GetEmailInvitation(sent.id);
  EXPECT_EQ(after.state, EmailInvitationState::kWithdrawn);
  EXPECT_FALSE(after.claimed_by.has_value());
}

TEST_P(EmailInvitationStoreTest, AFailedSignUpClaimsNothing) {
  const EmailInvitation sent = *Invite(1, "ada@example.org", "t1");
  const EventId before = *store().LastEventId();
  // member-1's handle is taken: the whole sign-up rolls back, the claim with it.
  absl::StatusOr<MemberId> failed = SignUp("member-1", "ada@example.org", "t1");
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store().GetEmailInvitation(sent.id)->state, EmailInvitationState::kPending);
  EXPECT_EQ(*store().LastEventId(), before);
  absl::StatusOr<MemberId> ada = SignUp("ada", "ada@example.org");
  ASSERT_TRUE(ada.ok()) << ada.status();
  EXPECT_EQ(Received(*ada).size(), 1u);
}

TEST_P(EmailInvitationStoreTest, AnInvitationFromTheNewMembersOwnEmailIsNotPossible) {
  // Member 5 has five@example.org; an email invitation there is refused, so a sign-up
  // can never be invited by itself. And a sign-up with a taken email claims nothing.
  ASSERT_TRUE(Invite(1, "ada@example.org", "t1").ok());
  absl::StatusOr<MemberId> taken = SignUp("five-again", "five@example.org", "t1");
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(
      *store().ListEmailInvitations(1),
      ElementsAre(::testing::Field(&EmailInvitation::state, EmailInvitationState::kPending)));
}

LEDD_STORE_CONTRACT(EmailInvitationStoreTest);

}  // namespace
}  // namespace ledd::store
