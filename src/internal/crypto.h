#ifndef CSMS_SRC_INTERNAL_CRYPTO_H_
#define CSMS_SRC_INTERNAL_CRYPTO_H_

// The two primitives SDK-HMAC-SHA256 needs, on top of OpenSSL.

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

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

/// An HMAC-SHA256 key made ready once, for a key that signs many requests:
/// holds the SHA-256 states after the (K ^ ipad) and (K ^ opad) blocks, so
/// that each MAC starts from a copy of them instead of hashing both blocks
/// again. The states are as secret as the key; they live only in OpenSSL's
/// digest contexts, which wipe them when freed. Safe to use from many
/// threads at once.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view key);
  HmacSha256Key(const HmacSha256Key&) = delete;
  HmacSha256Key& operator=(const HmacSha256Key&) = delete;

  /// HmacSha256Hex(key, data) appended to out.
  void AppendHex(std::string_view data, std::string* out) const;

 private:
  struct Free {
    void operator()(evp_md_ctx_st* state) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> inner_;
  std::unique_ptr<evp_md_ctx_st, Free> outer_;
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CRYPTO_H_
