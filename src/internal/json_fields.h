#ifndef CSMS_SRC_INTERNAL_JSON_FIELDS_H_
#define CSMS_SRC_INTERNAL_JSON_FIELDS_H_

// Tolerant, typed reads of the value of one object member, shared by every
// decoder. Each consumes the value the reader is at: null gives the default,
// and a value of the wrong type throws DecodeError naming "<context>.<key>".

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

/// A string member of a decoded type: its JSON name and the field it fills.
template <typename T>
struct StringMember {
  const char* name;
  std::string T::*field;
};

/// When key names one of members, reads the value into that field of *object
/// (as ReadString, with context) and returns true; otherwise reads nothing.
template <typename T, std::size_t N>
bool ReadStringMember(JsonReader& reader, std::string_view key, const char* context,
                      const StringMember<T> (&members)[N], T* object) {
  for (const StringMember<T>& member : members) {
    if (key == member.name) {
      object->*member.field = ReadString(reader, context, member.name);
      return true;
    }
  }
  return false;
}

/// page_info (next_marker and previous_marker absent or empty both give nullopt).
PageInfo ReadPageInfo(JsonReader& reader);

/// A body that wraps one object, {"<key>": {...}}: what read_object reads from
/// it (other members are skipped; the last "<key>" counts).
/// @throws DecodeError "the body has no \"<key>\" object" when it is absent or null.
template <typename ReadOneObject>
auto ReadWrappedObjectBody(const std::string& body, const char* key, ReadOneObject&& read_object)
    -> decltype(read_object(std::declval<JsonReader&>())) {
  std::optional<decltype(read_object(std::declval<JsonReader&>()))> object;
  JsonReader reader(body);
  ReadObjectBody(reader, [&](std::string_view name) {
    if (name != key) {
      reader.Skip();
    } else if (reader.Peek() == JsonKind::kNull) {
      reader.ReadNull();
      object.reset();
    } else {
      object = read_object(reader);
    }
  });
  if (!object) throw DecodeError(std::string("the body has no \"") + key + "\" object");
  return std::move(*object);
}

/// A list body, {"<items_key>": [...], "page_info": {...}}: each item as
/// read_item reads it into *items, and the paging state into *page_info.
template <typename Item, typename ReadItem>
void ReadPageBody(const std::string& body, const char* items_key, ReadItem&& read_item,
                  std::vector<Item>* items, PageInfo* page_info) {
  JsonReader reader(body);
  ReadObjectBody(reader, [&](std::string_view name) {
    if (name == items_key) {
      items->clear();
      ReadArray(reader, "body", items_key, [&] { items->push_back(read_item(reader)); });
    } else if (name == "page_info") {
      *page_info = ReadPageInfo(reader);
    } else {
      reader.Skip();
    }
  });
}

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_FIELDS_H_
