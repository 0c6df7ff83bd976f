#include "json_output.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace csms_tool {
namespace {

using nlohmann::json;

void SetOptionalTime(json& object, const char* key, const std::optional<csms::Timestamp>& time) {
  if (time) object[key] = EpochMilliseconds(*time);
}

// {"<items_key>": [to_json(item)...], "page_info": {...}}.
template <typename Item, typename ToJson>
json PageToJson(const char* items_key, const std::vector<Item>& items,
                const csms::PageInfo& page_info, ToJson&& to_json) {
  json array = json::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return json{{items_key, std::move(array)}, {"page_info", PageInfoToJson(page_info)}};
}

}  // namespace

std::int64_t EpochMilliseconds(csms::Timestamp time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

json EventToJson(const csms::Event& event) {
  json types = json::array();
  for (const auto& type : event.event_types) types.push_back(type.value());
  json object = json::object();
  object["name"] = event.name;
  object["event_id"] = event.event_id;
  object["event_types"] = std::move(types);
  object["state"] = event.state.value();
  object["create_time"] = EpochMilliseconds(event.create_time);
  object["update_time"] = EpochMilliseconds(event.update_time);
  object["notification"] = {{"target_type", event.notification.target_type},
                            {"target_id", event.notification.target_id},
                            {"target_name", event.notification.target_name}};
  return object;
}

json EventPageToJson(const csms::EventPage& page) {
  return PageToJson("events", page.events, page.page_info, EventToJson);
}

json SecretToJson(const csms::Secret& secret) {
  json object = json::object();
  object["id"] = secret.id;
  object["name"] = secret.name;
  object["state"] = secret.state;
  object["kms_key_id"] = secret.kms_key_id;
  object["description"] = secret.description;
  object["create_time"] = EpochMilliseconds(secret.create_time);
  object["update_time"] = EpochMilliseconds(secret.update_time);
  SetOptionalTime(object, "scheduled_delete_time", secret.scheduled_delete_time);
  object["secret_type"] = secret.secret_type;
  object["auto_rotation"] = secret.auto_rotation;
  object["rotation_period"] = secret.rotation_period;
  object["rotation_config"] = secret.rotation_config;
  object["rotation_func_urn"] = secret.rotation_func_urn;
  SetOptionalTime(object, "rotation_time", secret.rotation_time);
  SetOptionalTime(object, "next_rotation_time", secret.next_rotation_time);
  object["event_subscriptions"] = secret.event_subscriptions;
  object["enterprise_project_id"] = secret.enterprise_project_id;
  return object;
}

json SecretPageToJson(const csms::SecretPage& page) {
  return PageToJson("secrets", page.secrets, page.page_info, SecretToJson);
}

json SecretVersionToJson(const csms::SecretVersion& version) {
  json object = json::object();
  object["id"] = version.id;
  object["secret_name"] = version.secret_name;
  object["version_stages"] = version.version_stages;
  object["create_time"] = EpochMilliseconds(version.create_time);
  SetOptionalTime(object, "expire_time", version.expire_time);
  object["kms_key_id"] = version.kms_key_id;
  return object;
}

json SecretVersionPageToJson(const csms::SecretVersionPage& page) {
  return PageToJson("version_metadatas", page.versions, page.page_info, SecretVersionToJson);
}

json RecordToJson(const csms::NotificationRecord& record) {
  json object = json::object();
  object["event_name"] = record.event_name;
  object["trigger_event_type"] = record.trigger_event_type.value();
  object["create_time"] = EpochMilliseconds(record.create_time);
  object["secret_name"] = record.secret_name;
  object["secret_type"] = record.secret_type;
  object["notification_target_name"] = record.notification_target_name;
  object["notification_target_id"] = record.notification_target_id;
  object["notification_content"] = record.notification_content;
  object["notification_status"] = record.notification_status;
  return object;
}

json RecordPageToJson(const csms::NotificationRecordPage& page) {
  return PageToJson("records", page.records, page.page_info, RecordToJson);
}

json PageInfoToJson(const csms::PageInfo& page_info) {
  json object = json::object();
  if (page_info.next_marker) object["next_marker"] = *page_info.next_marker;
  if (page_info.previous_marker) object["previous_marker"] = *page_info.previous_marker;
  object["current_count"] = page_info.current_count;
  return object;
}

void PrintJson(std::ostream& out, const json& value) {
  out << value.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

std::string CompactJson(const nlohmann::ordered_json& value) {
  // Replacement here too: error messages quote the service's text. ASCII only:
  // every non-ASCII character is a \u escape, so that C1, bidi and line
  // separator characters from the service reach the terminal as text, while a
  // JSON parser still reads the same string.
  return value.dump(-1, ' ', true, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace csms_tool
