#ifndef CSMS_TESTS_SUPPORT_SIGN_URL_H_
#define CSMS_TESTS_SUPPORT_SIGN_URL_H_

// internal::Sign for a request given by its whole URL, as a gateway sees it:
// the path and query are split out of the URL, and the query is
// canonicalised from its decoded pairs. For tests that hold a finished
// request (or a signing vector's URL) rather than the path and canonical
// query the request builder passes to Sign.

#include <stdexcept>
#include <string>
#include <string_view>

#include "internal/signer.h"
#include "internal/url.h"

namespace csms_test {

/// Sign(input) with input.path and input.canonical_query taken from url.
/// @throws std::invalid_argument when url does not parse, or as Sign does.
inline csms::internal::SignatureParts SignUrl(csms::internal::SigningInput input,
                                              std::string_view url) {
  csms::internal::UrlView parts;
  if (!csms::internal::SplitUrl(url, &parts)) throw std::invalid_argument("malformed URL");
  const std::string query =
      parts.query.empty() ? std::string()
                          : csms::internal::CanonicalQuery(csms::internal::ParseQuery(parts.query));
  input.path = parts.path;
  input.canonical_query = query;
  return csms::internal::Sign(input);
}

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_SIGN_URL_H_
