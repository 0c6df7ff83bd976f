#include "csms/options.h"

#include <utility>
#include <vector>

#include "csms/errors.h"
#include "internal/client_config.h"
#include "internal/environment.h"
#include "internal/validation.h"

namespace csms {

std::vector<std::string> EndpointsForRegion(const std::string& region) {
  std::vector<std::string> endpoints;
  for (auto& endpoint : internal::ResolveRegionEndpoints(region)) {
    endpoints.push_back(std::move(endpoint.base_url));
  }
  return endpoints;
}

std::string EndpointForRegion(const std::string& region) {
  return EndpointsForRegion(region).front();
}

CurlTransportOptions CurlTransportOptionsFrom(const ClientOptions& options) {
  return internal::CurlOptionsFrom(options);
}

namespace {

// Everything FromEnvironment reads except the credentials.
ClientOptions ServiceFromEnvironment() {
  ClientOptions options;
  options.endpoint = internal::GetEnv("CSMS_ENDPOINT").value_or("");
  options.region = internal::GetEnv("CSMS_REGION").value_or("");
  options.project_id = internal::GetEnv("HUAWEICLOUD_SDK_PROJECT_ID").value_or("");
  return options;
}

}  // namespace

ClientOptions ClientOptions::FromEnvironment() { return FromEnvironment(Credentials()); }

ClientOptions ClientOptions::FromEnvironment(Credentials when_none) {
  ClientOptions options = ServiceFromEnvironment();
  auto credentials = internal::CredentialsFromEnv(&internal::GetEnv);
  options.credentials = credentials ? std::move(*credentials) : std::move(when_none);
  return options;
}

}  // namespace csms
