// The emulator's own SDK-HMAC-SHA256 code against the published vectors.

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "canonical_request.h"
#include "sdk_date.h"
#include "turkish_locale.h"

namespace {

using csms::emu::BuildCanonicalRequest;
using csms::emu::BuildStringToSign;
using csms::emu::CanonicalQuery;
using csms::emu::CanonicalUri;
using csms::emu::ComputeSignature;
using csms::emu::ParseAuthorization;
using csms::emu::SignedHeader;

nlohmann::json LoadVectors() {
  std::ifstream in(std::string(CSMS_TEST_DATA_DIR) + "/signing_vectors.json");
  std::stringstream content;
  content << in.rdbuf();
  return nlohmann::json::parse(content.str());
}

// "https://host/path?query" -> "/path?query" (the request target on the wire).
std::string TargetOf(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme + 3);
  if (path == std::string::npos) return "/";
  return url.substr(path);
}

TEST(CanonicalRequestTest, ReproducesEveryPublishedVector) {
  const nlohmann::json vectors = LoadVectors();
  ASSERT_GE(vectors["vectors"].size(), 10U);
  for (const auto& vector : vectors["vectors"]) {
    SCOPED_TRACE(vector["id"].get<std::string>());
    std::vector<SignedHeader> headers;
    std::string signed_names;
    for (const auto& [name, value] : vector["signed_headers_given"].items()) {
      headers.push_back(SignedHeader{name, value.get<std::string>()});
    }
    const std::string canonical = BuildCanonicalRequest(vector["method"].get<std::string>(),
                                                        TargetOf(vector["url"].get<std::string>()),
                                                        headers, vector["body"].get<std::string>());
    EXPECT_EQ(canonical, vector["canonical_request"].get<std::string>());

    const std::string string_to_sign =
        BuildStringToSign(vector["sdk_date"].get<std::string>(), canonical);
    EXPECT_EQ(string_to_sign, vector["string_to_sign"].get<std::string>());

    const std::string signature = ComputeSignature(vector["sk"].get<std::string>(), string_to_sign);
    const auto authorization = ParseAuthorization(vector["authorization"].get<std::string>());
    ASSERT_TRUE(authorization.has_value());
    EXPECT_EQ(signature, authorization->signature);
    EXPECT_EQ(authorization->access_key, vector["ak"].get<std::string>());
  }
}

TEST(CanonicalRequestTest, HeaderNamesAreLowerCasedAlikeInEveryLocale) {
  // The in-process emulator runs inside the application, whatever locale it set.
  const std::vector<SignedHeader> headers = {{"X-Project-Id", "p"}, {"X-Sdk-Date", "d"}};
  const std::string in_c_locale = BuildCanonicalRequest("GET", "/v1/p/csms/events", headers, "");
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  const std::string in_turkish = BuildCanonicalRequest("GET", "/v1/p/csms/events", headers, "");
  EXPECT_EQ(in_turkish, in_c_locale);
  EXPECT_NE(in_turkish.find("x-project-id:p\n"), std::string::npos);
}

TEST(CanonicalRequestTest, CanonicalQueryVectorFromNonCanonicalWireForm) {
  const nlohmann::json vectors = LoadVectors();
  // The vector's query, sent unsorted, with lower-case escapes and some
  // characters left unescaped: the server must still reach the canonical form.
  const std::string raw =
      "test=%e4%b8%80%20(%26%3d%3f!%23%25.*)&path=/tmp/123&multi=3&multi=1&multi=2&limit=1&"
      "enable=true";
  EXPECT_EQ(CanonicalQuery(raw), vectors["canonical_query_vector"]["expected"].get<std::string>());
}

TEST(CanonicalRequestTest, CanonicalUriEncodesSegmentsAndAppendsSlash) {
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("/v1/p/csms/events"), "/v1/p/csms/events/");
  EXPECT_EQ(CanonicalUri("/a%2fb/c d/%7e"), "/a%2Fb/c%20d/~/");
}

TEST(CanonicalRequestTest, EmptyQueryValueKeepsEquals) {
  EXPECT_EQ(CanonicalQuery("b=2&a"), "a=&b=2");
  EXPECT_EQ(CanonicalQuery("a+b=c"), "a%2Bb=c");
}

TEST(CanonicalRequestTest, ParseAuthorizationRejectsOtherSchemes) {
  EXPECT_FALSE(ParseAuthorization("Bearer abc").has_value());
  EXPECT_FALSE(ParseAuthorization("SDK-HMAC-SHA256 Access=a, Signature=b").has_value());
  const auto parsed =
      ParseAuthorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host;X-Sdk-Date, Signature=AB");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->signed_headers, (std::vector<std::string>{"host", "x-sdk-date"}));
  EXPECT_EQ(parsed->signature, "ab");
}

TEST(SdkDateTest, ParsesAndFormatsUtc) {
  const auto parsed = csms::emu::ParseSdkDate("20200212T112033Z");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(parsed->time_since_epoch()).count(),
            1581506433);
  EXPECT_EQ(csms::emu::FormatSdkDate(*parsed), "20200212T112033Z");
  EXPECT_FALSE(csms::emu::ParseSdkDate("2020-02-12T11:20:33Z").has_value());
  EXPECT_FALSE(csms::emu::ParseSdkDate("20200230T112033Z").has_value());
  EXPECT_FALSE(csms::emu::ParseSdkDate("20200212T112033").has_value());
}

}  // namespace
