#include "ledd/service/advice_facts.h"

#include "fmt/core.h"
#include "ledd/base/status_macros.h"
#include "ledd/service/visibility.h"

namespace ledd::service {

absl::StatusOr<AdviceFacts> GatherAdviceFacts(store::Store& store, const graph::Snapshot& snapshot,
                                              const store::Invitation& invitation,
                                              query::Language language) {
  const Node sender = snapshot.Find(invitation.from);
  const Node recipient = snapshot.Find(invitation.to);
  for (auto [node, member] : {std::pair{sender, invitation.from}, {recipient, invitation.to}}) {
    if (node == kNoNode) {
      return absl::NotFoundError(
          fmt::format("member {} of invitation {} is not in the network", member, invitation.id));
    }
  }
  AdviceFacts facts;
  query::AdviceRequest& request = facts.request;
  request.sender = sender;
  request.recipient = recipient;
  request.note = invitation.note;
  request.language = language;
  request.sent_at = invitation.created_at;
  // The reasons are the recipient's to read: they are shown the mutual contacts the rule
  // lets them see.
  request.shown = ConnectionFilterFor(snapshot, recipient);

  LEDD_ASSIGN_OR_RETURN(
      store::SenderHistory history,
      store.GetSenderHistory(invitation.from, invitation.created_at, invitation.id));
  request.behaviour = {.sent_last_7_days = history.sent_last_7_days,
                       .answered = history.answered,
                       .accepted = history.accepted,
                       .reports = history.reports};
  LEDD_ASSIGN_OR_RETURN(store::Member from, store.GetMember(invitation.from));
  request.sender_since = from.created_at;
  LEDD_ASSIGN_OR_RETURN(request.visibility.comments,
                        store.CountComments(invitation.from, invitation.to));

  LEDD_ASSIGN_OR_RETURN(std::vector<store::Post> posts,
                        store.ListPosts(invitation.to, {.limit = kClaimTargets}));
  for (store::Post& post : posts) {
    facts.claim_targets.push_back({.kind = query::Provenance::Kind::kPost,
                                   .title = std::move(post.title),
                                   .text = std::move(post.body)});
  }
  request.claim_targets = facts.claim_targets;
  return facts;
}

}  // namespace ledd::service
