// Temporary credentials against the CSMS API: accepted when signed with the
// temporary SK and carrying the matching X-Security-Token, refused with the
// gateway's 401 once expired (APIGW.0307) or revoked (APIGW.0301).

#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "canonical_request.h"
#include "emulator_test_support.h"
#include "sdk_date.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

struct Temporary {
  std::string ak, sk, security_token;
};

Temporary FetchFromMetadata(Harness& h) {
  const json body = BodyJson(h.client().Get("/openstack/latest/securitykey"));
  if (!body.is_object() || !body.contains("credential")) return {};
  const json& c = body["credential"];
  return Temporary{c.value("access", ""), c.value("secret", ""), c.value("securitytoken", "")};
}

Temporary FetchFromPodIdentity(Harness& h, const std::string& pod_token) {
  const json body = BodyJson(
      h.client().Post("/v1/credentials", {{"Authorization", pod_token}}, "{}", "application/json"));
  if (!body.is_object() || !body.contains("credentials")) return {};
  const json& c = body["credentials"];
  return Temporary{c.value("accessKeyId", ""), c.value("secretAccessKey", ""),
                   c.value("securityToken", "")};
}

struct SignOptions {
  std::optional<std::string> security_token;  // sent as X-Security-Token
  bool sign_security_token = true;
};

// GET csms/events signed like the SDK signs temporary credentials: host,
// x-sdk-date and x-security-token signed; the date from the emulator's clock.
httplib::Result ListEvents(Harness& h, const std::string& ak, const std::string& sk,
                           const SignOptions& sign) {
  const std::string target = Harness::Path("csms/events");
  const std::string date = csms::emu::FormatSdkDate(h.emulator().now());
  std::vector<csms::emu::SignedHeader> signed_headers = {
      {"host", "127.0.0.1:" + std::to_string(h.port())}, {"x-sdk-date", date}};
  std::string names = "host;x-sdk-date";
  httplib::Headers headers = {{"X-Sdk-Date", date}};
  if (sign.security_token) {
    headers.emplace("X-Security-Token", *sign.security_token);
    if (sign.sign_security_token) {
      signed_headers.push_back({"x-security-token", *sign.security_token});
      names += ";x-security-token";
    }
  }
  const std::string canonical = csms::emu::BuildCanonicalRequest("GET", target, signed_headers, "");
  const std::string signature =
      csms::emu::ComputeSignature(sk, csms::emu::BuildStringToSign(date, canonical));
  headers.emplace("Authorization", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + names +
                                       ", Signature=" + signature);
  return h.client().Get(target, headers);
}

httplib::Result ListEvents(Harness& h, const Temporary& credential) {
  return ListEvents(h, credential.ak, credential.sk, SignOptions{credential.security_token});
}

void ExpectGateway401(const httplib::Result& result, const std::string& code,
                      const Temporary& credential) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401) << result->body;
  const json body = BodyJson(result);
  EXPECT_EQ(body.value("error_code", ""), code) << result->body;
  EXPECT_FALSE(body.value("error_msg", "").empty());
  EXPECT_EQ(body.value("request_id", ""), result->get_header_value("X-Request-Id"));
  EXPECT_FALSE(result->get_header_value("X-Request-Id").empty());
  // Nothing of the credential is echoed.
  EXPECT_EQ(result->body.find(credential.sk), std::string::npos);
  EXPECT_EQ(result->body.find(credential.security_token), std::string::npos);
}

// A fixed emulator clock: only AdvanceClock moves it, so expiry boundaries are
// exact however slowly the test runs.
csms::EmulatorOptions WithLifetime(seconds lifetime) {
  csms::EmulatorOptions options;
  options.temporary_credentials_lifetime = lifetime;
  const auto start = std::chrono::system_clock::now();
  options.clock = [start] { return start; };
  return options;
}

TEST(TemporaryCredentialsTest, AcceptedUntilTheyExpire) {
  Harness h(WithLifetime(hours(1)));
  const Temporary credential = FetchFromMetadata(h);
  ASSERT_FALSE(credential.ak.empty());
  auto accepted = ListEvents(h, credential);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;

  h.emulator().AdvanceClock(hours(1) - milliseconds(1));
  EXPECT_EQ(ListEvents(h, credential)->status, 200);
  h.emulator().AdvanceClock(milliseconds(1));
  ExpectGateway401(ListEvents(h, credential), "APIGW.0307", credential);
  EXPECT_EQ(h.emulator().credential_counters().refused_expired, 1U);

  // A new fetch works again.
  EXPECT_EQ(ListEvents(h, FetchFromMetadata(h))->status, 200);
}

TEST(TemporaryCredentialsTest, AcceptedAlongsideConfiguredStaticCredentials) {
  csms::EmulatorOptions options;
  options.access_key = "STATICAK";
  options.secret_key = "static-sk";
  Harness h(options);
  const Temporary credential = FetchFromMetadata(h);
  EXPECT_EQ(ListEvents(h, credential)->status, 200);
  // The static key still works, and an unknown one is still refused.
  EXPECT_EQ(ListEvents(h, "STATICAK", "static-sk", {})->status, 200);
  ExpectGateway401(ListEvents(h, "OTHERAK", credential.sk, SignOptions{credential.security_token}),
                   "APIGW.0301", credential);
}

TEST(TemporaryCredentialsTest, PodIdentityCredentialsAreAcceptedToo) {
  csms::EmulatorOptions options;
  options.pod_identity_token = "pod-token";
  options.token = "x-auth-token-mode";  // checking is on even in token-only mode
  Harness h(options);
  const Temporary credential = FetchFromPodIdentity(h, "pod-token");
  ASSERT_FALSE(credential.ak.empty());
  EXPECT_EQ(ListEvents(h, credential)->status, 200);
  h.emulator().ExpireCredentials();
  ExpectGateway401(ListEvents(h, credential), "APIGW.0307", credential);
}

TEST(TemporaryCredentialsTest, ExpireNowRefusesEveryIssuedCredential) {
  Harness h;
  const Temporary first = FetchFromMetadata(h);
  const Temporary second = FetchFromMetadata(h);
  EXPECT_EQ(h.emulator().ExpireCredentials(), 2U);
  EXPECT_EQ(h.emulator().ExpireCredentials(), 0U);  // already expired
  ExpectGateway401(ListEvents(h, first), "APIGW.0307", first);
  ExpectGateway401(ListEvents(h, second), "APIGW.0307", second);
  EXPECT_EQ(h.emulator().credential_counters().refused_expired, 2U);
  // Credentials issued afterwards are not affected.
  EXPECT_EQ(ListEvents(h, FetchFromMetadata(h))->status, 200);
}

TEST(TemporaryCredentialsTest, RevokeOneLeavesTheOthers) {
  Harness h;
  const Temporary revoked = FetchFromMetadata(h);
  const Temporary kept = FetchFromMetadata(h);
  EXPECT_EQ(h.emulator().RevokeCredentials(revoked.ak), 1U);
  EXPECT_EQ(h.emulator().RevokeCredentials("NOT-ISSUED"), 0U);
  auto refused = ListEvents(h, revoked);
  ExpectGateway401(refused, "APIGW.0301", revoked);
  EXPECT_NE(refused->body.find("ak not exist"), std::string::npos);
  EXPECT_EQ(refused->body.find(revoked.ak), std::string::npos);
  EXPECT_EQ(ListEvents(h, kept)->status, 200);
  const csms::EmulatorCredentialCounters counters = h.emulator().credential_counters();
  EXPECT_EQ(counters.refused_revoked, 1U);
  EXPECT_EQ(counters.refused_expired, 0U);

  EXPECT_EQ(h.emulator().ExpireCredentials(kept.ak), 1U);
  ExpectGateway401(ListEvents(h, kept), "APIGW.0307", kept);
}

TEST(TemporaryCredentialsTest, SecurityTokenMustMatchTheAccessKey) {
  Harness h;
  const Temporary mine = FetchFromMetadata(h);
  const Temporary other = FetchFromMetadata(h);
  ExpectGateway401(ListEvents(h, mine.ak, mine.sk, SignOptions{other.security_token}), "APIGW.0301",
                   mine);
  ExpectGateway401(ListEvents(h, mine.ak, mine.sk, SignOptions{std::nullopt}), "APIGW.0301", mine);
  ExpectGateway401(ListEvents(h, mine.ak, mine.sk, SignOptions{mine.security_token, false}),
                   "APIGW.0301", mine);
  ExpectGateway401(ListEvents(h, mine.ak, other.sk, SignOptions{mine.security_token}), "APIGW.0301",
                   mine);
  EXPECT_EQ(ListEvents(h, mine)->status, 200);
  EXPECT_EQ(h.emulator().credential_counters().refused_expired, 0U);
}

TEST(TemporaryCredentialsTest, SdkDateIsCheckedAgainstTheEmulatorClock) {
  csms::EmulatorOptions options;
  options.access_key = "STATICAK";
  options.secret_key = "static-sk";
  Harness h(options);
  h.emulator().AdvanceClock(hours(3));
  // Signed with the emulator's time: fine.
  EXPECT_EQ(ListEvents(h, "STATICAK", "static-sk", {})->status, 200);
  // Signed with the wall clock, three hours behind the emulator's: too old.
  const std::string date = csms::emu::FormatSdkDate(std::chrono::system_clock::now());
  const std::string target = Harness::Path("csms/events");
  const std::string canonical = csms::emu::BuildCanonicalRequest(
      "GET", target, {{"host", "127.0.0.1:" + std::to_string(h.port())}, {"x-sdk-date", date}}, "");
  const std::string signature =
      csms::emu::ComputeSignature("static-sk", csms::emu::BuildStringToSign(date, canonical));
  auto stale =
      h.client().Get(target, {{"X-Sdk-Date", date},
                              {"Authorization",
                               "SDK-HMAC-SHA256 Access=STATICAK, SignedHeaders=host;x-sdk-date, "
                               "Signature=" +
                                   signature}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 401);
  EXPECT_EQ(BodyJson(stale).value("error_code", ""), "APIGW.0303");
}

TEST(TemporaryCredentialsTest, ClockCanBeInjected) {
  csms::EmulatorOptions options = WithLifetime(minutes(10));
  const auto start = std::chrono::system_clock::time_point(seconds(1700000000));
  options.clock = [start] { return start; };
  Harness h(options);
  EXPECT_EQ(h.emulator().now(), start);
  const Temporary credential = FetchFromMetadata(h);
  EXPECT_EQ(ListEvents(h, credential)->status, 200);
  h.emulator().AdvanceClock(minutes(10));
  EXPECT_EQ(h.emulator().now(), start + minutes(10));
  ExpectGateway401(ListEvents(h, credential), "APIGW.0307", credential);
}

TEST(TemporaryCredentialsTest, AdvanceClockSaturates) {
  Harness h;
  h.emulator().AdvanceClock(milliseconds::max());
  h.emulator().AdvanceClock(milliseconds::max());
  EXPECT_GT(h.emulator().now(), std::chrono::system_clock::now());
  h.emulator().AdvanceClock(milliseconds::min());
  h.emulator().AdvanceClock(milliseconds::min());
  h.emulator().AdvanceClock(milliseconds::min());
  EXPECT_LT(h.emulator().now(), std::chrono::system_clock::now());
  // Credentials issued at the far end still get a valid, formatted expiry.
  const json body = BodyJson(h.client().Get("/openstack/latest/securitykey"));
  EXPECT_TRUE(body["credential"]["expires_at"].is_string());
}

}  // namespace
}  // namespace csms_emu_test
