#ifndef CSMS_SRC_INTERNAL_SATURATING_TIME_H_
#define CSMS_SRC_INTERNAL_SATURATING_TIME_H_

// Time arithmetic that clamps at the ends of the representable range instead of
// overflowing. Every duration that comes from a user or a server (deadlines,
// timeouts, backoff caps, Retry-After) goes through these: milliseconds::max()
// as a deadline means "no practical deadline", not a wrapped-around past.

#include <chrono>
#include <cstdint>
#include <limits>
#include <ratio>

namespace csms {
namespace internal {

/// `d` in To's units, truncated toward zero like duration_cast, but
/// To::max()/To::min() when it does not fit.
template <typename To, typename Rep, typename Period>
constexpr To SaturatingCast(std::chrono::duration<Rep, Period> d) {
  using Ratio = std::ratio_divide<Period, typename To::period>;
  // long double holds every 64-bit count exactly, so the range check is exact.
  const long double scaled = static_cast<long double>(d.count()) *
                             static_cast<long double>(Ratio::num) /
                             static_cast<long double>(Ratio::den);
  if (scaled >= static_cast<long double>(To::max().count())) return To::max();
  if (scaled <= static_cast<long double>(To::min().count())) return To::min();
  return std::chrono::duration_cast<To>(d);
}

/// a + b, clamped to the range of Duration.
template <typename Rep, typename Period>
constexpr std::chrono::duration<Rep, Period> SaturatingAdd(std::chrono::duration<Rep, Period> a,
                                                           std::chrono::duration<Rep, Period> b) {
  using D = std::chrono::duration<Rep, Period>;
  if (b.count() > 0 && a.count() > D::max().count() - b.count()) return D::max();
  if (b.count() < 0 && a.count() < D::min().count() - b.count()) return D::min();
  return a + b;
}

/// t + d for any duration d, clamped to the time point's range.
template <typename Clock, typename Duration, typename Rep, typename Period>
constexpr std::chrono::time_point<Clock, Duration> SaturatingAdd(
    std::chrono::time_point<Clock, Duration> t, std::chrono::duration<Rep, Period> d) {
  using TimePoint = std::chrono::time_point<Clock, Duration>;
  return TimePoint(SaturatingAdd(t.time_since_epoch(), SaturatingCast<Duration>(d)));
}

/// a - b as a duration, clamped to the time point's duration range.
template <typename Clock, typename Duration>
constexpr Duration SaturatingSub(std::chrono::time_point<Clock, Duration> a,
                                 std::chrono::time_point<Clock, Duration> b) {
  const auto x = a.time_since_epoch().count();
  const auto y = b.time_since_epoch().count();
  if (y < 0 && x > Duration::max().count() + y) return Duration::max();
  if (y > 0 && x < Duration::min().count() + y) return Duration::min();
  return Duration(x - y);
}

/// How long from `now` until `deadline` in whole milliseconds; zero once it
/// has passed, milliseconds::max() when it is out of reach.
template <typename Clock, typename Duration>
constexpr std::chrono::milliseconds TimeLeft(std::chrono::time_point<Clock, Duration> now,
                                             std::chrono::time_point<Clock, Duration> deadline) {
  const auto left = SaturatingCast<std::chrono::milliseconds>(SaturatingSub(deadline, now));
  return left.count() < 0 ? std::chrono::milliseconds(0) : left;
}

/// Whether a wait of `wait` starting at `now` would end at or after `deadline`.
template <typename Clock, typename Duration, typename Rep, typename Period>
constexpr bool EndsAtOrAfter(std::chrono::time_point<Clock, Duration> now,
                             std::chrono::duration<Rep, Period> wait,
                             std::chrono::time_point<Clock, Duration> deadline) {
  return SaturatingAdd(now, wait) >= deadline;
}

/// n * factor for a non-negative n and a factor >= 1, clamped to max().
constexpr std::int64_t SaturatingMultiply(std::int64_t n, std::int64_t factor) {
  return n > std::numeric_limits<std::int64_t>::max() / factor
             ? std::numeric_limits<std::int64_t>::max()
             : n * factor;
}

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SATURATING_TIME_H_
