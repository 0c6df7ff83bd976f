#ifndef CSMS_TESTING_MOCK_CLIENT_H_
#define CSMS_TESTING_MOCK_CLIENT_H_

/// @file
/// csms::testing::MockCsmsClient, a GoogleMock mock of CsmsClientInterface for
/// testing code that calls CSMS. Link csms::sdk_mocks (which brings GTest::gmock).
///
/// @code
/// csms::testing::MockCsmsClient client;
/// EXPECT_CALL(client, ShowSecretEvent("rotation-alerts", ::testing::_))
///     .WillOnce(::testing::Throw(csms::NotFoundError(404, {"CSMS.0005", "not found"}, "req-1")));
/// MyCode code(client);  // takes a csms::CsmsClientInterface&
/// @endcode

#include <gmock/gmock.h>

#include <string>
#include <vector>

#include "csms/client_interface.h"
#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
/// Test helpers for code that uses the SDK.
namespace testing {

/// A GoogleMock mock of every CsmsClientInterface operation. Nothing is
/// validated or sent: each call does what the test's EXPECT_CALL/ON_CALL says
/// (by default it returns a default-constructed value). Make it throw any SDK
/// error with GoogleMock's Throw action; every error type has a public constructor.
class MockCsmsClient : public CsmsClientInterface {
 public:
  /// Mocks CsmsClientInterface::CreateSecretEvent().
  MOCK_METHOD(Event, CreateSecretEvent,
              (const CreateSecretEventRequest& request, const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::ShowSecretEvent().
  MOCK_METHOD(Event, ShowSecretEvent,
              (const std::string& event_name, const CallOptions& call_options), (override));
  /// Mocks CsmsClientInterface::UpdateSecretEvent().
  MOCK_METHOD(Event, UpdateSecretEvent,
              (const std::string& event_name, const UpdateSecretEventRequest& request,
               const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::DeleteSecretEvent().
  MOCK_METHOD(void, DeleteSecretEvent,
              (const std::string& event_name, const CallOptions& call_options), (override));
  /// Mocks CsmsClientInterface::ListSecretEvents().
  MOCK_METHOD(EventPage, ListSecretEvents,
              (const ListSecretEventsRequest& request, const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::ListAllSecretEvents().
  MOCK_METHOD(std::vector<Event>, ListAllSecretEvents, (const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::ListNotificationRecords().
  MOCK_METHOD(NotificationRecordPage, ListNotificationRecords, (const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::CreateSecret().
  MOCK_METHOD(Secret, CreateSecret,
              (const CreateSecretRequest& request, const CallOptions& call_options), (override));
  /// Mocks CsmsClientInterface::ShowSecret().
  MOCK_METHOD(Secret, ShowSecret, (const std::string& secret_name, const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::UpdateSecret().
  MOCK_METHOD(Secret, UpdateSecret,
              (const std::string& secret_name, const UpdateSecretRequest& request,
               const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::DeleteSecret().
  MOCK_METHOD(void, DeleteSecret, (const std::string& secret_name, const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::ListSecrets().
  MOCK_METHOD(SecretPage, ListSecrets,
              (const ListSecretsRequest& request, const CallOptions& call_options), (override));
  /// Mocks CsmsClientInterface::CreateSecretVersion().
  MOCK_METHOD(SecretVersion, CreateSecretVersion,
              (const std::string& secret_name, const CreateSecretVersionRequest& request,
               const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::ListSecretVersions().
  MOCK_METHOD(SecretVersionPage, ListSecretVersions,
              (const std::string& secret_name, const ListSecretVersionsRequest& request,
               const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::ListAllSecretVersions().
  MOCK_METHOD(std::vector<SecretVersion>, ListAllSecretVersions,
              (const std::string& secret_name, const CallOptions& call_options), (override));
  /// Mocks CsmsClientInterface::ShowSecretVersion().
  MOCK_METHOD(SecretVersionWithValue, ShowSecretVersion,
              (const std::string& secret_name, const std::string& version_id,
               const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::UpdateSecretVersion().
  MOCK_METHOD(SecretVersion, UpdateSecretVersion,
              (const std::string& secret_name, const std::string& version_id,
               const UpdateSecretVersionRequest& request, const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::RotateSecret().
  MOCK_METHOD(void, RotateSecret, (const std::string& secret_name, const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::DeleteSecretForSchedule().
  MOCK_METHOD(void, DeleteSecretForSchedule,
              (const std::string& secret_name, int recovery_window_in_days,
               const CallOptions& call_options),
              (override));
  /// Mocks CsmsClientInterface::RestoreSecretFromDeleteSchedule().
  MOCK_METHOD(void, RestoreSecretFromDeleteSchedule,
              (const std::string& secret_name, const CallOptions& call_options), (override));
};

}  // namespace testing
}  // namespace csms

#endif  // CSMS_TESTING_MOCK_CLIENT_H_
