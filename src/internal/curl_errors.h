#ifndef CSMS_SRC_INTERNAL_CURL_ERRORS_H_
#define CSMS_SRC_INTERNAL_CURL_ERRORS_H_

// libcurl result codes to TransportError.

#include <curl/curl.h>

#include <string>

#include "csms/errors.h"

namespace csms {
namespace internal {

/// The failure class of a CURLcode other than CURLE_OK.
TransportError::Kind TransportErrorKind(CURLcode code);

/// The TransportError for a failed transfer: its kind, what failed in words,
/// curl's own detail (error_buffer, may be empty) and the code.
TransportError MakeTransportError(CURLcode code, const char* error_buffer);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CURL_ERRORS_H_
