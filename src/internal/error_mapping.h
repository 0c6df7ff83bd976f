#ifndef CSMS_SRC_INTERNAL_ERROR_MAPPING_H_
#define CSMS_SRC_INTERNAL_ERROR_MAPPING_H_

// HTTP error responses to the typed exceptions of csms/errors.h.

#include <optional>
#include <string>
#include <string_view>

#include "csms/errors.h"
#include "csms/http.h"

namespace csms {
namespace internal {

/// The first header called name, compared case-insensitively.
std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name);

/// The response's request id: the X-Request-Id header in any letter case, else
/// the body's "request_id" (when the body is a JSON object). Empty when neither.
std::string RequestIdOf(const HttpResponse& response);

/// The error code and message of any of the service's three body shapes
/// ({"error": {...}}, flat, API gateway); for HTML, empty or other bodies a
/// message that says what arrived (never the body itself).
ErrorDetail DecodeErrorDetail(const HttpResponse& response);

/// Throws the ApiError subclass for response's status: 400 BadRequestError (or
/// NotFoundError for CSMS.0005), 401, 403, 404, 409, 429, 500, 502, 503, 504
/// their own types, other 5xx ServerError, anything else ApiError.
[[noreturn]] void ThrowApiError(const HttpResponse& response);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ERROR_MAPPING_H_
