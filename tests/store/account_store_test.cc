// Accounts and sessions, in every store engine (store_fixture.h): adding an account to
// a member and signing up (member and account in one write), the refused writes with
// their codes, and the session round trip with revocation.

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "store/store_fixture.h"

namespace ledd::store {
namespace {

class AccountStoreTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (HasFatalFailure()) return;
    Dataset data;
    data.members = {MakeMember(1), MakeMember(7)};
    ASSERT_TRUE(store().Import(data).ok());
  }
};

TEST_P(AccountStoreTest, AddsAnAccountToAnExistingMemberWithoutAnEvent) {
  const EventId before = *store().LastEventId();
  Account account{.member = 1, .email = "ada@example.org", .password_hash = "$argon2id$x",
                  .created_at = 10};
  ASSERT_TRUE(store().AddAccount(account).ok());
  EXPECT_EQ(*store().GetAccount(1), account);
  EXPECT_EQ(*store().GetAccountByEmail("ada@example.org"), account);
  EXPECT_EQ(*store().LastEventId(), before);
}

TEST_P(AccountStoreTest, RefusesUnknownMembersSecondAccountsAndTakenEmails) {
  Account account{.member = 1, .email = "ada@example.org", .password_hash = "h", .created_at = 1};
  ASSERT_TRUE(store().AddAccount(account).ok());
  EXPECT_EQ(
      store().AddAccount({.member = 99, .email = "x@example.org", .password_hash = "h"}).code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(
      store().AddAccount({.member = 1, .email = "y@example.org", .password_hash = "h"}).code(),
      absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(
      store().AddAccount({.member = 7, .email = "ada@example.org", .password_hash = "h"}).code(),
      absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store().GetAccount(7).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().GetAccountByEmail("nobody@example.org").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(AccountStoreTest, SignUpTakesTheNextIdAndAppendsMemberAdded) {
  Member member = MakeMember(0);
  member.handle = "grace";
  absl::StatusOr<MemberId> id = store().AddMemberWithAccount(
      member, {.email = "grace@example.org", .password_hash = "h", .created_at = 3}, {});
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(*id, 8);
  EXPECT_EQ(store().GetMember(8)->handle, "grace");
  EXPECT_EQ(store().GetAccountByEmail("grace@example.org")->member, 8);
  absl::StatusOr<std::vector<Event>> events = store().EventsAfter(*store().LastEventId() - 1, 10);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, EventKind::kMemberAdded);
  EXPECT_EQ((*events)[0].a, 8);

  // A taken email rolls the member back too.
  member.handle = "grace2";
  EXPECT_EQ(
      store()
          .AddMemberWithAccount(member, {.email = "grace@example.org", .password_hash = "h"}, {})
          .status()
          .code(),
      absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store().GetMember(9).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(AccountStoreTest, SessionsRoundTripAndRevoke) {
  const std::string token_hash("\x00\x01binary\xff", 10);
  Session session{.token_hash = token_hash, .member = 7, .csrf_hash = std::string("c\0s", 3),
                  .created_at = 100, .expires_at = 200, .address = "127.0.0.1"};
  ASSERT_TRUE(store().AddSession(session).ok());
  EXPECT_EQ(*store().GetSession(token_hash), session);
  ASSERT_TRUE(store().RevokeSession(token_hash, 150).ok());
  ASSERT_TRUE(store().RevokeSession(token_hash, 160).ok());  // The first time stays.
  EXPECT_EQ(store().GetSession(token_hash)->revoked_at, 150);
  EXPECT_EQ(store().GetSession("other").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().RevokeSession("other", 1).code(), absl::StatusCode::kNotFound);
}

TEST_P(AccountStoreTest, PruningDeletesExpiredAndRevokedSessionsAtMostLimitAtATime) {
  for (const Session& session : {
           Session{.token_hash = "expired", .member = 1, .created_at = 1, .expires_at = 100},
           Session{.token_hash = "revoked",
           .member = 1,
           .created_at = 1,
           .expires_at = 10'000,
           .revoked_at = 50},
           Session{.token_hash = "live", .member = 7, .created_at = 1, .expires_at = 10'000},
           Session{.token_hash = "also-expired", .member = 7, .created_at = 1, .expires_at = 200},
       }) {
    ASSERT_TRUE(store().AddSession(session).ok());
  }
  absl::StatusOr<int64_t> first = store().PruneSessions(/*now=*/500, /*limit=*/2);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, 2);
  EXPECT_EQ(*store().PruneSessions(500, 2), 1);
  EXPECT_EQ(*store().PruneSessions(500, 2), 0);
  for (const char* gone : {"expired", "revoked", "also-expired"}) {
    EXPECT_EQ(store().GetSession(gone).status().code(), absl::StatusCode::kNotFound) << gone;
  }
  EXPECT_TRUE(store().GetSession("live").ok());
  EXPECT_EQ(store().PruneSessions(500, -1).status().code(), absl::StatusCode::kInvalidArgument);
}

LEDD_STORE_CONTRACT(AccountStoreTest);

}  // namespace
}  // namespace ledd::store
