#include "internal/project_discovery.h"

#include <utility>

#include "csms/errors.h"
#include "internal/credentials_providers.h"
#include "internal/crypto.h"
#include "internal/environment.h"
#include "internal/iam_call.h"
#include "internal/iam_endpoint.h"
#include "internal/json_reader.h"
#include "internal/project_id_cache.h"
#include "internal/project_listing.h"

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

std::string FetchProjectId(const DiscoveryContext& context, const Credentials& credentials,
                           const std::string& endpoint) {
  IamConnection connection;
  connection.endpoint = endpoint;
  connection.transport = context.transport;
  connection.timeout = context.timeout;
  connection.clock = context.clock;
  IamRequest request;
  request.method = "GET";
  request.path = "/v3/projects";
  request.query = {{"name", context.region}};
  request.sign_with = &credentials;
  // Failures name the call, with IAM's status, code and request id (iam_call.h).
  const HttpResponse answer = CallIam(connection, request);
  try {
    return ProjectIdFromListing(answer.body, context.region);
  } catch (const DecodeError& e) {
    throw IamAnswerError(request, answer,
                         std::string("the project list is not as documented: ") + e.what());
  }
}

std::string Discover(const DiscoveryContext& context) {
  // Resolved at each discovery, not at construction: the environment may
  // change, and a construction does no I/O.
  // The profile file is read only when it can matter.
  std::string profile;
  if (context.iam_endpoint.empty() && !GetEnv(kIamEndpointVariable)) {
    profile = ProfileIamEndpoint(&GetEnv);
  }
  const std::string endpoint =
      ResolveIamEndpoint(context.iam_endpoint, context.region, &GetEnv, profile);
  const auto signing = context.credentials->Acquire();
  const std::string key =
      IdentityOf(signing->credentials) + "\n" + context.region + "\n" + endpoint;
  return ProjectIdCache::Process().Get(
      key, [&] { return FetchProjectId(context, signing->credentials, endpoint); });
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
  context->timeout = config.request_timeout;
  return ProjectScope::Discovered([context] { return Discover(*context); });
}

}  // namespace internal
}  // namespace csms
