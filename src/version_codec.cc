#include "internal/version_codec.h"

#include <chrono>
#include <cstdint>

#include "internal/json_codec.h"
#include "internal/json_fields.h"
#include "internal/json_writer.h"
#include "internal/redactor.h"

namespace csms {
namespace internal {
namespace {

// The value of one base64 character, or -1.
int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

SecretVersion ReadVersionMetadata(JsonReader& reader, const char* context) {
  if (reader.Peek() != JsonKind::kObject) {
    throw DecodeError(std::string(context) + " is not an object");
  }
  SecretVersion v;
  ReadObject(reader, "body", context, [&](std::string_view key) {
    static constexpr StringMember<SecretVersion> kStrings[] = {
        {"id", &SecretVersion::id},
        {"secret_name", &SecretVersion::secret_name},
        {"kms_key_id", &SecretVersion::kms_key_id},
    };
    if (ReadStringMember(reader, key, context, kStrings, &v)) return;
    if (key == "create_time") {
      v.create_time = ReadTimestamp(reader, context, "create_time");
    } else if (key == "expire_time") {
      v.expire_time = ReadOptionalTimestamp(reader, context, "expire_time");
    } else if (key == "version_stages") {
      v.version_stages = ReadStringArray(reader, context, "version_stages");
    } else {
      reader.Skip();
    }
  });
  return v;
}

SecretVersion ReadListedVersion(JsonReader& reader) {
  return ReadVersionMetadata(reader, "version_metadata");
}

// The "version" object of ShowSecretVersion. Every intermediate copy of the
// value is held in a SecretValue, so it is zeroed when it goes.
SecretVersionWithValue ReadVersionWithValue(JsonReader& reader) {
  if (reader.Peek() != JsonKind::kObject) throw DecodeError("version is not an object");
  SecretVersionWithValue result;
  SecretValue text;
  SecretValue base64;
  ReadObject(reader, "body", "version", [&](std::string_view key) {
    if (key == "version_metadata") {
      result.version = ReadVersionMetadata(reader, "version.version_metadata");
    } else if (key == "secret_string") {
      std::optional<std::string> value = ReadOptionalString(reader, "version", "secret_string");
      text = value ? SecretValue::FromString(std::move(*value)) : SecretValue();
      if (value) WipeString(*value);  // a short string leaves its bytes behind when moved
    } else if (key == "secret_binary") {
      std::optional<std::string> value = ReadOptionalString(reader, "version", "secret_binary");
      base64 = value ? SecretValue::FromString(std::move(*value)) : SecretValue();
      if (value) WipeString(*value);
    } else {
      reader.Skip();
    }
  });
  if (!text.empty()) {
    result.value = std::move(text);
  } else if (!base64.empty()) {
    std::optional<std::string> bytes = Base64Decode(*base64.secret_string());
    if (!bytes) throw DecodeError("version.secret_binary is not base64");
    result.value = SecretValue::FromBinary(std::move(*bytes));
    WipeString(*bytes);
  }
  return result;
}

}  // namespace

std::int64_t TimestampToWireMillis(Timestamp time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::size_t length = text.size();
  while (length > 0 && text[length - 1] == '=' && text.size() - length < 2) --length;
  if (length % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(length / 4 * 3 + 2);
  std::uint32_t accumulator = 0;
  int bits = 0;
  for (std::size_t i = 0; i < length; ++i) {
    const int value = Base64Value(text[i]);
    if (value < 0) {
      WipeString(out);
      return std::nullopt;
    }
    accumulator = (accumulator << 6 | static_cast<std::uint32_t>(value)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(accumulator >> bits & 0xFF);
    }
  }
  return out;
}

std::string EncodeCreateSecretVersionBody(const CreateSecretVersionRequest& request) {
  JsonWriter writer(128);
  writer.BeginObject();
  if (request.secret_binary) {
    writer.Key("secret_binary");
    writer.String(Base64Encode(*request.secret_binary));
  }
  if (request.secret_string) {
    writer.Key("secret_string");
    writer.String(*request.secret_string);
  }
  // Absent rather than []: the service then labels the version SYSCURRENT.
  if (!request.version_stages.empty()) {
    writer.Key("version_stages");
    writer.BeginArray();
    for (const std::string& stage : request.version_stages) writer.String(stage);
    writer.EndArray();
  }
  if (request.expire_time) {
    writer.Key("expire_time");
    writer.Int(TimestampToWireMillis(*request.expire_time));
  }
  writer.EndObject();
  return writer.Take();
}

std::string EncodeUpdateSecretVersionBody(const UpdateSecretVersionRequest& request) {
  JsonWriter writer(32);
  writer.BeginObject();
  if (request.expire_time) {
    writer.Key("expire_time");
    writer.Int(TimestampToWireMillis(*request.expire_time));
  }
  writer.EndObject();
  return writer.Take();
}

std::string EncodeDeleteSecretForScheduleBody(int recovery_window_in_days) {
  JsonWriter writer(32);
  writer.BeginObject();
  writer.Key("recovery_window_in_days");
  writer.Int(recovery_window_in_days);
  writer.EndObject();
  return writer.Take();
}

SecretVersion DecodeSecretVersionResponse(const std::string& body) {
  return ReadWrappedObjectBody(body, "version_metadata", ReadListedVersion);
}

SecretVersionPage DecodeSecretVersionPageResponse(const std::string& body) {
  SecretVersionPage page;
  ReadPageBody(body, "version_metadatas", ReadListedVersion, &page.versions, &page.page_info);
  return page;
}

SecretVersionWithValue DecodeSecretVersionWithValueResponse(const std::string& body) {
  return ReadWrappedObjectBody(body, "version", ReadVersionWithValue);
}

std::vector<std::string> RequestSecrets(const CreateSecretVersionRequest& request) {
  return SecretValuesSent(request.secret_string, request.secret_binary);
}

}  // namespace internal
}  // namespace csms
