#pragma once
// ISO 8601 timestamps as used by ledd's interchange format.
//
// A Timestamp is whole seconds since the Unix epoch, UTC. Parsing accepts the
// precisions the CSV format allows: "2019", "2019-08", "2019-08-14",
// "2019-08-14T09:30:00Z", optionally with fractional seconds and a numeric offset
// ("+02:00", "+0200"). Missing parts default to the start of the period. Pure
// functions; thread-safe.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ledd/base/ids.h"

namespace ledd {

absl::StatusOr<Timestamp> ParseTimestamp(std::string_view text);

// "2019-08-14T09:30:00Z".
std::string FormatDateTime(Timestamp t);
// "2019-08-14".
std::string FormatDate(Timestamp t);
// "2019-08".
std::string FormatMonth(Timestamp t);

// Writes FormatDateTime(t) into out (at least 20 bytes); returns the length (20).
// For hot output loops such as the generator.
int FormatDateTimeTo(Timestamp t, char* out);

}  // namespace ledd
