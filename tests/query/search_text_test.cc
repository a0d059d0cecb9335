// Title text rules (docs/search.md) on the demo network's vocabulary: one member per
// title the generator gives (plus a few titles that trap substring matching), every title
// checked against the oracle's independent statement of the rule for a list of terms
// made from the titles themselves, and the cases the rule exists for spelled out.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fmt/core.h"
#include "gtest/gtest.h"
#include "ledd/base/fold.h"
#include "ledd/graph/snapshot_builder.h"
#include "ledd/ingest/generator_vocabulary.h"
#include "ledd/query/search.h"
#include "testing/oracle.h"

namespace ledd::query {
namespace {

// Not in the vocabulary: words with "it", "art" or "cto" inside, and symbols in words.
const std::vector<std::string> kExtraTitles = {
    "Toolkit Maintainer", "Smart Grid Analyst", "Art Director",        "Rector",
    "C++ Developer",      "R&D Manager",        "Senior_Data_Engineer"};

class TitleVocabulary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::set<std::string> titles(kExtraTitles.begin(), kExtraTitles.end());
    for (const auto& profession : ingest::vocabulary::Professions()) {
      for (const auto& level : profession.titles) {
        for (std::string_view title : level) titles.emplace(title);
      }
    }
    titles_ = new std::vector<std::string>(titles.begin(), titles.end());
    graph::SnapshotBuilder builder;
    builder.AddOrganization({.id = 1, .name = "Employer"});
    builder.AddMember({.id = 1, .first_name = "Searcher"});
    for (size_t i = 0; i < titles_->size(); ++i) {
      builder.AddMember({.id = static_cast<MemberId>(100 + i), .first_name = "Member"});
    }
    for (size_t i = 0; i < titles_->size(); ++i) {
      const MemberId id = static_cast<MemberId>(100 + i);
      builder.AddPosition({.member = id, .organization = 1, .title = (*titles_)[i]});
      builder.AddConnection(1, id);
    }
    snapshot_ = new std::shared_ptr<const graph::Snapshot>(*std::move(builder).Build());
  }
  static void TearDownTestSuite() {
    delete snapshot_;
    delete titles_;
  }

  // The titles a title filter finds, through Search.
  static std::set<std::string> Found(const std::string& text) {
    const graph::Snapshot& snapshot = **snapshot_;
    const SearchResult result =
        Search(snapshot, snapshot.Find(1), {.title = text}, {.degrees = {1}, .limit = 1000});
    std::set<std::string> found;
    for (const SearchHit& hit : result.hits) {
      found.insert((*titles_)[static_cast<size_t>(snapshot.Id(hit.member) - 100)]);
    }
    EXPECT_EQ(result.total, found.size());
    return found;
  }

  // The titles the oracle's rule finds.
  static std::set<std::string> Expected(const std::string& text) {
    const std::vector<std::string> terms = ledd::testing::OracleTitleTerms(text);
    std::set<std::string> expected;
    for (const std::string& title : *titles_) {
      if (ledd::testing::OracleTitleMatches(title, terms)) expected.insert(title);
    }
    return expected;
  }

  static std::vector<std::string>* titles_;
  static std::shared_ptr<const graph::Snapshot>* snapshot_;
};

std::vector<std::string>* TitleVocabulary::titles_ = nullptr;
std::shared_ptr<const graph::Snapshot>* TitleVocabulary::snapshot_ = nullptr;

TEST_F(TitleVocabulary, EveryTitleAndTermAgreesWithTheOracle) {
  // Terms from the titles: each title, each word, its first and last 1 to 5 characters
  // and all but its last or first one, each pair of consecutive words with the second
  // cut short, and the titles' words with synonyms swapped in by TitleTerms.
  std::set<std::string> terms = {"IT",
                                 "CTO",
                                 "Art",
                                 "ingeniør",
                                 "engineer",
                                 "leder",
                                 "rådgiver",
                                 "head",
                                 "sales",
                                 "selger",
                                 "utvikler",
                                 "sjef",
                                 "lege",
                                 "it konsulent",
                                 "it-konsulent",
                                 "senior ingeniør",
                                 "data  engineer",
                                 "c++",
                                 "r&d",
                                 "___",
                                 "-"};
  for (const std::string& title : *titles_) {
    terms.insert(title);
    std::vector<std::string> words;
    for (size_t at = 0, end; at < Fold(title).size(); at = end + 1) {
      const std::string folded = Fold(title);
      end = folded.find(' ', at);
      if (end == std::string::npos) end = folded.size();
      words.push_back(folded.substr(at, end - at));
    }
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& word = words[i];
      for (size_t length = 1; length < word.size(); ++length) {
        if (length > 5 && length + 1 != word.size()) continue;
        terms.insert(word.substr(0, length));
        terms.insert(word.substr(word.size() - length));
      }
      terms.insert(word);
      if (i + 1 < words.size()) {
        terms.insert(word + " " + words[i + 1]);
        terms.insert(word + " " + words[i + 1].substr(0, 2));
      }
    }
  }
  size_t matched = 0;
  for (const std::string& term : terms) {
    SCOPED_TRACE(fmt::format("term '{}'", term));
    const std::set<std::string> expected = Expected(term);
    EXPECT_EQ(Found(term), expected);
    matched += !expected.empty();
  }
  // The list covers both sides: most terms find something, many do not.
  EXPECT_GT(terms.size(), 1000u);
  EXPECT_GT(matched, terms.size() / 2);
  EXPECT_LT(matched, terms.size());
}

TEST_F(TitleVocabulary, ShortTermsDoNotMatchInsideWords) {
  EXPECT_EQ(Found("IT"), (std::set<std::string>{"IT-konsulent"}));
  EXPECT_EQ(Found("CTO"), (std::set<std::string>{"CTO"}));
  EXPECT_EQ(Found("Art"), (std::set<std::string>{"Art Director"}));
  EXPECT_TRUE(Found("it").count("IT-konsulent"));
  EXPECT_FALSE(Found("it").count("Maritime Officer"));
  EXPECT_FALSE(Found("cto").count("Commercial Director"));
  EXPECT_FALSE(Found("art").count("Partner"));
  EXPECT_FALSE(Found("kit").count("Toolkit Maintainer"));  // 3 letters: no compound end
}

TEST_F(TitleVocabulary, NorwegianCompoundsEndWithTheTerm) {
  const std::set<std::string> engineers = Found("ingeniør");
  for (const char* title : {"Ingeniør", "Sivilingeniør", "Prosessingeniør", "Maskiningeniør",
                            "Rådgivende ingeniør", "Senior sivilingeniør", "Software Engineer",
                            "Engineer", "Engineering Manager", "Senior_Data_Engineer"}) {
    EXPECT_TRUE(engineers.count(title)) << title;
  }
  EXPECT_FALSE(engineers.count("Maritime Officer"));
  EXPECT_EQ(Found("sjef").count("Salgssjef"), 1u);
  EXPECT_EQ(Found("lege"), (std::set<std::string>{"Lege", "Overlege", "Turnuslege"}));
  const std::set<std::string> advisers = Found("rådgiver");
  for (const char* title : {"Rådgiver", "Seniorrådgiver", "Salgsrådgiver", "Consultant",
                            "Senior Consultant", "Policy Advisor"}) {
    EXPECT_TRUE(advisers.count(title)) << title;
  }
  EXPECT_FALSE(advisers.count("Rådgivende ingeniør"));  // neither start nor end
  const std::set<std::string> managers = Found("leder");
  for (const char* title : {"Daglig leder", "Prosjektleder", "Avdelingsleder", "Fagleder",
                            "Product Manager", "Head of Data", "Head of Sales"}) {
    EXPECT_TRUE(managers.count(title)) << title;
  }
}

TEST_F(TitleVocabulary, WordsOfATermAreConsecutiveWords) {
  EXPECT_EQ(Found("software eng"),
            (std::set<std::string>{"Software Engineer", "Senior Software Engineer",
                                   "Graduate Software Engineer"}));
  EXPECT_EQ(Found("senior ingeniør"),
            (std::set<std::string>{"Senior ingeniør", "Senior sivilingeniør", "Senior Engineer"}));
  EXPECT_TRUE(Found("engineer software").empty());
  EXPECT_TRUE(Found("senior engineer").count("Senior Engineer"));
  EXPECT_FALSE(Found("senior engineer").count("Senior Software Engineer"));
  // Spelled with underscores, hyphens or runs of spaces: the same words.
  EXPECT_EQ(Found("IT_konsulent"), (std::set<std::string>{"IT-konsulent"}));
  EXPECT_EQ(Found("data   engineer"), Found("Data-Engineer"));
  EXPECT_TRUE(Found("data engineer").count("Senior_Data_Engineer"));
  // Symbols inside words stay: "c++" is not "c".
  EXPECT_EQ(Found("c++"), (std::set<std::string>{"C++ Developer"}));
  EXPECT_EQ(Found("r&d"), (std::set<std::string>{"R&D Manager"}));
  // Punctuation alone folds to nothing: no title at all, not every title.
  EXPECT_TRUE(Found("___").empty());
}

TEST(TitleTerms, SwapsWholeWordsForTheirSynonyms) {
  EXPECT_EQ(TitleTerms("Senior Ingeniør"),
            (std::vector<std::string>{"senior ingenior", "senior engineer"}));
  // Not inside words: "headhunter" has no synonym variant.
  EXPECT_EQ(TitleTerms("Headhunter"), std::vector<std::string>{"headhunter"});
  EXPECT_TRUE(TitleTerms(" - ").empty());
}

}  // namespace
}  // namespace ledd::query
