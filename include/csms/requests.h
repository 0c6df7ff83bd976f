#ifndef CSMS_REQUESTS_H_
#define CSMS_REQUESTS_H_

/// @file
/// Request structs. Every request is validated before anything is sent; a
/// failure throws ValidationError naming the field.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "csms/models.h"

namespace csms {

/// CreateSecretEvent (POST /v1/{project_id}/csms/events).
///
/// Rules checked before sending:
/// - name: 1 to 64 of [a-zA-Z0-9_-];
/// - event_types: 1 to 12 entries, no duplicates, each one of the five EventType constants;
/// - state: ENABLED or DISABLED;
/// - notification.target_type: "SMN";
/// - notification.target_id: 1 to 256 of [a-zA-Z0-9-._:];
/// - notification.target_name: 1 to 64 of [a-zA-Z0-9_-].
struct CreateSecretEventRequest {
  std::string name;
  std::vector<EventType> event_types;
  EventState state = EventState::kEnabled;
  Notification notification;
};

/// Per-call settings; anything left empty takes the client's setting.
struct CallOptions {
  /// Total time allowed for the HTTP exchange of this call (connect included).
  std::optional<std::chrono::milliseconds> timeout;
};

}  // namespace csms

#endif  // CSMS_REQUESTS_H_
