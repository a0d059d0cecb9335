#include "ledd/query/advice.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "fmt/core.h"
#include "ledd/query/kernels.h"
#include "ledd/query/network_queries.h"

namespace ledd::query {
namespace {

using graph::Dict;
using graph::EducationRecord;
using graph::kNoOrganization;
using graph::kNoTime;
using graph::kNoValue;
using graph::PositionRecord;
using graph::Snapshot;

bool English(Language language) { return language == Language::kEnglish; }

// Names of the countries a member is likely to come from, so that a sentence says
// "Sweden" rather than "SE". Unknown codes are shown as they are.
struct CountryName {
  std::string_view code;  // Folded (lower case), as Dict::kCountry holds it.
  std::string_view english;
  std::string_view norwegian;
};
constexpr CountryName kCountryNames[] = {
    {"no", "Norway", "Norge"},          {"se", "Sweden", "Sverige"},
    {"dk", "Denmark", "Danmark"},       {"fi", "Finland", "Finland"},
    {"is", "Iceland", "Island"},        {"gb", "the United Kingdom", "Storbritannia"},
    {"ie", "Ireland", "Irland"},        {"de", "Germany", "Tyskland"},
    {"nl", "the Netherlands", "Nederland"}, {"be", "Belgium", "Belgia"},
    {"fr", "France", "Frankrike"},      {"es", "Spain", "Spania"},
    {"it", "Italy", "Italia"},          {"pl", "Poland", "Polen"},
    {"ch", "Switzerland", "Sveits"},    {"at", "Austria", "Østerrike"},
    {"ee", "Estonia", "Estland"},       {"lt", "Lithuania", "Litauen"},
    {"us", "the United States", "USA"}, {"ca", "Canada", "Canada"},
    {"in", "India", "India"},           {"cn", "China", "Kina"},
    {"sg", "Singapore", "Singapore"},   {"jp", "Japan", "Japan"},
    {"br", "Brazil", "Brasil"},         {"au", "Australia", "Australia"},
};

std::string CountryText(const Snapshot& snapshot, graph::ValueId country, Language language) {
  const std::string_view folded = snapshot.Value(Dict::kCountry, country);
  for (const CountryName& name : kCountryNames) {
    if (name.code == folded) return std::string(English(language) ? name.english : name.norwegian);
  }
  return std::string(snapshot.Display(Dict::kCountry, country));
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Whether the periods [a_start, a_end) and [b_start, b_end) share time. An unknown start
// proves nothing, so it never overlaps; an open end is "until now".
bool Overlap(Timestamp a_start, Timestamp a_end, Timestamp b_start, Timestamp b_end) {
  if (a_start == kNoTime || b_start == kNoTime) return false;
  return a_start < b_end && b_start < a_end;
}

// Whether the sender is outside the recipient's markets (DESIGN.md: the home country,
// or the listed countries, which always include home). Unknown countries are never
// foreign: no evidence, no reason.
bool OutsideMarkets(const Snapshot& snapshot, Node sender, Node recipient) {
  const graph::MarketsKind markets = snapshot.Markets(recipient);
  if (markets == graph::MarketsKind::kInternational) return false;
  const graph::ValueId sender_country = snapshot.Country(sender);
  if (sender_country == kNoValue) return false;
  const graph::ValueId home = snapshot.Country(recipient);
  if (sender_country == home) return false;
  if (markets == graph::MarketsKind::kHome) return home != kNoValue;
  const std::string_view code = snapshot.Value(Dict::kCountry, sender_country);
  std::string_view listed = snapshot.MarketCountries(recipient);
  while (!listed.empty()) {
    const size_t end = listed.find(';');
    if (EqualsIgnoringCase(listed.substr(0, end), code)) return false;
    if (end == std::string_view::npos) break;
    listed.remove_prefix(end + 1);
  }
  return true;
}

bool SeriousProfile(const Snapshot& snapshot, Node member) {
  if (snapshot.Educations(member).empty()) return false;
  for (const PositionRecord& position : snapshot.Positions(member)) {
    if (position.title != kNoValue && position.organization != kNoOrganization) return true;
  }
  return false;
}

// The strongest education signal between the two members, with the records behind it.
struct EducationMatch {
  Signal signal = Signal::kNoPhoto;  // Meaningless unless found.
  bool found = false;
  const EducationRecord* sender = nullptr;
};

EducationMatch MatchEducation(const Snapshot& snapshot, const TriageRules& rules, Node sender,
                              Node recipient) {
  EducationMatch best;
  double best_weight = 0;
  for (const EducationRecord& theirs : snapshot.Educations(sender)) {
    for (const EducationRecord& mine : snapshot.Educations(recipient)) {
      const bool same_school = theirs.school != kNoOrganization && theirs.school == mine.school;
      const bool same_field = theirs.field != kNoValue && theirs.field == mine.field;
      if (!same_school && !same_field) continue;
      Signal signal;
      if (same_school) {
        const bool together = Overlap(theirs.start, theirs.end, mine.start, mine.end);
        if (same_field) {
          signal = together ? Signal::kSameSchoolFieldSameTime : Signal::kSameSchoolField;
        } else {
          signal = together ? Signal::kSameSchoolSameTime : Signal::kSameSchool;
        }
      } else {
        signal = Signal::kSameField;
      }
      const double weight = rules.Weight(signal);
      if (!best.found || weight > best_weight) {
        best = {.signal = signal, .found = true, .sender = &theirs};
        best_weight = weight;
      }
    }
  }
  return best;
}

struct EmployerMatch {
  Signal signal = Signal::kNoPhoto;
  bool found = false;
  graph::OrgIndex organization = kNoOrganization;
};

EmployerMatch MatchEmployer(const Snapshot& snapshot, Node sender, Node recipient) {
  EmployerMatch best;
  for (const PositionRecord& theirs : snapshot.Positions(sender)) {
    if (theirs.organization == kNoOrganization) continue;
    for (const PositionRecord& mine : snapshot.Positions(recipient)) {
      if (theirs.organization != mine.organization) continue;
      if (Overlap(theirs.start, theirs.end, mine.start, mine.end)) {
        return {.signal = Signal::kSameEmployerSameTime, .found = true,
                .organization = theirs.organization};
      }
      if (!best.found) {
        best = {.signal = Signal::kSameEmployer, .found = true,
                .organization = theirs.organization};
      }
    }
  }
  return best;
}

// "Kari Nordmann", "Kari Nordmann and Ola Nordmann", "A, B and C".
std::string JoinNames(const Snapshot& snapshot, const std::vector<Node>& members,
                      Language language) {
  std::string out;
  for (size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += i + 1 == members.size() ? (English(language) ? " and " : " og ") : ", ";
    out += snapshot.DisplayName(members[i]);
  }
  return out;
}

std::string MutualText(const Snapshot& snapshot, const MutualResult& mutual, Language language) {
  const std::string names = JoinNames(snapshot, mutual.members, language);
  const bool english = English(language);
  if (mutual.members.empty()) {
    // None the recipient may be shown (AdviceRequest::shown): the count alone.
    if (mutual.count == 1) return english ? "1 mutual contact" : "1 felles kontakt";
    return english ? fmt::format("{} mutual contacts", mutual.count)
                   : fmt::format("{} felles kontakter", mutual.count);
  }
  if (mutual.count == 1) {
    return english ? fmt::format("1 mutual contact: {}", names)
                   : fmt::format("1 felles kontakt: {}", names);
  }
  if (mutual.members.size() == mutual.count) {
    return english ? fmt::format("{} mutual contacts: {}", mutual.count, names)
                   : fmt::format("{} felles kontakter: {}", mutual.count, names);
  }
  return english ? fmt::format("{} mutual contacts, among them {}", mutual.count, names)
                 : fmt::format("{} felles kontakter, blant dem {}", mutual.count, names);
}

// Builds the reasons; the sentences need the request's language only.
class ReasonList {
 public:
  ReasonList(const TriageRules& rules, Language language) : rules_(rules), language_(language) {}

  void Add(Signal signal, std::string english, std::string norwegian) {
    AddWeighted(signal, rules_.Weight(signal), std::move(english), std::move(norwegian));
  }
  void AddWeighted(Signal signal, double weight, std::string english, std::string norwegian) {
    reasons_.push_back({.code = std::string(rules_.Row(signal).code),
                        .weight = weight,
                        .text = English(language_) ? std::move(english) : std::move(norwegian),
                        .signal = signal});
  }
  std::vector<Reason> Take() && { return std::move(reasons_); }
  Language language() const { return language_; }

 private:
  const TriageRules& rules_;
  Language language_;
  std::vector<Reason> reasons_;
};

}  // namespace

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAccept: return "accept";
    case Decision::kConsider: return "consider";
    case Decision::kDecline: return "decline";
  }
  return "consider";
}

Advice Advise(const graph::Snapshot& snapshot, const AdviceRequest& request,
              QueryScratch& scratch) {
  Advice advice;
  const Node sender = request.sender;
  const Node recipient = request.recipient;
  if (sender >= snapshot.NodeCount() || recipient >= snapshot.NodeCount() || sender == recipient) {
    return advice;
  }
  const TriageRules& rules = request.rules != nullptr ? *request.rules : TriageTable();
  const TriageThresholds& limits = rules.thresholds;
  ReasonList reasons(rules, request.language);

  // ---- Spam signals ----
  const bool no_photo = !snapshot.HasPhoto(sender);
  if (no_photo) reasons.Add(Signal::kNoPhoto, "No profile photo", "Mangler profilbilde");
  const int sections = std::popcount(static_cast<unsigned>(snapshot.Completeness(sender)));
  const bool thin = sections < limits.thin_below_sections;
  if (thin) {
    reasons.Add(Signal::kThinProfile,
                fmt::format("Thin profile: {} of 6 sections filled in", sections),
                fmt::format("Tynn profil: {} av 6 deler er fylt ut", sections));
  }
  advice.spam_like = no_photo || thin;
  if (SeriousProfile(snapshot, sender)) {
    reasons.Add(Signal::kSeriousProfile, "Has filled in experience and education",
                "Har fylt ut erfaring og utdanning");
  }

  // ---- Common ground: education ----
  bool common_ground = false;
  if (const EducationMatch education = MatchEducation(snapshot, rules, sender, recipient);
      education.found) {
    common_ground = true;
    const std::string school =
        education.sender->school != kNoOrganization
            ? snapshot.Organization(education.sender->school).name
            : std::string();
    const std::string field = education.sender->field != kNoValue
                                  ? std::string(snapshot.Display(Dict::kField, education.sender->field))
                                  : std::string();
    switch (education.signal) {
      case Signal::kSameSchoolFieldSameTime:
        reasons.Add(education.signal,
                    fmt::format("You both studied {} at {}, at the same time", field, school),
                    fmt::format("Dere studerte begge {} ved {}, samtidig", field, school));
        break;
      case Signal::kSameSchoolField:
        reasons.Add(education.signal, fmt::format("You both studied {} at {}", field, school),
                    fmt::format("Dere studerte begge {} ved {}", field, school));
        break;
      case Signal::kSameSchoolSameTime:
        reasons.Add(education.signal, fmt::format("You were both at {} at the same time", school),
                    fmt::format("Dere gikk begge på {} samtidig", school));
        break;
      case Signal::kSameSchool:
        reasons.Add(education.signal, fmt::format("You both studied at {}", school),
                    fmt::format("Dere studerte begge ved {}", school));
        break;
      default:
        reasons.Add(Signal::kSameField, fmt::format("You both studied {}", field),
                    fmt::format("Dere studerte begge {}", field));
        break;
    }
  }

  // ---- Common ground: work ----
  if (const EmployerMatch employer = MatchEmployer(snapshot, sender, recipient); employer.found) {
    common_ground = true;
    const std::string& name = snapshot.Organization(employer.organization).name;
    if (employer.signal == Signal::kSameEmployerSameTime) {
      reasons.Add(employer.signal, fmt::format("You both worked at {} at the same time", name),
                  fmt::format("Dere jobbet begge i {} samtidig", name));
    } else {
      reasons.Add(employer.signal, fmt::format("You have both worked at {}", name),
                  fmt::format("Dere har begge jobbet i {}", name));
    }
  } else if (const graph::ValueId industry = snapshot.Industry(sender);
             industry != kNoValue && industry == snapshot.Industry(recipient)) {
    common_ground = true;
    const std::string_view name = snapshot.Display(Dict::kIndustry, industry);
    reasons.Add(Signal::kSameIndustry, fmt::format("You both work in {}", name),
                fmt::format("Dere jobber begge innen {}", name));
  }

  // ---- Mutual contacts ----
  const MutualResult mutual =
      Mutual(snapshot, recipient, sender, limits.mutual_names, request.shown);
  advice.mutual_contacts = mutual.count;
  if (mutual.count > 0) {
    common_ground = true;
    reasons.AddWeighted(Signal::kMutualContacts, rules.MutualWeight(mutual.count),
                        MutualText(snapshot, mutual, Language::kEnglish),
                        MutualText(snapshot, mutual, Language::kNorwegian));
  }

  // ---- Visibility ----
  if (const int64_t comments = request.comments_on_recipient_posts; comments > 0) {
    common_ground = true;
    reasons.Add(Signal::kCommentedOnYourPosts,
                comments == 1 ? std::string("Has commented on your posts once")
                              : fmt::format("Has commented on your posts {} times", comments),
                comments == 1 ? std::string("Har kommentert innleggene dine én gang")
                              : fmt::format("Har kommentert innleggene dine {} ganger", comments));
  }
  if (Contains(snapshot.Following(sender), recipient)) {
    common_ground = true;
    reasons.Add(Signal::kFollowsYou, "Follows you", "Følger deg");
  }
  if (Contains(snapshot.Following(recipient), sender)) {
    common_ground = true;
    reasons.Add(Signal::kYouFollow, "You follow them", "Du følger vedkommende");
  }
  advice.common_ground = common_ground;

  // ---- Geography ----
  advice.outside_markets = OutsideMarkets(snapshot, sender, recipient);
  if (advice.outside_markets) {
    const graph::ValueId country = snapshot.Country(sender);
    reasons.Add(Signal::kOutsideMarkets,
                fmt::format("Lives in {}, outside your markets",
                            CountryText(snapshot, country, Language::kEnglish)),
                fmt::format("Bor i {}, utenfor markedene dine",
                            CountryText(snapshot, country, Language::kNorwegian)));
  }

  // ---- Sender behaviour ----
  const SenderBehaviour& behaviour = request.behaviour;
  double behaviour_weight = 0;
  if (behaviour.sent_last_7_days >= limits.many_recent_invitations) {
    behaviour_weight += rules.Weight(Signal::kManyRecentInvitations);
    reasons.Add(Signal::kManyRecentInvitations,
                fmt::format("Sent {} invitations in the last 7 days", behaviour.sent_last_7_days),
                fmt::format("Har sendt {} invitasjoner de siste 7 dagene",
                            behaviour.sent_last_7_days));
  }
  if (behaviour.answered >= limits.low_acceptance_min_answered &&
      static_cast<double>(behaviour.accepted) <
          limits.low_acceptance_rate * static_cast<double>(behaviour.answered)) {
    behaviour_weight += rules.Weight(Signal::kLowAcceptanceRate);
    reasons.Add(Signal::kLowAcceptanceRate,
                fmt::format("Only {} of {} earlier invitations were accepted", behaviour.accepted,
                            behaviour.answered),
                fmt::format("Bare {} av {} tidligere invitasjoner ble godtatt",
                            behaviour.accepted, behaviour.answered));
  }
  if (behaviour.reports > 0) {
    const Signal signal =
        behaviour.reports >= limits.reported_often ? Signal::kReportedOften : Signal::kReported;
    behaviour_weight += rules.Weight(signal);
    reasons.Add(signal,
                behaviour.reports == 1
                    ? std::string("Reported once as unknown by a recipient")
                    : fmt::format("Reported {} times as unknown by recipients", behaviour.reports),
                behaviour.reports == 1
                    ? std::string("Rapportert én gang som ukjent av en mottaker")
                    : fmt::format("Rapportert {} ganger som ukjent av mottakere",
                                  behaviour.reports));
  }

  // ---- The note ----
  if (!request.note.empty()) {
    reasons.Add(Signal::kPersonalNote, "Wrote a personal note", "Skrev en personlig hilsen");
  }

  // ---- Score, order, decision ----
  advice.reasons = std::move(reasons).Take();
  for (const Reason& reason : advice.reasons) advice.score += reason.weight;
  // Strongest first; equal strength in table order, so the order is stable.
  std::stable_sort(advice.reasons.begin(), advice.reasons.end(),
                   [](const Reason& a, const Reason& b) {
                     const double strength_a = std::abs(a.weight), strength_b = std::abs(b.weight);
                     if (strength_a != strength_b) return strength_a > strength_b;
                     return a.signal < b.signal;
                   });

  const bool selective = snapshot.Policy(recipient) == graph::TriagePolicy::kSelective;
  if (advice.spam_like || behaviour_weight <= limits.behaviour_decline_at) {
    advice.decision = Decision::kDecline;
  } else if (advice.outside_markets || behaviour_weight < 0 || (selective && !common_ground)) {
    advice.decision = Decision::kConsider;
  } else {
    advice.decision = Decision::kAccept;
  }

  advice.marginal_reach = MarginalReach(snapshot, recipient, sender, scratch);
  return advice;
}

}  // namespace ledd::query
