#include "internal/json_fields.h"

#include "internal/json_codec.h"

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

[[noreturn]] void WrongType(const char* context, const char* key, const char* expected) {
  throw DecodeError(std::string(context) + "." + key + " is not " + expected);
}

}  // namespace

const json* Member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string StringField(const json& object, const char* key, const char* context) {
  return OptionalStringField(object, key, context).value_or(std::string());
}

std::optional<std::string> OptionalStringField(const json& object, const char* key,
                                               const char* context) {
  const json* value = Member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) WrongType(context, key, "a string");
  return value->get<std::string>();
}

bool BoolField(const json& object, const char* key, const char* context) {
  const json* value = Member(object, key);
  if (value == nullptr) return false;
  if (value->is_boolean()) return value->get<bool>();
  // Some services send booleans as strings.
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (text == "true") return true;
    if (text == "false") return false;
  }
  WrongType(context, key, "a boolean");
}

int IntField(const json& object, const char* key, const char* context) {
  const json* value = Member(object, key);
  if (value == nullptr) return 0;
  // Above INT64_MAX, get<std::int64_t>() would wrap to a negative number.
  if (value->is_number_unsigned()) {
    const auto number = value->get<std::uint64_t>();
    if (number <= INT32_MAX) return static_cast<int>(number);
  } else if (value->is_number_integer()) {
    const auto number = value->get<std::int64_t>();
    if (number >= INT32_MIN && number <= INT32_MAX) return static_cast<int>(number);
  }
  WrongType(context, key, "a 32-bit integer");
}

std::optional<Timestamp> OptionalTimestampField(const json& object, const char* key,
                                                const char* context) {
  const json* value = Member(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX) {
    return Timestamp::max();  // as TimestampFromWire saturates; get<int64_t> would wrap
  }
  if (value->is_number_integer()) return TimestampFromWire(value->get<std::int64_t>());
  if (value->is_number_float()) {
    const double d = value->get<double>();
    if (d >= -9.2e18 && d <= 9.2e18) return TimestampFromWire(static_cast<std::int64_t>(d));
  }
  // Some gateways stringify large integers; accept plain decimal digits.
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (!text.empty() && text.size() <= 18 &&
        text.find_first_not_of("0123456789") == std::string::npos) {
      return TimestampFromWire(std::stoll(text));
    }
  }
  WrongType(context, key, "a timestamp");
}

Timestamp TimestampField(const json& object, const char* key, const char* context) {
  return OptionalTimestampField(object, key, context).value_or(Timestamp{});
}

std::vector<std::string> StringArrayField(const json& object, const char* key,
                                          const char* context) {
  std::vector<std::string> out;
  const json& array = ArrayField(object, key, context);
  out.reserve(array.size());
  for (const auto& item : array) {
    if (!item.is_string()) {
      throw DecodeError(std::string(context) + "." + key + " has a non-string entry");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const json& ObjectField(const json& object, const char* key, const char* context) {
  static const json kEmptyObject = json::object();
  const json* value = Member(object, key);
  if (value == nullptr) return kEmptyObject;
  if (!value->is_object()) WrongType(context, key, "an object");
  return *value;
}

const json& ArrayField(const json& object, const char* key, const char* context) {
  static const json kEmptyArray = json::array();
  const json* value = Member(object, key);
  if (value == nullptr) return kEmptyArray;
  if (!value->is_array()) WrongType(context, key, "an array");
  return *value;
}

json ParseObjectBody(const std::string& body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw DecodeError("the body is not JSON");
  if (!parsed.is_object()) throw DecodeError("the body is not a JSON object");
  return parsed;
}

PageInfo PageInfoFromJson(const json& object) {
  PageInfo page;
  page.next_marker = OptionalStringField(object, "next_marker", "page_info");
  if (page.next_marker && page.next_marker->empty()) page.next_marker.reset();
  page.previous_marker = OptionalStringField(object, "previous_marker", "page_info");
  if (page.previous_marker && page.previous_marker->empty()) page.previous_marker.reset();
  page.current_count = IntField(object, "current_count", "page_info");
  return page;
}

json PageInfoToJson(const PageInfo& page_info) {
  json object = json::object();
  if (page_info.next_marker) object["next_marker"] = *page_info.next_marker;
  if (page_info.previous_marker) object["previous_marker"] = *page_info.previous_marker;
  object["current_count"] = page_info.current_count;
  return object;
}

}  // namespace internal
}  // namespace csms
