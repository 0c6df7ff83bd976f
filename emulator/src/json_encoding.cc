#include "json_encoding.h"

namespace csms::emu {

nlohmann::json EventToJson(const EventData& event) {
  return nlohmann::json{{"name", event.name},
                        {"event_id", event.event_id},
                        {"event_types", event.event_types},
                        {"state", event.state},
                        {"create_time", event.create_time},
                        {"update_time", event.update_time},
                        {"notification",
                         {{"target_type", event.notification.target_type},
                          {"target_id", event.notification.target_id},
                          {"target_name", event.notification.target_name}}}};
}

nlohmann::json SecretToJson(const SecretData& secret) {
  nlohmann::json json{{"id", secret.id},
                      {"name", secret.name},
                      {"state", secret.state},
                      {"kms_key_id", secret.kms_key_id},
                      {"description", secret.description},
                      {"create_time", secret.create_time},
                      {"update_time", secret.update_time},
                      {"scheduled_delete_time", secret.scheduled_delete_time},
                      {"secret_type", secret.secret_type},
                      {"auto_rotation", secret.auto_rotation},
                      {"rotation_period", secret.rotation_period},
                      {"rotation_time", secret.rotation_time},
                      {"next_rotation_time", secret.next_rotation_time},
                      {"event_subscriptions", secret.event_subscriptions},
                      {"enterprise_project_id", secret.enterprise_project_id}};
  if (!secret.rotation_config.empty()) json["rotation_config"] = secret.rotation_config;
  if (!secret.rotation_func_urn.empty()) json["rotation_func_urn"] = secret.rotation_func_urn;
  return json;
}

nlohmann::json RecordToJson(const RecordData& record) {
  return nlohmann::json{{"event_name", record.event_name},
                        {"trigger_event_type", record.trigger_event_type},
                        {"create_time", record.create_time},
                        {"secret_name", record.secret_name},
                        {"secret_type", record.secret_type},
                        {"notification_target_name", record.notification_target_name},
                        {"notification_target_id", record.notification_target_id},
                        {"notification_content", record.notification_content},
                        {"notification_status", record.notification_status}};
}

nlohmann::json VersionMetadataToJson(const SecretData& secret, const VersionData& version) {
  nlohmann::json json{{"id", version.id},
                      {"secret_name", secret.name},
                      {"version_stages", version.version_stages},
                      {"create_time", version.create_time},
                      {"expire_time", nullptr},
                      {"kms_key_id", secret.kms_key_id}};
  if (version.expire_time != 0) json["expire_time"] = version.expire_time;
  return json;
}

nlohmann::json VersionWithValueToJson(const SecretData& secret, const VersionData& version) {
  nlohmann::json json{{"version_metadata", VersionMetadataToJson(secret, version)}};
  if (version.secret_string) json["secret_string"] = *version.secret_string;
  if (version.secret_binary) json["secret_binary"] = *version.secret_binary;
  return json;
}

nlohmann::json PageInfoToJson(const std::optional<std::string>& next_marker,
                              const std::optional<std::string>& previous_marker,
                              std::size_t current_count) {
  nlohmann::json json{{"current_count", current_count}};
  if (next_marker) json["next_marker"] = *next_marker;
  if (previous_marker) json["previous_marker"] = *previous_marker;
  return json;
}

std::string NestedErrorBody(const std::string& code, const std::string& message) {
  return nlohmann::json{{"error", {{"error_code", code}, {"error_msg", message}}}}.dump();
}

std::string FlatErrorBody(const std::string& code, const std::string& message) {
  return nlohmann::json{{"error_code", code}, {"error_msg", message}}.dump();
}

std::string GatewayErrorBody(const std::string& code, const std::string& message,
                             const std::string& request_id) {
  return nlohmann::json{{"error_code", code}, {"error_msg", message}, {"request_id", request_id}}
      .dump();
}

}  // namespace csms::emu
