// The fetching credentials sources end to end: ECS/BMS metadata and CCE pod
// identity served by the in-process emulator (temporary credentials the CSMS
// API then accepts until they expire), the default chain finding each source
// in order, refresh ahead of expiry and at rollover under 16 threads, and
// malformed answers from a cpp-httplib server (nothing is sent to CSMS). All on
// 127.0.0.1 and ephemeral ports; time moves with the emulator clock.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "internal/credentials_providers.h"
#include "loopback_server.h"
#include "scoped_env.h"
#include "self_signed_cert.h"
#include "temp_file.h"
#include "test_doubles.h"
#include "test_support.h"

namespace {

using csms::CredentialsError;
using csms::CredentialsProvider;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPodToken[] = "pod-identity-token-A1b2C3d4";
constexpr char kSessionToken[] = "metadata-session-token-Z9y8X7";
constexpr char kServedSecret[] = "SERVEDSECRETKEY0123456789abcdefghijklmn";
constexpr char kServedSecurityToken[] = "SERVEDSECURITYTOKEN-gQpjbi1ub3J0aC00";

using csms_test::TempFile;

csms::internal::EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

// An emulator checking the static test AK/SK signature and issuing temporary
// credentials (which it then accepts too).
std::unique_ptr<csms::Emulator> StartEmulator(csms::EmulatorOptions options = {}) {
  options.project_id = csms_test::kProjectId;
  options.access_key = csms_test::kAk;
  options.secret_key = csms_test::kSk;
  auto emulator = std::make_unique<csms::Emulator>(options);
  emulator->Start();
  return emulator;
}

// A client signing with `provider`'s credentials on the emulator's clock.
csms::CsmsClient ClientOf(csms::Emulator& emulator, std::shared_ptr<CredentialsProvider> provider,
                          int max_attempts = 1) {
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  options.credentials = {};
  options.credentials_provider = std::move(provider);
  options.clock = [&emulator] { return emulator.now(); };
  options.retry.max_attempts = max_attempts;
  options.sleep = [](std::chrono::milliseconds) {};
  return csms::CsmsClient(options);
}

std::shared_ptr<CredentialsProvider> MetadataProvider(
    csms::Emulator& emulator,
    std::chrono::seconds refresh_before_expiry = std::chrono::minutes(40)) {
  csms::MetadataCredentialsOptions options;
  options.endpoint = emulator.endpoint();
  options.clock = [&emulator] { return emulator.now(); };
  options.refresh_before_expiry = refresh_before_expiry;
  return csms::MakeMetadataCredentialsProvider(options);
}

using csms_test::CountingProvider;

// Every error text of these tests goes through this: no secret in any.
std::vector<std::string> g_secrets;  // NOLINT: test-local registry
void ExpectNoSecrets(const std::string& text) {
  for (const std::string& secret : g_secrets) {
    if (!secret.empty()) {
      EXPECT_THAT(text, Not(HasSubstr(secret)));
    }
  }
  for (const char* secret : {kPodToken, kSessionToken, kServedSecret, kServedSecurityToken}) {
    EXPECT_THAT(text, Not(HasSubstr(secret)));
  }
}

std::string CallError(csms::CsmsClient& client) {
  try {
    client.ListSecretEvents();
  } catch (const CredentialsError& e) {
    ExpectNoSecrets(e.what());
    return e.what();
  }
  return "<no CredentialsError>";
}

// --- each source against the emulator -----------------------------------

class MetadataModes : public ::testing::TestWithParam<csms::MetadataTokenMode> {};

TEST_P(MetadataModes, ClientCallsSucceedWithOneFetch) {
  csms::EmulatorOptions options;
  options.metadata_token_mode = GetParam();
  const auto emulator = StartEmulator(options);
  const auto provider = MetadataProvider(*emulator);
  csms::CsmsClient client = ClientOf(*emulator, provider);
  for (int i = 0; i < 3; ++i) client.ListSecretEvents();

  const csms::Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.source(), "metadata " + emulator->endpoint());
  ASSERT_TRUE(credentials.expiration().has_value());
  EXPECT_EQ(credentials.access_key().substr(0, 3), "EMU");
  const auto served = emulator->credential_counters();
  EXPECT_EQ(served.metadata_credentials, 1U);
  EXPECT_EQ(served.metadata_session_tokens,
            GetParam() == csms::MetadataTokenMode::kUnsupported ? 0U : 1U);
  EXPECT_EQ(emulator->api_request_count(), 3U);
}

INSTANTIATE_TEST_SUITE_P(CredentialsSources, MetadataModes,
                         ::testing::Values(csms::MetadataTokenMode::kOptional,
                                           csms::MetadataTokenMode::kRequired,
                                           csms::MetadataTokenMode::kUnsupported));

TEST(CredentialsSources, MetadataWithoutAgencySaysSoAndSendsNothing) {
  csms::EmulatorOptions options;
  options.metadata_agency = false;
  const auto emulator = StartEmulator(options);
  csms::CsmsClient client = ClientOf(*emulator, MetadataProvider(*emulator), 3);
  EXPECT_THAT(CallError(client), HasSubstr("metadata: the instance has no agency"));
  EXPECT_EQ(emulator->api_request_count(), 0U);
}

TEST(CredentialsSources, PodIdentityFollowsTheRotatingTokenFile) {
  TempFile token(std::string(kPodToken) + "\n");     // the pod's
  TempFile expected(std::string(kPodToken) + "\n");  // the endpoint's
  csms::EmulatorOptions emulator_options;
  emulator_options.pod_identity_token_file = expected.path();
  emulator_options.temporary_credentials_lifetime = std::chrono::hours(1);
  const auto emulator = StartEmulator(emulator_options);

  csms::PodIdentityCredentialsOptions options;
  options.full_uri = emulator->pod_identity_uri();
  options.token_file = token.path();
  options.clock = [&emulator] { return emulator->now(); };
  const auto provider = csms::MakePodIdentityCredentialsProvider(options);
  csms::CsmsClient client = ClientOf(*emulator, provider);
  client.ListSecretEvents();
  const csms::Credentials first = provider->Get();
  EXPECT_EQ(first.source(), "pod identity " + emulator->pod_identity_uri());

  // The token rotates; the credentials expire: the next fetch sends the new token.
  token.Write("rotated-pod-token\n");
  expected.Write("rotated-pod-token\n");
  emulator->AdvanceClock(std::chrono::minutes(61));
  client.ListSecretEvents();
  EXPECT_NE(provider->Get().access_key(), first.access_key());
  EXPECT_EQ(emulator->credential_counters().pod_identity_credentials, 2U);
  EXPECT_EQ(emulator->credential_counters().refused_expired, 0U);

  // A token the endpoint refuses: a CredentialsError naming status and gateway code.
  const csms::Credentials second = provider->Get();
  g_secrets = {first.secret_key(), first.token(), second.secret_key(), second.token()};
  expected.Write("another-token");
  emulator->AdvanceClock(std::chrono::minutes(61));
  const std::string error = CallError(client);
  EXPECT_THAT(error, HasSubstr("pod identity: POST answered HTTP 401 (error_code APIGW.0301"));
  EXPECT_EQ(emulator->api_request_count(), 2U);
  g_secrets.clear();
}

TEST(CredentialsSources, PodIdentityOverHttpsVerifiesTheServer) {
  const csms_test::SelfSignedCert cert;
  TempFile token(kPodToken);
  csms_test::LoopbackServer pods(
      [](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            std::string(R"({"credentials":{"accessKeyId":"PODAK01","secretAccessKey":")") +
                kServedSecret + R"(","securityToken":")" + kServedSecurityToken +
                R"(","expiration":"2099-01-01T00:00:00Z"}})",
            "application/json");
      },
      cert.cert(), cert.key());
  csms::PodIdentityCredentialsOptions options;
  options.full_uri = pods.url() + "/v1/credentials";
  options.token_file = token.path();
  // Generous: a TLS handshake under ThreadSanitizer on a busy machine took
  // over 3 s (then "connect timeout" hid the TLS refusal this test expects).
  options.timeout = std::chrono::seconds(60);

  // The system CAs do not know the test certificate: refused.
  try {
    csms::MakePodIdentityCredentialsProvider(options)->Get();
    ADD_FAILURE() << "expected a TLS failure";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("pod identity: transport error (tls)"));
    ExpectNoSecrets(e.what());
  }
  options.ca_file = cert.pem_path();
  const csms::Credentials credentials = csms::MakePodIdentityCredentialsProvider(options)->Get();
  EXPECT_EQ(credentials.access_key(), "PODAK01");
  EXPECT_EQ(credentials.source(), "pod identity " + pods.url() + "/v1/credentials");
}

using csms_test::ScopedEnv;

TEST(CredentialsSources, MetadataNeverGoesThroughAProxy) {
  csms_test::LoopbackServer proxy(
      [](const httplib::Request&, httplib::Response& res) { res.status = 502; });
  const ScopedEnv http_proxy("http_proxy", proxy.url().c_str());
  const ScopedEnv all_proxy("ALL_PROXY", proxy.url().c_str());
  const ScopedEnv no_proxy("no_proxy", nullptr);
  const ScopedEnv no_proxy_upper("NO_PROXY", nullptr);
  const auto emulator = StartEmulator();
  EXPECT_EQ(MetadataProvider(*emulator)->Get().source(), "metadata " + emulator->endpoint());
  EXPECT_TRUE(proxy.requests().empty());
  EXPECT_EQ(emulator->credential_counters().metadata_credentials, 1U);
}

// --- the default chain ----------------------------------------------------

TEST(CredentialsSources, TheDefaultChainFindsEachSourceInOrder) {
  TempFile pod_token(kPodToken);
  csms::EmulatorOptions emulator_options;
  emulator_options.pod_identity_token_file = pod_token.path();
  const auto emulator = StartEmulator(emulator_options);
  TempFile profile(std::string("[basic]\nak = ") + csms_test::kAk + "\nsk = " + csms_test::kSk +
                   "\n");
  const auto clock = [&emulator] { return emulator->now(); };

  std::map<std::string, std::string> env = {
      {"HOME", "/nonexistent-home"},
      {"HUAWEICLOUD_SDK_AK", csms_test::kAk},
      {"HUAWEICLOUD_SDK_SK", csms_test::kSk},
      {"HUAWEICLOUD_SDK_CREDENTIALS_FILE", profile.path()},
      {"HC_CONTAINER_CREDENTIALS_FULL_URI", emulator->pod_identity_uri()},
      {"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", pod_token.path()},
      {"CSMS_METADATA_ENDPOINT", emulator->endpoint()},
  };
  const auto source_of = [&] {
    const auto chain = csms::internal::MakeDefaultCredentialsChainFrom(Env(env), clock);
    ClientOf(*emulator, chain).ListSecretEvents();
    return chain->Get().source();
  };
  EXPECT_EQ(source_of(), "environment");
  env.erase("HUAWEICLOUD_SDK_AK");
  env.erase("HUAWEICLOUD_SDK_SK");
  EXPECT_EQ(source_of(), "profile " + profile.path());
  env.erase("HUAWEICLOUD_SDK_CREDENTIALS_FILE");
  EXPECT_EQ(source_of(), "pod identity " + emulator->pod_identity_uri());
  EXPECT_EQ(emulator->credential_counters().metadata_credentials, 0U);
  env.erase("HC_CONTAINER_CREDENTIALS_FULL_URI");
  EXPECT_EQ(source_of(), "metadata " + emulator->endpoint());
  const auto served = emulator->credential_counters();
  EXPECT_EQ(served.pod_identity_credentials, 1U);
  EXPECT_EQ(served.metadata_credentials, 1U);
  EXPECT_EQ(emulator->api_request_count(), 4U);
}

// A client with neither credentials nor a provider resolves the default
// chain, whose fetching sources run on ClientOptions::clock: credentials the
// client's clock sees expired are fetched anew before a request is sent, not
// after the service refuses them.
TEST(CredentialsSources, TheClientsDefaultChainRunsOnTheClientsClock) {
  const auto emulator = StartEmulator();
  const ScopedEnv ak("HUAWEICLOUD_SDK_AK", nullptr);
  const ScopedEnv sk("HUAWEICLOUD_SDK_SK", nullptr);
  const ScopedEnv token("CSMS_AUTH_TOKEN", nullptr);
  const ScopedEnv file("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent/credentials");
  const ScopedEnv pod("HC_CONTAINER_CREDENTIALS_FULL_URI", nullptr);
  const ScopedEnv disabled("CSMS_METADATA_DISABLED", nullptr);
  const ScopedEnv endpoint("CSMS_METADATA_ENDPOINT", emulator->endpoint().c_str());
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator->endpoint());
  options.credentials = {};
  options.clock = [&emulator] { return emulator->now(); };
  csms::CsmsClient client(options);
  client.ListSecretEvents();
  emulator->AdvanceClock(std::chrono::hours(7));  // past the 6-hour lifetime
  client.ListSecretEvents();
  const auto served = emulator->credential_counters();
  EXPECT_EQ(served.metadata_credentials, 2U);
  EXPECT_EQ(served.refused_expired, 0U);
  EXPECT_EQ(emulator->api_request_count(), 2U);
}

TEST(CredentialsSources, TheDefaultChainsCombinedErrorListsEverySource) {
  csms::EmulatorOptions emulator_options;
  emulator_options.metadata_agency = false;
  const auto emulator = StartEmulator(emulator_options);
  const auto chain = csms::internal::MakeDefaultCredentialsChainFrom(
      Env({{"HOME", "/nonexistent-home"}, {"CSMS_METADATA_ENDPOINT", emulator->endpoint()}}),
      [&emulator] { return emulator->now(); });
  csms::CsmsClient client = ClientOf(*emulator, chain);
  const std::string error = CallError(client);
  EXPECT_THAT(error, HasSubstr("environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not "
                               "set, nor is CSMS_AUTH_TOKEN; profile: "
                               "/nonexistent-home/.huaweicloud/credentials not found; pod "
                               "identity: HC_CONTAINER_CREDENTIALS_FULL_URI not set; metadata: "
                               "the instance has no agency"));
  EXPECT_EQ(emulator->api_request_count(), 0U);
}

TEST(CredentialsSources, NoMetadataServiceFailsACallInAboutOneTimeout) {
  // A port bound but not listening (held for the whole test, so nobody else
  // can take it): refused at once, like a laptop's 169.254.169.254 after the
  // first connect timeout.
  const int sock = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(sock, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length), 0);
  struct CloseAtEnd {
    int fd;
    ~CloseAtEnd() { close(fd); }
  } close_at_end{sock};
  const std::string dead_endpoint = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  const auto emulator = StartEmulator();
  csms::MetadataCredentialsOptions options;
  options.endpoint = dead_endpoint;
  options.clock = [&emulator] { return emulator->now(); };
  csms::CsmsClient client = ClientOf(*emulator, csms::MakeMetadataCredentialsProvider(options), 4);
  const std::string error = CallError(client);
  // Four attempts, one connection attempt: the others repeat the first reason.
  EXPECT_THAT(error, HasSubstr("metadata: could not connect (not tried again for 30 s)"));
  EXPECT_EQ(emulator->api_request_count(), 0U);
}

// --- malformed answers from a metadata service ----------------------------

// A gate a hanging handler waits at; opened (at the latest) by the test's end.
struct Gate {
  std::mutex mutex;
  std::condition_variable opened_cv;
  bool opened = false;
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex);
    opened_cv.wait(lock, [this] { return opened; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mutex);
    opened = true;
    opened_cv.notify_all();
  }
};

std::string ServedAnswer(const std::string& credential) {
  return R"({"credential":{)" + credential + "}}";
}

TEST(CredentialsSources, MalformedMetadataAnswersAreCredentialsErrorsAndSendNothing) {
  const std::string good_fields = std::string(R"("access":"AKSERVED01","secret":")") +
                                  kServedSecret + R"(","securitytoken":")" + kServedSecurityToken +
                                  R"(")";
  struct Case {
    int status;
    std::string body;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {200, std::string("<html>") + kServedSecret, "metadata: the answer is not valid JSON"},
      {200, ServedAnswer(good_fields), "metadata: credential.expires_at is missing"},
      {200, ServedAnswer(good_fields + R"(,"expires_at":"tomorrow")"),
       "metadata: credential.expires_at is not a UTC time"},
      {200,
       ServedAnswer(R"("access":"AKSERVED01","secret":"","securitytoken":")" +
                    std::string(kServedSecurityToken) +
                    R"(","expires_at":"2099-01-01T00:00:00.000000Z")"),
       "metadata: credential.secret is empty"},
      {500, ServedAnswer(good_fields),
       "metadata: GET /openstack/latest/securitykey answered HTTP 500"},
      {200, std::string(70 * 1024, ' ') + kServedSecret,
       "metadata: transport error (receive): response body exceeds the limit of 65536 bytes"},
  };
  const auto emulator = StartEmulator();
  for (const Case& c : cases) {
    csms_test::LoopbackServer metadata([&c](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "PUT") {
        res.set_content(kSessionToken, "text/plain");
        return;
      }
      res.status = c.status;
      res.set_content(c.body, "application/json");
    });
    csms::MetadataCredentialsOptions options;
    options.endpoint = metadata.url();
    options.timeout = std::chrono::milliseconds(2000);
    options.clock = [&emulator] { return emulator->now(); };
    csms::CsmsClient client =
        ClientOf(*emulator, csms::MakeMetadataCredentialsProvider(options), 3);
    EXPECT_THAT(CallError(client), HasSubstr(c.reason));
    const auto requests = metadata.requests();
    ASSERT_GE(requests.size(), 2U);
    EXPECT_EQ(requests[1].Header("X-Metadata-Token"), kSessionToken);
  }
  EXPECT_EQ(emulator->api_request_count(), 0U);
}

TEST(CredentialsSources, AHangingMetadataServiceTimesOut) {
  Gate gate;
  csms_test::LoopbackServer metadata([&gate](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "PUT") {
      res.status = 404;
      return;
    }
    gate.Wait();
  });
  struct OpenAtEnd {
    Gate& gate;
    ~OpenAtEnd() { gate.Open(); }  // before the server stops (declared after it)
  } open_at_end{gate};

  const auto emulator = StartEmulator();
  csms::MetadataCredentialsOptions options;
  options.endpoint = metadata.url();
  options.timeout = std::chrono::milliseconds(200);
  options.clock = [&emulator] { return emulator->now(); };
  csms::CsmsClient client = ClientOf(*emulator, csms::MakeMetadataCredentialsProvider(options));
  EXPECT_THAT(CallError(client), HasSubstr("metadata: no complete answer within 200 ms (timeout)"));
  EXPECT_EQ(emulator->api_request_count(), 0U);
}

// --- refresh ---------------------------------------------------------------

TEST(CredentialsSources, RefreshesAheadOfExpiryWithoutWaiting) {
  csms::EmulatorOptions emulator_options;
  emulator_options.temporary_credentials_lifetime = std::chrono::hours(1);
  const auto emulator = StartEmulator(emulator_options);
  auto provider = MetadataProvider(*emulator);
  {
    csms::CsmsClient client = ClientOf(*emulator, provider);
    client.ListSecretEvents();

    // 35 minutes left, less than the 40 of refresh_before_expiry: the call
    // signs with the still-valid credentials and a fetch starts beside it.
    emulator->AdvanceClock(std::chrono::minutes(25));
    client.ListSecretEvents();
  }
  provider.reset();  // joins the background refresh
  EXPECT_EQ(emulator->credential_counters().metadata_credentials, 2U);
  EXPECT_EQ(emulator->credential_counters().refused_expired, 0U);
}

TEST(CredentialsSources, SixteenThreadsThroughManyRolloversFetchOncePerRollover) {
  csms::EmulatorOptions emulator_options;
  emulator_options.temporary_credentials_lifetime = std::chrono::hours(1);
  const auto emulator = StartEmulator(emulator_options);
  const auto provider = MetadataProvider(*emulator);
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator->endpoint());
  options.credentials = {};
  options.credentials_provider = provider;
  options.clock = [&emulator] { return emulator->now(); };
  // The emulator serves 8 connections at a time (cpp-httplib's pool), each
  // kept alive: 16 kept-alive client connections would queue half of them.
  // Busy threads beyond 4 use short-lived connections instead.
  csms::CurlTransportOptions transport;
  transport.max_idle_connections = 4;
  options.transport = csms::MakeCurlTransport(transport);
  csms::CsmsClient client(options);

  constexpr int kRounds = 6;
  constexpr int kThreads = 16;
  constexpr int kCallsPerThread = 4;
  std::atomic<int> failures{0};
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) emulator->AdvanceClock(std::chrono::minutes(61));  // all expired now
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&client, &failures] {
        csms::CsmsClient mine = client;
        for (int i = 0; i < kCallsPerThread; ++i) {
          try {
            mine.ListSecretEvents();
          } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
            ++failures;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(emulator->credential_counters().metadata_credentials,
              static_cast<std::size_t>(round + 1));
  }
  EXPECT_EQ(failures.load(), 0);
  const auto served = emulator->credential_counters();
  EXPECT_EQ(served.refused_expired, 0U);
  EXPECT_EQ(emulator->api_request_count(),
            static_cast<std::size_t>(kRounds * kThreads * kCallsPerThread));
}

TEST(CredentialsSources, ExpiredCredentialsAreInvalidatedAndTheCallRetriedOnce) {
  const auto emulator = StartEmulator();
  const auto counting = std::make_shared<CountingProvider>(MetadataProvider(*emulator));
  csms::CsmsClient client = ClientOf(*emulator, counting);
  client.ListSecretEvents();
  const csms::Credentials first = counting->Get();

  EXPECT_EQ(emulator->ExpireCredentials(), 1U);  // the service says so before the SDK knows
  client.ListSecretEvents();
  EXPECT_EQ(counting->invalidations.load(), 1);
  EXPECT_NE(counting->Get().access_key(), first.access_key());
  const auto served = emulator->credential_counters();
  EXPECT_EQ(served.refused_expired, 1U);
  EXPECT_EQ(served.metadata_credentials, 2U);
  EXPECT_EQ(emulator->api_request_count(), 3U);

  // Revoked ones too (APIGW.0301).
  emulator->RevokeCredentials();
  client.ListSecretEvents();
  EXPECT_EQ(counting->invalidations.load(), 2);
  EXPECT_EQ(emulator->credential_counters().metadata_credentials, 3U);
}

}  // namespace
