#ifndef CSMS_SRC_INTERNAL_CREDENTIALS_FETCH_H_
#define CSMS_SRC_INTERNAL_CREDENTIALS_FETCH_H_

// What the two fetching sources (ECS/BMS metadata, CCE pod identity) share:
// checking their URL, one HTTP exchange whose failures become
// CredentialsErrors naming the source, and decoding the temporary
// credentials of an answer (JSON and its UTC date). Nothing here quotes an
// answer: it may hold secrets.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "csms/credentials.h"
#include "csms/errors.h"
#include "csms/http.h"
#include "internal/credentials_providers.h"

namespace csms {
namespace internal {

/// The largest answer a credentials source may send, in bytes: a credential
/// is a few hundred bytes.
inline constexpr std::size_t kMaxCredentialsAnswerBytes = std::size_t{64} * 1024;

/// The address of the ECS/BMS metadata service: the one host besides loopback
/// that a credentials source may reach over plain http.
inline constexpr std::string_view kMetadataAddress = "169.254.169.254";

/// The source could not be reached at all (the name did not resolve, the
/// connection was refused, or connecting timed out): nothing was sent.
class SourceUnreachableError : public CredentialsError {
 public:
  using CredentialsError::CredentialsError;
};

/// Why `url` cannot be a credentials source's URL, phrased to follow its name
/// ("is not an absolute URL ..."), or nullopt when it can: absolute http or
/// https, no user info, no fragment; plain http only to loopback hosts, and to
/// 169.254.169.254 when allow_metadata_address. Never quotes the URL.
std::optional<std::string> CredentialsUrlProblem(const std::string& url,
                                                 bool allow_metadata_address);

/// The transport of one fetching source: libcurl, never through a proxy,
/// connect and total timeout `timeout`, answers capped at
/// kMaxCredentialsAnswerBytes.
/// @throws ConfigurationError when libcurl cannot be initialised.
std::shared_ptr<HttpTransport> MakeCredentialsTransport(std::chrono::milliseconds timeout,
                                                        std::string ca_file);

/// Sends request (its timeout set to `timeout`) and returns the answer.
/// @throws SourceUnreachableError when nothing could be sent (resolve,
///         connect, connect timeout: "metadata: connect timeout after 3000
///         ms"); CredentialsError naming `source` for any other failure and
///         for an answer larger than kMaxCredentialsAnswerBytes.
HttpResponse ExchangeForCredentials(HttpTransport& transport, HttpRequest request,
                                    std::chrono::milliseconds timeout, const std::string& source);

/// The member names of the object holding temporary credentials in an answer.
struct TemporaryCredentialsFields {
  std::string_view object;      // "credential"
  std::string_view access_key;  // "access"
  std::string_view secret_key;  // "secret"
  std::string_view security_token;
  std::string_view expiration;  // a UTC time, see ParseUtcTime
};

/// AK/SK credentials with security token and expiration from a JSON answer
/// `{"<object>": {...}, ...}` (other members ignored), checked as any
/// credentials are (CredentialsProblem).
/// @throws CredentialsError naming `source` and the field when the answer is
///         not JSON, a field is missing, not a string or empty, the time does
///         not parse, or the credentials cannot be put on the wire.
Credentials DecodeTemporaryCredentials(std::string_view body, const std::string& source,
                                       const TemporaryCredentialsFields& fields);

/// "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (UTC, 1 to 9 fraction digits; the
/// `expires_at` of huaweicloud-sdk-go-v3 core/auth/base_credentials_test.go,
/// 2020-01-08T03:50:07.574000Z) as a Timestamp, or nullopt when it is not
/// exactly that form, not a real date and time, or outside what a Timestamp
/// holds. A fraction finer than the clock's tick is dropped.
std::optional<Timestamp> ParseUtcTime(std::string_view text);

/// " (error_code X)" from a gateway error body {"error_code", ...} when X has
/// the form of a gateway code ("APIGW.0301": upper-case letters, digits or
/// '_', a dot, digits; at most 32 characters); empty otherwise. Nothing else of the body is used:
/// error_msg may echo the token sent or credentials handed out before.
std::string GatewayErrorSummary(std::string_view body);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CREDENTIALS_FETCH_H_
