// The emulated IAM service: password (and MFA) tokens, id-token tokens,
// securitytokens by token and by agency, the project list, and what CSMS makes
// of the tokens and temporary credentials it issues (accepted until they expire
// on the emulator clock, then 401 APIGW.0307).

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "canonical_request.h"
#include "emulator_test_support.h"
#include "sdk_date.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kPassword[] = "Pa55-word-NOT-PRINTED";
constexpr char kAk[] = "IAMEMUTESTAK000000000";
constexpr char kSk[] = "IAMEMUTESTSK0000000000000000000000000000";
constexpr char kIdToken[] = "eyJ.test-id-token-NOT-PRINTED.sig";

// 2026-12-01T04:00:00Z: a fixed emulator clock makes expiry times exact.
const std::chrono::system_clock::time_point kNow =
    std::chrono::system_clock::from_time_t(1796097600);

csms::EmulatorOptions IamOptions() {
  csms::EmulatorOptions options;
  options.clock = [] { return kNow; };
  options.iam.password = kPassword;
  options.iam.idp_id = "test-idp";
  options.iam.id_token = kIdToken;
  options.iam.token_lifetime = hours(2);
  options.iam.sts_lifetime = hours(1);
  return options;
}

json PasswordBody(const std::string& password = kPassword,
                  std::optional<std::string> passcode = std::nullopt,
                  const json& scope = json{{"project", {{"name", "cn-north-4"}}}}) {
  json body = {{"auth",
                {{"identity",
                  {{"methods", json::array({"password"})},
                   {"password",
                    {{"user",
                      {{"name", "emulator-user"},
                       {"password", password},
                       {"domain", {{"name", "emulator-domain"}}}}}}}}},
                 {"scope", scope}}}};
  if (passcode) {
    body["auth"]["identity"]["methods"].push_back("totp");
    body["auth"]["identity"]["totp"] = {
        {"user", {{"id", "a1b2c3d4e5f60718293a4b5c6d7e8f90"}, {"passcode", *passcode}}}};
  }
  return body;
}

httplib::Result PostJson(Harness& h, const std::string& path, const std::string& body,
                         const httplib::Headers& headers = {}) {
  return h.client().Post(path, headers, body, "application/json;charset=utf8");
}

// The X-Subject-Token of a successful password login ("" when it failed).
std::string PasswordToken(Harness& h) {
  auto result = PostJson(h, "/v3/auth/tokens", PasswordBody().dump());
  if (!result || result->status != 201) return {};
  return result->get_header_value("X-Subject-Token");
}

std::string IdTokenLogin(Harness& h) {
  auto result = PostJson(h, "/v3.0/OS-AUTH/id-token/tokens",
                         json{{"auth", {{"id_token", {{"id", kIdToken}}}}}}.dump(),
                         {{"X-Idp-Id", "test-idp"}});
  if (!result || result->status != 201) return {};
  return result->get_header_value("X-Subject-Token");
}

json TokenMethodBody(const std::string& token, std::optional<int> duration = std::nullopt) {
  json body = {
      {"auth", {{"identity", {{"methods", json::array({"token"})}, {"token", {{"id", token}}}}}}}};
  if (duration) body["auth"]["identity"]["token"]["duration_seconds"] = *duration;
  return body;
}

json AssumeRoleBody(const std::string& agency = "csms-agency",
                    const json& domain = json{{"domain_name", "emulator-domain"}}) {
  json assume = {{"agency_name", agency}, {"duration_seconds", 3600}};
  assume.update(domain);
  return {{"auth",
           {{"identity", {{"methods", json::array({"assume_role"})}, {"assume_role", assume}}}}}};
}

struct Temporary {
  std::string ak, sk, security_token, expires_at;
};

Temporary CredentialOf(const httplib::Result& result) {
  const json body = BodyJson(result);
  if (!body.is_object() || !body.contains("credential")) return {};
  const json& c = body["credential"];
  return Temporary{c.value("access", ""), c.value("secret", ""), c.value("securitytoken", ""),
                   c.value("expires_at", "")};
}

// A request signed like the SDK signs: host and x-sdk-date (and
// x-security-token with temporary credentials), the date from the emulator clock.
httplib::Result SignedRequest(Harness& h, const std::string& method, const std::string& target,
                              const std::string& body, const std::string& ak, const std::string& sk,
                              const std::string& security_token = {}) {
  const std::string date = csms::emu::FormatSdkDate(h.emulator().now());
  std::vector<csms::emu::SignedHeader> signed_headers = {
      {"host", "127.0.0.1:" + std::to_string(h.port())}, {"x-sdk-date", date}};
  std::string names = "host;x-sdk-date";
  httplib::Headers headers = {{"X-Sdk-Date", date}};
  if (!security_token.empty()) {
    headers.emplace("X-Security-Token", security_token);
    signed_headers.push_back({"x-security-token", security_token});
    names += ";x-security-token";
  }
  const std::string canonical =
      csms::emu::BuildCanonicalRequest(method, target, signed_headers, body);
  const std::string signature =
      csms::emu::ComputeSignature(sk, csms::emu::BuildStringToSign(date, canonical));
  headers.emplace("Authorization", "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + names +
                                       ", Signature=" + signature);
  if (method == "GET") return h.client().Get(target, headers);
  return h.client().Post(target, headers, body, "application/json");
}

httplib::Result ListEventsWithToken(Harness& h, const std::string& token) {
  return h.client().Get(Harness::Path("csms/events"), {{"X-Auth-Token", token}});
}

// IAM's Keystone error shape: {"error":{"code","message","title"}}.
void ExpectKeystoneError(const httplib::Result& result, int status) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status);
  const json body = BodyJson(result);
  ASSERT_TRUE(body.is_object()) << result->body;
  ASSERT_TRUE(body.contains("error")) << result->body;
  EXPECT_EQ(body["error"].value("code", 0), status);
  EXPECT_FALSE(body["error"].value("message", "").empty());
  EXPECT_FALSE(body["error"].value("title", "").empty());
  EXPECT_FALSE(result->get_header_value("X-IAM-Trace-Id").empty());
  EXPECT_FALSE(result->has_header("X-Subject-Token"));
}

// IAM's /v3.0 error shape: {"error_code":"IAM.xxxx","error_msg"}.
void ExpectIamError(const httplib::Result& result, int status) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status) << result->body;
  const std::string code = FlatCode(result);
  EXPECT_EQ(code.rfind("IAM.", 0), 0U) << result->body;
  EXPECT_FALSE(BodyJson(result).value("error_msg", "").empty());
}

void ExpectGateway(const httplib::Result& result, int status, const std::string& code) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, status);
  EXPECT_EQ(FlatCode(result), code) << result->body;
}

TEST(IamTest, PasswordTokenIsAcceptedByCsmsUntilItExpiresOnTheEmulatorClock) {
  Harness h(IamOptions());
  auto login = PostJson(h, "/v3/auth/tokens", PasswordBody().dump());
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 201) << login->body;
  const std::string token = login->get_header_value("X-Subject-Token");
  ASSERT_FALSE(token.empty());
  EXPECT_FALSE(login->get_header_value("X-IAM-Trace-Id").empty());
  const json body = BodyJson(login);
  const std::string expires_at = body["token"].value("expires_at", "");
  // Two hours from now on the emulator clock, in IAM's microsecond form.
  EXPECT_EQ(expires_at, "2026-12-01T06:00:00.000000Z");
  EXPECT_EQ(body["token"].value("issued_at", ""), "2026-12-01T04:00:00.000000Z");
  EXPECT_EQ(body["token"]["project"].value("id", ""), kProject);
  EXPECT_EQ(body["token"]["project"].value("name", ""), "cn-north-4");
  EXPECT_EQ(body["token"]["user"].value("name", ""), "emulator-user");
  EXPECT_EQ(login->body.find(kPassword), std::string::npos);

  auto accepted = ListEventsWithToken(h, token);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;

  h.emulator().AdvanceClock(hours(2) - seconds(1));
  auto still = ListEventsWithToken(h, token);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);

  h.emulator().AdvanceClock(seconds(1));
  auto expired = ListEventsWithToken(h, token);
  ExpectGateway(expired, 401, "APIGW.0307");
  EXPECT_EQ(BodyJson(expired).value("error_msg", ""), "The token must be updated.");
  EXPECT_EQ(expired->body.find(token), std::string::npos);

  const csms::EmulatorIamCounters counters = h.emulator().iam_counters();
  EXPECT_EQ(counters.password_tokens, 1U);
  EXPECT_EQ(counters.refused_expired_tokens, 1U);
  EXPECT_EQ(counters.refused, 0U);
}

TEST(IamTest, PasswordTokenScopedByProjectId) {
  Harness h(IamOptions());
  auto by_id =
      PostJson(h, "/v3/auth/tokens",
               PasswordBody(kPassword, std::nullopt, {{"project", {{"id", kProject}}}}).dump());
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->status, 201);
  auto other = PostJson(
      h, "/v3/auth/tokens",
      PasswordBody(kPassword, std::nullopt, {{"project", {{"id", "another-project"}}}}).dump());
  ExpectKeystoneError(other, 401);
  auto unscoped =
      PostJson(h, "/v3/auth/tokens", PasswordBody(kPassword, std::nullopt, json::object()).dump());
  ExpectKeystoneError(unscoped, 400);
}

TEST(IamTest, WrongPasswordUserOrDomainIsRefusedWithoutSayingWhich) {
  Harness h(IamOptions());
  for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
           {"password", "wrong-NOT-PRINTED"}, {"name", "someone-else"}}) {
    json body = PasswordBody();
    body["auth"]["identity"]["password"]["user"][field] = value;
    auto result = PostJson(h, "/v3/auth/tokens", body.dump());
    ExpectKeystoneError(result, 401);
    EXPECT_EQ(BodyJson(result)["error"].value("message", ""), "The username or password is wrong.");
    EXPECT_EQ(result->body.find("NOT-PRINTED"), std::string::npos);
  }
  json body = PasswordBody();
  body["auth"]["identity"]["password"]["user"]["domain"]["name"] = "other-domain";
  ExpectKeystoneError(PostJson(h, "/v3/auth/tokens", body.dump()), 401);
  EXPECT_EQ(h.emulator().iam_counters().password_tokens, 0U);
  EXPECT_EQ(h.emulator().iam_counters().refused, 3U);
  EXPECT_EQ(h.emulator().api_request_count(), 0U);  // IAM is not the CSMS API
}

TEST(IamTest, NoConfiguredPasswordRefusesEveryPasswordLogin) {
  Harness h;  // default options: no password
  auto result = PostJson(h, "/v3/auth/tokens", PasswordBody("").dump());
  ExpectKeystoneError(result, 400);  // an empty password is not even well-formed
  ExpectKeystoneError(PostJson(h, "/v3/auth/tokens", PasswordBody("anything").dump()), 401);
}

TEST(IamTest, MfaNeedsTheTotpMethodWithTheUserIdAndPasscode) {
  csms::EmulatorOptions options = IamOptions();
  options.iam.mfa = true;
  options.iam.totp_passcode = "654321";
  Harness h(options);
  auto missing = PostJson(h, "/v3/auth/tokens", PasswordBody().dump());
  ExpectKeystoneError(missing, 401);
  EXPECT_NE(BodyJson(missing)["error"].value("message", "").find("MFA"), std::string::npos);
  ExpectKeystoneError(PostJson(h, "/v3/auth/tokens", PasswordBody(kPassword, "123456").dump()),
                      401);
  json wrong_user = PasswordBody(kPassword, "654321");
  wrong_user["auth"]["identity"]["totp"]["user"]["id"] = "other-user-id";
  ExpectKeystoneError(PostJson(h, "/v3/auth/tokens", wrong_user.dump()), 401);

  auto ok = PostJson(h, "/v3/auth/tokens", PasswordBody(kPassword, "654321").dump());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(BodyJson(ok)["token"]["methods"], json::array({"password", "totp"}));
  EXPECT_EQ(ok->body.find("654321"), std::string::npos);
}

TEST(IamTest, HostileBodiesAreBadRequestsNeverCrashes) {
  Harness h(IamOptions());
  const std::vector<std::string> bodies = {
      "",
      "not json",
      "[]",
      "null",
      R"({"auth":[]})",
      R"({"auth":{"identity":{"methods":"password"}}})",
      R"({"auth":{"identity":{"methods":[]}}})",
      R"({"auth":{"identity":{"methods":[1]}}})",
      R"({"auth":{"identity":{"methods":["password","password","password"]}}})",
      R"({"auth":{"identity":{"methods":["password"],"password":{"user":{"name":1}}}}})",
      R"({"auth":{"identity":{"methods":["password"],"password":{"user":"x"}}}})",
      R"({"auth":{"identity":{"methods":["password","totp"],"password":{"user":{"name":"a","password":"b","domain":{"name":"c"}}}},"scope":{"project":{"name":"cn-north-4"}}}})",
      R"({"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"a","password":"b","domain":{"name":"c"}}}},"scope":{"project":{"id":42}}}})",
      std::string(R"({"auth":{"identity":{"methods":["password"],"password":{"user":{"name":")") +
          "\xff\xfe" +
          R"(","password":"b","domain":{"name":"c"}}}},"scope":{"project":{"name":"x"}}}})",
      std::string(100000, '[') + std::string(100000, ']'),
  };
  for (const std::string& body : bodies) {
    auto result = PostJson(h, "/v3/auth/tokens", body);
    ASSERT_TRUE(result) << body.substr(0, 80);
    EXPECT_TRUE(result->status == 400 || result->status == 401) << body.substr(0, 80);
    EXPECT_TRUE(BodyJson(result).contains("error")) << result->body;
  }
  const std::vector<std::string> security_bodies = {
      "{}",
      R"({"auth":{"identity":{"methods":["token","assume_role"]}}})",
      R"({"auth":{"identity":{"methods":["token"],"token":"x"}}})",
      R"({"auth":{"identity":{"methods":["token"],"token":{"id":"x","duration_seconds":1e3}}}})",
      R"({"auth":{"identity":{"methods":["token"],"token":{"id":"x","duration_seconds":899}}}})",
      R"({"auth":{"identity":{"methods":["token"],"token":{"id":"x","duration_seconds":86401}}}})",
      R"({"auth":{"identity":{"methods":["token"],"token":{"id":"x","duration_seconds":18446744073709551615}}}})",
      R"({"auth":{"identity":{"methods":["token"],"token":{"id":"x","duration_seconds":-5}}}})",
      R"({"auth":{"identity":{"methods":["assume_role"],"assume_role":{"agency_name":"a"}}}})",
      R"({"auth":{"identity":{"methods":["assume_role"],"assume_role":{"domain_name":"d"}}}})",
      R"({"auth":{"identity":{"methods":["assume_role"],"assume_role":{"agency_name":"a","domain_name":"d","session_user":{"name":""}}}}})",
  };
  for (const std::string& body : security_bodies) {
    auto result = PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens", body);
    ExpectIamError(result, 400);
  }
  auto id_token = PostJson(h, "/v3.0/OS-AUTH/id-token/tokens", R"({"auth":{"id_token":{"id":7}}})",
                           {{"X-Idp-Id", "test-idp"}});
  ExpectIamError(id_token, 400);
  // Still serving.
  EXPECT_FALSE(PasswordToken(h).empty());
}

TEST(IamTest, WrongMethodAndUnknownPathGetIamAnswers) {
  Harness h(IamOptions());
  auto get = h.client().Get("/v3/auth/tokens");
  ExpectKeystoneError(get, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");
  ExpectKeystoneError(h.client().Get("/v3/users"), 404);
  ExpectIamError(h.client().Get("/v3.0/OS-USER/users"), 404);
  EXPECT_EQ(h.emulator().api_request_count(), 0U);
}

TEST(IamTest, IdTokenLoginGivesAnUnscopedTokenThatBuysTemporaryCredentials) {
  Harness h(IamOptions());
  auto login =
      PostJson(h, "/v3.0/OS-AUTH/id-token/tokens",
               json{{"auth", {{"id_token", {{"id", std::string(kIdToken) + "\n"}}}}}}.dump(),
               {{"X-Idp-Id", "test-idp"}});
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 201) << login->body;
  const std::string token = login->get_header_value("X-Subject-Token");
  ASSERT_FALSE(token.empty());
  EXPECT_FALSE(BodyJson(login)["token"].value("expires_at", "").empty());
  EXPECT_FALSE(BodyJson(login)["token"].contains("project"));
  // Unscoped: CSMS does not take it.
  ExpectGateway(ListEventsWithToken(h, token), 401, "CSMS.0301");

  auto bought = PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens",
                         TokenMethodBody(token, 6 * 3600).dump(), {{"X-Auth-Token", token}});
  ASSERT_TRUE(bought);
  ASSERT_EQ(bought->status, 201) << bought->body;
  const Temporary credential = CredentialOf(bought);
  ASSERT_FALSE(credential.ak.empty());
  // Six hours asked, one hour (sts_lifetime) granted.
  EXPECT_EQ(credential.expires_at, "2026-12-01T05:00:00.000000Z");

  auto signed_ok = SignedRequest(h, "GET", Harness::Path("csms/events"), "", credential.ak,
                                 credential.sk, credential.security_token);
  ASSERT_TRUE(signed_ok);
  EXPECT_EQ(signed_ok->status, 200) << signed_ok->body;
  h.emulator().AdvanceClock(hours(1));
  ExpectGateway(SignedRequest(h, "GET", Harness::Path("csms/events"), "", credential.ak,
                              credential.sk, credential.security_token),
                401, "APIGW.0307");

  const auto counters = h.emulator().iam_counters();
  EXPECT_EQ(counters.id_token_tokens, 1U);
  EXPECT_EQ(counters.token_credentials, 1U);
  EXPECT_EQ(h.emulator().credential_counters().refused_expired, 1U);
}

TEST(IamTest, IdTokenLoginChecksTheIdpAndTheToken) {
  Harness h(IamOptions());
  const std::string body = json{{"auth", {{"id_token", {{"id", kIdToken}}}}}}.dump();
  ExpectIamError(PostJson(h, "/v3.0/OS-AUTH/id-token/tokens", body), 400);
  ExpectIamError(PostJson(h, "/v3.0/OS-AUTH/id-token/tokens", body, {{"X-Idp-Id", "other-idp"}}),
                 404);
  auto wrong = PostJson(h, "/v3.0/OS-AUTH/id-token/tokens",
                        json{{"auth", {{"id_token", {{"id", "forged-NOT-PRINTED"}}}}}}.dump(),
                        {{"X-Idp-Id", "test-idp"}});
  ExpectIamError(wrong, 401);
  EXPECT_EQ(wrong->body.find("NOT-PRINTED"), std::string::npos);
  // Not configured: refused whatever is sent.
  Harness plain;
  ExpectIamError(PostJson(plain, "/v3.0/OS-AUTH/id-token/tokens", body, {{"X-Idp-Id", "test-idp"}}),
                 404);
}

TEST(IamTest, SecurityTokensByTokenNeedsAValidToken) {
  Harness h(IamOptions());
  ExpectIamError(PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens",
                          TokenMethodBody("MIIemu-not-issued").dump()),
                 401);
  const std::string token = PasswordToken(h);
  ASSERT_FALSE(token.empty());
  // The token in the header alone is enough; a different one in the body is not.
  json header_only = TokenMethodBody(token);
  header_only["auth"]["identity"]["token"].erase("id");
  auto ok = PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens", header_only.dump(),
                     {{"X-Auth-Token", token}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  ExpectIamError(PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens",
                          TokenMethodBody("MIIemu-other").dump(), {{"X-Auth-Token", token}}),
                 400);
  h.emulator().AdvanceClock(hours(2));
  auto expired = PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens", TokenMethodBody(token).dump());
  ExpectIamError(expired, 401);
  EXPECT_EQ(expired->body.find(token), std::string::npos);
}

TEST(IamTest, AssumeRoleChecksTheCallerTheAgencyAndTheDomain) {
  csms::EmulatorOptions options = IamOptions();
  options.access_key = kAk;
  options.secret_key = kSk;
  Harness h(options);
  const std::string path = "/v3.0/OS-CREDENTIAL/securitytokens";
  const std::string body = AssumeRoleBody().dump();

  ExpectIamError(PostJson(h, path, body), 401);  // unsigned
  ExpectIamError(SignedRequest(h, "POST", path, body, kAk, "WRONG-SECRET-KEY"), 401);
  ExpectIamError(SignedRequest(h, "POST", path, body, "UNKNOWNAK", kSk), 401);
  ExpectIamError(SignedRequest(h, "POST", path, AssumeRoleBody("other-agency").dump(), kAk, kSk),
                 403);
  ExpectIamError(
      SignedRequest(h, "POST", path,
                    AssumeRoleBody("csms-agency", {{"domain_name", "other"}}).dump(), kAk, kSk),
      403);

  auto by_name = SignedRequest(h, "POST", path, body, kAk, kSk);
  ASSERT_TRUE(by_name);
  ASSERT_EQ(by_name->status, 201) << by_name->body;
  const Temporary agency = CredentialOf(by_name);
  EXPECT_EQ(agency.expires_at, "2026-12-01T05:00:00.000000Z");  // 3600 s asked
  auto by_id = SignedRequest(
      h, "POST", path,
      AssumeRoleBody("csms-agency", {{"domain_id", "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f"},
                                     {"session_user", {{"name", "alice"}}}})
          .dump(),
      kAk, kSk);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->status, 201) << by_id->body;

  // The agency's credentials work at CSMS, and can themselves assume the agency.
  auto csms_call = SignedRequest(h, "GET", Harness::Path("csms/events"), "", agency.ak, agency.sk,
                                 agency.security_token);
  ASSERT_TRUE(csms_call);
  EXPECT_EQ(csms_call->status, 200);
  auto chained = SignedRequest(h, "POST", path, body, agency.ak, agency.sk, agency.security_token);
  ASSERT_TRUE(chained);
  EXPECT_EQ(chained->status, 201);
  // So can a password token.
  auto with_token = PostJson(h, path, body, {{"X-Auth-Token", PasswordToken(h)}});
  ASSERT_TRUE(with_token);
  EXPECT_EQ(with_token->status, 201);
  ExpectIamError(PostJson(h, path, body, {{"X-Auth-Token", "MIIemu-forged"}}), 401);

  EXPECT_EQ(h.emulator().iam_counters().agency_credentials, 4U);
  EXPECT_EQ(h.emulator().api_request_count(), 1U);  // only the CSMS call
}

TEST(IamTest, AssumeRoleNeedsASignatureEvenWithoutConfiguredCredentials) {
  Harness h(IamOptions());
  ExpectIamError(SignedRequest(h, "POST", "/v3.0/OS-CREDENTIAL/securitytokens",
                               AssumeRoleBody().dump(), kAk, kSk),
                 401);
}

TEST(IamTest, ProjectsByNameListTheEmulatorsProjectForItsRegion) {
  csms::EmulatorOptions options = IamOptions();
  options.iam.region = "ap-southeast-3";
  options.access_key = kAk;
  options.secret_key = kSk;
  Harness h(options);
  ExpectKeystoneError(h.client().Get("/v3/projects?name=ap-southeast-3"), 401);

  auto found = SignedRequest(h, "GET", "/v3/projects?name=ap-southeast-3", "", kAk, kSk);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  const json projects = BodyJson(found)["projects"];
  ASSERT_EQ(projects.size(), 1U);
  EXPECT_EQ(projects[0].value("id", ""), kProject);
  EXPECT_EQ(projects[0].value("name", ""), "ap-southeast-3");
  EXPECT_TRUE(projects[0].value("enabled", false));

  auto none = SignedRequest(h, "GET", "/v3/projects?name=cn-north-4", "", kAk, kSk);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 200);
  EXPECT_TRUE(BodyJson(none)["projects"].empty());

  // A token from a password login scoped by the region name lists it too.
  json login = PasswordBody(kPassword, std::nullopt, {{"project", {{"name", "ap-southeast-3"}}}});
  auto token = PostJson(h, "/v3/auth/tokens", login.dump());
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 201);
  auto with_token = h.client().Get("/v3/projects?name=ap-southeast-3",
                                   {{"X-Auth-Token", token->get_header_value("X-Subject-Token")}});
  ASSERT_TRUE(with_token);
  EXPECT_EQ(with_token->status, 200);
  EXPECT_EQ(h.emulator().iam_counters().project_lists, 3U);
}

TEST(IamTest, ZeroLifetimesIssueExpiredTokensAndCredentials) {
  csms::EmulatorOptions options = IamOptions();
  options.iam.token_lifetime = seconds(0);
  options.iam.sts_lifetime = seconds(0);
  Harness h(options);
  const std::string token = PasswordToken(h);
  ASSERT_FALSE(token.empty());
  ExpectGateway(ListEventsWithToken(h, token), 401, "APIGW.0307");
  const std::string unscoped = IdTokenLogin(h);
  ExpectIamError(
      PostJson(h, "/v3.0/OS-CREDENTIAL/securitytokens", TokenMethodBody(unscoped).dump()), 401);
}

TEST(IamTest, BadIamOptionsAreRefusedAtConstruction) {
  const auto expect_refused = [](const std::function<void(csms::EmulatorOptions&)>& change) {
    csms::EmulatorOptions options;
    change(options);
    EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
  };
  expect_refused([](auto& o) { o.iam.region.clear(); });
  expect_refused([](auto& o) { o.iam.user_name.clear(); });
  expect_refused([](auto& o) { o.iam.agency_name.clear(); });
  expect_refused([](auto& o) { o.iam.idp_id = "only-the-idp"; });
  expect_refused([](auto& o) { o.iam.token_lifetime = seconds(-1); });
  expect_refused([](auto& o) { o.iam.sts_lifetime = hours(24 * 366 * 11); });
}

}  // namespace
}  // namespace csms_emu_test
