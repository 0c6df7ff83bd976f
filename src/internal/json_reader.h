#ifndef CSMS_SRC_INTERNAL_JSON_READER_H_
#define CSMS_SRC_INTERNAL_JSON_READER_H_

// A pull reader over one JSON document (RFC 8259), for the response decoders.
//
// Why not nlohmann::json::parse: building a DOM for a 400-byte event costs
// more than the rest of a call's client-side work (about 3.4 us, of which 2 us
// is nlohmann's lexer alone). Decoders instead walk the document once, keep the
// members they know and skip the rest, with no allocation beyond the strings
// they keep.
//
// The reader accepts exactly what nlohmann::json::accept accepts (a UTF-8 byte
// order mark at the start, strict UTF-8 in strings, no comments, no trailing
// commas), with one deliberate exception: nlohmann stops at a NUL byte and
// ignores what follows, where this reader refuses trailing bytes of any kind.
// A unit test and a fuzz target check the two against each other. Malformed input
// throws DecodeError with the byte offset, never the bytes themselves.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace csms {
namespace internal {

/// A response body that is not what the API documents: malformed JSON (from
/// the reader, with the byte offset) or a well-formed document of the wrong
/// shape (from the decoders, naming the field). The message never contains
/// body bytes.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A number's text (as ReadNumber gives it) as a double, independent of the
/// program's locale; infinite when it overflows.
double JsonNumberToDouble(std::string_view number);

enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject };

class JsonReader {
 public:
  /// Reads from text, which must outlive the reader.
  explicit JsonReader(std::string_view text);

  /// The kind of the next value, without consuming it.
  /// @throws DecodeError when no value can start here.
  JsonKind Peek();

  /// Each Read* consumes the next value, which must be of that kind.
  /// @throws DecodeError when it is not, or is malformed.
  void ReadNull();
  bool ReadBool();
  /// The decoded string (escapes resolved; UTF-8 checked).
  std::string ReadString();
  /// The number's text exactly as written (checked against the JSON grammar).
  std::string_view ReadNumber();

  /// Consumes '{'. Then NextMember gives each key in turn (the caller reads or
  /// skips its value) and returns false after the closing '}'.
  void BeginObject();
  /// @param key set to the member's name; valid until the next call on this reader.
  bool NextMember(std::string_view* key);

  /// Consumes '['. Then NextElement returns true before each element (which
  /// the caller reads or skips) and false after the closing ']'.
  void BeginArray();
  bool NextElement();

  /// Consumes the next value whatever it is, checking it is well formed.
  /// Iterative, so deep nesting cannot exhaust the stack.
  void Skip();

  /// Checks that nothing but whitespace follows the document.
  void Finish();

 private:
  [[noreturn]] void Fail(const char* what) const;
  void SkipWhitespace();
  void Expect(char c);
  void ExpectWord(std::string_view word);
  /// Appends the decoded contents of the string at pos_ (its opening quote).
  void ScanString(std::string* out);
  /// Like ScanString, but returns a view into the text when there is nothing to
  /// decode; otherwise decodes into scratch_ and returns a view of that.
  std::string_view ScanStringView();
  void ScanEscape(std::string* out);
  unsigned ReadHex4();
  /// Inside the innermost container: consumes the ',' before its next value
  /// (returning true) or its closing bracket (returning false).
  bool Advance();

  // An open object or array: its closing bracket, and whether it already has
  // a value (so that the next one must follow a comma).
  struct OpenContainer {
    char close;
    bool has_element;
  };

  std::string_view text_;
  std::size_t pos_ = 0;
  std::vector<OpenContainer> open_;
  std::string scratch_;
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_READER_H_
