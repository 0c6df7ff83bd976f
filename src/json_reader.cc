#include "internal/json_reader.h"

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>

#include "internal/utf8.h"

namespace csms {
namespace internal {
namespace {

bool IsWhitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A byte that stands for itself inside a string: printable ASCII other than
// the quote and the backslash.
bool IsPlainStringByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

double JsonNumberToDouble(std::string_view number) {
  double value = 0;
  const char* end = number.data() + number.size();
  const auto result = std::from_chars(number.data(), end, value);
  if (result.ec == std::errc() && result.ptr == end) return value;
  // Out of range: strtod says whether it overflows (to infinity) or underflows
  // (towards zero). JSON spells the decimal point '.', so read it in the C
  // locale whatever locale the program has set.
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
  const std::string copy(number);
  return strtod_l(copy.c_str(), nullptr, c_locale);
}

JsonReader::JsonReader(std::string_view text) : text_(text) {
  // nlohmann (and so the service's own tooling) tolerates a UTF-8 byte order mark.
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

void JsonReader::Fail(const char* what) const {
  throw DecodeError(std::string("the body is not JSON: ") + what + " at byte " +
                    std::to_string(pos_));
}

void JsonReader::SkipWhitespace() {
  while (pos_ < text_.size() && IsWhitespace(text_[pos_])) ++pos_;
}

void JsonReader::Expect(char c) {
  SkipWhitespace();
  if (pos_ >= text_.size() || text_[pos_] != c) Fail("unexpected character");
  ++pos_;
}

void JsonReader::ExpectWord(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) Fail("invalid literal");
  pos_ += word.size();
}

JsonKind JsonReader::Peek() {
  SkipWhitespace();
  if (pos_ >= text_.size()) Fail("unexpected end");
  const char c = text_[pos_];
  switch (c) {
    case '{':
      return JsonKind::kObject;
    case '[':
      return JsonKind::kArray;
    case '"':
      return JsonKind::kString;
    case 't':
    case 'f':
      return JsonKind::kBool;
    case 'n':
      return JsonKind::kNull;
    default:
      if (c == '-' || IsDigit(c)) return JsonKind::kNumber;
      Fail("unexpected character");
  }
}

void JsonReader::ReadNull() {
  if (Peek() != JsonKind::kNull) Fail("expected null");
  ExpectWord("null");
}

bool JsonReader::ReadBool() {
  if (Peek() != JsonKind::kBool) Fail("expected a boolean");
  const bool value = text_[pos_] == 't';
  ExpectWord(value ? "true" : "false");
  return value;
}

std::string_view JsonReader::ReadNumber() {
  if (Peek() != JsonKind::kNumber) Fail("expected a number");
  const std::size_t start = pos_;
  const auto digits = [this] {
    const std::size_t first = pos_;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
    return pos_ - first;
  };
  if (text_[pos_] == '-') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '0') {
    ++pos_;  // a leading zero stands alone: "01" is two tokens, so an error later
  } else if (digits() == 0) {
    Fail("invalid number");
  }
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    if (digits() == 0) Fail("invalid number");
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (digits() == 0) Fail("invalid number");
  }
  const std::string_view number = text_.substr(start, pos_ - start);
  // nlohmann refuses a number no double can hold (1e400, or 400 digits), as
  // "not JSON"; so does this reader. Short integers cannot overflow: skip them.
  if (number.size() > 18 || number.find_first_of(".eE") != std::string_view::npos) {
    if (!std::isfinite(JsonNumberToDouble(number))) Fail("number out of range");
  }
  return number;
}

std::string JsonReader::ReadString() {
  if (Peek() != JsonKind::kString) Fail("expected a string");
  std::string out;
  ScanString(&out);
  return out;
}

std::string_view JsonReader::ScanStringView() {
  const std::size_t start = pos_ + 1;
  std::size_t end = start;
  while (end < text_.size() && IsPlainStringByte(text_[end])) ++end;
  if (end < text_.size() && text_[end] == '"') {
    pos_ = end + 1;
    return text_.substr(start, end - start);
  }
  scratch_.clear();
  ScanString(&scratch_);
  return scratch_;
}

void JsonReader::ScanString(std::string* out) {
  ++pos_;  // the opening quote
  for (;;) {
    const std::size_t run = pos_;
    while (pos_ < text_.size() && IsPlainStringByte(text_[pos_])) ++pos_;
    out->append(text_.data() + run, pos_ - run);
    if (pos_ >= text_.size()) Fail("unterminated string");
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return;
    }
    if (c == '\\') {
      ScanEscape(out);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      Fail("control character in string");
    } else {
      const std::size_t length = Utf8SequenceLength(text_.substr(pos_));
      if (length == 0) Fail("invalid UTF-8 in string");
      out->append(text_.data() + pos_, length);
      pos_ += length;
    }
  }
}

unsigned JsonReader::ReadHex4() {
  unsigned value = 0;
  for (int i = 0; i < 4; ++i, ++pos_) {
    const int digit = pos_ < text_.size() ? HexValue(text_[pos_]) : -1;
    if (digit < 0) Fail("invalid \\u escape");
    value = value * 16 + static_cast<unsigned>(digit);
  }
  return value;
}

void JsonReader::ScanEscape(std::string* out) {
  ++pos_;  // the backslash
  if (pos_ >= text_.size()) Fail("unterminated string");
  const char c = text_[pos_++];
  switch (c) {
    case '"':
    case '\\':
    case '/':
      out->push_back(c);
      return;
    case 'b':
      out->push_back('\b');
      return;
    case 'f':
      out->push_back('\f');
      return;
    case 'n':
      out->push_back('\n');
      return;
    case 'r':
      out->push_back('\r');
      return;
    case 't':
      out->push_back('\t');
      return;
    case 'u':
      break;
    default:
      --pos_;
      Fail("invalid escape");
  }
  unsigned code_point = ReadHex4();
  if (code_point >= 0xDC00 && code_point <= 0xDFFF) Fail("lone low surrogate");
  if (code_point >= 0xD800 && code_point <= 0xDBFF) {
    // A high surrogate must be followed by an escaped low one.
    if (text_.substr(pos_, 2) != "\\u") Fail("lone high surrogate");
    pos_ += 2;
    const unsigned low = ReadHex4();
    if (low < 0xDC00 || low > 0xDFFF) Fail("lone high surrogate");
    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
  }
  AppendUtf8(code_point, out);
}

void JsonReader::BeginObject() {
  if (Peek() != JsonKind::kObject) Fail("expected an object");
  ++pos_;
  open_.push_back({'}', false});
}

void JsonReader::BeginArray() {
  if (Peek() != JsonKind::kArray) Fail("expected an array");
  ++pos_;
  open_.push_back({']', false});
}

bool JsonReader::Advance() {
  OpenContainer& top = open_.back();
  SkipWhitespace();
  if (pos_ >= text_.size()) Fail("unexpected end");
  if (text_[pos_] == top.close) {
    ++pos_;
    open_.pop_back();
    return false;
  }
  if (top.has_element) {
    if (text_[pos_] != ',') Fail("expected ',' or a closing bracket");
    ++pos_;
  }
  top.has_element = true;
  return true;
}

bool JsonReader::NextMember(std::string_view* key) {
  if (open_.empty() || open_.back().close != '}') Fail("not in an object");
  if (!Advance()) return false;
  if (Peek() != JsonKind::kString) Fail("expected a member name");
  *key = ScanStringView();
  Expect(':');
  return true;
}

bool JsonReader::NextElement() {
  if (open_.empty() || open_.back().close != ']') Fail("not in an array");
  return Advance();
}

void JsonReader::Skip() {
  const std::size_t base = open_.size();
  std::string_view key;
  for (;;) {
    switch (Peek()) {
      case JsonKind::kObject:
        BeginObject();
        break;
      case JsonKind::kArray:
        BeginArray();
        break;
      case JsonKind::kString:
        ScanStringView();
        break;
      case JsonKind::kNumber:
        ReadNumber();
        break;
      case JsonKind::kBool:
        ReadBool();
        break;
      case JsonKind::kNull:
        ReadNull();
        break;
    }
    // Close every container that ends here, until a value is due or the
    // skipped value is complete.
    for (;;) {
      if (open_.size() == base) return;
      const bool more = open_.back().close == '}' ? NextMember(&key) : NextElement();
      if (more) break;
    }
  }
}

void JsonReader::Finish() {
  SkipWhitespace();
  if (!open_.empty()) Fail("unclosed object or array");
  if (pos_ != text_.size()) Fail("trailing characters");
}

}  // namespace internal
}  // namespace csms
