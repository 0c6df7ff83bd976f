#ifndef CSMS_TELEMETRY_H_
#define CSMS_TELEMETRY_H_

/// @file
/// Telemetry hooks: a Telemetry set in ClientOptions::telemetry is told when
/// each call and each HTTP attempt starts and ends (docs/observability.md).
///
/// The fields are named after the OpenTelemetry semantic conventions for HTTP
/// clients (https://opentelemetry.io/docs/specs/semconv/http/http-spans/ and
/// .../http/http-metrics/), so that an adapter to a tracer or a metrics
/// library maps them one to one: the OpenTelemetry attribute is given next to
/// each field. A "call" is one CsmsClient operation's request with its retries
/// (an OpenTelemetry client span's logical parent); an "attempt" is one HTTP
/// exchange (an OpenTelemetry HTTP client span, measured by
/// http.client.request.duration).
///
/// What a hook receives never holds a credential, a secret value, a header or
/// a body: the request id and the service's error code are scrubbed of the
/// call's secrets like log lines are.

#include <chrono>
#include <string>

#include "csms/requests.h"

namespace csms {

/// Given to Telemetry::OnCallStart.
struct CallStartInfo {
  /// The CsmsClient operation, e.g. "CreateSecretEvent" (a span name, or
  /// rpc.method in OpenTelemetry's RPC conventions). Each page of a ListAll*
  /// operation is a call of its List* operation.
  std::string operation;
  /// The HTTP method of the operation's request, "GET", "POST", "PUT" or
  /// "DELETE" (http.request.method).
  std::string method;
  /// The host the call is sent to, without port (server.address).
  std::string server_address;
  /// The port the call is sent to, the scheme's default when the endpoint has
  /// none (server.port).
  int server_port = 0;
};

/// Given to Telemetry::OnAttemptStart, just before the request is handed to
/// the transport (or, without credentials, found unsendable).
struct AttemptStartInfo {
  /// The call's operation (CallStartInfo::operation). A lookup that settles
  /// an ambiguous create is part of the create's call: its attempts carry the
  /// create's operation and their own method ("GET").
  std::string operation;
  std::string method;          ///< this attempt's method (http.request.method)
  std::string server_address;  ///< this attempt's host (server.address)
  int server_port = 0;         ///< this attempt's port (server.port)
  /// 1 for the call's first attempt, counting every attempt of the call.
  int attempt = 1;
  /// How many times this same request was sent before
  /// (http.request.resend_count): attempt - 1, except for a lookup's first
  /// attempt, which is a new request (0).
  int resend_count = 0;
};

/// What the client does after an attempt.
enum class AttemptDecision {
  kSucceed,                    ///< the call returns this attempt's response
  kRetry,                      ///< waits AttemptEndInfo::retry_delay, then sends again
  kRetryWithFreshCredentials,  ///< the credentials were rejected: sends again at once
  kReconcile,                  ///< an ambiguous create: looks the resource up before failing
  kFail,                       ///< the call throws this attempt's error
};

/// Given to Telemetry::OnAttemptEnd: the start info, and how it ended.
struct AttemptEndInfo : AttemptStartInfo {
  /// The HTTP status (http.response.status_code); 0 when no response arrived.
  int status_code = 0;
  /// Empty on success. Otherwise (error.type): the status as a string ("503")
  /// for an error response; for no response the TransportError::KindName
  /// ("connect", "timeout", ...); "credentials_unavailable" when no credentials
  /// could be had (nothing was sent).
  std::string error_type;
  /// The service's error code of an error response, e.g. "CSMS.0005"
  /// (ErrorDetail::error_code; no OpenTelemetry name, a "csms.error_code"
  /// attribute); empty otherwise.
  std::string error_code;
  /// The response's X-Request-Id (else the body's request_id); empty when none.
  std::string request_id;
  /// From the start of the attempt (credentials and signing included) to its
  /// end, on ClientOptions::monotonic_clock (http.client.request.duration,
  /// which OpenTelemetry records in seconds).
  std::chrono::microseconds duration{0};
  /// What the client does next.
  AttemptDecision decision = AttemptDecision::kFail;
  /// kRetry: the wait before the next attempt (backoff or Retry-After).
  std::chrono::milliseconds retry_delay{0};
  /// kFail, kReconcile: why retrying stopped ("retry limit reached", "not
  /// retryable", ...), as in CsmsError::retry_stop_reason().
  std::string retry_stop_reason;
};

/// Given to Telemetry::OnCallEnd, on success and before the call throws.
struct CallEndInfo : CallStartInfo {
  /// Whether the call returned (true) or is about to throw (false). A
  /// response body that then fails to decode (InvalidResponseError) is
  /// thrown after a successful call.
  bool succeeded = false;
  /// Empty on success; otherwise as AttemptEndInfo::error_type for the error
  /// thrown, "_OTHER" (OpenTelemetry's fallback) for an exception that is not
  /// one of the SDK's response or transport errors.
  std::string error_type;
  /// The service's error code of the ApiError thrown (ApiError::detail()); empty otherwise.
  std::string error_code;
  /// Status, request id, attempts, endpoint and elapsed time, exactly what
  /// CallOptions::metadata receives.
  CallMetadata metadata;
};

/// Receives the start and end of every call and attempt of a client. Override
/// only what you need: every hook does nothing by default.
///
/// Hooks are called on the thread making the call, in this order:
/// OnCallStart, then for each attempt OnAttemptStart and OnAttemptEnd, then
/// OnCallEnd (also when the call throws). A client shared by several threads
/// calls them concurrently, so an implementation must be thread-safe. A hook
/// should be quick: it runs inside the call, and its time counts towards the
/// call's deadline.
///
/// An exception thrown by a hook is caught and dropped: it never changes a
/// call's result (the hook's other calls still follow). Hooks must not rely
/// on throwing to stop a call.
///
/// A call a hook makes, on this client or another, calls no hook (a hook that
/// used the client it observes would otherwise recurse without end); its
/// CallOptions::metadata is still filled.
class Telemetry {
 public:
  virtual ~Telemetry() = default;
  /// Before the first attempt.
  virtual void OnCallStart(const CallStartInfo& info);
  /// Before each attempt's request is sent.
  virtual void OnAttemptStart(const AttemptStartInfo& info);
  /// After each attempt, once the client has decided what to do next.
  virtual void OnAttemptEnd(const AttemptEndInfo& info);
  /// After the last attempt (and any lookup), before the call returns or throws.
  virtual void OnCallEnd(const CallEndInfo& info);
};

}  // namespace csms

#endif  // CSMS_TELEMETRY_H_
