#ifndef CSMS_TOOLS_CSMS_HELP_H_
#define CSMS_TOOLS_CSMS_HELP_H_

// The tool's help, the one source of csms --help (at every level) and of the
// csms(1) manual page (man_page.cc), so that the two cannot drift.

#include <string>
#include <vector>

#include "command.h"

namespace csms_tool {

/// The top-level command groups, in help order.
const std::vector<const Group*>& Groups();

/// The parts of csms --help besides the groups and the global flags (those
/// come from Groups() and GlobalFlags()). Each is lines of text ending in '\n'.
struct ToolText {
  std::string synopsis;     // "csms [--endpoint URL ...]\n     GROUP COMMAND [ARGS]\n"
  std::string description;  // what the tool is for
  std::string credentials;  // where credentials come from
  std::string exit_codes;   // what the exit codes mean
};
const ToolText& Text();

/// csms --help.
std::string GlobalUsage();
/// csms GROUP --help; path is the group's full name as typed ("secrets versions").
std::string GroupUsage(const Group& group, const std::string& path);
/// csms GROUP COMMAND --help.
std::string CommandUsage(const Command& command);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_HELP_H_
