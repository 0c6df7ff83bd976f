#ifndef CSMS_HTTP_H_
#define CSMS_HTTP_H_

/// @file
/// The pluggable HTTP layer. CsmsClient validates, encodes and signs a request,
/// then hands the finished bytes to an HttpTransport. Tests and unusual
/// environments can supply their own transport and see exactly what would be sent.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace csms {

/// A header list in sending order. Names are compared case-insensitively.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// A finished, signed request.
struct HttpRequest {
  std::string method;   ///< "GET", "POST", "PUT" or "DELETE"
  std::string url;      ///< absolute URL; its query is already canonical
  HttpHeaders headers;  ///< includes Host and all signed headers
  std::string body;     ///< exact bytes to send (empty for GET and DELETE)
  /// Total time allowed for this exchange; zero means the transport's default.
  std::chrono::milliseconds timeout{0};
};

/// What the server sent back, whatever its status.
struct HttpResponse {
  int status_code = 0;  ///< the HTTP status, e.g. 200 or 404
  HttpHeaders headers;  ///< response headers in received order
  std::string body;     ///< the complete body bytes
  /// True when the transport sent the request more than once to get this
  /// response. libcurl re-sends a request once when a reused keep-alive
  /// connection turns out to be dead before any response byte arrived; the
  /// curl transport allows that only for GET, PUT and DELETE. A DELETE that
  /// was re-sent and then answered 404 had already succeeded.
  bool resent = false;
};

/// Sends one request and returns the response.
///
/// Implementations must be safe to call from many threads at once, must return
/// every HTTP status (4xx and 5xx included) as a response, and must throw
/// TransportError only when no complete response was received.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// @throws TransportError when no response was received.
  virtual HttpResponse Send(const HttpRequest& request) = 0;
};

/// Default time allowed to connect (TCP and TLS): 10 s. The one definition
/// behind both CurlTransportOptions::connect_timeout and
/// ClientOptions::connect_timeout.
inline constexpr std::chrono::milliseconds kDefaultConnectTimeout = std::chrono::seconds(10);
/// Default total time for one HTTP exchange: 30 s (CurlTransportOptions and
/// ClientOptions request_timeout).
inline constexpr std::chrono::milliseconds kDefaultRequestTimeout = std::chrono::seconds(30);
/// Default cap on a response body: 8 MiB, in bytes (CurlTransportOptions and
/// ClientOptions max_response_bytes).
inline constexpr std::size_t kDefaultMaxResponseBytes = std::size_t{8} * 1024 * 1024;

/// Settings of the libcurl transport. CsmsClient fills them from the
/// ClientOptions fields of the same names; the defaults are the same.
struct CurlTransportOptions {
  /// Time allowed to establish a connection (TCP and TLS).
  std::chrono::milliseconds connect_timeout = kDefaultConnectTimeout;
  /// Default total time for one exchange; HttpRequest::timeout overrides it.
  std::chrono::milliseconds request_timeout = kDefaultRequestTimeout;
  /// PEM bundle of trusted CAs; empty means the system default.
  std::string ca_file;
  /// Directory of hashed CA certificates; empty means the system default.
  std::string ca_path;
  /// Proxy URL, e.g. "http://proxy:3128"; empty means none (curl's own
  /// environment variables such as HTTPS_PROXY are still honoured).
  std::string proxy;
  /// Hosts that bypass the proxy, comma-separated ("*" for all).
  std::string no_proxy;
  /// Idle connections kept for reuse. Each one is a curl handle with its own
  /// connection; busy threads beyond this many get a temporary handle.
  std::size_t max_idle_connections = 16;
  /// A response body larger than this, in bytes, aborts the transfer with a
  /// TransportError (kind kReceive) rather than growing memory.
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
};

/// The default transport: libcurl, with connections kept alive and reused
/// across calls and threads (a POST is never re-sent on a new connection:
/// when its reused connection dies before answering, Send throws
/// TransportError kReceive so that the client can reconcile), TLS peer and host verification always
/// on, and every call bounded by the connect and total timeouts. libcurl is initialised once per
/// process on first use; there is no global init call to make.
///
/// Failures: Send throws TransportError with request_may_have_been_sent()
/// false only when libcurl never reached the point of writing the request
/// (its pre-request callback did not run), whatever the curl code. A reply
/// that is not HTTP/1.x (an unsupported version such as "HTTP/1.2", another
/// protocol's banner, HTTP/0.9) and a response cut before the end of its
/// headers are kReceive failures that may have been sent; a short body
/// (Content-Length not met) too. A malformed URL is kInvalidUrl. A body the
/// server compresses (gzip, deflate, br, zstd) is decoded although no
/// Accept-Encoding is sent, and max_response_bytes counts decoded bytes.
///
/// Threads and fork(): one transport serves many threads. Its connection
/// pool belongs to the process that filled it: in a child after fork(), the
/// first Send drops the inherited connections without reading from or
/// writing to their sockets (they are the parent's too) and opens new ones.
/// Its sockets are close-on-exec.
/// @throws ConfigurationError when libcurl cannot be initialised.
std::shared_ptr<HttpTransport> MakeCurlTransport(const CurlTransportOptions& options = {});

}  // namespace csms

#endif  // CSMS_HTTP_H_
