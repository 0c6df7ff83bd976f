#ifndef CSMS_SRC_INTERNAL_CLIENT_CONFIG_H_
#define CSMS_SRC_INTERNAL_CLIENT_CONFIG_H_

// ClientOptions checked and turned into what every call needs.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "csms/credentials.h"
#include "csms/http.h"
#include "csms/models.h"
#include "csms/options.h"
#include "internal/project_scope.h"
#include "internal/signing_credentials.h"
#include "internal/url.h"

namespace csms {
namespace internal {

/// Where requests go: one endpoint of the service.
struct ServiceEndpoint {
  std::string base_url;     // "https://kms.cn-north-4.myhuaweicloud.com", no trailing slash
  std::string host_header;  // "kms.cn-north-4.myhuaweicloud.com" (":port" when not default)
};

struct ClientConfig {
  /// The endpoint requests are built for (the first of `endpoints` as
  /// resolved; ClientImpl makes one config per endpoint for failover).
  std::string base_url;     // "https://kms.cn-north-4.myhuaweicloud.com", no trailing slash
  std::string host_header;  // "kms.cn-north-4.myhuaweicloud.com" (":port" when not default)
  /// Every endpoint, in the order they are tried (ClientOptions::endpoint,
  /// else the region's: endpoint_sources.h); at least one after ResolveClientConfig.
  std::vector<ServiceEndpoint> endpoints;
  /// The project of every path: given, or discovered at the first call; never
  /// null after ResolveClientConfig.
  std::shared_ptr<const ProjectScope> project;
  /// Where each attempt's credentials come from; never null after
  /// ResolveClientConfig.
  std::shared_ptr<const CredentialsSource> credentials;
  std::string user_agent;
  HttpHeaders extra_headers;  // ClientOptions::extra_headers, checked
  std::chrono::milliseconds request_timeout{0};
  std::shared_ptr<HttpTransport> transport;
  std::function<Timestamp()> clock;

  RetryOptions retry;
  std::chrono::milliseconds call_deadline{0};
  std::function<void(const std::string&)> log_sink;  // empty: no logging
  LogLevel log_level = LogLevel::kAttempts;
  std::shared_ptr<Telemetry> telemetry;  // empty: no hooks
  std::function<std::chrono::steady_clock::time_point()> monotonic_clock;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random;
};

/// What is wrong with retry settings: the field ("retry.<field>") and why.
struct RetryOptionsProblem {
  const char* field;
  const char* reason;
};

/// The first problem with retry settings (max_attempts >= 1, non-negative
/// backoffs), or nothing. CheckRetryOptions and ResolveClientConfig share it, so the client's
/// ConfigurationError and a call's ValidationError give the same reason.
std::optional<RetryOptionsProblem> FindRetryOptionsProblem(const RetryOptions& retry);

/// Throws ValidationError naming "retry.<field>" and the reason (retry
/// settings may come from CallOptions).
void CheckRetryOptions(const RetryOptions& retry);

/// Builds the transport when ClientOptions::transport is empty; MakeCurlTransport
/// in production, a counting fake in tests.
using TransportFactory =
    std::function<std::shared_ptr<HttpTransport>(const CurlTransportOptions& options)>;

/// The curl settings of options: its timeouts, TLS, proxy and size limit.
CurlTransportOptions CurlOptionsFrom(const ClientOptions& options);

/// endpoint checked and made a base URL ("https://host[:port]", no trailing
/// slash): https, or plain http to a loopback host; no user information, path
/// or query. `what` names it in messages ("endpoint", "iam_endpoint").
/// @throws ConfigurationError naming `what` and the problem.
std::string CheckedBaseUrl(const std::string& what, std::string endpoint, UrlParts* url);

/// The endpoints of region in the order they are tried, from the sources of
/// endpoint_sources.h, each checked as ClientOptions::endpoint is (a message
/// names the source and the item). EndpointsForRegion and a client with a
/// region share it, so they cannot disagree.
/// @throws ConfigurationError
std::vector<ServiceEndpoint> ResolveRegionEndpoints(const std::string& region);

/// Checks every option first, throwing ConfigurationError naming the first
/// problem, and only then resolves the endpoint and user agent, the credentials
/// source (credentials_provider, else fixed credentials, else the default
/// chain, which reads nothing until the first call) and builds the transport
/// (with make_transport unless options.transport is set).
ClientConfig ResolveClientConfig(ClientOptions options,
                                 const TransportFactory& make_transport = MakeCurlTransport);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CLIENT_CONFIG_H_
