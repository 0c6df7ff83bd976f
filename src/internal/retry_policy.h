#ifndef CSMS_SRC_INTERNAL_RETRY_POLICY_H_
#define CSMS_SRC_INTERNAL_RETRY_POLICY_H_

// The pure parts of retrying: which failures are retryable, how long to wait.
// The loop itself is in client_impl.cc.

#include <chrono>
#include <optional>
#include <string>

#include "csms/errors.h"
#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

/// How safe a call is to send again.
enum class Idempotency {
  kIdempotent,  // GET, PUT, DELETE: retry transport failures and retryable statuses
  kCreate,      // POST: retry only failures that prove the request never left
};

/// 429, 500, 502, 503, 504.
bool IsRetryableStatus(int status);

/// Whether a transport failure is safe to retry for a call of this kind.
bool IsRetryableTransportError(TransportError::Kind kind, Idempotency idempotency);

/// Full-jitter exponential backoff before retry number `retry` (1 for the first
/// retry): random01 * min(max_backoff, initial_backoff * 2^(retry-1)).
std::chrono::milliseconds Backoff(const RetryOptions& options, int retry, double random01);

/// A Retry-After value, either delta-seconds ("7") or an HTTP date ("Wed, 21
/// Oct 2015 07:28:00 GMT"), as a wait from now; nullopt when unparseable.
/// Dates in the past give zero.
std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value, Timestamp now);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_RETRY_POLICY_H_
