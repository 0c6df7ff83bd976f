#ifndef CSMS_SRC_INTERNAL_EXTRA_HEADERS_H_
#define CSMS_SRC_INTERNAL_EXTRA_HEADERS_H_

// The user's extra request headers (ClientOptions::extra_headers,
// CallOptions::extra_headers): which ones are acceptable, and how the two
// lists combine. The request builder adds the result before signing.

#include <optional>
#include <string>
#include <string_view>

#include "csms/http.h"

namespace csms {
namespace internal {

/// At most this many extra headers in one list.
inline constexpr std::size_t kMaxExtraHeaders = 32;
/// Longest extra header name, in bytes.
inline constexpr std::size_t kMaxExtraHeaderNameLength = 256;
/// Longest extra header value, in bytes.
inline constexpr std::size_t kMaxExtraHeaderValueLength = 4096;

/// Whether a header is one the SDK or the transport sets or removes itself
/// (Host, Authorization, X-Sdk-*, Content-Length, Accept, ...), compared
/// without regard to case: an extra header of that name is refused.
bool IsReservedHeaderName(std::string_view name);

/// The first problem with a list of extra headers, as a message that quotes
/// the header's name (never its value), or nothing. Rules: ClientOptions::extra_headers.
std::optional<std::string> FindExtraHeadersProblem(const HttpHeaders& headers);

/// Throws ConfigurationError("extra_headers: <problem>").
void CheckClientExtraHeaders(const HttpHeaders& headers);

/// Throws ValidationError naming "extra_headers".
void CheckCallExtraHeaders(const HttpHeaders& headers);

/// Appends the client's extra headers, then the call's, to `out`; a client
/// header that the call also names (without regard to case) is left out: the
/// call's wins. Both lists were checked already.
void AppendExtraHeaders(const HttpHeaders& client, const HttpHeaders& call, HttpHeaders* out);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_EXTRA_HEADERS_H_
