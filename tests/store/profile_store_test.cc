// Profile edits, in every store engine (store_fixture.h): UpdateProfile writes the
// profile and the background in one transaction, finding or creating named
// organizations by folded name (+ country) with their events before the member's;
// FindOrAddOrganization's dedup; and nothing is half-saved when an entry is refused.
// (The SQLite migration that folds the names already stored: sqlite_store_test.cc.)

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Members 1 and 2; Equinor ASA (NO, company 10), Equinor (US, company 11), NTNU (school 20).
// Member 1's position titled `title` at organization `id`, or at `named`.
ProfilePosition Job(std::string title, OrganizationId id, std::optional<NamedOrganization> named) {
  ProfilePosition entry;
  entry.position.member_id = 1;
  entry.position.organization_id = id;
  entry.position.title = std::move(title);
  entry.named = std::move(named);
  return entry;
}

ProfileEducation Study(std::string field, std::string degree, NamedOrganization named) {
  ProfileEducation entry;
  entry.education.member_id = 1;
  entry.education.field = std::move(field);
  entry.education.degree = std::move(degree);
  entry.named = std::move(named);
  return entry;
}

class ProfileStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store().Import(ProfileNetwork()).ok());
  }

  std::vector<std::tuple<EventKind, int64_t>> EventsSince(EventId after) {
    std::vector<std::tuple<EventKind, int64_t>> seen;
    const std::vector<Event> events = store().EventsAfter(after, 100).value();
    for (const Event& event : events) {
      seen.emplace_back(event.kind, event.a);
    }
    return seen;
  }
};

TEST_P(ProfileStoreTest, WritesProfileAndBackgroundInOneTransactionCreatingNamedOrganizations) {
  const EventId before = *store().LastEventId();
  Member profile = *store().GetMember(1);
  profile.first_name = "Kari";
  profile.headline = "Geophysicist";
  ProfileUpdate update;
  update.member = 1;
  update.profile = profile;
  update.positions.emplace();
  update.positions->push_back(Job("Geophysicist", 0, NamedOrganization{.name = "equinor asa",
                                                                      .country = "NO"}));
  update.positions->push_back(
      Job("Intern", 0, NamedOrganization{.name = "Aker BP", .country = "NO", .industry = "Oil"}));
  update.positions->push_back(Job("Analyst", 11, std::nullopt));
  update.positions->push_back(
      Job("Summer job", 0, NamedOrganization{.name = "AKER  BP", .country = "NO"}));
  update.educations.emplace();
  update.educations->push_back(Study("Geofysikk", "MSc", NamedOrganization{.name = "ntnu"}));
  update.educations->push_back(
      Study("Physics", "", NamedOrganization{.name = "Universitetet i Bergen", .country = "NO"}));
  absl::StatusOr<ProfileWrite> write = store().UpdateProfile(update);
  ASSERT_TRUE(write.ok()) << write.status();

  // "equinor asa" is Equinor ASA (10); "ntnu" is NTNU of any country; Aker BP is new
  // (21, one above the largest id) and named twice in one write, created once; a
  // school named like no school is created as one (22).
  ASSERT_EQ(write->created.size(), 2u);
  EXPECT_EQ(write->created[0], (Organization{.id = 21,
                                             .kind = OrganizationKind::kCompany,
                                             .name = "Aker BP",
                                             .industry = "Oil",
                                             .country = "NO"}));
  EXPECT_EQ(write->created[1].id, 22);
  EXPECT_EQ(write->created[1].kind, OrganizationKind::kSchool);
  std::vector<OrganizationId> employers;
  const std::vector<Position> positions = store().GetPositions(1).value();
  for (const Position& position : positions) {
    employers.push_back(position.organization_id);
  }
  EXPECT_THAT(employers, ElementsAre(10, 21, 11, 21));  // In the order given.
  EXPECT_EQ(positions, write->positions);
  std::vector<Education> educations = *store().GetEducations(1);
  ASSERT_EQ(educations.size(), 2u);
  EXPECT_EQ(educations[0].school_id, 20);
  EXPECT_EQ(educations[0].degree, "MSc");
  EXPECT_EQ(educations[1].school_id, 22);
  EXPECT_EQ(store().GetMember(1)->first_name, "Kari");
  EXPECT_EQ(store().GetMember(1)->headline, "Geophysicist");

  // The organizations' events come before the member's, so a follower knows them.
  EXPECT_THAT(EventsSince(before),
              ElementsAre(std::tuple(EventKind::kOrganizationAdded, 21),
                          std::tuple(EventKind::kOrganizationAdded, 22),
                          std::tuple(EventKind::kMemberUpdated, 1)));
  EXPECT_EQ(write->event, *store().LastEventId());
}

TEST_P(ProfileStoreTest, ListsLeftOutAreKept) {
  ASSERT_TRUE(store()
                  .ReplaceBackground(1, {{.member_id = 1, .organization_id = 10}},
                                     {{.member_id = 1, .school_id = 20}})
                  .ok());
  absl::StatusOr<ProfileWrite> write = store().UpdateProfile(
      {.member = 1, .educations = std::vector<ProfileEducation>{}});  // Clears educations only.
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(store().GetPositions(1)->size(), 1u);
  EXPECT_TRUE(store().GetEducations(1)->empty());
  EXPECT_EQ(write->positions.size(), 1u);
}

TEST_P(ProfileStoreTest, ARefusedEntryLeavesEverythingAsItWas) {
  const Counts counts = *store().Count();
  const EventId before = *store().LastEventId();
  Member profile = *store().GetMember(1);
  profile.headline = "Changed";
  auto refused = [&](const std::string& name, const ProfileUpdate& update, absl::StatusCode code,
                     const std::string& message) {
    absl::StatusOr<ProfileWrite> write = store().UpdateProfile(update);
    EXPECT_EQ(write.status().code(), code) << name << ": " << write.status();
    EXPECT_THAT(write.status().message(), HasSubstr(message)) << name;
  };
  auto at_named = [](NamedOrganization named) {
    ProfilePosition entry;
    entry.position.member_id = 1;
    entry.named = std::move(named);
    return entry;
  };
  auto at_id = [](OrganizationId id) {
    ProfilePosition entry;
    entry.position.member_id = 1;
    entry.position.organization_id = id;
    return entry;
  };
  ProfileUpdate update;
  update.member = 1;
  update.profile = profile;
  update.positions = {at_named({.name = "Brand New AS"}), at_id(99)};
  refused("unknown organization id after a new one", update, absl::StatusCode::kNotFound,
          "positions[1]: organization 99 does not exist");

  update = {};
  update.member = 1;
  ProfileEducation at_school;
  at_school.education.member_id = 1;
  at_school.education.school_id = 98;
  update.educations = {at_school};
  refused("unknown school id", update, absl::StatusCode::kNotFound,
          "educations[0]: school 98 does not exist");

  update = {};
  update.member = 1;
  update.positions = {at_named({.name = "X AS", .country = "XX"})};
  refused("bad country", update, absl::StatusCode::kInvalidArgument,
          "positions[0]: \"XX\" is not an ISO 3166 country code");
  update.positions = {at_named({.name = "--"})};
  refused("name of punctuation", update, absl::StatusCode::kInvalidArgument,
          "positions[0]: \"--\" is no organization name");
  update.positions = {at_named({.name = std::string(201, 'a')})};
  refused("oversized name", update, absl::StatusCode::kInvalidArgument,
          "positions[0]: the organization name has 201 characters");
  update = {};
  update.member = 42;
  refused("unknown member", update, absl::StatusCode::kNotFound, "member 42 does not exist");
  EXPECT_EQ(*store().Count(), counts);
  EXPECT_EQ(*store().LastEventId(), before);
  EXPECT_EQ(store().GetMember(1)->headline, "");
}

TEST_P(ProfileStoreTest, FindOrAddOrganizationFindsByFoldedNameKindAndCountry) {
  const EventId before = *store().LastEventId();
  absl::StatusOr<OrganizationWrite> found = store().FindOrAddOrganization(
      {.kind = OrganizationKind::kCompany, .name = "EQUINOR asa", .country = "NO"});
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_FALSE(found->created);
  EXPECT_EQ(found->organization.id, 10);
  EXPECT_EQ(found->organization.name, "Equinor ASA");
  EXPECT_EQ(*store().LastEventId(), before);  // Nothing written.

  // Another country, or the other kind, is another organization.
  absl::StatusOr<OrganizationWrite> swedish = store().FindOrAddOrganization(
      {.kind = OrganizationKind::kCompany, .name = "Equinor ASA", .country = "SE"});
  ASSERT_TRUE(swedish.ok());
  EXPECT_TRUE(swedish->created);
  EXPECT_EQ(swedish->organization.id, 21);
  absl::StatusOr<OrganizationWrite> school = store().FindOrAddOrganization(
      {.kind = OrganizationKind::kSchool, .name = "Equinor ASA", .country = "NO"});
  ASSERT_TRUE(school.ok());
  EXPECT_TRUE(school->created);
  EXPECT_EQ(school->organization.id, 22);
  EXPECT_THAT(EventsSince(before), ElementsAre(std::tuple(EventKind::kOrganizationAdded, 21),
                                               std::tuple(EventKind::kOrganizationAdded, 22)));

  // Without a country any country's matches, the lowest id first.
  absl::StatusOr<OrganizationWrite> any =
      store().FindOrAddOrganization({.kind = OrganizationKind::kCompany, .name = "equinor"});
  ASSERT_TRUE(any.ok());
  EXPECT_FALSE(any->created);
  EXPECT_EQ(any->organization.id, 11);

  EXPECT_EQ(store().FindOrAddOrganization({.name = "Acme", .country = "XX"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().FindOrAddOrganization({.name = " "}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

LEDD_STORE_CONTRACT(ProfileStoreTest);

}  // namespace
}  // namespace ledd::store
