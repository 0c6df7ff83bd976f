#ifndef CSMS_TESTS_TOOL_TOOL_RUNNER_H_
#define CSMS_TESTS_TOOL_TOOL_RUNNER_H_

// Runs the built csms binary as a child process with a clean environment and
// captures its stdout, stderr and exit code separately.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace csms_tool_test {

struct ToolResult {
  int exit_code = -1;  // 128 + signal when the tool was killed
  std::string out;
  std::string err;
  bool timed_out = false;
};

/// Runs CSMS_TOOL_PATH with args. The child's environment is env plus only the
/// sanitizer and library-path variables of this process, so that a developer's
/// own credentials or proxy settings never leak into a test, and
/// CSMS_METADATA_DISABLED=true unless env sets it (no test asks a real
/// instance metadata service). HOME is unset unless env sets it. stdin_data is the
/// child's standard input. The child is killed after timeout.
ToolResult RunTool(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {},
                   const std::string& stdin_data = "",
                   std::chrono::seconds timeout = std::chrono::seconds(30));

/// As RunTool, for another program (path: no PATH search), e.g. bash or man.
ToolResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {},
                      const std::string& stdin_data = "",
                      std::chrono::seconds timeout = std::chrono::seconds(30));

/// The number of lines in s (a final line without newline counts).
int LineCount(const std::string& s);

}  // namespace csms_tool_test

#endif  // CSMS_TESTS_TOOL_TOOL_RUNNER_H_
