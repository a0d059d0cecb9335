#include "ledd/service/invitations.h"

#include <chrono>
#include <memory>
#include <string_view>
#include <utility>

#include "fmt/format.h"
#include "ledd/base/status_macros.h"
#include "ledd/service/advice_facts.h"
#include "ledd/service/saved_searches.h"
#include "ledd/service/visibility.h"

namespace ledd::service {
namespace {

using store::Invitation;
using store::InvitationState;

std::string_view Text(const absl::Status& status) {
  return std::string_view(status.message().data(), status.message().size());
}

std::string_view Verb(InvitationState state) {
  switch (state) {
    case InvitationState::kAccepted:
      return "accept";
    case InvitationState::kIgnored:
      return "ignore";
    case InvitationState::kWithdrawn:
      return "withdraw";
    case InvitationState::kReported:
      return "report";
    case InvitationState::kPending:
      break;
  }
  return "change";
}

absl::Status InvitationNotFound(InvitationId id) {
  return absl::NotFoundError(fmt::format("invitation {} not found", id));
}

}  // namespace

absl::StatusOr<query::Language> ParseLanguage(std::string_view code) {
  if (code == "en") return query::Language::kEnglish;
  if (code == "nb" || code == "no") return query::Language::kNorwegian;
  return absl::InvalidArgumentError(fmt::format("unknown language \"{}\"; use en or nb", code));
}

InvitationService::InvitationService(store::Store& store, LiveNetwork* live,
                                     InvitationServiceOptions options)
    : store_(store), live_(live), options_(std::move(options)) {}

Timestamp InvitationService::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

absl::Status InvitationService::CatchUpAfter(std::string_view what) {
  if (live_ == nullptr) return absl::OkStatus();
  absl::Status status = live_->CatchUpAfterWrite(what);
  if (status.ok()) return status;
  // The write is committed; saying only "failed" would invite a retry that the rules
  // then refuse (already pending, already connected).
  return absl::Status(
      status.code(),
      fmt::format("{} was saved, but the network could not catch up: {}", what, Text(status)));
}

absl::StatusOr<Invitation> InvitationService::Send(MemberId from, MemberId to, std::string note,
                                                   store::InvitationVia via) {
  LEDD_ASSIGN_OR_RETURN(store::InvitationWrite write,
                        store_.SendInvitation({.from = from,
                                               .to = to,
                                               .note = std::move(note),
                                               .at = Now(),
                                               .weekly_limit = options_.weekly_limit,
                                               .via = via}));
  LEDD_RETURN_IF_ERROR(CatchUpAfter(fmt::format("invitation {}", write.invitation.id)));
  return write.invitation;
}

absl::StatusOr<Invitation> InvitationService::OwnInvitation(InvitationId id, MemberId member) {
  absl::StatusOr<Invitation> invitation = store_.GetInvitation(id);
  // One answer for "no such invitation" and "someone else's": an error that told them
  // apart, or named its members, would let anyone map who invited whom.
  if (absl::IsNotFound(invitation.status())) return InvitationNotFound(id);
  LEDD_RETURN_IF_ERROR(invitation.status());
  if (invitation->from != member && invitation->to != member) return InvitationNotFound(id);
  return invitation;
}

absl::Status InvitationService::CheckActing(InvitationId id, ActingMember acting, bool by_sender,
                                            std::string_view verb) {
  if (!acting.has_value()) return absl::OkStatus();
  // Sender and recipient never change, so checking them before the write transaction
  // cannot race with another writer; the state is checked inside it by the store.
  LEDD_ASSIGN_OR_RETURN(Invitation invitation, OwnInvitation(id, *acting));
  if (*acting == (by_sender ? invitation.from : invitation.to)) return absl::OkStatus();
  // The acting member is the other side of it: they know who it is between, so only
  // the rule is said, never a member id.
  return absl::PermissionDeniedError(fmt::format("only the {} of invitation {} may {} it",
                                                 by_sender ? "sender" : "recipient", id, verb));
}

absl::StatusOr<Invitation> InvitationService::Transition(InvitationId id, InvitationState state,
                                                         ActingMember acting) {
  LEDD_RETURN_IF_ERROR(
      CheckActing(id, acting, /*by_sender=*/state == InvitationState::kWithdrawn, Verb(state)));
  LEDD_ASSIGN_OR_RETURN(store::InvitationWrite write, store_.ChangeInvitation(id, state, Now()));
  LEDD_RETURN_IF_ERROR(CatchUpAfter(fmt::format("invitation {}", id)));
  return write.invitation;
}

absl::StatusOr<Invitation> InvitationService::Accept(InvitationId id, ActingMember acting) {
  return Transition(id, InvitationState::kAccepted, acting);
}
absl::StatusOr<Invitation> InvitationService::Ignore(InvitationId id, ActingMember acting) {
  return Transition(id, InvitationState::kIgnored, acting);
}
absl::StatusOr<Invitation> InvitationService::Withdraw(InvitationId id, ActingMember acting) {
  return Transition(id, InvitationState::kWithdrawn, acting);
}
absl::StatusOr<Invitation> InvitationService::Report(InvitationId id, ActingMember acting) {
  return Transition(id, InvitationState::kReported, acting);
}
absl::StatusOr<Invitation> InvitationService::Unreport(InvitationId id, ActingMember acting) {
  LEDD_RETURN_IF_ERROR(CheckActing(id, acting, /*by_sender=*/false, "unreport"));
  LEDD_ASSIGN_OR_RETURN(store::InvitationWrite write, store_.UndoReport(id, Now()));
  LEDD_RETURN_IF_ERROR(CatchUpAfter(fmt::format("invitation {}", id)));
  return write.invitation;
}

absl::StatusOr<store::BlockWrite> InvitationService::Block(MemberId member, MemberId other) {
  LEDD_ASSIGN_OR_RETURN(store::BlockWrite write, store_.Block(member, other, Now()));
  LEDD_RETURN_IF_ERROR(CatchUpAfter(fmt::format("member {}'s block of member {}", member, other)));
  return write;
}

absl::Status InvitationService::Unblock(MemberId member, MemberId other) {
  LEDD_RETURN_IF_ERROR(store_.Unblock(member, other).status());
  return CatchUpAfter(fmt::format("member {}'s unblock of member {}", member, other));
}

absl::StatusOr<std::vector<store::MemberBlock>> InvitationService::Blocked(MemberId member) {
  // NotFound rather than an empty list, which would hide a typo (as in Box).
  LEDD_RETURN_IF_ERROR(store_.GetMember(member).status());
  return store_.ListBlocked(member);
}

absl::StatusOr<query::Provenance> InvitationService::Provenance(const Invitation& invitation) {
  return LoadProvenance(store_, invitation);
}

absl::StatusOr<query::Advice> InvitationService::AdviseOn(const graph::Snapshot& snapshot,
                                                          const Invitation& invitation,
                                                          query::Language language) {
  LEDD_ASSIGN_OR_RETURN(AdviceFacts facts,
                        GatherAdviceFacts(store_, snapshot, invitation, language));
  return query::Advise(snapshot, facts.request);
}

absl::StatusOr<query::Advice> InvitationService::Advice(InvitationId id, query::Language language) {
  if (live_ == nullptr) {
    return absl::FailedPreconditionError("advice needs the network, and none is loaded");
  }
  LEDD_ASSIGN_OR_RETURN(Invitation invitation, store_.GetInvitation(id));
  if (invitation.state != InvitationState::kPending) {
    return absl::FailedPreconditionError(
        fmt::format("invitation {} is {}; advice is for pending invitations", id,
                    store::InvitationStateName(invitation.state)));
  }
  std::shared_ptr<const graph::Snapshot> snapshot = live_->Current();
  return AdviseOn(*snapshot, invitation, language);
}

absl::StatusOr<std::vector<BoxEntry>> InvitationService::Box(MemberId member,
                                                             const BoxOptions& options) {
  if (live_ == nullptr) {
    return absl::FailedPreconditionError(
        "the invitation box needs the network, and none is loaded");
  }
  // NotFound for an unknown member rather than an empty box, which would hide a typo.
  LEDD_RETURN_IF_ERROR(store_.GetMember(member).status());
  LEDD_ASSIGN_OR_RETURN(
      std::vector<Invitation> invitations,
      store_.ListInvitations(member,
                             {.box = options.box, .state = options.state, .limit = options.limit}));
  // The member is the recipient of everything in a received box, so their saved
  // searches are read and converted once, not per invitation.
  std::vector<std::string> search_names;
  std::vector<query::SearchFilters> search_filters;
  if (options.box == store::InvitationBox::kReceived) {
    LEDD_ASSIGN_OR_RETURN(std::vector<store::SavedSearch> saved, store_.ListSavedSearches(member));
    for (store::SavedSearch& search : saved) {
      search_names.push_back(std::move(search.name));
      search_filters.push_back(ToSearchFilters(search.filters));
    }
  }
  // One snapshot for the whole box, so every entry's advice is of the same moment.
  std::shared_ptr<const graph::Snapshot> snapshot = live_->Current();
  std::vector<BoxEntry> entries;
  entries.reserve(invitations.size());
  std::vector<size_t> advised;  // Entries with advice, whose senders the searches count.
  std::vector<Node> senders;
  for (Invitation& invitation : invitations) {
    BoxEntry entry{.invitation = std::move(invitation),
                   .via = {},
                   .advice = std::nullopt,
                   .saved_searches = {}};
    if (options.box == store::InvitationBox::kReceived &&
        entry.invitation.state == InvitationState::kPending) {
      // The advice's facts hold the provenance already: it is read once.
      LEDD_ASSIGN_OR_RETURN(
          AdviceFacts facts,
          GatherAdviceFacts(store_, *snapshot, entry.invitation, options.language));
      entry.advice = query::Advise(*snapshot, facts.request);
      entry.via = std::move(facts.request.via);
      // GatherAdviceFacts found both members in the snapshot.
      advised.push_back(entries.size());
      senders.push_back(snapshot->Find(entry.invitation.from));
    } else {
      LEDD_ASSIGN_OR_RETURN(entry.via, LoadProvenance(store_, entry.invitation));
    }
    entries.push_back(std::move(entry));
  }
  // All saved searches against all senders in one pass (not one 2-hop expansion per
  // pair): the box's cost grows with its size, not with invitations × searches.
  if (!advised.empty()) {
    const std::vector<std::vector<uint64_t>> matches = query::MarginalReachMatchingEach(
        *snapshot, snapshot->Find(member), senders, search_filters);
    for (size_t i = 0; i < advised.size(); ++i) {
      std::vector<SavedSearchMatches>& out = entries[advised[i]].saved_searches;
      out.reserve(search_names.size());
      for (size_t k = 0; k < search_names.size(); ++k) {
        out.push_back({.name = search_names[k], .matches = matches[i][k]});
      }
    }
  }
  return entries;
}

absl::StatusOr<ContactsReportResult> InvitationService::ContactsReport(MemberId member) {
  if (live_ == nullptr) {
    return absl::FailedPreconditionError(
        "the contacts report needs the network, and none is loaded");
  }
  LEDD_ASSIGN_OR_RETURN(std::vector<Invitation> pending,
                        store_.ListInvitations(member, {.box = store::InvitationBox::kReceived,
                                                        .state = InvitationState::kPending,
                                                        .limit = 10'000}));
  ContactsReportResult result{.snapshot = live_->Current(), .report = {}};
  const graph::Snapshot& snapshot = *result.snapshot;
  const Node node = snapshot.Find(member);
  if (node == kNoNode) return absl::NotFoundError(fmt::format("member {} not found", member));
  std::vector<query::PendingSender> senders;
  senders.reserve(pending.size());
  for (const Invitation& invitation : pending) {
    LEDD_ASSIGN_OR_RETURN(query::Advice advice,
                          AdviseOn(snapshot, invitation, query::Language::kEnglish));
    senders.push_back({.sender = snapshot.Find(invitation.from), .decision = advice.decision});
  }
  result.report = query::ReportContacts(snapshot, {.member = node, .pending = senders});
  return result;
}

absl::StatusOr<store::Member> InvitationService::UpdateSettings(MemberId member,
                                                                const SettingsUpdate& update) {
  LEDD_ASSIGN_OR_RETURN(store::Member stored, store_.GetMember(member));
  if (!update.policy.has_value() && !update.markets.has_value() &&
      !update.connections_visibility.has_value() && !update.in_directory.has_value()) {
    return stored;
  }
  if (update.policy.has_value()) stored.policy = *update.policy;
  if (update.markets.has_value()) stored.markets = *update.markets;
  if (update.connections_visibility.has_value()) {
    stored.connections_visibility = *update.connections_visibility;
  }
  if (update.in_directory.has_value()) stored.in_directory = *update.in_directory;
  // A read-modify-write of the whole profile: a concurrent profile edit between the
  // two could be overwritten. Settings and profile are edited by the member alone, one
  // form at a time, so a narrower store write is not worth its interface yet.
  LEDD_RETURN_IF_ERROR(store_.UpdateMember(stored).status());
  LEDD_RETURN_IF_ERROR(CatchUpAfter(fmt::format("the settings of member {}", member)));
  return stored;
}

}  // namespace ledd::service
