// CsmsClient with a CredentialsProvider: which credentials each attempt signs
// with, the one refresh after the service rejects them, the default chain when
// nothing is set, and CredentialsError as an attempt failure.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "csms/client.h"
#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "fake_transport.h"
#include "internal/credentials_providers.h"
#include "internal/error_mapping.h"
#include "internal/refreshing_credentials.h"
#include "seed_data.h"

namespace csms {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kProviderSk = "provider-SK-never-printed";
constexpr const char* kProviderToken = "provider-security-token-never-printed";

using csms_test::SeedResponse;

// The gateway's answer to an expired or revoked token (API Gateway error codes).
HttpResponse Rejected(const std::string& code = "APIGW.0307",
                      const std::string& message = "The token must be updated.") {
  return csms_test::JsonResponse(
      R"({"error_code":")" + code + R"(","error_msg":")" + message + R"(","request_id":"r-401"})",
      401);
}

CreateSecretEventRequest SeedRequest() {
  CreateSecretEventRequest request;
  request.name = "demo-event";
  request.event_types = {EventType::kSecretVersionCreated};
  request.state = EventState::kEnabled;
  request.notification.target_id = "urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc";
  request.notification.target_name = "demo-smn-name";
  return request;
}

// Hands out "AK<n>" with the same secret, n counting Invalidate() calls, so a
// request shows which generation signed it. Fails its first `failures` Gets.
class CountingProvider : public CredentialsProvider {
 public:
  explicit CountingProvider(int failures = 0) : failures_(failures) {}
  Credentials Get() override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++gets;
    if (failures_ > 0) {
      --failures_;
      throw CredentialsError("fake: not yet");
    }
    return Credentials::AkSk("AK" + std::to_string(invalidations + 1), kProviderSk, kProviderToken);
  }
  void Invalidate() override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++invalidations;
  }
  int gets = 0;
  int invalidations = 0;

 private:
  std::mutex mutex_;
  int failures_;
};

ClientOptions Options(std::shared_ptr<HttpTransport> transport) {
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.transport = std::move(transport);
  options.sleep = [](std::chrono::milliseconds) {};
  return options;
}

std::string Header(const HttpRequest& request, const char* name) {
  return internal::FindHeader(request.headers, name).value_or("<absent>");
}

std::string AccessKeyOf(const HttpRequest& request) {
  const std::string authorization = Header(request, "Authorization");
  const auto start = authorization.find("Access=");
  if (start == std::string::npos) return "<none>";
  return authorization.substr(start + 7, authorization.find(',', start) - start - 7);
}

TEST(ClientCredentials, TheProviderWinsOverCredentials) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  auto provider = std::make_shared<CountingProvider>();
  ClientOptions options = Options(transport);
  options.credentials = Credentials::AkSk("FIXED", "fixed-sk");
  options.credentials_provider = provider;
  CsmsClient client(std::move(options));
  EXPECT_EQ(provider->gets, 0);  // asked at the first call, not before
  client.CreateSecretEvent(SeedRequest());
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(AccessKeyOf(requests[0]), "AK1");
  EXPECT_EQ(Header(requests[0], "X-Security-Token"), kProviderToken);
  EXPECT_EQ(provider->gets, 1);
}

TEST(ClientCredentials, EachAttemptSignsWithWhatGetReturns) {
  auto transport = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{csms_test::JsonResponse("{}", 503), SeedResponse()});
  auto provider = std::make_shared<CountingProvider>();
  CsmsClient client([&] {
    ClientOptions options = Options(transport);
    options.credentials_provider = provider;
    return options;
  }());
  // The provider moves on between the attempts (as a refresh would).
  client.ShowSecretEvent("demo-event");
  EXPECT_EQ(provider->gets, 2);
  EXPECT_EQ(transport->requests().size(), 2u);
}

TEST(ClientCredentials, RejectedCredentialsAreInvalidatedAndRetriedOnceEvenForACreate) {
  auto transport = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{Rejected(), SeedResponse()});
  auto provider = std::make_shared<CountingProvider>();
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  options.retry.max_attempts = 1;  // the refresh is granted even without retries
  CsmsClient client(std::move(options));
  const Event event = client.CreateSecretEvent(SeedRequest());
  EXPECT_EQ(event.name, "event-test");
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(AccessKeyOf(requests[0]), "AK1");
  EXPECT_EQ(AccessKeyOf(requests[1]), "AK2");  // fresh credentials
  EXPECT_EQ(provider->invalidations, 1);
}

TEST(ClientCredentials, RejectedTwiceIsAnUnauthorizedErrorAfterOneRefresh) {
  auto transport = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{Rejected("APIGW.0301")});
  auto provider = std::make_shared<CountingProvider>();
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  CsmsClient client(std::move(options));
  try {
    client.ShowSecretEvent("demo-event");
    FAIL() << "expected UnauthorizedError";
  } catch (const UnauthorizedError& e) {
    EXPECT_EQ(e.attempts(), 2);
    EXPECT_EQ(e.detail().error_code, "APIGW.0301");
  }
  EXPECT_EQ(transport->requests().size(), 2u);
  EXPECT_EQ(provider->invalidations, 1);
}

TEST(ClientCredentials, FixedCredentialsAreNotRetriedAfterA401) {
  auto transport = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{Rejected(), SeedResponse()});
  ClientOptions options = Options(transport);
  options.credentials = Credentials::AkSk("FIXED", "fixed-sk");
  CsmsClient client(std::move(options));
  EXPECT_THROW(client.ShowSecretEvent("demo-event"), UnauthorizedError);
  EXPECT_EQ(transport->requests().size(), 1u);

  // A static provider is fixed credentials too.
  auto transport2 = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{Rejected(), SeedResponse()});
  ClientOptions options2 = Options(transport2);
  options2.credentials_provider = MakeStaticCredentialsProvider(Credentials::AkSk("S", "s"));
  CsmsClient client2(std::move(options2));
  EXPECT_THROW(client2.ShowSecretEvent("demo-event"), UnauthorizedError);
  EXPECT_EQ(transport2->requests().size(), 1u);
}

TEST(ClientCredentials, A401OfAnotherCodeIsNotARefresh) {
  for (const HttpResponse& rejected :
       {Rejected("APIGW.0305", "Incorrect debugging authentication information"),
        // The clock is off: new credentials would be signed with the same clock.
        Rejected("APIGW.0303",
                 "Incorrect app authentication information: signature expired, signature "
                 "time:20230527T000431Z,server time:20230527T020608Z")}) {
    auto transport = std::make_shared<csms_test::ScriptedTransport>(
        std::vector<HttpResponse>{rejected, SeedResponse()});
    auto provider = std::make_shared<CountingProvider>();
    ClientOptions options = Options(transport);
    options.credentials_provider = provider;
    CsmsClient client(std::move(options));
    EXPECT_THROW(client.ShowSecretEvent("demo-event"), UnauthorizedError);
    EXPECT_EQ(provider->invalidations, 0);
    EXPECT_EQ(transport->requests().size(), 1u);
  }
}

// A source that gives the same credentials after Invalidate() (environment
// and profile are read once) would be rejected the same way: no second
// request, the 401 stands. Also for the service's own CSMS.0301.
TEST(ClientCredentials, TheSameCredentialsAfterInvalidateAreNotSentAgain) {
  for (const std::string code : {"APIGW.0307", "CSMS.0301"}) {
    auto transport = std::make_shared<csms_test::ScriptedTransport>(
        std::vector<HttpResponse>{Rejected(code, "invalid token"), SeedResponse()});
    auto env = internal::MakeEnvironmentCredentialsProvider(
        [](const char* name) -> std::optional<std::string> {
          if (std::string(name) == "CSMS_AUTH_TOKEN") return std::string("env-token");
          return std::nullopt;
        });
    ClientOptions options = Options(transport);
    options.credentials_provider = env;
    CsmsClient client(std::move(options));
    EXPECT_THROW(client.ShowSecretEvent("demo-event"), UnauthorizedError) << code;
    EXPECT_EQ(transport->requests().size(), 1u) << code;
  }
}

// CSMS.0301 (the service's invalid X-Auth-Token) refreshes like the gateway's codes.
TEST(ClientCredentials, TheServicesInvalidTokenCodeIsARefresh) {
  auto transport = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{Rejected("CSMS.0301", "invalid token"), SeedResponse()});
  auto provider = std::make_shared<CountingProvider>();
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  CsmsClient client(std::move(options));
  EXPECT_NO_THROW(client.ShowSecretEvent("demo-event"));
  EXPECT_EQ(provider->invalidations, 1);
  EXPECT_EQ(transport->requests().size(), 2u);
}

TEST(ClientCredentials, ASignatureTheGatewayCannotVerifyIsARefresh) {
  auto transport = std::make_shared<csms_test::ScriptedTransport>(std::vector<HttpResponse>{
      Rejected("APIGW.0303", "Incorrect app authentication information: verify signature fail"),
      SeedResponse()});
  auto provider = std::make_shared<CountingProvider>();
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  CsmsClient client(std::move(options));
  EXPECT_NO_THROW(client.ShowSecretEvent("demo-event"));
  EXPECT_EQ(provider->invalidations, 1);
  EXPECT_EQ(transport->requests().size(), 2u);
}

TEST(ClientCredentials, AProviderFailureIsAnAttemptFailureRetriedPerPolicy) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  auto provider = std::make_shared<CountingProvider>(/*failures=*/1);
  std::vector<std::chrono::milliseconds> waits;
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  options.sleep = [&](std::chrono::milliseconds wait) { waits.push_back(wait); };
  CsmsClient client(std::move(options));
  client.CreateSecretEvent(SeedRequest());  // a create too: nothing was sent
  EXPECT_EQ(provider->gets, 2);
  EXPECT_EQ(waits.size(), 1u);
  EXPECT_EQ(transport->requests().size(), 1u);
}

TEST(ClientCredentials, AProviderThatNeverYieldsIsACredentialsErrorAndSendsNothing) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  auto provider = std::make_shared<CountingProvider>(/*failures=*/100);
  std::vector<std::string> log;
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  options.log_sink = [&](const std::string& line) { log.push_back(line); };
  CsmsClient client(std::move(options));
  try {
    client.ShowSecretEvent("demo-event");
    FAIL() << "expected CredentialsError";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("fake: not yet"));
    EXPECT_EQ(e.attempts(), 3);
  }
  EXPECT_TRUE(transport->requests().empty());
  ASSERT_EQ(log.size(), 3u);
  EXPECT_THAT(log[0], HasSubstr("no credentials"));
}

// Time spent in Get() (waiting for a fetch at expiry) comes out of the call's
// deadline: the request gets only what is left.
TEST(ClientCredentials, TimeSpentGettingCredentialsComesOutOfTheDeadline) {
  class Slow : public CredentialsProvider {
   public:
    explicit Slow(std::atomic<std::int64_t>* now_ms) : now_ms_(now_ms) {}
    Credentials Get() override {
      *now_ms_ += 4000;  // a fetch of 4 s on the fake monotonic clock
      return Credentials::AkSk("AK", kProviderSk);
    }

   private:
    std::atomic<std::int64_t>* now_ms_;
  };
  std::atomic<std::int64_t> now_ms{0};
  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  ClientOptions options = Options(transport);
  options.credentials_provider = std::make_shared<Slow>(&now_ms);
  options.monotonic_clock = [&now_ms] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms.load()));
  };
  options.call_deadline = std::chrono::seconds(10);
  CsmsClient client(std::move(options));
  client.ShowSecretEvent("demo-event");
  ASSERT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(transport->requests()[0].timeout, std::chrono::seconds(6));
}

TEST(ClientCredentials, UnusableCredentialsFromAProviderAreACredentialsError) {
  class Bad : public CredentialsProvider {
   public:
    Credentials Get() override { return Credentials::AkSk("AK, Evil=1", kProviderSk); }
  };
  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  ClientOptions options = Options(transport);
  options.credentials_provider = std::make_shared<Bad>();
  CsmsClient client(std::move(options));
  try {
    client.ShowSecretEvent("demo-event");
    FAIL() << "expected CredentialsError";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("access key (AK)"));
    EXPECT_THAT(e.what(), Not(HasSubstr(kProviderSk)));
    EXPECT_THAT(e.what(), Not(HasSubstr("Evil")));
  }
  EXPECT_TRUE(transport->requests().empty());
}

TEST(ClientCredentials, ErrorsFromTheServiceNeverCarryTheProvidersSecrets) {
  const std::string echo = std::string(R"({"error_code":"APIGW.0302","error_msg":"sk )") +
                           kProviderSk + " token " + kProviderToken + R"(","request_id":"r"})";
  auto transport =
      std::make_shared<csms_test::RecordingTransport>(csms_test::JsonResponse(echo, 403));
  ClientOptions options = Options(transport);
  options.credentials_provider = std::make_shared<CountingProvider>();
  CsmsClient client(std::move(options));
  try {
    client.ShowSecretEvent("demo-event");
    FAIL() << "expected ForbiddenError";
  } catch (const ForbiddenError& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr(kProviderSk)));
    EXPECT_THAT(e.what(), Not(HasSubstr(kProviderToken)));
    EXPECT_THAT(e.what(), HasSubstr("<redacted>"));
  }

  // A success whose body does not decode is scrubbed too (after the call).
  auto transport2 = std::make_shared<csms_test::RecordingTransport>(
      csms_test::JsonResponse(std::string("not json ") + kProviderToken));
  ClientOptions options2 = Options(transport2);
  options2.credentials_provider = std::make_shared<CountingProvider>();
  CsmsClient client2(std::move(options2));
  try {
    client2.ShowSecretEvent("demo-event");
    FAIL() << "expected InvalidResponseError";
  } catch (const InvalidResponseError& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr(kProviderToken)));
  }
}

// Sets the environment variables the default chain reads, restoring them after.
class DefaultChainEnvironment {
 public:
  DefaultChainEnvironment() {
    for (const char* name : kNames) {
      const char* value = std::getenv(name);
      saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
      unsetenv(name);
    }
    setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent/csms-test/credentials", 1);
  }
  ~DefaultChainEnvironment() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name, value->c_str(), 1);
      } else {
        unsetenv(name);
      }
    }
  }
  DefaultChainEnvironment(const DefaultChainEnvironment&) = delete;
  DefaultChainEnvironment& operator=(const DefaultChainEnvironment&) = delete;

 private:
  static constexpr const char* kNames[] = {"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK",
                                           "HUAWEICLOUD_SDK_SECURITY_TOKEN", "CSMS_AUTH_TOKEN",
                                           "HUAWEICLOUD_SDK_CREDENTIALS_FILE"};
  std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

TEST(ClientCredentials, NothingSetUsesTheDefaultChainAtTheFirstCall) {
  const DefaultChainEnvironment environment;
  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  CsmsClient client(Options(transport));  // no ConfigurationError, no I/O
  try {
    client.ShowSecretEvent("demo-event");
    FAIL() << "expected CredentialsError";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are "
                                    "not set"));
    EXPECT_THAT(e.what(), HasSubstr("profile: /nonexistent/csms-test/credentials not found"));
  }
  EXPECT_TRUE(transport->requests().empty());

  // Read at the call, not at construction: variables set afterwards count.
  CsmsClient later(Options(transport));
  setenv("HUAWEICLOUD_SDK_AK", "ENVAK", 1);
  setenv("HUAWEICLOUD_SDK_SK", "env-sk", 1);
  later.ShowSecretEvent("demo-event");
  ASSERT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(AccessKeyOf(transport->requests()[0]), "ENVAK");
}

// 16 threads share one client through several credential rollovers: every
// call succeeds, and each rollover costs exactly one fetch.
TEST(ClientCredentials, SixteenThreadsThroughRolloversOneFetchEachNoFailedCall) {
  std::atomic<std::int64_t> now_seconds{1'800'000'000};
  auto clock = [&] { return Timestamp(std::chrono::seconds(now_seconds.load())); };
  std::atomic<int> fetches{0};
  internal::RefreshingCredentialsOptions refresh;
  refresh.source = "test";
  refresh.clock = clock;
  refresh.fetch = [&] {
    const int n = ++fetches;
    return Credentials::AkSk("AK" + std::to_string(n), kProviderSk, kProviderToken)
        .WithExpiration(clock() + std::chrono::hours(6));
  };
  // Refreshes run on the caller that finds one due, so that the count is
  // exact when the round ends; the others keep signing meanwhile.
  refresh.run_in_background = [](std::function<void()> task) { task(); };
  auto provider = std::make_shared<internal::RefreshingCredentials>(std::move(refresh));

  auto transport = std::make_shared<csms_test::RecordingTransport>(SeedResponse());
  ClientOptions options = Options(transport);
  options.credentials_provider = provider;
  options.clock = clock;
  CsmsClient client(std::move(options));

  constexpr int kRollovers = 5;
  std::atomic<int> failed{0};
  for (int round = 0; round <= kRollovers; ++round) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 20; ++i) {
          try {
            client.ShowSecretEvent("demo-event");
          } catch (...) {
            ++failed;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(fetches.load(), round + 1) << "round " << round;
    now_seconds += std::chrono::seconds(std::chrono::hours(5) + std::chrono::minutes(30)).count();
  }
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(transport->requests().size(), std::size_t{16 * 20 * (kRollovers + 1)});
}

}  // namespace
}  // namespace csms
