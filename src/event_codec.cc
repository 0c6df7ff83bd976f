#include <nlohmann/json.hpp>

#include "internal/json_codec.h"
#include "internal/json_fields.h"

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

// Milliseconds since 1970 pass 10^11 in March 1973, so anything smaller is a
// timestamp in seconds (the documentation says seconds; the examples are ms).
constexpr std::int64_t kSecondsThreshold = 100'000'000'000;

Notification NotificationFromJson(const json& object) {
  Notification n;
  n.target_type = StringField(object, "target_type", "event.notification");
  n.target_id = StringField(object, "target_id", "event.notification");
  n.target_name = StringField(object, "target_name", "event.notification");
  return n;
}

json NotificationToJson(const Notification& n) {
  json object = json::object();
  object["target_type"] = n.target_type;
  object["target_id"] = n.target_id;
  object["target_name"] = n.target_name;
  return object;
}

// Appends s as a JSON string literal. Validation has already checked every
// string sent here; escaping covers quotes, backslashes and control bytes, and
// UTF-8 passes through as it is (as nlohmann's dump() would write it).
void AppendJsonString(std::string& out, const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    } else {
      out += c;
    }
  }
  out += '"';
}

void AppendEventTypes(std::string& out, const std::vector<EventType>& types) {
  out += '[';
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, types[i].value());
  }
  out += ']';
}

void AppendNotification(std::string& out, const Notification& n) {
  out += "{\"target_type\":";
  AppendJsonString(out, n.target_type);
  out += ",\"target_id\":";
  AppendJsonString(out, n.target_id);
  out += ",\"target_name\":";
  AppendJsonString(out, n.target_name);
  out += '}';
}

}  // namespace

Timestamp TimestampFromWire(std::int64_t value) {
  using std::chrono::milliseconds;
  // |value| < 10^11 seconds is below 10^14 milliseconds: no overflow here.
  const std::int64_t ms =
      value < kSecondsThreshold && value > -kSecondsThreshold ? value * 1000 : value;
  // Timestamp counts nanoseconds (libstdc++), so it only spans the years 1677 to
  // 2262; a wire value beyond that saturates instead of overflowing.
  constexpr std::int64_t kMaxMs =
      std::chrono::duration_cast<milliseconds>(Timestamp::duration::max()).count();
  if (ms > kMaxMs) return Timestamp::max();
  if (ms < -kMaxMs) return Timestamp::min();
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(milliseconds(ms)));
}

std::int64_t TimestampToWire(Timestamp time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string EncodeCreateSecretEventBody(const CreateSecretEventRequest& request) {
  // Written by hand to keep the documented field order (nlohmann sorts keys)
  // and to avoid building a DOM on the hot path.
  std::string out;
  out.reserve(256);
  out += "{\"name\":";
  AppendJsonString(out, request.name);
  out += ",\"event_types\":";
  AppendEventTypes(out, request.event_types);
  out += ",\"state\":";
  AppendJsonString(out, request.state.value());
  out += ",\"notification\":";
  AppendNotification(out, request.notification);
  out += '}';
  return out;
}

std::string EncodeUpdateSecretEventBody(const UpdateSecretEventRequest& request) {
  // Only the fields that are set: a partial update must not reset the others.
  std::string out = "{";
  const auto separator = [&out] {
    if (out.size() > 1) out += ',';
  };
  if (request.event_types) {
    separator();
    out += "\"event_types\":";
    AppendEventTypes(out, *request.event_types);
  }
  if (request.state) {
    separator();
    out += "\"state\":";
    AppendJsonString(out, request.state->value());
  }
  if (request.notification) {
    separator();
    out += "\"notification\":";
    AppendNotification(out, *request.notification);
  }
  out += '}';
  return out;
}

Event EventFromJson(const json& object) {
  if (!object.is_object()) throw DecodeError("event is not an object");
  Event event;
  event.name = StringField(object, "name", "event");
  event.event_id = StringField(object, "event_id", "event");
  for (auto& type : StringArrayField(object, "event_types", "event")) {
    event.event_types.emplace_back(std::move(type));
  }
  if (auto state = OptionalStringField(object, "state", "event")) {
    event.state = EventState(std::move(*state));
  }
  event.create_time = TimestampField(object, "create_time", "event");
  event.update_time = TimestampField(object, "update_time", "event");
  event.notification = NotificationFromJson(ObjectField(object, "notification", "event"));
  return event;
}

json EventToJson(const Event& event) {
  json object = json::object();
  object["name"] = event.name;
  object["event_id"] = event.event_id;
  json types = json::array();
  for (const auto& type : event.event_types) types.push_back(type.value());
  object["event_types"] = std::move(types);
  object["state"] = event.state.value();
  object["create_time"] = TimestampToWire(event.create_time);
  object["update_time"] = TimestampToWire(event.update_time);
  object["notification"] = NotificationToJson(event.notification);
  return object;
}

Event DecodeEventResponse(const std::string& body) {
  const json parsed = ParseObjectBody(body);
  const json* event = Member(parsed, "event");
  if (event == nullptr) throw DecodeError("the body has no \"event\" object");
  return EventFromJson(*event);
}

EventPage DecodeEventPageResponse(const std::string& body) {
  const json parsed = ParseObjectBody(body);
  EventPage page;
  const json& events = ArrayField(parsed, "events", "body");
  page.events.reserve(events.size());
  for (const auto& event : events) page.events.push_back(EventFromJson(event));
  page.page_info = PageInfoFromJson(ObjectField(parsed, "page_info", "body"));
  return page;
}

json EventPageToJson(const EventPage& page) {
  json events = json::array();
  for (const auto& event : page.events) events.push_back(EventToJson(event));
  return json{{"events", std::move(events)}, {"page_info", PageInfoToJson(page.page_info)}};
}

}  // namespace internal
}  // namespace csms
