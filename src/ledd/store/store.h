#pragma once
// The system of record: the interface every store implements (SQLite embedded, and
// later PostgreSQL), one schema, versioned migrations.
//
// Contract shared by all implementations:
// - Every write is one transaction that also appends its rows to the `events` outbox:
//   one row per change the network read model must learn about. Most writes append
//   exactly one; accepting an invitation appends two (kInvitationChanged, then
//   kConnectionAdded for the connection it creates), so a follower of the log needs no
//   knowledge of invitations to keep its connections right. The returned EventId is
//   the id of the write's last event row. A failed write changes nothing. Events name
//   rows by id only; an erasure (EraseMember) deletes the events that name the member
//   or their rows, so event ids have gaps, and appends kMemberErased.
// - Invitation rules (DESIGN.md, "Invitation") are checked inside the write
//   transaction, so concurrent writers, in this process or another, cannot break them.
// - Connections are stored once per pair with a < b; callers may pass either order.
// - Readers see committed data only.
// - Implementations are thread-safe: any method may be called from any thread.
//   Calls may serialize internally.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/store/model.h"

namespace ledd::store {

// The window of the weekly sending limit.
inline constexpr Timestamp kInvitationWeek = 7 * 24 * 3600;
// After a recipient ignores an invitation, its sender cannot invite them again for
// this long (LinkedIn's three weeks), and a later invitation notifies no one again.
inline constexpr Timestamp kReinviteCooldown = 21 * 24 * 3600;
// For this long after reporting an invitation ("I don't know this person") the
// recipient can take the report back; it then stands as ignored.
inline constexpr Timestamp kReportUndoWindow = 10 * 60;

// A new invitation, as SendInvitation takes it.
struct InvitationRequest {
  MemberId from = 0;
  MemberId to = 0;
  std::string note;  // At most kMaxInvitationNote characters; empty for none.
  Timestamp at = 0;  // When it is sent; also the end of the weekly window.
  // Invitations `from` may have sent in the kInvitationWeek up to and including `at`
  // (whatever became of them) before this one is refused.
  int weekly_limit = 100;
  // The page it was sent from; checked by SendInvitation (store.h, "invitations").
  InvitationVia via;
};

// An invitation as a write left it, and the write's last event.
struct InvitationWrite {
  Invitation invitation;
  EventId event = 0;
};

// What a Block did: the block, the pending invitations it resolved (as they now are),
// and the write's last event.
struct BlockWrite {
  MemberBlock block;
  std::vector<Invitation> resolved;
  EventId event = 0;
};

enum class InvitationBox { kReceived, kSent };

struct InvitationListOptions {
  InvitationBox box = InvitationBox::kReceived;
  std::optional<InvitationState> state;  // Only this state; all states when absent.
  int limit = 1'000;
};

// A sender's invitations as the advice counts them (query::SenderBehaviour has the
// same fields; the store does not depend on query).
struct SenderHistory {
  int64_t sent_last_7_days = 0;  // Created in the kInvitationWeek before `before`.
  int64_t answered = 0;          // Accepted, ignored or reported.
  int64_t accepted = 0;
  int64_t reports = 0;           // In state reported.

  friend bool operator==(const SenderHistory&, const SenderHistory&) = default;
};

// A new email invitation, as AddEmailInvitation takes it.
struct EmailInvitationRequest {
  MemberId from = 0;
  std::string email;       // Folded (FoldEmail) by the store before it is checked.
  std::string note;        // At most kMaxInvitationNote characters; empty for none.
  std::string token_hash;  // The hash of the sign-up link's token (raw bytes), never
                           // the token itself.
  Timestamp at = 0;        // When it is sent; also the end of the weekly window.
  // As InvitationRequest::weekly_limit: invitations of both kinds `from` sent in the
  // kInvitationWeek up to `at` before this one is refused.
  int weekly_limit = 100;
  // The invitation's mail to `email` (sign-up link, the sender's name and note),
  // enqueued in the same transaction; none when absent, and none either when the
  // address asked for no more invitations (SuppressEmail): the invitation is kept.
  std::optional<OutgoingMail> mail;
  // What a register import knows of the person (checked by ValidateInvitedProfile).
  InvitedProfile profile;
};

// What a sign-up (AddMemberWithAccount) claims beyond the invitations to its email.
struct SignUpOptions {
  // The hash of the sign-up link's token the person came with; empty for none. Its
  // email invitation is claimed even when the account's email differs.
  std::string invite_token_hash;
  // The verification link mailed to the new member (its member is set by the store),
  // stored with the account; none when absent.
  std::optional<AccountToken> verification;
  // Mail the sign-up sends (a verification link), enqueued in its transaction as
  // EnqueueMail would: no account without its mail, no mail without its account.
  std::vector<OutgoingMail> mail;
};

// How long a sender's claim on due mail lasts (DueMail): a sender that dies while it
// sends leaves the mail to be sent again after this.
inline constexpr Timestamp kMailClaim = 10 * 60;

// A post or comment as its write stored it, and the write's last event.
struct PostWrite {
  Post post;
  EventId event = 0;
};
struct CommentWrite {
  Comment comment;
  EventId event = 0;
};

// The sender's attention to a recipient as GetAttention reads it: what came before
// `seasoned_before` counts as seasoned, what came from then until the invitation as
// fresh.
struct Attention {
  int64_t comments = 0;  // The sender's comments on the recipient's posts.
  int64_t fresh_comments = 0;
  int64_t posts_read = 0;  // Recipient's posts the sender first read (post_views).
  int64_t fresh_posts_read = 0;
  std::optional<Timestamp> sender_follows_since;  // The follow's created_at.
  std::optional<Timestamp> recipient_follows_since;

  friend bool operator==(const Attention&, const Attention&) = default;
};

// Who reads posts or comments, and when: content that is hidden (store.h
// "moderation") is left out for everyone but its author. With viewer 0 nobody is the
// author; with now 0 every suspension counts as current.
struct ContentViewer {
  MemberId viewer = 0;
  Timestamp now = 0;
};

struct PostListOptions {
  int limit = 20;
  int offset = 0;
  ContentViewer as = {};
};

struct NotificationListOptions {
  bool unread_only = false;
  int limit = 50;
};

// Which of a member's notifications MarkNotificationsRead marks: all unread ones, or
// those of `ids` that are theirs.
struct NotificationSelection {
  bool all = false;
  std::vector<NotificationId> ids;
};

// An organization named rather than given by id, as a member types it into a
// background entry or POST /organizations: found by folded name (base/fold.h) among
// organizations of its kind, and created when there is none (FindOrAddOrganization).
struct NamedOrganization {
  std::string name;      // Must fold to something ("Equinor", "Universitetet i Oslo").
  std::string country;   // Upper-case alpha-2 (IsCountryCode) or empty: any country.
  std::string industry;  // Only for one that is created.
};

// A background entry's organization: an existing one by id (named == nullopt), or a
// named one to find or create in the write's own transaction (then the entry's
// organization_id / school_id is ignored).
struct ProfilePosition {
  Position position;
  std::optional<NamedOrganization> named;
};
struct ProfileEducation {
  Education education;
  std::optional<NamedOrganization> named;
};

// One profile edit, written by UpdateProfile in one transaction: the member's row (when
// present) and the lists of positions and educations (each, when present, replaces the
// member's list; its order is kept as the display order).
struct ProfileUpdate {
  MemberId member = 0;
  // The whole row, as UpdateMember takes it (has_photo kept as stored); id == member.
  std::optional<Member> profile;
  std::optional<std::vector<ProfilePosition>> positions;
  std::optional<std::vector<ProfileEducation>> educations;
};

// What UpdateProfile wrote: the organizations it created (in entry order), the
// member's positions and educations as they now are (organization ids resolved), and
// the write's last event.
struct ProfileWrite {
  std::vector<Organization> created;
  std::vector<Position> positions;
  std::vector<Education> educations;
  EventId event = 0;
};

// What FindOrAddOrganization found or added.
struct OrganizationWrite {
  Organization organization;
  bool created = false;
  EventId event = 0;  // 0 when nothing was written.
};

// A member's report of a post or comment (AddReport); invitations are reported by
// ChangeInvitation.
struct ReportRequest {
  MemberId reporter = 0;
  ReportSubject subject = ReportSubject::kPost;  // kPost or kComment.
  int64_t subject_id = 0;
  ReportReason reason = ReportReason::kOther;    // Not kUnknownPerson.
  std::string text;  // At most kMaxReportText characters; may be empty.
  Timestamp at = 0;
};

struct ReportListOptions {
  std::optional<ReportState> state;  // Only this state; all when absent.
  int limit = 100;
};

// One moderation action, written by Moderate in one transaction with its audit row.
//   kDismiss, kWarn, kRemove: `report` names an open report; the target is its reported
//     member. kRemove hides the reported post or comment (not an invitation).
//   kSuspend: `report` (open) or `member`; suspends for `days` (1..kMaxSuspensionDays)
//     from `at`, revoking the member's sessions.
//   kLift: `member`; ends a suspension now.
//   kRole: `member`; sets `role`.
// `reason` is required for every action but kDismiss, kLift and kRole (at most
// kMaxModerationReason characters).
struct ModerationRequest {
  MemberId moderator = 0;  // 0 = the operator (the CLI).
  ModerationAction action = ModerationAction::kDismiss;
  std::optional<ReportId> report;
  MemberId member = 0;
  std::string reason;
  int64_t days = 0;
  Role role = Role::kMember;
  Timestamp at = 0;
};

// What Moderate wrote: its audit entry and the report it resolved, if any.
// Store.GetProfileFacts: what a member's profile needs from the store (the rest is in
// the network), for any viewer: the facts about pairs are the member's lists, so that
// one read (or one cached entry, service/profile_facts.h) serves every viewer.
struct ProfileFacts {
  std::string summary;  // Member::summary.
  // The Education::degree of each of the member's educations, in GetEducations' order.
  std::vector<std::string> education_degrees = {};
  std::vector<MemberId> blocked = {};  // Members the member has blocked, ascending.
  // The member's pending invitations: (recipient, invitation), by recipient ascending
  // (one pending per pair at most).
  std::vector<std::pair<MemberId, InvitationId>> invitations_sent = {};

  // The member has blocked `viewer` (IsBlocked(member, viewer)).
  bool Blocks(MemberId viewer) const;
  // The member's pending invitation to `viewer`, if any.
  std::optional<InvitationId> InvitationTo(MemberId viewer) const;
  // Heap and object bytes, for a cache's budget.
  size_t Bytes() const;

  friend bool operator==(const ProfileFacts&, const ProfileFacts&) = default;
};

struct ModerationWrite {
  AuditEntry entry;
  std::optional<Report> report;
};

struct AuditListOptions {
  std::optional<MemberId> target;  // Only entries about this member.
  int limit = 100;
};

// Invitations a member sent from `since` on, by what became of them (the moderators'
// context for a report).
struct InvitationsSent {
  int64_t sent = 0;
  int64_t accepted = 0;
  int64_t ignored = 0;
  int64_t reported = 0;
  int64_t pending = 0;

  friend bool operator==(const InvitationsSent&, const InvitationsSent&) = default;
};

// A member with an account, as the administration lists them.
struct AccountSummary {
  MemberId member = 0;
  std::string first_name;
  std::string last_name;
  std::string email;
  Role role = Role::kMember;
  Timestamp created_at = 0;  // The account's.
  std::optional<Timestamp> suspended_until;

  friend bool operator==(const AccountSummary&, const AccountSummary&) = default;
};

// Row counts of a database, as `ledd stats` reports them.
struct Counts {
  int64_t members = 0;
  int64_t organizations = 0;
  int64_t positions = 0;
  int64_t educations = 0;
  int64_t connections = 0;
  // Indexed by InvitationState.
  std::array<int64_t, kInvitationStateCount> invitations{};
  int64_t follows = 0;
  int64_t posts = 0;
  int64_t comments = 0;
  int64_t post_views = 0;
  int64_t appearances = 0;
  int64_t events = 0;

  friend bool operator==(const Counts&, const Counts&) = default;
};

// Everything the store keeps about one member, as ExportMember reads it (one read
// transaction, so the parts agree): what a member may download of their own data.
struct MemberData {
  Member member;
  // Their sign-in, without the password hash (password_hash is empty); absent for a
  // member without an account (an imported one).
  std::optional<Account> account;
  // The organizations their positions and educations name, by id.
  std::vector<Organization> organizations;
  std::vector<Position> positions;
  std::vector<Education> educations;
  std::vector<Connection> connections;  // Both ends; by (a, b).
  std::vector<Invitation> invitations;  // Sent and received; by id.
  std::vector<EmailInvitation> email_invitations;  // Those they sent; by id.
  std::vector<Follow> follows;  // Whom they follow and who follows them.
  std::vector<Post> posts;      // Theirs; by id.
  std::vector<Comment> comments;  // Theirs, on anyone's posts; by id.
  std::vector<PostView> post_views;  // Their reads; by (post, time).
  std::vector<SavedSearch> saved_searches;
  std::vector<Appearance> appearances;
  std::vector<MemberBlock> blocks;  // The members they blocked.
  std::vector<Notification> notifications;  // Theirs; newest first.
  std::optional<Photo> photo;
};

// A member's request to erase their account (store.h, "data rights").
struct DeletionRequest {
  MemberId member = 0;
  Timestamp requested_at = 0;
  Timestamp erase_at = 0;  // Not before: the grace period ends then.

  friend bool operator==(const DeletionRequest&, const DeletionRequest&) = default;
};

// The rules of a named organization that FindOrAddOrganization and UpdateProfile add:
// a name that folds to something (letters or digits), a country empty or a code.
absl::Status ValidateOrganizationName(std::string_view name, std::string_view country);
// The text rules of UpdateProfile (each record's Validate*, every position and education
// of the member updated, named organizations by ValidateOrganizationName), checked by
// every store before it writes; errors name the entry ("positions[2]: ...").
absl::Status ValidateProfileUpdate(const ProfileUpdate& update);

class Store {
 public:
  virtual ~Store() = default;

  // Adds a whole data set in one transaction with one kImport event. Ids must not
  // collide with rows already present; references may point at rows in `data` or
  // already in the store. Any violated constraint rolls everything back and returns
  // an error naming the table.
  absl::StatusOr<EventId> Import(const Dataset& data) { return Import(data, nullptr); }
  // The same while data.connections, the largest table by far, is still being filled
  // by another thread: every other table is validated and written first, then
  // `connections_ready` is called (once, on this thread; it returns when
  // data.connections is complete), and only then is data.connections read, validated
  // and written. Its error fails the import, which writes nothing. `ledd import` reads
  // connections.csv meanwhile. Without it, data.connections is validated first.
  virtual absl::StatusOr<EventId> Import(
      const Dataset& data, const std::function<absl::Status()>& connections_ready) = 0;

  virtual absl::StatusOr<Counts> Count() = 0;

  // Ids of all members, ascending.
  virtual absl::StatusOr<std::vector<MemberId>> MemberIds() = 0;

  // Streaming reads of whole tables, each in ascending key order (members by id,
  // connections by (a, b), positions and educations by member); the in-memory network
  // is built from them, with the connections through ForEachConnectionPair.
  // The visitor must not call back into the store.
  virtual absl::Status ForEachMember(absl::FunctionRef<void(const Member&)> visit) = 0;
  virtual absl::Status ForEachOrganization(
      absl::FunctionRef<void(const Organization&)> visit) = 0;
  virtual absl::Status ForEachPosition(absl::FunctionRef<void(const Position&)> visit) = 0;
  virtual absl::Status ForEachEducation(absl::FunctionRef<void(const Education&)> visit) = 0;
  virtual absl::Status ForEachConnection(
      absl::FunctionRef<void(const Connection&)> visit) = 0;
  virtual absl::Status ForEachFollow(absl::FunctionRef<void(const Follow&)> visit) = 0;
  // The pairs (a, b) of the connections whose a is in [from, to), in (a, b) order, in
  // one read transaction: what the in-memory network needs, in key ranges that
  // several threads can read at once, each on its own connection.
  virtual absl::Status ForEachConnectionPair(
      MemberId from, MemberId to, absl::FunctionRef<void(MemberId a, MemberId b)> visit) = 0;

  // Point reads. NotFound when absent.
  virtual absl::StatusOr<Member> GetMember(MemberId id) = 0;
  virtual absl::StatusOr<Organization> GetOrganization(OrganizationId id) = 0;
  virtual absl::StatusOr<std::vector<Position>> GetPositions(MemberId member) = 0;
  virtual absl::StatusOr<std::vector<Education>> GetEducations(MemberId member) = 0;
  // What a member's profile shows from the store (the rest is in the network), in one
  // read instead of GetMember, GetEducations, IsBlocked and ListInvitations: the profile
  // is the API's most frequent read. NotFound when `member` does not exist.
  virtual absl::StatusOr<ProfileFacts> GetProfileFacts(MemberId member) = 0;

  // Single writes (each its own transaction and event).
  // AlreadyExists if the id or handle is taken.
  virtual absl::StatusOr<EventId> AddMember(const Member& member) = 0;
  // Replaces the member's profile and settings, except has_photo, which only SetPhoto
  // and DeletePhoto change (and Import sets): a read-modify-write of the profile that
  // races an upload cannot undo it. NotFound if absent.
  virtual absl::StatusOr<EventId> UpdateMember(const Member& member) = 0;
  // Replaces the member's positions and educations (a kMemberUpdated event): an
  // UpdateProfile with both lists, every organization given by id.
  virtual absl::StatusOr<EventId> ReplaceBackground(
      MemberId member, const std::vector<Position>& positions,
      const std::vector<Education>& educations) = 0;
  // A member's profile edit in one transaction (ProfileUpdate): the row, when given, as
  // UpdateMember writes it, and each list given replaces the member's. An organization
  // given by id may be of either kind (an import may say so; the API checks that an
  // education's is a school, as organizations never change kind). A named
  // organization is looked up as FindOrAddOrganization does (kind: company for a
  // position, school for an education) and created when none exists; entries of one
  // write naming one organization share it. Appends kOrganizationAdded for each
  // organization created, in entry order, then one kMemberUpdated. Errors, and nothing
  // written: InvalidArgument for what ValidateMember/Position/Education/Organization
  // refuse, a profile or entry of another member, a name that folds to nothing or a
  // country that is not an ISO 3166 code ("positions[2]: ..." names the entry); NotFound
  // for an unknown member or organization id ("positions[0]: organization 7 does not
  // exist", "educations[1]: school 9 does not exist").
  virtual absl::StatusOr<ProfileWrite> UpdateProfile(const ProfileUpdate& update) = 0;
  // Adds `organization` under its id. AlreadyExists when the id is taken.
  virtual absl::StatusOr<EventId> AddOrganization(const Organization& organization) = 0;
  // The organization of organization.kind whose folded name is Fold(organization.name)
  // and, when organization.country is not empty, whose country it is (with several,
  // the lowest id); otherwise adds it under the next free id (one above the largest)
  // with a kOrganizationAdded event. organization.id is ignored. InvalidArgument for
  // what ValidateOrganization refuses, a name that folds to nothing, or a country that
  // is not an ISO 3166 code.
  virtual absl::StatusOr<OrganizationWrite> FindOrAddOrganization(
      const Organization& organization) = 0;
  // InvalidArgument for a self-connection, NotFound for an unknown member,
  // AlreadyExists for an existing pair, FailedPrecondition when either member already
  // has kMaxConnections.
  virtual absl::StatusOr<EventId> AddConnection(const Connection& connection) = 0;
  // NotFound if the pair is not connected.
  virtual absl::StatusOr<EventId> RemoveConnection(MemberId a, MemberId b) = 0;
  // InvalidArgument for following oneself, NotFound for an unknown member and, with
  // the same message, for a followee who has blocked the follower; FailedPrecondition
  // for following a member one has blocked; AlreadyExists if already following.
  virtual absl::StatusOr<EventId> AddFollow(const Follow& follow) = 0;
  virtual absl::StatusOr<EventId> RemoveFollow(MemberId follower, MemberId followee) = 0;

  // ---- invitations ----
  //
  // Sends an invitation, or, when `to` already has a pending invitation to `from`,
  // accepts that one instead (one invitation per pair; the result is then that
  // invitation, accepted, with its connection created). Errors, checked in this order:
  //   InvalidArgument     from == to; a note longer than kMaxInvitationNote
  //   NotFound            either member does not exist
  //   FailedPrecondition  either has blocked the other (MemberBlock). When `to` blocked
  //                       `from` the message is only "member B cannot be invited by
  //                       member A": the sender does not learn of the block, as they
  //                       would not on any other network. When `from` blocked `to` it
  //                       says so ("member A has blocked member B"), which tells the
  //                       sender only what they did.
  //   FailedPrecondition  an earlier invitation between the two, either direction, was
  //                       reported ("cannot invite each other")
  //   AlreadyExists       the two are connected; `from` already has a pending
  //                       invitation to `to`
  //   FailedPrecondition  `to` ignored an invitation from `from` less than
  //                       kReinviteCooldown ago ("... can invite member B again on
  //                       2026-12-25")
  //   FailedPrecondition  either member has kMaxConnections; `from` sent weekly_limit
  //                       invitations in the last kInvitationWeek ("weekly invitation
  //                       limit reached (100 in the last 7 days)")
  //   InvalidArgument     `via` names a post that is not `to`'s or that `from` had not
  //                       read (no post_views row at or before `at`), or an appearance
  //                       that is not `to`'s or has not taken place by `at`
  // The reverse-pending acceptance counts against no weekly limit: nothing is sent, and
  // its `via` is not checked (the invitation accepted keeps its own). A new invitation
  // notifies its recipient (kNewInvitation) unless `from` invited `to` before and was
  // ignored: a re-invite does not ring twice.
  virtual absl::StatusOr<InvitationWrite> SendInvitation(const InvitationRequest& request) = 0;

  // Moves a pending invitation to `state` at time `at`: kAccepted (creates the
  // connection unless the pair is already connected; FailedPrecondition when either
  // member has kMaxConnections), kIgnored, kWithdrawn, or kReported (also allowed from
  // kIgnored: a recipient may report what they first ignored). Who may do which is the
  // service's business; the store enforces the state machine. NotFound for an unknown
  // id, FailedPrecondition from any other state ("invitation 7 is accepted, not
  // pending"), InvalidArgument for kPending.
  virtual absl::StatusOr<InvitationWrite> ChangeInvitation(InvitationId id,
                                                           InvitationState state,
                                                           Timestamp at) = 0;
  // Takes a report back at time `at`: invitation `id` goes from kReported to kIgnored,
  // within kReportUndoWindow of the report. Only this undoes a report, so an "ignore"
  // racing a report can never take it back. NotFound for an unknown id;
  // FailedPrecondition when it is not reported ("invitation 7 is ignored, not
  // reported") or the window has passed ("invitation 7 was reported more than 10
  // minutes ago").
  virtual absl::StatusOr<InvitationWrite> UndoReport(InvitationId id, Timestamp at) = 0;

  // NotFound when absent.
  virtual absl::StatusOr<Invitation> GetInvitation(InvitationId id) = 0;
  // A member's received (to = member) or sent (from = member) invitations: pending
  // first, then newest first (created_at, then id, descending).
  virtual absl::StatusOr<std::vector<Invitation>> ListInvitations(
      MemberId member, const InvitationListOptions& options) = 0;
  // The sender's invitations other than `exclude` created no later than `before`
  // (answered, accepted, reports), and how many of them were created in the
  // kInvitationWeek before `before`.
  virtual absl::StatusOr<SenderHistory> GetSenderHistory(MemberId sender, Timestamp before,
                                                         InvitationId exclude) = 0;
  // What `sender` did on `recipient`'s posts up to and including `until`, split at
  // `seasoned_before`, and since when either follows the other. Zeroes for strangers.
  virtual absl::StatusOr<Attention> GetAttention(MemberId sender, MemberId recipient,
                                                 Timestamp seasoned_before,
                                                 Timestamp until) = 0;
  // When `viewer` first read `post` (post_views); nullopt if never.
  virtual absl::StatusOr<std::optional<Timestamp>> FirstView(PostId post, MemberId viewer) = 0;

  // ---- appearances ----
  //
  // A member's talks, media appearances and courses. They append no events: the
  // network read model holds none. Who may change which is the service's business.
  //
  // Appearances a member may have: each is a page and a claim target the advice reads
  // (service/advice_facts.h), so their number is bounded like saved searches'.
  static constexpr int64_t kMaxAppearances = 200;
  // Adds one (id 0 takes the next free id) and returns it as stored. InvalidArgument
  // for what ValidateAppearance refuses; NotFound for an unknown member;
  // FailedPrecondition when the member has kMaxAppearances already.
  virtual absl::StatusOr<Appearance> AddAppearance(const Appearance& appearance) = 0;
  // Replaces kind, title, event, date, place and link of appearance.id (member and
  // created_at stay). NotFound when absent.
  virtual absl::StatusOr<Appearance> UpdateAppearance(const Appearance& appearance) = 0;
  // NotFound when absent. Invitations sent from it keep their `via`.
  virtual absl::Status DeleteAppearance(AppearanceId id) = 0;
  virtual absl::StatusOr<Appearance> GetAppearance(AppearanceId id) = 0;
  // A member's appearances, newest first (date, then id, descending).
  virtual absl::StatusOr<std::vector<Appearance>> ListAppearances(MemberId member) = 0;

  // ---- photos ----
  //
  // A member's profile photo, kept beside the member row; members.has_photo says
  // whether they have one, so the network (which reads the member on kMemberUpdated)
  // learns of every change. An import may set has_photo without a stored photo.
  //
  // Each JPEG of a photo may hold at most this many bytes.
  static constexpr size_t kMaxPhotoBytes = 1 << 20;
  // Stores photo.member's photo, replacing one they had, and sets has_photo, in one
  // transaction with a kMemberUpdated event. InvalidArgument for an empty JPEG or one
  // over kMaxPhotoBytes; NotFound for an unknown member.
  virtual absl::StatusOr<EventId> SetPhoto(const Photo& photo) = 0;
  // One size of the member's stored photo. NotFound when none is stored (also for an
  // unknown member, and for an imported has_photo without one).
  virtual absl::StatusOr<PhotoBytes> GetPhoto(MemberId member, PhotoSize size) = 0;
  // Deletes the member's photo and clears has_photo, in one transaction with a
  // kMemberUpdated event. NotFound for an unknown member, or ("member 7 has no photo")
  // when neither a photo is stored nor has_photo is set.
  virtual absl::StatusOr<EventId> DeletePhoto(MemberId member) = 0;

  // ---- blocks ----
  //
  // Invariant: no pending invitation exists between a blocked pair (Block resolves them
  // and SendInvitation refuses new ones), so nothing can be accepted across a block.
  //
  // `blocker` blocks `blocked` at `at`, in one transaction that also resolves the
  // pair's pending invitation, if any, without telling the other member more than an
  // ordinary answer would: one from `blocked` becomes kIgnored (what its sender would
  // see had the blocker simply ignored it), one from `blocker` becomes kWithdrawn. Each
  // resolved invitation appends a kInvitationChanged event, then the block appends
  // kBlockChanged (a = blocker, b = blocked). A follow between the two, either way,
  // ends in the same transaction (a kFollowRemoved event each), and while the block
  // lasts the blocked member cannot follow the blocker, comment on or read their posts
  // (AddFollow, AddComment, CountView answer as for an unknown member or post), nor is
  // notified of the blocker's comments. An existing connection between the two
  // stays: removing it is RemoveConnection, a separate action. InvalidArgument for
  // blocking oneself, NotFound for an unknown member, AlreadyExists if already blocked.
  virtual absl::StatusOr<BlockWrite> Block(MemberId blocker, MemberId blocked,
                                           Timestamp at) = 0;
  // Lifts a block (a kBlockChanged event). Invitations it resolved stay resolved, and a
  // reported pair stays unable to invite. NotFound if `blocker` has not blocked `blocked`.
  virtual absl::StatusOr<EventId> Unblock(MemberId blocker, MemberId blocked) = 0;
  // Whether `blocker` has blocked `blocked` (one direction only).
  virtual absl::StatusOr<bool> IsBlocked(MemberId blocker, MemberId blocked) = 0;
  // The members `blocker` has blocked, by blocked member id ascending; empty for a
  // member who has blocked no one, including an unknown one.
  virtual absl::StatusOr<std::vector<MemberBlock>> ListBlocked(MemberId blocker) = 0;

  // ---- saved searches ----
  //
  // Each is matched against every pending invitation of the member's box, so their
  // number is what bounds the box's work.
  static constexpr int64_t kMaxSavedSearches = 50;
  //
  // Saves `search` under (search.member, search.name), replacing a search of that name
  // (a kSavedSearchChanged event, a = member). InvalidArgument for an empty name or when
  // every filter is empty (it would match everyone); NotFound for an unknown member;
  // FailedPrecondition for a new name when the member already has kMaxSavedSearches
  // (checked in the write transaction, so concurrent saves cannot pass it). Replacing
  // one of theirs is always allowed.
  virtual absl::StatusOr<EventId> SaveSearch(const SavedSearch& search) = 0;
  // Deletes one (a kSavedSearchChanged event). NotFound when the member has no search
  // of that name.
  virtual absl::StatusOr<EventId> DeleteSavedSearch(MemberId member, const std::string& name) = 0;
  // A member's saved searches by name (byte order); empty for a member with none,
  // including an unknown one.
  virtual absl::StatusOr<std::vector<SavedSearch>> ListSavedSearches(MemberId member) = 0;

  // ---- accounts and sessions ----
  //
  // None of these append events: the network read model holds no accounts, except
  // that AddMemberWithAccount adds a member (kMemberAdded).
  //
  // Adds an account for an existing member, language and email_verified_at as given.
  // NotFound for an unknown member; AlreadyExists when the member already has an
  // account or the email is taken; InvalidArgument for a language that is not
  // IsAccountLanguage (AddMemberWithAccount likewise).
  virtual absl::Status AddAccount(const Account& account) = 0;
  // Adds `member` and its account in one transaction (a sign-up). member.id == 0 takes
  // the next free id (one above the largest, erased members included: an id is never
  // reused); account.member is ignored. Returns the member's id. AlreadyExists for a
  // taken id, handle or email; InvalidArgument for an empty handle, or for what
  // ValidateOutgoingMail refuses in options.mail.
  //
  // In the same transaction it claims the pending email invitations to account.email
  // and the one whose token hash is options.invite_token_hash (an unknown or used
  // token claims nothing and fails nothing): each becomes kAccepted, claimed by the new
  // member, and an ordinary pending invitation from its sender to the new member with
  // its note (created at account.created_at, notified and evented as SendInvitation's:
  // kInvitationChanged, kNewInvitation). One sender's several email invitations become
  // one invitation, with the newest non-empty note; invitations are written in the
  // order their email invitations were sent. An email invitation whose sender can no
  // longer invite the new member (no longer a member, or a block between the two)
  // becomes kExpired instead. These checks are the only ones: the weekly limit was
  // counted when the email invitation was sent. When the token's email invitation is
  // pending and carries a profile (a register import), each of first_name, last_name,
  // headline, city, country and industry that `member` leaves empty takes its value.
  virtual absl::StatusOr<MemberId> AddMemberWithAccount(const Member& member,
                                                       const Account& account,
                                                       const SignUpOptions& options) = 0;
  // NotFound when absent.
  virtual absl::StatusOr<Account> GetAccount(MemberId member) = 0;
  virtual absl::StatusOr<Account> GetAccountByEmail(const std::string& email) = 0;
  // AlreadyExists for a token hash already present (a random 32-byte token: never).
  virtual absl::Status AddSession(const Session& session) = 0;
  // NotFound when absent; expired and revoked sessions are returned as stored (the
  // caller decides, against its clock).
  virtual absl::StatusOr<Session> GetSession(const std::string& token_hash) = 0;
  // Marks a session revoked at `at` (kept if already revoked). NotFound when absent.
  virtual absl::Status RevokeSession(const std::string& token_hash, Timestamp at) = 0;
  // Deletes at most `limit` sessions that are of no more use: expired at `now` or
  // revoked. Returns how many it deleted. Bounded, so callers can run it on a hot path
  // (sign-in) and a backlog drains over a few calls. InvalidArgument for a negative
  // limit.
  virtual absl::StatusOr<int64_t> PruneSessions(Timestamp now, int limit) = 0;

  // ---- account tokens ----
  //
  // Single-use links mailed to a member (model.h AccountToken), each written with its
  // mail in one transaction. The writes that use one check, in this order: NotFound
  // ("the link is not valid") for an unknown hash or one of another purpose;
  // FailedPrecondition "the link was already used", "the link has expired" (expires_at
  // <= at). Like the rest of this section they append no events.
  //
  // Stores `token` (token.member's) and enqueues `mail` with it. NotFound when the
  // member has no account; InvalidArgument for mail ValidateOutgoingMail refuses;
  // AlreadyExists for a hash already stored (a random 32-byte token: never).
  virtual absl::Status AddAccountToken(const AccountToken& token,
                                       const std::vector<OutgoingMail>& mail) = 0;
  // The token stored under `token_hash`, in any state. NotFound when none.
  virtual absl::StatusOr<AccountToken> GetAccountToken(const std::string& token_hash) = 0;
  // Confirms an email address with a kVerifyEmail link at `at`: sets the account's
  // email_verified_at and uses the link. Besides the checks above,
  // FailedPrecondition "the link was for an earlier email address" when the account's
  // email is no longer the token's. Returns the account as it now is.
  virtual absl::StatusOr<Account> ConfirmEmail(const std::string& token_hash, Timestamp at) = 0;
  // Sets a new password (an Argon2id string) with a kResetPassword link at `at`: uses it
  // and every other unused reset link of the member, revokes all their sessions, and,
  // as the link proved the mailbox, marks the email verified when the token's email is
  // the account's. Returns the account as it now is.
  virtual absl::StatusOr<Account> ResetPassword(const std::string& token_hash,
                                                const std::string& password_hash,
                                                Timestamp at) = 0;
  // Sets `member`'s password (an Argon2id string) at `at`, uses their unused reset
  // links, and revokes their sessions except the one hashed `keep_session_hash` ("" =
  // none kept). NotFound when the member has no account.
  virtual absl::Status ChangePassword(MemberId member, const std::string& password_hash,
                                      const std::string& keep_session_hash, Timestamp at) = 0;
  // Changes `member`'s sign-in email (and the member row's email) to `email` (folded,
  // FoldEmail) at `at` with email_verified_at cleared, uses their unused verification links,
  // stores `verification` (for the new address) when given and enqueues `mail` (a
  // verification for the new address, a notice to the old one), in one transaction.
  // NotFound when the member has no account; InvalidArgument for an email
  // ValidateEmail refuses; AlreadyExists when another account has that email.
  virtual absl::Status ChangeEmail(MemberId member, const std::string& email,
                                   const std::optional<AccountToken>& verification,
                                   const std::vector<OutgoingMail>& mail, Timestamp at) = 0;
  // Revokes every live session of `member` at `at` except the one hashed
  // `keep_session_hash` ("" = all). Returns how many it revoked.
  virtual absl::StatusOr<int64_t> RevokeSessions(MemberId member,
                                                 const std::string& keep_session_hash,
                                                 Timestamp at) = 0;

  // ---- email invitations ----
  //
  // Invitations to people who are not yet members (model.h EmailInvitation). They
  // append no events: the network holds none, until a sign-up claims them
  // (AddMemberWithAccount). Who may withdraw which is the service's business.
  //
  // Sends one and returns it as stored. Errors, checked in this order:
  //   InvalidArgument     the email is not an address (ValidateEmail); a note longer
  //                       than kMaxInvitationNote; an empty token hash
  //   NotFound            `from` does not exist
  //   FailedPrecondition  an account has that email ("ada@example.org has an account
  //                       (member 7)"): invite the member instead
  //   AlreadyExists       `from` has a pending email invitation to that email
  //   FailedPrecondition  `from` sent weekly_limit invitations in the last
  //                       kInvitationWeek; both kinds count, SendInvitation's check
  //                       likewise (an email invitation a sign-up claimed counts once,
  //                       as sent, not again as the invitation it became)
  //   AlreadyExists       the token hash is taken (a random 32-byte token: never)
  virtual absl::StatusOr<EmailInvitation> AddEmailInvitation(
      const EmailInvitationRequest& request) = 0;
  // NotFound when absent.
  virtual absl::StatusOr<EmailInvitation> GetEmailInvitation(EmailInvitationId id) = 0;
  // The one whose token hashes to `token_hash`, in any state. NotFound when none.
  virtual absl::StatusOr<EmailInvitation> GetEmailInvitationByToken(
      const std::string& token_hash) = 0;
  // The email invitations `from` sent, newest first (created_at, then id, descending);
  // empty for a member with none, including an unknown one.
  virtual absl::StatusOr<std::vector<EmailInvitation>> ListEmailInvitations(MemberId from) = 0;
  // Withdraws a pending one at `at`. NotFound for an unknown id; FailedPrecondition
  // from any other state ("email invitation 3 is accepted, not pending").
  virtual absl::StatusOr<EmailInvitation> WithdrawEmailInvitation(EmailInvitationId id,
                                                                  Timestamp at) = 0;

  // ---- posts, comments and notifications ----
  //
  // Notifications are written in the transaction of the write they report: AddPost
  // notifies each follower of the author (kNewPost), AddComment the post's author
  // unless they comment on their own post (kNewComment), SendInvitation the recipient
  // of a new invitation (kNewInvitation), and an accept (ChangeInvitation, or
  // SendInvitation accepting the reverse invitation) the invitation's sender
  // (kInvitationAccepted). A member only ever reads and marks their own.
  //
  // Publishes `post` (id 0 takes the next free id; views starts at 0) with a kPostAdded
  // event. InvalidArgument for an empty title and body, a title over kMaxPostTitle or a
  // body over kMaxPostBody characters; NotFound for an unknown author.
  virtual absl::StatusOr<PostWrite> AddPost(const Post& post) = 0;
  // NotFound when absent.
  virtual absl::StatusOr<Post> GetPost(PostId id) = 0;
  // One read of `post` by `viewer` at `at`: counts a view (views + 1, a kPostViewed
  // event) the first time the viewer reads it on that UTC day, and not again that day
  // (reloading does not inflate it); the author's own reads are never views. Returns
  // the post as it now is. NotFound for an unknown post, and with the same message for
  // a viewer the author has blocked.
  virtual absl::StatusOr<Post> CountView(PostId post, MemberId viewer, Timestamp at) = 0;
  // The author's posts, newest first (created_at, then id, descending).
  virtual absl::StatusOr<std::vector<Post>> ListPosts(MemberId author,
                                                      const PostListOptions& options) = 0;
  // Posts by the members `member` follows, newest first.
  virtual absl::StatusOr<std::vector<Post>> ListFeed(MemberId member,
                                                     const PostListOptions& options) = 0;
  // Adds `comment` (id 0 takes the next free id) with a kCommentAdded event.
  // InvalidArgument for an empty body or one over kMaxCommentBody characters; NotFound
  // for an unknown post or author, and ("post N does not exist") for a post whose author
  // has blocked the commenter. A comment by a blocker on the blocked member's post
  // notifies no one.
  virtual absl::StatusOr<CommentWrite> AddComment(const Comment& comment) = 0;
  // A post's comments, oldest first, as `as` may see them (hidden ones left out, see
  // "moderation"). NotFound for an unknown post and for one hidden from `as`.
  virtual absl::StatusOr<std::vector<Comment>> ListComments(PostId post,
                                                            const ContentViewer& as) = 0;
  // NotFound when absent (also for a deleted comment); hidden ones are returned.
  virtual absl::StatusOr<Comment> GetComment(CommentId id) = 0;
  // A member's notifications, newest first; empty for an unknown member.
  virtual absl::StatusOr<std::vector<Notification>> ListNotifications(
      MemberId member, const NotificationListOptions& options) = 0;
  virtual absl::StatusOr<int64_t> CountUnreadNotifications(MemberId member) = 0;
  // Marks the selected unread notifications of `member` read at `at` and returns how
  // many changed; ids of other members' notifications, already read or unknown, are
  // skipped. A write that changes something appends kNotificationsRead (a = member).
  virtual absl::StatusOr<int64_t> MarkNotificationsRead(MemberId member,
                                                        const NotificationSelection& selection,
                                                        Timestamp at) = 0;

  // ---- outgoing mail ----
  //
  // The outbox of mail to send (model.h OutgoingMail). Writes that must send mail take
  // it with them and enqueue it in their own transaction (SignUpOptions::mail); a
  // sender (server/mail_sender.h) claims due mail with DueMail, sends it with no store
  // transaction open, then records the outcome. Appends no events.
  //
  // Enqueues `mail` in its own transaction and returns its id. id, attempts, sent_at,
  // last_error and failed are ignored (a new mail has none); a next_attempt_at before
  // created_at means created_at. InvalidArgument for what ValidateOutgoingMail refuses.
  virtual absl::StatusOr<MailId> EnqueueMail(const OutgoingMail& mail) = 0;
  // Claims at most `limit` mails that are due at `now` (not sent, not failed,
  // next_attempt_at <= now), oldest next_attempt_at first, then by id: in one
  // transaction their next_attempt_at moves to now + kMailClaim, so another sender
  // (another process on the same database) does not send them too, and a sender that
  // dies mid-send leaves them to be retried after the claim. Returns them as claimed.
  // InvalidArgument for a negative limit.
  virtual absl::StatusOr<std::vector<OutgoingMail>> DueMail(Timestamp now, int limit) = 0;
  // Records a successful attempt at `at`: sent_at, attempts + 1, last_error cleared.
  // NotFound for an unknown id; FailedPrecondition when it was already sent or failed
  // ("mail 3 was already sent").
  virtual absl::Status MarkMailSent(MailId id, Timestamp at) = 0;
  // Records a failed attempt: attempts + 1, last_error = `error`, next attempt not
  // before `next_attempt_at`. Errors as MarkMailSent's.
  virtual absl::Status MarkMailRetry(MailId id, Timestamp next_attempt_at,
                                     const std::string& error) = 0;
  // Records a failed attempt after which the sender gives up (too many attempts, or a
  // refusal no retry can mend): attempts + 1, last_error = `error`, failed. Errors as
  // MarkMailSent's.
  virtual absl::Status MarkMailFailed(MailId id, const std::string& error) = 0;
  // NotFound when absent.
  virtual absl::StatusOr<OutgoingMail> GetMail(MailId id) = 0;
  // Mail neither sent nor failed (due or waiting for a retry).
  virtual absl::StatusOr<int64_t> CountQueuedMail() = 0;
  // ---- moderation ----
  //
  // None of these append events: the network read model holds no posts, comments,
  // reports or accounts.
  //
  // Hidden content: a post or comment is hidden from everyone but its author while a
  // moderator has removed it (removed_at) or its author is suspended (now <
  // suspended_until of their account); GetPost and GetComment still return it, the
  // lists (ListPosts, ListFeed, ListComments) and CountView leave it out (CountView
  // and ListComments answer NotFound, as for an unknown post). A deleted post or
  // comment is gone for everyone (its text is erased; the row stays for what refers
  // to it). A suspension that ends, or is lifted, shows everything again.
  //
  // A suspended member (`at` < suspended_until) cannot invite: SendInvitation and
  // AddEmailInvitation answer FailedPrecondition ("member 7 is suspended until
  // 2026-12-20") before any other check but the members' existence.
  static constexpr int64_t kMaxSuspensionDays = 3'650;
  //
  // Authors edit and delete their own. EditPost replaces title and body (the rules of
  // AddPost) and sets edited_at; EditComment likewise. NotFound for an unknown or
  // deleted post/comment; PermissionDenied when `editor` is not the author;
  // FailedPrecondition for one a moderator removed (its author may only delete it).
  virtual absl::StatusOr<Post> EditPost(PostId id, MemberId editor, const std::string& title,
                                        const std::string& body, Timestamp at) = 0;
  virtual absl::StatusOr<Comment> EditComment(CommentId id, MemberId editor,
                                              const std::string& body, Timestamp at) = 0;
  // Deletes a post (its author only) with its comments, or a comment (its author or the
  // post's author): the text is erased and the row marked deleted. NotFound for an
  // unknown or already deleted one; PermissionDenied for anyone else.
  virtual absl::Status DeletePost(PostId id, MemberId actor, Timestamp at) = 0;
  virtual absl::Status DeleteComment(CommentId id, MemberId actor, Timestamp at) = 0;

  // A member reports a post or comment with a reason from the list. InvalidArgument
  // for kInvitation (ChangeInvitation reports those), kUnknownPerson, or text over
  // kMaxReportText; NotFound for an unknown or deleted subject, or one hidden from the
  // reporter; FailedPrecondition for reporting one's own; AlreadyExists when the
  // reporter already has an open report of it ("post 4 is already reported by you").
  // ChangeInvitation to kReported files an invitation's report (reporter = recipient,
  // reason kUnknownPerson) in its own transaction, and UndoReport withdraws it.
  virtual absl::StatusOr<Report> AddReport(const ReportRequest& request) = 0;
  // NotFound when absent.
  virtual absl::StatusOr<Report> GetReport(ReportId id) = 0;
  // Reports, oldest first (the queue's order).
  virtual absl::StatusOr<std::vector<Report>> ListReports(const ReportListOptions& options) = 0;
  // Invitations `member` sent at or after `since`, counted by state.
  virtual absl::StatusOr<InvitationsSent> CountInvitationsSent(MemberId member,
                                                               Timestamp since) = 0;
  // One moderation action and its audit row in one transaction (ModerationRequest).
  // A warning notifies the member (kWarning, subject = the audit entry). Errors:
  // InvalidArgument for a missing or long reason, days out of range, kRemove of an
  // invitation report, a report with kLift/kRole or a member with
  // kDismiss/kWarn/kRemove; NotFound for an unknown report or a member without an
  // account; FailedPrecondition for a report that is not open, kLift of a member who
  // is not suspended, and a moderator acting on themselves. Who may act is the
  // caller's business (the server checks the moderator's role).
  virtual absl::StatusOr<ModerationWrite> Moderate(const ModerationRequest& request) = 0;
  // The audit, newest first. NotFound for GetAuditEntry of an unknown id.
  virtual absl::StatusOr<std::vector<AuditEntry>> ListAudit(const AuditListOptions& options) = 0;
  virtual absl::StatusOr<AuditEntry> GetAuditEntry(AuditEntryId id) = 0;
  // Members with accounts whose name or email contains `text` (case-insensitive; all
  // when empty), by member id, at most `limit`.
  virtual absl::StatusOr<std::vector<AccountSummary>> FindAccounts(const std::string& text,
                                                                   int limit) = 0;
  // ---- email notifications ----
  //
  // Which mail a member gets (model.h EmailSettings), the mail made from their
  // notifications, the digest, and email subscriptions to members' public posts.
  // A mailer (server/notification_mailer.h) turns new notifications and posts into
  // outgoing mail: it reads what is pending, writes the mail, and marks what it looked
  // at as done in one transaction (CommitNotificationMail, CommitPostMail), so each
  // notification and post is mailed at most once, also across restarts and processes.
  // None of these append events.
  //
  // A member's settings; the defaults when none were stored. NotFound for an unknown
  // member.
  virtual absl::StatusOr<EmailSettings> GetEmailSettings(MemberId member) = 0;
  // Stores them (a digest that changes frequency starts counting from `at`) and, when
  // `language` is not empty, the language of the member's account (accounts.language),
  // in one transaction. NotFound for an unknown member, or for a language given to a
  // member without an account; InvalidArgument for a language that is not
  // IsAccountLanguage.
  virtual absl::Status SetEmailSettings(MemberId member, const EmailSettings& settings,
                                        const std::string& language, Timestamp at) = 0;
  // Switches one kind of mail off (an unsubscribe link); the digest goes to kOff. OK
  // when it was off already. NotFound for an unknown member.
  virtual absl::Status SwitchOffEmail(MemberId member, EmailKind kind, Timestamp at) = 0;

  // The secret stored under `name`; when there is none, `candidate` is stored and
  // returned (so every process on one database agrees). InvalidArgument for a
  // candidate under 32 bytes.
  virtual absl::StatusOr<std::string> GetOrAddSecret(const std::string& name,
                                                     const std::string& candidate) = 0;

  // Notifications the mailer has not looked at yet, oldest first, at most `limit`.
  virtual absl::StatusOr<std::vector<Notification>> PendingNotificationMail(int limit) = 0;
  // One notification the mailer looked at, and its mail (none: not mailed, e.g. its
  // switch is off).
  struct NotificationMail {
    NotificationId notification = 0;
    std::optional<OutgoingMail> mail;
  };
  // In one transaction: marks each notification looked at and enqueues its mail, unless
  // another mailer marked it first (then its mail is dropped). Returns how many mails
  // were enqueued. InvalidArgument for what ValidateOutgoingMail refuses.
  virtual absl::StatusOr<int64_t> CommitNotificationMail(
      const std::vector<NotificationMail>& mails, Timestamp at) = 0;

  // A member whose digest is due.
  struct DigestDue {
    MemberId member = 0;
    DigestFrequency frequency = DigestFrequency::kWeekly;
    Timestamp since = 0;  // The last digest, or when the account was made.
  };
  // Members with an account whose digest is on and whose last digest (or account) is a
  // day (daily) or a week (weekly) old at `now`, at most `limit`, longest waiting first.
  virtual absl::StatusOr<std::vector<DigestDue>> DueDigests(Timestamp now, int limit) = 0;
  // What a digest of `member` lists: their unread notifications created after `since`
  // that the mailer looked at without mailing them, oldest first, at most `limit`.
  virtual absl::StatusOr<std::vector<Notification>> DigestNotifications(MemberId member,
                                                                       Timestamp since,
                                                                       int limit) = 0;
  // In one transaction: when the member's last digest is still `since`, records a
  // digest at `at` and enqueues `mail` (none: there was nothing to tell) and returns
  // true; false, with nothing written, when another mailer recorded one first.
  virtual absl::StatusOr<bool> CommitDigest(MemberId member, Timestamp since, Timestamp at,
                                            const std::optional<OutgoingMail>& mail) = 0;

  // Posts whose subscribers the mailer has not looked at yet, oldest first.
  virtual absl::StatusOr<std::vector<Post>> PendingPostMail(int limit) = 0;
  // In one transaction: marks `post` looked at and enqueues `mails`; false, with
  // nothing written, when another mailer marked it first. NotFound for an unknown post.
  virtual absl::StatusOr<bool> CommitPostMail(PostId post, const std::vector<OutgoingMail>& mails,
                                              Timestamp at) = 0;

  // Someone asks to get `author`'s public posts at `email` (folded by the store), in
  // one transaction: a new or unsubscribed subscription becomes pending with
  // `confirm_token_hash` and `mail` (the confirmation) is enqueued; a pending one takes
  // the new token and is mailed again; a confirmed one stays as it is and nothing is
  // mailed. Returns it as it now is. InvalidArgument for an address ValidateEmail
  // refuses or an empty token hash; NotFound ("member N does not publish posts") for an
  // unknown author or one whose posts are not public.
  virtual absl::StatusOr<PostSubscription> RequestPostSubscription(
      MemberId author, const std::string& email, const std::string& confirm_token_hash,
      const OutgoingMail& mail, Timestamp at) = 0;
  // Confirms the subscription whose confirmation token hashes to `token_hash` (a
  // confirmed one stays confirmed). NotFound for an unknown token, and alike for an
  // unsubscribed subscription (its token was used up).
  virtual absl::StatusOr<PostSubscription> ConfirmPostSubscription(const std::string& token_hash,
                                                                   Timestamp at) = 0;
  // NotFound when absent.
  virtual absl::StatusOr<PostSubscription> GetPostSubscription(PostSubscriptionId id) = 0;
  // Ends a subscription (OK when it has ended already). NotFound when absent.
  virtual absl::Status Unsubscribe(PostSubscriptionId id, Timestamp at) = 0;
  // `author`'s confirmed subscriptions, by id.
  virtual absl::StatusOr<std::vector<PostSubscription>> ConfirmedSubscriptions(
      MemberId author) = 0;

  // The address (folded) asked for no more invitation mail (the unsubscribe link of an
  // email invitation). OK when it had asked already. InvalidArgument for what
  // ValidateEmail refuses.
  virtual absl::Status SuppressEmail(const std::string& email, Timestamp at) = 0;
  virtual absl::StatusOr<bool> IsEmailSuppressed(const std::string& email) = 0;

  // Email invitations from one sender in one transaction (a register import), each
  // with its mail, as AddEmailInvitation would write them one by one; the first error
  // (prefixed "invitations[3]: ") writes none.
  virtual absl::StatusOr<std::vector<EmailInvitation>> AddEmailInvitations(
      const std::vector<EmailInvitationRequest>& requests) = 0;

  // ---- data rights ----
  //
  // Everything keyed by `member` (MemberData) in one read transaction. NotFound for an
  // unknown member.
  virtual absl::StatusOr<MemberData> ExportMember(MemberId member) = 0;
  // Schedules the erasure of `member` at `erase_at` (no event: the network learns of
  // the erasure, not of the request). A second request replaces the first.
  // InvalidArgument when erase_at is before requested_at; NotFound for an unknown member.
  virtual absl::StatusOr<DeletionRequest> RequestDeletion(const DeletionRequest& request) = 0;
  // NotFound when the member has no pending request (also for an unknown member).
  virtual absl::StatusOr<DeletionRequest> GetDeletionRequest(MemberId member) = 0;
  // Withdraws the request. NotFound when there is none.
  virtual absl::Status CancelDeletion(MemberId member) = 0;
  // Requests whose erase_at is at or before `now`, oldest first, at most `limit`.
  virtual absl::StatusOr<std::vector<DeletionRequest>> DueDeletions(Timestamp now,
                                                                     int limit) = 0;
  // Erases `member` in one transaction: every row keyed by them (the member row, the
  // account, sessions, positions, educations, connections and follows either way,
  // invitations sent and received, the email invitations they sent and those that
  // carried their address to them, posts with their comments and views, their own
  // comments and reads, notifications they got and those about their invitations, posts
  // and comments, saved searches, appearances, photo, blocks either way, reports they
  // made or that name them, the moderation audit of actions on them, the deletion
  // request), and every event row that names them or one of those rows, so the log
  // keeps no trace of what they did. Organizations stay (they are shared), and so does
  // the audit of what others did (without its link to a report that is gone). Appends one
  // kMemberErased event (a = member): a follower of the log drops the member from its
  // network. NotFound for an unknown member.
  virtual absl::StatusOr<EventId> EraseMember(MemberId member) = 0;

  // Committed events with id > after, in id order, at most `limit`: the log as it
  // stands, for inspection. A follower uses EventsSince, since with concurrent writers
  // (PostgreSQL) a smaller id can commit after a larger one.
  virtual absl::StatusOr<std::vector<Event>> EventsAfter(EventId after, int limit) = 0;
  // 0 when there are no events.
  virtual absl::StatusOr<EventId> LastEventId() = 0;

  // The log in commit order, for followers: events after `after` in (xid, id) order,
  // only those whose transaction is older than every transaction still running, so no
  // event can later appear before the last one returned; at most `limit`. `settled`:
  // when fewer than `limit` events came back, a position before which every event has
  // now been returned (a follower that applied them stands there even if the last of
  // them is older); otherwise the last event's. A long transaction holds followers back
  // until it ends. SQLite (one writer, commit order is id order): EventsAfter.
  struct EventPage {
    std::vector<Event> events;
    EventPosition settled;
  };
  virtual absl::StatusOr<EventPage> EventsSince(EventPosition after, int limit) = 0;
  // A position before which every event is committed and visible now: where a follower
  // that loads the tables next may start (replaying what follows is harmless).
  virtual absl::StatusOr<EventPosition> LastEventPosition() = 0;
  // A position at or after every event committed before this call: a follower that
  // reaches it has applied every write this caller made (read-your-writes).
  virtual absl::StatusOr<EventPosition> CurrentPosition() = 0;
};

}  // namespace ledd::store
