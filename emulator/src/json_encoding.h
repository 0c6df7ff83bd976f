#ifndef CSMS_EMULATOR_SRC_JSON_ENCODING_H_
#define CSMS_EMULATOR_SRC_JSON_ENCODING_H_

// Response bodies: the service's objects and its three error shapes.

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model.h"

namespace csms::emu {

nlohmann::json EventToJson(const EventData& event);
/// Every documented Secret field; the value is never part of it.
nlohmann::json SecretToJson(const SecretData& secret);
nlohmann::json RecordToJson(const RecordData& record);
/// VersionMetadata: id, secret_name, version_stages, create_time, expire_time
/// (null when none), kms_key_id. Never the value.
nlohmann::json VersionMetadataToJson(const SecretData& secret, const VersionData& version);
/// ShowSecretVersion's Version: version_metadata plus secret_string or secret_binary.
nlohmann::json VersionWithValueToJson(const SecretData& secret, const VersionData& version);
/// {next_marker?, previous_marker?, current_count}: markers only when set.
nlohmann::json PageInfoToJson(const std::optional<std::string>& next_marker,
                              const std::optional<std::string>& previous_marker,
                              std::size_t current_count);

/// Event operations and notification records: {"error":{"error_code","error_msg"}}.
std::string NestedErrorBody(const std::string& code, const std::string& message);
/// Secret operations: {"error_code","error_msg"}.
std::string FlatErrorBody(const std::string& code, const std::string& message);
/// The API gateway (authentication, injected faults, unknown routes):
/// {"error_code","error_msg","request_id"}.
std::string GatewayErrorBody(const std::string& code, const std::string& message,
                             const std::string& request_id);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_JSON_ENCODING_H_
