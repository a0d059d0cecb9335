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
  // Spam signals: the article's "decline" cases.
  kNoPhoto,
  kThinProfile,
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
  // Visibility.
  kCommentedOnYourPosts,
  kFollowsYou,
  kYouFollow,
  // Geography.
  kOutsideMarkets,
  // Sender behaviour (kReported and kReportedOften exclusive).
  kManyRecentInvitations,
  kLowAcceptanceRate,
  kReported,
  kReportedOften,
  // The invitation itself.
  kPersonalNote,
};
inline constexpr int kSignalCount = 21;

struct TriageRow {
  Signal signal;
  std::string_view code;  // Stable: never renamed once published.
  // Signed contribution to the score. For kMutualContacts the tiers below decide it.
  double weight;
  bool common_ground;  // Satisfies the selective policy's "needs common ground".
  bool behaviour;      // Sender behaviour (summed against behaviour_decline_at).
  std::string_view evidence;  // What triggers it, for docs/triage.md.
};

// kMutualContacts weighs more with more common contacts: `weight` from `at_least` on.
struct MutualTier {
  uint64_t at_least;
  double weight;
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
  // Ascending; the last tier reached applies.
  std::array<MutualTier, 4> mutual_tiers = {{{1, 1.0}, {3, 2.0}, {10, 3.0}, {25, 4.0}}};
  // Names of mutual contacts quoted in the sentence ("among them Kari Nordmann").
  size_t mutual_names = 2;
};

struct TriageRules {
  std::array<TriageRow, kSignalCount> rows;  // Indexed by Signal.
  TriageThresholds thresholds;

  const TriageRow& Row(Signal signal) const { return rows[static_cast<int>(signal)]; }
  double Weight(Signal signal) const { return Row(signal).weight; }
  // The weight for `count` mutual contacts; 0 for none.
  double MutualWeight(uint64_t count) const;
};

// The table Advise() uses unless a request names another.
const TriageRules& TriageTable();

// The rows, the mutual tiers and the thresholds as Markdown tables (docs/triage.md).
std::string TriageTableMarkdown(const TriageRules& rules = TriageTable());

}  // namespace ledd::query
