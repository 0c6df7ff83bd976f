#include "internal/ascii.h"

#include <gtest/gtest.h>

#include <cctype>

#include "turkish_locale.h"

namespace csms {
namespace internal {
namespace {

// In the "C" locale (the default of every program until it calls setlocale)
// <cctype> is exactly ASCII: the helpers must agree with it on every byte.
TEST(Ascii, AgreesWithTheCLocaleOnEveryByte) {
  for (int i = 0; i < 256; ++i) {
    const auto c = static_cast<char>(i);
    SCOPED_TRACE(i);
    EXPECT_EQ(IsAsciiDigit(c), std::isdigit(i) != 0);
    EXPECT_EQ(IsAsciiUpper(c), std::isupper(i) != 0);
    EXPECT_EQ(IsAsciiLower(c), std::islower(i) != 0);
    EXPECT_EQ(IsAsciiAlpha(c), std::isalpha(i) != 0);
    EXPECT_EQ(IsAsciiAlnum(c), std::isalnum(i) != 0);
    EXPECT_EQ(AsciiToLower(c), static_cast<char>(std::tolower(i)));
    EXPECT_EQ(AsciiToUpper(c), static_cast<char>(std::toupper(i)));
  }
}

TEST(Ascii, IgnoresTheApplicationLocale) {
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  EXPECT_EQ(AsciiToLower('I'), 'i');
  EXPECT_EQ(AsciiToUpper('i'), 'I');
  EXPECT_FALSE(IsAsciiAlnum('\xE4'));
  EXPECT_FALSE(IsAsciiAlpha('\xFD'));
  EXPECT_EQ(AsciiToLower('\xDD'), '\xDD');
}

TEST(Ascii, ComparesAndLowerCasesOnlyAsciiLetters) {
  EXPECT_TRUE(AsciiEqualsIgnoreCase("X-Sdk-Date", "x-sdk-date"));
  EXPECT_FALSE(AsciiEqualsIgnoreCase("X-Sdk-Date", "x-sdk-dat"));
  EXPECT_FALSE(AsciiEqualsIgnoreCase("\xC4", "\xE4"));  // Latin-1 letters are bytes
  std::string out = "Prefix:";
  AppendAsciiLower("X-Project-ID\xC4", &out);
  EXPECT_EQ(out, "Prefix:x-project-id\xC4");
}

}  // namespace
}  // namespace internal
}  // namespace csms
