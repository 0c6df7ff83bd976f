// DecodeRecordPageResponse (ListNotificationRecords) and
// csms::ParseNotificationContent, both on the input itself and on every
// decoded record's notification_content.

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "csms/models.h"
#include "fuzz_common.h"
#include "internal/json_codec.h"
#include "json_output.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = csms_fuzz::ToString(data, size);
  // Documented to throw std::bad_alloc only: any other exception escapes and is a finding.
  (void)csms::ParseNotificationContent(body);
  try {
    const csms::NotificationRecordPage page = csms::internal::DecodeRecordPageResponse(body);
    for (const auto& record : page.records) {
      (void)csms::ParseNotificationContent(record.notification_content);
    }
    const std::string encoded = csms_tool::RecordPageToJson(page).dump();
    CSMS_FUZZ_CHECK(!encoded.empty());
  } catch (const csms::internal::DecodeError&) {
    // Not a documented record page: the expected rejection.
  }
  return 0;
}
