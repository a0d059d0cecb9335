// The invitation rules of the PostgreSQL store under concurrent writers in different
// processes: each thread opens its own store object (its own connections, as another
// ledd process would), the threads start together, and afterwards the database is read
// to check that every rule held — the weekly limit, one pending invitation per pair
// (the second sender of a pair accepting the first one's invitation), no pending
// invitation across a block, and the kMaxConnections cap when acceptances race; and the
// cap on saved searches, which SaveSearch checks the same way.
//
// Runs against the test cluster (testing::PostgresTestUri: CTest's fixture
// postgres_cluster, or LEDD_TEST_POSTGRES naming one started by hand); each test creates
// and drops a database of its own. Skipped when there is none.

#include <unistd.h>

#include <atomic>
#include <latch>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "ledd/base/ids.h"
#include "ledd/store/postgres/pg.h"
#include "ledd/store/postgres/postgres_store.h"
#include "testing/postgres_cluster.h"

namespace ledd::store {
namespace {

constexpr Timestamp kT0 = 1'700'000'000;

class PostgresConcurrencyTest : public ::testing::Test {
 protected:
  static constexpr int kThreads = 8;

  void SetUp() override {
    maintenance_ = testing::PostgresTestUri();
    if (maintenance_.empty()) {
      GTEST_SKIP() << "no PostgreSQL test cluster (LEDD_TEST_POSTGRES, LEDD_TEST_POSTGRES_FILE)";
    }
    database_ = fmt::format("pginv_concurrency_{}_{}", getpid(), std::random_device{}());
    absl::StatusOr<std::unique_ptr<postgres::Conn>> admin = postgres::Conn::Connect(maintenance_);
    ASSERT_TRUE(admin.ok()) << admin.status();
    ASSERT_TRUE((*admin)->Exec(fmt::format("CREATE DATABASE {}", database_)).ok());
    created_ = true;
    uri_ = testing::WithDatabase(maintenance_, database_);
    // Opening migrates the schema; the other store objects open it migrated.
    absl::StatusOr<std::unique_ptr<Store>> store = OpenPostgresStore({.conninfo = uri_});
    ASSERT_TRUE(store.ok()) << store.status();
    absl::StatusOr<std::unique_ptr<postgres::Conn>> conn = postgres::Conn::Connect(uri_);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = *std::move(conn);
  }

  void TearDown() override {
    conn_.reset();
    if (!created_) return;
    absl::StatusOr<std::unique_ptr<postgres::Conn>> admin = postgres::Conn::Connect(maintenance_);
    ASSERT_TRUE(admin.ok()) << admin.status();
    EXPECT_TRUE((*admin)->Exec(fmt::format("DROP DATABASE {} WITH (FORCE)", database_)).ok());
  }

  // One store per thread: separate pools, separate connections, as separate processes.
  std::vector<std::unique_ptr<Store>> OpenStores(int count) {
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < count; ++i) {
      absl::StatusOr<std::unique_ptr<Store>> store =
          OpenPostgresStore({.conninfo = uri_, .connections = 2});
      EXPECT_TRUE(store.ok()) << store.status();
      if (store.ok()) stores.push_back(*std::move(store));
    }
    return stores;
  }

  // Members first..last, written directly (the test is about the invitation writes).
  void AddMembers(MemberId first, MemberId last) {
    ASSERT_TRUE(conn_
                    ->Exec(fmt::format("INSERT INTO members (id, handle, created_at) "
                                       "SELECT g, 'member-' || g, 1500000000 "
                                       "FROM generate_series({}, {}) g",
                                       first, last))
                    .ok());
  }

  int64_t Query(const std::string& sql) {
    absl::StatusOr<int64_t> value = conn_->QueryInt(sql);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : -1;
  }

  // Runs body(thread) on kThreads threads that start together.
  template <typename Body>
  static void Race(int threads, Body body) {
    std::latch start(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        start.arrive_and_wait();
        body(t);
      });
    }
    for (std::thread& worker : workers) worker.join();
  }

  std::string maintenance_;
  std::string database_;
  std::string uri_;
  bool created_ = false;
  std::unique_ptr<postgres::Conn> conn_;
};

TEST_F(PostgresConcurrencyTest, WeeklyLimitHoldsAcrossWriters) {
  constexpr int kLimit = 5;
  constexpr int kPerThread = 4;  // 32 attempts for 5 places.
  AddMembers(1, 1 + kThreads * kPerThread);
  std::vector<std::unique_ptr<Store>> stores = OpenStores(kThreads);
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::atomic<int> sent = 0;
  std::atomic<int> refused = 0;
  std::vector<std::string> unexpected(kThreads);
  Race(kThreads, [&](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      const MemberId to = 2 + t * kPerThread + i;
      absl::StatusOr<InvitationWrite> write =
          stores[t]->SendInvitation({.from = 1, .to = to, .at = kT0, .weekly_limit = kLimit});
      if (write.ok()) {
        ++sent;
      } else if (write.status().code() == absl::StatusCode::kFailedPrecondition &&
                 write.status().message().find("weekly invitation limit reached") !=
                     absl::string_view::npos) {
        ++refused;
      } else {
        unexpected[t] += write.status().ToString() + "\n";
      }
    }
  });
  for (const std::string& errors : unexpected) EXPECT_EQ(errors, "");
  EXPECT_EQ(sent.load(), kLimit);
  EXPECT_EQ(refused.load(), kThreads * kPerThread - kLimit);
  EXPECT_EQ(Query("SELECT count(*) FROM invitations WHERE from_member = 1"), kLimit);
  // Each sent invitation notified its recipient, and appended its one event.
  EXPECT_EQ(Query("SELECT count(*) FROM notifications WHERE kind = 'new_invitation'"), kLimit);
  EXPECT_EQ(Query("SELECT count(*) FROM events WHERE kind = 'invitation_changed'"), kLimit);
}

TEST_F(PostgresConcurrencyTest, OnePendingInvitationPerPair) {
  // Pairs (2p + 1, 2p + 2): every thread sends within each pair, half of them one way
  // and half the other, all at once.
  constexpr int kPairs = 12;
  AddMembers(1, 2 * kPairs);
  std::vector<std::unique_ptr<Store>> stores = OpenStores(kThreads);
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::vector<std::map<int, InvitationState>> created(kThreads);  // pair -> state written
  std::vector<std::string> unexpected(kThreads);
  Race(kThreads, [&](int t) {
    for (int p = 0; p < kPairs; ++p) {
      const MemberId low = 2 * p + 1;
      const MemberId high = 2 * p + 2;
      const bool upward = (t + p) % 2 == 0;
      absl::StatusOr<InvitationWrite> write = stores[t]->SendInvitation(
          {.from = upward ? low : high, .to = upward ? high : low, .at = kT0});
      if (write.ok()) {
        created[t][p] = write->invitation.state;
      } else if (write.status().code() != absl::StatusCode::kAlreadyExists) {
        unexpected[t] += write.status().ToString() + "\n";
      }
    }
  });
  for (const std::string& errors : unexpected) EXPECT_EQ(errors, "");
  for (int p = 0; p < kPairs; ++p) {
    SCOPED_TRACE(fmt::format("pair {}", p));
    int pending = 0;
    int accepted = 0;
    for (const auto& writes : created) {
      auto it = writes.find(p);
      if (it == writes.end()) continue;
      pending += it->second == InvitationState::kPending;
      accepted += it->second == InvitationState::kAccepted;
    }
    // One sender created the invitation; at most one from the other side accepted it;
    // every other attempt was refused (already pending, or already connected).
    EXPECT_EQ(pending, 1);
    EXPECT_LE(accepted, 1);
    const MemberId low = 2 * p + 1;
    const MemberId high = 2 * p + 2;
    const std::string pair = fmt::format(
        "LEAST(from_member, to_member) = {} AND GREATEST(from_member, to_member) = {}", low, high);
    EXPECT_EQ(Query("SELECT count(*) FROM invitations WHERE " + pair), 1);
    EXPECT_EQ(
        Query(fmt::format("SELECT count(*) FROM connections WHERE a = {} AND b = {}", low, high)),
        accepted);
    EXPECT_EQ(Query("SELECT count(*) FROM invitations WHERE state = 'accepted' AND " + pair),
              accepted);
  }
  // Opposite senders always met: with four threads each way, someone accepted.
  EXPECT_EQ(Query("SELECT count(*) FROM connections"), kPairs);
}

TEST_F(PostgresConcurrencyTest, NoPendingInvitationAcrossABlock) {
  // Pair (2p + 1, 2p + 2): thread 0 blocks 2p + 2 on behalf of 2p + 1 while the others
  // send invitations both ways.
  constexpr int kPairs = 12;
  AddMembers(1, 2 * kPairs);
  std::vector<std::unique_ptr<Store>> stores = OpenStores(kThreads);
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::vector<std::string> unexpected(kThreads);
  Race(kThreads, [&](int t) {
    for (int p = 0; p < kPairs; ++p) {
      const MemberId blocker = 2 * p + 1;
      const MemberId blocked = 2 * p + 2;
      absl::Status status;
      if (t == 0) {
        status = stores[t]->Block(blocker, blocked, kT0).status();
      } else {
        const bool from_blocked = t % 2 == 1;
        status = stores[t]
                     ->SendInvitation({.from = from_blocked ? blocked : blocker,
                                       .to = from_blocked ? blocker : blocked,
                                       .at = kT0})
                     .status();
        // Refused by the block, or by the pending invitation (or connection) of another.
        if (status.code() == absl::StatusCode::kFailedPrecondition ||
            status.code() == absl::StatusCode::kAlreadyExists) {
          status = absl::OkStatus();
        }
      }
      if (!status.ok()) unexpected[t] += status.ToString() + "\n";
    }
  });
  for (const std::string& errors : unexpected) EXPECT_EQ(errors, "");
  EXPECT_EQ(Query("SELECT count(*) FROM blocks"), kPairs);
  EXPECT_EQ(Query("SELECT count(*) FROM invitations WHERE state = 'pending'"), 0);
}

TEST_F(PostgresConcurrencyTest, ConnectionCapHoldsWhenAcceptancesRace) {
  // Member 1 has kMaxConnections - 2 connections and invitations pending to kThreads
  // members; they all accept at once: two may, the rest are refused by the cap.
  const MemberId first_invited = kMaxConnections + 10;
  AddMembers(1, first_invited + kThreads);
  ASSERT_TRUE(conn_
                  ->Exec(fmt::format("INSERT INTO connections (a, b, created_at) "
                                     "SELECT 1, g, 1500000000 FROM generate_series(2, {}) g",
                                     kMaxConnections - 1))
                  .ok());
  std::vector<std::unique_ptr<Store>> stores = OpenStores(kThreads);
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::vector<InvitationId> invitations;
  for (int t = 0; t < kThreads; ++t) {
    absl::StatusOr<InvitationWrite> write =
        stores[0]->SendInvitation({.from = 1, .to = first_invited + t, .at = kT0});
    ASSERT_TRUE(write.ok()) << write.status();
    invitations.push_back(write->invitation.id);
  }
  std::atomic<int> accepted = 0;
  std::vector<std::string> unexpected(kThreads);
  Race(kThreads, [&](int t) {
    absl::StatusOr<InvitationWrite> write =
        stores[t]->ChangeInvitation(invitations[t], InvitationState::kAccepted, kT0 + 1);
    if (write.ok()) {
      ++accepted;
    } else if (write.status().code() != absl::StatusCode::kFailedPrecondition ||
               write.status().message().find(
                   fmt::format("member 1 already has {} connections", kMaxConnections)) ==
                   absl::string_view::npos) {
      unexpected[t] = write.status().ToString();
    }
  });
  for (const std::string& errors : unexpected) EXPECT_EQ(errors, "");
  EXPECT_EQ(accepted.load(), 2);
  EXPECT_EQ(Query("SELECT count(*) FROM connections WHERE a = 1 OR b = 1"), kMaxConnections);
  EXPECT_EQ(Query("SELECT count(*) FROM invitations WHERE state = 'accepted'"), 2);
  EXPECT_EQ(Query("SELECT count(*) FROM invitations WHERE state = 'pending'"), kThreads - 2);
}

TEST_F(PostgresConcurrencyTest, SavedSearchCapHoldsAcrossWriters) {
  // 64 new names for one member at once: kMaxSavedSearches are saved, the rest refused.
  constexpr int kPerThread = 8;
  AddMembers(1, 1);
  std::vector<std::unique_ptr<Store>> stores = OpenStores(kThreads);
  ASSERT_EQ(stores.size(), static_cast<size_t>(kThreads));
  std::atomic<int> saved = 0;
  std::vector<std::string> unexpected(kThreads);
  Race(kThreads, [&](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      absl::Status status = stores[t]
                                ->SaveSearch({.member = 1,
                                              .name = fmt::format("search {}-{}", t, i),
                                              .filters = {.title = "engineer"},
                                              .created_at = kT0})
                                .status();
      if (status.ok()) {
        ++saved;
      } else if (status.code() != absl::StatusCode::kFailedPrecondition) {
        unexpected[t] += status.ToString() + "\n";
      }
    }
  });
  for (const std::string& errors : unexpected) EXPECT_EQ(errors, "");
  EXPECT_EQ(saved.load(), Store::kMaxSavedSearches);
  EXPECT_EQ(Query("SELECT count(*) FROM saved_searches WHERE member = 1"),
            Store::kMaxSavedSearches);
}

}  // namespace
}  // namespace ledd::store
