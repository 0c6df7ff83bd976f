#include "clock.h"

namespace csms::emu {

std::int64_t ToEpochMillis(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::int64_t NowEpochMillis() { return ToEpochMillis(std::chrono::system_clock::now()); }

}  // namespace csms::emu
