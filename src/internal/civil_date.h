#ifndef CSMS_SRC_INTERNAL_CIVIL_DATE_H_
#define CSMS_SRC_INTERNAL_CIVIL_DATE_H_

// Calendar dates to day counts and back, in the proleptic Gregorian calendar
// (UTC, no time zone database): Howard Hinnant's days_from_civil and
// civil_from_days, which count in 400-year eras that start on March 1st, so
// that the leap day ends each era's year. Plain arithmetic, where gmtime_r
// and timegm take glibc's global time-zone lock. Used for X-Sdk-Date
// (sdk_date.cc) and the ISO-8601 times of notification content
// (notification_content.cc).

#include <cstdint>

namespace csms {
namespace internal {

struct CivilDate {
  std::int64_t year;  // astronomical: 0 is 1 BC
  int month;          // 1 to 12
  int day;            // 1 to 31
};

/// Days since 1970-01-01 of a date; negative before it. month must be 1 to 12
/// and day 1 to 31 (a day past the end of its month counts on into the next).
/// Exact for years within +-2^50, far beyond any Timestamp.
constexpr std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);  // years starting March 1st
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;  // [0, 399]
  const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;  // 719468: days from 0000-03-01 to 1970-01-01
}

/// The number of days in `month` (1 to 12) of `year`, Gregorian leap years
/// included: for refusing impossible dates (February 30th) when parsing.
constexpr int DaysInMonth(std::int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// The date of a day count since 1970-01-01; the inverse of DaysFromCivil.
constexpr CivilDate CivilFromDays(std::int64_t days) {
  days += 719468;  // days from 0000-03-01 to 1970-01-01
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // from March 1st
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;           // [0, 11]
  const auto day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const auto month =
      static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CIVIL_DATE_H_
