#ifndef CSMS_FUZZ_FUZZ_COMMON_H_
#define CSMS_FUZZ_FUZZ_COMMON_H_

// Shared helpers of the libFuzzer targets. Every target treats the expected
// failure of its code under test (DecodeError, std::invalid_argument, ApiError)
// as a normal outcome and lets anything else escape: an uncaught exception
// aborts the process, which libFuzzer reports as a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace csms_fuzz {

inline std::string ToString(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Aborts (so that libFuzzer saves the input) when an invariant does not hold.
[[noreturn]] inline void InvariantViolated(const char* what) {
  std::fprintf(stderr, "csms fuzz invariant violated: %s\n", what);
  std::abort();
}

#define CSMS_FUZZ_CHECK(condition)                                                  \
  do {                                                                              \
    if (!(condition)) ::csms_fuzz::InvariantViolated(#condition " (" __FILE__ ")"); \
  } while (false)

}  // namespace csms_fuzz

#endif  // CSMS_FUZZ_FUZZ_COMMON_H_
