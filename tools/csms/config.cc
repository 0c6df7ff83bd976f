#include "config.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>

#include "csms/errors.h"
#include "csms/version.h"
#include "internal/environment.h"
#include "internal/url.h"

namespace csms_tool {
namespace {

csms::Credentials CredentialsFromEnvironment(const std::string& endpoint,
                                             const GetEnvFunction& getenv) {
  std::optional<csms::Credentials> credentials;
  try {
    credentials = csms::internal::CredentialsFromEnv(getenv);
  } catch (const csms::ConfigurationError& e) {
    throw UsageError(e.what());  // half an AK/SK pair: the user's to fix
  }
  if (credentials) return std::move(*credentials);
  // The emulator runs without credentials; a real endpoint never does, so an
  // anonymous call there would only earn a 401 after a round trip.
  if (IsLoopbackHttpEndpoint(endpoint)) return csms::Credentials::Anonymous();
  throw UsageError(
      "no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and "
      "HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys), or CSMS_AUTH_TOKEN");
}

}  // namespace

const std::vector<FlagSpec>& GlobalFlagSpecs() {
  static const std::vector<FlagSpec> kSpecs = {
      {"--endpoint"}, {"--region"}, {"--project-id"}, {"--output"}};
  return kSpecs;
}

void ApplyGlobalFlags(const ParsedArgs& parsed, GlobalOptions& options) {
  if (parsed.Has("--endpoint") && parsed.Has("--region")) {
    throw UsageError("give --endpoint or --region, not both; try csms --help");
  }
  // They are alternatives: one given after the command replaces the other
  // given before GROUP.
  if (auto endpoint = parsed.Get("--endpoint")) {
    options.endpoint = std::move(endpoint);
    options.region.reset();
  }
  if (auto region = parsed.Get("--region")) {
    options.region = std::move(region);
    options.endpoint.reset();
  }
  if (auto project_id = parsed.Get("--project-id")) options.project_id = std::move(project_id);
  if (auto output = parsed.Get("--output")) {
    if (*output == "json") {
      options.output = OutputFormat::kJson;
    } else if (*output == "table") {
      options.output = OutputFormat::kTable;
    } else {
      throw UsageError("invalid --output \"" + *output + "\": use json or table");
    }
  }
}

std::optional<std::string> GetProcessEnv(const char* name) {
  return csms::internal::GetEnv(name);  // the SDK's rule: empty counts as unset
}

bool IsLoopbackHttpEndpoint(const std::string& endpoint) {
  // The same parser and host rule the SDK applies to plain-http endpoints.
  csms::internal::UrlParts url;
  return csms::internal::ParseUrl(endpoint, &url) && url.scheme == "http" &&
         csms::internal::IsLoopbackHost(url.host);
}

csms::ClientOptions BuildClientOptions(const GlobalOptions& flags, const GetEnvFunction& getenv) {
  csms::ClientOptions options;
  if (flags.endpoint) {
    options.endpoint = *flags.endpoint;
  } else if (flags.region) {
    options.region = *flags.region;
  } else {
    options.endpoint = getenv("CSMS_ENDPOINT").value_or("");
    options.region = getenv("CSMS_REGION").value_or("");
  }
  if (options.endpoint.empty() && options.region.empty()) {
    throw UsageError(
        "no endpoint: pass --endpoint URL or --region ID, or set CSMS_ENDPOINT or CSMS_REGION");
  }
  options.project_id =
      flags.project_id ? *flags.project_id : getenv("HUAWEICLOUD_SDK_PROJECT_ID").value_or("");
  if (options.project_id.empty()) {
    throw UsageError("no project id: pass --project-id ID or set HUAWEICLOUD_SDK_PROJECT_ID");
  }
  options.credentials = CredentialsFromEnvironment(options.endpoint, getenv);
  options.user_agent_suffix = std::string("csms-cli/") + csms::Version();
  return options;
}

}  // namespace csms_tool
