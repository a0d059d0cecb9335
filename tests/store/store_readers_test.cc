// Reads beside a held write lock, against real SQLite files: another connection (as
// another process would) takes the write lock with BEGIN IMMEDIATE and keeps it for
// seconds; a write through the store then waits for it (up to the busy timeout), and
// the reads every signed-in request makes (session, account, profile, invitations,
// the event log) must still answer at once, on their own connections.

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::store {
namespace {

using Clock = std::chrono::steady_clock;

Member MakeMember(MemberId id) {
  Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = "First";
  member.last_name = "Last";
  member.created_at = 1'500'000'000;
  return member;
}

// A second connection to the file that holds its write lock until Release().
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  ~WriteLockHolder() {
    Release();
    sqlite3_close_v2(db_);
  }
  void Release() {
    if (!held_) return;
    held_ = false;
    EXPECT_EQ(sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  }

 private:
  sqlite3* db_ = nullptr;
  bool held_ = true;
};

double SecondsOf(const std::function<void()>& call) {
  const Clock::time_point start = Clock::now();
  call();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class StoreReadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store =
        OpenSqliteStore({.path = path_, .busy_timeout_ms = kBusyTimeoutMs});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    Dataset data;
    data.members = {MakeMember(1), MakeMember(2)};
    ASSERT_TRUE(store_->Import(data).ok());
    ASSERT_TRUE(
        store_
            ->AddAccount(
                {.member = 1, .email = "ada@example.org", .password_hash = "h", .created_at = 1})
            .ok());
    ASSERT_TRUE(store_
                    ->AddSession({.token_hash = "token-hash",
                                  .member = 1,
                                  .csrf_hash = "csrf-hash",
                                  .created_at = 1,
                                  .expires_at = 4'000'000'000})
                    .ok());
  }

  static constexpr int kBusyTimeoutMs = 4000;
  testing::TempDir dir_;
  std::string path_ = dir_.File("ledd.db");
  std::unique_ptr<Store> store_;
};

TEST_F(StoreReadersTest, ReadsDoNotWaitForAWriteStuckOnAnotherConnectionsLock) {
  WriteLockHolder other(path_);
  // A write of ours that must wait for the other connection's lock.
  std::atomic<bool> write_done = false;
  absl::Status write_status;
  std::thread writer([&] {
    write_status = store_->AddMember(MakeMember(3)).status();
    write_done = true;
  });
  // Let the writer reach its wait (it holds whatever the store's writes hold).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_FALSE(write_done);

  // Well under the busy timeout: the reads did not queue behind the stuck write.
  auto expect_prompt = [](const char* read, const std::function<bool()>& call) {
    bool ok = false;
    const double seconds = SecondsOf([&] { ok = call(); });
    EXPECT_TRUE(ok) << read;
    EXPECT_LT(seconds, 1.0) << read << " waited for the write";
  };
  expect_prompt("GetSession", [&] { return store_->GetSession("token-hash").ok(); });
  expect_prompt("GetAccountByEmail",
                [&] { return store_->GetAccountByEmail("ada@example.org").ok(); });
  expect_prompt("GetMember", [&] { return store_->GetMember(2).ok(); });
  expect_prompt("GetPositions", [&] { return store_->GetPositions(2).ok(); });
  expect_prompt("ListInvitations", [&] { return store_->ListInvitations(1, {}).ok(); });
  expect_prompt("EventsAfter", [&] { return store_->EventsAfter(0, 100).ok(); });
  expect_prompt("Count", [&] { return store_->Count().ok(); });
  EXPECT_FALSE(write_done) << "the write did not wait for the lock: the test proves nothing";

  other.Release();
  writer.join();
  EXPECT_TRUE(write_status.ok()) << write_status;
  // Read-your-writes: a read after the commit sees it.
  EXPECT_EQ(store_->GetMember(3)->handle, "member-3");
}

TEST_F(StoreReadersTest, ManyConcurrentReadersShareTheFewConnections) {
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 24; ++thread) {
    threads.emplace_back([&, thread] {
      for (int i = 0; i < 50; ++i) {
        if (!store_->GetSession("token-hash").ok()) ++failures;
        const std::string token = std::to_string(thread * 1000 + i);
        if (thread % 4 == 0 && !store_->AddSession({.token_hash = token, .member = 2}).ok()) {
          ++failures;
        }
        if (!store_->GetMember(1 + i % 2).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
}

TEST_F(StoreReadersTest, AnImportAfterReadsIsSeenByTheNextRead) {
  // The import closes idle readers (so that it may leave WAL for its duration,
  // import.cc); the readers opened again afterwards read the imported rows.
  absl::StatusOr<std::unique_ptr<Store>> fresh = OpenSqliteStore({.path = dir_.File("b.db")});
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE((*fresh)->GetMember(1).status().code() == absl::StatusCode::kNotFound);
  Dataset data;
  data.members = {MakeMember(5)};
  ASSERT_TRUE((*fresh)->Import(data).ok());
  EXPECT_EQ((*fresh)->GetMember(5)->handle, "member-5");
  absl::StatusOr<SqliteSettings> settings = InspectSqliteStore(**fresh);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->journal_mode, "wal");
}

}  // namespace
}  // namespace ledd::store
