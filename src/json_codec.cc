#include "internal/json_codec.h"

#include <limits>

#include <nlohmann/json.hpp>

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

// Milliseconds since 1970 pass 10^11 in March 1973, so anything smaller is a
// timestamp in seconds (the documentation says seconds; the examples are ms).
constexpr std::int64_t kSecondsThreshold = 100'000'000'000;

const json* Member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string StringField(const json& object, const char* key, const char* context) {
  const json* value = Member(object, key);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    throw DecodeError(std::string(context) + "." + key + " is not a string");
  }
  return value->get<std::string>();
}

Timestamp TimestampField(const json& object, const char* key, const char* context) {
  const json* value = Member(object, key);
  if (value == nullptr) return {};
  if (value->is_number_integer()) return TimestampFromWire(value->get<std::int64_t>());
  if (value->is_number_float()) {
    const double d = value->get<double>();
    if (d >= -9.2e18 && d <= 9.2e18) return TimestampFromWire(static_cast<std::int64_t>(d));
  }
  // Some gateways stringify large integers; accept plain decimal digits.
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (!text.empty() && text.size() <= 18 &&
        text.find_first_not_of("0123456789") == std::string::npos) {
      return TimestampFromWire(std::stoll(text));
    }
  }
  throw DecodeError(std::string(context) + "." + key + " is not a timestamp");
}

const json& ObjectField(const json& object, const char* key, const char* context) {
  static const json kEmptyObject = json::object();
  const json* value = Member(object, key);
  if (value == nullptr) return kEmptyObject;
  if (!value->is_object()) {
    throw DecodeError(std::string(context) + "." + key + " is not an object");
  }
  return *value;
}

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

json ParseBody(const std::string& body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw DecodeError("the body is not JSON");
  if (!parsed.is_object()) throw DecodeError("the body is not a JSON object");
  return parsed;
}

// Appends s as a JSON string literal.
void AppendJsonString(std::string& out, const std::string& s) { out += json(s).dump(); }

}  // namespace

Timestamp TimestampFromWire(std::int64_t value) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  if (value < kSecondsThreshold && value > -kSecondsThreshold) {
    return Timestamp(std::chrono::duration_cast<Timestamp::duration>(seconds(value)));
  }
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(milliseconds(value)));
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
  out += ",\"event_types\":[";
  for (std::size_t i = 0; i < request.event_types.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, request.event_types[i].value());
  }
  out += "],\"state\":";
  AppendJsonString(out, request.state.value());
  out += ",\"notification\":{\"target_type\":";
  AppendJsonString(out, request.notification.target_type);
  out += ",\"target_id\":";
  AppendJsonString(out, request.notification.target_id);
  out += ",\"target_name\":";
  AppendJsonString(out, request.notification.target_name);
  out += "}}";
  return out;
}

Event EventFromJson(const json& object) {
  if (!object.is_object()) throw DecodeError("event is not an object");
  Event event;
  event.name = StringField(object, "name", "event");
  event.event_id = StringField(object, "event_id", "event");
  if (const json* types = Member(object, "event_types")) {
    if (!types->is_array()) throw DecodeError("event.event_types is not an array");
    event.event_types.reserve(types->size());
    for (const auto& type : *types) {
      if (!type.is_string()) throw DecodeError("event.event_types has a non-string entry");
      event.event_types.emplace_back(type.get<std::string>());
    }
  }
  if (Member(object, "state") != nullptr) {
    event.state = EventState(StringField(object, "state", "event"));
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
  const json parsed = ParseBody(body);
  const json* event = Member(parsed, "event");
  if (event == nullptr) throw DecodeError("the body has no \"event\" object");
  return EventFromJson(*event);
}

}  // namespace internal
}  // namespace csms
