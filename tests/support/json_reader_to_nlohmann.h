#ifndef CSMS_TESTS_SUPPORT_JSON_READER_TO_NLOHMANN_H_
#define CSMS_TESTS_SUPPORT_JSON_READER_TO_NLOHMANN_H_

// Builds a nlohmann value through internal::JsonReader's structured calls, so
// that what the reader reads can be compared with what nlohmann parses (the
// unit tests and the fuzz_json_reader target both do). Recursive: for test
// inputs, whose depth is bounded.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "internal/json_reader.h"

namespace csms_test {

/// Consumes the reader's next value.
/// @throws csms::internal::DecodeError when it is malformed.
inline nlohmann::json ReadIntoNlohmann(csms::internal::JsonReader& reader) {
  using csms::internal::JsonKind;
  switch (reader.Peek()) {
    case JsonKind::kNull:
      reader.ReadNull();
      return nullptr;
    case JsonKind::kBool:
      return reader.ReadBool();
    case JsonKind::kString:
      return reader.ReadString();
    case JsonKind::kNumber:
      // The number's text alone, parsed by nlohmann: must be valid on its own.
      return nlohmann::json::parse(reader.ReadNumber());
    case JsonKind::kArray: {
      nlohmann::json array = nlohmann::json::array();
      reader.BeginArray();
      while (reader.NextElement()) array.push_back(ReadIntoNlohmann(reader));
      return array;
    }
    case JsonKind::kObject: {
      nlohmann::json object = nlohmann::json::object();
      reader.BeginObject();
      std::string_view key;
      while (reader.NextMember(&key)) {
        const std::string name(key);  // the view dies with the next call
        object[name] = ReadIntoNlohmann(reader);
      }
      return object;
    }
  }
  return nullptr;
}

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_JSON_READER_TO_NLOHMANN_H_
