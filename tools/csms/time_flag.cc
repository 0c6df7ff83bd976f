#include "time_flag.h"

#include <chrono>
#include <cstddef>
#include <limits>

#include "args.h"

namespace csms_tool {
namespace {

// The digits at s[at..at+count), or -1 when any of them is not a digit.
int Digits(const std::string& s, std::size_t at, std::size_t count) {
  if (at + count > s.size()) return -1;
  int value = 0;
  for (std::size_t k = at; k < at + count; ++k) {
    if (s[k] < '0' || s[k] > '9') return -1;
    value = value * 10 + (s[k] - '0');
  }
  return value;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to year-month-day (proleptic Gregorian calendar).
std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

}  // namespace

csms::Timestamp ParseRfc3339Flag(const std::string& value, const std::string& flag) {
  const UsageError invalid("invalid " + flag + " \"" + value +
                           "\": expected an RFC 3339 time such as 2026-12-31T23:59:59Z");
  // YYYY-MM-DDTHH:MM:SS is 19 characters; a zone (at least "Z") follows.
  if (value.size() < 20 || value.size() > 64 || value[4] != '-' || value[7] != '-' ||
      (value[10] != 'T' && value[10] != 't') || value[13] != ':' || value[16] != ':') {
    throw invalid;
  }
  const int year = Digits(value, 0, 4);
  const int month = Digits(value, 5, 2);
  const int day = Digits(value, 8, 2);
  const int hour = Digits(value, 11, 2);
  const int minute = Digits(value, 14, 2);
  const int second = Digits(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 59 || day > DaysInMonth(year, month)) {
    throw invalid;
  }
  std::size_t at = 19;
  std::int64_t nanos = 0;
  if (value[at] == '.') {
    ++at;
    std::size_t digits = 0;
    while (at < value.size() && value[at] >= '0' && value[at] <= '9') {
      // Beyond nanoseconds the digits are read and dropped.
      if (digits < 9) nanos = nanos * 10 + (value[at] - '0');
      ++digits;
      ++at;
    }
    if (digits == 0) throw invalid;
    for (std::size_t k = digits; k < 9; ++k) nanos *= 10;
  }
  std::int64_t offset_seconds = 0;
  if (at + 1 == value.size() && (value[at] == 'Z' || value[at] == 'z')) {
    // UTC
  } else if (at + 6 == value.size() && (value[at] == '+' || value[at] == '-') &&
             value[at + 3] == ':') {
    const int offset_hours = Digits(value, at + 1, 2);
    const int offset_minutes = Digits(value, at + 4, 2);
    if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59) {
      throw invalid;
    }
    offset_seconds = (std::int64_t{offset_hours} * 60 + offset_minutes) * 60;
    if (value[at] == '-') offset_seconds = -offset_seconds;
  } else {
    throw invalid;
  }
  // Years 0000..9999 keep this far inside int64 seconds.
  const std::int64_t seconds = DaysFromCivil(year, month, day) * 86400 + std::int64_t{hour} * 3600 +
                               std::int64_t{minute} * 60 + second - offset_seconds;
  using Nanos = std::chrono::nanoseconds;
  constexpr std::int64_t kMaxSeconds = std::numeric_limits<Nanos::rep>::max() / 1000000000 - 1;
  // A time a Timestamp cannot hold (after 2262 with nanosecond clocks) is
  // refused: quietly sending another time than the one asked for would be worse.
  if (seconds > kMaxSeconds || seconds < -kMaxSeconds) {
    throw UsageError("invalid " + flag + " \"" + value +
                     "\": outside the times this tool can represent (1677 to 2262)");
  }
  const Nanos since_epoch = std::chrono::seconds(seconds) + Nanos(nanos);
  return csms::Timestamp(std::chrono::duration_cast<csms::Timestamp::duration>(since_epoch));
}

int ParseNumberFlag(const std::string& value, const std::string& flag, const std::string& example) {
  if (value.empty() || value.size() > 9 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    throw UsageError("invalid " + flag + " \"" + value + "\": expected a number such as " +
                     example);
  }
  return std::stoi(value);
}

}  // namespace csms_tool
