// The emulator's SMN delivery end to end: every event type, caused through
// CsmsClient, arrives once at an in-process receiver as an SMN Notification
// that the SDK's SmnMessageVerifier accepts (certificate fetched from the
// emulator) and whose message decodes into the event; a tampered copy is
// refused; a receiver that keeps failing gets the retries and the record says
// FAIL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "loopback_server.h"
#include "self_signed_cert.h"
#include "test_support.h"

namespace {

using std::chrono::hours;
using std::chrono::seconds;

constexpr const char* kTopic = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events";
constexpr std::chrono::seconds kFlushTimeout{30};

class DeliveryTest : public ::testing::Test {
 protected:
  // A receiver answering `status`; the emulator delivers every record to it.
  void StartAll(int status = 200, bool https = false) {
    const auto handler = [this, status](const httplib::Request&, httplib::Response& res) {
      ++received_;
      res.status = status;
    };
    receiver_ =
        https ? std::make_unique<csms_test::LoopbackServer>(handler, cert_.cert(), cert_.key())
              : std::make_unique<csms_test::LoopbackServer>(handler);
    csms::EmulatorOptions options;
    options.project_id = csms_test::kProjectId;
    options.access_key = csms_test::kAk;
    options.secret_key = csms_test::kSk;
    options.deliver = {receiver_->url() + "/smn/receive?x=1"};
    options.delivery_retry_delay = std::chrono::milliseconds(0);  // no waiting in tests
    emulator_ = std::make_unique<csms::Emulator>(options);
    emulator_->Start();

    csms::ClientOptions client_options = csms_test::LoopbackOptions(emulator_->endpoint());
    csms::Emulator* emulator = emulator_.get();
    client_options.clock = [emulator] { return emulator->now(); };
    client_ = std::make_unique<csms::CsmsClient>(client_options);

    csms::SmnVerifierOptions verifier_options;
    verifier_options.allowed_cert_hosts = {"127.0.0.1"};
    verifier_options.allow_http_on_loopback = true;
    verifier_options.clock = [emulator] { return emulator->now(); };
    verifier_ = std::make_unique<csms::SmnMessageVerifier>(verifier_options);
  }

  void CreateSubscribedSecret() {
    csms::CreateSecretEventRequest event;
    event.name = "lifecycle";
    event.event_types = {csms::EventType::kSecretVersionCreated,
                         csms::EventType::kSecretVersionExpired, csms::EventType::kSecretRotated,
                         csms::EventType::kSecretDeleted, csms::EventType::kSecretRotatedFailed};
    event.notification.target_id = kTopic;
    event.notification.target_name = "csms-events";
    client_->CreateSecretEvent(event);
    csms::CreateSecretRequest secret;
    secret.name = "db";
    secret.secret_string = "first-value";
    secret.event_subscriptions = {"lifecycle"};
    client_->CreateSecret(secret);  // SECRET_VERSION_CREATED (v1)
  }

  // The POSTs the receiver got since the last call, verified and decoded as
  // they arrive (before the test moves the clock past their max_age).
  std::vector<csms::NotificationContent> VerifiedDeliveries() {
    EXPECT_TRUE(emulator_->FlushDeliveries(kFlushTimeout));
    std::vector<csms::NotificationContent> contents;
    const auto requests = receiver_->requests();
    for (std::size_t i = seen_; i < requests.size(); ++i) {
      const csms_test::RecordedRequest& request = requests[i];
      EXPECT_EQ(request.method, "POST");
      EXPECT_EQ(request.target, "/smn/receive?x=1");
      EXPECT_EQ(request.Header("X-SMN-MESSAGE-TYPE"), "Notification");
      EXPECT_EQ(request.Header("X-SMN-TOPIC-URN"), kTopic);
      EXPECT_EQ(request.Header("Content-Type"), "application/json; charset=UTF-8");
      const csms::SmnMessage message = csms::ParseSmnMessage(request.body);
      EXPECT_EQ(request.Header("X-SMN-MESSAGE-ID"), message.message_id);
      EXPECT_EQ(message.type, "Notification");
      EXPECT_EQ(message.topic_urn, kTopic);
      EXPECT_EQ(message.signing_cert_url, emulator_->signing_cert_url());
      EXPECT_FALSE(message.unsubscribe_url.empty());
      EXPECT_NO_THROW(verifier_->Verify(message)) << message.subject;
      const auto content = csms::ParseNotificationContent(message.message);
      EXPECT_TRUE(content.has_value());
      if (!content) continue;
      EXPECT_EQ(message.subject, content->event_type.value());
      contents.push_back(*content);
    }
    seen_ = requests.size();
    return contents;
  }

  // The event types delivered since the last call.
  std::vector<std::string> DeliveredTypes() {
    std::vector<std::string> types;
    for (const auto& content : VerifiedDeliveries()) {
      EXPECT_EQ(content.secret_name, "db");
      types.push_back(content.event_type.value() + " " + content.version_id);
    }
    return types;
  }

  csms_test::SelfSignedCert cert_;
  std::atomic<int> received_{0};
  std::unique_ptr<csms_test::LoopbackServer> receiver_;
  std::unique_ptr<csms::Emulator> emulator_;
  std::unique_ptr<csms::CsmsClient> client_;
  std::unique_ptr<csms::SmnMessageVerifier> verifier_;
  std::size_t seen_ = 0;
};

TEST_F(DeliveryTest, EveryEventTypeArrivesOnceVerified) {
  using ::testing::ElementsAre;
  StartAll();
  CreateSubscribedSecret();
  EXPECT_THAT(DeliveredTypes(), ElementsAre("SECRET_VERSION_CREATED v1"));
  csms::CreateSecretVersionRequest version;
  version.secret_string = "second-value";
  version.expire_time = emulator_->now() + hours(1);
  client_->CreateSecretVersion("db", version);
  EXPECT_THAT(DeliveredTypes(), ElementsAre("SECRET_VERSION_CREATED v2"));
  emulator_->AdvanceClock(hours(2));
  EXPECT_THAT(DeliveredTypes(), ElementsAre("SECRET_VERSION_EXPIRED v2"));
  client_->RotateSecret("db");
  EXPECT_THAT(DeliveredTypes(), ElementsAre("SECRET_ROTATED v3"));
  emulator_->FailNextRotations(1);
  client_->RotateSecret("db");
  EXPECT_THAT(DeliveredTypes(), ElementsAre("SECRET_ROTATED_FAILED v3"));
  client_->DeleteSecretForSchedule("db", 7);
  EXPECT_THAT(DeliveredTypes(), ElementsAre());
  emulator_->AdvanceClock(hours(24 * 7 + 1));
  EXPECT_THAT(DeliveredTypes(), ElementsAre("SECRET_DELETED v3"));

  // Exactly once each, and each record says it was delivered.
  EXPECT_EQ(receiver_->requests().size(), 6u);
  const auto records = client_->ListNotificationRecords().records;
  ASSERT_EQ(records.size(), 6u);
  for (const auto& record : records) EXPECT_EQ(record.notification_status, "SUCCESS");
}

TEST_F(DeliveryTest, ATamperedMessageFailsVerification) {
  StartAll();
  CreateSubscribedSecret();
  ASSERT_TRUE(emulator_->FlushDeliveries(kFlushTimeout));
  const auto requests = receiver_->requests();
  ASSERT_EQ(requests.size(), 1u);
  csms::SmnMessage message = csms::ParseSmnMessage(requests[0].body);
  EXPECT_NO_THROW(verifier_->Verify(message));

  csms::SmnMessage tampered = message;
  tampered.message.replace(tampered.message.find("\"db\""), 4, "\"xx\"");
  try {
    verifier_->Verify(tampered);
    ADD_FAILURE() << "a tampered message verified";
  } catch (const csms::SmnVerificationError& error) {
    EXPECT_EQ(error.reason(), csms::SmnVerificationError::Reason::kBadSignature);
  }
  tampered = message;
  tampered.subject = "SECRET_DELETED";
  EXPECT_THROW(verifier_->Verify(tampered), csms::SmnVerificationError);
}

TEST_F(DeliveryTest, AFailingReceiverGetsTheRetriesThenTheRecordSaysFail) {
  StartAll(500);
  CreateSubscribedSecret();
  ASSERT_TRUE(emulator_->FlushDeliveries(kFlushTimeout));
  EXPECT_EQ(received_.load(), 3);  // three attempts, then given up
  const auto records = client_->ListNotificationRecords().records;
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].notification_status, "FAIL");
}

TEST_F(DeliveryTest, HttpsReceiversGetDeliveriesToo) {
  StartAll(204, /*https=*/true);
  CreateSubscribedSecret();
  const auto contents = VerifiedDeliveries();
  ASSERT_EQ(contents.size(), 1u);
  EXPECT_EQ(contents[0].event_type.value(), "SECRET_VERSION_CREATED");
  EXPECT_EQ(client_->ListNotificationRecords().records.at(0).notification_status, "SUCCESS");
}

TEST(DeliveryOptionsTest, NonLoopbackUrlsAreRefusedAtConstruction) {
  for (const char* url :
       {"http://example.com/smn", "https://10.0.0.1/", "ftp://127.0.0.1/", "http://user@127.0.0.1/",
        "http://127.0.0.1:99999/", "http://127.0.0.1.example.com/", "127.0.0.1:8080"}) {
    csms::EmulatorOptions options;
    options.deliver = {url};
    EXPECT_THROW(csms::Emulator{options}, std::runtime_error) << url;
    options.deliver.clear();
    options.deliver_by_topic[kTopic] = {url};
    EXPECT_THROW(csms::Emulator{options}, std::runtime_error) << url;
  }
  csms::EmulatorOptions options;
  options.deliver = {"http://localhost:1/", "https://[::1]:8443/x", "http://127.0.0.1"};
  EXPECT_NO_THROW(csms::Emulator{options});
}

}  // namespace
