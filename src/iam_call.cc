#include "internal/iam_call.h"

#include <optional>
#include <stdexcept>
#include <utility>

#include "csms/version.h"
#include "internal/ascii.h"
#include "internal/error_mapping.h"
#include "internal/json_reader.h"
#include "internal/redactor.h"
#include "internal/sdk_date.h"
#include "internal/signer.h"
#include "internal/signing_credentials.h"
#include "internal/version_codec.h"

namespace csms {
namespace internal {
namespace {

// IAM's free text is quoted (it says why: "The username or password is
// wrong."), but no more of it than a sentence or two.
constexpr std::size_t kMaxQuotedChars = 300;

struct IamErrorBody {
  ErrorDetail detail;
  std::string title;
};

// IAM's own {"error": {"code": 401, "message", "title"}} and the gateway's
// (or IAM's newer) {"error_code": "IAM.0101", "error_msg"}; anything else
// yields nothing.
IamErrorBody ReadIamError(const std::string& body) {
  IamErrorBody out;
  try {
    JsonReader reader(body);
    if (reader.Peek() != JsonKind::kObject) return {};
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      if (key == "error" && reader.Peek() == JsonKind::kObject) {
        reader.BeginObject();
        while (reader.NextMember(&key)) {
          if (key == "code" || key == "error_code") {
            out.detail.error_code = ReadScalarText(reader);
          } else if (key == "message" || key == "error_msg") {
            out.detail.error_msg = ReadScalarText(reader);
          } else if (key == "title") {
            out.title = ReadScalarText(reader);
          } else {
            reader.Skip();
          }
        }
      } else if (key == "error_code") {
        out.detail.error_code = ReadScalarText(reader);
      } else if (key == "error_msg") {
        out.detail.error_msg = ReadScalarText(reader);
      } else {
        reader.Skip();
      }
    }
    reader.Finish();
  } catch (const DecodeError&) {
    return {};
  }
  return out;
}

// Printable ASCII only (a control character could forge a log line), cut to
// kMaxQuotedChars.
std::string Printable(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) c = '?';
  }
  if (text.size() > kMaxQuotedChars) {
    text.resize(kMaxQuotedChars);
    text += "...";
  }
  return text;
}

std::string IamRequestId(const HttpResponse& response) {
  for (const char* name : {"X-IAM-Trace-Id", "X-Request-Id"}) {
    if (auto value = FindHeader(response.headers, name); value && !value->empty()) {
      return std::move(*value);
    }
  }
  return {};
}

Redactor RedactorFor(const IamRequest& request) {
  Redactor redactor;
  if (request.sign_with != nullptr) redactor.AddCredentials(*request.sign_with);
  for (const auto& secret : request.secrets) redactor.Add(secret);
  return redactor;
}

std::string RequestIdSuffix(const std::string& request_id) {
  return request_id.empty() ? std::string() : ", request id " + request_id;
}

}  // namespace

WipeOnExit::~WipeOnExit() { WipeString(text_); }

IamConnection MakeIamConnection(const IamOptions& options, std::string endpoint) {
  if (options.connect_timeout.count() <= 0) {
    throw ConfigurationError("IamOptions::connect_timeout must be positive");
  }
  if (options.request_timeout.count() <= 0) {
    throw ConfigurationError("IamOptions::request_timeout must be positive");
  }
  IamConnection connection;
  connection.endpoint = std::move(endpoint);
  connection.timeout = options.request_timeout;
  connection.clock = options.clock ? options.clock : &std::chrono::system_clock::now;
  if (options.transport) {
    connection.transport = options.transport;
  } else {
    CurlTransportOptions curl;
    curl.connect_timeout = options.connect_timeout;
    curl.request_timeout = options.request_timeout;
    curl.ca_file = options.ca_file;
    curl.ca_path = options.ca_path;
    curl.proxy = options.proxy;
    curl.no_proxy = options.no_proxy;
    // One fetch at a time per provider (RefreshingCredentials).
    curl.max_idle_connections = 1;
    curl.max_response_bytes = kMaxIamAnswerBytes;
    connection.transport = MakeCurlTransport(curl);
  }
  return connection;
}

std::string IamCallName(const IamRequest& request) {
  return "IAM " + request.method + " " + request.path;
}

HttpResponse CallIam(const IamConnection& connection, const IamRequest& request) {
  if (request.path.empty() || request.path.front() != '/' ||
      request.path.find_first_of("?#") != std::string::npos) {
    throw std::logic_error(
        "internal error: an IAM path must start with '/' and hold no '?' or '#'");
  }
  const std::string name = IamCallName(request);
  UrlParts endpoint;
  if (!ParseUrl(connection.endpoint, &endpoint)) {
    throw CredentialsError(name + " failed: the IAM endpoint is not a URL");
  }
  HttpRequest http;
  http.method = request.method;
  const std::string query = request.query.empty() ? std::string() : CanonicalQuery(request.query);
  http.url = connection.endpoint + request.path;
  if (!query.empty()) http.url += "?" + query;
  WipeOnExit wipe_body(http.body);
  http.body = request.body;
  http.timeout = connection.timeout;
  http.headers.emplace_back("Host", HostHeader(endpoint));
  if (request.method == "POST" || request.method == "PUT" || !request.body.empty()) {
    // The IAM API reference writes it so ("application/json;charset=utf8").
    http.headers.emplace_back("Content-Type", "application/json;charset=utf8");
  }
  for (const auto& header : request.headers) http.headers.push_back(header);
  if (request.sign_with != nullptr) {
    const Credentials& credentials = *request.sign_with;
    if (credentials.kind() == Credentials::Kind::kAkSk ||
        credentials.kind() == Credentials::Kind::kToken) {
      if (auto problem = CredentialsProblem(credentials)) {
        throw CredentialsError(
            name + " failed: the credentials to sign it with cannot be used: " + *problem);
      }
    }
    if (credentials.kind() == Credentials::Kind::kAkSk) {
      http.headers.emplace_back("X-Sdk-Date", FormatSdkDate(connection.clock()));
      if (!credentials.token().empty()) {
        http.headers.emplace_back("X-Security-Token", credentials.token());
      }
      SigningInput input;
      input.method = http.method;
      input.path = request.path;
      input.canonical_query = query;
      input.headers = &http.headers;
      input.body = http.body;
      input.access_key = credentials.access_key();
      input.secret_key = credentials.secret_key();
      std::string authorization = Sign(input).authorization;
      http.headers.emplace_back("Authorization", std::move(authorization));
    } else if (credentials.kind() == Credentials::Kind::kToken) {
      http.headers.emplace_back("X-Auth-Token", credentials.token());
    }
  }
  // After signing: the gateway does not expect User-Agent to be signed.
  http.headers.emplace_back("User-Agent", std::string("csms-sdk-cpp/") + Version());

  HttpResponse response;
  try {
    response = connection.transport->Send(http);
  } catch (const TransportError& e) {
    // TransportError messages never carry request or response bytes.
    if (e.kind() == TransportError::Kind::kTimeout && e.request_may_have_been_sent()) {
      throw CredentialsError(name + " failed: no complete answer within " +
                             std::to_string(connection.timeout.count()) + " ms (timeout)");
    }
    throw CredentialsError(name + " failed: " + e.what());
  }
  if (response.body.size() > kMaxIamAnswerBytes) {
    throw CredentialsError(name + " failed: the answer is larger than " +
                           std::to_string(kMaxIamAnswerBytes / 1024) + " KiB");
  }
  if (response.status_code >= 200 && response.status_code <= 299) return response;

  const Redactor redactor = RedactorFor(request);
  IamErrorBody body = ReadIamError(response.body);
  ErrorDetail detail = std::move(body.detail);
  detail.error_code = Printable(redactor.Scrubbed(std::move(detail.error_code)));
  detail.error_msg = Printable(redactor.Scrubbed(std::move(detail.error_msg)));
  const std::string title = Printable(redactor.Scrubbed(std::move(body.title)));
  std::string request_id = Printable(redactor.Scrubbed(IamRequestId(response)));

  std::string message = name + " failed: HTTP " + std::to_string(response.status_code);
  if (!title.empty()) message += " " + title;
  if (!detail.error_msg.empty()) {
    message += ": " + detail.error_msg;
  } else if (detail.error_code.empty()) {
    const auto type = FindHeader(response.headers, "Content-Type");
    message += response.body.empty()
                   ? std::string(" (empty answer)")
                   : " (" + std::to_string(response.body.size()) + " bytes of " +
                         Printable(type.value_or("unknown type")) + ", not IAM's error JSON)";
  }
  if (!detail.error_code.empty()) {
    message += " (IAM code " + detail.error_code + RequestIdSuffix(request_id) + ")";
  } else if (!request_id.empty()) {
    message += " (request id " + request_id + ")";
  }
  throw CredentialsError(message, response.status_code, std::move(detail), std::move(request_id));
}

CredentialsError IamAnswerError(const IamRequest& request, const HttpResponse& answer,
                                const std::string& what) {
  std::string request_id = Printable(RedactorFor(request).Scrubbed(IamRequestId(answer)));
  std::string message = IamCallName(request) + " failed: " + what;
  if (!request_id.empty()) message += " (request id " + request_id + ")";
  return CredentialsError(message, answer.status_code, ErrorDetail{}, std::move(request_id));
}

}  // namespace internal
}  // namespace csms
