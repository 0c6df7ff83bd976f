#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"

namespace csms {
namespace internal {

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

NotificationRecordPage DecodeRecordPageResponse(const std::string& body) {
  NotificationRecordPage page;
  ReadPageBody(body, "records", ReadRecord, &page.records, &page.page_info);
  return page;
}

}  // namespace internal
}  // namespace csms
