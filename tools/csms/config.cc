#include "config.h"

#include <cstddef>
#include <string>
#include <utility>

#include "csms/errors.h"
#include "csms/version.h"

namespace csms_tool {
namespace {

// Whether endpoint names the http scheme (ASCII, any case, as the SDK reads it).
bool IsPlainHttp(const std::string& endpoint) {
  static constexpr char kPrefix[] = "http://";
  constexpr std::size_t kLength = sizeof(kPrefix) - 1;
  if (endpoint.size() < kLength) return false;
  for (std::size_t i = 0; i < kLength; ++i) {
    char c = endpoint[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kPrefix[i]) return false;
  }
  return true;
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

csms::ClientOptions BuildClientOptions(const GlobalOptions& flags) {
  csms::ClientOptions options;
  try {
    // Unset credentials when the environment names none: decided below, once
    // the endpoint is known.
    options = csms::ClientOptions::FromEnvironment(csms::Credentials());
  } catch (const csms::ConfigurationError& e) {
    throw UsageError(e.what());  // half an AK/SK pair: the user's to fix
  }
  if (flags.endpoint) {
    options.endpoint = *flags.endpoint;
    options.region.clear();
  } else if (flags.region) {
    options.region = *flags.region;
    options.endpoint.clear();
  }
  if (options.endpoint.empty() && options.region.empty()) {
    throw UsageError(
        "no endpoint: pass --endpoint URL or --region ID, or set CSMS_ENDPOINT or CSMS_REGION");
  }
  if (flags.project_id) options.project_id = *flags.project_id;
  if (options.project_id.empty()) {
    throw UsageError("no project id: pass --project-id ID or set HUAWEICLOUD_SDK_PROJECT_ID");
  }
  if (options.credentials.kind() == csms::Credentials::Kind::kUnset) {
    // The emulator runs without credentials; a real endpoint never does, so an
    // anonymous call there would only earn a 401 after a round trip. Plain http
    // is enough to tell: the SDK refuses it (ConfigurationError) for anything
    // but a loopback host.
    if (!IsPlainHttp(options.endpoint)) {
      throw UsageError(
          "no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and "
          "HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys), or CSMS_AUTH_TOKEN");
    }
    options.credentials = csms::Credentials::Anonymous();
  }
  options.user_agent_suffix = std::string("csms-cli/") + csms::Version();
  return options;
}

}  // namespace csms_tool
