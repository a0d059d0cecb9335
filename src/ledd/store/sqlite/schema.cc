#include "ledd/store/sqlite/schema.h"

#include <array>
#include <string_view>

#include "fmt/format.h"
#include "ledd/base/fold.h"
#include "ledd/base/status_macros.h"
#include <sqlite3.h>

namespace ledd::store::sqlite {
namespace {

// Conventions: times are INTEGER seconds since the epoch (NULL = none); enums are the
// lower-case names of model.h; member ids are the external ids, so members.id is the
// rowid. Indexes that a bulk import drops and rebuilds are named in import.cc.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  handle TEXT NOT NULL CHECK (handle <> ''),
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  headline TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  has_photo INTEGER NOT NULL DEFAULT 0 CHECK (has_photo IN (0, 1)),
  city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  policy TEXT NOT NULL DEFAULT 'liberal' CHECK (policy IN ('liberal', 'selective')),
  markets TEXT NOT NULL DEFAULT 'home',
  connections_visibility TEXT NOT NULL DEFAULT 'connections'
    CHECK (connections_visibility IN ('everyone', 'connections', 'only_me'))
);
-- A separate index rather than a column UNIQUE so that a bulk import can rebuild it.
CREATE UNIQUE INDEX members_handle ON members (handle);

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('company', 'school')),
  name TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT ''
);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  title TEXT NOT NULL DEFAULT '',
  start_at INTEGER,
  end_at INTEGER
);
CREATE INDEX positions_by_member ON positions (member_id);
CREATE INDEX positions_by_organization ON positions (organization_id);

CREATE TABLE educations (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  school_id INTEGER NOT NULL REFERENCES organizations (id),
  field TEXT NOT NULL DEFAULT '',
  degree TEXT NOT NULL DEFAULT '',
  start_at INTEGER,
  end_at INTEGER
);
CREATE INDEX educations_by_member ON educations (member_id);
CREATE INDEX educations_by_school ON educations (school_id);

-- Undirected, once per pair. WITHOUT ROWID: the pair is the key, so the table is its
-- own (a, b) index; connections_by_b serves lookups from the other end.
CREATE TABLE connections (
  a INTEGER NOT NULL REFERENCES members (id),
  b INTEGER NOT NULL REFERENCES members (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (a, b),
  CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX connections_by_b ON connections (b);

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  from_member INTEGER NOT NULL REFERENCES members (id),
  to_member INTEGER NOT NULL REFERENCES members (id),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 300),
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'accepted', 'ignored', 'withdrawn', 'reported')),
  kind TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  CHECK (from_member <> to_member)
);
-- One pending invitation per unordered pair.
CREATE UNIQUE INDEX invitations_one_pending
  ON invitations (min(from_member, to_member), max(from_member, to_member))
  WHERE state = 'pending';
CREATE INDEX invitations_by_to ON invitations (to_member, state);
CREATE INDEX invitations_by_from ON invitations (from_member, created_at);

CREATE TABLE follows (
  follower INTEGER NOT NULL REFERENCES members (id),
  followee INTEGER NOT NULL REFERENCES members (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (follower, followee),
  CHECK (follower <> followee)
) WITHOUT ROWID;
CREATE INDEX follows_by_followee ON follows (followee);

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author INTEGER NOT NULL REFERENCES members (id),
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  views INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0)
);
CREATE INDEX posts_by_author ON posts (author, created_at);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES posts (id),
  author INTEGER NOT NULL REFERENCES members (id),
  body TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX comments_by_post ON comments (post_id, created_at);
CREATE INDEX comments_by_author ON comments (author);

-- The transactional outbox. AUTOINCREMENT: ids are never reused, even after the
-- newest events are deleted, so a follower's "last applied id" stays meaningful.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  a INTEGER NOT NULL DEFAULT 0,
  b INTEGER NOT NULL DEFAULT 0
);
)sql";

constexpr std::string_view kV2 = R"sql(
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  kind TEXT NOT NULL,
  subject INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_by_member ON notifications (member_id, created_at);
CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL;

-- Only a hash of the token is stored, so a copy of the database grants no sessions.
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) WITHOUT ROWID;
CREATE INDEX sessions_by_member ON sessions (member_id);
)sql";

// Invitation rules look up a pair's history in either direction ("was this pair ever
// reported?"); v1 only indexed pending pairs. Both invitation writes and the advice's
// sender history read invitations_by_from (from_member, created_at) from v1.
constexpr std::string_view kV3 = R"sql(
CREATE INDEX invitations_by_pair
  ON invitations (min(from_member, to_member), max(from_member, to_member), state);
)sql";

// Saved searches, one column per search filter rather than one JSON text: the store
// stays free of a JSON dependency, nothing can fail to parse on read, and the CHECKs
// below hold the same rules as SaveSearch for rows written by any other tool. The
// filter on names is name_filter, since `name` is the search's own label. Keyed by
// (member, name), which is also the listing order.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE saved_searches (
  member INTEGER NOT NULL REFERENCES members (id),
  name TEXT NOT NULL CHECK (name <> ''),
  title TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  school TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  name_filter TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member, name),
  CHECK (title || city || country || company || school || field || industry ||
         name_filter <> '')
) WITHOUT ROWID;
)sql";

// Accounts: one per member, found by email (stored lower-cased, so UNIQUE is the
// case-insensitive rule). Sessions gain the hash of their CSRF token (cookie-
// authenticated writes must echo the token) and the address they were created from.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE accounts (
  member INTEGER PRIMARY KEY REFERENCES members (id),
  email TEXT UNIQUE NOT NULL CHECK (email <> ''),
  password_hash TEXT NOT NULL CHECK (password_hash <> ''),
  created_at INTEGER NOT NULL
);
ALTER TABLE sessions ADD COLUMN csrf_hash BLOB NOT NULL DEFAULT x'';
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
)sql";

// Blocks: directed, keyed by (blocker, blocked), which is also the order ListBlocked
// returns. The invitation rule looks the pair up in both directions, two key lookups,
// so no index on `blocked` is needed. The CHECK holds Block's no-self rule for rows
// written by any other tool.
constexpr std::string_view kV6 = R"sql(
CREATE TABLE blocks (
  blocker INTEGER NOT NULL REFERENCES members (id),
  blocked INTEGER NOT NULL REFERENCES members (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (blocker, blocked),
  CHECK (blocker <> blocked)
) WITHOUT ROWID;
)sql";

// Who read which post on which day (days since the epoch, UTC): a post's views count
// each reader once a day, so reloading does not inflate them. Only the key is kept; the
// posts.views counter stays the number shown.
constexpr std::string_view kV7 = R"sql(
CREATE TABLE post_views (
  post_id INTEGER NOT NULL REFERENCES posts (id),
  viewer INTEGER NOT NULL REFERENCES members (id),
  day INTEGER NOT NULL,
  PRIMARY KEY (post_id, viewer, day)
) WITHOUT ROWID;
)sql";

// Provenance and appearances (DESIGN.md, "Triage"). An invitation names the page it was
// sent from: via_kind '' (none), 'post' or 'appearance', and that row's id (no foreign
// key: a post or appearance may go while the invitation stays). A post view keeps the
// time of the day's first read, which the advice compares with the invitation's; views
// stored before this version get the start of their day. post_views_by_viewer serves
// "which of B's posts did A read".
constexpr std::string_view kV8 = R"sql(
ALTER TABLE invitations ADD COLUMN via_kind TEXT NOT NULL DEFAULT ''
  CHECK (via_kind IN ('', 'post', 'appearance'));
ALTER TABLE invitations ADD COLUMN via_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE post_views ADD COLUMN at INTEGER NOT NULL DEFAULT 0;
UPDATE post_views SET at = day * 86400;
CREATE INDEX post_views_by_viewer ON post_views (viewer, post_id);

CREATE TABLE appearances (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  kind TEXT NOT NULL CHECK (kind IN ('talk', 'media', 'course')),
  title TEXT NOT NULL CHECK (title <> ''),
  event TEXT NOT NULL DEFAULT '',
  date INTEGER NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX appearances_by_member ON appearances (member_id, date);
)sql";

// Invitations to people who are not yet members, by email (store.h, "email
// invitations"). The email is stored folded, so equality is the lookup a sign-up makes
// (email_invitations_to_email). Only a hash of the sign-up link's token is stored (raw
// bytes, like sessions'), so a copy of the database opens no invitation. A claimed one
// names the member who signed up and the ordinary invitation it became: the weekly
// limit counts the email invitation and not that invitation again. One pending per
// (sender, email) is an index, so no writer can break it.
constexpr std::string_view kV9EmailInvitations = R"sql(
CREATE TABLE email_invitations (
  id INTEGER PRIMARY KEY,
  from_member INTEGER NOT NULL REFERENCES members (id),
  email TEXT NOT NULL CHECK (email <> '' AND email = lower(email)),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 300),
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'accepted', 'withdrawn', 'expired')),
  updated_at INTEGER NOT NULL,
  claimed_by INTEGER REFERENCES members (id),
  claimed_at INTEGER,
  invitation_id INTEGER REFERENCES invitations (id),
  CHECK ((state = 'accepted') = (invitation_id IS NOT NULL))
);
CREATE UNIQUE INDEX email_invitations_one_pending
  ON email_invitations (from_member, email) WHERE state = 'pending';
CREATE INDEX email_invitations_by_from ON email_invitations (from_member, created_at);
CREATE INDEX email_invitations_to_email ON email_invitations (email) WHERE state = 'pending';
)sql";

// Organizations by folded name (base/fold.h), so that a member who types "equinor asa"
// finds "Equinor ASA" (store.h, FindOrAddOrganization) through an index. SQLite cannot
// fold as ICU does; ledd_fold is the writer connection's function for Fold (see
// Migrate), and every write that adds an organization sets folded_name with it.
constexpr std::string_view kV10OrganizationFoldedNames = R"sql(
ALTER TABLE organizations ADD COLUMN folded_name TEXT NOT NULL DEFAULT '';
UPDATE organizations SET folded_name = ledd_fold(name);
CREATE INDEX organizations_by_folded_name ON organizations (folded_name, kind, country);
)sql";

// Profile photos: the two JPEGs of a member's upload (store.h, "photos"), one row per
// member; members.has_photo stays the flag the network reads.
constexpr std::string_view kV11Photos = R"sql(
CREATE TABLE photos (
  member_id INTEGER PRIMARY KEY REFERENCES members (id),
  large BLOB NOT NULL CHECK (length(large) > 0),
  small BLOB NOT NULL CHECK (length(small) > 0),
  updated_at INTEGER NOT NULL
);
)sql";

// The member directory: 0 = opted out (found by their network only, never by strangers'
// searches or suggestions). Everyone starts listed.
constexpr std::string_view kV12Directory = R"sql(
ALTER TABLE members ADD COLUMN in_directory INTEGER NOT NULL DEFAULT 1
  CHECK (in_directory IN (0, 1));
)sql";

// Moderation (store.h "moderation"): roles and suspensions on accounts; edits, deletes
// and removals of posts and comments; members' reports and the moderators' audit. The
// invitations already reported become open reports, so the queue starts with them.
constexpr std::string_view kV13Moderation = R"sql(
ALTER TABLE accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'member'
  CHECK (role IN ('member', 'moderator', 'admin'));
ALTER TABLE accounts ADD COLUMN suspended_until INTEGER;
ALTER TABLE accounts ADD COLUMN suspension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN edited_at INTEGER;
ALTER TABLE posts ADD COLUMN deleted_at INTEGER;
ALTER TABLE posts ADD COLUMN removed_at INTEGER;
ALTER TABLE comments ADD COLUMN edited_at INTEGER;
ALTER TABLE comments ADD COLUMN deleted_at INTEGER;
ALTER TABLE comments ADD COLUMN removed_at INTEGER;

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  reporter INTEGER NOT NULL REFERENCES members (id),
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('invitation', 'post', 'comment')),
  subject_id INTEGER NOT NULL,
  reported INTEGER NOT NULL REFERENCES members (id),
  reason TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'open'
    CHECK (state IN ('open', 'dismissed', 'actioned', 'withdrawn')),
  resolved_at INTEGER,
  resolved_by INTEGER
);
-- One open report per reporter and subject.
CREATE UNIQUE INDEX reports_open_once ON reports (reporter, subject_kind, subject_id)
  WHERE state = 'open';
CREATE INDEX reports_by_state ON reports (state, created_at);
CREATE INDEX reports_by_reported ON reports (reported);

-- Never updated. moderator NULL = the operator (the CLI).
CREATE TABLE moderation_audit (
  id INTEGER PRIMARY KEY,
  moderator INTEGER,
  action TEXT NOT NULL,
  target INTEGER NOT NULL,
  report_id INTEGER REFERENCES reports (id),
  subject TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  days INTEGER NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX moderation_audit_by_target ON moderation_audit (target, created_at);
CREATE INDEX moderation_audit_by_moderator ON moderation_audit (moderator);

INSERT INTO reports (reporter, subject_kind, subject_id, reported, reason, created_at)
  SELECT to_member, 'invitation', id, from_member, 'unknown_person',
         coalesce(updated_at, created_at)
  FROM invitations WHERE state = 'reported';
)sql";

// Outgoing mail (store.h, "outgoing mail"): the outbox a mail sender drains. A mail is
// kept after it is sent (sent_at) or given up (failed), so a restart sends nothing
// twice; outgoing_mail_due holds only the queued ones, in the order DueMail claims.
// Accounts gain the language their mail is written in and when their email was
// verified (NULL: not yet, or changed since), and the single-use links mailed to them
// (account_tokens: email verification, password reset), stored as hashes.
constexpr std::string_view kV14MailQueue = R"sql(
CREATE TABLE outgoing_mail (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL CHECK (recipient <> ''),
  subject TEXT NOT NULL DEFAULT '',
  text_body TEXT NOT NULL CHECK (text_body <> ''),
  html_body TEXT NOT NULL DEFAULT '',
  unsubscribe_url TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  sent_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  failed INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
  CHECK (NOT (failed = 1 AND sent_at IS NOT NULL))
);
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at, id)
  WHERE sent_at IS NULL AND failed = 0;
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
  CHECK (language IN ('en', 'nb'));
ALTER TABLE accounts ADD COLUMN email_verified_at INTEGER;
CREATE TABLE account_tokens (
  token_hash BLOB PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  email TEXT NOT NULL CHECK (email <> ''),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX account_tokens_by_member ON account_tokens (member_id, purpose);
)sql";

// Mail about notifications, and email subscriptions (store.h, "email notifications").
// email_settings holds a member's switches (no row: the defaults) and when their last
// digest went out (NULL: count from the account). Notifications and posts made from
// now on are pending for the mailer (mail_pending = 1) until it has looked at them, in
// the transaction that enqueues their mail; those from before this version are old
// news and are never mailed. A notification the mailer mailed keeps mailed_at, so the
// digest leaves it out. Subscriptions keep only a hash of their confirmation token;
// one per (author, email). mail_suppressions are addresses that asked for no more
// invitation mail; server_secrets the key that signs unsubscribe links, shared by
// every process on the database. An email invitation keeps the profile a register
// import gave the person.
constexpr std::string_view kV15EmailSettings = R"sql(
CREATE TABLE email_settings (
  member_id INTEGER PRIMARY KEY REFERENCES members (id),
  invitations INTEGER NOT NULL DEFAULT 1 CHECK (invitations IN (0, 1)),
  accepted INTEGER NOT NULL DEFAULT 1 CHECK (accepted IN (0, 1)),
  posts INTEGER NOT NULL DEFAULT 0 CHECK (posts IN (0, 1)),
  digest TEXT NOT NULL DEFAULT 'weekly' CHECK (digest IN ('off', 'daily', 'weekly')),
  public_posts INTEGER NOT NULL DEFAULT 0 CHECK (public_posts IN (0, 1)),
  last_digest_at INTEGER
);
ALTER TABLE notifications ADD COLUMN mail_pending INTEGER NOT NULL DEFAULT 1
  CHECK (mail_pending IN (0, 1));
ALTER TABLE notifications ADD COLUMN mailed_at INTEGER;
UPDATE notifications SET mail_pending = 0;
CREATE INDEX notifications_mail_pending ON notifications (id) WHERE mail_pending = 1;
ALTER TABLE posts ADD COLUMN mail_pending INTEGER NOT NULL DEFAULT 1
  CHECK (mail_pending IN (0, 1));
UPDATE posts SET mail_pending = 0;
CREATE INDEX posts_mail_pending ON posts (id) WHERE mail_pending = 1;
CREATE TABLE post_subscriptions (
  id INTEGER PRIMARY KEY,
  author INTEGER NOT NULL REFERENCES members (id),
  email TEXT NOT NULL CHECK (email <> '' AND email = lower(email)),
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed')),
  confirm_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  UNIQUE (author, email)
);
CREATE TABLE mail_suppressions (
  email TEXT PRIMARY KEY CHECK (email <> ''),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  secret BLOB NOT NULL CHECK (length(secret) >= 32)
) WITHOUT ROWID;
ALTER TABLE email_invitations ADD COLUMN first_name TEXT NOT NULL DEFAULT '';
ALTER TABLE email_invitations ADD COLUMN last_name TEXT NOT NULL DEFAULT '';
ALTER TABLE email_invitations ADD COLUMN headline TEXT NOT NULL DEFAULT '';
ALTER TABLE email_invitations ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE email_invitations ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE email_invitations ADD COLUMN industry TEXT NOT NULL DEFAULT '';
)sql";

// Members' requests to erase their accounts (store.h, "data rights"): one per member,
// found by the erasure job through erase_at.
constexpr std::string_view kV16DeletionRequests = R"sql(
CREATE TABLE deletion_requests (
  member INTEGER PRIMARY KEY REFERENCES members (id),
  requested_at INTEGER NOT NULL,
  erase_at INTEGER NOT NULL CHECK (erase_at >= requested_at)
);
CREATE INDEX deletion_requests_due ON deletion_requests (erase_at);
)sql";

// The ids of erased members: a sign-up takes the next id above these too, so an id that
// named someone (in another member's bookmark, a moderator's audit row) never names a
// newcomer.
constexpr std::string_view kV17ErasedMembers = R"sql(
CREATE TABLE erased_members (id INTEGER PRIMARY KEY);
)sql";

// The lookups from a connection's larger end move from an index to a table of the same
// pairs in (b, a) order, which is the same B-tree to SQLite. An index is only ever built
// by sorting its whole table (25 s of a 1M-member import's 50M connections), where the
// importer counts the pairs it holds into (b, a) order in seconds and appends them to
// the table (import.cc); triggers keep it equal to connections otherwise. The foreign
// key of b moves with it: deleting a member looks for rows that still name it through
// this key, which connections alone would answer only by a scan. Queries by b name this
// table.
//
// The old index gives the (b, a) order for the copy; connections is copied as a new
// table for the foreign key (SQLite alters no constraint in place): about a minute at
// 50M pairs.
constexpr std::string_view kV18ConnectionsByB = R"sql(
CREATE TABLE connections_by_b_v18 (
  b INTEGER NOT NULL REFERENCES members (id),
  a INTEGER NOT NULL,
  PRIMARY KEY (b, a)
) WITHOUT ROWID;
INSERT INTO connections_by_b_v18 (b, a) SELECT b, a FROM connections ORDER BY b, a;
CREATE TABLE connections_v18 (
  a INTEGER NOT NULL REFERENCES members (id),
  b INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (a, b),
  CHECK (a < b)
) WITHOUT ROWID;
INSERT INTO connections_v18 (a, b, created_at) SELECT a, b, created_at FROM connections;
DROP TABLE connections;
ALTER TABLE connections_v18 RENAME TO connections;
ALTER TABLE connections_by_b_v18 RENAME TO connections_by_b;
CREATE TRIGGER connections_by_b_insert AFTER INSERT ON connections BEGIN
  INSERT INTO connections_by_b (b, a) VALUES (new.b, new.a);
END;
CREATE TRIGGER connections_by_b_delete AFTER DELETE ON connections BEGIN
  DELETE FROM connections_by_b WHERE b = old.b AND a = old.a;
END;
CREATE TRIGGER connections_by_b_update AFTER UPDATE OF a, b ON connections BEGIN
  DELETE FROM connections_by_b WHERE b = old.b AND a = old.a;
  INSERT INTO connections_by_b (b, a) VALUES (new.b, new.a);
END;
)sql";

// v19: a member's pending invitations, for the facts of their profile
// (Store::GetProfileFacts) without reading each invitation they ever sent.
constexpr std::string_view kV19PendingBySender = R"sql(
CREATE INDEX invitations_pending_by_from ON invitations (from_member, to_member, id)
  WHERE state = 'pending';
)sql";

constexpr std::array<std::string_view, 19> kMigrations = {kV1,
                                                          kV2,
                                                          kV3,
                                                          kV4,
                                                          kV5,
                                                          kV6,
                                                          kV7,
                                                          kV8,
                                                          kV9EmailInvitations,
                                                          kV10OrganizationFoldedNames,
                                                          kV11Photos,
                                                          kV12Directory,
                                                          kV13Moderation,
                                                          kV14MailQueue,
                                                          kV15EmailSettings,
                                                          kV16DeletionRequests,
                                                          kV17ErasedMembers,
                                                          kV18ConnectionsByB,
                                                          kV19PendingBySender};

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

namespace {

void FoldFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::string folded =
      Fold(std::string_view(text == nullptr ? "" : text,
                            static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()),
                      SQLITE_TRANSIENT);
}

}  // namespace

absl::Status RegisterFold(Db& db) {
  const int code = sqlite3_create_function_v2(
      db.get(), "ledd_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
      FoldFunction, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return SqliteError(db.get(), code, "registering ledd_fold");
  return absl::OkStatus();
}

absl::Status Migrate(Db& db, int target_version) {
  const int latest = LatestSchemaVersion();
  LEDD_RETURN_IF_ERROR(RegisterFold(db));
  if (target_version <= 0 || target_version > latest) target_version = latest;

  // The write lock is taken before reading the version, so two processes opening a
  // fresh file at once cannot both apply migration 1.
  absl::StatusOr<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.status();
  absl::StatusOr<int64_t> current = db.QueryInt("PRAGMA user_version");
  if (!current.ok()) return current.status();
  if (*current > latest) {
    return absl::FailedPreconditionError(
        fmt::format("database schema version {} is newer than this ledd supports ({}); "
                    "upgrade ledd",
                    *current, latest));
  }
  if (*current >= target_version) return absl::OkStatus();  // Rolls back the no-op.

  for (int64_t version = *current + 1; version <= target_version; ++version) {
    if (absl::Status status = db.Exec(kMigrations[version - 1]); !status.ok()) {
      return absl::Status(status.code(), fmt::format("schema migration to version {}: {}",
                                                     version, MessageOf(status)));
    }
  }
  // PRAGMA takes no parameters; the value is our own integer.
  if (absl::Status status = db.Exec(fmt::format("PRAGMA user_version = {}", target_version));
      !status.ok()) {
    return status;
  }
  return transaction->Commit();
}

}  // namespace ledd::store::sqlite
