#include "internal/error_mapping.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace csms {
namespace internal {
namespace {

using nlohmann::json;

constexpr const char* kResourceNotFoundCode = "CSMS.0005";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

json ParseObject(const std::string& body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() ? parsed : json();
}

// error_code may arrive as a string or (from some gateways) a number; either way
// the result carries no JSON quotes.
std::string ScalarText(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

std::string DescribeUnstructuredBody(const HttpResponse& response) {
  if (response.body.empty()) return "empty response body";
  const auto content_type = FindHeader(response.headers, "Content-Type").value_or("unknown type");
  return "unstructured response body (" + std::to_string(response.body.size()) + " bytes of " +
         content_type + ")";
}

}  // namespace

std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

std::string RequestIdOf(const HttpResponse& response) {
  if (auto header = FindHeader(response.headers, "X-Request-Id"); header && !header->empty()) {
    return *header;
  }
  const json body = ParseObject(response.body);
  return body.is_object() ? ScalarText(body, "request_id") : std::string();
}

ErrorDetail DecodeErrorDetail(const HttpResponse& response) {
  const json body = ParseObject(response.body);
  if (body.is_object()) {
    // Shape 1 (event operations) nests the detail under "error"; shapes 2 and 3
    // (secret operations, API gateway) are flat.
    const auto nested = body.find("error");
    const json& source = nested != body.end() && nested->is_object() ? *nested : body;
    ErrorDetail detail{ScalarText(source, "error_code"), ScalarText(source, "error_msg")};
    if (!detail.error_code.empty() || !detail.error_msg.empty()) return detail;
  }
  return ErrorDetail{"", DescribeUnstructuredBody(response)};
}

void ThrowApiError(const HttpResponse& response) {
  ErrorDetail detail = DecodeErrorDetail(response);
  std::string request_id = RequestIdOf(response);
  const int status = response.status_code;
  switch (status) {
    case 400:
      // Some regions report a missing resource as 400 CSMS.0005.
      if (detail.error_code == kResourceNotFoundCode) {
        throw NotFoundError(status, std::move(detail), std::move(request_id));
      }
      throw BadRequestError(status, std::move(detail), std::move(request_id));
    case 401:
      throw UnauthorizedError(status, std::move(detail), std::move(request_id));
    case 403:
      throw ForbiddenError(status, std::move(detail), std::move(request_id));
    case 404:
      throw NotFoundError(status, std::move(detail), std::move(request_id));
    case 409:
      throw ConflictError(status, std::move(detail), std::move(request_id));
    case 429:
      throw TooManyRequestsError(status, std::move(detail), std::move(request_id));
    case 500:
      throw InternalServerError(status, std::move(detail), std::move(request_id));
    case 502:
      throw BadGatewayError(status, std::move(detail), std::move(request_id));
    case 503:
      throw ServiceUnavailableError(status, std::move(detail), std::move(request_id));
    case 504:
      throw GatewayTimeoutError(status, std::move(detail), std::move(request_id));
    default:
      break;
  }
  if (status >= 500 && status <= 599) {
    throw ServerError(status, std::move(detail), std::move(request_id));
  }
  throw ApiError(status, std::move(detail), std::move(request_id));
}

}  // namespace internal
}  // namespace csms
