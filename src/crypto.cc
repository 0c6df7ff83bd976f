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

[[noreturn]] void Fail() { throw std::runtime_error("SHA-256 failed"); }

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
  // Continues from a saved state instead of the initial one.
  void Resume(const EVP_MD_CTX* state) {
    if (EVP_MD_CTX_copy_ex(ctx_, state) != 1) Fail();
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
 private:
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

void AppendDigestHex(const Digest& digest, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char hex[2 * kSha256Size];
  for (std::size_t i = 0; i < kSha256Size; ++i) {
    hex[2 * i] = kDigits[digest[i] >> 4];
    hex[2 * i + 1] = kDigits[digest[i] & 0x0f];
  }
  out->append(hex, sizeof hex);
}

// HMAC (RFC 2104): H((K ^ opad) || H((K ^ ipad) || data)), where K is the key
// zero-padded to a block, or its SHA-256 when longer than a block. K and the
// pads are secret material: they are wiped before leaving the stack.
class KeyPads {
 public:
  explicit KeyPads(std::string_view key) {
    if (key.size() > kSha256BlockSize) {
      const Digest hashed = Sha256(key);
      std::memcpy(block_.data(), hashed.data(), hashed.size());
    } else if (!key.empty()) {  // an empty string_view may have a null data(): no memcpy
      std::memcpy(block_.data(), key.data(), key.size());
    }
  }
  ~KeyPads() {
    OPENSSL_cleanse(block_.data(), block_.size());
    OPENSSL_cleanse(pad_.data(), pad_.size());
  }
  KeyPads(const KeyPads&) = delete;
  KeyPads& operator=(const KeyPads&) = delete;

  const unsigned char* Inner() { return Xor(0x36); }
  const unsigned char* Outer() { return Xor(0x5c); }

 private:
  const unsigned char* Xor(unsigned char value) {
    for (std::size_t i = 0; i < pad_.size(); ++i) pad_[i] = block_[i] ^ value;
    return pad_.data();
  }
  std::array<unsigned char, kSha256BlockSize> block_{};
  std::array<unsigned char, kSha256BlockSize> pad_{};
};

Digest HmacSha256(std::string_view key, std::string_view data) {
  KeyPads pads(key);
  DigestContext& ctx = ThreadContext();
  ctx.Begin();
  ctx.Add(pads.Inner(), kSha256BlockSize);
  ctx.Add(data.data(), data.size());
  const Digest inner = ctx.Finish();
  ctx.Begin();
  ctx.Add(pads.Outer(), kSha256BlockSize);
  ctx.Add(inner.data(), inner.size());
  return ctx.Finish();
}

// A digest context that has absorbed one pad block.
EVP_MD_CTX* NewPadState(const unsigned char* pad) {
  EVP_MD_CTX* state = EVP_MD_CTX_new();
  if (state == nullptr) throw std::bad_alloc();
  if (EVP_DigestInit_ex2(state, Sha256Algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(state, pad, kSha256BlockSize) != 1) {
    EVP_MD_CTX_free(state);
    Fail();
  }
  return state;
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

void AppendSha256Hex(std::string_view data, std::string* out) {
  AppendDigestHex(Sha256(data), out);
}

void AppendHmacSha256Hex(std::string_view key, std::string_view data, std::string* out) {
  AppendDigestHex(HmacSha256(key, data), out);
}

void HmacSha256Key::Free::operator()(evp_md_ctx_st* state) const {
  EVP_MD_CTX_free(state);  // the SHA-256 provider clears its state as it frees it
}

HmacSha256Key::HmacSha256Key(std::string_view key) {
  KeyPads pads(key);
  inner_.reset(NewPadState(pads.Inner()));
  outer_.reset(NewPadState(pads.Outer()));
}

void HmacSha256Key::AppendHex(std::string_view data, std::string* out) const {
  DigestContext& ctx = ThreadContext();
  ctx.Resume(inner_.get());
  ctx.Add(data.data(), data.size());
  const Digest inner = ctx.Finish();
  ctx.Resume(outer_.get());
  ctx.Add(inner.data(), inner.size());
  AppendDigestHex(ctx.Finish(), out);
}

}  // namespace internal
}  // namespace csms
