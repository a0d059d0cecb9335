// Profile photos, in every store engine (store_fixture.h): set, replace, read both
// sizes, delete, with members.has_photo and the kMemberUpdated event in the same
// transaction; refusals that change nothing; UpdateMember leaving has_photo alone; and
// an imported has_photo without a stored photo. (A SQLite database from before photos:
// sqlite_store_test.cc.)

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::HasSubstr;

// MakeMember(id) that says it has a photo (whether one is stored or not).
Member WithPhoto(MemberId id) {
  Member member = MakeMember(id);
  member.has_photo = true;
  return member;
}

// JPEG-like bytes with NULs inside, so a text round trip would cut them.
std::string Bytes(char fill, size_t size) {
  std::string bytes(size, fill);
  bytes[1] = '\0';
  bytes[size / 2] = '\0';
  return bytes;
}

class PhotoStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    Dataset data;
    data.members = {MakeMember(1), MakeMember(2), WithPhoto(3)};
    ASSERT_TRUE(store().Import(data).ok());
  }

  bool HasPhoto(MemberId member) { return store().GetMember(member)->has_photo; }

  std::vector<Event> EventsSince(EventId after) { return *store().EventsAfter(after, 100); }
};

TEST_P(PhotoStoreTest, SetStoresBothSizesAndSetsHasPhotoWithAnEvent) {
  const EventId before = *store().LastEventId();
  const Photo photo{.member = 1,
                    .large = Bytes('L', 30'000),
                    .small = Bytes('s', 3'000),
                    .updated_at = 1'700'000'000};
  absl::StatusOr<EventId> event = store().SetPhoto(photo);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(HasPhoto(1));
  EXPECT_FALSE(HasPhoto(2));
  EXPECT_EQ(*store().GetPhoto(1, PhotoSize::kLarge),
            (PhotoBytes{.jpeg = photo.large, .updated_at = photo.updated_at}));
  EXPECT_EQ(*store().GetPhoto(1, PhotoSize::kSmall),
            (PhotoBytes{.jpeg = photo.small, .updated_at = photo.updated_at}));
  const std::vector<Event> events = EventsSince(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].id, *event);
  EXPECT_EQ(events[0].kind, EventKind::kMemberUpdated);
  EXPECT_EQ(events[0].a, 1);
}

TEST_P(PhotoStoreTest, SetReplacesTheEarlierPhoto) {
  ASSERT_TRUE(store().SetPhoto({.member = 1, .large = "old", .small = "o", .updated_at = 1}).ok());
  ASSERT_TRUE(store().SetPhoto({.member = 1, .large = "new", .small = "n", .updated_at = 2}).ok());
  EXPECT_EQ(store().GetPhoto(1, PhotoSize::kLarge)->jpeg, "new");
  EXPECT_EQ(store().GetPhoto(1, PhotoSize::kSmall)->updated_at, 2);
  ASSERT_TRUE(store().DeletePhoto(1).ok());
  EXPECT_TRUE(absl::IsNotFound(store().GetPhoto(1, PhotoSize::kLarge).status()));
}

TEST_P(PhotoStoreTest, DeleteRemovesThePhotoAndClearsHasPhoto) {
  ASSERT_TRUE(store().SetPhoto({.member = 2, .large = "L", .small = "s", .updated_at = 5}).ok());
  const EventId before = *store().LastEventId();
  absl::StatusOr<EventId> event = store().DeletePhoto(2);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_FALSE(HasPhoto(2));
  EXPECT_TRUE(absl::IsNotFound(store().GetPhoto(2, PhotoSize::kLarge).status()));
  EXPECT_TRUE(absl::IsNotFound(store().GetPhoto(2, PhotoSize::kSmall).status()));
  const std::vector<Event> events = EventsSince(before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kMemberUpdated);
  EXPECT_EQ(events[0].a, 2);
  // Nothing left to delete.
  absl::StatusOr<EventId> again = store().DeletePhoto(2);
  EXPECT_TRUE(absl::IsNotFound(again.status()));
  EXPECT_THAT(std::string(again.status().message()), HasSubstr("member 2 has no photo"));
  EXPECT_EQ(*store().LastEventId(), *event);
}

TEST_P(PhotoStoreTest, RefusalsChangeNothing) {
  const EventId before = *store().LastEventId();
  for (const Photo& bad :
       {Photo{.member = 1, .large = "", .small = "s"},
        Photo{.member = 1, .large = "L", .small = ""},
        Photo{.member = 1, .large = std::string(Store::kMaxPhotoBytes + 1, 'x'), .small = "s"}}) {
    EXPECT_EQ(store().SetPhoto(bad).status().code(), absl::StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(
      absl::IsNotFound(store().SetPhoto({.member = 99, .large = "L", .small = "s"}).status()));
  EXPECT_TRUE(absl::IsNotFound(store().DeletePhoto(99).status()));
  EXPECT_TRUE(absl::IsNotFound(store().GetPhoto(99, PhotoSize::kLarge).status()));
  EXPECT_FALSE(HasPhoto(1));
  EXPECT_EQ(*store().LastEventId(), before);
  // The largest allowed passes.
  EXPECT_TRUE(
      store()
          .SetPhoto({.member = 1, .large = std::string(Store::kMaxPhotoBytes, 'x'), .small = "s"})
          .ok());
}

TEST_P(PhotoStoreTest, UpdateMemberLeavesHasPhotoAlone) {
  ASSERT_TRUE(store().SetPhoto({.member = 1, .large = "L", .small = "s", .updated_at = 5}).ok());
  // A profile edit read before the upload says has_photo = false: it must not undo it.
  Member stale = MakeMember(1);
  stale.headline = "Edited";
  ASSERT_TRUE(store().UpdateMember(stale).ok());
  EXPECT_TRUE(HasPhoto(1));
  EXPECT_EQ(store().GetMember(1)->headline, "Edited");
  // Nor can an edit claim a photo that was never uploaded.
  ASSERT_TRUE(store().UpdateMember(WithPhoto(2)).ok());
  EXPECT_FALSE(HasPhoto(2));
}

TEST_P(PhotoStoreTest, AnImportedHasPhotoWithoutAPhotoCanBeDeleted) {
  EXPECT_TRUE(HasPhoto(3));
  EXPECT_TRUE(absl::IsNotFound(store().GetPhoto(3, PhotoSize::kLarge).status()));
  ASSERT_TRUE(store().DeletePhoto(3).ok());
  EXPECT_FALSE(HasPhoto(3));
  EXPECT_TRUE(absl::IsNotFound(store().DeletePhoto(3).status()));
}

LEDD_STORE_CONTRACT(PhotoStoreTest);

}  // namespace
}  // namespace ledd::store
