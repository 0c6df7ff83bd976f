#include <optional>

#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_reader.h"
#include "internal/json_writer.h"

namespace csms {
namespace internal {
namespace {

void WriteIfPresent(JsonWriter& writer, std::string_view key,
                    const std::optional<std::string>& value) {
  if (!value) return;
  writer.Key(key);
  writer.String(*value);
}

void WriteIfPresent(JsonWriter& writer, std::string_view key, const std::optional<bool>& value) {
  if (!value) return;
  writer.Key(key);
  writer.Bool(*value);
}

void WriteStringArray(JsonWriter& writer, std::string_view key,
                      const std::vector<std::string>& values) {
  writer.Key(key);
  writer.BeginArray();
  for (const std::string& value : values) writer.String(value);
  writer.EndArray();
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
  // Members in the documented order; validation has already checked that
  // every string is valid UTF-8, so the writer cannot throw on content.
  JsonWriter writer(256);
  writer.BeginObject();
  writer.Key("name");
  writer.String(request.name);
  WriteIfPresent(writer, "secret_string", request.secret_string);
  if (request.secret_binary) {
    writer.Key("secret_binary");
    writer.String(Base64Encode(*request.secret_binary));
  }
  WriteIfPresent(writer, "kms_key_id", request.kms_key_id);
  WriteIfPresent(writer, "description", request.description);
  WriteIfPresent(writer, "secret_type", request.secret_type);
  WriteIfPresent(writer, "auto_rotation", request.auto_rotation);
  WriteIfPresent(writer, "rotation_period", request.rotation_period);
  WriteIfPresent(writer, "rotation_config", request.rotation_config);
  WriteIfPresent(writer, "rotation_func_urn", request.rotation_func_urn);
  WriteIfPresent(writer, "enterprise_project_id", request.enterprise_project_id);
  if (!request.event_subscriptions.empty()) {
    WriteStringArray(writer, "event_subscriptions", request.event_subscriptions);
  }
  writer.EndObject();
  return writer.Take();
}

std::string EncodeUpdateSecretBody(const UpdateSecretRequest& request) {
  JsonWriter writer(128);
  writer.BeginObject();
  WriteIfPresent(writer, "kms_key_id", request.kms_key_id);
  WriteIfPresent(writer, "description", request.description);
  WriteIfPresent(writer, "auto_rotation", request.auto_rotation);
  WriteIfPresent(writer, "rotation_period", request.rotation_period);
  WriteIfPresent(writer, "rotation_func_urn", request.rotation_func_urn);
  // An empty list is meaningful (detach), so it is sent as [].
  if (request.event_subscriptions) {
    WriteStringArray(writer, "event_subscriptions", *request.event_subscriptions);
  }
  writer.EndObject();
  return writer.Take();
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
