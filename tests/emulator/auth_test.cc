// Authentication: SDK-HMAC-SHA256 signatures, X-Auth-Token, and no-auth mode.

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "canonical_request.h"
#include "emulator_test_support.h"
#include "sdk_date.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;
using std::chrono::minutes;
using std::chrono::system_clock;

constexpr char kAk[] = "TESTACCESSKEY";
constexpr char kSk[] = "test-secret-key";

struct Signed {
  std::string method = "GET";
  std::string target;
  std::string body;
  std::string sk = kSk;
  system_clock::time_point date = system_clock::now();
  bool sign_host = true;
};

Signed GetRequest(std::string target) {
  Signed request;
  request.target = std::move(target);
  return request;
}

// Signs with the emulator's own canonicalisation (it is verified against the
// published vectors in canonical_request_test.cc).
httplib::Headers SignedHeaders(const Harness& h, const Signed& request) {
  const std::string host = "127.0.0.1:" + std::to_string(h.port());
  const std::string date = csms::emu::FormatSdkDate(request.date);
  // httplib sends Content-Type only with a body.
  const bool has_body = request.method == "POST";
  std::vector<csms::emu::SignedHeader> signed_headers = {{"x-sdk-date", date}};
  if (has_body) signed_headers.push_back({"content-type", "application/json"});
  if (request.sign_host) signed_headers.push_back({"host", host});
  std::string names = has_body ? "content-type;" : "";
  names += request.sign_host ? "host;x-sdk-date" : "x-sdk-date";
  const std::string canonical = csms::emu::BuildCanonicalRequest(request.method, request.target,
                                                                 signed_headers, request.body);
  const std::string signature =
      csms::emu::ComputeSignature(request.sk, csms::emu::BuildStringToSign(date, canonical));
  return httplib::Headers{
      {"X-Sdk-Date", date},
      {"Authorization", std::string("SDK-HMAC-SHA256 Access=") + kAk + ", SignedHeaders=" + names +
                            ", Signature=" + signature}};
}

httplib::Result Send(Harness& h, const Signed& request, const std::string& wire_body) {
  const httplib::Headers headers = SignedHeaders(h, request);
  if (request.method == "POST") {
    return h.client().Post(request.target, headers, wire_body, "application/json");
  }
  return h.client().Get(request.target, headers);
}

Harness SigningHarness() {
  csms::EmulatorOptions options;
  options.access_key = kAk;
  options.secret_key = kSk;
  return Harness(options);
}

void ExpectGateway401(const httplib::Result& result, const std::string& code) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401) << result->body;
  const json body = BodyJson(result);
  EXPECT_EQ(body.value("error_code", ""), code) << result->body;
  EXPECT_FALSE(body.value("error_msg", "").empty());
  ASSERT_TRUE(body.contains("request_id"));
  EXPECT_EQ(body["request_id"], result->get_header_value("X-Request-Id"));
  EXPECT_FALSE(result->get_header_value("X-Request-Id").empty());
  EXPECT_EQ(result->body.find(kSk), std::string::npos);
}

TEST(AuthTest, ValidSignatureAccepted) {
  Harness h = SigningHarness();
  const std::string body = EventBody("signed").dump();
  Signed post{"POST", Harness::Path("csms/events"), body};
  auto created = Send(h, post, body);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 200) << created->body;

  Signed list = GetRequest(Harness::Path("csms/events?marker=a&limit=10"));
  auto listed = Send(h, list, "");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200) << listed->body;

  // 14 minutes of clock skew is within the gateway's tolerance.
  Signed skewed = GetRequest(Harness::Path("csms/events"));
  skewed.date = system_clock::now() - minutes(14);
  EXPECT_EQ(Send(h, skewed, "")->status, 200);
}

TEST(AuthTest, WrongSecretKeyRejected) {
  Harness h = SigningHarness();
  Signed request = GetRequest(Harness::Path("csms/events"));
  request.sk = "not-the-key";
  ExpectGateway401(Send(h, request, ""), "APIGW.0301");
}

TEST(AuthTest, TamperedBodyRejected) {
  Harness h = SigningHarness();
  const std::string body = EventBody("one").dump();
  Signed request{"POST", Harness::Path("csms/events"), body};
  ExpectGateway401(Send(h, request, EventBody("two").dump()), "APIGW.0301");
  EXPECT_EQ(
      BodyJson(h.client().Get(Harness::Path("csms/events"),
                              SignedHeaders(h, GetRequest(Harness::Path("csms/events")))))["events"]
          .size(),
      0U);
}

TEST(AuthTest, TamperedQueryRejected) {
  Harness h = SigningHarness();
  Signed request = GetRequest(Harness::Path("csms/events?limit=10"));
  ExpectGateway401(h.client().Get(Harness::Path("csms/events?limit=11"), SignedHeaders(h, request)),
                   "APIGW.0301");
}

TEST(AuthTest, MissingAuthorizationRejected) {
  Harness h = SigningHarness();
  ExpectGateway401(h.Get("csms/events"), "APIGW.0301");
}

TEST(AuthTest, UnsignedHostRejected) {
  Harness h = SigningHarness();
  Signed request = GetRequest(Harness::Path("csms/events"));
  request.sign_host = false;
  ExpectGateway401(Send(h, request, ""), "APIGW.0301");
}

TEST(AuthTest, MissingDateHeaderRejected) {
  Harness h = SigningHarness();
  httplib::Headers headers = SignedHeaders(h, GetRequest(Harness::Path("csms/events")));
  headers.erase("X-Sdk-Date");
  ExpectGateway401(h.client().Get(Harness::Path("csms/events"), headers), "APIGW.0301");
}

TEST(AuthTest, DateSixteenMinutesOffRejected) {
  Harness h = SigningHarness();
  Signed past = GetRequest(Harness::Path("csms/events"));
  past.date = system_clock::now() - minutes(16);
  ExpectGateway401(Send(h, past, ""), "APIGW.0303");
  Signed future = GetRequest(Harness::Path("csms/events"));
  future.date = system_clock::now() + minutes(16);
  ExpectGateway401(Send(h, future, ""), "APIGW.0303");
}

TEST(AuthTest, TokenAcceptedAndRejected) {
  csms::EmulatorOptions options;
  options.token = "the-token";
  Harness h(options);
  auto accepted = h.client().Get(Harness::Path("csms/events"), {{"X-Auth-Token", "the-token"}});
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200);

  auto wrong = h.client().Get(Harness::Path("csms/events"), {{"X-Auth-Token", "the-tokeN"}});
  ExpectGateway401(wrong, "CSMS.0301");
  EXPECT_EQ(wrong->body.find("the-token"), std::string::npos);
  ExpectGateway401(h.Get("csms/events"), "CSMS.0301");
}

TEST(AuthTest, EitherCredentialPassesWhenBothConfigured) {
  csms::EmulatorOptions options;
  options.access_key = kAk;
  options.secret_key = kSk;
  options.token = "the-token";
  Harness h(options);
  EXPECT_EQ(h.client().Get(Harness::Path("csms/events"), {{"X-Auth-Token", "the-token"}})->status,
            200);
  EXPECT_EQ(Send(h, GetRequest(Harness::Path("csms/events")), "")->status, 200);
  ExpectGateway401(h.Get("csms/events"), "APIGW.0301");
}

TEST(AuthTest, NoCredentialsAcceptsAnything) {
  Harness h;
  EXPECT_EQ(h.Get("csms/events")->status, 200);
  EXPECT_EQ(
      h.client()
          .Get(Harness::Path("csms/events"),
               {{"Authorization", "SDK-HMAC-SHA256 Access=x, SignedHeaders=host, Signature=0"},
                {"X-Auth-Token", "anything"}})
          ->status,
      200);
}

TEST(AuthTest, HalfConfiguredCredentialsRefused) {
  csms::EmulatorOptions options;
  options.access_key = kAk;
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
}

}  // namespace
}  // namespace csms_emu_test
