// ClientOptions::telemetry: the hooks' order and fields on success and for each
// way a call fails, and hooks that throw.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "csms/csms.h"
#include "observe_support.h"

namespace {

using csms_test::ObservedClient;
using csms_test::RecordingTelemetry;
using csms_test::Reply;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Kind = csms::TransportError::Kind;

const std::string kNotFoundBody =
    R"({"error_code":"CSMS.0005","error_msg":"The event does not exist"})";
const std::string kBusyBody = R"({"error_code":"CSMS.0503","error_msg":"busy"})";

TEST(Telemetry, RetriedSuccessInOrderWithEveryField) {
  ObservedClient c({Reply(503, kBusyBody, "r1"), Reply(200, csms_test::SeedEventBody(), "r2")});
  c.client->ShowSecretEvent("event-test");
  EXPECT_THAT(
      c.telemetry->lines(),
      ElementsAre(
          "call-start ShowSecretEvent GET kms.cn-north-4.myhuaweicloud.com:443",
          "attempt-start ShowSecretEvent GET kms.cn-north-4.myhuaweicloud.com:443 #1 resend 0",
          "attempt-end ShowSecretEvent GET #1 status 503 error [503/CSMS.0503] id [r1] 1000us "
          "retry 100ms []",
          "attempt-start ShowSecretEvent GET kms.cn-north-4.myhuaweicloud.com:443 #2 resend 1",
          "attempt-end ShowSecretEvent GET #2 status 200 error [/] id [r2] 1000us succeed 0ms []",
          "call-end ShowSecretEvent ok error [/] status 200 id [r2] attempts 2 "
          "kms.cn-north-4.myhuaweicloud.com:443 102000us"));
}

TEST(Telemetry, ClientErrorGivesStatusAndServiceCode) {
  ObservedClient c({Reply(404, kNotFoundBody, "r404")});
  EXPECT_THROW(c.client->ShowSecretEvent("event-test"), csms::NotFoundError);
  const auto lines = c.telemetry->lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[2], StartsWith("attempt-end ShowSecretEvent GET #1 status 404 error "
                                   "[404/CSMS.0005] id [r404] 1000us fail 0ms [not retryable"));
  EXPECT_EQ(lines[3],
            "call-end ShowSecretEvent failed error [404/CSMS.0005] status 404 id [r404] attempts 1 "
            "kms.cn-north-4.myhuaweicloud.com:443 1000us");
}

TEST(Telemetry, ServerErrorAfterRetries) {
  ObservedClient c({Reply(502, "", "r1"), Reply(502, "", "r2"), Reply(502, kBusyBody, "r3")});
  EXPECT_THROW(c.client->ListSecrets(), csms::BadGatewayError);
  const auto lines = c.telemetry->lines();
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], "call-start ListSecrets GET kms.cn-north-4.myhuaweicloud.com:443");
  EXPECT_THAT(lines[2], HasSubstr("#1 status 502 error [502/] id [r1] 1000us retry 100ms []"));
  EXPECT_THAT(lines[4], HasSubstr("#2 status 502 error [502/] id [r2] 1000us retry 200ms []"));
  EXPECT_THAT(lines[6], HasSubstr("#3 status 502 error [502/CSMS.0503] id [r3] 1000us fail 0ms "
                                  "[retry limit of 3 attempts reached]"));
  EXPECT_EQ(lines[7],
            "call-end ListSecrets failed error [502/CSMS.0503] status 502 id [r3] attempts 3 "
            "kms.cn-north-4.myhuaweicloud.com:443 303000us");
}

TEST(Telemetry, TransportErrorGivesItsKind) {
  ObservedClient c({Kind::kConnect}, [](csms::ClientOptions& o) { o.retry.max_attempts = 1; });
  EXPECT_THROW(c.client->ShowSecret("s"), csms::TransportError);
  const auto lines = c.telemetry->lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[2], StartsWith("attempt-end ShowSecret GET #1 status 0 error [connect/] id [] "
                                   "1000us fail 0ms [retry limit of 1 attempts reached]"));
  EXPECT_EQ(lines[3],
            "call-end ShowSecret failed error [connect/] status 0 id [] attempts 1 "
            "kms.cn-north-4.myhuaweicloud.com:443 1000us");
}

class NoCredentials : public csms::CredentialsProvider {
 public:
  csms::Credentials Get() override { throw csms::CredentialsError("no source has credentials"); }
};

TEST(Telemetry, CredentialsUnavailable) {
  ObservedClient c({}, [](csms::ClientOptions& o) {
    o.credentials_provider = std::make_shared<NoCredentials>();
    o.retry.max_attempts = 1;
  });
  EXPECT_THROW(c.client->DeleteSecret("s"), csms::CredentialsError);
  const auto lines = c.telemetry->lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1],
            "attempt-start DeleteSecret DELETE kms.cn-north-4.myhuaweicloud.com:443 #1 resend 0");
  EXPECT_THAT(lines[2], StartsWith("attempt-end DeleteSecret DELETE #1 status 0 error "
                                   "[credentials_unavailable/] id [] 0us fail"));
  EXPECT_THAT(lines[3],
              StartsWith("call-end DeleteSecret failed error [credentials_unavailable/] status 0"));
}

TEST(Telemetry, AReconcileLookupBelongsToTheCreatesCall) {
  ObservedClient c({Kind::kTimeout, Reply(200, csms_test::SeedEventBody(), "r-lookup")});
  c.client->CreateSecretEvent(csms_test::SeedEventRequest());
  const auto lines = c.telemetry->lines();
  ASSERT_EQ(lines.size(), 6u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "call-start CreateSecretEvent POST kms.cn-north-4.myhuaweicloud.com:443");
  EXPECT_THAT(lines[2], StartsWith("attempt-end CreateSecretEvent POST #1 status 0 error "
                                   "[timeout/] id [] 1000us reconcile 0ms ["));
  EXPECT_EQ(lines[3],
            "attempt-start CreateSecretEvent GET kms.cn-north-4.myhuaweicloud.com:443 #2 resend 0");
  EXPECT_EQ(lines[4],
            "attempt-end CreateSecretEvent GET #2 status 200 error [/] id [r-lookup] 1000us "
            "succeed 0ms []");
  EXPECT_EQ(lines[5],
            "call-end CreateSecretEvent ok error [/] status 200 id [r-lookup] attempts 2 "
            "kms.cn-north-4.myhuaweicloud.com:443 2000us");
}

TEST(Telemetry, AnUnsettledCreateEndsWithTheCreatesError) {
  ObservedClient c({Kind::kTimeout, Reply(404, kNotFoundBody, "r-lookup")});
  EXPECT_THROW(c.client->CreateSecretEvent(csms_test::SeedEventRequest()), csms::TransportError);
  const auto lines = c.telemetry->lines();
  ASSERT_EQ(lines.size(), 6u) << ::testing::PrintToString(lines);
  EXPECT_THAT(lines[4], StartsWith("attempt-end CreateSecretEvent GET #2 status 404 error "
                                   "[404/CSMS.0005] id [r-lookup] 1000us fail"));
  EXPECT_EQ(lines[5],
            "call-end CreateSecretEvent failed error [timeout/] status 0 id [] attempts 2 "
            "kms.cn-north-4.myhuaweicloud.com:443 2000us");
}

TEST(Telemetry, ThrowingHooksNeverChangeTheCallsResult) {
  ObservedClient c({Reply(503, "", "r1"), Reply(200, csms_test::SeedEventBody(), "r2"),
                    Reply(404, kNotFoundBody, "r3")});
  c.telemetry->throw_from_hooks = true;
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  EXPECT_EQ(c.client->ShowSecretEvent("event-test", call).name, "event-test");
  EXPECT_EQ(metadata.attempts, 2);
  EXPECT_EQ(metadata.request_id, "r2");
  try {
    c.client->ShowSecretEvent("event-test", call);
    FAIL() << "expected NotFoundError";
  } catch (const csms::NotFoundError& e) {
    EXPECT_EQ(e.request_id(), "r3");
  }
  EXPECT_EQ(metadata.status_code, 404);
  // Every hook was still called after the ones before it threw.
  EXPECT_EQ(c.telemetry->lines().size(), 6u + 4u);
}

// A hook that uses the client it observes: the call it makes reports to no
// hook (it recursed, each nested call's hook starting another), and still
// fills its own metadata.
TEST(Telemetry, ACallMadeFromAHookCallsNoHook) {
  class Reentrant : public RecordingTelemetry {
   public:
    void OnCallStart(const csms::CallStartInfo& info) override {
      RecordingTelemetry::OnCallStart(info);
      if (++depth > 3) return;  // bounded, so that the bug fails rather than crashes
      csms::CallOptions call;
      call.metadata = &nested;
      client->ShowSecretEvent("event-test", call);
    }
    csms::CsmsClient* client = nullptr;
    int depth = 0;
    csms::CallMetadata nested;
  };
  auto hooks = std::make_shared<Reentrant>();
  ObservedClient c({Reply(200, csms_test::SeedEventBody(), "r-nested"),
                    Reply(200, csms_test::SeedEventBody(), "r-outer"),
                    Reply(200, csms_test::SeedEventBody(), "r-3"),
                    Reply(200, csms_test::SeedEventBody(), "r-4")},
                   [&](csms::ClientOptions& options) { options.telemetry = hooks; });
  hooks->client = c.client.get();
  EXPECT_EQ(c.client->ShowSecretEvent("event-test").name, "event-test");
  EXPECT_EQ(hooks->depth, 1);
  EXPECT_EQ(hooks->nested.request_id, "r-nested");
  const auto lines = hooks->lines();
  ASSERT_EQ(lines.size(), 4u) << ::testing::PrintToString(lines);
  EXPECT_THAT(lines[3], HasSubstr("id [r-outer]"));
}

TEST(Telemetry, EveryOperationIsNamed) {
  ObservedClient c(std::vector<csms_test::ObserveStep>(100, Reply(200, "{}")));
  const auto call = [](auto f) {
    try {
      f();
    } catch (const csms::CsmsError&) {  // most "{}" bodies do not decode: only the names matter
    }
  };
  csms::CsmsClient& client = *c.client;
  call([&] { client.CreateSecretEvent(csms_test::SeedEventRequest()); });
  call([&] { client.ShowSecretEvent("e"); });
  csms::UpdateSecretEventRequest update;
  update.state = csms::EventState::kDisabled;
  call([&] { client.UpdateSecretEvent("e", update); });
  call([&] { client.DeleteSecretEvent("e"); });
  call([&] { client.ListSecretEvents(); });
  call([&] { client.ListNotificationRecords(); });
  csms::CreateSecretRequest secret;
  secret.name = "s";
  secret.secret_string = "v";
  call([&] { client.CreateSecret(secret); });
  call([&] { client.ShowSecret("s"); });
  csms::UpdateSecretRequest update_secret;
  update_secret.description = "d";
  call([&] { client.UpdateSecret("s", update_secret); });
  call([&] { client.DeleteSecret("s"); });
  call([&] { client.ListSecrets(); });
  csms::CreateSecretVersionRequest version;
  version.secret_string = "v";
  call([&] { client.CreateSecretVersion("s", version); });
  call([&] { client.ListSecretVersions("s"); });
  call([&] { client.ShowSecretVersion("s", "v1"); });
  csms::UpdateSecretVersionRequest update_version;
  update_version.expire_time = csms::Timestamp{};
  call([&] { client.UpdateSecretVersion("s", "v1", update_version); });
  call([&] { client.RotateSecret("s"); });
  call([&] { client.DeleteSecretForSchedule("s", 7); });
  call([&] { client.RestoreSecretFromDeleteSchedule("s"); });
  std::vector<std::string> names;
  for (const auto& line : c.telemetry->lines()) {
    if (line.rfind("call-start ", 0) == 0)
      names.push_back(line.substr(11, line.find(' ', 11) - 11));
  }
  EXPECT_THAT(names, ElementsAre("CreateSecretEvent", "ShowSecretEvent", "UpdateSecretEvent",
                                 "DeleteSecretEvent", "ListSecretEvents", "ListNotificationRecords",
                                 "CreateSecret", "ShowSecret", "UpdateSecret", "DeleteSecret",
                                 "ListSecrets", "CreateSecretVersion", "ListSecretVersions",
                                 "ShowSecretVersion", "UpdateSecretVersion", "RotateSecret",
                                 "DeleteSecretForSchedule", "RestoreSecretFromDeleteSchedule"));
}

}  // namespace
