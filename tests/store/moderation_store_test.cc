// Moderation (store.h "moderation"), in every store engine (store_fixture.h):
// invitation reports filed and withdrawn with the invitation, reports of posts and
// comments (once per reporter), the actions with their audit rows, suspensions that
// hide content, revoke sessions and stop invitations until they end or are lifted,
// removals, warnings, roles, and the authors' edits and deletes.

#include <memory>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<PostId> PostIds(const std::vector<Post>& posts) {
  std::vector<PostId> ids;
  for (const Post& post : posts) ids.push_back(post.id);
  return ids;
}

std::vector<CommentId> CommentIds(const std::vector<Comment>& comments) {
  std::vector<CommentId> ids;
  for (const Comment& comment : comments) ids.push_back(comment.id);
  return ids;
}

// Members 1..5 with accounts; 5 is a moderator; 2 follows 1.
class ModerationStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    Dataset data;
    for (MemberId id = 1; id <= 5; ++id) {
      data.members.push_back(Member{.id = id,
                                    .handle = "member-" + std::to_string(id),
                                    .first_name = "First" + std::to_string(id),
                                    .last_name = "Last",
                                    .created_at = kT0 - 100 * kDay});
    }
    ASSERT_TRUE(store().Import(data).ok());
    for (MemberId id = 1; id <= 5; ++id) {
      ASSERT_TRUE(store()
                      .AddAccount({.member = id,
                                   .email = "m" + std::to_string(id) + "@example.org",
                                   .password_hash = "x",
                                   .created_at = kT0 - 50 * kDay})
                      .ok());
    }
    ASSERT_TRUE(store()
                    .Moderate({.action = ModerationAction::kRole,
                               .member = 5,
                               .role = Role::kModerator,
                               .at = kT0})
                    .ok());
    ASSERT_TRUE(store().AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
  }

  Post Publish(MemberId author, const std::string& title = "Hello") {
    absl::StatusOr<PostWrite> write =
        store().AddPost({.author = author, .title = title, .body = "body", .created_at = kT0});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? write->post : Post{};
  }
  Comment CommentOn(PostId post, MemberId author) {
    absl::StatusOr<CommentWrite> write = store().AddComment(
        {.post_id = post, .author = author, .body = "a comment", .created_at = kT0 + 1});
    EXPECT_TRUE(write.ok()) << write.status();
    return write.ok() ? write->comment : Comment{};
  }
  std::vector<Report> Open() { return *store().ListReports({.state = ReportState::kOpen}); }
};

TEST_P(ModerationStoreTest, ReportingAnInvitationFilesAReportThatUndoWithdraws) {
  absl::StatusOr<InvitationWrite> sent =
      store().SendInvitation({.from = 1, .to = 2, .note = "Hi", .at = kT0});
  ASSERT_TRUE(sent.ok()) << sent.status();
  const InvitationId id = sent->invitation.id;
  ASSERT_TRUE(store().ChangeInvitation(id, InvitationState::kReported, kT0 + 10).ok());
  std::vector<Report> open = Open();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].subject, ReportSubject::kInvitation);
  EXPECT_EQ(open[0].subject_id, id);
  EXPECT_EQ(open[0].reporter, 2);
  EXPECT_EQ(open[0].reported, 1);
  EXPECT_EQ(open[0].reason, ReportReason::kUnknownPerson);
  EXPECT_EQ(open[0].created_at, kT0 + 10);

  ASSERT_TRUE(store().UndoReport(id, kT0 + 20).ok());
  EXPECT_THAT(Open(), IsEmpty());
  EXPECT_EQ(store().GetReport(open[0].id)->state, ReportState::kWithdrawn);
  // Reported again from ignored: a new open report.
  ASSERT_TRUE(store().ChangeInvitation(id, InvitationState::kReported, kT0 + 30).ok());
  EXPECT_EQ(Open().size(), 1u);
  EXPECT_EQ(*store().CountInvitationsSent(1, kT0 - kDay),
            (InvitationsSent{.sent = 1, .reported = 1}));
}

TEST_P(ModerationStoreTest, APostOrCommentIsReportedOncePerReporterWithAListedReason) {
  const Post post = Publish(1);
  const Comment comment = CommentOn(post.id, 3);
  absl::StatusOr<Report> report = store().AddReport({.reporter = 2,
                                                     .subject = ReportSubject::kPost,
                                                     .subject_id = post.id,
                                                     .reason = ReportReason::kSpam,
                                                     .text = "Sells pills",
                                                     .at = kT0 + 5});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->reported, 1);
  EXPECT_EQ(*store().GetReport(report->id), *report);
  EXPECT_TRUE(absl::IsAlreadyExists(store()
                                        .AddReport({.reporter = 2,
                                                    .subject = ReportSubject::kPost,
                                                    .subject_id = post.id,
                                                    .reason = ReportReason::kOther,
                                                    .at = kT0 + 6})
                                        .status()));
  // Someone else may report it too; its author may not; nor with an invitation's reason.
  EXPECT_TRUE(store().AddReport({.reporter = 4, .subject_id = post.id, .at = kT0}).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(
      store().AddReport({.reporter = 1, .subject_id = post.id, .at = kT0}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store()
                                          .AddReport({.reporter = 2,
                                                      .subject_id = post.id,
                                                      .reason = ReportReason::kUnknownPerson,
                                                      .at = kT0})
                                          .status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      store()
          .AddReport(
              {.reporter = 2, .subject = ReportSubject::kInvitation, .subject_id = 1, .at = kT0})
          .status()));
  EXPECT_TRUE(
      absl::IsNotFound(store().AddReport({.reporter = 2, .subject_id = 999, .at = kT0}).status()));
  EXPECT_TRUE(store()
                  .AddReport({.reporter = 2,
                              .subject = ReportSubject::kComment,
                              .subject_id = comment.id,
                              .reason = ReportReason::kHarassment,
                              .at = kT0})
                  .ok());
  EXPECT_EQ(Open().size(), 3u);

  // Once dismissed, the reporter may report it again.
  ASSERT_TRUE(store()
                  .Moderate({.moderator = 5,
                             .action = ModerationAction::kDismiss,
                             .report = report->id,
                             .at = kT0 + 7})
                  .ok());
  EXPECT_TRUE(store().AddReport({.reporter = 2, .subject_id = post.id, .at = kT0 + 8}).ok());
}

TEST_P(ModerationStoreTest, SuspensionHidesContentEndsSessionsAndInvitationsUntilLifted) {
  const Post by_1 = Publish(1);
  const Post by_3 = Publish(3);
  const Comment comment = CommentOn(by_3.id, 1);
  ASSERT_TRUE(
      store()
          .AddSession(
              {.token_hash = "t1", .member = 1, .created_at = kT0, .expires_at = kT0 + 10 * kDay})
          .ok());
  absl::StatusOr<ModerationWrite> write = store().Moderate({.moderator = 5,
                                                            .action = ModerationAction::kSuspend,
                                                            .member = 1,
                                                            .reason = "Spam",
                                                            .days = 7,
                                                            .at = kT0 + 100});
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(write->entry.days, 7);
  EXPECT_EQ(store().GetAccount(1)->suspended_until, kT0 + 100 + 7 * kDay);
  EXPECT_EQ(store().GetAccount(1)->suspension_reason, "Spam");
  EXPECT_TRUE(store().GetSession("t1")->revoked_at.has_value());

  const ContentViewer other{.viewer = 2, .now = kT0 + 200};
  EXPECT_THAT(*store().ListFeed(2, {.as = other}), IsEmpty());
  EXPECT_THAT(*store().ListPosts(1, {.as = other}), IsEmpty());
  EXPECT_THAT(*store().ListComments(by_3.id, other), IsEmpty());
  EXPECT_TRUE(absl::IsNotFound(store().CountView(by_1.id, 2, kT0 + 200).status()));
  EXPECT_TRUE(absl::IsNotFound(store().ListComments(by_1.id, other).status()));
  // The author still sees their own.
  EXPECT_THAT(PostIds(*store().ListPosts(1, {.as = {.viewer = 1, .now = kT0 + 200}})),
              ElementsAre(by_1.id));
  // No invitations of either kind.
  absl::Status refused = store().SendInvitation({.from = 1, .to = 4, .at = kT0 + 200}).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
  EXPECT_THAT(std::string(refused.message()), ::testing::HasSubstr("is suspended until"));
  EXPECT_TRUE(absl::IsFailedPrecondition(
      store()
          .AddEmailInvitation(
              {.from = 1, .email = "x@example.org", .token_hash = "h", .at = kT0 + 200})
          .status()));
  // After the period everything is back, without anyone acting.
  const ContentViewer later{.viewer = 2, .now = kT0 + 100 + 7 * kDay};
  EXPECT_THAT(PostIds(*store().ListFeed(2, {.as = later})), ElementsAre(by_1.id));
  // Lifting brings it back at once, and is audited.
  EXPECT_TRUE(absl::IsFailedPrecondition(
      store()
          .Moderate({.moderator = 5, .action = ModerationAction::kLift, .member = 2, .at = kT0})
          .status()));
  ASSERT_TRUE(store()
                  .Moderate({.moderator = 5,
                             .action = ModerationAction::kLift,
                             .member = 1,
                             .reason = "Appeal accepted",
                             .at = kT0 + 300})
                  .ok());
  EXPECT_EQ(store().GetAccount(1)->suspended_until, std::nullopt);
  EXPECT_THAT(CommentIds(*store().ListComments(by_3.id, {.viewer = 2, .now = kT0 + 400})),
              ElementsAre(comment.id));
  EXPECT_TRUE(store().SendInvitation({.from = 1, .to = 4, .at = kT0 + 400}).ok());
  std::vector<AuditEntry> audit = *store().ListAudit({.target = 1});
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, ModerationAction::kLift);
  EXPECT_EQ(audit[0].moderator, 5);
  EXPECT_EQ(audit[0].reason, "Appeal accepted");
  EXPECT_EQ(audit[1].action, ModerationAction::kSuspend);
}

TEST_P(ModerationStoreTest, RemovingHidesFromOthersKeepsTheTextAndSettlesEveryReport) {
  const Post post = Publish(1);
  const Report first =
      *store().AddReport({.reporter = 2, .subject_id = post.id, .reason = ReportReason::kSpam});
  const Report second = *store().AddReport({.reporter = 3, .subject_id = post.id});
  absl::StatusOr<ModerationWrite> write = store().Moderate({.moderator = 5,
                                                            .action = ModerationAction::kRemove,
                                                            .report = first.id,
                                                            .reason = "Advertising",
                                                            .at = kT0 + 10});
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(write->entry.subject, fmt::format("post:{}", post.id));
  EXPECT_EQ(write->entry.target, 1);
  EXPECT_EQ(write->report->state, ReportState::kActioned);
  EXPECT_EQ(store().GetReport(second.id)->state, ReportState::kActioned);
  EXPECT_THAT(*store().ListPosts(1, {.as = {.viewer = 2, .now = kT0 + 20}}), IsEmpty());
  std::vector<Post> own = *store().ListPosts(1, {.as = {.viewer = 1, .now = kT0 + 20}});
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].removed_at, kT0 + 10);
  EXPECT_EQ(store().GetPost(post.id)->title, "Hello");  // Kept for the audit.
  EXPECT_TRUE(
      absl::IsFailedPrecondition(store().EditPost(post.id, 1, "Again", "", kT0 + 30).status()));
  // A report that is no longer open cannot be acted on again.
  EXPECT_TRUE(absl::IsFailedPrecondition(store()
                                             .Moderate({.moderator = 5,
                                                        .action = ModerationAction::kWarn,
                                                        .report = second.id,
                                                        .reason = "x",
                                                        .at = kT0})
                                             .status()));
}

TEST_P(ModerationStoreTest, AWarningNotifiesTheMemberWithItsAuditEntry) {
  const Post post = Publish(3);
  const Report report = *store().AddReport({.reporter = 2, .subject_id = post.id});
  absl::StatusOr<ModerationWrite> write = store().Moderate({.moderator = 5,
                                                            .action = ModerationAction::kWarn,
                                                            .report = report.id,
                                                            .reason = "Keep it civil",
                                                            .at = kT0 + 10});
  ASSERT_TRUE(write.ok()) << write.status();
  std::vector<Notification> notifications = *store().ListNotifications(3, {});
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0].kind, NotificationKind::kWarning);
  EXPECT_EQ(notifications[0].subject, write->entry.id);
  EXPECT_EQ(store().GetAuditEntry(write->entry.id)->reason, "Keep it civil");
}

TEST_P(ModerationStoreTest, ModerateRefusesWhatIsIncompleteOrOutOfRange) {
  const Post post = Publish(3);
  const Report report = *store().AddReport({.reporter = 2, .subject_id = post.id});
  auto act = [&](ModerationRequest request) { return store().Moderate(request).status(); };
  EXPECT_TRUE(absl::IsInvalidArgument(act({.moderator = 5,
                                           .action = ModerationAction::kWarn,
                                           .report = report.id})));  // No reason.
  EXPECT_TRUE(absl::IsInvalidArgument(act({.moderator = 5,
                                           .action = ModerationAction::kSuspend,
                                           .report = report.id,
                                           .reason = "x",
                                           .days = 0})));
  EXPECT_TRUE(absl::IsInvalidArgument(act({.moderator = 5,
                                           .action = ModerationAction::kSuspend,
                                           .member = 3,
                                           .reason = "x",
                                           .days = Store::kMaxSuspensionDays + 1})));
  EXPECT_TRUE(absl::IsInvalidArgument(
      act({.moderator = 5, .action = ModerationAction::kWarn, .member = 3, .reason = "x"})));
  EXPECT_TRUE(absl::IsNotFound(act({.moderator = 5,
                                    .action = ModerationAction::kDismiss,
                                    .report = 999})));
  EXPECT_TRUE(absl::IsFailedPrecondition(act({.moderator = 5,
                                              .action = ModerationAction::kSuspend,
                                              .member = 5,
                                              .reason = "x",
                                              .days = 1})));
  EXPECT_TRUE(absl::IsNotFound(act(
      {.moderator = 5, .action = ModerationAction::kSuspend, .member = 77, .reason = "x", .days = 1})));
  // Nothing of the above was written.
  EXPECT_EQ(store().ListAudit({})->size(), 1u);  // The set-up's role.
  EXPECT_EQ(store().GetReport(report.id)->state, ReportState::kOpen);
}

TEST_P(ModerationStoreTest, RolesAreSetWithAnAuditRowAndAccountsAreFoundByNameOrEmail) {
  std::vector<AuditEntry> audit = *store().ListAudit({});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].moderator, 0);  // The operator.
  EXPECT_EQ(audit[0].detail, "moderator");
  EXPECT_EQ(store().GetAccount(5)->role, Role::kModerator);
  EXPECT_EQ(store().GetAccount(1)->role, Role::kMember);
  std::vector<AccountSummary> found = *store().FindAccounts("M3@EXAMPLE", 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].member, 3);
  EXPECT_EQ(store().FindAccounts("first5", 10)->at(0).role, Role::kModerator);
  EXPECT_EQ(store().FindAccounts("", 10)->size(), 5u);
}

TEST_P(ModerationStoreTest, AuthorsEditAndDeleteAndAPostsAuthorDeletesCommentsOnIt) {
  const Post post = Publish(1);
  const Comment by_2 = CommentOn(post.id, 2);
  const Comment by_3 = CommentOn(post.id, 3);
  absl::StatusOr<Post> edited = store().EditPost(post.id, 1, "New title", "New body", kT0 + 9);
  ASSERT_TRUE(edited.ok()) << edited.status();
  EXPECT_EQ(*store().GetPost(post.id), *edited);
  EXPECT_EQ(edited->edited_at, kT0 + 9);
  EXPECT_TRUE(absl::IsPermissionDenied(store().EditPost(post.id, 2, "x", "", kT0).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store().EditPost(post.id, 1, "", "", kT0).status()));
  EXPECT_EQ(store().EditComment(by_2.id, 2, "Better", kT0 + 9)->body, "Better");
  EXPECT_TRUE(absl::IsPermissionDenied(store().EditComment(by_2.id, 1, "x", kT0).status()));

  EXPECT_TRUE(absl::IsPermissionDenied(store().DeleteComment(by_2.id, 3, kT0)));
  EXPECT_TRUE(store().DeleteComment(by_2.id, 1, kT0).ok());  // The post's author.
  EXPECT_TRUE(store().DeleteComment(by_3.id, 3, kT0).ok());  // Its own author.
  EXPECT_TRUE(absl::IsNotFound(store().GetComment(by_3.id).status()));
  EXPECT_THAT(*store().ListComments(post.id, {}), IsEmpty());

  EXPECT_TRUE(absl::IsPermissionDenied(store().DeletePost(post.id, 2, kT0)));
  EXPECT_TRUE(store().DeletePost(post.id, 1, kT0).ok());
  EXPECT_TRUE(absl::IsNotFound(store().GetPost(post.id).status()));
  EXPECT_TRUE(absl::IsNotFound(store().DeletePost(post.id, 1, kT0)));
  EXPECT_THAT(*store().ListPosts(1, {.as = {.viewer = 1}}), IsEmpty());
  // The follower's notification of it is gone too.
  EXPECT_THAT(*store().ListNotifications(2, {}), IsEmpty());
}

LEDD_STORE_CONTRACT(ModerationStoreTest);

}  // namespace
}  // namespace ledd::store
