#include "ledd/query/triage_table.h"

#include <algorithm>

#include "fmt/core.h"

namespace ledd::query {

double TriageRules::MutualWeight(double adamic_adar) const {
  return std::min(thresholds.mutual_cap, thresholds.mutual_scale * adamic_adar);
}

const TriageRules& TriageTable() {
  // The magnitudes follow the article's words: "strongly towards decline" (-6) outweighs
  // any single sign of common ground, "towards" is 2 to 4, "slightly" is 0.5. The spam
  // signals decide the decision on their own anyway; the weights order the received box
  // and make the score readable.
  static const TriageRules* rules = new TriageRules{
      .rows = {{
          // Columns: code, weight, common ground, verified, behaviour, evidence.
          {Signal::kNoPhoto, "no_photo", -6, false, false, false,
           "the sender has no profile photo"},
          {Signal::kThinProfile, "thin_profile", -4, false, false, false,
           "fewer than 3 of 6 profile sections filled in (headline, summary, position, "
           "education, location, industry)"},
          {Signal::kSpamSignsButCommonGround, "spam_signs_but_common_ground", 0, false, false,
           false,
           "spam signs (no photo or a thin profile) and verified common ground at once: "
           "consider, not decline"},
          {Signal::kNewAccount, "new_account", -1, false, false, false,
           "the sender's account was created less than 7 days before the invitation"},
          {Signal::kFewContacts, "few_contacts", -1, false, false, false,
           "the sender has fewer than 5 contacts"},
          {Signal::kSeriousProfile, "serious_profile", 2, false, false, false,
           "at least one position with title and organization, and at least one education"},
          {Signal::kSameSchoolFieldSameTime, "same_school_field_same_time", 4, true, true, false,
           "an education at the same school in the same field (vocabulary synonyms are the "
           "same field), with overlapping periods"},
          {Signal::kSameSchoolField, "same_school_field", 3, true, false, false,
           "an education at the same school in the same field"},
          {Signal::kSameSchoolSameTime, "same_school_same_time", 2.5, true, false, false,
           "an education at the same school, with overlapping periods"},
          {Signal::kSameSchool, "same_school", 2, true, false, false,
           "an education at the same school"},
          {Signal::kSameField, "same_field", 1, true, false, false,
           "an education in the same field at different schools"},
          {Signal::kSameEmployerSameTime, "same_employer_same_time", 4, true, true, false,
           "positions at the same organization with overlapping periods"},
          {Signal::kSameEmployer, "same_employer", 2.5, true, false, false,
           "positions at the same organization, at different times"},
          {Signal::kSameIndustry, "same_industry", 1, true, false, false,
           "the same industry on both profiles (no shared employer)"},
          {Signal::kMutualContacts, "mutual_contacts", 0, true, true, false,
           "common contacts, each weighted by how selective it is (thresholds below); common "
           "ground only when one is not a hub, verified only with at least 3, of whom at least "
           "2 are not hubs"},
          {Signal::kViaPost, "via_post", 4, true, true, false,
           "the invitation was sent from a post of the recipient's that the sender had read "
           "(a recorded view); from a new account it is shown with weight 0"},
          {Signal::kViaAppearance, "via_appearance", 4, true, true, false,
           "the invitation was sent from the page of one of the recipient's talks, media "
           "appearances or courses; from a new account it is shown with weight 0"},
          {Signal::kCommentedOnYourPosts, "commented_on_your_posts", 2, true, false, false,
           "the sender commented on the recipient's posts at least a day before inviting"},
          {Signal::kReadYourPosts, "read_your_posts", 1, true, false, false,
           "the sender read the recipient's posts at least a day before inviting"},
          {Signal::kFollowsYou, "follows_you", 1.5, true, false, false,
           "the sender has followed the recipient since at least a day before inviting"},
          {Signal::kYouFollow, "you_follow", 1, true, false, false,
           "the recipient follows the sender"},
          {Signal::kFreshAttention, "fresh_attention", 0, false, false, false,
           "follows, comments or reads from less than a day before the invitation, or from "
           "a new account: shown, not counted"},
          {Signal::kOutsideMarkets, "outside_markets", -2, false, false, false,
           "the sender's country is outside the recipient's markets (home country, or the "
           "listed countries); never for an international recipient"},
          {Signal::kManyRecentInvitations, "many_recent_invitations", -2, false, false, true,
           "the sender sent many invitations in the 7 days before this one"},
          {Signal::kLowAcceptanceRate, "low_acceptance_rate", -3, false, false, true,
           "few of the sender's answered invitations were accepted"},
          {Signal::kReported, "reported", -2, false, false, true,
           "members reported the sender (\"I don't know this person\")"},
          {Signal::kReportedOften, "reported_often", -5, false, false, true,
           "members reported the sender several times"},
          {Signal::kPersonalNote, "personal_note", 0.5, false, false, false,
           "the invitation carries a non-empty note"},
          {Signal::kNoteMatchesPost, "note_matches_post", 1, true, false, false,
           "the note refers to something the recipient published and names a post of theirs "
           "(a significant word of its title)"},
          {Signal::kNoteMatchesAppearance, "note_matches_appearance", 1, true, false, false,
           "the note refers to a talk, media appearance or course of the recipient's and "
           "names it (its title or event)"},
          {Signal::kNoteClaimUnmatched, "note_claim_unmatched", 0, false, false, false,
           "the note refers to something the recipient published but matches none of their "
           "posts or appearances: not a reason"},
      }},
      .thresholds = {},
  };
  return *rules;
}

std::string TriageTableMarkdown(const TriageRules& rules) {
  std::string out =
      "| code | weight | common ground | verified | behaviour | evidence |\n"
      "|---|---:|---|---|---|---|\n";
  for (const TriageRow& row : rules.rows) {
    const std::string weight = row.signal == Signal::kMutualContacts
                                   ? "by selectivity"
                                   : fmt::format("{:+g}", row.weight);
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", row.code, weight,
                       row.common_ground ? "yes" : "", row.verified ? "yes" : "",
                       row.behaviour ? "yes" : "", row.evidence);
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
  out += fmt::format("| mutual contacts: weight per Σ 1/ln(contacts) | {:g} |\n", t.mutual_scale);
  out += fmt::format("| mutual contacts: weight at most | {:+g} |\n", t.mutual_cap);
  out += fmt::format("| mutual contacts verified: at least | {} |\n", t.verified_mutual_min);
  out += fmt::format("| ... of whom not hubs, at least | {} |\n", t.verified_mutual_selective);
  out += fmt::format("| hub: contacts, at least | {} |\n", t.hub_contacts);
  out += fmt::format("| mutual contacts named in the sentence | {} |\n", t.mutual_names);
  out += fmt::format("| fresh: made before the invitation, less than (hours) | {} |\n",
                     t.fresh_seconds / 3600);
  out += fmt::format("| new account: created before the invitation, less than (days) | {} |\n",
                     t.new_account_seconds / 86400);
  out += fmt::format("| few contacts: fewer than | {} |\n", t.few_contacts_below);
  return out;
}

}  // namespace ledd::query
