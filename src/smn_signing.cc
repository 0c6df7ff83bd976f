// SMN's signature text rules: the string to sign, timestamps, topic URNs and
// strict base64. See src/internal/smn_signing.h and docs/notifications.md.

#include "internal/smn_signing.h"

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "internal/ascii.h"
#include "internal/civil_date.h"
#include "internal/saturating_time.h"

namespace csms {
namespace internal {
namespace {

using Line = std::pair<std::string_view, const std::string*>;

std::string JoinLines(std::initializer_list<Line> lines) {
  std::string out;
  for (const auto& [key, value] : lines) {
    if (value == nullptr) continue;
    out.append(key);
    out.push_back('\n');
    out.append(*value);
    out.push_back('\n');
  }
  return out;
}

// Reads exactly `width` ASCII digits at text[*pos].
bool ReadDigits(std::string_view text, std::size_t* pos, std::size_t width, int* value) {
  if (*pos + width > text.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[*pos + i];
    if (!IsAsciiDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += width;
  *value = v;
  return true;
}

bool Expect(std::string_view text, std::size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> SmnStringToSign(const SmnMessage& m) {
  const auto type = SmnMessageTypeFromString(m.type);
  if (!type) return std::nullopt;
  if (*type == SmnMessageType::kNotification) {
    // "If subject is left blank, omit subject in the signature" (the guide).
    return JoinLines({{"message", &m.message},
                      {"message_id", &m.message_id},
                      {"subject", m.subject.empty() ? nullptr : &m.subject},
                      {"timestamp", &m.timestamp},
                      {"topic_urn", &m.topic_urn},
                      {"type", &m.type}});
  }
  return JoinLines({{"message", &m.message},
                    {"message_id", &m.message_id},
                    {"subscribe_url", &m.subscribe_url},
                    {"timestamp", &m.timestamp},
                    {"topic_urn", &m.topic_urn},
                    {"type", &m.type}});
}

std::optional<Timestamp> ParseSmnTimestamp(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &month) || !Expect(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &day) || !Expect(text, &pos, 'T') ||
      !ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') ||
      !ReadDigits(text, &pos, 2, &minute) || !Expect(text, &pos, ':') ||
      !ReadDigits(text, &pos, 2, &second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  std::int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && IsAsciiDigit(text[pos]) && digits < 9) {
      nanos = nanos * 10 + (text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 9; ++digits) nanos *= 10;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') return std::nullopt;
  // Years 0000 to 9999: at most about 3.2e11 seconds, far inside int64.
  const std::int64_t seconds = DaysFromCivil(year, month, day) * 86400 + std::int64_t{hour} * 3600 +
                               std::int64_t{minute} * 60 + second;
  // Timestamp counts nanoseconds (libstdc++), so it ends in 2262: saturate.
  const auto since_epoch =
      SaturatingAdd(SaturatingCast<std::chrono::nanoseconds>(std::chrono::seconds(seconds)),
                    std::chrono::nanoseconds(nanos));
  return Timestamp(SaturatingCast<Timestamp::duration>(since_epoch));
}

std::optional<std::string> SmnRegionOfTopicUrn(std::string_view topic_urn) {
  constexpr std::string_view kPrefix = "urn:smn:";
  if (topic_urn.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::string_view rest = topic_urn.substr(kPrefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const std::string_view region = rest.substr(0, colon);
  for (const char c : region) {
    if (!(IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || c == '-')) return std::nullopt;
  }
  return std::string(region);
}

std::optional<std::string> DecodeBase64Strict(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int values[4] = {0, 0, 0, 0};
    int padding = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = text[i + static_cast<std::size_t>(j)];
      if (c == '=' && last && j >= 2) {
        ++padding;
        continue;
      }
      // A data character after padding ("ab=c") or padding elsewhere is refused.
      if (padding > 0) return std::nullopt;
      values[j] = Base64Value(c);
      if (values[j] < 0) return std::nullopt;
    }
    const std::uint32_t bits = (static_cast<std::uint32_t>(values[0]) << 18) |
                               (static_cast<std::uint32_t>(values[1]) << 12) |
                               (static_cast<std::uint32_t>(values[2]) << 6) |
                               static_cast<std::uint32_t>(values[3]);
    out.push_back(static_cast<char>((bits >> 16) & 0xff));
    if (padding < 2) out.push_back(static_cast<char>((bits >> 8) & 0xff));
    if (padding < 1) out.push_back(static_cast<char>(bits & 0xff));
    // Canonical form only: the bits below the last decoded byte must be zero.
    if ((padding == 1 && (bits & 0xff) != 0) || (padding == 2 && (bits & 0xffff) != 0)) {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace internal
}  // namespace csms
