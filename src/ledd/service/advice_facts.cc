#include "ledd/service/advice_facts.h"

#include <optional>
#include <string>
#include <utility>

#include "fmt/core.h"
#include "ledd/base/status_macros.h"
#include "ledd/service/visibility.h"

namespace ledd::service {

// The store checked the origin when the invitation was sent; a post read only after the
// invitation (possible in imported history) or a page deleted since leaves no
// provenance to count.
absl::StatusOr<query::Provenance> LoadProvenance(store::Store& store,
                                                 const store::Invitation& invitation) {
  query::Provenance provenance;
  switch (invitation.via.kind) {
    case store::InvitationVia::Kind::kNone:
      return provenance;
    case store::InvitationVia::Kind::kPost: {
      absl::StatusOr<store::Post> post = store.GetPost(invitation.via.id);
      if (absl::IsNotFound(post.status())) return provenance;
      LEDD_RETURN_IF_ERROR(post.status());
      LEDD_ASSIGN_OR_RETURN(std::optional<Timestamp> read,
                            store.FirstView(invitation.via.id, invitation.from));
      if (post->author != invitation.to || !read.has_value() || *read > invitation.created_at) {
        return provenance;
      }
      provenance.kind = query::Provenance::Kind::kPost;
      provenance.title = std::move(post->title);
      provenance.at = *read;
      return provenance;
    }
    case store::InvitationVia::Kind::kAppearance: {
      absl::StatusOr<store::Appearance> appearance = store.GetAppearance(invitation.via.id);
      if (absl::IsNotFound(appearance.status())) return provenance;
      LEDD_RETURN_IF_ERROR(appearance.status());
      if (appearance->member != invitation.to || appearance->date > invitation.created_at) {
        return provenance;
      }
      provenance.kind = query::Provenance::Kind::kAppearance;
      provenance.title = std::move(appearance->title);
      provenance.event = std::move(appearance->event);
      provenance.appearance_kind = std::string(store::AppearanceKindName(appearance->kind));
      provenance.at = appearance->date;
      return provenance;
    }
  }
  return provenance;
}

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

  // Attention made within fresh_seconds of the invitation is fresh: shown, not counted.
  const query::TriageRules& rules = query::TriageTable();
  const Timestamp seasoned_before = invitation.created_at - rules.thresholds.fresh_seconds;
  LEDD_ASSIGN_OR_RETURN(store::Attention attention,
                        store.GetAttention(invitation.from, invitation.to, seasoned_before,
                                           invitation.created_at));
  request.visibility = {.comments = attention.comments,
                        .fresh_comments = attention.fresh_comments,
                        .posts_read = attention.posts_read,
                        .fresh_posts_read = attention.fresh_posts_read,
                        .sender_follows_since = attention.sender_follows_since,
                        .recipient_follows_since = attention.recipient_follows_since};
  LEDD_ASSIGN_OR_RETURN(request.via, LoadProvenance(store, invitation));

  LEDD_ASSIGN_OR_RETURN(std::vector<store::Post> posts,
                        store.ListPosts(invitation.to, {.limit = kClaimTargets}));
  for (store::Post& post : posts) {
    facts.claim_targets.push_back({.kind = query::Provenance::Kind::kPost,
                                   .title = std::move(post.title),
                                   .text = std::move(post.body)});
  }
  LEDD_ASSIGN_OR_RETURN(std::vector<store::Appearance> appearances,
                        store.ListAppearances(invitation.to));
  if (appearances.size() > kClaimTargets) appearances.resize(kClaimTargets);  // The newest.
  for (store::Appearance& appearance : appearances) {
    facts.claim_targets.push_back(
        {.kind = query::Provenance::Kind::kAppearance,
         .title = std::move(appearance.title),
         .text = fmt::format("{} {}", appearance.event, appearance.place)});
  }
  request.claim_targets = facts.claim_targets;
  return facts;
}

}  // namespace ledd::service
