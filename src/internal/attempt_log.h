#ifndef CSMS_SRC_INTERNAL_ATTEMPT_LOG_H_
#define CSMS_SRC_INTERNAL_ATTEMPT_LOG_H_

// Log lines for the optional log sink. Header values are shown only for an
// allow-list of harmless headers; bodies are never shown.

#include <chrono>
#include <string>

#include "csms/http.h"

namespace csms {
namespace internal {

/// "csms: > PUT /v1/.../events/e headers: Host: h, Authorization: <redacted>, ...; body 42 bytes"
std::string FormatRequestLine(const HttpRequest& request);

/// "csms: POST https://kms.cn-north-4.myhuaweicloud.com/v1/.../csms/events -> 503 in 12.3 ms,
/// request id r, attempt 1/3, retrying in 150 ms" (the whole URL: the endpoint shows which one
/// served the attempt). outcome is "503" or "transport error (timeout)"; decision is "done",
/// "retrying in N ms", "giving up: <reason>" or "trying the next endpoint <url>".
std::string FormatAttemptLine(const HttpRequest& request, const std::string& outcome,
                              std::chrono::microseconds duration, const std::string& request_id,
                              int attempt, int max_attempts, const std::string& decision);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ATTEMPT_LOG_H_
