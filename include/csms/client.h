#ifndef CSMS_CLIENT_H_
#define CSMS_CLIENT_H_

/// @file
/// CsmsClient, the entry point of the SDK.

#include <memory>
#include <string>
#include <vector>

#include "csms/client_interface.h"
#include "csms/models.h"
#include "csms/options.h"
#include "csms/requests.h"

namespace csms {

namespace internal {
class ClientImpl;
}  // namespace internal

/// A client of the CSMS secret-event API.
///
/// Every operation validates its request first (ValidationError, nothing sent),
/// signs it with the configured credentials, sends it through the transport and
/// decodes the answer into a struct; an HTTP error status becomes the ApiError
/// subclass of that status, and a failure without a response a TransportError.
///
/// @par Thread safety
/// A CsmsClient is safe to use from many threads at once: the calls share its
/// immutable configuration and a pool of kept-alive connections. Copies are cheap
/// and share the same pool; create one client and pass it around rather than one
/// per call, so that connections (and TLS sessions) are reused.
///
/// After fork(), a client may be used in both processes. With the default
/// (libcurl) transport, the child never uses a connection the parent opened:
/// its first call drops the inherited ones without sending or reading a byte
/// on them (no TLS close_notify), so the parent's connections stay intact,
/// and the child opens its own. Fork only while no other thread is inside a
/// call on the client (as with any object guarded by a mutex). A custom
/// HttpTransport sets its own fork behaviour.
class CsmsClient : public CsmsClientInterface {
 public:
  /// Checks the options and prepares the transport. No network I/O happens here.
  /// @throws ConfigurationError when the options are unusable (see ClientOptions).
  explicit CsmsClient(ClientOptions options);

  /// Copies share the configuration and the connection pool.
  CsmsClient(const CsmsClient&) = default;
  /// Moves the configuration and the connection pool; the moved-from client
  /// may only be destroyed or assigned to.
  CsmsClient(CsmsClient&&) = default;
  /// Shares the other client's configuration and connection pool.
  CsmsClient& operator=(const CsmsClient&) = default;
  /// Takes over the other client's configuration and connection pool.
  CsmsClient& operator=(CsmsClient&&) = default;
  /// Releases this client's share of the connection pool.
  ~CsmsClient() override = default;

  /// Creates a secret event.
  /// Huawei API: CreateSecretEvent, POST /v1/{project_id}/csms/events.
  /// @throws ValidationError before any I/O when the request breaks a documented rule.
  /// @throws ApiError (a subclass per status) when the service answers with an error.
  /// @throws TransportError when no response is received.
  Event CreateSecretEvent(const CreateSecretEventRequest& request,
                          const CallOptions& call_options = {}) override;

  /// Returns one event.
  /// Huawei API: ShowSecretEvent, GET /v1/{project_id}/csms/events/{event_name}.
  /// @throws ValidationError when event_name is not a valid event name (nothing sent).
  /// @throws NotFoundError when the event does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  Event ShowSecretEvent(const std::string& event_name,
                        const CallOptions& call_options = {}) override;

  /// Changes the fields of an event that are set in request, and only those.
  /// Huawei API: UpdateSecretEvent, PUT /v1/{project_id}/csms/events/{event_name}.
  /// @throws ValidationError when no field is set or a set field breaks a rule (nothing sent).
  /// @throws NotFoundError when the event does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  Event UpdateSecretEvent(const std::string& event_name, const UpdateSecretEventRequest& request,
                          const CallOptions& call_options = {}) override;

  /// Deletes an event, immediately and irreversibly. An event that a secret
  /// still subscribes to cannot be deleted: detach it first (UpdateSecret with
  /// an empty event_subscriptions).
  /// Huawei API: DeleteSecretEvent, DELETE /v1/{project_id}/csms/events/{event_name}.
  /// @throws ValidationError when event_name is not a valid event name (nothing sent).
  /// @throws NotFoundError when the event does not exist.
  /// @throws BadRequestError when a secret still subscribes to the event.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  void DeleteSecretEvent(const std::string& event_name,
                         const CallOptions& call_options = {}) override;

  /// Returns one page of events; pass page_info.next_marker as the next marker.
  /// Huawei API: ListSecretEvents, GET /v1/{project_id}/csms/events?limit=&marker=.
  /// @throws ValidationError for a limit outside 1..9999 or a malformed marker (nothing sent).
  /// @throws ApiError for error statuses; TransportError when no response arrives.
  EventPage ListSecretEvents(const ListSecretEventsRequest& request = {},
                             const CallOptions& call_options = {}) override;

  /// Returns every event, following page_info.next_marker. A page shorter than
  /// requested does not end it (servers may cap pages); it stops on an absent
  /// or empty marker, an empty page, or a marker already seen, so a
  /// misbehaving server cannot make it loop. call_options apply to each page,
  /// except the deadline, which bounds the whole listing: every page and retry
  /// spends the one budget (ClientOptions::call_deadline or CallOptions::deadline).
  /// Huawei API: ListSecretEvents, repeatedly.
  /// @throws ApiError for error statuses; TransportError when no response arrives;
  ///         InvalidResponseError after 10000 pages, or when a next_marker the
  ///         server sent is not a valid marker (never ValidationError: the
  ///         caller gave no marker).
  std::vector<Event> ListAllSecretEvents(const CallOptions& call_options = {}) override;

  /// Returns the notification records of the last three months.
  /// Huawei API: ListNotificationRecords, GET /v1/{project_id}/csms/notification-records.
  /// @throws ApiError for error statuses; TransportError when no response arrives.
  NotificationRecordPage ListNotificationRecords(const CallOptions& call_options = {}) override;

  /// Creates a secret, optionally subscribed to an event. The value in the
  /// request is sent once and never logged; the result is metadata only.
  /// Huawei API: CreateSecret, POST /v1/{project_id}/secrets.
  /// @throws ValidationError when the request breaks a documented rule (nothing sent).
  /// @throws ApiError for error statuses; TransportError when no response arrives.
  Secret CreateSecret(const CreateSecretRequest& request,
                      const CallOptions& call_options = {}) override;

  /// Returns a secret's metadata (never its value).
  /// Huawei API: ShowSecret, GET /v1/{project_id}/secrets/{secret_name}.
  /// @throws ValidationError when secret_name is not a valid name (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  Secret ShowSecret(const std::string& secret_name, const CallOptions& call_options = {}) override;

  /// Changes the fields of a secret that are set in request, and only those.
  /// event_subscriptions = {"name"} binds the secret to an event; {} detaches it.
  /// Huawei API: UpdateSecret, PUT /v1/{project_id}/secrets/{secret_name}.
  /// @throws ValidationError when no field is set or a set field breaks a rule (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  Secret UpdateSecret(const std::string& secret_name, const UpdateSecretRequest& request,
                      const CallOptions& call_options = {}) override;

  /// Deletes a secret.
  /// Huawei API: DeleteSecret, DELETE /v1/{project_id}/secrets/{secret_name}.
  /// @throws ValidationError when secret_name is not a valid name (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  void DeleteSecret(const std::string& secret_name, const CallOptions& call_options = {}) override;

  /// Returns one page of secrets, optionally only those subscribed to an event.
  /// Huawei API: ListSecrets, GET /v1/{project_id}/secrets?limit=&marker=&event_name=.
  /// @throws ValidationError for a bad limit, marker or event name (nothing sent).
  /// @throws ApiError for error statuses; TransportError when no response arrives.
  SecretPage ListSecrets(const ListSecretsRequest& request = {},
                         const CallOptions& call_options = {}) override;

  /// Adds a version to a secret and returns its metadata. Not idempotent: it
  /// is sent again only when the request provably never left; after an
  /// ambiguous failure the error says outcome_unknown() and nothing is re-sent
  /// (list the versions before trying again; see docs/retries.md). The value
  /// is sent once, never logged, and scrubbed from anything the server echoes.
  /// Fires SECRET_VERSION_CREATED for a subscribed secret.
  /// Huawei API: CreateSecretVersion, POST /v1/{project_id}/secrets/{secret_name}/versions.
  /// @throws ValidationError when secret_name or the request breaks a rule (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  SecretVersion CreateSecretVersion(const std::string& secret_name,
                                    const CreateSecretVersionRequest& request,
                                    const CallOptions& call_options = {}) override;

  /// Returns one page of a secret's versions (metadata only).
  /// Huawei API: ListSecretVersions, GET
  /// /v1/{project_id}/secrets/{secret_name}/versions?limit=&marker=.
  /// @throws ValidationError for a bad name, a limit outside 1..9999 or a marker
  ///         that is not a version id (nothing sent).
  /// @throws ApiError for error statuses; TransportError when no response arrives.
  SecretVersionPage ListSecretVersions(const std::string& secret_name,
                                       const ListSecretVersionsRequest& request = {},
                                       const CallOptions& call_options = {}) override;

  /// Returns every version of a secret, paging as ListAllSecretEvents() does
  /// (one deadline for the whole listing).
  /// Huawei API: ListSecretVersions, repeatedly.
  /// @throws ValidationError when secret_name is not a valid name (nothing sent).
  /// @throws ApiError for error statuses; TransportError when no response arrives;
  ///         InvalidResponseError as for ListAllSecretEvents().
  std::vector<SecretVersion> ListAllSecretVersions(const std::string& secret_name,
                                                   const CallOptions& call_options = {}) override;

  /// Returns a version and its value. version_id is a version id ("v1", "v2",
  /// ...) or "latest" (the API's alias for the newest version). The value is
  /// never logged or put in an exception; the SDK zeroes the response body it
  /// decoded it from.
  /// Huawei API: ShowSecretVersion, GET
  /// /v1/{project_id}/secrets/{secret_name}/versions/{version_id}.
  /// @throws ValidationError when secret_name or version_id (v[0-9]{1,10} or
  ///         "latest") is malformed (nothing sent).
  /// @throws NotFoundError when the secret or version does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  SecretVersionWithValue ShowSecretVersion(const std::string& secret_name,
                                           const std::string& version_id,
                                           const CallOptions& call_options = {}) override;

  /// Changes a version's expiry.
  /// Huawei API: UpdateVersion, PUT /v1/{project_id}/secrets/{secret_name}/versions/{version_id}.
  /// @throws ValidationError for a bad name or version id, or an unset or
  ///         pre-1970 expire_time (nothing sent).
  /// @throws NotFoundError when the secret or version does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  SecretVersion UpdateSecretVersion(const std::string& secret_name, const std::string& version_id,
                                    const UpdateSecretVersionRequest& request,
                                    const CallOptions& call_options = {}) override;

  /// Rotates a secret now (the service creates a new version; for a COMMON
  /// secret the value is unchanged unless a rotation function makes one).
  /// Fires SECRET_ROTATED, or SECRET_ROTATED_FAILED when the rotation fails.
  /// Not idempotent, like CreateSecretVersion(): never re-sent after an
  /// ambiguous failure, which is thrown with outcome_unknown().
  /// Huawei API: RotateSecret, POST /v1/{project_id}/secrets/{secret_name}/rotate.
  /// @throws ValidationError when secret_name is not a valid name (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  void RotateSecret(const std::string& secret_name, const CallOptions& call_options = {}) override;

  /// Schedules a secret's deletion in recovery_window_in_days (7 to 30) days;
  /// until then its state is PENDING_DELETE and RestoreSecretFromDeleteSchedule()
  /// cancels it. When it executes, SECRET_DELETED fires. After an ambiguous
  /// failure the secret is looked up: PENDING_DELETE means it worked.
  /// Huawei API: DeleteSecretForSchedule,
  /// POST /v1/{project_id}/secrets/{secret_name}/scheduled-deleted-tasks/create.
  /// @throws ValidationError for a bad name or a window outside 7..30 (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses; TransportError when no response arrives.
  void DeleteSecretForSchedule(const std::string& secret_name, int recovery_window_in_days = 30,
                               const CallOptions& call_options = {}) override;

  /// Cancels a scheduled deletion; the secret becomes usable again. After an
  /// ambiguous failure the secret is looked up: a state other than
  /// PENDING_DELETE means it worked.
  /// Huawei API: RestoreSecret,
  /// POST /v1/{project_id}/secrets/{secret_name}/scheduled-deleted-tasks/cancel.
  /// @throws ValidationError when secret_name is not a valid name (nothing sent).
  /// @throws NotFoundError when the secret does not exist.
  /// @throws ApiError for other error statuses (e.g. the secret is not pending
  ///         deletion); TransportError when no response arrives.
  void RestoreSecretFromDeleteSchedule(const std::string& secret_name,
                                       const CallOptions& call_options = {}) override;

 private:
  std::shared_ptr<const internal::ClientImpl> impl_;
};

}  // namespace csms

#endif  // CSMS_CLIENT_H_
