// Error responses: DecodeErrorDetail, RequestIdOf and ThrowApiError on an
// HttpResponse built from the input.
//
// Input layout (short inputs leave the later parts empty):
//   byte 0        status: an index into kStatuses, or 100 + 2 * byte beyond it
//   byte 1        which header the value goes under (see kHeaderNames)
//   up to '\n'    the header value
//   the rest      the body

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "csms/errors.h"
#include "csms/http.h"
#include "fuzz_common.h"
#include "internal/error_mapping.h"

namespace {

constexpr int kStatuses[] = {400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 200,
                             201, 204, 301, 418, 499, 505, 599, 600, 0,   -1};
constexpr std::size_t kStatusCount = sizeof kStatuses / sizeof kStatuses[0];

constexpr const char* kHeaderNames[] = {"X-Request-Id", "x-request-id", "X-REQUEST-ID",
                                        "Content-Type", "content-type", "Retry-After"};
constexpr std::size_t kHeaderCount = sizeof kHeaderNames / sizeof kHeaderNames[0];

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = csms_fuzz::ToString(data, size);
  csms::HttpResponse response;
  std::size_t header_choice = 0;
  std::string header_value;
  if (!input.empty()) {
    const auto status_byte = static_cast<std::uint8_t>(input[0]);
    response.status_code = status_byte < kStatusCount ? kStatuses[status_byte]
                                                      : 100 + 2 * static_cast<int>(status_byte);
  }
  if (input.size() >= 2) {
    header_choice = static_cast<std::uint8_t>(input[1]) % (kHeaderCount + 1);
    const auto newline = input.find('\n', 2);
    header_value = input.substr(2, newline == std::string::npos ? std::string::npos : newline - 2);
    if (newline != std::string::npos) response.body = input.substr(newline + 1);
    // header_choice == kHeaderCount: no header at all.
    if (header_choice < kHeaderCount) {
      response.headers.emplace_back(kHeaderNames[header_choice], header_value);
    }
  }
  const bool has_content_type = header_choice == 3 || header_choice == 4;

  const csms::ErrorDetail detail = csms::internal::DecodeErrorDetail(response);
  if (!nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false).is_object()) {
    // Not one of the three shapes: the message says what arrived and never quotes
    // the body (it could hold anything), so it is exactly one of two templates.
    CSMS_FUZZ_CHECK(detail.error_code.empty());
    if (response.body.empty()) {
      CSMS_FUZZ_CHECK(detail.error_msg == "empty response body");
    } else {
      const std::string type = has_content_type ? header_value : "unknown type";
      CSMS_FUZZ_CHECK(detail.error_msg == "unstructured response body (" +
                                              std::to_string(response.body.size()) + " bytes of " +
                                              type + ")");
    }
  }

  const std::string request_id = csms::internal::RequestIdOf(response);
  if (header_choice <= 2 && !header_value.empty()) CSMS_FUZZ_CHECK(request_id == header_value);

  try {
    csms::internal::ThrowApiError(response, csms::internal::Redactor());
  } catch (const csms::ApiError& error) {
    CSMS_FUZZ_CHECK(error.status_code() == response.status_code);
    CSMS_FUZZ_CHECK(error.request_id() == request_id);
    CSMS_FUZZ_CHECK(error.what() != nullptr);
    if (response.status_code == 404) {
      CSMS_FUZZ_CHECK(dynamic_cast<const csms::NotFoundError*>(&error) != nullptr);
    }
    if (response.status_code >= 500 && response.status_code <= 599) {
      CSMS_FUZZ_CHECK(dynamic_cast<const csms::ServerError*>(&error) != nullptr);
    }
    return 0;
  }
  // ThrowApiError is [[noreturn]] and throws ApiError; anything else (another
  // exception type escapes above) is a finding.
  csms_fuzz::InvariantViolated("ThrowApiError returned");
}
