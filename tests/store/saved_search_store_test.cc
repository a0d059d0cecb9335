// Saved searches, in every store engine (store_fixture.h): the round trip, a save under
// an existing name replacing it, delete, the listing order, each refused write with
// its code, and their events. (A SQLite database from before saved searches:
// sqlite_store_test.cc.)

#include <memory>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Names(const std::vector<SavedSearch>& searches) {
  std::vector<std::string> names;
  for (const SavedSearch& search : searches) names.push_back(search.name);
  return names;
}

class SavedSearchStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store().Import(Members(2)).ok());
  }

  std::vector<SavedSearch> List(MemberId member) {
    absl::StatusOr<std::vector<SavedSearch>> searches = store().ListSavedSearches(member);
    EXPECT_TRUE(searches.ok()) << searches.status();
    return searches.ok() ? *searches : std::vector<SavedSearch>{};
  }
};

TEST_P(SavedSearchStoreTest, EveryFilterRoundTrips) {
  const SavedSearch search{.member = 1,
                           .name = "engineers in Oslo",
                           .filters = {.title = "ingeniør",
                                       .city = "Oslo",
                                       .country = "NO",
                                       .company = "Statens vegvesen",
                                       .school = "NTNU",
                                       .field = "Civil engineering",
                                       .industry = "Construction",
                                       .name = "Kar"},
                           .created_at = 1'700'000'000};
  ASSERT_TRUE(store().SaveSearch(search).ok());
  EXPECT_THAT(List(1), ElementsAre(search));
  EXPECT_THAT(List(2), IsEmpty());
  EXPECT_THAT(List(99), IsEmpty());  // The store does not check; the service does.
}

TEST_P(SavedSearchStoreTest, AMemberHasAtMostFiftyAndMayStillReplaceOne) {
  auto save = [&](MemberId member, const std::string& name) {
    return store().SaveSearch(
        {.member = member, .name = name, .filters = {.city = name}, .created_at = 10});
  };
  for (int i = 0; i < Store::kMaxSavedSearches; ++i) {
    ASSERT_TRUE(save(1, fmt::format("search {:02}", i)).ok()) << i;
  }
  const absl::StatusOr<EventId> refused = save(1, "one too many");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_THAT(refused.status().message(), HasSubstr("already has 50 saved searches"));
  EXPECT_EQ(List(1).size(), 50u);
  // Replacing one of the fifty is not a new one; another member has their own fifty.
  EXPECT_TRUE(save(1, "search 07").ok());
  EXPECT_TRUE(save(2, "one too many").ok());
  // Deleting one makes room again.
  ASSERT_TRUE(store().DeleteSavedSearch(1, "search 00").ok());
  EXPECT_TRUE(save(1, "one too many").ok());
  EXPECT_EQ(List(1).size(), 50u);
}

TEST_P(SavedSearchStoreTest, SavingUnderAnExistingNameReplacesTheSearch) {
  ASSERT_TRUE(store()
                  .SaveSearch({.member = 1,
                               .name = "oslo",
                               .filters = {.title = "engineer", .city = "Oslo"},
                               .created_at = 10})
                  .ok());
  const SavedSearch replacement{
      .member = 1, .name = "oslo", .filters = {.city = "Oslo"}, .created_at = 20};
  ASSERT_TRUE(store().SaveSearch(replacement).ok());
  // The title filter is gone, not kept from the first version.
  EXPECT_THAT(List(1), ElementsAre(replacement));
  // The same name for another member is another search.
  ASSERT_TRUE(store().SaveSearch({.member = 2, .name = "oslo", .filters = {.city = "Oslo"}}).ok());
  EXPECT_THAT(List(1), ElementsAre(replacement));
  EXPECT_EQ(List(2).size(), 1u);
}

TEST_P(SavedSearchStoreTest, ListsByNameAndDeletesOneByName) {
  for (const char* name : {"lawyers", "Bergen", "engineers"}) {
    ASSERT_TRUE(
        store().SaveSearch({.member = 1, .name = name, .filters = {.industry = name}}).ok());
  }
  EXPECT_THAT(Names(List(1)), ElementsAre("Bergen", "engineers", "lawyers"));
  ASSERT_TRUE(store().DeleteSavedSearch(1, "engineers").ok());
  EXPECT_THAT(Names(List(1)), ElementsAre("Bergen", "lawyers"));

  absl::Status status = store().DeleteSavedSearch(1, "engineers").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("member 1 has no saved search \"engineers\""));
  EXPECT_EQ(store().DeleteSavedSearch(2, "lawyers").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(SavedSearchStoreTest, RefusedSavesSayWhyAndChangeNothing) {
  const EventId before = *store().LastEventId();
  absl::Status no_filter =
      store().SaveSearch({.member = 1, .name = "everyone", .filters = {}}).status();
  EXPECT_EQ(no_filter.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_filter.message(), HasSubstr("saved search \"everyone\" has no filter"));
  absl::Status no_name =
      store().SaveSearch({.member = 1, .name = "", .filters = {.city = "Oslo"}}).status();
  EXPECT_EQ(no_name.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_name.message(), HasSubstr("needs a name"));
  absl::Status unknown =
      store().SaveSearch({.member = 99, .name = "oslo", .filters = {.city = "Oslo"}}).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(unknown.message(), HasSubstr("member 99 does not exist"));
  EXPECT_THAT(List(1), IsEmpty());
  EXPECT_EQ(*store().LastEventId(), before);
}

TEST_P(SavedSearchStoreTest, SavesAndDeletesAreEventsNamingTheMember) {
  const EventId before = *store().LastEventId();
  absl::StatusOr<EventId> saved =
      store().SaveSearch({.member = 2, .name = "oslo", .filters = {.city = "Oslo"}});
  ASSERT_TRUE(saved.ok()) << saved.status();
  absl::StatusOr<EventId> deleted = store().DeleteSavedSearch(2, "oslo");
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(*deleted, *store().LastEventId());

  absl::StatusOr<std::vector<Event>> events = store().EventsAfter(before, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  for (const Event& event : *events) {
    EXPECT_EQ(event.kind, EventKind::kSavedSearchChanged);
    EXPECT_EQ(event.a, 2);
  }
  EXPECT_EQ((*events)[0].id, *saved);
  EXPECT_EQ(EventKindName(EventKind::kSavedSearchChanged), "saved_search_changed");
  EXPECT_EQ(*ParseEventKind("saved_search_changed"), EventKind::kSavedSearchChanged);
}

LEDD_STORE_CONTRACT(SavedSearchStoreTest);

}  // namespace
}  // namespace ledd::store
