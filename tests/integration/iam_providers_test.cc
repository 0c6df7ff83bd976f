// The IAM credentials providers end to end against the emulator's IAM service
// (issue 13.9 and "done when"): a password token (X-Auth-Token), federated
// (OIDC) credentials and an agency over static AK/SK each run the whole API
// under 16 threads across several renewals with zero failed calls and one IAM
// call per renewal; a token or temporary credential that expires without the
// provider knowing is invalidated and the call retried once; a wrong password
// is a CredentialsError and nothing reaches CSMS. All on 127.0.0.1 and an
// ephemeral port; the provider, the client and the emulator share the
// emulator clock unless a test separates them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "temp_file.h"
#include "test_doubles.h"
#include "test_support.h"

namespace {

using csms::CredentialsProvider;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIamPassword[] = "IAM-password-NOT-PRINTED-7f3a";
constexpr char kIdToken[] = "eyJhbGciOiJSUzI1NiJ9.id-token-NOT-PRINTED.c2ln";
constexpr char kIdpId[] = "integration-idp";

enum class Kind { kPassword, kFederated, kAgency };

std::string KindName(const ::testing::TestParamInfo<Kind>& info) {
  switch (info.param) {
    case Kind::kPassword:
      return "PasswordToken";
    case Kind::kFederated:
      return "Federated";
    case Kind::kAgency:
      return "AgencyOverStaticAkSk";
  }
  return "Unknown";
}

using csms_test::TempFile;

// An emulator checking the static test AK/SK, with an IAM user, identity
// provider and agency, issuing tokens and temporary credentials of `lifetime`.
std::unique_ptr<csms::Emulator> StartEmulator(std::chrono::seconds lifetime) {
  csms::EmulatorOptions options;
  options.project_id = csms_test::kProjectId;
  options.access_key = csms_test::kAk;
  options.secret_key = csms_test::kSk;
  options.iam.password = kIamPassword;
  options.iam.idp_id = kIdpId;
  options.iam.id_token = kIdToken;
  options.iam.token_lifetime = lifetime;
  options.iam.sts_lifetime = lifetime;
  auto emulator = std::make_unique<csms::Emulator>(options);
  emulator->Start();
  return emulator;
}

struct ProviderSettings {
  std::function<csms::Timestamp()> clock;
  std::chrono::seconds refresh_before_expiry{3600};
  std::chrono::seconds duration{7200};  // federated and agency
  std::string password = kIamPassword;
};

// The provider of `kind`, reaching the emulator's IAM on `settings.clock`.
std::shared_ptr<CredentialsProvider> MakeProvider(Kind kind, csms::Emulator& emulator,
                                                  const TempFile& id_token_file,
                                                  const ProviderSettings& settings) {
  csms::IamOptions iam;
  iam.endpoint = emulator.endpoint();
  iam.region = "cn-north-4";
  iam.refresh_before_expiry = settings.refresh_before_expiry;
  iam.connect_timeout = seconds(5);
  iam.request_timeout = seconds(10);
  iam.clock = settings.clock;
  switch (kind) {
    case Kind::kPassword: {
      csms::PasswordTokenOptions options;
      options.iam = iam;
      options.user_name = "emulator-user";
      options.domain_name = "emulator-domain";
      options.password = settings.password;
      options.project_name = "cn-north-4";  // the token's scope, by the region's name
      return csms::MakePasswordTokenProvider(options);
    }
    case Kind::kFederated: {
      csms::FederatedCredentialsOptions options;
      options.iam = iam;
      options.idp_id = kIdpId;
      options.id_token_file = id_token_file.path();
      options.duration = settings.duration;
      return csms::MakeFederatedCredentialsProvider(options);
    }
    case Kind::kAgency: {
      csms::AgencyCredentialsOptions options;
      options.iam = iam;
      options.agency_name = "csms-agency";
      options.domain_name = "emulator-domain";
      options.duration = settings.duration;
      options.session_user = "integration";
      return csms::MakeAgencyCredentialsProvider(
          options, csms::MakeStaticCredentialsProvider(
                       csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk)));
    }
  }
  return nullptr;
}

// IAM calls that gave the provider new credentials: one per renewal (a
// federated renewal is a login and an exchange, counted as one pair).
std::size_t Renewals(Kind kind, const csms::Emulator& emulator) {
  const csms::EmulatorIamCounters iam = emulator.iam_counters();
  switch (kind) {
    case Kind::kPassword:
      return iam.password_tokens;
    case Kind::kFederated:
      EXPECT_EQ(iam.id_token_tokens, iam.token_credentials);
      return iam.token_credentials;
    case Kind::kAgency:
      return iam.agency_credentials;
  }
  return 0;
}

// CSMS requests refused because what the provider gave had expired.
std::size_t RefusedExpired(const csms::Emulator& emulator) {
  return emulator.iam_counters().refused_expired_tokens +
         emulator.credential_counters().refused_expired;
}

using csms_test::CountingProvider;

csms::ClientOptions ClientOptionsFor(csms::Emulator& emulator,
                                     std::shared_ptr<CredentialsProvider> provider,
                                     std::function<csms::Timestamp()> clock) {
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  // Only a region: the project id is discovered on the emulator's IAM
  // (GET /v3/projects?name=cn-north-4) with the provider's credentials.
  options.project_id.clear();
  options.region = "cn-north-4";
  options.iam_endpoint = emulator.endpoint();
  options.credentials = {};
  options.credentials_provider = std::move(provider);
  options.clock = std::move(clock);
  options.sleep = [](std::chrono::milliseconds) {};
  return options;
}

// The whole API once, on names of its own: events, secrets, versions, a rotation.
constexpr int kCallsPerRun = 16;
void RunWholeApi(csms::CsmsClient& client, const std::string& tag) {
  csms::CreateSecretEventRequest event;
  event.name = "ev-" + tag;
  event.event_types = {csms::EventType::kSecretVersionCreated, csms::EventType::kSecretRotated};
  event.notification.target_id = "urn:smn:cn-north-4:p:topic";
  event.notification.target_name = "topic";
  client.CreateSecretEvent(event);
  client.ShowSecretEvent(event.name);
  csms::UpdateSecretEventRequest event_update;
  event_update.event_types = std::vector<csms::EventType>{csms::EventType::kSecretRotated};
  client.UpdateSecretEvent(event.name, event_update);
  client.ListSecretEvents();

  csms::CreateSecretRequest secret;
  secret.name = "sec-" + tag;
  secret.secret_string = "value-" + tag;
  secret.event_subscriptions = {event.name};
  client.CreateSecret(secret);
  client.ShowSecret(secret.name);
  csms::UpdateSecretRequest secret_update;
  secret_update.description = "renewed " + tag;
  client.UpdateSecret(secret.name, secret_update);
  client.ListSecrets();

  csms::CreateSecretVersionRequest version;
  version.secret_string = "second-" + tag;
  const csms::SecretVersion created = client.CreateSecretVersion(secret.name, version);
  client.ListSecretVersions(secret.name);
  client.ShowSecretVersion(secret.name, created.id);
  csms::UpdateSecretVersionRequest version_update;
  version_update.expire_time = created.create_time + hours(24 * 30);
  client.UpdateSecretVersion(secret.name, created.id, version_update);
  client.RotateSecret(secret.name);
  client.ListNotificationRecords();

  client.DeleteSecret(secret.name);
  client.DeleteSecretEvent(event.name);
}

class IamProviders : public ::testing::TestWithParam<Kind> {};

INSTANTIATE_TEST_SUITE_P(IamProviders, IamProviders,
                         ::testing::Values(Kind::kPassword, Kind::kFederated, Kind::kAgency),
                         KindName);

TEST_P(IamProviders, SixteenThreadsRunTheWholeApiAcrossRenewalsWithOneIamCallEach) {
  const Kind kind = GetParam();
  const auto emulator = StartEmulator(hours(2));
  const TempFile id_token_file(std::string(kIdToken) + "\n");
  csms::Emulator* emu = emulator.get();
  ProviderSettings settings;
  settings.clock = [emu] { return emu->now(); };
  auto provider = MakeProvider(kind, *emulator, id_token_file, settings);
  csms::ClientOptions options = ClientOptionsFor(*emulator, provider, settings.clock);
  // The emulator serves 8 connections at a time (cpp-httplib's pool), each
  // kept alive: busy threads beyond 4 use short-lived connections instead.
  csms::CurlTransportOptions transport;
  transport.max_idle_connections = 4;
  options.transport = csms::MakeCurlTransport(transport);
  auto client = std::make_unique<csms::CsmsClient>(options);

  constexpr int kRounds = 4;
  constexpr int kThreads = 16;
  std::atomic<int> failures{0};
  for (int round = 0; round < kRounds; ++round) {
    // Past the 2-hour lifetime: every thread needs the next credentials at once.
    if (round > 0) emulator->AdvanceClock(hours(2) + minutes(1));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&client, &failures, round, t] {
        csms::CsmsClient mine = *client;
        try {
          RunWholeApi(mine, std::to_string(round) + "-" + std::to_string(t));
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
          ++failures;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(Renewals(kind, *emulator), static_cast<std::size_t>(round + 1)) << round;
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(RefusedExpired(*emulator), 0U);
  EXPECT_EQ(emulator->iam_counters().refused, 0U);
  // The client was given only a region: its project was looked up once, by
  // the first call of 16, for the whole run.
  EXPECT_EQ(emulator->iam_counters().project_lists, 1U);
  EXPECT_EQ(emulator->api_request_count(),
            static_cast<std::size_t>(kRounds * kThreads * kCallsPerRun));

  // Ahead of expiry: 50 minutes left, less than the hour of
  // refresh_before_expiry. The call goes out with the still-valid credentials
  // and one renewal starts beside it.
  emulator->AdvanceClock(hours(2) + minutes(1));
  client->ListSecretEvents();
  EXPECT_EQ(Renewals(kind, *emulator), static_cast<std::size_t>(kRounds + 1));
  emulator->AdvanceClock(minutes(70));
  client->ListSecretEvents();
  client.reset();
  options.credentials_provider.reset();
  provider.reset();  // the last owner: joins the background renewal
  EXPECT_EQ(Renewals(kind, *emulator), static_cast<std::size_t>(kRounds + 2));
  EXPECT_EQ(RefusedExpired(*emulator), 0U);
}

TEST_P(IamProviders, ExpiryTheProviderDoesNotKnowIsInvalidatedAndTheCallRetried) {
  const Kind kind = GetParam();
  // Ten minutes: the emulator can run eleven minutes ahead of the provider and
  // the client while their X-Sdk-Date stays within its 15-minute window.
  const auto emulator = StartEmulator(minutes(10));
  const TempFile id_token_file(kIdToken);
  csms::Emulator* emu = emulator.get();
  auto lag = std::make_shared<std::atomic<std::int64_t>>(0);  // seconds
  ProviderSettings settings;
  settings.clock = [emu, lag] { return emu->now() - seconds(lag->load()); };
  settings.refresh_before_expiry = minutes(1);
  settings.duration = seconds(900);  // IAM's least; the emulator grants ten minutes
  const auto counting =
      std::make_shared<CountingProvider>(MakeProvider(kind, *emulator, id_token_file, settings));
  csms::CsmsClient client(ClientOptionsFor(*emulator, counting, settings.clock));

  client.ListSecretEvents();
  EXPECT_EQ(Renewals(kind, *emulator), 1U);

  // The service's clock passes the expiry; the provider's does not.
  emulator->AdvanceClock(minutes(11));
  lag->store(11 * 60);
  client.ListSecretEvents();
  EXPECT_EQ(counting->invalidations.load(), 1);
  EXPECT_EQ(RefusedExpired(*emulator), 1U);
  EXPECT_EQ(Renewals(kind, *emulator), 2U);
  EXPECT_EQ(emulator->api_request_count(), 3U);  // one refused, one retried

  // The renewed credentials carry on.
  client.ListSecretEvents();
  EXPECT_EQ(counting->invalidations.load(), 1);
  EXPECT_EQ(Renewals(kind, *emulator), 2U);
}

TEST(IamProvidersErrors, AWrongPasswordIsACredentialsErrorAndNothingReachesCsms) {
  const auto emulator = StartEmulator(hours(2));
  const TempFile unused("");
  csms::Emulator* emu = emulator.get();
  ProviderSettings settings;
  settings.clock = [emu] { return emu->now(); };
  settings.password = "wrong-password-NOT-PRINTED";
  auto provider = MakeProvider(Kind::kPassword, *emulator, unused, settings);
  std::vector<std::string> logged;
  csms::ClientOptions options = ClientOptionsFor(*emulator, provider, settings.clock);
  options.log_level = csms::LogLevel::kDebug;
  options.log_sink = [&logged](const std::string& line) { logged.push_back(line); };
  csms::CsmsClient client(options);
  try {
    client.ListSecretEvents();
    ADD_FAILURE() << "no CredentialsError";
  } catch (const csms::CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/v3/auth/tokens"));
    EXPECT_THAT(e.what(), HasSubstr("401"));
    EXPECT_THAT(e.what(), Not(HasSubstr("NOT-PRINTED")));
  }
  EXPECT_EQ(emulator->api_request_count(), 0U);
  EXPECT_EQ(emulator->iam_counters().password_tokens, 0U);
  EXPECT_GE(emulator->iam_counters().refused, 1U);
  for (const std::string& line : logged) EXPECT_THAT(line, Not(HasSubstr("NOT-PRINTED")));
}

}  // namespace
