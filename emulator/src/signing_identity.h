#ifndef CSMS_EMULATOR_SRC_SIGNING_IDENTITY_H_
#define CSMS_EMULATOR_SRC_SIGNING_IDENTITY_H_

// The key and self-signed certificate the emulator signs its SMN deliveries
// with, standing in for SMN's: receivers fetch the certificate (PEM) from the
// emulator's signing_cert_url and verify with its public key.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace csms::emu {

class SigningIdentity {
 public:
  /// Generates an RSA-2048 key and an X.509 certificate for it, signed with
  /// SHA256withRSA by itself (CN 127.0.0.1), valid from `now` - 1 h to `now` +
  /// 10 years, so that a verifier on the emulator's clock accepts it across
  /// the days a test advances.
  /// @throws std::runtime_error when OpenSSL fails.
  explicit SigningIdentity(std::chrono::system_clock::time_point now);
  ~SigningIdentity();
  SigningIdentity(const SigningIdentity&) = delete;
  SigningIdentity& operator=(const SigningIdentity&) = delete;

  /// The certificate, PEM ("-----BEGIN CERTIFICATE-----...").
  const std::string& certificate_pem() const { return certificate_pem_; }
  /// Base64 (standard alphabet, no line breaks) of the RSA PKCS#1 v1.5
  /// signature over SHA-256(data): what SMN's guide calls the signature.
  /// Thread-safe. @throws std::runtime_error when OpenSSL fails.
  std::string SignBase64(std::string_view data) const;

 private:
  struct Key;
  std::unique_ptr<Key> key_;
  std::string certificate_pem_;
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_SIGNING_IDENTITY_H_
