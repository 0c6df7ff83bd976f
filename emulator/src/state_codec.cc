#include "state_codec.h"

#include <stdexcept>
#include <string>

#include "json_encoding.h"

namespace csms::emu {
namespace {

const nlohmann::json& Field(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) throw std::runtime_error("an entry is not an object");
  const auto it = object.find(name);
  if (it == object.end()) throw std::runtime_error(std::string("field '") + name + "' is missing");
  return *it;
}

std::string String(const nlohmann::json& object, const char* name) {
  const auto& value = Field(object, name);
  if (!value.is_string())
    throw std::runtime_error(std::string("field '") + name + "' is not a string");
  return value.get<std::string>();
}

std::int64_t Int(const nlohmann::json& object, const char* name) {
  const auto& value = Field(object, name);
  if (!value.is_number_integer()) {
    throw std::runtime_error(std::string("field '") + name + "' is not an integer");
  }
  return value.get<std::int64_t>();
}

bool Bool(const nlohmann::json& object, const char* name) {
  const auto& value = Field(object, name);
  if (!value.is_boolean())
    throw std::runtime_error(std::string("field '") + name + "' is not a boolean");
  return value.get<bool>();
}

std::vector<std::string> Strings(const nlohmann::json& object, const char* name) {
  const auto& value = Field(object, name);
  if (!value.is_array())
    throw std::runtime_error(std::string("field '") + name + "' is not an array");
  std::vector<std::string> out;
  for (const auto& item : value) {
    if (!item.is_string()) {
      throw std::runtime_error(std::string("field '") + name + "' holds a non-string");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::string> OptionalValue(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    throw std::runtime_error(std::string("field '") + name + "' is not a string");
  return it->get<std::string>();
}

const nlohmann::json& Array(const nlohmann::json& object, const char* name) {
  const auto& value = Field(object, name);
  if (!value.is_array()) throw std::runtime_error(std::string("'") + name + "' is not an array");
  return value;
}

EventData DecodeEvent(const nlohmann::json& json) {
  EventData event;
  event.name = String(json, "name");
  event.event_id = String(json, "event_id");
  event.event_types = Strings(json, "event_types");
  event.state = String(json, "state");
  event.create_time = Int(json, "create_time");
  event.update_time = Int(json, "update_time");
  const auto& notification = Field(json, "notification");
  event.notification.target_type = String(notification, "target_type");
  event.notification.target_id = String(notification, "target_id");
  event.notification.target_name = String(notification, "target_name");
  return event;
}

nlohmann::json EncodeVersion(const VersionData& version) {
  nlohmann::json json{{"id", version.id},
                      {"version_stages", version.version_stages},
                      {"create_time", version.create_time},
                      {"expire_time", version.expire_time},
                      {"expiry_fired", version.expiry_fired}};
  if (version.secret_string) json["secret_string"] = *version.secret_string;
  if (version.secret_binary) json["secret_binary"] = *version.secret_binary;
  return json;
}

VersionData DecodeVersion(const nlohmann::json& json) {
  VersionData version;
  version.id = String(json, "id");
  version.version_stages = Strings(json, "version_stages");
  version.create_time = Int(json, "create_time");
  version.expire_time = Int(json, "expire_time");
  version.expiry_fired = Bool(json, "expiry_fired");
  version.secret_string = OptionalValue(json, "secret_string");
  version.secret_binary = OptionalValue(json, "secret_binary");
  return version;
}

SecretData DecodeSecret(const nlohmann::json& json) {
  SecretData secret;
  secret.id = String(json, "id");
  secret.name = String(json, "name");
  secret.state = String(json, "state");
  secret.kms_key_id = String(json, "kms_key_id");
  secret.description = String(json, "description");
  secret.create_time = Int(json, "create_time");
  secret.update_time = Int(json, "update_time");
  secret.scheduled_delete_time = Int(json, "scheduled_delete_time");
  secret.secret_type = String(json, "secret_type");
  secret.auto_rotation = Bool(json, "auto_rotation");
  secret.rotation_period = String(json, "rotation_period");
  secret.rotation_config = OptionalValue(json, "rotation_config").value_or("");
  secret.rotation_func_urn = OptionalValue(json, "rotation_func_urn").value_or("");
  secret.rotation_time = Int(json, "rotation_time");
  secret.next_rotation_time = Int(json, "next_rotation_time");
  secret.event_subscriptions = Strings(json, "event_subscriptions");
  secret.enterprise_project_id = String(json, "enterprise_project_id");
  secret.secret_string = OptionalValue(json, "secret_string");
  secret.secret_binary = OptionalValue(json, "secret_binary");
  // Files written before versions existed have none: the value is v1.
  if (json.contains("versions")) {
    for (const auto& version : Array(json, "versions")) {
      secret.versions.push_back(DecodeVersion(version));
    }
  } else {
    VersionData first;
    first.id = "v1";
    first.version_stages = {"SYSCURRENT"};
    first.create_time = secret.create_time;
    first.secret_string = secret.secret_string;
    first.secret_binary = secret.secret_binary;
    secret.versions.push_back(std::move(first));
  }
  return secret;
}

RecordData DecodeRecord(const nlohmann::json& json) {
  RecordData record;
  record.event_name = String(json, "event_name");
  record.trigger_event_type = String(json, "trigger_event_type");
  record.create_time = Int(json, "create_time");
  record.secret_name = String(json, "secret_name");
  record.secret_type = String(json, "secret_type");
  record.notification_target_name = String(json, "notification_target_name");
  record.notification_target_id = String(json, "notification_target_id");
  record.notification_content = String(json, "notification_content");
  record.notification_status = String(json, "notification_status");
  return record;
}

}  // namespace

nlohmann::json EncodeState(const StoreData& data) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& [name, event] : data.events) events.push_back(EventToJson(event));
  nlohmann::json secrets = nlohmann::json::array();
  for (const auto& [name, secret] : data.secrets) {
    nlohmann::json json = SecretToJson(secret);
    if (secret.secret_string) json["secret_string"] = *secret.secret_string;
    if (secret.secret_binary) json["secret_binary"] = *secret.secret_binary;
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& version : secret.versions) versions.push_back(EncodeVersion(version));
    json["versions"] = std::move(versions);
    secrets.push_back(std::move(json));
  }
  nlohmann::json records = nlohmann::json::array();
  for (const auto& record : data.records) records.push_back(RecordToJson(record));
  return nlohmann::json{{"format", "csms-emulator-state"},
                        {"version", kStateFormatVersion},
                        {"events", events},
                        {"secrets", secrets},
                        {"records", records}};
}

StoreData DecodeState(const nlohmann::json& json) {
  if (!json.is_object() || json.value("format", "") != "csms-emulator-state") {
    throw std::runtime_error("it is not a csms-emulator state file");
  }
  if (Int(json, "version") != kStateFormatVersion) {
    throw std::runtime_error("unsupported state file version");
  }
  StoreData data;
  for (const auto& event : Array(json, "events")) {
    EventData decoded = DecodeEvent(event);
    data.events[decoded.name] = std::move(decoded);
  }
  for (const auto& secret : Array(json, "secrets")) {
    SecretData decoded = DecodeSecret(secret);
    data.secrets[decoded.name] = std::move(decoded);
  }
  for (const auto& record : Array(json, "records")) data.records.push_back(DecodeRecord(record));
  return data;
}

}  // namespace csms::emu
