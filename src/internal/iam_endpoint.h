#ifndef CSMS_SRC_INTERNAL_IAM_ENDPOINT_H_
#define CSMS_SRC_INTERNAL_IAM_ENDPOINT_H_

// Which IAM endpoint the IAM credentials providers (and project id discovery)
// talk to. IAM serves most regions on https://iam.{region}.myhuaweicloud.com;
// the global https://iam.myhuaweicloud.com is used only for regions missing
// from the table (huaweicloud-sdk-go-v3 core/auth/internal/iam_endpoint.go,
// which its own code consults only for some callers: the Go SDK sends its
// IAM calls for credentials to the global endpoint, see docs/credentials.md).

#include <string>
#include <string_view>

#include "internal/environment.h"

namespace csms {
namespace internal {

/// The global IAM endpoint.
inline constexpr std::string_view kGlobalIamEndpoint = "https://iam.myhuaweicloud.com";

/// The environment variable that overrides the IAM endpoint (the official SDKs' name).
inline constexpr const char* kIamEndpointVariable = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

/// https://iam.{region}.myhuaweicloud.com for a region of the table, else
/// (an empty or unknown region) kGlobalIamEndpoint.
std::string IamEndpointFor(std::string_view region);

/// The endpoint the IAM providers use: `option` (IamOptions::endpoint), else
/// HUAWEICLOUD_SDK_IAM_ENDPOINT ("https://" put in front when it has no
/// "://", as the official SDKs do), else `profile` (a credentials file's
/// iam_endpoint), else IamEndpointFor(region). The result is checked
/// (absolute http or https, no user info, query, fragment or path but "/",
/// plain http only to loopback) and returned without a trailing '/'.
/// @throws ConfigurationError naming where the endpoint came from and what is
///         wrong with it (never quoting it).
std::string ResolveIamEndpoint(const std::string& option, std::string_view region,
                               const EnvLookup& getenv, const std::string& profile = {});

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_IAM_ENDPOINT_H_
