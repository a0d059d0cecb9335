#include "ledd/server/email_invitations.h"

#include <sodium.h>

#include <ctime>
#include <limits>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/server/accounts.h"
#include "ledd/server/notify_mail.h"
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

absl::StatusOr<std::optional<store::OutgoingMail>> EmailInvitations::MailFor(
    MemberId from, const std::string& email, const std::string& note, const std::string& token,
    const std::string& origin) {
  if (options_.links == nullptr || origin.empty()) return std::nullopt;
  LEDD_ASSIGN_OR_RETURN(store::Member sender, store_.GetMember(from));
  absl::StatusOr<store::Account> account = store_.GetAccount(from);
  const std::string language = account.ok() && account->language == "nb" ? "nb" : "en";
  const UnsubscribeTarget target{.kind = UnsubscribeTarget::Kind::kInvitationMail,
                                 .email = email};
  store::OutgoingMail mail = EmailInvitationMail(
      language, email, {.name = PersonName(sender), .headline = sender.headline}, note,
      fmt::format("{}/#/signup?invite={}", origin, token),
      {.one_click = options_.links->OneClickUrl(origin, target),
       .page = options_.links->PageUrl(origin, target)});
  mail.created_at = Now();
  mail.next_attempt_at = mail.created_at;
  return mail;
}

absl::StatusOr<EmailInviteResult> EmailInvitations::Invite(MemberId from,
                                                           const std::string& email,
                                                           std::string note,
                                                           const std::string& origin) {
  if (!sodium_ok_) return absl::InternalError("libsodium failed to initialize");
  LEDD_ASSIGN_OR_RETURN(std::string folded, Accounts::NormalizeEmail(email));
  LEDD_RETURN_IF_ERROR(store::ValidateEmail(folded));
  EmailInviteResult result;
  LEDD_ASSIGN_OR_RETURN(result.invitation, InviteMember(from, folded, note));
  if (result.invitation.has_value()) return result;

  result.token = RandomToken();
  LEDD_ASSIGN_OR_RETURN(std::optional<store::OutgoingMail> mail,
                        MailFor(from, folded, note, result.token, origin));
  absl::StatusOr<store::EmailInvitation> written =
      store_.AddEmailInvitation({.from = from,
                                 .email = folded,
                                 .note = note,
                                 .token_hash = TokenHash(result.token),
                                 .at = Now(),
                                 .weekly_limit = options_.weekly_limit,
                                 .mail = std::move(mail),
                                 .profile = {}});
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

absl::StatusOr<std::vector<RegisterOutcome>> EmailInvitations::ImportRegister(
    MemberId from, const std::vector<ingest::RegisterRow>& rows, const std::string& origin,
    bool dry_run) {
  if (!sodium_ok_) return absl::InternalError("libsodium failed to initialize");
  LEDD_ASSIGN_OR_RETURN(std::vector<store::EmailInvitation> sent,
                        store_.ListEmailInvitations(from));
  std::vector<RegisterOutcome> outcomes;
  std::vector<store::EmailInvitationRequest> requests;
  std::vector<size_t> requested;  // Index in `outcomes` of each request.
  const Timestamp now = Now();
  for (const ingest::RegisterRow& row : rows) {
    RegisterOutcome outcome{.kind = RegisterOutcome::Kind::kNew,
                            .line = row.line,
                            .email = row.email,
                            .name = row.profile.first_name,
                            .problem = row.problem,
                            .invitation = std::nullopt};
    if (!row.profile.last_name.empty()) {
      outcome.name += (outcome.name.empty() ? "" : " ") + row.profile.last_name;
    }
    if (!row.problem.empty()) {
      if (!dry_run) return absl::InvalidArgumentError(row.problem);
      outcome.kind = RegisterOutcome::Kind::kBad;
      outcomes.push_back(std::move(outcome));
      continue;
    }
    absl::StatusOr<store::Account> account = store_.GetAccountByEmail(row.email);
    if (account.ok()) {
      outcome.kind = RegisterOutcome::Kind::kMember;
    } else if (account.status().code() != absl::StatusCode::kNotFound) {
      return account.status();
    } else {
      for (const store::EmailInvitation& invitation : sent) {
        if (invitation.email == row.email &&
            invitation.state == store::EmailInvitationState::kPending) {
          outcome.kind = RegisterOutcome::Kind::kInvited;
          outcome.invitation = invitation.id;
        }
      }
    }
    if (outcome.kind == RegisterOutcome::Kind::kNew && !dry_run) {
      const std::string token = RandomToken();
      LEDD_ASSIGN_OR_RETURN(std::optional<store::OutgoingMail> mail,
                            MailFor(from, row.email, "", token, origin));
      requests.push_back({.from = from,
                          .email = row.email,
                          .note = "",
                          .token_hash = TokenHash(token),
                          .at = now,
                          .weekly_limit = std::numeric_limits<int>::max(),
                          .mail = std::move(mail),
                          .profile = row.profile});
      requested.push_back(outcomes.size());
    }
    outcomes.push_back(std::move(outcome));
  }
  if (!requests.empty()) {
    LEDD_ASSIGN_OR_RETURN(std::vector<store::EmailInvitation> written,
                          store_.AddEmailInvitations(requests));
    for (size_t i = 0; i < written.size() && i < requested.size(); ++i) {
      outcomes[requested[i]].invitation = written[i].id;
    }
  }
  return outcomes;
}

}  // namespace ledd::server
