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

/// What to sign. headers are exactly the headers to be signed (X-Sdk-Date among
/// them); the caller leaves out User-Agent and Authorization.
struct SigningInput {
  std::string_view method;
  std::string_view url;
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

/// Computes the signature. Throws std::invalid_argument when the URL cannot be
/// parsed or no X-Sdk-Date header is among the headers.
SignatureParts Sign(const SigningInput& input);

/// What to sign when the caller holds the path and the canonical query string
/// it put into the URL, as the request builder does: nothing is parsed back
/// out of a URL.
struct PreparedSigningInput {
  std::string_view method;
  std::string_view path;             // as in the URL, up to the "?"
  std::string_view canonical_query;  // CanonicalQuery() of the parameters
  const HttpHeaders* headers = nullptr;
  std::string_view body;
  std::string_view access_key;
  std::string_view secret_key;
  /// When set, signs with this instead of secret_key (the same key, made ready once).
  const HmacSha256Key* prepared_key = nullptr;
};

/// input's request with the path and canonical query given instead of being
/// parsed out of input.url (whose fields are views: input must outlive it).
PreparedSigningInput WithPathAndQuery(const SigningInput& input, std::string_view path,
                                      std::string_view canonical_query);

/// Whether SignPrepared for this path equals Sign over "scheme://host" + path
/// + ("?" + canonical_query): path must be empty or start with "/", and hold
/// no "?" or "#", which would move the end of the path in the URL.
bool CanSignPathDirectly(std::string_view path);

/// Sign for a path that CanSignPathDirectly accepts, byte for byte (a
/// canonical query parses back to the same pairs, in the same order). Throws
/// std::invalid_argument when no X-Sdk-Date header is among the headers.
SignatureParts SignPrepared(const PreparedSigningInput& input);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SIGNER_H_
