#pragma once
// The words the network generator draws from: names by origin, countries, cities,
// industries, professions and their titles, fields of study, schools, known companies,
// the parts of synthetic company names, the topics members write and speak about, the
// events they speak at, and text templates for headlines, summaries, posts, comments,
// appearances and invitation notes.
//
// Constant tables with static storage; every accessor returns a view of one table.
// Weights are relative within their table. Thread-safe (read-only).

#include <cstdint>
#include <span>
#include <string_view>

namespace ledd::ingest::vocabulary {

// Where a member's name comes from; independent of where the member lives.
enum class NameOrigin : uint8_t {
  kNorwegian,
  kSwedish,
  kDanish,
  kFinnish,
  kBritish,
  kGerman,
  kDutch,
  kAmerican,
  kIndian,
  kChinese,
  kPolish,
  kFrench,
  kSpanish,
};
inline constexpr int kNameOriginCount = 13;

struct NameList {
  NameOrigin origin;
  std::span<const std::string_view> first_names;
  std::span<const std::string_view> last_names;
  // Share of immigrants with this origin among members whose name is not local.
  double migrant_weight;
};
// Indexed by NameOrigin.
std::span<const NameList> NameLists();

struct Country {
  std::string_view code;  // ISO 3166 alpha-2
  NameOrigin local_origin;
  double local_share;  // Members living there with a local name.
  // Suffix of company names ("AS", "AB", "GmbH"); "Co., Ltd." has a comma on purpose.
  std::string_view company_suffix;
  bool nordic;               // Synthetic companies get Nordic-sounding names.
  bool norwegian_language;   // Schools and titles lean Norwegian.
};
std::span<const Country> Countries();

struct City {
  std::string_view name;
  std::string_view country;  // alpha-2, one of Countries()
  double weight;             // Roughly the percentage of members living there.
};
std::span<const City> Cities();

struct Industry {
  std::string_view name;
  double weight;  // Share of employment.
  // Words that make a synthetic company name sound like the industry.
  std::span<const std::string_view> name_words;
  // Who a post or a talk addresses, for "Hva {topic} betyr for {audience}":
  // "norske rederier" / "shipowners".
  std::string_view audience_norwegian;
  std::string_view audience_english;
};
std::span<const Industry> Industries();

// A profession: decides titles and which industries a member tends to work in.
struct Profession {
  std::string_view name;
  double weight;  // For members without an education.
  // Titles by seniority: [0] early career, [1] experienced, [2] senior or lead.
  std::span<const std::string_view> titles[3];
  std::span<const std::string_view> industries;  // Preferred employers' industries.
  std::span<const std::string_view> topics;      // What they write and talk about.
};
std::span<const Profession> Professions();

// Bit set of school profiles a field of study is taught at.
inline constexpr uint8_t kTechnical = 1, kBusiness = 2, kGeneral = 4;

struct Field {
  std::string_view english;
  std::string_view norwegian;
  std::string_view profession;  // One of Professions()
  uint8_t taught_at;            // kTechnical | kBusiness | kGeneral
  double weight;
};
std::span<const Field> Fields();

struct School {
  std::string_view name;
  std::string_view country;
  uint8_t profile;  // kTechnical | kBusiness | kGeneral
  double weight;
};
std::span<const School> Schools();

struct KnownCompany {
  std::string_view name;
  std::string_view industry;  // One of Industries()
  std::string_view country;
  // Relative size among employers of the same country and industry; a synthetic
  // company of rank r weighs 3 / r.
  double weight;
};
std::span<const KnownCompany> KnownCompanies();

// Synthetic company names: prefix + stem ("Fjell" + "vik"), an industry word and the
// country's suffix: "Fjellvik Data AS", "Ironbridge Analytics Ltd".
std::span<const std::string_view> NordicNamePrefixes();
std::span<const std::string_view> NordicNameStems();
std::span<const std::string_view> InternationalNamePrefixes();
std::span<const std::string_view> InternationalNameStems();

// What members write posts and give talks about. Its name is in every title and body
// made from it, in the text's language, so a post's title matches its body and a note
// that names the topic names the post: each name has a word of at least five letters.
struct Topic {
  std::string_view norwegian;        // "ESG-rapportering"
  std::string_view english;          // "ESG reporting"
  std::string_view point_norwegian;  // One sentence of substance, for bodies.
  std::string_view point_english;
  // Industries() and Professions() names whose members write about it.
  std::span<const std::string_view> areas;
};
std::span<const Topic> Topics();

// Where members appear: conferences (talks), media (interviews, debates, podcasts) and
// course providers. Real Norwegian events and outlets, and a few international ones.
enum class Cadence : uint8_t { kYearly, kOddYears, kEvenYears };
struct Venue {
  std::string_view name;   // "JavaZone"; talks add the year: "JavaZone 2026"
  std::string_view kind;   // "talk", "media" or "course", as in appearances.csv
  std::string_view place;  // "Oslo Spektrum"; may be empty
  std::string_view link;   // The event's or outlet's https address; may be empty
  int month;               // 1-12 for a yearly date; 0: any day of the year
  int day;
  Cadence cadence;
  bool norwegian;  // Held in Norwegian (only members in Norway appear there)
  // Industries() and Professions() names of its speakers; empty: anyone.
  std::span<const std::string_view> areas;
};
std::span<const Venue> Venues();

// fmt templates. Named arguments: {title}, {company}, {field}, {industry}, {city},
// {school}, {topic}, {topic2}, {years}, {first}, {event}, {n}, {audience}, {point}.
std::span<const std::string_view> HeadlineTemplates();
std::span<const std::string_view> NorwegianHeadlineTemplates();
std::span<const std::string_view> SummaryTemplates();
std::span<const std::string_view> SpamNoteTemplates();
std::span<const std::string_view> SpamHeadlines();
// Conferences and meetups named in notes ("Vi møttes på {event}") and post bodies.
std::span<const std::string_view> Events();

// A post's title and body of one style ("what X means for", "we are hiring"), in both
// languages; {topic} is the post's topic in the post's language.
struct PostTemplate {
  std::string_view title_norwegian;
  std::string_view body_norwegian;
  std::string_view title_english;
  std::string_view body_english;
};
std::span<const PostTemplate> PostTemplates();
// Comments on a post about {topic}, by contacts; and the praise a gamed account leaves.
std::span<const std::string_view> CommentTemplates(bool norwegian);
std::span<const std::string_view> GamedCommentTemplates(bool norwegian);
// An appearance's title by kind ("talk", "media", "course").
std::span<const std::string_view> AppearanceTitleTemplates(std::string_view kind, bool norwegian);

// Invitation notes that state facts: a shared school ({school}), a shared employer
// ({company}), the same line of work ({topic}), or a meeting ({event}). None of them
// contains a ClaimWords() word, so none claims to have seen something.
std::span<const std::string_view> SharedSchoolNotes(bool norwegian);
std::span<const std::string_view> SharedEmployerNotes(bool norwegian);
std::span<const std::string_view> SameWorkNotes(bool norwegian);
std::span<const std::string_view> GenericNotes(bool norwegian);
// Notes that claim to have seen a post ("post") or an appearance ("talk", "media",
// "course") about {topic}, at {event} for appearances.
std::span<const std::string_view> ClaimNotes(std::string_view kind, bool norwegian);
// A spam sender's claim: flattery about a post about {topic}, or a talk at {event}.
std::span<const std::string_view> SpamClaimNotes(bool post);
// Folded word beginnings that make a note claim to have seen something the recipient
// published ("innlegget", "foredraget", "talk"); kept in step with the advice's list
// (src/ledd/query/advice.cc, kClaimWords), which ingest cannot include.
std::span<const std::string_view> ClaimWords();

}  // namespace ledd::ingest::vocabulary
