#include "secret_request.h"

#include "service_error.h"
#include "validation.h"

namespace csms::emu {
namespace {

constexpr std::size_t kMaxDescription = 2048;
constexpr std::size_t kMaxKmsKeyId = 64;
constexpr std::size_t kMaxRotationPeriod = 50;
constexpr std::size_t kMaxRotationConfig = 1024;
constexpr std::size_t kMaxEnterpriseProjectId = 36;
constexpr std::size_t kMaxSubscriptions = 1;

void CheckLength(const std::optional<std::string>& value, const char* field, std::size_t max) {
  if (value && value->size() > max) {
    throw InvalidParameter(std::string(field) + " may have at most " + std::to_string(max) +
                           " characters");
  }
}

std::vector<std::string> ValidSubscriptions(const std::vector<std::string>& names) {
  if (names.size() > kMaxSubscriptions) {
    throw InvalidParameter("event_subscriptions may name at most one event");
  }
  for (const auto& name : names) {
    if (!IsValidName(name)) {
      throw InvalidParameter("event_subscriptions must name events (^[a-zA-Z0-9_-]{1,64}$)");
    }
  }
  return names;
}

}  // namespace

SecretData ParseCreateSecret(const nlohmann::json& body) {
  SecretData secret;
  secret.name = RequiredString(body, "name");
  if (!IsValidName(secret.name)) throw InvalidParameter("name must match ^[a-zA-Z0-9_-]{1,64}$");

  std::optional<std::string> value_string = OptionalString(body, "secret_string");
  std::optional<std::string> value_binary = OptionalString(body, "secret_binary");
  if (value_string && value_binary) {
    throw InvalidParameter("secret_string and secret_binary are mutually exclusive");
  }
  if ((value_string && value_string->size() > kMaxSecretValueBytes) ||
      (value_binary && value_binary->size() > kMaxSecretValueBytes)) {
    throw InvalidParameter("the secret value may have at most 32768 bytes");
  }
  if (value_binary && !IsBase64(*value_binary)) {
    throw InvalidParameter("secret_binary must be base64");
  }
  secret.secret_string = std::move(value_string);
  secret.secret_binary = std::move(value_binary);

  const auto kms_key_id = OptionalString(body, "kms_key_id");
  CheckLength(kms_key_id, "kms_key_id", kMaxKmsKeyId);
  if (kms_key_id) secret.kms_key_id = *kms_key_id;

  const auto description = OptionalString(body, "description");
  CheckLength(description, "description", kMaxDescription);
  if (description) secret.description = *description;

  if (auto type = OptionalString(body, "secret_type")) {
    if (*type != "COMMON" && *type != "RDS-FG" && *type != "GaussDB-FG") {
      throw InvalidParameter("secret_type must be COMMON, RDS-FG or GaussDB-FG");
    }
    secret.secret_type = *type;
  }

  const auto project = OptionalString(body, "enterprise_project_id");
  CheckLength(project, "enterprise_project_id", kMaxEnterpriseProjectId);
  if (project) {
    if (project->empty()) throw InvalidParameter("enterprise_project_id must not be empty");
    secret.enterprise_project_id = *project;
  }

  secret.auto_rotation = OptionalBool(body, "auto_rotation").value_or(false);
  const auto period = OptionalString(body, "rotation_period");
  CheckLength(period, "rotation_period", kMaxRotationPeriod);
  if (period) secret.rotation_period = *period;
  if (secret.auto_rotation && secret.rotation_period.empty()) {
    throw InvalidParameter("rotation_period is required when auto_rotation is true");
  }
  const auto config = OptionalString(body, "rotation_config");
  CheckLength(config, "rotation_config", kMaxRotationConfig);
  if (config) secret.rotation_config = *config;
  if (auto urn = OptionalString(body, "rotation_func_urn")) secret.rotation_func_urn = *urn;

  if (auto subscriptions = OptionalStringArray(body, "event_subscriptions")) {
    secret.event_subscriptions = ValidSubscriptions(*subscriptions);
  }
  return secret;
}

SecretUpdate ParseUpdateSecret(const nlohmann::json& body) {
  SecretUpdate update;
  update.kms_key_id = OptionalString(body, "kms_key_id");
  CheckLength(update.kms_key_id, "kms_key_id", kMaxKmsKeyId);
  update.description = OptionalString(body, "description");
  CheckLength(update.description, "description", kMaxDescription);
  update.auto_rotation = OptionalBool(body, "auto_rotation");
  update.rotation_period = OptionalString(body, "rotation_period");
  CheckLength(update.rotation_period, "rotation_period", kMaxRotationPeriod);
  update.rotation_func_urn = OptionalString(body, "rotation_func_urn");
  if (auto subscriptions = OptionalStringArray(body, "event_subscriptions")) {
    update.event_subscriptions = ValidSubscriptions(*subscriptions);
  }
  if (!update.kms_key_id && !update.description && !update.auto_rotation &&
      !update.rotation_period && !update.rotation_func_urn && !update.event_subscriptions) {
    throw InvalidParameter(
        "the update changes nothing: give kms_key_id, description, auto_rotation, "
        "rotation_period, rotation_func_urn or event_subscriptions");
  }
  return update;
}

}  // namespace csms::emu
