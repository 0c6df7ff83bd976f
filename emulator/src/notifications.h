#ifndef CSMS_EMULATOR_SRC_NOTIFICATIONS_H_
#define CSMS_EMULATOR_SRC_NOTIFICATIONS_H_

// What a subscribed event "sends": the emulator has no SMN, so firing an event
// only appends a notification record.

#include <cstdint>
#include <optional>
#include <string>

#include "model.h"

namespace csms::emu {

/// The version a notification is about: its id and expire time (0: none).
struct VersionRef {
  std::string id = "v1";
  std::int64_t expire_time = 0;
};

/// The record `event` produces for `trigger` on `secret` (and `version`), or
/// nullopt when the event is disabled or does not include that type.
std::optional<RecordData> FireEvent(const EventData& event, const SecretData& secret,
                                    const std::string& trigger, std::int64_t now_millis,
                                    const VersionRef& version = {});

/// notification_content: a JSON document, encoded as a string, with camelCase keys
/// eventName, eventType, eventTime and data.{secretId, secretName, createTime,
/// updateTime, versionId, versionExpireTime}.
std::string NotificationContent(const EventData& event, const SecretData& secret,
                                const std::string& trigger, std::int64_t now_millis,
                                const VersionRef& version = {});

/// Appends to data.records what `trigger` on `secret` produces: one record per
/// subscribed, enabled event that includes the type.
void FireSubscribed(StoreData& data, const SecretData& secret, const std::string& trigger,
                    std::int64_t now_millis, const VersionRef& version = {});

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_NOTIFICATIONS_H_
