#pragma once
// Text folding for matching: ICU transliteration to Latin-ASCII, then case folding.
//
// Fold("Sivilingeniør") == "sivilingenior", Fold("Ærlig Åse") == "aerlig ase",
// Fold("Müller") == "muller". Pure ASCII input takes a fast path that only lowercases.
// Thread-safe: each thread lazily builds its own ICU transliterator.

#include <string>
#include <string_view>

namespace ledd {

std::string Fold(std::string_view utf8);

}  // namespace ledd
