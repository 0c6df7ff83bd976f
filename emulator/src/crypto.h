#ifndef CSMS_EMULATOR_SRC_CRYPTO_H_
#define CSMS_EMULATOR_SRC_CRYPTO_H_

// The few OpenSSL primitives the emulator needs, behind plain string functions.

#include <cstddef>
#include <string>
#include <string_view>

namespace csms::emu {

/// Lower-case hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);
/// Lower-case hex of HMAC-SHA256(key, data).
std::string HmacSha256Hex(std::string_view key, std::string_view data);
/// Compares without an early exit, so the time taken does not reveal how many
/// leading bytes of a guessed signature or token were right. Lengths are not secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
/// `count` bytes from OpenSSL's CSPRNG. @throws std::runtime_error if it fails.
std::string RandomBytes(std::size_t count);
/// Lower-case hex of arbitrary bytes.
std::string HexEncode(std::string_view bytes);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_CRYPTO_H_
