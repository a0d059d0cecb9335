#include "ledd/query/triage_table.h"

#include "fmt/core.h"

namespace ledd::query {

double TriageRules::MutualWeight(uint64_t count) const {
  double weight = 0;
  for (const MutualTier& tier : thresholds.mutual_tiers) {
    if (count >= tier.at_least) weight = tier.weight;
  }
  return weight;
}

const TriageRules& TriageTable() {
  // The magnitudes follow the article's words: "strongly towards decline" (-6) outweighs
  // any single sign of common ground, "towards" is 2 to 4, "slightly" is 0.5. The spam
  // signals decide the decision on their own anyway; the weights order the received box
  // and make the score readable.
  static const TriageRules* rules = new TriageRules{
      .rows = {{
          {Signal::kNoPhoto, "no_photo", -6, false, false, "the sender has no profile photo"},
          {Signal::kThinProfile, "thin_profile", -4, false, false,
           "fewer than 3 of 6 profile sections filled in (headline, summary, position, "
           "education, location, industry)"},
          {Signal::kSeriousProfile, "serious_profile", 2, false, false,
           "at least one position with title and organization, and at least one education"},
          {Signal::kSameSchoolFieldSameTime, "same_school_field_same_time", 4, true, false,
           "an education at the same school in the same field, with overlapping periods"},
          {Signal::kSameSchoolField, "same_school_field", 3, true, false,
           "an education at the same school in the same field"},
          {Signal::kSameSchoolSameTime, "same_school_same_time", 2.5, true, false,
           "an education at the same school, with overlapping periods"},
          {Signal::kSameSchool, "same_school", 2, true, false, "an education at the same school"},
          {Signal::kSameField, "same_field", 1, true, false,
           "an education in the same field (as written) at different schools"},
          {Signal::kSameEmployerSameTime, "same_employer_same_time", 4, true, false,
           "positions at the same organization with overlapping periods"},
          {Signal::kSameEmployer, "same_employer", 2.5, true, false,
           "positions at the same organization, at different times"},
          {Signal::kSameIndustry, "same_industry", 1, true, false,
           "the same industry on both profiles (no shared employer)"},
          {Signal::kMutualContacts, "mutual_contacts", 0, true, false,
           "common contacts; the weight grows with their number (tiers below)"},
          {Signal::kCommentedOnYourPosts, "commented_on_your_posts", 2, true, false,
           "the sender commented on the recipient's posts"},
          {Signal::kFollowsYou, "follows_you", 1.5, true, false,
           "the sender follows the recipient"},
          {Signal::kYouFollow, "you_follow", 1, true, false, "the recipient follows the sender"},
          {Signal::kOutsideMarkets, "outside_markets", -2, false, false,
           "the sender's country is outside the recipient's markets (home country, or the "
           "listed countries); never for an international recipient"},
          {Signal::kManyRecentInvitations, "many_recent_invitations", -2, false, true,
           "the sender sent many invitations in the 7 days before this one"},
          {Signal::kLowAcceptanceRate, "low_acceptance_rate", -3, false, true,
           "few of the sender's answered invitations were accepted"},
          {Signal::kReported, "reported", -2, false, true,
           "members reported the sender (\"I don't know this person\")"},
          {Signal::kReportedOften, "reported_often", -5, false, true,
           "members reported the sender several times"},
          {Signal::kPersonalNote, "personal_note", 0.5, false, false,
           "the invitation carries a non-empty note"},
      }},
      .thresholds = {},
  };
  return *rules;
}

std::string TriageTableMarkdown(const TriageRules& rules) {
  std::string out =
      "| code | weight | common ground | behaviour | evidence |\n"
      "|---|---:|---|---|---|\n";
  for (const TriageRow& row : rules.rows) {
    const std::string weight =
        row.signal == Signal::kMutualContacts ? "by tier" : fmt::format("{:+g}", row.weight);
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", row.code, weight,
                       row.common_ground ? "yes" : "", row.behaviour ? "yes" : "", row.evidence);
  }
  out += "\n| mutual contacts | weight |\n|---:|---:|\n";
  for (const MutualTier& tier : rules.thresholds.mutual_tiers) {
    out += fmt::format("| ≥ {} | {:+g} |\n", tier.at_least, tier.weight);
  }
  const TriageThresholds& t = rules.thresholds;
  out += "\n| threshold | value |\n|---|---:|\n";
  out += fmt::format("| thin profile: sections filled fewer than | {} |\n", t.thin_below_sections);
  out += fmt::format("| many recent invitations: sent in 7 days, at least | {} |\n",
                     t.many_recent_invitations);
  out += fmt::format("| low acceptance rate: answered invitations, at least | {} |\n",
                     t.low_acceptance_min_answered);
  out += fmt::format("| low acceptance rate: accepted share below | {:g} |\n",
                     t.low_acceptance_rate);
  out += fmt::format("| reported often: reports, at least | {} |\n", t.reported_often);
  out += fmt::format("| behaviour weights that decline, at most | {:+g} |\n",
                     t.behaviour_decline_at);
  out += fmt::format("| mutual contacts named in the sentence | {} |\n", t.mutual_names);
  return out;
}

}  // namespace ledd::query
