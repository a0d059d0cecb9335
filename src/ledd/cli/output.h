#pragma once
// What the ledd command prints of stored text. Every writer validates text (valid
// UTF-8, no control characters in single-line fields: store/model.h), but a database
// written by an older ledd or edited by hand may hold anything, and an ESC sequence in
// a name must not reach the terminal that prints it, nor bad bytes abort a JSON dump.
// Every printer in cli/ passes stored strings through these. Stateless; thread-safe.

#include <string>
#include <string_view>

#include "nlohmann/json.hpp"

namespace ledd::cli {

// One stored field for a terminal: control characters (U+0000-U+001F, U+007F and the
// C1 range U+0080-U+009F, which includes the one-byte CSI) become visible escapes
// ("\x1b", "\u009b"), and bytes that are not UTF-8 become U+FFFD.
std::string Printable(std::string_view text);

// The same for a block of output whose line breaks are its layout: '\n' is kept.
std::string PrintableLines(std::string_view text);

// `value` as compact JSON text, never throwing: invalid UTF-8 in a string becomes
// U+FFFD (control characters are JSON escapes already).
std::string JsonText(const nlohmann::json& value);

// The string `value` (or its JSON text when it is not a string) as Printable.
std::string PrintableField(const nlohmann::json& value);

}  // namespace ledd::cli
