#include "signing_identity.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <ctime>
#include <stdexcept>
#include <vector>

namespace csms::emu {
namespace {

constexpr int kKeyBits = 2048;
constexpr std::chrono::hours kBackdate{1};
// Ten years of 365.25 days.
constexpr std::chrono::hours kValidity{24 * 3653};

[[noreturn]] void Fail(const char* what) {
  throw std::runtime_error(std::string("csms-emulator: cannot make the signing identity: ") + what);
}

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::time_t ToTimeT(std::chrono::system_clock::time_point time) {
  return std::chrono::system_clock::to_time_t(time);
}

}  // namespace

struct SigningIdentity::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

SigningIdentity::SigningIdentity(std::chrono::system_clock::time_point now)
    : key_(std::make_unique<Key>()) {
  key_->pkey = EVP_RSA_gen(kKeyBits);
  if (key_->pkey == nullptr) Fail("RSA key generation failed");

  const std::unique_ptr<X509, X509Deleter> cert(X509_new());
  if (!cert) Fail("X509_new failed");
  if (X509_set_version(cert.get(), 2) != 1) Fail("X509_set_version failed");  // v3
  // A serial from the clock: certificates of successive runs differ.
  if (ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(ToTimeT(now))) != 1) {
    Fail("setting the serial number failed");
  }
  // The emulator clock, not the system's: tests move it by days.
  if (ASN1_TIME_set(X509_getm_notBefore(cert.get()), ToTimeT(now - kBackdate)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()), ToTimeT(now + kValidity)) == nullptr) {
    Fail("setting the validity failed");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1,
                                 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1) {
    Fail("setting the names failed");
  }
  if (X509_set_pubkey(cert.get(), key_->pkey) != 1) Fail("X509_set_pubkey failed");
  if (X509_sign(cert.get(), key_->pkey, EVP_sha256()) <= 0) Fail("X509_sign failed");

  const std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) Fail("PEM encoding failed");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  if (size <= 0 || data == nullptr) Fail("PEM encoding failed");
  certificate_pem_.assign(data, static_cast<std::size_t>(size));
}

SigningIdentity::~SigningIdentity() = default;

std::string SigningIdentity::SignBase64(std::string_view data) const {
  const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_->pkey) != 1) {
    Fail("EVP_DigestSignInit failed");
  }
  std::size_t size = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &size, bytes, data.size()) != 1) Fail("signing failed");
  std::vector<unsigned char> signature(size);
  if (EVP_DigestSign(ctx.get(), signature.data(), &size, bytes, data.size()) != 1) {
    Fail("signing failed");
  }
  // EVP_EncodeBlock writes 4 characters per 3 bytes, plus a terminating NUL.
  std::string encoded(4 * ((size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                      signature.data(), static_cast<int>(size));
  if (written < 0) Fail("base64 encoding failed");
  encoded.resize(static_cast<std::size_t>(written));
  return encoded;
}

}  // namespace csms::emu
