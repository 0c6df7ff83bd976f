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

// Appends rest escaped. A byte that starts no well-formed UTF-8 sequence throws
// when strict, and is copied as it is otherwise.
void AppendEscapedBytes(std::string_view rest, std::string* out, bool strict) {
  std::size_t i = 0;
  while (i < rest.size()) {
    const auto byte = static_cast<unsigned char>(rest[i]);
    if (json_writer_detail::kPlainBytes.plain[byte]) {
      const std::size_t run = i;
      while (i < rest.size() &&
             json_writer_detail::kPlainBytes.plain[static_cast<unsigned char>(rest[i])]) {
        ++i;
      }
      out->append(rest.data() + run, i - run);
    } else if (byte < 0x80) {
      AppendEscape(byte, out);
      ++i;
    } else {
      std::size_t length = Utf8SequenceLength(rest.substr(i));
      if (length == 0) {
        // Never quotes the text: secret values are written here.
        if (strict) throw std::invalid_argument("a JSON string is not valid UTF-8");
        length = 1;
      }
      out->append(rest.data() + i, length);
      i += length;
    }
  }
}

}  // namespace

void AppendJsonEscapedBytes(std::string_view bytes, std::string* out) {
  AppendEscapedBytes(bytes, out, false);
}

namespace json_writer_detail {

void AppendEscaped(std::string_view rest, std::string* out) { AppendEscapedBytes(rest, out, true); }

}  // namespace json_writer_detail
}  // namespace internal
}  // namespace csms
