#ifndef CSMS_SRC_INTERNAL_RETRY_POLICY_H_
#define CSMS_SRC_INTERNAL_RETRY_POLICY_H_

// The pure parts of retrying: what one attempt's outcome means for the call
// (retry after a wait, succeed, fail, or reconcile an ambiguous create), and how
// long to wait. Nothing here sends, sleeps or reads a clock; the loop that does
// is ClientImpl::Call (client_impl.cc).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "csms/errors.h"
#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

using SteadyTime = std::chrono::steady_clock::time_point;

/// How safe a call is to send again.
enum class Idempotency {
  kIdempotent,  // GET, PUT, DELETE: retry transport failures and retryable statuses
  kCreate,      // POST: re-sent only on proof that the request never left
};

/// What one attempt came back with: the evidence a decision is made from.
struct AttemptOutcome {
  enum class Kind {
    kResponse,        // an HTTP response arrived, whatever its status
    kTransportError,  // no complete response (TransportError)
    // A 401 whose gateway code says the credentials or token are invalid or
    // expired (IsRejectedCredentialsCode): `status` is 401. If the credentials
    // can be refreshed and were not yet in this call, Classify answers
    // kRefreshCredentials; otherwise it is the plain 401 it is.
    kCredentialsRejected,
    // The credentials provider had none to give (CredentialsError): nothing
    // was sent, so even a create may try again.
    kCredentialsUnavailable,
  };
  Kind kind = Kind::kResponse;
  int status = 0;       // kResponse: the HTTP status
  bool resent = false;  // kResponse: HttpResponse::resent
  /// kResponse: the Retry-After header as a wait from now (ParseRetryAfter), not yet capped.
  std::optional<std::chrono::milliseconds> retry_after;
  TransportError::Kind transport_kind = TransportError::Kind::kOther;  // kTransportError
  bool request_may_have_been_sent = true;                              // kTransportError

  static AttemptOutcome Response(int status, bool resent = false,
                                 std::optional<std::chrono::milliseconds> retry_after = {}) {
    AttemptOutcome outcome;
    outcome.status = status;
    outcome.resent = resent;
    outcome.retry_after = retry_after;
    return outcome;
  }
  static AttemptOutcome CredentialsRejected() {
    AttemptOutcome outcome;
    outcome.kind = Kind::kCredentialsRejected;
    outcome.status = 401;
    return outcome;
  }
  static AttemptOutcome CredentialsUnavailable() {
    AttemptOutcome outcome;
    outcome.kind = Kind::kCredentialsUnavailable;
    outcome.request_may_have_been_sent = false;
    return outcome;
  }
  static AttemptOutcome Failure(TransportError::Kind kind, bool request_may_have_been_sent) {
    AttemptOutcome outcome;
    outcome.kind = Kind::kTransportError;
    outcome.transport_kind = kind;
    outcome.request_may_have_been_sent = request_may_have_been_sent;
    return outcome;
  }
};

/// Everything besides the outcome that a decision depends on.
struct AttemptContext {
  Idempotency idempotency = Idempotency::kIdempotent;
  /// Deletes: a 404 after an attempt whose outcome was unknown means that
  /// attempt deleted it.
  bool not_found_after_unknown_outcome_is_success = false;
  int attempt = 1;  // 1 for the first attempt
  RetryOptions retry;
  double random01 = 0;  // this decision's jitter, in [0, 1]
  SteadyTime now{};     // when the attempt ended
  SteadyTime deadline{};
  /// Whether an earlier attempt of this call ended without showing whether the
  /// service carried the request out (see OutcomeUnknown).
  bool earlier_outcome_unknown = false;
  /// Whether the call's credentials come from a provider that may give other
  /// ones after Invalidate() (fixed credentials cannot improve).
  bool credentials_refreshable = false;
  /// Whether this call already refreshed its credentials once.
  bool credentials_refreshed = false;
  /// The wait before this call's previous retry (BackoffShape::kDecorrelatedJitter
  /// grows from it); nothing before the first retry.
  std::optional<std::chrono::milliseconds> previous_delay;
};

/// What the loop does next.
struct RetryDecision {
  enum class Action {
    kRetry,      // wait `delay`, then send again
    kSucceed,    // return the response (or, with `already_deleted`, an empty 204)
    kFail,       // throw the attempt's error, annotated with `reason`
    kReconcile,  // an ambiguous create: throw unless looking the resource up shows it was made
    // The service rejected the credentials: invalidate them and send again at
    // once with fresh ones (also a create: a rejected request was not carried
    // out). Once per call, whatever RetryOptions::max_attempts says.
    kRefreshCredentials,
  };
  Action action = Action::kFail;
  std::chrono::milliseconds delay{0};  // kRetry
  std::string reason;                  // kFail, kReconcile: why retrying stopped
  bool already_deleted = false;        // kSucceed: a 404 that an earlier attempt caused

  bool operator==(const RetryDecision& other) const {
    return action == other.action && delay == other.delay && reason == other.reason &&
           already_deleted == other.already_deleted;
  }
};

/// The one decision after each attempt. Pure: same inputs, same answer.
RetryDecision Classify(const AttemptOutcome& outcome, const AttemptContext& context);

/// Whether an attempt ended without showing whether the service carried the
/// request out: a transport failure after which the request may have been
/// sent, a 500, 502 or 504, or a response the transport had to send twice
/// (HttpResponse::resent). A 429 or 503 says the request was not carried out.
bool OutcomeUnknown(const AttemptOutcome& outcome);

/// The log's wording of a decision: "done", "retrying in N ms", "giving up: <reason>".
std::string DecisionText(const RetryDecision& decision);

/// Whether a 401's error says the credentials or token are invalid or
/// expired, so that fresh credentials may succeed: APIGW.0301 (incorrect IAM
/// authentication information: an unknown AK, an expired or undecryptable
/// token), APIGW.0307 (the token must be updated), APIGW.0303 (incorrect app
/// authentication information, which includes a signature that does not
/// verify) unless its message says "signature expired" (a clock off by more
/// than 15 minutes: new credentials cannot help), their older APIG.
/// spellings, and CSMS.0301 (the service's invalid X-Auth-Token). Codes are
/// compared exactly (upper case on the wire).
bool IsRejectedCredentials(const ErrorDetail& detail);

/// 429, 500, 502, 503, 504.
bool IsRetryableStatus(int status);

/// Transport failures that no retry can help (a TLS handshake or certificate
/// verification failure, a malformed URL): the same request fails the same way.
bool IsPermanentTransportFailure(TransportError::Kind kind);

/// A decision after RetryOptions::should_retry answered `retry_allowed` about
/// it: a kRetry becomes a kFail ("not retried: should_retry declined") when
/// not allowed; every other decision stands, whatever the answer (the
/// predicate narrows, never widens).
RetryDecision ApplyShouldRetry(const RetryDecision& decision, bool retry_allowed);

/// The backoff before retry number `retry` (1 for the first retry) in the
/// shape options.backoff names (BackoffShape documents the formulas), with
/// random01 clamped to [0, 1]. `previous` is the wait before the previous
/// retry (kDecorrelatedJitter only; nothing means initial_backoff). Saturates;
/// negative settings count as zero.
std::chrono::milliseconds Backoff(const RetryOptions& options, int retry, double random01,
                                  std::optional<std::chrono::milliseconds> previous = {});

/// A Retry-After value, either delta-seconds ("7") or an HTTP date in any of
/// RFC 9110's three forms (IMF-fixdate "Wed, 21 Oct 2015 07:28:00 GMT", RFC
/// 850, asctime; parsed by curl_getdate), as a wait from now; nullopt when
/// unparseable. Dates in the past give zero; values beyond any clock saturate.
std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value, Timestamp now);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_RETRY_POLICY_H_
