#include "internal/client_config.h"

#include <random>
#include <thread>
#include <utility>

#include "csms/errors.h"
#include "csms/version.h"
#include "internal/credentials_providers.h"
#include "internal/endpoint_sources.h"
#include "internal/environment.h"
#include "internal/extra_headers.h"
#include "internal/project_discovery.h"
#include "internal/url.h"
#include "internal/validation.h"

namespace csms {
namespace internal {
namespace {

// Declared lengths of what reaches a header, a URL or libcurl (credentials:
// signing_credentials.cc).
constexpr std::size_t kMaxUserAgentSuffixLength = 256;
constexpr std::size_t kMaxUrlLength = 2048;
constexpr std::size_t kMaxNoProxyLength = 4096;
constexpr std::size_t kMaxPathLength = 4096;

// Throws ConfigurationError "<what> <reason>" when value breaks its rule. The
// reason never quotes the value, which may be a secret.
void CheckText(const char* what, std::string_view value, std::size_t min_length,
               std::size_t max_length, TextCharset charset) {
  if (auto violation = TextRuleViolation(value, min_length, max_length, charset)) {
    throw ConfigurationError(std::string(what) + " " + *violation);
  }
}

bool IsHexProjectId(const std::string& id) {
  if (id.size() < 32 || id.size() > 64) return false;
  for (char c : id) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

// The endpoint as messages show it: quoted, unless it may carry a password.
std::string ShownEndpoint(const std::string& endpoint) {
  if (endpoint.find('@') != std::string::npos) return "(not shown: it contains '@')";
  return QuoteForMessage(endpoint);
}

// The proxy schemes libcurl supports; the proxy is never shown (it may hold a
// password).
void CheckProxy(const std::string& proxy) {
  CheckText("proxy", proxy, 0, kMaxUrlLength, TextCharset::kPrintableNoSpace);
  if (proxy.empty()) return;
  // libcurl reads "host:port" as an http proxy; parse it the same way.
  const std::string url = proxy.find("://") == std::string::npos ? "http://" + proxy : proxy;
  UrlParts parts;
  std::string why;
  if (!ParseUserUrl(url, &parts, &why)) throw ConfigurationError("proxy " + why);
  for (const char* scheme : {"http", "https", "socks4", "socks4a", "socks5", "socks5h"}) {
    if (parts.scheme == scheme) return;
  }
  throw ConfigurationError("proxy must use http, https, socks4, socks4a, socks5 or socks5h");
}

// ClientOptions::endpoint, else the region's endpoints (endpoint_sources.h),
// each checked as ClientOptions::endpoint is; a message about one of a
// region's endpoints says where it came from.
std::vector<ServiceEndpoint> ResolveEndpoints(const ClientOptions& options) {
  std::vector<ServiceEndpoint> resolved;
  UrlParts url;
  if (!options.endpoint.empty()) {
    std::string base_url = CheckedBaseUrl("endpoint", options.endpoint, &url);
    resolved.push_back({std::move(base_url), HostHeader(url)});
    return resolved;
  }
  if (options.region.empty()) throw ConfigurationError("set region (e.g. cn-north-4) or endpoint");
  return ResolveRegionEndpoints(options.region);
}

// Fixed credentials (ClientOptions::credentials, or a static provider) are
// checked now; a provider's are checked as they arrive (CredentialsSource).
// Unset credentials without a provider mean the default chain.
void CheckCredentials(const ClientOptions& options) {
  const Credentials* fixed = &options.credentials;
  if (options.credentials_provider) {
    fixed = StaticCredentialsOf(*options.credentials_provider);
  } else if (options.credentials.kind() == Credentials::Kind::kUnset) {
    fixed = nullptr;
  }
  if (fixed == nullptr) return;
  if (auto problem = CredentialsProblem(*fixed)) throw ConfigurationError(*problem);
}

std::shared_ptr<const CredentialsSource> ResolveCredentials(ClientOptions& options) {
  if (options.credentials_provider) {
    if (const Credentials* fixed = StaticCredentialsOf(*options.credentials_provider)) {
      return std::make_shared<const CredentialsSource>(*fixed);
    }
    return std::make_shared<const CredentialsSource>(std::move(options.credentials_provider));
  }
  if (options.credentials.kind() != Credentials::Kind::kUnset) {
    return std::make_shared<const CredentialsSource>(std::move(options.credentials));
  }
  // No I/O here: each source of the chain reads at the first Get(). Its
  // fetching sources compare expirations with the client's clock, the one
  // X-Sdk-Date is signed with.
  return std::make_shared<const CredentialsSource>(
      MakeDefaultCredentialsChainFrom(&GetEnv, options.clock));
}

}  // namespace

namespace {

// Every check, before anything is built: an invalid option anywhere in
// ClientOptions is reported without a transport (a curl pool) being created.
// Returns the endpoints.
std::vector<ServiceEndpoint> CheckClientOptions(const ClientOptions& options) {
  std::vector<ServiceEndpoint> endpoints = ResolveEndpoints(options);
  if (options.project_id.empty() && options.region.empty()) {
    // Discovery looks the project up by the region's name: without a region
    // there is nothing to look up.
    throw ConfigurationError(
        "project_id is required (HUAWEICLOUD_SDK_PROJECT_ID), or set region to have it "
        "discovered from IAM");
  }
  if (!options.project_id.empty() && !IsHexProjectId(options.project_id)) {
    throw ConfigurationError("project_id " + QuoteForMessage(options.project_id) +
                             " is not a project id (32 to 64 hexadecimal characters)");
  }
  if (!options.iam_endpoint.empty()) {
    UrlParts iam_url;
    CheckedBaseUrl("iam_endpoint", options.iam_endpoint, &iam_url);
  }
  CheckCredentials(options);
  if (options.connect_timeout.count() <= 0) {
    throw ConfigurationError("connect_timeout must be positive");
  }
  if (options.request_timeout.count() <= 0) {
    throw ConfigurationError("request_timeout must be positive");
  }
  CheckText("user_agent_suffix", options.user_agent_suffix, 0, kMaxUserAgentSuffixLength,
            TextCharset::kPrintable);
  // libcurl takes these as C strings: a NUL would cut them silently, CR/LF
  // would fail later as a retried resolve error. The proxy may hold a
  // password, so no message quotes it. Checked even with a custom transport,
  // which ignores them: a bad value is a mistake either way.
  CheckProxy(options.proxy);
  CheckText("no_proxy", options.no_proxy, 0, kMaxNoProxyLength, TextCharset::kPrintable);
  CheckText("ca_file", options.ca_file, 0, kMaxPathLength, TextCharset::kNoControl);
  CheckText("ca_path", options.ca_path, 0, kMaxPathLength, TextCharset::kNoControl);
  if (options.call_deadline.count() <= 0) {
    throw ConfigurationError("call_deadline must be positive");
  }
  if (options.max_response_bytes == 0) {
    throw ConfigurationError("max_response_bytes must be positive");
  }
  if (const auto problem = FindRetryOptionsProblem(options.retry)) {
    throw ConfigurationError(std::string(problem->field) + " " + problem->reason);
  }
  CheckClientExtraHeaders(options.extra_headers);
  return endpoints;
}

}  // namespace

std::vector<ServiceEndpoint> ResolveRegionEndpoints(const std::string& region) {
  RegionEndpoints found = FindRegionEndpoints(region, &GetEnv);
  std::vector<ServiceEndpoint> resolved;
  UrlParts url;
  for (std::size_t i = 0; i < found.endpoints.size(); ++i) {
    const std::string what = found.source + ", endpoint " + std::to_string(i + 1);
    std::string base_url = CheckedBaseUrl(what, std::move(found.endpoints[i]), &url);
    resolved.push_back({std::move(base_url), HostHeader(url)});
  }
  return resolved;
}

std::string CheckedBaseUrl(const std::string& what, std::string endpoint, UrlParts* url) {
  if (const auto violation =
          TextRuleViolation(endpoint, 1, kMaxUrlLength, TextCharset::kPrintableNoSpace)) {
    // Whitespace from a mounted secret or an env file, a NUL, a megabyte: say
    // what is wrong without echoing it raw.
    throw ConfigurationError(what + " " + ShownEndpoint(endpoint) + " " + *violation);
  }
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  // libcurl's own parser: what passes here is what the transport connects to.
  std::string why;
  if (!ParseUserUrl(endpoint, url, &why)) {
    throw ConfigurationError(what + " " + ShownEndpoint(endpoint) + " " + why);
  }
  if (url->has_userinfo) {
    // Never echo it: the user part may hold a password.
    throw ConfigurationError(std::string(what) + " must not contain user information");
  }
  if (url->path != "/" || !url->query.empty() || url->has_fragment) {
    throw ConfigurationError(what + " " + ShownEndpoint(endpoint) +
                             " must be scheme://host[:port] without a path or query");
  }
  if (url->scheme == "http") {
    if (!IsLoopbackHost(url->host)) {
      throw ConfigurationError(what + " " + ShownEndpoint(endpoint) +
                               " uses plain http; http is only allowed to a loopback host "
                               "(127.0.0.0/8, ::1 or localhost), use https");
    }
  } else if (url->scheme != "https") {
    throw ConfigurationError(what + " " + ShownEndpoint(endpoint) + " must use https");
  }
  // Rebuilt from what libcurl parsed (lower-cased, IPv4 shorthand spelled out),
  // so that the URL sent and the Host header signed name the same host.
  std::string base = url->scheme + "://";
  base += url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
  if (url->port != 0) base += ":" + std::to_string(url->port);
  return base;
}

CurlTransportOptions CurlOptionsFrom(const ClientOptions& options) {
  CurlTransportOptions http;
  http.connect_timeout = options.connect_timeout;
  http.request_timeout = options.request_timeout;
  http.ca_file = options.ca_file;
  http.ca_path = options.ca_path;
  http.proxy = options.proxy;
  http.no_proxy = options.no_proxy;
  http.max_response_bytes = options.max_response_bytes;
  return http;
}

ClientConfig ResolveClientConfig(ClientOptions options, const TransportFactory& make_transport) {
  ClientConfig config;
  config.endpoints = CheckClientOptions(options);

  // Everything below only builds: nothing can fail on the options any more.
  config.base_url = config.endpoints.front().base_url;
  config.host_header = config.endpoints.front().host_header;
  config.credentials = ResolveCredentials(options);
  config.request_timeout = options.request_timeout;
  config.user_agent = std::string("csms-sdk-cpp/") + Version();
  if (!options.user_agent_suffix.empty()) config.user_agent += " " + options.user_agent_suffix;
  config.extra_headers = std::move(options.extra_headers);
  config.transport =
      options.transport ? std::move(options.transport) : make_transport(CurlOptionsFrom(options));
  config.clock = options.clock ? std::move(options.clock)
                               : std::function<Timestamp()>(&std::chrono::system_clock::now);
  config.retry = options.retry;
  config.call_deadline = options.call_deadline;
  config.log_sink = std::move(options.log_sink);
  config.log_level = options.log_level;
  config.telemetry = std::move(options.telemetry);
  config.monotonic_clock =
      options.monotonic_clock
          ? std::move(options.monotonic_clock)
          : std::function<std::chrono::steady_clock::time_point()>(&std::chrono::steady_clock::now);
  config.sleep = options.sleep
                     ? std::move(options.sleep)
                     : std::function<void(std::chrono::milliseconds)>(
                           [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
  config.random = options.random ? std::move(options.random) : std::function<double()>([] {
    // One generator per thread: no locking, and threads do not share a sequence.
    thread_local std::mt19937_64 generator{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
  });
  config.project = options.project_id.empty()
                       ? MakeDiscoveredProject(config, options.region, options.iam_endpoint)
                       : ProjectScope::Known(options.project_id);
  return config;
}

std::optional<RetryOptionsProblem> FindRetryOptionsProblem(const RetryOptions& retry) {
  if (retry.max_attempts < 1)
    return RetryOptionsProblem{"retry.max_attempts", "must be at least 1"};
  if (retry.initial_backoff.count() < 0) {
    return RetryOptionsProblem{"retry.initial_backoff", "must not be negative"};
  }
  if (retry.max_backoff.count() < 0) {
    return RetryOptionsProblem{"retry.max_backoff", "must not be negative"};
  }
  if (retry.max_retry_after.count() < 0) {
    return RetryOptionsProblem{"retry.max_retry_after", "must not be negative"};
  }
  if (retry.backoff != BackoffShape::kFullJitter && retry.backoff != BackoffShape::kEqualJitter &&
      retry.backoff != BackoffShape::kDecorrelatedJitter) {
    return RetryOptionsProblem{"retry.backoff", "is not one of the BackoffShape values"};
  }
  return std::nullopt;
}

void CheckRetryOptions(const RetryOptions& retry) {
  if (const auto problem = FindRetryOptionsProblem(retry)) {
    throw ValidationError(problem->field, problem->reason);
  }
}

}  // namespace internal
}  // namespace csms
