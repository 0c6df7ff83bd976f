#ifndef CSMS_SRC_INTERNAL_ASCII_H_
#define CSMS_SRC_INTERNAL_ASCII_H_

// ASCII character classes and case mapping for what goes on the wire.
//
// <cctype> follows the C locale the application may have set: in a Turkish
// locale std::tolower('I') is the dotless i (0xFD in ISO-8859-9), and in a
// Latin-1 locale std::isalnum(0xE4) is true. Header names, percent-encoding
// and name validation must not change with the locale; these functions never
// do, and they are inline, where the <cctype> ones are calls into libc.

#include <cstddef>
#include <string>
#include <string_view>

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

/// Whether a and b differ at most in the case of ASCII letters (header names).
constexpr bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

/// Appends s to out with its ASCII letters lower-cased.
inline void AppendAsciiLower(std::string_view s, std::string* out) {
  const std::size_t start = out->size();
  out->append(s);
  for (std::size_t i = start; i < out->size(); ++i) (*out)[i] = AsciiToLower((*out)[i]);
}

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ASCII_H_
