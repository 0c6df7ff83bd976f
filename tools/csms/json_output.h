#ifndef CSMS_TOOLS_CSMS_JSON_OUTPUT_H_
#define CSMS_TOOLS_CSMS_JSON_OUTPUT_H_

// --output json: the service's own JSON shapes (examples in
// tests/data/examples/), written from the public model structs. Field names
// are the wire names, times are epoch milliseconds as on the wire, and enum
// values are passed through as strings, so that a value this SDK does not know
// survives.

#include <cstdint>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "csms/models.h"

namespace csms_tool {

/// A Timestamp as wire epoch milliseconds.
std::int64_t EpochMilliseconds(csms::Timestamp time);

/// {"name", "event_id", "event_types", "state", "create_time", "update_time",
/// "notification": {"target_type", "target_id", "target_name"}}.
nlohmann::json EventToJson(const csms::Event& event);
/// {"events": [...], "page_info": {...}}.
nlohmann::json EventPageToJson(const csms::EventPage& page);

/// Every metadata field of the secret; the three optional times only when set.
nlohmann::json SecretToJson(const csms::Secret& secret);
/// {"secrets": [...], "page_info": {...}}.
nlohmann::json SecretPageToJson(const csms::SecretPage& page);

/// VersionMetadata: {"id", "secret_name", "version_stages", "create_time",
/// "expire_time" (only when set), "kms_key_id"}.
nlohmann::json SecretVersionToJson(const csms::SecretVersion& version);
/// {"version_metadatas": [...], "page_info": {...}}.
nlohmann::json SecretVersionPageToJson(const csms::SecretVersionPage& page);

/// A notification record, notification_content as the service's string.
nlohmann::json RecordToJson(const csms::NotificationRecord& record);
/// {"records": [...], "page_info": {...}}.
nlohmann::json RecordPageToJson(const csms::NotificationRecordPage& page);

/// {"next_marker", "previous_marker" (each only when set), "current_count"}.
nlohmann::json PageInfoToJson(const csms::PageInfo& page_info);

/// Indented JSON and a newline. Invalid UTF-8 from the service is replaced
/// (U+FFFD) instead of aborting the output.
void PrintJson(std::ostream& out, const nlohmann::json& value);

/// One line, members in insertion order (for error objects on stderr).
std::string CompactJson(const nlohmann::ordered_json& value);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_JSON_OUTPUT_H_
