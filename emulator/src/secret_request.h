#ifndef CSMS_EMULATOR_SRC_SECRET_REQUEST_H_
#define CSMS_EMULATOR_SRC_SECRET_REQUEST_H_

// Decoding and validating the bodies of CreateSecret and UpdateSecret. Rules
// that need the store (does the subscribed event exist?) are checked there.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model.h"

namespace csms::emu {

/// The fields an UpdateSecret body may change.
struct SecretUpdate {
  std::optional<std::string> kms_key_id;
  std::optional<std::string> description;
  std::optional<bool> auto_rotation;
  std::optional<std::string> rotation_period;
  std::optional<std::string> rotation_func_urn;
  std::optional<std::vector<std::string>> event_subscriptions;
};

/// The maximum size of secret_string or secret_binary (32 KiB).
inline constexpr std::size_t kMaxSecretValueBytes = 32 * 1024;

/// @throws ServiceError CSMS.0002 naming the first field that breaks a rule. Error
///         messages never quote the secret value.
SecretData ParseCreateSecret(const nlohmann::json& body);
/// @throws ServiceError CSMS.0002, also when the body changes nothing.
SecretUpdate ParseUpdateSecret(const nlohmann::json& body);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_SECRET_REQUEST_H_
