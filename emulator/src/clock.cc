#include "clock.h"

#include <limits>
#include <utility>

namespace csms::emu {
namespace {

using Duration = std::chrono::system_clock::duration;
using TimePoint = std::chrono::system_clock::time_point;

// `a + b` in int64, clamped at the ends of the range.
std::int64_t AddClamped(std::int64_t a, std::int64_t b) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if (b > 0 && a > kMax - b) return kMax;
  if (b < 0 && a < kMin - b) return kMin;
  return a + b;
}

}  // namespace

std::int64_t ToEpochMillis(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::int64_t NowEpochMillis() { return ToEpochMillis(std::chrono::system_clock::now()); }

TimePoint SaturatingAdd(TimePoint time, std::chrono::milliseconds by) {
  // Work in milliseconds, the coarser unit, so the conversion back cannot overflow.
  constexpr std::int64_t kLimitMs =
      std::chrono::duration_cast<std::chrono::milliseconds>(Duration::max()).count() - 1;
  const std::int64_t base =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  std::int64_t sum = AddClamped(base, by.count());
  if (sum > kLimitMs) sum = kLimitMs;
  if (sum < -kLimitMs) sum = -kLimitMs;
  const Duration rest = time.time_since_epoch() - std::chrono::milliseconds(base);
  return TimePoint(std::chrono::duration_cast<Duration>(std::chrono::milliseconds(sum)) + rest);
}

EmulatorClock::EmulatorClock(Source source) : source_(std::move(source)) {}

TimePoint EmulatorClock::Now() const {
  const TimePoint base = source_ ? source_() : std::chrono::system_clock::now();
  return SaturatingAdd(base, std::chrono::milliseconds(offset_ms_.load()));
}

void EmulatorClock::Advance(std::chrono::milliseconds by) {
  std::int64_t current = offset_ms_.load();
  while (!offset_ms_.compare_exchange_weak(current, AddClamped(current, by.count()))) {
  }
}

}  // namespace csms::emu
