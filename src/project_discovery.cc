#include "internal/project_discovery.h"

#include <utility>

#include "csms/errors.h"
#include "internal/crypto.h"
#include "internal/environment.h"
#include "internal/error_mapping.h"
#include "internal/json_reader.h"
#include "internal/project_id_cache.h"
#include "internal/project_listing.h"
#include "internal/request_builder.h"

namespace csms {
namespace internal {
namespace {

// What discovery keeps of the client: copies, so that it does not depend on
// the ClientConfig being built.
struct DiscoveryContext {
  std::string region;
  std::string iam_endpoint;  // ClientOptions::iam_endpoint, checked; may be empty
  std::shared_ptr<const CredentialsSource> credentials;
  std::shared_ptr<HttpTransport> transport;
  std::function<Timestamp()> clock;
  std::string user_agent;
  std::chrono::milliseconds timeout{0};
};

// Who the credentials are, for the cache key: never the secret itself (a
// token is a secret, and counted as such here even where only hashed).
std::string IdentityOf(const Credentials& credentials) {
  switch (credentials.kind()) {
    case Credentials::Kind::kAkSk:
      return "ak:" + Sha256Hex(credentials.access_key());
    case Credentials::Kind::kToken:
      return "token:" + Sha256Hex(credentials.token());
    case Credentials::Kind::kAnonymous:
    case Credentials::Kind::kUnset:
      break;
  }
  return "anonymous";
}

// The IAM endpoint, checked, as a base URL.
std::string IamBaseUrl(const DiscoveryContext& context, UrlParts* url) {
  std::string endpoint = context.iam_endpoint;
  if (endpoint.empty()) endpoint = GetEnv("HUAWEICLOUD_SDK_IAM_ENDPOINT").value_or("");
  if (endpoint.empty()) endpoint = "https://iam." + context.region + ".myhuaweicloud.com";
  return CheckedBaseUrl("iam_endpoint", std::move(endpoint), url);
}

std::string FetchProjectId(const DiscoveryContext& context, const SigningCredentials& signing,
                           const std::string& base_url, const UrlParts& url) {
  ClientConfig iam;
  iam.base_url = base_url;
  iam.host_header = HostHeader(url);
  iam.clock = context.clock;
  iam.user_agent = context.user_agent;
  // No X-Project-Id: IAM's project listing is not scoped to a project.
  const HttpRequest request = BuildSignedRequest(iam, signing, "GET", "/v3/projects",
                                                 {{"name", context.region}}, "", context.timeout);
  const HttpResponse response = context.transport->Send(request);
  if (response.status_code != 200) {
    const ErrorDetail detail = DecodeErrorDetail(response);
    throw CredentialsError("project id discovery: IAM GET /v3/projects answered HTTP " +
                           std::to_string(response.status_code) +
                           (detail.error_code.empty() ? "" : " " + detail.error_code));
  }
  try {
    return ProjectIdFromListing(response.body, context.region);
  } catch (const DecodeError& e) {
    throw CredentialsError(
        std::string("project id discovery: IAM GET /v3/projects answered out of contract: ") +
        e.what());
  }
}

std::string Discover(const DiscoveryContext& context) {
  UrlParts url;
  const std::string base_url = IamBaseUrl(context, &url);
  const auto signing = context.credentials->Acquire();
  const std::string key =
      IdentityOf(signing->credentials) + "\n" + context.region + "\n" + base_url;
  return ProjectIdCache::Process().Get(
      key, [&] { return FetchProjectId(context, *signing, base_url, url); });
}

}  // namespace

std::shared_ptr<const ProjectScope> MakeDiscoveredProject(const ClientConfig& config,
                                                          std::string region,
                                                          std::string iam_endpoint) {
  auto context = std::make_shared<DiscoveryContext>();
  context->region = std::move(region);
  context->iam_endpoint = std::move(iam_endpoint);
  context->credentials = config.credentials;
  context->transport = config.transport;
  context->clock = config.clock;
  context->user_agent = config.user_agent;
  context->timeout = config.request_timeout;
  return ProjectScope::Discovered([context] { return Discover(*context); });
}

}  // namespace internal
}  // namespace csms
