#include <nlohmann/json.hpp>

#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

}  // namespace

NotificationRecord ReadRecord(JsonReader& reader) {
  if (reader.Peek() != JsonKind::kObject) throw DecodeError("record is not an object");
  NotificationRecord r;
  ReadObject(reader, "body", "record", [&](std::string_view key) {
    static constexpr StringMember<NotificationRecord> kStrings[] = {
        {"event_name", &NotificationRecord::event_name},
        {"secret_name", &NotificationRecord::secret_name},
        {"secret_type", &NotificationRecord::secret_type},
        {"notification_target_name", &NotificationRecord::notification_target_name},
        {"notification_target_id", &NotificationRecord::notification_target_id},
        {"notification_content", &NotificationRecord::notification_content},
        {"notification_status", &NotificationRecord::notification_status},
    };
    if (ReadStringMember(reader, key, "record", kStrings, &r)) return;
    if (key == "trigger_event_type") {
      r.trigger_event_type = EventType(ReadString(reader, "record", "trigger_event_type"));
    } else if (key == "create_time") {
      r.create_time = ReadTimestamp(reader, "record", "create_time");
    } else {
      reader.Skip();
    }
  });
  return r;
}

json RecordToJson(const NotificationRecord& r) {
  json object = json::object();
  object["event_name"] = r.event_name;
  object["trigger_event_type"] = r.trigger_event_type.value();
  object["create_time"] = TimestampToWire(r.create_time);
  object["secret_name"] = r.secret_name;
  object["secret_type"] = r.secret_type;
  object["notification_target_name"] = r.notification_target_name;
  object["notification_target_id"] = r.notification_target_id;
  object["notification_content"] = r.notification_content;
  object["notification_status"] = r.notification_status;
  return object;
}

NotificationRecordPage DecodeRecordPageResponse(const std::string& body) {
  NotificationRecordPage page;
  ReadPageBody(body, "records", ReadRecord, &page.records, &page.page_info);
  return page;
}

json RecordPageToJson(const NotificationRecordPage& page) {
  json records = json::array();
  for (const auto& record : page.records) records.push_back(RecordToJson(record));
  return json{{"records", std::move(records)}, {"page_info", PageInfoToJson(page.page_info)}};
}

}  // namespace internal
}  // namespace csms
