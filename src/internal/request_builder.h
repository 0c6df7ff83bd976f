#ifndef CSMS_SRC_INTERNAL_REQUEST_BUILDER_H_
#define CSMS_SRC_INTERNAL_REQUEST_BUILDER_H_

// Turns an operation's method, path, query and body into the exact HttpRequest
// that goes on the wire: URL, headers and, for AK/SK, the signature.

#include <chrono>
#include <string>

#include "csms/http.h"
#include "internal/client_config.h"
#include "internal/signing_credentials.h"
#include "internal/url.h"

namespace csms {
namespace internal {

inline constexpr const char* kJsonContentType = "application/json;charset=UTF-8";

/// path starts with "/" (or is empty) and has its segments percent-encoded
/// already, so it holds no "?" or "#". Signs with `credentials`, the
/// attempt's own (a provider's may change between attempts). The client's
/// extra headers (config.extra_headers) and then `call_extra_headers`, both
/// checked already, are added before signing, so AK/SK signs them too; the
/// call's replace the client's of the same name.
/// @throws std::logic_error when path breaks that rule (a bug in the caller).
HttpRequest BuildSignedRequest(const ClientConfig& config, const SigningCredentials& credentials,
                               const std::string& method, const std::string& path,
                               const QueryParams& query, std::string body,
                               std::chrono::milliseconds timeout,
                               const HttpHeaders& call_extra_headers = {});

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REQUEST_BUILDER_H_
