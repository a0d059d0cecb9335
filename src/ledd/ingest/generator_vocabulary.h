#pragma once
// The words the network generator draws from: names by origin, countries, cities,
// industries, professions and their titles, fields of study, schools, known companies,
// the parts of synthetic company names, and text templates for headlines, summaries,
// invitation notes, posts and comments.
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

// fmt templates. Named arguments: {title}, {company}, {field}, {industry}, {city},
// {school}, {topic}, {topic2}, {years}, {first}, {event}, {n}.
std::span<const std::string_view> HeadlineTemplates();
std::span<const std::string_view> NorwegianHeadlineTemplates();
std::span<const std::string_view> SummaryTemplates();
std::span<const std::string_view> NoteTemplates();
std::span<const std::string_view> SpamNoteTemplates();
std::span<const std::string_view> SpamHeadlines();
std::span<const std::string_view> PostTitleTemplates();
std::span<const std::string_view> PostBodyTemplates();
std::span<const std::string_view> CommentTemplates();
std::span<const std::string_view> Events();

}  // namespace ledd::ingest::vocabulary
