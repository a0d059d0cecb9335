#pragma once
// The store contract suite's common ground: a fixture that gives each test an empty
// database of the engine under test (testing::StoreEngines()), and the members, data
// sets and clock the tests build on. A contract test is a TEST_P of a fixture derived
// from StoreContractTest, and each fixture is instantiated once over the engines:
//
//   class FooStoreTest : public StoreContractTest { ... };
//   TEST_P(FooStoreTest, ...) { ... store().AddMember(...) ... }
//   LEDD_STORE_CONTRACT(FooStoreTest);
//
// which names the tests Store/FooStoreTest.Name/Sqlite (and .../Postgres).

#include <memory>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "ledd/store/store.h"
#include "testing/store_backends.h"

namespace ledd::store {

// A fixed clock: the time the tests' writes happen at.
inline constexpr Timestamp kT0 = 1'700'000'000;
inline constexpr Timestamp kDay = 24 * 3600;

// Member `id` with only what every member needs: handle "member-<id>", first name
// "First<id>".
inline Member MakeMember(MemberId id) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = "First" + std::to_string(id);
  member.created_at = 1'500'000'000;
  return member;
}

// Members 1..count (MakeMember) and nothing else.
inline Dataset Members(MemberId count) {
  Dataset data;
  for (MemberId id = 1; id <= count; ++id) data.members.push_back(MakeMember(id));
  return data;
}

// A small network with one of every record, in deliberately unsorted order.
inline Dataset SmallDataset() {
  Dataset data;
  Member ola = MakeMember(3);
  ola.handle = "ola";
  ola.first_name = "Ola";
  ola.last_name = "Nordmann";
  ola.headline = "Sivilingeniør";
  ola.summary = "Bygger broer, \"store\" og små.";
  ola.has_photo = true;
  ola.city = "Oslo";
  ola.country = "NO";
  ola.industry = "Civil Engineering";
  ola.email = "ola@example.no";
  ola.policy = Policy::kSelective;
  ola.markets = {.kind = Markets::Kind::kListed, .countries = {"NO", "SE"}};
  ola.connections_visibility = ConnectionsVisibility::kOnlyMe;
  Member kari = MakeMember(1);
  kari.markets.kind = Markets::Kind::kInternational;
  data.members = {ola, kari, MakeMember(2), MakeMember(4)};
  data.organizations = {
      {.id = 10,
       .kind = OrganizationKind::kCompany,
       .name = "Statkraft",
       .industry = "Energy",
       .country = "NO"},
      {.id = 20,
       .kind = OrganizationKind::kSchool,
       .name = "NTNU",
       .industry = "Education",
       .country = "NO"},
  };
  data.positions = {
      {.member_id = 3, .organization_id = 10, .title = "Engineer", .start = 1'300'000'000},
      {.member_id = 1,
       .organization_id = 10,
       .title = "CEO",
       .start = 1'200'000'000,
       .end = 1'400'000'000},
      {.member_id = 3, .organization_id = 10, .title = "Senior Engineer", .start = 1'400'000'000},
  };
  data.educations = {
      {.member_id = 3,
       .school_id = 20,
       .field = "Civil Engineering",
       .degree = "MSc",
       .start = 1'100'000'000,
       .end = 1'250'000'000},
  };
  data.connections = {{.a = 3, .b = 1, .created_at = 100},
                      {.a = 1, .b = 2, .created_at = 101},
                      {.a = 2, .b = 3, .created_at = 102}};
  data.invitations = {
      {.id = 7,
       .from = 4,
       .to = 3,
       .note = "Hei!",
       .created_at = 200,
       .state = InvitationState::kPending,
       .kind = "stranger"},
      {.id = 8, .from = 4, .to = 1, .created_at = 201, .state = InvitationState::kIgnored},
      {.id = 9, .from = 1, .to = 4, .created_at = 202, .state = InvitationState::kPending},
  };
  data.follows = {{.follower = 4, .followee = 3, .created_at = 300},
                  {.follower = 1, .followee = 3, .created_at = 301}};
  data.posts = {{.id = 50,
                 .author = 3,
                 .title = "Broer",
                 .body = "Om broer.",
                 .created_at = 400,
                 .views = 12}};
  data.comments = {{.id = 60, .post_id = 50, .author = 1, .body = "Flott!", .created_at = 401}};
  return data;
}

// A token hash as the server makes them: 32 raw bytes (here not random, but distinct).
inline std::string TokenHash(const std::string& seed) {
  std::string hash(32, '\0');
  for (size_t i = 0; i < seed.size() && i < hash.size(); ++i) hash[i] = seed[i];
  hash[31] = '\x7f';
  return hash;
}

// Members 1 and 2, and three organizations (two named alike: "Equinor ASA" in NO,
// "Equinor" in US) for finding organizations by name.
inline Dataset ProfileNetwork() {
  Dataset data;
  for (MemberId id : {1, 2}) {
    data.members.push_back(
        {.id = id, .handle = "member-" + std::to_string(id), .created_at = 1'500'000'000});
  }
  data.organizations = {
      {.id = 10, .kind = OrganizationKind::kCompany, .name = "Equinor ASA", .country = "NO"},
      {.id = 11, .kind = OrganizationKind::kCompany, .name = "Equinor", .country = "US"},
      {.id = 20, .kind = OrganizationKind::kSchool, .name = "NTNU", .country = "NO"},
  };
  return data;
}

class StoreContractTest : public ::testing::TestWithParam<testing::StoreEngine> {
 protected:
  // A fresh database of the engine, opened as store().
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<testing::StoreBackend>> backend = GetParam().make();
    ASSERT_TRUE(backend.ok()) << backend.status();
    backend_ = *std::move(backend);
    Reopen();
  }

  // The store under test. Valid after SetUp (and Reopen) succeeded.
  Store& store() { return *store_; }

  // Closes store() and opens a new Store object on the same database (persistence).
  void Reopen() {
    store_.reset();
    store_ = OpenAnother();
    ASSERT_NE(store_, nullptr);
  }

  // Another Store object on the same database, beside store(): another connection,
  // as another ledd process would have. nullptr (and a failed expectation) on error.
  std::unique_ptr<Store> OpenAnother() {
    absl::StatusOr<std::unique_ptr<Store>> store = backend_->Open();
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Imports `data` into store(), expecting it to succeed.
  void ImportOrDie(const Dataset& data) {
    absl::StatusOr<EventId> imported = store_->Import(data);
    ASSERT_TRUE(imported.ok()) << imported.status();
  }

  testing::StoreBackend& backend() { return *backend_; }

 private:
  std::unique_ptr<testing::StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

}  // namespace ledd::store

// Runs every TEST_P of `fixture` once per engine of testing::StoreEngines().
#define LEDD_STORE_CONTRACT(fixture)                                           \
  INSTANTIATE_TEST_SUITE_P(                                                    \
      Store, fixture, ::testing::ValuesIn(::ledd::testing::StoreEngines()),    \
      [](const ::testing::TestParamInfo<::ledd::testing::StoreEngine>& info) { \
        return info.param.name;                                                \
      })
