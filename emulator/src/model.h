#ifndef CSMS_EMULATOR_SRC_MODEL_H_
#define CSMS_EMULATOR_SRC_MODEL_H_

// The emulator's state: plain data, no behaviour. Timestamps are epoch milliseconds.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csms::emu {

struct NotificationTarget {
  std::string target_type = "SMN";
  std::string target_id;
  std::string target_name;
};

struct EventData {
  std::string name;
  std::string event_id;
  std::vector<std::string> event_types;
  std::string state;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  NotificationTarget notification;
};

/// One version of a secret ("v1", "v2", ... in creation order).
struct VersionData {
  std::string id;
  std::vector<std::string> version_stages;
  std::int64_t create_time = 0;
  std::int64_t expire_time = 0;  // 0: never expires
  /// Whether SECRET_VERSION_EXPIRED has fired for the current expire_time
  /// (a new expire_time arms it again).
  bool expiry_fired = false;
  /// The value, as for SecretData: never logged.
  std::optional<std::string> secret_string;
  std::optional<std::string> secret_binary;
};

struct SecretData {
  std::string id;
  std::string name;
  std::string state = "ENABLED";
  std::string kms_key_id;
  std::string description;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::int64_t scheduled_delete_time = 0;
  std::string secret_type = "COMMON";
  bool auto_rotation = false;
  std::string rotation_period;
  std::string rotation_config;
  std::string rotation_func_urn;
  std::int64_t rotation_time = 0;
  std::int64_t next_rotation_time = 0;
  std::vector<std::string> event_subscriptions;
  std::string enterprise_project_id = "0";
  /// The value. Kept in memory (and in the state file, which is test-only);
  /// never encoded into a response and never logged.
  std::optional<std::string> secret_string;
  std::optional<std::string> secret_binary;
  /// Oldest first; CreateSecret makes v1 with the value above.
  std::vector<VersionData> versions;
};

struct RecordData {
  std::string event_name;
  std::string trigger_event_type;
  std::int64_t create_time = 0;
  std::string secret_name;
  std::string secret_type;
  std::string notification_target_name;
  std::string notification_target_id;
  std::string notification_content;
  std::string notification_status;
};

/// Everything the emulator serves. Maps are keyed (and so listed) by name.
struct StoreData {
  std::map<std::string, EventData> events;
  std::map<std::string, SecretData> secrets;
  std::vector<RecordData> records;  // oldest first
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_MODEL_H_
