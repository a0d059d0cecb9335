#pragma once
// The domain records of DESIGN.md, as the store keeps them and the importers and the
// generator produce them. Plain values: no behaviour beyond parsing and naming enums,
// and the one set of field limits and text rules (Validate*) that every write applies.
//
// Times are Timestamps (seconds since the epoch, UTC); an absent time is std::nullopt.
// Ids are external ids (MemberId etc.), never snapshot Nodes.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/base/ids.h"

namespace ledd::store {

// How a recipient triages invitations (DESIGN.md, "Triage").
enum class Policy { kLiberal, kSelective };

// Who may see a member's connections.
enum class ConnectionsVisibility { kEveryone, kConnections, kOnlyMe };

// Where a member does business: only the home country, also some listed countries
// (ISO 3166 alpha-2), or anywhere.
struct Markets {
  enum class Kind { kHome, kInternational, kListed };
  Kind kind = Kind::kHome;
  std::vector<std::string> countries;  // Only for kListed; upper-case alpha-2.

  friend bool operator==(const Markets&, const Markets&) = default;
};

struct Member {
  MemberId id = 0;
  std::string handle;
  std::string first_name;
  std::string last_name;
  std::string headline;
  std::string summary;
  bool has_photo = false;
  std::string city;
  std::string country;  // ISO 3166 alpha-2, upper case; may be empty.
  std::string industry;
  std::string email;
  Timestamp created_at = 0;
  Policy policy = Policy::kLiberal;
  Markets markets;
  ConnectionsVisibility connections_visibility = ConnectionsVisibility::kConnections;
  // Listed in the member directory: found by search and suggestions beyond the network.
  bool in_directory = true;

  friend bool operator==(const Member&, const Member&) = default;
};

enum class OrganizationKind { kCompany, kSchool };

struct Organization {
  OrganizationId id = 0;
  OrganizationKind kind = OrganizationKind::kCompany;
  std::string name;
  std::string industry;
  std::string country;

  friend bool operator==(const Organization&, const Organization&) = default;
};

// Experience: a title at an organization; an open end means current.
struct Position {
  MemberId member_id = 0;
  OrganizationId organization_id = 0;
  std::string title;
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;

  friend bool operator==(const Position&, const Position&) = default;
};

struct Education {
  MemberId member_id = 0;
  OrganizationId school_id = 0;
  std::string field;
  std::string degree;
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;

  friend bool operator==(const Education&, const Education&) = default;
};

// Undirected; stored once with a < b.
struct Connection {
  MemberId a = 0;
  MemberId b = 0;
  Timestamp created_at = 0;

  friend bool operator==(const Connection&, const Connection&) = default;
};

enum class InvitationState { kPending, kAccepted, kIgnored, kWithdrawn, kReported };
inline constexpr int kInvitationStateCount = 5;

// Where an invitation was sent from (DESIGN.md, "Triage": provenance): the page of a
// post of the recipient's that the sender had read (a recorded view before the
// invitation), or the page of one of the recipient's appearances. The store checks both
// when the invitation is written; kNone for an invitation sent from anywhere else.
struct InvitationVia {
  enum class Kind { kNone, kPost, kAppearance };
  Kind kind = Kind::kNone;
  int64_t id = 0;  // PostId or AppearanceId; 0 for kNone.

  friend bool operator==(const InvitationVia&, const InvitationVia&) = default;
};

struct Invitation {
  InvitationId id = 0;
  MemberId from = 0;
  MemberId to = 0;
  std::string note;  // At most kMaxInvitationNote characters.
  Timestamp created_at = 0;
  InvitationState state = InvitationState::kPending;
  std::string kind;  // Optional generator label: spam, foreign, common_ground, ...
  InvitationVia via;

  friend bool operator==(const Invitation&, const Invitation&) = default;
};

// The filters of a saved search: query::SearchFilters' fields, same names, as the
// member typed them (matching folds them). The store does not depend on query, so the
// service converts between the two.
struct SavedSearchFilters {
  std::string title;
  std::string city;
  std::string country;
  std::string company;
  std::string school;
  std::string field;
  std::string industry;
  std::string name;  // A prefix of a word of the member's name.

  friend bool operator==(const SavedSearchFilters&, const SavedSearchFilters&) = default;
};

// A search a member keeps, to learn how many of the people an invitation would bring
// match it. (member, name) is the key; at least one filter is non-empty.
struct SavedSearch {
  MemberId member = 0;
  std::string name;  // Non-empty; the member's own label ("engineers in Oslo").
  SavedSearchFilters filters;
  Timestamp created_at = 0;  // When this version was saved: a replace sets it anew.

  friend bool operator==(const SavedSearch&, const SavedSearch&) = default;
};

struct Follow {
  MemberId follower = 0;
  MemberId followee = 0;
  Timestamp created_at = 0;

  friend bool operator==(const Follow&, const Follow&) = default;
};

// `blocker` has blocked `blocked`: directed, at most one per ordered pair, never a
// member blocking itself. While it stands neither may invite the other; it does not
// remove a connection the two already have (that is RemoveConnection, a separate act).
struct MemberBlock {
  MemberId blocker = 0;
  MemberId blocked = 0;
  Timestamp created_at = 0;

  friend bool operator==(const MemberBlock&, const MemberBlock&) = default;
};

struct Post {
  PostId id = 0;
  MemberId author = 0;
  std::string title;
  std::string body;
  Timestamp created_at = 0;
  int64_t views = 0;
  // When its author last edited it; absent if never.
  std::optional<Timestamp> edited_at = {};
  // When a moderator removed it (store.h "moderation"): only its author still sees it,
  // marked removed; the reason is in the moderation audit.
  std::optional<Timestamp> removed_at = {};

  friend bool operator==(const Post&, const Post&) = default;
};

// A member read a post (store.h CountView; the first read of each day is kept).
struct PostView {
  PostId post_id = 0;
  MemberId viewer = 0;
  Timestamp at = 0;

  friend bool operator==(const PostView&, const PostView&) = default;
};

// A member's public appearance: a talk at a conference, a media appearance, a course
// they taught. It has its own page, from which the people who heard it can connect.
enum class AppearanceKind { kTalk, kMedia, kCourse };

struct Appearance {
  AppearanceId id = 0;
  MemberId member = 0;
  AppearanceKind kind = AppearanceKind::kTalk;
  std::string title;   // "Event sourcing without tears"
  std::string event;   // "JavaZone 2026", "NRK Dagsnytt 18"
  Timestamp date = 0;  // The day it took place (00:00 UTC).
  std::string place;   // "Oslo Spektrum"; may be empty.
  std::string link;    // An http(s) URL to the recording or the programme; may be empty.
  Timestamp created_at = 0;

  friend bool operator==(const Appearance&, const Appearance&) = default;
};

struct Comment {
  CommentId id = 0;
  PostId post_id = 0;
  MemberId author = 0;
  std::string body;
  Timestamp created_at = 0;
  std::optional<Timestamp> edited_at = {};   // As Post's.
  std::optional<Timestamp> removed_at = {};  // As Post's.

  friend bool operator==(const Comment&, const Comment&) = default;
};

using NotificationId = int64_t;

// Why a member is notified; `subject` of a Notification names what it is about.
enum class NotificationKind {
  kNewPost,             // subject = the post, by someone the member follows
  kNewComment,          // subject = the comment, on the member's post
  kNewInvitation,       // subject = the invitation, sent to the member
  kInvitationAccepted,  // subject = the invitation the member sent
  kWarning,             // subject = the moderation audit entry of a warning to the member
};

// Something a member should see, kept until they mark it read.
struct Notification {
  NotificationId id = 0;
  MemberId member = 0;  // Who is notified; only they may list or mark it.
  NotificationKind kind = NotificationKind::kNewPost;
  int64_t subject = 0;
  Timestamp created_at = 0;
  std::optional<Timestamp> read_at;  // Absent while unread.

  friend bool operator==(const Notification&, const Notification&) = default;
};

// ---- mail about notifications, and email subscriptions (store.h, "email
// notifications") ----

// How often a member gets the digest of their unread notifications.
enum class DigestFrequency { kOff, kDaily, kWeekly };

// Which mail a member gets. Each per-event switch mails one kind of notification as it
// happens; the digest lists the unread notifications that were not mailed one by one
// (comments, and kinds whose switch is off), so nothing is mailed twice. A member
// without stored settings has these defaults.
struct EmailSettings {
  bool invitations = true;  // a new invitation to them (kNewInvitation)
  bool accepted = true;     // an invitation of theirs accepted (kInvitationAccepted)
  bool posts = false;       // a new post by someone they follow (kNewPost)
  DigestFrequency digest = DigestFrequency::kWeekly;
  // Their posts can be read by anyone, signed in or not, and anyone may subscribe to
  // them by email (PostSubscription). Off until the member turns it on.
  bool public_posts = false;

  friend bool operator==(const EmailSettings&, const EmailSettings&) = default;
};

// One kind of mail an unsubscribe link switches off.
enum class EmailKind { kInvitations, kAccepted, kPosts, kDigest };

// Someone (a member or not) who asked to get a member's public posts by email. Double
// opt-in: pending until the link of the confirmation mail is opened; only confirmed
// subscriptions are mailed. One per (author, email).
using PostSubscriptionId = int64_t;
enum class PostSubscriptionState { kPending, kConfirmed, kUnsubscribed };

struct PostSubscription {
  PostSubscriptionId id = 0;
  MemberId author = 0;
  std::string email;  // Folded (FoldEmail) and valid.
  PostSubscriptionState state = PostSubscriptionState::kPending;
  Timestamp created_at = 0;  // The latest request (a new request restarts a pending one).
  std::optional<Timestamp> confirmed_at;

  friend bool operator==(const PostSubscription&, const PostSubscription&) = default;
};

// The profile an association's register gives an invited person, which their sign-up
// starts from (an email invitation's `profile`; empty fields give nothing).
struct InvitedProfile {
  std::string first_name;
  std::string last_name;
  std::string headline;
  std::string city;
  std::string country;  // ISO 3166 alpha-2, upper case; may be empty.
  std::string industry;

  bool empty() const {
    return first_name.empty() && last_name.empty() && headline.empty() && city.empty() &&
           country.empty() && industry.empty();
  }
  friend bool operator==(const InvitedProfile&, const InvitedProfile&) = default;
};

// A member's sign-in: one account per member. The email is stored as given after
// trimming and lower-casing (the account service normalizes it), so equality is the
// lookup. The password is only ever stored as an Argon2id string (libsodium's
// crypto_pwhash_str format, which carries its own salt and limits).
// What an account may do beyond a member's own business: moderators work the reports
// queue and suspend members; admins also set roles.
enum class Role { kMember, kModerator, kAdmin };

struct Account {
  MemberId member = 0;
  std::string email;
  std::string password_hash;
  Timestamp created_at = 0;
  Role role = Role::kMember;
  // While now < suspended_until the member cannot sign in, their sessions do not
  // authenticate, they cannot invite, and their posts and comments are hidden from
  // everyone else. Absent: not suspended (a past time is the same).
  std::optional<Timestamp> suspended_until;
  std::string suspension_reason;
  // The language of every mail to the member: "en" or "nb" (IsAccountLanguage).
  std::string language = "en";
  // When the member confirmed they receive mail at `email`; absent until they do, and
  // again after the email changes.
  std::optional<Timestamp> email_verified_at;

  friend bool operator==(const Account&, const Account&) = default;
};

// A signed-in session. Only hashes of the session token and of its CSRF token are
// stored (raw bytes), so a copy of the database grants no sessions.
struct Session {
  std::string token_hash;
  MemberId member = 0;
  std::string csrf_hash;
  Timestamp created_at = 0;
  Timestamp expires_at = 0;
  std::optional<Timestamp> revoked_at;
  std::string address;  // The client address it was created from.

  friend bool operator==(const Session&, const Session&) = default;
};

// An invitation to someone who is not yet a member, sent to their email address
// (DESIGN.md, "Invitation"). It becomes an ordinary pending invitation from `from` to
// the member who signs up with that email, or with the sign-up link's token under any
// email (store.h, AddMemberWithAccount). Only a hash of the link's token is stored.
using EmailInvitationId = int64_t;

// pending -> accepted (claimed by a sign-up: it became `invitation`) | withdrawn (by
// its sender) | expired (a sign-up matched it, but its sender could no longer invite
// the new member).
enum class EmailInvitationState { kPending, kAccepted, kWithdrawn, kExpired };

struct EmailInvitation {
  EmailInvitationId id = 0;
  MemberId from = 0;
  std::string email;  // Folded (FoldEmail) and valid (ValidateEmail).
  std::string note;   // At most kMaxInvitationNote characters; empty for none.
  Timestamp created_at = 0;
  EmailInvitationState state = EmailInvitationState::kPending;
  // The member whose sign-up matched it, and when; absent while pending or withdrawn.
  std::optional<MemberId> claimed_by;
  std::optional<Timestamp> claimed_at;
  // The ordinary invitation it became (state kAccepted only).
  std::optional<InvitationId> invitation;
  // What the sender's register says of the person (a register import); empty otherwise.
  InvitedProfile profile;

  friend bool operator==(const EmailInvitation&, const EmailInvitation&) = default;
};

// A single-use link mailed to a member (store.h, "account tokens"): to confirm their
// email address, or to set a new password. Only a hash of the link's token is stored
// (raw bytes, like sessions'), so a copy of the database opens no link.
enum class AccountTokenPurpose { kVerifyEmail, kResetPassword };

struct AccountToken {
  std::string token_hash;
  MemberId member = 0;
  AccountTokenPurpose purpose = AccountTokenPurpose::kVerifyEmail;
  // The address the link was mailed to: a verification confirms only that one.
  std::string email;
  Timestamp created_at = 0;
  Timestamp expires_at = 0;
  std::optional<Timestamp> used_at;

  friend bool operator==(const AccountToken&, const AccountToken&) = default;
};

// A mail in the outbox (store.h, "outgoing mail"): written in the transaction of the
// write that causes it, sent later by the mail sender outside any transaction, kept
// after it is sent or given up (sent_at, failed) so a restart sends nothing twice.
using MailId = int64_t;

struct OutgoingMail {
  MailId id = 0;
  std::string to;               // One address (ValidateEmail).
  std::string subject;          // One line, at most kMaxMailSubject characters.
  std::string text;             // The plain-text body; never empty.
  std::string html;             // The HTML alternative of `text`; empty for none.
  std::string unsubscribe_url;  // List-Unsubscribe target (http(s)); empty for none.
  // What it is, for metrics and tests: "verify_email", "password_reset", ...
  std::string kind;
  Timestamp created_at = 0;
  // Not sent before then. Retries push it later; while a sender holds the mail
  // (Store::DueMail) it is the end of that sender's claim.
  Timestamp next_attempt_at = 0;
  int attempts = 0;  // Sending attempts made so far, the successful one included.
  std::optional<Timestamp> sent_at;
  std::string last_error;  // The last failed attempt's error; empty for none.
  bool failed = false;     // Given up: never sent.

  friend bool operator==(const OutgoingMail&, const OutgoingMail&) = default;
};

// ---- moderation ----
//
// A member's report of something another member did: an invitation from a stranger
// ("I don't know this person": the invitation's own report, state kReported), a post
// or a comment. It waits in the moderators' queue until one of them acts on it.
using ReportId = int64_t;
using AuditEntryId = int64_t;

enum class ReportSubject { kInvitation, kPost, kComment };
// The fixed list a reporter picks from; kUnknownPerson is an invitation's only reason.
enum class ReportReason {
  kUnknownPerson,
  kSpam,
  kHarassment,
  kInappropriate,
  kMisinformation,
  kOther
};
// open -> dismissed | actioned (a moderator acted on it) | withdrawn (an invitation's
// report taken back within kReportUndoWindow).
enum class ReportState { kOpen, kDismissed, kActioned, kWithdrawn };

struct Report {
  ReportId id = 0;
  MemberId reporter = 0;
  ReportSubject subject = ReportSubject::kPost;
  int64_t subject_id = 0;  // InvitationId, PostId or CommentId.
  MemberId reported = 0;   // The invitation's sender, the post's or comment's author.
  ReportReason reason = ReportReason::kOther;
  std::string text;  // The reporter's words; at most kMaxReportText characters.
  Timestamp created_at = 0;
  ReportState state = ReportState::kOpen;
  std::optional<Timestamp> resolved_at = {};
  MemberId resolved_by = 0;  // 0 while open or withdrawn.

  friend bool operator==(const Report&, const Report&) = default;
};

// What a moderator (or the operator) did. kLift ends a suspension early; kRole sets a
// member's role (admins and the operator only).
enum class ModerationAction { kDismiss, kWarn, kSuspend, kRemove, kLift, kRole };

// One row of the moderation audit: who did what to whom, when and why. Never changed.
struct AuditEntry {
  AuditEntryId id = 0;
  MemberId moderator = 0;  // 0: the operator (`ledd accounts role`).
  ModerationAction action = ModerationAction::kDismiss;
  MemberId target = 0;  // The member the action concerns.
  std::optional<ReportId> report = {};
  std::string subject = {};  // "post:12", "comment:7", "invitation:3", or "".
  std::string reason;
  int64_t days = 0;         // kSuspend only.
  std::string detail = {};  // kRole: the new role's name.
  Timestamp created_at = 0;

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// A member's profile photo: two square JPEGs made from their upload (ledd/media/photo.h
// makes them; the store only keeps bytes). members.has_photo is true while one is stored.
struct Photo {
  MemberId member = 0;
  std::string large;  // The 400 px JPEG.
  std::string small;  // The 96 px JPEG.
  Timestamp updated_at = 0;

  friend bool operator==(const Photo&, const Photo&) = default;
};

enum class PhotoSize { kLarge, kSmall };

// One size of a stored photo, as GetPhoto reads it.
struct PhotoBytes {
  std::string jpeg;
  Timestamp updated_at = 0;

  friend bool operator==(const PhotoBytes&, const PhotoBytes&) = default;
};

// A whole network as rows: what an import loads and the generator writes.
struct Dataset {
  std::vector<Member> members;
  std::vector<Organization> organizations;
  std::vector<Position> positions;
  std::vector<Education> educations;
  std::vector<Connection> connections;
  std::vector<Invitation> invitations;
  std::vector<Follow> follows;
  std::vector<Post> posts;
  std::vector<Comment> comments;
  std::vector<PostView> post_views;
  std::vector<Appearance> appearances;
};

// What the outbox records. The network read model follows these.
enum class EventKind {
  kImport,              // A bulk import: rebuild from the store.
  kMemberAdded,         // a = member
  kMemberUpdated,       // a = member; profile, positions, educations or settings changed
  kConnectionAdded,     // a < b
  kConnectionRemoved,   // a < b
  kFollowAdded,         // a = follower, b = followee
  kFollowRemoved,       // a = follower, b = followee
  kInvitationChanged,   // a = invitation id
  kPostAdded,           // a = post id
  kCommentAdded,        // a = comment id
  kOrganizationAdded,   // a = organization id
  kSavedSearchChanged,  // a = member; one of their saved searches saved or deleted
  kBlockChanged,        // a = blocker, b = blocked; a block added or removed
  kPostViewed,          // a = post id, b = viewer; one counted read
  kNotificationsRead,   // a = member; some of their notifications marked read
  kMemberErased,        // a = member; erased with everything keyed by them (EraseMember)
};

// Where a follower of the event log stands. Events are read in (xid, id) order: xid is
// the writing transaction (PostgreSQL's xid8; always 0 in SQLite, whose one writer
// commits in id order), so the position of everything applied only grows even though
// ids are assigned before transactions commit. Written "xid.id" in tokens.
struct EventPosition {
  int64_t xid = 0;
  EventId id = 0;

  friend auto operator<=>(const EventPosition&, const EventPosition&) = default;
};

struct Event {
  EventId id = 0;
  EventKind kind = EventKind::kImport;
  Timestamp at = 0;
  int64_t a = 0;
  int64_t b = 0;
  int64_t xid = 0;  // The writing transaction (PostgreSQL); 0 in SQLite.

  EventPosition position() const { return {xid, id}; }

  friend bool operator==(const Event&, const Event&) = default;
};

// ---------------------------------------------------------------------------------
// Field limits and text rules. There is one set, here, because the store's write
// methods (Import, AddMember, UpdateMember, AddMemberWithAccount, ReplaceBackground,
// AddOrganization, SendInvitation, AddPost, AddComment, SaveSearch) call the Validate*
// functions below before they write: no writer (import, sign-up, profile edits, the
// CLI) can skip them, and what one writer accepts another can save back. Writers may
// call them earlier to report a problem in their own terms (an importer's FILE:LINE).
//
// Limits count characters (Unicode code points), not bytes. Every text must be valid
// UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). Single-line
// fields hold no control characters (U+0000-U+001F, U+007F, U+0080-U+009F: a stored
// ESC would reach terminals); multi-line fields (summary, note, post body, comment
// body) allow line feed and tab among them. docs/formats.md lists the limits.
inline constexpr int kMaxHandle = 100;
inline constexpr int kMaxName = 100;  // first_name, last_name, each
inline constexpr int kMaxHeadline = 220;
inline constexpr int kMaxSummary = 2'600;
inline constexpr int kMaxPlace = 100;  // city, industry (of members and organizations)
inline constexpr int kMaxEmail = 254;  // RFC 5321's path limit
inline constexpr int kMaxOrganizationName = 200;
inline constexpr int kMaxTitle = 200;  // position title; field and degree of study
inline constexpr int kMaxInvitationNote = 300;
inline constexpr int kMaxLabel = 50;  // an invitation's kind
inline constexpr int kMaxPostTitle = 200;
inline constexpr int kMaxPostBody = 10'000;
inline constexpr int kMaxCommentBody = 2'000;
inline constexpr int kMaxSavedSearchText = 200;  // the name and each filter
inline constexpr int kMaxAppearanceTitle = 200;  // title and event, each
inline constexpr int kMaxLink = 2'000;
inline constexpr int kMaxMailSubject = 250;
inline constexpr int kMaxMailBody = 100'000;        // text and html, each
inline constexpr int kMaxReportText = 1'000;        // a reporter's own words
inline constexpr int kMaxModerationReason = 1'000;  // a moderator's reason

enum class TextLines { kSingle, kMulti };

// The number of code points of valid UTF-8 `text` (lead bytes, for invalid text).
int64_t CharacterCount(std::string_view text);

// OK, or InvalidArgument naming `what` ("headline", "note"): "the headline has 221
// characters; at most 220 are allowed", "the headline is not valid UTF-8", "the
// headline contains a control character (U+001B)".
absl::Status CheckText(std::string_view what, std::string_view text, int max_characters,
                       TextLines lines = TextLines::kSingle);

// Every text field of the record against the limits and rules above. Ids, references
// and emptiness are the store's or the writer's business, not these functions'.
absl::Status ValidateMember(const Member& member);
absl::Status ValidateOrganization(const Organization& organization);
absl::Status ValidatePosition(const Position& position);
absl::Status ValidateEducation(const Education& education);
absl::Status ValidateInvitation(const Invitation& invitation);
absl::Status ValidatePost(const Post& post);
absl::Status ValidateComment(const Comment& comment);
absl::Status ValidateSavedSearch(const SavedSearch& search);
absl::Status ValidateAppearance(const Appearance& appearance);  // link: empty or http(s)
// `to` an address, a one-line subject, a non-empty text body, bodies within
// kMaxMailBody, an unsubscribe URL empty or http(s), a kind of at most kMaxLabel.
absl::Status ValidateOutgoingMail(const OutgoingMail& mail);
// The languages mail is written in: "en" and "nb".
bool IsAccountLanguage(std::string_view language);

// An email address as stored and compared: surrounding white space trimmed, ASCII
// letters lower-cased (as accounts store theirs).
std::string FoldEmail(std::string_view email);
// OK for a plausible address: at most kMaxEmail characters, exactly one '@' with text
// on both sides, valid UTF-8, and no white space, control characters or any of
// ",;<>\"". InvalidArgument "\"email\" is not an email address" otherwise (the sign-up's
// wording, so a client says one thing for both).
absl::Status ValidateEmail(std::string_view email);

// Stable lower-case names, as in the CSV format and the database.
std::string_view PolicyName(Policy policy);
absl::StatusOr<Policy> ParsePolicy(std::string_view name);
std::string_view InvitationStateName(InvitationState state);
absl::StatusOr<InvitationState> ParseInvitationState(std::string_view name);
std::string_view OrganizationKindName(OrganizationKind kind);
absl::StatusOr<OrganizationKind> ParseOrganizationKind(std::string_view name);
std::string_view ConnectionsVisibilityName(ConnectionsVisibility visibility);
absl::StatusOr<ConnectionsVisibility> ParseConnectionsVisibility(std::string_view name);
std::string_view NotificationKindName(NotificationKind kind);
absl::StatusOr<NotificationKind> ParseNotificationKind(std::string_view name);
std::string_view AppearanceKindName(AppearanceKind kind);  // "talk", "media", "course"
absl::StatusOr<AppearanceKind> ParseAppearanceKind(std::string_view name);
// "post", "appearance", and "" for kNone (as stored in invitations.via_kind).
std::string_view InvitationViaKindName(InvitationVia::Kind kind);
absl::StatusOr<InvitationVia::Kind> ParseInvitationViaKind(std::string_view name);
// "", "post:12", "appearance:7" (the CSV form; the API writes {"post": 12}).
std::string FormatInvitationVia(const InvitationVia& via);
absl::StatusOr<InvitationVia> ParseInvitationVia(std::string_view text);
std::string_view EmailInvitationStateName(EmailInvitationState state);
absl::StatusOr<EmailInvitationState> ParseEmailInvitationState(std::string_view name);
std::string_view DigestFrequencyName(DigestFrequency frequency);  // "off", "daily", "weekly"
absl::StatusOr<DigestFrequency> ParseDigestFrequency(std::string_view name);
// "invitations", "accepted", "posts", "digest".
std::string_view EmailKindName(EmailKind kind);
absl::StatusOr<EmailKind> ParseEmailKind(std::string_view name);
// "pending", "confirmed", "unsubscribed".
std::string_view PostSubscriptionStateName(PostSubscriptionState state);
absl::StatusOr<PostSubscriptionState> ParsePostSubscriptionState(std::string_view name);
// The fields of an invited profile against the member limits (names, headline, city,
// industry; a country that IsCountryCode).
absl::Status ValidateInvitedProfile(const InvitedProfile& profile);
std::string_view AccountTokenPurposeName(AccountTokenPurpose purpose);  // "verify_email", ...
absl::StatusOr<AccountTokenPurpose> ParseAccountTokenPurpose(std::string_view name);
std::string_view RoleName(Role role);  // "member", "moderator", "admin"
absl::StatusOr<Role> ParseRole(std::string_view name);
std::string_view ReportSubjectName(ReportSubject subject);  // "invitation", "post", "comment"
absl::StatusOr<ReportSubject> ParseReportSubject(std::string_view name);
// "unknown_person", "spam", "harassment", "inappropriate", "misinformation", "other".
std::string_view ReportReasonName(ReportReason reason);
absl::StatusOr<ReportReason> ParseReportReason(std::string_view name);
std::string_view ReportStateName(ReportState state);  // "open", "dismissed", ...
absl::StatusOr<ReportState> ParseReportState(std::string_view name);
// "dismiss", "warn", "suspend", "remove", "lift", "role".
std::string_view ModerationActionName(ModerationAction action);
absl::StatusOr<ModerationAction> ParseModerationAction(std::string_view name);
std::string_view EventKindName(EventKind kind);
absl::StatusOr<EventKind> ParseEventKind(std::string_view name);
// Whether `code` (upper-case alpha-2) is an assigned ISO 3166 country code, as ICU's list
// of regions has them ("NO" and "SE" are, "XX" and "no" are not). Markets, profiles and
// organizations check their country codes with it.
bool IsCountryCode(std::string_view code);
// "home", "international", or alpha-2 codes separated by ';' ("NO;SE").
std::string FormatMarkets(const Markets& markets);
absl::StatusOr<Markets> ParseMarkets(std::string_view text);

}  // namespace ledd::store
