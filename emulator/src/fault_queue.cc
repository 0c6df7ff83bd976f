#include "fault_queue.h"

#include <stdexcept>

namespace csms::emu {

void FaultQueue::Push(const EmulatorFault& fault) {
  if (fault.count < 1) throw std::invalid_argument("a fault needs a count of at least 1");
  if (fault.kind == EmulatorFault::Kind::kStatus && (fault.status < 200 || fault.status > 599)) {
    throw std::invalid_argument("a status fault needs a status between 200 and 599");
  }
  if (fault.kind == EmulatorFault::Kind::kDelay && fault.delay.count() < 0) {
    throw std::invalid_argument("a delay fault needs a delay of at least 0 ms");
  }
  if (fault.retry_after_seconds && *fault.retry_after_seconds < 0) {
    throw std::invalid_argument("retry_after_seconds must not be negative");
  }
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(fault);
}

std::optional<EmulatorFault> FaultQueue::Next() {
  std::lock_guard<std::mutex> lock(mu_);
  if (queue_.empty()) return std::nullopt;
  EmulatorFault fault = queue_.front();
  if (--queue_.front().count == 0) queue_.pop_front();
  fault.count = 1;
  return fault;
}

void FaultQueue::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.clear();
}

}  // namespace csms::emu
