// SmnMessageVerifier: is this SMN message authentic and fresh? The rules and
// where they come from are in include/csms/smn.h and docs/notifications.md.

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdint>
#include <ctime>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <utility>

#include "csms/smn.h"
#include "internal/ascii.h"
#include "internal/civil_date.h"
#include "internal/saturating_time.h"
#include "internal/smn_signing.h"
#include "internal/url.h"

namespace csms {
namespace {

using Reason = SmnVerificationError::Reason;

// A certificate is a few KiB; anything much larger is not one.
constexpr std::size_t kMaxCertificateBytes = std::size_t{64} * 1024;
constexpr std::chrono::milliseconds kFetchTimeout = std::chrono::seconds(10);

[[noreturn]] void Fail(Reason reason, const std::string& what,
                       std::optional<TransportError::Kind> kind = std::nullopt) {
  // OpenSSL's thread-local error queue may hold entries from the failed call;
  // leave it clean for whatever this thread does next (curl reads it too).
  ERR_clear_error();
  throw SmnVerificationError(reason, "SMN message not verified: " + what, kind);
}

// A host (already parsed by libcurl) for an error message: printable ASCII
// only and short, since it comes from the message, which anyone can send.
std::string Printable(std::string_view text) {
  constexpr std::size_t kMax = 80;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
    const char c = text[i];
    out.push_back(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
  }
  if (text.size() > kMax) out += "...";
  out.push_back('"');
  return out;
}

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// One downloaded signing certificate, read once and then only read from.
struct Certificate {
  std::unique_ptr<X509, X509Free> x509;
  EVP_PKEY* key = nullptr;  // owned by x509
  const EVP_MD* digest = nullptr;
  std::int64_t not_before = 0;  // seconds since 1970
  std::int64_t not_after = 0;
};

std::optional<std::int64_t> Asn1Seconds(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return std::nullopt;
  // Plain date arithmetic (timegm would take glibc's time-zone lock).
  return internal::DaysFromCivil(std::int64_t{tm.tm_year} + 1900, tm.tm_mon + 1, tm.tm_mday) *
             86400 +
         std::int64_t{tm.tm_hour} * 3600 + std::int64_t{tm.tm_min} * 60 + tm.tm_sec;
}

// The certificate in a download, or a kCertificateInvalid failure.
std::shared_ptr<const Certificate> ReadCertificate(const std::string& pem) {
  if (pem.size() > kMaxCertificateBytes) {
    Fail(Reason::kCertificateInvalid, "the signing certificate download is larger than " +
                                          std::to_string(kMaxCertificateBytes) + " bytes");
  }
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw std::bad_alloc();
  // Never OpenSSL's default passphrase callback, which would prompt on the
  // terminal for a PEM block that claims to be encrypted.
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return 0; };
  auto cert = std::make_shared<Certificate>();
  cert->x509.reset(PEM_read_bio_X509(bio.get(), nullptr, no_passphrase, nullptr));
  if (!cert->x509) Fail(Reason::kCertificateInvalid, "the signing certificate is not PEM X.509");
  cert->key = X509_get0_pubkey(cert->x509.get());
  const int key_type = cert->key == nullptr ? NID_undef : EVP_PKEY_get_base_id(cert->key);
  if (key_type != EVP_PKEY_RSA && key_type != EVP_PKEY_EC) {
    Fail(Reason::kCertificateInvalid, "the signing certificate's key is not RSA or EC");
  }
  // The guide's Java sample verifies with Signature.getInstance(cert.getSigAlgName()):
  // the digest of the certificate's own signature algorithm.
  int digest_nid = NID_undef;
  int pkey_nid = NID_undef;
  if (OBJ_find_sigid_algs(X509_get_signature_nid(cert->x509.get()), &digest_nid, &pkey_nid) != 1 ||
      digest_nid == NID_undef) {
    Fail(Reason::kCertificateInvalid,
         "the signing certificate's signature algorithm names no digest");
  }
  cert->digest = EVP_get_digestbynid(digest_nid);
  // SHA-1 (20 bytes) is the weakest accepted; MD5 and the like are refused.
  if (cert->digest == nullptr || EVP_MD_get_size(cert->digest) < 20) {
    Fail(Reason::kCertificateInvalid,
         "the signing certificate's signature digest is unsupported or too weak");
  }
  const auto not_before = Asn1Seconds(X509_get0_notBefore(cert->x509.get()));
  const auto not_after = Asn1Seconds(X509_get0_notAfter(cert->x509.get()));
  if (!not_before || !not_after) {
    Fail(Reason::kCertificateInvalid, "the signing certificate's validity is unreadable");
  }
  cert->not_before = *not_before;
  cert->not_after = *not_after;
  return cert;
}

bool IsHexDigit(char c) {
  return internal::IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A bare host: what an allowed_cert_hosts entry may hold. A name or IPv4
// address (letters, digits, '-', '.'), or an IPv6 address without brackets
// (hex digits, '.', and at least two ':'), so that "host:443" is refused.
bool IsBareHost(std::string_view host) {
  if (host.empty()) return false;
  std::size_t colons = 0;
  bool only_ipv6_characters = true;
  for (const char c : host) {
    if (c == ':') {
      ++colons;
    } else if (!(internal::IsAsciiAlnum(c) || c == '-' || c == '.')) {
      return false;
    }
    only_ipv6_characters = only_ipv6_characters && (c == ':' || c == '.' || IsHexDigit(c));
  }
  return colons == 0 || (colons >= 2 && only_ipv6_characters);
}

}  // namespace

SmnVerificationError::SmnVerificationError(Reason reason, const std::string& message,
                                           std::optional<TransportError::Kind> transport_kind)
    : CsmsError(message), reason_(reason), transport_kind_(transport_kind) {}

class SmnMessageVerifier::Impl {
 public:
  explicit Impl(SmnVerifierOptions options) : options_(std::move(options)) {
    if (options_.max_age.count() < 0) throw ConfigurationError("SMN verifier: max_age is negative");
    if (options_.max_clock_skew.count() < 0) {
      throw ConfigurationError("SMN verifier: max_clock_skew is negative");
    }
    if (options_.max_cached_certificates == 0) {
      throw ConfigurationError("SMN verifier: max_cached_certificates is 0");
    }
    for (const std::string& host : options_.allowed_cert_hosts) {
      if (!IsBareHost(host)) {
        throw ConfigurationError("SMN verifier: allowed_cert_hosts entry " + Printable(host) +
                                 " is not a bare host name or address");
      }
      std::string lower;
      internal::AppendAsciiLower(host, &lower);
      allowed_hosts_.push_back(std::move(lower));
    }
    if (!options_.transport) {
      CurlTransportOptions curl;
      curl.ca_file = options_.ca_file;
      curl.connect_timeout = std::chrono::seconds(5);
      curl.request_timeout = kFetchTimeout;
      curl.max_response_bytes = kMaxCertificateBytes;
      curl.max_idle_connections = 2;
      options_.transport = MakeCurlTransport(curl);
    }
  }

  void Verify(const SmnMessage& m) const {
    if (!SmnMessageTypeFromString(m.type)) {
      Fail(Reason::kMalformed, "type is not a documented SMN message type");
    }
    if (!internal::AsciiEqualsIgnoreCase(m.signature_version, "v1")) {
      Fail(Reason::kUnsupportedVersion, "signature_version is not v1");
    }
    CheckAge(m.timestamp);
    const internal::UrlParts url = CheckCertificateUrl(m);
    const std::shared_ptr<const Certificate> cert = CertificateFor(m.signing_cert_url, url);
    CheckValidity(*cert);
    CheckSignature(m, *cert);
  }

 private:
  Timestamp Now() const {
    return options_.clock ? options_.clock() : std::chrono::system_clock::now();
  }

  void CheckAge(const std::string& timestamp) const {
    const auto sent = internal::ParseSmnTimestamp(timestamp);
    if (!sent) Fail(Reason::kMalformed, "timestamp is not YYYY-MM-DDTHH:MM:SSZ");
    const Timestamp now = Now();
    using Ns = Timestamp::duration;
    if (internal::SaturatingSub(now, *sent) > internal::SaturatingCast<Ns>(options_.max_age)) {
      Fail(Reason::kTooOld, "the message is older than max_age (" +
                                std::to_string(options_.max_age.count()) + " s)");
    }
    if (internal::SaturatingSub(*sent, now) >
        internal::SaturatingCast<Ns>(options_.max_clock_skew)) {
      Fail(Reason::kFromTheFuture, "the message's timestamp is more than max_clock_skew (" +
                                       std::to_string(options_.max_clock_skew.count()) +
                                       " s) ahead of the clock");
    }
  }

  internal::UrlParts CheckCertificateUrl(const SmnMessage& m) const {
    internal::UrlParts url;
    std::string why;
    if (!internal::ParseUserUrl(m.signing_cert_url, &url, &why)) {
      Fail(Reason::kCertificateUrl, "signing_cert_url " + why);
    }
    if (url.has_userinfo) Fail(Reason::kCertificateUrl, "signing_cert_url has userinfo");
    if (url.has_fragment) Fail(Reason::kCertificateUrl, "signing_cert_url has a fragment");
    bool allowed = false;
    if (allowed_hosts_.empty()) {
      const auto region = internal::SmnRegionOfTopicUrn(m.topic_urn);
      if (!region) {
        Fail(Reason::kMalformed, "topic_urn is not urn:smn:{region}:..., so no SMN host is known");
      }
      allowed = url.host == "smn." + *region + ".myhuaweicloud.com" ||
                url.host == "smn." + *region + ".myhuaweicloud.eu";
    } else {
      for (const std::string& host : allowed_hosts_) allowed = allowed || url.host == host;
    }
    if (!allowed) {
      Fail(Reason::kCertificateHost,
           "signing_cert_url host " + Printable(url.host) + " is not an allowed SMN host");
    }
    if (url.scheme == "https") return url;
    // Plain http only for a loopback host the user listed by name (tests, the emulator).
    if (url.scheme == "http" && options_.allow_http_on_loopback && !allowed_hosts_.empty() &&
        internal::IsLoopbackHost(url.host)) {
      return url;
    }
    Fail(Reason::kCertificateUrl, "signing_cert_url is not https");
  }

  std::shared_ptr<const Certificate> CertificateFor(const std::string& url_text,
                                                    const internal::UrlParts& url) const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      const auto found = cache_.find(url_text);
      if (found != cache_.end()) return found->second;
    }
    // Fetched without the lock, so one slow download does not stall messages
    // signed with certificates already cached; two threads may then fetch the
    // same new URL once each, which is harmless.
    HttpRequest request;
    request.method = "GET";
    request.url = url_text;
    request.headers = {{"Host", internal::HostHeader(url)}, {"Accept", "*/*"}};
    request.timeout = kFetchTimeout;
    HttpResponse response;
    const std::string from = " from " + Printable(url.host);
    try {
      response = options_.transport->Send(request);
    } catch (const TransportError& e) {
      Fail(Reason::kCertificateUnavailable,
           "the signing certificate could not be fetched" + from + ": " + e.what(), e.kind());
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      // A user transport may throw something else; it is still "unavailable".
      Fail(Reason::kCertificateUnavailable,
           "the signing certificate could not be fetched" + from + ": " + e.what());
    }
    if (response.status_code != 200) {
      Fail(Reason::kCertificateUnavailable, "the signing certificate could not be fetched" + from +
                                                ": HTTP " + std::to_string(response.status_code));
    }
    std::shared_ptr<const Certificate> cert = ReadCertificate(response.body);
    ERR_clear_error();  // PEM reading may leave entries even when it succeeds
    std::lock_guard<std::mutex> lock(mu_);
    const auto [it, inserted] = cache_.emplace(url_text, cert);
    if (!inserted) return it->second;  // another thread fetched it meanwhile
    order_.push_back(url_text);
    while (cache_.size() > options_.max_cached_certificates) {
      cache_.erase(order_.front());
      order_.pop_front();
    }
    return cert;
  }

  void CheckValidity(const Certificate& cert) const {
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
    if (now < cert.not_before) {
      Fail(Reason::kCertificateExpired, "the signing certificate is not valid yet (notBefore)");
    }
    if (now > cert.not_after) {
      Fail(Reason::kCertificateExpired, "the signing certificate has expired (notAfter)");
    }
  }

  static void CheckSignature(const SmnMessage& m, const Certificate& cert) {
    const auto signature = internal::DecodeBase64Strict(m.signature);
    if (!signature || signature->empty()) {
      Fail(Reason::kBadSignature, "signature is not base64");
    }
    const auto text = internal::SmnStringToSign(m);
    if (!text) Fail(Reason::kMalformed, "type is not a documented SMN message type");
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!ctx) throw std::bad_alloc();
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, cert.digest, nullptr, cert.key) != 1) {
      Fail(Reason::kCertificateInvalid, "the signing certificate's key cannot verify");
    }
    const int verified = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
        reinterpret_cast<const unsigned char*>(text->data()), text->size());
    if (verified != 1) {
      Fail(Reason::kBadSignature,
           "the signature does not match the message (forged, tampered or signed with another "
           "key)");
    }
  }

  SmnVerifierOptions options_;
  std::vector<std::string> allowed_hosts_;  // lower-case
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const Certificate>> cache_;
  mutable std::deque<std::string> order_;  // cache_'s keys, oldest first
};

SmnMessageVerifier::SmnMessageVerifier(SmnVerifierOptions options)
    : impl_(std::make_shared<Impl>(std::move(options))) {}

void SmnMessageVerifier::Verify(const SmnMessage& message) const { impl_->Verify(message); }

}  // namespace csms
