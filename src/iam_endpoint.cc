#include "internal/iam_endpoint.h"

#include <algorithm>
#include <array>
#include <optional>

#include "csms/errors.h"
#include "internal/credentials_fetch.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

// The regions IAM serves on iam.{region}.myhuaweicloud.com, sorted for
// binary search: the table of huaweicloud-sdk-go-v3
// core/auth/internal/iam_endpoint.go (2025; the Java and Python SDKs' IAM
// region lists are subsets of it), and ap-southeast-5, which Huawei's IAM
// best practice "Accessing IAM with VPC Endpoint" (bestpractice-iam
// iam_0628) lists as serving IAM in the region (AP-Manila). A region
// missing here goes to the global endpoint; docs/credentials.md lists the
// CSMS regions that do.
constexpr std::array<std::string_view, 28> kRegionalIam = {
    "ae-ad-1",        "af-south-1",     "ap-southeast-1", "ap-southeast-2",   "ap-southeast-3",
    "ap-southeast-4", "ap-southeast-5", "cn-east-2",      "cn-east-3",        "cn-east-4",
    "cn-east-5",      "cn-north-1",     "cn-north-12",    "cn-north-2",       "cn-north-4",
    "cn-north-9",     "cn-south-1",     "cn-south-2",     "cn-southwest-2",   "eu-west-0",
    "la-north-2",     "la-south-2",     "me-east-1",      "my-kualalumpur-1", "na-mexico-1",
    "ru-moscow-1",    "sa-brazil-1",    "tr-west-1",
};

// The endpoint and where it came from, for messages.
struct Chosen {
  std::string url;
  std::string origin;
};

}  // namespace

std::string IamEndpointFor(std::string_view region) {
  if (std::binary_search(kRegionalIam.begin(), kRegionalIam.end(), region)) {
    std::string url = "https://iam.";
    url.append(region).append(".myhuaweicloud.com");
    return url;
  }
  return std::string(kGlobalIamEndpoint);
}

std::string ResolveIamEndpoint(const std::string& option, std::string_view region,
                               const EnvLookup& getenv, const std::string& profile) {
  Chosen chosen;
  if (!option.empty()) {
    chosen = {option, "IamOptions::endpoint"};
  } else if (std::optional<std::string> env =
                 getenv ? getenv(kIamEndpointVariable) : std::nullopt) {
    std::string url = std::move(*env);
    if (url.find("://") == std::string::npos) url.insert(0, "https://");
    chosen = {std::move(url), kIamEndpointVariable};
  } else if (!profile.empty()) {
    chosen = {profile, "the profile's iam_endpoint"};
  } else {
    return IamEndpointFor(region);
  }
  if (auto problem = CredentialsUrlProblem(chosen.url, false)) {
    throw ConfigurationError("the IAM endpoint (" + chosen.origin + ") " + *problem);
  }
  UrlParts parts;
  std::string why;
  ParseUserUrl(chosen.url, &parts, &why);
  if (!parts.query.empty() || chosen.url.find('?') != std::string::npos) {
    throw ConfigurationError("the IAM endpoint (" + chosen.origin + ") has a query");
  }
  if (parts.path != "/" && !parts.path.empty()) {
    throw ConfigurationError("the IAM endpoint (" + chosen.origin +
                             ") has a path; give only scheme, host and port");
  }
  while (!chosen.url.empty() && chosen.url.back() == '/') chosen.url.pop_back();
  return chosen.url;
}

}  // namespace internal
}  // namespace csms
