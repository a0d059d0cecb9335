#include "ledd/base/fold.h"

#include <array>
#include <memory>

#include "unicode/translit.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "unicode/utf8.h"
#include "unicode/utypes.h"

namespace ledd {
namespace {

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Whether a code point separates words (see fold.h).
bool IsSeparator(UChar32 c) {
  if (c == '#' || c == '&') return false;
  return u_isUWhiteSpace(c) || u_iscntrl(c) || u_ispunct(c);
}

// IsSeparator for ASCII, as a table: the fast path must split exactly as ICU does.
const std::array<bool, 128>& AsciiSeparators() {
  static const std::array<bool, 128> table = [] {
    std::array<bool, 128> separators{};
    for (UChar32 c = 0; c < 128; ++c) separators[c] = IsSeparator(c);
    return separators;
  }();
  return table;
}

// Appends `text` to `out` with every run of separators as one space and none at the
// ends; lowercases ASCII letters when `lower` (the fast path's case folding).
void AppendWords(std::string_view text, bool lower, std::string& out) {
  const std::array<bool, 128>& ascii = AsciiSeparators();
  bool space = false;  // A separator was seen since the last character kept.
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t at = 0; at < length;) {
    const int32_t start = at;
    UChar32 c = bytes[at];
    bool separator;
    if (c < 0x80) {
      ++at;
      separator = ascii[c];
    } else {
      U8_NEXT(bytes, at, length, c);
      separator = c >= 0 && IsSeparator(c);
    }
    if (separator) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (lower && c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out.append(text.data() + start, static_cast<size_t>(at - start));
    }
  }
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

void FoldInto(std::string_view utf8, std::string& out) {
  out.clear();
  if (IsAscii(utf8)) {
    AppendWords(utf8, /*lower=*/true, out);
    return;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (icu::Transliterator* transliterator = ThreadTransliterator()) {
    transliterator->transliterate(text);
  }
  text.foldCase();
  thread_local std::string folded;
  folded.clear();
  text.toUTF8String(folded);
  AppendWords(folded, /*lower=*/false, out);
}

std::string Fold(std::string_view utf8) {
  std::string folded;
  FoldInto(utf8, folded);
  return folded;
}

}  // namespace ledd
