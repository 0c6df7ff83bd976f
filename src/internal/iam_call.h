#ifndef CSMS_SRC_INTERNAL_IAM_CALL_H_
#define CSMS_SRC_INTERNAL_IAM_CALL_H_

// One call to IAM, for the IAM credentials providers and project id
// discovery: the request built (and signed when asked), sent through an
// HttpTransport with a bounded answer, and every failure (no answer, a
// status other than 2xx, an answer too large) turned into a CredentialsError
// that names the call ("IAM POST /v3/auth/tokens failed: HTTP 401
// Unauthorized: The username or password is wrong. (IAM code 401, request id
// ...)"). Everything quoted from IAM's answer has the call's secrets blanked
// out (Redactor): IAM may echo a password, an id token or a token it was sent.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "csms/credentials.h"
#include "csms/errors.h"
#include "csms/http.h"
#include "csms/iam_credentials.h"
#include "internal/url.h"

namespace csms {
namespace internal {

/// The largest IAM answer read, in bytes: a token's body with its service
/// catalog is tens of KiB, a project list a few.
inline constexpr std::size_t kMaxIamAnswerBytes = std::size_t{1024} * 1024;

/// Where IAM calls go and how: shared by every call of one provider.
struct IamConnection {
  std::string endpoint;  ///< "https://iam.cn-north-4.myhuaweicloud.com", no trailing '/'
  std::shared_ptr<HttpTransport> transport;
  std::chrono::milliseconds timeout{0};  ///< each request's total time
  std::function<Timestamp()> clock;      ///< dates AK/SK signatures (X-Sdk-Date)
};

/// The connection of an IAM provider: the endpoint (already resolved, see
/// ResolveIamEndpoint), options.transport or else a libcurl transport with
/// the options' timeouts, CA, proxy settings and kMaxIamAnswerBytes.
/// @throws ConfigurationError for a timeout that is not positive or when
///         libcurl cannot be initialised.
IamConnection MakeIamConnection(const IamOptions& options, std::string endpoint);

/// One IAM request.
struct IamRequest {
  std::string method;  ///< "POST" or "GET"
  /// Starts with '/', segments percent-encoded, no '?' or '#' ("/v3/projects").
  std::string path;
  QueryParams query;    ///< e.g. {{"name", "cn-north-4"}}; encoded canonically
  HttpHeaders headers;  ///< extra headers ("X-Idp-Id"); Host and Content-Type are added
  std::string body;     ///< JSON; sent with Content-Type application/json;charset=utf8
  /// Signs the request: AK/SK with SDK-HMAC-SHA256 (X-Sdk-Date, and
  /// X-Security-Token when it has one), a token as X-Auth-Token; null (or
  /// Anonymous) sends it unsigned.
  const Credentials* sign_with = nullptr;
  /// Further values never to be quoted (a password, an id token); the
  /// credentials in sign_with are always treated so. Views: what they point
  /// at must outlive the call (no copy of a password is made).
  std::vector<std::string_view> secrets;
};

/// Overwrites a string that held a password, a passcode or an id token
/// (WipeString) when the scope is left, by return or by exception.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& text) noexcept : text_(text) {}
  ~WipeOnExit();
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::string& text_;
};

/// "IAM POST /v3/auth/tokens": how messages name the call.
std::string IamCallName(const IamRequest& request);

/// Sends the request and returns IAM's answer when its status is 2xx. The
/// copy of the body it sends is wiped afterwards.
/// @throws CredentialsError naming the call: when nothing could be sent or
///         no complete answer came within the timeout (status_code() 0), the
///         answer is larger than kMaxIamAnswerBytes, or the status is not 2xx
///         (status_code(), detail() from IAM's {"error": {"code", "message",
///         "title"}} or {"error_code", "error_msg"}, request_id() from
///         X-IAM-Trace-Id or X-Request-Id; all of it redacted).
HttpResponse CallIam(const IamConnection& connection, const IamRequest& request);

/// A CredentialsError for a 2xx answer that cannot be used: "<IamCallName>
/// failed: <what> (request id ...)"; `what` must quote nothing of the
/// answer, which may hold secrets.
CredentialsError IamAnswerError(const IamRequest& request, const HttpResponse& answer,
                                const std::string& what);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_IAM_CALL_H_
