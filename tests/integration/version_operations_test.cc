// The secret-version and lifecycle operations through CsmsClient and the real
// curl transport against the in-process emulator (which checks every
// signature): each operation, each event it causes recorded exactly once, how
// ambiguous failures of the non-idempotent POSTs end, and that a version's
// value reaches no log line and no exception.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "test_support.h"

namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kValue = "VERSION-VALUE-never-printed-0005";

class VersionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator_ = csms_test::StartSigningEmulator();
    client_ = MakeClient();
    csms::CreateSecretEventRequest event;
    event.name = "lifecycle";
    event.event_types = {csms::EventType::kSecretVersionCreated,
                         csms::EventType::kSecretVersionExpired, csms::EventType::kSecretRotated,
                         csms::EventType::kSecretDeleted, csms::EventType::kSecretRotatedFailed};
    event.notification.target_id = "urn:smn:cn-north-4:p:topic";
    event.notification.target_name = "topic";
    client_->CreateSecretEvent(event);
    csms::CreateSecretRequest secret;
    secret.name = "db";
    secret.secret_string = "first-value";
    secret.event_subscriptions = {"lifecycle"};
    client_->CreateSecret(secret);
  }

  // The client signs with the emulator's clock, so that moving it days ahead
  // keeps X-Sdk-Date within the 15 minutes the emulator accepts.
  std::unique_ptr<csms::CsmsClient> MakeClient(
      std::function<void(const std::string&)> log = nullptr) {
    csms::ClientOptions options = csms_test::LoopbackOptions(emulator_->endpoint());
    csms::Emulator* emulator = emulator_.get();
    options.clock = [emulator] { return emulator->now(); };
    if (log) {
      options.log_sink = std::move(log);
      options.log_level = csms::LogLevel::kDebug;
    }
    return std::make_unique<csms::CsmsClient>(options);
  }

  // The records of one type, oldest first, with their content decoded.
  std::vector<csms::NotificationContent> Fired(const csms::EventType& type) {
    std::vector<csms::NotificationContent> fired;
    for (const auto& record : client_->ListNotificationRecords().records) {
      if (record.trigger_event_type != type) continue;
      auto content = csms::ParseNotificationContent(record.notification_content);
      EXPECT_TRUE(content.has_value());
      if (content) fired.push_back(*content);
    }
    return fired;
  }

  std::unique_ptr<csms::Emulator> emulator_;
  std::unique_ptr<csms::CsmsClient> client_;
};

TEST_F(VersionTest, VersionsAreCreatedListedShownAndExpireOnce) {
  const csms::Timestamp expiry = emulator_->now() + std::chrono::seconds(10);
  csms::CreateSecretVersionRequest request;
  request.secret_string = kValue;
  request.expire_time = expiry;
  const csms::SecretVersion created = client_->CreateSecretVersion("db", request);
  EXPECT_EQ(created.id, "v2");
  EXPECT_EQ(created.secret_name, "db");
  EXPECT_EQ(created.version_stages, std::vector<std::string>{"SYSCURRENT"});
  ASSERT_TRUE(created.expire_time.has_value());
  EXPECT_EQ(std::chrono::floor<milliseconds>(*created.expire_time),
            std::chrono::floor<milliseconds>(expiry));

  csms::ListSecretVersionsRequest page_request;
  page_request.limit = 1;
  const csms::SecretVersionPage page = client_->ListSecretVersions("db", page_request);
  ASSERT_EQ(page.versions.size(), 1u);
  EXPECT_EQ(page.versions[0].version_stages, std::vector<std::string>{"SYSPREVIOUS"});
  EXPECT_EQ(page.page_info.next_marker, "v1");
  const auto all = client_->ListAllSecretVersions("db");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].id, "v2");

  const csms::SecretVersionWithValue latest = client_->ShowSecretVersion("db", "latest");
  EXPECT_EQ(latest.version.id, "v2");
  EXPECT_EQ(latest.value.secret_string(), std::string_view(kValue));
  const csms::SecretVersionWithValue first = client_->ShowSecretVersion("db", "v1");
  EXPECT_EQ(first.value.secret_string(), std::string_view("first-value"));
  EXPECT_THROW(client_->ShowSecretVersion("db", "v9"), csms::NotFoundError);

  const auto created_events = Fired(csms::EventType::kSecretVersionCreated);
  ASSERT_EQ(created_events.size(), 2u);
  EXPECT_EQ(created_events[1].version_id, "v2");

  EXPECT_TRUE(Fired(csms::EventType::kSecretVersionExpired).empty());
  emulator_->AdvanceClock(std::chrono::seconds(11));
  emulator_->AdvanceClock(std::chrono::seconds(11));
  auto expired = Fired(csms::EventType::kSecretVersionExpired);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].version_id, "v2");
  EXPECT_EQ(expired[0].secret_name, "db");

  // A later expiry is a new cause, fired once more.
  csms::UpdateSecretVersionRequest update;
  update.expire_time = emulator_->now() + hours(1);
  const csms::SecretVersion updated = client_->UpdateSecretVersion("db", "v2", update);
  ASSERT_TRUE(updated.expire_time.has_value());
  EXPECT_GT(*updated.expire_time, expiry);
  emulator_->AdvanceClock(hours(2));
  EXPECT_EQ(Fired(csms::EventType::kSecretVersionExpired).size(), 2u);
}

TEST_F(VersionTest, RotationFiresRotatedOrRotatedFailed) {
  client_->RotateSecret("db");
  EXPECT_EQ(client_->ListAllSecretVersions("db").size(), 2u);
  ASSERT_EQ(Fired(csms::EventType::kSecretRotated).size(), 1u);
  EXPECT_EQ(Fired(csms::EventType::kSecretRotated)[0].version_id, "v2");
  emulator_->FailNextRotations(1);
  client_->RotateSecret("db");
  EXPECT_EQ(client_->ListAllSecretVersions("db").size(), 2u);
  EXPECT_EQ(Fired(csms::EventType::kSecretRotatedFailed).size(), 1u);
  EXPECT_EQ(Fired(csms::EventType::kSecretRotated).size(), 1u);
}

TEST_F(VersionTest, AScheduledDeletionIsRestoredOrExecutesOnce) {
  client_->DeleteSecretForSchedule("db", 7);
  csms::Secret pending = client_->ShowSecret("db");
  EXPECT_EQ(pending.state, "PENDING_DELETE");
  ASSERT_TRUE(pending.scheduled_delete_time.has_value());
  EXPECT_GT(*pending.scheduled_delete_time, emulator_->now() + hours(24 * 7 - 1));
  EXPECT_THROW(client_->ShowSecretVersion("db", "latest"), csms::BadRequestError);
  client_->RestoreSecretFromDeleteSchedule("db");
  EXPECT_EQ(client_->ShowSecret("db").state, "ENABLED");
  EXPECT_THROW(client_->RestoreSecretFromDeleteSchedule("db"), csms::BadRequestError);

  client_->DeleteSecretForSchedule("db");  // 30 days by default
  emulator_->AdvanceClock(hours(24 * 29));
  EXPECT_EQ(client_->ShowSecret("db").state, "PENDING_DELETE");
  emulator_->AdvanceClock(hours(24));
  EXPECT_THROW(client_->ShowSecret("db"), csms::NotFoundError);
  emulator_->AdvanceClock(hours(24));
  const auto deleted = Fired(csms::EventType::kSecretDeleted);
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].secret_name, "db");
}

TEST_F(VersionTest, AnAnswerLostAfterTheServiceActedEndsAsEachOperationDocuments) {
  csms::EmulatorFault lost;
  lost.kind = csms::EmulatorFault::Kind::kDropAfterHandling;
  csms::CreateSecretVersionRequest request;
  request.secret_string = kValue;
  emulator_->InjectFault(lost);
  try {
    client_->CreateSecretVersion("db", request);
    FAIL() << "no error";
  } catch (const csms::TransportError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), Not(HasSubstr(kValue)));
  }
  EXPECT_EQ(client_->ListAllSecretVersions("db").size(), 2u);  // made once, never re-sent

  emulator_->InjectFault(lost);
  EXPECT_THROW(client_->RotateSecret("db"), csms::TransportError);
  EXPECT_EQ(Fired(csms::EventType::kSecretRotated).size(), 1u);

  // A scheduled deletion is settled by looking at the secret's state.
  emulator_->InjectFault(lost);
  EXPECT_NO_THROW(client_->DeleteSecretForSchedule("db", 10));
  emulator_->InjectFault(lost);
  EXPECT_NO_THROW(client_->RestoreSecretFromDeleteSchedule("db"));
  EXPECT_EQ(client_->ShowSecret("db").state, "ENABLED");
}

TEST_F(VersionTest, AVersionValueIsInNoLogLineAndNoError) {
  std::mutex mu;
  std::vector<std::string> lines;
  auto client = MakeClient([&](const std::string& line) {
    std::lock_guard<std::mutex> lock(mu);
    lines.push_back(line);
  });
  std::vector<std::string> errors;
  csms::CreateSecretVersionRequest text;
  text.secret_string = kValue;
  client->CreateSecretVersion("db", text);
  csms::CreateSecretVersionRequest binary;
  binary.secret_binary = kValue;
  client->CreateSecretVersion("db", binary);
  EXPECT_EQ(client->ShowSecretVersion("db", "v2").value.secret_string(), std::string_view(kValue));
  EXPECT_EQ(client->ShowSecretVersion("db", "latest").value.secret_binary(),
            std::string_view(kValue));
  client->ListAllSecretVersions("db");
  const auto provoke = [&](const std::function<void()>& f) {
    try {
      f();
      ADD_FAILURE() << "expected an exception";
    } catch (const std::exception& e) {
      errors.emplace_back(e.what());
    }
  };
  csms::CreateSecretVersionRequest both = text;
  both.secret_binary = kValue;
  provoke([&] { client->CreateSecretVersion("db", both); });    // ValidationError
  provoke([&] { client->CreateSecretVersion("gone", text); });  // NotFoundError
  csms::EmulatorFault lost;
  lost.kind = csms::EmulatorFault::Kind::kDropAfterHandling;
  emulator_->InjectFault(lost);
  provoke([&] { client->CreateSecretVersion("db", text); });  // outcome unknown
  emulator_->InjectFault(lost);
  provoke([&] { client->ShowSecretVersion("db", "latest"); });  // TransportError
  ASSERT_GT(lines.size(), 8u);
  for (const auto* texts : {&lines, &errors}) {
    for (const auto& line : *texts) {
      EXPECT_THAT(line, Not(HasSubstr(kValue))) << line;
      EXPECT_THAT(line, Not(HasSubstr("VkVSU0lPTi1WQUxVRS1uZXZlci1wcmludGVkLTAwMDU")))  // base64
          << line;
    }
  }
  EXPECT_EQ(errors.size(), 4u);
}

}  // namespace
