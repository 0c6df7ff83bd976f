#ifndef CSMS_OPTIONS_H_
#define CSMS_OPTIONS_H_

/// @file
/// Client configuration.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "csms/credentials.h"
#include "csms/credentials_provider.h"
#include "csms/http.h"
#include "csms/models.h"
#include "csms/requests.h"
#include "csms/telemetry.h"

namespace csms {

/// How much a ClientOptions::log_sink receives.
enum class LogLevel {
  /// One line per HTTP attempt: method, path, status (or transport error),
  /// duration, request id, attempt number and the retry decision.
  kAttempts,
  /// As kAttempts, plus a line per request with its headers. Only Host,
  /// Content-Type, Content-Length, X-Project-Id, X-Sdk-Date and User-Agent are
  /// shown; every other value (Authorization, X-Auth-Token, X-Security-Token,
  /// ...) is replaced by "<redacted>". Bodies are never logged, only their size.
  kDebug,
};

/// Everything CsmsClient needs to know. CsmsClient checks it at construction and
/// throws ConfigurationError naming the first problem.
struct ClientOptions {
  /// A Huawei Cloud region id, e.g. "cn-north-4" (lower-case letters, digits
  /// and '-'). Its endpoints come from HUAWEICLOUD_SDK_REGION_CSMS_{REGION} (a
  /// comma list; REGION upper-cased, '-' as '_'), else the regions file
  /// (HUAWEICLOUD_SDK_REGIONS_FILE, else ~/.huaweicloud/regions.yaml), else
  /// the built-in list (https://kms.{region}.myhuaweicloud.com: CSMS is served
  /// by the KMS host), read at construction (docs/configuration.md,
  /// "Endpoints"). With several, an attempt that could not reach one (resolve,
  /// connect or TLS failure, nothing sent) goes on to the next.
  std::string region;
  /// Overrides region. Must be https, except plain http to a loopback host: any
  /// 127.0.0.0/8 address written as four decimal octets (127.0.0.1, 127.0.0.2,
  /// ...), ::1 or localhost (the emulator). No path, query or credentials in it.
  std::string endpoint;
  /// The project id: 32 to 64 hexadecimal characters. When empty and region is
  /// set, the client discovers it at its first call: GET
  /// /v3/projects?name={region} on IAM (see iam_endpoint), signed with the
  /// client's credentials, once per process for each (access key or token,
  /// region, IAM endpoint) and shared by every client; a failure is not
  /// remembered (the next call asks again). That call then throws
  /// ConfigurationError when IAM shows no project or several named region
  /// (the message says which, and to set project_id), CredentialsError when IAM
  /// refuses the credentials, TransportError when IAM cannot be reached. Empty
  /// with no region is a ConfigurationError at construction.
  std::string project_id;
  /// The IAM endpoint project id discovery asks (unused when project_id is
  /// set). Empty means HUAWEICLOUD_SDK_IAM_ENDPOINT, then the profile file's
  /// iam_endpoint, then the region's IAM endpoint. Same rules as endpoint
  /// (https, or plain http to loopback); a set value is checked at construction.
  std::string iam_endpoint;
  /// How to authenticate, when it is one fixed value (use
  /// Credentials::Anonymous() for an emulator that checks nothing). Ignored when
  /// credentials_provider is set. When both are unset the client uses
  /// MakeDefaultCredentialsProviderChain(), read at the first call (constructing
  /// the client does no I/O); a call then fails with CredentialsError if no
  /// source has credentials.
  Credentials credentials;
  /// Where credentials come from when they can change (temporary credentials,
  /// a file, a chain of sources): asked before every attempt, and told
  /// (Invalidate()) when the service rejects what it gave, after which the call
  /// is retried once with fresh credentials. Wins over credentials.
  std::shared_ptr<CredentialsProvider> credentials_provider;

  /// Time allowed to connect (TCP and TLS). Must be positive. Default
  /// kDefaultConnectTimeout (10 s), as for CurlTransportOptions.
  std::chrono::milliseconds connect_timeout = kDefaultConnectTimeout;
  /// Default total time for one HTTP exchange; CallOptions::timeout overrides it.
  /// Must be positive. Default kDefaultRequestTimeout (30 s).
  std::chrono::milliseconds request_timeout = kDefaultRequestTimeout;

  /// PEM bundle of trusted CAs for TLS; empty means the system store.
  /// Verification of the server certificate and host name is always on.
  std::string ca_file;
  /// Directory of hashed CA certificates; empty means the system store.
  std::string ca_path;
  /// Proxy URL, e.g. "http://proxy.example.com:3128"; empty means none.
  std::string proxy;
  /// Hosts that bypass the proxy, comma-separated.
  std::string no_proxy;

  /// Appended to the SDK's User-Agent ("csms-sdk-cpp/VERSION suffix").
  std::string user_agent_suffix;

  /// Headers added to every request (e.g. {"X-Language", "en-us"} or a
  /// tracing header), after the SDK's own and before signing: with AK/SK
  /// credentials they are signed like every other header (SignedHeaders).
  /// CallOptions::extra_headers adds to them and wins for the same name.
  /// Rules: the name is an RFC 9110 token (letters, digits and the other
  /// "tchar" characters of RFC 9110 section 5.6.2), at most 256 bytes; the value visible ASCII,
  /// spaces and tabs inside only (no CR, LF or other control characters, no leading or trailing
  /// blank), at most 4096 bytes; at most 32 headers, no name twice; and no header the SDK or the
  /// transport owns: Host, Authorization, X-Project-Id, X-Domain-Id, X-Security-Token,
  /// X-Auth-Token, any X-Sdk-* (X-Sdk-Date, X-Sdk-Content-Sha256), Content-Type, Content-Length,
  /// Content-Encoding, Transfer-Encoding, Expect, Connection, Keep-Alive,
  /// Proxy-Connection, Proxy-Authorization, TE, Trailer, Upgrade, User-Agent
  /// (use user_agent_suffix), Accept, Accept-Encoding. Names are compared
  /// without regard to case. Values are never logged (docs/logging.md) and
  /// never quoted in an error message. A breach throws ConfigurationError.
  HttpHeaders extra_headers;

  /// Retry settings; CallOptions::retry overrides them per call.
  RetryOptions retry;
  /// Time allowed for a whole call, retries and backoff included;
  /// CallOptions::deadline overrides it. Must be positive.
  std::chrono::milliseconds call_deadline{std::chrono::minutes(2)};
  /// Response bodies larger than this many bytes fail with TransportError
  /// instead of growing memory. Must be positive. Default
  /// kDefaultMaxResponseBytes (8 MiB).
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;

  /// Receives log lines (see LogLevel); empty (the default) means no logging.
  /// Called from the thread making the call; must be thread-safe if the
  /// client is shared. Never receives a credential, a secret value or a body.
  std::function<void(const std::string& line)> log_sink;
  /// How much log_sink receives.
  LogLevel log_level = LogLevel::kAttempts;
  /// Told when each call and attempt starts and ends (see Telemetry and
  /// docs/observability.md); empty (the default) costs nothing. Shared by
  /// every copy of the client; called concurrently by concurrent calls.
  std::shared_ptr<Telemetry> telemetry;

  /// The HTTP transport; empty means MakeCurlTransport() built from the
  /// timeout, TLS and proxy settings above (which a custom transport ignores).
  std::shared_ptr<HttpTransport> transport;

  /// The clock used for X-Sdk-Date; empty means the system clock. Tests set it
  /// to produce reproducible signatures.
  std::function<Timestamp()> clock;
  /// The clock deadlines are measured with; empty means std::chrono::steady_clock.
  std::function<std::chrono::steady_clock::time_point()> monotonic_clock;
  /// Waits between attempts; empty means std::this_thread::sleep_for. Tests
  /// replace it to run without real waiting and to observe each delay.
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Uniform random numbers in [0, 1) for backoff jitter; empty means a
  /// per-thread Mersenne Twister seeded from std::random_device.
  std::function<double()> random;

  /// Reads CSMS_ENDPOINT, CSMS_REGION, HUAWEICLOUD_SDK_PROJECT_ID and the
  /// credentials of Credentials::FromEnvironment(). Unset variables leave their
  /// fields empty; CsmsClient reports what is missing. When the environment
  /// names no credentials, `credentials` stays unset, so the client uses
  /// MakeDefaultCredentialsProviderChain() (profile file, CCE pod identity, ECS
  /// instance metadata) at its first call: the same program works with keys in
  /// the environment on a laptop and with temporary credentials on a cloud
  /// instance. Same as FromEnvironment(Credentials()).
  /// @throws ConfigurationError when only one of HUAWEICLOUD_SDK_AK and
  ///         HUAWEICLOUD_SDK_SK is set.
  static ClientOptions FromEnvironment();

  /// As FromEnvironment(), except that an environment naming no credentials at
  /// all is not an error: credentials is then when_none. Pass
  /// Credentials::Anonymous() for an emulator, or Credentials() (unset) to
  /// decide afterwards, as the csms tool does (anonymous only for a plain-http
  /// endpoint, which the client accepts only on loopback).
  /// @throws ConfigurationError when only one of HUAWEICLOUD_SDK_AK and
  ///         HUAWEICLOUD_SDK_SK is set (half a key pair is a mistake, never a
  ///         reason to use when_none).
  static ClientOptions FromEnvironment(Credentials when_none);
};

/// The libcurl settings a CsmsClient built from `options` would use (timeouts,
/// CA file and path, proxy, no_proxy, max_response_bytes), for a custom
/// HttpTransport that wraps MakeCurlTransport: ClientOptions::transport
/// replaces the whole HTTP layer, so those fields would otherwise be ignored.
/// Values are copied as they are; CsmsClient checks them.
/// @throws nothing beyond std::bad_alloc.
CurlTransportOptions CurlTransportOptionsFrom(const ClientOptions& options);

/// The endpoints of a region, in the order a client tries them, from the same
/// sources as a client with this region and no ClientOptions::endpoint:
/// HUAWEICLOUD_SDK_REGION_CSMS_{REGION} (upper case, '-' as '_'; a comma list),
/// else the regions file (HUAWEICLOUD_SDK_REGIONS_FILE, else
/// ~/.huaweicloud/regions.yaml), else the built-in list (see
/// docs/configuration.md, Endpoints). Each is checked as ClientOptions::endpoint
/// is and given as "scheme://host[:port]" without a trailing '/'. Reads the
/// environment and the regions file at every call; never empty.
/// @throws ConfigurationError for a region id that is not one (lower-case
///         letters, digits and '-'), a variable or regions file that cannot be
///         used or holds an unusable endpoint (naming it), and a region none of
///         the sources knows.
std::vector<std::string> EndpointsForRegion(const std::string& region);

/// The first of EndpointsForRegion(region), the endpoint a client tries
/// first, e.g. "https://kms.cn-north-4.myhuaweicloud.com" from the built-in list.
/// @throws ConfigurationError as EndpointsForRegion does.
std::string EndpointForRegion(const std::string& region);

}  // namespace csms

#endif  // CSMS_OPTIONS_H_
