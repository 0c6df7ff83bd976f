#include "internal/request_builder.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "internal/extra_headers.h"
#include "internal/sdk_date.h"
#include "internal/signer.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

// Whether the URL made of base_url + path ends the path where path ends, so
// that the server canonicalises this very path: it starts with "/" (or is
// empty) and holds no "?" or "#". The client's paths always do (their
// segments are percent-encoded), so the signer is handed the path and query
// the builder made and no URL is parsed back.
bool UrlKeepsPath(std::string_view path) {
  if (path.empty()) return true;
  // A loop, not find_first_of, which calls memchr on "?#" for every byte.
  return path.front() == '/' &&
         std::none_of(path.begin(), path.end(), [](char c) { return c == '?' || c == '#'; });
}

// The Authorization value for the request as built so far.
std::string Authorization(const HttpRequest& request, std::string_view path,
                          std::string_view canonical_query, const SigningCredentials& signing) {
  SigningInput input;
  input.method = request.method;
  input.path = path;
  input.canonical_query = canonical_query;
  input.headers = &request.headers;
  input.body = request.body;
  input.access_key = signing.credentials.access_key();
  input.secret_key = signing.credentials.secret_key();
  input.prepared_key = signing.signing_key.get();
  return Sign(input).authorization;
}

}  // namespace

HttpRequest BuildSignedRequest(const ClientConfig& config, const SigningCredentials& signing,
                               const std::string& method, const std::string& path,
                               const QueryParams& query, std::string body,
                               std::chrono::milliseconds timeout,
                               const HttpHeaders& call_extra_headers) {
  if (!UrlKeepsPath(path)) {
    // A caller's bug, not bad input: every operation percent-encodes its
    // path segments. Signing any other path would sign what is not sent.
    throw std::logic_error(
        "internal error: a request path must start with '/' and hold no '?' or '#'");
  }
  HttpRequest request;
  request.method = method;
  const std::string canonical_query = query.empty() ? std::string() : CanonicalQuery(query);
  request.url.reserve(config.base_url.size() + path.size() + 1 + canonical_query.size());
  request.url.append(config.base_url).append(path);
  if (!query.empty()) request.url.append("?").append(canonical_query);
  request.body = std::move(body);
  request.timeout = timeout;

  HttpHeaders& headers = request.headers;
  headers.reserve(8 + config.extra_headers.size() + call_extra_headers.size());
  headers.emplace_back("Host", config.host_header);
  if (method == "POST" || method == "PUT") headers.emplace_back("Content-Type", kJsonContentType);
  if (config.project) headers.emplace_back("X-Project-Id", config.project->Id());
  // Before signing, so that AK/SK signs them like the SDK's own. None can
  // collide with a header the SDK adds (IsReservedHeaderName).
  AppendExtraHeaders(config.extra_headers, call_extra_headers, &headers);

  const Credentials& credentials = signing.credentials;
  switch (credentials.kind()) {
    case Credentials::Kind::kAkSk: {
      headers.emplace_back("X-Sdk-Date", FormatSdkDate(config.clock()));
      if (!credentials.token().empty()) {
        headers.emplace_back("X-Security-Token", credentials.token());
      }
      std::string authorization = Authorization(request, path, canonical_query, signing);
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
