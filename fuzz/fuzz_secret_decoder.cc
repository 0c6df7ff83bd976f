// DecodeSecretResponse ({"secret": {...}}: ShowSecret, CreateSecret,
// UpdateSecret) and DecodeSecretPageResponse ({"secrets": [...]}: ListSecrets)
// on the same input.

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "internal/json_codec.h"
#include "json_output.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = csms_fuzz::ToString(data, size);
  try {
    const csms::Secret secret = csms::internal::DecodeSecretResponse(body);
    CSMS_FUZZ_CHECK(!csms_tool::SecretToJson(secret).dump().empty());
  } catch (const csms::internal::DecodeError&) {
    // Not a documented secret body: the expected rejection.
  }
  try {
    const csms::SecretPage page = csms::internal::DecodeSecretPageResponse(body);
    CSMS_FUZZ_CHECK(!page.page_info.next_marker || !page.page_info.next_marker->empty());
    CSMS_FUZZ_CHECK(!csms_tool::SecretPageToJson(page).dump().empty());
  } catch (const csms::internal::DecodeError&) {
    // Not a documented secret page: the expected rejection.
  }
  return 0;
}
