#include "internal/utf8.h"

namespace csms {
namespace internal {
namespace {

bool InRange(std::string_view text, std::size_t i, unsigned low, unsigned high) {
  if (i >= text.size()) return false;
  const auto byte = static_cast<unsigned char>(text[i]);
  return byte >= low && byte <= high;
}

}  // namespace

std::size_t Utf8SequenceLength(std::string_view text) {
  // The table of well-formed sequences in RFC 3629, section 4: the ranges of
  // the second byte after E0, ED, F0 and F4 are what exclude overlong forms,
  // surrogates and code points above U+10FFFF.
  const auto at = [text](std::size_t i, unsigned low, unsigned high) {
    return InRange(text, i, low, high);
  };
  if (at(0, 0x00, 0x7F)) return 1;
  if (at(0, 0xC2, 0xDF)) return at(1, 0x80, 0xBF) ? 2 : 0;
  if (at(0, 0xE0, 0xE0)) return at(1, 0xA0, 0xBF) && at(2, 0x80, 0xBF) ? 3 : 0;
  if (at(0, 0xE1, 0xEC) || at(0, 0xEE, 0xEF)) {
    return at(1, 0x80, 0xBF) && at(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (at(0, 0xED, 0xED)) return at(1, 0x80, 0x9F) && at(2, 0x80, 0xBF) ? 3 : 0;
  if (at(0, 0xF0, 0xF0)) {
    return at(1, 0x90, 0xBF) && at(2, 0x80, 0xBF) && at(3, 0x80, 0xBF) ? 4 : 0;
  }
  if (at(0, 0xF1, 0xF3)) {
    return at(1, 0x80, 0xBF) && at(2, 0x80, 0xBF) && at(3, 0x80, 0xBF) ? 4 : 0;
  }
  if (at(0, 0xF4, 0xF4)) {
    return at(1, 0x80, 0x8F) && at(2, 0x80, 0xBF) && at(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;  // 80-C1 and F5-FF never start a sequence
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // the common case, without a call
      ++i;
      continue;
    }
    const std::size_t length = Utf8SequenceLength(text.substr(i));
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void AppendUtf8(std::uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace internal
}  // namespace csms
