// Every vector of tests/data/signing_vectors.json (the official SDKs' own test
// vectors) must reproduce byte for byte: canonical request, string to sign and
// Authorization. A vector gives a whole URL; the harness splits it into the
// path and canonical query that Sign takes (tests/support/sign_url.h), as the
// gateway does with the URL it receives.

#include "internal/signer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "internal/url.h"
#include "seed_data.h"
#include "sign_url.h"
#include "turkish_locale.h"

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

json Vectors() { return json::parse(csms_test::ReadTestData("signing_vectors.json")); }

// Parameterised by vector id; the vector itself is looked up in the file.
class SigningVectorTest : public ::testing::TestWithParam<std::string> {};

json VectorById(const std::string& id) {
  const json all = Vectors();  // named: a temporary would die before the loop ends
  for (const auto& vector : all.at("vectors")) {
    if (vector.at("id") == id) return vector;
  }
  throw std::runtime_error("no vector " + id);
}

SignatureParts SignVector(const json& vector) {
  HttpHeaders headers;
  for (const auto& [name, value] : vector.at("signed_headers_given").items()) {
    headers.emplace_back(name, value.get<std::string>());
  }
  const std::string method = vector.at("method");
  const std::string url = vector.at("url");
  const std::string body = vector.at("body");
  const std::string ak = vector.at("ak");
  const std::string sk = vector.at("sk");

  SigningInput input;
  input.method = method;
  input.headers = &headers;
  input.body = body;
  input.access_key = ak;
  input.secret_key = sk;
  return csms_test::SignUrl(input, url);
}

void ExpectMatchesVector(const SignatureParts& parts, const json& vector) {
  EXPECT_EQ(parts.canonical_request, vector.at("canonical_request").get<std::string>());
  EXPECT_EQ(parts.string_to_sign, vector.at("string_to_sign").get<std::string>());
  EXPECT_EQ(parts.authorization, vector.at("authorization").get<std::string>());
}

TEST_P(SigningVectorTest, ReproducesEveryStep) {
  const json vector = VectorById(GetParam());
  ExpectMatchesVector(SignVector(vector), vector);
}

// "X-Project-Id" has an upper-case I, which a Turkish locale would lower-case
// to a dotless i had the signer used std::tolower.
TEST(SigningVectors, HeaderNamesAreLowerCasedAlikeInEveryLocale) {
  const json vector = VectorById("csms-create-event-json-body");
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  ExpectMatchesVector(SignVector(vector), vector);
}

std::vector<std::string> AllVectorIds() {
  const json vectors = Vectors();  // named: a temporary would die before the loop ends
  std::vector<std::string> ids;
  for (const auto& vector : vectors.at("vectors")) ids.push_back(vector.at("id"));
  return ids;
}

std::string VectorName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(OfficialSdkVectors, SigningVectorTest, ::testing::ValuesIn(AllVectorIds()),
                         VectorName);

TEST(SigningVectors, FileHasAllFifteenVectors) {
  // Guards against a truncated data file silently shrinking the suite above.
  EXPECT_EQ(Vectors().at("vectors").size(), 15u);
}

TEST(CanonicalQueryVector, MatchesOfficialSdks) {
  const json vector = Vectors().at("canonical_query_vector");
  QueryParams params;
  for (const auto& [key, value] : vector.at("input").at("query").items()) {
    const auto text = [](const json& v) {
      if (v.is_string()) return v.get<std::string>();
      if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
      return v.dump();
    };
    if (value.is_array()) {
      for (const auto& item : value) params.emplace_back(key, text(item));
    } else {
      params.emplace_back(key, text(value));
    }
  }
  EXPECT_EQ(CanonicalQuery(params), vector.at("expected").get<std::string>());
}

TEST(Signer, QueryOrderOnTheUrlDoesNotChangeTheSignature) {
  HttpHeaders headers = {{"X-Sdk-Date", "20200212T112034Z"}, {"host", "h.example.com"}};
  SigningInput input;
  input.method = "GET";
  input.headers = &headers;
  input.access_key = "ak";
  input.secret_key = "sk";
  const std::string unsorted =
      csms_test::SignUrl(input, "https://h.example.com/v1/p/csms/events?marker=event-0&limit=10")
          .authorization;
  EXPECT_EQ(
      csms_test::SignUrl(input, "https://h.example.com/v1/p/csms/events?limit=10&marker=event-0")
          .authorization,
      unsorted);
}

TEST(Signer, HeaderValuesAreTrimmedAndNamesLowerCased) {
  HttpHeaders headers = {{"X-Sdk-Date", " 20200212T112034Z "}, {"HOST", "h.example.com"}};
  SigningInput input;
  input.method = "GET";
  input.path = "/";
  input.headers = &headers;
  input.access_key = "ak";
  input.secret_key = "sk";
  const SignatureParts parts = Sign(input);
  EXPECT_NE(parts.canonical_request.find("host:h.example.com\nx-sdk-date:20200212T112034Z\n"),
            std::string::npos);
  EXPECT_EQ(parts.signed_headers, "host;x-sdk-date");
}

// Names sort by their lower-case form: "x_b" before "xa" ('_' is 0x5F, 'a'
// 0x61), although "X_B" would sort after "XA" ('A' is 0x41). Equal names sort
// by value, and of two X-Sdk-Date headers the last is the date signed.
TEST(Signer, SortsHeadersByLowerCaseNameThenValue) {
  HttpHeaders headers = {{"XA", "1"},    {"x-b", "2"},        {"X_B", "3"},
                         {"X-B", " 1 "}, {"X-Sdk-Date", "a"}, {"x-sdk-date", "20200212T112034Z"}};
  SigningInput input;
  input.method = "GET";
  input.path = "/";
  input.headers = &headers;
  input.access_key = "ak";
  input.secret_key = "sk";
  const SignatureParts parts = Sign(input);
  const std::string expected_start =
      "GET\n/\n\nx-b:1\nx-b:2\nx-sdk-date:20200212T112034Z\nx-sdk-date:a\nx_b:3\nxa:1\n\n"
      "x-b;x-b;x-sdk-date;x-sdk-date;x_b;xa\n";
  EXPECT_EQ(parts.canonical_request.substr(0, expected_start.size()), expected_start);
  const std::string expected_date = "SDK-HMAC-SHA256\n20200212T112034Z\n";
  EXPECT_EQ(parts.string_to_sign.substr(0, expected_date.size()), expected_date);
}

// Not valid HTTP, but signed as ever: an empty name adds no ";" while the
// list is still empty (found by comparing with the previous signer).
TEST(Signer, EmptyHeaderNameAddsNoSeparatorToAnEmptyList) {
  HttpHeaders headers = {{"X-Sdk-Date", "20200212T112034Z"}, {"", "v"}};
  SigningInput input;
  input.method = "GET";
  input.path = "/";
  input.headers = &headers;
  const SignatureParts parts = Sign(input);
  EXPECT_EQ(parts.signed_headers, "x-sdk-date");
  EXPECT_NE(parts.canonical_request.find("\n:v\nx-sdk-date:20200212T112034Z\n\nx-sdk-date\n"),
            std::string::npos);
}

TEST(Signer, AnyChangeOfBodyChangesTheSignature) {
  HttpHeaders headers = {{"X-Sdk-Date", "20200212T112034Z"}};
  SigningInput input;
  input.method = "POST";
  input.path = "/x";
  input.headers = &headers;
  input.access_key = "ak";
  input.secret_key = "sk";
  input.body = "{\"a\":1}";
  const std::string first = Sign(input).authorization;
  input.body = "{\"a\":2}";
  EXPECT_NE(Sign(input).authorization, first);
}

TEST(Signer, RefusesToSignWithoutDate) {
  HttpHeaders headers = {{"host", "h"}};
  SigningInput input;
  input.method = "GET";
  input.path = "/";
  input.headers = &headers;
  EXPECT_THROW(Sign(input), std::invalid_argument);
}

}  // namespace
}  // namespace internal
}  // namespace csms
