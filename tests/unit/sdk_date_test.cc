// FormatSdkDate is hand-written date arithmetic; glibc's gmtime_r is the
// reference it must agree with, second for second.

#include "internal/sdk_date.h"
#include "internal/civil_date.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace csms {
namespace internal {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kFirstSecond = -62167219200;  // 0000-01-01T00:00:00Z
constexpr std::int64_t kLastSecond = 253402300799;   // 9999-12-31T23:59:59Z

// gmtime_r's fields, with the year zero-padded to four digits (strftime's %Y
// would not pad years before 1000).
std::string Reference(std::int64_t seconds) {
  static_assert(sizeof(std::time_t) == 8, "the reference needs a 64-bit time_t");
  const auto t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (gmtime_r(&t, &utc) == nullptr) return "gmtime_r failed";
  char text[80];  // room for any int fields, which keeps -Wformat-truncation quiet
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

void ExpectLikeGmtime(std::int64_t seconds) {
  ASSERT_EQ(FormatSdkDateSeconds(seconds), Reference(seconds)) << "at " << seconds;
}

TEST(FormatSdkDate, KnownTimes) {
  EXPECT_EQ(FormatSdkDate(Timestamp(std::chrono::seconds(1581506433))), "20200212T112033Z");
  EXPECT_EQ(FormatSdkDateSeconds(0), "19700101T000000Z");
  EXPECT_EQ(FormatSdkDateSeconds(-1), "19691231T235959Z");
  EXPECT_EQ(FormatSdkDateSeconds(951782400), "20000229T000000Z");   // 2000 is a leap year
  EXPECT_EQ(FormatSdkDateSeconds(4107542400), "21000301T000000Z");  // 2100 is not
  EXPECT_EQ(FormatSdkDateSeconds(2147483647), "20380119T031407Z");  // 32-bit time_t ends
  EXPECT_EQ(FormatSdkDateSeconds(2147483648), "20380119T031408Z");
  EXPECT_EQ(FormatSdkDateSeconds(kFirstSecond), "00000101T000000Z");
  EXPECT_EQ(FormatSdkDateSeconds(kLastSecond), "99991231T235959Z");
}

// The first and last second of every day from 1900 to 2100: every month end,
// every leap day, the 1970 epoch and the 2038 rollover.
TEST(FormatSdkDate, EveryDayFrom1900To2100MatchesGmtime) {
  const std::int64_t first_day = -25567;  // 1900-01-01
  const std::int64_t last_day = 47482;    // 2100-01-01
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    ExpectLikeGmtime(day * kDay);
    ExpectLikeGmtime(day * kDay + kDay - 1);
  }
}

// The last second of every month and the first of the next, across the whole
// four-digit range (400-year era boundaries included).
TEST(FormatSdkDate, MonthBoundariesFrom0000To9999MatchGmtime) {
  for (int year = 0; year <= 9999; ++year) {
    for (int month = 0; month < 12; ++month) {
      std::tm first{};
      first.tm_year = year - 1900;
      first.tm_mon = month;
      first.tm_mday = 1;
      const std::int64_t seconds = timegm(&first);  // only picks the second to test
      ExpectLikeGmtime(seconds);
      if (seconds > kFirstSecond) ExpectLikeGmtime(seconds - 1);
    }
  }
}

TEST(FormatSdkDate, RandomSecondsFrom0000To9999MatchGmtime) {
  std::mt19937_64 random(20200212);  // fixed: a failure must reproduce
  std::uniform_int_distribution<std::int64_t> second(kFirstSecond, kLastSecond);
  for (int i = 0; i < 200000; ++i) ExpectLikeGmtime(second(random));
}

TEST(FormatSdkDate, RefusesYearsWithoutFourDigits) {
  EXPECT_THROW(FormatSdkDateSeconds(kFirstSecond - 1), std::out_of_range);
  EXPECT_THROW(FormatSdkDateSeconds(kLastSecond + 1), std::out_of_range);
  EXPECT_THROW(FormatSdkDateSeconds(std::numeric_limits<std::int64_t>::min()), std::out_of_range);
  EXPECT_THROW(FormatSdkDateSeconds(std::numeric_limits<std::int64_t>::max()), std::out_of_range);
}

TEST(FormatSdkDate, FractionsOfASecondRoundDown) {
  using std::chrono::nanoseconds;
  EXPECT_EQ(FormatSdkDate(Timestamp(std::chrono::seconds(1581506433)) + nanoseconds(999999999)),
            "20200212T112033Z");
  // Before the epoch too: a clock 1 ns before it still reads 1969.
  EXPECT_EQ(FormatSdkDate(Timestamp(nanoseconds(-1))), "19691231T235959Z");
}

TEST(FormatSdkDate, WholeTimestampRangeMatchesGmtime) {
  using std::chrono::floor;
  using std::chrono::seconds;
  for (const Timestamp t : {Timestamp::min(), Timestamp::max()}) {
    EXPECT_EQ(FormatSdkDate(t), Reference(floor<seconds>(t.time_since_epoch()).count()));
  }
}

// internal/civil_date.h, which FormatSdkDate and the ISO-8601 times of
// notification content share: anchors, and the two functions inverse to each
// other, day for day, from 0000 to 9999 and beyond.
TEST(CivilDate, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2020, 2, 12), 18304);
  EXPECT_EQ(DaysFromCivil(0, 3, 1), -719468);
  EXPECT_EQ(DaysFromCivil(0, 1, 1), kFirstSecond / kDay);
  EXPECT_EQ(DaysFromCivil(9999, 12, 31), kLastSecond / kDay);
  EXPECT_EQ(DaysFromCivil(2024, 2, 29) + 1, DaysFromCivil(2024, 3, 1));  // leap year
  EXPECT_EQ(DaysFromCivil(2100, 2, 28) + 1, DaysFromCivil(2100, 3, 1));  // not one
  const CivilDate date = CivilFromDays(18304);
  EXPECT_EQ(date.year, 2020);
  EXPECT_EQ(date.month, 2);
  EXPECT_EQ(date.day, 12);
}

TEST(CivilDate, DaysAndDatesAreInverseFromYear0To10000) {
  std::int64_t expected = DaysFromCivil(-1, 12, 31);
  for (std::int64_t days = DaysFromCivil(0, 1, 1); days <= DaysFromCivil(10000, 12, 31); ++days) {
    const CivilDate date = CivilFromDays(days);
    ASSERT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
    ASSERT_EQ(days, ++expected);  // consecutive: no day skipped or repeated
    ASSERT_TRUE(date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31) << days;
  }
}

TEST(CivilDate, NegativeYearsAndFarDaysRoundTrip) {
  for (const std::int64_t days : {std::int64_t{-800'000}, std::int64_t{-719'529},
                                  std::int64_t{1'000'000'000}, std::int64_t{-1'000'000'000}}) {
    const CivilDate date = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(date.year, date.month, date.day), days) << days;
  }
}

}  // namespace
}  // namespace internal
}  // namespace csms
