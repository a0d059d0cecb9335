#pragma once
// Country names as members type them: every ISO 3166 region ICU knows
// (uloc_getISOCountries), named in English and Norwegian Bokmål (uloc_getDisplayCountry),
// so that "Norway", "Norge", "norg" and "NO" all mean NO. The table is built once per
// process from ICU's data; thread-safe after that.

#include <string>
#include <string_view>
#include <vector>

namespace ledd::server {

enum class CountryLanguage { kEnglish, kBokmal };

// The upper-case alpha-2 codes whose code equals the text (folded), or whose English or
// Bokmål name (folded) starts with it or has a word starting with it. Empty text: none.
std::vector<std::string> CountryCodesMatching(std::string_view text);

// The code the text names exactly: a code ("no", "NO") or a full name in English or
// Bokmål ("Norway", "norge"); otherwise the text unchanged.
std::string ResolveCountry(std::string_view text);

// The country's name in `language`; the code itself when ICU has no name for it.
std::string CountryName(std::string_view code, CountryLanguage language);

}  // namespace ledd::server
