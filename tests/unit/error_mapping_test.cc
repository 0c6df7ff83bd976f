#include "internal/error_mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace csms {
namespace internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

HttpResponse Response(int status, std::string body, HttpHeaders headers = {}) {
  HttpResponse response;
  response.status_code = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

// Catches by the exact derived type, so a sliced or wrong type fails the test.
template <typename Expected>
void ExpectThrownAs(const HttpResponse& response) {
  try {
    ThrowApiError(response, Redactor());
    FAIL() << "nothing thrown";
  } catch (const Expected& e) {
    EXPECT_EQ(typeid(e), typeid(Expected)) << "status " << response.status_code;
    EXPECT_EQ(e.status_code(), response.status_code);
  } catch (const std::exception& e) {
    FAIL() << "status " << response.status_code << " threw the wrong type: " << e.what();
  }
}

TEST(ThrowApiError, EachStatusHasItsOwnType) {
  const std::string body = R"({"error":{"error_code":"CSMS.0002","error_msg":"bad"}})";
  ExpectThrownAs<BadRequestError>(Response(400, body));
  ExpectThrownAs<UnauthorizedError>(Response(401, body));
  ExpectThrownAs<ForbiddenError>(Response(403, body));
  ExpectThrownAs<NotFoundError>(Response(404, body));
  ExpectThrownAs<ConflictError>(Response(409, body));
  ExpectThrownAs<TooManyRequestsError>(Response(429, body));
  ExpectThrownAs<InternalServerError>(Response(500, body));
  ExpectThrownAs<BadGatewayError>(Response(502, body));
  ExpectThrownAs<ServiceUnavailableError>(Response(503, body));
  ExpectThrownAs<GatewayTimeoutError>(Response(504, body));
  ExpectThrownAs<ServerError>(Response(507, body));
  ExpectThrownAs<ApiError>(Response(418, body));
  ExpectThrownAs<ApiError>(Response(302, body));
}

TEST(ThrowApiError, Csms0005With400IsNotFound) {
  ExpectThrownAs<NotFoundError>(
      Response(400, R"({"error":{"error_code":"CSMS.0005","error_msg":"no such event"}})"));
  ExpectThrownAs<NotFoundError>(
      Response(400, R"({"error_code":"CSMS.0005","error_msg":"no such secret"})"));
}

// category() follows the class, so a 400 CSMS.0005 reads "not found" too.
std::string CategoryOf(const HttpResponse& response) {
  try {
    ThrowApiError(response, Redactor());
  } catch (const ApiError& e) {
    return e.category();
  }
  return "nothing thrown";
}

TEST(ThrowApiError, CategoryNamesTheClass) {
  EXPECT_EQ(CategoryOf(Response(400, "")), "bad request");
  EXPECT_EQ(CategoryOf(Response(400, R"({"error_code":"CSMS.0005","error_msg":"gone"})")),
            "not found");
  EXPECT_EQ(CategoryOf(Response(401, "")), "unauthorized");
  EXPECT_EQ(CategoryOf(Response(403, "")), "forbidden");
  EXPECT_EQ(CategoryOf(Response(404, "")), "not found");
  EXPECT_EQ(CategoryOf(Response(409, "")), "conflict");
  EXPECT_EQ(CategoryOf(Response(429, "")), "too many requests");
  for (int status : {500, 502, 503, 504, 507}) {
    EXPECT_EQ(CategoryOf(Response(status, "")), "server error") << status;
  }
  EXPECT_EQ(CategoryOf(Response(418, "")), "service error");
  EXPECT_STREQ(InvalidResponseError(200, "not JSON", "").category(), "invalid response");
  // A user's own throw (from a fake) reads the same.
  EXPECT_STREQ(NotFoundError(404, {}, "").category(), "not found");
}

TEST(ThrowApiError, ServerErrorsAreCatchableAsServerError) {
  EXPECT_THROW(ThrowApiError(Response(503, ""), Redactor()), ServerError);
  EXPECT_THROW(ThrowApiError(Response(404, ""), Redactor()), ApiError);
  EXPECT_THROW(ThrowApiError(Response(429, ""), Redactor()), CsmsError);
}

struct BodyCase {
  const char* label;
  std::string body;
  HttpHeaders headers;
  std::string code;
  std::string message;
  std::string request_id;
};

// Readable names in test listings instead of a byte dump.
void PrintTo(const BodyCase& c, std::ostream* out) { *out << c.label; }

class ErrorBodyDecoding : public ::testing::TestWithParam<BodyCase> {};

TEST_P(ErrorBodyDecoding, ExtractsCodeMessageAndRequestId) {
  const BodyCase& c = GetParam();
  const HttpResponse response = Response(400, c.body, c.headers);
  const ErrorDetail detail = DecodeErrorDetail(response);
  EXPECT_EQ(detail.error_code, c.code);
  EXPECT_EQ(detail.error_msg, c.message);
  EXPECT_EQ(RequestIdOf(response), c.request_id);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, ErrorBodyDecoding,
    ::testing::Values(
        BodyCase{"nested_event_shape",
                 R"({"error":{"error_code":"CSMS.0002","error_msg":"Invalid parameter"}})",
                 {{"X-Request-Id", "req-1"}},
                 "CSMS.0002",
                 "Invalid parameter",
                 "req-1"},
        BodyCase{"flat_secret_shape",
                 R"({"error_code":"CSMS.0005","error_msg":"Missing"})",
                 {{"x-request-id", "req-2"}},
                 "CSMS.0005",
                 "Missing",
                 "req-2"},
        BodyCase{
            "gateway_shape",
            R"({"error_code":"APIGW.0303","error_msg":"Incorrect app authentication information","request_id":"body-id"})",
            {},
            "APIGW.0303",
            "Incorrect app authentication information",
            "body-id"},
        BodyCase{"header_wins_over_body",
                 R"({"error_code":"APIGW.0301","error_msg":"m","request_id":"body-id"})",
                 {{"X-REQUEST-ID", "header-id"}},
                 "APIGW.0301",
                 "m",
                 "header-id"},
        BodyCase{"numeric_code",
                 R"({"error_code":429,"error_msg":"slow down"})",
                 {},
                 "429",
                 "slow down",
                 ""},
        BodyCase{"html_body",
                 "<html><body>502 Bad Gateway</body></html>",
                 {{"Content-Type", "text/html"}},
                 "",
                 "unstructured response body (41 bytes of text/html)",
                 ""},
        BodyCase{"empty_body", "", {{"X-Request-Id", "r"}}, "", "empty response body", "r"},
        BodyCase{"json_without_fields",
                 R"({"message":"x"})",
                 {},
                 "",
                 "unstructured response body (15 bytes of unknown type)",
                 ""},
        BodyCase{"json_array",
                 "[1,2]",
                 {},
                 "",
                 "unstructured response body (5 bytes of unknown type)",
                 ""},
        // A cut-off body says nothing reliable, even in the part that arrived.
        BodyCase{"truncated_json",
                 R"({"error_code":"CSMS.0002","error_msg":"Inv)",
                 {},
                 "",
                 "unstructured response body (42 bytes of unknown type)",
                 ""},
        BodyCase{"error_member_not_an_object_leaves_the_flat_fields",
                 R"({"error":"boom","error_code":"APIGW.0101","error_msg":"m"})",
                 {},
                 "APIGW.0101",
                 "m",
                 ""},
        BodyCase{"escapes_decoded",
                 R"({"error":{"error_code":"CSMS.0002","error_msg":"caf\u00e9 \"x\""}})",
                 {},
                 "CSMS.0002",
                 "caf\xC3\xA9 \"x\"",
                 ""},
        BodyCase{"numeric_request_id",
                 R"({"error_code":"C","request_id":12345})",
                 {},
                 "C",
                 "",
                 "12345"}),
    [](const auto& param_info) { return std::string(param_info.param.label); });

TEST(ApiErrorMessage, CarriesStatusCodeMessageAndRequestIdWithoutQuotes) {
  try {
    ThrowApiError(
        Response(404,
                 R"({"error":{"error_code":"CSMS.0005","error_msg":"The event does not exist"}})",
                 {{"X-Request-Id", "0a1b2c"}}),
        Redactor());
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.detail().error_code, "CSMS.0005");
    EXPECT_EQ(e.detail().error_msg, "The event does not exist");
    EXPECT_EQ(e.request_id(), "0a1b2c");
    EXPECT_STREQ(e.what(),
                 "CSMS request failed: HTTP 404 CSMS.0005: The event does not exist (request id "
                 "0a1b2c)");
    EXPECT_THAT(e.what(), Not(HasSubstr("\"CSMS")));
    return;
  }
  FAIL();
}

TEST(ApiErrorMessage, SaysWhenThereIsNoRequestId) {
  const ApiError error(500, ErrorDetail{}, "");
  EXPECT_STREQ(error.what(), "CSMS request failed: HTTP 500 (no request id)");
}

TEST(Redactor, ReplacesEverySecretAsSentAndAsJsonQuoted) {
  const std::string ak = "AKID1234";
  const std::string value = "pa\"ss\nword";  // as the body carried it: pa\"ss\nword
  Redactor redactor;
  redactor.Add(ak);
  redactor.Add(value);
  redactor.Add("");  // ignored, or everything would match
  EXPECT_EQ(redactor.Scrubbed("ak AKID1234 not exist; AKID1234"),
            "ak <redacted> not exist; <redacted>");
  EXPECT_EQ(redactor.Scrubbed(R"(body {"secret_string":"pa\"ss\nword"})"),
            R"(body {"secret_string":"<redacted>"})");
  EXPECT_EQ(redactor.Scrubbed(std::string("raw pa\"ss\nword")), "raw <redacted>");
  EXPECT_EQ(redactor.Scrubbed("nothing here"), "nothing here");
}

TEST(Redactor, LongestSecretWinsAndTheMarkerIsNotRescanned) {
  Redactor redactor;
  redactor.Add("e");  // occurs inside "<redacted>" itself
  redactor.Add("token-e");
  EXPECT_EQ(redactor.Scrubbed("x token-e y e"), "x <redacted> y <redacted>");
}

TEST(Redactor, CallRedactorHoldsCredentialsAndRequestSecrets) {
  const Credentials credentials = Credentials::AkSk("THE-AK", "THE-SK", "THE-STS");
  const std::vector<std::string> request = {"THE-VALUE"};
  const Redactor redactor = CallRedactor(credentials, request);
  EXPECT_EQ(redactor.Scrubbed("THE-AK THE-SK THE-STS THE-VALUE"),
            "<redacted> <redacted> <redacted> <redacted>");
  const std::vector<std::string> none;
  EXPECT_EQ(CallRedactor(Credentials::Token("IAM-TOKEN"), none).Scrubbed("t=IAM-TOKEN"),
            "t=<redacted>");
}

TEST(Redactor, RequestSecretsOfACreateIncludeTheEncodedBinary) {
  CreateSecretRequest request;
  request.secret_binary = std::string(
      "\x01\x02"
      "bin",
      5);
  const auto secrets = RequestSecrets(request);
  EXPECT_THAT(secrets, ::testing::Contains(*request.secret_binary));
  EXPECT_THAT(secrets, ::testing::Contains("AQJiaW4="));
}

TEST(ThrowApiError, ScrubsEchoedSecretsFromCodeMessageAndRequestId) {
  Redactor redactor;
  redactor.Add("AK-ECHOED");
  redactor.Add("STS-ECHOED");
  try {
    ThrowApiError(
        Response(401,
                 R"({"error":{"error_code":"APIGW.AK-ECHOED","error_msg":"ak AK-ECHOED not )"
                 R"(exist; canonical request: x-security-token:STS-ECHOED"}})",
                 {{"X-Request-Id", "rid-STS-ECHOED"}}),
        redactor);
    FAIL();
  } catch (const UnauthorizedError& e) {
    EXPECT_EQ(e.detail().error_code, "APIGW.<redacted>");
    EXPECT_EQ(e.detail().error_msg,
              "ak <redacted> not exist; canonical request: x-security-token:<redacted>");
    EXPECT_EQ(e.request_id(), "rid-<redacted>");
    EXPECT_THAT(e.what(), Not(HasSubstr("ECHOED")));
  }
  // Unstructured bodies quote the Content-Type header, which is server text too.
  try {
    ThrowApiError(Response(502, "<html>", {{"Content-Type", "text/AK-ECHOED"}}), redactor);
    FAIL();
  } catch (const BadGatewayError& e) {
    EXPECT_THAT(e.detail().error_msg, Not(HasSubstr("ECHOED")));
  }
}

TEST(ThrowInvalidResponse, ScrubsTheMessageAndRequestId) {
  Redactor redactor;
  redactor.Add("SECRET-VALUE");
  try {
    ThrowInvalidResponse(Response(200, "{}", {{"X-Request-Id", "SECRET-VALUE"}}),
                         "secret.SECRET-VALUE is not a string", redactor);
    FAIL();
  } catch (const InvalidResponseError& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("SECRET-VALUE")));
    EXPECT_EQ(e.request_id(), "<redacted>");
  }
}

TEST(FindHeader, IsCaseInsensitive) {
  const HttpHeaders headers = {{"content-TYPE", "a"}, {"X-Other", "b"}};
  EXPECT_EQ(FindHeader(headers, "Content-Type").value_or(""), "a");
  EXPECT_FALSE(FindHeader(headers, "Missing").has_value());
}

}  // namespace
}  // namespace internal
}  // namespace csms
