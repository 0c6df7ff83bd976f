#include "internal/json_fields.h"

#include <charconv>
#include <climits>

namespace csms {
namespace internal {
namespace {

// A JSON number as nlohmann classifies it: an integer that fits 64 bits
// (unsigned when not negative), else a double.
struct Number {
  enum class Kind { kUnsigned, kSigned, kFloat } kind = Kind::kFloat;
  std::uint64_t unsigned_value = 0;
  std::int64_t signed_value = 0;
  double float_value = 0;
};

Number ParseNumber(std::string_view text) {
  Number number;
  if (text.find_first_of(".eE") == std::string_view::npos) {
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (text.front() == '-') {
      const auto result = std::from_chars(begin, end, number.signed_value);
      if (result.ec == std::errc() && result.ptr == end) {
        number.kind = Number::Kind::kSigned;
        return number;
      }
    } else {
      const auto result = std::from_chars(begin, end, number.unsigned_value);
      if (result.ec == std::errc() && result.ptr == end) {
        number.kind = Number::Kind::kUnsigned;
        return number;
      }
    }
  }
  number.float_value = JsonNumberToDouble(text);
  return number;
}

std::optional<Timestamp> TimestampFromNumber(const Number& number) {
  switch (number.kind) {
    case Number::Kind::kUnsigned:
      // Above INT64_MAX, TimestampFromWire would see a negative number.
      if (number.unsigned_value > static_cast<std::uint64_t>(INT64_MAX)) return Timestamp::max();
      return TimestampFromWire(static_cast<std::int64_t>(number.unsigned_value));
    case Number::Kind::kSigned:
      return TimestampFromWire(number.signed_value);
    case Number::Kind::kFloat:
      if (number.float_value >= -9.2e18 && number.float_value <= 9.2e18) {
        return TimestampFromWire(static_cast<std::int64_t>(number.float_value));
      }
      return std::nullopt;
  }
  return std::nullopt;
}

// Some gateways stringify large integers: plain decimal digits are accepted.
std::optional<Timestamp> TimestampFromDigits(std::string_view text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return TimestampFromWire(value);
}

}  // namespace

void ThrowWrongType(const char* context, const char* key, const char* expected) {
  throw DecodeError(std::string(context) + "." + key + " is not " + expected);
}

std::optional<std::string> ReadOptionalString(JsonReader& reader, const char* context,
                                              const char* key) {
  switch (reader.Peek()) {
    case JsonKind::kNull:
      reader.ReadNull();
      return std::nullopt;
    case JsonKind::kString:
      return reader.ReadString();
    default:
      ThrowWrongType(context, key, "a string");
  }
}

std::string ReadString(JsonReader& reader, const char* context, const char* key) {
  return ReadOptionalString(reader, context, key).value_or(std::string());
}

bool ReadBool(JsonReader& reader, const char* context, const char* key) {
  switch (reader.Peek()) {
    case JsonKind::kNull:
      reader.ReadNull();
      return false;
    case JsonKind::kBool:
      return reader.ReadBool();
    case JsonKind::kString: {
      const std::string text = reader.ReadString();
      if (text == "true") return true;
      if (text == "false") return false;
      break;
    }
    default:
      break;
  }
  ThrowWrongType(context, key, "a boolean");
}

int ReadInt(JsonReader& reader, const char* context, const char* key) {
  const JsonKind kind = reader.Peek();
  if (kind == JsonKind::kNull) {
    reader.ReadNull();
    return 0;
  }
  if (kind == JsonKind::kNumber) {
    const Number number = ParseNumber(reader.ReadNumber());
    if (number.kind == Number::Kind::kUnsigned && number.unsigned_value <= INT32_MAX) {
      return static_cast<int>(number.unsigned_value);
    }
    if (number.kind == Number::Kind::kSigned && number.signed_value >= INT32_MIN &&
        number.signed_value <= INT32_MAX) {
      return static_cast<int>(number.signed_value);
    }
  }
  ThrowWrongType(context, key, "a 32-bit integer");
}

std::optional<Timestamp> ReadOptionalTimestamp(JsonReader& reader, const char* context,
                                               const char* key) {
  std::optional<Timestamp> time;
  switch (reader.Peek()) {
    case JsonKind::kNull:
      reader.ReadNull();
      return std::nullopt;
    case JsonKind::kNumber:
      time = TimestampFromNumber(ParseNumber(reader.ReadNumber()));
      break;
    case JsonKind::kString:
      time = TimestampFromDigits(reader.ReadString());
      break;
    default:
      break;
  }
  if (!time) ThrowWrongType(context, key, "a timestamp");
  return time;
}

Timestamp ReadTimestamp(JsonReader& reader, const char* context, const char* key) {
  return ReadOptionalTimestamp(reader, context, key).value_or(Timestamp{});
}

std::optional<Timestamp> ReadTimestampLeniently(JsonReader& reader, TextTimeParser parse_text) {
  switch (reader.Peek()) {
    case JsonKind::kNumber:
      return TimestampFromNumber(ParseNumber(reader.ReadNumber()));
    case JsonKind::kString: {
      const std::string text = reader.ReadString();
      if (parse_text != nullptr) {
        if (auto time = parse_text(text)) return time;
      }
      return TimestampFromDigits(text);
    }
    default:
      reader.Skip();
      return std::nullopt;
  }
}

std::vector<std::string> ReadStringArray(JsonReader& reader, const char* context, const char* key) {
  std::vector<std::string> out;
  ReadArray(reader, context, key, [&] {
    if (reader.Peek() != JsonKind::kString) {
      throw DecodeError(std::string(context) + "." + key + " has a non-string entry");
    }
    out.push_back(reader.ReadString());
  });
  return out;
}

PageInfo ReadPageInfo(JsonReader& reader) {
  PageInfo page;
  ReadObject(reader, "body", "page_info", [&](std::string_view key) {
    if (key == "next_marker") {
      page.next_marker = ReadOptionalString(reader, "page_info", "next_marker");
    } else if (key == "previous_marker") {
      page.previous_marker = ReadOptionalString(reader, "page_info", "previous_marker");
    } else if (key == "current_count") {
      page.current_count = ReadInt(reader, "page_info", "current_count");
    } else {
      reader.Skip();
    }
  });
  if (page.next_marker && page.next_marker->empty()) page.next_marker.reset();
  if (page.previous_marker && page.previous_marker->empty()) page.previous_marker.reset();
  return page;
}

}  // namespace internal
}  // namespace csms
