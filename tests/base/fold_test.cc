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

}  // namespace
}  // namespace ledd
