#ifndef CSMS_SRC_INTERNAL_JSON_WRITER_H_
#define CSMS_SRC_INTERNAL_JSON_WRITER_H_

// The library's one JSON writer, for every request body it sends
// (event_codec.cc and secret_codec.cc), and its one string escaping (the
// redactor looks for secrets in the form these bodies carried them).
//
// Compact output, members in the order written (the documented order; a DOM
// such as nlohmann::json sorts keys), no document built in between. Strings
// are escaped exactly as nlohmann::json::dump() escapes them, so the bodies are
// byte for byte what they were when the secret bodies were built with it:
// '"' and '\' are escaped, \b \f \n \r \t have their short forms, other bytes
// below 0x20 are \u00XX (lower-case hex), and UTF-8 passes through unescaped
// (DEL included). The writer does not check that containers are balanced or
// that keys alternate with values: each encoder is a straight line, and its
// unit test pins the output.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace csms {
namespace internal {

namespace json_writer_detail {

// Bytes that stand for themselves in a JSON string: printable ASCII but the
// quote and the backslash. One table lookup per byte.
struct PlainBytes {
  bool plain[256] = {};
};

constexpr PlainBytes MakePlainBytes() {
  PlainBytes bytes;
  for (int i = 0x20; i < 0x80; ++i) bytes.plain[i] = i != '"' && i != '\\';
  return bytes;
}

inline constexpr PlainBytes kPlainBytes = MakePlainBytes();

/// Appends rest, which starts with a byte that is not plain, escaped.
void AppendEscaped(std::string_view rest, std::string* out);

}  // namespace json_writer_detail

/// Appends text as a JSON string literal (quotes included) to out.
/// @throws std::invalid_argument when text is not well-formed UTF-8, which
/// cannot be written as JSON. Request validation rejects such text first, so
/// a validated request never gets here with it.
inline void AppendJsonString(std::string_view text, std::string* out) {
  // Inline for the common case, names and values with nothing to escape.
  std::size_t plain = 0;
  while (plain < text.size() &&
         json_writer_detail::kPlainBytes.plain[static_cast<unsigned char>(text[plain])]) {
    ++plain;
  }
  out->push_back('"');
  out->append(text.data(), plain);
  if (plain < text.size()) json_writer_detail::AppendEscaped(text.substr(plain), out);
  out->push_back('"');
}

/// Appends arbitrary bytes as the inside of a JSON string literal (no quotes):
/// exactly what AppendJsonString writes between the quotes when the bytes are
/// well-formed UTF-8, and a byte that is not part of a well-formed sequence
/// copied as it is. For the redactor, which must find a secret (binary ones
/// included) in the form a request body carried it.
/// @throws std::bad_alloc only.
void AppendJsonEscapedBytes(std::string_view bytes, std::string* out);

/// Writes one JSON document into a string, value by value.
class JsonWriter {
 public:
  /// reserve: the bytes the document is expected to take.
  explicit JsonWriter(std::size_t reserve = 0) { out_.reserve(reserve); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  /// An object member's name; its value is the next thing written.
  void Key(std::string_view name) {
    Separate();
    AppendJsonString(name, &out_);
    out_ += ':';
  }

  void String(std::string_view value) {
    Separate();
    AppendJsonString(value, &out_);
    has_value_ = true;
  }

  void Bool(bool value) {
    Separate();
    out_ += value ? "true" : "false";
    has_value_ = true;
  }

  /// A whole number (epoch milliseconds, a count of days).
  void Int(std::int64_t value) {
    Separate();
    out_ += std::to_string(value);
    has_value_ = true;
  }

  /// The document written so far.
  const std::string& text() const { return out_; }
  /// The document, moved out; the writer is left empty.
  std::string Take() { return std::move(out_); }

 private:
  // A comma goes before a member or element when the container already has one.
  void Separate() {
    if (has_value_) out_ += ',';
    has_value_ = false;
  }
  void Open(char bracket) {
    Separate();
    out_ += bracket;
  }
  void Close(char bracket) {
    out_ += bracket;
    has_value_ = true;
  }

  std::string out_;
  bool has_value_ = false;  // whether the last thing written was a complete value
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_WRITER_H_
