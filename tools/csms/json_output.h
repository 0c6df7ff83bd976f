#ifndef CSMS_TOOLS_CSMS_JSON_OUTPUT_H_
#define CSMS_TOOLS_CSMS_JSON_OUTPUT_H_

// --output json: the service's own JSON shapes, built by the SDK's codec so
// that the tool and the service never disagree on a field name.

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace csms_tool {

/// Indented JSON and a newline. Invalid UTF-8 from the service is replaced
/// (U+FFFD) instead of aborting the output.
void PrintJson(std::ostream& out, const nlohmann::json& value);

/// One line, members in insertion order (for error objects on stderr).
std::string CompactJson(const nlohmann::ordered_json& value);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_JSON_OUTPUT_H_
