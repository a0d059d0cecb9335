// The accounts' rules in-process over a real SQLite store (accounts.h): the sign-in
// failure limits, keyed on (email, address) and on the address alone, the password
// rules, and the session cache's bound on a revocation written past it.

#include "ledd/server/accounts.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/server/common_passwords.h"
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

SignUpRequest Request(const std::string& email, const std::string& password) {
  return {.email = email, .password = password, .first_name = "Grace", .last_name = "Hopper"};
}

TEST_F(AccountsTest, CommonPasswordsAreRefusedInAnyCase) {
  std::unique_ptr<Accounts> accounts = Make();
  // From data/common-passwords.txt; the ones of 10 characters and more matter.
  EXPECT_TRUE(IsCommonPassword("basketball"));
  EXPECT_TRUE(IsCommonPassword("QwertyUIOP"));
  EXPECT_FALSE(IsCommonPassword("a sturdy passphrase"));
  for (const char* password : {"1234567890", "BasketBall", "QWERTYUIOP", "harrypotter"}) {
    absl::Status refused =
        accounts->SignUp(Request("grace@example.org", password), "192.0.2.1").status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << password;
    EXPECT_THAT(std::string(refused.message()), ::testing::HasSubstr("most common")) << password;
  }
  EXPECT_EQ(accounts->CreateAccount(1, "ada@example.org", "Management").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(accounts->SignUp(Request("grace@example.org", kPassword), "192.0.2.1").ok());
}

TEST_F(AccountsTest, APasswordMayNotBeTheEmailOrTheName) {
  std::unique_ptr<Accounts> accounts = Make();
  // The email's local part, in any case, and the whole email.
  EXPECT_EQ(accounts->SignUp(Request("GraceHopper1@example.org", "gracehopper1"), "192.0.2.1")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      accounts->SignUp(Request("gh@example.org", "GH@example.org"), "192.0.2.1").status().code(),
      absl::StatusCode::kInvalidArgument);
  // The name, with or without the space.
  SignUpRequest named = Request("rear.admiral@example.org", "Grace Hopper");
  EXPECT_EQ(accounts->SignUp(named, "192.0.2.1").status().code(),
            absl::StatusCode::kInvalidArgument);
  named.first_name = "Gracefully";
  named.password = "gracefully";
  EXPECT_EQ(accounts->SignUp(named, "192.0.2.1").status().code(),
            absl::StatusCode::kInvalidArgument);
  // The operator's tool knows the member's name from the store.
  EXPECT_EQ(accounts->CreateAccount(1, "countess@example.org", "AdaLovelace").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(accounts->CreateAccount(1, "countess@example.org", kPassword).ok());
}

TEST_F(AccountsTest, ASignInPrunesExpiredSessions) {
  std::unique_ptr<Accounts> accounts = Make({.session_lifetime = 3600});
  ASSERT_TRUE(accounts->CreateAccount(1, "ada@example.org", kPassword).ok());
  absl::StatusOr<NewSession> old = accounts->SignIn("ada@example.org", kPassword, "192.0.2.1");
  ASSERT_TRUE(old.ok());
  now_ += 3601;
  absl::Status expired = accounts->Authenticate(old->token).status();
  EXPECT_EQ(std::string(expired.message()), "the session expired");
  // The next sign-in deletes it: the token is now unknown, not merely expired.
  ASSERT_TRUE(accounts->SignIn("ada@example.org", kPassword, "192.0.2.1").ok());
  absl::Status pruned = accounts->Authenticate(old->token).status();
  EXPECT_EQ(pruned.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(std::string(pruned.message()), "not signed in");
}

// A revocation written to the store past this Accounts (as another process would) is
// taken for session_cache_seconds of the monotonic clock after the session was read,
// then refused; expiry and a known suspension's end are checked on every request.
TEST_F(AccountsTest, ASessionRevokedInTheStoreIsRefusedOnceTheCacheBoundPassed) {
  double monotonic = 100;
  std::unique_ptr<Accounts> accounts =
      Make({.session_lifetime = 3600,
            .monotonic_clock = [&monotonic] { return monotonic; },
            .session_cache_seconds = 2});
  ASSERT_TRUE(accounts->CreateAccount(1, "ada@example.org", kPassword).ok());
  absl::StatusOr<NewSession> session = accounts->SignIn("ada@example.org", kPassword, "192.0.2.1");
  ASSERT_TRUE(session.ok());
  absl::StatusOr<store::Session> authenticated = accounts->Authenticate(session->token);
  ASSERT_TRUE(authenticated.ok()) << authenticated.status();
  ASSERT_TRUE(store_->RevokeSession(authenticated->token_hash, now_).ok());
  monotonic += 1.9;
  EXPECT_TRUE(accounts->Authenticate(session->token).ok()) << "within the bound: remembered";
  monotonic += 0.1;
  absl::Status refused = accounts->Authenticate(session->token).status();
  EXPECT_EQ(std::string(refused.message()), "the session was signed out");

  // Expiry needs no store read.
  absl::StatusOr<NewSession> second = accounts->SignIn("ada@example.org", kPassword, "192.0.2.1");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(accounts->Authenticate(second->token).ok());
  now_ += 3600;
  EXPECT_EQ(std::string(accounts->Authenticate(second->token).status().message()),
            "the session expired");
}

TEST_F(AccountsTest, WithoutACacheEveryRequestReadsTheStore) {
  std::unique_ptr<Accounts> accounts = Make({.session_cache_seconds = 0});
  ASSERT_TRUE(accounts->CreateAccount(1, "ada@example.org", kPassword).ok());
  absl::StatusOr<NewSession> session = accounts->SignIn("ada@example.org", kPassword, "192.0.2.1");
  ASSERT_TRUE(session.ok());
  absl::StatusOr<store::Session> authenticated = accounts->Authenticate(session->token);
  ASSERT_TRUE(authenticated.ok());
  ASSERT_TRUE(store_->RevokeSession(authenticated->token_hash, now_).ok());
  EXPECT_EQ(accounts->Authenticate(session->token).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, ForgettingAMembersSessionsTakesEffectAtOnce) {
  std::unique_ptr<Accounts> accounts = Make({.session_cache_seconds = 3600});
  ASSERT_TRUE(accounts->CreateAccount(1, "ada@example.org", kPassword).ok());
  ASSERT_TRUE(accounts->CreateAccount(2, "bob@example.org", kPassword).ok());
  absl::StatusOr<NewSession> ada = accounts->SignIn("ada@example.org", kPassword, "192.0.2.1");
  absl::StatusOr<NewSession> bob = accounts->SignIn("bob@example.org", kPassword, "192.0.2.1");
  ASSERT_TRUE(ada.ok() && bob.ok());
  absl::StatusOr<store::Session> ada_session = accounts->Authenticate(ada->token);
  absl::StatusOr<store::Session> bob_session = accounts->Authenticate(bob->token);
  ASSERT_TRUE(ada_session.ok() && bob_session.ok());
  ASSERT_TRUE(store_->RevokeSession(ada_session->token_hash, now_).ok());
  ASSERT_TRUE(store_->RevokeSession(bob_session->token_hash, now_).ok());
  EXPECT_TRUE(accounts->Authenticate(ada->token).ok());  // Remembered, as from afar.
  accounts->ForgetSessions(1);
  EXPECT_FALSE(accounts->Authenticate(ada->token).ok());
  EXPECT_TRUE(accounts->Authenticate(bob->token).ok());  // Another member's stays.
  accounts->ForgetAllSessions();
  EXPECT_FALSE(accounts->Authenticate(bob->token).ok());
}

}  // namespace
}  // namespace ledd::server
