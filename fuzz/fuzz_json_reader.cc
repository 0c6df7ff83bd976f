// internal::JsonReader against nlohmann::json, the parser it replaced in the
// response decoders: both must accept the same documents, and read the same
// values from them. Also checks that Skip() agrees with the structured reads.

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "internal/json_codec.h"
#include "internal/json_reader.h"

namespace {

using csms::internal::DecodeError;
using csms::internal::JsonKind;
using csms::internal::JsonReader;

// libFuzzer inputs are at most a few KiB, so recursion depth is bounded.
nlohmann::json Build(JsonReader& reader) {
  switch (reader.Peek()) {
    case JsonKind::kNull:
      reader.ReadNull();
      return nullptr;
    case JsonKind::kBool:
      return reader.ReadBool();
    case JsonKind::kString:
      return reader.ReadString();
    case JsonKind::kNumber:
      // The number text alone, parsed by nlohmann: must be valid on its own.
      return nlohmann::json::parse(reader.ReadNumber());
    case JsonKind::kArray: {
      nlohmann::json array = nlohmann::json::array();
      reader.BeginArray();
      while (reader.NextElement()) array.push_back(Build(reader));
      return array;
    }
    case JsonKind::kObject: {
      nlohmann::json object = nlohmann::json::object();
      reader.BeginObject();
      std::string_view key;
      while (reader.NextMember(&key)) {
        const std::string name(key);
        object[name] = Build(reader);
      }
      return object;
    }
  }
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = csms_fuzz::ToString(data, size);

  bool skipped = false;
  try {
    JsonReader reader(text);
    reader.Skip();
    reader.Finish();
    skipped = true;
  } catch (const DecodeError&) {
  }

  bool built = false;
  nlohmann::json value;
  try {
    JsonReader reader(text);
    value = Build(reader);
    reader.Finish();
    built = true;
  } catch (const DecodeError&) {
  }
  CSMS_FUZZ_CHECK(skipped == built);

  // nlohmann stops at a NUL byte (see json_reader.h): compare only without one.
  if (text.find('\0') != std::string::npos) {
    CSMS_FUZZ_CHECK(!built || nlohmann::json::accept(text));
    return 0;
  }
  CSMS_FUZZ_CHECK(built == nlohmann::json::accept(text));
  if (built) {
    const nlohmann::json expected = nlohmann::json::parse(text);
    // NaN never arises from JSON text, so == is a full comparison here.
    CSMS_FUZZ_CHECK(value == expected);
  }
  return 0;
}
