#include "csms/errors.h"

#include <utility>

namespace csms {
namespace {

std::string DescribeApiError(int status_code, const ErrorDetail& detail,
                             const std::string& request_id) {
  std::string message = "CSMS request failed: HTTP " + std::to_string(status_code);
  if (!detail.error_code.empty()) message += " " + detail.error_code;
  if (!detail.error_msg.empty()) message += ": " + detail.error_msg;
  message += request_id.empty() ? " (no request id)" : " (request id " + request_id + ")";
  return message;
}

}  // namespace

CsmsError::CsmsError(const std::string& message)
    : std::runtime_error(message),
      details_(std::make_shared<const Details>(Details{message, 1, "", false})) {}

const char* CsmsError::what() const noexcept { return details_->message.c_str(); }

int CsmsError::attempts() const noexcept { return details_->attempts; }

const std::string& CsmsError::retry_stop_reason() const noexcept {
  return details_->retry_stop_reason;
}

bool CsmsError::outcome_unknown() const noexcept { return details_->outcome_unknown; }

ConfigurationError::ConfigurationError(const std::string& message)
    : CsmsError("invalid client configuration: " + message) {}

CredentialsError::CredentialsError(const std::string& message)
    : CsmsError("no usable credentials: " + message) {}

CredentialsError::CredentialsError(const std::string& message, int status_code, ErrorDetail detail,
                                   std::string request_id)
    : CsmsError("no usable credentials: " + message),
      status_code_(status_code),
      detail_(std::move(detail)),
      request_id_(std::move(request_id)) {}

ValidationError::ValidationError(std::string field, const std::string& message)
    : CsmsError("invalid request: " + field + ": " + message), field_(std::move(field)) {}

TransportError::TransportError(Kind kind, const std::string& message)
    : TransportError(kind, message,
                     kind != Kind::kResolve && kind != Kind::kConnect && kind != Kind::kTls &&
                         kind != Kind::kInvalidUrl) {}

TransportError::TransportError(Kind kind, const std::string& message,
                               bool request_may_have_been_sent)
    : CsmsError(std::string("transport error (") + KindName(kind) + "): " + message),
      kind_(kind),
      request_may_have_been_sent_(request_may_have_been_sent) {}

const char* TransportError::KindName(Kind kind) noexcept {
  switch (kind) {
    case Kind::kResolve:
      return "resolve";
    case Kind::kConnect:
      return "connect";
    case Kind::kTls:
      return "tls";
    case Kind::kTimeout:
      return "timeout";
    case Kind::kSend:
      return "send";
    case Kind::kReceive:
      return "receive";
    case Kind::kInvalidUrl:
      return "invalid-url";
    case Kind::kOther:
      break;
  }
  return "other";
}

ApiError::ApiError(int status_code, ErrorDetail detail, std::string request_id)
    // The base (and so the message) is built before the members are moved into.
    : CsmsError(DescribeApiError(status_code, detail, request_id)),
      status_code_(status_code),
      detail_(std::move(detail)),
      request_id_(std::move(request_id)) {}

ApiError::ApiError(const std::string& message, int status_code, ErrorDetail detail,
                   std::string request_id)
    : CsmsError(message),
      status_code_(status_code),
      detail_(std::move(detail)),
      request_id_(std::move(request_id)) {}

const char* ApiError::category() const noexcept { return "service error"; }
const char* BadRequestError::category() const noexcept { return "bad request"; }
const char* UnauthorizedError::category() const noexcept { return "unauthorized"; }
const char* ForbiddenError::category() const noexcept { return "forbidden"; }
const char* NotFoundError::category() const noexcept { return "not found"; }
const char* ConflictError::category() const noexcept { return "conflict"; }
const char* TooManyRequestsError::category() const noexcept { return "too many requests"; }
const char* ServerError::category() const noexcept { return "server error"; }
const char* InvalidResponseError::category() const noexcept { return "invalid response"; }

InvalidResponseError::InvalidResponseError(int status_code, const std::string& what_is_wrong,
                                           const std::string& request_id)
    : ApiError("CSMS response could not be decoded: HTTP " + std::to_string(status_code) + ", " +
                   what_is_wrong +
                   (request_id.empty() ? " (no request id)" : " (request id " + request_id + ")"),
               status_code, ErrorDetail{"", what_is_wrong}, request_id) {}

UnimplementedError::UnimplementedError(std::string operation)
    : CsmsError(operation + " is not implemented by this CsmsClientInterface implementation"),
      operation_(std::move(operation)) {}

}  // namespace csms
