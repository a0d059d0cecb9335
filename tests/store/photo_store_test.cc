// Profile photos in the SQLite store, against real database files: set, replace, read
// both sizes, delete, with members.has_photo and the kMemberUpdated event in the same
// transaction; refusals that change nothing; UpdateMember leaving has_photo alone; an
// imported has_photo without a stored photo; and a database from before photos.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::HasSubstr;

Member MakeMember(MemberId id, bool has_photo = false) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.has_photo = has_photo;
  member.created_at = 1'500'000'000;
  return member;
}

std::unique_ptr<Store> Open(const std::string& path, int max_schema_version = 0) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = path, .max_schema_version = max_schema_version});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

// JPEG-like bytes with NULs inside, so a text round trip would cut them.
std::string Bytes(char fill, size_t size) {
  std::string bytes(size, fill);
  bytes[1] = '\0';
  bytes[size / 2] = '\0';
  return bytes;
}

class PhotoStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open(path_);
    ASSERT_NE(store_, nullptr);
    Dataset data;
    data.members = {MakeMember(1), MakeMember(2), MakeMember(3, /*has_photo=*/true)};
    ASSERT_TRUE(store_->Import(data).ok());
  }

  bool HasPhoto(MemberId member) { return store_->GetMember(member)->has_photo; }

  std::vector<Event> EventsSince(EventId after) { return *store_->EventsAfter(after, 100); }

  testing::TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
  std::unique_ptr<Store> store_;
};

TEST_F(PhotoStoreTest, SetStoresBothSizesAndSetsHasPhotoWithAnEvent) {
  const EventId before = *store_->LastEventId();
  const Photo photo{.member = 1,
                    .large = Bytes('L', 30'000),
                    .small = Bytes('s', 3'000),
                    .updated_at = 1'700'000'000};
  absl::StatusOr<EventId> event = store_->SetPhoto(photo);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(HasPhoto(1));
  EXPECT_FALSE(HasPhoto(2));
  EXPECT_EQ(*store_->GetPhoto(1, PhotoSize::kLarge),
            (PhotoBytes{.jpeg = photo.large, .updated_at = photo.updated_at}));
  EXPECT_EQ(*store_->GetPhoto(1, PhotoSize::kSmall),
            (PhotoBytes{.jpeg = photo.small, .updated_at = photo.updated_at}));
  const std::vector<Event> events = EventsSince(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].id, *event);
  EXPECT_EQ(events[0].kind, EventKind::kMemberUpdated);
  EXPECT_EQ(events[0].a, 1);
}

TEST_F(PhotoStoreTest, SetReplacesTheEarlierPhoto) {
  ASSERT_TRUE(store_->SetPhoto({.member = 1, .large = "old", .small = "o", .updated_at = 1}).ok());
  ASSERT_TRUE(store_->SetPhoto({.member = 1, .large = "new", .small = "n", .updated_at = 2}).ok());
  EXPECT_EQ(store_->GetPhoto(1, PhotoSize::kLarge)->jpeg, "new");
  EXPECT_EQ(store_->GetPhoto(1, PhotoSize::kSmall)->updated_at, 2);
  ASSERT_TRUE(store_->DeletePhoto(1).ok());
  EXPECT_TRUE(absl::IsNotFound(store_->GetPhoto(1, PhotoSize::kLarge).status()));
}

TEST_F(PhotoStoreTest, DeleteRemovesThePhotoAndClearsHasPhoto) {
  ASSERT_TRUE(store_->SetPhoto({.member = 2, .large = "L", .small = "s", .updated_at = 5}).ok());
  const EventId before = *store_->LastEventId();
  absl::StatusOr<EventId> event = store_->DeletePhoto(2);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_FALSE(HasPhoto(2));
  EXPECT_TRUE(absl::IsNotFound(store_->GetPhoto(2, PhotoSize::kLarge).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->GetPhoto(2, PhotoSize::kSmall).status()));
  const std::vector<Event> events = EventsSince(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kMemberUpdated);
  EXPECT_EQ(events[0].a, 2);
  // Nothing left to delete.
  absl::StatusOr<EventId> again = store_->DeletePhoto(2);
  EXPECT_TRUE(absl::IsNotFound(again.status()));
  EXPECT_THAT(std::string(again.status().message()), HasSubstr("member 2 has no photo"));
  EXPECT_EQ(*store_->LastEventId(), *event);
}

TEST_F(PhotoStoreTest, RefusalsChangeNothing) {
  const EventId before = *store_->LastEventId();
  for (const Photo& bad :
       {Photo{.member = 1, .large = "", .small = "s"},
        Photo{.member = 1, .large = "L", .small = ""},
        Photo{.member = 1, .large = std::string(Store::kMaxPhotoBytes + 1, 'x'), .small = "s"}}) {
    EXPECT_EQ(store_->SetPhoto(bad).status().code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(
      absl::IsNotFound(store_->SetPhoto({.member = 99, .large = "L", .small = "s"}).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->DeletePhoto(99).status()));
  EXPECT_TRUE(absl::IsNotFound(store_->GetPhoto(99, PhotoSize::kLarge).status()));
  EXPECT_FALSE(HasPhoto(1));
  EXPECT_EQ(*store_->LastEventId(), before);
  // The largest allowed passes.
  EXPECT_TRUE(
      store_
          ->SetPhoto({.member = 1, .large = std::string(Store::kMaxPhotoBytes, 'x'), .small = "s"})
          .ok());
}

TEST_F(PhotoStoreTest, UpdateMemberLeavesHasPhotoAlone) {
  ASSERT_TRUE(store_->SetPhoto({.member = 1, .large = "L", .small = "s", .updated_at = 5}).ok());
  // A profile edit read before the upload says has_photo = false: it must not undo it.
  Member stale = MakeMember(1);
  stale.headline = "Edited";
  ASSERT_TRUE(store_->UpdateMember(stale).ok());
  EXPECT_TRUE(HasPhoto(1));
  EXPECT_EQ(store_->GetMember(1)->headline, "Edited");
  // Nor can an edit claim a photo that was never uploaded.
  ASSERT_TRUE(store_->UpdateMember(MakeMember(2, /*has_photo=*/true)).ok());
  EXPECT_FALSE(HasPhoto(2));
}

TEST_F(PhotoStoreTest, AnImportedHasPhotoWithoutAPhotoCanBeDeleted) {
  EXPECT_TRUE(HasPhoto(3));
  EXPECT_TRUE(absl::IsNotFound(store_->GetPhoto(3, PhotoSize::kLarge).status()));
  ASSERT_TRUE(store_->DeletePhoto(3).ok());
  EXPECT_FALSE(HasPhoto(3));
  EXPECT_TRUE(absl::IsNotFound(store_->DeletePhoto(3).status()));
}

TEST(PhotoStoreMigration, AnOlderDatabaseGainsPhotosAndKeepsItsMembers) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/8);
    ASSERT_NE(store, nullptr);
    Dataset data;
    data.members = {MakeMember(1, /*has_photo=*/true), MakeMember(2)};
    ASSERT_TRUE(store->Import(data).ok());
    EXPECT_FALSE(store->GetPhoto(1, PhotoSize::kLarge).ok());  // No table yet.
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_TRUE(store->GetMember(1)->has_photo);
  EXPECT_TRUE(absl::IsNotFound(store->GetPhoto(1, PhotoSize::kLarge).status()));
  ASSERT_TRUE(store->SetPhoto({.member = 2, .large = "L", .small = "s", .updated_at = 1}).ok());
  EXPECT_TRUE(store->GetMember(2)->has_photo);
}

}  // namespace
}  // namespace ledd::store
