#ifndef CSMS_EMULATOR_SRC_ENDPOINT_ANSWER_H_
#define CSMS_EMULATOR_SRC_ENDPOINT_ANSWER_H_

// What the credential endpoints (metadata service, pod identity) answer: they
// are not the CSMS API, so they have their own content types and headers.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace csms::emu {

/// Returns the first value of a request header (name compared case-insensitively), if present.
using HeaderLookup = std::function<std::optional<std::string>(const std::string& name)>;

struct EndpointAnswer {
  int status = 200;
  std::string body;
  std::string content_type = "text/plain";
  std::vector<std::pair<std::string, std::string>> headers;  // extra ones, e.g. Allow
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_ENDPOINT_ANSWER_H_
