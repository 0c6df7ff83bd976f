#include "internal/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>

#include "internal/ascii.h"
#include "internal/saturating_time.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::milliseconds;
using Action = RetryDecision::Action;

constexpr const char* kNotRetryable = "not retryable";
constexpr const char* kCreateNotRetried = "not retried: the create may have reached the service";
constexpr const char* kDeclined = "not retried: should_retry declined";

RetryDecision Stop(Action action, std::string reason) {
  RetryDecision decision;
  decision.action = action;
  decision.reason = std::move(reason);
  return decision;
}

milliseconds BackoffFor(const AttemptContext& context) {
  return Backoff(context.retry, context.attempt, context.random01, context.previous_delay);
}

// A retryable failure is retried while attempts and time are left.
RetryDecision RetryOrStop(milliseconds delay, const AttemptContext& context) {
  if (context.attempt >= context.retry.max_attempts) {
    return Stop(Action::kFail, "retry limit of " + std::to_string(context.retry.max_attempts) +
                                   " attempts reached");
  }
  if (EndsAtOrAfter(context.now, delay, context.deadline)) {
    return Stop(Action::kFail, "call deadline reached");
  }
  RetryDecision decision;
  decision.action = Action::kRetry;
  decision.delay = delay;
  return decision;
}

// Decided from the transport's evidence, not from the failure's kind: a create
// is re-sent only when the transport proves that nothing was sent.
RetryDecision ClassifyTransportError(const AttemptOutcome& outcome, const AttemptContext& context) {
  if (context.idempotency == Idempotency::kCreate && outcome.request_may_have_been_sent) {
    return Stop(Action::kReconcile, kCreateNotRetried);
  }
  if (IsPermanentTransportFailure(outcome.transport_kind)) {
    return Stop(Action::kFail, kNotRetryable);
  }
  return RetryOrStop(BackoffFor(context), context);
}

RetryDecision ClassifyResponse(const AttemptOutcome& outcome, const AttemptContext& context) {
  const int status = outcome.status;
  if (status >= 200 && status <= 299) return Stop(Action::kSucceed, "");
  if (status == 404 && context.not_found_after_unknown_outcome_is_success &&
      (context.earlier_outcome_unknown || outcome.resent)) {
    // An earlier attempt whose outcome is unknown must have deleted it. After
    // a 429 or 503 (not carried out) the 404 is the truth.
    RetryDecision decision = Stop(Action::kSucceed, "");
    decision.already_deleted = true;
    return decision;
  }
  const bool create = context.idempotency == Idempotency::kCreate;
  if (IsRetryableStatus(status) && !create) {
    const milliseconds delay = outcome.retry_after
                                   ? std::min(*outcome.retry_after, context.retry.max_retry_after)
                                   : BackoffFor(context);
    return RetryOrStop(delay, context);
  }
  const char* reason = IsRetryableStatus(status) ? kCreateNotRetried : kNotRetryable;
  // A create answered 5xx may have been carried out all the same.
  return Stop(create && status >= 500 && status <= 599 ? Action::kReconcile : Action::kFail,
              reason);
}

// min(cap, base * 2^(retry-1)), for base and cap not negative. Doubling
// stops at the cap and saturates, so neither large retry numbers nor huge
// backoff settings overflow.
std::int64_t ExponentialCeiling(std::int64_t base, std::int64_t cap, int retry) {
  std::int64_t ceiling = base;
  for (int i = 1; i < retry && ceiling < cap; ++i) ceiling = SaturatingMultiply(ceiling, 2);
  return std::min(ceiling, cap);
}

// r * span for r in [0, 1] and span not negative, rounded down; 2^63 itself
// does not fit in int64, so near the top span is the answer.
std::int64_t Scaled(double r, std::int64_t span) {
  const double wait = r * static_cast<double>(span);
  if (wait >= 9.2e18) return span;
  return std::min(span, static_cast<std::int64_t>(wait));
}

// The wait from `now` until `at` (seconds since 1970), zero when it has passed.
// Computed in milliseconds with saturation: a date after 2262 does not fit in
// system_clock's nanoseconds and must not wrap to a date in the past.
milliseconds WaitUntil(std::int64_t at, Timestamp now) {
  const milliseconds until = SaturatingCast<milliseconds>(std::chrono::seconds(at));
  const milliseconds from = SaturatingCast<milliseconds>(now.time_since_epoch());
  return std::max(milliseconds(0), SaturatingAdd(until, -from));
}

}  // namespace

RetryDecision Classify(const AttemptOutcome& outcome, const AttemptContext& context) {
  switch (outcome.kind) {
    case AttemptOutcome::Kind::kTransportError:
      return ClassifyTransportError(outcome, context);
    case AttemptOutcome::Kind::kCredentialsUnavailable:
      // Nothing was sent: retried as a failure before sending, creates too.
      return RetryOrStop(BackoffFor(context), context);
    case AttemptOutcome::Kind::kCredentialsRejected:
      if (context.credentials_refreshable && !context.credentials_refreshed) {
        if (context.now >= context.deadline) return Stop(Action::kFail, "call deadline reached");
        RetryDecision decision;
        decision.action = Action::kRefreshCredentials;
        return decision;
      }
      break;  // fixed credentials, or already refreshed: a plain 401
    case AttemptOutcome::Kind::kResponse:
      break;
  }
  return ClassifyResponse(outcome, context);
}

bool IsRejectedCredentials(const ErrorDetail& detail) {
  const std::string_view code = detail.error_code;
  // CSMS.0301: the service's own "invalid X-Auth-Token" (the wire contract,
  // API.md "Known codes"), which a new token may fix.
  if (code == "APIGW.0301" || code == "APIGW.0307" || code == "APIG.0301" || code == "APIG.0307" ||
      code == "CSMS.0301") {
    return true;
  }
  if (code == "APIGW.0303" || code == "APIG.0303") {
    // "Incorrect app authentication information": also what a signature the
    // gateway cannot verify gets, which a new key may fix; but not when the
    // message says the signature expired (the clock is off by more than 15
    // minutes, and new credentials would be signed with the same clock).
    return detail.error_msg.find("signature expired") == std::string::npos;
  }
  return false;
}

bool OutcomeUnknown(const AttemptOutcome& outcome) {
  if (outcome.kind == AttemptOutcome::Kind::kTransportError) {
    return outcome.request_may_have_been_sent;
  }
  if (outcome.kind == AttemptOutcome::Kind::kCredentialsUnavailable) return false;
  return outcome.resent || outcome.status == 500 || outcome.status == 502 || outcome.status == 504;
}

std::string DecisionText(const RetryDecision& decision) {
  switch (decision.action) {
    case Action::kRetry:
      return "retrying in " + std::to_string(decision.delay.count()) + " ms";
    case Action::kRefreshCredentials:
      return "credentials rejected: refreshing them and retrying";
    case Action::kSucceed:
      return decision.already_deleted ? "done: already deleted by an earlier attempt" : "done";
    case Action::kFail:
    case Action::kReconcile:
      break;
  }
  return "giving up: " + decision.reason;
}

bool IsRetryableStatus(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool IsPermanentTransportFailure(TransportError::Kind kind) {
  switch (kind) {
    case TransportError::Kind::kTls:
      // A handshake or certificate failure is a configuration problem;
      // retrying a certificate mismatch only delays the error.
    case TransportError::Kind::kInvalidUrl:
      // The same URL fails the same way every time.
      return true;
    case TransportError::Kind::kResolve:
    case TransportError::Kind::kConnect:
    case TransportError::Kind::kTimeout:
    case TransportError::Kind::kSend:
    case TransportError::Kind::kReceive:
    case TransportError::Kind::kOther:
      return false;
  }
  return false;
}

RetryDecision ApplyShouldRetry(const RetryDecision& decision, bool retry_allowed) {
  if (decision.action != Action::kRetry || retry_allowed) return decision;
  return Stop(Action::kFail, kDeclined);
}

std::chrono::milliseconds Backoff(const RetryOptions& options, int retry, double random01,
                                  std::optional<std::chrono::milliseconds> previous) {
  const std::int64_t base = std::max<std::int64_t>(0, options.initial_backoff.count());
  const std::int64_t cap = std::max<std::int64_t>(0, options.max_backoff.count());
  const double r = std::clamp(random01, 0.0, 1.0);
  switch (options.backoff) {
    case BackoffShape::kEqualJitter: {
      const std::int64_t ceiling = ExponentialCeiling(base, cap, retry);
      const std::int64_t half = ceiling / 2;
      // ceiling - half, not half: an odd ceiling keeps its last millisecond.
      // The sum is at most ceiling: no overflow.
      return milliseconds(half + Scaled(r, ceiling - half));
    }
    case BackoffShape::kDecorrelatedJitter: {
      const std::int64_t before = previous ? std::max<std::int64_t>(0, previous->count()) : base;
      // random_between(base, previous * 3): when the previous wait was
      // shorter than base / 3 (a Retry-After of zero) the range is just base.
      const std::int64_t top = std::max(base, SaturatingMultiply(before, 3));
      // The sum is at most top: no overflow.
      return milliseconds(std::min(cap, base + Scaled(r, top - base)));
    }
    case BackoffShape::kFullJitter:
      break;
  }
  return milliseconds(Scaled(r, ExponentialCeiling(base, cap, retry)));
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value, Timestamp now) {
  using std::chrono::milliseconds;
  std::size_t begin = value.find_first_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const std::string text = value.substr(begin, value.find_last_not_of(" \t") - begin + 1);
  if (std::all_of(text.begin(), text.end(), IsAsciiDigit)) {
    // Saturates: an absurd number of seconds is a wait that the cap then limits.
    if (text.size() > 18) return milliseconds::max();
    return milliseconds(SaturatingMultiply(std::stoll(text), 1000));
  }
  // An HTTP date in any of RFC 9110's three forms (IMF-fixdate "Sun, 06 Nov
  // 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime "Sun
  // Nov  6 08:49:37 1994"): libcurl's parser reads them all, into a 64-bit
  // time_t that holds any year a server may send. -1 means unparseable.
  const std::time_t at = curl_getdate(text.c_str(), nullptr);
  if (at == -1) return std::nullopt;
  return WaitUntil(at, now);
}

}  // namespace internal
}  // namespace csms
