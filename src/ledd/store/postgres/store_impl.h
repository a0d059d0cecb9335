#pragma once
// The PostgreSQL store's class, private to store/postgres. Its methods are defined
// across this folder's files by subject (the comment before each group names the file),
// the way the SQLite store splits its statements; each write is one SERIALIZABLE
// transaction run by WithTransaction (pg.h), retried when PostgreSQL aborts it for a
// conflict with a concurrent writer, so the rules a write checks hold across processes.

#include <memory>
#include <string>
#include <vector>

#include "ledd/store/postgres/pg.h"
#include "ledd/store/postgres/postgres_store.h"
#include "ledd/store/store.h"

namespace ledd::store::postgres {

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const PostgresOptions& options)
      : options_(options),
        pool_({.conninfo = options.conninfo, .max_connections = options.connections}),
        follow_pool_({.conninfo = options.follow_conninfo.empty() ? options.conninfo
                                                                   : options.follow_conninfo,
                      .max_connections = 2}) {}

  using Store::Import;
  // core.cc
  absl::StatusOr<EventId> Import(
      const Dataset& data, const std::function<absl::Status()>& connections_ready) override;
  absl::StatusOr<Counts> Count() override;
  absl::StatusOr<std::vector<MemberId>> MemberIds() override;
  absl::Status ForEachMember(absl::FunctionRef<void(const Member&)> visit) override;
  absl::Status ForEachOrganization( absl::FunctionRef<void(const Organization&)> visit) override;
  absl::Status ForEachPosition(absl::FunctionRef<void(const Position&)> visit) override;
  absl::Status ForEachEducation(absl::FunctionRef<void(const Education&)> visit) override;
  absl::Status ForEachConnection( absl::FunctionRef<void(const Connection&)> visit) override;
  absl::Status ForEachFollow(absl::FunctionRef<void(const Follow&)> visit) override;
  absl::Status ForEachConnectionPair(
      MemberId from, MemberId to, absl::FunctionRef<void(MemberId a, MemberId b)> visit) override;
  absl::StatusOr<Member> GetMember(MemberId id) override;
  absl::StatusOr<Organization> GetOrganization(OrganizationId id) override;
  absl::StatusOr<std::vector<Position>> GetPositions(MemberId member) override;
  absl::StatusOr<std::vector<Education>> GetEducations(MemberId member) override;
  absl::StatusOr<ProfileFacts> GetProfileFacts(MemberId member) override;
  absl::StatusOr<EventId> AddMember(const Member& member) override;
  absl::StatusOr<EventId> UpdateMember(const Member& member) override;
  absl::StatusOr<EventId> ReplaceBackground( MemberId member, const std::vector<Position>& positions, const std::vector<Education>& educations) override;
  absl::StatusOr<ProfileWrite> UpdateProfile(const ProfileUpdate& update) override;
  absl::StatusOr<EventId> AddOrganization(const Organization& organization) override;
  absl::StatusOr<OrganizationWrite> FindOrAddOrganization( const Organization& organization) override;
  absl::StatusOr<EventId> AddConnection(const Connection& connection) override;
  absl::StatusOr<EventId> RemoveConnection(MemberId a, MemberId b) override;
  absl::StatusOr<EventId> AddFollow(const Follow& follow) override;
  absl::StatusOr<EventId> RemoveFollow(MemberId follower, MemberId followee) override;
  absl::StatusOr<std::vector<Event>> EventsAfter(EventId after, int limit) override;
  absl::StatusOr<EventId> LastEventId() override;
  absl::StatusOr<EventPage> EventsSince(EventPosition after, int limit) override;
  absl::StatusOr<EventPosition> LastEventPosition() override;
  absl::StatusOr<EventPosition> CurrentPosition() override;

  // invitations.cc
  absl::StatusOr<InvitationWrite> SendInvitation(const InvitationRequest& request) override;
  absl::StatusOr<InvitationWrite> ChangeInvitation(InvitationId id, InvitationState state, Timestamp at) override;
  absl::StatusOr<InvitationWrite> UndoReport(InvitationId id, Timestamp at) override;
  absl::StatusOr<Invitation> GetInvitation(InvitationId id) override;
  absl::StatusOr<std::vector<Invitation>> ListInvitations( MemberId member, const InvitationListOptions& options) override;
  absl::StatusOr<SenderHistory> GetSenderHistory(MemberId sender, Timestamp before, InvitationId exclude) override;
  absl::StatusOr<EventId> SetPhoto(const Photo& photo) override;
  absl::StatusOr<PhotoBytes> GetPhoto(MemberId member, PhotoSize size) override;
  absl::StatusOr<EventId> DeletePhoto(MemberId member) override;
  absl::StatusOr<BlockWrite> Block(MemberId blocker, MemberId blocked, Timestamp at) override;
  absl::StatusOr<EventId> Unblock(MemberId blocker, MemberId blocked) override;
  absl::StatusOr<bool> IsBlocked(MemberId blocker, MemberId blocked) override;
  absl::StatusOr<std::vector<MemberBlock>> ListBlocked(MemberId blocker) override;
  absl::StatusOr<EventId> SaveSearch(const SavedSearch& search) override;
  absl::StatusOr<EventId> DeleteSavedSearch(MemberId member, const std::string& name) override;
  absl::StatusOr<std::vector<SavedSearch>> ListSavedSearches(MemberId member) override;

  // moderation.cc
  absl::StatusOr<Report> AddReport(const ReportRequest& request) override;
  absl::StatusOr<Report> GetReport(ReportId id) override;
  absl::StatusOr<std::vector<Report>> ListReports(const ReportListOptions& options) override;
  absl::StatusOr<InvitationsSent> CountInvitationsSent(MemberId member, Timestamp since) override;
  absl::StatusOr<ModerationWrite> Moderate(const ModerationRequest& request) override;
  absl::StatusOr<std::vector<AuditEntry>> ListAudit(const AuditListOptions& options) override;
  absl::StatusOr<AuditEntry> GetAuditEntry(AuditEntryId id) override;
  absl::StatusOr<std::vector<AccountSummary>> FindAccounts(const std::string& text, int limit) override;

  // accounts.cc
  absl::Status AddAccount(const Account& account) override;
  absl::StatusOr<MemberId> AddMemberWithAccount(const Member& member, const Account& account, const SignUpOptions& options) override;
  absl::StatusOr<Account> GetAccount(MemberId member) override;
  absl::StatusOr<Account> GetAccountByEmail(const std::string& email) override;
  absl::Status AddSession(const Session& session) override;
  absl::StatusOr<Session> GetSession(const std::string& token_hash) override;
  absl::Status RevokeSession(const std::string& token_hash, Timestamp at) override;
  absl::StatusOr<int64_t> PruneSessions(Timestamp now, int limit) override;
  absl::Status AddAccountToken(const AccountToken& token, const std::vector<OutgoingMail>& mail) override;
  absl::StatusOr<AccountToken> GetAccountToken(const std::string& token_hash) override;
  absl::StatusOr<Account> ConfirmEmail(const std::string& token_hash, Timestamp at) override;
  absl::StatusOr<Account> ResetPassword(const std::string& token_hash, const std::string& password_hash, Timestamp at) override;
  absl::Status ChangePassword(MemberId member, const std::string& password_hash, const std::string& keep_session_hash, Timestamp at) override;
  absl::Status ChangeEmail(MemberId member, const std::string& email, const std::optional<AccountToken>& verification, const std::vector<OutgoingMail>& mail, Timestamp at) override;
  absl::StatusOr<int64_t> RevokeSessions(MemberId member, const std::string& keep_session_hash, Timestamp at) override;

  // email_invitations.cc
  absl::StatusOr<EmailInvitation> AddEmailInvitation( const EmailInvitationRequest& request) override;
  absl::StatusOr<EmailInvitation> GetEmailInvitation(EmailInvitationId id) override;
  absl::StatusOr<EmailInvitation> GetEmailInvitationByToken( const std::string& token_hash) override;
  absl::StatusOr<std::vector<EmailInvitation>> ListEmailInvitations(MemberId from) override;
  absl::StatusOr<EmailInvitation> WithdrawEmailInvitation(EmailInvitationId id, Timestamp at) override;
  absl::StatusOr<std::vector<EmailInvitation>> AddEmailInvitations( const std::vector<EmailInvitationRequest>& requests) override;

  // member_data.cc
  absl::StatusOr<MemberData> ExportMember(MemberId member) override;
  absl::StatusOr<DeletionRequest> RequestDeletion(const DeletionRequest& request) override;
  absl::StatusOr<DeletionRequest> GetDeletionRequest(MemberId member) override;
  absl::Status CancelDeletion(MemberId member) override;
  absl::StatusOr<std::vector<DeletionRequest>> DueDeletions(Timestamp now, int limit) override;
  absl::StatusOr<EventId> EraseMember(MemberId member) override;

  // social.cc
  absl::StatusOr<Attention> GetAttention(MemberId sender, MemberId recipient, Timestamp seasoned_before, Timestamp until) override;
  absl::StatusOr<std::optional<Timestamp>> FirstView(PostId post, MemberId viewer) override;
  absl::StatusOr<Appearance> AddAppearance(const Appearance& appearance) override;
  absl::StatusOr<Appearance> UpdateAppearance(const Appearance& appearance) override;
  absl::Status DeleteAppearance(AppearanceId id) override;
  absl::StatusOr<Appearance> GetAppearance(AppearanceId id) override;
  absl::StatusOr<std::vector<Appearance>> ListAppearances(MemberId member) override;
  absl::StatusOr<PostWrite> AddPost(const Post& post) override;
  absl::StatusOr<Post> GetPost(PostId id) override;
  absl::StatusOr<Post> CountView(PostId post, MemberId viewer, Timestamp at) override;
  absl::StatusOr<std::vector<Post>> ListPosts(MemberId author, const PostListOptions& options) override;
  absl::StatusOr<std::vector<Post>> ListFeed(MemberId member, const PostListOptions& options) override;
  absl::StatusOr<CommentWrite> AddComment(const Comment& comment) override;
  absl::StatusOr<std::vector<Comment>> ListComments(PostId post, const ContentViewer& as) override;
  absl::StatusOr<Comment> GetComment(CommentId id) override;
  absl::StatusOr<std::vector<Notification>> ListNotifications( MemberId member, const NotificationListOptions& options) override;
  absl::StatusOr<int64_t> CountUnreadNotifications(MemberId member) override;
  absl::StatusOr<int64_t> MarkNotificationsRead(MemberId member, const NotificationSelection& selection, Timestamp at) override;
  absl::StatusOr<Post> EditPost(PostId id, MemberId editor, const std::string& title, const std::string& body, Timestamp at) override;
  absl::StatusOr<Comment> EditComment(CommentId id, MemberId editor, const std::string& body, Timestamp at) override;
  absl::Status DeletePost(PostId id, MemberId actor, Timestamp at) override;
  absl::Status DeleteComment(CommentId id, MemberId actor, Timestamp at) override;

  // mail.cc
  absl::StatusOr<MailId> EnqueueMail(const OutgoingMail& mail) override;
  absl::StatusOr<std::vector<OutgoingMail>> DueMail(Timestamp now, int limit) override;
  absl::Status MarkMailSent(MailId id, Timestamp at) override;
  absl::Status MarkMailRetry(MailId id, Timestamp next_attempt_at, const std::string& error) override;
  absl::Status MarkMailFailed(MailId id, const std::string& error) override;
  absl::StatusOr<OutgoingMail> GetMail(MailId id) override;
  absl::StatusOr<int64_t> CountQueuedMail() override;

  // notify.cc
  absl::StatusOr<EmailSettings> GetEmailSettings(MemberId member) override;
  absl::Status SetEmailSettings(MemberId member, const EmailSettings& settings, const std::string& language, Timestamp at) override;
  absl::Status SwitchOffEmail(MemberId member, EmailKind kind, Timestamp at) override;
  absl::StatusOr<std::string> GetOrAddSecret(const std::string& name, const std::string& candidate) override;
  absl::StatusOr<std::vector<Notification>> PendingNotificationMail(int limit) override;
  absl::StatusOr<int64_t> CommitNotificationMail( const std::vector<NotificationMail>& mails, Timestamp at) override;
  absl::StatusOr<std::vector<DigestDue>> DueDigests(Timestamp now, int limit) override;
  absl::StatusOr<std::vector<Notification>> DigestNotifications(MemberId member, Timestamp since, int limit) override;
  absl::StatusOr<bool> CommitDigest(MemberId member, Timestamp since, Timestamp at, const std::optional<OutgoingMail>& mail) override;
  absl::StatusOr<std::vector<Post>> PendingPostMail(int limit) override;
  absl::StatusOr<bool> CommitPostMail(PostId post, const std::vector<OutgoingMail>& mails, Timestamp at) override;
  absl::StatusOr<PostSubscription> RequestPostSubscription( MemberId author, const std::string& email, const std::string& confirm_token_hash, const OutgoingMail& mail, Timestamp at) override;
  absl::StatusOr<PostSubscription> ConfirmPostSubscription(const std::string& token_hash, Timestamp at) override;
  absl::StatusOr<PostSubscription> GetPostSubscription(PostSubscriptionId id) override;
  absl::Status Unsubscribe(PostSubscriptionId id, Timestamp at) override;
  absl::StatusOr<std::vector<PostSubscription>> ConfirmedSubscriptions( MemberId author) override;
  absl::Status SuppressEmail(const std::string& email, Timestamp at) override;
  absl::StatusOr<bool> IsEmailSuppressed(const std::string& email) override;

  const PostgresOptions& options() const { return options_; }

 private:
  // A pooled connection for a read outside any transaction (each statement sees the
  // last committed state).
  absl::StatusOr<Pool::Lease> Reader() { return pool_.Acquire(); }
  // One write transaction (pg.h WithTransaction), retried on conflicts.
  template <typename T>
  absl::StatusOr<T> Write(absl::FunctionRef<absl::StatusOr<T>(Conn&)> body) {
    return InTransaction<T>(pool_, body);
  }
  absl::Status WriteStatus(absl::FunctionRef<absl::Status(Conn&)> body) {
    return WithTransaction(pool_, body);
  }

  // A pooled connection where the event log is followed (PostgresOptions::follow_conninfo).
  absl::StatusOr<Pool::Lease> Follower() { return follow_pool_.Acquire(); }

  PostgresOptions options_;
  Pool pool_;
  Pool follow_pool_;
};

}  // namespace ledd::store::postgres
