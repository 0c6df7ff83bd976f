#ifndef CSMS_SRC_INTERNAL_CURL_ERRORS_H_
#define CSMS_SRC_INTERNAL_CURL_ERRORS_H_

// libcurl result codes to TransportError, and whether the request may have
// reached the server (the proof a create's retry needs).

#include <curl/curl.h>

#include <string>

#include "csms/errors.h"

namespace csms {
namespace internal {

/// What the transport saw of one transfer: the evidence that decides whether
/// the request may have been sent when the code alone cannot tell.
struct TransferEvidence {
  /// libcurl was about to write the request at least once: its pre-request
  /// callback (CURLOPT_PREREQFUNCTION) ran, on a fresh or a reused connection.
  /// libcurl calls it before the first request byte is handed to the socket,
  /// so false is the proof that nothing of the request was sent.
  bool request_started = false;
};

/// Where in an exchange libcurl can report a code.
enum class CurlCodePhase {
  /// Only while setting up a connection, before the request is written on it
  /// (a transfer that already wrote the request on a reused connection can
  /// still fail this way on the fresh one: the evidence says so).
  kBeforeRequest,
  /// Before or after the request is written (a receive error during a TLS or
  /// proxy handshake, a timeout, a reply that is not HTTP, any code unknown to
  /// this table): only the evidence tells.
  kEitherSide,
  /// Only once a request was written and its response is being read.
  kAfterRequest,
};

/// The phase of a CURLcode other than CURLE_OK.
CurlCodePhase PhaseOf(CURLcode code);

/// Whether the server may have received the request: false only when the
/// evidence proves that no request byte was handed to the network.
bool RequestMayHaveBeenSent(CURLcode code, const TransferEvidence& evidence);

/// The failure class of a CURLcode other than CURLE_OK. CURLE_UNSUPPORTED_PROTOCOL
/// is a URL problem before the request and a reply that is not HTTP/1.x after it.
TransportError::Kind TransportErrorKind(CURLcode code, const TransferEvidence& evidence);

/// text with the userinfo of every URL replaced by "<redacted>":
/// "scheme://user:pass@host" becomes "scheme://<redacted>@host", and a bare
/// "user:pass@host" becomes "<redacted>@host". A "name@host" without a colon
/// or scheme is kept. For libcurl's error text, which can quote the proxy URL
/// (from http_proxy and friends) or a URL it was handed.
std::string ScrubUrlUserinfo(const std::string& text);

/// The TransportError for a failed transfer: its kind, what failed in words,
/// curl's own detail (error_buffer, may be null or empty), the code, and
/// whether the request may have been sent. The detail goes through
/// ScrubUrlUserinfo.
TransportError MakeTransportError(CURLcode code, const char* error_buffer,
                                  const TransferEvidence& evidence);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CURL_ERRORS_H_
