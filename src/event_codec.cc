#include <optional>

#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"
#include "internal/json_writer.h"
#include "internal/saturating_time.h"

namespace csms {
namespace internal {
namespace {

// Milliseconds since 1970 pass 10^11 in March 1973, so anything smaller is a
// timestamp in seconds (the documentation says seconds; the examples are ms).
constexpr std::int64_t kSecondsThreshold = 100'000'000'000;

Notification ReadNotification(JsonReader& reader) {
  Notification n;
  ReadObject(reader, "event", "notification", [&](std::string_view key) {
    if (key == "target_type") {
      n.target_type = ReadString(reader, "event.notification", "target_type");
    } else if (key == "target_id") {
      n.target_id = ReadString(reader, "event.notification", "target_id");
    } else if (key == "target_name") {
      n.target_name = ReadString(reader, "event.notification", "target_name");
    } else {
      reader.Skip();
    }
  });
  return n;
}

void WriteEventTypes(JsonWriter& writer, const std::vector<EventType>& types) {
  writer.BeginArray();
  for (const EventType& type : types) writer.String(type.value());
  writer.EndArray();
}

void WriteNotification(JsonWriter& writer, const Notification& n) {
  writer.BeginObject();
  writer.Key("target_type");
  writer.String(n.target_type);
  writer.Key("target_id");
  writer.String(n.target_id);
  writer.Key("target_name");
  writer.String(n.target_name);
  writer.EndObject();
}

}  // namespace

Timestamp TimestampFromWire(std::int64_t value) {
  using std::chrono::milliseconds;
  // |value| < 10^11 seconds is below 10^14 milliseconds: no overflow here.
  const std::int64_t ms =
      value < kSecondsThreshold && value > -kSecondsThreshold ? value * 1000 : value;
  // Timestamp counts nanoseconds (libstdc++), so it only spans the years 1677 to
  // 2262; a wire value beyond that saturates instead of overflowing.
  return Timestamp(SaturatingCast<Timestamp::duration>(milliseconds(ms)));
}

std::string EncodeCreateSecretEventBody(const CreateSecretEventRequest& request) {
  // Members in the documented order.
  JsonWriter writer(256);
  writer.BeginObject();
  writer.Key("name");
  writer.String(request.name);
  writer.Key("event_types");
  WriteEventTypes(writer, request.event_types);
  writer.Key("state");
  writer.String(request.state.value());
  writer.Key("notification");
  WriteNotification(writer, request.notification);
  writer.EndObject();
  return writer.Take();
}

std::string EncodeUpdateSecretEventBody(const UpdateSecretEventRequest& request) {
  // Only the fields that are set: a partial update must not reset the others.
  JsonWriter writer(256);
  writer.BeginObject();
  if (request.event_types) {
    writer.Key("event_types");
    WriteEventTypes(writer, *request.event_types);
  }
  if (request.state) {
    writer.Key("state");
    writer.String(request.state->value());
  }
  if (request.notification) {
    writer.Key("notification");
    WriteNotification(writer, *request.notification);
  }
  writer.EndObject();
  return writer.Take();
}

Event ReadEvent(JsonReader& reader) {
  if (reader.Peek() != JsonKind::kObject) throw DecodeError("event is not an object");
  Event event;
  ReadObject(reader, "body", "event", [&](std::string_view key) {
    if (key == "name") {
      event.name = ReadString(reader, "event", "name");
    } else if (key == "event_id") {
      event.event_id = ReadString(reader, "event", "event_id");
    } else if (key == "event_types") {
      event.event_types.clear();
      for (auto& type : ReadStringArray(reader, "event", "event_types")) {
        event.event_types.emplace_back(std::move(type));
      }
    } else if (key == "state") {
      auto state = ReadOptionalString(reader, "event", "state");
      event.state = state ? EventState(std::move(*state)) : Event().state;
    } else if (key == "create_time") {
      event.create_time = ReadTimestamp(reader, "event", "create_time");
    } else if (key == "update_time") {
      event.update_time = ReadTimestamp(reader, "event", "update_time");
    } else if (key == "notification") {
      event.notification = ReadNotification(reader);
    } else {
      reader.Skip();
    }
  });
  return event;
}

Event DecodeEventResponse(const std::string& body) {
  return ReadWrappedObjectBody(body, "event", ReadEvent);
}

EventPage DecodeEventPageResponse(const std::string& body) {
  EventPage page;
  ReadPageBody(body, "events", ReadEvent, &page.events, &page.page_info);
  return page;
}

}  // namespace internal
}  // namespace csms
