#ifndef CSMS_MODELS_H_
#define CSMS_MODELS_H_

/// @file
/// The objects the service returns. Decoding ignores fields it does not know and
/// keeps enum values it does not know, so a newer service never breaks an older SDK.

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csms {

/// A point in time. The wire carries epoch milliseconds (a value below 10^11 is
/// read as seconds, since it cannot be a millisecond timestamp after 1973).
using Timestamp = std::chrono::system_clock::time_point;

/// A base event type, such as SECRET_VERSION_CREATED. Extensible: any wire string
/// can be held, so a type added by the service later survives a round trip.
class EventType {
 public:
  /// Wraps a wire value as it is; validation happens when a request is sent.
  /// @throws std::bad_alloc only.
  explicit EventType(std::string wire) : value_(std::move(wire)) {}

  /// The wire value, e.g. "SECRET_DELETED".
  /// @throws nothing
  const std::string& value() const noexcept { return value_; }

  /// Whether this is one of the five types the SDK knows and may send.
  /// @throws nothing
  bool IsKnown() const noexcept;

  static const EventType kSecretVersionCreated;  ///< "SECRET_VERSION_CREATED"
  static const EventType kSecretVersionExpired;  ///< "SECRET_VERSION_EXPIRED"
  static const EventType kSecretRotated;         ///< "SECRET_ROTATED"
  static const EventType kSecretDeleted;         ///< "SECRET_DELETED"
  static const EventType kSecretRotatedFailed;   ///< "SECRET_ROTATED_FAILED"

  /// Equal when the wire values are equal.
  friend bool operator==(const EventType& a, const EventType& b) { return a.value_ == b.value_; }
  /// Different when the wire values differ.
  friend bool operator!=(const EventType& a, const EventType& b) { return a.value_ != b.value_; }
  /// Orders by wire value, so EventType can be a std::set or std::map key.
  friend bool operator<(const EventType& a, const EventType& b) { return a.value_ < b.value_; }

 private:
  std::string value_;
};

/// Whether an event fires: only an ENABLED event sends notifications.
/// Extensible in the same way as EventType.
class EventState {
 public:
  /// Wraps a wire value as it is.
  /// @throws std::bad_alloc only.
  explicit EventState(std::string wire) : value_(std::move(wire)) {}

  /// The wire value, e.g. "ENABLED".
  /// @throws nothing
  const std::string& value() const noexcept { return value_; }

  /// Whether this is ENABLED or DISABLED.
  /// @throws nothing
  bool IsKnown() const noexcept;

  static const EventState kEnabled;   ///< "ENABLED"
  static const EventState kDisabled;  ///< "DISABLED"

  /// Equal when the wire values are equal.
  friend bool operator==(const EventState& a, const EventState& b) { return a.value_ == b.value_; }
  /// Different when the wire values differ.
  friend bool operator!=(const EventState& a, const EventState& b) { return a.value_ != b.value_; }

 private:
  std::string value_;
};

/// Where an event's notifications go. Only SMN topics exist today.
struct Notification {
  std::string target_type = "SMN";  ///< always "SMN" today
  std::string target_id;            ///< SMN topic URN, e.g. "urn:smn:cn-north-4:<project>:<topic>"
  std::string target_name;          ///< SMN topic name

  /// Equal when all three fields are equal.
  friend bool operator==(const Notification& a, const Notification& b) {
    return a.target_type == b.target_type && a.target_id == b.target_id &&
           a.target_name == b.target_name;
  }
  /// Different when any field differs.
  friend bool operator!=(const Notification& a, const Notification& b) { return !(a == b); }
};

/// A secret event: a named set of base event types sent to one notification target.
struct Event {
  std::string name;                         ///< unique in the project; the key of every call
  std::string event_id;                     ///< UUID assigned by the service
  std::vector<EventType> event_types;       ///< the base event types it fires on
  EventState state = EventState::kEnabled;  ///< whether it fires
  Timestamp create_time{};                  ///< when it was created
  Timestamp update_time{};                  ///< when it was last changed
  Notification notification;                ///< where its notifications go
};

/// Paging state of a list call. The service reports no total.
struct PageInfo {
  std::optional<std::string> next_marker;      ///< pass as marker to get the next page
  std::optional<std::string> previous_marker;  ///< the marker of the previous page, if any
  int current_count = 0;                       ///< items on this page
};

/// One page of ListSecretEvents.
struct EventPage {
  std::vector<Event> events;  ///< the events on this page
  PageInfo page_info;         ///< how to get the next page
};

/// One notification the service sent (or tried to send) for an event.
struct NotificationRecord {
  std::string event_name;                       ///< the event that fired
  EventType trigger_event_type{std::string()};  ///< the base event type that happened
  Timestamp create_time{};                      ///< when the notification was sent
  std::string secret_name;                      ///< the secret it happened to
  std::string secret_type;                      ///< "COMMON", "RDS-FG" or "GaussDB-FG"
  std::string notification_target_name;         ///< the SMN topic's name
  std::string notification_target_id;           ///< the SMN topic's URN
  /// The message body sent to the target: a JSON document in a string. Parse it
  /// with ParseNotificationContent().
  std::string notification_content;
  std::string notification_status;  ///< "SUCCESS", "FAIL" or "INVALID"
};

/// One page of ListNotificationRecords.
struct NotificationRecordPage {
  std::vector<NotificationRecord> records;  ///< the records on this page
  PageInfo page_info;                       ///< paging state as the service sent it
};

/// The decoded notification_content of a NotificationRecord. Fields the
/// document does not carry are left empty.
struct NotificationContent {
  std::string event_name;                        ///< eventName
  EventType event_type{std::string()};           ///< eventType
  std::optional<Timestamp> event_time;           ///< eventTime
  std::string secret_id;                         ///< data.secretId
  std::string secret_name;                       ///< data.secretName
  std::optional<Timestamp> secret_create_time;   ///< data.createTime
  std::optional<Timestamp> secret_update_time;   ///< data.updateTime
  std::string version_id;                        ///< data.versionId
  std::optional<Timestamp> version_expire_time;  ///< data.versionExpireTime
};

/// Parses NotificationRecord::notification_content (camelCase keys: eventName,
/// eventType, eventTime, data.secretId, data.secretName, data.createTime,
/// data.updateTime, data.versionId, data.versionExpireTime). Missing or
/// mistyped fields are left empty. Times are ISO-8601 UTC or epoch numbers; one
/// outside Timestamp's range (1677 to 2262) saturates to Timestamp::min() or
/// Timestamp::max(), as the other decoded times do.
/// @returns nullopt when the content is not a JSON object.
/// @throws std::bad_alloc only.
std::optional<NotificationContent> ParseNotificationContent(const std::string& content);

/// A secret's metadata. The SDK never returns (or logs) a secret's value.
struct Secret {
  std::string id;           ///< assigned by the service
  std::string name;         ///< unique in the project; the key of every call
  std::string state;        ///< "ENABLED", "DISABLED", "PENDING_DELETE" or "FROZEN"
  std::string kms_key_id;   ///< the KMS key that encrypts its values
  std::string description;  ///< free text
  Timestamp create_time{};  ///< when it was created
  Timestamp update_time{};  ///< when it was last changed
  /// When a secret in PENDING_DELETE will be deleted.
  std::optional<Timestamp> scheduled_delete_time;
  std::string secret_type;                      ///< "COMMON", "RDS-FG" or "GaussDB-FG"
  bool auto_rotation = false;                   ///< whether the service rotates it
  std::string rotation_period;                  ///< e.g. "30d"
  std::string rotation_config;                  ///< rotation settings (a JSON document)
  std::string rotation_func_urn;                ///< FunctionGraph function that rotates it
  std::optional<Timestamp> rotation_time;       ///< when it was last rotated
  std::optional<Timestamp> next_rotation_time;  ///< when it will next be rotated
  /// Names of the events this secret is subscribed to (at most one today).
  std::vector<std::string> event_subscriptions;
  std::string enterprise_project_id;  ///< the enterprise project it belongs to
};

/// One page of ListSecrets.
struct SecretPage {
  std::vector<Secret> secrets;  ///< the secrets on this page
  PageInfo page_info;           ///< how to get the next page
};

/// A version of a secret: VersionMetadata on the wire (the official models'
/// model_version_metadata.go). Versions are named "v1", "v2", ... in creation
/// order; the secret's value lives in them.
struct SecretVersion {
  std::string id;           ///< the version id, e.g. "v2"; unique within the secret
  std::string secret_name;  ///< the secret it belongs to
  /// Stage labels on this version, e.g. {"SYSCURRENT"} for the current one and
  /// {"SYSPREVIOUS"} for the one before. A label is on one version at a time.
  std::vector<std::string> version_stages;
  Timestamp create_time{};               ///< when the version was created
  std::optional<Timestamp> expire_time;  ///< when it expires (fires SECRET_VERSION_EXPIRED)
  std::string kms_key_id;                ///< the KMS key that encrypts its value
};

/// One page of ListSecretVersions.
struct SecretVersionPage {
  std::vector<SecretVersion> versions;  ///< the versions on this page
  PageInfo page_info;                   ///< how to get the next page
};

/// A secret's value: text (secret_string) or raw bytes (secret_binary, decoded
/// from the wire's base64), or nothing.
///
/// The bytes are overwritten with zeros (OPENSSL_cleanse) when the value is
/// destroyed, cleared, assigned over or moved from; a moved-from value is
/// empty. There is deliberately no operator<< and no conversion to string:
/// read the bytes with secret_string() or secret_binary() where they are
/// needed, and never log them. Copying is allowed (a value can be handed on
/// as an ordinary field), and each copy zeroes its own bytes when it goes;
/// prefer moving, which leaves a single copy. The zeroing covers the bytes
/// this object holds, not copies the caller makes from the views, nor the
/// buffers of a custom HttpTransport.
class SecretValue {
 public:
  /// Which kind of value is held.
  enum class Kind {
    kNone,    ///< no value
    kString,  ///< a text value (secret_string)
    kBinary,  ///< a binary value (secret_binary), as raw bytes
  };

  /// An empty value (Kind::kNone).
  /// @throws nothing
  SecretValue() noexcept = default;
  /// A text value.
  /// @throws std::bad_alloc only.
  static SecretValue FromString(std::string text);
  /// A binary value: raw bytes, not base64.
  /// @throws std::bad_alloc only.
  static SecretValue FromBinary(std::string bytes);

  /// Copies the bytes (see the class comment).
  /// @throws std::bad_alloc only.
  SecretValue(const SecretValue& other);
  /// Zeroes this value's bytes, then copies other's.
  /// @throws std::bad_alloc only.
  SecretValue& operator=(const SecretValue& other);
  /// Takes other's bytes; other is zeroed and left empty.
  /// @throws nothing
  SecretValue(SecretValue&& other) noexcept;
  /// Zeroes this value's bytes, then takes other's; other is zeroed and left empty.
  /// @throws nothing
  SecretValue& operator=(SecretValue&& other) noexcept;
  /// Zeroes the bytes.
  ~SecretValue();

  /// Which kind of value is held.
  /// @throws nothing
  Kind kind() const noexcept { return kind_; }
  /// Whether no value is held.
  /// @throws nothing
  bool empty() const noexcept { return kind_ == Kind::kNone; }
  /// The text, when this is a text value; valid until this value changes.
  /// @throws nothing
  std::optional<std::string_view> secret_string() const noexcept;
  /// The raw bytes, when this is a binary value; valid until this value changes.
  /// @throws nothing
  std::optional<std::string_view> secret_binary() const noexcept;
  /// Zeroes the bytes and leaves the value empty.
  /// @throws nothing
  void Clear() noexcept;

 private:
  SecretValue(Kind kind, std::string bytes) noexcept : kind_(kind), bytes_(std::move(bytes)) {}

  Kind kind_ = Kind::kNone;
  std::string bytes_;
};

/// For GoogleTest's printer (found by argument-dependent lookup), which would
/// otherwise dump the object's bytes, value included: writes only the kind and
/// the size, e.g. "SecretValue(string, 12 bytes)".
/// @throws whatever writing to the stream throws.
void PrintTo(const SecretValue& value, std::ostream* out);

/// ShowSecretVersion's answer: the version's metadata and its value.
struct SecretVersionWithValue {
  SecretVersion version;  ///< the version's metadata
  SecretValue value;      ///< its value; never logged, never in an exception
};

}  // namespace csms

#endif  // CSMS_MODELS_H_
