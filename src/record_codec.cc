#include <nlohmann/json.hpp>

#include "internal/json_codec.h"
#include "internal/json_fields.h"

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

}  // namespace

NotificationRecord RecordFromJson(const json& object) {
  if (!object.is_object()) throw DecodeError("record is not an object");
  NotificationRecord r;
  r.event_name = StringField(object, "event_name", "record");
  r.trigger_event_type = EventType(StringField(object, "trigger_event_type", "record"));
  r.create_time = TimestampField(object, "create_time", "record");
  r.secret_name = StringField(object, "secret_name", "record");
  r.secret_type = StringField(object, "secret_type", "record");
  r.notification_target_name = StringField(object, "notification_target_name", "record");
  r.notification_target_id = StringField(object, "notification_target_id", "record");
  r.notification_content = StringField(object, "notification_content", "record");
  r.notification_status = StringField(object, "notification_status", "record");
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
  const json parsed = ParseObjectBody(body);
  NotificationRecordPage page;
  const json& records = ArrayField(parsed, "records", "body");
  page.records.reserve(records.size());
  for (const auto& record : records) page.records.push_back(RecordFromJson(record));
  page.page_info = PageInfoFromJson(ObjectField(parsed, "page_info", "body"));
  return page;
}

json RecordPageToJson(const NotificationRecordPage& page) {
  json records = json::array();
  for (const auto& record : page.records) records.push_back(RecordToJson(record));
  return json{{"records", std::move(records)}, {"page_info", PageInfoToJson(page.page_info)}};
}

}  // namespace internal
}  // namespace csms
