#include "internal/sdk_date.h"

#include <chrono>
#include <stdexcept>

#include "internal/civil_date.h"

namespace csms {
namespace internal {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kFirstSecond = -62167219200;  // 0000-01-01T00:00:00Z
constexpr std::int64_t kLastSecond = 253402300799;   // 9999-12-31T23:59:59Z

// Writes value as exactly width decimal digits, zero-padded, ending at end.
void PutDigits(char* end, std::int64_t value, int width) {
  for (int i = 0; i < width; ++i) {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::string FormatSdkDate(Timestamp time) {
  // floor, not the truncation of system_clock::to_time_t: 0.5 s before the
  // epoch is 23:59:59 of 1969-12-31.
  return FormatSdkDateSeconds(
      std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count());
}

std::string FormatSdkDateSeconds(std::int64_t unix_seconds) {
  if (unix_seconds < kFirstSecond || unix_seconds > kLastSecond) {
    throw std::out_of_range(
        "X-Sdk-Date has four-digit years: the time is before 0000 or after 9999");
  }
  std::int64_t days = unix_seconds / kSecondsPerDay;
  std::int64_t second_of_day = unix_seconds % kSecondsPerDay;
  if (second_of_day < 0) {  // division truncates towards zero; days must round down
    second_of_day += kSecondsPerDay;
    --days;
  }
  const CivilDate date = CivilFromDays(days);
  std::string text = "YYYYMMDDTHHMMSSZ";
  char* const out = text.data();
  PutDigits(out + 4, date.year, 4);
  PutDigits(out + 6, date.month, 2);
  PutDigits(out + 8, date.day, 2);
  PutDigits(out + 11, second_of_day / 3600, 2);
  PutDigits(out + 13, second_of_day / 60 % 60, 2);
  PutDigits(out + 15, second_of_day % 60, 2);
  return text;
}

}  // namespace internal
}  // namespace csms
