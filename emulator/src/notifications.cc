#include "notifications.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace csms::emu {

std::string NotificationContent(const EventData& event, const SecretData& secret,
                                const std::string& trigger, std::int64_t now_millis,
                                const VersionRef& version) {
  const nlohmann::json content{{"eventName", event.name},
                               {"eventType", trigger},
                               {"eventTime", now_millis},
                               {"data",
                                {{"secretId", secret.id},
                                 {"secretName", secret.name},
                                 {"createTime", secret.create_time},
                                 {"updateTime", secret.update_time},
                                 {"versionId", version.id},
                                 {"versionExpireTime", version.expire_time}}}};
  return content.dump();
}

std::optional<RecordData> FireEvent(const EventData& event, const SecretData& secret,
                                    const std::string& trigger, std::int64_t now_millis,
                                    const VersionRef& version) {
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
  record.notification_content = NotificationContent(event, secret, trigger, now_millis, version);
  record.notification_status = "SUCCESS";
  return record;
}

void FireSubscribed(StoreData& data, const SecretData& secret, const std::string& trigger,
                    std::int64_t now_millis, const VersionRef& version) {
  for (const auto& name : secret.event_subscriptions) {
    const auto event = data.events.find(name);
    if (event == data.events.end()) continue;
    if (auto record = FireEvent(event->second, secret, trigger, now_millis, version)) {
      data.records.push_back(std::move(*record));
    }
  }
}

}  // namespace csms::emu
