#include "config.h"

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "csms/errors.h"
#include "csms/version.h"
#include "iam_flags.h"

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
  if (auto auth = parsed.Get("--auth")) {
    if (*auth == "password") {
      options.password_auth = true;
    } else if (*auth == "default") {
      options.password_auth = false;
    } else {
      throw UsageError("invalid --auth \"" + *auth + "\": use password or default");
    }
  }
  if (auto value = parsed.Get("--user-name")) options.user_name = std::move(value);
  if (auto value = parsed.Get("--domain-name")) options.domain_name = std::move(value);
  if (auto value = parsed.Get("--password-file")) options.password_file = std::move(value);
  if (auto value = parsed.Get("--agency-name")) options.agency_name = std::move(value);
  if (auto value = parsed.Get("--agency-domain-name")) {
    options.agency_domain_name = std::move(value);
  }
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

csms::ClientOptions ServiceOptions(const GlobalOptions& flags) {
  csms::ClientOptions options;
  try {
    // The credentials it finds are not used (the provider of
    // CredentialsProviderFor reads the same variables and says where they came
    // from); this reads the service variables, and reports half an AK/SK pair
    // with the variable to set, whatever source would supply the credentials.
    options = csms::ClientOptions::FromEnvironment(csms::Credentials());
  } catch (const csms::ConfigurationError& e) {
    throw UsageError(e.what());  // half an AK/SK pair: the user's to fix
  }
  options.credentials = csms::Credentials();
  if (flags.endpoint) {
    // CSMS_REGION stays: with an endpoint it only names the project to
    // discover and the IAM endpoint (the emulator serves IAM too).
    options.endpoint = *flags.endpoint;
  } else if (flags.region) {
    options.region = *flags.region;
    options.endpoint.clear();
  }
  if (options.endpoint.empty() && options.region.empty()) {
    throw UsageError(
        "no endpoint: pass --endpoint URL or --region ID, or set CSMS_ENDPOINT or CSMS_REGION");
  }
  if (flags.project_id) options.project_id = *flags.project_id;
  options.user_agent_suffix = std::string("csms-cli/") + csms::Version();
  return options;
}

std::shared_ptr<csms::CredentialsProvider> CredentialsProviderFor(const std::string& endpoint) {
  if (!IsPlainHttp(endpoint)) return csms::MakeDefaultCredentialsProviderChain();
  // A metadata service named on purpose (an emulator's own): the default
  // chain, whose failure is reported rather than hidden by anonymous calls.
  const char* metadata_endpoint = std::getenv("CSMS_METADATA_ENDPOINT");
  if (metadata_endpoint != nullptr && *metadata_endpoint != '\0') {
    return csms::MakeDefaultCredentialsProviderChain();
  }
  // The emulator runs without credentials, but one started with them must get
  // them from the usual places. Instance metadata is left out: no metadata
  // service answers on a developer's machine, and waiting for its timeout
  // before every emulator call would only be in the way. Pod identity costs
  // nothing when HC_CONTAINER_CREDENTIALS_FULL_URI is unset.
  return csms::MakeCredentialsProviderChain(
      {csms::MakeEnvironmentCredentialsProvider(), csms::MakeProfileCredentialsProvider(),
       csms::MakePodIdentityCredentialsProvider(),
       csms::MakeStaticCredentialsProvider(
           csms::Credentials::Anonymous().WithSource(std::string(kAnonymousSource)))});
}

std::string EffectiveEndpoint(const csms::ClientOptions& options) {
  return options.endpoint.empty() ? csms::EndpointForRegion(options.region) : options.endpoint;
}

csms::ClientOptions BuildClientOptions(const GlobalOptions& flags) {
  csms::ClientOptions options = ServiceOptions(flags);
  if (options.project_id.empty() && options.region.empty()) {
    throw UsageError(
        "no project id: pass --project-id ID or set HUAWEICLOUD_SDK_PROJECT_ID, or give a region "
        "(--region ID or CSMS_REGION) to have it discovered from IAM");
  }
  // The client resolves the region's endpoints at construction, from the
  // sources EndpointForRegion reads, and reports an unknown region.
  options.credentials_provider = CredentialsProviderForFlags(flags, options);
  return options;
}

}  // namespace csms_tool
