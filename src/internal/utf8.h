#ifndef CSMS_SRC_INTERNAL_UTF8_H_
#define CSMS_SRC_INTERNAL_UTF8_H_

// UTF-8 as RFC 3629 defines it, for every part of the library that checks or
// writes it: request validation, the JSON reader and the JSON writer. One
// definition, so that what validation lets through is exactly what the JSON
// writer can send and what the reader would read back.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace csms {
namespace internal {

/// The length in bytes (1 to 4) of the well-formed UTF-8 sequence that text
/// starts with, or 0 when it starts with none (empty text, a stray
/// continuation byte, a truncated sequence, an overlong form, a surrogate or
/// a code point above U+10FFFF). RFC 3629, section 4.
std::size_t Utf8SequenceLength(std::string_view text);

/// Whether text is well-formed UTF-8 throughout.
bool IsValidUtf8(std::string_view text);

/// Appends code_point (at most U+10FFFF, not a surrogate) encoded as UTF-8.
void AppendUtf8(std::uint32_t code_point, std::string* out);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_UTF8_H_
