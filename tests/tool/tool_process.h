#ifndef CSMS_TESTS_TOOL_TOOL_PROCESS_H_
#define CSMS_TESTS_TOOL_TOOL_PROCESS_H_

// The csms binary as a running child, for commands that serve until told to
// stop (notifications listen): the test reads its first line (the address),
// talks to it, then collects the rest. Same environment rules as RunTool.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "tool_runner.h"

namespace csms_tool_test {

class ToolProcess {
 public:
  ToolProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env);
  /// Kills the child if it still runs.
  ~ToolProcess();
  ToolProcess(const ToolProcess&) = delete;
  ToolProcess& operator=(const ToolProcess&) = delete;

  /// The next line of stdout without its newline, or "" when none came within timeout.
  std::string ReadLine(std::chrono::seconds timeout = std::chrono::seconds(10));

  /// Sends sig to the child.
  void Signal(int sig);

  /// Waits (bounded) for the child to exit; the stdout after the lines already
  /// read, all of stderr, and the exit code. Kills it after timeout.
  ToolResult Finish(std::chrono::seconds timeout = std::chrono::seconds(20));

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_buffer_;  // read but not yet returned by ReadLine
  std::string err_buffer_;
  bool finished_ = false;
};

}  // namespace csms_tool_test

#endif  // CSMS_TESTS_TOOL_TOOL_PROCESS_H_
