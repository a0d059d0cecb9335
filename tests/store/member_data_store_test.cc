// A member's data rights in the SQLite store, against real database files: the export
// read (everything keyed by the member, nothing of others beyond what names them), the
// deletion requests, and the erasure, checked against the schema itself: after
// EraseMember no row of any table refers to the member through a foreign key, no text
// anywhere holds their name or email, and the event log names neither them nor their
// rows, while other members keep everything of their own.

#include <sqlite3.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr Timestamp kT0 = 1'700'000'000;

// The database through its own connection, as any tool would read it.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  std::vector<std::vector<std::string>> Query(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_) << " in " << sql;
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int column = 0; column < sqlite3_column_count(stmt); ++column) {
        const unsigned char* text = sqlite3_column_text(stmt, column);
        row.push_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  int64_t Count(const std::string& sql) { return std::stoll(Query(sql).at(0).at(0)); }

 private:
  sqlite3* db_ = nullptr;
};

Member Named(MemberId id, const std::string& first, const std::string& last) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = first;
  member.last_name = last;
  member.created_at = kT0 - 1000;
  return member;
}

// Ada (1) with a bit of everything; Bo (2), Cy (3) and Di (4) around her.
class MemberDataStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path_});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    Dataset data;
    data.members = {Named(1, "Ada", "Lovelace"), Named(2, "Bo", "Berg"), Named(3, "Cy", "Dahl"),
                    Named(4, "Di", "Eik")};
    data.members[0].headline = "Analytical engines";
    data.organizations = {{.id = 10, .kind = OrganizationKind::kCompany, .name = "Equinor"},
                          {.id = 11, .kind = OrganizationKind::kSchool, .name = "NTNU"},
                          {.id = 12, .kind = OrganizationKind::kCompany, .name = "Telenor"}};
    data.positions = {{.member_id = 1, .organization_id = 10, .title = "Engineer", .start = kT0},
                      {.member_id = 2, .organization_id = 12, .title = "Manager"}};
    data.educations = {{.member_id = 1, .school_id = 11, .field = "Mathematics"},
                       {.member_id = 2, .school_id = 11, .field = "Law"}};
    data.connections = {{.a = 1, .b = 2, .created_at = kT0}, {.a = 2, .b = 3, .created_at = kT0}};
    ASSERT_TRUE(store_->Import(data).ok());
    ASSERT_TRUE(store_->AddConnection({.a = 3, .b = 1, .created_at = kT0 + 1}).ok());
    ASSERT_TRUE(store_->AddAccount({.member = 1,
                                    .email = "ada@example.org",
                                    .password_hash = "$argon2id$not-a-real-hash",
                                    .created_at = kT0})
                    .ok());
    ASSERT_TRUE(store_->AddSession({.token_hash = "token-1",
                                    .member = 1,
                                    .csrf_hash = "csrf",
                                    .created_at = kT0,
                                    .expires_at = kT0 + 3600})
                    .ok());
    ASSERT_TRUE(store_->AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
    ASSERT_TRUE(store_->AddFollow({.follower = 1, .followee = 3, .created_at = kT0}).ok());
    ASSERT_TRUE(store_->AddFollow({.follower = 3, .followee = 2, .created_at = kT0}).ok());
    absl::StatusOr<PostWrite> ada_post = store_->AddPost(
        {.author = 1, .title = "Notes by Ada Lovelace", .body = "On engines", .created_at = kT0});
    ASSERT_TRUE(ada_post.ok()) << ada_post.status();
    ada_post_ = ada_post->post.id;
    absl::StatusOr<PostWrite> bo_post =
        store_->AddPost({.author = 2, .title = "Bo writes", .body = "Law", .created_at = kT0});
    ASSERT_TRUE(bo_post.ok());
    bo_post_ = bo_post->post.id;
    ASSERT_TRUE(store_->AddComment({.post_id = ada_post_, .author = 2, .body = "Bo on Ada's",
                                    .created_at = kT0 + 5})
                    .ok());
    ASSERT_TRUE(store_->AddComment({.post_id = bo_post_, .author = 1, .body = "Ada on Bo's",
                                    .created_at = kT0 + 6})
                    .ok());
    ASSERT_TRUE(store_->AddComment({.post_id = bo_post_, .author = 3, .body = "Cy on Bo's",
                                    .created_at = kT0 + 7})
                    .ok());
    ASSERT_TRUE(store_->CountView(ada_post_, 3, kT0 + 10).ok());
    ASSERT_TRUE(store_->CountView(bo_post_, 1, kT0 + 11).ok());
    ASSERT_TRUE(store_->CountView(bo_post_, 3, kT0 + 12).ok());
    ASSERT_TRUE(store_->SendInvitation({.from = 1, .to = 4, .note = "Hi Di, Ada here",
                                        .at = kT0 + 20})
                    .ok());
    ASSERT_TRUE(store_->SendInvitation({.from = 4, .to = 2, .at = kT0 + 21}).ok());
    ASSERT_TRUE(store_->AddEmailInvitation({.from = 1,
                                            .email = "friend@example.org",
                                            .note = "From Ada",
                                            .token_hash = "email-token",
                                            .at = kT0 + 22})
                    .ok());
    ASSERT_TRUE(store_->SaveSearch({.member = 1,
                                    .name = "engineers",
                                    .filters = {.title = "engineer"},
                                    .created_at = kT0})
                    .ok());
    ASSERT_TRUE(store_->AddAppearance({.member = 1,
                                       .kind = AppearanceKind::kTalk,
                                       .title = "Ada's talk",
                                       .date = kT0 - 86400,
                                       .created_at = kT0})
                    .ok());
    ASSERT_TRUE(store_->SetPhoto({.member = 1, .large = "large-jpeg", .small = "small-jpeg",
                                  .updated_at = kT0})
                    .ok());
    ASSERT_TRUE(store_->Block(1, 4, kT0 + 30).ok());  // Resolves the invitation to Di.
    ASSERT_TRUE(store_->Block(4, 3, kT0 + 31).ok());
    // Moderation: Bo reports Ada's post and a moderator warns her over it (the audit
    // names her); Cy reports Bo's post, and Ada reports a comment of Cy's.
    absl::StatusOr<Report> about_ada = store_->AddReport({.reporter = 2,
                                                          .subject = ReportSubject::kPost,
                                                          .subject_id = ada_post_,
                                                          .reason = ReportReason::kSpam,
                                                          .text = "Lovelace spams",
                                                          .at = kT0 + 40});
    ASSERT_TRUE(about_ada.ok()) << about_ada.status();
    ASSERT_TRUE(store_->Moderate({.action = ModerationAction::kWarn,
                                  .report = about_ada->id,
                                  .reason = "Ada Lovelace, please stop",
                                  .at = kT0 + 41})
                    .ok());
    ASSERT_TRUE(store_->AddReport({.reporter = 3,
                                   .subject = ReportSubject::kPost,
                                   .subject_id = bo_post_,
                                   .reason = ReportReason::kOther,
                                   .at = kT0 + 42})
                    .ok());
    ASSERT_TRUE(store_->RequestDeletion({.member = 1, .requested_at = kT0, .erase_at = kT0 + 60})
                    .ok());
  }

  testing::TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
  std::unique_ptr<Store> store_;
  PostId ada_post_ = 0;
  PostId bo_post_ = 0;
};

TEST_F(MemberDataStoreTest, ExportHoldsEverythingKeyedByTheMemberAndNoPassword) {
  absl::StatusOr<MemberData> data = store_->ExportMember(1);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->member.first_name, "Ada");
  ASSERT_TRUE(data->account.has_value());
  EXPECT_EQ(data->account->email, "ada@example.org");
  EXPECT_EQ(data->account->password_hash, "");
  EXPECT_EQ(data->positions.size(), 1u);
  EXPECT_EQ(data->educations.size(), 1u);
  ASSERT_EQ(data->organizations.size(), 2u);  // Equinor and NTNU, not Telenor.
  EXPECT_EQ(data->organizations[0].id, 10);
  EXPECT_EQ(data->organizations[1].id, 11);
  EXPECT_EQ(data->connections.size(), 2u);
  EXPECT_EQ(data->follows.size(), 2u);  // 2 -> 1 and 1 -> 3, not 3 -> 2.
  EXPECT_EQ(data->invitations.size(), 1u);
  EXPECT_EQ(data->email_invitations.size(), 1u);
  ASSERT_EQ(data->posts.size(), 1u);
  EXPECT_EQ(data->posts[0].id, ada_post_);
  ASSERT_EQ(data->comments.size(), 1u);
  EXPECT_EQ(data->comments[0].body, "Ada on Bo's");
  ASSERT_EQ(data->post_views.size(), 1u);
  EXPECT_EQ(data->post_views[0].post_id, bo_post_);
  EXPECT_EQ(data->saved_searches.size(), 1u);
  EXPECT_EQ(data->appearances.size(), 1u);
  ASSERT_EQ(data->blocks.size(), 1u);
  EXPECT_EQ(data->blocks[0].blocked, 4);
  ASSERT_TRUE(data->photo.has_value());
  EXPECT_EQ(data->photo->large, "large-jpeg");
  EXPECT_FALSE(data->notifications.empty());  // Bo's comment on her post.

  EXPECT_EQ(store_->ExportMember(99).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(MemberDataStoreTest, DeletionRequestsAreKeptCancelledAndFoundWhenDue) {
  absl::StatusOr<DeletionRequest> request = store_->GetDeletionRequest(1);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->erase_at, kT0 + 60);
  EXPECT_THAT(*store_->DueDeletions(kT0 + 59, 10), IsEmpty());
  ASSERT_EQ(store_->DueDeletions(kT0 + 60, 10)->size(), 1u);
  // A second request replaces the first.
  ASSERT_TRUE(store_->RequestDeletion({.member = 1, .requested_at = kT0 + 1, .erase_at = kT0 + 99})
                  .ok());
  EXPECT_EQ(store_->GetDeletionRequest(1)->erase_at, kT0 + 99);
  EXPECT_TRUE(store_->CancelDeletion(1).ok());
  EXPECT_EQ(store_->GetDeletionRequest(1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->CancelDeletion(1).code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(*store_->DueDeletions(kT0 + 1000, 10), IsEmpty());
  // Refusals.
  EXPECT_EQ(store_->RequestDeletion({.member = 99, .requested_at = kT0, .erase_at = kT0})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->RequestDeletion({.member = 1, .requested_at = kT0, .erase_at = kT0 - 1})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(MemberDataStoreTest, ErasureLeavesNothingOfTheMemberAndKeepsOthersWhole) {
  const MemberData bo_before = *store_->ExportMember(2);
  const MemberData cy_before = *store_->ExportMember(3);
  const EventId last_before = *store_->LastEventId();

  absl::StatusOr<EventId> erased = store_->EraseMember(1);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_GT(*erased, last_before);
  EXPECT_EQ(store_->GetMember(1).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->EraseMember(1).status().code(), absl::StatusCode::kNotFound);

  RawDb raw(path_);
  // Every column of every table that refers to members: no row names member 1. The
  // schema says which: tables other features add are checked without listing them.
  int referencing_columns = 0;
  for (const auto& table : raw.Query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%'")) {
    for (const auto& key : raw.Query("PRAGMA foreign_key_list(" + table[0] + ")")) {
      // id|seq|table|from|to|...
      if (key[2] != "members") continue;
      ++referencing_columns;
      EXPECT_EQ(raw.Count("SELECT count(*) FROM " + table[0] + " WHERE " + key[3] + " = 1"), 0)
          << table[0] << "." << key[3];
    }
    // No text anywhere holds her name or email (posts titled with it, notes signed).
    for (const auto& column : raw.Query("PRAGMA table_info(" + table[0] + ")")) {
      for (const char* needle : {"Lovelace", "ada@example.org", "Ada here", "From Ada"}) {
        EXPECT_EQ(raw.Count("SELECT count(*) FROM " + table[0] + " WHERE CAST(" + column[1] +
                            " AS TEXT) LIKE '%" + needle + "%'"),
                  0)
            << table[0] << "." << column[1] << " holds " << needle;
      }
    }
  }
  EXPECT_GE(referencing_columns, 20);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM members WHERE id = 1"), 0);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM photos"), 0);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM email_invitations"), 0);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM deletion_requests"), 0);
  // Reports about her go with her audit; Cy's report of Bo's post stays.
  EXPECT_EQ(raw.Count("SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM moderation_audit WHERE target = 1"), 0);
  // Bo's comment went with her post; her comment on Bo's post went with her.
  EXPECT_EQ(raw.Count("SELECT count(*) FROM comments"), 1);
  EXPECT_EQ(raw.Count("SELECT count(*) FROM notifications WHERE kind = 'new_comment' AND "
                      "subject NOT IN (SELECT id FROM comments)"),
            0);

  // The event log: nothing names her or a row of hers; one kMemberErased says she went.
  const std::set<std::string> member_kinds = {"member_added", "member_updated",
                                              "saved_search_changed", "notifications_read"};
  const std::set<std::string> pair_kinds = {"connection_added", "connection_removed",
                                            "follow_added", "follow_removed", "block_changed"};
  int erasures = 0;
  for (const auto& event : raw.Query("SELECT kind, a, b FROM events")) {
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
    const std::map<std::string, std::string> row_tables = {{"post_added", "posts"},
                                                           {"post_viewed", "posts"},
                                                           {"comment_added", "comments"},
                                                           {"invitation_changed", "invitations"}};
    if (auto table = row_tables.find(kind); table != row_tables.end()) {
      EXPECT_EQ(raw.Count("SELECT count(*) FROM " + table->second + " WHERE id = " + event[1]), 1)
          << kind << " " << event[1] << " names a row that is gone";
    }
  }
  EXPECT_EQ(erasures, 1);

  // Bo and Cy keep everything of their own; only what named Ada is gone.
  const MemberData bo = *store_->ExportMember(2);
  EXPECT_EQ(bo.member, bo_before.member);
  EXPECT_EQ(bo.positions, bo_before.positions);
  EXPECT_EQ(bo.educations, bo_before.educations);
  EXPECT_EQ(bo.posts.size(), 1u);
  EXPECT_EQ(bo.posts[0].id, bo_post_);
  ASSERT_EQ(bo.connections.size(), 1u);
  EXPECT_EQ(bo.connections[0], (Connection{.a = 2, .b = 3, .created_at = kT0}));
  ASSERT_EQ(bo.follows.size(), 1u);  // Cy follows Bo; Bo's follow of Ada is gone.
  EXPECT_EQ(bo.follows[0].follower, 3);
  EXPECT_EQ(bo.invitations.size(), 1u);  // Di's invitation to Bo.
  const MemberData cy = *store_->ExportMember(3);
  EXPECT_EQ(cy.member, cy_before.member);
  EXPECT_EQ(cy.comments, cy_before.comments);
  ASSERT_EQ(cy.post_views.size(), 1u);  // Her read of Ada's post went with the post.
  EXPECT_EQ(cy.post_views[0].post_id, bo_post_);
  EXPECT_THAT(*store_->ListBlocked(4), ::testing::SizeIs(1));  // Di's block of Cy stays.
  EXPECT_TRUE(store_->GetOrganization(10).ok());                // Organizations are shared.
  EXPECT_THAT(*store_->MemberIds(), UnorderedElementsAre(2, 3, 4));
}

TEST_F(MemberDataStoreTest, AnErasedMembersIdIsNeverGivenToANewcomer) {
  Member newcomer{.id = 0, .handle = "eve", .first_name = "Eve", .last_name = "Newcomer"};
  absl::StatusOr<MemberId> eve = store_->AddMemberWithAccount(
      newcomer, {.email = "eve@example.org", .password_hash = "h", .created_at = kT0}, {});
  ASSERT_TRUE(eve.ok()) << eve.status();
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
