#include "ledd/query/search.h"

#include "ledd/query/facet_values.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "ledd/base/fold.h"
#include "ledd/graph/snapshot_builder.h"
#include "query/networks.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

using ledd::testing::OracleFilters;
using ledd::testing::OracleHit;
using testing::TestNetwork;

SearchFilters ToFilters(const OracleFilters& filters) {
  return {.title = filters.title, .city = filters.city, .country = filters.country,
          .company = filters.company, .school = filters.school, .field = filters.field,
          .industry = filters.industry, .name = filters.name};
}

OracleFilters RandomFilters(std::mt19937_64& random) {
  auto maybe = [&](const std::vector<std::string>& pool) -> std::string {
    return random() % 3 == 0 ? pool[random() % pool.size()] : "";
  };
  OracleFilters filters;
  filters.title = maybe({"ingeniør", "ENGINEER", "leder", "rådgiver", "utvikler", "sales",
                         "lege", "sivil", "software ingeniør", "astronaut"});
  filters.city = maybe({"Oslo", "OSLO", "tromsø", "Tromso", "Bergen", "Atlantis"});
  filters.country = maybe({"no", "SE", "dk", "FI"});
  filters.company = maybe({"equinor", "Telenor", "DNB", "Tromsø Fiskeri", "Nowhere AS"});
  filters.school = maybe({"NTNU", "universitetet i oslo", "UiT", "Hogwarts"});
  filters.field = maybe({"informatikk", "Økonomi", "law", "alchemy"});
  filters.industry = maybe({"energy", "Software", "shipping", "finance", "mining"});
  filters.name = maybe({"ola", "Ø", "hansen", "lise", "nord", "ODE", "x"});
  return filters;
}

void CheckSearch(const graph::Snapshot& snapshot, const ledd::testing::OracleNetwork& oracle,
                 MemberId u, const OracleFilters& filters, const std::set<int>& degrees,
                 size_t limit, size_t offset) {
  SCOPED_TRACE(fmt::format("u={} title='{}' city='{}' country='{}' company='{}' school='{}' "
                           "field='{}' industry='{}' name='{}' degrees={} limit={} offset={}",
                           u, filters.title, filters.city, filters.country, filters.company,
                           filters.school, filters.field, filters.industry, filters.name,
                           degrees.size(), limit, offset));
  const Node node = snapshot.Find(u);
  const ledd::testing::OracleSearchResult expected =
      ledd::testing::OracleSearch(oracle, u, filters, degrees);
  // Every plan must give the same answer; kAuto picks one of them (and one of the cached
  // set's once kCandidates has built the filters' member set: kAuto runs again after it).
  // With the filter cache (a hit from the second plan on) and without it.
  for (auto [plan, cache] :
       std::vector<std::pair<SearchPlan, bool>>{{SearchPlan::kAuto, true},
                                                {SearchPlan::kNeighbourhood, true},
                                                {SearchPlan::kCandidates, true},
                                                {SearchPlan::kCandidateRows, true},
                                                {SearchPlan::kCandidateIndex, true},
                                                {SearchPlan::kAuto, true},
                                                {SearchPlan::kCandidates, false},
                                                {SearchPlan::kAuto, false}}) {
    SCOPED_TRACE(fmt::format("plan {} cache {}", static_cast<int>(plan), cache));
    const SearchResult result =
        Search(snapshot, node, ToFilters(filters),
               {.degrees = std::vector<int>(degrees.begin(), degrees.end()),
                .everyone = degrees.count(ledd::testing::kOracleBeyond) > 0, .limit = limit,
                .offset = offset, .facet_limit = 4, .plan = plan, .cache_filters = cache});
    ASSERT_EQ(result.total, expected.hits.size());
    std::array<uint64_t, 4> by_degree{};
    for (const OracleHit& hit : expected.hits) ++by_degree[hit.degree];
    const uint64_t beyond = by_degree[0];
    by_degree[0] = 0;
    EXPECT_EQ(result.by_degree, by_degree);
    EXPECT_EQ(result.beyond, beyond);

    std::vector<OracleHit> hits;
    for (const SearchHit& hit : result.hits) {
      hits.push_back({.member = snapshot.Id(hit.member), .degree = hit.degree, .mutual = hit.mutual});
      EXPECT_LE(hit.introducers.size(), 3u);
      if (hit.degree == 2) {
        const MemberId target = snapshot.Id(hit.member);
        std::vector<MemberId> mutual = ledd::testing::OracleRankIntroducers(
            oracle, ledd::testing::OracleMutual(oracle, u, target));
        if (mutual.size() > 3) mutual.resize(3);
        std::vector<MemberId> introducers;
        for (Node introducer : hit.introducers) introducers.push_back(snapshot.Id(introducer));
        EXPECT_EQ(introducers, mutual);
      } else if (hit.degree == 3) {
        EXPECT_FALSE(hit.introducers.empty());
        std::set<Node> distinct(hit.introducers.begin(), hit.introducers.end());
        EXPECT_EQ(distinct.size(), hit.introducers.size());
        std::vector<MemberId> ids;
        for (Node introducer : hit.introducers) ids.push_back(snapshot.Id(introducer));
        EXPECT_EQ(ids, ledd::testing::OracleRankIntroducers(oracle, ids));
        for (Node introducer : hit.introducers) {
          const MemberId id = snapshot.Id(introducer);
          EXPECT_TRUE(oracle.Contacts(u).count(id)) << id << " is not a contact of u";
          EXPECT_FALSE(ledd::testing::OracleMutual(oracle, id, snapshot.Id(hit.member)).empty())
              << id << " is not on a path of length 3";
        }
      } else {
        EXPECT_TRUE(hit.introducers.empty());
      }
    }
    const size_t begin = std::min(offset, expected.hits.size());
    const size_t end = std::min(offset + limit, expected.hits.size());
    EXPECT_EQ(hits, std::vector<OracleHit>(expected.hits.begin() + begin, expected.hits.begin() + end));

    for (int facet = 0; facet < kSearchFacetCount; ++facet) {
      const std::string name(FacetName(static_cast<SearchFacet>(facet)));
      std::vector<std::pair<std::string, uint64_t>> want;
      auto it = expected.facets.find(name);
      if (it != expected.facets.end()) want.assign(it->second.begin(), it->second.end());
      std::stable_sort(want.begin(), want.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      if (want.size() > 4) want.resize(4);
      std::vector<std::pair<std::string, uint64_t>> got;
      for (const FacetCount& value : result.facets[facet]) {
        got.emplace_back(value.value, value.count);
        EXPECT_EQ(Fold(value.display), value.value);
      }
      EXPECT_EQ(got, want) << "facet " << name;
    }
  }
}

TEST(Search, IngeniorFindsSivilingeniorAndSoftwareEngineer) {
  graph::SnapshotBuilder builder;
  builder.AddOrganization({.id = 1, .is_school = false, .name = "Equinor"});
  const std::vector<std::pair<std::string, std::string>> members = {
      {"Sivilingeniør", "Oslo"}, {"Software Engineer", "oslo"}, {"Ingeniør", "Tromsø"},
      {"Lege", "Oslo"},          {"Daglig leder", "Oslo"}};
  builder.AddMember({.id = 1, .first_name = "Me"});
  for (size_t i = 0; i < members.size(); ++i) {
    builder.AddMember({.id = static_cast<MemberId>(10 + i), .first_name = "Kari",
                       .last_name = fmt::format("Nordmann{}", i), .city = members[i].second});
  }
  builder.AddMember({.id = 99, .first_name = "Far", .last_name = "Away"});
  for (size_t i = 0; i < members.size(); ++i) {
    const MemberId id = static_cast<MemberId>(10 + i);
    builder.AddPosition({.member = id, .organization = 1, .title = members[i].first});
    builder.AddConnection(1, id);
  }
  builder.AddPosition({.member = 99, .organization = 1, .title = "Chief Engineer"});
  builder.AddConnection(99, 10);
  const auto snapshot = *std::move(builder).Build();
  const Node me = snapshot->Find(1);

  const SearchResult engineers = Search(*snapshot, me, {.title = "ingeniør"});
  EXPECT_EQ(engineers.total, 4u);  // three contacts and the 2nd-degree chief engineer
  ASSERT_EQ(engineers.hits.size(), 4u);
  EXPECT_EQ(snapshot->Id(engineers.hits[3].member), 99);
  EXPECT_EQ(engineers.hits[3].degree, 2);
  ASSERT_EQ(engineers.hits[3].introducers.size(), 1u);
  EXPECT_EQ(snapshot->Id(engineers.hits[3].introducers[0]), 10);

  const SearchResult in_oslo = Search(*snapshot, me, {.title = "engineer", .city = "OSLO"},
                                      {.degrees = {1}});
  EXPECT_EQ(in_oslo.total, 2u);  // Sivilingeniør and Software Engineer
  const SearchResult in_tromso = Search(*snapshot, me, {.title = "INGENIOR", .city = "tromso"});
  EXPECT_EQ(in_tromso.total, 1u);
  const SearchResult managers = Search(*snapshot, me, {.title = "manager"});
  EXPECT_EQ(managers.total, 1u);  // Daglig leder
  EXPECT_EQ(Search(*snapshot, me, {.city = "Bergen"}).total, 0u);
  EXPECT_EQ(Search(*snapshot, me, {.name = "nordm"}).total, 5u);
  EXPECT_EQ(Search(*snapshot, me, {.name = "ordmann"}).total, 0u);
}

TEST(Search, NameWordsSplitAtHyphensAndPunctuation) {
  graph::SnapshotBuilder builder;
  builder.AddMember({.id = 1, .first_name = "Me"});
  builder.AddMember({.id = 2, .first_name = "Jean-Luc", .last_name = "Picard"});
  builder.AddMember({.id = 3, .first_name = "Siri", .last_name = "O'Neill"});
  builder.AddMember({.id = 4, .first_name = "Åse", .last_name = "Bøe-Ødegård"});
  builder.AddConnection(1, 2);
  builder.AddConnection(1, 3);
  builder.AddConnection(1, 4);
  const auto snapshot = *std::move(builder).Build();
  const Node me = snapshot->Find(1);
  auto ids = [&](const std::string& name) {
    std::set<MemberId> found;
    for (const SearchHit& hit : Search(*snapshot, me, {.name = name}).hits) {
      found.insert(snapshot->Id(hit.member));
    }
    return found;
  };
  EXPECT_EQ(ids("jean-l"), std::set<MemberId>{2});
  EXPECT_EQ(ids("jean luc"), std::set<MemberId>{2});
  EXPECT_EQ(ids("luc"), std::set<MemberId>{2});
  EXPECT_EQ(ids("neill"), std::set<MemberId>{3});
  EXPECT_EQ(ids("o'neill"), std::set<MemberId>{3});
  EXPECT_EQ(ids("odegard"), std::set<MemberId>{4});
  EXPECT_EQ(ids("boe_odeg"), std::set<MemberId>{4});
  EXPECT_TRUE(ids("---").empty());
}

TEST(Search, MatchesTheOracleOnRandomNetworks) {
  const std::vector<std::set<int>> degree_sets = {{1}, {2}, {3}, {1, 2}, {1, 2, 3}, {2, 3}};
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network = testing::RandomNetwork(
        seed, 60 + 60 * static_cast<int>(seed % 3), 1.5 + 2.0 * static_cast<double>(seed), true);
    const auto snapshot = network.Build();
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 60; ++i) {
      CheckSearch(*snapshot, network.oracle, ids[random() % ids.size()], RandomFilters(random),
                  degree_sets[random() % degree_sets.size()], 1 + random() % 15, random() % 4);
    }
    // No filter at all: the whole neighbourhood with its facets.
    CheckSearch(*snapshot, network.oracle, ids[0], {}, {1, 2, 3}, 1000, 0);
  }
}

TEST(Search, MatchesTheOracleAfterEditsSinceTheLastCompaction) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 80, 4.0, true);
    const auto edited = testing::EditRandomly(network, network.Build(), seed + 7, 150);
    ASSERT_GT(edited->DeltaSize(), 0u);
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 60; ++i) {
      CheckSearch(*edited, network.oracle, ids[random() % ids.size()], RandomFilters(random),
                  {1, 2, 3}, 10, 0);
    }
  }
}

// The directory: the network first, then the listed members beyond it by name. Every
// fifth member has opted out; a few isolated members are reachable only this way.
TEST(Search, EveryoneMatchesTheOracleOnRandomNetworks) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 60 + 60 * static_cast<int>(seed % 3),
                                                 0.8 + 0.5 * static_cast<double>(seed), true);
    for (auto& [id, member] : network.oracle.members) member.in_directory = id % 5 != 0;
    const auto snapshot = network.Build();
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    const std::set<int> everyone = {1, 2, 3, ledd::testing::kOracleBeyond};
    for (int i = 0; i < 60; ++i) {
      CheckSearch(*snapshot, network.oracle, ids[random() % ids.size()], RandomFilters(random),
                  everyone, 1 + random() % 15, random() % 30);
    }
    // Name alone, the directory's common question, and no filter at all.
    for (const char* name : {"ola", "hansen", "Ø", "nord"}) {
      CheckSearch(*snapshot, network.oracle, ids[random() % ids.size()], {.name = name},
                  everyone, 10, random() % 5);
    }
    CheckSearch(*snapshot, network.oracle, ids[0], {}, everyone, 1000, 0);
  }
}

TEST(Search, EveryoneAfterEditsSinceTheLastCompaction) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 80, 1.5, true);
    const auto edited = testing::EditRandomly(network, network.Build(), seed + 7, 150);
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    for (int i = 0; i < 40; ++i) {
      CheckSearch(*edited, network.oracle, ids[random() % ids.size()], RandomFilters(random),
                  {1, 2, 3, ledd::testing::kOracleBeyond}, 10, random() % 20);
    }
  }
}

// Erased members are found by no search: not in the network, not in the directory.
TEST(Search, MatchesTheOracleAfterMembersAreRemoved) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    TestNetwork network = testing::RandomNetwork(seed, 80, 3.0, true);
    const auto removed = testing::RemoveRandomly(network, network.Build(), seed + 3, 10);
    std::mt19937_64 random(seed);
    const std::vector<MemberId> ids = network.Ids();
    const std::set<int> everyone = {1, 2, 3, ledd::testing::kOracleBeyond};
    for (int i = 0; i < 40; ++i) {
      CheckSearch(*removed, network.oracle, ids[random() % ids.size()], RandomFilters(random),
                  i % 2 ? everyone : std::set<int>{1, 2, 3}, 10, random() % 10);
    }
    CheckSearch(*removed, network.oracle, ids[0], {}, everyone, 1000, 0);
  }
}

// The filter cache: entries are per snapshot (an edit publishes a new snapshot, whose
// searches miss and answer from its own data), spellings that fold alike share one, a
// filter that folds to nothing is not the absent filter, and a cache too small to keep
// anything, or emptied between searches, changes no answer.
TEST(SearchFilterCache, HitsWithinASnapshotAndMissesAfterAnEdit) {
  ClearSearchFilterCache();
  TestNetwork network = testing::RandomNetwork(3, 120, 6.0, true);
  const auto before = network.Build();
  const std::vector<MemberId> ids = network.Ids();
  const OracleFilters oslo = {.city = "Oslo"};
  CheckSearch(*before, network.oracle, ids[0], oslo, {1, 2}, 10, 0);
  SearchFilterCacheStats stats = SearchFilterCacheStatsNow();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.sets_built, 1u);  // By the candidates plan, once.
  EXPECT_EQ(stats.indexes_built, 1u);  // By kCandidateIndex, once.
  EXPECT_GT(stats.hits, 0u);
  EXPECT_GT(stats.bytes, 0u);
  EXPECT_LE(stats.bytes, stats.capacity);
  // Another spelling of the same city and another searcher: the same entry.
  const uint64_t misses = stats.misses;
  CheckSearch(*before, network.oracle, ids[1], {.city = "OSLO"}, {1, 2}, 10, 0);
  EXPECT_EQ(SearchFilterCacheStatsNow().misses, misses);
  EXPECT_EQ(SearchFilterCacheStatsNow().entries, 1u);

  // Edits (members moving city among them) publish a new snapshot: a new entry, right
  // answers, while the old snapshot's entry still answers for the old one.
  const auto after = testing::EditRandomly(network, before, 17, 200);
  ASSERT_NE(after->Generation(), before->Generation());
  for (int i = 0; i < 20; ++i) {
    CheckSearch(*after, network.oracle, ids[static_cast<size_t>(i) % ids.size()], oslo, {1, 2},
                10, 0);
  }
  stats = SearchFilterCacheStatsNow();
  EXPECT_EQ(stats.misses, misses + 1);
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_EQ(stats.sets_built, 2u);
  EXPECT_EQ(stats.indexes_built, 2u);

  // "!!!" folds to nothing: no city has it, unlike no city filter at all.
  const uint64_t all = Search(*after, after->Find(ids[0]), {}, {.degrees = {1, 2}}).total;
  EXPECT_EQ(Search(*after, after->Find(ids[0]), {.city = "!!!"}, {.degrees = {1, 2}}).total, 0u);
  EXPECT_EQ(Search(*after, after->Find(ids[0]), {}, {.degrees = {1, 2}}).total, all);

  // Nothing kept (capacity 0), then a capacity of one entry's worth: same answers.
  SetSearchFilterCacheCapacity(0);
  EXPECT_EQ(SearchFilterCacheStatsNow().entries, 0u);
  EXPECT_EQ(SearchFilterCacheStatsNow().bytes, 0u);
  CheckSearch(*after, network.oracle, ids[2], oslo, {1, 2}, 10, 0);
  EXPECT_EQ(SearchFilterCacheStatsNow().entries, 0u);
  SetSearchFilterCacheCapacity(stats.bytes / 2);
  std::mt19937_64 random(5);
  for (int i = 0; i < 40; ++i) {
    CheckSearch(*after, network.oracle, ids[random() % ids.size()], RandomFilters(random), {1, 2},
                10, 0);
    EXPECT_LE(SearchFilterCacheStatsNow().bytes, stats.bytes / 2);
  }
  SetSearchFilterCacheCapacity(kDefaultSearchFilterCacheBytes);
  ClearSearchFilterCache();
  EXPECT_EQ(SearchFilterCacheStatsNow().entries, 0u);
}

// Searches on several threads at once share entries (one builds a set, the others wait
// for it or find it) and each answers as alone.
TEST(SearchFilterCache, ConcurrentSearchesAnswerAsAlone) {
  ClearSearchFilterCache();
  const TestNetwork network = testing::RandomNetwork(9, 300, 12.0, true);
  const auto snapshot = network.Build();
  const std::vector<MemberId> ids = network.Ids();
  const std::vector<SearchFilters> filters = {
      {.city = "Oslo"}, {.title = "ingeniør", .city = "oslo"}, {.country = "no"},
      {.industry = "energy", .name = "o"}};
  // Expected answers, without the cache.
  std::vector<std::vector<uint64_t>> expected(filters.size());
  for (size_t f = 0; f < filters.size(); ++f) {
    for (MemberId id : ids) {
      expected[f].push_back(Search(*snapshot, snapshot->Find(id), filters[f],
                                   {.plan = SearchPlan::kCandidates, .cache_filters = false})
                                .total);
    }
  }
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < ids.size(); ++i) {
        const size_t f = (i + static_cast<size_t>(t)) % filters.size();
        const SearchPlan plan = std::array{SearchPlan::kCandidates, SearchPlan::kCandidateRows,
                                           SearchPlan::kCandidateIndex, SearchPlan::kAuto}[t];
        const SearchResult result =
            Search(*snapshot, snapshot->Find(ids[i]), filters[f], {.plan = plan});
        if (result.total != expected[f][i]) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(SearchFilterCacheStatsNow().sets_built, filters.size());
  ClearSearchFilterCache();
}

// kAuto indexes a filter set once its searches have read enough (kIndexAfterReading),
// not at the first, and answers as the expansion over the set does before and after.
TEST(SearchFilterCache, IndexesASetSearchedOften) {
  ClearSearchFilterCache();
  const TestNetwork network = testing::RandomNetwork(11, 400, 20.0, true);
  const auto snapshot = network.Build();
  const std::vector<MemberId> ids = network.Ids();
  const SearchFilters filters = {.city = "Oslo"};
  auto same = [&](const SearchResult& a, const SearchResult& b) {
    if (a.total != b.total || a.hits.size() != b.hits.size()) return false;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      if (a.hits[i].member != b.hits[i].member || a.hits[i].mutual != b.hits[i].mutual ||
          a.hits[i].introducers != b.hits[i].introducers) {
        return false;
      }
    }
    return true;
  };
  // The index has 4 entries per member and 4 per contact of a candidate; searches read
  // Σ deg(contact) each, so kIndexAfterReading times that many reads come within this.
  const size_t enough = 2000;
  size_t built_at = 0;
  for (size_t search = 1; search <= enough && (built_at == 0 || search < built_at + 5); ++search) {
    const Node u = snapshot->Find(ids[search % ids.size()]);
    const SearchResult expected = Search(*snapshot, u, filters, {.plan = SearchPlan::kCandidates});
    EXPECT_TRUE(same(Search(*snapshot, u, filters), expected)) << "search " << search;
    if (built_at == 0 && SearchFilterCacheStatsNow().indexes_built == 1) built_at = search;
  }
  EXPECT_GT(built_at, 1u);
  EXPECT_LT(built_at, enough);
  EXPECT_EQ(SearchFilterCacheStatsNow().indexes_built, 1u);
  ClearSearchFilterCache();
}

// The indexes share half the capacity: with room for one, two filters searched in turn
// do not take it from each other (the second goes without), their member sets stay
// cached, and every answer is the same; a later snapshot's index takes the place of an
// earlier one's.
TEST(SearchFilterCache, IndexesShareHalfTheCapacity) {
  ClearSearchFilterCache();
  TestNetwork network = testing::RandomNetwork(13, 400, 20.0, true);
  const auto snapshot = network.Build();
  const std::vector<MemberId> ids = network.Ids();
  const std::array<SearchFilters, 2> filters = {SearchFilters{.city = "Oslo"},
                                                SearchFilters{.city = "Bergen"}};
  // Each index's bytes, measured: the cache's bytes before and after it is built.
  std::array<uint64_t, 2> index_bytes{};
  for (size_t f = 0; f < filters.size(); ++f) {
    const Node u = snapshot->Find(ids[f]);
    Search(*snapshot, u, filters[f], {.plan = SearchPlan::kCandidates});
    const uint64_t before = SearchFilterCacheStatsNow().bytes;
    Search(*snapshot, u, filters[f], {.plan = SearchPlan::kCandidateIndex});
    index_bytes[f] = SearchFilterCacheStatsNow().bytes - before;
  }
  ASSERT_EQ(SearchFilterCacheStatsNow().indexes_built, 2u);
  // Half the capacity holds the larger index, not both.
  const uint64_t larger = std::max(index_bytes[0], index_bytes[1]);
  const uint64_t smaller = std::min(index_bytes[0], index_bytes[1]);
  ASSERT_GT(smaller, 0u);
  ClearSearchFilterCache();
  SetSearchFilterCacheCapacity(2 * larger + smaller);
  auto check = [&](const graph::Snapshot& on, size_t f, size_t searcher) {
    const Node u = on.Find(ids[searcher % ids.size()]);
    const SearchResult expected = Search(on, u, filters[f], {.plan = SearchPlan::kCandidates});
    const SearchResult indexed = Search(on, u, filters[f], {.plan = SearchPlan::kCandidateIndex});
    EXPECT_EQ(indexed.total, expected.total);
    ASSERT_EQ(indexed.hits.size(), expected.hits.size());
    for (size_t i = 0; i < indexed.hits.size(); ++i) {
      EXPECT_EQ(indexed.hits[i].member, expected.hits[i].member);
      EXPECT_EQ(indexed.hits[i].mutual, expected.hits[i].mutual);
    }
  };
  for (size_t round = 0; round < 6; ++round) {
    for (size_t f = 0; f < filters.size(); ++f) check(*snapshot, f, round * 7 + f);
  }
  SearchFilterCacheStats stats = SearchFilterCacheStatsNow();
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_EQ(stats.sets_built, 2u);
  EXPECT_EQ(stats.indexes_built, 1u);  // The first filter's; the second's never fitted.
  EXPECT_LE(stats.bytes, stats.capacity);

  // A later snapshot: its Bergen index takes the room of the earlier snapshot's Oslo one.
  const auto later = testing::EditRandomly(network, snapshot, 3, 20);
  check(*later, 1, 5);
  stats = SearchFilterCacheStatsNow();
  EXPECT_EQ(stats.indexes_built, 2u);
  EXPECT_LE(stats.bytes, stats.capacity);
  SetSearchFilterCacheCapacity(kDefaultSearchFilterCacheBytes);
  ClearSearchFilterCache();
}

// Filter type-ahead against counting every member's values.
TEST(SuggestFacetValues, MatchesCountingEveryMember) {
  auto starts_a_word = [](const std::string& text, const std::string& query) {
    for (size_t at = 0; at + query.size() <= text.size(); ++at) {
      if ((at == 0 || text[at - 1] == ' ') && text.compare(at, query.size(), query) == 0) {
        return true;
      }
    }
    return false;
  };
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const TestNetwork network = testing::RandomNetwork(seed, 150, 3.0, true);
    const auto snapshot = network.Build();
    for (SearchFacet facet : {SearchFacet::kTitle, SearchFacet::kCity, SearchFacet::kCountry,
                              SearchFacet::kCompany, SearchFacet::kSchool, SearchFacet::kField,
                              SearchFacet::kIndustry}) {
      std::map<std::string, uint64_t> counts;
      for (const auto& [id, member] : network.oracle.members) {
        std::set<std::string> values;
        switch (facet) {
          case SearchFacet::kTitle:
            for (const auto& position : member.positions) values.insert(Fold(position.title));
            break;
          case SearchFacet::kCompany:
            for (const auto& position : member.positions) {
              values.insert(Fold(position.organization_name));
            }
            break;
          case SearchFacet::kSchool:
            for (const auto& education : member.educations) {
              values.insert(Fold(education.school_name));
            }
            break;
          case SearchFacet::kField:
            for (const auto& education : member.educations) values.insert(Fold(education.field));
            break;
          case SearchFacet::kCity:
            values.insert(Fold(member.city));
            break;
          case SearchFacet::kCountry:
            values.insert(Fold(member.country));
            break;
          case SearchFacet::kIndustry:
            values.insert(Fold(member.industry));
            break;
        }
        for (const std::string& value : values) {
          if (!value.empty()) ++counts[value];
        }
      }
      for (const std::string query : {"", "o", "tr", "osl", "ingen", "s", "zzz"}) {
        SCOPED_TRACE(fmt::format("facet {} query '{}'", FacetName(facet), query));
        std::vector<std::pair<uint64_t, std::string>> expected;
        for (const auto& [value, count] : counts) {
          if (starts_a_word(value, query)) expected.push_back({count, value});
        }
        std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
          return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (expected.size() > 5) expected.resize(5);
        std::vector<std::pair<uint64_t, std::string>> actual;
        for (const FacetValue& value : SuggestFacetValues(*snapshot, facet, query, {.limit = 5})) {
          actual.push_back({value.members, value.value});
        }
        EXPECT_EQ(actual, expected);
      }
    }
  }
}

TEST(Search, UnknownMemberAndNoDegrees) {
  const TestNetwork network = testing::RandomNetwork(3, 30, 4, true);
  const auto snapshot = network.Build();
  EXPECT_EQ(Search(*snapshot, kNoNode, {}).total, 0u);
  EXPECT_EQ(Search(*snapshot, snapshot->NodeCount(), {}).total, 0u);
  EXPECT_EQ(Search(*snapshot, 0, {}, {.degrees = {}}).total, 0u);
  EXPECT_EQ(Search(*snapshot, 0, {}, {.degrees = {0, 4}}).total, 0u);
}

TEST(TitleTerms, ExpandNorwegianAndEnglishSynonyms) {
  EXPECT_EQ(TitleTerms("Ingeniør"), (std::vector<std::string>{"ingenior", "engineer"}));
  EXPECT_EQ(TitleTerms("Rådgiver"),
            (std::vector<std::string>{"radgiver", "consultant", "adviser", "advisor"}));
  EXPECT_EQ(TitleTerms("lege"), std::vector<std::string>{"lege"});
}

}  // namespace
}  // namespace ledd::query
