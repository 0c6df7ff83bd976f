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
constexpr std::size_t kMaxVersionDigits = 10;
constexpr std::size_t kMaxVersionStages = 12;
constexpr int kMinRecoveryWindowDays = 7;
constexpr int kMaxRecoveryWindowDays = 30;

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
// A KMS key id is a UUID; the update schema also allows aliases such as
// "csms/default".
constexpr CharClass kKmsKeyIdChars = AlnumAnd("-_/.:");
// A FunctionGraph URN: urn:fss:{region}:{project}:function:{package}:{name}:{version}.
constexpr CharClass kUrnChars = AlnumAnd("-_.:");
constexpr CharClass kEnterpriseProjectIdChars = AlnumAnd("-");

constexpr std::size_t kMaxKmsKeyIdLength = 64;
constexpr std::size_t kMaxRotationPeriodLength = 50;
constexpr std::size_t kMaxRotationConfigBytes = 1024;
constexpr std::size_t kMaxUrnLength = 1024;
constexpr std::size_t kMaxEnterpriseProjectIdLength = 36;
constexpr std::size_t kQuotedBytes = 64;

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
    throw ValidationError(field.Joined(), QuoteForMessage(value) +
                                              " contains a character outside " +
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
    throw ValidationError("secret_type",
                          QuoteForMessage(*type) + " is not COMMON, RDS-FG or GaussDB-FG");
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

// A set optional field that the API wants either with a value or not at all:
// "" is refused like any other value outside the pattern.
void ValidateOptionalPattern(std::string_view field, const std::optional<std::string>& value,
                             std::size_t max_length, const CharClass& allowed,
                             const char* allowed_description) {
  if (!value) return;
  if (value->empty()) throw ValidationError(std::string(field), "must not be empty when set");
  ValidatePattern(FieldName{{}, field}, *value, max_length, allowed, allowed_description);
}

// Integer[unit]: digits and one of d, h, m, s ("30d", "720h").
void ValidateRotationPeriod(const std::optional<std::string>& period) {
  if (!period) return;
  const std::string& value = *period;
  const bool digits =
      value.size() >= 2 && std::all_of(value.begin(), value.end() - 1, IsAsciiDigit);
  const char unit = value.empty() ? '\0' : value.back();
  if (value.size() > kMaxRotationPeriodLength || !digits ||
      (unit != 'd' && unit != 'h' && unit != 'm' && unit != 's')) {
    throw ValidationError("rotation_period", QuoteForMessage(value) +
                                                 " is not a number followed by d, h, m or s "
                                                 "(e.g. \"30d\"), at most 50 characters");
  }
}

// Free text (description, rotation_config): any UTF-8, but of the control
// characters only tab, CR and LF.
void ValidateFreeText(const std::string& field, const std::optional<std::string>& text,
                      std::size_t max_bytes) {
  ValidateOptionalText(field, text, max_bytes);
  if (!text) return;
  const auto bad = std::find_if(text->begin(), text->end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f;
  });
  if (bad != text->end()) {
    throw ValidationError(
        field, "contains a control character at position " + std::to_string(bad - text->begin()));
  }
}

void ValidateKmsKeyId(const std::optional<std::string>& key_id, std::size_t min_length) {
  ValidateOptionalPattern("kms_key_id", key_id, kMaxKmsKeyIdLength, kKmsKeyIdChars,
                          "[a-zA-Z0-9-_/.:]");
  if (key_id && key_id->size() < min_length) {
    throw ValidationError("kms_key_id",
                          "must be " + std::to_string(min_length) + " to 64 characters");
  }
}

// A version's expiry goes out as epoch milliseconds, which the service reads
// as a time after 1970: an earlier one is a caller's mistake.
void ValidateExpireTime(const std::optional<Timestamp>& expire_time) {
  if (expire_time && expire_time->time_since_epoch().count() < 0) {
    throw ValidationError("expire_time", "is before 1970");
  }
}

}  // namespace

std::string QuoteForMessage(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size() && i < kQuotedBytes; ++i) {
    const char c = value[i];
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
      case '\\':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        if (byte < 0x20 || byte >= 0x7f) {
          const char escaped[] = {'\\', 'x', kHex[byte >> 4], kHex[byte & 0x0f]};
          out.append(escaped, sizeof escaped);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  if (value.size() > kQuotedBytes) out += "... (" + std::to_string(value.size()) + " bytes)";
  return out;
}

std::optional<std::string> TextRuleViolation(std::string_view value, std::size_t min_length,
                                             std::size_t max_length, TextCharset charset) {
  if (value.empty() && min_length > 0) return std::string("is empty");
  if (value.size() < min_length) {
    return "is " + std::to_string(value.size()) + " bytes long; at least " +
           std::to_string(min_length) + " are needed";
  }
  if (value.size() > max_length) {
    return "is " + std::to_string(value.size()) + " bytes long; at most " +
           std::to_string(max_length) + " are allowed";
  }
  static constexpr CharClass kToken = AlnumAnd("._-");
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte < 0x20 || byte == 0x7f) {
      return "contains control characters (at position " + std::to_string(i) + ")";
    }
    const char* outside = nullptr;
    switch (charset) {
      case TextCharset::kToken:
        if (!kToken[byte]) outside = "letters, digits, '.', '_' and '-'";
        break;
      case TextCharset::kPrintableNoSpace:
        if (byte <= 0x20 || byte > 0x7e) outside = "printable ASCII without spaces";
        break;
      case TextCharset::kPrintable:
        if (byte > 0x7e) outside = "printable ASCII";
        break;
      case TextCharset::kNoControl:
        break;
    }
    if (outside != nullptr) {
      return std::string("contains a character outside ") + outside + " (at position " +
             std::to_string(i) + ")";
    }
  }
  return std::nullopt;
}

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
      throw ValidationError(field, "entry " + std::to_string(i) + " " + QuoteForMessage(value) +
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
    throw ValidationError(field, QuoteForMessage(state.value()) + " is not ENABLED or DISABLED");
  }
}

void ValidateNotification(const std::string& prefix, const Notification& notification) {
  if (notification.target_type != "SMN") {
    throw ValidationError(prefix + ".target_type", QuoteForMessage(notification.target_type) +
                                                       " is not supported; only SMN is");
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
  // the characters and length of a key id are checked; the service judges the rest.
  ValidateKmsKeyId(request.kms_key_id, 1);
  ValidateFreeText("description", request.description, kMaxDescriptionBytes);
  ValidateSecretType(request.secret_type);
  ValidateRotationPeriod(request.rotation_period);
  ValidateFreeText("rotation_config", request.rotation_config, kMaxRotationConfigBytes);
  ValidateOptionalPattern("rotation_func_urn", request.rotation_func_urn, kMaxUrnLength, kUrnChars,
                          "[a-zA-Z0-9-_.:]");
  ValidateOptionalPattern("enterprise_project_id", request.enterprise_project_id,
                          kMaxEnterpriseProjectIdLength, kEnterpriseProjectIdChars, "[a-zA-Z0-9-]");
  ValidateSubscriptions(request.event_subscriptions);
}

void ValidateUpdateSecretRequest(const UpdateSecretRequest& request) {
  if (!request.kms_key_id && !request.description && !request.auto_rotation &&
      !request.rotation_period && !request.rotation_func_urn && !request.event_subscriptions) {
    throw ValidationError("request", "sets no field");
  }
  // The update schema allows any key id of 2 to 64 characters (aliases included).
  ValidateKmsKeyId(request.kms_key_id, 2);
  ValidateFreeText("description", request.description, kMaxDescriptionBytes);
  ValidateRotationPeriod(request.rotation_period);
  ValidateOptionalPattern("rotation_func_urn", request.rotation_func_urn, kMaxUrnLength, kUrnChars,
                          "[a-zA-Z0-9-_.:]");
  if (request.event_subscriptions) ValidateSubscriptions(*request.event_subscriptions);
}

void ValidateListSecretsRequest(const ListSecretsRequest& request) {
  ValidateLimit(request.limit);
  if (request.marker) ValidateName("marker", *request.marker);
  if (request.event_name) ValidateName("event_name", *request.event_name);
}

void ValidateVersionId(const std::string& field, const std::string& value, bool allow_latest) {
  if (allow_latest && value == "latest") return;
  const bool digits = value.size() >= 2 && value.size() <= 1 + kMaxVersionDigits &&
                      value[0] == 'v' && std::all_of(value.begin() + 1, value.end(), IsAsciiDigit);
  if (!digits) {
    throw ValidationError(field, QuoteForMessage(value) + " is not a version id (v[0-9]{1,10}" +
                                     (allow_latest ? " or \"latest\")" : ")"));
  }
}

void ValidateCreateSecretVersionRequest(const CreateSecretVersionRequest& request) {
  if (request.secret_string && request.secret_binary) {
    throw ValidationError("secret_binary", "set only one of secret_string and secret_binary");
  }
  if (!request.secret_string && !request.secret_binary) {
    throw ValidationError("secret_string", "set one of secret_string and secret_binary");
  }
  if (request.secret_string) {
    ValidateMaxBytes("secret_string", *request.secret_string, kMaxSecretValueBytes);
    ValidateUtf8("secret_string", *request.secret_string);
  }
  if (request.secret_binary && (request.secret_binary->size() + 2) / 3 * 4 > kMaxSecretValueBytes) {
    throw ValidationError("secret_binary",
                          "is " + std::to_string(request.secret_binary->size()) +
                              " bytes; at most 24576 (32 KiB of base64) are allowed");
  }
  const auto& stages = request.version_stages;
  if (stages.size() > kMaxVersionStages) {
    throw ValidationError("version_stages", "has " + std::to_string(stages.size()) +
                                                " entries; at most 12 are allowed");
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    CheckName(FieldName{{}, "version_stages"}, stages[i]);
    if (std::find(stages.begin(), stages.begin() + static_cast<std::ptrdiff_t>(i), stages[i]) !=
        stages.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw ValidationError("version_stages", QuoteForMessage(stages[i]) + " appears twice");
    }
  }
  ValidateExpireTime(request.expire_time);
}

void ValidateUpdateSecretVersionRequest(const UpdateSecretVersionRequest& request) {
  if (!request.expire_time) throw ValidationError("expire_time", "is required");
  ValidateExpireTime(request.expire_time);
}

void ValidateListSecretVersionsRequest(const ListSecretVersionsRequest& request) {
  ValidateLimit(request.limit);
  if (request.marker) ValidateVersionId("marker", *request.marker, false);
}

void ValidateRecoveryWindow(int days) {
  if (days < kMinRecoveryWindowDays || days > kMaxRecoveryWindowDays) {
    throw ValidationError("recovery_window_in_days",
                          std::to_string(days) + " is outside 7 to 30 days");
  }
}

}  // namespace internal

bool IsValidUtf8(const std::string& bytes) noexcept { return internal::IsValidUtf8(bytes); }

}  // namespace csms
