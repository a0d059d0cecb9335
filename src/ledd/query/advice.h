#pragma once
// Invitation advice (DESIGN.md, "Triage"; docs/triage.md quotes the article's rules):
// accept, consider or decline, a score and the reasons, each with a stable code, its
// weight and a sentence in English or Norwegian Bokmål. A pure function of a snapshot
// and the facts about the invitation that only the store knows (the sender's recent
// behaviour, where the invitation came from, their attention to the recipient with its
// times, the recipient's posts and appearances for the note's claims).
//
// The recipient's settings steer the decision: policy liberal or selective, and markets
// (home country only, listed countries, international). Every weight and threshold
// lives in one table, TriageTable() (triage_table.h), that tests and docs/triage.md
// share. "Verified common ground" is what the sender cannot make up alone: years
// together at one employer or in one study programme, several mutual contacts who are
// not all hubs, or verified provenance (TriageRow::verified).
//
// The decision, the first rule that applies (the score never overrides it; it ranks a
// received box):
// 1. verified provenance (invited from the recipient's post they had read, or from an
//    appearance's page), the account not new, and behaviour > behaviour_decline_at
//                                                                      -> accept
// 2. spam-like (no photo, or a thin profile): with verified common ground -> consider
//    (the reasons state the conflict), else                           -> decline
// 3. sender behaviour weights <= behaviour_decline_at                 -> decline
// 4. sender outside the recipient's markets (home only, or listed countries): no
//    common ground at all -> decline, else                            -> consider
// 5. some behaviour against the sender (a report, a burst, few accepted), or a new
//    account without verified common ground                          -> consider
// 6. selective: verified common ground, or common ground and a serious profile
//                                                                      -> accept
//    selective otherwise                                              -> consider
// 7. liberal                                                          -> accept
// Visibility (follows, comments, reads) is common ground only when made at least
// fresh_seconds before the invitation by an account that is not new; otherwise it is
// shown as fresh_attention and counts for nothing. Provenance from a new account is
// shown with weight 0 and is no common ground either. Mutual contacts who are all hubs
// (hub_contacts or more contacts each) are shown with their small weight but are no
// common ground.
//
// Thread-safety: pure; concurrent calls are safe with one scratch per thread.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledd/graph/snapshot.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/scratch.h"
#include "ledd/query/triage_table.h"

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

// Where an invitation came from, as the store verified it when it was sent
// (store::InvitationVia): a post of the recipient's that the sender had read, or an
// appearance of the recipient's (a talk, a media appearance, a course) whose page the
// sender invited from. The service fills it from the store; Advise only reads it.
struct Provenance {
  enum class Kind { kNone, kPost, kAppearance };
  Kind kind = Kind::kNone;
  std::string title;            // The post's or the appearance's title.
  std::string event;            // The appearance's event ("JavaZone 2026"); empty for a post.
  std::string appearance_kind;  // "talk", "media", "course"; empty for a post.
  Timestamp at = 0;             // Post: when the sender first read it; appearance: its date.
};

// Something of the recipient's that an invitation's note may claim to have seen ("I
// read your post about ESG"): their posts and appearances, newest first.
struct ClaimTarget {
  Provenance::Kind kind = Provenance::Kind::kPost;
  std::string title;
  std::string text;  // A post's body; an appearance's event and place.
};

// What the store knows about the sender's attention to the recipient, split by whether
// it came at least a day before the invitation ("seasoned") or later ("fresh": made
// to be counted, DESIGN.md) — fresh facts are shown, never counted.
struct VisibilityFacts {
  int64_t comments = 0;        // Seasoned comments by the sender on the recipient's posts.
  int64_t fresh_comments = 0;
  int64_t posts_read = 0;      // Recipient's posts the sender read, seasoned reads.
  int64_t fresh_posts_read = 0;
  // Since when the sender follows the recipient, and the reverse; nullopt: does not.
  std::optional<Timestamp> sender_follows_since;
  std::optional<Timestamp> recipient_follows_since;
};

struct AdviceRequest {
  Node sender = kNoNode;
  Node recipient = kNoNode;
  std::string_view note;  // The invitation's note; empty for none.
  SenderBehaviour behaviour;
  // When the invitation was sent and when the sender's account was created (account
  // age); 0 = unknown: no freshness and account-age rules apply.
  Timestamp sent_at = 0;
  Timestamp sender_since = 0;
  Provenance via;
  // The sender's attention to the recipient. Whether either follows the other comes
  // from the snapshot; the facts give the follow's time.
  VisibilityFacts visibility;
  // The recipient's posts and appearances, for checking the note's claims.
  std::span<const ClaimTarget> claim_targets;
  Language language = Language::kEnglish;
  // The weights and thresholds; null = TriageTable(). Must outlive the call.
  const TriageRules* rules = nullptr;
  // Which mutual contacts the mutual_contacts reason may name (the recipient's
  // visibility rule); those it refuses are counted, not named. Empty: all.
  ConnectionFilter shown;
};

struct Reason {
  std::string code;   // Stable, e.g. "no_photo", "same_school_field", "mutual_contacts".
  double weight = 0;  // Signed contribution to the score (positive: towards accept).
  std::string text;   // A sentence in the requested language.
  Signal signal = Signal::kNoPhoto;  // The table row behind `code`.
};

struct Advice {
  Decision decision = Decision::kConsider;
  double score = 0;
  std::vector<Reason> reasons;  // Strongest first.
  // New members in the recipient's 1st + 2nd degree on accepting (MarginalReach).
  uint64_t marginal_reach = 0;
  // The facts behind the decision (also visible as reasons), for callers that count.
  bool spam_like = false;        // No photo or a thin profile.
  bool common_ground = false;    // A reason that counts as common ground.
  bool verified_common_ground = false;  // ... that is verified (TriageRow::verified).
  bool outside_markets = false;  // The sender is outside the recipient's markets.
  uint64_t mutual_contacts = 0;  // Common contacts of sender and recipient.
};

// Requires sender and recipient < snapshot.NodeCount() and sender != recipient;
// otherwise (a caller's bug, or a member missing from an old snapshot) the answer is
// consider with no reasons. O(deg(recipient) + Σ deg of its contacts) for the marginal
// reach, plus the sizes of both members' backgrounds.
Advice Advise(const graph::Snapshot& snapshot, const AdviceRequest& request,
              QueryScratch& scratch = ThreadScratch());

}  // namespace ledd::query
