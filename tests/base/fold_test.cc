#include "ledd/base/fold.h"

#include "gtest/gtest.h"

namespace ledd {
namespace {

TEST(Fold, MapsNorwegianLettersAndCase) {
  EXPECT_EQ(Fold("Sivilingeniør"), "sivilingenior");
  EXPECT_EQ(Fold("ØRSTA"), "orsta");
  EXPECT_EQ(Fold("Ærlig Åse"), "aerlig ase");
  EXPECT_EQ(Fold("ingeniør"), Fold("INGENIØR"));
}

TEST(Fold, TransliteratesOtherScriptsAndAccents) {
  EXPECT_EQ(Fold("Müller"), "muller");
  EXPECT_EQ(Fold("Straße"), "strasse");
  EXPECT_EQ(Fold("Göteborg"), "goteborg");
  EXPECT_EQ(Fold("Москва"), "moskva");
}

TEST(Fold, LowercasesPlainAscii) {
  EXPECT_EQ(Fold("Software Engineer"), "software engineer");
  EXPECT_EQ(Fold(""), "");
}

TEST(Fold, UnderscoresAndPunctuationSeparateWordsByOneSpace) {
  // LDBC spells names with underscores; the importer stores them with spaces; people
  // type either.
  EXPECT_EQ(Fold("Airmark_Indonesia"), "airmark indonesia");
  EXPECT_EQ(Fold("Airmark_Indonesia"), Fold("Airmark Indonesia"));
  EXPECT_EQ(Fold("  Airmark  __ Indonesia\t"), "airmark indonesia");
  EXPECT_EQ(Fold("IT-konsulent"), "it konsulent");
  EXPECT_EQ(Fold("Sr. Engineer / Architect"), "sr engineer architect");
  EXPECT_EQ(Fold("O'Brien (Dublin)"), "o brien dublin");
  EXPECT_EQ(Fold("Universitetet_i_Tromsø"), "universitetet i tromso");
  // Unicode punctuation and spaces too, on the ICU path: an em dash, a no-break space,
  // curly quotes, an ideographic full stop.
  EXPECT_EQ(Fold("Bygg\u2014og\u00a0miljø \u201cteknikk\u201d\u3002"), "bygg og miljo teknikk");
  EXPECT_EQ(Fold("Ærlig__Åse"), "aerlig ase");
}

TEST(Fold, KeepsSymbolsThatArePartsOfWords) {
  EXPECT_EQ(Fold("C++ Developer"), "c++ developer");
  EXPECT_EQ(Fold("C# utvikler"), "c# utvikler");
  EXPECT_EQ(Fold("R&D Manager"), "r&d manager");
  EXPECT_EQ(Fold("Oil & Energy"), "oil & energy");
}

TEST(Fold, SeparatorsAloneFoldToNothing) {
  EXPECT_EQ(Fold("___"), "");
  EXPECT_EQ(Fold(" - . "), "");
  EXPECT_EQ(Fold("\u2014\u00a0"), "");
}

TEST(Fold, FoldIntoReplacesTheBuffer) {
  std::string out = "left over";
  FoldInto("Kari_NORDMANN", out);
  EXPECT_EQ(out, "kari nordmann");
  FoldInto("Søren-Åge", out);
  EXPECT_EQ(out, "soren age");
}

}  // namespace
}  // namespace ledd
