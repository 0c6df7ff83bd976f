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
#include "json_reader_to_nlohmann.h"

using csms::internal::DecodeError;
using csms::internal::JsonReader;

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
    value = csms_test::ReadIntoNlohmann(reader);
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
