#include "sdk_date.h"

#include <cstdint>
#include <cstdio>

namespace csms::emu {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm),
// so that no time-zone-dependent C library call is involved.
std::int64_t DaysFromCivil(std::int64_t year, std::int64_t month, std::int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool IsLeapYear(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::int64_t DaysInMonth(std::int64_t year, std::int64_t month) {
  static constexpr std::int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool ReadNumber(std::string_view text, std::size_t pos, std::size_t len, std::int64_t& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

struct CivilTime {
  std::int64_t year, month, day, hour, minute, second;
};

// The UTC calendar fields of whole seconds since the epoch (the inverse of
// DaysFromCivil).
CivilTime CivilFromSeconds(std::int64_t total) {
  std::int64_t days = total / 86400;
  std::int64_t rest = total % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilTime{year, month, day, rest / 3600, (rest % 3600) / 60, rest % 60};
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseSdkDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  std::int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadNumber(text, 0, 4, year) || !ReadNumber(text, 4, 2, month) ||
      !ReadNumber(text, 6, 2, day) || !ReadNumber(text, 9, 2, hour) ||
      !ReadNumber(text, 11, 2, minute) || !ReadNumber(text, 13, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::int64_t seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

std::string FormatSdkDate(std::chrono::system_clock::time_point time) {
  const CivilTime t = CivilFromSeconds(
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count());
  char buffer[96];
  std::snprintf(buffer, sizeof(buffer), "%04lld%02lld%02lldT%02lld%02lld%02lldZ",
                static_cast<long long>(t.year), static_cast<long long>(t.month),
                static_cast<long long>(t.day), static_cast<long long>(t.hour),
                static_cast<long long>(t.minute), static_cast<long long>(t.second));
  return buffer;
}

std::string FormatIsoMicros(std::chrono::system_clock::time_point time) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
  std::int64_t seconds = micros / 1000000;
  std::int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    seconds -= 1;
  }
  const CivilTime t = CivilFromSeconds(seconds);
  char buffer[128];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06lldZ",
                static_cast<long long>(t.year), static_cast<long long>(t.month),
                static_cast<long long>(t.day), static_cast<long long>(t.hour),
                static_cast<long long>(t.minute), static_cast<long long>(t.second),
                static_cast<long long>(fraction));
  return buffer;
}

std::string FormatIsoSeconds(std::chrono::system_clock::time_point time) {
  const std::string micros = FormatIsoMicros(time);
  // "YYYY-MM-DDTHH:MM:SS" is everything before the fraction.
  return micros.substr(0, micros.find('.')) + "Z";
}

}  // namespace csms::emu
