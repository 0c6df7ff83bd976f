// ECS/BMS instance metadata as a credentials source. The exchange follows
// huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go (paths,
// headers, the 21600-second session token, "go on without a token on 404,
// 405 or 503", "on a 401 that is not about the agency, get a new token and
// try once more"); the answer's shape is its iam_model.go. Refresh, single
// flight and backoff are internal::RefreshingCredentials.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "internal/credentials_fetch.h"
#include "internal/credentials_providers.h"
#include "internal/refreshing_credentials.h"
#include "internal/saturating_time.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

constexpr std::string_view kSource = "metadata";
constexpr std::string_view kTokenPath = "/meta-data/latest/api/token";
constexpr std::string_view kSecurityKeyPath = "/openstack/latest/securitykey";
constexpr std::string_view kNoAgency = "Please configure Cloud Service Agency first";
// The session token lifetime the Go SDK asks for (DefaultTokenTTLSeconds).
constexpr std::chrono::seconds kSessionTokenTtl{6 * 60 * 60};
// A session token is renewed this long before the service would drop it.
constexpr std::chrono::seconds kSessionTokenMargin{5 * 60};
// A session token is a short printable string; anything else is not one.
constexpr std::size_t kMaxSessionTokenBytes = 4096;

bool IsSessionToken(const std::string& text) {
  if (text.empty() || text.size() > kMaxSessionTokenBytes) return false;
  for (char c : text) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

// The endpoint as requests are built from it: scheme://host[:port].
std::string BaseOf(const std::string& endpoint) {
  UrlParts parts;
  std::string why;
  ParseUserUrl(endpoint, &parts, &why);  // checked before
  UrlParts base;
  base.scheme = parts.scheme;
  base.host = parts.host;
  base.port = parts.port;
  return parts.scheme + "://" + HostHeader(base);
}

class MetadataFetcher {
 public:
  MetadataFetcher(MetadataCredentialsOptions options, std::shared_ptr<HttpTransport> transport)
      : options_(std::move(options)),
        base_(BaseOf(options_.endpoint)),
        origin_("metadata " + base_),
        transport_(std::move(transport)) {}

  Credentials Fetch() {
    const Timestamp now = options_.clock();
    if (unreachable_ && now < unreachable_until_) {
      // No metadata service here (a laptop): a call fails in one timeout,
      // not in one per attempt.
      throw CredentialsError(unreachable_reason_ + " (not tried again for " +
                             std::to_string(kUnreachableMemory.count()) + " s)");
    }
    unreachable_ = false;
    try {
      return FetchNow(now);
    } catch (const SourceUnreachableError& e) {
      unreachable_ = true;
      unreachable_until_ = SaturatingAdd(now, kUnreachableMemory);
      unreachable_reason_ = ReasonOf(e);
      throw;
    }
  }

  static constexpr std::chrono::seconds kUnreachableMemory{30};

 private:
  Credentials FetchNow(Timestamp now) {
    if (!session_token_ || now >= session_token_until_) RenewSessionToken(now, false);
    HttpResponse answer = GetSecurityKey();
    if (answer.status_code == 401 && answer.body.find(kNoAgency) == std::string::npos) {
      // The session token was refused (expired, or the service restarted).
      RenewSessionToken(now, true);
      answer = GetSecurityKey();
    }
    if (answer.status_code == 401 && answer.body.find(kNoAgency) != std::string::npos) {
      throw CredentialsError("metadata: the instance has no agency (the metadata service says \"" +
                             std::string(kNoAgency) +
                             "\"): give the ECS/BMS instance an IAM agency");
    }
    if (answer.status_code != 200) {
      throw CredentialsError("metadata: GET " + std::string(kSecurityKeyPath) + " answered HTTP " +
                             std::to_string(answer.status_code));
    }
    return DecodeTemporaryCredentials(
               answer.body, std::string(kSource),
               {"credential", "access", "secret", "securitytoken", "expires_at"})
        .WithSource(origin_);
  }

  // `required`: after a 401, a service without session tokens is an error.
  void RenewSessionToken(Timestamp now, bool required) {
    HttpRequest request;
    request.method = "PUT";
    request.url = base_ + std::string(kTokenPath);
    request.headers = {{"X-Metadata-Token-Ttl-Seconds", std::to_string(kSessionTokenTtl.count())}};
    HttpResponse answer = Exchange(std::move(request));
    session_token_.reset();
    const int status = answer.status_code;
    if (status == 200) {
      if (!IsSessionToken(answer.body)) {
        throw CredentialsError("metadata: PUT " + std::string(kTokenPath) +
                               " answered something that is not a session token");
      }
      session_token_ = std::move(answer.body);
      session_token_until_ = SaturatingAdd(now, kSessionTokenTtl - kSessionTokenMargin);
      return;
    }
    if (!required && (status == 404 || status == 405 || status == 503)) return;
    throw CredentialsError("metadata: PUT " + std::string(kTokenPath) + " answered HTTP " +
                           std::to_string(status));
  }

  HttpResponse GetSecurityKey() {
    HttpRequest request;
    request.method = "GET";
    request.url = base_ + std::string(kSecurityKeyPath);
    if (session_token_) request.headers = {{"X-Metadata-Token", *session_token_}};
    return Exchange(std::move(request));
  }

  HttpResponse Exchange(HttpRequest request) {
    if (!transport_) transport_ = MakeCredentialsTransport(options_.timeout, {});
    return ExchangeForCredentials(*transport_, std::move(request), options_.timeout,
                                  std::string(kSource));
  }

  const MetadataCredentialsOptions options_;
  const std::string base_;
  const std::string origin_;
  // No mutex of its own: RefreshingCredentials runs one fetch at a time (and
  // orders them), and a lock held by a fetch that fork() copied half done would
  // never be released in the child.
  std::shared_ptr<HttpTransport> transport_;
  std::optional<std::string> session_token_;
  Timestamp session_token_until_{};
  bool unreachable_ = false;
  Timestamp unreachable_until_{};
  std::string unreachable_reason_;
};

}  // namespace

std::optional<std::string> MetadataEndpointProblem(const std::string& endpoint) {
  if (auto problem = CredentialsUrlProblem(endpoint, true)) return problem;
  UrlParts parts;
  std::string why;
  ParseUserUrl(endpoint, &parts, &why);
  if (parts.path != "/" || !parts.query.empty()) {
    return std::string("has a path or query; give only scheme, host and port");
  }
  return std::nullopt;
}

std::shared_ptr<CredentialsProvider> MakeMetadataCredentialsProvider(
    MetadataCredentialsOptions options, std::shared_ptr<HttpTransport> transport) {
  if (const auto problem = MetadataEndpointProblem(options.endpoint)) {
    throw ConfigurationError("MetadataCredentialsOptions::endpoint " + *problem);
  }
  if (options.timeout.count() <= 0) {
    throw ConfigurationError("MetadataCredentialsOptions::timeout must be positive");
  }
  if (options.refresh_before_expiry.count() < 0) {
    throw ConfigurationError(
        "MetadataCredentialsOptions::refresh_before_expiry must not be negative");
  }
  if (!options.clock) options.clock = &std::chrono::system_clock::now;
  RefreshingCredentialsOptions refreshing;
  refreshing.source = std::string(kSource);
  refreshing.refresh_before_expiry = options.refresh_before_expiry;
  refreshing.clock = options.clock;
  auto fetcher = std::make_shared<MetadataFetcher>(std::move(options), std::move(transport));
  refreshing.fetch = [fetcher] { return fetcher->Fetch(); };
  return std::make_shared<RefreshingCredentials>(std::move(refreshing));
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakeMetadataCredentialsProvider(
    MetadataCredentialsOptions options) {
  return internal::MakeMetadataCredentialsProvider(std::move(options), nullptr);
}

}  // namespace csms
