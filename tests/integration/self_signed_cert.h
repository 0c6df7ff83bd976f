#ifndef CSMS_TESTS_INTEGRATION_SELF_SIGNED_CERT_H_
#define CSMS_TESTS_INTEGRATION_SELF_SIGNED_CERT_H_

// A certificate for 127.0.0.1 and localhost made at run time, so no key
// material is committed and nothing expires in the repository.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

namespace csms_test {

class SelfSignedCert {
 public:
  /// Generates a P-256 key and a one-day certificate with the given
  /// subjectAltName, and writes the certificate as PEM to a temporary file (for
  /// use as a CA file).
  explicit SelfSignedCert(const char* subject_alt_name = "IP:127.0.0.1,DNS:localhost");
  ~SelfSignedCert();
  SelfSignedCert(const SelfSignedCert&) = delete;
  SelfSignedCert& operator=(const SelfSignedCert&) = delete;

  X509* cert() const { return cert_; }
  EVP_PKEY* key() const { return key_; }
  const std::string& pem_path() const { return pem_path_; }

 private:
  X509* cert_ = nullptr;
  EVP_PKEY* key_ = nullptr;
  std::string pem_path_;
};

}  // namespace csms_test

#endif  // CSMS_TESTS_INTEGRATION_SELF_SIGNED_CERT_H_
