#include "internal/json_writer.h"

#include <stdexcept>

#include "internal/utf8.h"

namespace csms {
namespace internal {
namespace {

// Bytes that stand for themselves in a JSON string: everything but the
// quote, the backslash, control bytes (below 0x20) and non-ASCII bytes, which
// are checked as UTF-8 before they are copied.
constexpr bool IsPlainByte(unsigned char byte) {
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// The escape for a byte below 0x20, '"' or '\', as nlohmann::json::dump()
// writes it.
void AppendEscape(unsigned char byte, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (byte) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\f':
      out->append("\\f");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\r':
      out->append("\\r");
      return;
    case '\t':
      out->append("\\t");
      return;
    default: {
      const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0x0f]};
      out->append(escape, sizeof escape);
    }
  }
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy runs of plain bytes at once: names and values are mostly plain.
    const std::size_t run = i;
    while (i < text.size() && IsPlainByte(static_cast<unsigned char>(text[i]))) ++i;
    out->append(text.data() + run, i - run);
    if (i == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      AppendEscape(byte, out);
      ++i;
      continue;
    }
    const std::size_t length = Utf8SequenceLength(text.substr(i));
    // Never quotes the text: secret values are written here.
    if (length == 0) throw std::invalid_argument("a JSON string is not valid UTF-8");
    out->append(text.data() + i, length);
    i += length;
  }
  out->push_back('"');
}

}  // namespace internal
}  // namespace csms
