#ifndef CSMS_EMULATOR_SRC_CLOCK_H_
#define CSMS_EMULATOR_SRC_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace csms::emu {

/// Milliseconds since the Unix epoch: the unit every timestamp on the wire uses.
std::int64_t ToEpochMillis(std::chrono::system_clock::time_point time);
std::int64_t NowEpochMillis();

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_CLOCK_H_
