// ParseNotificationContent: the message document inside a notification record.

#include <cstdio>

#include "csms/models.h"
#include "internal/ascii.h"
#include "internal/civil_date.h"
#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"
#include "internal/saturating_time.h"

namespace csms {
namespace {

using internal::JsonKind;
using internal::JsonReader;

// notification_content is produced by the service for humans and scripts:
// read what is there and skip what is not, rather than reject the record.
std::string LenientString(JsonReader& reader) {
  if (reader.Peek() == JsonKind::kString) return reader.ReadString();
  reader.Skip();
  return std::string();
}

// "2023-04-14T20:25:10.126Z" (the published examples use ISO-8601 here, not
// epoch milliseconds). Only UTC ("Z") is accepted.
std::optional<Timestamp> ParseIsoUtc(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::size_t pos = static_cast<std::size_t>(consumed);
  long long millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    int digits = 0;
    for (++pos; pos < text.size() && internal::IsAsciiDigit(text[pos]); ++pos) {
      if (digits++ < 3) millis = millis * 10 + (text[pos] - '0');
    }
    for (; digits < 3; ++digits) millis *= 10;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') return std::nullopt;
  // Plain date arithmetic, so no time zone database is involved.
  const long long seconds = internal::DaysFromCivil(year, month, day) * 86400 +
                            static_cast<long long>(hour) * 3600 +
                            static_cast<long long>(minute) * 60 + second;
  // At most ten thousand years of milliseconds: far inside long long.
  const long long ms = seconds * 1000 + millis;
  // Timestamp (nanoseconds) spans the years 1677 to 2262 only: a time beyond
  // that saturates, as TimestampFromWire does for epoch numbers.
  return Timestamp(internal::SaturatingCast<Timestamp::duration>(std::chrono::milliseconds(ms)));
}

std::optional<Timestamp> LenientTime(JsonReader& reader) {
  return internal::ReadTimestampLeniently(reader, &ParseIsoUtc);
}

void ReadData(JsonReader& reader, NotificationContent* c) {
  if (reader.Peek() != JsonKind::kObject) {
    reader.Skip();
    return;
  }
  reader.BeginObject();
  std::string_view key;
  while (reader.NextMember(&key)) {
    if (key == "secretId") {
      c->secret_id = LenientString(reader);
    } else if (key == "secretName") {
      c->secret_name = LenientString(reader);
    } else if (key == "createTime") {
      c->secret_create_time = LenientTime(reader);
    } else if (key == "updateTime") {
      c->secret_update_time = LenientTime(reader);
    } else if (key == "versionId") {
      c->version_id = LenientString(reader);
    } else if (key == "versionExpireTime") {
      c->version_expire_time = LenientTime(reader);
    } else {
      reader.Skip();
    }
  }
}

}  // namespace

std::optional<NotificationContent> ParseNotificationContent(const std::string& content) {
  NotificationContent c;
  try {
    JsonReader reader(content);
    if (reader.Peek() != JsonKind::kObject) return std::nullopt;
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      if (key == "eventName") {
        c.event_name = LenientString(reader);
      } else if (key == "eventType") {
        c.event_type = EventType(LenientString(reader));
      } else if (key == "eventTime") {
        c.event_time = LenientTime(reader);
      } else if (key == "data") {
        // As with any repeated member, the last "data" decides.
        c.secret_id.clear();
        c.secret_name.clear();
        c.secret_create_time.reset();
        c.secret_update_time.reset();
        c.version_id.clear();
        c.version_expire_time.reset();
        ReadData(reader, &c);
      } else {
        reader.Skip();
      }
    }
    reader.Finish();
  } catch (const internal::DecodeError&) {
    return std::nullopt;  // not a JSON document
  }
  return c;
}

}  // namespace csms
