#ifndef CSMS_TOOLS_CSMS_CLI_H_
#define CSMS_TOOLS_CSMS_CLI_H_

// The whole tool behind main(): parse, dispatch, report.

#include <ostream>
#include <string>
#include <vector>

#include "config.h"

namespace csms_tool {

/// Runs the command line args (without the program name) and returns the exit
/// code. Results go to out, errors (one line each) to err. Settings not given
/// as flags come from the process environment.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_CLI_H_
