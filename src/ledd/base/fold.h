#pragma once
// Text folding for matching: ICU transliteration to Latin-ASCII, case folding, then
// words separated by exactly one space.
//
// Fold("Sivilingeniør") == "sivilingenior", Fold("Ærlig Åse") == "aerlig ase",
// Fold("Müller") == "muller". White space, control characters and punctuation
// (Unicode P*, which includes `_`, `-`, `.`, `/`, `'` and brackets) separate words: every
// run of them becomes one space, and none is left at either end, so
// Fold("Airmark_Indonesia") == Fold("Airmark  Indonesia") == "airmark indonesia" (LDBC
// spells names with underscores where people type spaces) and Fold("IT-konsulent") ==
// "it konsulent". `#` and `&` stay, being parts of words in titles and names ("C#",
// "R&D"); symbols that are not punctuation (`+`, `$`) stay too ("C++"). A text of
// separators alone folds to "". Pure ASCII input takes a fast path that does not enter ICU.
// Thread-safe: each thread lazily builds its own ICU transliterator.

#include <string>
#include <string_view>

namespace ledd {

std::string Fold(std::string_view utf8);

// Fold into `out` (replacing its contents), reusing its capacity: for loops that fold
// many short strings. `utf8` must not view `out`.
void FoldInto(std::string_view utf8, std::string& out);

}  // namespace ledd
