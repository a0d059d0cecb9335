// Many threads reading one store at once while some of them write: every read answers
// (an engine may share a few connections among them, but none may fail for want of
// one). The SQLite-only half, reads beside another connection's write lock, is in
// sqlite_store_test.cc.

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

// Members 1 and 2; member 1 has an account and the session "token-hash".
class StoreReadersTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    ImportOrDie(Members(2));
    ASSERT_TRUE(
        store()
            .AddAccount(
                {.member = 1, .email = "ada@example.org", .password_hash = "h", .created_at = 1})
            .ok());
    ASSERT_TRUE(store()
                    .AddSession({.token_hash = "token-hash",
                                 .member = 1,
                                 .csrf_hash = "csrf-hash",
                                 .created_at = 1,
                                 .expires_at = 4'000'000'000})
                    .ok());
  }
};

TEST_P(StoreReadersTest, ManyConcurrentReadersShareTheFewConnections) {
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 24; ++thread) {
    threads.emplace_back([&, thread] {
      for (int i = 0; i < 50; ++i) {
        if (!store().GetSession("token-hash").ok()) ++failures;
        const std::string token = std::to_string(thread * 1000 + i);
        if (thread % 4 == 0 && !store().AddSession({.token_hash = token, .member = 2}).ok()) {
          ++failures;
        }
        if (!store().GetMember(1 + i % 2).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
}

LEDD_STORE_CONTRACT(StoreReadersTest);

}  // namespace
}  // namespace ledd::store
