#ifndef CSMS_TOOLS_CSMS_CONFIG_H_
#define CSMS_TOOLS_CSMS_CONFIG_H_

// Turns the global flags and the environment into csms::ClientOptions.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "csms/credentials_provider.h"
#include "csms/options.h"

namespace csms_tool {

enum class OutputFormat { kTable, kJson };

/// The flags that apply to every command.
struct GlobalOptions {
  std::optional<std::string> endpoint;
  std::optional<std::string> region;
  std::optional<std::string> project_id;
  OutputFormat output = OutputFormat::kTable;
  // IAM credentials (iam_flags.h): --auth password with --user-name,
  // --domain-name and --password-file; --agency-name with --agency-domain-name.
  bool password_auth = false;
  std::optional<std::string> user_name;
  std::optional<std::string> domain_name;
  std::optional<std::string> password_file;
  std::optional<std::string> agency_name;
  std::optional<std::string> agency_domain_name;
};

/// The specs of the global flags, accepted before GROUP and after the command
/// (made from GlobalFlags() in global_flags.cc).
const std::vector<FlagSpec>& GlobalFlagSpecs();

/// Copies the global flags found in parsed into options (later ones win).
/// @throws UsageError for an --output other than json or table, an --auth
///         other than password or default.
void ApplyGlobalFlags(const ParsedArgs& parsed, GlobalOptions& options);

/// The endpoint (or region) and project id from the flags first, then the
/// environment as csms::ClientOptions::FromEnvironment reads it (CSMS_ENDPOINT,
/// CSMS_REGION, HUAWEICLOUD_SDK_PROJECT_ID). Credentials are left unset: see
/// CredentialsProviderFor. The project id may be empty (csms auth show needs none).
/// @throws UsageError when neither an endpoint nor a region is given, or for
///         half an AK/SK pair in the environment (a mistake, checked first
///         whatever the source that would supply the credentials).
csms::ClientOptions ServiceOptions(const GlobalOptions& flags);

/// Credentials::source() of the anonymous credentials CredentialsProviderFor
/// falls back to.
inline constexpr char kAnonymousSource[] =
    "anonymous (no credentials found; plain-http loopback endpoint)";

/// Where the credentials for endpoint come from: the SDK's default chain
/// (environment, profile file, CCE pod identity, ECS/BMS instance metadata),
/// except for a plain-http endpoint, which the SDK accepts only on loopback (the
/// emulator): there environment, profile file, pod identity, then anonymous, so
/// that talking to a local emulator never waits on an instance metadata
/// timeout; with CSMS_METADATA_ENDPOINT set (an emulator's metadata service),
/// the default chain alone, so that its failure is an error, not anonymous calls.
/// @throws nothing beyond std::bad_alloc; the provider reads at its first Get().
std::shared_ptr<csms::CredentialsProvider> CredentialsProviderFor(const std::string& endpoint);

/// The endpoint ServiceOptions' result calls first: its endpoint, else the
/// region's first (csms::EndpointForRegion: HUAWEICLOUD_SDK_REGION_CSMS_*, the
/// regions file, the built-in list, as the client reads them).
/// @throws csms::ConfigurationError for an unknown region or unusable endpoints.
std::string EffectiveEndpoint(const csms::ClientOptions& options);

/// ServiceOptions with the credentials provider of CredentialsProviderForFlags
/// set, for the commands that call CSMS. The project id is required unless a
/// region is known (--region, or CSMS_REGION also with --endpoint): the SDK
/// then discovers it from IAM at the first call.
/// @throws UsageError naming what to set when something required is missing,
///         for half an AK/SK pair, or for unusable IAM flags (iam_flags.h).
csms::ClientOptions BuildClientOptions(const GlobalOptions& flags);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_CONFIG_H_
