#ifndef CSMS_TOOLS_CSMS_GLOBAL_FLAGS_H_
#define CSMS_TOOLS_CSMS_GLOBAL_FLAGS_H_

// The global flags, described once: the parser's specs (GlobalFlagSpecs), the
// "Global flags" part of csms --help, the OPTIONS of csms(1) and the shell
// completion are all made from this table, so that none can drift from the
// others. A new global flag is one entry here (and its effect in
// ApplyGlobalFlags).

#include <string>
#include <vector>

#include "args.h"

namespace csms_tool {

struct GlobalFlag {
  FlagSpec spec;                  // "--endpoint", takes a value
  std::string short_name;         // "-h", or empty
  std::string argument;           // "URL": the value's placeholder in help, empty for a switch
  std::vector<std::string> help;  // the description, as lines of the --help column
  /// Handled by cli.cc before parsing (--help, --version), so not in GlobalFlagSpecs().
  bool dispatch_only = false;
  /// The values to complete, when there is a fixed set ("json", "table").
  std::vector<std::string> values = {};
};

/// Every global flag, in the order of csms --help.
const std::vector<GlobalFlag>& GlobalFlags();

/// "-h, --help" or "--endpoint URL": the flag as shown in help.
std::string FlagTitle(const GlobalFlag& flag);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_GLOBAL_FLAGS_H_
