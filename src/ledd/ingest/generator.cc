#include "ledd/ingest/generator.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fmt/core.h"
#include "ledd/base/fold.h"
#include "ledd/base/ids.h"
#include "ledd/base/status_macros.h"
#include "ledd/base/time.h"
#include "ledd/ingest/csv_writer.h"
#include "ledd/ingest/generator_vocabulary.h"
#include "ledd/store/model.h"

namespace ledd::ingest {
namespace {

namespace vocab = vocabulary;

// ---- Time -------------------------------------------------------------------------
// The network lives between 2005 and "now"; now is fixed so the output never depends
// on the wall clock.

constexpr Timestamp kFirstDay = 1104537600;  // 2005-01-01T00:00:00Z
constexpr Timestamp kNow = 1790812800;       // 2026-10-01T00:00:00Z
constexpr Timestamp kDay = 86400;
constexpr int kNowMonth = 2026 * 12 + 9;     // Months since year 0: October 2026.

Timestamp MonthStart(int month_index) {
  absl::CivilMonth month(month_index / 12, month_index % 12 + 1);
  return absl::ToUnixSeconds(absl::FromCivil(month, absl::UTCTimeZone()));
}

// ---- Model parameters ----------------------------------------------------------------
// docs/generator.md explains each; the clustering and degree tests pin their effect.

constexpr uint32_t kNone = UINT32_MAX;
constexpr size_t kMembersPerTask = 4096;  // Fixed so output never depends on threads.
constexpr double kSpamShare = 0.0015;
constexpr double kThinShare = 0.05;
constexpr double kTailShare = 0.025;       // Members drawn from the Pareto tail.
constexpr double kBodyMedianDegree = 66;
constexpr double kBodySigma = 0.8;
constexpr double kTailMinDegree = 300;
constexpr double kTailAlpha = 1.4;
constexpr uint32_t kMaxTargetDegree = 25'000;
constexpr uint32_t kMaxBlockDegree = 1'000;  // Hubs get no dense block.
constexpr double kBlockDensity = 0.62;       // BTER's rho at degree 1.
constexpr double kBlockDensityDecay = 0.5;   // ... falling towards the largest degrees.
constexpr double kDegreeBucketRatio = 1.2;
constexpr int kWindow = 40;                  // Colleague and classmate neighbourhood.
constexpr double kBrandNewShare = 0.015;     // ... of members with at most 40 contacts.
constexpr double kGamedShare = 0.08;         // ... of complete profiles with at most 8.
constexpr Timestamp kNewAccount = 7 * kDay;  // The advice's new_account_seconds.
constexpr Timestamp kRecent = kNow - 60 * kDay;  // Pending invitations are newer.
constexpr size_t kMaxVenues = 32;                // vocab::Venues() at most.

// ---- Random numbers -----------------------------------------------------------------
// Every member, block, post and invitation batch has its own stream derived from the
// seed and its index, so work can be split across threads in any way.

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t Hash(uint64_t a, uint64_t b) {
  uint64_t state = a * 0xD6E8FEB86659FD93ull ^ b;
  SplitMix(state);
  return SplitMix(state);
}

enum class Stream : uint64_t {
  kOrganizations = 1,
  kMember,
  kBlock,
  kLinks,
  kFollows,
  kPosts,
  kComments,
  kInvitations,
  kText,
  kConnectionTime,
  kAccounts,
  kAppearances,
  kViews,
  kVisibility,
  kGamed,
  kShowcase,
};

// xoshiro256**: small, fast and good enough for simulation.
class Rng {
 public:
  Rng(uint64_t seed, Stream stream, uint64_t item) {
    uint64_t state = Hash(Hash(seed, static_cast<uint64_t>(stream)), item);
    for (uint64_t& word : state_) word = SplitMix(state);
  }

  uint64_t Next() {
    uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(hi - lo + 1)); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  double Normal() {
    double u1 = (static_cast<double>(Next() >> 11) + 1.0) * 0x1.0p-53;
    double u2 = Unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Rounds x up or down so that the expectation is x.
  int64_t RoundRandomly(double x) {
    double floor = std::floor(x);
    return static_cast<int64_t>(floor) + (Chance(x - floor) ? 1 : 0);
  }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

// Walker's alias method: O(1) weighted sampling, built deterministically.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights) {
    size_t n = weights.size();
    if (n == 0) return;
    probability_.assign(n, 1.0);
    alias_.resize(n);
    std::iota(alias_.begin(), alias_.end(), 0u);
    double total = 0;
    for (double w : weights) total += w;
    if (!(total > 0)) return;  // All zero: uniform.
    std::vector<double> scaled(n);
    std::vector<uint32_t> small, large;
    for (size_t i = 0; i < n; ++i) {
      scaled[i] = weights[i] * static_cast<double>(n) / total;
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      uint32_t low = small.back();
      small.pop_back();
      uint32_t high = large.back();
      probability_[low] = scaled[low];
      alias_[low] = high;
      scaled[high] = (scaled[high] + scaled[low]) - 1.0;
      if (scaled[high] < 1.0) {
        large.pop_back();
        small.push_back(high);
      }
    }
    for (uint32_t i : large) probability_[i] = 1.0;
    for (uint32_t i : small) probability_[i] = 1.0;
  }

  bool empty() const { return probability_.empty(); }
  size_t size() const { return probability_.size(); }
  uint32_t Sample(Rng& rng) const {
    uint32_t slot = static_cast<uint32_t>(rng.Below(probability_.size()));
    return rng.Unit() < probability_[slot] ? slot : alias_[slot];
  }

 private:
  std::vector<double> probability_;
  std::vector<uint32_t> alias_;
};

// Items with weights; samples an item rather than a slot.
struct WeightedList {
  std::vector<uint32_t> items;
  std::vector<double> weights;
  AliasTable table;

  void Add(uint32_t item, double weight) {
    items.push_back(item);
    weights.push_back(weight);
  }
  void Build() { table = AliasTable(weights); }
  bool empty() const { return items.empty(); }
  uint32_t Sample(Rng& rng) const { return items[table.Sample(rng)]; }
};

// Runs fn(task) for task in [0, tasks) on `threads` threads. Results must go to
// per-task slots so that the schedule cannot change them.
template <typename Fn>
void ParallelFor(int threads, size_t tasks, Fn&& fn) {
  if (threads <= 1 || tasks <= 1) {
    for (size_t task = 0; task < tasks; ++task) fn(task);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t task = next++; task < tasks; task = next++) fn(task);
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads && static_cast<size_t>(i) < tasks; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

size_t TaskCount(size_t items, size_t per_task) { return (items + per_task - 1) / per_task; }

// ---- Catalog: vocabulary indexed, and the organizations ------------------------------

struct OrganizationRecord {
  std::string name;
  bool school = false;
  int industry = 0;
  int country = 0;
};

struct Catalog {
  std::vector<int> city_country;
  AliasTable city_table;
  AliasTable migrant_origin_table;
  AliasTable industry_table;
  AliasTable profession_table;
  std::vector<std::vector<int>> profession_industries;
  std::vector<int> field_profession;
  int higher_education = 0;
  int country_count = 0;
  int norway = 0;

  // Topics (vocab::Topics()) by the industries and professions that write about them.
  std::vector<std::vector<uint16_t>> industry_topics;
  std::vector<std::vector<uint16_t>> profession_topics;
  // Per venue (vocab::Venues()): bit i set if industry or profession i speaks there.
  std::vector<uint64_t> venue_industries;
  std::vector<uint32_t> venue_professions;

  // Schools are organizations 0 .. school_count-1, in vocab::Schools() order.
  int school_count = 0;
  std::vector<int> school_country;
  std::vector<WeightedList> school_fields;      // Per school: the fields it teaches.
  std::vector<WeightedList> schools_by_country;
  WeightedList all_schools;

  std::vector<OrganizationRecord> organizations;
  std::vector<WeightedList> employers_by_cell;  // [country * industries + industry]
  std::vector<WeightedList> employers_by_country;
  WeightedList all_employers;

  // Handles: ASCII slugs of names, deduplicated across origins ("Anna" is Swedish and
  // German) so that handle counters are per written handle.
  std::vector<std::vector<uint32_t>> first_slug;  // [origin][name] -> slug id
  std::vector<std::vector<uint32_t>> last_slug;
  std::vector<std::string> slugs;
};

int IndexOf(std::span<const vocab::Country> countries, std::string_view code) {
  for (size_t i = 0; i < countries.size(); ++i) {
    if (countries[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

int IndustryIndex(std::string_view name) {
  auto industries = vocab::Industries();
  for (size_t i = 0; i < industries.size(); ++i) {
    if (industries[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int ProfessionIndex(std::string_view name) {
  auto professions = vocab::Professions();
  for (size_t i = 0; i < professions.size(); ++i) {
    if (professions[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string Slug(std::string_view name) {
  std::string folded = Fold(name);
  std::string slug;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (c == ' ' || c == '-') {
      if (!slug.empty() && slug.back() != '-') slug.push_back('-');
    }
  }
  return slug;
}

// A synthetic company name that is unique within its country and industry: the k-th
// company of a cell walks a permutation of prefix x stem x industry word, starting at
// a place of its own so that cells do not all open with the same name.
std::string SyntheticCompanyName(const vocab::Country& country, const vocab::Industry& industry,
                                 uint64_t cell, uint64_t k) {
  auto prefixes = country.nordic ? vocab::NordicNamePrefixes() : vocab::InternationalNamePrefixes();
  auto stems = country.nordic ? vocab::NordicNameStems() : vocab::InternationalNameStems();
  uint64_t compounds = prefixes.size() * stems.size();
  uint64_t combinations = compounds * industry.name_words.size();
  // 7919 is prime and larger than any table product here: a bijection.
  uint64_t slot = ((k + Hash(cell, 0x5EED)) % combinations) * 7919 % combinations;
  uint64_t compound = slot % compounds;
  std::string_view word = industry.name_words[slot / compounds];
  std::string name = fmt::format("{}{} {}", prefixes[compound / stems.size()],
                                 stems[compound % stems.size()], word);
  if (k >= combinations) name += fmt::format(" {}", k / combinations + 1);
  return fmt::format("{} {}", name, country.company_suffix);
}

Catalog BuildCatalog(int64_t members, uint64_t seed) {
  Catalog catalog;
  auto countries = vocab::Countries();
  auto cities = vocab::Cities();
  auto industries = vocab::Industries();
  auto professions = vocab::Professions();
  auto fields = vocab::Fields();
  auto schools = vocab::Schools();
  catalog.country_count = static_cast<int>(countries.size());

  std::vector<double> weights;
  std::vector<double> country_share(countries.size(), 0.0);
  for (const vocab::City& city : cities) {
    int country = IndexOf(countries, city.country);
    catalog.city_country.push_back(country);
    weights.push_back(city.weight);
    country_share[country] += city.weight;
  }
  catalog.city_table = AliasTable(weights);

  weights.clear();
  for (const vocab::NameList& list : vocab::NameLists()) weights.push_back(list.migrant_weight);
  catalog.migrant_origin_table = AliasTable(weights);

  weights.clear();
  for (const vocab::Industry& industry : industries) weights.push_back(industry.weight);
  catalog.industry_table = AliasTable(weights);
  catalog.higher_education = IndustryIndex("Higher Education");

  weights.clear();
  for (const vocab::Profession& profession : professions) {
    weights.push_back(profession.weight);
    std::vector<int> preferred;
    for (std::string_view name : profession.industries) preferred.push_back(IndustryIndex(name));
    catalog.profession_industries.push_back(std::move(preferred));
  }
  catalog.profession_table = AliasTable(weights);
  for (const vocab::Field& field : fields) {
    catalog.field_profession.push_back(ProfessionIndex(field.profession));
  }
  catalog.norway = IndexOf(countries, "NO");

  // An area is an industry or a profession name.
  auto for_area = [&](std::string_view area, auto on_industry, auto on_profession) {
    if (int industry = IndustryIndex(area); industry >= 0) on_industry(industry);
    if (int profession = ProfessionIndex(area); profession >= 0) on_profession(profession);
  };
  catalog.industry_topics.resize(industries.size());
  catalog.profession_topics.resize(professions.size());
  auto topics = vocab::Topics();
  for (size_t t = 0; t < topics.size(); ++t) {
    for (std::string_view area : topics[t].areas) {
      for_area(
          area, [&](int i) { catalog.industry_topics[i].push_back(static_cast<uint16_t>(t)); },
          [&](int p) { catalog.profession_topics[p].push_back(static_cast<uint16_t>(t)); });
    }
  }
  assert(vocab::Venues().size() <= kMaxVenues);
  for (const vocab::Venue& venue : vocab::Venues()) {
    uint64_t by_industry = 0;
    uint32_t by_profession = 0;
    for (std::string_view area : venue.areas) {
      for_area(
          area, [&](int i) { by_industry |= uint64_t{1} << i; },
          [&](int p) { by_profession |= 1u << p; });
    }
    catalog.venue_industries.push_back(by_industry);
    catalog.venue_professions.push_back(by_profession);
  }

  // Schools.
  catalog.school_count = static_cast<int>(schools.size());
  catalog.schools_by_country.resize(countries.size());
  for (size_t s = 0; s < schools.size(); ++s) {
    int country = IndexOf(countries, schools[s].country);
    catalog.school_country.push_back(country);
    WeightedList taught;
    for (size_t f = 0; f < fields.size(); ++f) {
      if (fields[f].taught_at & schools[s].profile) taught.Add(static_cast<uint32_t>(f), fields[f].weight);
    }
    taught.Build();
    catalog.school_fields.push_back(std::move(taught));
    catalog.schools_by_country[country].Add(static_cast<uint32_t>(s), schools[s].weight);
    catalog.all_schools.Add(static_cast<uint32_t>(s), schools[s].weight);
    catalog.organizations.push_back(
        {std::string(schools[s].name), true, catalog.higher_education, country});
  }
  for (WeightedList& list : catalog.schools_by_country) list.Build();
  catalog.all_schools.Build();

  // Employers: universities employ researchers, then the known companies, then
  // synthetic ones in proportion to where members live, so every country and industry
  // has employers and their number grows with the network.
  size_t industry_count = industries.size();
  catalog.employers_by_cell.resize(countries.size() * industry_count);
  catalog.employers_by_country.resize(countries.size());
  auto add_employer = [&](uint32_t organization, double weight) {
    const OrganizationRecord& record = catalog.organizations[organization];
    catalog.employers_by_cell[record.country * industry_count + record.industry].Add(organization,
                                                                                     weight);
    catalog.employers_by_country[record.country].Add(organization, weight);
    catalog.all_employers.Add(organization, weight);
  };
  for (int s = 0; s < catalog.school_count; ++s) add_employer(s, 8 * schools[s].weight);
  for (const vocab::KnownCompany& company : vocab::KnownCompanies()) {
    catalog.organizations.push_back({std::string(company.name), false,
                                     IndustryIndex(company.industry),
                                     IndexOf(countries, company.country)});
    add_employer(static_cast<uint32_t>(catalog.organizations.size() - 1), company.weight);
  }
  AliasTable country_table(country_share);
  int64_t synthetic = std::max<int64_t>(60, members / 40);
  std::vector<uint64_t> cell_counter(countries.size() * industry_count, 0);
  Rng rng(seed, Stream::kOrganizations, 0);
  for (int64_t k = 0; k < synthetic; ++k) {
    int country = static_cast<int>(country_table.Sample(rng));
    int industry = static_cast<int>(catalog.industry_table.Sample(rng));
    uint64_t rank = cell_counter[country * industry_count + industry]++;
    catalog.organizations.push_back(
        {SyntheticCompanyName(countries[country], industries[industry],
                              country * industry_count + industry, rank),
         false, industry,
         country});
    // Zipf sizes within a cell: a few large employers, many small ones.
    add_employer(static_cast<uint32_t>(catalog.organizations.size() - 1),
                 3.0 / static_cast<double>(rank + 1));
  }
  for (WeightedList& list : catalog.employers_by_cell) list.Build();
  for (WeightedList& list : catalog.employers_by_country) list.Build();
  catalog.all_employers.Build();

  absl::flat_hash_map<std::string, uint32_t> slug_ids;
  auto slug_id = [&](std::string_view name) {
    std::string slug = Slug(name);
    auto [it, inserted] = slug_ids.try_emplace(slug, static_cast<uint32_t>(catalog.slugs.size()));
    if (inserted) catalog.slugs.push_back(slug);
    return it->second;
  };
  for (const vocab::NameList& list : vocab::NameLists()) {
    std::vector<uint32_t> first, last;
    for (std::string_view name : list.first_names) first.push_back(slug_id(name));
    for (std::string_view name : list.last_names) last.push_back(slug_id(name));
    catalog.first_slug.push_back(std::move(first));
    catalog.last_slug.push_back(std::move(last));
  }
  return catalog;
}

// ---- Members --------------------------------------------------------------------

enum class Context : uint8_t { kWork, kStudy, kCity };
enum class MarketsKind : uint8_t { kHome, kListed, kInternational };

struct PositionRecord {
  uint32_t organization;
  int32_t start_month;
  int32_t end_month;  // -1: current
  std::string_view title;
};

struct EducationRecord {
  uint32_t school;
  uint16_t field;
  uint8_t level;  // 0 bachelor, 1 master, 2 doctorate
  int16_t start_year;
  int16_t end_year;
};

struct MemberRecord {
  Timestamp created_at = 0;
  uint32_t target_degree = 0;
  uint32_t current_company = kNone;
  int32_t current_start_month = 0;
  uint64_t first_position = 0;
  uint64_t first_education = 0;
  uint32_t handle_number = 0;  // 0: the plain handle; n: handle.n
  uint32_t markets_mask = 0;   // Bit per country index; home included.
  int16_t industry = -1;
  uint16_t first_name = 0;
  uint16_t last_name = 0;
  uint8_t origin = 0;
  uint8_t city = 0;
  uint8_t country = 0;
  uint8_t profession = 0;
  uint8_t position_count = 0;
  uint8_t education_count = 0;
  uint8_t policy_selective = 0;
  uint8_t seniority = 0;  // Of the last position: 0 early career, 1 experienced, 2 senior.
  MarketsKind markets = MarketsKind::kHome;
  Context context = Context::kCity;
  bool has_photo = false;
  bool thin = false;
  bool spam = false;
  bool has_headline = false;
  bool has_summary = false;
  bool brand_new = false;  // Signed up in the last two weeks.
  bool gamed = false;      // Signed up hours ago to game the advice (AssignAccountAges).
};

struct MemberChunk {
  std::vector<PositionRecord> positions;
  std::vector<EducationRecord> educations;
};

uint32_t ChooseEmployer(const Catalog& catalog, Rng& rng, int country, int profession) {
  size_t industry_count = vocab::Industries().size();
  const std::vector<int>& preferred = catalog.profession_industries[profession];
  int industry = rng.Chance(0.75) ? preferred[rng.Below(preferred.size())]
                                  : static_cast<int>(catalog.industry_table.Sample(rng));
  const WeightedList& cell = catalog.employers_by_cell[country * industry_count + industry];
  if (!cell.empty()) return cell.Sample(rng);
  const WeightedList& national = catalog.employers_by_country[country];
  if (!national.empty()) return national.Sample(rng);
  return catalog.all_employers.Sample(rng);
}

uint32_t TargetDegree(Rng& rng, const MemberRecord& member) {
  if (member.spam) return static_cast<uint32_t>(rng.Between(3, 14));
  if (member.thin) {
    double d = 12 * std::exp(0.7 * rng.Normal());
    return static_cast<uint32_t>(std::clamp(d, 1.0, 200.0));
  }
  if (rng.Chance(kTailShare)) {
    double d = kTailMinDegree / std::pow(1.0 - rng.Unit(), 1.0 / kTailAlpha);
    return static_cast<uint32_t>(std::min(d, static_cast<double>(kMaxTargetDegree)));
  }
  double d = kBodyMedianDegree * std::exp(kBodySigma * rng.Normal());
  return static_cast<uint32_t>(std::clamp(d, 2.0, 2000.0));
}

void GenerateCareer(const Catalog& catalog, Rng& rng, MemberRecord& member, MemberChunk& chunk) {
  auto fields = vocab::Fields();
  auto professions = vocab::Professions();
  // Years since the career started: more young members than old ones.
  int experience = static_cast<int>(40 * std::pow(rng.Unit(), 1.5));
  int career_start = 2026 - experience;

  int educations = rng.Chance(0.15) ? 0 : (rng.Chance(0.47) ? 2 : 1);
  int last_field = -1;
  if (educations > 0) {
    const WeightedList& home = catalog.schools_by_country[member.country];
    uint32_t school = (!home.empty() && rng.Chance(0.8)) ? home.Sample(rng)
                                                         : catalog.all_schools.Sample(rng);
    uint32_t field = catalog.school_fields[school].Sample(rng);
    bool doctorate = educations == 2 && rng.Chance(0.08);
    if (educations == 2) {
      int first_length = doctorate ? 2 : 3;
      int second_length = doctorate ? 4 : 2;
      int first_start = career_start - first_length - second_length;
      chunk.educations.push_back({school, static_cast<uint16_t>(field),
                                  static_cast<uint8_t>(doctorate ? 1 : 0),
                                  static_cast<int16_t>(first_start),
                                  static_cast<int16_t>(first_start + first_length)});
      if (rng.Chance(0.5)) {
        school = (!home.empty() && rng.Chance(0.7)) ? home.Sample(rng)
                                                    : catalog.all_schools.Sample(rng);
      }
      const WeightedList& taught = catalog.school_fields[school];
      bool keeps_field = std::find(taught.items.begin(), taught.items.end(), field) != taught.items.end();
      if (!keeps_field || rng.Chance(0.3)) field = taught.Sample(rng);
      chunk.educations.push_back({school, static_cast<uint16_t>(field),
                                  static_cast<uint8_t>(doctorate ? 2 : 1),
                                  static_cast<int16_t>(first_start + first_length),
                                  static_cast<int16_t>(career_start)});
    } else {
      int level = rng.Chance(0.55) ? 1 : 0;
      int length = level == 1 ? 5 : 3;
      chunk.educations.push_back({school, static_cast<uint16_t>(field),
                                  static_cast<uint8_t>(level),
                                  static_cast<int16_t>(career_start - length),
                                  static_cast<int16_t>(career_start)});
    }
    last_field = static_cast<int>(field);
    member.education_count = static_cast<uint8_t>(educations);
  }
  member.profession = static_cast<uint8_t>(
      last_field >= 0 && rng.Chance(0.85) ? catalog.field_profession[last_field]
                                          : catalog.profession_table.Sample(rng));

  // Positions split the career into consecutive jobs; the last one is usually current.
  int count = std::clamp(1 + experience / 7 + static_cast<int>(rng.Between(-1, 1)), 1, 5);
  int start_month = career_start * 12 + static_cast<int>(rng.Between(5, 9));
  int end_month = kNowMonth;
  if (start_month >= end_month) start_month = end_month - 1;
  std::vector<int> cuts;
  for (int k = 1; k < count; ++k) cuts.push_back(static_cast<int>(rng.Between(start_month + 1, end_month)));
  std::sort(cuts.begin(), cuts.end());
  cuts.insert(cuts.begin(), start_month);
  cuts.push_back(end_month);
  bool current = rng.Chance(0.93);
  const vocab::Profession& profession = professions[member.profession];
  for (int k = 0; k < count; ++k) {
    int begins = cuts[k];
    int ends = cuts[k + 1];
    if (k + 1 < count && ends <= begins) continue;  // Two cuts in one month: one job.
    bool last = k + 1 == count;
    int years_in = (begins - start_month) / 12;
    int level = years_in < 2 ? 0 : (years_in < 9 || rng.Chance(0.4) ? 1 : 2);
    if (last && !current) ends = std::max(begins + 1, ends - static_cast<int>(rng.Between(1, 18)));
    bool abroad = rng.Chance(last ? 0.05 : 0.15);
    int country = abroad ? static_cast<int>(catalog.school_country[catalog.all_schools.Sample(rng)])
                         : member.country;
    uint32_t employer = ChooseEmployer(catalog, rng, country, member.profession);
    std::string_view title = rng.Pick(profession.titles[level]);
    bool open = last && current;
    chunk.positions.push_back({employer, begins, open ? -1 : std::min(ends, kNowMonth), title});
    ++member.position_count;
    if (last) {
      member.seniority = static_cast<uint8_t>(level);
      if (open) {
        member.current_company = employer;
        member.current_start_month = begins;
      }
      member.industry = static_cast<int16_t>(catalog.organizations[employer].industry);
    }
  }
}

void GenerateMember(const Catalog& catalog, uint64_t seed, uint32_t index, MemberRecord& member,
                    MemberChunk& chunk) {
  auto countries = vocab::Countries();
  auto names = vocab::NameLists();
  Rng rng(seed, Stream::kMember, index);
  member.city = static_cast<uint8_t>(catalog.city_table.Sample(rng));
  member.country = static_cast<uint8_t>(catalog.city_country[member.city]);
  const vocab::Country& country = countries[member.country];
  member.origin = static_cast<uint8_t>(rng.Chance(country.local_share)
                                           ? static_cast<uint32_t>(country.local_origin)
                                           : catalog.migrant_origin_table.Sample(rng));
  member.first_name = static_cast<uint16_t>(rng.Below(names[member.origin].first_names.size()));
  member.last_name = static_cast<uint16_t>(rng.Below(names[member.origin].last_names.size()));
  member.spam = rng.Chance(kSpamShare);
  member.thin = !member.spam && rng.Chance(kThinShare);
  member.has_photo = !member.spam && rng.Chance(member.thin ? 0.4 : 0.9);
  // Sign-ups accelerate over the years.
  member.created_at = kFirstDay + static_cast<Timestamp>(
                                      static_cast<double>(kNow - 30 * kDay - kFirstDay) *
                                      std::pow(rng.Unit(), 0.7));
  member.first_position = chunk.positions.size();
  member.first_education = chunk.educations.size();
  if (member.spam) {
    member.has_headline = rng.Chance(0.3);
  } else if (!member.thin) {
    GenerateCareer(catalog, rng, member, chunk);
    member.has_headline = rng.Chance(0.97);
    member.has_summary = rng.Chance(0.65);
  }
  member.policy_selective = rng.Chance(0.2) ? 1 : 0;
  double markets = rng.Unit();
  member.markets_mask = 1u << member.country;
  if (markets < 0.75) {
    member.markets = MarketsKind::kHome;
  } else if (markets < 0.88) {
    member.markets = MarketsKind::kListed;
    // Neighbouring markets: the Nordics, the UK and Germany.
    int extra = static_cast<int>(rng.Between(1, 2));
    for (int k = 0; k < extra; ++k) member.markets_mask |= 1u << rng.Below(6);
    if (member.markets_mask == (1u << member.country)) {
      member.markets_mask |= 1u << (member.country == 0 ? 1 : 0);
    }
  } else {
    member.markets = MarketsKind::kInternational;
  }
  member.target_degree = TargetDegree(rng, member);
  if (member.current_company != kNone && (member.education_count == 0 || rng.Chance(0.65))) {
    member.context = Context::kWork;
  } else if (member.education_count > 0) {
    member.context = Context::kStudy;
  } else {
    member.context = Context::kCity;
  }
}

// Most members signed up years ago (GenerateMember). A few with small networks signed up
// in the last two weeks, and a few complete profiles with very few contacts are gamed
// accounts, made minutes or hours ago to follow, read and comment their way to an
// "accept". Connections do not depend on sign-up times: this changes no one's contacts.
void AssignAccountAges(uint64_t seed, std::vector<MemberRecord>& members) {
  for (uint32_t index = 0; index < members.size(); ++index) {
    MemberRecord& member = members[index];
    if (member.spam || member.thin) continue;
    Rng rng(seed, Stream::kAccounts, index);
    const double draw = rng.Unit();
    if (member.has_photo && member.target_degree <= 8 && member.position_count > 0 &&
        member.education_count > 0 && draw < kGamedShare) {
      member.gamed = true;
      // 20 minutes to three days old, most of them hours.
      const double age = 20 * 60 - std::log(1.0 - rng.Unit()) * 12 * 3600;
      member.created_at = kNow - static_cast<Timestamp>(std::min(age, 3.0 * kDay));
    } else if (member.target_degree <= 40 && draw < kBrandNewShare) {
      member.brand_new = true;
      member.created_at = kNow - 3600 - static_cast<Timestamp>(rng.Below(14 * kDay - 3600));
    }
  }
}

// ---- The network ----------------------------------------------------------------

struct Network {
  std::vector<MemberRecord> members;
  std::vector<PositionRecord> positions;
  std::vector<EducationRecord> educations;
  std::vector<uint64_t> edges;  // Sorted (a << 32 | b), a < b, member indices.
  std::vector<uint64_t> offsets;  // CSR over edges, both directions.
  std::vector<uint32_t> neighbours;

  std::span<const PositionRecord> PositionsOf(uint32_t member) const {
    const MemberRecord& record = members[member];
    return {positions.data() + record.first_position, record.position_count};
  }
  std::span<const EducationRecord> EducationsOf(uint32_t member) const {
    const MemberRecord& record = members[member];
    return {educations.data() + record.first_education, record.education_count};
  }
  std::span<const uint32_t> ContactsOf(uint32_t member) const {
    return {neighbours.data() + offsets[member], neighbours.data() + offsets[member + 1]};
  }
  bool Connected(uint32_t u, uint32_t v) const {
    auto contacts = ContactsOf(u);
    return std::binary_search(contacts.begin(), contacts.end(), v);
  }
};

uint64_t PairKey(uint32_t u, uint32_t v) {
  return u < v ? (static_cast<uint64_t>(u) << 32 | v) : (static_cast<uint64_t>(v) << 32 | u);
}

// A sorted list of members grouped by an organization (employer or school), ordered
// inside the group by start time, so that members near each other in the list were
// there at the same time.
struct Cohorts {
  std::vector<uint32_t> members;
  std::vector<uint32_t> group_begin;  // Per group; size groups + 1.
  std::vector<uint32_t> rank;         // Per member: position in `members`, or kNone.
  std::vector<uint32_t> group_of;     // Per member: group, or kNone.

  // A random member at most kWindow places away from `member` in its group.
  uint32_t Near(Rng& rng, uint32_t member) const {
    uint32_t at = rank[member];
    uint32_t group = group_of[member];
    int64_t lo = std::max<int64_t>(group_begin[group], static_cast<int64_t>(at) - kWindow);
    int64_t hi = std::min<int64_t>(group_begin[group + 1] - 1, static_cast<int64_t>(at) + kWindow);
    if (hi <= lo) return kNone;
    return members[rng.Between(lo, hi)];
  }
};

// keys[member] = (group << 32 | order) or UINT64_MAX for members outside any group.
Cohorts BuildCohorts(std::span<const uint64_t> keys, size_t groups) {
  Cohorts cohorts;
  size_t n = keys.size();
  cohorts.rank.assign(n, kNone);
  cohorts.group_of.assign(n, kNone);
  std::vector<std::pair<uint64_t, uint32_t>> sorted;
  for (uint32_t member = 0; member < n; ++member) {
    if (keys[member] != UINT64_MAX) sorted.emplace_back(keys[member], member);
  }
  std::sort(sorted.begin(), sorted.end());
  cohorts.group_begin.assign(groups + 1, 0);
  for (const auto& [key, member] : sorted) ++cohorts.group_begin[(key >> 32) + 1];
  for (size_t g = 0; g < groups; ++g) cohorts.group_begin[g + 1] += cohorts.group_begin[g];
  for (const auto& [key, member] : sorted) {
    cohorts.rank[member] = static_cast<uint32_t>(cohorts.members.size());
    cohorts.group_of[member] = static_cast<uint32_t>(key >> 32);
    cohorts.members.push_back(member);
  }
  return cohorts;
}

// Members grouped by a small key (city or country), each weighted, for Chung–Lu
// sampling proportional to the weight.
struct Pools {
  std::vector<std::vector<uint32_t>> members;
  std::vector<AliasTable> tables;

  uint32_t Sample(Rng& rng, size_t pool) const {
    if (members[pool].empty()) return kNone;
    return members[pool][tables[pool].Sample(rng)];
  }
};

Pools BuildPools(std::span<const MemberRecord> members, std::span<const double> weight,
                 size_t pools, int (*key)(const MemberRecord&)) {
  Pools result;
  result.members.resize(pools);
  std::vector<std::vector<double>> weights(pools);
  for (uint32_t member = 0; member < members.size(); ++member) {
    if (weight[member] <= 0) continue;
    int pool = key(members[member]);
    result.members[pool].push_back(member);
    weights[pool].push_back(weight[member]);
  }
  for (size_t pool = 0; pool < pools; ++pool) result.tables.emplace_back(weights[pool]);
  return result;
}

struct Block {
  uint32_t begin;
  uint32_t size;
  double density;
};

double BlockDensity(uint32_t degree) {
  double x = std::log(degree + 1.0) / std::log(kMaxTargetDegree + 1.0);
  return kBlockDensity * (1.0 - kBlockDensityDecay * x * x);
}

// Sorts keys and removes duplicates in parallel: buckets by the high member index,
// then each bucket alone. The result is the same whatever the thread count.
std::vector<uint64_t> SortUnique(std::vector<std::vector<uint64_t>>& parts, uint32_t members,
                                 int threads) {
  int shift = 0;
  while ((static_cast<uint64_t>(members) >> shift) > 4096) ++shift;
  size_t buckets = (static_cast<uint64_t>(members) >> shift) + 1;
  std::vector<std::vector<uint64_t>> counts(parts.size(), std::vector<uint64_t>(buckets, 0));
  ParallelFor(threads, parts.size(), [&](size_t part) {
    for (uint64_t key : parts[part]) ++counts[part][(key >> 32) >> shift];
  });
  std::vector<uint64_t> bucket_begin(buckets + 1, 0);
  for (size_t b = 0; b < buckets; ++b) {
    uint64_t total = 0;
    for (size_t part = 0; part < parts.size(); ++part) {
      uint64_t count = counts[part][b];
      counts[part][b] = bucket_begin[b] + total;  // Where this part writes in bucket b.
      total += count;
    }
    bucket_begin[b + 1] = bucket_begin[b] + total;
  }
  std::vector<uint64_t> all(bucket_begin[buckets]);
  ParallelFor(threads, parts.size(), [&](size_t part) {
    std::vector<uint64_t>& at = counts[part];
    for (uint64_t key : parts[part]) all[at[(key >> 32) >> shift]++] = key;
    std::vector<uint64_t>().swap(parts[part]);
  });
  std::vector<uint64_t> kept(buckets, 0);
  ParallelFor(threads, buckets, [&](size_t b) {
    auto begin = all.begin() + static_cast<int64_t>(bucket_begin[b]);
    auto end = all.begin() + static_cast<int64_t>(bucket_begin[b + 1]);
    std::sort(begin, end);
    kept[b] = static_cast<uint64_t>(std::unique(begin, end) - begin);
  });
  uint64_t out = 0;
  for (size_t b = 0; b < buckets; ++b) {
    std::copy(all.begin() + static_cast<int64_t>(bucket_begin[b]),
              all.begin() + static_cast<int64_t>(bucket_begin[b] + kept[b]),
              all.begin() + static_cast<int64_t>(out));
    out += kept[b];
  }
  all.resize(out);
  all.shrink_to_fit();
  return all;
}

// The connections: BTER-style dense blocks of members with similar degree and shared
// context (employer, study cohort or city) give clustering; the remaining degree goes
// to colleagues and classmates of the same period, the city, the country and the whole
// network in proportion to what each member still lacks (Chung–Lu), which gives the
// heavy tail.
void GenerateConnections(const Catalog& catalog, uint64_t seed, int threads, Network& network) {
  const uint32_t n = static_cast<uint32_t>(network.members.size());
  const std::vector<MemberRecord>& members = network.members;

  // Blocks.
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(n);
  for (uint32_t member = 0; member < n; ++member) {
    const MemberRecord& record = members[member];
    if (record.spam || record.target_degree > kMaxBlockDegree || record.target_degree < 2) continue;
    uint64_t bucket = static_cast<uint64_t>(std::log(static_cast<double>(record.target_degree)) /
                                            std::log(kDegreeBucketRatio));
    uint64_t key = bucket << 58 | static_cast<uint64_t>(record.context) << 56 |
                   static_cast<uint64_t>(record.country) << 52;
    uint64_t noise = Hash(seed, member) & 0xFFFF;
    switch (record.context) {
      case Context::kWork:
        key |= static_cast<uint64_t>(record.city) << 45 |
               static_cast<uint64_t>(record.industry) << 39 |
               static_cast<uint64_t>(record.current_company & 0x3FFFFF) << 17 | (noise & 0x1FFFF);
        break;
      case Context::kStudy: {
        const EducationRecord& education = network.EducationsOf(member).back();
        key |= static_cast<uint64_t>(education.school) << 46 |
               static_cast<uint64_t>(education.field) << 40 |
               static_cast<uint64_t>(std::clamp(education.start_year - 1900, 0, 255)) << 32 |
               noise;
        break;
      }
      case Context::kCity:
        key |= static_cast<uint64_t>(record.city) << 45 | noise;
        break;
    }
    order.emplace_back(key, member);
  }
  std::sort(order.begin(), order.end());
  std::vector<uint32_t> block_members;
  block_members.reserve(order.size());
  for (const auto& entry : order) block_members.push_back(entry.second);
  std::vector<Block> blocks;
  std::vector<double> excess(n);
  for (uint32_t member = 0; member < n; ++member) excess[member] = members[member].target_degree;
  for (size_t begin = 0; begin < order.size();) {
    uint64_t bucket = order[begin].first >> 58;
    uint32_t degree = members[block_members[begin]].target_degree;
    size_t end = begin + 1;
    while (end < order.size() && end - begin < degree + 1u && (order[end].first >> 58) == bucket) ++end;
    Block block{static_cast<uint32_t>(begin), static_cast<uint32_t>(end - begin), BlockDensity(degree)};
    for (size_t i = begin; i < end; ++i) {
      uint32_t member = block_members[i];
      excess[member] = std::max(0.0, excess[member] - block.density * (block.size - 1));
    }
    blocks.push_back(block);
    begin = end;
  }

  // Colleagues in the same period, classmates of the same cohort.
  size_t organizations = catalog.organizations.size();
  std::vector<uint64_t> keys(n, UINT64_MAX);
  for (uint32_t member = 0; member < n; ++member) {
    if (members[member].current_company != kNone) {
      keys[member] = static_cast<uint64_t>(members[member].current_company) << 32 |
                     static_cast<uint32_t>(members[member].current_start_month);
    }
  }
  Cohorts colleagues = BuildCohorts(keys, organizations);
  for (uint32_t member = 0; member < n; ++member) {
    keys[member] = UINT64_MAX;
    if (members[member].education_count == 0) continue;
    const EducationRecord& education = network.EducationsOf(member).back();
    keys[member] = static_cast<uint64_t>(education.school) << 32 |
                   static_cast<uint64_t>(education.field) << 16 |
                   static_cast<uint16_t>(education.start_year);
  }
  Cohorts classmates = BuildCohorts(keys, organizations);
  std::vector<uint64_t>().swap(keys);

  Pools by_city = BuildPools(members, excess, vocab::Cities().size(),
                             [](const MemberRecord& m) { return static_cast<int>(m.city); });
  Pools by_country = BuildPools(members, excess, vocab::Countries().size(),
                                [](const MemberRecord& m) { return static_cast<int>(m.country); });
  Pools everyone = BuildPools(members, excess, 1, [](const MemberRecord&) { return 0; });

  size_t block_tasks = TaskCount(blocks.size(), 256);
  size_t member_tasks = TaskCount(n, kMembersPerTask);
  std::vector<std::vector<uint64_t>> parts(block_tasks + member_tasks);
  ParallelFor(threads, block_tasks + member_tasks, [&](size_t task) {
    std::vector<uint64_t>& out = parts[task];
    if (task < block_tasks) {
      size_t end = std::min(blocks.size(), (task + 1) * 256);
      for (size_t b = task * 256; b < end; ++b) {
        const Block& block = blocks[b];
        Rng rng(seed, Stream::kBlock, b);
        const uint32_t* in_block = block_members.data() + block.begin;
        for (uint32_t i = 0; i < block.size; ++i) {
          for (uint32_t j = i + 1; j < block.size; ++j) {
            if (rng.Chance(block.density)) out.push_back(PairKey(in_block[i], in_block[j]));
          }
        }
      }
      return;
    }
    size_t first = (task - block_tasks) * kMembersPerTask;
    size_t last = std::min<size_t>(n, first + kMembersPerTask);
    for (uint32_t member = static_cast<uint32_t>(first); member < last; ++member) {
      const MemberRecord& record = members[member];
      Rng rng(seed, Stream::kLinks, member);
      int64_t picks = rng.RoundRandomly(excess[member] / 2);
      int colleague_picks = 0, classmate_picks = 0;
      for (int64_t k = 0; k < picks; ++k) {
        uint32_t other = kNone;
        double x = rng.Unit();
        if (record.spam) {
          other = static_cast<uint32_t>(rng.Below(n));
        } else if (x < 0.20 && colleagues.rank[member] != kNone && colleague_picks < kWindow) {
          other = colleagues.Near(rng, member);
          ++colleague_picks;
        } else if (x < 0.35 && classmates.rank[member] != kNone && classmate_picks < kWindow) {
          other = classmates.Near(rng, member);
          ++classmate_picks;
        } else if (x < 0.60) {
          other = by_city.Sample(rng, record.city);
        } else if (x < 0.75) {
          other = by_country.Sample(rng, record.country);
        } else {
          other = everyone.Sample(rng, 0);
        }
        if (other != kNone && other != member) out.push_back(PairKey(member, other));
      }
    }
  });

  std::vector<uint64_t> edges = SortUnique(parts, n, threads);

  // DESIGN.md caps contacts at 30,000: drop the surplus edges of the few members above
  // it, in key order so the choice is deterministic.
  std::vector<uint32_t> degree(n, 0);
  uint32_t max_degree = 0;
  for (uint64_t key : edges) {
    max_degree = std::max({max_degree, ++degree[key >> 32], ++degree[key & 0xFFFFFFFF]});
  }
  if (max_degree > static_cast<uint32_t>(kMaxConnections)) {
    std::fill(degree.begin(), degree.end(), 0);
    size_t out = 0;
    for (uint64_t key : edges) {
      uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
      if (degree[a] >= static_cast<uint32_t>(kMaxConnections) ||
          degree[b] >= static_cast<uint32_t>(kMaxConnections)) {
        continue;
      }
      ++degree[a];
      ++degree[b];
      edges[out++] = key;
    }
    edges.resize(out);
  }

  // CSR. Walking the sorted keys appends every neighbour list in increasing order.
  network.offsets.assign(n + 1, 0);
  for (uint32_t member = 0; member < n; ++member) {
    network.offsets[member + 1] = network.offsets[member] + degree[member];
  }
  network.neighbours.resize(network.offsets[n]);
  std::vector<uint64_t> fill(network.offsets.begin(), network.offsets.end() - 1);
  for (uint64_t key : edges) {
    uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
    network.neighbours[fill[a]++] = b;
    network.neighbours[fill[b]++] = a;
  }
  network.edges = std::move(edges);
}

Timestamp ConnectionTime(uint64_t seed, const Network& network, uint64_t key) {
  uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
  Timestamp lo = std::max(network.members[a].created_at, network.members[b].created_at);
  uint64_t span = static_cast<uint64_t>(kNow - lo);
  return lo + static_cast<Timestamp>(Hash(seed ^ 0xC0FFEEull, key) % std::max<uint64_t>(span, 1));
}

// ---- Follows, posts, comments, appearances, reads ------------------------------------

struct Follows {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> followees;  // Sorted per follower.

  bool Contains(uint32_t follower, uint32_t followee) const {
    auto begin = followees.begin() + static_cast<int64_t>(offsets[follower]);
    auto end = followees.begin() + static_cast<int64_t>(offsets[follower + 1]);
    return std::binary_search(begin, end, followee);
  }
};

Follows GenerateFollows(uint64_t seed, int threads, const Network& network) {
  uint32_t n = static_cast<uint32_t>(network.members.size());
  // Popular members attract followers in proportion to their reach.
  std::vector<double> popularity(n);
  for (uint32_t member = 0; member < n; ++member) {
    double degree = static_cast<double>(network.offsets[member + 1] - network.offsets[member]);
    popularity[member] = network.members[member].spam ? 0 : degree * std::sqrt(degree);
  }
  AliasTable popular(popularity);
  size_t tasks = TaskCount(n, kMembersPerTask);
  std::vector<std::vector<uint32_t>> targets(tasks);
  std::vector<uint32_t> counts(n, 0);
  ParallelFor(threads, tasks, [&](size_t task) {
    uint32_t first = static_cast<uint32_t>(task * kMembersPerTask);
    uint32_t last = std::min<uint32_t>(n, first + kMembersPerTask);
    std::vector<uint32_t> mine;
    for (uint32_t member = first; member < last; ++member) {
      const MemberRecord& record = network.members[member];
      // New accounts follow no one yet: the only fresh attention is the gamed accounts'
      // (docs/generator.md, "Account ages").
      if (record.brand_new || record.gamed) continue;
      Rng rng(seed, Stream::kFollows, member);
      int64_t count = 0;
      if (record.spam || record.thin) {
        count = rng.Between(0, 2);
      } else if (rng.Chance(0.75)) {
        count = 1 + static_cast<int64_t>(-std::log(1.0 - rng.Unit()) * 7);
      }
      count = std::min<int64_t>(count, 300);
      auto contacts = network.ContactsOf(member);
      mine.clear();
      for (int64_t k = 0; k < count; ++k) {
        uint32_t followee = (!contacts.empty() && rng.Chance(0.45))
                                ? contacts[rng.Below(contacts.size())]
                                : popular.Sample(rng);
        if (followee != member) mine.push_back(followee);
      }
      std::sort(mine.begin(), mine.end());
      mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
      counts[member] = static_cast<uint32_t>(mine.size());
      targets[task].insert(targets[task].end(), mine.begin(), mine.end());
    }
  });
  Follows follows;
  follows.offsets.assign(n + 1, 0);
  for (uint32_t member = 0; member < n; ++member) {
    follows.offsets[member + 1] = follows.offsets[member] + counts[member];
  }
  follows.followees.reserve(follows.offsets[n]);
  for (std::vector<uint32_t>& part : targets) {
    follows.followees.insert(follows.followees.end(), part.begin(), part.end());
  }
  return follows;
}

Timestamp FollowTime(uint64_t seed, const Network& network, uint32_t follower, uint32_t followee) {
  Timestamp lo = std::max(network.members[follower].created_at, network.members[followee].created_at);
  uint64_t span = static_cast<uint64_t>(kNow - lo);
  return lo + static_cast<Timestamp>(Hash(seed ^ 0xF011011ull, PairKey(follower, followee) ^
                                                                   (follower < followee ? 0 : 1)) %
                                     std::max<uint64_t>(span, 1));
}

// A follow with a time of its own: the gamed accounts follow minutes before inviting.
struct TimedFollow {
  uint32_t follower;
  uint32_t followee;
  Timestamp at;
};

// The follows turned around: members[offsets[m] .. offsets[m + 1]) follow m, in order.
struct Followers {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> members;

  std::span<const uint32_t> Of(uint32_t member) const {
    return {members.data() + offsets[member], members.data() + offsets[member + 1]};
  }
};

Followers InvertFollows(const Follows& follows, uint32_t n) {
  Followers followers;
  followers.offsets.assign(n + 1, 0);
  for (uint32_t followee : follows.followees) ++followers.offsets[followee + 1];
  for (uint32_t member = 0; member < n; ++member) {
    followers.offsets[member + 1] += followers.offsets[member];
  }
  followers.members.resize(follows.followees.size());
  std::vector<uint64_t> fill(followers.offsets.begin(), followers.offsets.end() - 1);
  for (uint32_t follower = 0; follower < n; ++follower) {
    for (uint64_t i = follows.offsets[follower]; i < follows.offsets[follower + 1]; ++i) {
      followers.members[fill[follows.followees[i]]++] = follower;
    }
  }
  return followers;
}

struct PostRecord {
  uint32_t author;
  Timestamp created_at;
  int64_t views;   // At least the reads written to post_views.csv.
  uint16_t topic;  // vocab::Topics(): the title and the body are about it.
  uint8_t style;   // vocab::PostTemplates()
  bool norwegian;
};

struct CommentRecord {
  uint32_t post;  // Index into posts.
  uint32_t author;
  Timestamp created_at;
  bool gamed = false;  // A gamed account's praise.
};

struct AppearanceRecord {
  uint32_t member;
  Timestamp date;  // 00:00 UTC of the day.
  Timestamp created_at;
  uint16_t topic;  // vocab::Topics()
  uint8_t venue;   // vocab::Venues()
  uint8_t title;   // vocab::AppearanceTitleTemplates() of the venue's kind
  bool norwegian;
  bool link;
};

struct ViewRecord {
  uint32_t post;
  uint32_t viewer;
  Timestamp at;
};

int64_t Poisson(Rng& rng, double mean) {
  // Knuth's method; means here are small.
  double limit = std::exp(-mean), product = rng.Unit();
  int64_t count = 0;
  while (product > limit) {
    ++count;
    product *= rng.Unit();
  }
  return count;
}

Timestamp DayStart(int year, int month, int day) {
  return absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone()));
}

// Mostly what the member's industry talks about, otherwise their profession's topics.
uint16_t ChooseTopic(const Catalog& catalog, Rng& rng, const MemberRecord& member) {
  if (member.industry >= 0) {
    const std::vector<uint16_t>& by_industry = catalog.industry_topics[member.industry];
    if (!by_industry.empty() && rng.Chance(0.65)) return by_industry[rng.Below(by_industry.size())];
  }
  const std::vector<uint16_t>& by_profession = catalog.profession_topics[member.profession];
  if (!by_profession.empty()) return by_profession[rng.Below(by_profession.size())];
  return static_cast<uint16_t>(rng.Below(vocab::Topics().size()));
}

// The first row of each group in rows ordered by group; size groups + 1.
template <typename Record>
std::vector<uint64_t> OffsetsBy(std::span<const Record> rows, size_t groups,
                                uint32_t (*group)(const Record&)) {
  std::vector<uint64_t> offsets(groups + 1, 0);
  for (const Record& row : rows) ++offsets[group(row) + 1];
  for (size_t g = 0; g < groups; ++g) offsets[g + 1] += offsets[g];
  return offsets;
}

std::vector<PostRecord> GeneratePosts(const Catalog& catalog, uint64_t seed, int threads,
                                      const Network& network) {
  uint32_t n = static_cast<uint32_t>(network.members.size());
  size_t tasks = TaskCount(n, kMembersPerTask);
  std::vector<std::vector<PostRecord>> parts(tasks);
  const uint64_t styles = vocab::PostTemplates().size();
  ParallelFor(threads, tasks, [&](size_t task) {
    uint32_t first = static_cast<uint32_t>(task * kMembersPerTask);
    uint32_t last = std::min<uint32_t>(n, first + kMembersPerTask);
    for (uint32_t member = first; member < last; ++member) {
      const MemberRecord& record = network.members[member];
      if (record.spam || record.thin) continue;
      Rng rng(seed, Stream::kPosts, member);
      double degree = static_cast<double>(network.ContactsOf(member).size());
      int64_t count = Poisson(rng, std::min(20.0, 0.05 + degree / 250));
      for (int64_t k = 0; k < count; ++k) {
        Timestamp created = record.created_at +
                            static_cast<Timestamp>(static_cast<double>(kNow - record.created_at) *
                                                   std::pow(rng.Unit(), 0.5));
        int64_t views = static_cast<int64_t>(degree * std::exp(0.5 + rng.Normal())) +
                        static_cast<int64_t>(rng.Below(20));
        uint16_t topic = ChooseTopic(catalog, rng, record);
        uint8_t style = static_cast<uint8_t>(rng.Below(styles));
        bool norwegian = record.country == catalog.norway && rng.Chance(0.65);
        parts[task].push_back(
            {member, std::min(created, kNow - 1), views, topic, style, norwegian});
      }
    }
  });
  std::vector<PostRecord> posts;
  for (auto& part : parts) posts.insert(posts.end(), part.begin(), part.end());
  return posts;
}

std::vector<CommentRecord> GenerateComments(uint64_t seed, int threads, const Network& network,
                                            std::span<const PostRecord> posts) {
  constexpr size_t kPostsPerTask = 4096;
  size_t tasks = TaskCount(posts.size(), kPostsPerTask);
  std::vector<std::vector<CommentRecord>> parts(tasks);
  ParallelFor(threads, tasks, [&](size_t task) {
    size_t last = std::min(posts.size(), (task + 1) * kPostsPerTask);
    for (size_t p = task * kPostsPerTask; p < last; ++p) {
      const PostRecord& post = posts[p];
      auto contacts = network.ContactsOf(post.author);
      if (contacts.empty()) continue;
      Rng rng(seed, Stream::kComments, p);
      int64_t count = std::min<int64_t>(
          30, Poisson(rng, std::min(15.0, 0.2 + static_cast<double>(contacts.size()) / 150)));
      for (int64_t k = 0; k < count; ++k) {
        uint32_t author = contacts[rng.Below(contacts.size())];
        Timestamp lo = std::max(post.created_at, network.members[author].created_at);
        Timestamp delay = static_cast<Timestamp>(-std::log(1.0 - rng.Unit()) * 2 * kDay);
        parts[task].push_back({static_cast<uint32_t>(p), author, std::min(lo + delay, kNow - 1)});
      }
    }
  });
  std::vector<CommentRecord> comments;
  for (auto& part : parts) comments.insert(comments.end(), part.begin(), part.end());
  return comments;
}

// Where a member speaks: venues for their industry or profession, or open to anyone;
// the Norwegian-language ones only for members in Norway. -1 if none fits.
int ChooseVenue(const Catalog& catalog, Rng& rng, const MemberRecord& member,
                bool talks_only = false) {
  auto venues = vocab::Venues();
  std::array<double, kMaxVenues> weights{};
  double total = 0;
  for (size_t v = 0; v < venues.size(); ++v) {
    double weight = 0;
    if ((!talks_only || venues[v].kind == "talk") &&
        (!venues[v].norwegian || member.country == catalog.norway)) {
      if (venues[v].areas.empty()) {
        weight = 1;
      } else if ((member.industry >= 0 &&
                  (catalog.venue_industries[v] >> member.industry & 1) != 0) ||
                 (catalog.venue_professions[v] >> member.profession & 1) != 0) {
        weight = 6;
      }
    }
    weights[v] = weight;
    total += weight;
  }
  if (!(total > 0)) return -1;
  double pick = rng.Unit() * total;
  for (size_t v = 0; v < venues.size(); ++v) {
    pick -= weights[v];
    if (pick < 0 && weights[v] > 0) return static_cast<int>(v);
  }
  for (size_t v = venues.size(); v-- > 0;) {
    if (weights[v] > 0) return static_cast<int>(v);
  }
  return -1;
}

// Talks, media appearances and courses: a small share of members speak, more of them
// senior and well connected; venue and topic follow their work.
std::vector<AppearanceRecord> GenerateAppearances(const Catalog& catalog, uint64_t seed,
                                                  int threads, const Network& network) {
  uint32_t n = static_cast<uint32_t>(network.members.size());
  size_t tasks = TaskCount(n, kMembersPerTask);
  std::vector<std::vector<AppearanceRecord>> parts(tasks);
  auto venues = vocab::Venues();
  ParallelFor(threads, tasks, [&](size_t task) {
    uint32_t first = static_cast<uint32_t>(task * kMembersPerTask);
    uint32_t last = std::min<uint32_t>(n, first + kMembersPerTask);
    for (uint32_t member = first; member < last; ++member) {
      const MemberRecord& record = network.members[member];
      if (record.spam || record.thin || record.gamed) continue;
      Rng rng(seed, Stream::kAppearances, member);
      double degree = static_cast<double>(network.ContactsOf(member).size());
      double speaks = 0.006 + (record.seniority == 2 ? 0.03 : 0) + std::min(0.5, degree / 4000);
      if (!rng.Chance(speaks)) continue;
      int64_t count = 1 + Poisson(rng, std::min(5.0, 0.3 + degree / 2000));
      for (int64_t k = 0; k < count; ++k) {
        int venue_index = ChooseVenue(catalog, rng, record);
        if (venue_index < 0) break;
        const vocab::Venue& venue = venues[venue_index];
        AppearanceRecord appearance;
        appearance.member = member;
        appearance.venue = static_cast<uint8_t>(venue_index);
        appearance.topic = ChooseTopic(catalog, rng, record);
        appearance.norwegian = venue.norwegian && rng.Chance(0.9);
        appearance.title = static_cast<uint8_t>(
            rng.Below(vocab::AppearanceTitleTemplates(venue.kind, appearance.norwegian).size()));
        appearance.link = !venue.link.empty() && rng.Chance(0.7);
        if (venue.month > 0) {
          int year = static_cast<int>(rng.Between(2016, 2026));
          if (venue.cadence == vocab::Cadence::kOddYears && year % 2 == 0) --year;
          if (venue.cadence == vocab::Cadence::kEvenYears && year % 2 == 1) --year;
          appearance.date =
              DayStart(year, venue.month, venue.day + static_cast<int>(rng.Between(0, 2)));
        } else {
          // Any day since 2016: media appearances up to yesterday, courses also in the
          // next two months.
          const bool media = venue.kind == "media";
          const Timestamp first_day = DayStart(2016, 1, 1);
          const Timestamp last_day = media ? kNow - kDay : kNow + 60 * kDay;
          appearance.date =
              first_day + kDay * static_cast<Timestamp>(rng.Below((last_day - first_day) / kDay));
        }
        // Announced weeks before a talk or course, put on the profile after a media
        // appearance; after the member signed up, and before now.
        Timestamp added = venue.kind == "media"
                              ? appearance.date + static_cast<Timestamp>(rng.Below(3 * kDay))
                              : appearance.date - rng.Between(14 * kDay, 90 * kDay);
        if (added < record.created_at) {
          added = record.created_at +
                  static_cast<Timestamp>(rng.Below(static_cast<uint64_t>(
                      std::max<Timestamp>(1, std::min(kNow - record.created_at, 365 * kDay)))));
        }
        if (added >= kNow) added = kNow - rng.Between(3600, 14 * kDay);
        appearance.created_at = std::max(added, record.created_at);
        parts[task].push_back(appearance);
      }
    }
  });
  std::vector<AppearanceRecord> appearances;
  for (auto& part : parts) appearances.insert(appearances.end(), part.begin(), part.end());
  return appearances;
}

// Who may read a post without being its author's contact: old accounts that are not
// spam, so that a new account's only attention is its own doing (docs/generator.md).
bool ReadsPosts(const MemberRecord& member) {
  return !member.spam && !member.brand_new && !member.gamed;
}

// Sorts a post's reads by reader and time and keeps the first of each reader's UTC
// day, as the store does.
void KeepFirstReadOfEachDay(std::vector<ViewRecord>& reads) {
  std::sort(reads.begin(), reads.end(), [](const ViewRecord& a, const ViewRecord& b) {
    return std::tie(a.viewer, a.at) < std::tie(b.viewer, b.at);
  });
  reads.erase(std::unique(reads.begin(), reads.end(),
                          [](const ViewRecord& a, const ViewRecord& b) {
                            return a.viewer == b.viewer && a.at / kDay == b.at / kDay;
                          }),
              reads.end());
}

// The recorded reads of each post (a post's `views` also counts readers who were not
// signed in): everyone who commented, just before commenting, and about
// 0.5 + 0.8·√(author's contacts) readers drawn from the author's contacts (60 %),
// followers (25 %) and second degree, most within days of the post. Raises a post's
// `views` to at least its reads.
void GenerateReads(uint64_t seed, int threads, const Network& network, const Followers& followers,
                   std::span<PostRecord> posts, std::span<const CommentRecord> comments,
                   std::vector<ViewRecord>& views, std::vector<uint64_t>& view_begin) {
  constexpr size_t kPostsPerTask = 4096;
  std::vector<uint64_t> comment_begin = OffsetsBy<CommentRecord>(
      comments, posts.size(), [](const CommentRecord& c) { return c.post; });
  size_t tasks = TaskCount(posts.size(), kPostsPerTask);
  std::vector<std::vector<ViewRecord>> parts(tasks);
  ParallelFor(threads, tasks, [&](size_t task) {
    size_t last = std::min(posts.size(), (task + 1) * kPostsPerTask);
    std::vector<ViewRecord> reads;
    for (size_t p = task * kPostsPerTask; p < last; ++p) {
      PostRecord& post = posts[p];
      const uint32_t index = static_cast<uint32_t>(p);
      Rng rng(seed, Stream::kViews, p);
      reads.clear();
      for (uint64_t c = comment_begin[p]; c < comment_begin[p + 1]; ++c) {
        Timestamp before = static_cast<Timestamp>(rng.Between(60, 15 * 60));
        reads.push_back({index, comments[c].author,
                         std::max(post.created_at, comments[c].created_at - before)});
      }
      auto contacts = network.ContactsOf(post.author);
      auto fans = followers.Of(post.author);
      int64_t count = std::min<int64_t>(
          post.views,
          rng.RoundRandomly(0.5 + 0.8 * std::sqrt(static_cast<double>(contacts.size()))));
      for (int64_t k = 0; k < count; ++k) {
        double x = rng.Unit();
        uint32_t reader = kNone;
        if (x < 0.6 && !contacts.empty()) {
          reader = contacts[rng.Below(contacts.size())];
        } else if (x < 0.85 && !fans.empty()) {
          reader = fans[rng.Below(fans.size())];
        } else if (!contacts.empty()) {
          auto theirs = network.ContactsOf(contacts[rng.Below(contacts.size())]);
          reader = theirs[rng.Below(theirs.size())];
        }
        if (reader == kNone || reader == post.author || !ReadsPosts(network.members[reader])) {
          continue;
        }
        Timestamp from = std::max(post.created_at, network.members[reader].created_at);
        if (from >= kNow - 1) continue;
        Timestamp at = rng.Chance(0.8)
                           ? from + static_cast<Timestamp>(-std::log(1.0 - rng.Unit()) * kDay)
                           : from + static_cast<Timestamp>(rng.Below(kNow - from));
        reads.push_back({index, reader, std::min(at, kNow - 1)});
      }
      KeepFirstReadOfEachDay(reads);
      post.views = std::max<int64_t>(post.views, static_cast<int64_t>(reads.size()));
      parts[task].insert(parts[task].end(), reads.begin(), reads.end());
    }
  });
  views.clear();
  for (auto& part : parts) {
    views.insert(views.end(), part.begin(), part.end());
    std::vector<ViewRecord>().swap(part);
  }
  view_begin =
      OffsetsBy<ViewRecord>(views, posts.size(), [](const ViewRecord& v) { return v.post; });
}

// Everything members do besides connecting. Generated before the invitations, which
// add to it: readers who invite from a post read it first, and the gamed accounts
// follow, read and comment minutes before inviting.
struct Activity {
  Follows follows;
  Followers followers;
  std::vector<TimedFollow> timed_follows;
  std::vector<PostRecord> posts;              // Ordered by author.
  std::vector<uint64_t> post_begin;           // Per member; size members + 1.
  std::vector<CommentRecord> comments;        // Ordered by post, then the gamed ones.
  std::vector<AppearanceRecord> appearances;  // Ordered by member.
  std::vector<uint64_t> appearance_begin;     // Per member; size members + 1.
  std::vector<ViewRecord> views;              // Sampled reads, ordered by post.
  std::vector<uint64_t> view_begin;           // Per post; size posts + 1.
  std::vector<ViewRecord> extra_views;        // Reads the invitations added.
};

// ---- Invitations --------------------------------------------------------------------

enum class InvitationKind : uint8_t {
  kNone,
  kSpam,
  kForeign,
  kCommonGround,
  kFollower,
  kStranger,
  kVisibility,
  kGamed,
};

std::string_view KindName(InvitationKind kind) {
  switch (kind) {
    case InvitationKind::kSpam: return "spam";
    case InvitationKind::kForeign: return "foreign";
    case InvitationKind::kCommonGround: return "common_ground";
    case InvitationKind::kFollower: return "follower";
    case InvitationKind::kStranger: return "stranger";
    case InvitationKind::kVisibility: return "visibility";
    case InvitationKind::kGamed: return "gamed";
    case InvitationKind::kNone: break;
  }
  return "";
}

// A post or an appearance: an index into Activity's posts or appearances.
struct Target {
  enum class Kind : uint8_t { kNone, kPost, kAppearance };
  Kind kind = Kind::kNone;
  uint32_t index = 0;
};

// What an invitation's note says.
enum class NoteKind : uint8_t {
  kUsual,  // Drawn when written: often none, a note that states a fact, a spam text,
           // and now and then a claim that names nothing of the recipient's.
  kNone,
  kClaim,       // Names the source: a post the sender read, an appearance they attended.
  kFalseClaim,  // Claims a post or a talk that the recipient never made.
};

struct InvitationRecord {
  uint32_t from;
  uint32_t to;
  Timestamp created_at;
  store::InvitationState state;
  InvitationKind kind = InvitationKind::kNone;
  NoteKind note = NoteKind::kUsual;
  bool via = false;  // Sent from the source's page: invitations.csv's `via`.
  Target source;     // The recipient's post or appearance the sender saw, if any.
};

// Sections of DESIGN.md's "thin profile": headline, summary, position, education,
// location, industry. Fewer than three filled is thin.
int FilledSections(const MemberRecord& member) {
  return member.has_headline + member.has_summary + (member.position_count > 0) +
         (member.education_count > 0) + 1 /* city */ + (member.industry >= 0);
}

bool SpamLike(const MemberRecord& member) { return !member.has_photo || FilledSections(member) < 3; }

bool Overlap(int a_start, int a_end, int b_start, int b_end) {
  return a_start < b_end && b_start < a_end;
}

// Verified common ground, as the advice sees it in the files (query/triage_table.h):
// overlapping months at one employer, overlapping years in one study programme (school
// and field), or at least three mutual contacts of whom two have fewer than 1,000.
bool VerifiedGround(const Network& network, uint32_t from, uint32_t to) {
  auto end_of = [](const PositionRecord& p) { return p.end_month < 0 ? INT32_MAX : p.end_month; };
  for (const PositionRecord& mine : network.PositionsOf(from)) {
    for (const PositionRecord& theirs : network.PositionsOf(to)) {
      if (mine.organization == theirs.organization &&
          Overlap(mine.start_month, end_of(mine), theirs.start_month, end_of(theirs))) {
        return true;
      }
    }
  }
  // Studies run from August of the start year to June of the end year (educations.csv).
  for (const EducationRecord& mine : network.EducationsOf(from)) {
    for (const EducationRecord& theirs : network.EducationsOf(to)) {
      if (mine.school == theirs.school && mine.field == theirs.field &&
          Overlap(mine.start_year * 12 + 7, mine.end_year * 12 + 5, theirs.start_year * 12 + 7,
                  theirs.end_year * 12 + 5)) {
        return true;
      }
    }
  }
  auto a = network.ContactsOf(from), b = network.ContactsOf(to);
  int mutual = 0, selective = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++mutual;
      selective += network.ContactsOf(a[i]).size() < 1000;
      ++i;
      ++j;
    } else {
      a[i] < b[j] ? ++i : ++j;
    }
  }
  return mutual >= 3 && selective >= 2;
}

// The label the advice is measured against: the first rule that applies
// (docs/generator.md, "Invitations"). `via`: sent from a post of the recipient's that
// the sender had read, or from an appearance that had taken place. `fresh_attention`:
// the sender followed, read or commented on the recipient less than a day before. Fields
// compare as written: "Informatikk" at UiO and "Computer Science" at KTH differ.
InvitationKind Classify(const Network& network, const Follows& follows, uint32_t from, uint32_t to,
                        Timestamp at, bool via, bool fresh_attention) {
  const MemberRecord& sender = network.members[from];
  const MemberRecord& recipient = network.members[to];
  const bool new_account = at - sender.created_at < kNewAccount;
  if (via && !new_account) return InvitationKind::kVisibility;
  if (new_account && fresh_attention) return InvitationKind::kGamed;
  const bool spam_like = SpamLike(sender);
  if (spam_like && !VerifiedGround(network, from, to)) return InvitationKind::kSpam;
  if (recipient.markets != MarketsKind::kInternational &&
      (recipient.markets_mask & (1u << sender.country)) == 0) {
    return InvitationKind::kForeign;
  }
  if (spam_like) return InvitationKind::kCommonGround;  // Verified, above.
  if (sender.industry >= 0 && sender.industry == recipient.industry) return InvitationKind::kCommonGround;
  auto schools = vocab::Schools();
  auto countries = vocab::Countries();
  auto field_text = [&](const EducationRecord& education) {
    bool norwegian = countries[IndexOf(countries, schools[education.school].country)].norwegian_language;
    return static_cast<uint32_t>(education.field) * 2 + (norwegian ? 1 : 0);
  };
  for (const EducationRecord& mine : network.EducationsOf(from)) {
    for (const EducationRecord& theirs : network.EducationsOf(to)) {
      if (mine.school == theirs.school || field_text(mine) == field_text(theirs)) {
        return InvitationKind::kCommonGround;
      }
    }
  }
  for (const PositionRecord& mine : network.PositionsOf(from)) {
    for (const PositionRecord& theirs : network.PositionsOf(to)) {
      if (mine.organization == theirs.organization) return InvitationKind::kCommonGround;
    }
  }
  auto a = network.ContactsOf(from), b = network.ContactsOf(to);
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return InvitationKind::kCommonGround;
    a[i] < b[j] ? ++i : ++j;
  }
  if (follows.Contains(from, to)) return InvitationKind::kFollower;
  return InvitationKind::kStranger;
}

// Draws the invitations: pending ones from every source the advice must tell apart,
// and the history that gives senders their behaviour. The invitations that come from a
// post or an appearance add the reads, and the gamed accounts their follows, reads and
// comments, to the activity.
class InvitationMaker {
 public:
  InvitationMaker(uint64_t seed, const Catalog& catalog, const Network& network, Activity& activity)
      : seed_(seed),
        catalog_(catalog),
        network_(network),
        members_(network.members),
        activity_(activity),
        n_(static_cast<uint32_t>(network.members.size())) {}

  // The invitations in time order; `showcase` receives the showcase members.
  std::vector<InvitationRecord> Make(std::vector<uint32_t>& showcase) {
    Ordinary();
    // Readers find posts in proportion to how widely they are read.
    std::vector<double> weights(activity_.posts.size(), 0);
    for (size_t p = 0; p < weights.size(); ++p) {
      const PostRecord& post = activity_.posts[p];
      if (!members_[post.author].spam && post.created_at <= kNow - kDay) {
        weights[p] = std::sqrt(static_cast<double>(post.views));
      }
    }
    read_posts_ = AliasTable(weights);
    if (!activity_.posts.empty()) {
      FromPosts();
      Gamed();
    }
    FromAppearances();
    showcase = ShowcaseMembers();
    for (uint32_t member : showcase) Showcase(member);
    Accepted();
    std::sort(invitations_.begin(), invitations_.end(), [](const auto& x, const auto& y) {
      return std::tie(x.created_at, x.from, x.to) < std::tie(y.created_at, y.from, y.to);
    });
    std::sort(activity_.extra_views.begin(), activity_.extra_views.end(),
              [](const ViewRecord& a, const ViewRecord& b) {
                return std::tie(a.post, a.viewer, a.at) < std::tie(b.post, b.viewer, b.at);
              });
    return std::move(invitations_);
  }

 private:
  using State = store::InvitationState;

  // No invitation yet between the two, and not connected.
  bool Free(uint32_t from, uint32_t to) const {
    return from != to && !network_.Connected(from, to) && !used_.contains(PairKey(from, to));
  }

  // A pending invitation at a chosen time; false if the pair is taken.
  bool AddPending(uint32_t from, uint32_t to, Timestamp at, Target source, bool via, NoteKind note,
                  bool fresh_attention) {
    if (!Free(from, to)) return false;
    used_.insert(PairKey(from, to));
    InvitationKind kind = Classify(network_, activity_.follows, from, to, at, via, fresh_attention);
    invitations_.push_back({from, to, at, State::kPending, kind, note, via, source});
    return true;
  }

  // An invitation at a random time in [lo, hi], no earlier than both sign-ups.
  bool AddDrawn(Rng& rng, uint32_t from, uint32_t to, State state, Timestamp lo, Timestamp hi) {
    if (from == to || from >= n_ || to >= n_ || members_[from].gamed) return false;
    if (network_.Connected(from, to) || !used_.insert(PairKey(from, to)).second) return false;
    lo = std::max({lo, members_[from].created_at, members_[to].created_at});
    Timestamp at =
        hi <= lo ? lo : lo + static_cast<Timestamp>(rng.Below(static_cast<uint64_t>(hi - lo)));
    InvitationKind kind = state == State::kPending
                              ? Classify(network_, activity_.follows, from, to, at, false, false)
                              : InvitationKind::kNone;
    invitations_.push_back({from, to, at, state, kind, NoteKind::kUsual, false, Target{}});
    return true;
  }

  void Read(uint32_t post, uint32_t reader, Timestamp at) {
    activity_.extra_views.push_back({post, reader, at});
    ++activity_.posts[post].views;
  }

  // Spam bursts, foreign senders, friends of friends, followers and strangers, and the
  // ordinary history of ignored, withdrawn and reported invitations.
  void Ordinary() {
    Rng rng(seed_, Stream::kInvitations, 0);
    std::vector<uint32_t> spammers, home_only;
    for (uint32_t member = 0; member < n_; ++member) {
      if (members_[member].spam) spammers.push_back(member);
      if (members_[member].markets == MarketsKind::kHome) home_only.push_back(member);
    }
    auto anyone = [&] { return static_cast<uint32_t>(rng.Below(n_)); };
    // Two random members, drawn in order (argument evaluation order is unspecified).
    auto pair = [&](State state, Timestamp lo, Timestamp hi) {
      const uint32_t from = anyone();
      AddDrawn(rng, from, anyone(), state, lo, hi);
    };
    // Spam-like senders: a burst of recent invitations, and a history of ignored and
    // reported ones.
    for (uint32_t spammer : spammers) {
      int64_t pending = rng.Between(20, 60);
      for (int64_t k = 0; k < pending; ++k) {
        AddDrawn(rng, spammer, anyone(), State::kPending, kNow - 14 * kDay, kNow);
      }
      int64_t ignored = rng.Between(20, 80);
      for (int64_t k = 0; k < ignored; ++k) {
        AddDrawn(rng, spammer, anyone(), State::kIgnored, kFirstDay, kRecent);
      }
      int64_t reported = rng.Between(3, 15);
      for (int64_t k = 0; k < reported; ++k) {
        AddDrawn(rng, spammer, anyone(), State::kReported, kFirstDay, kRecent);
      }
    }
    // Foreign senders writing to members who only do business at home.
    for (int64_t k = 0, attempts = n_ / 40 + 5; k < attempts && !home_only.empty(); ++k) {
      uint32_t to = home_only[rng.Below(home_only.size())];
      for (int tries = 0; tries < 20; ++tries) {
        uint32_t from = anyone();
        if (members_[from].country == members_[to].country) continue;
        AddDrawn(rng, from, to, State::kPending, kRecent, kNow);
        break;
      }
    }
    // Common ground: friends of friends, colleagues, classmates.
    for (int64_t k = 0, attempts = n_ / 15 + 5; k < attempts; ++k) {
      uint32_t to = anyone();
      auto contacts = network_.ContactsOf(to);
      if (contacts.empty()) continue;
      auto second = network_.ContactsOf(contacts[rng.Below(contacts.size())]);
      AddDrawn(rng, second[rng.Below(second.size())], to, State::kPending, kRecent, kNow);
    }
    // Followers asking to connect with whom they follow.
    const Follows& follows = activity_.follows;
    for (int64_t k = 0, attempts = n_ / 30 + 5; k < attempts; ++k) {
      uint32_t from = anyone();
      uint64_t count = follows.offsets[from + 1] - follows.offsets[from];
      if (count == 0) continue;
      AddDrawn(rng, from, follows.followees[follows.offsets[from] + rng.Below(count)],
               State::kPending, kRecent, kNow);
    }
    // Strangers: anyone.
    for (int64_t k = 0, attempts = n_ / 25 + 5; k < attempts; ++k) {
      pair(State::kPending, kRecent, kNow);
    }
    // Ordinary history: ignored, withdrawn and a few reported invitations.
    for (int64_t k = 0, count = n_ / 20; k < count; ++k) {
      pair(State::kIgnored, kFirstDay, kRecent);
    }
    for (int64_t k = 0, count = n_ / 100 + 1; k < count; ++k) {
      pair(State::kWithdrawn, kFirstDay, kRecent);
    }
    for (int64_t k = 0, count = n_ / 1000 + 1; k < count; ++k) {
      pair(State::kReported, kFirstDay, kRecent);
    }
  }

  // Someone who may come across `member`'s post or talk without being their contact: a
  // follower or a contact's contact whose account is old enough to count; kNone if the
  // draws found no one free to invite them.
  uint32_t Audience(Rng& rng, uint32_t member) {
    auto contacts = network_.ContactsOf(member);
    auto fans = activity_.followers.Of(member);
    for (int tries = 0; tries < 12; ++tries) {
      uint32_t candidate = kNone;
      if (!fans.empty() && rng.Chance(0.5)) {
        candidate = fans[rng.Below(fans.size())];
      } else if (!contacts.empty()) {
        auto theirs = network_.ContactsOf(contacts[rng.Below(contacts.size())]);
        candidate = theirs[rng.Below(theirs.size())];
      }
      if (candidate != kNone && ReadsPosts(members_[candidate]) && Free(candidate, member)) {
        return candidate;
      }
    }
    return kNone;
  }

  // Readers who invite the author from the post's page: right after reading, or after
  // coming back days later. Older posts are found again in the last two months.
  void FromPosts() {
    Rng rng(seed_, Stream::kVisibility, 0);
    for (int64_t k = 0, count = n_ / 100 + 1; k < count; ++k) {
      const uint32_t p = read_posts_.Sample(rng);
      const PostRecord& post = activity_.posts[p];
      const uint32_t reader = Audience(rng, post.author);
      if (reader == kNone) continue;
      Timestamp read =
          post.created_at >= kRecent
              ? post.created_at + static_cast<Timestamp>(-std::log(1.0 - rng.Unit()) * 1.5 * kDay)
              : kRecent + static_cast<Timestamp>(rng.Below(kNow - kRecent));
      if (read >= kNow - 600) continue;
      Timestamp at =
          read + (rng.Chance(0.4) ? rng.Between(5 * 60, 3600) : rng.Between(kDay, 14 * kDay));
      if (at >= kNow) at = read + rng.Between(60, kNow - 1 - read);
      const Target target{Target::Kind::kPost, p};
      if (AddPending(reader, post.author, at, target, true,
                     rng.Chance(0.6) ? NoteKind::kClaim : NoteKind::kUsual, false)) {
        Read(p, reader, read);
      }
    }
  }

  // People who heard a talk (saw the interview, took the course) in the last two months
  // and invite the speaker from its page, hours or days later.
  void FromAppearances() {
    std::vector<uint32_t> recent;
    for (size_t a = 0; a < activity_.appearances.size(); ++a) {
      Timestamp date = activity_.appearances[a].date;
      if (date >= kRecent && date <= kNow - kDay) recent.push_back(static_cast<uint32_t>(a));
    }
    if (recent.empty()) return;
    Rng rng(seed_, Stream::kVisibility, 1);
    for (int64_t k = 0, count = n_ / 300 + 1; k < count; ++k) {
      const uint32_t a = recent[rng.Below(recent.size())];
      const AppearanceRecord& appearance = activity_.appearances[a];
      const uint32_t listener = Audience(rng, appearance.member);
      if (listener == kNone) continue;
      Timestamp at = std::min(appearance.date + rng.Between(10 * 3600, 3 * kDay), kNow - 1);
      const Target target{Target::Kind::kAppearance, a};
      AddPending(listener, appearance.member, at, target, true,
                 rng.Chance(0.6) ? NoteKind::kClaim : NoteKind::kUsual, false);
    }
  }

  // A gamed account's routine on post `p`, from `start`: follow the author, read the
  // post, often comment, then invite, minutes apart. Returns the invitation's time, or
  // nullopt if it does not fit before now, the pair is taken, or the two share verified
  // common ground (which the advice would rightly count).
  std::optional<Timestamp> Game(Rng& rng, uint32_t gamer, uint32_t p, Timestamp start, bool via,
                                NoteKind note) {
    const PostRecord& post = activity_.posts[p];
    const uint32_t to = post.author;
    if (post.created_at > start || !Free(gamer, to) || VerifiedGround(network_, gamer, to)) {
      return std::nullopt;
    }
    const Timestamp read = start + rng.Between(30, 180);
    const bool comments = rng.Chance(0.7);
    const Timestamp comment = read + rng.Between(60, 240);
    const Timestamp at = (comments ? comment : read) + rng.Between(60, 480);
    if (at >= kNow) return std::nullopt;
    const Target target{Target::Kind::kPost, p};
    AddPending(gamer, to, at, target, via, note, true);
    activity_.timed_follows.push_back({gamer, to, start});
    Read(p, gamer, read);
    if (comments) activity_.comments.push_back({p, gamer, comment, true});
    return at;
  }

  // Accounts made hours ago that follow, read and comment on visible members' posts
  // minutes before inviting them, some from the post's page.
  void Gamed() {
    for (uint32_t gamer = 0; gamer < n_; ++gamer) {
      const MemberRecord& record = members_[gamer];
      if (!record.gamed) continue;
      Rng rng(seed_, Stream::kGamed, gamer);
      Timestamp start = record.created_at + rng.Between(120, 1800);
      for (int64_t k = 0, targets = rng.Between(3, 8); k < targets && start < kNow; ++k) {
        const uint32_t p = read_posts_.Sample(rng);
        const bool via = rng.Chance(0.5);
        const NoteKind note = rng.Chance(0.7) ? NoteKind::kClaim : NoteKind::kNone;
        if (std::optional<Timestamp> at = Game(rng, gamer, p, start, via, note)) {
          start = *at + rng.Between(120, 2400);
        }
      }
    }
  }

  // The member with the most contacts, and the first ordinary member (55–65 contacts,
  // a photo, a current position, an education, in Norway, with a post at least three
  // days old); either may be missing in a small network.
  std::vector<uint32_t> ShowcaseMembers() const {
    std::vector<uint32_t> showcase;
    uint32_t hub = kNone;
    size_t most = 0;
    for (uint32_t member = 0; member < n_; ++member) {
      if (network_.ContactsOf(member).size() > most) {
        most = network_.ContactsOf(member).size();
        hub = member;
      }
    }
    if (hub != kNone && LatestPost(hub) != kNone) showcase.push_back(hub);
    for (uint32_t member = 0; member < n_; ++member) {
      const MemberRecord& record = members_[member];
      size_t contacts = network_.ContactsOf(member).size();
      if (contacts >= 55 && contacts <= 65 && record.has_photo && ReadsPosts(record) &&
          !record.thin && record.current_company != kNone && record.education_count > 0 &&
          record.country == catalog_.norway && LatestPost(member) != kNone) {
        showcase.push_back(member);
        break;
      }
    }
    return showcase;
  }

  // The member's newest post written at least three days ago, or kNone.
  uint32_t LatestPost(uint32_t member) const {
    uint32_t latest = kNone;
    for (uint64_t p = activity_.post_begin[member]; p < activity_.post_begin[member + 1]; ++p) {
      const PostRecord& post = activity_.posts[p];
      if (post.created_at <= kNow - 3 * kDay &&
          (latest == kNone || post.created_at > activity_.posts[latest].created_at)) {
        latest = static_cast<uint32_t>(p);
      }
    }
    return latest;
  }

  // A believable stranger in `member`'s country: a photo, a position and an education,
  // an old account, free to invite them; from their second degree if `second_degree`.
  uint32_t Stranger(Rng& rng, uint32_t member, bool second_degree) const {
    auto contacts = network_.ContactsOf(member);
    for (int tries = 0; tries < 2000; ++tries) {
      uint32_t candidate = static_cast<uint32_t>(rng.Below(n_));
      if (second_degree && !contacts.empty()) {
        auto theirs = network_.ContactsOf(contacts[rng.Below(contacts.size())]);
        candidate = theirs[rng.Below(theirs.size())];
      }
      const MemberRecord& record = members_[candidate];
      if (record.has_photo && ReadsPosts(record) && !record.thin && record.position_count > 0 &&
          record.education_count > 0 && record.country == members_[member].country &&
          Free(candidate, member)) {
        return candidate;
      }
    }
    return kNone;
  }

  // A current colleague with a complete profile but no photo, free to invite `member`.
  uint32_t NoPhotoColleague(uint32_t member) const {
    const uint32_t employer = members_[member].current_company;
    if (employer == kNone) return kNone;
    const uint32_t first = static_cast<uint32_t>(Hash(seed_, member) % n_);
    for (uint32_t k = 0; k < n_; ++k) {
      const uint32_t candidate = (first + k) % n_;
      const MemberRecord& record = members_[candidate];
      if (record.current_company == employer && !record.has_photo && ReadsPosts(record) &&
          !record.thin && record.has_headline && record.has_summary && record.education_count > 0 &&
          Free(candidate, member)) {
        return candidate;
      }
    }
    return kNone;
  }

  // One invitation of each hard case in `member`'s received box: from their post, read
  // two days ago; from their latest appearance; from a colleague without a photo; from a
  // gamed account; and a note that claims a post they never wrote.
  void Showcase(uint32_t member) {
    Rng rng(seed_, Stream::kShowcase, member);
    const uint32_t p = LatestPost(member);
    const Target post{Target::Kind::kPost, p};
    if (uint32_t reader = Stranger(rng, member, true); reader != kNone) {
      const Timestamp read = std::max(activity_.posts[p].created_at + 3600,
                                      kNow - 2 * kDay - rng.Between(0, 6 * 3600));
      if (AddPending(reader, member, read + rng.Between(600, 2400), post, true, NoteKind::kClaim,
                     false)) {
        Read(p, reader, read);
      }
    }
    uint32_t latest = kNone;
    for (uint64_t a = activity_.appearance_begin[member];
         a < activity_.appearance_begin[member + 1]; ++a) {
      const Timestamp date = activity_.appearances[a].date;
      if (date <= kNow - 2 * kDay &&
          (latest == kNone || date > activity_.appearances[latest].date)) {
        latest = static_cast<uint32_t>(a);
      }
    }
    if (latest != kNone) {
      if (uint32_t listener = Stranger(rng, member, true); listener != kNone) {
        const Target appearance{Target::Kind::kAppearance, latest};
        const Timestamp at = std::max(activity_.appearances[latest].date + 12 * 3600,
                                      kNow - 5 * kDay - rng.Between(0, 12 * 3600));
        AddPending(listener, member, at, appearance, true, NoteKind::kClaim, false);
      }
    }
    if (uint32_t colleague = NoPhotoColleague(member); colleague != kNone) {
      AddPending(colleague, member, kNow - kDay - rng.Between(0, 6 * 3600), {}, false,
                 NoteKind::kUsual, false);
    }
    for (uint32_t k = 0, first = static_cast<uint32_t>(rng.Below(n_)); k < n_; ++k) {
      const uint32_t gamer = (first + k) % n_;
      if (!members_[gamer].gamed || members_[gamer].created_at > kNow - 3600) continue;
      const Timestamp start =
          std::max(members_[gamer].created_at + 120, kNow - 3 * 3600 - rng.Between(0, 3600));
      if (Game(rng, gamer, p, start, true, NoteKind::kClaim)) break;
    }
    if (uint32_t stranger = Stranger(rng, member, false); stranger != kNone) {
      AddPending(stranger, member, kNow - 3 * kDay - rng.Between(0, kDay), {}, false,
                 NoteKind::kFalseClaim, false);
    }
  }

  // Accepted invitations behind a sample of connections (all of the spam-like senders'
  // few), sent shortly before the connection was made.
  void Accepted() {
    for (uint64_t key : network_.edges) {
      uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
      uint64_t h = Hash(seed_ ^ 0xACCE97ull, key);
      bool spam = members_[a].spam || members_[b].spam;
      if (!spam && h % 20 != 0) continue;
      uint32_t from = spam ? (members_[a].spam ? a : b) : ((h >> 32) & 1 ? a : b);
      uint32_t to = from == a ? b : a;
      Timestamp connected = ConnectionTime(seed_, network_, key);
      Timestamp lo = std::max(members_[a].created_at, members_[b].created_at);
      Timestamp sent = std::max(lo, connected - static_cast<Timestamp>((h >> 40) % (7 * kDay)));
      invitations_.push_back({from, to, sent, State::kAccepted, InvitationKind::kNone,
                              NoteKind::kUsual, false, Target{}});
    }
  }

  const uint64_t seed_;
  const Catalog& catalog_;
  const Network& network_;
  const std::vector<MemberRecord>& members_;
  Activity& activity_;
  const uint32_t n_;
  AliasTable read_posts_;
  // Pairs with an invitation other than an accepted one; one per pair, never connected.
  absl::flat_hash_set<uint64_t> used_;
  std::vector<InvitationRecord> invitations_;
};

// ---- Text ---------------------------------------------------------------------------

struct TextContext {
  std::string_view title, company, field, industry, city, school, topic, topic2, first, event,
      audience, point;
  int years = 0;
  int n = 0;
};

std::string Render(std::string_view pattern, const TextContext& c) {
  return fmt::format(
      fmt::runtime(pattern), fmt::arg("title", c.title), fmt::arg("company", c.company),
      fmt::arg("field", c.field), fmt::arg("industry", c.industry), fmt::arg("city", c.city),
      fmt::arg("school", c.school), fmt::arg("topic", c.topic), fmt::arg("topic2", c.topic2),
      fmt::arg("first", c.first), fmt::arg("event", c.event), fmt::arg("audience", c.audience),
      fmt::arg("point", c.point), fmt::arg("years", c.years), fmt::arg("n", c.n));
}

// Cuts at a UTF-8 character boundary so the text has at most `limit` characters.
std::string Truncate(std::string text, size_t limit) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++characters > limit) {
      text.resize(i);
      break;
    }
  }
  return text;
}

// The folded words of `text` ("ESG-rapportering" gives "esg" and "rapportering").
std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> words;
  const std::string folded = Fold(text);
  for (size_t begin = 0; begin < folded.size();) {
    size_t end = std::min(folded.find(' ', begin), folded.size());
    words.push_back(folded.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

// Whether a text would read as a claim to have seen something (vocab::ClaimWords()).
bool ReadsAsClaim(std::string_view text) {
  for (const std::string& word : FoldedWords(text)) {
    for (std::string_view claim : vocab::ClaimWords()) {
      if (word.starts_with(claim)) return true;
    }
  }
  return false;
}

class TextMaker {
 public:
  TextMaker(uint64_t seed, const Catalog& catalog, const Network& network, const Activity& activity)
      : seed_(seed), catalog_(catalog), network_(network), activity_(activity) {}

  std::string_view FieldName(const EducationRecord& education) const {
    const vocab::Field& field = vocab::Fields()[education.field];
    return NorwegianSchool(education.school) ? field.norwegian : field.english;
  }
  bool NorwegianSchool(uint32_t school) const {
    return vocab::Countries()[catalog_.school_country[school]].norwegian_language;
  }
  std::string_view FirstName(uint32_t member) const {
    const MemberRecord& record = network_.members[member];
    return vocab::NameLists()[record.origin].first_names[record.first_name];
  }

  // What a member is about: their current or last job, school, city and topics.
  TextContext About(uint32_t member, Rng& rng) const {
    const MemberRecord& record = network_.members[member];
    const vocab::Profession& profession = vocab::Professions()[record.profession];
    TextContext c;
    c.first = FirstName(member);
    c.city = vocab::Cities()[record.city].name;
    c.industry = record.industry >= 0 ? vocab::Industries()[record.industry].name : "business";
    auto positions = network_.PositionsOf(member);
    c.title = positions.empty() ? "Professional" : positions.back().title;
    c.company = positions.empty() ? "my own company"
                                  : std::string_view(catalog_.organizations[positions.back().organization].name);
    auto educations = network_.EducationsOf(member);
    c.school = educations.empty() ? "the school of life"
                                  : std::string_view(catalog_.organizations[educations.back().school].name);
    c.field = educations.empty() ? profession.name : FieldName(educations.back());
    c.topic = rng.Pick(profession.topics);
    c.topic2 = rng.Pick(profession.topics);
    if (c.topic2 == c.topic) c.topic2 = "people";
    c.event = rng.Pick(vocab::Events());
    c.years = positions.empty() ? 1 : std::max(1, (kNowMonth - positions.front().start_month) / 12);
    c.n = static_cast<int>(rng.Between(3, 12));
    return c;
  }

  // About(), for a text about `topic` in one language.
  TextContext AboutTopic(uint32_t member, uint16_t topic, bool norwegian, Rng& rng) const {
    TextContext c = About(member, rng);
    const vocab::Topic& subject = vocab::Topics()[topic];
    c.topic = norwegian ? subject.norwegian : subject.english;
    c.point = norwegian ? subject.point_norwegian : subject.point_english;
    const int16_t industry = network_.members[member].industry;
    if (industry >= 0) {
      const vocab::Industry& entry = vocab::Industries()[industry];
      c.audience = norwegian ? entry.audience_norwegian : entry.audience_english;
    } else {
      c.audience = norwegian ? "bransjen" : "the industry";
    }
    return c;
  }

  // A post's title and body are rendered from one context, so that both name the same
  // topic, company and event: a conference of the author's field.
  TextContext PostContext(size_t p) const {
    const PostRecord& post = activity_.posts[p];
    Rng rng(seed_ ^ 0x9057ull, Stream::kText, p);
    TextContext c = AboutTopic(post.author, post.topic, post.norwegian, rng);
    const int venue = ChooseVenue(catalog_, rng, network_.members[post.author], true);
    if (venue >= 0) c.event = vocab::Venues()[venue].name;
    return c;
  }
  std::string PostTitle(size_t p, const TextContext& c) const {
    const vocab::PostTemplate& style = vocab::PostTemplates()[activity_.posts[p].style];
    return Render(activity_.posts[p].norwegian ? style.title_norwegian : style.title_english, c);
  }
  std::string PostBody(size_t p, const TextContext& c) const {
    const vocab::PostTemplate& style = vocab::PostTemplates()[activity_.posts[p].style];
    return Render(activity_.posts[p].norwegian ? style.body_norwegian : style.body_english, c);
  }

  std::string AppearanceTitle(size_t a) const {
    const AppearanceRecord& appearance = activity_.appearances[a];
    Rng rng(seed_ ^ 0xA99Eull, Stream::kText, a);
    const TextContext c =
        AboutTopic(appearance.member, appearance.topic, appearance.norwegian, rng);
    const vocab::Venue& venue = vocab::Venues()[appearance.venue];
    return Render(
        vocab::AppearanceTitleTemplates(venue.kind, appearance.norwegian)[appearance.title], c);
  }

  // "JavaZone 2026" for a talk; the outlet or course provider alone otherwise.
  std::string AppearanceEvent(size_t a) const {
    const AppearanceRecord& appearance = activity_.appearances[a];
    const vocab::Venue& venue = vocab::Venues()[appearance.venue];
    if (venue.kind != "talk") return std::string(venue.name);
    return fmt::format(
        "{} {}", venue.name,
        absl::ToCivilYear(absl::FromUnixSeconds(appearance.date), absl::UTCTimeZone()).year());
  }

  // A contact's comment on the post's topic, in the post's language when they share it;
  // a gamed account's empty praise.
  std::string Comment(size_t c) const {
    const CommentRecord& comment = activity_.comments[c];
    const PostRecord& post = activity_.posts[comment.post];
    Rng rng(seed_ ^ 0xC033ull, Stream::kText, c);
    const bool norwegian =
        post.norwegian && network_.members[comment.author].country == catalog_.norway;
    TextContext about = AboutTopic(comment.author, post.topic, norwegian, rng);
    about.first = FirstName(post.author);
    return Render(rng.Pick(comment.gamed ? vocab::GamedCommentTemplates(norwegian)
                                         : vocab::CommentTemplates(norwegian)),
                  about);
  }

  // The note of the index-th invitation (in file order), or "" for none.
  std::string Note(const InvitationRecord& invitation, size_t index) const {
    Rng rng(seed_, Stream::kText, network_.members.size() + index);
    const MemberRecord& sender = network_.members[invitation.from];
    std::string note;
    switch (invitation.note) {
      case NoteKind::kNone:
        return note;
      case NoteKind::kClaim:
        note = ClaimNote(rng, invitation.source, invitation.to);
        break;
      case NoteKind::kFalseClaim:
        note = FalseClaim(rng, invitation.from, invitation.to);
        break;
      case NoteKind::kUsual:
        if (!rng.Chance(sender.spam ? 0.7 : 0.4)) return note;
        // A sender who saw something of the recipient's does not make up something else.
        if (rng.Chance(sender.spam ? 0.4 : 0.03) && invitation.source.kind == Target::Kind::kNone) {
          note = FalseClaim(rng, invitation.from, invitation.to);
        } else if (sender.spam) {
          TextContext about = About(invitation.from, rng);
          about.first = FirstName(invitation.to);
          note = Render(rng.Pick(vocab::SpamNoteTemplates()), about);
        } else {
          note = FactNote(rng, invitation.from, invitation.to);
        }
        break;
    }
    return Truncate(std::move(note), store::kMaxInvitationNote);
  }

 private:
  bool BothInNorway(uint32_t a, uint32_t b) const {
    return network_.members[a].country == catalog_.norway &&
           network_.members[b].country == catalog_.norway;
  }

  // Names the post or appearance by its topic, in its language, and the event.
  std::string ClaimNote(Rng& rng, Target source, uint32_t to) const {
    TextContext c;
    c.first = FirstName(to);
    if (source.kind == Target::Kind::kPost) {
      const PostRecord& post = activity_.posts[source.index];
      const vocab::Topic& topic = vocab::Topics()[post.topic];
      c.topic = post.norwegian ? topic.norwegian : topic.english;
      return Render(rng.Pick(vocab::ClaimNotes("post", post.norwegian)), c);
    }
    const AppearanceRecord& appearance = activity_.appearances[source.index];
    const vocab::Topic& topic = vocab::Topics()[appearance.topic];
    const vocab::Venue& venue = vocab::Venues()[appearance.venue];
    c.topic = appearance.norwegian ? topic.norwegian : topic.english;
    c.event = venue.name;
    return Render(rng.Pick(vocab::ClaimNotes(venue.kind, appearance.norwegian)), c);
  }

  // Folded words of at least four letters in the member's post titles and appearances
  // (title, event, place): what a note's claim is checked against.
  absl::flat_hash_set<std::string> PublishedWords(uint32_t member) const {
    absl::flat_hash_set<std::string> words;
    auto add = [&words](std::string_view text) {
      for (std::string& word : FoldedWords(text)) {
        if (word.size() >= 4) words.insert(std::move(word));
      }
    };
    for (uint64_t p = activity_.post_begin[member]; p < activity_.post_begin[member + 1]; ++p) {
      add(PostTitle(p, PostContext(p)));
    }
    for (uint64_t a = activity_.appearance_begin[member];
         a < activity_.appearance_begin[member + 1]; ++a) {
      add(AppearanceTitle(a));
      add(AppearanceEvent(a));
      add(vocab::Venues()[activity_.appearances[a].venue].place);
    }
    return words;
  }

  // A claim to have read a post or heard a talk that shares no word of four letters or
  // more with anything the recipient published; "" if eight drafts all did.
  std::string FalseClaim(Rng& rng, uint32_t from, uint32_t to) const {
    const bool spam = network_.members[from].spam;
    const bool norwegian = !spam && BothInNorway(from, to) && rng.Chance(0.7);
    const absl::flat_hash_set<std::string> published = PublishedWords(to);
    auto topics = vocab::Topics();
    auto venues = vocab::Venues();
    for (int draft = 0; draft < 8; ++draft) {
      const bool post = rng.Chance(0.6);
      const vocab::Topic& topic = topics[rng.Below(topics.size())];
      const vocab::Venue& venue = venues[rng.Below(venues.size())];
      if (!post && venue.kind != "talk") continue;
      TextContext c;
      c.first = FirstName(to);
      c.topic = norwegian ? topic.norwegian : topic.english;
      c.event = venue.name;
      std::string note =
          Render(spam ? rng.Pick(vocab::SpamClaimNotes(post))
                      : rng.Pick(vocab::ClaimNotes(post ? "post" : "talk", norwegian)),
                 c);
      bool names_something = false;
      for (const std::string& word : FoldedWords(note)) {
        names_something = names_something || published.contains(word);
      }
      if (!names_something) return note;
    }
    return {};
  }

  // A note that states what the two share, or a plain greeting; never a claim.
  std::string FactNote(Rng& rng, uint32_t from, uint32_t to) const {
    const bool norwegian = BothInNorway(from, to) && rng.Chance(0.7);
    TextContext c = About(from, rng);
    c.first = FirstName(to);
    std::string_view school, employer;
    for (const EducationRecord& mine : network_.EducationsOf(from)) {
      for (const EducationRecord& theirs : network_.EducationsOf(to)) {
        if (mine.school == theirs.school) school = catalog_.organizations[mine.school].name;
      }
    }
    for (const PositionRecord& mine : network_.PositionsOf(from)) {
      for (const PositionRecord& theirs : network_.PositionsOf(to)) {
        if (mine.organization == theirs.organization) {
          employer = catalog_.organizations[mine.organization].name;
        }
      }
    }
    if (!school.empty() && rng.Chance(0.6)) {
      c.school = school;
      return Render(rng.Pick(vocab::SharedSchoolNotes(norwegian)), c);
    }
    // "Posten Bring" would read as a claim to have seen a post.
    if (!employer.empty() && rng.Chance(0.6) && !ReadsAsClaim(employer)) {
      c.company = employer;
      return Render(rng.Pick(vocab::SharedEmployerNotes(norwegian)), c);
    }
    if (network_.members[from].profession == network_.members[to].profession && rng.Chance(0.4)) {
      return Render(rng.Pick(vocab::SameWorkNotes(norwegian)), c);
    }
    return Render(rng.Pick(vocab::GenericNotes(norwegian)), c);
  }

  const uint64_t seed_;
  const Catalog& catalog_;
  const Network& network_;
  const Activity& activity_;
};

// ---- Output ------------------------------------------------------------------------

std::string_view MarketsText(const MemberRecord& member, std::string& buffer) {
  if (member.markets == MarketsKind::kHome) return "home";
  if (member.markets == MarketsKind::kInternational) return "international";
  auto countries = vocab::Countries();
  buffer.assign(countries[member.country].code);
  for (size_t c = 0; c < countries.size(); ++c) {
    if (c != member.country && (member.markets_mask & (1u << c))) {
      buffer += ';';
      buffer += countries[c].code;
    }
  }
  return buffer;
}

absl::Status WriteMembers(const std::string& path, uint64_t seed, const Catalog& catalog,
                          const Network& network, const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "handle", "first_name", "last_name", "headline", "summary", "has_photo", "city",
               "country", "industry", "email", "created_at", "policy", "markets"});
  constexpr std::string_view kDomains[] = {"example.com", "example.org", "example.net"};
  std::string handle, markets;
  for (uint32_t member = 0; member < network.members.size(); ++member) {
    const MemberRecord& record = network.members[member];
    const vocab::NameList& names = vocab::NameLists()[record.origin];
    Rng rng(seed, Stream::kText, member);
    TextContext about = text.About(member, rng);
    handle = fmt::format("{}.{}", catalog.slugs[catalog.first_slug[record.origin][record.first_name]],
                         catalog.slugs[catalog.last_slug[record.origin][record.last_name]]);
    if (record.handle_number > 0) handle += fmt::format(".{}", record.handle_number + 1);
    writer->Int(member + 1);
    writer->Text(handle);
    writer->Text(names.first_names[record.first_name]);
    writer->Text(names.last_names[record.last_name]);
    if (!record.has_headline) {
      writer->Empty();
    } else if (record.spam) {
      writer->Text(rng.Pick(vocab::SpamHeadlines()));
    } else {
      bool norwegian = vocab::Countries()[record.country].norwegian_language && rng.Chance(0.6);
      writer->Text(Render(rng.Pick(norwegian ? vocab::NorwegianHeadlineTemplates()
                                             : vocab::HeadlineTemplates()),
                          about));
    }
    if (record.has_summary) {
      writer->Text(Render(rng.Pick(vocab::SummaryTemplates()), about));
    } else {
      writer->Empty();
    }
    writer->Int(record.has_photo ? 1 : 0);
    writer->Text(vocab::Cities()[record.city].name);
    writer->Text(vocab::Countries()[record.country].code);
    if (record.industry >= 0) {
      writer->Text(vocab::Industries()[record.industry].name);
    } else {
      writer->Empty();
    }
    writer->Text(fmt::format("{}@{}", handle, kDomains[member % 3]));
    writer->DateTime(record.created_at);
    writer->Text(record.policy_selective ? "selective" : "liberal");
    writer->Text(MarketsText(record, markets));
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WriteOrganizations(const std::string& path, const Catalog& catalog) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "kind", "name", "industry", "country"});
  for (size_t i = 0; i < catalog.organizations.size(); ++i) {
    const OrganizationRecord& organization = catalog.organizations[i];
    writer->Int(static_cast<int64_t>(i) + 1);
    writer->Text(organization.school ? "school" : "company");
    writer->Text(organization.name);
    writer->Text(vocab::Industries()[organization.industry].name);
    writer->Text(vocab::Countries()[organization.country].code);
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WritePositions(const std::string& path, const Network& network) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"member_id", "organization_id", "title", "start", "end"});
  // Newest first: a member's rows are in the order their profile shows them.
  for (uint32_t member = 0; member < network.members.size(); ++member) {
    const std::span<const PositionRecord> positions = network.PositionsOf(member);
    for (auto it = positions.rbegin(); it != positions.rend(); ++it) {
      const PositionRecord& position = *it;
      writer->Int(member + 1);
      writer->Int(position.organization + 1);
      writer->Text(position.title);
      writer->Month(MonthStart(position.start_month));
      if (position.end_month < 0) {
        writer->Empty();
      } else {
        writer->Month(MonthStart(position.end_month));
      }
      writer->EndRow();
    }
  }
  return writer->Close();
}

std::string_view DegreeName(const EducationRecord& education, bool norwegian, bool technical) {
  switch (education.level) {
    case 0:
      return norwegian ? "Bachelorgrad" : (technical ? "Bachelor of Science" : "Bachelor of Arts");
    case 1:
      if (norwegian) return technical ? "Sivilingeniør" : "Mastergrad";
      return technical ? "Master of Science" : "Master of Arts";
    default:
      return norwegian ? "Ph.d." : "PhD";
  }
}

absl::Status WriteEducations(const std::string& path, const Network& network, const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"member_id", "school_id", "field", "degree", "start", "end"});
  for (uint32_t member = 0; member < network.members.size(); ++member) {
    const std::span<const EducationRecord> educations = network.EducationsOf(member);
    for (auto it = educations.rbegin(); it != educations.rend(); ++it) {
      const EducationRecord& education = *it;
      const vocab::Field& field = vocab::Fields()[education.field];
      bool technical = (field.taught_at & vocab::kTechnical) != 0 &&
                       field.profession != "business";
      writer->Int(member + 1);
      writer->Int(education.school + 1);
      writer->Text(text.FieldName(education));
      writer->Text(DegreeName(education, text.NorwegianSchool(education.school), technical));
      writer->Month(MonthStart(education.start_year * 12 + 7));
      writer->Month(MonthStart(education.end_year * 12 + 5));
      writer->EndRow();
    }
  }
  return writer->Close();
}

absl::Status WriteConnections(const std::string& path, uint64_t seed, const Network& network) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"a", "b", "created_at"});
  for (uint64_t key : network.edges) {
    writer->Int(static_cast<int64_t>(key >> 32) + 1);
    writer->Int(static_cast<int64_t>(key & 0xFFFFFFFF) + 1);
    writer->DateTime(ConnectionTime(seed, network, key));
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WriteInvitations(const std::string& path,
                              std::span<const InvitationRecord> invitations,
                              const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "from", "to", "note", "created_at", "state", "kind", "via"});
  for (size_t i = 0; i < invitations.size(); ++i) {
    const InvitationRecord& invitation = invitations[i];
    writer->Int(static_cast<int64_t>(i) + 1);
    writer->Int(invitation.from + 1);
    writer->Int(invitation.to + 1);
    writer->Text(text.Note(invitation, i));
    writer->DateTime(invitation.created_at);
    writer->Text(store::InvitationStateName(invitation.state));
    writer->Text(KindName(invitation.kind));
    if (!invitation.via) {
      writer->Empty();
    } else {
      const bool post = invitation.source.kind == Target::Kind::kPost;
      writer->Text(fmt::format("{}:{}", post ? "post" : "appearance", invitation.source.index + 1));
    }
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WriteFollows(const std::string& path, uint64_t seed, const Network& network,
                          const Activity& activity) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"follower", "followee", "created_at"});
  const Follows& follows = activity.follows;
  for (uint32_t member = 0; member < network.members.size(); ++member) {
    for (uint64_t i = follows.offsets[member]; i < follows.offsets[member + 1]; ++i) {
      uint32_t followee = follows.followees[i];
      writer->Int(member + 1);
      writer->Int(followee + 1);
      writer->DateTime(FollowTime(seed, network, member, followee));
      writer->EndRow();
    }
  }
  for (const TimedFollow& follow : activity.timed_follows) {
    writer->Int(follow.follower + 1);
    writer->Int(follow.followee + 1);
    writer->DateTime(follow.at);
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WritePosts(const std::string& path, const Activity& activity, const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "author", "title", "body", "created_at", "views"});
  for (size_t p = 0; p < activity.posts.size(); ++p) {
    const PostRecord& post = activity.posts[p];
    const TextContext context = text.PostContext(p);
    writer->Int(static_cast<int64_t>(p) + 1);
    writer->Int(post.author + 1);
    writer->Text(text.PostTitle(p, context));
    writer->Text(text.PostBody(p, context));
    writer->DateTime(post.created_at);
    writer->Int(post.views);
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WriteComments(const std::string& path, const Activity& activity,
                           const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "post_id", "author", "body", "created_at"});
  for (size_t c = 0; c < activity.comments.size(); ++c) {
    const CommentRecord& comment = activity.comments[c];
    writer->Int(static_cast<int64_t>(c) + 1);
    writer->Int(comment.post + 1);
    writer->Int(comment.author + 1);
    writer->Text(text.Comment(c));
    writer->DateTime(comment.created_at);
    writer->EndRow();
  }
  return writer->Close();
}

// The sampled reads and those the invitations added, merged per post: one row per
// post, reader and UTC day. Returns the rows written.
absl::StatusOr<int64_t> WritePostViews(const std::string& path, const Activity& activity) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"post_id", "viewer", "at"});
  int64_t rows = 0;
  auto write = [&](const ViewRecord* begin, const ViewRecord* end) {
    for (const ViewRecord* read = begin; read != end; ++read) {
      writer->Int(read->post + 1);
      writer->Int(read->viewer + 1);
      writer->DateTime(read->at);
      writer->EndRow();
      ++rows;
    }
  };
  const std::vector<ViewRecord>& extra = activity.extra_views;
  std::vector<ViewRecord> merged;
  size_t next = 0;
  for (size_t p = 0; p < activity.posts.size(); ++p) {
    const ViewRecord* begin = activity.views.data() + activity.view_begin[p];
    const ViewRecord* end = activity.views.data() + activity.view_begin[p + 1];
    if (next == extra.size() || extra[next].post != p) {
      write(begin, end);
      continue;
    }
    merged.assign(begin, end);
    for (; next < extra.size() && extra[next].post == p; ++next) merged.push_back(extra[next]);
    KeepFirstReadOfEachDay(merged);
    write(merged.data(), merged.data() + merged.size());
  }
  LEDD_RETURN_IF_ERROR(writer->Close());
  return rows;
}

absl::Status WriteAppearances(const std::string& path, const Activity& activity,
                              const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "member_id", "kind", "title", "event", "date", "place", "link", "created_at"});
  for (size_t a = 0; a < activity.appearances.size(); ++a) {
    const AppearanceRecord& appearance = activity.appearances[a];
    const vocab::Venue& venue = vocab::Venues()[appearance.venue];
    writer->Int(static_cast<int64_t>(a) + 1);
    writer->Int(appearance.member + 1);
    writer->Text(venue.kind);
    writer->Text(text.AppearanceTitle(a));
    writer->Text(text.AppearanceEvent(a));
    writer->Text(FormatDate(appearance.date));
    writer->Text(venue.place);
    writer->Text(appearance.link ? venue.link : std::string_view());
    writer->DateTime(appearance.created_at);
    writer->EndRow();
  }
  return writer->Close();
}

}  // namespace

absl::StatusOr<GeneratorSummary> Generate(const GeneratorOptions& options) {
  if (options.members < 10) {
    return absl::InvalidArgumentError(
        fmt::format("generator: at least 10 members are needed, got {}", options.members));
  }
  if (options.members > (int64_t{1} << 31)) {
    return absl::InvalidArgumentError(
        fmt::format("generator: at most 2^31 members, got {}", options.members));
  }
  if (options.out_dir.empty()) return absl::InvalidArgumentError("generator: no output directory");
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) {
    return absl::UnavailableError(fmt::format("{}: {}", options.out_dir, error.message()));
  }
  int threads = options.threads > 0 ? options.threads
                                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const uint64_t seed = options.seed;
  const uint32_t n = static_cast<uint32_t>(options.members);

  Catalog catalog = BuildCatalog(options.members, seed);
  Network network;
  network.members.resize(n);
  {
    size_t tasks = TaskCount(n, kMembersPerTask);
    std::vector<MemberChunk> chunks(tasks);
    ParallelFor(threads, tasks, [&](size_t task) {
      uint32_t first = static_cast<uint32_t>(task * kMembersPerTask);
      uint32_t last = std::min<uint32_t>(n, first + kMembersPerTask);
      for (uint32_t member = first; member < last; ++member) {
        GenerateMember(catalog, seed, member, network.members[member], chunks[task]);
      }
    });
    // Make the per-chunk offsets global.
    for (size_t task = 0; task < tasks; ++task) {
      uint64_t position_base = network.positions.size(), education_base = network.educations.size();
      uint32_t first = static_cast<uint32_t>(task * kMembersPerTask);
      uint32_t last = std::min<uint32_t>(n, first + kMembersPerTask);
      for (uint32_t member = first; member < last; ++member) {
        network.members[member].first_position += position_base;
        network.members[member].first_education += education_base;
      }
      network.positions.insert(network.positions.end(), chunks[task].positions.begin(),
                               chunks[task].positions.end());
      network.educations.insert(network.educations.end(), chunks[task].educations.begin(),
                                chunks[task].educations.end());
    }
  }
  // Handles: the first Kari Nordmann is kari.nordmann, the next kari.nordmann.2.
  {
    size_t slug_count = catalog.slugs.size();
    std::vector<uint32_t> seen(slug_count * slug_count, 0);
    for (MemberRecord& member : network.members) {
      size_t key = catalog.first_slug[member.origin][member.first_name] * slug_count +
                   catalog.last_slug[member.origin][member.last_name];
      member.handle_number = seen[key]++;
    }
  }
  AssignAccountAges(seed, network.members);

  GenerateConnections(catalog, seed, threads, network);

  const std::string& dir = options.out_dir;
  auto file = [&dir](std::string_view name) { return fmt::format("{}/{}", dir, name); };
  // The connections file is most of the bytes: write it on its own thread while the
  // rest is generated and written.
  absl::Status connections_status;
  std::thread connections_writer;
  if (threads > 1) {
    connections_writer = std::thread([&] {
      connections_status = WriteConnections(file("connections.csv"), seed, network);
    });
  } else {
    connections_status = WriteConnections(file("connections.csv"), seed, network);
  }
  int workers = std::max(1, threads - 1);
  Activity activity;
  activity.follows = GenerateFollows(seed, workers, network);
  activity.followers = InvertFollows(activity.follows, n);
  activity.posts = GeneratePosts(catalog, seed, workers, network);
  activity.post_begin =
      OffsetsBy<PostRecord>(activity.posts, n, [](const PostRecord& post) { return post.author; });
  activity.comments = GenerateComments(seed, workers, network, activity.posts);
  activity.appearances = GenerateAppearances(catalog, seed, workers, network);
  activity.appearance_begin = OffsetsBy<AppearanceRecord>(
      activity.appearances, n,
      [](const AppearanceRecord& appearance) { return appearance.member; });
  GenerateReads(seed, workers, network, activity.followers, activity.posts, activity.comments,
                activity.views, activity.view_begin);
  std::vector<uint32_t> showcase;
  std::vector<InvitationRecord> invitations =
      InvitationMaker(seed, catalog, network, activity).Make(showcase);

  TextMaker text(seed, catalog, network, activity);
  int64_t post_views = 0;
  // The first failure ends the writing; the connections thread is joined either way.
  const absl::Status status = [&]() -> absl::Status {
    LEDD_RETURN_IF_ERROR(WriteMembers(file("members.csv"), seed, catalog, network, text));
    LEDD_RETURN_IF_ERROR(WriteOrganizations(file("organizations.csv"), catalog));
    LEDD_RETURN_IF_ERROR(WritePositions(file("positions.csv"), network));
    LEDD_RETURN_IF_ERROR(WriteEducations(file("educations.csv"), network, text));
    LEDD_RETURN_IF_ERROR(WriteInvitations(file("invitations.csv"), invitations, text));
    LEDD_RETURN_IF_ERROR(WriteFollows(file("follows.csv"), seed, network, activity));
    LEDD_RETURN_IF_ERROR(WritePosts(file("posts.csv"), activity, text));
    LEDD_RETURN_IF_ERROR(WriteComments(file("comments.csv"), activity, text));
    LEDD_ASSIGN_OR_RETURN(post_views, WritePostViews(file("post_views.csv"), activity));
    return WriteAppearances(file("appearances.csv"), activity, text);
  }();
  if (connections_writer.joinable()) connections_writer.join();
  if (!status.ok()) return status;
  if (!connections_status.ok()) return connections_status;

  GeneratorSummary summary;
  summary.members = n;
  summary.organizations = static_cast<int64_t>(catalog.organizations.size());
  summary.positions = static_cast<int64_t>(network.positions.size());
  summary.educations = static_cast<int64_t>(network.educations.size());
  summary.connections = static_cast<int64_t>(network.edges.size());
  summary.invitations = static_cast<int64_t>(invitations.size());
  summary.follows =
      static_cast<int64_t>(activity.follows.followees.size() + activity.timed_follows.size());
  summary.posts = static_cast<int64_t>(activity.posts.size());
  summary.comments = static_cast<int64_t>(activity.comments.size());
  summary.post_views = post_views;
  summary.appearances = static_cast<int64_t>(activity.appearances.size());
  for (uint32_t member : showcase) summary.showcase.push_back(member + 1);
  return summary;
}

}  // namespace ledd::ingest
