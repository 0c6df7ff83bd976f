// The IAM credentials providers (password token, federated, agency), the IAM
// endpoint and the IAM call helper, against a scripted transport: every
// request checked byte for byte, renewal on an injected clock, typed and
// redacted errors. The same providers end to end against the emulator are
// iam-emu's tests.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "csms/client.h"
#include "csms/errors.h"
#include "csms/http.h"
#include "csms/iam_credentials.h"
#include "fake_transport.h"
#include "internal/credentials_providers.h"
#include "internal/error_mapping.h"
#include "internal/iam_call.h"
#include "internal/iam_endpoint.h"
#include "internal/iam_providers.h"
#include "internal/regions.h"
#include "internal/sdk_date.h"
#include "internal/signer.h"
#include "temp_file.h"
#include "test_doubles.h"

namespace csms {
namespace {

using internal::EnvLookup;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// 2026-12-01T00:00:00Z.
const Timestamp kNow = Timestamp(std::chrono::seconds(1796083200));
constexpr char kExpiresAt[] = "2026-12-02T00:00:00.000000Z";  // kNow + 24 h
constexpr char kEndpoint[] = "https://iam.cn-north-4.myhuaweicloud.com";

constexpr char kPassword[] = "Pa55w0rd-very-secret!";
constexpr char kIamToken[] = "MIIIAMTOKEN-0123456789abcdefghijklmnopqrstuvwxyz";
constexpr char kIdToken[] = "eyJhbGciOiJSUzI1NiJ9.IDTOKEN-payload.signature";
constexpr char kTempSecret[] = "TEMPSECRET0123456789abcdefghijklmnopqrst";
constexpr char kTempSecurityToken[] = "gQpjbi1ub3J0aC00SECURITYTOKEN";
constexpr char kSourceSk[] = "SOURCESECRETKEY0123456789abcdefghijklmno";

HttpResponse Answer(int status, std::string body = {}, HttpHeaders headers = {}) {
  HttpResponse response;
  response.status_code = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

std::string TokenBody(const std::string& expires_at = kExpiresAt) {
  return R"({"token":{"expires_at":")" + expires_at +
         R"(","issued_at":"2026-12-01T00:00:00.000000Z","methods":["password"],)"
         R"("user":{"id":"u1","name":"alice","domain":{"id":"d1","name":"acme"}}}})";
}

HttpResponse TokenAnswer(const std::string& token = kIamToken,
                         const std::string& expires_at = kExpiresAt) {
  return Answer(201, TokenBody(expires_at),
                {{"Content-Type", "application/json"}, {"X-Subject-Token", token}});
}

std::string CredentialBody(const std::string& access = "TEMPAK0001",
                           const std::string& expires_at = kExpiresAt) {
  return R"({"credential":{"access":")" + access + R"(","secret":")" + kTempSecret +
         R"(","securitytoken":")" + kTempSecurityToken + R"(","expires_at":")" + expires_at +
         R"("}})";
}

using csms_test::FunctionTransport;

std::string Header(const HttpRequest& request, const char* name) {
  return internal::FindHeader(request.headers, name).value_or("<absent>");
}

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

const EnvLookup kNoEnv = Env({});

using csms_test::TempFile;

void ExpectNoSecrets(const std::string& text) {
  for (const char* secret :
       {kPassword, kIamToken, kIdToken, kTempSecret, kTempSecurityToken, kSourceSk}) {
    EXPECT_THAT(text, Not(HasSubstr(secret))) << text;
  }
}

// A Get() that must fail: its CredentialsError, checked for secrets.
CredentialsError ErrorOf(CredentialsProvider& provider) {
  try {
    provider.Get();
  } catch (const CredentialsError& e) {
    ExpectNoSecrets(e.what());
    ExpectNoSecrets(e.detail().error_code);
    ExpectNoSecrets(e.detail().error_msg);
    ExpectNoSecrets(e.request_id());
    return e;
  }
  ADD_FAILURE() << "Get() succeeded";
  return CredentialsError("<no error>");
}

struct Clock {
  std::mutex mutex;
  Timestamp now = kNow;
  Timestamp Now() {
    std::lock_guard<std::mutex> lock(mutex);
    return now;
  }
  void Advance(std::chrono::seconds by) {
    std::lock_guard<std::mutex> lock(mutex);
    now += by;
  }
};

// "YYYY-MM-DDTHH:MM:SSZ", the expires_at form, from X-Sdk-Date's "YYYYMMDDTHHMMSSZ".
std::string ExpiresAt(Timestamp time) {
  const std::string d = internal::FormatSdkDate(time);
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + "T" + d.substr(9, 2) + ":" +
         d.substr(11, 2) + ":" + d.substr(13, 2) + "Z";
}

IamOptions Iam(std::shared_ptr<HttpTransport> transport, Clock* clock) {
  IamOptions iam;
  iam.region = "cn-north-4";
  iam.transport = std::move(transport);
  iam.clock = [clock] { return clock->Now(); };
  return iam;
}

PasswordTokenOptions PasswordOptions(std::shared_ptr<HttpTransport> transport, Clock* clock) {
  PasswordTokenOptions options;
  options.iam = Iam(std::move(transport), clock);
  options.user_name = "alice";
  options.domain_name = "acme";
  options.password = kPassword;
  options.project_id = "0123456789abcdef0123456789abcdef";
  return options;
}

// --- the IAM endpoint ---------------------------------------------------------

TEST(IamEndpoint, FollowsTheRegionWhereIamServesItElseTheGlobalOne) {
  EXPECT_EQ(internal::IamEndpointFor("cn-north-4"), "https://iam.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(internal::IamEndpointFor("ap-southeast-1"),
            "https://iam.ap-southeast-1.myhuaweicloud.com");
  EXPECT_EQ(internal::IamEndpointFor("tr-west-1"), "https://iam.tr-west-1.myhuaweicloud.com");
  EXPECT_EQ(internal::IamEndpointFor("cn-southwest-3"), "https://iam.myhuaweicloud.com");
  EXPECT_EQ(internal::IamEndpointFor(""), "https://iam.myhuaweicloud.com");
}

TEST(IamEndpoint, EveryCsmsRegionWithARegionalIamGetsItTheRestAreListedAsGlobal) {
  // docs/credentials.md lists these as the CSMS regions whose IAM is the
  // global endpoint; every other CSMS region has a regional one.
  const std::vector<std::string> global = {"af-north-1", "cn-north-11", "cn-southwest-3"};
  EXPECT_EQ(internal::IamEndpointFor("ap-southeast-5"),
            "https://iam.ap-southeast-5.myhuaweicloud.com");
  for (const char* region :
       {"ae-ad-1",          "af-north-1",     "af-south-1",     "ap-southeast-1", "ap-southeast-2",
        "ap-southeast-3",   "ap-southeast-4", "ap-southeast-5", "cn-east-2",      "cn-east-3",
        "cn-east-4",        "cn-east-5",      "cn-north-1",     "cn-north-11",    "cn-north-12",
        "cn-north-2",       "cn-north-4",     "cn-north-9",     "cn-south-1",     "cn-south-2",
        "cn-southwest-2",   "cn-southwest-3", "la-north-2",     "la-south-2",     "me-east-1",
        "my-kualalumpur-1", "na-mexico-1",    "ru-moscow-1",    "sa-brazil-1",    "tr-west-1"}) {
    ASSERT_TRUE(internal::IsKnownRegion(region)) << region;
    const bool is_global = std::find(global.begin(), global.end(), region) != global.end();
    EXPECT_EQ(internal::IamEndpointFor(region),
              is_global ? std::string("https://iam.myhuaweicloud.com")
                        : "https://iam." + std::string(region) + ".myhuaweicloud.com")
        << region;
  }
  EXPECT_EQ(internal::IamEndpointFor("evil.example.com/x"), "https://iam.myhuaweicloud.com");
}

TEST(IamEndpoint, OptionThenEnvironmentThenProfileThenRegion) {
  const EnvLookup env = Env({{"HUAWEICLOUD_SDK_IAM_ENDPOINT", "iam.example.com"}});
  EXPECT_EQ(internal::ResolveIamEndpoint("http://127.0.0.1:8080/", "cn-north-4", env, "x"),
            "http://127.0.0.1:8080");
  // Without a scheme the variable gets https://, as in the official SDKs.
  EXPECT_EQ(internal::ResolveIamEndpoint("", "cn-north-4", env, "https://profile.example.com"),
            "https://iam.example.com");
  EXPECT_EQ(internal::ResolveIamEndpoint("", "cn-north-4", kNoEnv, "https://profile.example.com"),
            "https://profile.example.com");
  EXPECT_EQ(internal::ResolveIamEndpoint("", "cn-north-4", kNoEnv, ""), kEndpoint);
}

TEST(IamEndpoint, PlainHttpOnlyToLoopbackAndNoPathQueryOrUserInfo) {
  const auto problem = [](const std::string& endpoint, const EnvLookup& env = kNoEnv) {
    try {
      internal::ResolveIamEndpoint(endpoint, "", env);
    } catch (const ConfigurationError& e) {
      EXPECT_THAT(e.what(), Not(HasSubstr("secret")));
      return std::string(e.what());
    }
    return std::string("<accepted>");
  };
  EXPECT_THAT(problem("http://iam.example.com"), HasSubstr("plain http"));
  EXPECT_THAT(problem("https://user:secret@iam.example.com"), HasSubstr("user info"));
  EXPECT_THAT(problem("https://iam.example.com/v3"), HasSubstr("has a path"));
  EXPECT_THAT(problem("https://iam.example.com?x=1"), HasSubstr("query"));
  EXPECT_THAT(problem("", Env({{"HUAWEICLOUD_SDK_IAM_ENDPOINT", "http://iam.example.com"}})),
              HasSubstr("(HUAWEICLOUD_SDK_IAM_ENDPOINT) uses plain http"));
  EXPECT_EQ(problem("http://[::1]:1"), "<accepted>");
}

// --- the IAM call helper ----------------------------------------------------------

TEST(IamCall, NamesTheCallStatusAndIamsCodeAndMessage) {
  auto transport = std::make_shared<FunctionTransport>([](const HttpRequest&) {
    return Answer(
        401,
        R"({"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}})",
        {{"X-IAM-Trace-Id", "trace-1"}});
  });
  internal::IamConnection connection{kEndpoint, transport, std::chrono::seconds(5), nullptr};
  internal::IamRequest request;
  request.method = "POST";
  request.path = "/v3/auth/tokens";
  request.body = "{}";
  try {
    internal::CallIam(connection, request);
    FAIL() << "no error";
  } catch (const CredentialsError& e) {
    EXPECT_STREQ(e.what(),
                 "no usable credentials: IAM POST /v3/auth/tokens failed: HTTP 401 Unauthorized: "
                 "The username or password is wrong. (IAM code 401, request id trace-1)");
    EXPECT_EQ(e.status_code(), 401);
    EXPECT_EQ(e.detail().error_code, "401");
    EXPECT_EQ(e.detail().error_msg, "The username or password is wrong.");
    EXPECT_EQ(e.request_id(), "trace-1");
  }
}

TEST(IamCall, ReadsTheGatewayShapeAndDescribesOtherBodies) {
  std::vector<HttpResponse> answers = {
      Answer(403, R"({"error_code":"IAM.0101","error_msg":"no permission"})",
             {{"X-Request-Id", "r-2"}}),
      Answer(500, "<html><body>oops</body></html>", {{"Content-Type", "text/html"}}),
      Answer(502, "")};
  auto transport = std::make_shared<csms_test::ScriptedTransport>(answers);
  internal::IamConnection connection{kEndpoint, transport, std::chrono::seconds(5), nullptr};
  internal::IamRequest request;
  request.method = "GET";
  request.path = "/v3/projects";
  request.query = {{"name", "cn-north-4"}};
  std::vector<std::string> messages;
  for (int i = 0; i < 3; ++i) {
    try {
      internal::CallIam(connection, request);
    } catch (const CredentialsError& e) {
      messages.emplace_back(e.what());
    }
  }
  ASSERT_EQ(messages.size(), 3U);
  EXPECT_THAT(messages[0], HasSubstr("IAM GET /v3/projects failed: HTTP 403: no permission "
                                     "(IAM code IAM.0101, request id r-2)"));
  EXPECT_THAT(messages[1], HasSubstr("IAM GET /v3/projects failed: HTTP 500 (30 bytes of "
                                     "text/html, not IAM's error JSON)"));
  EXPECT_THAT(messages[1], Not(HasSubstr("oops")));
  EXPECT_THAT(messages[2], HasSubstr("HTTP 502 (empty answer)"));
  const HttpRequest sent = transport->requests().at(0);
  EXPECT_EQ(sent.url, std::string(kEndpoint) + "/v3/projects?name=cn-north-4");
  EXPECT_EQ(Header(sent, "Host"), "iam.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(Header(sent, "Content-Type"), "<absent>");
  EXPECT_EQ(Header(sent, "Authorization"), "<absent>");
}

TEST(IamCall, BlanksOutEverySecretIamEchoes) {
  const std::string echo = std::string(kPassword) + " " + kIamToken + " " + kSourceSk;
  auto transport = std::make_shared<FunctionTransport>([&echo](const HttpRequest&) {
    return Answer(400,
                  R"({"error":{"code":")" + echo + R"(","message":")" + echo + R"(","title":")" +
                      echo + R"("}})",
                  {{"X-IAM-Trace-Id", echo}});
  });
  internal::IamConnection connection{kEndpoint, transport, std::chrono::seconds(5),
                                     [] { return kNow; }};
  const Credentials signing = Credentials::AkSk("SOURCEAK", kSourceSk, kIamToken);
  internal::IamRequest request;
  request.method = "POST";
  request.path = "/v3.0/OS-CREDENTIAL/securitytokens";
  request.sign_with = &signing;
  request.secrets = {kPassword};
  try {
    internal::CallIam(connection, request);
    FAIL() << "no error";
  } catch (const CredentialsError& e) {
    ExpectNoSecrets(e.what());
    ExpectNoSecrets(e.detail().error_code);
    ExpectNoSecrets(e.detail().error_msg);
    ExpectNoSecrets(e.request_id());
    EXPECT_THAT(e.what(), HasSubstr("<redacted>"));
  }
}

TEST(IamCall, ATimeoutAndAnUnreachableIamAreNamedToo) {
  std::atomic<int> calls{0};
  auto transport =
      std::make_shared<FunctionTransport>([&calls](const HttpRequest&) -> HttpResponse {
        if (calls++ == 0) throw TransportError(TransportError::Kind::kTimeout, "timed out", true);
        throw TransportError(TransportError::Kind::kConnect, "could not connect to the host");
      });
  internal::IamConnection connection{kEndpoint, transport, std::chrono::milliseconds(1500),
                                     nullptr};
  internal::IamRequest request;
  request.method = "POST";
  request.path = "/v3/auth/tokens";
  for (const char* expected :
       {"IAM POST /v3/auth/tokens failed: no complete answer within 1500 ms (timeout)",
        "IAM POST /v3/auth/tokens failed: transport error (connect)"}) {
    try {
      internal::CallIam(connection, request);
      FAIL() << "no error";
    } catch (const CredentialsError& e) {
      EXPECT_THAT(e.what(), HasSubstr(expected));
      EXPECT_EQ(e.status_code(), 0);
    }
  }
  EXPECT_EQ(transport->requests().at(0).timeout, std::chrono::milliseconds(1500));
}

// A loopback port that accepts connections (the kernel completes them from
// the backlog) and never answers: an IAM that hangs.
class SilentPort {
 public:
  SilentPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t size = sizeof address;
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (fd_ < 0 || bind(fd_, generic, size) != 0 || listen(fd_, 8) != 0 ||
        getsockname(fd_, generic, &size) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentPort() { close(fd_); }
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(IamCall, AnIamThatHangsIsATimeoutOfTheConfiguredLength) {
  SilentPort iam;
  PasswordTokenOptions options;
  options.iam.endpoint = iam.url();
  options.iam.request_timeout = std::chrono::milliseconds(300);
  options.user_name = "alice";
  options.domain_name = "acme";
  options.password = kPassword;
  options.project_name = "cn-north-4";
  auto provider = MakePasswordTokenProvider(options);  // libcurl, as in production
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(ErrorOf(*provider).what(),
              HasSubstr("IAM POST /v3/auth/tokens failed: no complete answer within 300 ms "
                        "(timeout)"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

// --- the password token provider ---------------------------------------------------

TEST(PasswordTokenProvider, PostsThePasswordScopedToTheProjectAndReadsTheToken) {
  Clock clock;
  auto transport =
      std::make_shared<FunctionTransport>([](const HttpRequest&) { return TokenAnswer(); });
  auto provider = internal::MakePasswordTokenProvider(PasswordOptions(transport, &clock), kNoEnv);
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.kind(), Credentials::Kind::kToken);
  EXPECT_EQ(credentials.token(), kIamToken);
  ASSERT_TRUE(credentials.expiration().has_value());
  EXPECT_EQ(*credentials.expiration(), kNow + std::chrono::hours(24));
  EXPECT_EQ(credentials.source(), std::string("iam password token ") + kEndpoint);

  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 1U);
  const HttpRequest& sent = requests[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kEndpoint) + "/v3/auth/tokens");
  EXPECT_EQ(sent.body,
            R"({"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"alice",)"
            R"("password":"Pa55w0rd-very-secret!","domain":{"name":"acme"}}}},)"
            R"("scope":{"project":{"id":"0123456789abcdef0123456789abcdef"}}}})");
  ASSERT_EQ(sent.headers.size(), 3U);
  EXPECT_EQ(sent.headers[0],
            (std::pair<std::string, std::string>("Host", "iam.cn-north-4.myhuaweicloud.com")));
  EXPECT_EQ(sent.headers[1],
            (std::pair<std::string, std::string>("Content-Type", "application/json;charset=utf8")));
  EXPECT_EQ(sent.headers[2].first, "User-Agent");
  EXPECT_EQ(sent.timeout, kDefaultRequestTimeout);
}

TEST(PasswordTokenProvider, AddsTheTotpMethodWithAFreshPasscodeAtEachFetch) {
  Clock clock;
  auto transport = std::make_shared<FunctionTransport>([&clock](const HttpRequest&) {
    return TokenAnswer(kIamToken, ExpiresAt(clock.Now() + std::chrono::hours(24)));
  });
  PasswordTokenOptions options = PasswordOptions(transport, &clock);
  options.project_id.clear();
  options.project_name = "cn-north-4";
  options.user_id = "u1";
  int passcodes = 0;
  options.totp = [&passcodes] { return "12345" + std::to_string(passcodes++); };
  auto provider = internal::MakePasswordTokenProvider(std::move(options), kNoEnv);
  provider->Get();
  clock.Advance(std::chrono::hours(25));  // expired: the next Get() fetches
  provider->Get();
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].body,
            R"({"auth":{"identity":{"methods":["password","totp"],"password":{"user":)"
            R"({"name":"alice","password":"Pa55w0rd-very-secret!","domain":{"name":"acme"}}},)"
            R"("totp":{"user":{"id":"u1","passcode":"123450"}}},)"
            R"("scope":{"project":{"name":"cn-north-4"}}}})");
  EXPECT_THAT(requests[1].body, HasSubstr(R"("passcode":"123451")"));
  EXPECT_EQ(passcodes, 2);
}

TEST(PasswordTokenProvider, AFailingOrRunawayTotpCallbackIsNamedAndSendsNothing) {
  struct Case {
    std::function<std::string()> totp;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {[]() -> std::string { throw std::runtime_error("seed JBSWY3DPEHPK3PXP"); },
       "IAM password token: the totp callback failed (it threw)"},
      {[] { return std::string(10 * 1024 * 1024, '7'); },
       "IAM password token: the totp callback gave no usable passcode"},
      {[] { return std::string("123\n456"); },
       "IAM password token: the totp callback gave no usable passcode"},
      {[] { return std::string(); },
       "IAM password token: the totp callback gave no usable passcode"},
  };
  for (const auto& c : cases) {
    Clock clock;
    auto transport =
        std::make_shared<FunctionTransport>([](const HttpRequest&) { return TokenAnswer(); });
    PasswordTokenOptions options = PasswordOptions(transport, &clock);
    options.user_id = "u1";
    options.totp = c.totp;
    auto provider = internal::MakePasswordTokenProvider(std::move(options), kNoEnv);
    const std::string what = ErrorOf(*provider).what();
    EXPECT_THAT(what, HasSubstr(c.expected));
    EXPECT_THAT(what, Not(HasSubstr("JBSWY3DPEHPK3PXP")));
    EXPECT_EQ(transport->count(), 0U);
  }
}

TEST(PasswordTokenProvider, RenewsAheadOfExpiryWhileTheHeldTokenKeepsWorking) {
  Clock clock;
  std::atomic<int> issued{0};
  auto transport = std::make_shared<FunctionTransport>([&issued](const HttpRequest&) {
    return TokenAnswer(std::string(kIamToken) + std::to_string(issued++));
  });
  auto provider = internal::MakePasswordTokenProvider(PasswordOptions(transport, &clock), kNoEnv);
  EXPECT_EQ(provider->Get().token(), std::string(kIamToken) + "0");
  clock.Advance(std::chrono::hours(22));  // 2 h left: no renewal yet (1 h before)
  EXPECT_EQ(provider->Get().token(), std::string(kIamToken) + "0");
  EXPECT_EQ(transport->count(), 1U);
  clock.Advance(std::chrono::minutes(90));  // 30 min left: renewed beside the call
  EXPECT_EQ(provider->Get().token(), std::string(kIamToken) + "0");
  provider.reset();  // joins the background renewal
  EXPECT_EQ(transport->count(), 2U);
}

TEST(PasswordTokenProvider, SixteenThreadsShareOneIamCallPerRenewal) {
  Clock clock;
  std::atomic<int> issued{0};
  // Each token lives one hour from its issue on the injected clock.
  auto answering = std::make_shared<FunctionTransport>([&issued, &clock](const HttpRequest&) {
    return TokenAnswer(std::string(kIamToken) + std::to_string(issued++),
                       ExpiresAt(clock.Now() + std::chrono::hours(1)));
  });
  PasswordTokenOptions options = PasswordOptions(answering, &clock);
  options.iam.refresh_before_expiry = std::chrono::minutes(10);
  auto provider = internal::MakePasswordTokenProvider(std::move(options), kNoEnv);
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    if (round > 0) clock.Advance(std::chrono::minutes(61));  // every token expired
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 16; ++t) {
      threads.emplace_back([&provider, &failures, round] {
        for (int i = 0; i < 8; ++i) {
          try {
            if (provider->Get().token() != std::string(kIamToken) + std::to_string(round)) {
              ++failures;
            }
          } catch (const std::exception&) {
            ++failures;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(answering->count(), static_cast<std::size_t>(round + 1));
  }
}

TEST(PasswordTokenProvider, MalformedAnswersAreTypedErrorsNamingTheCall) {
  struct Case {
    HttpResponse answer;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {Answer(201, TokenBody(), {{"Content-Type", "application/json"}}),
       "IAM POST /v3/auth/tokens failed: the answer has no X-Subject-Token header"},
      {Answer(201, R"({"token":{"methods":["password"]}})", {{"X-Subject-Token", kIamToken}}),
       "IAM POST /v3/auth/tokens failed: token.expires_at is missing from the answer"},
      {TokenAnswer(kIamToken, "tomorrow"),
       "IAM POST /v3/auth/tokens failed: token.expires_at is not a UTC time"},
      {Answer(201, "<html>" + std::string(kPassword) + "</html>",
              {{"X-Subject-Token", kIamToken}, {"Content-Type", "text/html"}}),
       "IAM POST /v3/auth/tokens failed: the answer is not valid JSON"},
      {Answer(201, "[]", {{"X-Subject-Token", kIamToken}}),
       "IAM POST /v3/auth/tokens failed: the answer is not a JSON object"},
      {Answer(201, R"({"token":{"expires_at":")" + std::string(kExpiresAt) + "\"}}",
              {{"X-Subject-Token", std::string(kIamToken) + "\r\nX-Evil: 1"}}),
       "IAM POST /v3/auth/tokens failed: the X-Subject-Token header cannot be sent"},
      {Answer(500, "<html>Internal error</html>", {{"Content-Type", "text/html"}}),
       "IAM POST /v3/auth/tokens failed: HTTP 500 (27 bytes of text/html, not IAM's error "
       "JSON)"},
  };
  for (const auto& c : cases) {
    Clock clock;
    auto transport =
        std::make_shared<csms_test::ScriptedTransport>(std::vector<HttpResponse>{c.answer});
    auto provider = internal::MakePasswordTokenProvider(PasswordOptions(transport, &clock), kNoEnv);
    EXPECT_THAT(ErrorOf(*provider).what(), HasSubstr(c.expected));
  }
}

TEST(PasswordTokenProvider, AWrongPasswordIsATypedErrorAndNothingGoesToCsms) {
  Clock clock;
  auto iam = std::make_shared<FunctionTransport>([](const HttpRequest&) {
    return Answer(
        401,
        R"({"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}})",
        {{"X-IAM-Trace-Id", "trace-9"}});
  });
  auto provider = internal::MakePasswordTokenProvider(PasswordOptions(iam, &clock), kNoEnv);
  auto csms = std::make_shared<csms_test::RecordingTransport>(csms_test::JsonResponse("{}"));
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = "0123456789abcdef0123456789abcdef";
  options.transport = csms;
  options.credentials_provider = provider;
  options.retry.max_attempts = 1;
  options.sleep = [](std::chrono::milliseconds) {};
  CsmsClient client(options);
  try {
    client.ListSecretEvents();
    FAIL() << "no error";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("IAM POST /v3/auth/tokens failed: HTTP 401 Unauthorized: The "
                                    "username or password is wrong. (IAM code 401, request id "
                                    "trace-9)"));
    EXPECT_EQ(e.status_code(), 401);
    EXPECT_EQ(e.detail().error_code, "401");
    ExpectNoSecrets(e.what());
  }
  EXPECT_TRUE(csms->requests().empty());
}

TEST(PasswordTokenProvider, AnExpiredTokenAtCsmsIsRenewedAndTheCallRetriedOnce) {
  Clock clock;
  std::atomic<int> issued{0};
  auto iam = std::make_shared<FunctionTransport>([&issued](const HttpRequest&) {
    return TokenAnswer(std::string(kIamToken) + std::to_string(issued++));
  });
  auto csms = std::make_shared<csms_test::ScriptedTransport>(std::vector<HttpResponse>{
      csms_test::JsonResponse(
          R"({"error_code":"APIGW.0307","error_msg":"The token must be updated."})", 401),
      csms_test::JsonResponse(R"({"events":[],"page_info":{"current_count":0}})")});
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = "0123456789abcdef0123456789abcdef";
  options.transport = csms;
  options.credentials_provider =
      internal::MakePasswordTokenProvider(PasswordOptions(iam, &clock), kNoEnv);
  options.retry.max_attempts = 1;
  CsmsClient client(options);
  client.ListSecretEvents();
  const auto sent = csms->requests();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(Header(sent[0], "X-Auth-Token"), std::string(kIamToken) + "0");
  EXPECT_EQ(Header(sent[1], "X-Auth-Token"), std::string(kIamToken) + "1");
  EXPECT_EQ(iam->count(), 2U);
}

TEST(PasswordTokenProvider, ChecksItsOptionsBeforeAnyIo) {
  Clock clock;
  auto transport = std::make_shared<csms_test::RecordingTransport>(TokenAnswer());
  const auto error = [&](const std::function<void(PasswordTokenOptions&)>& change) {
    PasswordTokenOptions options = PasswordOptions(transport, &clock);
    change(options);
    try {
      internal::MakePasswordTokenProvider(std::move(options), kNoEnv);
    } catch (const ConfigurationError& e) {
      ExpectNoSecrets(e.what());
      return std::string(e.what());
    }
    return std::string("<accepted>");
  };
  EXPECT_THAT(error([](auto& o) { o.user_name.clear(); }), HasSubstr("user_name is empty"));
  EXPECT_THAT(error([](auto& o) { o.password.clear(); }), HasSubstr("password is empty"));
  EXPECT_THAT(error([](auto& o) { o.domain_name.clear(); }), HasSubstr("domain_name is empty"));
  EXPECT_THAT(error([](auto& o) { o.project_name = "cn-north-4"; }),
              HasSubstr("exactly one of project_id and project_name"));
  EXPECT_THAT(error([](auto& o) { o.project_id.clear(); }),
              HasSubstr("exactly one of project_id and project_name"));
  EXPECT_THAT(error([](auto& o) { o.totp = [] { return std::string("1"); }; }),
              HasSubstr("user_id"));
  EXPECT_THAT(error([](auto& o) { o.password = "\xff\xfe"; }), HasSubstr("not valid UTF-8"));
  EXPECT_THAT(error([](auto& o) { o.iam.endpoint = "http://iam.example.com"; }),
              HasSubstr("plain http"));
  EXPECT_THAT(error([](auto& o) { o.iam.refresh_before_expiry = std::chrono::seconds(-1); }),
              HasSubstr("refresh_before_expiry must not be negative"));
  EXPECT_THAT(error([](auto& o) { o.iam.request_timeout = std::chrono::milliseconds(0); }),
              HasSubstr("request_timeout must be positive"));
  EXPECT_EQ(error([](auto&) {}), "<accepted>");
  EXPECT_TRUE(transport->requests().empty());
}

TEST(PasswordTokenProvider, TheEndpointVariableRedirectsIt) {
  Clock clock;
  auto transport = std::make_shared<csms_test::RecordingTransport>(TokenAnswer());
  auto provider = internal::MakePasswordTokenProvider(
      PasswordOptions(transport, &clock),
      Env({{"HUAWEICLOUD_SDK_IAM_ENDPOINT", "http://127.0.0.1:9999"}}));
  provider->Get();
  EXPECT_EQ(transport->requests().at(0).url, "http://127.0.0.1:9999/v3/auth/tokens");
  EXPECT_EQ(Header(transport->requests().at(0), "Host"), "127.0.0.1:9999");
}

// --- federated credentials ----------------------------------------------------------

// IAM's side of the federated exchange: an unscoped token for the id token,
// then temporary credentials for that token.
HttpResponse FederatedIam(const HttpRequest& request) {
  if (request.url.find("/v3.0/OS-AUTH/id-token/tokens") != std::string::npos) {
    return TokenAnswer();
  }
  return Answer(201, CredentialBody(), {{"Content-Type", "application/json"}});
}

FederatedCredentialsOptions FederatedOptions(std::shared_ptr<HttpTransport> transport, Clock* clock,
                                             const std::string& file) {
  FederatedCredentialsOptions options;
  options.iam = Iam(std::move(transport), clock);
  options.idp_id = "oidc-idp";
  options.id_token_file = file;
  return options;
}

TEST(FederatedProvider, ExchangesTheIdTokenThenTheTokenForTemporaryCredentials) {
  Clock clock;
  TempFile file("  " + std::string(kIdToken) + "\n");
  auto transport = std::make_shared<FunctionTransport>(&FederatedIam);
  auto provider = internal::MakeFederatedCredentialsProvider(
      FederatedOptions(transport, &clock, file.path()), kNoEnv);
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.kind(), Credentials::Kind::kAkSk);
  EXPECT_EQ(credentials.access_key(), "TEMPAK0001");
  EXPECT_EQ(credentials.secret_key(), kTempSecret);
  EXPECT_EQ(credentials.token(), kTempSecurityToken);
  EXPECT_EQ(*credentials.expiration(), kNow + std::chrono::hours(24));
  EXPECT_EQ(credentials.source(), std::string("iam federated ") + kEndpoint);

  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].url, std::string(kEndpoint) + "/v3.0/OS-AUTH/id-token/tokens");
  EXPECT_EQ(Header(requests[0], "X-Idp-Id"), "oidc-idp");
  EXPECT_EQ(Header(requests[0], "X-Auth-Token"), "<absent>");
  EXPECT_EQ(requests[0].body, R"({"auth":{"id_token":{"id":")" + std::string(kIdToken) + "\"}}}");
  EXPECT_EQ(requests[1].url, std::string(kEndpoint) + "/v3.0/OS-CREDENTIAL/securitytokens");
  EXPECT_EQ(Header(requests[1], "X-Auth-Token"), kIamToken);
  EXPECT_EQ(Header(requests[1], "Authorization"), "<absent>");
  EXPECT_EQ(requests[1].body, R"({"auth":{"identity":{"methods":["token"],"token":{"id":")" +
                                  std::string(kIamToken) + R"(","duration_seconds":21600}}}})");
}

TEST(FederatedProvider, ReadsTheIdTokenFileAgainAtEveryFetch) {
  Clock clock;
  TempFile file("first-id-token");
  auto transport = std::make_shared<FunctionTransport>([&clock](const HttpRequest& request) {
    if (request.url.find("id-token") != std::string::npos) return TokenAnswer();
    return Answer(201,
                  CredentialBody("TEMPAK0001", ExpiresAt(clock.Now() + std::chrono::hours(6))));
  });
  auto provider = internal::MakeFederatedCredentialsProvider(
      FederatedOptions(transport, &clock, file.path()), kNoEnv);
  provider->Get();
  file.Write("second-id-token\n");
  clock.Advance(std::chrono::hours(25));
  provider->Get();
  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 4U);
  EXPECT_THAT(requests[0].body, HasSubstr("first-id-token"));
  EXPECT_THAT(requests[2].body, HasSubstr(R"("id":"second-id-token")"));
}

TEST(FederatedProvider, AnUnusableIdTokenFileSendsNothing) {
  Clock clock;
  TempFile empty(" \n");
  auto transport = std::make_shared<FunctionTransport>(&FederatedIam);
  for (const std::string& path : {std::string("/nonexistent/id-token"), empty.path()}) {
    auto provider = internal::MakeFederatedCredentialsProvider(
        FederatedOptions(transport, &clock, path), kNoEnv);
    EXPECT_THAT(ErrorOf(*provider).what(), HasSubstr("IAM federated: the id token file " + path));
  }
  EXPECT_EQ(transport->count(), 0U);
}

TEST(FederatedProvider, FailuresNameTheCallAndNeverQuoteTheIdTokenOrToken) {
  Clock clock;
  TempFile file(kIdToken);
  const std::string echo = std::string(kIdToken) + " " + kIamToken;
  auto transport = std::make_shared<FunctionTransport>([&echo](const HttpRequest& request) {
    if (request.url.find("id-token") != std::string::npos) return TokenAnswer();
    return Answer(400, R"({"error":{"code":400,"message":"bad token )" + echo + R"("}})");
  });
  auto provider = internal::MakeFederatedCredentialsProvider(
      FederatedOptions(transport, &clock, file.path()), kNoEnv);
  const CredentialsError error = ErrorOf(*provider);
  EXPECT_THAT(error.what(),
              HasSubstr("IAM POST /v3.0/OS-CREDENTIAL/securitytokens failed: HTTP 400: bad token "
                        "<redacted> <redacted> (IAM code 400)"));
  EXPECT_EQ(error.status_code(), 400);
}

TEST(FederatedProvider, ChecksItsOptions) {
  Clock clock;
  auto transport = std::make_shared<FunctionTransport>(&FederatedIam);
  const auto error = [&](const std::function<void(FederatedCredentialsOptions&)>& change) {
    FederatedCredentialsOptions options = FederatedOptions(transport, &clock, "/some/file");
    change(options);
    try {
      internal::MakeFederatedCredentialsProvider(std::move(options), kNoEnv);
    } catch (const ConfigurationError& e) {
      return std::string(e.what());
    }
    return std::string("<accepted>");
  };
  EXPECT_THAT(error([](auto& o) { o.idp_id.clear(); }), HasSubstr("idp_id is empty"));
  EXPECT_THAT(error([](auto& o) { o.idp_id = "a\r\nb"; }), HasSubstr("control character"));
  EXPECT_THAT(error([](auto& o) { o.id_token_file.clear(); }), HasSubstr("id_token_file is empty"));
  EXPECT_THAT(error([](auto& o) { o.duration = std::chrono::seconds(899); }),
              HasSubstr("900 to 86400"));
  EXPECT_THAT(error([](auto& o) { o.duration = std::chrono::seconds(86401); }),
              HasSubstr("900 to 86400"));
  EXPECT_EQ(error([](auto&) {}), "<accepted>");
}

TEST(FederatedProvider, TheEnvironmentsIdpAndTokenFileWinOverAkSk) {
  Clock clock;
  TempFile file(kIdToken);
  auto transport = std::make_shared<FunctionTransport>(&FederatedIam);
  auto provider = internal::MakeEnvironmentCredentialsProvider(
      Env({{"HUAWEICLOUD_SDK_IDP_ID", "oidc-idp"},
           {"HUAWEICLOUD_SDK_ID_TOKEN_FILE", file.path()},
           {"HUAWEICLOUD_SDK_REGION", "ap-southeast-1"},
           {"HUAWEICLOUD_SDK_AK", "STATICAK"},
           {"HUAWEICLOUD_SDK_SK", "STATICSK"}}),
      Iam(transport, &clock));
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.access_key(), "TEMPAK0001");
  EXPECT_EQ(credentials.source(), "iam federated https://iam.ap-southeast-1.myhuaweicloud.com");
  ASSERT_EQ(transport->count(), 2U);
  EXPECT_EQ(transport->requests()[0].url,
            "https://iam.ap-southeast-1.myhuaweicloud.com/v3.0/OS-AUTH/id-token/tokens");
  // Kept: the federated provider renews on its own.
  provider->Get();
  EXPECT_EQ(transport->count(), 2U);
  provider->Invalidate();
  provider->Get();
  EXPECT_EQ(transport->count(), 4U);
}

TEST(FederatedProvider, HalfTheEnvironmentPairOrAFailingFetchStopsTheChain) {
  Clock clock;
  auto transport = std::make_shared<FunctionTransport>([](const HttpRequest&) {
    return Answer(401, R"({"error":{"code":401,"message":"invalid id token"}})");
  });
  TempFile file(kIdToken);
  auto half =
      internal::MakeEnvironmentCredentialsProvider(Env({{"HUAWEICLOUD_SDK_IDP_ID", "oidc-idp"},
                                                        {"HUAWEICLOUD_SDK_AK", "A"},
                                                        {"HUAWEICLOUD_SDK_SK", "S"}}),
                                                   Iam(transport, &clock));
  auto failing = internal::MakeEnvironmentCredentialsProvider(
      Env({{"HUAWEICLOUD_SDK_IDP_ID", "oidc-idp"}, {"HUAWEICLOUD_SDK_ID_TOKEN_FILE", file.path()}}),
      Iam(transport, &clock));
  auto fallback = MakeStaticCredentialsProvider(Credentials::AkSk("FALLBACK", "FALLBACKSK"));
  EXPECT_THAT(ErrorOf(*MakeCredentialsProviderChain({half, fallback})).what(),
              HasSubstr("environment: only one of HUAWEICLOUD_SDK_IDP_ID and "
                        "HUAWEICLOUD_SDK_ID_TOKEN_FILE is set"));
  const CredentialsError error = ErrorOf(*MakeCredentialsProviderChain({failing, fallback}));
  EXPECT_THAT(error.what(), HasSubstr("environment: IAM POST /v3.0/OS-AUTH/id-token/tokens failed: "
                                      "HTTP 401: invalid id token (IAM code 401)"));
  EXPECT_EQ(error.status_code(), 401);
}

TEST(FederatedProvider, TheProfilesIdpAndTokenFileWinOverAkSkWithItsIamEndpoint) {
  Clock clock;
  TempFile id_token(kIdToken);
  TempFile profile("[basic]\nak = STATICAK\nsk = STATICSK\nidp_id = oidc-idp\nid_token_file = " +
                   id_token.path() + "\niam_endpoint = http://127.0.0.1:7777\n");
  auto transport = std::make_shared<FunctionTransport>(&FederatedIam);
  auto provider =
      internal::MakeProfileCredentialsProvider(profile.path(), kNoEnv, Iam(transport, &clock));
  EXPECT_EQ(provider->Get().access_key(), "TEMPAK0001");
  EXPECT_EQ(transport->requests().at(0).url, "http://127.0.0.1:7777/v3.0/OS-AUTH/id-token/tokens");

  // The environment's endpoint wins over the file's; the file's region picks
  // the regional endpoint when neither is set.
  TempFile regional("[basic]\nidp_id = oidc-idp\nid_token_file = " + id_token.path() +
                    "\nregion = cn-east-3\n");
  auto by_region =
      internal::MakeProfileCredentialsProvider(regional.path(), kNoEnv, Iam(transport, &clock));
  by_region->Get();
  EXPECT_EQ(transport->requests().at(2).url,
            "https://iam.cn-east-3.myhuaweicloud.com/v3.0/OS-AUTH/id-token/tokens");
  auto by_env = internal::MakeProfileCredentialsProvider(
      profile.path(), Env({{"HUAWEICLOUD_SDK_IAM_ENDPOINT", "http://127.0.0.1:8888"}}),
      Iam(transport, &clock));
  by_env->Get();
  EXPECT_EQ(transport->requests().at(4).url, "http://127.0.0.1:8888/v3.0/OS-AUTH/id-token/tokens");

  TempFile half("[basic]\nak = A\nsk = S\nid_token_file = /x\n");
  EXPECT_THAT(ErrorOf(*internal::MakeProfileCredentialsProvider(half.path(), kNoEnv,
                                                                Iam(transport, &clock)))
                  .what(),
              HasSubstr("line 4: [basic] has id_token_file but no idp_id"));
}

// --- agency credentials -------------------------------------------------------------

class CountingSource : public CredentialsProvider {
 public:
  explicit CountingSource(Credentials credentials) : credentials_(std::move(credentials)) {}
  Credentials Get() override { return credentials_; }
  void Invalidate() override { ++invalidations; }
  std::atomic<int> invalidations{0};

 private:
  const Credentials credentials_;
};

AgencyCredentialsOptions AgencyOptions(std::shared_ptr<HttpTransport> transport, Clock* clock) {
  AgencyCredentialsOptions options;
  options.iam = Iam(std::move(transport), clock);
  options.agency_name = "csms-reader";
  options.domain_name = "partner";
  options.session_user = "job-42";
  return options;
}

TEST(AgencyProvider, AssumesTheRoleWithARequestSignedByTheSource) {
  Clock clock;
  auto transport = std::make_shared<FunctionTransport>([](const HttpRequest&) {
    return Answer(201, CredentialBody("AGENCYAK01"), {{"Content-Type", "application/json"}});
  });
  auto source = std::make_shared<CountingSource>(Credentials::AkSk("SOURCEAK", kSourceSk));
  auto provider =
      internal::MakeAgencyCredentialsProvider(AgencyOptions(transport, &clock), source, kNoEnv);
  const Credentials credentials = provider->Get();
  EXPECT_EQ(credentials.access_key(), "AGENCYAK01");
  EXPECT_EQ(credentials.token(), kTempSecurityToken);
  EXPECT_EQ(credentials.source(), std::string("iam agency csms-reader ") + kEndpoint);

  const HttpRequest sent = transport->requests().at(0);
  EXPECT_EQ(sent.url, std::string(kEndpoint) + "/v3.0/OS-CREDENTIAL/securitytokens");
  EXPECT_EQ(sent.body,
            R"({"auth":{"identity":{"methods":["assume_role"],"assume_role":{"agency_name":)"
            R"("csms-reader","domain_name":"partner","duration_seconds":3600,)"
            R"("session_user":{"name":"job-42"}}}}})");
  EXPECT_EQ(Header(sent, "X-Sdk-Date"), internal::FormatSdkDate(kNow));
  // The signature is SDK-HMAC-SHA256 over what was sent.
  HttpHeaders signed_headers;
  for (const auto& header : sent.headers) {
    if (header.first != "Authorization" && header.first != "User-Agent") {
      signed_headers.push_back(header);
    }
  }
  internal::SigningInput input;
  input.method = "POST";
  input.path = "/v3.0/OS-CREDENTIAL/securitytokens";
  input.headers = &signed_headers;
  input.body = sent.body;
  input.access_key = "SOURCEAK";
  input.secret_key = kSourceSk;
  EXPECT_EQ(Header(sent, "Authorization"), internal::Sign(input).authorization);
  EXPECT_THAT(Header(sent, "Authorization"), StartsWith("SDK-HMAC-SHA256 Access=SOURCEAK, "));
}

TEST(AgencyProvider, ATokenSourceSendsItsTokenAndDomainIdIsAccepted) {
  Clock clock;
  auto transport = std::make_shared<FunctionTransport>(
      [](const HttpRequest&) { return Answer(201, CredentialBody("AGENCYAK02")); });
  AgencyCredentialsOptions options = AgencyOptions(transport, &clock);
  options.domain_name.clear();
  options.domain_id = "d0123";
  options.session_user.clear();
  auto provider = internal::MakeAgencyCredentialsProvider(
      std::move(options), MakeStaticCredentialsProvider(Credentials::Token(kIamToken)), kNoEnv);
  EXPECT_EQ(provider->Get().access_key(), "AGENCYAK02");
  const HttpRequest sent = transport->requests().at(0);
  EXPECT_EQ(Header(sent, "X-Auth-Token"), kIamToken);
  EXPECT_EQ(Header(sent, "Authorization"), "<absent>");
  EXPECT_EQ(sent.body,
            R"({"auth":{"identity":{"methods":["assume_role"],"assume_role":{"agency_name":)"
            R"("csms-reader","domain_id":"d0123","duration_seconds":3600}}}})");
}

TEST(AgencyProvider, A401InvalidatesTheSourceOnceAndTriesAgain) {
  Clock clock;
  const HttpResponse refused =
      Answer(401, R"({"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"})");
  auto transport = std::make_shared<csms_test::ScriptedTransport>(
      std::vector<HttpResponse>{refused, Answer(201, CredentialBody("AGENCYAK03"))});
  auto source = std::make_shared<CountingSource>(Credentials::AkSk("SOURCEAK", kSourceSk));
  auto provider =
      internal::MakeAgencyCredentialsProvider(AgencyOptions(transport, &clock), source, kNoEnv);
  EXPECT_EQ(provider->Get().access_key(), "AGENCYAK03");
  EXPECT_EQ(source->invalidations.load(), 1);
  EXPECT_EQ(transport->requests().size(), 2U);

  auto always = std::make_shared<csms_test::ScriptedTransport>(std::vector<HttpResponse>{refused});
  auto source2 = std::make_shared<CountingSource>(Credentials::AkSk("SOURCEAK", kSourceSk));
  auto provider2 =
      internal::MakeAgencyCredentialsProvider(AgencyOptions(always, &clock), source2, kNoEnv);
  const CredentialsError error = ErrorOf(*provider2);
  EXPECT_EQ(error.status_code(), 401);
  EXPECT_EQ(error.detail().error_code, "APIGW.0301");
  EXPECT_EQ(source2->invalidations.load(), 1);
  EXPECT_EQ(always->requests().size(), 2U);
}

TEST(AgencyProvider, RenewsAheadOfExpiry) {
  Clock clock;
  std::atomic<int> issued{0};
  auto transport = std::make_shared<FunctionTransport>([&issued](const HttpRequest&) {
    return Answer(201, CredentialBody("AGENCYAK" + std::to_string(issued++)));
  });
  auto provider = internal::MakeAgencyCredentialsProvider(
      AgencyOptions(transport, &clock),
      MakeStaticCredentialsProvider(Credentials::AkSk("SOURCEAK", kSourceSk)), kNoEnv);
  EXPECT_EQ(provider->Get().access_key(), "AGENCYAK0");
  clock.Advance(std::chrono::hours(23) + std::chrono::minutes(30));  // 30 min left
  EXPECT_EQ(provider->Get().access_key(), "AGENCYAK0");
  provider.reset();  // joins the renewal
  EXPECT_EQ(transport->count(), 2U);
}

// With the defaults (1 h asked, renew 1 h ahead) the credentials would arrive
// already due for renewal: the window is cut to half their lifetime.
TEST(AgencyProvider, HourLongCredentialsAreRenewedAtHalfTimeNotAtOnce) {
  for (const auto elapsed : {std::chrono::minutes(20), std::chrono::minutes(31)}) {
    Clock clock;
    auto transport = std::make_shared<FunctionTransport>([&clock](const HttpRequest&) {
      return Answer(201,
                    CredentialBody("AGENCYAK", ExpiresAt(clock.Now() + std::chrono::hours(1))));
    });
    auto provider = internal::MakeAgencyCredentialsProvider(
        AgencyOptions(transport, &clock),
        MakeStaticCredentialsProvider(Credentials::AkSk("SOURCEAK", kSourceSk)), kNoEnv);
    provider->Get();
    clock.Advance(elapsed);
    provider->Get();
    provider.reset();  // joins a renewal, if one started
    EXPECT_EQ(transport->count(), elapsed < std::chrono::minutes(30) ? 1U : 2U)
        << elapsed.count() << " minutes";
  }
}

TEST(AgencyProvider, ChecksItsOptions) {
  Clock clock;
  auto transport = std::make_shared<FunctionTransport>(&FederatedIam);
  auto source = MakeStaticCredentialsProvider(Credentials::AkSk("A", "S"));
  const auto error = [&](const std::function<void(AgencyCredentialsOptions&)>& change,
                         std::shared_ptr<CredentialsProvider> from) {
    AgencyCredentialsOptions options = AgencyOptions(transport, &clock);
    change(options);
    try {
      internal::MakeAgencyCredentialsProvider(std::move(options), std::move(from), kNoEnv);
    } catch (const ConfigurationError& e) {
      return std::string(e.what());
    }
    return std::string("<accepted>");
  };
  EXPECT_THAT(error([](auto&) {}, nullptr), HasSubstr("source provider is null"));
  EXPECT_THAT(error([](auto& o) { o.agency_name.clear(); }, source),
              HasSubstr("agency_name is empty"));
  EXPECT_THAT(error([](auto& o) { o.domain_id = "d"; }, source),
              HasSubstr("exactly one of domain_name and domain_id"));
  EXPECT_THAT(error([](auto& o) { o.duration = std::chrono::seconds(100); }, source),
              HasSubstr("900 to 86400"));
  EXPECT_EQ(error([](auto&) {}, source), "<accepted>");
}

}  // namespace
}  // namespace csms
