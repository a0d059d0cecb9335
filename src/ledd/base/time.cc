#include "ledd/base/time.h"

#include <cstdio>

#include "fmt/core.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace ledd {
namespace {

// Reads exactly `width` digits at text[*pos]; advances *pos.
bool ReadDigits(std::string_view text, size_t* pos, int width, int* value) {
  if (*pos + width > text.size()) return false;
  int result = 0;
  for (int i = 0; i < width; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  *pos += width;
  *value = result;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

absl::Status Invalid(std::string_view text) {
  return absl::InvalidArgumentError(
      fmt::format("not an ISO 8601 date or time: \"{}\"", text));
}

}  // namespace

absl::StatusOr<Timestamp> ParseTimestamp(std::string_view text) {
  // Hand-rolled because this runs once per imported row (tens of millions); the
  // calendar arithmetic itself is absl's.
  size_t pos = 0;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &pos, 4, &year)) return Invalid(text);
  if (pos < text.size()) {
    if (!Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &month)) return Invalid(text);
  }
  if (pos < text.size()) {
    if (!Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &day)) return Invalid(text);
  }
  int offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return Invalid(text);
    ++pos;
    if (!ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') ||
        !ReadDigits(text, &pos, 2, &minute)) {
      return Invalid(text);
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadDigits(text, &pos, 2, &second)) return Invalid(text);
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == digits_start) return Invalid(text);
      }
    }
    if (pos < text.size()) {
      char zone = text[pos++];
      if (zone == 'Z') {
        // UTC
      } else if (zone == '+' || zone == '-') {
        int offset_hours = 0, offset_minutes = 0;
        if (!ReadDigits(text, &pos, 2, &offset_hours)) return Invalid(text);
        if (pos < text.size()) {
          Expect(text, &pos, ':');
          if (!ReadDigits(text, &pos, 2, &offset_minutes)) return Invalid(text);
        }
        offset_seconds = (offset_hours * 60 + offset_minutes) * 60;
        if (zone == '-') offset_seconds = -offset_seconds;
      } else {
        return Invalid(text);
      }
    }
  }
  if (pos != text.size()) return Invalid(text);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60) {
    return Invalid(text);
  }
  absl::CivilSecond civil(year, month, day, hour, minute, second);
  if (civil.month() != month || civil.day() != day) return Invalid(text);  // 2019-02-30
  // Civil arithmetic, not a time zone lookup: UTC needs none, and this is per row.
  return (civil - absl::CivilSecond(1970)) - offset_seconds;
}

int FormatDateTimeTo(Timestamp t, char* out) {
  absl::CivilSecond c = absl::ToCivilSecond(absl::FromUnixSeconds(t), absl::UTCTimeZone());
  // Fixed-width digits by hand: snprintf dominates generator output time otherwise.
  auto put = [&out](int64_t value, int width, int at) {
    for (int i = width - 1; i >= 0; --i) {
      out[at + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(c.year(), 4, 0);
  out[4] = '-';
  put(c.month(), 2, 5);
  out[7] = '-';
  put(c.day(), 2, 8);
  out[10] = 'T';
  put(c.hour(), 2, 11);
  out[13] = ':';
  put(c.minute(), 2, 14);
  out[16] = ':';
  put(c.second(), 2, 17);
  out[19] = 'Z';
  return 20;
}

std::string FormatDateTime(Timestamp t) {
  char buffer[20];
  return std::string(buffer, FormatDateTimeTo(t, buffer));
}

std::string FormatDate(Timestamp t) { return FormatDateTime(t).substr(0, 10); }

std::string FormatMonth(Timestamp t) { return FormatDateTime(t).substr(0, 7); }

}  // namespace ledd
