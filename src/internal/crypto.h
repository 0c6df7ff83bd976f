#ifndef CSMS_SRC_INTERNAL_CRYPTO_H_
#define CSMS_SRC_INTERNAL_CRYPTO_H_

// The two primitives SDK-HMAC-SHA256 needs, on top of OpenSSL.

#include <string>
#include <string_view>

namespace csms {
namespace internal {

/// Lower-case hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);

/// Lower-case hex HMAC-SHA256 of data under key.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

/// Sha256Hex(data) appended to out, without a temporary string.
void AppendSha256Hex(std::string_view data, std::string* out);

/// HmacSha256Hex(key, data) appended to out, without a temporary string.
void AppendHmacSha256Hex(std::string_view key, std::string_view data, std::string* out);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CRYPTO_H_
