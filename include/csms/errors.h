#ifndef CSMS_ERRORS_H_
#define CSMS_ERRORS_H_

/// @file
/// Every exception the SDK throws. Catch the most specific type you can handle,
/// then fall back to a base: NotFoundError before ApiError, ApiError before
/// CsmsError. Every type has a public constructor so that user code can throw
/// them from mocks and fakes in its own tests.
///
/// No message produced by the SDK contains an access key, secret key, token or
/// secret value.

#include <memory>
#include <stdexcept>
#include <string>

namespace csms {

namespace internal {
class ErrorAnnotator;
}  // namespace internal

/// The service's description of a failure: the error code (for example
/// "CSMS.0005", without JSON quotes) and its message. Both may be empty when the
/// service or a gateway sent a body that is not one of the documented shapes.
struct ErrorDetail {
  std::string error_code;  ///< e.g. "CSMS.0005" or "APIGW.0303"; may be empty
  std::string error_msg;   ///< the service's human-readable message; may be empty
};

/// Base of everything the SDK throws.
class CsmsError : public std::runtime_error {
 public:
  /// @throws std::bad_alloc only.
  explicit CsmsError(const std::string& message);

  /// The message; after retries it ends with how many attempts were made and
  /// why retrying stopped.
  /// @throws nothing
  const char* what() const noexcept override;

  /// How many attempts the call made before this error (1 when it was not retried).
  /// @throws nothing
  int attempts() const noexcept;

  /// Why the SDK did not retry (further): "retry limit reached", "deadline
  /// reached", "not retryable", ...; empty for errors raised before any attempt.
  /// @throws nothing
  const std::string& retry_stop_reason() const noexcept;

  /// True when a create (CreateSecretEvent, CreateSecret) failed ambiguously
  /// (timeout, dropped connection, 5xx: the request may have reached the
  /// service) and looking the resource up afterwards could not show that it was
  /// created exactly as asked. The resource may or may not exist: show it
  /// before acting. what() then says what the check found.
  /// @throws nothing
  bool outcome_unknown() const noexcept;

 private:
  friend class internal::ErrorAnnotator;
  struct Details {
    std::string message;
    int attempts = 1;
    std::string retry_stop_reason;
    bool outcome_unknown = false;
  };
  // Shared and immutable, so copying an exception never allocates or throws.
  std::shared_ptr<const Details> details_;
};

/// The ClientOptions (or the environment they were read from) are unusable:
/// no project id, an unknown region, plain http to a non-loopback host, ...
class ConfigurationError : public CsmsError {
 public:
  /// @throws std::bad_alloc only.
  explicit ConfigurationError(const std::string& message);
};

/// No usable credentials could be had: no source of a CredentialsProvider
/// chain yielded any (what() names each source and why), a source's
/// configuration is broken (a credentials file with half a key pair, naming
/// file and line), or fetching temporary credentials failed with nothing still
/// valid to sign with. Thrown by CredentialsProvider::Get(); a client call
/// counts it as a failed attempt (nothing was sent) and retries it as its
/// RetryOptions allow. Never carries a key, secret or token.
class CredentialsError : public CsmsError {
 public:
  /// @throws std::bad_alloc only.
  explicit CredentialsError(const std::string& message);

  /// A credentials service (IAM) answered with a failure: its HTTP status,
  /// its error code and message (anything of the request's secrets blanked
  /// out) and its request id.
  /// @throws std::bad_alloc only.
  CredentialsError(const std::string& message, int status_code, ErrorDetail detail,
                   std::string request_id);

  /// The HTTP status of the credentials service's answer; 0 when the error
  /// is not about one (nothing set, nothing reached, a local file).
  /// @throws nothing
  int status_code() const noexcept { return status_code_; }
  /// The service's error code and message (IAM's {"error": {"code",
  /// "message"}} or the gateway's error_code and error_msg); empty when none.
  /// @throws nothing
  const ErrorDetail& detail() const noexcept { return detail_; }
  /// The service's request id (X-IAM-Trace-Id or X-Request-Id); may be empty.
  /// @throws nothing
  const std::string& request_id() const noexcept { return request_id_; }

 private:
  int status_code_ = 0;
  ErrorDetail detail_;
  std::string request_id_;
};

/// A request failed client-side validation. Nothing was sent.
class ValidationError : public CsmsError {
 public:
  /// @param field the request field at fault, e.g. "name" or "notification.target_id".
  /// @param message what is wrong with it.
  /// @throws std::bad_alloc only.
  ValidationError(std::string field, const std::string& message);

  /// The request field at fault, in wire spelling ("event_types", "notification.target_id").
  /// @throws nothing
  const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
};

/// No HTTP response was received: the name did not resolve, the connection was
/// refused or dropped, TLS failed, or a timeout expired.
class TransportError : public CsmsError {
 public:
  /// What went wrong, coarsely, so callers can decide whether a retry is safe.
  enum class Kind {
    kResolve,  ///< host (or proxy) name did not resolve; nothing was sent
    kConnect,  ///< no connection could be made; nothing was sent
    kTls,      ///< TLS handshake or certificate verification failed
    kTimeout,  ///< the connect or total timeout expired
    kSend,     ///< the connection failed while the request was being sent
    kReceive,  ///< the connection failed before a complete response arrived
    kOther,    ///< anything else the transport reported
    /// the request URL is malformed (or its scheme is not http/https): nothing
    /// was sent, and no retry can help
    kInvalidUrl,
  };

  /// @param kind the failure class.
  /// @param message a one-line description (never contains credentials).
  /// The request counts as possibly sent unless kind is kResolve, kConnect,
  /// kTls or kInvalidUrl, which happen before a request byte is written (a transport that
  /// knows better uses the three-argument form).
  /// @throws std::bad_alloc only.
  TransportError(Kind kind, const std::string& message);

  /// @param kind the failure class.
  /// @param message a one-line description (never contains credentials).
  /// @param request_may_have_been_sent false only with proof that no byte of
  ///   the request was handed to the network (the client then re-sends even a
  ///   create); true whenever the server may have received it.
  /// @throws std::bad_alloc only.
  TransportError(Kind kind, const std::string& message, bool request_may_have_been_sent);

  /// @throws nothing
  Kind kind() const noexcept { return kind_; }

  /// Whether the server may have received the request. A create (POST) is
  /// re-sent only when this is false; otherwise its outcome is reconciled.
  /// @throws nothing
  bool request_may_have_been_sent() const noexcept { return request_may_have_been_sent_; }

  /// The kind as a word: "resolve", "connect", "tls", "timeout", "send", "receive", "other",
  /// "invalid-url".
  /// @throws nothing
  static const char* KindName(Kind kind) noexcept;

 private:
  Kind kind_;
  bool request_may_have_been_sent_;
};

/// The service answered with an HTTP error status (or an unusable success body).
class ApiError : public CsmsError {
 public:
  /// @param status_code the HTTP status.
  /// @param detail error code and message decoded from the body.
  /// @param request_id the X-Request-Id header, or the body's request_id; may be empty.
  /// @throws std::bad_alloc only.
  ApiError(int status_code, ErrorDetail detail, std::string request_id);

  /// @throws nothing
  int status_code() const noexcept { return status_code_; }
  /// @throws nothing
  const ErrorDetail& detail() const noexcept { return detail_; }
  /// The request id to quote to Huawei Cloud support; empty when none was sent.
  /// @throws nothing
  const std::string& request_id() const noexcept { return request_id_; }

  /// The error class as lower-case words, for one-line reports such as the csms
  /// tool's: "bad request", "unauthorized", "forbidden", "not found",
  /// "conflict", "too many requests", "server error" (every ServerError),
  /// "invalid response", and "service error" for an ApiError of no subclass.
  /// It follows the class, not status_code(): a NotFoundError is "not found"
  /// whether the service said 404 or 400 with CSMS.0005.
  /// @throws nothing
  virtual const char* category() const noexcept;

 protected:
  /// For subclasses that word what() differently.
  /// @throws std::bad_alloc only.
  ApiError(const std::string& message, int status_code, ErrorDetail detail, std::string request_id);

 private:
  int status_code_;
  ErrorDetail detail_;
  std::string request_id_;
};

/// HTTP 400: the service rejected the request as invalid.
class BadRequestError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 401: missing, wrong or expired signature or token.
class UnauthorizedError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 403: authenticated, but not allowed.
class ForbiddenError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 404, or HTTP 400 with error code CSMS.0005: the resource does not exist.
class NotFoundError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 409: the request conflicts with the resource's current state.
class ConflictError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 429: throttled.
class TooManyRequestsError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 5xx.
class ServerError : public ApiError {
 public:
  using ApiError::ApiError;
  /// @throws nothing
  const char* category() const noexcept override;
};

/// HTTP 500.
class InternalServerError : public ServerError {
 public:
  using ServerError::ServerError;
};

/// HTTP 502.
class BadGatewayError : public ServerError {
 public:
  using ServerError::ServerError;
};

/// HTTP 503.
class ServiceUnavailableError : public ServerError {
 public:
  using ServerError::ServerError;
};

/// HTTP 504.
class GatewayTimeoutError : public ServerError {
 public:
  using ServerError::ServerError;
};

/// A success status whose body could not be decoded (not JSON, or without the
/// expected object). The request may have taken effect.
class InvalidResponseError : public ApiError {
 public:
  /// @param status_code the (successful) HTTP status.
  /// @param what_is_wrong what the SDK could not decode; never contains body bytes.
  /// @param request_id the response's request id; may be empty.
  /// @throws std::bad_alloc only.
  InvalidResponseError(int status_code, const std::string& what_is_wrong,
                       const std::string& request_id);

  /// @throws nothing
  const char* category() const noexcept override;
};

/// An operation that a CsmsClientInterface implementation does not provide.
/// Every CsmsClientInterface method's default body throws it, so a hand-written
/// fake overrides only what its test calls, and keeps compiling when the SDK
/// adds an operation. CsmsClient and csms::testing::MockCsmsClient implement
/// every operation and never throw it.
class UnimplementedError : public CsmsError {
 public:
  /// @param operation the operation's name, e.g. "ShowSecretEvent".
  /// @throws std::bad_alloc only.
  explicit UnimplementedError(std::string operation);

  /// The operation that is not implemented, e.g. "ShowSecretEvent".
  /// @throws nothing
  const std::string& operation() const noexcept { return operation_; }

 private:
  std::string operation_;
};

}  // namespace csms

#endif  // CSMS_ERRORS_H_
