#ifndef CSMS_SRC_INTERNAL_ASCII_H_
#define CSMS_SRC_INTERNAL_ASCII_H_

// ASCII character classes and case mapping for what goes on the wire.
//
// <cctype> follows the C locale the application may have set: in a Turkish
// locale std::tolower('I') is the dotless i (0xFD in ISO-8859-9), and in a
// Latin-1 locale std::isalnum(0xE4) is true. Header names, percent-encoding
// and name validation must not change with the locale; these functions never
// do, and they are inline, where the <cctype> ones are calls into libc.

namespace csms {
namespace internal {

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

constexpr bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

constexpr bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

constexpr bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }

constexpr bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }

/// 'A'-'Z' to 'a'-'z'; every other byte unchanged.
constexpr char AsciiToLower(char c) {
  return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

/// 'a'-'z' to 'A'-'Z'; every other byte unchanged.
constexpr char AsciiToUpper(char c) {
  return IsAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ASCII_H_
