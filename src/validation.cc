#include "internal/validation.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "csms/errors.h"
#include "internal/ascii.h"
#include "internal/utf8.h"

namespace csms {
namespace internal {
namespace {

constexpr std::size_t kMaxNameLength = 64;
constexpr std::size_t kMaxTargetIdLength = 256;
constexpr std::size_t kMaxEventTypes = 12;
constexpr int kMaxLimit = 9999;  // the API types limit as a string of 1 to 4 digits
constexpr std::size_t kMaxSecretValueBytes = std::size_t{32} * 1024;
constexpr std::size_t kMaxDescriptionBytes = 2048;
constexpr std::size_t kMaxSubscriptions = 1;

constexpr std::array<const char*, 5> kKnownEventTypes = {"SECRET_VERSION_CREATED",
                                                         "SECRET_VERSION_EXPIRED", "SECRET_ROTATED",
                                                         "SECRET_DELETED", "SECRET_ROTATED_FAILED"};

// Which bytes a pattern allows, one table lookup per byte: every call
// validates a few names before anything is sent.
using CharClass = std::array<bool, 256>;

constexpr CharClass AlnumAnd(std::string_view extra) {
  CharClass allowed{};
  for (int i = 0; i < 256; ++i) {
    const auto c = static_cast<char>(i);
    allowed[static_cast<std::size_t>(i)] =
        IsAsciiAlnum(c) || extra.find(c) != std::string_view::npos;
  }
  return allowed;
}

constexpr CharClass kNameChars = AlnumAnd("_-");
constexpr CharClass kMarkerChars = AlnumAnd("_-.");
constexpr CharClass kTargetIdChars = AlnumAnd("-._:");

// A field's name, joined only when an error needs it: checking a valid
// request builds no strings.
struct FieldName {
  std::string_view prefix;  // e.g. "notification"; empty for a top-level field
  std::string_view name;

  std::string Joined() const {
    std::string joined(prefix);
    if (!joined.empty()) joined += '.';
    return joined.append(name);
  }
};

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
      const bool same = AsciiToUpper(a[i - 1]) == b[j - 1];
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

void ValidatePattern(const FieldName& field, const std::string& value, std::size_t max_length,
                     const CharClass& allowed, const char* allowed_description) {
  if (value.empty()) throw ValidationError(field.Joined(), "is required and must not be empty");
  if (value.size() > max_length) {
    throw ValidationError(field.Joined(), "is " + std::to_string(value.size()) +
                                              " characters long; at most " +
                                              std::to_string(max_length) + " are allowed");
  }
  const auto bad = std::find_if_not(value.begin(), value.end(), [&allowed](char c) {
    return allowed[static_cast<unsigned char>(c)];
  });
  if (bad != value.end()) {
    throw ValidationError(field.Joined(), Quote(value) + " contains a character outside " +
                                              allowed_description + " at position " +
                                              std::to_string(bad - value.begin()));
  }
}

void CheckName(const FieldName& field, const std::string& value) {
  ValidatePattern(field, value, kMaxNameLength, kNameChars, "[a-zA-Z0-9_-]");
}

void ValidateLimit(const std::optional<int>& limit) {
  if (limit && (*limit < 1 || *limit > kMaxLimit)) {
    throw ValidationError("limit", std::to_string(*limit) + " is outside 1 to 9999");
  }
}

void ValidateMaxBytes(const std::string& field, const std::string& value, std::size_t max) {
  if (value.size() > max) {
    throw ValidationError(field, "is " + std::to_string(value.size()) + " bytes; at most " +
                                     std::to_string(max) + " are allowed");
  }
}

// Never quotes the value: this is used for secret values too.
void ValidateUtf8(const std::string& field, const std::string& value) {
  if (!IsValidUtf8(value)) throw ValidationError(field, "is not valid UTF-8");
}

void ValidateSecretType(const std::optional<std::string>& type) {
  if (type && *type != "COMMON" && *type != "RDS-FG" && *type != "GaussDB-FG") {
    throw ValidationError("secret_type", Quote(*type) + " is not COMMON, RDS-FG or GaussDB-FG");
  }
}

void ValidateSubscriptions(const std::vector<std::string>& names) {
  if (names.size() > kMaxSubscriptions) {
    throw ValidationError(
        "event_subscriptions",
        "has " + std::to_string(names.size()) + " events; a secret can subscribe to at most one");
  }
  for (const auto& name : names) CheckName(FieldName{{}, "event_subscriptions"}, name);
}

void ValidateOptionalText(const std::string& field, const std::optional<std::string>& value,
                          std::size_t max_bytes) {
  if (!value) return;
  ValidateMaxBytes(field, *value, max_bytes);
  ValidateUtf8(field, *value);
}

}  // namespace

void ValidateName(const std::string& field, const std::string& value) {
  CheckName(FieldName{{}, field}, value);
}

void ValidateEventTypes(const std::string& field, const std::vector<EventType>& types) {
  if (types.empty()) throw ValidationError(field, "needs at least one event type");
  if (types.size() > kMaxEventTypes) {
    throw ValidationError(
        field, "has " + std::to_string(types.size()) + " entries; at most 12 are allowed");
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
  ValidatePattern(FieldName{prefix, "target_id"}, notification.target_id, kMaxTargetIdLength,
                  kTargetIdChars, "[a-zA-Z0-9-._:]");
  CheckName(FieldName{prefix, "target_name"}, notification.target_name);
}

void ValidateCreateSecretEventRequest(const CreateSecretEventRequest& request) {
  ValidateName("name", request.name);
  ValidateEventTypes("event_types", request.event_types);
  ValidateEventState("state", request.state);
  ValidateNotification("notification", request.notification);
}

}  // namespace internal
}  // namespace csms

namespace csms {
namespace internal {

void ValidateUpdateSecretEventRequest(const UpdateSecretEventRequest& request) {
  if (!request.event_types && !request.state && !request.notification) {
    throw ValidationError("request", "sets no field; set event_types, state or notification");
  }
  if (request.event_types) ValidateEventTypes("event_types", *request.event_types);
  if (request.state) ValidateEventState("state", *request.state);
  if (request.notification) ValidateNotification("notification", *request.notification);
}

void ValidateListSecretEventsRequest(const ListSecretEventsRequest& request) {
  ValidateLimit(request.limit);
  if (request.marker) {
    ValidatePattern(FieldName{{}, "marker"}, *request.marker, kMaxNameLength, kMarkerChars,
                    "[a-zA-Z0-9._-]");
  }
}

void ValidateCreateSecretRequest(const CreateSecretRequest& request) {
  ValidateName("name", request.name);
  if (request.secret_string && request.secret_binary) {
    throw ValidationError("secret_binary", "set only one of secret_string and secret_binary");
  }
  if (request.secret_string) {
    ValidateMaxBytes("secret_string", *request.secret_string, kMaxSecretValueBytes);
    ValidateUtf8("secret_string", *request.secret_string);
  }
  // The limit applies to the base64 text on the wire.
  if (request.secret_binary && (request.secret_binary->size() + 2) / 3 * 4 > kMaxSecretValueBytes) {
    throw ValidationError("secret_binary",
                          "is " + std::to_string(request.secret_binary->size()) +
                              " bytes; at most 24576 (32 KiB of base64) are allowed");
  }
  // The schema's UUID pattern contradicts its own examples (32 hex digits), so
  // only the length is checked; the service judges the rest.
  if (request.kms_key_id && request.kms_key_id->empty()) {
    throw ValidationError("kms_key_id", "must not be empty when set");
  }
  ValidateOptionalText("kms_key_id", request.kms_key_id, 64);
  ValidateOptionalText("description", request.description, kMaxDescriptionBytes);
  ValidateSecretType(request.secret_type);
  ValidateOptionalText("rotation_period", request.rotation_period, 50);
  ValidateOptionalText("rotation_config", request.rotation_config, 1024);
  ValidateOptionalText("rotation_func_urn", request.rotation_func_urn, 1024);
  if (request.enterprise_project_id) {
    if (request.enterprise_project_id->empty()) {
      throw ValidationError("enterprise_project_id", "must not be empty when set");
    }
    ValidateOptionalText("enterprise_project_id", request.enterprise_project_id, 36);
  }
  ValidateSubscriptions(request.event_subscriptions);
}

void ValidateUpdateSecretRequest(const UpdateSecretRequest& request) {
  if (!request.kms_key_id && !request.description && !request.auto_rotation &&
      !request.rotation_period && !request.rotation_func_urn && !request.event_subscriptions) {
    throw ValidationError("request", "sets no field");
  }
  // The update schema allows any key id of 2 to 64 characters (aliases included).
  if (request.kms_key_id && request.kms_key_id->size() < 2) {
    throw ValidationError("kms_key_id", "must be 2 to 64 characters");
  }
  ValidateOptionalText("kms_key_id", request.kms_key_id, 64);
  ValidateOptionalText("description", request.description, kMaxDescriptionBytes);
  ValidateOptionalText("rotation_period", request.rotation_period, 50);
  ValidateOptionalText("rotation_func_urn", request.rotation_func_urn, 1024);
  if (request.event_subscriptions) ValidateSubscriptions(*request.event_subscriptions);
}

void ValidateListSecretsRequest(const ListSecretsRequest& request) {
  ValidateLimit(request.limit);
  if (request.marker) ValidateName("marker", *request.marker);
  if (request.event_name) ValidateName("event_name", *request.event_name);
}

}  // namespace internal
}  // namespace csms
