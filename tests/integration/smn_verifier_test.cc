// SmnMessageVerifier end to end: messages signed here with keys and
// certificates made at run time, the certificate served over https by a
// cpp-httplib server on 127.0.0.1 (port 0), fetched through the default curl
// transport with ca_file set. Time comes from an injected clock, never the wall.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "csms/csms.h"
#include "internal/smn_signing.h"
#include "loopback_server.h"
#include "self_signed_cert.h"

namespace {

using csms::SmnMessage;
using csms::SmnMessageVerifier;
using csms::SmnVerificationError;
using csms::SmnVerifierOptions;
using csms_test::LoopbackServer;
using csms_test::SelfSignedCert;
using Reason = csms::SmnVerificationError::Reason;
using ::testing::HasSubstr;
using ::testing::Not;

// 2026-07-10T09:45:00Z, the time every test's clock reads unless it moves it.
constexpr std::int64_t kNowSeconds = 1783676700;
const csms::Timestamp kNow{std::chrono::seconds(kNowSeconds)};
constexpr const char* kTopic = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events";

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test crypto: ") + what);
}

// A signing key and its certificate, valid from not_before to not_after
// (seconds since 1970), signed with `digest` (which names the digest messages
// are signed with).
class SigningCert {
 public:
  enum class KeyType { kRsa, kEc };

  explicit SigningCert(const EVP_MD* digest = EVP_sha256(), KeyType type = KeyType::kRsa,
                       std::int64_t not_before = kNowSeconds - 86400,
                       std::int64_t not_after = kNowSeconds + 86400)
      : digest_(digest) {
    key_ = type == KeyType::kRsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
    Check(key_ != nullptr, "key");
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 7);
    Check(ASN1_TIME_set(X509_getm_notBefore(cert_), static_cast<time_t>(not_before)) != nullptr,
          "notBefore");
    Check(ASN1_TIME_set(X509_getm_notAfter(cert_), static_cast<time_t>(not_after)) != nullptr,
          "notAfter");
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("SMN test signer"), -1, -1,
                               0);
    X509_set_issuer_name(cert_, name);
    Check(X509_sign(cert_, key_, digest) > 0, "certificate signature");
    BIO* bio = BIO_new(BIO_s_mem());
    Check(PEM_write_bio_X509(bio, cert_) == 1, "PEM");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    pem_.assign(data, static_cast<std::size_t>(size));
    BIO_free(bio);
  }
  ~SigningCert() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }
  SigningCert(const SigningCert&) = delete;
  SigningCert& operator=(const SigningCert&) = delete;

  const std::string& pem() const { return pem_; }

  /// Sets m.signature as SMN would: base64 of the signature over the string to sign.
  void Sign(SmnMessage* m, const EVP_MD* digest = nullptr) const {
    const std::string text = csms::internal::SmnStringToSign(*m).value();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    Check(EVP_DigestSignInit(ctx, nullptr, digest ? digest : digest_, nullptr, key_) == 1, "init");
    std::size_t size = 0;
    Check(EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(text.data()),
                         text.size()) == 1,
          "size");
    std::string signature(size, '\0');
    Check(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                         reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1,
          "sign");
    EVP_MD_CTX_free(ctx);
    signature.resize(size);
    std::string encoded(4 * ((size + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                       reinterpret_cast<const unsigned char*>(signature.data()),
                                       static_cast<int>(size));
    encoded.resize(static_cast<std::size_t>(length));
    m->signature = encoded;
  }

 private:
  const EVP_MD* digest_;
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  std::string pem_;
};

SmnMessage Notification(const std::string& cert_url, const std::string& subject = "CSMS event") {
  SmnMessage m;
  m.type = "Notification";
  m.message_id = "d84bd6629ef04513ad2e37bffd6e17cb";
  m.topic_urn = kTopic;
  m.subject = subject;
  m.message = R"({"eventName":"ev-created","eventType":"SECRET_VERSION_CREATED",)"
              R"("eventTime":"2026-07-10T09:44:59Z","data":{"secretName":"db-password",)"
              R"("secretId":"5a1e","versionId":"v2"}})";
  m.timestamp = "2026-07-10T09:45:00Z";
  m.signature_version = "v1";
  m.signing_cert_url = cert_url;
  m.unsubscribe_url = "https://console.example/smn/subscription/unsubscribe?x=1";
  return m;
}

SmnMessage Confirmation(const std::string& type, const std::string& cert_url) {
  SmnMessage m;
  m.type = type;
  m.message_id = "54bb04eddfc842e9b44ca36393f77cd3";
  m.topic_urn = kTopic;
  m.message = "You are invited to subscribe to topic csms-events.";
  m.subscribe_url = "https://console.example/smn/subscription/confirm?token=t1";
  m.timestamp = "2026-07-10T09:43:44Z";
  m.signature_version = "v1";
  m.signing_cert_url = cert_url;
  return m;
}

Reason ReasonOf(const SmnMessageVerifier& verifier, const SmnMessage& m) {
  try {
    verifier.Verify(m);
  } catch (const SmnVerificationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("SMN message not verified"));
    return e.reason();
  }
  ADD_FAILURE() << "verified: " << m.signing_cert_url;
  return Reason::kMalformed;
}

// An https server on 127.0.0.1 serving signing certificates by path.
class CertServer {
 public:
  explicit CertServer(const SigningCert& signer)
      : server_(
            [this, &signer](const httplib::Request& req, httplib::Response& res) {
              ++fetches_;
              if (req.path == "/smn/cert.pem") {
                res.set_content(signer.pem(), "application/x-pem-file");
              } else if (req.path == "/smn/garbage.pem") {
                res.set_content(
                    "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n"
                    "-----END CERTIFICATE-----\n",
                    "application/x-pem-file");
              } else if (req.path == "/smn/empty.pem") {
                res.set_content("", "application/x-pem-file");
              } else {
                res.status = 404;
              }
            },
            tls_.cert(), tls_.key()) {}

  std::string Url(const std::string& path = "/smn/cert.pem") const {
    return "https://127.0.0.1:" + std::to_string(server_.port()) + path;
  }
  int fetches() const { return fetches_; }
  const std::string& ca_file() const { return tls_.pem_path(); }

 private:
  SelfSignedCert tls_;
  std::atomic<int> fetches_{0};
  LoopbackServer server_;
};

struct Clock {
  std::shared_ptr<std::atomic<std::int64_t>> seconds =
      std::make_shared<std::atomic<std::int64_t>>(kNowSeconds);
  std::function<csms::Timestamp()> fn() const {
    auto s = seconds;
    return [s] { return csms::Timestamp(std::chrono::seconds(s->load())); };
  }
};

SmnVerifierOptions LoopbackOptions(const CertServer& server, const Clock& clock) {
  SmnVerifierOptions options;
  options.allowed_cert_hosts = {"127.0.0.1"};
  options.ca_file = server.ca_file();
  options.clock = clock.fn();
  return options;
}

// Answers every request with one response and counts them; for the host rules,
// which must refuse before anything is fetched.
class CountingTransport : public csms::HttpTransport {
 public:
  explicit CountingTransport(std::string body, int status = 200)
      : body_(std::move(body)), status_(status) {}
  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    urls_.push_back(request.url);
    csms::HttpResponse response;
    response.status_code = status_;
    response.body = body_;
    return response;
  }
  std::vector<std::string> urls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return urls_;
  }

 private:
  std::string body_;
  int status_;
  mutable std::mutex mu_;
  std::vector<std::string> urls_;
};

TEST(SmnVerifier, VerifiesEveryTypeOverHttpsAndFetchesTheCertificateOnce) {
  SigningCert signer;
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));

  SmnMessage notification = Notification(server.Url());
  signer.Sign(&notification);
  EXPECT_NO_THROW(verifier.Verify(notification));

  SmnMessage no_subject = Notification(server.Url(), "");
  signer.Sign(&no_subject);
  EXPECT_NO_THROW(verifier.Verify(no_subject));

  for (const char* type : {"SubscriptionConfirmation", "UnsubscribeConfirmation"}) {
    SmnMessage confirmation = Confirmation(type, server.Url());
    signer.Sign(&confirmation);
    EXPECT_NO_THROW(verifier.Verify(confirmation)) << type;
  }
  // The guide spells the version "V1" and its examples "v1".
  notification.signature_version = "V1";
  EXPECT_NO_THROW(verifier.Verify(notification));
  // Four messages, one certificate download: the second Verify fetched nothing.
  EXPECT_EQ(server.fetches(), 1);
}

TEST(SmnVerifier, ParsedBodyVerifiesAndYieldsTheCsmsNotification) {
  SigningCert signer;
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage sent = Notification(server.Url());
  signer.Sign(&sent);
  // The body as SMN would POST it (escapes in "message" written out).
  std::string escaped;
  for (const char c : sent.message) {
    if (c == '"') escaped += '\\';
    escaped += c;
  }
  const std::string body = R"({"signature": ")" + sent.signature + R"(", "subject": "CSMS event",
    "topic_urn": ")" + std::string(kTopic) +
                           R"(", "message_id": "d84bd6629ef04513ad2e37bffd6e17cb",
    "signature_version": "v1", "type": "Notification", "message": ")" +
                           escaped + R"(",
    "unsubscribe_url": "https://console.example/u", "signing_cert_url": ")" +
                           server.Url() +
                           R"(", "timestamp": "2026-07-10T09:45:00Z", "future_member": [1]})";
  const SmnMessage received = csms::ParseSmnMessage(body);
  ASSERT_NO_THROW(verifier.Verify(received));

  const auto content = csms::ParseNotificationContent(received.message);
  ASSERT_TRUE(content);
  EXPECT_EQ(content->event_name, "ev-created");
  EXPECT_EQ(content->event_type, csms::EventType::kSecretVersionCreated);
  EXPECT_EQ(content->secret_name, "db-password");
  EXPECT_EQ(content->secret_id, "5a1e");
  EXPECT_EQ(content->version_id, "v2");
  ASSERT_TRUE(content->event_time);
  EXPECT_EQ(*content->event_time, kNow - std::chrono::seconds(1));
}

TEST(SmnVerifier, TamperingWithASignedMemberIsDetected) {
  SigningCert signer;
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage good = Notification(server.Url());
  signer.Sign(&good);
  ASSERT_NO_THROW(verifier.Verify(good));

  const std::vector<std::function<void(SmnMessage*)>> tamperings = {
      [](SmnMessage* m) { m->message += " "; },
      [](SmnMessage* m) { m->message = R"({"eventName":"other"})"; },
      [](SmnMessage* m) { m->subject = "CSMS event!"; },
      [](SmnMessage* m) { m->subject.clear(); },
      [](SmnMessage* m) { m->timestamp = "2026-07-10T09:44:59Z"; },
      [](SmnMessage* m) { m->message_id[0] = 'e'; },
      [](SmnMessage* m) { m->topic_urn += "2"; },
      // A value moved across a line break signs different text.
      [](SmnMessage* m) {
        m->message += "\nmessage_id";
        m->message_id = m->message_id.substr(0);
      },
      [](SmnMessage* m) { m->signature[10] = m->signature[10] == 'A' ? 'B' : 'A'; },
      [](SmnMessage* m) { m->signature = "bm90IHRoZSBzaWduYXR1cmU="; },
  };
  for (std::size_t i = 0; i < tamperings.size(); ++i) {
    SmnMessage m = good;
    tamperings[i](&m);
    EXPECT_EQ(ReasonOf(verifier, m), Reason::kBadSignature) << "tampering " << i;
  }
  // Not base64 at all.
  for (const char* signature : {"not base64!", "c2ln\nbmF0dXJl", "c2lnbmF0dXJl="}) {
    SmnMessage m = good;
    m.signature = signature;
    EXPECT_EQ(ReasonOf(verifier, m), Reason::kBadSignature) << signature;
  }
  // A confirmation's subscribe_url is signed; a notification's subscribe_url is not.
  SmnMessage confirmation = Confirmation("SubscriptionConfirmation", server.Url());
  signer.Sign(&confirmation);
  confirmation.subscribe_url += "&evil=1";
  EXPECT_EQ(ReasonOf(verifier, confirmation), Reason::kBadSignature);
  // A signed Notification passed off as a confirmation signs other keys.
  SmnMessage retyped = good;
  retyped.type = "UnsubscribeConfirmation";
  retyped.subscribe_url = "https://evil.example/";
  EXPECT_EQ(ReasonOf(verifier, retyped), Reason::kBadSignature);
  // Members outside the signature (the guide's lists) may change without notice.
  SmnMessage unsigned_change = good;
  unsigned_change.unsubscribe_url = "https://elsewhere.example/";
  EXPECT_NO_THROW(verifier.Verify(unsigned_change));
}

TEST(SmnVerifier, ErrorsDoNotQuoteTheMessage) {
  SigningCert signer;
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage m = Notification(server.Url());
  signer.Sign(&m);
  m.message = "MARKER-51c0 tampered";
  m.subject = "MARKER-51c0";
  try {
    verifier.Verify(m);
    FAIL();
  } catch (const SmnVerificationError& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("MARKER-51c0")));
    EXPECT_THAT(e.what(), Not(HasSubstr(m.signature)));
  }
}

TEST(SmnVerifier, DigestComesFromTheCertificatesSignatureAlgorithm) {
  // sha384WithRSAEncryption: SMN-style messages are verified with SHA-384.
  SigningCert signer(EVP_sha384());
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage m = Notification(server.Url());
  signer.Sign(&m);
  EXPECT_NO_THROW(verifier.Verify(m));
  signer.Sign(&m, EVP_sha256());
  EXPECT_EQ(ReasonOf(verifier, m), Reason::kBadSignature);
}

TEST(SmnVerifier, EcdsaCertificatesVerifyToo) {
  SigningCert signer(EVP_sha256(), SigningCert::KeyType::kEc);
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage m = Notification(server.Url());
  signer.Sign(&m);
  EXPECT_NO_THROW(verifier.Verify(m));
  m.message += ".";
  EXPECT_EQ(ReasonOf(verifier, m), Reason::kBadSignature);
}

TEST(SmnVerifier, DefaultHostsAreTheRegionsSmnHostsExactly) {
  SigningCert signer;
  auto transport = std::make_shared<CountingTransport>(signer.pem());
  Clock clock;
  SmnVerifierOptions options;
  options.transport = transport;
  options.clock = clock.fn();
  const SmnMessageVerifier verifier(options);

  for (const char* url : {"https://smn.cn-north-4.myhuaweicloud.com/smn/SMN_cn-north-4_1.pem",
                          "https://smn.cn-north-4.myhuaweicloud.eu/smn/SMN_cn-north-4_1.pem",
                          "https://SMN.CN-NORTH-4.MyHuaweiCloud.com:443/smn/x.pem"}) {
    SmnMessage m = Notification(url);
    signer.Sign(&m);
    EXPECT_NO_THROW(verifier.Verify(m)) << url;
  }
  EXPECT_EQ(transport->urls().size(), 3u);

  const std::vector<std::pair<const char*, Reason>> refused = {
      {"https://smn.cn-north-4.myhuaweicloud.com.evil.example/", Reason::kCertificateHost},
      {"https://evil.example/smn.cn-north-4.myhuaweicloud.com/", Reason::kCertificateHost},
      // Userinfo is refused before the host is even looked at.
      {"https://smn.cn-north-4.myhuaweicloud.com@evil.example/x.pem", Reason::kCertificateUrl},
      {"https://evil@smn.cn-north-4.myhuaweicloud.com/x.pem", Reason::kCertificateUrl},
      {"https://a:b@smn.cn-north-4.myhuaweicloud.com/x.pem", Reason::kCertificateUrl},
      {"https://smn.cn-north-4.myhuaweicloud.com./x.pem", Reason::kCertificateHost},
      {"https://xsmn.cn-north-4.myhuaweicloud.com/x.pem", Reason::kCertificateHost},
      {"https://smn.cn-north-1.myhuaweicloud.com/x.pem", Reason::kCertificateHost},
      {"https://smn.myhuaweicloud.com/x.pem", Reason::kCertificateHost},
      {"https://127.0.0.1/x.pem", Reason::kCertificateHost},
      {"http://smn.cn-north-4.myhuaweicloud.com/x.pem", Reason::kCertificateUrl},
      {"ftp://smn.cn-north-4.myhuaweicloud.com/x.pem", Reason::kCertificateUrl},
      {"https://smn.cn-north-4.myhuaweicloud.com/x.pem#f", Reason::kCertificateUrl},
      {"smn.cn-north-4.myhuaweicloud.com/x.pem", Reason::kCertificateUrl},
      {"https://smn.cn-north-4.myhuaweicloud.com\\@evil.example/", Reason::kCertificateUrl},
      {"", Reason::kCertificateUrl},
  };
  for (const auto& [url, reason] : refused) {
    SmnMessage m = Notification(url);
    signer.Sign(&m);
    EXPECT_EQ(ReasonOf(verifier, m), reason) << url;
  }
  // Nothing was fetched for any of them.
  EXPECT_EQ(transport->urls().size(), 3u);

  // The error names the host it refused.
  SmnMessage evil = Notification("https://smn.cn-north-4.myhuaweicloud.com.evil.example/");
  signer.Sign(&evil);
  try {
    verifier.Verify(evil);
    FAIL();
  } catch (const SmnVerificationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("\"smn.cn-north-4.myhuaweicloud.com.evil.example\""));
  }

  // Without a region in the topic URN there is no default host.
  SmnMessage no_region = Notification("https://smn.cn-north-4.myhuaweicloud.com/x.pem");
  no_region.topic_urn = "urn:smn:evil.example:p:t";
  signer.Sign(&no_region);
  EXPECT_EQ(ReasonOf(verifier, no_region), Reason::kMalformed);
}

TEST(SmnVerifier, AllowedHostsReplaceTheDefaults) {
  SigningCert signer;
  auto transport = std::make_shared<CountingTransport>(signer.pem());
  Clock clock;
  SmnVerifierOptions options;
  options.transport = transport;
  options.clock = clock.fn();
  options.allowed_cert_hosts = {"Certs.Example.COM", "::1"};
  const SmnMessageVerifier verifier(options);
  for (const char* url : {"https://certs.example.com/a.pem", "https://[::1]:8443/a.pem"}) {
    SmnMessage m = Notification(url);
    signer.Sign(&m);
    EXPECT_NO_THROW(verifier.Verify(m)) << url;
  }
  SmnMessage smn = Notification("https://smn.cn-north-4.myhuaweicloud.com/x.pem");
  signer.Sign(&smn);
  EXPECT_EQ(ReasonOf(verifier, smn), Reason::kCertificateHost);
  EXPECT_EQ(transport->urls().size(), 2u);
}

TEST(SmnVerifier, PlainHttpOnlyForAnExplicitlyAllowedLoopbackHost) {
  SigningCert signer;
  LoopbackServer http([&signer](const httplib::Request&, httplib::Response& res) {
    res.set_content(signer.pem(), "application/x-pem-file");
  });
  const std::string url = http.url() + "/smn/cert.pem";
  Clock clock;
  SmnMessage m = Notification(url);
  signer.Sign(&m);

  SmnVerifierOptions options;
  options.clock = clock.fn();
  options.allowed_cert_hosts = {"127.0.0.1"};
  EXPECT_EQ(ReasonOf(SmnMessageVerifier(options), m), Reason::kCertificateUrl);
  options.allow_http_on_loopback = true;
  EXPECT_NO_THROW(SmnMessageVerifier(options).Verify(m));
  EXPECT_EQ(http.requests().size(), 1u);

  // The flag does not make a non-loopback host's http acceptable.
  auto transport = std::make_shared<CountingTransport>(signer.pem());
  options.transport = transport;
  options.allowed_cert_hosts = {"certs.example.com"};
  SmnMessage remote = Notification("http://certs.example.com/a.pem");
  signer.Sign(&remote);
  EXPECT_EQ(ReasonOf(SmnMessageVerifier(options), remote), Reason::kCertificateUrl);
  EXPECT_TRUE(transport->urls().empty());
}

TEST(SmnVerifier, AgeIsCheckedAgainstTheInjectedClockBeforeAnyFetch) {
  SigningCert signer;
  auto transport = std::make_shared<CountingTransport>(signer.pem());
  Clock clock;
  SmnVerifierOptions options;
  options.transport = transport;
  options.clock = clock.fn();
  options.max_age = std::chrono::minutes(10);
  options.max_clock_skew = std::chrono::seconds(30);
  const SmnMessageVerifier verifier(options);
  SmnMessage m = Notification("https://smn.cn-north-4.myhuaweicloud.com/x.pem");
  signer.Sign(&m);

  clock.seconds->store(kNowSeconds + 600);  // exactly max_age old: accepted
  EXPECT_NO_THROW(verifier.Verify(m));
  clock.seconds->store(kNowSeconds + 601);
  EXPECT_EQ(ReasonOf(verifier, m), Reason::kTooOld);
  clock.seconds->store(kNowSeconds - 30);  // 30 s ahead of the clock: accepted
  EXPECT_NO_THROW(verifier.Verify(m));
  clock.seconds->store(kNowSeconds - 31);
  EXPECT_EQ(ReasonOf(verifier, m), Reason::kFromTheFuture);
  EXPECT_EQ(transport->urls().size(), 1u);

  // Times at the ends of the range saturate instead of overflowing.
  clock.seconds->store(kNowSeconds);
  for (const char* timestamp : {"0000-01-01T00:00:00Z", "1677-09-21T00:12:43Z"}) {
    SmnMessage old = m;
    old.timestamp = timestamp;
    signer.Sign(&old);
    EXPECT_EQ(ReasonOf(verifier, old), Reason::kTooOld) << timestamp;
  }
  SmnMessage far = m;
  far.timestamp = "9999-12-31T23:59:59Z";
  signer.Sign(&far);
  EXPECT_EQ(ReasonOf(verifier, far), Reason::kFromTheFuture);
  SmnVerifierOptions forever = options;
  forever.max_age = std::chrono::seconds::max();
  forever.max_clock_skew = std::chrono::seconds::max();
  const SmnMessageVerifier lenient(forever);
  EXPECT_NO_THROW(lenient.Verify(far));

  for (const char* timestamp : {"2026-07-10 09:45:00", "1783676700", ""}) {
    SmnMessage bad = m;
    bad.timestamp = timestamp;
    EXPECT_EQ(ReasonOf(verifier, bad), Reason::kMalformed) << timestamp;
  }
}

TEST(SmnVerifier, TypeAndVersionAreChecked) {
  SigningCert signer;
  auto transport = std::make_shared<CountingTransport>(signer.pem());
  Clock clock;
  SmnVerifierOptions options;
  options.transport = transport;
  options.clock = clock.fn();
  const SmnMessageVerifier verifier(options);
  SmnMessage m = Notification("https://smn.cn-north-4.myhuaweicloud.com/x.pem");
  signer.Sign(&m);
  SmnMessage v2 = m;
  v2.signature_version = "v2";
  EXPECT_EQ(ReasonOf(verifier, v2), Reason::kUnsupportedVersion);
  SmnMessage no_version = m;
  no_version.signature_version.clear();
  EXPECT_EQ(ReasonOf(verifier, no_version), Reason::kUnsupportedVersion);
  SmnMessage other = m;
  other.type = "Other";
  EXPECT_EQ(ReasonOf(verifier, other), Reason::kMalformed);
  EXPECT_TRUE(transport->urls().empty());
}

TEST(SmnVerifier, ExpiredOrNotYetValidCertificateIsRefusedEvenWhenCached) {
  SigningCert expired(EVP_sha256(), SigningCert::KeyType::kRsa, kNowSeconds - 7200,
                      kNowSeconds - 1);
  CertServer server(expired);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage m = Notification(server.Url());
  expired.Sign(&m);
  EXPECT_EQ(ReasonOf(verifier, m), Reason::kCertificateExpired);

  SigningCert early(EVP_sha256(), SigningCert::KeyType::kRsa, kNowSeconds + 60, kNowSeconds + 7200);
  CertServer early_server(early);
  const SmnMessageVerifier early_verifier(LoopbackOptions(early_server, clock));
  SmnMessage e = Notification(early_server.Url());
  early.Sign(&e);
  EXPECT_EQ(ReasonOf(early_verifier, e), Reason::kCertificateExpired);

  // A cached certificate is checked again at each Verify.
  SigningCert short_lived(EVP_sha256(), SigningCert::KeyType::kRsa, kNowSeconds - 60,
                          kNowSeconds + 60);
  CertServer short_server(short_lived);
  const SmnMessageVerifier short_verifier(LoopbackOptions(short_server, clock));
  SmnMessage s = Notification(short_server.Url());
  short_lived.Sign(&s);
  EXPECT_NO_THROW(short_verifier.Verify(s));
  clock.seconds->store(kNowSeconds + 61);
  s.timestamp = "2026-07-10T09:46:01Z";
  short_lived.Sign(&s);
  EXPECT_EQ(ReasonOf(short_verifier, s), Reason::kCertificateExpired);
  EXPECT_EQ(short_server.fetches(), 1);
}

TEST(SmnVerifier, GarbageMissingOrUnreachableCertificateIsATypedError) {
  SigningCert signer;
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  for (const char* path : {"/smn/garbage.pem", "/smn/empty.pem"}) {
    SmnMessage m = Notification(server.Url(path));
    signer.Sign(&m);
    EXPECT_EQ(ReasonOf(verifier, m), Reason::kCertificateInvalid) << path;
  }
  SmnMessage missing = Notification(server.Url("/smn/missing.pem"));
  signer.Sign(&missing);
  try {
    verifier.Verify(missing);
    FAIL();
  } catch (const SmnVerificationError& e) {
    EXPECT_EQ(e.reason(), Reason::kCertificateUnavailable);
    EXPECT_THAT(e.what(), HasSubstr("HTTP 404"));
    EXPECT_FALSE(e.transport_kind());
  }
  // Failures are not cached: each Verify asks again.
  const int before = server.fetches();
  EXPECT_EQ(ReasonOf(verifier, missing), Reason::kCertificateUnavailable);
  EXPECT_EQ(server.fetches(), before + 1);

  // A bound socket that does not listen: connecting is refused, at once.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  SmnMessage closed =
      Notification("https://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/c.pem");
  signer.Sign(&closed);
  try {
    verifier.Verify(closed);
    FAIL();
  } catch (const SmnVerificationError& e) {
    EXPECT_EQ(e.reason(), Reason::kCertificateUnavailable);
    EXPECT_EQ(e.transport_kind(), csms::TransportError::Kind::kConnect);
  }
  close(fd);

  // The TLS server's certificate must be trusted: without ca_file, no fetch succeeds.
  SmnVerifierOptions untrusted = LoopbackOptions(server, clock);
  untrusted.ca_file.clear();
  SmnMessage m = Notification(server.Url());
  signer.Sign(&m);
  try {
    SmnMessageVerifier(untrusted).Verify(m);
    FAIL();
  } catch (const SmnVerificationError& e) {
    EXPECT_EQ(e.reason(), Reason::kCertificateUnavailable);
    EXPECT_EQ(e.transport_kind(), csms::TransportError::Kind::kTls);
  }
}

TEST(SmnVerifier, OversizedOrKeylessDownloadsAreInvalid) {
  SigningCert signer;
  Clock clock;
  SmnVerifierOptions options;
  options.clock = clock.fn();
  SmnMessage m = Notification("https://smn.cn-north-4.myhuaweicloud.com/x.pem");
  signer.Sign(&m);
  for (const std::string& body :
       std::vector<std::string>{signer.pem() + std::string(64 * 1024, '\n'), "not pem at all",
                                "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n"
                                "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n"
                                "-----END CERTIFICATE-----\n"}) {
    options.transport = std::make_shared<CountingTransport>(body);
    EXPECT_EQ(ReasonOf(SmnMessageVerifier(options), m), Reason::kCertificateInvalid);
  }
}

TEST(SmnVerifier, ATransportThatThrowsSomethingElseIsUnavailable) {
  class Throwing : public csms::HttpTransport {
   public:
    csms::HttpResponse Send(const csms::HttpRequest&) override {
      throw std::runtime_error("proxy exploded");
    }
  };
  SigningCert signer;
  Clock clock;
  SmnVerifierOptions options;
  options.clock = clock.fn();
  options.transport = std::make_shared<Throwing>();
  SmnMessage m = Notification("https://smn.cn-north-4.myhuaweicloud.com/x.pem");
  signer.Sign(&m);
  EXPECT_EQ(ReasonOf(SmnMessageVerifier(options), m), Reason::kCertificateUnavailable);
}

TEST(SmnVerifier, CacheIsPerUrlAndBounded) {
  SigningCert signer;
  auto transport = std::make_shared<CountingTransport>(signer.pem());
  Clock clock;
  SmnVerifierOptions options;
  options.transport = transport;
  options.clock = clock.fn();
  options.max_cached_certificates = 1;
  const SmnMessageVerifier verifier(options);
  SmnMessage a = Notification("https://smn.cn-north-4.myhuaweicloud.com/a.pem");
  SmnMessage b = Notification("https://smn.cn-north-4.myhuaweicloud.com/b.pem");
  signer.Sign(&a);
  signer.Sign(&b);
  verifier.Verify(a);
  verifier.Verify(a);
  EXPECT_EQ(transport->urls().size(), 1u);
  verifier.Verify(b);  // evicts a
  verifier.Verify(b);
  EXPECT_EQ(transport->urls().size(), 2u);
  verifier.Verify(a);
  EXPECT_EQ(transport->urls().size(), 3u);
  // Copies share the cache.
  const SmnMessageVerifier copy = verifier;
  copy.Verify(a);
  EXPECT_EQ(transport->urls().size(), 3u);
}

TEST(SmnVerifier, UnusableOptionsAreAConfigurationError) {
  const auto refused = [](const std::function<void(SmnVerifierOptions*)>& change) {
    SmnVerifierOptions options;
    change(&options);
    EXPECT_THROW(SmnMessageVerifier{options}, csms::ConfigurationError);
  };
  refused([](SmnVerifierOptions* o) { o->max_age = std::chrono::seconds(-1); });
  refused([](SmnVerifierOptions* o) { o->max_clock_skew = std::chrono::seconds(-1); });
  refused([](SmnVerifierOptions* o) { o->max_cached_certificates = 0; });
  for (const char* host :
       {"", "https://smn.example.com", "smn.example.com/x", "smn.example.com:443",
        "u@smn.example.com", "smn example.com", "*.example.com", "[::1]", "abc:1", "::g"}) {
    refused([host](SmnVerifierOptions* o) { o->allowed_cert_hosts = {host}; });
  }
}

TEST(SmnVerifier, SixteenThreadsShareOneVerifier) {
  SigningCert signer;
  CertServer server(signer);
  Clock clock;
  const SmnMessageVerifier verifier(LoopbackOptions(server, clock));
  SmnMessage good = Notification(server.Url());
  signer.Sign(&good);
  SmnMessage bad = good;
  bad.message += "!";
  std::atomic<int> verified{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        try {
          verifier.Verify(i % 4 == 3 ? bad : good);
          ++verified;
        } catch (const SmnVerificationError& e) {
          if (e.reason() == Reason::kBadSignature) ++refused;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(verified.load(), 16 * 15);
  EXPECT_EQ(refused.load(), 16 * 5);
  // The first Verify of each thread may race to fetch; never more than once each.
  EXPECT_GE(server.fetches(), 1);
  EXPECT_LE(server.fetches(), 16);
}

}  // namespace
