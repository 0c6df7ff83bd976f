#include "validation.h"

#include "service_error.h"

namespace csms::emu {
namespace {

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

template <typename Allowed>
bool Matches(std::string_view text, std::size_t max_length, Allowed allowed) {
  if (text.empty() || text.size() > max_length) return false;
  for (const char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}

}  // namespace

bool IsValidName(std::string_view text) {
  return Matches(text, 64, [](char c) { return IsAlnum(c) || c == '_' || c == '-'; });
}

bool IsValidEventMarker(std::string_view text) {
  return Matches(text, 64, [](char c) { return IsAlnum(c) || c == '_' || c == '-' || c == '.'; });
}

bool IsValidTargetId(std::string_view text) {
  return Matches(text, 256,
                 [](char c) { return IsAlnum(c) || c == '-' || c == '.' || c == '_' || c == ':'; });
}

bool IsKnownEventType(std::string_view text) {
  return text == "SECRET_VERSION_CREATED" || text == "SECRET_VERSION_EXPIRED" ||
         text == "SECRET_ROTATED" || text == "SECRET_DELETED" || text == "SECRET_ROTATED_FAILED";
}

bool IsBase64(std::string_view text) {
  if (text.size() % 4 != 0) return false;
  std::size_t padding = 0;
  for (const char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0) return false;  // '=' only at the end
    if (!IsAlnum(c) && c != '+' && c != '/') return false;
  }
  return padding <= 2;
}

nlohmann::json ParseJsonObject(const std::string& body) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw MalformedBody("The request body is not valid JSON");
  if (!parsed.is_object()) throw MalformedBody("The request body must be a JSON object");
  return parsed;
}

std::optional<std::string> OptionalString(const nlohmann::json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw InvalidParameter(std::string(field) + " must be a string");
  return it->get<std::string>();
}

std::string RequiredString(const nlohmann::json& object, const char* field) {
  std::optional<std::string> value = OptionalString(object, field);
  if (!value) throw InvalidParameter(std::string(field) + " is required");
  return *value;
}

std::optional<bool> OptionalBool(const nlohmann::json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) throw InvalidParameter(std::string(field) + " must be true or false");
  return it->get<bool>();
}

std::optional<std::vector<std::string>> OptionalStringArray(const nlohmann::json& object,
                                                            const char* field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) throw InvalidParameter(std::string(field) + " must be an array of strings");
  std::vector<std::string> values;
  for (const auto& item : *it) {
    if (!item.is_string()) {
      throw InvalidParameter(std::string(field) + " must be an array of strings");
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

}  // namespace csms::emu
