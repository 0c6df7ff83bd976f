#ifndef CSMS_SRC_INTERNAL_JSON_FIELDS_H_
#define CSMS_SRC_INTERNAL_JSON_FIELDS_H_

// Tolerant, typed reads of JSON object members, shared by every decoder: an
// absent or null member gives the default, a member of the wrong type throws
// DecodeError naming "<context>.<key>".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "csms/models.h"

namespace csms {
namespace internal {

/// The member, or nullptr when absent or null.
const nlohmann::json* Member(const nlohmann::json& object, const char* key);

std::string StringField(const nlohmann::json& object, const char* key, const char* context);
std::optional<std::string> OptionalStringField(const nlohmann::json& object, const char* key,
                                               const char* context);
bool BoolField(const nlohmann::json& object, const char* key, const char* context);
int IntField(const nlohmann::json& object, const char* key, const char* context);
Timestamp TimestampField(const nlohmann::json& object, const char* key, const char* context);
std::optional<Timestamp> OptionalTimestampField(const nlohmann::json& object, const char* key,
                                                const char* context);
std::vector<std::string> StringArrayField(const nlohmann::json& object, const char* key,
                                          const char* context);
/// The member object; an empty object when absent.
const nlohmann::json& ObjectField(const nlohmann::json& object, const char* key,
                                  const char* context);
/// The member array; an empty array when absent.
const nlohmann::json& ArrayField(const nlohmann::json& object, const char* key,
                                 const char* context);

/// Parses a response body that must be a JSON object.
nlohmann::json ParseObjectBody(const std::string& body);

/// PageInfo from its JSON object (next_marker and previous_marker absent or
/// empty both give nullopt).
PageInfo PageInfoFromJson(const nlohmann::json& object);
nlohmann::json PageInfoToJson(const PageInfo& page_info);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_FIELDS_H_
