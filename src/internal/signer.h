#ifndef CSMS_SRC_INTERNAL_SIGNER_H_
#define CSMS_SRC_INTERNAL_SIGNER_H_

// SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud APIs.

#include <string>
#include <string_view>

#include "csms/http.h"

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

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SIGNER_H_
