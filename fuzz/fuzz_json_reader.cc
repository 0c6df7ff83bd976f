// internal::JsonReader against nlohmann::json, the parser it replaced in the
// response decoders: both must accept the same documents, and read the same
// values from them. Also checks that Skip() agrees with the structured reads,
// and the request bodies' writer (internal/json_writer.h) with both: the input
// as one string is written as nlohmann::json::dump() writes it and read back
// unchanged, or refused as invalid UTF-8 exactly when it is.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "internal/json_codec.h"
#include "internal/json_reader.h"
#include "internal/json_writer.h"
#include "internal/utf8.h"
#include "json_reader_to_nlohmann.h"

using csms::internal::DecodeError;
using csms::internal::JsonReader;

namespace {

void CheckWriter(const std::string& text) {
  std::string quoted;
  try {
    csms::internal::AppendJsonString(text, &quoted);
  } catch (const std::invalid_argument&) {
    CSMS_FUZZ_CHECK(!csms::internal::IsValidUtf8(text));
    return;
  }
  CSMS_FUZZ_CHECK(csms::internal::IsValidUtf8(text));
  CSMS_FUZZ_CHECK(quoted == nlohmann::json(text).dump());
  JsonReader reader(quoted);
  CSMS_FUZZ_CHECK(reader.ReadString() == text);
  reader.Finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = csms_fuzz::ToString(data, size);
  CheckWriter(text);

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
