#include "internal/request_builder.h"

#include <utility>

#include "internal/sdk_date.h"
#include "internal/signer.h"

namespace csms {
namespace internal {
namespace {

// The Authorization value for the request as built so far. The builder made
// the path and the canonical query itself, so it hands them to the signer
// rather than having the URL parsed and re-canonicalised; a path the URL
// would split elsewhere (a "?" or "#" in it) takes the general route.
std::string Authorization(const HttpRequest& request, const std::string& path,
                          std::string_view canonical_query, const ClientConfig& config) {
  SigningInput input;
  input.method = request.method;
  input.url = request.url;
  input.headers = &request.headers;
  input.body = request.body;
  input.access_key = config.credentials.access_key();
  input.secret_key = config.credentials.secret_key();
  input.prepared_key = config.signing_key.get();
  if (!CanSignPathDirectly(path)) return Sign(input).authorization;
  return SignPrepared(WithPathAndQuery(input, path, canonical_query)).authorization;
}

}  // namespace

HttpRequest BuildSignedRequest(const ClientConfig& config, const std::string& method,
                               const std::string& path, const QueryParams& query, std::string body,
                               std::chrono::milliseconds timeout) {
  HttpRequest request;
  request.method = method;
  const std::string canonical_query = query.empty() ? std::string() : CanonicalQuery(query);
  request.url.reserve(config.base_url.size() + path.size() + 1 + canonical_query.size());
  request.url.append(config.base_url).append(path);
  if (!query.empty()) request.url.append("?").append(canonical_query);
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
      std::string authorization = Authorization(request, path, canonical_query, config);
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
