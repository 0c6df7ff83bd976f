#ifndef CSMS_TOOLS_CSMS_CONFIG_H_
#define CSMS_TOOLS_CSMS_CONFIG_H_

// Turns the global flags and the environment into csms::ClientOptions.

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

/// Flags first, then the environment as csms::ClientOptions::FromEnvironment
/// reads it (CSMS_ENDPOINT / CSMS_REGION / HUAWEICLOUD_SDK_PROJECT_ID and the
/// credential variables). Without credentials the calls are anonymous, but only
/// to a plain-http endpoint, which the SDK accepts only on loopback (the
/// emulator).
/// @throws UsageError naming what to set when something required is missing,
///         or for half an AK/SK pair.
csms::ClientOptions BuildClientOptions(const GlobalOptions& flags);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_CONFIG_H_
