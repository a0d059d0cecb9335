#include "ledd/cli/output.h"

#include <cstdint>

#include "fmt/format.h"
#include "unicode/utf8.h"

namespace ledd::cli {
namespace {

std::string Escaped(std::string_view text, bool keep_line_feeds) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for each ill-formed sequence.
    } else if (c == '\n' && keep_line_feeds) {
      out += '\n';
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c >= 0x80 && c <= 0x9F) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace

std::string Printable(std::string_view text) { return Escaped(text, false); }

std::string PrintableLines(std::string_view text) { return Escaped(text, true); }

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string PrintableField(const nlohmann::json& value) {
  if (value.is_string()) return Printable(value.get_ref<const std::string&>());
  return Printable(JsonText(value));
}

}  // namespace ledd::cli
