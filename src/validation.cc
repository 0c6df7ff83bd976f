#include "internal/validation.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "csms/errors.h"

namespace csms {
namespace internal {
namespace {

constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxTargetIdLength = 256;
constexpr std::size_t kMaxEventTypes = 12;

constexpr std::array<const char*, 5> kKnownEventTypes = {
    "SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_ROTATED", "SECRET_DELETED",
    "SECRET_ROTATED_FAILED"};

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

bool IsTargetIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
         c == ':';
}

// Shows a user-supplied value in a message without letting control bytes or
// very long input through.
std::string Quote(const std::string& value) {
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size() && i < 80; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    out.push_back(c < 0x20 || c == 0x7f ? '?' : value[i]);
  }
  if (value.size() > 80) out += "...";
  return out + "\"";
}

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::toupper(static_cast<unsigned char>(a[i - 1])) == b[j - 1];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A misspelt event type is the most common mistake; point at the likely intent.
std::string SuggestEventType(const std::string& value) {
  const char* best = nullptr;
  std::size_t best_distance = 4;  // farther than this is not a typo
  for (const char* known : kKnownEventTypes) {
    const std::size_t distance = EditDistance(value, known);
    if (distance < best_distance) {
      best = known;
      best_distance = distance;
    }
  }
  return best == nullptr ? std::string() : std::string("; did you mean ") + best + "?";
}

void ValidatePattern(const std::string& field, const std::string& value, std::size_t max_length,
                     bool (*allowed)(char), const char* allowed_description) {
  if (value.empty()) throw ValidationError(field, "is required and must not be empty");
  if (value.size() > max_length) {
    throw ValidationError(field, "is " + std::to_string(value.size()) +
                                     " characters long; at most " + std::to_string(max_length) +
                                     " are allowed");
  }
  const auto bad = std::find_if_not(value.begin(), value.end(), allowed);
  if (bad != value.end()) {
    throw ValidationError(field, Quote(value) + " contains a character outside " +
                                     allowed_description + " at position " +
                                     std::to_string(bad - value.begin()));
  }
}

}  // namespace

void ValidateName(const std::string& field, const std::string& value) {
  ValidatePattern(field, value, kMaxNameLength, &IsNameChar, "[a-zA-Z0-9_-]");
}

void ValidateEventTypes(const std::string& field, const std::vector<EventType>& types) {
  if (types.empty()) throw ValidationError(field, "needs at least one event type");
  if (types.size() > kMaxEventTypes) {
    throw ValidationError(field, "has " + std::to_string(types.size()) +
                                     " entries; at most 12 are allowed");
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    const std::string& value = types[i].value();
    if (!types[i].IsKnown()) {
      throw ValidationError(field, "entry " + std::to_string(i) + " " + Quote(value) +
                                       " is not an event type (SECRET_VERSION_CREATED, "
                                       "SECRET_VERSION_EXPIRED, SECRET_ROTATED, SECRET_DELETED, "
                                       "SECRET_ROTATED_FAILED)" +
                                       SuggestEventType(value));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (types[j] == types[i]) {
        throw ValidationError(field, value + " is listed twice (entries " + std::to_string(j) +
                                         " and " + std::to_string(i) + ")");
      }
    }
  }
}

void ValidateEventState(const std::string& field, const EventState& state) {
  if (!state.IsKnown()) {
    throw ValidationError(field, Quote(state.value()) + " is not ENABLED or DISABLED");
  }
}

void ValidateNotification(const std::string& prefix, const Notification& notification) {
  if (notification.target_type != "SMN") {
    throw ValidationError(prefix + ".target_type",
                          Quote(notification.target_type) + " is not supported; only SMN is");
  }
  ValidatePattern(prefix + ".target_id", notification.target_id, kMaxTargetIdLength,
                  &IsTargetIdChar, "[a-zA-Z0-9-._:]");
  ValidateName(prefix + ".target_name", notification.target_name);
}

void ValidateCreateSecretEventRequest(const CreateSecretEventRequest& request) {
  ValidateName("name", request.name);
  ValidateEventTypes("event_types", request.event_types);
  ValidateEventState("state", request.state);
  ValidateNotification("notification", request.notification);
}

}  // namespace internal
}  // namespace csms
