#include "ledd/server/route_helpers.h"

#include <algorithm>
#include <charconv>

#include "fmt/format.h"
#include "ledd/base/time.h"

namespace ledd::server {

absl::StatusOr<int64_t> ParseInt(std::string_view text, std::string_view what) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" must be a positive integer", what));
  }
  return value;
}

absl::StatusOr<int64_t> PathId(const Call& call, size_t i, std::string_view what) {
  return ParseInt(call.Match(i), what);
}

absl::StatusOr<Timestamp> ParseDay(std::string_view text) {
  // ParseTimestamp also takes "2026" and "2026-09"; a day must be whole, and written the
  // way FormatDate writes it back (which also refuses days a month does not have).
  absl::StatusOr<Timestamp> day = ParseTimestamp(text);
  if (text.size() != 10 || !day.ok() || FormatDate(*day) != text) {
    return absl::InvalidArgumentError(
        fmt::format("\"date\" must be a day written YYYY-MM-DD, not \"{}\"", text));
  }
  return *day;
}

absl::StatusOr<int64_t> IdField(const Json& body, const std::string& key) {
  if (!body.contains(key) || body[key].is_null()) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" is required", key));
  }
  const Json& value = body[key];
  if (!value.is_number_integer() || value.get<int64_t>() <= 0) {
    return absl::InvalidArgumentError(fmt::format("\"{}\" must be a positive integer", key));
  }
  return value.get<int64_t>();
}

absl::Status OnlyKeys(const Json& object, const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return absl::InvalidArgumentError(fmt::format("unknown field \"{}\"", key));
    }
  }
  return absl::OkStatus();
}

absl::Status CatchUpAfter(service::LiveNetwork& live, std::string_view what) {
  absl::Status status = live.CatchUpAfterWrite(what);
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      fmt::format("{} was saved, but the network could not catch up: {}", what,
                                  std::string(status.message())));
}

}  // namespace ledd::server
