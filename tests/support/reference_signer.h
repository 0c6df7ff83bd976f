#ifndef CSMS_TESTS_SUPPORT_REFERENCE_SIGNER_H_
#define CSMS_TESTS_SUPPORT_REFERENCE_SIGNER_H_

// An independent SDK-HMAC-SHA256 canonicalisation (Huawei Cloud API Gateway's
// AK/SK signing), written plainly from the published description and kept
// apart from src/: no code of src/url.cc or src/signer.cc is used, only the
// hash primitives of internal/crypto.h (which crypto_test and
// fuzz_url_canonical check against OpenSSL). The unit tests and the
// fuzz_url_canonical target compare internal::Sign with it; a unit test
// checks it against the official SDKs' vectors.
//
//   CanonicalRequest = Method "\n" CanonicalURI "\n" CanonicalQueryString "\n"
//                      CanonicalHeaders "\n" SignedHeaders "\n" hex(SHA256(body))
//   StringToSign     = "SDK-HMAC-SHA256\n" X-Sdk-Date "\n" hex(SHA256(CanonicalRequest))
//   Authorization    = "SDK-HMAC-SHA256 Access=" AK ", SignedHeaders=" SignedHeaders
//                      ", Signature=" hex(HMAC-SHA256(SK, StringToSign))
//
// Clear for speed of reading, not of running: copies everywhere.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "internal/crypto.h"

namespace csms_test {
namespace reference {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

/// RFC 3986 encoding: unreserved bytes as they are, every other byte as %XX
/// with upper-case hex digits.
inline std::string UriEncode(std::string_view raw) {
  const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += hex[c / 16];
      out += hex[c % 16];
    }
  }
  return out;
}

inline int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// %XX (either case of hex digit) to its byte; a '%' not followed by two hex
/// digits stays as it is.
inline std::string UriDecode(std::string_view encoded) {
  std::string out;
  std::size_t i = 0;
  while (i < encoded.size()) {
    if (encoded[i] == '%' && i + 2 < encoded.size() && HexDigit(encoded[i + 1]) >= 0 &&
        HexDigit(encoded[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(encoded[i + 1]) * 16 + HexDigit(encoded[i + 2]));
      i += 3;
    } else {
      out += encoded[i];
      i += 1;
    }
  }
  return out;
}

/// Each "/"-separated segment of the path decoded, then encoded (so an
/// encoded "/" stays inside its segment), rejoined with "/"; the result
/// starts and ends with "/".
inline std::string CanonicalUri(std::string_view path) {
  std::vector<std::string> segments;
  std::string current;
  for (const char c : path) {
    if (c == '/') {
      segments.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  segments.push_back(current);
  std::string uri;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) uri += '/';
    uri += UriEncode(UriDecode(segments[i]));
  }
  if (uri.empty() || uri.front() != '/') uri = "/" + uri;
  if (uri.back() != '/') uri += '/';
  return uri;
}

/// Keys and values encoded, the encoded pairs sorted (by key, then value),
/// joined as k=v&k=v.
inline std::string CanonicalQueryString(const Pairs& params) {
  Pairs encoded;
  for (const auto& [key, value] : params) encoded.emplace_back(UriEncode(key), UriEncode(value));
  std::sort(encoded.begin(), encoded.end());
  std::string query;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (i > 0) query += '&';
    query += encoded[i].first + "=" + encoded[i].second;
  }
  return query;
}

inline std::string Lower(std::string_view s) {
  std::string out;
  for (const char c : s) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

inline std::string TrimSpacesAndTabs(std::string_view s) {
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && (s[begin] == ' ' || s[begin] == '\t')) ++begin;
  while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
  return std::string(s.substr(begin, end - begin));
}

struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;
  std::string authorization;
};

/// The signature of a request, or nullopt when there is no X-Sdk-Date header
/// with a value that is not blank (the last such header, in the order given,
/// is the date signed).
inline std::optional<Signature> Sign(std::string_view method, std::string_view path,
                                     const Pairs& query, const Pairs& headers,
                                     std::string_view body, std::string_view access_key,
                                     std::string_view secret_key) {
  Pairs canonical_headers;  // (lower-case name, trimmed value), sorted
  std::string date;
  for (const auto& [name, value] : headers) {
    canonical_headers.emplace_back(Lower(name), TrimSpacesAndTabs(value));
    if (Lower(name) == "x-sdk-date") date = TrimSpacesAndTabs(value);
  }
  if (date.empty()) return std::nullopt;
  std::sort(canonical_headers.begin(), canonical_headers.end());

  Signature signature;
  // The signers never put a ";" before the first name, and an empty name (not
  // valid HTTP, but possible here) sorts first and adds nothing to the list.
  for (const auto& [name, value] : canonical_headers) {
    if (!signature.signed_headers.empty()) signature.signed_headers += ';';
    signature.signed_headers += name;
  }
  std::string request =
      std::string(method) + "\n" + CanonicalUri(path) + "\n" + CanonicalQueryString(query) + "\n";
  for (const auto& [name, value] : canonical_headers) request += name + ":" + value + "\n";
  request += "\n" + signature.signed_headers + "\n" + csms::internal::Sha256Hex(body);
  signature.canonical_request = request;
  signature.string_to_sign =
      "SDK-HMAC-SHA256\n" + date + "\n" + csms::internal::Sha256Hex(signature.canonical_request);
  signature.authorization = "SDK-HMAC-SHA256 Access=" + std::string(access_key) +
                            ", SignedHeaders=" + signature.signed_headers + ", Signature=" +
                            csms::internal::HmacSha256Hex(secret_key, signature.string_to_sign);
  return signature;
}

}  // namespace reference
}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_REFERENCE_SIGNER_H_
