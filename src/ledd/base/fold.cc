#include "ledd/base/fold.h"

#include <memory>

#include "unicode/translit.h"
#include "unicode/unistr.h"
#include "unicode/utypes.h"

namespace ledd {
namespace {

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// One transliterator per thread: ICU's Transliterator::transliterate is not
// documented as safe for concurrent calls on one instance.
icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Any-Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(created) : nullptr;
  }();
  return transliterator.get();
}

}  // namespace

std::string Fold(std::string_view utf8) {
  std::string folded;
  if (IsAscii(utf8)) {
    folded.assign(utf8);
    for (char& c : folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return folded;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (icu::Transliterator* transliterator = ThreadTransliterator()) {
    transliterator->transliterate(text);
  }
  text.foldCase();
  text.toUTF8String(folded);
  return folded;
}

}  // namespace ledd
