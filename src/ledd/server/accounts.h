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
// - Authenticate remembers a live session (and its account's suspension) for
//   `session_cache_seconds`, so that a signed-in request usually costs no store read.
//   Every revocation made through this process (SignOut, SignOutEverywhere,
//   ChangePassword, ResetPassword, and the server's suspensions and erasures, which call
//   ForgetSessions) drops what is remembered before it returns, so it holds at once
//   here; a revocation written by another process (another `ledd serve` on the same
//   database, the `ledd` CLI) holds here within session_cache_seconds. Expiry and the
//   end or start of a known suspension are checked against the clock on every request.
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

#include <array>
#include <atomic>
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
#include "ledd/server/account_mail.h"
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
  // Monotonic seconds for the rate limits and the session cache; empty =
  // std::chrono::steady_clock.
  std::function<double()> monotonic_clock;
  // How long Authenticate may answer from memory for a session it read from the store:
  // the bound on how late a revocation written by another process takes effect here
  // (docs/deployment.md). 0 = read the store on every request.
  double session_cache_seconds = 1;
  // ---- email (mail is queued in the store; server/mail_sender.h sends it) ----
  // Whether a member must confirm their email before sending invitations: true when
  // mail is sent (`ledd serve --smtp-url`), since without mail no one could.
  bool require_verified_email = false;
  Timestamp verification_lifetime = 48 * 3600;
  Timestamp reset_lifetime = 3600;
  // A password-reset request answers no sooner than this, whether or not the email
  // has an account, so its timing does not tell (the work is far shorter).
  int reset_answer_milliseconds = 300;
  // Mail one account may be sent on request (verification resends, resets).
  RateLimit mail_requests = {.burst = 3, .per_second = 3.0 / 3600};
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
  // The language of the member's mail: "en" or "nb"; "" = "en".
  std::string language;
  // Where the verification link points ("https://ledd.example.org"; "" for a
  // relative link): the server's public origin (member_routes.h OriginOf).
  std::string origin;
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

  // Forgets what Authenticate remembers of `member`'s sessions (ForgetAllSessions: of
  // everyone's), so that the next request reads them from the store. For revocations
  // this process writes outside this class (a moderator's suspension, an erasure): call
  // it after the store write. The revocations of this class call it themselves.
  void ForgetSessions(MemberId member);
  void ForgetAllSessions();

  // OK unless `account` is suspended at `now`: PermissionDenied with the end.
  static absl::Status CheckNotSuspended(const store::Account& account, Timestamp now);

  // Whether `csrf_token` is the session's (constant time).
  static bool CheckCsrf(const store::Session& session, const std::string& csrf_token);

  // Lower-cased, trimmed; InvalidArgument unless it looks like local@domain.
  static absl::StatusOr<std::string> NormalizeEmail(const std::string& email);

  // ---- email verification, password reset, account changes ----
  //
  // Every link is a RandomToken of which the store keeps the hash (store.h, "account
  // tokens"), mailed in the account's language (account_mail.h) in the same store
  // write that stores it. `origin` is where links point (SignUpRequest::origin).
  //
  // Whether sign-up mails a verification link that invitations wait for.
  bool verification_required() const { return options_.require_verified_email; }
  // Mails a new verification link to the member's address. FailedPrecondition when it
  // is verified already; ResourceExhausted when the account asked for too much mail.
  absl::Status SendVerification(MemberId member, const std::string& origin);
  // Confirms the address with a mailed link; the account as it now is. NotFound "the
  // link is not valid"; FailedPrecondition "the link was already used", "... has
  // expired", "... was for an earlier email address".
  absl::StatusOr<store::Account> VerifyEmail(const std::string& token);
  // Mails a password-reset link when `email` has an account; answers OK either way,
  // after reset_answer_milliseconds, so the answer tells nothing.
  absl::Status RequestPasswordReset(const std::string& email, const std::string& origin);
  // Sets a new password with a mailed reset link (the password rules of SignUp) and
  // revokes every session of the account. Errors as VerifyEmail's, and the password's.
  absl::Status ResetPassword(const std::string& token, const std::string& password);
  // Changes the signed-in member's password after checking the current one
  // (PermissionDenied "the current password is wrong", not Unauthenticated: the
  // session is fine; failures are limited like sign-ins), and revokes their other
  // sessions.
  absl::Status ChangePassword(const store::Session& session, const std::string& current_password,
                              const std::string& new_password);
  // Changes the signed-in member's email after checking the password: the new address
  // is unverified and gets a verification link, the old one a notice. InvalidArgument
  // for a bad email or the same one; AlreadyExists when another account has it.
  absl::Status ChangeEmail(const store::Session& session, const std::string& password,
                           const std::string& email, const std::string& origin);
  // Revokes every session of the member, the caller's included. How many.
  absl::StatusOr<int64_t> SignOutEverywhere(MemberId member);
  // PermissionDenied while verification is required and the member's email is not
  // verified ("confirm your email address before you send invitations ...").
  absl::Status CheckMayInvite(MemberId member);

 private:
  Accounts(store::Store& store, service::LiveNetwork* live, AccountsOptions options);
  Timestamp Now() const;
  absl::StatusOr<std::string> HashPassword(const std::string& password) const;
  absl::StatusOr<NewSession> StartSession(MemberId member, const std::string& address);
  // ResourceExhausted when `key` has `max` failures within the window at `now`.
  absl::Status CheckLimit(const std::string& key, int max, Timestamp now);
  void RecordFailure(const std::string& key, int max, Timestamp now);
  // PermissionDenied unless `password` is the account's (failures are limited like
  // sign-ins, per member).
  absl::Status CheckCurrentPassword(const store::Account& account, const std::string& password);
  // The member's first name and the mail context for `to`.
  absl::StatusOr<AccountMailContext> MailContext(const store::Account& account,
                                                        const std::string& to);

  // A live session as Authenticate read it, and its account's suspension.
  struct CachedSession {
    store::Session session;
    std::optional<Timestamp> suspended_until;
    double cached_at = 0;  // MonotonicNow().
  };
  // Sessions by token hash, in shards so that workers seldom wait for one another.
  struct SessionShard {
    std::mutex mu;
    absl::flat_hash_map<std::string, CachedSession> sessions ABSL_GUARDED_BY(mu);
  };
  static constexpr size_t kSessionShards = 16;
  static constexpr size_t kMaxSessionsPerShard = 4096;
  double MonotonicNow() const;
  SessionShard& ShardOf(const std::string& token_hash);
  // The live session cached under `token_hash`, or nullopt (absent or too old).
  std::optional<CachedSession> CachedLookup(const std::string& token_hash);
  // Caches it unless a Forget* ran since `generation` was read (before the store read
  // it came from), so a revocation racing the read is never cached past.
  void CacheSession(CachedSession entry, uint64_t generation);

  store::Store& store_;
  service::LiveNetwork* const live_;
  const AccountsOptions options_;
  std::string dummy_hash_;  // Verified against for unknown emails.

  RateLimiter requests_;
  RateLimiter signups_;
  RateLimiter mail_requests_;

  std::array<SessionShard, kSessionShards> session_shards_;
  std::atomic<uint64_t> forget_generation_{0};

  std::mutex limiter_mu_;
  absl::flat_hash_map<std::string, std::deque<Timestamp>> failures_ ABSL_GUARDED_BY(limiter_mu_);
};

}  // namespace ledd::server
