#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "csms/client.h"
#include "csms/errors.h"
#include "csms/version.h"
#include "fake_transport.h"
#include "hostile_inputs.h"
#include "internal/client_config.h"
#include "scoped_env.h"
#include "seed_data.h"

namespace csms {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

ClientOptions ValidOptions() {
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "SKsecret-do-not-print");
  options.transport = std::make_shared<csms_test::RecordingTransport>(HttpResponse{});
  return options;
}

std::string ConfigurationMessage(ClientOptions options) {
  try {
    CsmsClient client(std::move(options));
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(Regions, EveryPublishedRegionMapsToItsKmsEndpoint) {
  const std::string regions = csms_test::ReadTestData("regions.txt");
  std::istringstream lines(regions);
  std::string region;
  int count = 0;
  while (std::getline(lines, region)) {
    if (region.empty()) continue;
    EXPECT_EQ(EndpointForRegion(region), "https://kms." + region + ".myhuaweicloud.com");
    ++count;
  }
  EXPECT_EQ(count, 30);
}

TEST(Regions, UnknownRegionIsAConfigurationError) {
  EXPECT_THROW(EndpointForRegion("cn-north-5"), ConfigurationError);
  EXPECT_THROW(EndpointForRegion("CN-NORTH-4"), ConfigurationError);
  ClientOptions options = ValidOptions();
  options.region = "mars-1";
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("unknown region \"mars-1\""));
}

TEST(ClientOptionsCheck, RegionResolvesToKmsHost) {
  const auto config = internal::ResolveClientConfig(ValidOptions());
  EXPECT_EQ(config.base_url, "https://kms.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(config.host_header, "kms.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(config.project->Path(), std::string("/v1/") + kProjectId);
}

// The prepared key of fixed credentials.
std::shared_ptr<const internal::HmacSha256Key> SigningKey(const ClientOptions& options) {
  return internal::ResolveClientConfig(options).credentials->Acquire()->signing_key;
}

TEST(ClientOptionsCheck, AkSkSecretKeyIsPreparedForSigningOnce) {
  const auto config = internal::ResolveClientConfig(ValidOptions());
  const auto signing_key = config.credentials->Acquire()->signing_key;
  ASSERT_NE(signing_key, nullptr);
  std::string hex;
  signing_key->AppendHex("string to sign", &hex);
  EXPECT_EQ(hex, internal::HmacSha256Hex("SKsecret-do-not-print", "string to sign"));
  // Once: every attempt gets the same prepared key.
  EXPECT_EQ(config.credentials->Acquire()->signing_key, signing_key);

  ClientOptions options = ValidOptions();
  options.credentials = Credentials::Token("token");
  EXPECT_EQ(SigningKey(options), nullptr);
  options.credentials = Credentials::Anonymous();
  EXPECT_EQ(SigningKey(options), nullptr);
}

TEST(ClientOptionsCheck, EndpointOverridesRegion) {
  ClientOptions options = ValidOptions();
  options.endpoint = "https://kms.example.com:8443/";
  const auto config = internal::ResolveClientConfig(options);
  EXPECT_EQ(config.base_url, "https://kms.example.com:8443");
  EXPECT_EQ(config.host_header, "kms.example.com:8443");
}

TEST(ClientOptionsCheck, PlainHttpOnlyToLoopback) {
  for (const char* ok : {"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"}) {
    ClientOptions options = ValidOptions();
    options.endpoint = ok;
    EXPECT_EQ(ConfigurationMessage(options), "accepted") << ok;
  }
  for (const char* bad : {"http://kms.cn-north-4.myhuaweicloud.com", "http://10.0.0.1",
                          "http://127.0.0.1.nip.io", "http://localhost.example.com"}) {
    ClientOptions options = ValidOptions();
    options.endpoint = bad;
    EXPECT_THAT(ConfigurationMessage(options), HasSubstr("plain http")) << bad;
  }
}

TEST(ClientOptionsCheck, RejectsUnusableEndpoints) {
  const std::pair<const char*, const char*> cases[] = {
      {"ftp://kms.example.com", "must use https"},
      {"kms.example.com", "not an absolute URL"},
      {"https://kms.example.com/v1", "without a path"},
      {"https://kms.example.com?x=1", "without a path"},
      {"https://user:hunter2@kms.example.com", "user information"},
  };
  for (const auto& [endpoint, expected] : cases) {
    ClientOptions options = ValidOptions();
    options.endpoint = endpoint;
    const std::string message = ConfigurationMessage(options);
    EXPECT_THAT(message, HasSubstr(expected)) << endpoint;
    EXPECT_THAT(message, Not(HasSubstr("hunter2")));
  }
}

TEST(ClientOptionsCheck, MalformedEndpointsFailAtConstruction) {
  // Each once passed construction and then failed every call as a retried
  // "could not connect".
  for (const char* bad :
       {"https://kms.example.com\n", "https://kms.example.com ", "https://kms .example.com",
        "https://kms.example.com\\", "http://::1:8080", "https://kms.example.com:0",
        "https://[fe80::1%25eth0]:8443", "https://kms.example.com\t",
        "https://k\xc3\xa9.example"}) {
    ClientOptions options = ValidOptions();
    options.endpoint = bad;
    const std::string message = ConfigurationMessage(options);
    EXPECT_THAT(message, HasSubstr("endpoint")) << bad;
    EXPECT_NE(message, "accepted") << bad;
    EXPECT_TRUE(csms_test::IsPrintableMessage(message)) << message;
  }
  ClientOptions options = ValidOptions();
  options.endpoint = std::string("https://kms.example.com\0.evil", 29);
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("control characters"));
}

TEST(ClientOptionsCheck, EndpointIsRebuiltFromWhatLibcurlParsed) {
  ClientOptions options = ValidOptions();
  options.endpoint = "HTTPS://KMS.Example.COM:8443//";
  auto config = internal::ResolveClientConfig(options);
  EXPECT_EQ(config.base_url, "https://kms.example.com:8443");
  EXPECT_EQ(config.host_header, "kms.example.com:8443");
  options.endpoint = "http://[::1]:8080";
  config = internal::ResolveClientConfig(options);
  EXPECT_EQ(config.base_url, "http://[::1]:8080");
  EXPECT_EQ(config.host_header, "[::1]:8080");
}

TEST(ClientOptionsCheck, ProxyIsParsedByLibcurlAndNeverShown) {
  for (const char* ok : {"http://proxy.example.com:3128", "proxy.example.com:3128",
                         "socks5h://user:pw@proxy:1080", "https://[::1]:3128"}) {
    ClientOptions options = ValidOptions();
    options.proxy = ok;
    EXPECT_EQ(ConfigurationMessage(options), "accepted") << ok;
  }
  for (const char* bad :
       {"http://hunter2@prox y:3128", "http://pw-hunter2@proxy:99999", "ftp://hunter2@proxy:21",
        "http://hunter2@::1:3128", "http://hunter2@proxy\\"}) {
    ClientOptions options = ValidOptions();
    options.proxy = bad;
    const std::string message = ConfigurationMessage(options);
    EXPECT_THAT(message, HasSubstr("proxy")) << bad;
    EXPECT_THAT(message, Not(HasSubstr("hunter2"))) << bad;
  }
}

TEST(ClientOptionsDefaults, AgreeWithTheCurlTransportOptions) {
  const ClientOptions client;
  const CurlTransportOptions curl;
  EXPECT_EQ(client.connect_timeout, curl.connect_timeout);
  EXPECT_EQ(client.request_timeout, curl.request_timeout);
  EXPECT_EQ(client.ca_file, curl.ca_file);
  EXPECT_EQ(client.ca_path, curl.ca_path);
  EXPECT_EQ(client.proxy, curl.proxy);
  EXPECT_EQ(client.no_proxy, curl.no_proxy);
  EXPECT_EQ(client.max_response_bytes, curl.max_response_bytes);
  EXPECT_EQ(client.connect_timeout, std::chrono::seconds(10));
  EXPECT_EQ(client.request_timeout, std::chrono::seconds(30));
  EXPECT_EQ(client.max_response_bytes, std::size_t{8} * 1024 * 1024);
}

// Counts the transports ResolveClientConfig builds and keeps the last settings.
struct CountingFactory {
  int built = 0;
  CurlTransportOptions last;

  internal::TransportFactory Factory() {
    return [this](const CurlTransportOptions& options) -> std::shared_ptr<HttpTransport> {
      ++built;
      last = options;
      return std::make_shared<csms_test::RecordingTransport>(HttpResponse{});
    };
  }
};

TEST(ClientOptionsCheck, EverythingIsCheckedBeforeTheTransportIsBuilt) {
  // Each of these options comes after the transport-related ones.
  const std::vector<std::pair<const char*, std::function<void(ClientOptions&)>>> late = {
      {"call_deadline", [](ClientOptions& o) { o.call_deadline = std::chrono::milliseconds(0); }},
      {"max_response_bytes", [](ClientOptions& o) { o.max_response_bytes = 0; }},
      {"retry.max_attempts", [](ClientOptions& o) { o.retry.max_attempts = 0; }},
  };
  for (const auto& [field, breaks] : late) {
    ClientOptions options = ValidOptions();
    options.transport.reset();
    breaks(options);
    CountingFactory factory;
    try {
      internal::ResolveClientConfig(options, factory.Factory());
      ADD_FAILURE() << field << " accepted";
    } catch (const ConfigurationError& e) {
      EXPECT_THAT(e.what(), HasSubstr(field));
    }
    EXPECT_EQ(factory.built, 0) << field;
  }
}

// The client's ConfigurationError gives the same reason a call's
// ValidationError does, not just the field's name.
TEST(ClientOptionsCheck, RetryOptionsKeepTheirReason) {
  const std::vector<std::pair<std::string, std::function<void(RetryOptions&)>>> cases = {
      {"retry.max_attempts must be at least 1", [](RetryOptions& r) { r.max_attempts = 0; }},
      {"retry.initial_backoff must not be negative",
       [](RetryOptions& r) { r.initial_backoff = std::chrono::milliseconds(-1); }},
      {"retry.max_backoff must not be negative",
       [](RetryOptions& r) { r.max_backoff = std::chrono::milliseconds(-1); }},
      {"retry.max_retry_after must not be negative",
       [](RetryOptions& r) { r.max_retry_after = std::chrono::milliseconds(-1); }},
  };
  for (const auto& [message, breaks] : cases) {
    ClientOptions options = ValidOptions();
    breaks(options.retry);
    try {
      CsmsClient client(options);
      ADD_FAILURE() << message << ": accepted";
    } catch (const ConfigurationError& e) {
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  }
}

TEST(ClientOptionsCheck, TheTransportGetsTheClientsCurlSettings) {
  ClientOptions options = ValidOptions();
  options.transport.reset();
  options.connect_timeout = std::chrono::milliseconds(1234);
  options.request_timeout = std::chrono::milliseconds(5678);
  options.ca_file = "/etc/ca.pem";
  options.ca_path = "/etc/certs";
  options.proxy = "http://proxy:3128";
  options.no_proxy = "localhost";
  options.max_response_bytes = 99;
  CountingFactory factory;
  internal::ResolveClientConfig(options, factory.Factory());
  EXPECT_EQ(factory.built, 1);
  EXPECT_EQ(factory.last.connect_timeout, std::chrono::milliseconds(1234));
  EXPECT_EQ(factory.last.request_timeout, std::chrono::milliseconds(5678));
  EXPECT_EQ(factory.last.ca_file, "/etc/ca.pem");
  EXPECT_EQ(factory.last.ca_path, "/etc/certs");
  EXPECT_EQ(factory.last.proxy, "http://proxy:3128");
  EXPECT_EQ(factory.last.no_proxy, "localhost");
  EXPECT_EQ(factory.last.max_response_bytes, 99u);
  // The public function a wrapping transport uses gives the same settings.
  const CurlTransportOptions curl = CurlTransportOptionsFrom(options);
  EXPECT_EQ(curl.connect_timeout, factory.last.connect_timeout);
  EXPECT_EQ(curl.request_timeout, factory.last.request_timeout);
  EXPECT_EQ(curl.ca_file, factory.last.ca_file);
  EXPECT_EQ(curl.ca_path, factory.last.ca_path);
  EXPECT_EQ(curl.proxy, factory.last.proxy);
  EXPECT_EQ(curl.no_proxy, factory.last.no_proxy);
  EXPECT_EQ(curl.max_response_bytes, factory.last.max_response_bytes);
  // A transport of the user's own is used as it is.
  options.transport = std::make_shared<csms_test::RecordingTransport>(HttpResponse{});
  internal::ResolveClientConfig(options, factory.Factory());
  EXPECT_EQ(factory.built, 1);
}

TEST(ClientOptionsCheck, NeedsRegionOrEndpoint) {
  ClientOptions options = ValidOptions();
  options.region.clear();
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("set region"));
}

TEST(ClientOptionsCheck, ProjectIdIsRequiredAndHex) {
  ClientOptions options = ValidOptions();
  options.project_id.clear();
  // With a region the id is discovered at the first call (project discovery
  // tests); with an endpoint alone there is nothing to look it up by.
  EXPECT_EQ(ConfigurationMessage(options), "accepted");
  options.region.clear();
  options.endpoint = "https://kms.example.com";
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("project_id is required"));
  options = ValidOptions();
  options.project_id = "my-project";
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("32 to 64 hexadecimal"));
  options.project_id = std::string(31, 'a');
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("32 to 64 hexadecimal"));
  options.project_id = std::string(32, 'g');
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("32 to 64 hexadecimal"));
  options.project_id = std::string(64, 'F');
  EXPECT_EQ(ConfigurationMessage(options), "accepted");
}

TEST(ClientOptionsCheck, CredentialsMustBeComplete) {
  ClientOptions options = ValidOptions();
  // Unset means the default chain, read at the first call (provider tests).
  options.credentials = Credentials();
  EXPECT_EQ(ConfigurationMessage(options), "accepted");
  options.credentials = Credentials::AkSk("", "sk");
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("access key (AK) is empty"));
  options.credentials = Credentials::AkSk("ak", "");
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("secret key (SK) is empty"));
  options.credentials = Credentials::Token("");
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("X-Auth-Token is empty"));
  options.credentials = Credentials::Token("tok\r\nX-Evil: 1");
  const std::string message = ConfigurationMessage(options);
  EXPECT_THAT(message, HasSubstr("control characters"));
  EXPECT_THAT(message, Not(HasSubstr("tok")));
  options.credentials = Credentials::Anonymous();
  EXPECT_EQ(ConfigurationMessage(options), "accepted");
}

TEST(ClientOptionsCheck, TimeoutsMustBePositive) {
  ClientOptions options = ValidOptions();
  options.connect_timeout = std::chrono::milliseconds(0);
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("connect_timeout"));
  options = ValidOptions();
  options.request_timeout = std::chrono::milliseconds(-1);
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("request_timeout"));
}

TEST(ClientOptionsCheck, UserAgentCarriesVersionAndSuffix) {
  ClientOptions options = ValidOptions();
  options.user_agent_suffix = "my-app/2.0";
  const auto config = internal::ResolveClientConfig(options);
  EXPECT_EQ(config.user_agent, std::string("csms-sdk-cpp/") + Version() + " my-app/2.0");
  options.user_agent_suffix = "x\ny";
  EXPECT_THAT(ConfigurationMessage(options), HasSubstr("user_agent_suffix"));
}

// One row per ClientOptions string that reaches a header, a URL or libcurl:
// how to set it, which hostile inputs its declared rule accepts, and whether
// it is secret (then no message may show any of it).
struct OptionRule {
  const char* field;
  std::function<void(ClientOptions&, const std::string&)> set;
  std::vector<std::string> accepted;  // labels of HostileInputs()
  bool secret = false;
};

std::vector<OptionRule> OptionRules() {
  using V = const std::string&;
  const std::string sk = "SKsecret-do-not-print";
  return {
      {"endpoint", [](ClientOptions& o, V v) { o.endpoint = v; }, {"empty"}},
      {"region", [](ClientOptions& o, V v) { o.region = v; }, {}},
      // Empty with a region: discovered at the first call.
      {"project_id", [](ClientOptions& o, V v) { o.project_id = v; }, {"empty"}},
      {"iam_endpoint", [](ClientOptions& o, V v) { o.iam_endpoint = v; }, {"empty"}},
      {"access key",
       [sk](ClientOptions& o, V v) { o.credentials = Credentials::AkSk(v, sk); },
       {},
       true},
      {"secret key",
       [](ClientOptions& o, V v) { o.credentials = Credentials::AkSk("AK01", v); },
       {},
       true},
      {"security token",
       [sk](ClientOptions& o, V v) { o.credentials = Credentials::AkSk("AK01", sk, v); },
       {"empty"},
       true},
      {"X-Auth-Token",
       [](ClientOptions& o, V v) { o.credentials = Credentials::Token(v); },
       {},
       true},
      {"user_agent_suffix",
       [](ClientOptions& o, V v) { o.user_agent_suffix = v; },
       {"space", "empty"}},
      {"proxy", [](ClientOptions& o, V v) { o.proxy = v; }, {"empty"}, true},
      {"no_proxy", [](ClientOptions& o, V v) { o.no_proxy = v; }, {"space", "empty"}},
      {"ca_file", [](ClientOptions& o, V v) { o.ca_file = v; }, {"space", "non-UTF-8", "empty"}},
      {"ca_path", [](ClientOptions& o, V v) { o.ca_path = v; }, {"space", "non-UTF-8", "empty"}},
  };
}

TEST(OptionRules, EveryOptionRefusesTheSameHostileInputs) {
  for (const OptionRule& rule : OptionRules()) {
    for (const auto& input : csms_test::HostileInputs()) {
      const bool accepted =
          std::find(rule.accepted.begin(), rule.accepted.end(), input.label) != rule.accepted.end();
      ClientOptions options = ValidOptions();
      rule.set(options, input.value);
      const std::string message = ConfigurationMessage(options);
      if (accepted) {
        EXPECT_EQ(message, "accepted") << rule.field << " " << input.label;
        continue;
      }
      EXPECT_NE(message, "accepted") << rule.field << " " << input.label;
      EXPECT_TRUE(csms_test::IsPrintableMessage(message))
          << rule.field << " " << input.label << ": " << message.substr(0, 200);
      if (rule.secret) {
        EXPECT_THAT(message, Not(HasSubstr("Zq7"))) << rule.field << " " << input.label;
      }
    }
  }
}

TEST(OptionRules, AccessKeyCannotRewriteTheAuthorizationHeader) {
  ClientOptions options = ValidOptions();
  options.credentials = Credentials::AkSk("AK, SignedHeaders=x", "SKsecret");
  const std::string message = ConfigurationMessage(options);
  EXPECT_THAT(message, HasSubstr("access key (AK) contains a character outside"));
  EXPECT_THAT(message, Not(HasSubstr("SignedHeaders")));
}

TEST(OptionRules, ProxyCaFileAndCaPathWithANulAreRefused) {
  for (auto set : {+[](ClientOptions& o) { o.proxy = std::string("http://p:1\0x", 12); },
                   +[](ClientOptions& o) { o.ca_file = std::string("/a\0b", 4); },
                   +[](ClientOptions& o) { o.ca_path = std::string("/a\0b", 4); }}) {
    ClientOptions options = ValidOptions();
    set(options);
    EXPECT_THAT(ConfigurationMessage(options), HasSubstr("control characters"));
  }
}

using csms_test::ScopedEnv;

TEST(Environment, ReadsAkSkTokenAndEndpoint) {
  ScopedEnv ak("HUAWEICLOUD_SDK_AK", "env-ak");
  ScopedEnv sk("HUAWEICLOUD_SDK_SK", "env-sk");
  ScopedEnv st("HUAWEICLOUD_SDK_SECURITY_TOKEN", "env-st");
  ScopedEnv token("CSMS_AUTH_TOKEN", "ignored-when-aksk-set");
  ScopedEnv endpoint("CSMS_ENDPOINT", "http://127.0.0.1:9999");
  ScopedEnv region("CSMS_REGION", "cn-east-3");
  ScopedEnv project("HUAWEICLOUD_SDK_PROJECT_ID", kProjectId);
  const ClientOptions options = ClientOptions::FromEnvironment();
  EXPECT_EQ(options.credentials.kind(), Credentials::Kind::kAkSk);
  EXPECT_EQ(options.credentials.access_key(), "env-ak");
  EXPECT_EQ(options.credentials.secret_key(), "env-sk");
  EXPECT_EQ(options.credentials.token(), "env-st");
  EXPECT_EQ(options.endpoint, "http://127.0.0.1:9999");
  EXPECT_EQ(options.region, "cn-east-3");
  EXPECT_EQ(options.project_id, kProjectId);
}

TEST(Environment, FallsBackToAuthToken) {
  ScopedEnv ak("HUAWEICLOUD_SDK_AK", nullptr);
  ScopedEnv sk("HUAWEICLOUD_SDK_SK", nullptr);
  ScopedEnv token("CSMS_AUTH_TOKEN", "env-token");
  const Credentials credentials = Credentials::FromEnvironment();
  EXPECT_EQ(credentials.kind(), Credentials::Kind::kToken);
  EXPECT_EQ(credentials.token(), "env-token");
}

TEST(Environment, HalfAnAkSkPairIsAnError) {
  ScopedEnv ak("HUAWEICLOUD_SDK_AK", "only-ak");
  ScopedEnv sk("HUAWEICLOUD_SDK_SK", nullptr);
  ScopedEnv token("CSMS_AUTH_TOKEN", "env-token");
  try {
    Credentials::FromEnvironment();
    FAIL();
  } catch (const ConfigurationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("HUAWEICLOUD_SDK_SK is not set"));
    EXPECT_THAT(e.what(), Not(HasSubstr("only-ak")));
  }
  // Also for ClientOptions: half a key pair is a mistake, not "none here".
  EXPECT_THROW(ClientOptions::FromEnvironment(), ConfigurationError);
}

TEST(Environment, WhenNoneStandsInOnlyForAbsentCredentials) {
  ScopedEnv ak("HUAWEICLOUD_SDK_AK", nullptr);
  ScopedEnv sk("HUAWEICLOUD_SDK_SK", nullptr);
  ScopedEnv token("CSMS_AUTH_TOKEN", nullptr);
  ScopedEnv endpoint("CSMS_ENDPOINT", "http://127.0.0.1:9999");
  ScopedEnv region("CSMS_REGION", nullptr);
  ScopedEnv project("HUAWEICLOUD_SDK_PROJECT_ID", kProjectId);
  // No credentials named: left unset, for the default chain at the first call.
  EXPECT_EQ(ClientOptions::FromEnvironment().credentials.kind(), Credentials::Kind::kUnset);
  const ClientOptions anonymous = ClientOptions::FromEnvironment(Credentials::Anonymous());
  EXPECT_EQ(anonymous.credentials.kind(), Credentials::Kind::kAnonymous);
  EXPECT_EQ(anonymous.endpoint, "http://127.0.0.1:9999");
  EXPECT_EQ(anonymous.region, "");
  EXPECT_EQ(anonymous.project_id, kProjectId);
  EXPECT_EQ(ClientOptions::FromEnvironment(Credentials()).credentials.kind(),
            Credentials::Kind::kUnset);

  {
    ScopedEnv set_token("CSMS_AUTH_TOKEN", "env-token");
    const ClientOptions options = ClientOptions::FromEnvironment(Credentials::Anonymous());
    EXPECT_EQ(options.credentials.kind(), Credentials::Kind::kToken);
    EXPECT_EQ(options.credentials.token(), "env-token");
  }
  {
    // Half a key pair is a mistake, not "no credentials".
    ScopedEnv half("HUAWEICLOUD_SDK_SK", "only-sk");
    try {
      ClientOptions::FromEnvironment(Credentials::Anonymous());
      FAIL() << "half an AK/SK pair was accepted";
    } catch (const ConfigurationError& e) {
      EXPECT_THAT(e.what(), HasSubstr("HUAWEICLOUD_SDK_AK is not set"));
      EXPECT_THAT(e.what(), Not(HasSubstr("only-sk")));
    }
  }
}

TEST(Environment, NothingSetIsAnError) {
  ScopedEnv ak("HUAWEICLOUD_SDK_AK", nullptr);
  ScopedEnv sk("HUAWEICLOUD_SDK_SK", nullptr);
  ScopedEnv token("CSMS_AUTH_TOKEN", nullptr);
  EXPECT_THROW(Credentials::FromEnvironment(), ConfigurationError);
}

}  // namespace
}  // namespace csms
