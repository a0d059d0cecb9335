#include "ledd/server/email_invitations.h"

#include <sodium.h>

#include <ctime>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/server/accounts.h"
#include "ledd/server/tokens.h"

namespace ledd::server {
namespace {

// Longer than any token RandomToken makes; what is longer is not looked up.
constexpr size_t kMaxTokenBytes = 128;

absl::Status NoSuchSignUpInvitation() {
  return absl::NotFoundError("the sign-up invitation is unknown or no longer open");
}

}  // namespace

EmailInvitations::EmailInvitations(store::Store& store, service::InvitationService& invitations,
                                   EmailInvitationsOptions options)
    : store_(store),
      invitations_(invitations),
      options_(std::move(options)),
      lookups_(options_.lookups, options_.monotonic_clock) {
  // Idempotent; Accounts::Create, which every server has, already checked that it works.
  sodium_ok_ = sodium_init() >= 0;
}

Timestamp EmailInvitations::Now() const {
  return options_.clock ? options_.clock() : static_cast<Timestamp>(std::time(nullptr));
}

absl::StatusOr<std::optional<store::Invitation>> EmailInvitations::InviteMember(
    MemberId from, const std::string& email, const std::string& note) {
  absl::StatusOr<store::Account> account = store_.GetAccountByEmail(email);
  if (!account.ok()) {
    if (account.status().code() == absl::StatusCode::kNotFound) return std::nullopt;
    return account.status();
  }
  LEDD_ASSIGN_OR_RETURN(store::Invitation invitation,
                        invitations_.Send(from, account->member, note));
  return invitation;
}

absl::StatusOr<EmailInviteResult> EmailInvitations::Invite(MemberId from,
                                                           const std::string& email,
                                                           std::string note) {
  if (!sodium_ok_) return absl::InternalError("libsodium failed to initialize");
  LEDD_ASSIGN_OR_RETURN(std::string folded, Accounts::NormalizeEmail(email));
  LEDD_RETURN_IF_ERROR(store::ValidateEmail(folded));
  EmailInviteResult result;
  LEDD_ASSIGN_OR_RETURN(result.invitation, InviteMember(from, folded, note));
  if (result.invitation.has_value()) return result;

  result.token = RandomToken();
  absl::StatusOr<store::EmailInvitation> written =
      store_.AddEmailInvitation({.from = from,
                                 .email = folded,
                                 .note = note,
                                 .token_hash = TokenHash(result.token),
                                 .at = Now(),
                                 .weekly_limit = options_.weekly_limit});
  if (written.ok()) {
    result.email_invitation = *std::move(written);
    return result;
  }
  // The owner of the email may have signed up since the look-up above: the store
  // refuses (FailedPrecondition) and the member is invited instead.
  if (written.status().code() == absl::StatusCode::kFailedPrecondition) {
    LEDD_ASSIGN_OR_RETURN(result.invitation, InviteMember(from, folded, note));
    if (result.invitation.has_value()) {
      result.token.clear();
      return result;
    }
  }
  return written.status();
}

absl::StatusOr<std::vector<store::EmailInvitation>> EmailInvitations::List(MemberId member) {
  return store_.ListEmailInvitations(member);
}

absl::StatusOr<store::EmailInvitation> EmailInvitations::Withdraw(MemberId member,
                                                                  store::EmailInvitationId id) {
  // The sender never changes, so checking it before the write is race-free.
  absl::StatusOr<store::EmailInvitation> invitation = store_.GetEmailInvitation(id);
  const bool theirs = invitation.ok() && invitation->from == member;
  if (!theirs) {
    if (!invitation.ok() && invitation.status().code() != absl::StatusCode::kNotFound) {
      return invitation.status();
    }
    return absl::NotFoundError(fmt::format("email invitation {} not found", id));
  }
  return store_.WithdrawEmailInvitation(id, Now());
}

absl::StatusOr<SignUpInvitation> EmailInvitations::Lookup(const std::string& token,
                                                          const std::string& address) {
  LEDD_RETURN_IF_ERROR(lookups_.Take("address:" + address, "sign-up invitation look-ups"));
  if (token.empty() || token.size() > kMaxTokenBytes) return NoSuchSignUpInvitation();
  absl::StatusOr<store::EmailInvitation> invitation =
      store_.GetEmailInvitationByToken(TokenHash(token));
  if (!invitation.ok()) {
    if (invitation.status().code() == absl::StatusCode::kNotFound) return NoSuchSignUpInvitation();
    return invitation.status();
  }
  if (invitation->state != store::EmailInvitationState::kPending) return NoSuchSignUpInvitation();
  absl::StatusOr<store::Member> from = store_.GetMember(invitation->from);
  if (!from.ok()) {
    if (from.status().code() == absl::StatusCode::kNotFound) return NoSuchSignUpInvitation();
    return from.status();
  }
  return SignUpInvitation{.invitation = *std::move(invitation), .from = *std::move(from)};
}

}  // namespace ledd::server
