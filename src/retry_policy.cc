#include "internal/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace csms {
namespace internal {

bool IsRetryableStatus(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool IsRetryableTransportError(TransportError::Kind kind, Idempotency idempotency) {
  switch (kind) {
    case TransportError::Kind::kResolve:
    case TransportError::Kind::kConnect:
      return true;  // nothing was sent
    case TransportError::Kind::kTls:
    case TransportError::Kind::kInvalidUrl:
      // A handshake failure is usually a configuration problem; retrying a
      // certificate mismatch only delays the error, and the same URL fails
      // the same way every time.
      return false;
    case TransportError::Kind::kTimeout:
    case TransportError::Kind::kSend:
    case TransportError::Kind::kReceive:
    case TransportError::Kind::kOther:
      return idempotency == Idempotency::kIdempotent;
  }
  return false;
}

std::chrono::milliseconds Backoff(const RetryOptions& options, int retry, double random01) {
  using std::chrono::milliseconds;
  const auto initial = std::max<std::int64_t>(0, options.initial_backoff.count());
  const auto cap = std::max<std::int64_t>(0, options.max_backoff.count());
  // Doubling stops at the cap, so large retry numbers cannot overflow.
  std::int64_t ceiling = initial;
  for (int i = 1; i < retry && ceiling < cap; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, cap);
  const double r = std::clamp(random01, 0.0, 1.0);
  return milliseconds(static_cast<std::int64_t>(r * static_cast<double>(ceiling)));
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value, Timestamp now) {
  using std::chrono::milliseconds;
  std::size_t begin = value.find_first_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const std::string text = value.substr(begin, value.find_last_not_of(" \t") - begin + 1);
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
    if (text.size() > 9) return milliseconds(std::chrono::hours(24 * 365));  // absurd: cap later
    return milliseconds(std::stoll(text) * 1000);
  }
  // IMF-fixdate, the form HTTP/1.1 servers must send: "Sun, 06 Nov 1994 08:49:37 GMT".
  char weekday[4] = {0};
  char month_name[4] = {0};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(text.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT", weekday, &day, month_name,
                  &year, &hour, &minute, &second) != 7) {
    return std::nullopt;
  }
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int month = -1;
  for (int i = 0; i < 12; ++i) {
    if (std::strcmp(month_name, kMonths[i]) == 0) month = i;
  }
  if (month < 0) return std::nullopt;
  std::tm utc{};
  utc.tm_year = year - 1900;
  utc.tm_mon = month;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  const std::time_t at = timegm(&utc);
  if (at == static_cast<std::time_t>(-1)) return std::nullopt;
  const auto wait = std::chrono::system_clock::from_time_t(at) - now;
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(wait));
}

}  // namespace internal
}  // namespace csms
