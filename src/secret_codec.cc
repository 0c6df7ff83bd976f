#include <optional>

#include <nlohmann/json.hpp>

#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"

namespace csms {
namespace internal {
namespace {

using nlohmann::ordered_json;

template <typename T>
void SetIfPresent(ordered_json& object, const char* key, const std::optional<T>& value) {
  if (value) object[key] = *value;
}

}  // namespace

std::string Base64Encode(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += rest == 2 ? kAlphabet[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string EncodeCreateSecretBody(const CreateSecretRequest& request) {
  // ordered_json keeps the documented order; validation has already checked
  // that every string is valid UTF-8, so dump() cannot throw on content.
  ordered_json body = ordered_json::object();
  body["name"] = request.name;
  SetIfPresent(body, "secret_string", request.secret_string);
  if (request.secret_binary) body["secret_binary"] = Base64Encode(*request.secret_binary);
  SetIfPresent(body, "kms_key_id", request.kms_key_id);
  SetIfPresent(body, "description", request.description);
  SetIfPresent(body, "secret_type", request.secret_type);
  SetIfPresent(body, "auto_rotation", request.auto_rotation);
  SetIfPresent(body, "rotation_period", request.rotation_period);
  SetIfPresent(body, "rotation_config", request.rotation_config);
  SetIfPresent(body, "rotation_func_urn", request.rotation_func_urn);
  SetIfPresent(body, "enterprise_project_id", request.enterprise_project_id);
  if (!request.event_subscriptions.empty()) {
    body["event_subscriptions"] = request.event_subscriptions;
  }
  return body.dump();
}

std::string EncodeUpdateSecretBody(const UpdateSecretRequest& request) {
  ordered_json body = ordered_json::object();
  SetIfPresent(body, "kms_key_id", request.kms_key_id);
  SetIfPresent(body, "description", request.description);
  SetIfPresent(body, "auto_rotation", request.auto_rotation);
  SetIfPresent(body, "rotation_period", request.rotation_period);
  SetIfPresent(body, "rotation_func_urn", request.rotation_func_urn);
  // An empty list is meaningful (detach), so it is sent as [].
  if (request.event_subscriptions) {
    body["event_subscriptions"] = ordered_json::array();
    for (const auto& name : *request.event_subscriptions) {
      body["event_subscriptions"].push_back(name);
    }
  }
  return body.dump();
}

Secret ReadSecret(JsonReader& reader) {
  if (reader.Peek() != JsonKind::kObject) throw DecodeError("secret is not an object");
  Secret s;
  ReadObject(reader, "body", "secret", [&](std::string_view key) {
    // Each known member is read into its field: strings, times, the flag and the list.
    static constexpr StringMember<Secret> kStrings[] = {
        {"id", &Secret::id},
        {"name", &Secret::name},
        {"state", &Secret::state},
        {"kms_key_id", &Secret::kms_key_id},
        {"description", &Secret::description},
        {"secret_type", &Secret::secret_type},
        {"rotation_period", &Secret::rotation_period},
        {"rotation_config", &Secret::rotation_config},
        {"rotation_func_urn", &Secret::rotation_func_urn},
        {"enterprise_project_id", &Secret::enterprise_project_id},
    };
    if (ReadStringMember(reader, key, "secret", kStrings, &s)) return;
    if (key == "create_time") {
      s.create_time = ReadTimestamp(reader, "secret", "create_time");
    } else if (key == "update_time") {
      s.update_time = ReadTimestamp(reader, "secret", "update_time");
    } else if (key == "scheduled_delete_time") {
      s.scheduled_delete_time = ReadOptionalTimestamp(reader, "secret", "scheduled_delete_time");
    } else if (key == "rotation_time") {
      s.rotation_time = ReadOptionalTimestamp(reader, "secret", "rotation_time");
    } else if (key == "next_rotation_time") {
      s.next_rotation_time = ReadOptionalTimestamp(reader, "secret", "next_rotation_time");
    } else if (key == "auto_rotation") {
      s.auto_rotation = ReadBool(reader, "secret", "auto_rotation");
    } else if (key == "event_subscriptions") {
      s.event_subscriptions = ReadStringArray(reader, "secret", "event_subscriptions");
    } else {
      reader.Skip();
    }
  });
  return s;
}

Secret DecodeSecretResponse(const std::string& body) {
  return ReadWrappedObjectBody(body, "secret", ReadSecret);
}

SecretPage DecodeSecretPageResponse(const std::string& body) {
  SecretPage page;
  ReadPageBody(body, "secrets", ReadSecret, &page.secrets, &page.page_info);
  return page;
}

}  // namespace internal
}  // namespace csms
