#include "internal/curl_errors.h"

namespace csms {
namespace internal {

TransportError::Kind TransportErrorKind(CURLcode code) {
  using Kind = TransportError::Kind;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return Kind::kResolve;
    case CURLE_COULDNT_CONNECT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Kind::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return Kind::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
      return Kind::kTls;
    case CURLE_SEND_ERROR:
    case CURLE_READ_ERROR:
      return Kind::kSend;
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
      return Kind::kReceive;
    default:
      return Kind::kOther;
  }
}

TransportError MakeTransportError(CURLcode code, const char* error_buffer) {
  const TransportError::Kind kind = TransportErrorKind(code);
  std::string message;
  switch (kind) {
    case TransportError::Kind::kResolve:
      message = "could not resolve the host name";
      break;
    case TransportError::Kind::kConnect:
      message = "could not connect";
      break;
    case TransportError::Kind::kTls:
      message = "TLS handshake or certificate verification failed";
      break;
    case TransportError::Kind::kTimeout:
      message = "timed out";
      break;
    case TransportError::Kind::kSend:
      message = "connection failed while sending the request";
      break;
    case TransportError::Kind::kReceive:
      message = "connection failed before a complete response arrived";
      break;
    case TransportError::Kind::kInvalidUrl:
      message = "the URL is malformed";
      break;
    case TransportError::Kind::kOther:
      message = "request failed";
      break;
  }
  // curl's detail names hosts, ports and certificate problems; it never holds
  // request headers, so no credential can leak through it.
  const std::string detail =
      error_buffer != nullptr && *error_buffer != '\0' ? error_buffer : curl_easy_strerror(code);
  message += ": " + detail + " (curl code " + std::to_string(static_cast<int>(code)) + ")";
  return TransportError(kind, message);
}

}  // namespace internal
}  // namespace csms
