// Retries and reconciliation against the emulator's fault injection, over real
// HTTP. Backoff sleeps are recorded instead of waited for.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "test_support.h"

namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator_ = csms_test::StartSigningEmulator();
    client_ = std::make_unique<csms::CsmsClient>(Options());
  }

  csms::ClientOptions Options() {
    csms::ClientOptions options = csms_test::LoopbackOptions(emulator_->endpoint());
    options.retry = csms::RetryOptions{};  // the defaults: 3 attempts
    options.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    options.random = [] { return 0.5; };
    return options;
  }

  void Inject(csms::EmulatorFault::Kind kind, int count = 1, int status = 503,
              std::optional<int> retry_after = std::nullopt, milliseconds delay = milliseconds(0)) {
    csms::EmulatorFault fault;
    fault.kind = kind;
    fault.count = count;
    fault.status = status;
    fault.retry_after_seconds = retry_after;
    fault.delay = delay;
    emulator_->InjectFault(fault);
  }

  csms::CreateSecretEventRequest EventRequest(const std::string& name) {
    csms::CreateSecretEventRequest request;
    request.name = name;
    request.event_types = {csms::EventType::kSecretDeleted};
    request.notification.target_id = "urn:smn:cn-north-4:p:t";
    request.notification.target_name = "t";
    return request;
  }

  std::unique_ptr<csms::Emulator> emulator_;
  std::unique_ptr<csms::CsmsClient> client_;
  std::vector<milliseconds> sleeps_;
};

TEST_F(FaultTest, TwoServiceUnavailableThenSuccess) {
  Inject(csms::EmulatorFault::Kind::kStatus, 2, 503);
  EXPECT_TRUE(client_->ListSecretEvents().events.empty());
  EXPECT_THAT(sleeps_, ElementsAre(milliseconds(100), milliseconds(200)));
  EXPECT_EQ(emulator_->request_count(), 3u);
}

TEST_F(FaultTest, ThreeServiceUnavailableIsTheLastErrorWithItsAttempts) {
  Inject(csms::EmulatorFault::Kind::kStatus, 3, 503);
  try {
    client_->ListSecretEvents();
    FAIL();
  } catch (const csms::ServiceUnavailableError& e) {
    EXPECT_EQ(e.attempts(), 3);
    EXPECT_FALSE(e.request_id().empty());
    EXPECT_THAT(e.what(), HasSubstr("retry limit of 3 attempts reached"));
  }
}

TEST_F(FaultTest, DroppedConnectionOnGetIsRetried) {
  client_->CreateSecretEvent(EventRequest("kept"));
  // A fresh client: its first request opens a new connection, so the retry
  // is the SDK's own (libcurl only re-sends on a reused connection).
  csms::CsmsClient fresh(Options());
  Inject(csms::EmulatorFault::Kind::kDrop);
  EXPECT_EQ(fresh.ShowSecretEvent("kept").name, "kept");
  EXPECT_EQ(sleeps_.size(), 1u);
}

TEST_F(FaultTest, DroppedReusedConnectionOnGetIsRecoveredTransparently) {
  client_->CreateSecretEvent(EventRequest("kept"));
  Inject(csms::EmulatorFault::Kind::kDrop);
  EXPECT_EQ(client_->ShowSecretEvent("kept").name, "kept");
}

TEST_F(FaultTest, CreateOnAReusedConnectionIsNeverSentTwice) {
  client_->ListSecretEvents();  // leaves a kept-alive connection in the pool
  Inject(csms::EmulatorFault::Kind::kDropAfterHandling);
  const csms::Event event = client_->CreateSecretEvent(EventRequest("once"));
  EXPECT_EQ(event.name, "once");
  // list, create (dropped), reconciliation show: a re-sent create would make four.
  EXPECT_EQ(emulator_->request_count(), 3u);
}

TEST_F(FaultTest, TooManyRequestsHonoursRetryAfter) {
  Inject(csms::EmulatorFault::Kind::kStatus, 1, 429, 2);
  client_->ListSecretEvents();
  EXPECT_THAT(sleeps_, ElementsAre(milliseconds(2000)));
}

TEST_F(FaultTest, ResponseSlowerThanTheTimeoutIsRetriedThenSucceeds) {
  Inject(csms::EmulatorFault::Kind::kDelay, 1, 503, std::nullopt, milliseconds(2000));
  csms::CallOptions call;
  call.timeout = milliseconds(150);
  EXPECT_TRUE(client_->ListSecretEvents({}, call).events.empty());
  EXPECT_EQ(sleeps_.size(), 1u);
}

TEST_F(FaultTest, ResponseSlowerThanTheTimeoutEveryTimeIsATimeout) {
  Inject(csms::EmulatorFault::Kind::kDelay, 3, 503, std::nullopt, milliseconds(2000));
  csms::CallOptions call;
  call.timeout = milliseconds(100);
  try {
    client_->ListSecretEvents({}, call);
    FAIL();
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kTimeout);
    EXPECT_EQ(e.attempts(), 3);
  }
}

TEST_F(FaultTest, CreateWhoseResponseIsLostIsReconciledToTheCreatedEvent) {
  // The emulator creates the event, then drops the connection unanswered.
  Inject(csms::EmulatorFault::Kind::kDropAfterHandling);
  const csms::Event event = client_->CreateSecretEvent(EventRequest("ambiguous"));
  EXPECT_EQ(event.name, "ambiguous");
  EXPECT_FALSE(event.event_id.empty());
  EXPECT_TRUE(sleeps_.empty());  // nothing was sent twice
  EXPECT_EQ(client_->ListAllSecretEvents().size(), 1u);
}

TEST_F(FaultTest, CreateDroppedBeforeHandlingIsOutcomeUnknownAndNotResent) {
  Inject(csms::EmulatorFault::Kind::kDrop);
  try {
    client_->CreateSecretEvent(EventRequest("lost"));
    FAIL();
  } catch (const csms::TransportError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("no event of that name exists now"));
  }
  EXPECT_TRUE(client_->ListAllSecretEvents().empty());
  EXPECT_EQ(emulator_->request_count(), 3u);  // the create, the check, the list
}

TEST_F(FaultTest, CreateSecretWhoseResponseIsLostIsReconciled) {
  Inject(csms::EmulatorFault::Kind::kDropAfterHandling);
  csms::CreateSecretRequest request;
  request.name = "ambiguous-secret";
  request.secret_string = "value";
  EXPECT_EQ(client_->CreateSecret(request).name, "ambiguous-secret");
}

TEST_F(FaultTest, DeleteWhoseResponseIsLostSucceedsOnTheRetry) {
  client_->CreateSecretEvent(EventRequest("gone"));
  Inject(csms::EmulatorFault::Kind::kDropAfterHandling);
  EXPECT_NO_THROW(client_->DeleteSecretEvent("gone"));
  EXPECT_THROW(client_->ShowSecretEvent("gone"), csms::NotFoundError);
}

TEST_F(FaultTest, ServerErrorOnCreateIsNotRetried) {
  Inject(csms::EmulatorFault::Kind::kStatus, 1, 500);
  try {
    client_->CreateSecretEvent(EventRequest("not-resent"));
    FAIL();
  } catch (const csms::InternalServerError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_TRUE(sleeps_.empty());
}

}  // namespace
