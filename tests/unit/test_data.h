#ifndef CSMS_TESTS_UNIT_TEST_DATA_H_
#define CSMS_TESTS_UNIT_TEST_DATA_H_

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace csms_test {

/// The contents of tests/data/<name>.
inline std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(CSMS_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data file " + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace csms_test

#endif  // CSMS_TESTS_UNIT_TEST_DATA_H_
