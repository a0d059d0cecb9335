#pragma once
// Invitations by email (issue 12, contract D): a member invites someone who is not yet
// a member, by their email address, with a sign-up link that carries a random token.
//
// - An email that belongs to a member's account is not invited by email: the member
//   gets an ordinary invitation (service::InvitationService::Send), with its rules.
// - Otherwise the store keeps an email invitation (store.h, "email invitations") with
//   only the BLAKE2b hash of the token (tokens.h): the token exists in the answer to the
//   sender and in the link they pass on, nowhere else. Both kinds count against one
//   weekly limit; one pending email invitation per (sender, email).
// - The sign-up page reads who invited the bearer of a token (Lookup, no sign-in);
//   lookups are rate-limited per client address, so tokens cannot be tried in bulk
//   (they are 256 random bits: the limit is a second line, not the defence).
// - The sign-up itself (Accounts::SignUp with SignUpRequest::invite) turns every
//   pending email invitation to the new account's email, and the token's, into an
//   ordinary pending invitation in its own store transaction.
//
// Thread-safety: safe to call from any thread; the store, the invitation service and
// the rate limiter are thread-safe. The clocks in the options must be too.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledd/ingest/member_register.h"
#include "ledd/server/mail_links.h"
#include "ledd/server/rate_limit.h"
#include "ledd/service/invitations.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::server {

struct EmailInvitationsOptions {
  // As service::InvitationServiceOptions::weekly_limit; both kinds count against it.
  int weekly_limit = 100;
  // Seconds since the epoch; empty = the wall clock.
  std::function<Timestamp()> clock;
  // Token lookups (Lookup) from one client address: a burst of 30, then one per 10 s.
  RateLimit lookups = {.burst = 30, .per_second = 0.1};
  // Monotonic seconds for the rate limit; empty = std::chrono::steady_clock.
  std::function<double()> monotonic_clock;
  // Signs the unsubscribe link of the invitation mail; without it (or without an
  // origin) Invite queues no mail. Must outlive the object.
  const MailLinks* links = nullptr;
};

// What a register import does, or would do, with one row.
struct RegisterOutcome {
  enum class Kind { kNew, kMember, kInvited, kBad };
  Kind kind = Kind::kNew;
  int64_t line = 0;
  std::string email;
  std::string name;
  std::string problem;  // For kBad: "register.csv:5: ...".
  std::optional<store::EmailInvitationId> invitation;  // For kNew, once written.
};

// What Invite did: exactly one of `invitation` (the email is a member's: an ordinary
// invitation, or their pending invitation to the sender accepted) and
// `email_invitation` (with the sign-up link's `token`, which is nowhere else) is set.
struct EmailInviteResult {
  std::optional<store::Invitation> invitation;
  std::optional<store::EmailInvitation> email_invitation;
  std::string token;
};

// A pending email invitation as its sign-up link shows it, with its sender.
struct SignUpInvitation {
  store::EmailInvitation invitation;
  store::Member from;
};

class EmailInvitations {
 public:
  // `store` and `invitations` must outlive the object. Requires libsodium to be
  // initialized (Accounts::Create does it; the constructor calls sodium_init too, and
  // Invite answers Internal if that failed).
  EmailInvitations(store::Store& store, service::InvitationService& invitations,
                   EmailInvitationsOptions options = {});

  // `from` invites the owner of `email` with `note`. InvalidArgument ("\"email\" is not
  // an email address") for what is not an address; otherwise the errors of
  // InvitationService::Send (a member's email) or store::AddEmailInvitation
  // (AlreadyExists for a pending one to the same email; FailedPrecondition at the
  // weekly limit).
  //
  // With options.links and an `origin` ("https://ledd.example.org"), the invitation's
  // mail (the sign-up link `origin`/#/signup?invite=TOKEN, the sender's name,
  // headline and note, in the sender's language) is queued in the invitation's own
  // store transaction.
  absl::StatusOr<EmailInviteResult> Invite(MemberId from, const std::string& email,
                                           std::string note, const std::string& origin = "");

  // A register import by `from`: each good row that is neither a member's email nor
  // already invited by `from` (pending) becomes an email invitation with its mail and
  // the row's profile, all in one store transaction, without the weekly limit (an
  // association invites its whole register at once). With `dry_run` nothing is
  // written: the outcomes say what would happen. InvalidArgument naming the first bad
  // row ("register.csv:5: ...") when any row is bad and this is no dry run; nothing is
  // written then.
  absl::StatusOr<std::vector<RegisterOutcome>> ImportRegister(
      MemberId from, const std::vector<ingest::RegisterRow>& rows, const std::string& origin,
      bool dry_run);

  // The email invitations `member` sent, newest first.
  absl::StatusOr<std::vector<store::EmailInvitation>> List(MemberId member);

  // `member` withdraws their email invitation `id`. NotFound ("email invitation N not
  // found") for an unknown id and, alike, for someone else's; FailedPrecondition when
  // it is no longer pending.
  absl::StatusOr<store::EmailInvitation> Withdraw(MemberId member, store::EmailInvitationId id);

  // The pending email invitation of a sign-up link's `token`, for the page the link
  // opens. NotFound ("the sign-up invitation is unknown or no longer open") for an
  // unknown token, and alike for one claimed, withdrawn or expired, or whose sender is
  // gone; ResourceExhausted (with Retry-After) when `address` has looked up too many.
  absl::StatusOr<SignUpInvitation> Lookup(const std::string& token, const std::string& address);

 private:
  Timestamp Now() const;
  // The invitation mail of `token` to `email`; nullopt without links or origin.
  absl::StatusOr<std::optional<store::OutgoingMail>> MailFor(MemberId from,
                                                            const std::string& email,
                                                            const std::string& note,
                                                            const std::string& token,
                                                            const std::string& origin);
  // The ordinary invitation to the member whose account has `email`, if there is one.
  absl::StatusOr<std::optional<store::Invitation>> InviteMember(MemberId from,
                                                                const std::string& email,
                                                                const std::string& note);

  store::Store& store_;
  service::InvitationService& invitations_;
  const EmailInvitationsOptions options_;
  RateLimiter lookups_;
  bool sodium_ok_ = false;  // Tokens are made only when libsodium initialized.
};

}  // namespace ledd::server
