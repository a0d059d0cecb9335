#pragma once
// The triage table: every weight and threshold of invitation advice (DESIGN.md,
// "Triage") in one place. Advise() reads it, the tests read it, and docs/triage.md
// prints it (TriageTableMarkdown()), so the three cannot drift apart.
//
// A signal is one row: a stable code (what the API and the CLI print), a signed weight
// (positive: towards accept), whether it counts as common ground for the selective
// policy, and whether it describes the sender's behaviour. Signals of one group are
// exclusive where a stronger one subsumes a weaker one (studied the same field at the
// same school at the same time says more than the same school alone): Advise() emits
// only the strongest of each group, so evidence is never counted twice.
//
// Thread-safety: TriageTable() returns an immutable object built once.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ledd::query {

enum class Signal : uint8_t {
  // Spam signals: the article's "decline" cases, unless verified common ground says the
  // sender is a real person (kSpamSignsButCommonGround states the conflict).
  kNoPhoto,
  kThinProfile,
  kSpamSignsButCommonGround,
  // The sender's account and network.
  kNewAccount,
  kFewContacts,
  // Serious profile.
  kSeriousProfile,
  // Education (one of them at most).
  kSameSchoolFieldSameTime,
  kSameSchoolField,
  kSameSchoolSameTime,
  kSameSchool,
  kSameField,
  // Work (one of them at most).
  kSameEmployerSameTime,
  kSameEmployer,
  kSameIndustry,
  // Network.
  kMutualContacts,
  // Provenance: where the invitation came from (one of them at most).
  kViaPost,
  kViaAppearance,
  // Visibility, counted only when made well before the invitation by an account that is
  // not brand new; what is too recent is kFreshAttention, shown and not counted.
  kCommentedOnYourPosts,
  kReadYourPosts,
  kFollowsYou,
  kYouFollow,
  kFreshAttention,
  // Geography.
  kOutsideMarkets,
  // Sender behaviour (kReported and kReportedOften exclusive).
  kManyRecentInvitations,
  kLowAcceptanceRate,
  kReported,
  kReportedOften,
  // The invitation's note, and what it claims to have seen (one of the last three).
  kPersonalNote,
  kNoteMatchesPost,
  kNoteMatchesAppearance,
  kNoteClaimUnmatched,
};
inline constexpr int kSignalCount = 31;

struct TriageRow {
  Signal signal;
  std::string_view code;  // Stable: never renamed once published.
  // Signed contribution to the score. For kMutualContacts the tiers below decide it.
  double weight;
  // Common ground: satisfies the selective policy together with a serious profile.
  bool common_ground;
  // Verified common ground (a subset of common ground): facts the sender cannot make up
  // by themselves — overlapping years at one employer or in one study programme, a
  // recorded read of the recipient's post or an appearance's page. Outweighs the spam
  // signs and satisfies the selective policy alone. kMutualContacts is verified only
  // when enough of the mutual contacts are not hubs (TriageThresholds).
  bool verified;
  bool behaviour;  // Sender behaviour (summed against behaviour_decline_at).
  std::string_view evidence;  // What triggers it, for docs/triage.md.
};

struct TriageThresholds {
  // Thin profile: fewer than this many of the six sections (headline, summary,
  // position, education, location, industry) filled in. Three is the generator's rule
  // too, so a profile the generator made thin is thin here.
  int thin_below_sections = 3;
  // Many invitations: at least this many sent in the 7 days before this one. A member
  // who is building a network after a new job sends a few dozen in a month; bursts of
  // 20 a week are what spam senders do (the weekly limit is 100).
  int64_t many_recent_invitations = 20;
  // Low acceptance rate: at least `low_acceptance_min_answered` earlier invitations
  // answered, and fewer than this share of them accepted. Below ten answers the rate
  // is noise.
  int64_t low_acceptance_min_answered = 10;
  double low_acceptance_rate = 0.2;
  // Reports: one report is kReported, this many or more kReportedOften.
  int64_t reported_often = 3;
  // Behaviour weights summing to this or less decline even a complete profile:
  // reported often, or a burst of invitations that few accept.
  double behaviour_decline_at = -5;
  // kMutualContacts weighs each mutual contact by how selective it is (Adamic–Adar): a
  // contact with c contacts adds 1 / ln(max(c, 2)), so a colleague with 40 contacts
  // counts four times a hub with 9,000. The weight is mutual_scale times that sum, at
  // most mutual_cap.
  double mutual_scale = 2;
  double mutual_cap = 4;
  // Mutual contacts are verified common ground when there are at least
  // verified_mutual_min of them and at least verified_mutual_selective have fewer than
  // hub_contacts contacts: several people who really know both, not only hubs.
  uint64_t verified_mutual_min = 3;
  uint64_t verified_mutual_selective = 2;
  uint64_t hub_contacts = 1'000;
  // Names of mutual contacts quoted in the sentence ("among them Kari Nordmann"): the
  // most selective ones (fewest contacts) first.
  size_t mutual_names = 2;
  // Visibility made less than this before the invitation is fresh: shown, not counted
  // (a follow and a comment a minute before inviting are made to be counted).
  int64_t fresh_seconds = 24 * 3600;
  // A sender whose account is younger than this at the invitation has a new account:
  // their visibility is not counted, and without verified common ground the best advice
  // is consider.
  int64_t new_account_seconds = 7 * 24 * 3600;
  // Few contacts: the sender has fewer than this many.
  uint64_t few_contacts_below = 5;
};

struct TriageRules {
  std::array<TriageRow, kSignalCount> rows;  // Indexed by Signal.
  TriageThresholds thresholds;

  const TriageRow& Row(Signal signal) const { return rows[static_cast<int>(signal)]; }
  double Weight(Signal signal) const { return Row(signal).weight; }
  // The weight of mutual contacts whose Adamic–Adar sum (Σ 1/ln(max(contacts, 2))) is
  // `adamic_adar`; 0 for none.
  double MutualWeight(double adamic_adar) const;
};

// The table Advise() uses unless a request names another.
const TriageRules& TriageTable();

// The rows and the thresholds as Markdown tables (docs/triage.md).
std::string TriageTableMarkdown(const TriageRules& rules = TriageTable());

}  // namespace ledd::query
