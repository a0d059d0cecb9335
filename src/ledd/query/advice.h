#pragma once
// Invitation advice (DESIGN.md, "Triage"): accept, consider or decline, a score and the
// reasons, each with a stable code, its weight and a sentence in English or Norwegian
// Bokmål. A pure function of a snapshot and the facts about the invitation that only the
// store knows (the sender's recent behaviour, comments on the recipient's posts).
//
// The recipient's settings steer the decision: policy liberal (accept what is not
// spam-like, unless the sender is outside the recipient's markets) or selective (also
// needs common ground), and markets (home country only, listed countries, international).
// Every weight and threshold lives in one table, TriageTable(), that tests and
// docs/triage.md share.
//
// Thread-safety: pure; concurrent calls are safe with one scratch per thread.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/scratch.h"

namespace ledd::query {

enum class Decision { kAccept, kConsider, kDecline };
std::string_view DecisionName(Decision decision);  // "accept", "consider", "decline"

enum class Language { kEnglish, kNorwegian };

// What the store knows about the sender's invitations, counted before this invitation.
struct SenderBehaviour {
  int64_t sent_last_7_days = 0;  // Invitations the sender sent in the 7 days before it.
  int64_t answered = 0;          // Earlier invitations accepted, ignored or reported.
  int64_t accepted = 0;          // ... of which accepted.
  int64_t reports = 0;           // "I don't know this person" reports against the sender.
};

struct AdviceRequest {
  Node sender = kNoNode;
  Node recipient = kNoNode;
  std::string_view note;  // The invitation's note; empty for none.
  SenderBehaviour behaviour;
  // Comments the sender wrote on the recipient's posts (visibility; follows come from
  // the snapshot).
  int64_t comments_on_recipient_posts = 0;
  Language language = Language::kEnglish;
};

struct Reason {
  std::string code;   // Stable, e.g. "no_photo", "same_school_field", "mutual_contacts".
  double weight = 0;  // Signed contribution to the score (positive: towards accept).
  std::string text;   // A sentence in the requested language.
};

struct Advice {
  Decision decision = Decision::kConsider;
  double score = 0;
  std::vector<Reason> reasons;  // Strongest first.
  // New members in the recipient's 1st + 2nd degree on accepting (MarginalReach).
  uint64_t marginal_reach = 0;
};

// Requires sender and recipient < snapshot.NodeCount() and sender != recipient.
Advice Advise(const graph::Snapshot& snapshot, const AdviceRequest& request,
              QueryScratch& scratch = ThreadScratch());

}  // namespace ledd::query
