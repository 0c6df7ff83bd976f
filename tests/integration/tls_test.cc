// https against a loopback server with a certificate made at run time:
// verification is always on, a CA file makes it pass, and the TLS session is reused.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "csms/csms.h"
#include "loopback_server.h"
#include "self_signed_cert.h"
#include "test_support.h"

namespace {

using csms_test::LoopbackServer;
using csms_test::SelfSignedCert;

void AnswerSeed(const httplib::Request&, httplib::Response& res) {
  res.set_content(csms_test::ReadTestData("create_event_seed_response.json"), "application/json");
}

TEST(Tls, UntrustedCertificateIsRefusedByDefault) {
  SelfSignedCert cert;
  LoopbackServer server(AnswerSeed, cert.cert(), cert.key());
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  try {
    client.CreateSecretEvent(csms_test::SeedRequest());
    FAIL() << "a self-signed certificate was accepted without being trusted";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kTls);
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST(Tls, CaFileMakesTheCertificateTrustedAndOneSessionServesAllCalls) {
  SelfSignedCert cert;
  LoopbackServer server(AnswerSeed, cert.cert(), cert.key());
  csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
  options.ca_file = cert.pem_path();
  csms::CsmsClient client(options);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.CreateSecretEvent(csms_test::SeedRequest()).name, "event-test");
  }
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(Tls, HostNameIsVerified) {
  // Trusted, but issued for another name: the handshake must fail.
  SelfSignedCert other_name("DNS:kms.example.com");
  LoopbackServer wrong(AnswerSeed, other_name.cert(), other_name.key());
  csms::ClientOptions wrong_options = csms_test::LoopbackOptions(wrong.url());
  wrong_options.ca_file = other_name.pem_path();
  try {
    csms::CsmsClient(wrong_options).CreateSecretEvent(csms_test::SeedRequest());
    FAIL() << "a certificate for another host was accepted";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kTls);
  }

  // The certificate names localhost, which is also an allowed endpoint host.
  SelfSignedCert cert;
  LoopbackServer server(AnswerSeed, cert.cert(), cert.key());
  csms::ClientOptions options =
      csms_test::LoopbackOptions("https://localhost:" + std::to_string(server.port()));
  options.ca_file = cert.pem_path();
  EXPECT_EQ(csms::CsmsClient(options).CreateSecretEvent(csms_test::SeedRequest()).name,
            "event-test");
}

TEST(Tls, MissingCaFileIsATlsError) {
  SelfSignedCert cert;
  LoopbackServer server(AnswerSeed, cert.cert(), cert.key());
  csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
  options.ca_file = "/nonexistent/ca.pem";
  try {
    csms::CsmsClient(options).CreateSecretEvent(csms_test::SeedRequest());
    FAIL();
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kTls);
  }
}

}  // namespace
