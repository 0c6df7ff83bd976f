#include "internal/crypto.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace csms {
namespace internal {
namespace {

constexpr std::size_t kSha256Size = 32;
constexpr std::size_t kSha256BlockSize = 64;
using Digest = std::array<unsigned char, kSha256Size>;

// OpenSSL 3 looks the algorithm up by name on every one-shot SHA256() or
// HMAC() call; fetching it once and reusing a per-thread context removes that
// lookup (and its lock) from every signature.
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (algorithm == nullptr) throw std::runtime_error("OpenSSL has no SHA256");
  return algorithm;
}

class DigestContext {
 public:
  DigestContext() : ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr) throw std::bad_alloc();
  }
  ~DigestContext() { EVP_MD_CTX_free(ctx_); }
  DigestContext(const DigestContext&) = delete;
  DigestContext& operator=(const DigestContext&) = delete;

  void Begin() {
    if (EVP_DigestInit_ex2(ctx_, Sha256Algorithm(), nullptr) != 1) Fail();
  }
  void Add(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(ctx_, data, size) != 1) Fail();
  }
  Digest Finish() {
    Digest digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx_, digest.data(), &size) != 1 || size != kSha256Size) Fail();
    return digest;
  }

 private:
  [[noreturn]] static void Fail() { throw std::runtime_error("SHA-256 failed"); }
  EVP_MD_CTX* ctx_;
};

DigestContext& ThreadContext() {
  thread_local DigestContext context;
  return context;
}

Digest Sha256(std::string_view data) {
  DigestContext& ctx = ThreadContext();
  ctx.Begin();
  ctx.Add(data.data(), data.size());
  return ctx.Finish();
}

void AppendHex(const Digest& digest, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char hex[2 * kSha256Size];
  for (std::size_t i = 0; i < kSha256Size; ++i) {
    hex[2 * i] = kDigits[digest[i] >> 4];
    hex[2 * i + 1] = kDigits[digest[i] & 0x0f];
  }
  out->append(hex, sizeof hex);
}

Digest HmacSha256(std::string_view key, std::string_view data) {
  // HMAC (RFC 2104) over the cached SHA-256: H((K ^ opad) || H((K ^ ipad) || data)).
  std::array<unsigned char, kSha256BlockSize> block{};
  if (key.size() > kSha256BlockSize) {
    const Digest hashed = Sha256(key);
    std::memcpy(block.data(), hashed.data(), hashed.size());
  } else if (!key.empty()) {  // an empty string_view may have a null data(): no memcpy
    std::memcpy(block.data(), key.data(), key.size());
  }
  std::array<unsigned char, kSha256BlockSize> pad{};
  DigestContext& ctx = ThreadContext();

  for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = block[i] ^ 0x36;
  ctx.Begin();
  ctx.Add(pad.data(), pad.size());
  ctx.Add(data.data(), data.size());
  const Digest inner = ctx.Finish();

  for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = block[i] ^ 0x5c;
  ctx.Begin();
  ctx.Add(pad.data(), pad.size());
  ctx.Add(inner.data(), inner.size());
  const Digest mac = ctx.Finish();
  // The padded key is secret material: do not leave it on the stack.
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  return mac;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  std::string hex;
  AppendSha256Hex(data, &hex);
  return hex;
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  std::string hex;
  AppendHmacSha256Hex(key, data, &hex);
  return hex;
}

void AppendSha256Hex(std::string_view data, std::string* out) { AppendHex(Sha256(data), out); }

void AppendHmacSha256Hex(std::string_view key, std::string_view data, std::string* out) {
  AppendHex(HmacSha256(key, data), out);
}

}  // namespace internal
}  // namespace csms
