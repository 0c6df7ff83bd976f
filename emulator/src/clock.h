#ifndef CSMS_EMULATOR_SRC_CLOCK_H_
#define CSMS_EMULATOR_SRC_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace csms::emu {

/// Milliseconds since the Unix epoch: the unit every timestamp on the wire uses.
std::int64_t ToEpochMillis(std::chrono::system_clock::time_point time);
std::int64_t NowEpochMillis();

/// The emulator's idea of "now" for everything that expires (temporary
/// credentials, metadata session tokens) and for the X-Sdk-Date check: a source
/// (the system clock unless a test injects one) plus an offset that tests move
/// forward, so hours of expiry take no time. Thread-safe.
class EmulatorClock {
 public:
  using Source = std::function<std::chrono::system_clock::time_point()>;

  /// An empty source means std::chrono::system_clock::now.
  explicit EmulatorClock(Source source = nullptr);

  std::chrono::system_clock::time_point Now() const;
  /// Moves the clock by `by` (negative goes back); saturates instead of overflowing.
  void Advance(std::chrono::milliseconds by);

 private:
  Source source_;
  std::atomic<std::int64_t> offset_ms_{0};
};

/// `time + by`, clamped to the range of time_point instead of overflowing.
std::chrono::system_clock::time_point SaturatingAdd(std::chrono::system_clock::time_point time,
                                                    std::chrono::milliseconds by);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_CLOCK_H_
