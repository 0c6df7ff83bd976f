#ifndef CSMS_EMULATOR_SRC_EVENT_REQUEST_H_
#define CSMS_EMULATOR_SRC_EVENT_REQUEST_H_

// Decoding and validating the bodies of CreateSecretEvent and UpdateSecretEvent.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model.h"

namespace csms::emu {

/// The fields an UpdateSecretEvent body may change.
struct EventUpdate {
  std::optional<std::vector<std::string>> event_types;
  std::optional<std::string> state;
  std::optional<NotificationTarget> notification;
};

/// name, event_types, state and notification, all required and valid.
/// @throws ServiceError CSMS.0002 naming the first field that breaks a rule.
EventData ParseCreateEvent(const nlohmann::json& body);
/// The optional fields, each valid; at least one present; `name`, if sent, must
/// equal `path_name` (the name cannot change).
/// @throws ServiceError CSMS.0002.
EventUpdate ParseUpdateEvent(const nlohmann::json& body, const std::string& path_name);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_EVENT_REQUEST_H_
