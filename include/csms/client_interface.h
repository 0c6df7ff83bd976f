#ifndef CSMS_CLIENT_INTERFACE_H_
#define CSMS_CLIENT_INTERFACE_H_

/// @file
/// CsmsClientInterface, the abstract form of CsmsClient, for code that wants to
/// be tested without a service (see csms::testing::MockCsmsClient and
/// docs/testing.md).

#include <string>
#include <vector>

#include "csms/errors.h"
#include "csms/models.h"
#include "csms/requests.h"

namespace csms {

/// Every operation of CsmsClient, as virtual functions.
///
/// Each function's default body throws UnimplementedError naming the
/// operation: a fake overrides only the operations its test uses, and keeps
/// compiling when a new SDK version adds an operation (override it to use it).
///
/// Write code that only calls the service against this interface (take a
/// `CsmsClientInterface&`), pass a CsmsClient in production and a
/// csms::testing::MockCsmsClient (or your own fake) in tests. Each operation
/// has the contract documented on CsmsClient: the same validation, the same
/// exceptions.
///
/// @par Thread safety
/// CsmsClient is safe to call from many threads at once; an implementation used
/// that way must be too.
class CsmsClientInterface {
 public:
  virtual ~CsmsClientInterface() = default;

  /// Creates a secret event. See CsmsClient::CreateSecretEvent().
  /// @throws UnimplementedError unless overridden.
  virtual Event CreateSecretEvent(const CreateSecretEventRequest& request,
                                  const CallOptions& call_options = {});

  /// Returns one event. See CsmsClient::ShowSecretEvent().
  /// @throws UnimplementedError unless overridden.
  virtual Event ShowSecretEvent(const std::string& event_name,
                                const CallOptions& call_options = {});

  /// Changes the set fields of an event. See CsmsClient::UpdateSecretEvent().
  /// @throws UnimplementedError unless overridden.
  virtual Event UpdateSecretEvent(const std::string& event_name,
                                  const UpdateSecretEventRequest& request,
                                  const CallOptions& call_options = {});

  /// Deletes an event. See CsmsClient::DeleteSecretEvent().
  /// @throws UnimplementedError unless overridden.
  virtual void DeleteSecretEvent(const std::string& event_name,
                                 const CallOptions& call_options = {});

  /// Returns one page of events. See CsmsClient::ListSecretEvents().
  /// @throws UnimplementedError unless overridden.
  virtual EventPage ListSecretEvents(const ListSecretEventsRequest& request = {},
                                     const CallOptions& call_options = {});

  /// Returns every event. See CsmsClient::ListAllSecretEvents().
  /// @throws UnimplementedError unless overridden.
  virtual std::vector<Event> ListAllSecretEvents(const CallOptions& call_options = {});

  /// Returns the notification records. See CsmsClient::ListNotificationRecords().
  /// @throws UnimplementedError unless overridden.
  virtual NotificationRecordPage ListNotificationRecords(const CallOptions& call_options = {});

  /// Creates a secret. See CsmsClient::CreateSecret().
  /// @throws UnimplementedError unless overridden.
  virtual Secret CreateSecret(const CreateSecretRequest& request,
                              const CallOptions& call_options = {});

  /// Returns a secret's metadata. See CsmsClient::ShowSecret().
  /// @throws UnimplementedError unless overridden.
  virtual Secret ShowSecret(const std::string& secret_name, const CallOptions& call_options = {});

  /// Changes the set fields of a secret. See CsmsClient::UpdateSecret().
  /// @throws UnimplementedError unless overridden.
  virtual Secret UpdateSecret(const std::string& secret_name, const UpdateSecretRequest& request,
                              const CallOptions& call_options = {});

  /// Deletes a secret. See CsmsClient::DeleteSecret().
  /// @throws UnimplementedError unless overridden.
  virtual void DeleteSecret(const std::string& secret_name, const CallOptions& call_options = {});

  /// Returns one page of secrets. See CsmsClient::ListSecrets().
  /// @throws UnimplementedError unless overridden.
  virtual SecretPage ListSecrets(const ListSecretsRequest& request = {},
                                 const CallOptions& call_options = {});

  /// Adds a version to a secret. See CsmsClient::CreateSecretVersion().
  /// @throws UnimplementedError unless overridden.
  virtual SecretVersion CreateSecretVersion(const std::string& secret_name,
                                            const CreateSecretVersionRequest& request,
                                            const CallOptions& call_options = {});

  /// Returns one page of versions. See CsmsClient::ListSecretVersions().
  /// @throws UnimplementedError unless overridden.
  virtual SecretVersionPage ListSecretVersions(const std::string& secret_name,
                                               const ListSecretVersionsRequest& request = {},
                                               const CallOptions& call_options = {});

  /// Returns every version. See CsmsClient::ListAllSecretVersions().
  /// @throws UnimplementedError unless overridden.
  virtual std::vector<SecretVersion> ListAllSecretVersions(const std::string& secret_name,
                                                           const CallOptions& call_options = {});

  /// Returns a version and its value. See CsmsClient::ShowSecretVersion().
  /// @throws UnimplementedError unless overridden.
  virtual SecretVersionWithValue ShowSecretVersion(const std::string& secret_name,
                                                   const std::string& version_id,
                                                   const CallOptions& call_options = {});

  /// Changes a version's expiry. See CsmsClient::UpdateSecretVersion().
  /// @throws UnimplementedError unless overridden.
  virtual SecretVersion UpdateSecretVersion(const std::string& secret_name,
                                            const std::string& version_id,
                                            const UpdateSecretVersionRequest& request,
                                            const CallOptions& call_options = {});

  /// Rotates a secret. See CsmsClient::RotateSecret().
  /// @throws UnimplementedError unless overridden.
  virtual void RotateSecret(const std::string& secret_name, const CallOptions& call_options = {});

  /// Schedules a secret's deletion. See CsmsClient::DeleteSecretForSchedule().
  /// @throws UnimplementedError unless overridden.
  virtual void DeleteSecretForSchedule(const std::string& secret_name,
                                       int recovery_window_in_days = 30,
                                       const CallOptions& call_options = {});

  /// Cancels a scheduled deletion. See CsmsClient::RestoreSecretFromDeleteSchedule().
  /// @throws UnimplementedError unless overridden.
  virtual void RestoreSecretFromDeleteSchedule(const std::string& secret_name,
                                               const CallOptions& call_options = {});

 protected:
  /// Only implementations construct, copy and move the interface part, so an
  /// implementation is never sliced through a base reference.
  CsmsClientInterface() = default;
  /// Copies the (empty) interface part.
  CsmsClientInterface(const CsmsClientInterface&) = default;
  /// Moves the (empty) interface part.
  CsmsClientInterface(CsmsClientInterface&&) = default;
  /// Copies the (empty) interface part.
  CsmsClientInterface& operator=(const CsmsClientInterface&) = default;
  /// Moves the (empty) interface part.
  CsmsClientInterface& operator=(CsmsClientInterface&&) = default;
};

}  // namespace csms

#endif  // CSMS_CLIENT_INTERFACE_H_
