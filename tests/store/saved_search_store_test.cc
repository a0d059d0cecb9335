// Saved searches in the SQLite store, against real database files: the round trip, a
// save under an existing name replacing it, delete, the listing order, each refused
// write with its code, their events, and a database from before saved searches
// (schema version 3) upgraded with its data kept.

#include <memory>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Member MakeMember(MemberId id) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.created_at = 1'500'000'000;
  return member;
}

Dataset TwoMembers() {
  Dataset data;
  data.members = {MakeMember(1), MakeMember(2)};
  return data;
}

std::unique_ptr<Store> Open(const std::string& path, int max_schema_version = 0) {
  absl::StatusOr<std::unique_ptr<Store>> store =
      OpenSqliteStore({.path = path, .max_schema_version = max_schema_version});
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

std::vector<std::string> Names(const std::vector<SavedSearch>& searches) {
  std::vector<std::string> names;
  for (const SavedSearch& search : searches) names.push_back(search.name);
  return names;
}

class SavedSearchStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open(dir_.File("ledd.db"));
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->Import(TwoMembers()).ok());
  }

  std::vector<SavedSearch> List(MemberId member) {
    absl::StatusOr<std::vector<SavedSearch>> searches = store_->ListSavedSearches(member);
    EXPECT_TRUE(searches.ok()) << searches.status();
    return searches.ok() ? *searches : std::vector<SavedSearch>{};
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SavedSearchStoreTest, EveryFilterRoundTrips) {
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
  ASSERT_TRUE(store_->SaveSearch(search).ok());
  EXPECT_THAT(List(1), ElementsAre(search));
  EXPECT_THAT(List(2), IsEmpty());
  EXPECT_THAT(List(99), IsEmpty());  // The store does not check; the service does.
}

TEST_F(SavedSearchStoreTest, AMemberHasAtMostFiftyAndMayStillReplaceOne) {
  auto save = [&](MemberId member, const std::string& name) {
    return store_->SaveSearch(
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
  ASSERT_TRUE(store_->DeleteSavedSearch(1, "search 00").ok());
  EXPECT_TRUE(save(1, "one too many").ok());
  EXPECT_EQ(List(1).size(), 50u);
}

TEST_F(SavedSearchStoreTest, SavingUnderAnExistingNameReplacesTheSearch) {
  ASSERT_TRUE(store_
                  ->SaveSearch({.member = 1,
                                .name = "oslo",
                                .filters = {.title = "engineer", .city = "Oslo"},
                                .created_at = 10})
                  .ok());
  const SavedSearch replacement{
      .member = 1, .name = "oslo", .filters = {.city = "Oslo"}, .created_at = 20};
  ASSERT_TRUE(store_->SaveSearch(replacement).ok());
  // The title filter is gone, not kept from the first version.
  EXPECT_THAT(List(1), ElementsAre(replacement));
  // The same name for another member is another search.
  ASSERT_TRUE(store_->SaveSearch({.member = 2, .name = "oslo", .filters = {.city = "Oslo"}}).ok());
  EXPECT_THAT(List(1), ElementsAre(replacement));
  EXPECT_EQ(List(2).size(), 1u);
}

TEST_F(SavedSearchStoreTest, ListsByNameAndDeletesOneByName) {
  for (const char* name : {"lawyers", "Bergen", "engineers"}) {
    ASSERT_TRUE(
        store_->SaveSearch({.member = 1, .name = name, .filters = {.industry = name}}).ok());
  }
  EXPECT_THAT(Names(List(1)), ElementsAre("Bergen", "engineers", "lawyers"));
  ASSERT_TRUE(store_->DeleteSavedSearch(1, "engineers").ok());
  EXPECT_THAT(Names(List(1)), ElementsAre("Bergen", "lawyers"));

  absl::Status status = store_->DeleteSavedSearch(1, "engineers").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("member 1 has no saved search \"engineers\""));
  EXPECT_EQ(store_->DeleteSavedSearch(2, "lawyers").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(SavedSearchStoreTest, RefusedSavesSayWhyAndChangeNothing) {
  const EventId before = *store_->LastEventId();
  absl::Status no_filter =
      store_->SaveSearch({.member = 1, .name = "everyone", .filters = {}}).status();
  EXPECT_EQ(no_filter.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_filter.message(), HasSubstr("saved search \"everyone\" has no filter"));
  absl::Status no_name =
      store_->SaveSearch({.member = 1, .name = "", .filters = {.city = "Oslo"}}).status();
  EXPECT_EQ(no_name.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_name.message(), HasSubstr("needs a name"));
  absl::Status unknown =
      store_->SaveSearch({.member = 99, .name = "oslo", .filters = {.city = "Oslo"}}).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(unknown.message(), HasSubstr("member 99 does not exist"));
  EXPECT_THAT(List(1), IsEmpty());
  EXPECT_EQ(*store_->LastEventId(), before);
}

TEST_F(SavedSearchStoreTest, SavesAndDeletesAreEventsNamingTheMember) {
  const EventId before = *store_->LastEventId();
  absl::StatusOr<EventId> saved =
      store_->SaveSearch({.member = 2, .name = "oslo", .filters = {.city = "Oslo"}});
  ASSERT_TRUE(saved.ok()) << saved.status();
  absl::StatusOr<EventId> deleted = store_->DeleteSavedSearch(2, "oslo");
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(*deleted, *store_->LastEventId());

  absl::StatusOr<std::vector<Event>> events = store_->EventsAfter(before, 10);
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

TEST(SavedSearchStoreMigration, AVersion3DatabaseGainsSavedSearchesAndKeepsItsData) {
  testing::TempDir dir;
  const std::string path = dir.File("ledd.db");
  InvitationId invitation = 0;
  {
    std::unique_ptr<Store> store = Open(path, /*max_schema_version=*/3);
    ASSERT_NE(store, nullptr);
    // Imported, not sent: this build's SendInvitation checks tables that version 3
    // lacks (blocks), so the pending invitation is loaded as an older ledd left it.
    Dataset data = TwoMembers();
    invitation = 7;
    data.invitations.push_back({.id = invitation, .from = 1, .to = 2, .created_at = 5});
    ASSERT_TRUE(store->Import(data).ok());
    EXPECT_EQ(InspectSqliteStore(*store)->schema_version, 3);
    // Version 3 has no table for them.
    EXPECT_FALSE(store->ListSavedSearches(1).ok());
  }
  std::unique_ptr<Store> store = Open(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(InspectSqliteStore(*store)->schema_version, SqliteSchemaVersion());
  EXPECT_EQ(store->Count()->members, 2);
  absl::StatusOr<Invitation> kept = store->GetInvitation(invitation);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->state, InvitationState::kPending);
  EXPECT_EQ(*store->LastEventId(), 1);  // The import's.

  const SavedSearch search{.member = 2, .name = "oslo", .filters = {.city = "Oslo"}};
  ASSERT_TRUE(store->SaveSearch(search).ok());
  EXPECT_THAT(*store->ListSavedSearches(2), ElementsAre(search));
}

}  // namespace
}  // namespace ledd::store
