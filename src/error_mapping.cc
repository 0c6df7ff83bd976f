#include "internal/error_mapping.h"

#include "internal/ascii.h"
#include "internal/json_reader.h"

namespace csms {
namespace internal {
namespace {

constexpr const char* kResourceNotFoundCode = "CSMS.0005";

// What an error body says, read in one pass. Anything but a well-formed JSON
// object yields nothing.
struct ErrorBodyFields {
  ErrorDetail flat;                   // error_code and error_msg at the top level
  std::optional<ErrorDetail> nested;  // from "error", when that is an object
  std::string request_id;
};

// Reads the member into *detail when key is error_code or error_msg (which
// the nested and the flat shapes both use) and returns true.
bool ReadDetailMember(JsonReader& reader, std::string_view key, ErrorDetail* detail) {
  if (key == "error_code") {
    detail->error_code = ReadScalarText(reader);
  } else if (key == "error_msg") {
    detail->error_msg = ReadScalarText(reader);
  } else {
    return false;
  }
  return true;
}

ErrorDetail ReadNestedDetail(JsonReader& reader) {
  ErrorDetail detail;
  reader.BeginObject();
  std::string_view key;
  while (reader.NextMember(&key)) {
    if (!ReadDetailMember(reader, key, &detail)) reader.Skip();
  }
  return detail;
}

ErrorBodyFields ReadErrorBody(const std::string& body) {
  ErrorBodyFields fields;
  try {
    JsonReader reader(body);
    if (reader.Peek() != JsonKind::kObject) return {};
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      if (key == "error") {
        // As with duplicate keys anywhere, the last "error" member decides.
        if (reader.Peek() == JsonKind::kObject) {
          fields.nested = ReadNestedDetail(reader);
        } else {
          reader.Skip();
          fields.nested.reset();
        }
      } else if (key == "request_id") {
        fields.request_id = ReadScalarText(reader);
      } else if (!ReadDetailMember(reader, key, &fields.flat)) {
        reader.Skip();
      }
    }
    reader.Finish();
  } catch (const DecodeError&) {
    return {};
  }
  return fields;
}

std::string DescribeUnstructuredBody(const HttpResponse& response) {
  if (response.body.empty()) return "empty response body";
  const auto content_type = FindHeader(response.headers, "Content-Type").value_or("unknown type");
  return "unstructured response body (" + std::to_string(response.body.size()) + " bytes of " +
         content_type + ")";
}

}  // namespace

std::string ReadScalarText(JsonReader& reader) {
  switch (reader.Peek()) {
    case JsonKind::kString:
      return reader.ReadString();
    case JsonKind::kNumber:
      return std::string(reader.ReadNumber());
    default:
      reader.Skip();
      return {};
  }
}

std::optional<std::string> FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (AsciiEqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

namespace {

std::optional<std::string> HeaderRequestId(const HttpResponse& response) {
  auto header = FindHeader(response.headers, "X-Request-Id");
  if (header && header->empty()) header.reset();
  return header;
}

std::string RequestIdOf(const HttpResponse& response, const ErrorBodyFields& body) {
  return HeaderRequestId(response).value_or(body.request_id);
}

ErrorDetail DetailOf(const HttpResponse& response, const ErrorBodyFields& body) {
  // Shape 1 (event operations) nests the detail under "error"; shapes 2 and 3
  // (secret operations, API gateway) are flat.
  ErrorDetail detail = body.nested ? *body.nested : body.flat;
  if (!detail.error_code.empty() || !detail.error_msg.empty()) return detail;
  return ErrorDetail{"", DescribeUnstructuredBody(response)};
}

}  // namespace

std::string RequestIdOf(const HttpResponse& response) {
  // The body is read only when the header is missing.
  if (auto header = HeaderRequestId(response)) return std::move(*header);
  return ReadErrorBody(response.body).request_id;
}

ErrorDetail DecodeErrorDetail(const HttpResponse& response) {
  return DetailOf(response, ReadErrorBody(response.body));
}

std::string RequestIdOf(const HttpResponse& response, const Redactor& redactor) {
  return redactor.Scrubbed(RequestIdOf(response));
}

void ThrowInvalidResponse(const HttpResponse& response, std::string message,
                          const Redactor& redactor) {
  redactor.Scrub(message);
  throw InvalidResponseError(response.status_code, message, RequestIdOf(response, redactor));
}

void ThrowApiError(const HttpResponse& response, const Redactor& redactor) {
  const ErrorBodyFields body = ReadErrorBody(response.body);
  ErrorDetail detail = DetailOf(response, body);
  std::string request_id = RequestIdOf(response, body);
  // Everything below came from the server, which may echo what it was sent.
  redactor.Scrub(detail.error_code);
  redactor.Scrub(detail.error_msg);
  redactor.Scrub(request_id);
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
