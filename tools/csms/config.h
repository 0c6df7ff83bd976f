#ifndef CSMS_TOOLS_CSMS_CONFIG_H_
#define CSMS_TOOLS_CSMS_CONFIG_H_

// Turns the global flags and the environment into csms::ClientOptions.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "csms/options.h"

namespace csms_tool {

enum class OutputFormat { kTable, kJson };

/// The flags that apply to every command.
struct GlobalOptions {
  std::optional<std::string> endpoint;
  std::optional<std::string> region;
  std::optional<std::string> project_id;
  OutputFormat output = OutputFormat::kTable;
};

/// The specs of the global flags, accepted before GROUP and after the command.
const std::vector<FlagSpec>& GlobalFlagSpecs();

/// Copies the global flags found in parsed into options (later ones win).
/// @throws UsageError for an --output other than json or table.
void ApplyGlobalFlags(const ParsedArgs& parsed, GlobalOptions& options);

/// Reads an environment variable; nullopt when unset or empty.
using GetEnvFunction = std::function<std::optional<std::string>(const char*)>;

/// The process environment, treating an empty variable as unset (as the SDK does).
std::optional<std::string> GetProcessEnv(const char* name);

/// Flags first, then CSMS_ENDPOINT / CSMS_REGION / HUAWEICLOUD_SDK_PROJECT_ID;
/// credentials from HUAWEICLOUD_SDK_AK + _SK (+ _SECURITY_TOKEN) or CSMS_AUTH_TOKEN,
/// and anonymous only for a plain-http loopback endpoint (the emulator).
/// @throws UsageError naming what to set when something required is missing.
csms::ClientOptions BuildClientOptions(const GlobalOptions& flags, const GetEnvFunction& getenv);

/// Whether endpoint is http:// to 127.0.0.1, localhost or [::1] (where the SDK allows http).
bool IsLoopbackHttpEndpoint(const std::string& endpoint);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_CONFIG_H_
