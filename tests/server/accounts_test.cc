// The accounts' rules in-process over a real SQLite store (accounts.h): the sign-in
// failure limits, keyed on (email, address) and on the address alone.

#include "ledd/server/accounts.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "ledd/store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace ledd::server {
namespace {

constexpr char kPassword[] = "a sturdy passphrase";

store::Member MakeMember(MemberId id, const std::string& first, const std::string& last) {
  store::Member member;
  member.id = id;
  member.handle = "member-" + std::to_string(id);
  member.first_name = first;
  member.last_name = last;
  member.created_at = 1'500'000'000;
  return member;
}

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<store::Store>> store =
        store::OpenSqliteStore({.path = dir_.File("ledd.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    store::Dataset data;
    data.members = {MakeMember(1, "Ada", "Lovelace"), MakeMember(2, "Bob", "Builder")};
    ASSERT_TRUE(store_->Import(data).ok());
  }

  std::unique_ptr<Accounts> Make(AccountsOptions options = {}) {
    options.hashing = PasswordHashing::kFast;
    options.clock = [this] { return now_; };
    absl::StatusOr<std::unique_ptr<Accounts>> accounts =
        Accounts::Create(*store_, nullptr, std::move(options));
    EXPECT_TRUE(accounts.ok()) << accounts.status();
    return accounts.ok() ? *std::move(accounts) : nullptr;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  Timestamp now_ = 1'700'000'000;
};

TEST_F(AccountsTest, FailuresFromOneAddressDoNotLockTheOwnerOutElsewhere) {
  std::unique_ptr<Accounts> accounts = Make();
  ASSERT_TRUE(accounts->CreateAccount(1, "ada@example.org", kPassword).ok());
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(accounts->SignIn("ada@example.org", "wrong password", "203.0.113.9").status().code(),
              absl::StatusCode::kUnauthenticated);
  }
  // That address is locked out of that account, even with the right password...
  absl::Status locked = accounts->SignIn("ada@example.org", kPassword, "203.0.113.9").status();
  EXPECT_EQ(locked.code(), absl::StatusCode::kResourceExhausted) << locked;
  // ...but the owner, from anywhere else, is not.
  EXPECT_TRUE(accounts->SignIn("ada@example.org", kPassword, "198.51.100.7").ok());
  // And the guessing address may still sign in to another account it knows.
  ASSERT_TRUE(accounts->CreateAccount(2, "bob@example.org", kPassword).ok());
  EXPECT_TRUE(accounts->SignIn("bob@example.org", kPassword, "203.0.113.9").ok());
  // The window passes: the address may try again.
  now_ += 15 * 60 + 1;
  EXPECT_TRUE(accounts->SignIn("ada@example.org", kPassword, "203.0.113.9").ok());
}

TEST_F(AccountsTest, OneAddressGuessingManyAccountsStaysLimited) {
  std::unique_ptr<Accounts> accounts = Make({.max_address_failures = 12});
  ASSERT_TRUE(accounts->CreateAccount(1, "ada@example.org", kPassword).ok());
  // Four guesses at each of three accounts: under the per-account limit every time.
  for (const char* email : {"ada@example.org", "x@example.org", "y@example.org"}) {
    for (int attempt = 0; attempt < 4; ++attempt) {
      EXPECT_EQ(accounts->SignIn(email, "wrong password", "203.0.113.9").status().code(),
                absl::StatusCode::kUnauthenticated);
    }
  }
  absl::Status limited = accounts->SignIn("ada@example.org", kPassword, "203.0.113.9").status();
  EXPECT_EQ(limited.code(), absl::StatusCode::kResourceExhausted) << limited;
  EXPECT_EQ(accounts->SignIn("z@example.org", "anything at all", "203.0.113.9").status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(accounts->SignIn("ada@example.org", kPassword, "198.51.100.7").ok());
}

}  // namespace
}  // namespace ledd::server
