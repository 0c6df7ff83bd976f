#ifndef CSMS_SRC_INTERNAL_ERROR_MAPPING_H_
#define CSMS_SRC_INTERNAL_ERROR_MAPPING_H_

// HTTP error responses to the typed exceptions of csms/errors.h.

#include <optional>
#include <string>
#include <string_view>

#include "csms/errors.h"
#include "csms/http.h"
#include "internal/json_reader.h"
#include "internal/redactor.h"

namespace csms {
namespace internal {

/// The first header called name, compared case-insensitively.
/// The text of the JSON value the reader is at, consumed: a string's content
/// or a number as it was written (error codes arrive as either from some
/// gateways), without JSON quotes; anything else is skipped and gives "".
std::string ReadScalarText(JsonReader& reader);

std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name);

/// The response's request id: the X-Request-Id header in any letter case, else
/// the body's "request_id" (when the body is a JSON object). Empty when neither.
std::string RequestIdOf(const HttpResponse& response);

/// The error code and message of any of the service's three body shapes
/// ({"error": {...}}, flat, API gateway); for HTML, empty or other bodies a
/// message that says what arrived (never the body itself).
ErrorDetail DecodeErrorDetail(const HttpResponse& response);

/// RequestIdOf(response) with the call's secrets scrubbed, for log lines.
std::string RequestIdOf(const HttpResponse& response, const Redactor& redactor);

/// Throws the ApiError subclass for response's status: 400 BadRequestError (or
/// NotFoundError for CSMS.0005), 401, 403, 404, 409, 429, 500, 502, 503, 504
/// their own types, other 5xx ServerError, anything else ApiError. The error
/// code, message and request id are scrubbed by redactor first.
[[noreturn]] void ThrowApiError(const HttpResponse& response, const Redactor& redactor);

/// Throws InvalidResponseError for a response whose body did not decode:
/// message (which may quote the body) and the request id scrubbed by redactor.
[[noreturn]] void ThrowInvalidResponse(const HttpResponse& response, std::string message,
                                       const Redactor& redactor);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ERROR_MAPPING_H_
