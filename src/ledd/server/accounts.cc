#include "ledd/server/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cctype>
#include <ctime>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/server/common_passwords.h"
#include "ledd/server/http_errors.h"
#include "ledd/server/tokens.h"

namespace ledd::server {
namespace {

constexpr int kSessionsPrunedPerSignIn = 16;

std::string Trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// What a password must not be besides common: the account's own email or its name,
// the first things a guesser tries. `email` is normalized (NormalizeEmail).
struct PasswordContext {
  std::string email;
  std::string first_name;
  std::string last_name;
};

absl::Status CheckPassword(const std::string& password, const PasswordContext& context) {
  if (store::CharacterCount(password) < kMinPasswordLength) {
    return absl::InvalidArgumentError(
        fmt::format("the password must have at least {} characters", kMinPasswordLength));
  }
  if (password.size() > kMaxPasswordBytes) {
    return absl::InvalidArgumentError(
        fmt::format("the password must have at most {} bytes", kMaxPasswordBytes));
  }
  if (IsCommonPassword(password)) {
    return absl::InvalidArgumentError(
        "the password is one of the most common passwords; choose another");
  }
  const std::string lower = AsciiLower(password);
  const std::string local_part = context.email.substr(0, context.email.find('@'));
  if (lower == local_part || lower == context.email) {
    return absl::InvalidArgumentError("the password must not be the email address");
  }
  const std::string first = AsciiLower(context.first_name);
  const std::string last = AsciiLower(context.last_name);
  for (const std::string& name : {first, last, first + " " + last, first + last}) {
    if (!name.empty() && lower == name) {
      return absl::InvalidArgumentError("the password must not be the member's name");
    }
  }
  return absl::OkStatus();
}

// A handle nobody chose: the name's ASCII letters and digits, and random hex so that two
// Ada Lovelaces do not collide.
std::string MakeHandle(const std::string& first_name, const std::string& last_name) {
  std::string handle;
  for (char c : first_name + "-" + last_name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      handle += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == '-' && !handle.empty() && handle.back() != '-') {
      handle += '-';
    }
    if (handle.size() >= 40) break;
  }
  if (!handle.empty() && handle.back() != '-') handle += '-';
  return fmt::format("{}{:08x}", handle, randombytes_random());
}

}  // namespace

absl::StatusOr<std::unique_ptr<Accounts>> Accounts::Create(store::Store& store,
                                                           service::LiveNetwork* live,
                                                           AccountsOptions options) {
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to initialize");
  std::unique_ptr<Accounts> accounts(new Accounts(store, live, std::move(options)));
  LEDD_ASSIGN_OR_RETURN(accounts->dummy_hash_, accounts->HashPassword(RandomToken()));
  return accounts;
}

Accounts::Accounts(store::Store& store, service::LiveNetwork* live, AccountsOptions options)
    : store_(store),
      live_(live),
      options_(std::move(options)),
      requests_(options_.requests, options_.monotonic_clock),
      signups_(options_.signups, options_.monotonic_clock),
      mail_requests_(options_.mail_requests, options_.monotonic_clock) {}

Timestamp Accounts::Now() const {
  return options_.clock ? options_.clock() : static_cast<Timestamp>(std::time(nullptr));
}

absl::StatusOr<std::string> Accounts::NormalizeEmail(const std::string& email) {
  std::string normalized = Trimmed(email);
  for (char& c : normalized) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t at = normalized.find('@');
  const bool plausible = normalized.size() <= 254 && at != std::string::npos && at > 0 &&
                         at + 1 < normalized.size() &&
                         normalized.find('@', at + 1) == std::string::npos &&
                         normalized.find_first_of(" \t\r\n,;<>\"") == std::string::npos;
  if (!plausible) return absl::InvalidArgumentError("\"email\" is not an email address");
  return normalized;
}

absl::StatusOr<std::string> Accounts::HashPassword(const std::string& password) const {
  const bool fast = options_.hashing == PasswordHashing::kFast;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(),
                        fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) !=
      0) {
    return absl::ResourceExhaustedError("out of memory hashing a password");
  }
  return std::string(hash);
}

absl::StatusOr<NewSession> Accounts::StartSession(MemberId member, const std::string& address) {
  NewSession session{.member = member, .token = RandomToken(), .csrf_token = RandomToken()};
  const Timestamp now = Now();
  // Expired and revoked sessions would otherwise stay forever. A few per sign-in keeps
  // the work bounded and, as every session starts with a sign-in or sign-up, outpaces
  // their creation. Failing to prune must not fail the sign-in: the next one tries
  // again, and a store that cannot write fails AddSession below anyway.
  absl::StatusOr<int64_t> pruned = store_.PruneSessions(now, kSessionsPrunedPerSignIn);
  session.expires_at = now + options_.session_lifetime;
  LEDD_RETURN_IF_ERROR(store_.AddSession({.token_hash = TokenHash(session.token),
                                          .member = member,
                                          .csrf_hash = TokenHash(session.csrf_token),
                                          .created_at = now,
                                          .expires_at = session.expires_at,
                                          .address = address.substr(0, 64)}));
  (void)pruned;  // Best effort, as said above.
  return session;
}

absl::StatusOr<NewSession> Accounts::SignUp(const SignUpRequest& request,
                                            const std::string& address) {
  LEDD_ASSIGN_OR_RETURN(std::string email, NormalizeEmail(request.email));
  store::Member member;
  member.first_name = Trimmed(request.first_name);
  member.last_name = Trimmed(request.last_name);
  LEDD_RETURN_IF_ERROR(CheckPassword(
      request.password,
      {.email = email, .first_name = member.first_name, .last_name = member.last_name}));
  if (member.first_name.empty() || member.last_name.empty()) {
    return absl::InvalidArgumentError("\"first_name\" and \"last_name\" are required");
  }
  member.headline = Trimmed(request.headline);
  member.city = Trimmed(request.city);
  member.industry = Trimmed(request.industry);
  member.country = Trimmed(request.country);
  for (char& c : member.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!member.country.empty() &&
      (member.country.size() != 2 || !std::isalpha(static_cast<unsigned char>(member.country[0])) ||
       !std::isalpha(static_cast<unsigned char>(member.country[1])))) {
    return absl::InvalidArgumentError("\"country\" must be an ISO 3166 alpha-2 code");
  }
  const std::string language = request.language.empty() ? "en" : request.language;
  if (!store::IsAccountLanguage(language)) {
    return absl::InvalidArgumentError("\"language\" must be en or nb");
  }
  member.handle = MakeHandle(member.first_name, member.last_name);
  member.email = email;
  member.created_at = Now();
  // The store's AddMemberWithAccount checks this too; checking before the (slow)
  // password hash answers a bad field at once. One set of limits: store/model.h.
  LEDD_RETURN_IF_ERROR(store::ValidateMember(member));
  // Only a sign-up that would succeed counts: a typo must not use up the address's.
  LEDD_RETURN_IF_ERROR(signups_.Take("address:" + address, "sign-ups from this address"));

  LEDD_ASSIGN_OR_RETURN(std::string hash, HashPassword(request.password));
  // The verification link goes with the account, in its transaction. Without mail
  // (no SMTP server) it waits in the queue and nothing waits for it.
  const Timestamp now = Now();
  const std::string token = RandomToken();
  store::SignUpOptions sign_up{
      .invite_token_hash = request.invite.empty() ? "" : TokenHash(request.invite)};
  sign_up.verification = store::AccountToken{.token_hash = TokenHash(token),
                                             .purpose = store::AccountTokenPurpose::kVerifyEmail,
                                             .email = email,
                                             .created_at = now,
                                             .expires_at = now + options_.verification_lifetime};
  sign_up.mail.push_back(VerificationMail(
      {.language = language, .to = email, .first_name = member.first_name, .at = now},
      fmt::format("{}/#/verify?token={}", request.origin, token)));
  LEDD_ASSIGN_OR_RETURN(
      MemberId id,
      store_.AddMemberWithAccount(member,
                                  {.email = email,
                                   .password_hash = std::move(hash),
                                   .created_at = now,
                                   .language = language},
                                  sign_up));
  // Read-your-writes: the new member's first query must find them.
  if (live_ != nullptr) {
    if (absl::Status status = live_->CatchUpAfterWrite(fmt::format("the sign-up of member {}", id)); !status.ok()) {
      return absl::Status(status.code(), fmt::format("signed up as member {}, but the network "
                                                     "could not catch up: {}",
                                                     id, std::string(status.message())));
    }
  }
  return StartSession(id, address);
}

absl::Status Accounts::CreateAccount(MemberId member, const std::string& email,
                                     const std::string& password) {
  LEDD_ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  PasswordContext context{.email = normalized};
  // An unknown member is AddAccount's NotFound below; here only its name matters.
  if (absl::StatusOr<store::Member> owner = store_.GetMember(member); owner.ok()) {
    context.first_name = owner->first_name;
    context.last_name = owner->last_name;
  }
  LEDD_RETURN_IF_ERROR(CheckPassword(password, context));
  LEDD_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  // The operator vouches for the address they give: it counts as verified.
  const Timestamp now = Now();
  return store_.AddAccount({.member = member,
                            .email = normalized,
                            .password_hash = std::move(hash),
                            .created_at = now,
                            .email_verified_at = now});
}

absl::Status Accounts::CheckLimit(const std::string& key, int max, Timestamp now) {
  std::lock_guard<std::mutex> lock(limiter_mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return absl::OkStatus();
  std::deque<Timestamp>& times = it->second;
  while (!times.empty() && times.front() <= now - options_.failure_window) times.pop_front();
  if (times.empty()) {
    failures_.erase(it);
    return absl::OkStatus();
  }
  if (static_cast<int>(times.size()) < max) return absl::OkStatus();
  const Timestamp wait = times.front() + options_.failure_window - now;
  return WithRetryAfter(
      absl::ResourceExhaustedError(fmt::format("too many failed sign-ins; try again in {} minutes",
                                               std::max<Timestamp>(1, (wait + 59) / 60))),
      wait);
}

void Accounts::RecordFailure(const std::string& key, int max, Timestamp now) {
  std::lock_guard<std::mutex> lock(limiter_mu_);
  // Bounded memory under a flood of distinct keys: drop what has left the window.
  if (failures_.size() > 100'000) {
    absl::erase_if(failures_, [&](const auto& entry) {
      return entry.second.back() <= now - options_.failure_window;
    });
  }
  std::deque<Timestamp>& times = failures_[key];
  times.push_back(now);
  while (static_cast<int>(times.size()) > max) times.pop_front();
}

absl::StatusOr<NewSession> Accounts::SignIn(const std::string& email, const std::string& password,
                                            const std::string& address) {
  absl::StatusOr<std::string> normalized = NormalizeEmail(email);
  if (!normalized.ok()) return absl::UnauthenticatedError("wrong email or password");
  if (password.size() > kMaxPasswordBytes) {
    return absl::UnauthenticatedError("wrong email or password");
  }
  const Timestamp now = Now();
  // The pair, not the email alone: failures from elsewhere must not lock the owner out.
  const std::string account_key = fmt::format("email:{}|address:{}", *normalized, address);
  const std::string address_key = "address:" + address;
  LEDD_RETURN_IF_ERROR(CheckLimit(account_key, options_.max_failures, now));
  LEDD_RETURN_IF_ERROR(CheckLimit(address_key, options_.max_address_failures, now));

  absl::StatusOr<store::Account> account = store_.GetAccountByEmail(*normalized);
  if (!account.ok() && account.status().code() != absl::StatusCode::kNotFound) {
    return account.status();
  }
  const std::string& hash = account.ok() ? account->password_hash : dummy_hash_;
  const bool verified =
      crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  if (!account.ok() || !verified) {
    RecordFailure(account_key, options_.max_failures, now);
    RecordFailure(address_key, options_.max_address_failures, now);
    return absl::UnauthenticatedError("wrong email or password");
  }
  {
    std::lock_guard<std::mutex> lock(limiter_mu_);
    failures_.erase(account_key);
  }
  // Only after the password: a stranger must not learn who is suspended.
  LEDD_RETURN_IF_ERROR(CheckNotSuspended(*account, now));
  return StartSession(account->member, address);
}

absl::Status Accounts::VerifyPassword(MemberId member, const std::string& password,
                                     const std::string& address) {
  const Timestamp now = Now();
  const std::string account_key = fmt::format("member:{}|address:{}", member, address);
  LEDD_RETURN_IF_ERROR(CheckLimit(account_key, options_.max_failures, now));
  absl::StatusOr<store::Account> account = store_.GetAccount(member);
  if (!account.ok() && account.status().code() != absl::StatusCode::kNotFound) {
    return account.status();
  }
  const std::string& hash = account.ok() ? account->password_hash : dummy_hash_;
  const bool verified = password.size() <= kMaxPasswordBytes &&
                        crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  if (!account.ok() || !verified) {
    RecordFailure(account_key, options_.max_failures, now);
    return absl::PermissionDeniedError("wrong password");
  }
  return absl::OkStatus();
}

absl::Status Accounts::CheckNotSuspended(const store::Account& account, Timestamp now) {
  if (!account.suspended_until.has_value() || *account.suspended_until <= now) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      fmt::format("this account is suspended until {}", FormatDateTime(*account.suspended_until)));
}

double Accounts::MonotonicNow() const {
  if (options_.monotonic_clock) return options_.monotonic_clock();
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Accounts::SessionShard& Accounts::ShardOf(const std::string& token_hash) {
  // The hash is BLAKE2b output: its first byte is as good as any hash of it.
  const unsigned char first = token_hash.empty() ? 0 : static_cast<unsigned char>(token_hash[0]);
  return session_shards_[first % kSessionShards];
}

std::optional<Accounts::CachedSession> Accounts::CachedLookup(const std::string& token_hash) {
  if (options_.session_cache_seconds <= 0) return std::nullopt;
  SessionShard& shard = ShardOf(token_hash);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto found = shard.sessions.find(token_hash);
  if (found == shard.sessions.end()) return std::nullopt;
  if (MonotonicNow() - found->second.cached_at >= options_.session_cache_seconds) {
    shard.sessions.erase(found);
    return std::nullopt;
  }
  return found->second;
}

void Accounts::CacheSession(CachedSession entry, uint64_t generation) {
  if (options_.session_cache_seconds <= 0) return;
  SessionShard& shard = ShardOf(entry.session.token_hash);
  std::lock_guard<std::mutex> lock(shard.mu);
  // Under the shard's lock: a Forget* that has not yet reached this shard erases the
  // entry when it does; one that has already passed it moved the generation on.
  if (forget_generation_.load() != generation) return;
  if (shard.sessions.size() >= kMaxSessionsPerShard) {
    const double now = MonotonicNow();
    absl::erase_if(shard.sessions, [&](const auto& item) {
      return now - item.second.cached_at >= options_.session_cache_seconds;
    });
    // Still full of fresh entries (more clients than the bound): start over rather
    // than grow.
    if (shard.sessions.size() >= kMaxSessionsPerShard) shard.sessions.clear();
  }
  std::string key = entry.session.token_hash;
  shard.sessions.insert_or_assign(std::move(key), std::move(entry));
}

void Accounts::ForgetSessions(MemberId member) {
  forget_generation_.fetch_add(1);
  for (SessionShard& shard : session_shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    absl::erase_if(shard.sessions,
                   [member](const auto& item) { return item.second.session.member == member; });
  }
}

void Accounts::ForgetAllSessions() {
  forget_generation_.fetch_add(1);
  for (SessionShard& shard : session_shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    shard.sessions.clear();
  }
}

absl::StatusOr<store::Session> Accounts::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) {
    return absl::UnauthenticatedError("not signed in");
  }
  const std::string token_hash = TokenHash(token);
  if (std::optional<CachedSession> cached = CachedLookup(token_hash)) {
    // What the store's answer would be now, but for writes of other processes since
    // it was read (session_cache_seconds): the clock moves on for expiry and
    // suspensions.
    const Timestamp now = Now();
    if (cached->session.expires_at <= now) return absl::UnauthenticatedError("the session expired");
    if (cached->suspended_until.has_value() && now < *cached->suspended_until) {
      return absl::UnauthenticatedError(
          CheckNotSuspended(store::Account{.suspended_until = cached->suspended_until}, now)
              .message());
    }
    return std::move(cached->session);
  }
  const uint64_t generation = forget_generation_.load();
  absl::StatusOr<store::Session> session = store_.GetSession(token_hash);
  if (!session.ok()) {
    if (session.status().code() == absl::StatusCode::kNotFound) {
      return absl::UnauthenticatedError("not signed in");
    }
    return session.status();
  }
  if (session->revoked_at.has_value()) {
    return absl::UnauthenticatedError("the session was signed out");
  }
  if (session->expires_at <= Now()) return absl::UnauthenticatedError("the session expired");
  // A suspension revokes the member's sessions; this also holds a session that a
  // suspension written by another process has not yet revoked here.
  absl::StatusOr<store::Account> account = store_.GetAccount(session->member);
  if (!account.ok()) return account.status();
  if (absl::Status status = CheckNotSuspended(*account, Now()); !status.ok()) {
    return absl::UnauthenticatedError(status.message());
  }
  CacheSession({.session = *session,
                .suspended_until = account->suspended_until,
                .cached_at = MonotonicNow()},
               generation);
  return session;
}

absl::Status Accounts::AdmitRequest(const std::optional<store::Session>& session,
                                    const std::string& address) {
  if (session.has_value())
    return requests_.Take(fmt::format("member:{}", session->member), "requests");
  return requests_.Take("address:" + address, "requests");
}

absl::Status Accounts::SignOut(const store::Session& session) {
  absl::Status revoked = store_.RevokeSession(session.token_hash, Now());
  ForgetSessions(session.member);
  return revoked;
}

absl::StatusOr<AccountMailContext> Accounts::MailContext(const store::Account& account,
                                                         const std::string& to) {
  AccountMailContext context{.language = account.language, .to = to, .at = Now()};
  if (absl::StatusOr<store::Member> member = store_.GetMember(account.member); member.ok()) {
    context.first_name = member->first_name;
  }
  return context;
}

absl::Status Accounts::SendVerification(MemberId member, const std::string& origin) {
  LEDD_ASSIGN_OR_RETURN(store::Account account, store_.GetAccount(member));
  if (account.email_verified_at.has_value()) {
    return absl::FailedPreconditionError(
        fmt::format("{} is verified already", account.email));
  }
  LEDD_RETURN_IF_ERROR(
      mail_requests_.Take(fmt::format("member:{}", member), "verification emails"));
  LEDD_ASSIGN_OR_RETURN(AccountMailContext context, MailContext(account, account.email));
  const std::string token = RandomToken();
  return store_.AddAccountToken(
      {.token_hash = TokenHash(token),
       .member = member,
       .purpose = store::AccountTokenPurpose::kVerifyEmail,
       .email = account.email,
       .created_at = context.at,
       .expires_at = context.at + options_.verification_lifetime},
      {VerificationMail(context, fmt::format("{}/#/verify?token={}", origin, token))});
}

absl::StatusOr<store::Account> Accounts::VerifyEmail(const std::string& token) {
  if (token.empty() || token.size() > 128) return absl::NotFoundError("the link is not valid");
  return store_.ConfirmEmail(TokenHash(token), Now());
}

absl::Status Accounts::RequestPasswordReset(const std::string& email, const std::string& origin) {
  const auto answer_at = std::chrono::steady_clock::now() +
                         std::chrono::milliseconds(options_.reset_answer_milliseconds);
  absl::Status status = [&]() -> absl::Status {
    absl::StatusOr<std::string> normalized = NormalizeEmail(email);
    if (!normalized.ok()) return absl::OkStatus();  // No account has it: say nothing.
    absl::StatusOr<store::Account> account = store_.GetAccountByEmail(*normalized);
    if (!account.ok()) {
      return account.status().code() == absl::StatusCode::kNotFound ? absl::OkStatus()
                                                                     : account.status();
    }
    // Too many for one account: drop it quietly; the answer must not differ.
    if (!mail_requests_.Take(fmt::format("member:{}", account->member), "").ok()) {
      return absl::OkStatus();
    }
    LEDD_ASSIGN_OR_RETURN(AccountMailContext context, MailContext(*account, account->email));
    const std::string token = RandomToken();
    return store_.AddAccountToken(
        {.token_hash = TokenHash(token),
         .member = account->member,
         .purpose = store::AccountTokenPurpose::kResetPassword,
         .email = account->email,
         .created_at = context.at,
         .expires_at = context.at + options_.reset_lifetime},
        {PasswordResetMail(context, fmt::format("{}/#/reset?token={}", origin, token))});
  }();
  std::this_thread::sleep_until(answer_at);
  return status;
}

absl::Status Accounts::ResetPassword(const std::string& token, const std::string& password) {
  if (token.empty() || token.size() > 128) return absl::NotFoundError("the link is not valid");
  const std::string hash = TokenHash(token);
  absl::StatusOr<store::AccountToken> stored = store_.GetAccountToken(hash);
  if (!stored.ok() || stored->purpose != store::AccountTokenPurpose::kResetPassword) {
    if (!stored.ok() && stored.status().code() != absl::StatusCode::kNotFound) {
      return stored.status();
    }
    return absl::NotFoundError("the link is not valid");
  }
  LEDD_ASSIGN_OR_RETURN(store::Account account, store_.GetAccount(stored->member));
  PasswordContext context{.email = account.email};
  if (absl::StatusOr<store::Member> member = store_.GetMember(account.member); member.ok()) {
    context.first_name = member->first_name;
    context.last_name = member->last_name;
  }
  // The link's state first: a used or expired link says so before the password's rules.
  if (stored->used_at.has_value()) return absl::FailedPreconditionError("the link was already used");
  if (stored->expires_at <= Now()) return absl::FailedPreconditionError("the link has expired");
  LEDD_RETURN_IF_ERROR(CheckPassword(password, context));
  LEDD_ASSIGN_OR_RETURN(std::string password_hash, HashPassword(password));
  absl::Status reset = store_.ResetPassword(hash, password_hash, Now()).status();
  ForgetSessions(stored->member);
  return reset;
}

absl::Status Accounts::CheckCurrentPassword(const store::Account& account,
                                            const std::string& password) {
  const Timestamp now = Now();
  const std::string key = fmt::format("password:{}", account.member);
  LEDD_RETURN_IF_ERROR(CheckLimit(key, options_.max_failures, now));
  if (password.size() > kMaxPasswordBytes ||
      crypto_pwhash_str_verify(account.password_hash.c_str(), password.data(), password.size()) !=
          0) {
    RecordFailure(key, options_.max_failures, now);
    return absl::PermissionDeniedError("the current password is wrong");
  }
  return absl::OkStatus();
}

absl::Status Accounts::ChangePassword(const store::Session& session,
                                      const std::string& current_password,
                                      const std::string& new_password) {
  LEDD_ASSIGN_OR_RETURN(store::Account account, store_.GetAccount(session.member));
  LEDD_RETURN_IF_ERROR(CheckCurrentPassword(account, current_password));
  PasswordContext context{.email = account.email};
  if (absl::StatusOr<store::Member> member = store_.GetMember(account.member); member.ok()) {
    context.first_name = member->first_name;
    context.last_name = member->last_name;
  }
  LEDD_RETURN_IF_ERROR(CheckPassword(new_password, context));
  LEDD_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  absl::Status changed = store_.ChangePassword(session.member, hash, session.token_hash, Now());
  ForgetSessions(session.member);
  return changed;
}

absl::Status Accounts::ChangeEmail(const store::Session& session, const std::string& password,
                                   const std::string& email, const std::string& origin) {
  LEDD_ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  LEDD_ASSIGN_OR_RETURN(store::Account account, store_.GetAccount(session.member));
  LEDD_RETURN_IF_ERROR(CheckCurrentPassword(account, password));
  if (normalized == account.email) {
    return absl::InvalidArgumentError("that is the account's email address already");
  }
  LEDD_ASSIGN_OR_RETURN(AccountMailContext to_new, MailContext(account, normalized));
  AccountMailContext to_old = to_new;
  to_old.to = account.email;
  const std::string token = RandomToken();
  return store_.ChangeEmail(
      session.member, normalized,
      store::AccountToken{.token_hash = TokenHash(token),
                          .member = session.member,
                          .purpose = store::AccountTokenPurpose::kVerifyEmail,
                          .email = normalized,
                          .created_at = to_new.at,
                          .expires_at = to_new.at + options_.verification_lifetime},
      {VerificationMail(to_new, fmt::format("{}/#/verify?token={}", origin, token)),
       EmailChangedMail(to_old, normalized)},
      to_new.at);
}

absl::StatusOr<int64_t> Accounts::SignOutEverywhere(MemberId member) {
  absl::StatusOr<int64_t> revoked = store_.RevokeSessions(member, "", Now());
  ForgetSessions(member);
  return revoked;
}

absl::Status Accounts::CheckMayInvite(MemberId member) {
  if (!options_.require_verified_email) return absl::OkStatus();
  absl::StatusOr<store::Account> account = store_.GetAccount(member);
  // A member without an account (imported) signs in nowhere; nothing to check.
  if (!account.ok()) {
    return account.status().code() == absl::StatusCode::kNotFound ? absl::OkStatus()
                                                                   : account.status();
  }
  if (account->email_verified_at.has_value()) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "confirm your email address before you send invitations: open the link in the email "
      "we sent you, or send a new one from Settings");
}

bool Accounts::CheckCsrf(const store::Session& session, const std::string& csrf_token) {
  if (csrf_token.empty() || session.csrf_hash.size() != crypto_generichash_BYTES) return false;
  const std::string hash = TokenHash(csrf_token);
  return sodium_memcmp(hash.data(), session.csrf_hash.data(), hash.size()) == 0;
}

}  // namespace ledd::server
