// Testing your own code with csms::testing::MockCsmsClient.
//
// RotationAlerts stands for application code: it makes sure that an event
// alerting on secret rotation exists (showing it, and creating it when the
// service says NotFoundError), and subscribes secrets to it. Because it takes a
// csms::CsmsClientInterface&, production passes a csms::CsmsClient and the
// tests below pass a mock: no service, no emulator, no network.
//
// Build: link csms::sdk_mocks and GTest::gmock_main (see examples/CMakeLists.txt).

#include <csms/csms.h>
#include <csms/testing/mock_client.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

// ---- The application code under test --------------------------------------

class RotationAlerts {
 public:
  RotationAlerts(csms::CsmsClientInterface& client, std::string topic_urn, std::string topic_name)
      : client_(client), topic_urn_(std::move(topic_urn)), topic_name_(std::move(topic_name)) {}

  // Returns the enabled alert event `event_name`, creating or enabling it first
  // when needed. Any other error (permissions, throttling, ...) propagates.
  csms::Event EnsureEvent(const std::string& event_name) {
    try {
      csms::Event event = client_.ShowSecretEvent(event_name);
      if (event.state != csms::EventState::kEnabled) {
        csms::UpdateSecretEventRequest enable;
        enable.state = csms::EventState::kEnabled;
        event = client_.UpdateSecretEvent(event_name, enable);
      }
      return event;
    } catch (const csms::NotFoundError&) {
      csms::CreateSecretEventRequest create;
      create.name = event_name;
      create.event_types = {csms::EventType::kSecretRotated, csms::EventType::kSecretRotatedFailed};
      create.notification.target_id = topic_urn_;
      create.notification.target_name = topic_name_;
      return client_.CreateSecretEvent(create);
    }
  }

  // Subscribes a secret to the alert event.
  void Watch(const std::string& secret_name, const std::string& event_name) {
    csms::UpdateSecretRequest subscribe;
    subscribe.event_subscriptions = std::vector<std::string>{event_name};
    client_.UpdateSecret(secret_name, subscribe);
  }

 private:
  csms::CsmsClientInterface& client_;
  std::string topic_urn_;
  std::string topic_name_;
};

// ---- Its tests ---------------------------------------------------------------

using ::testing::_;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::Optional;
using ::testing::Return;
using ::testing::StrictMock;
using ::testing::Throw;

constexpr char kTopicUrn[] = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:alerts";
constexpr char kTopicName[] = "alerts";

csms::Event MakeEvent(const std::string& name, const csms::EventState& state) {
  csms::Event event;
  event.name = name;
  event.event_id = "7c6c2e1f-0d3a-4b8e-9a55-3f1b2c4d5e6f";
  event.event_types = {csms::EventType::kSecretRotated};
  event.state = state;
  return event;
}

TEST(RotationAlertsTest, ExistingEnabledEventIsKept) {
  // StrictMock: any call without an EXPECT_CALL (a create, an update) fails the test.
  StrictMock<csms::testing::MockCsmsClient> client;
  EXPECT_CALL(client, ShowSecretEvent("rotation-alerts", _))
      .WillOnce(Return(MakeEvent("rotation-alerts", csms::EventState::kEnabled)));

  RotationAlerts alerts(client, kTopicUrn, kTopicName);
  EXPECT_EQ(alerts.EnsureEvent("rotation-alerts").name, "rotation-alerts");
}

TEST(RotationAlertsTest, MissingEventIsCreated) {
  StrictMock<csms::testing::MockCsmsClient> client;
  // What CsmsClient throws for 404 (and for 400 with CSMS.0005).
  EXPECT_CALL(client, ShowSecretEvent("rotation-alerts", _))
      .WillOnce(Throw(csms::NotFoundError(
          404, csms::ErrorDetail{"CSMS.0005", "The event does not exist."}, "req-0001")));
  EXPECT_CALL(client, CreateSecretEvent(
                          AllOf(Field(&csms::CreateSecretEventRequest::name, "rotation-alerts"),
                                Field(&csms::CreateSecretEventRequest::event_types,
                                      ElementsAre(csms::EventType::kSecretRotated,
                                                  csms::EventType::kSecretRotatedFailed)),
                                Field(&csms::CreateSecretEventRequest::notification,
                                      Field(&csms::Notification::target_id, kTopicUrn))),
                          _))
      .WillOnce(Return(MakeEvent("rotation-alerts", csms::EventState::kEnabled)));

  RotationAlerts alerts(client, kTopicUrn, kTopicName);
  EXPECT_EQ(alerts.EnsureEvent("rotation-alerts").state, csms::EventState::kEnabled);
}

TEST(RotationAlertsTest, DisabledEventIsEnabled) {
  StrictMock<csms::testing::MockCsmsClient> client;
  EXPECT_CALL(client, ShowSecretEvent("rotation-alerts", _))
      .WillOnce(Return(MakeEvent("rotation-alerts", csms::EventState::kDisabled)));
  EXPECT_CALL(client, UpdateSecretEvent("rotation-alerts",
                                        Field(&csms::UpdateSecretEventRequest::state,
                                              Optional(csms::EventState::kEnabled)),
                                        _))
      .WillOnce(Return(MakeEvent("rotation-alerts", csms::EventState::kEnabled)));

  RotationAlerts alerts(client, kTopicUrn, kTopicName);
  EXPECT_EQ(alerts.EnsureEvent("rotation-alerts").state, csms::EventState::kEnabled);
}

TEST(RotationAlertsTest, OtherErrorsPropagateWithoutCreating) {
  StrictMock<csms::testing::MockCsmsClient> client;
  EXPECT_CALL(client, ShowSecretEvent("rotation-alerts", _))
      .WillOnce(Throw(
          csms::ForbiddenError(403, csms::ErrorDetail{"CSMS.0403", "Forbidden."}, "req-0002")));

  RotationAlerts alerts(client, kTopicUrn, kTopicName);
  try {
    alerts.EnsureEvent("rotation-alerts");
    FAIL() << "expected ForbiddenError";
  } catch (const csms::ForbiddenError& e) {
    EXPECT_EQ(e.status_code(), 403);
    EXPECT_EQ(e.request_id(), "req-0002");
  }
}

TEST(RotationAlertsTest, WatchSubscribesTheSecret) {
  StrictMock<csms::testing::MockCsmsClient> client;
  EXPECT_CALL(client, UpdateSecret("db-password",
                                   Field(&csms::UpdateSecretRequest::event_subscriptions,
                                         Optional(ElementsAre("rotation-alerts"))),
                                   _))
      .WillOnce(Return(csms::Secret{}));

  RotationAlerts alerts(client, kTopicUrn, kTopicName);
  alerts.Watch("db-password", "rotation-alerts");
}

}  // namespace
