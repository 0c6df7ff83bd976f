#include "internal/signer.h"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include "internal/ascii.h"
#include "internal/crypto.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiToLower(c);
  return out;
}

}  // namespace

SignatureParts Sign(const SigningInput& input) {
  UrlParts url;
  if (!ParseUrl(input.url, &url)) throw std::invalid_argument("cannot sign a malformed URL");

  std::vector<std::pair<std::string, std::string_view>> headers;
  headers.reserve(input.headers->size());
  std::string_view sdk_date;
  for (const auto& [name, value] : *input.headers) {
    headers.emplace_back(LowerCase(name), Trim(value));
    if (headers.back().first == "x-sdk-date") sdk_date = headers.back().second;
  }
  if (sdk_date.empty()) throw std::invalid_argument("cannot sign without an X-Sdk-Date header");
  std::sort(headers.begin(), headers.end());

  SignatureParts parts;
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers.append(name).append(":").append(value).append("\n");
    if (!parts.signed_headers.empty()) parts.signed_headers.push_back(';');
    parts.signed_headers += name;
  }

  std::string& request = parts.canonical_request;
  request.reserve(256 + input.url.size() + canonical_headers.size());
  request.append(input.method).append("\n");
  request.append(CanonicalUri(url.path)).append("\n");
  request.append(CanonicalQuery(ParseQuery(url.query))).append("\n");
  request.append(canonical_headers).append("\n");
  request.append(parts.signed_headers).append("\n");
  request.append(Sha256Hex(input.body));

  parts.string_to_sign.append(kSigningAlgorithm).append("\n");
  parts.string_to_sign.append(sdk_date).append("\n");
  parts.string_to_sign.append(Sha256Hex(request));

  parts.authorization.append(kSigningAlgorithm).append(" Access=").append(input.access_key);
  parts.authorization.append(", SignedHeaders=").append(parts.signed_headers);
  parts.authorization.append(", Signature=")
      .append(HmacSha256Hex(input.secret_key, parts.string_to_sign));
  return parts;
}

}  // namespace internal
}  // namespace csms
