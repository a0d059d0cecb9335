#pragma once
// The store-side facts of one invitation's advice (query::AdviceRequest): the sender's
// history, where the invitation came from, the sender's attention to the recipient with
// its times, the sender's account age, and the recipient's posts and appearances for the
// note's claims. The invitation service, the labelled-set test and bench/triage_eval all
// advise through this, so they advise alike.
//
// Thread-safety: as the store's reads.

#include <vector>

#include "absl/status/statusor.h"
#include "ledd/graph/snapshot.h"
#include "ledd/query/advice.h"
#include "ledd/store/model.h"
#include "ledd/store/store.h"

namespace ledd::service {

// request.claim_targets views claim_targets, and request.note the invitation's note:
// keep the facts and the invitation alive while advising. Movable, not copyable.
struct AdviceFacts {
  query::AdviceRequest request;
  std::vector<query::ClaimTarget> claim_targets;

  AdviceFacts() = default;
  AdviceFacts(AdviceFacts&&) = default;
  AdviceFacts& operator=(AdviceFacts&&) = default;
};

// The recipient's newest posts, and newest appearances, a note's claims are checked
// against: this many of each.
inline constexpr int kClaimTargets = 100;

// The invitation's origin as the advice shows it: its `via` (store::InvitationVia)
// checked again against the store, so only verified provenance is shown — a post of the
// recipient's that the sender had read at or before sending, or an appearance of the
// recipient's that had taken place by then. kNone when the invitation has no `via` or
// the post or appearance is gone (deleted since, or never verified, as in imported
// history). The API and the CLI render invitations' provenance through this too.
absl::StatusOr<query::Provenance> LoadProvenance(store::Store& store,
                                                 const store::Invitation& invitation);

// NotFound when either member is not in `snapshot`.
absl::StatusOr<AdviceFacts> GatherAdviceFacts(store::Store& store, const graph::Snapshot& snapshot,
                                              const store::Invitation& invitation,
                                              query::Language language);

}  // namespace ledd::service
