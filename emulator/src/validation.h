#ifndef CSMS_EMULATOR_SRC_VALIDATION_H_
#define CSMS_EMULATOR_SRC_VALIDATION_H_

// The documented field rules, and typed access to JSON request fields that
// reports a wrong type as CSMS.0002.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace csms::emu {

/// ^[a-zA-Z0-9_-]{1,64}$ : event, secret and SMN target names.
bool IsValidName(std::string_view text);
/// ^[a-zA-Z0-9._-]{1,64}$ : the event list marker.
bool IsValidEventMarker(std::string_view text);
/// ^[a-zA-Z0-9\-._:]{1,256}$ : an SMN topic URN.
bool IsValidTargetId(std::string_view text);
/// One of the five documented event types.
bool IsKnownEventType(std::string_view text);
/// The documented base64 alphabet with '=' padding and a length that is a multiple of 4.
bool IsBase64(std::string_view text);

/// Parses a request body that must be a JSON object.
/// @throws ServiceError CSMS.0004 when it is not.
nlohmann::json ParseJsonObject(const std::string& body);

/// The field as a string; nullopt when absent or null.
/// @throws ServiceError CSMS.0002 when present with another type.
std::optional<std::string> OptionalString(const nlohmann::json& object, const char* field);
/// @throws ServiceError CSMS.0002 when absent, null or not a string.
std::string RequiredString(const nlohmann::json& object, const char* field);
/// @throws ServiceError CSMS.0002 when present with another type.
std::optional<bool> OptionalBool(const nlohmann::json& object, const char* field);
/// An array of strings; nullopt when absent or null.
/// @throws ServiceError CSMS.0002 when not an array of strings.
std::optional<std::vector<std::string>> OptionalStringArray(const nlohmann::json& object,
                                                            const char* field);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_VALIDATION_H_
