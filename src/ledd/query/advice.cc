#include "ledd/query/advice.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "fmt/core.h"
#include "ledd/base/fold.h"
#include "ledd/base/time.h"
#include "ledd/query/kernels.h"
#include "ledd/query/network_queries.h"
#include "ledd/query/vocabulary.h"

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

// Whether two educations are in the same field: the same folded text, or one concept of
// the vocabulary ("Informatikk" and "Computer Science", data/vocabulary.txt).
bool SameField(const Snapshot& snapshot, graph::ValueId a, graph::ValueId b) {
  if (a == kNoValue || b == kNoValue) return false;
  if (a == b) return true;
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  const ConceptId concept_a = vocabulary.FieldConcept(snapshot.Value(Dict::kField, a));
  return concept_a != kNoConcept &&
         concept_a == vocabulary.FieldConcept(snapshot.Value(Dict::kField, b));
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
  const EducationRecord* recipient = nullptr;
};

EducationMatch MatchEducation(const Snapshot& snapshot, const TriageRules& rules, Node sender,
                              Node recipient) {
  EducationMatch best;
  double best_weight = 0;
  for (const EducationRecord& theirs : snapshot.Educations(sender)) {
    for (const EducationRecord& mine : snapshot.Educations(recipient)) {
      const bool same_school = theirs.school != kNoOrganization && theirs.school == mine.school;
      const bool same_field = SameField(snapshot, theirs.field, mine.field);
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
        best = {.signal = signal, .found = true, .sender = &theirs, .recipient = &mine};
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

// "10 minutes", "3 hours", "2 days" / "10 minutter", "3 timer", "2 dager".
std::string DurationText(int64_t seconds, Language language) {
  const bool english = English(language);
  const auto unit = [&](int64_t n, std::string_view one_en, std::string_view many_en,
                        std::string_view one_nb, std::string_view many_nb) {
    return fmt::format("{} {}", n,
                       english ? (n == 1 ? one_en : many_en) : (n == 1 ? one_nb : many_nb));
  };
  seconds = std::max<int64_t>(seconds, 0);
  if (seconds < 3600) {
    return unit(std::max<int64_t>(seconds / 60, 1), "minute", "minutes", "minutt", "minutter");
  }
  if (seconds < 2 * 86400) return unit(seconds / 3600, "hour", "hours", "time", "timer");
  return unit(seconds / 86400, "day", "days", "dag", "dager");
}

// "12 Aug 2026" / "12. aug. 2026".
std::string DayText(Timestamp at, Language language) {
  constexpr std::string_view kEnglish[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  constexpr std::string_view kNorwegian[] = {"jan.", "feb.", "mars", "apr.", "mai", "juni",
                                             "juli", "aug.", "sep.", "okt.", "nov.", "des."};
  const std::string date = FormatDate(at);  // YYYY-MM-DD
  const int month = std::stoi(date.substr(5, 2));
  const int day = std::stoi(date.substr(8, 2));
  const std::string_view year = std::string_view(date).substr(0, 4);
  if (English(language)) return fmt::format("{} {} {}", day, kEnglish[month - 1], year);
  return fmt::format("{}. {} {}", day, kNorwegian[month - 1], year);
}

// What a provenance's appearance is called in a sentence: "talk" / "foredraget ditt".
struct AppearanceWords {
  std::string_view english;    // "talk"
  std::string_view norwegian;  // "foredraget ditt"
};
AppearanceWords WordsFor(std::string_view appearance_kind) {
  if (appearance_kind == "media") return {"media appearance", "medieopptredenen din"};
  if (appearance_kind == "course") return {"course", "kurset ditt"};
  return {"talk", "foredraget ditt"};
}

// ---- The note's claims ----

// Folded words that say "I saw something you published" (English and Norwegian); a
// note with none of them claims nothing. Matched as the start of a note word, so
// "innlegget", "foredraget" and "blogposts" count.
constexpr std::string_view kClaimWords[] = {
    "post",      "innlegg",   "artikkel", "article", "blog",      "blogg",   "talk",
    "foredrag",  "presentas", "keynote",  "podcast", "webinar",   "kurs",    "course",
    "interview", "intervju",  "lecture",  "forelesning", "paneldebatt", "panel",
};

// Folded words too common to say which post a note means.
constexpr std::string_view kStopWords[] = {
    "about", "your", "with", "from", "that", "this", "have", "were", "what", "when",
    "really", "great", "very", "thanks", "thank", "would", "like", "connect", "post",
    "posts", "talk", "article", "blog", "read", "heard", "enjoyed", "loved", "there",
    "their", "them", "they", "will", "just", "also", "some", "much", "more",
    "innlegg", "innlegget", "innleggene", "artikkel", "artikkelen", "foredrag",
    "foredraget", "leste", "horte", "likte", "takk", "gjerne", "veldig", "bare",
    "ditt", "dine", "din", "deg", "meg", "kontakt", "hilsen", "ogsa", "etter", "eller",
    "skrev", "skrevet", "dette", "denne", "hadde", "kunne", "ville", "noen", "mange",
};

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  const std::string folded = Fold(text);
  size_t begin = 0;
  while (begin < folded.size()) {
    size_t end = folded.find(' ', begin);
    if (end == std::string::npos) end = folded.size();
    words.emplace_back(folded.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

bool ClaimsVisibility(const std::vector<std::string>& note_words) {
  for (const std::string& word : note_words) {
    for (std::string_view claim : kClaimWords) {
      if (word.starts_with(claim)) return true;
    }
  }
  return false;
}

// A word that can say which post is meant: at least 4 characters, not a stop word.
bool Significant(std::string_view word) {
  if (word.size() < 4) return false;
  return std::find(std::begin(kStopWords), std::end(kStopWords), word) == std::end(kStopWords);
}

// The first target whose title (for an appearance: title or event) shares a
// significant word with the note, or null.
const ClaimTarget* MatchClaim(const std::vector<std::string>& note_words,
                              std::span<const ClaimTarget> targets) {
  for (const ClaimTarget& target : targets) {
    std::vector<std::string> words = Words(target.title);
    if (target.kind == Provenance::Kind::kAppearance) {
      for (std::string& word : Words(target.text)) words.push_back(std::move(word));
    }
    for (const std::string& word : words) {
      if (!Significant(word)) continue;
      if (std::find(note_words.begin(), note_words.end(), word) != note_words.end()) {
        return &target;
      }
    }
  }
  return nullptr;
}

// The mutual contacts, weighted by how selective each is (Adamic–Adar), and the most
// selective ones the recipient may be shown, for the sentence.
struct WeightedMutual {
  MutualResult shown;  // count: all of them; members: the named ones.
  double adamic_adar = 0;
  uint64_t selective = 0;  // Those with fewer than hub_contacts contacts.
};

WeightedMutual WeighMutual(const Snapshot& snapshot, const TriageThresholds& limits, Node u,
                           Node v, const ConnectionFilter& shown) {
  WeightedMutual result;
  std::vector<Node> members;
  result.shown.count = Intersect(snapshot.Connections(u), snapshot.Connections(v), members);
  for (Node member : members) {
    const uint64_t contacts = snapshot.Degree(member);
    result.adamic_adar += 1.0 / std::log(static_cast<double>(std::max<uint64_t>(contacts, 2)));
    result.selective += contacts < limits.hub_contacts;
  }
  if (shown) std::erase_if(members, [&](Node c) { return !shown(u, c) || !shown(c, v); });
  OrderBySelectivity(snapshot, members, limits.mutual_names);
  result.shown.members = std::move(members);
  return result;
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
  bool common_ground = false;
  bool verified = false;
  // Marks the evidence a reason gives: common ground, and whether it is verified.
  const auto ground = [&](Signal signal) {
    common_ground = common_ground || rules.Row(signal).common_ground;
    verified = verified || rules.Row(signal).verified;
  };

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
  const bool serious = SeriousProfile(snapshot, sender);
  if (serious) {
    reasons.Add(Signal::kSeriousProfile, "Has filled in experience and education",
                "Har fylt ut erfaring og utdanning");
  }

  // ---- The sender's account and network ----
  const bool timed = request.sent_at > 0;
  const int64_t account_age = request.sent_at - request.sender_since;
  const bool new_account =
      timed && request.sender_since > 0 && account_age < limits.new_account_seconds;
  if (new_account) {
    reasons.Add(Signal::kNewAccount,
                fmt::format("Account created {} before the invitation",
                            DurationText(account_age, Language::kEnglish)),
                fmt::format("Kontoen ble opprettet {} før invitasjonen",
                            DurationText(account_age, Language::kNorwegian)));
  }
  if (const uint64_t contacts = snapshot.Degree(sender); contacts < limits.few_contacts_below) {
    reasons.Add(Signal::kFewContacts,
                contacts == 0   ? std::string("Has no contacts yet")
                : contacts == 1 ? std::string("Has only 1 contact")
                                : fmt::format("Has only {} contacts", contacts),
                contacts == 0   ? std::string("Har ingen kontakter ennå")
                : contacts == 1 ? std::string("Har bare 1 kontakt")
                                : fmt::format("Har bare {} kontakter", contacts));
  }

  // ---- Common ground: education ----
  if (const EducationMatch education = MatchEducation(snapshot, rules, sender, recipient);
      education.found) {
    ground(education.signal);
    const std::string school =
        education.sender->school != kNoOrganization
            ? snapshot.Organization(education.sender->school).name
            : std::string();
    // The field as the sender wrote it, and as the recipient did when that differs
    // (synonyms in the vocabulary): "Informatikk / Computer Science".
    std::string field;
    if (const graph::ValueId theirs = education.sender->field; theirs != kNoValue) {
      field = snapshot.Display(Dict::kField, theirs);
      const graph::ValueId mine = education.recipient->field;
      if (mine != kNoValue && mine != theirs) {
        field = fmt::format("{} / {}", field, snapshot.Display(Dict::kField, mine));
      }
    }
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
    ground(employer.signal);
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
    ground(Signal::kSameIndustry);
    const std::string_view name = snapshot.Display(Dict::kIndustry, industry);
    reasons.Add(Signal::kSameIndustry, fmt::format("You both work in {}", name),
                fmt::format("Dere jobber begge innen {}", name));
  }

  // ---- Mutual contacts, weighted by how selective each is ----
  const WeightedMutual mutual = WeighMutual(snapshot, limits, recipient, sender, request.shown);
  advice.mutual_contacts = mutual.shown.count;
  if (mutual.shown.count > 0) {
    // Hubs connect to nearly everyone: mutual contacts who are all hubs say little (the
    // article) and are no common ground; they are shown with their small weight.
    common_ground = common_ground || mutual.selective > 0;
    verified = verified || (mutual.shown.count >= limits.verified_mutual_min &&
                            mutual.selective >= limits.verified_mutual_selective);
    reasons.AddWeighted(Signal::kMutualContacts, rules.MutualWeight(mutual.adamic_adar),
                        MutualText(snapshot, mutual.shown, Language::kEnglish),
                        MutualText(snapshot, mutual.shown, Language::kNorwegian));
  }

  // ---- Provenance ----
  // A brand-new account can read a post or open a talk's page and invite at once (and
  // name it in the note), so such ground is shown but counts for nothing from one, like
  // its other fresh attention.
  const Provenance& via = request.via;
  const auto ground_unless_new = [&](Signal signal, std::string english,
                                     std::string norwegian) {
    if (!new_account) {
      ground(signal);
      reasons.Add(signal, std::move(english), std::move(norwegian));
      return;
    }
    reasons.AddWeighted(signal, 0, english + ", from a new account: not counted",
                        norwegian + ", fra en ny konto: teller ikke");
  };
  if (via.kind == Provenance::Kind::kPost) {
    ground_unless_new(Signal::kViaPost,
            fmt::format("Read your post ‘{}’ on {} and invited you from it", via.title,
                        DayText(via.at, Language::kEnglish)),
            fmt::format("Leste innlegget ditt «{}» {} og inviterte deg derfra", via.title,
                        DayText(via.at, Language::kNorwegian)));
  } else if (via.kind == Provenance::Kind::kAppearance) {
    const AppearanceWords words = WordsFor(via.appearance_kind);
    const std::string english = fmt::format("Invited you from your {} ‘{}’", words.english, via.title);
    const std::string norwegian = fmt::format("Inviterte deg fra {} «{}»", words.norwegian, via.title);
    if (via.event.empty()) {
      ground_unless_new(Signal::kViaAppearance, english, norwegian);
    } else {
      ground_unless_new(Signal::kViaAppearance, fmt::format("{} at {}", english, via.event),
              fmt::format("{} på {}", norwegian, via.event));
    }
  }
  const bool provenance = via.kind != Provenance::Kind::kNone;

  // ---- Visibility: counted when seasoned, shown when fresh ----
  // Made before `cut` is seasoned; with no invitation time, everything is.
  const VisibilityFacts& seen = request.visibility;
  const bool sender_follows = Contains(snapshot.Following(sender), recipient);
  const auto seasoned_follow = [&] {
    if (!timed) return true;
    if (new_account) return false;
    return !seen.sender_follows_since ||
           *seen.sender_follows_since <= request.sent_at - limits.fresh_seconds;
  };
  int64_t comments = seen.comments, reads = seen.posts_read;
  int64_t fresh_comments = seen.fresh_comments, fresh_reads = seen.fresh_posts_read;
  // The read of the post the invitation came from is the provenance reason already: it
  // is not counted, nor shown as fresh, a second time.
  if (via.kind == Provenance::Kind::kPost && via.at > 0) {
    int64_t& bucket = timed && via.at > request.sent_at - limits.fresh_seconds ? fresh_reads : reads;
    if (bucket > 0) --bucket;
  }
  bool follow_counts = sender_follows && seasoned_follow();
  const bool fresh_follow = sender_follows && !follow_counts;
  if (new_account) {
    // Nothing a new account did counts, however long ago in its short life.
    fresh_comments += comments;
    fresh_reads += reads;
    comments = reads = 0;
  }
  if (comments > 0) {
    ground(Signal::kCommentedOnYourPosts);
    reasons.Add(Signal::kCommentedOnYourPosts,
                comments == 1 ? std::string("Has commented on your posts once")
                              : fmt::format("Has commented on your posts {} times", comments),
                comments == 1 ? std::string("Har kommentert innleggene dine én gang")
                              : fmt::format("Har kommentert innleggene dine {} ganger", comments));
  }
  if (reads > 0) {
    ground(Signal::kReadYourPosts);
    reasons.Add(Signal::kReadYourPosts,
                reads == 1 ? std::string("Has read one of your posts")
                           : fmt::format("Has read {} of your posts", reads),
                reads == 1 ? std::string("Har lest ett av innleggene dine")
                           : fmt::format("Har lest {} av innleggene dine", reads));
  }
  if (follow_counts) {
    ground(Signal::kFollowsYou);
    reasons.Add(Signal::kFollowsYou, "Follows you", "Følger deg");
  }
  if (Contains(snapshot.Following(recipient), sender)) {
    // The recipient's own act: nothing the sender can make up.
    ground(Signal::kYouFollow);
    reasons.Add(Signal::kYouFollow, "You follow them", "Du følger vedkommende");
  }
  if (fresh_follow || fresh_comments > 0 || fresh_reads > 0) {
    std::vector<std::string> english, norwegian;
    if (fresh_follow) {
      english.emplace_back("followed you");
      norwegian.emplace_back("begynte å følge deg");
    }
    if (fresh_comments > 0) {
      english.emplace_back("commented on your posts");
      norwegian.emplace_back("kommenterte innleggene dine");
    }
    if (fresh_reads > 0) {
      english.emplace_back("read your posts");
      norwegian.emplace_back("leste innleggene dine");
    }
    const auto join = [](const std::vector<std::string>& parts, std::string_view and_word) {
      std::string out;
      for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? and_word : ", ";
        out += parts[i];
      }
      out[0] = static_cast<char>(out[0] - 'a' + 'A');  // Both lists start in ASCII.
      return out;
    };
    if (new_account) {
      reasons.Add(Signal::kFreshAttention,
                  fmt::format("{} from a new account: not counted", join(english, " and ")),
                  fmt::format("{} fra en ny konto: teller ikke", join(norwegian, " og ")));
    } else {
      reasons.Add(Signal::kFreshAttention,
                  fmt::format("{} less than a day before inviting: not counted",
                              join(english, " and ")),
                  fmt::format("{} under et døgn før invitasjonen: teller ikke",
                              join(norwegian, " og ")));
    }
  }

  // ---- The note and what it claims ----
  if (!request.note.empty()) {
    const std::vector<std::string> words = Words(request.note);
    const bool claims = ClaimsVisibility(words);
    const ClaimTarget* matched = claims ? MatchClaim(words, request.claim_targets) : nullptr;
    if (matched != nullptr && matched->kind == Provenance::Kind::kPost) {
      ground_unless_new(Signal::kNoteMatchesPost,
                        fmt::format("The note mentions your post ‘{}’", matched->title),
                        fmt::format("Hilsenen nevner innlegget ditt «{}»", matched->title));
    } else if (matched != nullptr) {
      ground_unless_new(Signal::kNoteMatchesAppearance,
                        fmt::format("The note mentions your appearance ‘{}’", matched->title),
                        fmt::format("Hilsenen nevner «{}», der du deltok", matched->title));
    } else if (claims) {
      reasons.Add(Signal::kNoteClaimUnmatched,
                  "The note refers to something you published, but matches none of your "
                  "posts or appearances",
                  "Hilsenen viser til noe du har publisert, men passer ikke med noen av "
                  "innleggene eller opptredenene dine");
    }
    if (!claims || matched != nullptr) {
      // A claim that matches nothing earns nothing, not even the note's half point.
      reasons.Add(Signal::kPersonalNote, "Wrote a personal note", "Skrev en personlig hilsen");
    }
  }
  advice.common_ground = common_ground;
  advice.verified_common_ground = verified;

  if (advice.spam_like && verified) {
    reasons.Add(Signal::kSpamSignsButCommonGround,
                "No photo or a thin profile, but you share verified common ground: more "
                "likely a real person than spam",
                "Mangler bilde eller har en tynn profil, men dere har bekreftet felles "
                "bakgrunn: trolig en ekte person, ikke spam");
  }

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

  // The rules of advice.h, in order.
  const bool spammer = behaviour_weight <= limits.behaviour_decline_at;
  const bool selective = snapshot.Policy(recipient) == graph::TriagePolicy::kSelective;
  if (provenance && !new_account && !spammer) {
    advice.decision = Decision::kAccept;
  } else if (advice.spam_like) {
    advice.decision = verified ? Decision::kConsider : Decision::kDecline;
  } else if (spammer) {
    advice.decision = Decision::kDecline;
  } else if (advice.outside_markets) {
    advice.decision = common_ground ? Decision::kConsider : Decision::kDecline;
  } else if (behaviour_weight < 0 || (new_account && !verified)) {
    advice.decision = Decision::kConsider;
  } else if (selective) {
    advice.decision =
        verified || (common_ground && serious) ? Decision::kAccept : Decision::kConsider;
  } else {
    advice.decision = Decision::kAccept;
  }

  advice.marginal_reach = MarginalReach(snapshot, recipient, sender, scratch);
  return advice;
}

}  // namespace ledd::query
