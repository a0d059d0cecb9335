// The vocabulary (data/vocabulary.txt, compiled in): the embedded file parses and keeps
// its invariants, it covers the fields the generator writes in both languages, and the
// parser refuses malformed text, naming the line.

#include "ledd/query/vocabulary.h"

#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledd/base/fold.h"
#include "ledd/ingest/generator_vocabulary.h"

namespace ledd::query {
namespace {

using ::testing::HasSubstr;

TEST(Vocabulary, EmbeddedFileParsesAndKeepsItsInvariants) {
  const absl::StatusOr<Vocabulary> parsed =
      Vocabulary::Parse(VocabularyText(), "data/vocabulary.txt");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  auto check = [](std::span<const std::vector<std::string>> groups, bool single_words) {
    EXPECT_FALSE(groups.empty());
    std::set<std::string> seen;
    for (const std::vector<std::string>& group : groups) {
      EXPECT_GE(group.size(), 2u) << group.front();
      for (const std::string& term : group) {
        EXPECT_EQ(Fold(term), term) << "held folded";
        EXPECT_FALSE(term.empty());
        EXPECT_TRUE(seen.insert(term).second) << term << " is in two groups";
        if (single_words) {
          EXPECT_EQ(term.find(' '), std::string::npos) << term;
        }
      }
    }
  };
  check(parsed->TitleGroups(), true);
  check(parsed->FieldGroups(), false);
  check(parsed->OrganizationGroups(), false);
  // Builtin() is the same parse.
  EXPECT_EQ(Vocabulary::Builtin().FieldGroups().size(), parsed->FieldGroups().size());
  EXPECT_EQ(Vocabulary::Builtin().TitleGroups().size(), parsed->TitleGroups().size());
}

TEST(Vocabulary, TitleSynonymsAreTheGroupInFileOrder) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  auto synonyms = [&](std::string_view word) {
    const auto group = vocabulary.TitleSynonyms(word);
    return std::vector<std::string>(group.begin(), group.end());
  };
  EXPECT_EQ(synonyms("ingenior"), (std::vector<std::string>{"ingenior", "engineer"}));
  EXPECT_EQ(synonyms("head"), (std::vector<std::string>{"leder", "manager", "head"}));
  EXPECT_EQ(synonyms("advisor"),
            (std::vector<std::string>{"radgiver", "consultant", "adviser", "advisor"}));
  EXPECT_TRUE(synonyms("lege").empty());
  // Held folded: the lookup takes folded words only.
  EXPECT_TRUE(synonyms("Ingeniør").empty());
}

std::vector<std::string> OrganizationNames(std::string_view name) {
  const auto group = Vocabulary::Builtin().OrganizationNames(Fold(name));
  return std::vector<std::string>(group.begin(), group.end());
}

TEST(Vocabulary, OrganizationNamesAreOneGroup) {
  EXPECT_THAT(OrganizationNames("UiO"),
              ::testing::IsSupersetOf({"uio", "universitetet i oslo", "university of oslo",
                                       "universitetet i oslo uio"}));
  EXPECT_EQ(OrganizationNames("University_of_Oslo"), OrganizationNames("uio"));
  EXPECT_THAT(OrganizationNames("Statoil"), ::testing::Contains("equinor"));
  EXPECT_THAT(OrganizationNames("OsloMet"), ::testing::Contains("oslo university college"));
  EXPECT_TRUE(OrganizationNames("Acme").empty());
}

// The abbreviations a Norwegian member types find the generator's organizations.
TEST(Vocabulary, AbbreviationsNameTheGeneratorsOrganizations) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"UiO", "Universitetet i Oslo (UiO)"}, {"UiB", "Universitetet i Bergen (UiB)"},
      {"BI", "BI Norwegian Business School"}, {"NHH", "NHH Norwegian School of Economics"},
      {"OsloMet", "OsloMet – storbyuniversitetet"}, {"UiT", "UiT Norges arktiske universitet"},
      {"HVL", "Høgskulen på Vestlandet"}, {"USN", "Universitetet i Sørøst-Norge"},
      {"OUS", "Oslo universitetssykehus"}, {"Statoil", "Equinor"}};
  for (const auto& [abbreviation, name] : cases) {
    EXPECT_THAT(OrganizationNames(abbreviation), ::testing::Contains(Fold(name))) << abbreviation;
  }
}

ConceptId Field(std::string_view name) { return Vocabulary::Builtin().FieldConcept(Fold(name)); }

TEST(Vocabulary, FieldsInBothLanguagesAreOneConcept) {
  EXPECT_NE(Field("Informatikk"), kNoConcept);
  EXPECT_EQ(Field("Informatikk"), Field("Computer Science"));
  EXPECT_EQ(Field("Informatikk"), Field("datateknologi"));
  EXPECT_EQ(Field("Økonomi"), Field("Economics"));
  EXPECT_EQ(Field("Økonomi"), Field("Økonomi og administrasjon"));
  EXPECT_EQ(Field("Maskinteknikk"), Field("Mechanical Engineering"));
  EXPECT_EQ(Field("Jus"), Field("Rettsvitenskap"));
  EXPECT_EQ(Field("Bygg- og miljøteknikk"), Field("civil engineering"));
  EXPECT_NE(Field("Informatikk"), Field("Medisin"));
  EXPECT_NE(Field("Økonomi"), Field("Industriell økonomi"));
  EXPECT_EQ(Field("Havbiologi"), kNoConcept);
}

// Every field the generator writes (in English at foreign schools, in Norwegian at
// Norwegian ones) is in the vocabulary, with its other name.
TEST(Vocabulary, CoversTheGeneratorsFields) {
  for (const auto& field : ingest::vocabulary::Fields()) {
    SCOPED_TRACE(field.english);
    EXPECT_NE(Field(field.english), kNoConcept);
    EXPECT_EQ(Field(field.english), Field(field.norwegian));
  }
}

absl::Status ParseError(std::string_view text) {
  return Vocabulary::Parse(text, "vocabulary.txt").status();
}

TEST(Vocabulary, ParsesCommentsBlankLinesAndCrLf) {
  const absl::StatusOr<Vocabulary> parsed = Vocabulary::Parse(
      "# a comment\r\n\r\n[titles]\r\n  Sjef |chief \r\n[fields]\n# Technology\n"
      "Informatikk | Computer Science\n",
      "vocabulary.txt");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->TitleGroups().size(), 1u);
  EXPECT_EQ(parsed->TitleGroups()[0], (std::vector<std::string>{"sjef", "chief"}));
  EXPECT_EQ(parsed->FieldConcept("computer science"), 0u);
  EXPECT_EQ(parsed->FieldConcept("informatikk"), 0u);
  EXPECT_EQ(parsed->FieldConcept("chief"), kNoConcept) << "sections are separate";
  const absl::StatusOr<Vocabulary> organizations =
      Vocabulary::Parse("[organizations]\nUiO | Universitetet i Oslo\n", "vocabulary.txt");
  ASSERT_TRUE(organizations.ok()) << organizations.status();
  EXPECT_EQ(organizations->OrganizationNames("uio").data(),
            organizations->OrganizationNames("universitetet i oslo").data());
  EXPECT_EQ(organizations->OrganizationNames("uio").size(), 2u);
}

TEST(Vocabulary, RefusesMalformedTextNamingTheLine) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"Informatikk | Computer Science\n", "vocabulary.txt:1: a group before any section"},
      {"[fields]\n[skills]\n", "vocabulary.txt:2: unknown section [skills]"},
      {"[fields]\nInformatikk | | Computer Science\n", "vocabulary.txt:2: an empty term"},
      {"[fields]\nInformatikk | Computer Science |\n", "vocabulary.txt:2: an empty term"},
      {"[fields]\nInformatikk | ---\n", "vocabulary.txt:2: \"---\" has no letters or digits"},
      {"[fields]\nInformatikk\n", "vocabulary.txt:2: \"Informatikk\" alone is no group"},
      {"[fields]\nJus | Law | jus\n", "vocabulary.txt:2: \"jus\" is twice in the group"},
      {"[fields]\nInformatikk | Computer Science\n\nMedisin | COMPUTER SCIENCE\n",
       "vocabulary.txt:4: \"COMPUTER SCIENCE\" is already in the group of line 2"},
      {"[titles]\nsalgssjef | head of sales\n",
       "vocabulary.txt:2: \"head of sales\" is more than one word"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const absl::Status status = ParseError(c.text);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace ledd::query
