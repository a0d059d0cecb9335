// Sign-ups on the PostgreSQL store from several processes at once: each thread has its
// own store object (its own connections), as separate ledd replicas would. A sign-up
// picks the member id one above the largest ever given (erased ones included); two that
// read the same largest id conflict, and the one that loses runs again, so every
// sign-up succeeds with an id of its own. Sign-ups racing for one email or one handle:
// exactly one wins, the others get the readable AlreadyExists of the check. Likewise an
// invitation link claimed by racing sign-ups, and email invitations racing to one
// address.
//
// Skipped unless LEDD_TEST_POSTGRES holds a cluster's maintenance database URI.

#include <algorithm>
#include <barrier>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/postgres_test_db.h"

namespace ledd::store {
namespace {

constexpr Timestamp kT0 = 1'700'000'000;
constexpr int kThreads = 4;

class PostgresSignUpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing_pg::MaintenanceUri().empty()) GTEST_SKIP() << "LEDD_TEST_POSTGRES is not set";
    absl::StatusOr<std::unique_ptr<testing_pg::TestDatabase>> db =
        testing_pg::TestDatabase::Create("signup");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    // Migrates the empty database once, before the writers start.
    absl::StatusOr<std::unique_ptr<Store>> store = db_->Open(1);
    ASSERT_TRUE(store.ok()) << store.status();
  }

  // One store per thread, opened before any of them writes.
  std::vector<std::unique_ptr<Store>> OpenStores() {
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < kThreads; ++i) {
      absl::StatusOr<std::unique_ptr<Store>> store = db_->Open(2);
      EXPECT_TRUE(store.ok()) << store.status();
      if (store.ok()) stores.push_back(*std::move(store));
    }
    return stores;
  }

  std::unique_ptr<testing_pg::TestDatabase> db_;
};

Member Newcomer(const std::string& handle) {
  return Member{.id = 0, .handle = handle, .first_name = "New", .created_at = kT0};
}

TEST_F(PostgresSignUpTest, ConcurrentSignUpsAllSucceedWithIdsOfTheirOwn) {
  // Member 100 was erased: no newcomer may get an id up to it.
  db_->Exec("INSERT INTO erased_members (id) VALUES (100)");
  constexpr int kEach = 12;
  std::vector<std::unique_ptr<Store>> stores = OpenStores();
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::barrier start(kThreads);
  std::mutex mu;
  std::vector<MemberId> ids;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) {
        const std::string name = fmt::format("t{}-{}", t, i);
        absl::StatusOr<MemberId> id = stores[t]->AddMemberWithAccount(
            Newcomer(name),
            {.email = name + "@example.org", .password_hash = "h", .created_at = kT0 + i}, {});
        std::lock_guard lock(mu);
        if (id.ok()) {
          ids.push_back(*id);
        } else {
          failures.push_back(fmt::format("{}: {}", name, id.status().ToString()));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(failures, ::testing::IsEmpty());
  std::sort(ids.begin(), ids.end());
  std::vector<MemberId> expected;
  for (int i = 1; i <= kThreads * kEach; ++i) expected.push_back(100 + i);
  EXPECT_EQ(ids, expected);
  // Each member has its account, and one kMemberAdded each.
  EXPECT_EQ(db_->Count("SELECT count(*) FROM members"), kThreads * kEach);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM accounts a JOIN members m ON m.id = a.member "
                       "WHERE a.email = m.handle || '@example.org'"),
            kThreads * kEach);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM events WHERE kind = 'member_added'"),
            kThreads * kEach);
}

// Every thread signs up with the same email (and different handles), or the same
// handle (and different emails): one wins, the rest are told why.
TEST_F(PostgresSignUpTest, RacesForOneEmailOrHandleHaveOneWinner) {
  for (const bool same_email : {true, false}) {
    SCOPED_TRACE(same_email ? "one email" : "one handle");
    std::vector<std::unique_ptr<Store>> stores = OpenStores();
    ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
    std::barrier start(kThreads);
    std::mutex mu;
    std::vector<absl::Status> results;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        const std::string round = same_email ? "email" : "handle";
        const std::string handle = same_email ? fmt::format("{}-{}", round, t) : round;
        const std::string email =
            same_email ? round + "@example.org" : fmt::format("{}-{}@example.org", round, t);
        start.arrive_and_wait();
        absl::StatusOr<MemberId> id = stores[t]->AddMemberWithAccount(
            Newcomer(handle), {.email = email, .password_hash = "h", .created_at = kT0}, {});
        std::lock_guard lock(mu);
        results.push_back(id.status());
      });
    }
    for (std::thread& thread : threads) thread.join();
    int won = 0;
    for (const absl::Status& status : results) {
      if (status.ok()) {
        ++won;
        continue;
      }
      EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
      if (same_email) {
        EXPECT_EQ(status.message(), "an account with that email already exists");
      } else {
        EXPECT_THAT(std::string(status.message()),
                    ::testing::StartsWith("handle \"handle\" is taken by member"));
      }
    }
    EXPECT_EQ(won, 1);
  }
  EXPECT_EQ(db_->Count("SELECT count(*) FROM members"), 2);
}

// Every thread signs up with the same invitation link (and an email of its own): all
// become members, and the link's email invitation becomes one invitation, to one of
// them.
TEST_F(PostgresSignUpTest, OneInvitationLinkIsClaimedOnceAmongRacingSignUps) {
  db_->Exec("INSERT INTO members (id, handle, created_at) VALUES (1, 'sender', 1)");
  std::vector<std::unique_ptr<Store>> stores = OpenStores();
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  absl::StatusOr<EmailInvitation> sent = stores[0]->AddEmailInvitation(
      {.from = 1, .email = "friend@example.org", .token_hash = "link", .at = kT0});
  ASSERT_TRUE(sent.ok()) << sent.status();
  std::barrier start(kThreads);
  std::mutex mu;
  std::vector<absl::Status> results;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string name = fmt::format("linked-{}", t);
      start.arrive_and_wait();
      absl::StatusOr<MemberId> id = stores[t]->AddMemberWithAccount(
          Newcomer(name),
          {.email = name + "@example.org", .password_hash = "h", .created_at = kT0 + 1},
          {.invite_token_hash = "link"});
      std::lock_guard lock(mu);
      results.push_back(id.status());
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const absl::Status& status : results) EXPECT_TRUE(status.ok()) << status;
  absl::StatusOr<EmailInvitation> claimed = stores[0]->GetEmailInvitation(sent->id);
  ASSERT_TRUE(claimed.ok()) << claimed.status();
  EXPECT_EQ(claimed->state, EmailInvitationState::kAccepted);
  ASSERT_TRUE(claimed->claimed_by.has_value());
  EXPECT_EQ(db_->Count("SELECT count(*) FROM invitations"), 1);
  EXPECT_EQ(db_->Count("SELECT to_member FROM invitations"), *claimed->claimed_by);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM notifications WHERE kind = 'new_invitation'"), 1);
}

// Every thread invites one address from one member (each with a link of its own): one
// pending email invitation stands, the others are told it exists.
TEST_F(PostgresSignUpTest, RacingEmailInvitationsToOneAddressLeaveOnePending) {
  db_->Exec("INSERT INTO members (id, handle, created_at) VALUES (1, 'sender', 1)");
  std::vector<std::unique_ptr<Store>> stores = OpenStores();
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::barrier start(kThreads);
  std::mutex mu;
  std::vector<absl::Status> results;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      absl::StatusOr<EmailInvitation> sent =
          stores[t]->AddEmailInvitation({.from = 1,
                                         .email = "Friend@Example.org",
                                         .token_hash = fmt::format("link-{}", t),
                                         .at = kT0});
      std::lock_guard lock(mu);
      results.push_back(sent.status());
    });
  }
  for (std::thread& thread : threads) thread.join();
  int sent = 0;
  for (const absl::Status& status : results) {
    if (status.ok()) {
      ++sent;
      continue;
    }
    EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
    EXPECT_THAT(std::string(status.message()),
                ::testing::StartsWith("a pending email invitation from member 1 to "
                                      "friend@example.org already exists"));
  }
  EXPECT_EQ(sent, 1);
  EXPECT_EQ(db_->Count("SELECT count(*) FROM email_invitations"), 1);
}

}  // namespace
}  // namespace ledd::store
