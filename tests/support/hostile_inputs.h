#ifndef CSMS_TESTS_SUPPORT_HOSTILE_INPUTS_H_
#define CSMS_TESTS_SUPPORT_HOSTILE_INPUTS_H_

// The same bad strings for every field's table test: what a sweep of bad
// input found reaching headers, URLs, bodies and messages. Each carries the
// stem "Zq7" so that a test can check a secret field's value is never echoed.

#include <string>
#include <vector>

namespace csms_test {

struct HostileInput {
  const char* label;
  std::string value;
};

inline std::vector<HostileInput> HostileInputs() {
  return {
      {"CR", "Zq7\rZq7"},
      {"LF", "Zq7\nZq7"},
      {"NUL", std::string("Zq7\0Zq7", 7)},
      {"space", "Zq7 Zq7"},
      {"non-UTF-8", "Zq7\xff\xfeZq7"},
      {"1 MiB", "Zq7" + std::string(std::size_t{1} << 20, 'a')},
      {"empty", ""},
  };
}

/// Whether a message is fit to print: short, one line, no NUL.
inline bool IsPrintableMessage(const std::string& message) {
  return message.size() < 400 &&
         message.find_first_of(std::string("\r\n\0", 3)) == std::string::npos;
}

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_HOSTILE_INPUTS_H_
