// DecodeEventPageResponse: the body of ListSecretEvents ({"events": [...],
// "page_info": {...}}), including the paging markers.

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "internal/json_codec.h"
#include "json_output.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = csms_fuzz::ToString(data, size);
  try {
    const csms::EventPage page = csms::internal::DecodeEventPageResponse(body);
    // An empty marker means "no further page"; the decoder must never hand one out.
    CSMS_FUZZ_CHECK(!page.page_info.next_marker || !page.page_info.next_marker->empty());
    CSMS_FUZZ_CHECK(!page.page_info.previous_marker || !page.page_info.previous_marker->empty());
    const std::string encoded = csms_tool::EventPageToJson(page).dump();
    CSMS_FUZZ_CHECK(!encoded.empty());
  } catch (const csms::internal::DecodeError&) {
    // Not a documented page body: the expected rejection.
  }
  return 0;
}
