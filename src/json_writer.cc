#include "internal/json_writer.h"

#include <stdexcept>

#include "internal/utf8.h"

namespace csms {
namespace internal {
namespace {

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

namespace json_writer_detail {

void AppendEscaped(std::string_view rest, std::string* out) {
  std::size_t i = 0;
  while (i < rest.size()) {
    const auto byte = static_cast<unsigned char>(rest[i]);
    if (kPlainBytes.plain[byte]) {
      const std::size_t run = i;
      while (i < rest.size() && kPlainBytes.plain[static_cast<unsigned char>(rest[i])]) ++i;
      out->append(rest.data() + run, i - run);
    } else if (byte < 0x80) {
      AppendEscape(byte, out);
      ++i;
    } else {
      const std::size_t length = Utf8SequenceLength(rest.substr(i));
      // Never quotes the text: secret values are written here.
      if (length == 0) throw std::invalid_argument("a JSON string is not valid UTF-8");
      out->append(rest.data() + i, length);
      i += length;
    }
  }
}

}  // namespace json_writer_detail
}  // namespace internal
}  // namespace csms
