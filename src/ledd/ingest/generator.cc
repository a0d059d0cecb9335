#include "ledd/ingest/generator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <numeric>
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
  MarketsKind markets = MarketsKind::kHome;
  Context context = Context::kCity;
  bool has_photo = false;
  bool thin = false;
  bool spam = false;
  bool has_headline = false;
  bool has_summary = false;
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

// ---- Follows, posts, comments ------------------------------------------------------

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

struct PostRecord {
  uint32_t author;
  Timestamp created_at;
  int64_t views;
};

struct CommentRecord {
  uint32_t post;  // Index into posts.
  uint32_t author;
  Timestamp created_at;
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

std::vector<PostRecord> GeneratePosts(uint64_t seed, int threads, const Network& network) {
  uint32_t n = static_cast<uint32_t>(network.members.size());
  size_t tasks = TaskCount(n, kMembersPerTask);
  std::vector<std::vector<PostRecord>> parts(tasks);
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
        parts[task].push_back({member, std::min(created, kNow - 1), views});
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

// ---- Invitations --------------------------------------------------------------------

enum class InvitationKind : uint8_t { kNone, kSpam, kForeign, kCommonGround, kFollower, kStranger };

std::string_view KindName(InvitationKind kind) {
  switch (kind) {
    case InvitationKind::kSpam: return "spam";
    case InvitationKind::kForeign: return "foreign";
    case InvitationKind::kCommonGround: return "common_ground";
    case InvitationKind::kFollower: return "follower";
    case InvitationKind::kStranger: return "stranger";
    case InvitationKind::kNone: break;
  }
  return "";
}

struct InvitationRecord {
  uint32_t from;
  uint32_t to;
  Timestamp created_at;
  store::InvitationState state;
  InvitationKind kind;
};

// Sections of DESIGN.md's "thin profile": headline, summary, position, education,
// location, industry. Fewer than three filled is thin.
int FilledSections(const MemberRecord& member) {
  return member.has_headline + member.has_summary + (member.position_count > 0) +
         (member.education_count > 0) + 1 /* city */ + (member.industry >= 0);
}

bool SpamLike(const MemberRecord& member) { return !member.has_photo || FilledSections(member) < 3; }

// The label the triage would give, by the first rule that applies. Fields compare as
// written: "Informatikk" at UiO and "Computer Science" at KTH are different texts.
InvitationKind Classify(const Network& network, const Follows& follows, uint32_t from, uint32_t to) {
  const MemberRecord& sender = network.members[from];
  const MemberRecord& recipient = network.members[to];
  if (SpamLike(sender)) return InvitationKind::kSpam;
  if (recipient.markets != MarketsKind::kInternational &&
      (recipient.markets_mask & (1u << sender.country)) == 0) {
    return InvitationKind::kForeign;
  }
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

std::vector<InvitationRecord> GenerateInvitations(uint64_t seed, const Network& network,
                                                  const Follows& follows) {
  uint32_t n = static_cast<uint32_t>(network.members.size());
  Rng rng(seed, Stream::kInvitations, 0);
  std::vector<InvitationRecord> invitations;
  // Pairs with an invitation other than an accepted one; one per pair, never connected.
  absl::flat_hash_set<uint64_t> used;
  std::vector<uint32_t> spammers, home_only;
  for (uint32_t member = 0; member < n; ++member) {
    if (network.members[member].spam) spammers.push_back(member);
    if (network.members[member].markets == MarketsKind::kHome) home_only.push_back(member);
  }
  auto random_time = [&](Timestamp lo, Timestamp hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<Timestamp>(rng.Below(static_cast<uint64_t>(hi - lo)));
  };
  auto add = [&](uint32_t from, uint32_t to, store::InvitationState state, Timestamp lo,
                 Timestamp hi) {
    if (from == to || from >= n || to >= n) return false;
    if (network.Connected(from, to) || !used.insert(PairKey(from, to)).second) return false;
    lo = std::max({lo, network.members[from].created_at, network.members[to].created_at});
    InvitationKind kind = state == store::InvitationState::kPending
                              ? Classify(network, follows, from, to)
                              : InvitationKind::kNone;
    invitations.push_back({from, to, random_time(lo, hi), state, kind});
    return true;
  };
  using State = store::InvitationState;
  const Timestamp recent = kNow - 60 * kDay;

  // Spam-like senders: a burst of recent invitations, and a history of ignored and
  // reported ones.
  for (uint32_t spammer : spammers) {
    int64_t pending = rng.Between(20, 60);
    for (int64_t k = 0; k < pending; ++k) {
      add(spammer, static_cast<uint32_t>(rng.Below(n)), State::kPending, kNow - 14 * kDay, kNow);
    }
    int64_t ignored = rng.Between(20, 80);
    for (int64_t k = 0; k < ignored; ++k) {
      add(spammer, static_cast<uint32_t>(rng.Below(n)), State::kIgnored, kFirstDay, recent);
    }
    int64_t reported = rng.Between(3, 15);
    for (int64_t k = 0; k < reported; ++k) {
      add(spammer, static_cast<uint32_t>(rng.Below(n)), State::kReported, kFirstDay, recent);
    }
  }
  // Foreign senders writing to members who only do business at home.
  for (int64_t k = 0, attempts = n / 40 + 5; k < attempts && !home_only.empty(); ++k) {
    uint32_t to = home_only[rng.Below(home_only.size())];
    for (int tries = 0; tries < 20; ++tries) {
      uint32_t from = static_cast<uint32_t>(rng.Below(n));
      if (network.members[from].country == network.members[to].country) continue;
      add(from, to, State::kPending, recent, kNow);
      break;
    }
  }
  // Common ground: friends of friends, colleagues, classmates.
  for (int64_t k = 0, attempts = n / 15 + 5; k < attempts; ++k) {
    uint32_t to = static_cast<uint32_t>(rng.Below(n));
    auto contacts = network.ContactsOf(to);
    if (contacts.empty()) continue;
    uint32_t via = contacts[rng.Below(contacts.size())];
    auto second = network.ContactsOf(via);
    add(second[rng.Below(second.size())], to, State::kPending, recent, kNow);
  }
  // Followers asking to connect with whom they follow.
  for (int64_t k = 0, attempts = n / 30 + 5; k < attempts; ++k) {
    uint32_t from = static_cast<uint32_t>(rng.Below(n));
    uint64_t count = follows.offsets[from + 1] - follows.offsets[from];
    if (count == 0) continue;
    add(from, follows.followees[follows.offsets[from] + rng.Below(count)], State::kPending, recent,
        kNow);
  }
  // Strangers: anyone.
  for (int64_t k = 0, attempts = n / 25 + 5; k < attempts; ++k) {
    add(static_cast<uint32_t>(rng.Below(n)), static_cast<uint32_t>(rng.Below(n)), State::kPending,
        recent, kNow);
  }
  // Ordinary history: ignored, withdrawn and a few reported invitations.
  for (int64_t k = 0, count = n / 20; k < count; ++k) {
    add(static_cast<uint32_t>(rng.Below(n)), static_cast<uint32_t>(rng.Below(n)), State::kIgnored,
        kFirstDay, recent);
  }
  for (int64_t k = 0, count = n / 100 + 1; k < count; ++k) {
    add(static_cast<uint32_t>(rng.Below(n)), static_cast<uint32_t>(rng.Below(n)),
        State::kWithdrawn, kFirstDay, recent);
  }
  for (int64_t k = 0, count = n / 1000 + 1; k < count; ++k) {
    add(static_cast<uint32_t>(rng.Below(n)), static_cast<uint32_t>(rng.Below(n)),
        State::kReported, kFirstDay, recent);
  }
  // Accepted invitations behind a sample of connections (all of the spam-like senders'
  // few), sent shortly before the connection was made.
  for (uint64_t key : network.edges) {
    uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
    uint64_t h = Hash(seed ^ 0xACCE97ull, key);
    bool spam = network.members[a].spam || network.members[b].spam;
    if (!spam && h % 20 != 0) continue;
    uint32_t from = spam ? (network.members[a].spam ? a : b) : ((h >> 32) & 1 ? a : b);
    uint32_t to = from == a ? b : a;
    Timestamp connected = ConnectionTime(seed, network, key);
    Timestamp lo = std::max(network.members[a].created_at, network.members[b].created_at);
    Timestamp sent = std::max(lo, connected - static_cast<Timestamp>((h >> 40) % (7 * kDay)));
    invitations.push_back({from, to, sent, State::kAccepted, InvitationKind::kNone});
  }
  std::sort(invitations.begin(), invitations.end(), [](const auto& x, const auto& y) {
    return std::tie(x.created_at, x.from, x.to) < std::tie(y.created_at, y.from, y.to);
  });
  return invitations;
}

// ---- Text ---------------------------------------------------------------------------

struct TextContext {
  std::string_view title, company, field, industry, city, school, topic, topic2, first, event;
  int years = 0;
  int n = 0;
};

std::string Render(std::string_view pattern, const TextContext& c) {
  return fmt::format(fmt::runtime(pattern), fmt::arg("title", c.title),
                     fmt::arg("company", c.company), fmt::arg("field", c.field),
                     fmt::arg("industry", c.industry), fmt::arg("city", c.city),
                     fmt::arg("school", c.school), fmt::arg("topic", c.topic),
                     fmt::arg("topic2", c.topic2), fmt::arg("first", c.first),
                     fmt::arg("event", c.event), fmt::arg("years", c.years), fmt::arg("n", c.n));
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

class TextMaker {
 public:
  TextMaker(const Catalog& catalog, const Network& network) : catalog_(catalog), network_(network) {}

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

 private:
  const Catalog& catalog_;
  const Network& network_;
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
  for (uint32_t member = 0; member < network.members.size(); ++member) {
    for (const PositionRecord& position : network.PositionsOf(member)) {
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
    for (const EducationRecord& education : network.EducationsOf(member)) {
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

absl::Status WriteInvitations(const std::string& path, uint64_t seed, const Network& network,
                              std::span<const InvitationRecord> invitations, const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "from", "to", "note", "created_at", "state", "kind"});
  for (size_t i = 0; i < invitations.size(); ++i) {
    const InvitationRecord& invitation = invitations[i];
    Rng rng(seed, Stream::kText, network.members.size() + i);
    const MemberRecord& sender = network.members[invitation.from];
    writer->Int(static_cast<int64_t>(i) + 1);
    writer->Int(invitation.from + 1);
    writer->Int(invitation.to + 1);
    if (rng.Chance(sender.spam ? 0.7 : 0.4)) {
      TextContext about = text.About(invitation.from, rng);
      about.first = text.FirstName(invitation.to);
      std::string_view pattern =
          rng.Pick(sender.spam ? vocab::SpamNoteTemplates() : vocab::NoteTemplates());
      writer->Text(Truncate(Render(pattern, about), 300));
    } else {
      writer->Empty();
    }
    writer->DateTime(invitation.created_at);
    writer->Text(store::InvitationStateName(invitation.state));
    writer->Text(KindName(invitation.kind));
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WriteFollows(const std::string& path, uint64_t seed, const Network& network,
                          const Follows& follows) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"follower", "followee", "created_at"});
  for (uint32_t member = 0; member < network.members.size(); ++member) {
    for (uint64_t i = follows.offsets[member]; i < follows.offsets[member + 1]; ++i) {
      uint32_t followee = follows.followees[i];
      writer->Int(member + 1);
      writer->Int(followee + 1);
      writer->DateTime(FollowTime(seed, network, member, followee));
      writer->EndRow();
    }
  }
  return writer->Close();
}

absl::Status WritePosts(const std::string& path, uint64_t seed, std::span<const PostRecord> posts,
                        const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "author", "title", "body", "created_at", "views"});
  for (size_t p = 0; p < posts.size(); ++p) {
    const PostRecord& post = posts[p];
    Rng rng(seed ^ 0x9057ull, Stream::kText, p);
    TextContext about = text.About(post.author, rng);
    writer->Int(static_cast<int64_t>(p) + 1);
    writer->Int(post.author + 1);
    writer->Text(Render(rng.Pick(vocab::PostTitleTemplates()), about));
    writer->Text(Render(rng.Pick(vocab::PostBodyTemplates()), about));
    writer->DateTime(post.created_at);
    writer->Int(post.views);
    writer->EndRow();
  }
  return writer->Close();
}

absl::Status WriteComments(const std::string& path, uint64_t seed,
                           std::span<const PostRecord> posts,
                           std::span<const CommentRecord> comments, const TextMaker& text) {
  absl::StatusOr<CsvWriter> writer = CsvWriter::Open(path);
  if (!writer.ok()) return writer.status();
  writer->Row({"id", "post_id", "author", "body", "created_at"});
  for (size_t c = 0; c < comments.size(); ++c) {
    const CommentRecord& comment = comments[c];
    Rng rng(seed ^ 0xC033ull, Stream::kText, c);
    TextContext about = text.About(comment.author, rng);
    about.first = text.FirstName(posts[comment.post].author);
    writer->Int(static_cast<int64_t>(c) + 1);
    writer->Int(comment.post + 1);
    writer->Int(comment.author + 1);
    writer->Text(Render(rng.Pick(vocab::CommentTemplates()), about));
    writer->DateTime(comment.created_at);
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
  Follows follows = GenerateFollows(seed, workers, network);
  std::vector<PostRecord> posts = GeneratePosts(seed, workers, network);
  std::vector<CommentRecord> comments = GenerateComments(seed, workers, network, posts);
  std::vector<InvitationRecord> invitations = GenerateInvitations(seed, network, follows);

  TextMaker text(catalog, network);
  // The first failure ends the writing; the connections thread is joined either way.
  const absl::Status status = [&]() -> absl::Status {
    LEDD_RETURN_IF_ERROR(WriteMembers(file("members.csv"), seed, catalog, network, text));
    LEDD_RETURN_IF_ERROR(WriteOrganizations(file("organizations.csv"), catalog));
    LEDD_RETURN_IF_ERROR(WritePositions(file("positions.csv"), network));
    LEDD_RETURN_IF_ERROR(WriteEducations(file("educations.csv"), network, text));
    LEDD_RETURN_IF_ERROR(
        WriteInvitations(file("invitations.csv"), seed, network, invitations, text));
    LEDD_RETURN_IF_ERROR(WriteFollows(file("follows.csv"), seed, network, follows));
    LEDD_RETURN_IF_ERROR(WritePosts(file("posts.csv"), seed, posts, text));
    return WriteComments(file("comments.csv"), seed, posts, comments, text);
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
  summary.follows = static_cast<int64_t>(follows.followees.size());
  summary.posts = static_cast<int64_t>(posts.size());
  summary.comments = static_cast<int64_t>(comments.size());
  return summary;
}

}  // namespace ledd::ingest
