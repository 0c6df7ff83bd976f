#include "notifications.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace csms::emu {
namespace {

// The emulator keeps one version per secret, created with the secret.
constexpr const char* kVersionId = "v1";

}  // namespace

std::string NotificationContent(const EventData& event, const SecretData& secret,
                                const std::string& trigger, std::int64_t now_millis) {
  const nlohmann::json content{{"eventName", event.name},
                               {"eventType", trigger},
                               {"eventTime", now_millis},
                               {"data",
                                {{"secretId", secret.id},
                                 {"secretName", secret.name},
                                 {"createTime", secret.create_time},
                                 {"updateTime", secret.update_time},
                                 {"versionId", kVersionId},
                                 {"versionExpireTime", 0}}}};
  return content.dump();
}

std::optional<RecordData> FireEvent(const EventData& event, const SecretData& secret,
                                    const std::string& trigger, std::int64_t now_millis) {
  if (event.state != "ENABLED") return std::nullopt;
  if (std::find(event.event_types.begin(), event.event_types.end(), trigger) ==
      event.event_types.end()) {
    return std::nullopt;
  }
  RecordData record;
  record.event_name = event.name;
  record.trigger_event_type = trigger;
  record.create_time = now_millis;
  record.secret_name = secret.name;
  record.secret_type = secret.secret_type;
  record.notification_target_name = event.notification.target_name;
  record.notification_target_id = event.notification.target_id;
  record.notification_content = NotificationContent(event, secret, trigger, now_millis);
  record.notification_status = "SUCCESS";
  return record;
}

}  // namespace csms::emu
