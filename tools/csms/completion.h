#ifndef CSMS_TOOLS_CSMS_COMPLETION_H_
#define CSMS_TOOLS_CSMS_COMPLETION_H_

// What the bash completion (completion/csms.bash) offers, computed by the tool
// itself (the hidden csms __complete) from the same tables as the parser and
// the help, so that the completion knows every group, command and flag.

#include <string>
#include <vector>

namespace csms_tool {

/// Printed alone when the word is a file name: the shell completes files.
inline constexpr char kCompleteFiles[] = ":file";

/// The candidates for the last of words (the words after "csms", the last being
/// the one under the cursor, possibly empty), those that start with it:
/// groups, commands, flags, the values of --output, --type and --state, and,
/// for an event or secret name, the names the service lists when an endpoint
/// and a project id are configured (flags or environment). The listing is one
/// page, one attempt, within about two seconds; any failure gives no names.
std::vector<std::string> Complete(const std::vector<std::string>& words);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_COMPLETION_H_
