#include "internal/curl_errors.h"

namespace csms {
namespace internal {

CurlCodePhase PhaseOf(CURLcode code) {
  switch (code) {
    // Setting up: the URL, the handle, name resolution, TCP, the TLS
    // handshake with its certificate checks, the proxy handshake.
    case CURLE_FAILED_INIT:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_FUNCTION_NOT_FOUND:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_INTERFACE_FAILED:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_SETOPT_OPTION_SYNTAX:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_NO_CONNECTION_AVAILABLE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_RECURSIVE_API_CALL:
    case CURLE_QUIC_CONNECT_ERROR:
    case CURLE_PROXY:
    case CURLE_SSL_CLIENTCERT:
      return CurlCodePhase::kBeforeRequest;
    // Reading a response: something came back, or the server closed the
    // connection after taking the request.
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP_RETURNED_ERROR:
    case CURLE_WRITE_ERROR:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_GOT_NOTHING:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_SEND_FAIL_REWIND:
    case CURLE_HTTP2_STREAM:
      return CurlCodePhase::kAfterRequest;
    default:
      // Among them CURLE_UNSUPPORTED_PROTOCOL (a refused URL scheme, or a
      // reply that is not HTTP/1.x: "HTTP/1.2", an SSH banner, HTTP/0.9),
      // send, receive and timeout errors, and codes of other protocols or
      // newer libcurl versions, about which nothing is assumed.
      return CurlCodePhase::kEitherSide;
  }
}

bool RequestMayHaveBeenSent(CURLcode code, const TransferEvidence& evidence) {
  return evidence.request_started || PhaseOf(code) == CurlCodePhase::kAfterRequest;
}

TransportError::Kind TransportErrorKind(CURLcode code, const TransferEvidence& evidence) {
  using Kind = TransportError::Kind;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return Kind::kResolve;
    case CURLE_COULDNT_CONNECT:
      return Kind::kConnect;
    case CURLE_URL_MALFORMAT:
      return Kind::kInvalidUrl;
    case CURLE_UNSUPPORTED_PROTOCOL:
      // Before the request, curl refused the URL's scheme; after it, the
      // reply did not parse as HTTP/1.x.
      return evidence.request_started ? Kind::kReceive : Kind::kInvalidUrl;
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
    case CURLE_SSL_CLIENTCERT:
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

namespace {

const char* Description(CURLcode code, TransportError::Kind kind) {
  switch (kind) {
    case TransportError::Kind::kResolve:
      return "could not resolve the host name";
    case TransportError::Kind::kConnect:
      return "could not connect";
    case TransportError::Kind::kTls:
      return "TLS handshake or certificate verification failed";
    case TransportError::Kind::kTimeout:
      return "timed out";
    case TransportError::Kind::kSend:
      return "connection failed while sending the request";
    case TransportError::Kind::kReceive:
      return code == CURLE_UNSUPPORTED_PROTOCOL
                 ? "the reply is not an HTTP/1.x response (another protocol, an unsupported "
                   "HTTP version or an HTTP/0.9 reply); the request may have reached the service"
                 : "connection failed before a complete response arrived";
    case TransportError::Kind::kInvalidUrl:
      return code == CURLE_UNSUPPORTED_PROTOCOL
                 ? "the URL is malformed: its scheme is not http or https"
                 : "the URL is malformed";
    case TransportError::Kind::kOther:
      break;
  }
  return "request failed";
}

// Where the word holding s[at] starts: after the last blank, quote or bracket
// that can open a URL in curl's text. Not after ',', ';', '=' (they may stand
// unencoded in a password) or '<' (the start of "<redacted>" itself).
std::size_t WordStart(const std::string& s, std::size_t at) {
  while (at > 0) {
    const char c = s[at - 1];
    if (c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '`' || c == '(') break;
    --at;
  }
  return at;
}

}  // namespace

std::string ScrubUrlUserinfo(const std::string& text) {
  static const std::string kRedacted = "<redacted>";
  std::string out = text;
  for (std::size_t at = out.find('@'); at != std::string::npos; at = out.find('@', at + 1)) {
    const std::size_t word = WordStart(out, at);
    const std::size_t scheme_end = out.find("://", word);
    std::size_t from = word;
    if (scheme_end != std::string::npos && scheme_end < at) {
      // scheme://USERINFO@host: whatever stands between is a user name and
      // maybe a password (a second '@' of an unencoded password widens it).
      from = scheme_end + 3;
    } else if (out.find(':', word) >= at) {
      // A bare "name@host" without a colon is an address, not a credential.
      continue;
    }
    if (out.compare(from, at - from, kRedacted) == 0) continue;
    out.replace(from, at - from, kRedacted);
    at = from + kRedacted.size();
  }
  return out;
}

TransportError MakeTransportError(CURLcode code, const char* error_buffer,
                                  const TransferEvidence& evidence) {
  const TransportError::Kind kind = TransportErrorKind(code, evidence);
  std::string message = Description(code, kind);
  // curl's detail names hosts, ports and certificate problems, never request
  // headers; but it may quote a URL, such as a proxy from http_proxy with its
  // password, so any userinfo is scrubbed before it enters the message.
  const std::string detail = ScrubUrlUserinfo(
      error_buffer != nullptr && *error_buffer != '\0' ? error_buffer : curl_easy_strerror(code));
  message += ": " + detail + " (curl code " + std::to_string(static_cast<int>(code)) + ")";
  return TransportError(kind, message, RequestMayHaveBeenSent(code, evidence));
}

}  // namespace internal
}  // namespace csms
