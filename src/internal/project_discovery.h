#ifndef CSMS_SRC_INTERNAL_PROJECT_DISCOVERY_H_
#define CSMS_SRC_INTERNAL_PROJECT_DISCOVERY_H_

// Project id discovery: GET /v3/projects?name={region} on IAM, signed with
// the client's credentials, for a client configured without a project id.

#include <memory>
#include <string>

#include "internal/client_config.h"
#include "internal/project_scope.h"

namespace csms {
namespace internal {

/// A scope whose id is found at the first call: the IAM endpoint
/// (ResolveIamEndpoint: iam_endpoint, else HUAWEICLOUD_SDK_IAM_ENDPOINT, else
/// the region's) is resolved then, and the answer is shared
/// through ProjectIdCache::Process() by every client with the same
/// credentials identity (access key, or token), region and IAM endpoint.
/// Uses config's credentials, transport, clock and request timeout
/// (config.project is not read).
/// Discovery throws ConfigurationError when no project or several are named
/// `region` or the IAM endpoint is unusable, CredentialsError when there are
/// no credentials or IAM refuses the request or answers out of contract,
/// TransportError when IAM cannot be reached.
std::shared_ptr<const ProjectScope> MakeDiscoveredProject(const ClientConfig& config,
                                                          std::string region,
                                                          std::string iam_endpoint);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_PROJECT_DISCOVERY_H_
