#ifndef CSMS_EMULATOR_SRC_FAULT_QUEUE_H_
#define CSMS_EMULATOR_SRC_FAULT_QUEUE_H_

#include <deque>
#include <mutex>
#include <optional>

#include "csms/emulator.h"

namespace csms::emu {

/// Faults waiting for the next requests, in the order they were queued. Thread-safe.
class FaultQueue {
 public:
  /// @throws std::invalid_argument when count < 1, or a kStatus fault's status is
  ///         not 200..599, or a kDelay fault's delay is negative.
  void Push(const EmulatorFault& fault);
  /// The fault for the request arriving now, if any (consumes one use of it).
  std::optional<EmulatorFault> Next();
  void Clear();

 private:
  std::mutex mu_;
  std::deque<EmulatorFault> queue_;  // count = uses left
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_FAULT_QUEUE_H_
