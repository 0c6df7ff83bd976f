#ifndef CSMS_SRC_INTERNAL_JSON_FIELDS_H_
#define CSMS_SRC_INTERNAL_JSON_FIELDS_H_

// Tolerant, typed reads of the value of one object member, shared by every
// decoder. Each consumes the value the reader is at: null gives the default,
// and a value of the wrong type throws DecodeError naming "<context>.<key>".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms/models.h"
#include "internal/json_codec.h"
#include "internal/json_reader.h"

namespace csms {
namespace internal {

[[noreturn]] void ThrowWrongType(const char* context, const char* key, const char* expected);

std::optional<std::string> ReadOptionalString(JsonReader& reader, const char* context,
                                              const char* key);
/// "" for null.
std::string ReadString(JsonReader& reader, const char* context, const char* key);
/// A boolean, or the strings "true" and "false" (some services send those).
bool ReadBool(JsonReader& reader, const char* context, const char* key);
int ReadInt(JsonReader& reader, const char* context, const char* key);
/// Epoch seconds or milliseconds: an integer, a float, or a string of digits.
std::optional<Timestamp> ReadOptionalTimestamp(JsonReader& reader, const char* context,
                                               const char* key);
/// The epoch for null.
Timestamp ReadTimestamp(JsonReader& reader, const char* context, const char* key);
std::vector<std::string> ReadStringArray(JsonReader& reader, const char* context, const char* key);

using TextTimeParser = std::optional<Timestamp> (*)(const std::string&);
/// The value as a timestamp, or nullopt when it is not one; consumes it either
/// way. A string is first given to parse_text, when there is one.
std::optional<Timestamp> ReadTimestampLeniently(JsonReader& reader,
                                                TextTimeParser parse_text = nullptr);

/// Visits each member of an object value: on_member(key) must consume the
/// member's value. Null is an object with no members.
template <typename OnMember>
void ReadObject(JsonReader& reader, const char* context, const char* key, OnMember&& on_member) {
  const JsonKind kind = reader.Peek();
  if (kind == JsonKind::kNull) {
    reader.ReadNull();
    return;
  }
  if (kind != JsonKind::kObject) ThrowWrongType(context, key, "an object");
  reader.BeginObject();
  std::string_view name;
  while (reader.NextMember(&name)) on_member(name);
}

/// Visits each element of an array value: on_element() must consume it.
/// Null is an empty array.
template <typename OnElement>
void ReadArray(JsonReader& reader, const char* context, const char* key, OnElement&& on_element) {
  const JsonKind kind = reader.Peek();
  if (kind == JsonKind::kNull) {
    reader.ReadNull();
    return;
  }
  if (kind != JsonKind::kArray) ThrowWrongType(context, key, "an array");
  reader.BeginArray();
  while (reader.NextElement()) on_element();
}

/// Reads a whole response body (the reader's document) that must be a JSON
/// object, visiting each top-level member as ReadObject does, and checks that
/// nothing follows it.
/// @throws DecodeError "the body is not JSON..." or "the body is not a JSON object".
template <typename OnMember>
void ReadObjectBody(JsonReader& reader, OnMember&& on_member) {
  if (reader.Peek() != JsonKind::kObject) {
    reader.Skip();  // malformed JSON is reported as such, before the shape
    reader.Finish();
    throw DecodeError("the body is not a JSON object");
  }
  reader.BeginObject();
  std::string_view name;
  while (reader.NextMember(&name)) on_member(name);
  reader.Finish();
}

/// page_info (next_marker and previous_marker absent or empty both give nullopt).
PageInfo ReadPageInfo(JsonReader& reader);
nlohmann::json PageInfoToJson(const PageInfo& page_info);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_FIELDS_H_
