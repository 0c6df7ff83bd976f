#include "internal/signer.h"

#include <algorithm>
#include <array>
#include <stdexcept>
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

// A signed header as it arrived: its name is lower-cased only while being
// compared and written, so no lower-case copy is made.
struct HeaderRef {
  std::string_view name;
  std::string_view value;  // trimmed
};

// The order of (lower-cased name, value) pairs that the official signers sort
// by: names byte for byte as unsigned char (std::string's order), then values.
bool LowerNameThenValueLess(const HeaderRef& a, const HeaderRef& b) {
  const std::size_t common = std::min(a.name.size(), b.name.size());
  for (std::size_t i = 0; i < common; ++i) {
    const auto x = static_cast<unsigned char>(AsciiToLower(a.name[i]));
    const auto y = static_cast<unsigned char>(AsciiToLower(b.name[i]));
    if (x != y) return x < y;
  }
  if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
  return a.value < b.value;
}

constexpr std::size_t kSha256HexSize = 64;

}  // namespace

SignatureParts Sign(const SigningInput& input) {
  // The client signs four or five headers: keep their references on the stack.
  const HttpHeaders& given = *input.headers;
  std::array<HeaderRef, 16> stack_headers;
  std::vector<HeaderRef> heap_headers;
  HeaderRef* headers = stack_headers.data();
  if (given.size() > stack_headers.size()) {
    heap_headers.resize(given.size());
    headers = heap_headers.data();
  }
  const std::size_t count = given.size();
  std::string_view sdk_date;
  std::size_t header_bytes = 0;  // "name:value\n" lines
  std::size_t name_bytes = 0;    // "name;name"
  for (std::size_t i = 0; i < count; ++i) {
    headers[i] = {given[i].first, Trim(given[i].second)};
    if (AsciiEqualsIgnoreCase(headers[i].name, "x-sdk-date"))
      sdk_date = headers[i].value;  // the last one counts
    header_bytes += headers[i].name.size() + headers[i].value.size() + 2;
    name_bytes += headers[i].name.size() + 1;
  }
  if (sdk_date.empty()) throw std::invalid_argument("cannot sign without an X-Sdk-Date header");
  std::sort(headers, headers + count, LowerNameThenValueLess);

  SignatureParts parts;
  parts.signed_headers.reserve(name_bytes);
  for (std::size_t i = 0; i < count; ++i) {
    // As the signer always did: no separator after an empty list, so an empty
    // header name sorted first leaves no leading ";".
    if (!parts.signed_headers.empty()) parts.signed_headers.push_back(';');
    AppendAsciiLower(headers[i].name, &parts.signed_headers);
  }

  std::string& request = parts.canonical_request;
  // Exact unless the path needs encoding, which only grows it.
  request.reserve(input.method.size() + input.path.size() + input.canonical_query.size() +
                  header_bytes + parts.signed_headers.size() + kSha256HexSize + 7);
  request.append(input.method).push_back('\n');
  AppendCanonicalUri(input.path, &request);
  request.push_back('\n');
  request.append(input.canonical_query).push_back('\n');
  for (std::size_t i = 0; i < count; ++i) {
    AppendAsciiLower(headers[i].name, &request);
    request.push_back(':');
    request.append(headers[i].value).push_back('\n');
  }
  request.push_back('\n');
  request.append(parts.signed_headers).push_back('\n');
  AppendSha256Hex(input.body, &request);

  std::string& string_to_sign = parts.string_to_sign;
  string_to_sign.reserve(kSigningAlgorithm.size() + sdk_date.size() + kSha256HexSize + 2);
  string_to_sign.append(kSigningAlgorithm).push_back('\n');
  string_to_sign.append(sdk_date).push_back('\n');
  AppendSha256Hex(request, &string_to_sign);

  constexpr std::string_view kAccess = " Access=";
  constexpr std::string_view kSignedHeaders = ", SignedHeaders=";
  constexpr std::string_view kSignature = ", Signature=";
  std::string& authorization = parts.authorization;
  authorization.reserve(kSigningAlgorithm.size() + kAccess.size() + input.access_key.size() +
                        kSignedHeaders.size() + parts.signed_headers.size() + kSignature.size() +
                        kSha256HexSize);
  authorization.append(kSigningAlgorithm).append(kAccess).append(input.access_key);
  authorization.append(kSignedHeaders).append(parts.signed_headers);
  authorization.append(kSignature);
  if (input.prepared_key != nullptr) {
    input.prepared_key->AppendHex(string_to_sign, &authorization);
  } else {
    AppendHmacSha256Hex(input.secret_key, string_to_sign, &authorization);
  }
  return parts;
}

}  // namespace internal
}  // namespace csms
