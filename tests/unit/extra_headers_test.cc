// ClientOptions::extra_headers and CallOptions::extra_headers: which names and
// values are accepted, which headers the SDK keeps for itself, the errors
// (ConfigurationError at construction, ValidationError before any I/O), and
// that values stay out of messages and logs.

#include "internal/extra_headers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "csms/client.h"
#include "csms/errors.h"
#include "fake_transport.h"
#include "internal/ascii.h"
#include "seed_data.h"

namespace csms {
namespace internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

TEST(ExtraHeaders, TheSdksOwnHeadersAreReservedInAnyCase) {
  for (const char* name : {"Host",
                           "host",
                           "AUTHORIZATION",
                           "X-Sdk-Date",
                           "x-sdk-date",
                           "X-Sdk-Content-Sha256",
                           "x-SDK-anything",
                           "X-Project-Id",
                           "X-Domain-Id",
                           "X-Security-Token",
                           "x-auth-token",
                           "Content-Type",
                           "content-length",
                           "Content-Encoding",
                           "Transfer-Encoding",
                           "Expect",
                           "Connection",
                           "Keep-Alive",
                           "Proxy-Connection",
                           "Proxy-Authorization",
                           "TE",
                           "Trailer",
                           "Upgrade",
                           "User-Agent",
                           "Accept",
                           "accept-encoding"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(IsReservedHeaderName(name));
    const auto problem = FindExtraHeadersProblem({{name, "v"}});
    ASSERT_TRUE(problem.has_value());
    EXPECT_THAT(*problem, HasSubstr("is set by the SDK"));
  }
  for (const char* name : {"X-Language", "traceparent", "tracestate", "X-Sdk", "X-Request-Id",
                           "Accepts", "Hosts", "X-Client-Token"}) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(IsReservedHeaderName(name));
  }
}

TEST(ExtraHeaders, AcceptsRfc9110TokensAndFieldValues) {
  const HttpHeaders good = {
      {"X-Language", "en-us"},
      {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
      {"X-Odd!#$%&'*+-.^_`|~1", "a b\tc \"quoted\" ;,=/?@[]{}~"},
      {"X-Empty", ""},
  };
  EXPECT_EQ(FindExtraHeadersProblem(good), std::nullopt);
  EXPECT_EQ(FindExtraHeadersProblem({}), std::nullopt);
}

TEST(ExtraHeaders, RefusesNamesThatAreNotTokens) {
  for (const std::string& name :
       {std::string(), std::string("X Lang"), std::string("X-Lang:"), std::string("X\r\nHost"),
        std::string("X-Caf\xC3\xA9"), std::string("X(1)"), std::string("X\0Y", 3),
        std::string(257, 'a')}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(FindExtraHeadersProblem({{name, "v"}}).has_value());
  }
  EXPECT_EQ(FindExtraHeadersProblem({{std::string(256, 'a'), "v"}}), std::nullopt);
}

TEST(ExtraHeaders, RefusesValuesThatCouldSplitOrBlurTheRequest) {
  for (const std::string& value :
       {std::string("a\r\nX-Injected: 1"), std::string("a\nb"), std::string("a\rb"),
        std::string("a\0b", 3), std::string("\x7f"), std::string("caf\xC3\xA9"), std::string(" a"),
        std::string("a\t"), std::string(4097, 'v')}) {
    SCOPED_TRACE(value);
    const auto problem = FindExtraHeadersProblem({{"X-Language", value}});
    ASSERT_TRUE(problem.has_value());
    EXPECT_THAT(*problem, HasSubstr("\"X-Language\""));
  }
  EXPECT_EQ(FindExtraHeadersProblem({{"X-Language", std::string(4096, 'v')}}), std::nullopt);
}

TEST(ExtraHeaders, RefusesTheSameNameTwiceAndTooMany) {
  const auto twice = FindExtraHeadersProblem({{"X-Language", "en"}, {"x-language", "fr"}});
  ASSERT_TRUE(twice.has_value());
  EXPECT_THAT(*twice, HasSubstr("given twice"));
  HttpHeaders many;
  for (int i = 0; i < 33; ++i) many.emplace_back("X-H" + std::to_string(i), "v");
  EXPECT_TRUE(FindExtraHeadersProblem(many).has_value());
  many.pop_back();
  EXPECT_EQ(FindExtraHeadersProblem(many), std::nullopt);
}

TEST(ExtraHeaders, AMessageNeverQuotesTheValue) {
  const auto problem = FindExtraHeadersProblem({{"X-Token", "hunter2-value\n"}});
  ASSERT_TRUE(problem.has_value());
  EXPECT_THAT(*problem, Not(HasSubstr("hunter2")));
}

TEST(ExtraHeaders, TheCallsReplaceTheClientsOfTheSameName) {
  HttpHeaders out = {{"Host", "h"}};
  AppendExtraHeaders({{"X-Language", "en-us"}, {"X-Team", "a"}},
                     {{"x-language", "fr-fr"}, {"traceparent", "t"}}, &out);
  EXPECT_EQ(
      out,
      (HttpHeaders{{"Host", "h"}, {"X-Team", "a"}, {"x-language", "fr-fr"}, {"traceparent", "t"}}));
}

ClientOptions Options(std::shared_ptr<HttpTransport> transport) {
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
  options.transport = std::move(transport);
  return options;
}

TEST(ExtraHeaders, AClientsBadHeaderIsAConfigurationError) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(HttpResponse{});
  for (const HttpHeaders& bad : std::vector<HttpHeaders>{{{"Authorization", "x"}},
                                                         {{"X-Language", "en\r\nHost: evil"}},
                                                         {{"X Language", "en"}},
                                                         {{"a", "1"}, {"A", "2"}}}) {
    ClientOptions options = Options(transport);
    options.extra_headers = bad;
    try {
      CsmsClient client(options);
      FAIL() << "expected ConfigurationError";
    } catch (const ConfigurationError& e) {
      EXPECT_THAT(e.what(), HasSubstr("extra_headers"));
      EXPECT_THAT(e.what(), Not(HasSubstr("evil")));
    }
  }
}

TEST(ExtraHeaders, ACallsBadHeaderIsAValidationErrorBeforeAnyIo) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(
      csms_test::JsonResponse(csms_test::ReadTestData("create_event_seed_response.json")));
  CsmsClient client(Options(transport));
  for (const HttpHeaders& bad : std::vector<HttpHeaders>{{{"X-Sdk-Date", "20200101T000000Z"}},
                                                         {{"host", "evil.example.com"}},
                                                         {{"X-Language", "en\nX: y"}},
                                                         {{"", "v"}}}) {
    CallOptions call;
    call.extra_headers = bad;
    try {
      client.ShowSecretEvent("event-test", call);
      FAIL() << "expected ValidationError";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "extra_headers");
      EXPECT_THAT(e.what(), Not(HasSubstr("evil")));
    }
  }
  EXPECT_TRUE(transport->requests().empty());
}

std::vector<std::string> Values(const HttpRequest& request, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : request.headers) {
    if (AsciiEqualsIgnoreCase(key, name)) values.push_back(value);
  }
  return values;
}

TEST(ExtraHeaders, AreSentOnEveryAttemptAndTheCallsWin) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(
      csms_test::JsonResponse(csms_test::ReadTestData("create_event_seed_response.json")));
  ClientOptions options = Options(transport);
  options.extra_headers = {{"X-Language", "en-us"}, {"X-Team", "payments"}};
  std::vector<std::string> log;
  options.log_sink = [&log](const std::string& line) { log.push_back(line); };
  options.log_level = LogLevel::kDebug;
  CsmsClient client(options);

  client.ShowSecretEvent("event-test");
  CallOptions call;
  call.extra_headers = {{"x-language", "fr-fr"}, {"traceparent", "00-abc-def-01"}};
  client.ShowSecretEvent("event-test", call);

  const auto requests = transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(Values(requests[0], "X-Language"), std::vector<std::string>{"en-us"});
  EXPECT_EQ(Values(requests[0], "X-Team"), std::vector<std::string>{"payments"});
  EXPECT_EQ(Values(requests[1], "X-Language"), std::vector<std::string>{"fr-fr"});
  EXPECT_EQ(Values(requests[1], "X-Team"), std::vector<std::string>{"payments"});
  EXPECT_EQ(Values(requests[1], "traceparent"), std::vector<std::string>{"00-abc-def-01"});
  // Signed like the SDK's own headers.
  EXPECT_THAT(
      Values(requests[1], "Authorization").at(0),
      HasSubstr("SignedHeaders=host;traceparent;x-language;x-project-id;x-sdk-date;x-team"));
  // The debug log shows the names, never the values (not on its allow-list).
  bool seen = false;
  for (const auto& line : log) {
    EXPECT_THAT(line, Not(HasSubstr("payments")));
    EXPECT_THAT(line, Not(HasSubstr("fr-fr")));
    seen = seen || line.find("X-Team: <redacted>") != std::string::npos;
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace internal
}  // namespace csms
