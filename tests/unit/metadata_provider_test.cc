// The fetching credentials sources (ECS/BMS metadata, CCE pod identity) and
// what they share (src/internal/credentials_fetch.h), against a scripted
// transport: no server, no network. The same sources end to end against the
// emulator are tests/integration/credentials_sources_test.cc.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "csms/http.h"
#include "internal/credentials_fetch.h"
#include "internal/credentials_providers.h"
#include "temp_file.h"
#include "test_doubles.h"

namespace csms {
namespace {

using internal::EnvLookup;
using internal::MisconfiguredSourceError;
using internal::ParseUtcTime;
using ::testing::HasSubstr;
using ::testing::Not;

// 2020-01-08T00:00:00Z: the day of the Go SDK's sample expires_at.
const Timestamp kNow = Timestamp(std::chrono::seconds(1578441600));

constexpr char kSecret[] = "TEMPSECRETKEY0123456789abcdefghijklmnop";
constexpr char kSecurityToken[] = "SECURITYTOKEN-gQpjbi1ub3J0aC00iWFn";
constexpr char kSessionToken[] = "SESSIONTOKEN0123456789abcdef";
constexpr char kPodToken[] = "POD-IDENTITY-TOKEN.eyJhbGciOi";

std::string MetadataAnswer(const std::string& expires_at = "2020-01-08T06:00:00.574000Z",
                           const std::string& secret = kSecret) {
  return R"({"credential":{"access":"TEMPAK0123","secret":")" + secret + R"(","securitytoken":")" +
         kSecurityToken + R"(","expires_at":")" + expires_at + R"("}})";
}

HttpResponse Answer(int status, std::string body = {}) {
  HttpResponse response;
  response.status_code = status;
  response.body = std::move(body);
  return response;
}

using csms_test::FunctionTransport;

std::string HeaderOf(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

std::string ErrorOf(CredentialsProvider& provider) {
  try {
    provider.Get();
  } catch (const CredentialsError& e) {
    return e.what();
  }
  return "<no error>";
}

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
}

using csms_test::TempFile;

void ExpectNoSecrets(const std::string& text) {
  for (const char* secret : {kSecret, kSecurityToken, kSessionToken, kPodToken}) {
    EXPECT_THAT(text, Not(HasSubstr(secret)));
  }
}

// --- the expiration time -------------------------------------------------

TEST(ParseUtcTimeTest, ReadsTheMetadataFormWithAndWithoutAFraction) {
  EXPECT_EQ(ParseUtcTime("2020-01-08T03:50:07.574000Z"),
            Timestamp(std::chrono::seconds(1578455407) + std::chrono::milliseconds(574)));
  EXPECT_EQ(ParseUtcTime("2020-01-08T03:50:07Z"), Timestamp(std::chrono::seconds(1578455407)));
  EXPECT_EQ(ParseUtcTime("2020-01-08T03:50:07.5Z"),
            Timestamp(std::chrono::seconds(1578455407) + std::chrono::milliseconds(500)));
  EXPECT_EQ(
      ParseUtcTime("2024-02-29T00:00:00.123456789Z"),
      Timestamp(std::chrono::seconds(1709164800)) +
          std::chrono::duration_cast<Timestamp::duration>(std::chrono::nanoseconds(123456789)));
  EXPECT_EQ(ParseUtcTime("1970-01-01T00:00:00Z"), Timestamp{});
}

TEST(ParseUtcTimeTest, RefusesEverythingElse) {
  for (const char* bad : {"",
                          "2020-01-08",
                          "2020-01-08T03:50:07",
                          "2020-01-08T03:50:07.Z",
                          "2020-01-08T03:50:07.1234567890Z",
                          "2020-01-08 03:50:07Z",
                          "2020-01-08T03:50:07+00:00",
                          "2020-1-08T03:50:07Z",
                          "2020-13-08T03:50:07Z",
                          "2020-00-08T03:50:07Z",
                          "2021-02-29T00:00:00Z",
                          "2020-04-31T00:00:00Z",
                          "2020-01-08T24:00:00Z",
                          "2020-01-08T03:60:07Z",
                          "2020-01-08T03:50:60Z",
                          "2020-01-08T03:50:07Zjunk",
                          "2020-01-08t03:50:07z",
                          "+020-01-08T03:50:07Z",
                          "9999-12-31T23:59:59Z",
                          "0000-01-01T00:00:00Z",
                          "1577836800"}) {
    EXPECT_FALSE(ParseUtcTime(bad).has_value()) << bad;
  }
}

// --- the metadata provider -----------------------------------------------

struct MetadataFixture {
  Timestamp now = kNow;
  std::shared_ptr<FunctionTransport> transport;
  std::shared_ptr<CredentialsProvider> provider;

  explicit MetadataFixture(FunctionTransport::Handler handler,
                           std::string endpoint = "http://169.254.169.254") {
    transport = std::make_shared<FunctionTransport>(std::move(handler));
    MetadataCredentialsOptions options;
    options.endpoint = std::move(endpoint);
    options.clock = [this] { return now; };
    provider = internal::MakeMetadataCredentialsProvider(options, transport);
  }
};

// The metadata service of an ECS instance with an agency, session tokens on.
HttpResponse GoodMetadata(const HttpRequest& request) {
  if (request.method == "PUT") return Answer(200, kSessionToken);
  if (HeaderOf(request, "X-Metadata-Token") != kSessionToken) return Answer(401, "Unauthorized");
  return Answer(200, MetadataAnswer());
}

TEST(MetadataProviderTest, GetsASessionTokenThenTheSecurityKey) {
  MetadataFixture f(&GoodMetadata);
  const Credentials credentials = f.provider->Get();
  EXPECT_EQ(credentials.access_key(), "TEMPAK0123");
  EXPECT_EQ(credentials.secret_key(), kSecret);
  EXPECT_EQ(credentials.token(), kSecurityToken);
  EXPECT_EQ(credentials.expiration(),
            Timestamp(std::chrono::seconds(1578463200) + std::chrono::milliseconds(574)));
  EXPECT_EQ(credentials.source(), "metadata http://169.254.169.254");

  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].url, "http://169.254.169.254/meta-data/latest/api/token");
  EXPECT_EQ(HeaderOf(requests[0], "X-Metadata-Token-Ttl-Seconds"), "21600");
  EXPECT_EQ(requests[0].timeout, std::chrono::milliseconds(3000));
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].url, "http://169.254.169.254/openstack/latest/securitykey");
  EXPECT_EQ(HeaderOf(requests[1], "X-Metadata-Token"), kSessionToken);
}

TEST(MetadataProviderTest, KeepsTheSessionTokenForItsLifetime) {
  MetadataFixture f(&GoodMetadata);
  f.provider->Get();
  f.provider->Invalidate();
  f.provider->Get();
  EXPECT_EQ(f.transport->requests().size(), 3U);  // one PUT, two GETs

  f.now += std::chrono::hours(6) + std::chrono::minutes(1);  // the 21600 s are over
  f.provider->Invalidate();
  EXPECT_THAT(ErrorOf(*f.provider), HasSubstr("already expired"));  // the answer is fixed
  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 5U);
  EXPECT_EQ(requests[3].method, "PUT");
}

TEST(MetadataProviderTest, GoesOnWithoutASessionTokenOn404405And503) {
  for (int status : {404, 405, 503}) {
    MetadataFixture f([status](const HttpRequest& request) {
      if (request.method == "PUT") return Answer(status);
      return Answer(200, MetadataAnswer());
    });
    EXPECT_EQ(f.provider->Get().access_key(), "TEMPAK0123") << status;
    const auto requests = f.transport->requests();
    ASSERT_EQ(requests.size(), 2U);
    EXPECT_EQ(HeaderOf(requests[1], "X-Metadata-Token"), "<absent>");
  }
}

TEST(MetadataProviderTest, OtherSessionTokenStatusesAreErrors) {
  MetadataFixture f([](const HttpRequest&) { return Answer(500, kSessionToken); });
  const std::string error = ErrorOf(*f.provider);
  EXPECT_THAT(error, HasSubstr("metadata: PUT /meta-data/latest/api/token answered HTTP 500"));
  ExpectNoSecrets(error);
}

TEST(MetadataProviderTest, A401GetsANewSessionTokenAndOneMoreTry) {
  int puts = 0;
  MetadataFixture f([&puts](const HttpRequest& request) {
    if (request.method == "PUT") return Answer(200, kSessionToken + std::to_string(++puts));
    // The first token was dropped by the service (it restarted).
    if (HeaderOf(request, "X-Metadata-Token") != kSessionToken + std::string("2")) {
      return Answer(401, "token expired");
    }
    return Answer(200, MetadataAnswer());
  });
  EXPECT_EQ(f.provider->Get().access_key(), "TEMPAK0123");
  EXPECT_EQ(f.transport->requests().size(), 4U);
  EXPECT_EQ(puts, 2);
}

TEST(MetadataProviderTest, ASecond401IsAnError) {
  MetadataFixture f([](const HttpRequest& request) {
    if (request.method == "PUT") return Answer(200, kSessionToken);
    return Answer(401, "nope");
  });
  EXPECT_THAT(ErrorOf(*f.provider),
              HasSubstr("metadata: GET /openstack/latest/securitykey answered HTTP 401"));
  EXPECT_EQ(f.transport->requests().size(), 4U);
}

TEST(MetadataProviderTest, NoAgencyIsSaidAndNotRetried) {
  MetadataFixture f([](const HttpRequest& request) {
    if (request.method == "PUT") return Answer(200, kSessionToken);
    return Answer(401, "Please configure Cloud Service Agency first");
  });
  EXPECT_THAT(ErrorOf(*f.provider), HasSubstr("metadata: the instance has no agency"));
  EXPECT_EQ(f.transport->requests().size(), 2U);
}

TEST(MetadataProviderTest, BadAnswersAreCredentialsErrorsThatNeverQuoteThem) {
  const std::string expires = "2020-01-08T06:00:00Z";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {std::string("not json ") + kSecret, "the answer is not a JSON object"},
      {std::string("{\"credential\": ") + kSecret, "the answer is not valid JSON"},
      {std::string("[\"") + kSecret + "\"]", "the answer is not a JSON object"},
      {"{}", "the answer has no \"credential\" object"},
      {R"({"credential":{"access":"AK","secret":")" + std::string(kSecret) +
           R"(","securitytoken":"T"}})",
       "credential.expires_at is missing"},
      {MetadataAnswer("2020-01-08 06:00:00"), "credential.expires_at is not a UTC time"},
      {MetadataAnswer(expires, ""), "credential.secret is empty"},
      {R"({"credential":{"access":1,"secret":"S","securitytoken":"T","expires_at":"x"}})",
       "credential.access in the answer is not a string"},
      {R"({"credential":{"access":"A,B","secret":")" + std::string(kSecret) +
           R"(","securitytoken":"T","expires_at":")" + expires + R"("}})",
       "the fetched credentials cannot be used"},
      {MetadataAnswer() + "x", "the answer is not valid JSON"},
  };
  for (const auto& [body, reason] : cases) {
    MetadataFixture f([&body = body](const HttpRequest& request) {
      if (request.method == "PUT") return Answer(404);
      return Answer(200, body);
    });
    try {
      f.provider->Get();
      ADD_FAILURE() << "no error for " << reason;
    } catch (const CredentialsError& e) {
      EXPECT_THAT(e.what(), HasSubstr("metadata: " + reason));
      ExpectNoSecrets(e.what());
    }
  }
}

TEST(MetadataProviderTest, AStatusOtherThan200IsAnErrorNamingIt) {
  MetadataFixture f([](const HttpRequest& request) {
    if (request.method == "PUT") return Answer(404);
    return Answer(500, MetadataAnswer());
  });
  const std::string error = ErrorOf(*f.provider);
  EXPECT_THAT(error, HasSubstr("metadata: GET /openstack/latest/securitykey answered HTTP 500"));
  ExpectNoSecrets(error);
}

TEST(MetadataProviderTest, AnOverLongAnswerIsRefused) {
  MetadataFixture f([](const HttpRequest& request) {
    if (request.method == "PUT") return Answer(404);
    return Answer(200, MetadataAnswer() + std::string(70 * 1024, ' '));
  });
  EXPECT_THAT(ErrorOf(*f.provider), HasSubstr("metadata: the answer is larger than 64 KiB"));
}

TEST(MetadataProviderTest, SaysWhichTimeoutExpired) {
  bool sent = false;
  MetadataFixture f([&sent](const HttpRequest&) -> HttpResponse {
    throw TransportError(TransportError::Kind::kTimeout, "timed out", sent);
  });
  EXPECT_THAT(ErrorOf(*f.provider), HasSubstr("metadata: connect timeout after 3000 ms"));
  f.now += std::chrono::minutes(1);
  sent = true;
  EXPECT_THAT(ErrorOf(*f.provider),
              HasSubstr("metadata: no complete answer within 3000 ms (timeout)"));
}

TEST(MetadataProviderTest, AnUnreachableServiceIsRememberedForThirtySeconds) {
  MetadataFixture f([](const HttpRequest&) -> HttpResponse {
    throw TransportError(TransportError::Kind::kConnect, "could not connect");
  });
  EXPECT_THAT(ErrorOf(*f.provider), HasSubstr("metadata: could not connect"));
  EXPECT_EQ(f.transport->requests().size(), 1U);
  // Every later attempt of the call (and of calls soon after) fails at once.
  f.now += std::chrono::seconds(29);
  EXPECT_THAT(ErrorOf(*f.provider),
              HasSubstr("metadata: could not connect (not tried again for 30 s)"));
  EXPECT_EQ(f.transport->requests().size(), 1U);
  f.now += std::chrono::seconds(1);
  ErrorOf(*f.provider);
  EXPECT_EQ(f.transport->requests().size(), 2U);
}

TEST(MetadataProviderTest, AnAnswerWithAStatusIsNotRememberedAsUnreachable) {
  MetadataFixture f([](const HttpRequest&) { return Answer(500); });
  ErrorOf(*f.provider);
  ErrorOf(*f.provider);
  EXPECT_EQ(f.transport->requests().size(), 2U);
}

// After fork() while a refresh was under way (its thread inside the fetch), the
// child does not wait for that fetch, nor for anything it held: at expiry it
// fetches for itself.
TEST(MetadataProviderTest, AChildOfForkFetchesForItselfAtExpiry) {
  const pid_t parent = getpid();
  std::mutex mutex;
  std::condition_variable changed;
  bool in_fetch = false;
  bool release = false;
  int gets = 0;  // in the parent
  MetadataFixture f([&](const HttpRequest& request) {
    if (getpid() != parent) return Answer(200, MetadataAnswer("2020-01-08T12:00:00Z"));
    if (request.method == "GET" && ++gets == 2) {
      // The parent's refresh: held inside the fetch until the test is done.
      std::unique_lock<std::mutex> lock(mutex);
      in_fetch = true;
      changed.notify_all();
      changed.wait(lock, [&] { return release; });
    }
    return GoodMetadata(request);
  });
  f.provider->Get();
  f.now += std::chrono::hours(5) + std::chrono::minutes(30);  // inside the refresh window
  f.provider->Get();  // starts the refresh on the provider's thread
  {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return in_fetch; });
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(5);                        // a child that waits forever is killed
    f.now += std::chrono::hours(1);  // the parent's credentials have expired
    int status = 2;
    try {
      status =
          f.provider->Get().expiration() == Timestamp(std::chrono::seconds(1578441600 + 12 * 3600))
              ? 0
              : 1;
    } catch (...) {
      status = 3;
    }
    _exit(status);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status)) << "the child hung";
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  changed.notify_all();
}

TEST(MetadataProviderTest, TheEndpointMustBeSafe) {
  const auto make = [](const std::string& endpoint) {
    MetadataCredentialsOptions options;
    options.endpoint = endpoint;
    return MakeMetadataCredentialsProvider(options);
  };
  for (const char* bad :
       {"http://example.com", "http://10.0.0.1", "ftp://169.254.169.254", "169.254.169.254",
        "http://user:pw@169.254.169.254", "http://169.254.169.254/latest",
        "http://169.254.169.254?x=1", "http://169.254.169.254#f", "http:// bad", ""}) {
    EXPECT_THROW(make(bad), ConfigurationError) << bad;
  }
  for (const char* good : {"http://169.254.169.254", "http://169.254.169.254/",
                           "http://127.0.0.1:8080", "http://[::1]:1", "https://metadata.example"}) {
    EXPECT_NO_THROW(make(good)) << good;
  }
  MetadataCredentialsOptions options;
  options.timeout = std::chrono::milliseconds(0);
  EXPECT_THROW(MakeMetadataCredentialsProvider(options), ConfigurationError);
  options = {};
  options.refresh_before_expiry = std::chrono::seconds(-1);
  EXPECT_THROW(MakeMetadataCredentialsProvider(options), ConfigurationError);
}

// --- the pod identity provider -------------------------------------------

std::string PodAnswer(const std::string& secret = kSecret) {
  return R"({"assumedAgency":{"urn":"u","id":"i"},"audience":"service.cce.pods",)"
         R"("credentials":{"accessKeyId":"PODAK0123","secretAccessKey":")" +
         secret + R"(","securityToken":")" + kSecurityToken +
         R"(","expiration":"2020-01-08T06:00:00.000000Z"},"subject":{"namespace":"n"}})";
}

struct PodFixture {
  Timestamp now = kNow;
  std::shared_ptr<FunctionTransport> transport;
  std::shared_ptr<CredentialsProvider> provider;

  PodFixture(FunctionTransport::Handler handler, std::map<std::string, std::string> env,
             PodIdentityCredentialsOptions options = {}) {
    transport = std::make_shared<FunctionTransport>(std::move(handler));
    options.clock = [this] { return now; };
    provider =
        internal::MakePodIdentityCredentialsProvider(options, Env(std::move(env)), transport);
  }
};

TEST(PodIdentityProviderTest, PostsTheTokenFileAndReadsTheCredentials) {
  TempFile token(std::string("  ") + kPodToken + "\n");
  PodFixture f([](const HttpRequest&) { return Answer(200, PodAnswer()); },
               {{"HC_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/v1/credentials"},
                {"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.path()}});
  const Credentials credentials = f.provider->Get();
  EXPECT_EQ(credentials.access_key(), "PODAK0123");
  EXPECT_EQ(credentials.secret_key(), kSecret);
  EXPECT_EQ(credentials.token(), kSecurityToken);
  EXPECT_EQ(credentials.expiration(), Timestamp(std::chrono::seconds(1578463200)));
  EXPECT_EQ(credentials.source(), "pod identity http://127.0.0.1:1/v1/credentials");
  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "http://127.0.0.1:1/v1/credentials");
  EXPECT_EQ(requests[0].body, "{}");
  EXPECT_EQ(HeaderOf(requests[0], "Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(HeaderOf(requests[0], "Authorization"), kPodToken);
  EXPECT_EQ(requests[0].timeout, std::chrono::milliseconds(5000));
}

// As for metadata: a child of fork() does not wait for the parent's refresh.
TEST(PodIdentityProviderTest, AChildOfForkFetchesForItselfAtExpiry) {
  const pid_t parent = getpid();
  std::mutex mutex;
  std::condition_variable changed;
  bool in_fetch = false;
  bool release = false;
  int posts = 0;  // in the parent
  TempFile token(kPodToken);
  PodIdentityCredentialsOptions options;
  options.full_uri = "http://127.0.0.1:1/v1/credentials";
  options.token_file = token.path();
  PodFixture f(
      [&](const HttpRequest&) {
        std::string answer = PodAnswer();
        if (getpid() != parent) {
          const std::string later = "2020-01-08T12:00:00.000000Z";
          return Answer(200, answer.replace(answer.find("2020-01-08T06"), later.size(), later));
        }
        if (++posts == 2) {
          std::unique_lock<std::mutex> lock(mutex);
          in_fetch = true;
          changed.notify_all();
          changed.wait(lock, [&] { return release; });
        }
        return Answer(200, answer);
      },
      {}, options);
  f.provider->Get();
  f.now += std::chrono::hours(5) + std::chrono::minutes(30);
  f.provider->Get();  // starts the refresh on the provider's thread
  {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return in_fetch; });
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(5);  // a child that waits forever is killed
    f.now += std::chrono::hours(1);
    int status = 2;
    try {
      status =
          f.provider->Get().expiration() == Timestamp(std::chrono::seconds(1578441600 + 12 * 3600))
              ? 0
              : 1;
    } catch (...) {
      status = 3;
    }
    _exit(status);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status)) << "the child hung";
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  changed.notify_all();
}

TEST(PodIdentityProviderTest, ReadsTheTokenFileAgainForEveryFetch) {
  TempFile token("first-token");
  PodIdentityCredentialsOptions options;
  options.full_uri = "https://pods.example/v1/credentials";
  options.token_file = token.path();
  PodFixture f([](const HttpRequest&) { return Answer(200, PodAnswer()); }, {}, options);
  f.provider->Get();
  token.Write("second-token\n");
  f.provider->Invalidate();
  f.provider->Get();
  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(HeaderOf(requests[0], "Authorization"), "first-token");
  EXPECT_EQ(HeaderOf(requests[1], "Authorization"), "second-token");
}

TEST(PodIdentityProviderTest, UnsetUriMeansNoCredentialsHere) {
  PodFixture f([](const HttpRequest&) { return Answer(200, PodAnswer()); }, {});
  try {
    f.provider->Get();
    FAIL();
  } catch (const MisconfiguredSourceError&) {
    FAIL() << "a chain must go on";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI not set"));
  }
  EXPECT_TRUE(f.transport->requests().empty());
}

TEST(PodIdentityProviderTest, AnUnusableSetupStopsAChain) {
  TempFile token(kPodToken);
  TempFile empty("  \n");
  const std::string uri = "http://127.0.0.1:1/v1/credentials";
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
      {{{"HC_CONTAINER_CREDENTIALS_FULL_URI", "http://pods.example/v1/credentials"},
        {"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.path()}},
       "HC_CONTAINER_CREDENTIALS_FULL_URI uses plain http to a host that is not loopback"},
      {{{"HC_CONTAINER_CREDENTIALS_FULL_URI", "not a url"}}, "HC_CONTAINER_CREDENTIALS_FULL_URI"},
      {{{"HC_CONTAINER_CREDENTIALS_FULL_URI", uri}},
       "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE not set"},
      {{{"HC_CONTAINER_CREDENTIALS_FULL_URI", uri},
        {"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.path() + ".missing"}},
       "cannot be read"},
      {{{"HC_CONTAINER_CREDENTIALS_FULL_URI", uri},
        {"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", empty.path()}},
       "is empty"},
  };
  for (const auto& [env, reason] : cases) {
    PodFixture f([](const HttpRequest&) { return Answer(200, PodAnswer()); }, env);
    try {
      f.provider->Get();
      ADD_FAILURE() << reason;
    } catch (const MisconfiguredSourceError& e) {
      EXPECT_THAT(e.what(), HasSubstr("pod identity: "));
      EXPECT_THAT(e.what(), HasSubstr(reason));
      ExpectNoSecrets(e.what());
    }
    EXPECT_TRUE(f.transport->requests().empty());
  }
}

TEST(PodIdentityProviderTest, ANon200NamesStatusAndGatewayCodeOnly) {
  TempFile token(kPodToken);
  PodIdentityCredentialsOptions options;
  options.full_uri = "http://localhost:9/v1/credentials";
  options.token_file = token.path();
  PodFixture f(
      [](const HttpRequest&) {
        return Answer(401, std::string(R"({"error_code":"APIGW.0301","error_msg":"bad token )") +
                               kPodToken + R"(","request_id":"r","secret":")" + kSecret + R"("})");
      },
      {}, options);
  const std::string error = ErrorOf(*f.provider);
  EXPECT_THAT(error, HasSubstr("pod identity: POST answered HTTP 401 (error_code APIGW.0301)"));
  EXPECT_THAT(error, Not(HasSubstr("bad token")));  // error_msg is free text: never quoted

  // An error_code that is not of the gateway's form (here: the token echoed)
  // is not quoted either.
  for (const std::string& code :
       {std::string(kPodToken), std::string("APIGW."), std::string(".0301"),
        std::string("apigw.0301"), std::string("APIGW.0301 x"), std::string(40, 'A') + ".1"}) {
    PodFixture echo(
        [code](const HttpRequest&) { return Answer(401, R"({"error_code":")" + code + R"("})"); },
        {}, options);
    const std::string echo_error = ErrorOf(*echo.provider);
    EXPECT_THAT(echo_error, Not(HasSubstr("error_code"))) << code;
    ExpectNoSecrets(echo_error);
  }
  ExpectNoSecrets(error);

  PodFixture plain([](const HttpRequest&) { return Answer(500, kSecret); }, {}, options);
  const std::string plain_error = ErrorOf(plain.provider.operator*());
  EXPECT_THAT(plain_error, HasSubstr("pod identity: POST answered HTTP 500"));
  ExpectNoSecrets(plain_error);
}

TEST(PodIdentityProviderTest, BadAnswersNameTheSourceAndField) {
  TempFile token(kPodToken);
  PodIdentityCredentialsOptions options;
  options.full_uri = "http://127.0.0.1:9/v1/credentials";
  options.token_file = token.path();
  PodFixture f([](const HttpRequest&) { return Answer(200, PodAnswer("")); }, {}, options);
  EXPECT_THAT(ErrorOf(*f.provider),
              HasSubstr("pod identity: credentials.secretAccessKey is empty"));
}

TEST(PodIdentityProviderTest, AnExplicitBadUriIsAConfigurationError) {
  for (const char* bad :
       {"http://pods.example/v1", "ftp://127.0.0.1/", "nonsense", "http://u:p@127.0.0.1/v1"}) {
    PodIdentityCredentialsOptions options;
    options.full_uri = bad;
    EXPECT_THROW(MakePodIdentityCredentialsProvider(options), ConfigurationError) << bad;
  }
  PodIdentityCredentialsOptions options;
  options.timeout = std::chrono::milliseconds(-5);
  EXPECT_THROW(MakePodIdentityCredentialsProvider(options), ConfigurationError);
}

// --- the default chain's own variables -------------------------------------

TEST(DefaultChainTest, MetadataCanBeDisabled) {
  const auto chain = internal::MakeDefaultCredentialsChainFrom(
      Env({{"HOME", "/nonexistent-home"}, {"CSMS_METADATA_DISABLED", "TRUE"}}), {});
  const std::string error = ErrorOf(*chain);
  EXPECT_THAT(error, HasSubstr("environment: "));
  EXPECT_THAT(error, HasSubstr("profile: /nonexistent-home/.huaweicloud/credentials not found"));
  EXPECT_THAT(error, HasSubstr("pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI not set"));
  EXPECT_THAT(error, HasSubstr("metadata: disabled by CSMS_METADATA_DISABLED"));
}

TEST(DefaultChainTest, AnUnusableMetadataEndpointStopsTheChain) {
  const auto chain = internal::MakeDefaultCredentialsChainFrom(
      Env({{"HOME", "/nonexistent-home"}, {"CSMS_METADATA_ENDPOINT", "http://example.com"}}), {});
  EXPECT_THROW(chain->Get(), MisconfiguredSourceError);
  EXPECT_THAT(ErrorOf(*chain), HasSubstr("metadata: CSMS_METADATA_ENDPOINT uses plain http"));
}

}  // namespace
}  // namespace csms
