#include "internal/url.h"

#include <gtest/gtest.h>

#include "turkish_locale.h"

namespace csms {
namespace internal {
namespace {

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRestUpperCase) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b+c/d"), "a%20b%2Bc%2Fd");
  EXPECT_EQ(PercentEncode("\xE4\xB8\x80"), "%E4%B8%80");
  EXPECT_EQ(PercentEncode("*"), "%2A");
}

TEST(PercentEncode, EncodesNonAsciiBytesInEveryLocale) {
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  // 0xE4 is a letter there; the signing rules know only ASCII letters.
  EXPECT_EQ(PercentEncode("b\xE4r"), "b%E4r");
  EXPECT_EQ(CanonicalUri("/b\xE4r"), "/b%E4r/");
}

TEST(PercentDecode, InvertsEncodeAndKeepsMalformedSequences) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(CanonicalQuery, SortsKeysThenValuesAndKeepsEmptyValues) {
  EXPECT_EQ(CanonicalQuery({{"marker", "event-0"}, {"limit", "10"}}), "limit=10&marker=event-0");
  EXPECT_EQ(CanonicalQuery({{"b", "2"}, {"b", "1"}, {"a", ""}}), "a=&b=1&b=2");
  EXPECT_EQ(CanonicalQuery({}), "");
}

TEST(ParseQuery, DecodesPairs) {
  const QueryParams params = ParseQuery("a=1&b=%2F&flag&&c=");
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[1], (std::pair<std::string, std::string>("b", "/")));
  EXPECT_EQ(params[2], (std::pair<std::string, std::string>("flag", "")));
  EXPECT_EQ(params[3], (std::pair<std::string, std::string>("c", "")));
}

TEST(CanonicalUri, EncodesEachSegmentAndAppendsSlash) {
  EXPECT_EQ(CanonicalUri("/v1/p/csms/events"), "/v1/p/csms/events/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/a%20b/c"), "/a%20b/c/");    // already encoded: not double-encoded
  EXPECT_EQ(CanonicalUri("/a b/c*"), "/a%20b/c%2A/");  // raw: encoded
  EXPECT_EQ(CanonicalUri("/a%2Fb"), "/a%2Fb/");        // an encoded slash stays inside its segment
  EXPECT_EQ(CanonicalUri("/x/"), "/x/");
}

// The Append forms write after what the string holds (the signer builds the
// canonical request in one string); the leading "/" goes after it too.
TEST(CanonicalUri, AppendsAfterExistingText) {
  for (const char* path : {"", "/", "x", "x/y", "/v1/p/csms/events", "a b", "/a%2fb/"}) {
    std::string out = "GET\n";
    AppendCanonicalUri(path, &out);
    EXPECT_EQ(out, "GET\n" + CanonicalUri(path)) << path;
  }
  EXPECT_EQ(CanonicalUri("x/y"), "/x/y/");
  std::string out = "k=";
  AppendPercentEncoded("a b", &out);
  EXPECT_EQ(out, "k=a%20b");
}

TEST(SplitUrl, GivesParseUrlsPartsWithoutLowerCasing) {
  for (const char* text : {"HTTPS://Kms.Example.COM:8443/v1/X?a=B#frag", "http://[::1]:9",
                           "https://user@h/p?", "https://h?q", "https://h#f?x", "https://h/p#f"}) {
    UrlParts parts;
    UrlView view;
    ASSERT_TRUE(ParseUrl(text, &parts)) << text;
    ASSERT_TRUE(SplitUrl(text, &view)) << text;
    EXPECT_EQ(parts.path, view.path) << text;
    EXPECT_EQ(parts.query, view.query) << text;
    EXPECT_EQ(parts.port, view.port) << text;
    EXPECT_EQ(parts.has_userinfo, view.has_userinfo) << text;
  }
  UrlView view;
  ASSERT_TRUE(SplitUrl("HTTPS://Kms.Example.COM/x", &view));
  EXPECT_EQ(view.scheme, "HTTPS");
  EXPECT_EQ(view.host, "Kms.Example.COM");
  for (const char* bad : {"h/p", "https://", "https://h:0", "http://[::1", "https://h:1x"}) {
    EXPECT_FALSE(SplitUrl(bad, &view)) << bad;
  }
}

TEST(ParseUrl, SplitsAbsoluteUrls) {
  UrlParts url;
  ASSERT_TRUE(ParseUrl("HTTPS://Kms.CN-North-4.myhuaweicloud.com/v1/x?limit=1#frag", &url));
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.host, "kms.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(url.port, 0);
  EXPECT_EQ(url.path, "/v1/x");
  EXPECT_EQ(url.query, "limit=1");

  ASSERT_TRUE(ParseUrl("http://127.0.0.1:8080", &url));
  EXPECT_EQ(url.port, 8080);
  EXPECT_EQ(url.path, "/");

  ASSERT_TRUE(ParseUrl("http://[::1]:9", &url));
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 9);

  ASSERT_TRUE(ParseUrl("https://user:pw@host", &url));
  EXPECT_TRUE(url.has_userinfo);
  EXPECT_EQ(url.host, "host");
}

TEST(ParseUrl, LowerCasesSchemeAndHostInEveryLocale) {
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  UrlParts url;
  ASSERT_TRUE(ParseUrl("HTTPS://KMS.CN-NORTH-4.MYHUAWEICLOUD.COM", &url));
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.host, "kms.cn-north-4.myhuaweicloud.com");
}

TEST(ParseUrl, RejectsMalformedUrls) {
  UrlParts url;
  EXPECT_FALSE(ParseUrl("kms.cn-north-4.myhuaweicloud.com", &url));
  EXPECT_FALSE(ParseUrl("https://", &url));
  EXPECT_FALSE(ParseUrl("https://host:0", &url));
  EXPECT_FALSE(ParseUrl("https://host:65536", &url));
  EXPECT_FALSE(ParseUrl("https://host:12ab", &url));
  EXPECT_FALSE(ParseUrl("http://[::1", &url));
}

TEST(HostHeader, OmitsDefaultPortsAndBracketsIpv6) {
  UrlParts url;
  ASSERT_TRUE(ParseUrl("https://kms.example.com:443", &url));
  EXPECT_EQ(HostHeader(url), "kms.example.com");
  ASSERT_TRUE(ParseUrl("http://127.0.0.1:80", &url));
  EXPECT_EQ(HostHeader(url), "127.0.0.1");
  ASSERT_TRUE(ParseUrl("http://127.0.0.1:8443", &url));
  EXPECT_EQ(HostHeader(url), "127.0.0.1:8443");
  ASSERT_TRUE(ParseUrl("http://[::1]:8080", &url));
  EXPECT_EQ(HostHeader(url), "[::1]:8080");
}

TEST(IsLoopbackHost, AcceptsOnlyLoopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.evil.com"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.256"));
  EXPECT_FALSE(IsLoopbackHost("localhost.evil.com"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("kms.cn-north-4.myhuaweicloud.com"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0"));
}

}  // namespace
}  // namespace internal
}  // namespace csms
