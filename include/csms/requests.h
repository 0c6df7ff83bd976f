#ifndef CSMS_REQUESTS_H_
#define CSMS_REQUESTS_H_

/// @file
/// Request structs. Every request is validated before anything is sent; a
/// failure throws ValidationError naming the field.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "csms/errors.h"
#include "csms/http.h"
#include "csms/models.h"

namespace csms {

/// CreateSecretEvent (POST /v1/{project_id}/csms/events).
///
/// Rules checked before sending:
/// - name: 1 to 64 of [a-zA-Z0-9_-];
/// - event_types: 1 to 12 entries, no duplicates, each one of the five EventType constants;
/// - state: ENABLED or DISABLED;
/// - notification.target_type: "SMN";
/// - notification.target_id: 1 to 256 of [a-zA-Z0-9-._:];
/// - notification.target_name: 1 to 64 of [a-zA-Z0-9_-].
struct CreateSecretEventRequest {
  std::string name;                         ///< the event's name, unique in the project
  std::vector<EventType> event_types;       ///< the base event types it fires on
  EventState state = EventState::kEnabled;  ///< whether it fires
  Notification notification;                ///< where notifications go
};

/// UpdateSecretEvent (PUT /v1/{project_id}/csms/events/{event_name}). Only
/// the fields that are set are sent; at least one must be. The same rules as
/// CreateSecretEventRequest apply to each field that is set.
struct UpdateSecretEventRequest {
  std::optional<std::vector<EventType>> event_types;  ///< replaces the list of types
  std::optional<EventState> state;                    ///< enables or disables the event
  std::optional<Notification> notification;           ///< replaces the target
};

/// ListSecretEvents (GET /v1/{project_id}/csms/events).
struct ListSecretEventsRequest {
  /// Page size, 1 to 9999 (the API allows four digits); the service's default is 50.
  std::optional<int> limit;
  /// Start after this event name (page_info.next_marker of the previous page);
  /// 1 to 64 of [a-zA-Z0-9._-].
  std::optional<std::string> marker;
};

/// CreateSecret (POST /v1/{project_id}/secrets).
///
/// Rules checked before sending: name as for events; at most one of
/// secret_string and secret_binary, each at most 32 KiB on the wire, and
/// secret_string valid UTF-8; kms_key_id 1 to 64 of [a-zA-Z0-9-_/.:] (a UUID);
/// description at most 2048 bytes of UTF-8 without control characters other
/// than tab, CR and LF; secret_type COMMON, RDS-FG or GaussDB-FG;
/// rotation_period digits and d, h, m or s; rotation_func_urn [a-zA-Z0-9-_.:];
/// enterprise_project_id 1 to 36 of [a-zA-Z0-9-]; a set optional field not "";
/// at most one event subscription, a valid event name.
struct CreateSecretRequest {
  /// The secret's name, unique in the project.
  std::string name;
  /// The secret's text value. Never logged and never in an exception message.
  std::optional<std::string> secret_string;
  /// The secret's binary value as raw bytes; the SDK base64-encodes it.
  std::optional<std::string> secret_binary;
  /// The KMS key (a UUID) that encrypts the value; the service's default key if unset.
  std::optional<std::string> kms_key_id;
  std::optional<std::string> description;            ///< free text, at most 2048 bytes
  std::optional<std::string> secret_type;            ///< "COMMON", "RDS-FG" or "GaussDB-FG"
  std::optional<bool> auto_rotation;                 ///< whether the service rotates the secret
  std::optional<std::string> rotation_period;        ///< rotation interval, e.g. "30d"
  std::optional<std::string> rotation_config;        ///< rotation settings (a JSON document)
  std::optional<std::string> rotation_func_urn;      ///< FunctionGraph function that rotates it
  std::optional<std::string> enterprise_project_id;  ///< enterprise project to create it in
  /// Events this secret subscribes to (at most one).
  std::vector<std::string> event_subscriptions;
};

/// Whether bytes are well-formed UTF-8 (no overlong forms, surrogates or code
/// points above U+10FFFF): the check CsmsClient applies to
/// CreateSecretRequest::secret_string and the other text fields. A value that
/// fails it can only be sent as secret_binary.
/// @throws nothing
bool IsValidUtf8(const std::string& bytes) noexcept;

/// UpdateSecret (PUT /v1/{project_id}/secrets/{secret_name}). Only the fields
/// that are set are sent; at least one must be.
struct UpdateSecretRequest {
  std::optional<std::string> kms_key_id;         ///< a new KMS key (a UUID)
  std::optional<std::string> description;        ///< a new description
  std::optional<bool> auto_rotation;             ///< turns automatic rotation on or off
  std::optional<std::string> rotation_period;    ///< a new rotation interval, e.g. "30d"
  std::optional<std::string> rotation_func_urn;  ///< a new rotation function
  /// {"event-name"} subscribes to that event; an empty vector detaches every
  /// event. At most one entry.
  std::optional<std::vector<std::string>> event_subscriptions;
};

/// ListSecrets (GET /v1/{project_id}/secrets).
struct ListSecretsRequest {
  /// Page size, 1 to 9999.
  std::optional<int> limit;
  /// Start after this secret name; 1 to 64 of [a-zA-Z0-9_-].
  std::optional<std::string> marker;
  /// Only the secrets subscribed to this event.
  std::optional<std::string> event_name;
};

/// CreateSecretVersion (POST /v1/{project_id}/secrets/{secret_name}/versions).
///
/// Rules checked before sending: exactly one of secret_string and
/// secret_binary, each at most 32 KiB on the wire, secret_string valid UTF-8;
/// version_stages at most 12 entries without duplicates, each 1 to 64 of
/// [a-zA-Z0-9_-] (empty: the service labels the new version SYSCURRENT and
/// moves SYSPREVIOUS to the version that was current); expire_time not before
/// 1970 (sent as epoch milliseconds).
struct CreateSecretVersionRequest {
  /// The new version's text value. Never logged and never in an exception message.
  std::optional<std::string> secret_string;
  /// The new version's binary value as raw bytes; the SDK base64-encodes it.
  std::optional<std::string> secret_binary;
  /// Stage labels for the new version (each moves off the version that had it).
  std::vector<std::string> version_stages;
  /// When the version expires; a secret subscribed to SECRET_VERSION_EXPIRED is notified then.
  std::optional<Timestamp> expire_time;
};

/// UpdateSecretVersion (PUT /v1/{project_id}/secrets/{secret_name}/versions/{version_id}).
/// expire_time is required (the API has no other field), not before 1970.
struct UpdateSecretVersionRequest {
  std::optional<Timestamp> expire_time;  ///< the version's new expiry
};

/// ListSecretVersions (GET /v1/{project_id}/secrets/{secret_name}/versions).
struct ListSecretVersionsRequest {
  /// Page size, 1 to 9999; the service's default is 50.
  std::optional<int> limit;
  /// Start after this version id (page_info.next_marker of the previous page), e.g. "v3".
  std::optional<std::string> marker;
};

/// How the wait before each retry grows (docs/retries.md). The names and
/// formulas are those of Marc Brooker, "Exponential Backoff And Jitter", AWS
/// Architecture Blog, 2015, with base = RetryOptions::initial_backoff, cap =
/// RetryOptions::max_backoff, n the retry number (1 for the first retry) and
/// r the injected random number in [0, 1) (ClientOptions::random). All in
/// whole milliseconds; every product and sum saturates instead of overflowing.
enum class BackoffShape {
  /// ceiling = min(cap, base * 2^(n-1)); wait = r * ceiling, in [0, ceiling).
  /// The default.
  kFullJitter,
  /// ceiling as above; wait = ceiling/2 + r * (ceiling - ceiling/2), in
  /// [ceiling/2, ceiling): never much shorter than the exponential wait.
  kEqualJitter,
  /// wait = min(cap, base + r * (max(base, 3 * previous) - base)), where
  /// previous is the wait before the previous retry of this call (base before
  /// the first retry; a Retry-After wait counts as the previous wait).
  kDecorrelatedJitter,
};

/// What a RetryOptions::should_retry predicate is told about a failed attempt
/// the SDK is about to retry. Holds no credential, header value, body or
/// error message.
struct RetryAttempt {
  /// The CsmsClient operation, e.g. "CreateSecretEvent" (as Telemetry has it).
  std::string operation;
  /// The HTTP method: "GET", "PUT", "DELETE" or "POST".
  std::string method;
  /// The request path, percent-encoded, without the query, e.g.
  /// "/v1/{project_id}/csms/events/my-event".
  std::string path;
  /// False for the creates (POST): they are retried only with proof that the
  /// request never left the machine.
  bool idempotent = true;
  /// The attempt that just failed: 1 for the first.
  int attempt = 1;
  /// The HTTP status of the failed attempt; 0 when no response arrived.
  int status_code = 0;
  /// The service's error code from the response body (e.g. "APIGW.0201");
  /// empty when there is none or no response arrived.
  std::string error_code;
  /// Set when no response arrived: the transport failure's kind.
  std::optional<TransportError::Kind> transport_error;
  /// The SDK's own decision, which the predicate may only confirm or stop:
  /// the wait before the retry it would make (backoff or Retry-After).
  std::chrono::milliseconds delay{0};
};

/// When a failed call is tried again (see docs/retries.md).
///
/// Retried: HTTP 429, 500, 502, 503 and 504 and transport failures, for GET, PUT
/// and DELETE. Creates (POST) are retried only when the request provably never
/// left (name resolution or connection failure); after any other failure the
/// client checks the resource instead of sending the create twice.
struct RetryOptions {
  /// Attempts in total, the first included; 1 turns retries off.
  int max_attempts = 3;
  /// Backoff before retry n: see `backoff`. With the default full jitter, a
  /// random duration in [0, min(max_backoff, initial_backoff * 2^(n-1))).
  std::chrono::milliseconds initial_backoff{200};
  /// Upper bound of the backoff before any retry (see initial_backoff).
  std::chrono::milliseconds max_backoff{std::chrono::seconds(5)};
  /// A Retry-After header (seconds or HTTP date) replaces the backoff, but is
  /// never waited for longer than this.
  std::chrono::milliseconds max_retry_after{std::chrono::seconds(20)};
  /// How the backoff grows; BackoffShape::kFullJitter by default (as before
  /// the setting existed). A value outside the enum is a configuration error.
  BackoffShape backoff = BackoffShape::kFullJitter;
  /// Asked before each retry the SDK would make; returning false stops
  /// retrying, and the call fails with the attempt's error (its
  /// retry_stop_reason() is "not retried: should_retry declined"). It can only
  /// narrow: it is not asked about failures the SDK does not retry (a 409, a
  /// create that may have reached the service, a TLS failure), and returning
  /// true never retries beyond max_attempts or the deadline. Not asked about
  /// the one immediate resend after rejected credentials (docs/credentials.md).
  /// Empty (the default): every retry the SDK would make is made. Called on
  /// the thread making the call; an exception it throws ends the call and
  /// propagates unchanged.
  std::function<bool(const RetryAttempt& attempt)> should_retry;
};

/// What one call did, success or failure (CallOptions::metadata, and
/// CallEndInfo::metadata for a Telemetry). See docs/observability.md.
struct CallMetadata {
  /// The HTTP status of the response the call returned, or of the ApiError it
  /// threw; 0 when it threw without a response (TransportError,
  /// CredentialsError). A delete that an earlier attempt already carried out
  /// reports the 204 it returns.
  int status_code = 0;
  /// The X-Request-Id of the last response the call received (else the
  /// body's request_id), as ApiError::request_id() has it; empty when none.
  std::string request_id;
  /// HTTP attempts the call made, the first included, as CsmsError::attempts()
  /// counts them, plus those of a lookup that settled an ambiguous create.
  int attempts = 0;
  /// The host of the last attempt's URL (e.g. "kms.cn-north-4.myhuaweicloud.com"),
  /// without port.
  std::string endpoint;
  /// The port of the last attempt's URL (443 for https without one).
  int port = 0;
  /// From the call's start to its return or throw, backoff waits included, on
  /// ClientOptions::monotonic_clock.
  std::chrono::microseconds elapsed{0};
};

/// Per-call settings; anything left empty takes the client's setting.
struct CallOptions {
  /// Time allowed for each HTTP exchange of this call (connect included).
  std::optional<std::chrono::milliseconds> timeout;
  /// Time allowed for the whole call, every attempt and backoff included.
  std::optional<std::chrono::milliseconds> deadline;
  /// Retry settings for this call.
  std::optional<RetryOptions> retry;
  /// When set, the call writes what it did here: on success before it returns
  /// and on failure before it throws (not for a ValidationError, thrown before
  /// anything is sent). The pointee must outlive the call and not be shared by
  /// concurrent calls. A ListAll* operation makes one call per page: it holds
  /// the last page's. Unset (the default) costs nothing.
  CallMetadata* metadata = nullptr;
  /// Headers added to every attempt of this call, after
  /// ClientOptions::extra_headers; one of the same name (compared without
  /// regard to case) replaces the client's. The same rules as
  /// ClientOptions::extra_headers apply; a breach throws ValidationError
  /// naming "extra_headers" before anything is sent.
  HttpHeaders extra_headers;
};

}  // namespace csms

#endif  // CSMS_REQUESTS_H_
