#include "version_request.h"

#include <algorithm>

#include "secret_request.h"
#include "service_error.h"
#include "validation.h"

namespace csms::emu {
namespace {

constexpr std::size_t kMaxVersionDigits = 10;
constexpr int kMinRecoveryDays = 7;
constexpr int kMaxRecoveryDays = 30;
// Epoch values below this are seconds (the documentation says seconds, every
// example is milliseconds; the SDK sends milliseconds).
constexpr std::int64_t kSecondsThreshold = 100'000'000'000;

// An epoch time in seconds or milliseconds, as milliseconds.
std::int64_t EpochMillis(const nlohmann::json& body, const char* field) {
  const auto& value = body.at(field);
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
    throw InvalidParameter(std::string(field) + " must be a non-negative integer timestamp");
  }
  const auto number = value.get<std::int64_t>();
  return number < kSecondsThreshold ? number * 1000 : number;
}

}  // namespace

std::string ValidVersionId(const std::string& text, bool allow_latest) {
  if (allow_latest && text == "latest") return text;
  const bool valid =
      text.size() >= 2 && text.size() <= 1 + kMaxVersionDigits && text[0] == 'v' &&
      std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!valid) {
    throw InvalidParameter(allow_latest ? "version_id must match v[0-9]{1,10}|latest"
                                        : "the version id must match v[0-9]{1,10}");
  }
  return text;
}

VersionData ParseCreateSecretVersion(const nlohmann::json& body) {
  VersionData version;
  std::optional<std::string> value_string = OptionalString(body, "secret_string");
  std::optional<std::string> value_binary = OptionalString(body, "secret_binary");
  if (value_string.has_value() == value_binary.has_value()) {
    throw InvalidParameter("set exactly one of secret_string and secret_binary");
  }
  if ((value_string && value_string->size() > kMaxSecretValueBytes) ||
      (value_binary && value_binary->size() > kMaxSecretValueBytes)) {
    throw InvalidParameter("the secret value may have at most 32768 bytes");
  }
  if (value_binary && !IsBase64(*value_binary)) {
    throw InvalidParameter("secret_binary must be base64");
  }
  version.secret_string = std::move(value_string);
  version.secret_binary = std::move(value_binary);
  if (auto stages = OptionalStringArray(body, "version_stages")) {
    if (stages->empty() || stages->size() > kMaxVersionStages) {
      throw InvalidParameter("version_stages must have 1 to 12 entries");
    }
    for (auto it = stages->begin(); it != stages->end(); ++it) {
      if (!IsValidName(*it)) {
        throw InvalidParameter("version_stages entries must match ^[a-zA-Z0-9_-]{1,64}$");
      }
      if (std::find(stages->begin(), it, *it) != it) {
        throw InvalidParameter("version_stages has a duplicate entry");
      }
    }
    version.version_stages = std::move(*stages);
  }
  if (body.contains("expire_time") && !body.at("expire_time").is_null()) {
    version.expire_time = EpochMillis(body, "expire_time");
  }
  return version;
}

std::int64_t ParseUpdateVersion(const nlohmann::json& body) {
  if (!body.contains("expire_time") || body.at("expire_time").is_null()) {
    throw InvalidParameter("expire_time is required");
  }
  return EpochMillis(body, "expire_time");
}

int ParseDeleteForSchedule(const nlohmann::json& body) {
  if (!body.contains("recovery_window_in_days")) {
    throw InvalidParameter("recovery_window_in_days is required");
  }
  const auto& days = body.at("recovery_window_in_days");
  if (!days.is_number_integer() || days.get<std::int64_t>() < kMinRecoveryDays ||
      days.get<std::int64_t>() > kMaxRecoveryDays) {
    throw InvalidParameter("recovery_window_in_days must be an integer from 7 to 30");
  }
  return static_cast<int>(days.get<std::int64_t>());
}

}  // namespace csms::emu
