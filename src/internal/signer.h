#ifndef CSMS_SRC_INTERNAL_SIGNER_H_
#define CSMS_SRC_INTERNAL_SIGNER_H_

// SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud APIs.

#include <string>
#include <string_view>

#include "csms/http.h"
#include "internal/crypto.h"

namespace csms {
namespace internal {

inline constexpr std::string_view kSigningAlgorithm = "SDK-HMAC-SHA256";

/// What to sign: the request as the request builder holds it, with the path
/// and the canonical query it put into the URL (nothing is parsed back out of
/// a URL). headers are exactly the headers to be signed (X-Sdk-Date among
/// them); the caller leaves out User-Agent and Authorization. Every field is a
/// view: what it points at must outlive the call.
struct SigningInput {
  std::string_view method;
  /// As in the URL, up to the "?": empty or starting with "/", and holding no
  /// "?" or "#" (the URL would end the path there, so the server would
  /// canonicalise a different one).
  std::string_view path;
  std::string_view canonical_query;  ///< CanonicalQuery() of the parameters; "" for none
  const HttpHeaders* headers = nullptr;
  std::string_view body;
  std::string_view access_key;
  std::string_view secret_key;
  /// When set, signs with this instead of secret_key (the same key, made ready once).
  const HmacSha256Key* prepared_key = nullptr;
};

/// Every intermediate step, so tests can compare each one with the vectors.
struct SignatureParts {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;
  std::string authorization;  // the Authorization header value
};

/// Computes the signature: the canonical request is the method, CanonicalUri
/// of the path, the canonical query as given, the headers (names lower-cased,
/// values trimmed of spaces and tabs, sorted by name then value), the signed
/// header names and the hex SHA-256 of the body, each on its own line.
/// @throws std::invalid_argument when no X-Sdk-Date header with a non-blank
/// value is among the headers.
SignatureParts Sign(const SigningInput& input);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SIGNER_H_
