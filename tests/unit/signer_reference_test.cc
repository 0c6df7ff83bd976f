// Sign, the one signing entry point, against the independent canonicalisation
// of tests/support/reference_signer.h: every intermediate string, for paths,
// queries and headers chosen to hit each canonicalisation rule. The
// reference itself is pinned to the official SDKs' vectors here, so the two
// cannot be equally wrong.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "csms/http.h"
#include "internal/signer.h"
#include "internal/url.h"
#include "reference_signer.h"
#include "seed_data.h"

namespace csms {
namespace internal {
namespace {

using csms_test::reference::Pairs;

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

const std::vector<HttpHeaders>& TrickyHeaders() {
  static const std::vector<HttpHeaders> headers = {
      {{"Host", "h.example.com"},
       {"Content-Type", "application/json"},
       {"X-Sdk-Date", "20200212T112033Z"}},
      // Trimmed values; names sorted lower-cased ("x_b" after "x-b", before
      // "xa"); equal names by value; the last X-Sdk-Date is the one signed.
      {{"XA", "1"},
       {"x-b", "2"},
       {"X_B", "3"},
       {"X-B", " \t1 "},
       {"X-Sdk-Date", "a"},
       {"x-sdk-date", " 20200212T112034Z"}},
      {{"", "v"}, {"X-Sdk-Date", "20200212T112033Z"}},  // an empty name
  };
  return headers;
}

// input signs with the key "sk" (as its secret_key or its prepared_key).
void ExpectSameAsReference(const SigningInput& input, const QueryParams& query) {
  const Pairs headers(input.headers->begin(), input.headers->end());
  const auto expected = csms_test::reference::Sign(input.method, input.path, query, headers,
                                                   input.body, input.access_key, "sk");
  ASSERT_TRUE(expected.has_value());
  const SignatureParts actual = Sign(input);
  EXPECT_EQ(actual.canonical_request, expected->canonical_request);
  EXPECT_EQ(actual.string_to_sign, expected->string_to_sign);
  EXPECT_EQ(actual.signed_headers, expected->signed_headers);
  EXPECT_EQ(actual.authorization, expected->authorization);
}

TEST(Sign, MatchesTheReferenceForTrickyPathsQueriesAndHeaders) {
  const HmacSha256Key prepared("sk");
  int compared = 0;
  for (const std::string& path : TrickyPaths()) {
    for (const QueryParams& query : TrickyQueries()) {
      for (const HttpHeaders& headers : TrickyHeaders()) {
        // As the request builder calls it: its own canonical query.
        const std::string canonical_query = query.empty() ? std::string() : CanonicalQuery(query);
        SCOPED_TRACE(path + "?" + canonical_query);
        SigningInput input;
        input.method = "POST";
        input.path = path;
        input.canonical_query = canonical_query;
        input.headers = &headers;
        input.body = "{\"a\":1}";
        input.access_key = "ak";
        input.secret_key = "sk";
        ExpectSameAsReference(input, query);
        input.secret_key = "ignored";
        input.prepared_key = &prepared;  // the same key, made ready once
        ExpectSameAsReference(input, query);
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 12 * 9 * 3);
}

// The reference against the official SDKs' vectors: its URLs split by hand,
// its query parameters taken from the URL's raw "k=v" pairs.
TEST(ReferenceSigner, ReproducesEveryOfficialVector) {
  const auto all = nlohmann::json::parse(csms_test::ReadTestData("signing_vectors.json"));
  int checked = 0;
  for (const auto& vector : all.at("vectors")) {
    SCOPED_TRACE(vector.at("id").get<std::string>());
    const std::string url = vector.at("url");
    const std::size_t path_start = url.find('/', url.find("://") + 3);
    const std::size_t query_start = url.find('?');
    std::string path;
    if (path_start != std::string::npos) path = url.substr(path_start, query_start - path_start);
    Pairs query;
    if (query_start != std::string::npos) {
      const std::string raw = url.substr(query_start + 1);
      std::size_t begin = 0;
      while (begin <= raw.size()) {
        const std::size_t end = std::min(raw.find('&', begin), raw.size());
        const std::string item = raw.substr(begin, end - begin);
        const std::size_t eq = item.find('=');
        query.emplace_back(csms_test::reference::UriDecode(item.substr(0, eq)),
                           eq == std::string::npos
                               ? std::string()
                               : csms_test::reference::UriDecode(item.substr(eq + 1)));
        begin = end + 1;
      }
    }
    Pairs headers;
    for (const auto& [name, value] : vector.at("signed_headers_given").items()) {
      headers.emplace_back(name, value.get<std::string>());
    }
    const auto signature = csms_test::reference::Sign(
        vector.at("method").get<std::string>(), path, query, headers,
        vector.at("body").get<std::string>(), vector.at("ak").get<std::string>(),
        vector.at("sk").get<std::string>());
    ASSERT_TRUE(signature.has_value());
    EXPECT_EQ(signature->canonical_request, vector.at("canonical_request").get<std::string>());
    EXPECT_EQ(signature->string_to_sign, vector.at("string_to_sign").get<std::string>());
    EXPECT_EQ(signature->authorization, vector.at("authorization").get<std::string>());
    ++checked;
  }
  EXPECT_EQ(checked, 15);
}

// Spot check of the canonical query being taken as given, not re-canonicalised.
TEST(Sign, CanonicalisesThePathAndKeepsTheCanonicalQuery) {
  const HttpHeaders headers = {{"X-Sdk-Date", "20200212T112033Z"}};
  SigningInput input;
  input.method = "GET";
  input.path = "/a b/%e4";
  input.canonical_query = "a=&b=1&b=2";
  input.headers = &headers;
  input.access_key = "ak";
  input.secret_key = "sk";
  const std::string expected_start = "GET\n/a%20b/%E4/\na=&b=1&b=2\n";
  EXPECT_EQ(Sign(input).canonical_request.substr(0, expected_start.size()), expected_start);
}

TEST(Sign, RefusesABlankDate) {
  const HttpHeaders headers = {{"Host", "h"}, {"X-Sdk-Date", " "}};  // blank after trimming
  SigningInput input;
  input.method = "GET";
  input.headers = &headers;
  EXPECT_THROW(Sign(input), std::invalid_argument);
  EXPECT_FALSE(
      csms_test::reference::Sign("GET", "", {}, Pairs(headers.begin(), headers.end()), "", "", "")
          .has_value());
}

}  // namespace
}  // namespace internal
}  // namespace csms
