#pragma once
// The world of the member-data tests (member_data_store_test.cc, and the SQLite-only
// check of the erasure in sqlite_store_test.cc): Ada (1) with a bit of everything; Bo
// (2), Cy (3) and Di (4) around her.

#include <string>

#include "gtest/gtest.h"
#include "ledd/store/store.h"
#include "store/store_fixture.h"

namespace ledd::store {

inline Member Named(MemberId id, const std::string& first, const std::string& last) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = first;
  member.last_name = last;
  member.created_at = kT0 - 1000;
  return member;
}

// Fills an empty `store`; sets the ids of Ada's post and Bo's. Check HasFatalFailure()
// after it.
inline void AddAdaAndHerNeighbours(Store& store, PostId& ada_post, PostId& bo_post) {
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
  ASSERT_TRUE(store.Import(data).ok());
  ASSERT_TRUE(store.AddConnection({.a = 3, .b = 1, .created_at = kT0 + 1}).ok());
  ASSERT_TRUE(store
                  .AddAccount({.member = 1,
                               .email = "ada@example.org",
                               .password_hash = "$argon2id$not-a-real-hash",
                               .created_at = kT0})
                  .ok());
  ASSERT_TRUE(store
                  .AddSession({.token_hash = "token-1",
                               .member = 1,
                               .csrf_hash = "csrf",
                               .created_at = kT0,
                               .expires_at = kT0 + 3600})
                  .ok());
  ASSERT_TRUE(store.AddFollow({.follower = 2, .followee = 1, .created_at = kT0}).ok());
  ASSERT_TRUE(store.AddFollow({.follower = 1, .followee = 3, .created_at = kT0}).ok());
  ASSERT_TRUE(store.AddFollow({.follower = 3, .followee = 2, .created_at = kT0}).ok());
  absl::StatusOr<PostWrite> ada_write = store.AddPost(
      {.author = 1, .title = "Notes by Ada Lovelace", .body = "On engines", .created_at = kT0});
  ASSERT_TRUE(ada_write.ok()) << ada_write.status();
  ada_post = ada_write->post.id;
  absl::StatusOr<PostWrite> bo_write =
      store.AddPost({.author = 2, .title = "Bo writes", .body = "Law", .created_at = kT0});
  ASSERT_TRUE(bo_write.ok());
  bo_post = bo_write->post.id;
  ASSERT_TRUE(
      store
          .AddComment(
              {.post_id = ada_post, .author = 2, .body = "Bo on Ada's", .created_at = kT0 + 5})
          .ok());
  ASSERT_TRUE(
      store
          .AddComment(
              {.post_id = bo_post, .author = 1, .body = "Ada on Bo's", .created_at = kT0 + 6})
          .ok());
  ASSERT_TRUE(
      store
          .AddComment(
              {.post_id = bo_post, .author = 3, .body = "Cy on Bo's", .created_at = kT0 + 7})
          .ok());
  ASSERT_TRUE(store.CountView(ada_post, 3, kT0 + 10).ok());
  ASSERT_TRUE(store.CountView(bo_post, 1, kT0 + 11).ok());
  ASSERT_TRUE(store.CountView(bo_post, 3, kT0 + 12).ok());
  ASSERT_TRUE(
      store.SendInvitation({.from = 1, .to = 4, .note = "Hi Di, Ada here", .at = kT0 + 20}).ok());
  ASSERT_TRUE(store.SendInvitation({.from = 4, .to = 2, .at = kT0 + 21}).ok());
  ASSERT_TRUE(store
                  .AddEmailInvitation({.from = 1,
                                       .email = "friend@example.org",
                                       .note = "From Ada",
                                       .token_hash = "email-token",
                                       .at = kT0 + 22})
                  .ok());
  ASSERT_TRUE(store
                  .SaveSearch({.member = 1,
                               .name = "engineers",
                               .filters = {.title = "engineer"},
                               .created_at = kT0})
                  .ok());
  ASSERT_TRUE(store
                  .AddAppearance({.member = 1,
                                  .kind = AppearanceKind::kTalk,
                                  .title = "Ada's talk",
                                  .date = kT0 - 86400,
                                  .created_at = kT0})
                  .ok());
  ASSERT_TRUE(
      store.SetPhoto({.member = 1, .large = "large-jpeg", .small = "small-jpeg", .updated_at = kT0})
          .ok());
  ASSERT_TRUE(store.Block(1, 4, kT0 + 30).ok());  // Resolves the invitation to Di.
  ASSERT_TRUE(store.Block(4, 3, kT0 + 31).ok());
  // Moderation: Bo reports Ada's post and a moderator warns her over it (the audit
  // names her); Cy reports Bo's post, and Ada reports a comment of Cy's.
  absl::StatusOr<Report> about_ada = store.AddReport({.reporter = 2,
                                                      .subject = ReportSubject::kPost,
                                                      .subject_id = ada_post,
                                                      .reason = ReportReason::kSpam,
                                                      .text = "Lovelace spams",
                                                      .at = kT0 + 40});
  ASSERT_TRUE(about_ada.ok()) << about_ada.status();
  ASSERT_TRUE(store
                  .Moderate({.action = ModerationAction::kWarn,
                             .report = about_ada->id,
                             .reason = "Ada Lovelace, please stop",
                             .at = kT0 + 41})
                  .ok());
  ASSERT_TRUE(store
                  .AddReport({.reporter = 3,
                              .subject = ReportSubject::kPost,
                              .subject_id = bo_post,
                              .reason = ReportReason::kOther,
                              .at = kT0 + 42})
                  .ok());
  ASSERT_TRUE(store.RequestDeletion({.member = 1, .requested_at = kT0, .erase_at = kT0 + 60}).ok());
}

}  // namespace ledd::store
