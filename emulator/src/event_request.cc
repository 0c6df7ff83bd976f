#include "event_request.h"

#include <set>

#include "service_error.h"
#include "validation.h"

namespace csms::emu {
namespace {

constexpr std::size_t kMaxEventTypes = 12;

std::vector<std::string> ValidEventTypes(const std::optional<std::vector<std::string>>& types) {
  if (!types || types->empty()) throw InvalidParameter("event_types must list at least one type");
  if (types->size() > kMaxEventTypes) {
    throw InvalidParameter("event_types may list at most 12 types");
  }
  std::set<std::string> seen;
  for (const auto& type : *types) {
    if (!IsKnownEventType(type)) {
      throw InvalidParameter("event_types contains an unknown type: " + type);
    }
    if (!seen.insert(type).second) {
      throw InvalidParameter("event_types contains a duplicate: " + type);
    }
  }
  return *types;
}

std::string ValidState(const std::string& state) {
  if (state != "ENABLED" && state != "DISABLED") {
    throw InvalidParameter("state must be ENABLED or DISABLED");
  }
  return state;
}

NotificationTarget ValidNotification(const nlohmann::json& body) {
  const auto it = body.find("notification");
  if (it == body.end() || it->is_null()) throw InvalidParameter("notification is required");
  if (!it->is_object()) throw InvalidParameter("notification must be an object");
  NotificationTarget target;
  target.target_type = RequiredString(*it, "target_type");
  target.target_id = RequiredString(*it, "target_id");
  target.target_name = RequiredString(*it, "target_name");
  if (target.target_type != "SMN") throw InvalidParameter("notification.target_type must be SMN");
  if (!IsValidTargetId(target.target_id)) {
    throw InvalidParameter("notification.target_id must match ^[a-zA-Z0-9\\-._:]{1,256}$");
  }
  if (!IsValidName(target.target_name)) {
    throw InvalidParameter("notification.target_name must match ^[a-zA-Z0-9_-]{1,64}$");
  }
  return target;
}

}  // namespace

EventData ParseCreateEvent(const nlohmann::json& body) {
  EventData event;
  event.name = RequiredString(body, "name");
  if (!IsValidName(event.name)) throw InvalidParameter("name must match ^[a-zA-Z0-9_-]{1,64}$");
  event.event_types = ValidEventTypes(OptionalStringArray(body, "event_types"));
  event.state = ValidState(RequiredString(body, "state"));
  event.notification = ValidNotification(body);
  return event;
}

EventUpdate ParseUpdateEvent(const nlohmann::json& body, const std::string& path_name) {
  const std::optional<std::string> name = OptionalString(body, "name");
  if (name && *name != path_name) throw InvalidParameter("the name of an event cannot change");

  EventUpdate update;
  if (auto types = OptionalStringArray(body, "event_types")) {
    update.event_types = ValidEventTypes(types);
  }
  if (auto state = OptionalString(body, "state")) update.state = ValidState(*state);
  const auto notification = body.find("notification");
  if (notification != body.end() && !notification->is_null()) {
    update.notification = ValidNotification(body);
  }
  if (!update.event_types && !update.state && !update.notification) {
    throw InvalidParameter("the update changes nothing: give event_types, state or notification");
  }
  return update;
}

}  // namespace csms::emu
