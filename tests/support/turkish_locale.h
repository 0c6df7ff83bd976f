#ifndef CSMS_TESTS_SUPPORT_TURKISH_LOCALE_H_
#define CSMS_TESTS_SUPPORT_TURKISH_LOCALE_H_

// Puts the process in a Turkish ISO-8859-9 C locale for one test, the hostile
// case for ASCII wire text: there std::tolower('I') is 0xFD (dotless i),
// std::toupper('i') is 0xDD and std::isalnum(0xE4) is true. An application
// that calls setlocale(LC_ALL, "") with such a LANG must still sign and
// encode exactly as in the "C" locale.
//
// Few machines have the locale generated, so ctest compiles one into the
// build tree and points LOCPATH at it (tests/CMakeLists.txt); the tests skip
// only when that is impossible (no localedef, or Debian's locales package
// missing). By hand:
//   localedef -i tr_TR -f ISO-8859-9 /tmp/locales/tr_TR.ISO-8859-9
//   LOCPATH=/tmp/locales ./build/dev/tests/csms_unit_tests

#include <cctype>
#include <clocale>
#include <string>

namespace csms_test {

class ScopedTurkishLocale {
 public:
  ScopedTurkishLocale() {
    const char* current = std::setlocale(LC_ALL, nullptr);
    previous_ = current == nullptr ? "C" : current;
    for (const char* name : {"tr_TR.ISO-8859-9", "tr_TR.iso88599", "tr_TR"}) {
      // Only a locale that really maps 'I' elsewhere tests anything.
      if (std::setlocale(LC_ALL, name) != nullptr && std::tolower('I') != 'i') {
        active_ = true;
        return;
      }
    }
    std::setlocale(LC_ALL, previous_.c_str());
  }
  ~ScopedTurkishLocale() { std::setlocale(LC_ALL, previous_.c_str()); }
  ScopedTurkishLocale(const ScopedTurkishLocale&) = delete;
  ScopedTurkishLocale& operator=(const ScopedTurkishLocale&) = delete;

  bool active() const { return active_; }

 private:
  std::string previous_;
  bool active_ = false;
};

}  // namespace csms_test

// Skips the calling test when the locale is not installed.
#define CSMS_REQUIRE_TURKISH_LOCALE(guard)                                            \
  if (!(guard).active()) {                                                            \
    GTEST_SKIP() << "no tr_TR ISO-8859-9 locale; see tests/support/turkish_locale.h"; \
  }

#endif  // CSMS_TESTS_SUPPORT_TURKISH_LOCALE_H_
