#include "json_output.h"

namespace csms_tool {

void PrintJson(std::ostream& out, const nlohmann::json& value) {
  out << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string CompactJson(const nlohmann::ordered_json& value) {
  // Replacement here too: error messages quote the service's text.
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace csms_tool
