#ifndef CSMS_TOOLS_CSMS_TIME_FLAG_H_
#define CSMS_TOOLS_CSMS_TIME_FLAG_H_

// Times and counts typed on the command line (--expire-time, --schedule,
// --port, --count, --max-age).

#include <cstdint>
#include <string>

#include "csms/models.h"

namespace csms_tool {

/// An RFC 3339 date-time: "2026-12-31T23:59:59Z", with an optional fraction
/// (".5", up to nanoseconds) and "Z" or a "+HH:MM"/"-HH:MM" offset; "T" and
/// "Z" may be lower case.
/// @throws UsageError naming flag when value is not such a time, or is one
///   beyond what csms::Timestamp holds (1677 to 2262).
csms::Timestamp ParseRfc3339Flag(const std::string& value, const std::string& flag);

/// A plain decimal number of at most 9 digits (so that it fits an int).
/// @throws UsageError naming flag otherwise; example is put in the message.
int ParseNumberFlag(const std::string& value, const std::string& flag, const std::string& example);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_TIME_FLAG_H_
