// SocialService's appearances over a real SQLite store: who may read, change and delete
// them, and the cap on how many a member may have.

#include <memory>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/service/social.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::service {
namespace {

using ::testing::HasSubstr;

constexpr Timestamp kT0 = 1'700'000'000;

store::Appearance Talk(std::string title, Timestamp date = kT0 - 86400) {
  return {.kind = store::AppearanceKind::kTalk, .title = std::move(title), .date = date};
}

// Members 1, 2 and 3; the clock stands at kT0.
class SocialServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Store>> opened =
        store::OpenSqliteStore({.path = dir_.File("ledd.db")});
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
    store::Dataset data;
    for (MemberId id = 1; id <= 3; ++id) {
      data.members.push_back({.id = id,
                              .handle = "m" + std::to_string(id),
                              .first_name = "M",
                              .last_name = std::to_string(id),
                              .created_at = kT0 - 86400 * 365});
    }
    ASSERT_TRUE(store_->Import(data).ok());
    social_ = std::make_unique<SocialService>(*store_, nullptr,
                                              SocialServiceOptions{.clock = [] { return kT0; }});
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<SocialService> social_;
};

TEST_F(SocialServiceTest, OnlyTheMemberChangesOrDeletesTheirAppearance) {
  absl::StatusOr<store::Appearance> added = social_->AddAppearance(1, Talk("Bruer"));
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->member, 1);
  EXPECT_EQ(added->created_at, kT0);
  store::Appearance change = Talk("Bruer og tunneler");
  change.id = added->id;
  absl::Status refused = social_->UpdateAppearance(2, change).status();
  EXPECT_TRUE(absl::IsNotFound(refused)) << refused;
  EXPECT_EQ(refused.message(), fmt::format("appearance {} does not exist", added->id));
  EXPECT_TRUE(absl::IsNotFound(social_->DeleteAppearance(2, added->id)));
  EXPECT_EQ(social_->GetAppearance(added->id, 2)->title, "Bruer");

  absl::StatusOr<store::Appearance> changed = social_->UpdateAppearance(1, change);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->title, "Bruer og tunneler");
  EXPECT_EQ(changed->member, 1);
  ASSERT_TRUE(social_->DeleteAppearance(1, added->id).ok());
  EXPECT_TRUE(social_->Appearances(1, 2)->empty());
}

TEST_F(SocialServiceTest, ABlockedViewerIsAnsweredAsForNothing) {
  absl::StatusOr<store::Appearance> added = social_->AddAppearance(1, Talk("Bruer"));
  ASSERT_TRUE(added.ok());
  ASSERT_TRUE(store_->Block(1, 2, kT0).ok());
  absl::Status hidden = social_->GetAppearance(added->id, 2).status();
  absl::Status missing = social_->GetAppearance(added->id + 1000, 2).status();
  EXPECT_TRUE(absl::IsNotFound(hidden));
  EXPECT_EQ(hidden.message(), fmt::format("appearance {} does not exist", added->id));
  EXPECT_TRUE(absl::IsNotFound(missing));
  absl::Status list = social_->Appearances(1, 2).status();
  EXPECT_TRUE(absl::IsNotFound(list));
  EXPECT_EQ(list.message(), "member 1 not found");
  EXPECT_EQ(social_->Appearances(99, 2).status().message(), "member 99 not found");
  // The member who blocked is not hidden from; nor is anyone else.
  EXPECT_EQ(social_->Appearances(1, 3)->size(), 1u);
  EXPECT_TRUE(social_->GetAppearance(added->id, 1).ok());
}

TEST_F(SocialServiceTest, AMemberHasAtMostTheCapOfAppearances) {
  for (int i = 0; i < store::Store::kMaxAppearances; ++i) {
    ASSERT_TRUE(social_->AddAppearance(3, Talk("Talk " + std::to_string(i))).ok()) << i;
  }
  absl::Status full = social_->AddAppearance(3, Talk("One too many")).status();
  EXPECT_EQ(full.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(full.message(), HasSubstr("200 appearances"));
  // Deleting one makes room again; others are not affected.
  std::vector<store::Appearance> listed = *social_->Appearances(3, 3);
  ASSERT_EQ(listed.size(), static_cast<size_t>(store::Store::kMaxAppearances));
  ASSERT_TRUE(social_->DeleteAppearance(3, listed.front().id).ok());
  EXPECT_TRUE(social_->AddAppearance(3, Talk("Room again")).ok());
  EXPECT_TRUE(social_->AddAppearance(2, Talk("Another member's")).ok());
  // What ValidateAppearance refuses is refused before any count.
  EXPECT_EQ(social_->AddAppearance(2, Talk("")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ledd::service
