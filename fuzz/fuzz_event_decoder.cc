// DecodeEventResponse: the body of ShowSecretEvent, CreateSecretEvent and
// UpdateSecretEvent ({"event": {...}}). A decoded event is written again by
// the csms tool's --output json writer (tools/csms/json_output.cc), strictly:
// every decoded string must be valid UTF-8.

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "internal/json_codec.h"
#include "json_output.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = csms_fuzz::ToString(data, size);
  try {
    const csms::Event event = csms::internal::DecodeEventResponse(body);
    const std::string encoded = csms_tool::EventToJson(event).dump();
    CSMS_FUZZ_CHECK(!encoded.empty());
  } catch (const csms::internal::DecodeError&) {
    // Not a documented event body: the expected rejection.
  }
  return 0;
}
