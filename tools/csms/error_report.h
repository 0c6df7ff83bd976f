#ifndef CSMS_TOOLS_CSMS_ERROR_REPORT_H_
#define CSMS_TOOLS_CSMS_ERROR_REPORT_H_

// Turns any failure into one line on stderr and an exit code.

#include <exception>
#include <ostream>

#include "config.h"

namespace csms_tool {

/// Exit codes (docs/cli.md).
constexpr int kExitOk = 0;
constexpr int kExitServiceError = 1;  // the service answered with an error status
constexpr int kExitUsage = 2;         // usage, validation, configuration, credentials: nothing sent
constexpr int kExitTransport = 3;     // no response at all

/// Writes error as exactly one line to err: "csms: ..." for tables, or
/// {"error": {...}} for json. Returns the exit code for it.
int ReportError(const std::exception_ptr& error, OutputFormat format, std::ostream& err);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_ERROR_REPORT_H_
