// ParseNotificationContent: the message document inside a notification record.

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "csms/models.h"
#include "internal/json_codec.h"
#include "internal/json_fields.h"

namespace csms {
namespace {

using nlohmann::json;

// notification_content is produced by the service for humans and scripts:
// read what is there and skip what is not, rather than reject the record.
std::string LenientString(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
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
    for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      if (digits++ < 3) millis = millis * 10 + (text[pos] - '0');
    }
    for (; digits < 3; ++digits) millis *= 10;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') return std::nullopt;
  // Days from civil date (proleptic Gregorian), so no time zone database is involved.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long long days = static_cast<long long>(era) * 146097 + doe - 719468;
  const long long seconds = days * 86400 + static_cast<long long>(hour) * 3600 +
                            static_cast<long long>(minute) * 60 + second;
  const long long ms = seconds * 1000 + millis;
  // Timestamp (nanoseconds) spans the years 1677 to 2262 only; beyond that the
  // conversion would overflow.
  constexpr long long kMaxMs =
      std::chrono::duration_cast<std::chrono::milliseconds>(Timestamp::duration::max()).count();
  if (ms > kMaxMs || ms < -kMaxMs) return std::nullopt;
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::milliseconds(ms)));
}

std::optional<Timestamp> LenientTime(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it != object.end() && it->is_string()) {
    if (auto iso = ParseIsoUtc(it->get<std::string>())) return iso;
  }
  try {
    return internal::OptionalTimestampField(object, key, "content");
  } catch (const internal::DecodeError&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<NotificationContent> ParseNotificationContent(const std::string& content) {
  const json parsed = json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return std::nullopt;
  NotificationContent c;
  c.event_name = LenientString(parsed, "eventName");
  c.event_type = EventType(LenientString(parsed, "eventType"));
  c.event_time = LenientTime(parsed, "eventTime");
  const auto data = parsed.find("data");
  if (data != parsed.end() && data->is_object()) {
    c.secret_id = LenientString(*data, "secretId");
    c.secret_name = LenientString(*data, "secretName");
    c.secret_create_time = LenientTime(*data, "createTime");
    c.secret_update_time = LenientTime(*data, "updateTime");
    c.version_id = LenientString(*data, "versionId");
    c.version_expire_time = LenientTime(*data, "versionExpireTime");
  }
  return c;
}

}  // namespace csms
