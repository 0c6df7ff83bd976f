// The request builder signs with the path and canonical query it made (no
// URL round trip). Its Authorization must be what Sign computes from the
// request as sent, which is what the gateway verifies.

#include "internal/request_builder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "internal/signer.h"
#include "sign_url.h"

namespace csms {
namespace internal {
namespace {

constexpr const char* kAk = "AKTESTAKTESTAKTEST01";
constexpr const char* kSk = "SKtestSKtestSKtestSKtestSKtestSKtest0001";

// A client's settings and one attempt's credentials (the builder takes both).
struct Attempt {
  ClientConfig config;
  SigningCredentials credentials;
};

Attempt Config(Credentials credentials) {
  Attempt setup;
  ClientConfig& config = setup.config;
  config.base_url = "https://kms.cn-north-4.myhuaweicloud.com";
  config.host_header = "kms.cn-north-4.myhuaweicloud.com";
  config.project = ProjectScope::Known("0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70");
  config.user_agent = "csms-sdk-cpp/test";
  config.clock = [] { return Timestamp(std::chrono::seconds(1581506433)); };
  setup.credentials.credentials = std::move(credentials);
  return setup;
}

HttpRequest BuildSignedRequest(const Attempt& setup, const std::string& method,
                               const std::string& path, const QueryParams& query, std::string body,
                               std::chrono::milliseconds timeout) {
  return internal::BuildSignedRequest(setup.config, setup.credentials, method, path, query,
                                      std::move(body), timeout);
}

std::string Header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

// Sign over the finished request: its URL, and every header but the two
// added around signing.
std::string SignAsSent(const HttpRequest& request) {
  HttpHeaders signed_headers;
  for (const auto& header : request.headers) {
    if (header.first != "Authorization" && header.first != "User-Agent") {
      signed_headers.push_back(header);
    }
  }
  SigningInput input;
  input.method = request.method;
  input.headers = &signed_headers;
  input.body = request.body;
  input.access_key = kAk;
  input.secret_key = kSk;
  return csms_test::SignUrl(input, request.url).authorization;
}

struct Call {
  std::string method;
  std::string path;
  QueryParams query;
};

std::vector<Call> TrickyCalls() {
  const std::string events = "/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/csms/events";
  return {
      {"POST", events, {}},
      {"GET", events, {{"marker", "event-0"}, {"limit", "10"}}},
      {"GET", events, {{"b", "2"}, {"b", "1"}, {"a", ""}}},
      {"GET", events, {{"na me", "v a"}, {"k", "\xE4\xB8\x80"}, {"p", "100%&x=y"}}},
      {"GET", "", {{"limit", "1"}}},
      {"GET", "", {}},
      {"PUT", events + "/event-1/", {}},
      {"DELETE", "/a%2fb/%E4%B8%80/a b/caf\xC3\xA9", {{"", ""}}},
      {"GET", "/100%/%zz", {}},
  };
}

// With and without the secret key prepared once (as ResolveClientConfig does
// for AK/SK), and with temporary credentials.
TEST(BuildSignedRequest, AuthorizationIsTheSignatureOfTheRequestAsSent) {
  for (const int variant : {0, 1, 2}) {
    const bool with_token = variant == 2;
    Attempt config = Config(Credentials::AkSk(kAk, kSk, with_token ? "token" : ""));
    if (variant > 0) config.credentials.signing_key = std::make_shared<const HmacSha256Key>(kSk);
    for (const Call& call : TrickyCalls()) {
      SCOPED_TRACE(std::to_string(variant) + " " + call.method + " " + call.path);
      const HttpRequest request = BuildSignedRequest(config, call.method, call.path, call.query,
                                                     "{\"a\":1}", std::chrono::seconds(1));
      EXPECT_EQ(Header(request, "X-Security-Token"), with_token ? "token" : "<absent>");
      EXPECT_EQ(Header(request, "Authorization"), SignAsSent(request));
    }
  }
}

// The prepared key, not the secret key string, signs (that is what saves
// hashing the two pad blocks per request): a config whose prepared key is
// kSk signs as kSk whatever the credentials' string says.
TEST(BuildSignedRequest, SignsWithThePreparedKey) {
  Attempt config = Config(Credentials::AkSk(kAk, "not-the-key"));
  config.credentials.signing_key = std::make_shared<const HmacSha256Key>(kSk);
  for (const Call& call : TrickyCalls()) {
    SCOPED_TRACE(call.method + " " + call.path);
    const HttpRequest request =
        BuildSignedRequest(config, call.method, call.path, call.query, "", std::chrono::seconds(1));
    EXPECT_EQ(Header(request, "Authorization"), SignAsSent(request));
  }
}

// A path the URL would split elsewhere cannot come from an operation (its
// segments are percent-encoded): it is a bug, refused rather than signed.
TEST(BuildSignedRequest, RefusesAPathTheUrlWouldSplitElsewhere) {
  for (const auto& credentials : {Credentials::AkSk(kAk, kSk), Credentials::Token("t")}) {
    const Attempt config = Config(credentials);
    for (const char* path : {"/a?b", "/a#b", "/a#b?c", "a", "v1/x"}) {
      SCOPED_TRACE(path);
      EXPECT_THROW(
          BuildSignedRequest(config, "GET", path, {{"limit", "1"}}, "", std::chrono::seconds(1)),
          std::logic_error);
    }
  }
}

TEST(BuildSignedRequest, UrlCarriesTheCanonicalQuery) {
  const HttpRequest request =
      BuildSignedRequest(Config(Credentials::AkSk(kAk, kSk)), "GET", "/v1/p/csms/events",
                         {{"marker", "a b"}, {"limit", "10"}}, "", std::chrono::seconds(1));
  EXPECT_EQ(request.url,
            "https://kms.cn-north-4.myhuaweicloud.com/v1/p/csms/events?limit=10&marker=a%20b");
  EXPECT_EQ(Header(request, "X-Sdk-Date"), "20200212T112033Z");
}

// Extra headers (the client's, then the call's) are added before signing: the
// Authorization covers them, and SignedHeaders names them.
TEST(BuildSignedRequest, SignsTheExtraHeaders) {
  Attempt config = Config(Credentials::AkSk(kAk, kSk, "token"));
  config.config.extra_headers = {{"X-Language", "en-us"}, {"X-Team", "payments"}};
  const HttpHeaders call = {{"x-language", "fr-fr"}, {"traceparent", "00-abc-def-01"}};
  for (const Call& tricky : TrickyCalls()) {
    SCOPED_TRACE(tricky.method + " " + tricky.path);
    const HttpRequest request =
        internal::BuildSignedRequest(config.config, config.credentials, tricky.method, tricky.path,
                                     tricky.query, "{}", std::chrono::seconds(1), call);
    EXPECT_EQ(Header(request, "X-Team"), "payments");
    EXPECT_EQ(Header(request, "x-language"), "fr-fr");
    EXPECT_EQ(Header(request, "X-Language"), "<absent>");  // replaced by the call's
    EXPECT_EQ(Header(request, "traceparent"), "00-abc-def-01");
    EXPECT_EQ(Header(request, "Authorization"), SignAsSent(request));
    EXPECT_NE(
        Header(request, "Authorization")
            .find("SignedHeaders=" +
                  std::string(tricky.method == "POST" || tricky.method == "PUT" ? "content-type;"
                                                                                : "") +
                  "host;traceparent;x-language;x-project-id;x-sdk-date;x-security-token;x-team,"),
        std::string::npos)
        << Header(request, "Authorization");
  }
  // The same request without them signs differently: they are covered.
  const HttpRequest bare =
      BuildSignedRequest(config, "GET", "/v1/p/csms/events", {}, "", std::chrono::seconds(1));
  config.config.extra_headers.clear();
  const HttpRequest without =
      BuildSignedRequest(config, "GET", "/v1/p/csms/events", {}, "", std::chrono::seconds(1));
  EXPECT_NE(Header(bare, "Authorization"), Header(without, "Authorization"));
}

// With a token nothing is signed, but the headers are sent all the same.
TEST(BuildSignedRequest, SendsTheExtraHeadersWithAToken) {
  Attempt config = Config(Credentials::Token("t"));
  config.config.extra_headers = {{"X-Language", "en-us"}};
  const HttpRequest request =
      BuildSignedRequest(config, "GET", "/v1/p/csms/events", {}, "", std::chrono::seconds(1));
  EXPECT_EQ(Header(request, "X-Language"), "en-us");
  EXPECT_EQ(Header(request, "Authorization"), "<absent>");
}

}  // namespace
}  // namespace internal
}  // namespace csms
