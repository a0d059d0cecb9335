#include "ledd/server/country_names.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "ledd/base/fold.h"

namespace ledd::server {
namespace {

struct Country {
  std::string code;  // Upper case.
  std::string english, bokmal;
  std::string folded_english, folded_bokmal;
};

std::string DisplayCountry(const std::string& code, const char* language) {
  const std::string locale = "und_" + code;
  UErrorCode status = U_ZERO_ERROR;
  UChar buffer[256];
  const int32_t length = uloc_getDisplayCountry(locale.c_str(), language, buffer, 256, &status);
  if (U_FAILURE(status) || length <= 0) return code;
  std::string utf8;
  icu::UnicodeString(buffer, length).toUTF8String(utf8);
  return utf8;
}

const std::vector<Country>& Countries() {
  static const std::vector<Country>* countries = [] {
    auto* table = new std::vector<Country>;
    for (const char* const* code = uloc_getISOCountries(); *code != nullptr; ++code) {
      Country country{.code = *code};
      country.english = DisplayCountry(country.code, "en");
      country.bokmal = DisplayCountry(country.code, "nb");
      country.folded_english = Fold(country.english);
      country.folded_bokmal = Fold(country.bokmal);
      table->push_back(std::move(country));
    }
    return table;
  }();
  return *countries;
}

bool StartsAWord(std::string_view text, std::string_view query) {
  for (size_t at = 0; at + query.size() <= text.size(); ++at) {
    if (at > 0 && text[at - 1] != ' ') continue;
    if (text.substr(at, query.size()) == query) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> CountryCodesMatching(std::string_view text) {
  const std::string query = Fold(text);
  std::vector<std::string> codes;
  if (query.empty()) return codes;
  for (const Country& country : Countries()) {
    if (Fold(country.code) == query || StartsAWord(country.folded_english, query) ||
        StartsAWord(country.folded_bokmal, query)) {
      codes.push_back(country.code);
    }
  }
  return codes;
}

std::string ResolveCountry(std::string_view text) {
  const std::string query = Fold(text);
  if (query.empty()) return std::string(text);
  for (const Country& country : Countries()) {
    if (Fold(country.code) == query || country.folded_english == query ||
        country.folded_bokmal == query) {
      return country.code;
    }
  }
  return std::string(text);
}

std::string CountryName(std::string_view code, CountryLanguage language) {
  for (const Country& country : Countries()) {
    if (Fold(country.code) == Fold(code)) {
      return language == CountryLanguage::kBokmal ? country.bokmal : country.english;
    }
  }
  return std::string(code);
}

}  // namespace ledd::server
