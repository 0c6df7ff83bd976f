// The credentials side: the ECS/BMS metadata service (session token and
// security key) and the CCE pod identity endpoint.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "emulator_test_support.h"
#include "sdk_date.h"
#include "temp_file.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::system_clock;

constexpr char kTokenPath[] = "/meta-data/latest/api/token";
constexpr char kSecurityKeyPath[] = "/openstack/latest/securitykey";

// 2026-01-02T03:04:05.678901Z: a fixed emulator clock makes expires_at exact.
const system_clock::time_point kFixedNow =
    system_clock::time_point(std::chrono::microseconds(1767323045678901LL));

csms::EmulatorOptions FixedClockOptions() {
  csms::EmulatorOptions options;
  options.clock = [] { return kFixedNow; };
  return options;
}

httplib::Result PutToken(Harness& h, const std::string& ttl = "21600") {
  return h.client().Put(kTokenPath, {{"X-Metadata-Token-Ttl-Seconds", ttl}}, "", "text/plain");
}

httplib::Result GetSecurityKey(Harness& h, const std::string& token = {}) {
  if (token.empty()) return h.client().Get(kSecurityKeyPath);
  return h.client().Get(kSecurityKeyPath, {{"X-Metadata-Token", token}});
}

std::string NewSessionToken(Harness& h) {
  auto result = PutToken(h);
  if (!result || result->status != 200) return {};
  return result->body;
}

// The shape every official SDK parses (iam_model.go: Credential).
void ExpectMetadataCredential(const httplib::Result& result) {
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  const json body = BodyJson(result);
  ASSERT_TRUE(body.is_object() && body.contains("credential")) << result->body;
  const json& credential = body["credential"];
  for (const char* field : {"access", "secret", "securitytoken", "expires_at"}) {
    ASSERT_TRUE(credential.contains(field) && credential[field].is_string()) << field;
    EXPECT_FALSE(credential[field].get<std::string>().empty()) << field;
  }
  EXPECT_TRUE(std::regex_match(credential["expires_at"].get<std::string>(),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)")))
      << credential["expires_at"];
}

TEST(MetadataServiceTest, SessionTokenThenSecurityKey) {
  csms::EmulatorOptions options = FixedClockOptions();
  options.temporary_credentials_lifetime = hours(2);
  Harness h(options);

  auto token = PutToken(h);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 200);
  EXPECT_FALSE(token->body.empty());
  EXPECT_EQ(token->body.find('\n'), std::string::npos);
  EXPECT_FALSE(token->get_header_value("X-Request-Id").empty());

  auto key = GetSecurityKey(h, token->body);
  ExpectMetadataCredential(key);
  const json credential = BodyJson(key)["credential"];
  // now + lifetime, to the microsecond.
  EXPECT_EQ(credential["expires_at"], "2026-01-02T05:04:05.678901Z");
  EXPECT_EQ(credential["access"].get<std::string>().size(), 20U);
  EXPECT_EQ(credential["secret"].get<std::string>().size(), 40U);
  // The session token is never echoed.
  EXPECT_EQ(key->body.find(token->body), std::string::npos);

  const csms::EmulatorCredentialCounters counters = h.emulator().credential_counters();
  EXPECT_EQ(counters.metadata_session_tokens, 1U);
  EXPECT_EQ(counters.metadata_credentials, 1U);
  EXPECT_EQ(counters.pod_identity_credentials, 0U);
}

TEST(MetadataServiceTest, EveryFetchIssuesNewCredentials) {
  Harness h;
  std::set<std::string> access_keys, secret_keys, tokens;
  for (int i = 0; i < 3; ++i) {
    auto key = GetSecurityKey(h);
    ExpectMetadataCredential(key);
    const json credential = BodyJson(key)["credential"];
    access_keys.insert(credential["access"].get<std::string>());
    secret_keys.insert(credential["secret"].get<std::string>());
    tokens.insert(credential["securitytoken"].get<std::string>());
  }
  EXPECT_EQ(access_keys.size(), 3U);
  EXPECT_EQ(secret_keys.size(), 3U);
  EXPECT_EQ(tokens.size(), 3U);
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 3U);
}

TEST(MetadataServiceTest, OptionalModeServesWithoutTokenButRefusesABadOne) {
  Harness h;  // kOptional is the default
  ExpectMetadataCredential(GetSecurityKey(h));
  auto bad = GetSecurityKey(h, "not-a-session-token");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(bad->body.find("not-a-session-token"), std::string::npos);
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 1U);
}

TEST(MetadataServiceTest, RequiredModeNeedsAValidUnexpiredToken) {
  csms::EmulatorOptions options = FixedClockOptions();  // exact expiry, however slow the run
  options.metadata_token_mode = csms::MetadataTokenMode::kRequired;
  Harness h(options);

  auto missing = GetSecurityKey(h);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  // Not the "no agency" answer: the SDKs fetch a session token and retry on this one.
  EXPECT_EQ(missing->body.find("Cloud Service Agency"), std::string::npos);
  EXPECT_EQ(GetSecurityKey(h, "forged")->status, 401);

  auto token = PutToken(h, "60");
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 200);
  ExpectMetadataCredential(GetSecurityKey(h, token->body));

  // The session token expires on the emulator clock.
  h.emulator().AdvanceClock(seconds(59));
  ExpectMetadataCredential(GetSecurityKey(h, token->body));
  h.emulator().AdvanceClock(seconds(1));
  EXPECT_EQ(GetSecurityKey(h, token->body)->status, 401);
  ExpectMetadataCredential(GetSecurityKey(h, NewSessionToken(h)));
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 3U);
  EXPECT_EQ(h.emulator().credential_counters().metadata_session_tokens, 2U);
}

TEST(MetadataServiceTest, UnsupportedModeAnswers404ToTheTokenRequest) {
  csms::EmulatorOptions options;
  options.metadata_token_mode = csms::MetadataTokenMode::kUnsupported;
  Harness h(options);
  auto token = PutToken(h);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 404);
  ExpectMetadataCredential(GetSecurityKey(h));
  ExpectMetadataCredential(GetSecurityKey(h, "ignored-here"));
  EXPECT_EQ(h.emulator().credential_counters().metadata_session_tokens, 0U);
}

TEST(MetadataServiceTest, TokenTtlIsRequiredAndBounded) {
  Harness h;
  auto missing = h.client().Put(kTokenPath, "", "text/plain");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  for (const char* ttl : {"0", "21601", "abc", "-5", "", "1e3"}) {
    auto result = PutToken(h, ttl);
    ASSERT_TRUE(result) << ttl;
    EXPECT_EQ(result->status, 400) << ttl;
  }
  EXPECT_EQ(PutToken(h, "1")->status, 200);
  EXPECT_EQ(PutToken(h, "21600")->status, 200);
  EXPECT_EQ(h.emulator().credential_counters().metadata_session_tokens, 2U);
}

TEST(MetadataServiceTest, OtherMethodsAre405) {
  Harness h;
  auto get_token = h.client().Get(kTokenPath);
  ASSERT_TRUE(get_token);
  EXPECT_EQ(get_token->status, 405);
  EXPECT_EQ(get_token->get_header_value("Allow"), "PUT");
  auto post_key = h.client().Post(kSecurityKeyPath, "", "text/plain");
  ASSERT_TRUE(post_key);
  EXPECT_EQ(post_key->status, 405);
  EXPECT_EQ(post_key->get_header_value("Allow"), "GET");
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 0U);
}

TEST(MetadataServiceTest, NoAgencyIsThe401TheSdksRecognise) {
  csms::EmulatorOptions options;
  options.metadata_agency = false;
  Harness h(options);
  auto result = GetSecurityKey(h, NewSessionToken(h));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_NE(result->body.find("Please configure Cloud Service Agency first"), std::string::npos);
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 0U);
}

TEST(MetadataServiceTest, FaultsApplyToTheMetadataServiceToo) {
  Harness h;
  csms::EmulatorFault fault;
  fault.status = 500;
  h.emulator().InjectFault(fault);
  auto faulted = GetSecurityKey(h);
  ASSERT_TRUE(faulted);
  EXPECT_EQ(faulted->status, 500);
  ExpectMetadataCredential(GetSecurityKey(h));
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 1U);
}

TEST(MetadataServiceTest, ZeroLifetimeIssuesExpiredCredentials) {
  csms::EmulatorOptions options = FixedClockOptions();
  options.temporary_credentials_lifetime = seconds(0);
  Harness h(options);
  auto key = GetSecurityKey(h);
  ExpectMetadataCredential(key);
  EXPECT_EQ(BodyJson(key)["credential"]["expires_at"], "2026-01-02T03:04:05.678901Z");
}

TEST(MetadataServiceTest, UnusableOptionsAreRefused) {
  csms::EmulatorOptions negative;
  negative.temporary_credentials_lifetime = seconds(-1);
  EXPECT_THROW(csms::Emulator{negative}, std::runtime_error);
  csms::EmulatorOptions huge;
  huge.temporary_credentials_lifetime = hours(24 * 366 * 11);
  EXPECT_THROW(csms::Emulator{huge}, std::runtime_error);
  csms::EmulatorOptions both;
  both.pod_identity_token = "t";
  both.pod_identity_token_file = "/nonexistent";
  EXPECT_THROW(csms::Emulator{both}, std::runtime_error);
}

TEST(IsoTimestampTest, FormatsMicrosecondsInUtc) {
  EXPECT_EQ(csms::emu::FormatIsoMicros(system_clock::time_point{}), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(csms::emu::FormatIsoMicros(kFixedNow), "2026-01-02T03:04:05.678901Z");
  EXPECT_EQ(csms::emu::FormatIsoMicros(system_clock::time_point(std::chrono::seconds(951782400))),
            "2000-02-29T00:00:00.000000Z");
  EXPECT_EQ(csms::emu::FormatIsoMicros(system_clock::time_point(std::chrono::microseconds(-1))),
            "1969-12-31T23:59:59.999999Z");
}

// --- pod identity ---

constexpr char kPodToken[] = "pod-identity-token-value";

httplib::Result PostPodIdentity(Harness& h, const std::string& authorization,
                                const std::string& body = "{}") {
  httplib::Headers headers;
  if (!authorization.empty()) headers.emplace("Authorization", authorization);
  return h.client().Post("/v1/credentials", headers, body, "application/json; charset=utf-8");
}

Harness PodIdentityHarness() {
  csms::EmulatorOptions options;
  options.pod_identity_token = kPodToken;
  return Harness(options);
}

// The answer the official SDKs parse (AssumeAgencyForPodIdentityResponse).
void ExpectPodIdentityCredential(const httplib::Result& result) {
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json body = BodyJson(result);
  ASSERT_TRUE(body.is_object() && body.contains("credentials")) << result->body;
  const json& credentials = body["credentials"];
  for (const char* field : {"accessKeyId", "secretAccessKey", "securityToken", "expiration"}) {
    ASSERT_TRUE(credentials.contains(field) && credentials[field].is_string()) << field;
    EXPECT_FALSE(credentials[field].get<std::string>().empty()) << field;
  }
  EXPECT_TRUE(std::regex_match(credentials["expiration"].get<std::string>(),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)")));
  EXPECT_TRUE(body.contains("assumedAgency"));
  EXPECT_TRUE(body.contains("subject"));
  EXPECT_EQ(body.value("audience", ""), "service.cce.pods");
}

TEST(PodIdentityTest, RightTokenGetsCredentials) {
  csms::EmulatorOptions options = FixedClockOptions();
  options.pod_identity_token = kPodToken;
  options.temporary_credentials_lifetime = hours(1);
  Harness h(options);
  EXPECT_EQ(h.emulator().pod_identity_uri(), h.emulator().endpoint() + "/v1/credentials");
  auto result = PostPodIdentity(h, kPodToken);
  ExpectPodIdentityCredential(result);
  EXPECT_EQ(BodyJson(result)["credentials"]["expiration"], "2026-01-02T04:04:05.678901Z");
  EXPECT_EQ(result->body.find(kPodToken), std::string::npos);
  // An empty body is accepted too.
  ExpectPodIdentityCredential(PostPodIdentity(h, kPodToken, ""));
  EXPECT_EQ(h.emulator().credential_counters().pod_identity_credentials, 2U);
  EXPECT_EQ(h.emulator().credential_counters().metadata_credentials, 0U);
}

TEST(PodIdentityTest, WrongOrMissingTokenIs401) {
  Harness h = PodIdentityHarness();
  for (const std::string& authorization : {std::string("pod-identity-token-valuE"),
                                           std::string("Bearer ") + kPodToken, std::string()}) {
    auto result = PostPodIdentity(h, authorization);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401) << authorization;
    const json body = BodyJson(result);
    EXPECT_EQ(body.value("error_code", ""), "APIGW.0301");
    EXPECT_EQ(body.value("request_id", ""), result->get_header_value("X-Request-Id"));
    EXPECT_EQ(result->body.find(kPodToken), std::string::npos);
  }
  EXPECT_EQ(h.emulator().credential_counters().pod_identity_credentials, 0U);
}

TEST(PodIdentityTest, BodyMustBeAJsonObjectAndMethodPost) {
  Harness h = PodIdentityHarness();
  auto not_json = PostPodIdentity(h, kPodToken, "not json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(PostPodIdentity(h, kPodToken, "[]")->status, 400);
  auto get = h.client().Get("/v1/credentials", {{"Authorization", kPodToken}});
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");
  EXPECT_EQ(h.emulator().credential_counters().pod_identity_credentials, 0U);
}

TEST(PodIdentityTest, CredentialRequestsAreNotCountedAsApiRequests) {
  Harness h = PodIdentityHarness();
  ExpectPodIdentityCredential(PostPodIdentity(h, kPodToken));
  ExpectMetadataCredential(GetSecurityKey(h, NewSessionToken(h)));
  EXPECT_EQ(PostPodIdentity(h, "wrong")->status, 401);
  EXPECT_EQ(h.emulator().request_count(), 4U);
  EXPECT_EQ(h.emulator().api_request_count(), 0U);
  EXPECT_EQ(h.Get("csms/events")->status, 200);
  EXPECT_EQ(h.emulator().api_request_count(), 1U);
  EXPECT_EQ(h.emulator().request_count(), 5U);
}

TEST(PodIdentityTest, DisabledWithoutAToken) {
  Harness h;
  auto result = PostPodIdentity(h, kPodToken);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(BodyJson(result).value("error_code", ""), "APIGW.0101");
  EXPECT_EQ(h.emulator().api_request_count(), 1U);  // an unknown API path, then
}

using csms_test::TempFile;

TEST(PodIdentityTest, TokenFileIsReadOnEveryRequest) {
  TempFile file;
  file.Write("first-token\n");
  csms::EmulatorOptions options;
  options.pod_identity_token_file = file.path();
  Harness h(options);
  ExpectPodIdentityCredential(PostPodIdentity(h, "first-token"));

  file.Write("second-token");  // rotated
  EXPECT_EQ(PostPodIdentity(h, "first-token")->status, 401);
  ExpectPodIdentityCredential(PostPodIdentity(h, "second-token"));

  std::remove(file.path().c_str());
  auto unreadable = PostPodIdentity(h, "second-token");
  ASSERT_TRUE(unreadable);
  EXPECT_EQ(unreadable->status, 500);
  EXPECT_EQ(unreadable->body.find("second-token"), std::string::npos);
  EXPECT_EQ(h.emulator().credential_counters().pod_identity_credentials, 2U);
}

}  // namespace
}  // namespace csms_emu_test
