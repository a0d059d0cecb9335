// A member's data rights on the PostgreSQL store, checked against the schema itself:
// the database is seeded by SQL with a row naming member 1 in every column that refers
// to members (the test finds those columns in pg_constraint and fails when one has no
// row, so a table added later must be seeded here and erased by EraseMember's list),
// then after EraseMember no such column names her, no text anywhere holds her name or
// email, and the event log names neither her nor her rows, while others keep theirs.
// Also the export read and the deletion requests.
//
// Skipped unless LEDD_TEST_POSTGRES holds a cluster's maintenance database URI.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/postgres_test_db.h"

namespace ledd::store {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr Timestamp kT0 = 1'700'000'000;

// Ada (1) with a bit of everything; Bo (2), Cy (3), Di (4) and Zed (0: the only one who
// can be a connection's `a` to her `b`) around her.
constexpr char kSeed[] = R"sql(
INSERT INTO members (id, handle, first_name, last_name, headline, created_at) VALUES
  (1, 'member-1', 'Ada', 'Lovelace', 'Analytical engines', 1),
  (2, 'member-2', 'Bo', 'Berg', '', 1), (3, 'member-3', 'Cy', 'Dahl', '', 1),
  (4, 'member-4', 'Di', 'Eik', '', 1), (0, 'member-0', 'Zed', 'Aas', '', 1);
INSERT INTO organizations (id, kind, name) VALUES
  (10, 'company', 'Equinor'), (11, 'school', 'NTNU'), (12, 'company', 'Telenor');
INSERT INTO positions (member_id, organization_id, title, start_at) VALUES
  (1, 10, 'Engineer', 5), (2, 12, 'Manager', NULL);
INSERT INTO educations (member_id, school_id, field) VALUES (1, 11, 'Mathematics'), (2, 11, 'Law');
INSERT INTO connections (a, b, created_at) VALUES (1, 2, 1), (2, 3, 1), (1, 3, 2), (0, 1, 3);
INSERT INTO follows (follower, followee, created_at) VALUES (2, 1, 1), (1, 3, 1), (3, 2, 1);
INSERT INTO accounts (member, email, password_hash, created_at) VALUES
  (1, 'ada@example.org', '$argon2id$not-a-real-hash', 1), (2, 'bo@example.org', 'h', 1);
INSERT INTO sessions (token_hash, member_id, created_at, expires_at, csrf_hash) VALUES
  (decode('01', 'hex'), 1, 1, 3600, decode('02', 'hex')),
  (decode('03', 'hex'), 2, 1, 3600, decode('04', 'hex'));
INSERT INTO posts (id, author, title, body, created_at) VALUES
  (100, 1, 'Notes by Ada Lovelace', 'On engines', 1), (101, 2, 'Bo writes', 'Law', 1);
INSERT INTO comments (id, post_id, author, body, created_at) VALUES
  (200, 100, 2, 'Bo on Ada''s', 5), (201, 101, 1, 'Ada on Bo''s', 6),
  (202, 101, 3, 'Cy on Bo''s', 7);
INSERT INTO post_views (post_id, viewer, day, at) VALUES (100, 3, 0, 10), (101, 1, 0, 11),
  (101, 3, 0, 12);
INSERT INTO invitations (id, from_member, to_member, note, created_at, state, updated_at) VALUES
  (300, 1, 4, 'Hi Di, Ada here', 20, 'withdrawn', 30), (301, 4, 2, '', 21, 'pending', 21),
  (302, 2, 1, 'Bo to Ada', 22, 'pending', 22);
INSERT INTO email_invitations (from_member, email, note, token_hash, created_at, state,
    updated_at, claimed_by, claimed_at, invitation_id) VALUES
  (1, 'friend@example.org', 'From Ada', decode('a1', 'hex'), 22, 'pending', 22, NULL, NULL, NULL),
  (2, 'ada@example.org', '', decode('a2', 'hex'), 21, 'accepted', 22, 1, 22, 302),
  (3, 'someone@example.org', 'From Cy', decode('a3', 'hex'), 23, 'pending', 23, NULL, NULL, NULL);
INSERT INTO saved_searches (member, name, title, created_at) VALUES (1, 'engineers', 'engineer', 1);
INSERT INTO appearances (member_id, kind, title, date, created_at) VALUES
  (1, 'talk', 'Ada''s talk', 0, 1);
INSERT INTO photos (member_id, large, small, updated_at) VALUES
  (1, 'large-jpeg'::bytea, 'small-jpeg'::bytea, 1);
INSERT INTO blocks (blocker, blocked, created_at) VALUES (1, 4, 30), (4, 3, 31), (2, 1, 32);
INSERT INTO reports (id, reporter, subject_kind, subject_id, reported, reason, text, created_at)
  VALUES (400, 2, 'post', 100, 1, 'spam', 'Lovelace spams', 40),
         (401, 3, 'post', 101, 2, 'other', '', 42),
         (402, 1, 'comment', 202, 3, 'other', '', 43);
INSERT INTO moderation_audit (moderator, action, target, report_id, reason, created_at) VALUES
  (NULL, 'warn', 1, 400, 'Ada Lovelace, please stop', 41), (1, 'dismiss', 3, 402, '', 44);
INSERT INTO outgoing_mail (recipient, subject, text_body, created_at, next_attempt_at) VALUES
  ('ada@example.org', 'Hi', 'Hello Ada Lovelace', 1, 1), ('bo@example.org', 'Hi', 'Hello Bo', 1, 1);
INSERT INTO account_tokens (token_hash, member_id, purpose, email, created_at, expires_at) VALUES
  (decode('c1', 'hex'), 1, 'verify_email', 'ada@example.org', 1, 99);
INSERT INTO email_settings (member_id) VALUES (1), (2);
INSERT INTO post_subscriptions (author, email, state, confirm_hash, created_at, updated_at) VALUES
  (1, 'reader@example.org', 'confirmed', decode('d1', 'hex'), 1, 1),
  (2, 'ada@example.org', 'confirmed', decode('d2', 'hex'), 1, 1),
  (2, 'reader@example.org', 'confirmed', decode('d3', 'hex'), 1, 1);
INSERT INTO deletion_requests (member, requested_at, erase_at) VALUES (1, 1700000000, 1700000060);
INSERT INTO notifications (member_id, kind, subject, created_at) VALUES
  (1, 'new_comment', 200, 5), (2, 'new_comment', 201, 6), (4, 'new_invitation', 300, 20),
  (2, 'new_comment', 202, 7), (2, 'new_invitation', 301, 21);
INSERT INTO events (kind, at, a, b) VALUES
  ('member_added', 1, 1, 0), ('member_added', 1, 2, 0), ('connection_added', 1, 1, 2),
  ('connection_added', 1, 2, 3), ('follow_added', 1, 2, 1), ('post_added', 1, 100, 0),
  ('post_added', 1, 101, 0), ('post_viewed', 1, 101, 1), ('post_viewed', 1, 101, 3),
  ('comment_added', 1, 201, 0), ('comment_added', 1, 202, 0), ('invitation_changed', 1, 300, 0),
  ('invitation_changed', 1, 301, 0), ('saved_search_changed', 1, 1, 0), ('block_changed', 1, 4, 3);
)sql";

class PostgresMemberDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing_pg::MaintenanceUri().empty()) GTEST_SKIP() << "LEDD_TEST_POSTGRES is not set";
    absl::StatusOr<std::unique_ptr<testing_pg::TestDatabase>> db =
        testing_pg::TestDatabase::Create("member_data");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    absl::StatusOr<std::unique_ptr<Store>> store = db_->Open();
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    db_->Exec(kSeed);
  }

  // Every (table, column) whose foreign key refers to members, from the catalog.
  std::vector<std::vector<std::string>> ReferencingColumns() {
    return db_->Query(
        "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
        "WHERE c.contype = 'f' AND c.confrelid = 'members'::regclass ORDER BY 1, 2",
        2);
  }

  std::unique_ptr<testing_pg::TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

TEST_F(PostgresMemberDataTest, ExportHoldsEverythingKeyedByTheMemberAndNoPassword) {
  absl::StatusOr<MemberData> data = store_->ExportMember(1);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->member.first_name, "Ada");
  EXPECT_EQ(data->member.headline, "Analytical engines");
  ASSERT_TRUE(data->account.has_value());
  EXPECT_EQ(data->account->email, "ada@example.org");
  EXPECT_EQ(data->account->password_hash, "");
  ASSERT_EQ(data->positions.size(), 1u);
  EXPECT_EQ(data->positions[0].start, 5);
  EXPECT_EQ(data->educations.size(), 1u);
  ASSERT_EQ(data->organizations.size(), 2u);  // Equinor and NTNU, not Telenor.
  EXPECT_EQ(data->organizations[0].id, 10);
  EXPECT_EQ(data->organizations[1].id, 11);
  EXPECT_EQ(data->connections.size(), 3u);
  EXPECT_EQ(data->follows.size(), 2u);  // 2 -> 1 and 1 -> 3, not 3 -> 2.
  EXPECT_EQ(data->invitations.size(), 2u);
  ASSERT_EQ(data->email_invitations.size(), 1u);  // Those she sent.
  EXPECT_EQ(data->email_invitations[0].note, "From Ada");
  ASSERT_EQ(data->posts.size(), 1u);
  EXPECT_EQ(data->posts[0].id, 100);
  ASSERT_EQ(data->comments.size(), 1u);
  EXPECT_EQ(data->comments[0].body, "Ada on Bo's");
  ASSERT_EQ(data->post_views.size(), 1u);
  EXPECT_EQ(data->post_views[0].post_id, 101);
  EXPECT_EQ(data->saved_searches.size(), 1u);
  ASSERT_EQ(data->appearances.size(), 1u);
  EXPECT_EQ(data->appearances[0].kind, AppearanceKind::kTalk);
  ASSERT_EQ(data->blocks.size(), 1u);
  EXPECT_EQ(data->blocks[0].blocked, 4);
  ASSERT_TRUE(data->photo.has_value());
  EXPECT_EQ(data->photo->large, "large-jpeg");
  ASSERT_EQ(data->notifications.size(), 1u);
  EXPECT_EQ(data->notifications[0].kind, NotificationKind::kNewComment);

  EXPECT_EQ(store_->ExportMember(99).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PostgresMemberDataTest, DeletionRequestsAreKeptCancelledAndFoundWhenDue) {
  absl::StatusOr<DeletionRequest> request = store_->GetDeletionRequest(1);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->erase_at, kT0 + 60);
  EXPECT_THAT(*store_->DueDeletions(kT0 + 59, 10), IsEmpty());
  ASSERT_EQ(store_->DueDeletions(kT0 + 60, 10)->size(), 1u);
  // A second request replaces the first.
  ASSERT_TRUE(
      store_->RequestDeletion({.member = 1, .requested_at = kT0 + 1, .erase_at = kT0 + 99}).ok());
  EXPECT_EQ(store_->GetDeletionRequest(1)->erase_at, kT0 + 99);
  ASSERT_TRUE(
      store_->RequestDeletion({.member = 2, .requested_at = kT0, .erase_at = kT0 + 50}).ok());
  absl::StatusOr<std::vector<DeletionRequest>> due = store_->DueDeletions(kT0 + 1000, 10);
  ASSERT_TRUE(due.ok()) << due.status();
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].member, 2);  // The earlier erasure first.
  EXPECT_EQ(store_->DueDeletions(kT0 + 1000, 1)->size(), 1u);
  EXPECT_EQ(store_->DueDeletions(kT0 + 1000, -1)->size(), 2u);  // No limit, as in SQLite.
  EXPECT_TRUE(store_->CancelDeletion(1).ok());
  EXPECT_EQ(store_->GetDeletionRequest(1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->CancelDeletion(1).code(), absl::StatusCode::kNotFound);
  // Refusals.
  EXPECT_EQ(
      store_->RequestDeletion({.member = 99, .requested_at = kT0, .erase_at = kT0}).status().code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->RequestDeletion({.member = 1, .requested_at = kT0, .erase_at = kT0 - 1})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(PostgresMemberDataTest, ErasureLeavesNothingOfTheMemberAndKeepsOthersWhole) {
  const MemberData bo_before = *store_->ExportMember(2);
  const MemberData cy_before = *store_->ExportMember(3);
  const std::vector<std::vector<std::string>> columns = ReferencingColumns();
  EXPECT_GE(columns.size(), 20u);
  // The seed names her in every column that can: otherwise the check below proves
  // nothing for that column.
  for (const auto& column : columns) {
    EXPECT_GT(db_->Count("SELECT count(*) FROM " + column[0] + " WHERE " + column[1] + " = 1"), 0)
        << column[0] << "." << column[1] << " refers to members: seed a row of member 1 in it";
  }

  absl::StatusOr<EventId> erased = store_->EraseMember(1);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_EQ(db_->Count("SELECT max(id) FROM events"), *erased);
  EXPECT_EQ(store_->EraseMember(1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->ExportMember(1).status().code(), absl::StatusCode::kNotFound);

  for (const auto& column : columns) {
    EXPECT_EQ(db_->Count("SELECT count(*) FROM " + column[0] + " WHERE " + column[1] + " = 1"), 0)
        << column[0] << "." << column[1];
  }
  // No text anywhere holds her name or email (posts titled with it, notes signed).
  const std::vector<std::vector<std::string>> texts = db_->Query(
      "SELECT table_name, column_name FROM information_schema.columns "
      "WHERE table_schema = 'public' AND data_type = 'text'",
      2);
  EXPECT_GE(texts.size(), 30u);
  for (const auto& column : texts) {
    for (const char* needle : {"Lovelace", "ada@example.org", "Ada here", "From Ada"}) {
      EXPECT_EQ(db_->Count("SELECT count(*) FROM " + column[0] + " WHERE " + column[1] +
                           " LIKE '%" + needle + "%'"),
                0)
          << column[0] << "." << column[1] << " holds " << needle;
    }
  }
  EXPECT_EQ(db_->Count("SELECT count(*) FROM erased_members WHERE id = 1"), 1);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM photos"), 0);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM email_invitations"), 1);  // Cy's.
  EXPECT_EQ(db_->Count("SELECT count(*) FROM deletion_requests"), 0);
  // Reports by or about her go; the audit of what she did as a moderator stays,
  // without the link to her report.
  EXPECT_EQ(db_->Count("SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM moderation_audit WHERE target = 1"), 0);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM moderation_audit WHERE report_id IS NULL"), 1);
  // Bo's comment went with her post; her comment on Bo's post went with her.
  EXPECT_EQ(db_->Count("SELECT count(*) FROM comments"), 1);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM notifications WHERE kind = 'new_comment' AND "
                       "subject NOT IN (SELECT id FROM comments)"),
            0);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM post_subscriptions"), 1);  // Reader's of Bo.
  EXPECT_EQ(db_->Count("SELECT count(*) FROM outgoing_mail"), 1);       // Bo's.

  // The event log: nothing names her or a row of hers; one kMemberErased says she went.
  const std::set<std::string> member_kinds = {"member_added", "member_updated",
                                              "saved_search_changed", "notifications_read"};
  const std::set<std::string> pair_kinds = {"connection_added", "connection_removed",
                                            "follow_added", "follow_removed", "block_changed"};
  const std::map<std::string, std::string> row_tables = {{"post_added", "posts"},
                                                         {"post_viewed", "posts"},
                                                         {"comment_added", "comments"},
                                                         {"invitation_changed", "invitations"}};
  int erasures = 0;
  for (const auto& event : db_->Query("SELECT kind, a, b FROM events", 3)) {
    const std::string& kind = event[0];
    if (kind == "member_erased") {
      ++erasures;
      EXPECT_EQ(event[1], "1");
      continue;
    }
    if (member_kinds.contains(kind)) {
      EXPECT_NE(event[1], "1") << kind;
    }
    if (pair_kinds.contains(kind)) {
      EXPECT_NE(event[1], "1") << kind;
      EXPECT_NE(event[2], "1") << kind;
    }
    if (kind == "post_viewed") {
      EXPECT_NE(event[2], "1");
    }
    if (auto table = row_tables.find(kind); table != row_tables.end()) {
      EXPECT_EQ(db_->Count("SELECT count(*) FROM " + table->second + " WHERE id = " + event[1]), 1)
          << kind << " " << event[1] << " names a row that is gone";
    }
  }
  EXPECT_EQ(erasures, 1);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM events"), 8);  // 15 seeded, 8 gone, 1 added.

  // Bo and Cy keep everything of their own; only what named Ada is gone.
  const MemberData bo = *store_->ExportMember(2);
  EXPECT_EQ(bo.member, bo_before.member);
  EXPECT_EQ(bo.account, bo_before.account);
  EXPECT_EQ(bo.positions, bo_before.positions);
  EXPECT_EQ(bo.educations, bo_before.educations);
  ASSERT_EQ(bo.posts.size(), 1u);
  EXPECT_EQ(bo.posts[0].id, 101);
  ASSERT_EQ(bo.connections.size(), 1u);
  EXPECT_EQ(bo.connections[0], (Connection{.a = 2, .b = 3, .created_at = 1}));
  ASSERT_EQ(bo.follows.size(), 1u);  // Cy follows Bo; Bo's follow of Ada is gone.
  EXPECT_EQ(bo.follows[0].follower, 3);
  ASSERT_EQ(bo.invitations.size(), 1u);  // Di's invitation to Bo.
  EXPECT_EQ(bo.invitations[0].id, 301);
  EXPECT_THAT(bo.email_invitations, IsEmpty());  // The one Ada claimed went with her.
  const MemberData cy = *store_->ExportMember(3);
  EXPECT_EQ(cy.member, cy_before.member);
  EXPECT_EQ(cy.comments, cy_before.comments);
  EXPECT_EQ(cy.email_invitations, cy_before.email_invitations);
  ASSERT_EQ(cy.post_views.size(), 1u);  // Her read of Ada's post went with the post.
  EXPECT_EQ(cy.post_views[0].post_id, 101);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM blocks WHERE blocker = 4"), 1);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM organizations"), 3);  // Shared.
  EXPECT_EQ(db_->Count("SELECT count(*) FROM members"), 4);
}

TEST_F(PostgresMemberDataTest, AnErasedMembersIdIsNeverGivenToANewcomer) {
  Member newcomer{.id = 0, .handle = "eve", .first_name = "Eve", .last_name = "Newcomer"};
  absl::StatusOr<MemberId> eve = store_->AddMemberWithAccount(
      newcomer, {.email = "eve@example.org", .password_hash = "h", .created_at = kT0}, {});
  ASSERT_TRUE(eve.ok()) << eve.status();
  EXPECT_EQ(*eve, 5);  // One above the largest id.
  ASSERT_TRUE(store_->EraseMember(*eve).ok());

  // The erased member had the largest id: the next sign-up goes above it all the same.
  newcomer.handle = "fay";
  absl::StatusOr<MemberId> fay = store_->AddMemberWithAccount(
      newcomer, {.email = "fay@example.org", .password_hash = "h", .created_at = kT0 + 1}, {});
  ASSERT_TRUE(fay.ok()) << fay.status();
  EXPECT_EQ(*fay, *eve + 1);
}

}  // namespace
}  // namespace ledd::store
