#include "internal/request_builder.h"

#include <utility>

#include "internal/sdk_date.h"
#include "internal/signer.h"

namespace csms {
namespace internal {

HttpRequest BuildSignedRequest(const ClientConfig& config, const std::string& method,
                               const std::string& path, const QueryParams& query, std::string body,
                               std::chrono::milliseconds timeout) {
  HttpRequest request;
  request.method = method;
  request.url = config.base_url + path;
  if (!query.empty()) request.url += "?" + CanonicalQuery(query);
  request.body = std::move(body);
  request.timeout = timeout;

  HttpHeaders& headers = request.headers;
  headers.reserve(8);
  headers.emplace_back("Host", config.host_header);
  if (method == "POST" || method == "PUT") headers.emplace_back("Content-Type", kJsonContentType);
  headers.emplace_back("X-Project-Id", config.project_id);

  const Credentials& credentials = config.credentials;
  switch (credentials.kind()) {
    case Credentials::Kind::kAkSk: {
      headers.emplace_back("X-Sdk-Date", FormatSdkDate(config.clock()));
      if (!credentials.token().empty()) {
        headers.emplace_back("X-Security-Token", credentials.token());
      }
      SigningInput input;
      input.method = request.method;
      input.url = request.url;
      input.headers = &headers;
      input.body = request.body;
      input.access_key = credentials.access_key();
      input.secret_key = credentials.secret_key();
      std::string authorization = Sign(input).authorization;
      headers.emplace_back("Authorization", std::move(authorization));
      break;
    }
    case Credentials::Kind::kToken:
      headers.emplace_back("X-Auth-Token", credentials.token());
      break;
    case Credentials::Kind::kAnonymous:
    case Credentials::Kind::kUnset:
      break;
  }
  // Added after signing: the gateway does not expect User-Agent to be signed.
  headers.emplace_back("User-Agent", config.user_agent);
  return request;
}

}  // namespace internal
}  // namespace csms
