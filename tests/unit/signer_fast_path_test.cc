// SignPrepared, the request builder's way in, must give byte for byte what
// Sign gives for the URL the builder sends: every intermediate string, for
// paths and queries chosen to hit each canonicalisation rule.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "csms/http.h"
#include "internal/signer.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

const std::vector<std::string>& TrickyPaths() {
  static const std::vector<std::string> paths = {
      "",   // no path at all
      "/",  //
      "/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/csms/events",
      "/v1/p/csms/events/event-1/",  // trailing slash
      "//",                          // empty segments
      "/a%20b/c",                    // already encoded: not encoded twice
      "/a%2fb/%e4%b8%80",            // lower-case escapes come out upper-case
      "/a%2Fb",                      // an encoded slash stays in its segment
      "/a b/c*",                     // raw space and reserved byte
      "/caf\xC3\xA9/\xE4\xB8\x80",   // raw UTF-8
      "/100%/%zz/%4",                // malformed escapes kept, then encoded
      "/a+b;c=d&e~f.g_h-i",          // sub-delimiters
  };
  return paths;
}

const std::vector<QueryParams>& TrickyQueries() {
  static const std::vector<QueryParams> queries = {
      {},
      {{"marker", "event-0"}, {"limit", "10"}},       // unsorted
      {{"b", "2"}, {"b", "1"}, {"a", ""}},            // repeated key, empty value
      {{"", ""}},                                     // empty key and value
      {{"", "v"}, {"k", ""}},                         //
      {{"na me", "v a"}, {"k", "\xE4\xB8\x80"}},      // space, UTF-8
      {{"p", "100%"}, {"q", "%2F"}, {"r", "a=b&c"}},  // bytes of the query syntax
      {{"B", "1"}, {"a", "1"}, {"_", "1"}},           // byte order, not case-blind
      {{"k~", "x"}, {"k-", "y"}, {"k.", "z"}, {"k_", "w"}},
  };
  return queries;
}

const HttpHeaders kHeaders = {{"Host", "h.example.com"},
                              {"Content-Type", "application/json"},
                              {"X-Sdk-Date", "20200212T112033Z"}};

TEST(SignPrepared, MatchesSignOverTheUrlForTrickyPathsAndQueries) {
  int compared = 0;
  for (const std::string& path : TrickyPaths()) {
    for (const QueryParams& query : TrickyQueries()) {
      const std::string canonical_query = CanonicalQuery(query);
      std::string url = "https://h.example.com" + path;
      if (!query.empty()) url += "?" + canonical_query;
      SCOPED_TRACE(url);
      ASSERT_TRUE(CanSignPathDirectly(path));

      SigningInput general;
      general.method = "POST";
      general.url = url;
      general.headers = &kHeaders;
      general.body = "{\"a\":1}";
      general.access_key = "ak";
      general.secret_key = "sk";
      const PreparedSigningInput prepared = WithPathAndQuery(general, path, canonical_query);

      const SignatureParts expected = Sign(general);
      const SignatureParts actual = SignPrepared(prepared);
      EXPECT_EQ(actual.canonical_request, expected.canonical_request);
      EXPECT_EQ(actual.string_to_sign, expected.string_to_sign);
      EXPECT_EQ(actual.signed_headers, expected.signed_headers);
      EXPECT_EQ(actual.authorization, expected.authorization);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 12 * 9);
}

// Spot check that the comparison above is not of two equally wrong results.
TEST(SignPrepared, CanonicalisesPathAndKeepsTheCanonicalQuery) {
  PreparedSigningInput input;
  input.method = "GET";
  input.path = "/a b/%e4";
  input.canonical_query = "a=&b=1&b=2";
  input.headers = &kHeaders;
  input.access_key = "ak";
  input.secret_key = "sk";
  const std::string expected_start = "GET\n/a%20b/%E4/\na=&b=1&b=2\n";
  EXPECT_EQ(SignPrepared(input).canonical_request.substr(0, expected_start.size()), expected_start);
}

TEST(SignPrepared, PreparedKeyTakesThePlaceOfTheSecretKey) {
  PreparedSigningInput input;
  input.method = "GET";
  input.path = "/v1/p/csms/events";
  input.headers = &kHeaders;
  input.access_key = "ak";
  input.secret_key = "sk";
  const SignatureParts expected = SignPrepared(input);
  const HmacSha256Key prepared("sk");
  input.secret_key = "ignored";
  input.prepared_key = &prepared;
  EXPECT_EQ(SignPrepared(input).authorization, expected.authorization);

  SigningInput general;
  general.method = "GET";
  general.url = "https://h.example.com/v1/p/csms/events";
  general.headers = &kHeaders;
  general.access_key = "ak";
  general.secret_key = "ignored";
  general.prepared_key = &prepared;
  EXPECT_EQ(Sign(general).authorization, expected.authorization);
}

TEST(CanSignPathDirectly, RefusesPathsThatMoveTheQueryOrFragment) {
  EXPECT_TRUE(CanSignPathDirectly(""));
  EXPECT_TRUE(CanSignPathDirectly("/v1/p/csms/events"));
  EXPECT_TRUE(CanSignPathDirectly("/a%3Fb%23c"));
  EXPECT_FALSE(CanSignPathDirectly("/a?b"));
  EXPECT_FALSE(CanSignPathDirectly("/a#b"));
  EXPECT_FALSE(CanSignPathDirectly("v1/p"));  // would run into the host
}

TEST(SignPrepared, RefusesToSignWithoutDate) {
  const HttpHeaders headers = {{"Host", "h"}, {"X-Sdk-Date", " "}};  // blank after trimming
  PreparedSigningInput input;
  input.method = "GET";
  input.headers = &headers;
  EXPECT_THROW(SignPrepared(input), std::invalid_argument);
}

}  // namespace
}  // namespace internal
}  // namespace csms
