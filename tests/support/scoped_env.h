#ifndef CSMS_TESTS_SUPPORT_SCOPED_ENV_H_
#define CSMS_TESTS_SUPPORT_SCOPED_ENV_H_

// Sets (or, with nullptr, unsets) an environment variable for one test and
// restores what it was afterwards.

#include <cstdlib>
#include <optional>
#include <string>

namespace csms_test {

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_SCOPED_ENV_H_
