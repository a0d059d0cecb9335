#pragma once
// Accounts and sessions: sign-up, sign-in, sign-out and the authentication of each API
// request (issue 5, "Accounts and security").
//
// - Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str, which stores salt
//   and limits in the string) and never logged or returned. A sign-in for an unknown
//   email still verifies against a dummy hash, so its timing does not reveal which
//   emails have accounts. A password has at least 10 characters, is not among the
//   most common passwords (data/common-passwords.txt, compiled in; case-insensitive)
//   and is not the email's local part or the member's name.
// - A session token is 32 random bytes, base64url to the client; the store keeps only its
//   BLAKE2b hash (crypto_generichash). The same goes for the session's CSRF token,
//   which cookie-authenticated writes must echo in X-CSRF-Token (CheckCsrf).
// - Sessions expire after `session_lifetime` and can be revoked (sign-out).
// - Failed sign-ins are counted in memory (per process) per (email, client address)
//   and per address: `max_failures` within `failure_window` for one email from one
//   address, or `max_address_failures` from one address across all emails, refuses
//   further attempts with ResourceExhausted until the oldest failure leaves the
//   window. So a stranger (or everyone behind one TLS proxy) failing for an email does
//   not lock its owner out elsewhere, and one address guessing many accounts stays
//   limited. A success clears that (email, address)'s failures, not the address's.
// - Requests are rate-limited (AdmitRequest, which the router calls after
//   authentication): a token bucket per signed-in account, and per client address for
//   anonymous requests (sign-in, sign-up); sign-ups have a bucket of their own per
//   address (a few per hour). rate_limit.h has the buckets and their memory bound.
//
// Thread-safety: safe to call from any thread; the limiters have their own mutexes and
// the store is thread-safe.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/server/rate_limit.h"
#include "ledd/service/live_network.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::server {

// How expensive password hashes are. kInteractive is libsodium's interactive limits
// (OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE = 64 MiB; about 0.1 s here). kFast is the
// library minimum, for tests only: such hashes are cheap to brute-force.
enum class PasswordHashing { kInteractive, kFast };

inline constexpr int kMinPasswordLength = 10;  // Characters (UTF-8 code points).
inline constexpr int kMaxPasswordBytes = 1024;

struct AccountsOptions {
  PasswordHashing hashing = PasswordHashing::kInteractive;
  Timestamp session_lifetime = 14 * 24 * 3600;
  int max_failures = 5;            // Per (email, address).
  int max_address_failures = 100;  // Per address, across emails.
  Timestamp failure_window = 15 * 60;
  // Seconds since the epoch; empty = the wall clock. Must be thread-safe.
  std::function<Timestamp()> clock;
  // Requests of one signed-in account, or of one client address for anonymous ones.
  // The defaults let the web UI and a busy member through and stop a scraper.
  RateLimit requests = {.burst = 300, .per_second = 30};
  // Accounts created from one client address: 5 per hour.
  RateLimit signups = {.burst = 5, .per_second = 5.0 / 3600};
  // Monotonic seconds for the rate limits; empty = std::chrono::steady_clock.
  std::function<double()> monotonic_clock;
};

// A sign-up: a new member with an account. Only the names are required.
struct SignUpRequest {
  std::string email;
  std::string password;
  std::string first_name;
  std::string last_name;
  std::string headline;
  std::string city;
  std::string country;  // ISO 3166 alpha-2.
  std::string industry;
  // The token of the sign-up link the person came with (email_invitations.h); "" for
  // none. Its email invitation becomes an invitation to the new member even when they
  // sign up with another email; an unknown or used token does not fail the sign-up.
  std::string invite;
};

// A session just created; the tokens exist only here and on the client.
struct NewSession {
  MemberId member = 0;
  std::string token;       // For the cookie or "Authorization: Bearer".
  std::string csrf_token;  // For X-CSRF-Token on cookie-authenticated writes.
  Timestamp expires_at = 0;
};

class Accounts {
 public:
  // Initializes libsodium. `store` must outlive the object; `live` may be null (then a
  // sign-up is not made visible to queries before the live network's next catch-up).
  static absl::StatusOr<std::unique_ptr<Accounts>> Create(store::Store& store,
                                                          service::LiveNetwork* live,
                                                          AccountsOptions options = {});

  // Creates a member and its account, and signs them in; in the same store write every
  // pending email invitation to the email, and the one of request.invite, becomes an
  // invitation to the new member (store.h AddMemberWithAccount). InvalidArgument for a bad
  // email, missing names, or a password that is short, among the most common ones
  // (data/common-passwords.txt, compared case-insensitively) or equal to the email's
  // local part or the member's name; AlreadyExists for a taken email;
  // ResourceExhausted (with Retry-After) when `address` has used up its sign-ups.
  absl::StatusOr<NewSession> SignUp(const SignUpRequest& request, const std::string& address);

  // Adds an account to an existing member (the operator's `ledd accounts create`),
  // with the same password rules as SignUp.
  absl::Status CreateAccount(MemberId member, const std::string& email,
                             const std::string& password);

  // Unauthenticated for a wrong email or password (the same message for both);
  // ResourceExhausted when the email or the address has too many recent failures;
  // PermissionDenied ("this account is suspended until 2026-12-20T10:00:00Z") for a
  // suspended member with the right password.
  absl::StatusOr<NewSession> SignIn(const std::string& email, const std::string& password,
                                    const std::string& address);

  // The live session of a token: Unauthenticated when unknown, expired or revoked, or
  // when its member is suspended.
  absl::StatusOr<store::Session> Authenticate(const std::string& token);
  // Re-authentication before a grave action (deleting the account): whether
  // `password` is `member`'s, under the sign-in failure limits of `address`.
  // PermissionDenied "wrong password" when it is not (the session stays valid);
  // ResourceExhausted after too many failures.
  absl::Status VerifyPassword(MemberId member, const std::string& password,
                              const std::string& address);

  // Takes one request from the caller's bucket: the account's when `session` is set,
  // else the client address's. ResourceExhausted with Retry-After when it is empty.
  absl::Status AdmitRequest(const std::optional<store::Session>& session,
                            const std::string& address);

  // Revokes the session.
  absl::Status SignOut(const store::Session& session);

  // OK unless `account` is suspended at `now`: PermissionDenied with the end.
  static absl::Status CheckNotSuspended(const store::Account& account, Timestamp now);

  // Whether `csrf_token` is the session's (constant time).
  static bool CheckCsrf(const store::Session& session, const std::string& csrf_token);

  // Lower-cased, trimmed; InvalidArgument unless it looks like local@domain.
  static absl::StatusOr<std::string> NormalizeEmail(const std::string& email);

 private:
  Accounts(store::Store& store, service::LiveNetwork* live, AccountsOptions options);
  Timestamp Now() const;
  absl::StatusOr<std::string> HashPassword(const std::string& password) const;
  absl::StatusOr<NewSession> StartSession(MemberId member, const std::string& address);
  // ResourceExhausted when `key` has `max` failures within the window at `now`.
  absl::Status CheckLimit(const std::string& key, int max, Timestamp now);
  void RecordFailure(const std::string& key, int max, Timestamp now);

  store::Store& store_;
  service::LiveNetwork* const live_;
  const AccountsOptions options_;
  std::string dummy_hash_;  // Verified against for unknown emails.

  RateLimiter requests_;
  RateLimiter signups_;

  std::mutex limiter_mu_;
  absl::flat_hash_map<std::string, std::deque<Timestamp>> failures_ ABSL_GUARDED_BY(limiter_mu_);
};

}  // namespace ledd::server
