#include "internal/client_impl.h"

#include <algorithm>

#include "csms/errors.h"
#include "internal/attempt_log.h"
#include "internal/error_annotator.h"
#include "internal/error_mapping.h"
#include "internal/request_builder.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock::time_point;

struct RetryDecision {
  bool retry = false;
  milliseconds delay{0};
  std::string reason;  // why not, when retry is false
};

RetryDecision Decide(bool retryable, const char* not_retryable_reason, int attempt,
                     const RetryOptions& retry, milliseconds delay, SteadyTime now,
                     SteadyTime deadline) {
  if (!retryable) return {false, milliseconds(0), not_retryable_reason};
  if (attempt >= retry.max_attempts) {
    return {false, milliseconds(0),
            "retry limit of " + std::to_string(retry.max_attempts) + " attempts reached"};
  }
  if (now + delay >= deadline) return {false, milliseconds(0), "call deadline reached"};
  return {true, delay, ""};
}

std::string DecisionText(const RetryDecision& decision) {
  return decision.retry ? "retrying in " + std::to_string(decision.delay.count()) + " ms"
                        : "giving up: " + decision.reason;
}

}  // namespace

HttpResponse ClientImpl::Call(const CallSpec& spec, const CallOptions& call_options) const {
  if (call_options.timeout && call_options.timeout->count() <= 0) {
    throw ValidationError("timeout", "must be positive");
  }
  if (call_options.deadline && call_options.deadline->count() <= 0) {
    throw ValidationError("deadline", "must be positive");
  }
  const RetryOptions& retry = call_options.retry ? *call_options.retry : config_.retry;
  if (call_options.retry) CheckRetryOptions(retry);
  const milliseconds timeout = call_options.timeout.value_or(config_.request_timeout);
  const SteadyTime deadline =
      config_.monotonic_clock() + call_options.deadline.value_or(config_.call_deadline);
  const bool logging = static_cast<bool>(config_.log_sink);
  const char* not_retryable = spec.idempotency == Idempotency::kCreate
                                  ? "not retried: the create may have reached the service"
                                  : "not retryable";

  for (int attempt = 1;; ++attempt) {
    const SteadyTime started = config_.monotonic_clock();
    // Each attempt is signed afresh (a new X-Sdk-Date) and never outlives the deadline.
    const auto remaining =
        std::max(milliseconds(1), duration_cast<milliseconds>(deadline - started));
    const HttpRequest request = BuildSignedRequest(config_, spec.method, spec.path, spec.query,
                                                   spec.body, std::min(timeout, remaining));
    if (logging && config_.log_level == LogLevel::kDebug) {
      config_.log_sink(FormatRequestLine(request));
    }

    HttpResponse response;
    try {
      response = config_.transport->Send(request);
    } catch (TransportError& error) {
      const SteadyTime now = config_.monotonic_clock();
      const RetryDecision decision =
          Decide(IsRetryableTransportError(error.kind(), spec.idempotency),
                 error.kind() == TransportError::Kind::kTls ? "not retryable" : not_retryable,
                 attempt, retry, Backoff(retry, attempt, config_.random()), now, deadline);
      if (logging) {
        config_.log_sink(FormatAttemptLine(
            request,
            std::string("transport error (") + TransportError::KindName(error.kind()) + ")",
            duration_cast<microseconds>(now - started), "", attempt, retry.max_attempts,
            DecisionText(decision)));
      }
      if (!decision.retry) {
        ErrorAnnotator::AddRetryContext(error, attempt, decision.reason);
        throw;
      }
      config_.sleep(decision.delay);
      continue;
    }

    const SteadyTime now = config_.monotonic_clock();
    const std::string request_id =
        logging ? RequestIdOf(response, CallRedactor(config_.credentials, spec.request_secrets))
                : std::string();
    const int status = response.status_code;
    const auto log = [&](const std::string& decision) {
      if (logging) {
        config_.log_sink(FormatAttemptLine(request, std::to_string(status),
                                           duration_cast<microseconds>(now - started), request_id,
                                           attempt, retry.max_attempts, decision));
      }
    };
    if (status >= 200 && status <= 299) {
      log("done");
      return response;
    }
    if (status == 404 && (attempt > 1 || response.resent) &&
        spec.not_found_after_retry_is_success) {
      // An earlier attempt whose answer was lost must have deleted it.
      log("done: already deleted by an earlier attempt");
      return HttpResponse{204, {}, {}};
    }
    milliseconds delay = Backoff(retry, attempt, config_.random());
    if (const auto retry_after = FindHeader(response.headers, "Retry-After")) {
      if (const auto wait = ParseRetryAfter(*retry_after, config_.clock())) {
        delay = std::min(*wait, retry.max_retry_after);
      }
    }
    const RetryDecision decision =
        Decide(IsRetryableStatus(status) && spec.idempotency == Idempotency::kIdempotent,
               IsRetryableStatus(status) ? not_retryable : "not retryable", attempt, retry, delay,
               now, deadline);
    log(DecisionText(decision));
    if (!decision.retry) {
      try {
        ThrowApiError(response, CallRedactor(config_.credentials, spec.request_secrets));
      } catch (CsmsError& error) {
        ErrorAnnotator::AddRetryContext(error, attempt, decision.reason);
        throw;
      }
    }
    config_.sleep(decision.delay);
  }
}

}  // namespace internal
}  // namespace csms
