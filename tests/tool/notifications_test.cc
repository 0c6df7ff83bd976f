// csms notifications listen as a child process, fed by the test with SMN
// messages it signs itself, the signing certificate served by the test's own
// cpp-httplib server on loopback.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "fake_service.h"
#include "tool_process.h"

namespace csms_tool_test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OpenSSL: ") + what);
}

// The wall clock: the tool judges message age and certificate validity by it
// (a program has no injected clock); an hour of margin either way.
std::time_t Now() { return std::time(nullptr); }

std::string SmnTime(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// An RSA key and a self-signed SHA-256 certificate for it, valid an hour
// either side of now.
class Signer {
 public:
  Signer() {
    key_.reset(EVP_RSA_gen(2048));
    Check(key_ != nullptr, "key");
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 14);
    Check(ASN1_TIME_set(X509_getm_notBefore(cert.get()), Now() - 3600) != nullptr, "notBefore");
    Check(ASN1_TIME_set(X509_getm_notAfter(cert.get()), Now() + 3600) != nullptr, "notAfter");
    X509_set_pubkey(cert.get(), key_.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("smn test"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    Check(X509_sign(cert.get(), key_.get(), EVP_sha256()) > 0, "certificate");
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    Check(PEM_write_bio_X509(bio.get(), cert.get()) == 1, "PEM");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    pem_.assign(data, static_cast<std::size_t>(size));
  }

  const std::string& pem() const { return pem_; }

  // Signs the message's string to sign (SMN user guide, "Message Signature
  // Verification": the signed keys in order, key and value each on a line).
  void Sign(json& m) const {
    std::vector<std::string> keys;
    if (m.at("type") == "Notification") {
      keys = {"message", "message_id", "subject", "timestamp", "topic_urn", "type"};
    } else {
      keys = {"message", "message_id", "subscribe_url", "timestamp", "topic_urn", "type"};
    }
    std::string text;
    for (const auto& key : keys) {
      if (!m.contains(key) || m.at(key).get<std::string>().empty()) continue;
      text += key + "\n" + m.at(key).get<std::string>() + "\n";
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    Check(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1, "init");
    std::size_t size = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    Check(EVP_DigestSign(ctx.get(), nullptr, &size, bytes, text.size()) == 1, "size");
    std::string signature(size, '\0');
    Check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                         bytes, text.size()) == 1,
          "sign");
    signature.resize(size);
    std::string encoded(4 * ((size + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                       reinterpret_cast<const unsigned char*>(signature.data()),
                                       static_cast<int>(size));
    encoded.resize(static_cast<std::size_t>(length));
    m["signature"] = encoded;
  }

 private:
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_{nullptr, &EVP_PKEY_free};
  std::string pem_;
};

constexpr char kTopic[] = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events";

// The test's certificate (and subscription confirmation) server.
FakeService::Handler CertServer(const Signer& signer) {
  return [&signer](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/smn/cert.pem") {
      res.status = 200;
      res.set_content(signer.pem(), "application/x-pem-file");
    } else {
      res.status = 200;
    }
  };
}

json Notification(const Signer& signer, const FakeService& certs, const std::string& id,
                  const std::string& secret, std::time_t at = Now()) {
  const json content = {{"eventName", "ev1"},
                        {"eventType", "SECRET_VERSION_CREATED"},
                        {"eventTime", SmnTime(at)},
                        {"data", {{"secretName", secret}, {"versionId", "v2"}}}};
  json m = {{"type", "Notification"},
            {"message_id", id},
            {"topic_urn", kTopic},
            {"subject", "CSMS event"},
            {"message", content.dump()},
            {"timestamp", SmnTime(at)},
            {"signature_version", "v1"},
            {"signing_cert_url", certs.url() + "/smn/cert.pem"},
            {"unsubscribe_url", certs.url() + "/unsubscribe?id=" + id}};
  signer.Sign(m);
  return m;
}

json Confirmation(const Signer& signer, const FakeService& certs) {
  json m = {{"type", "SubscriptionConfirmation"},
            {"message_id", "m-confirm"},
            {"topic_urn", kTopic},
            {"message", "You are invited to subscribe to topic csms-events."},
            {"timestamp", SmnTime(Now())},
            {"signature_version", "v1"},
            {"subscribe_url", certs.url() + "/confirm?token=abc"},
            {"signing_cert_url", certs.url() + "/smn/cert.pem"}};
  signer.Sign(m);
  return m;
}

// The address in the listener's first line, checked.
std::string ListenAddress(ToolProcess& listener) {
  const std::string line = listener.ReadLine();
  std::smatch match;
  const std::regex pattern(R"(listening on (http://127\.0\.0\.1:[1-9][0-9]*))");
  if (!std::regex_match(line, match, pattern)) {
    ADD_FAILURE() << "first line: \"" << line << "\"";
    return "";
  }
  return match[1];
}

int Post(const std::string& address, const std::string& body) {
  httplib::Client client(address);
  client.set_connection_timeout(std::chrono::seconds(10));
  client.set_read_timeout(std::chrono::seconds(20));
  const auto res = client.Post("/smn", body, "application/json");
  return res ? res->status : -1;
}

int CountGets(const FakeService& service, const std::string& path) {
  int n = 0;
  for (const auto& r : service.requests()) n += r.method == "GET" && r.path == path ? 1 : 0;
  return n;
}

const std::vector<std::string> kLoopbackCerts = {"--cert-host-allow", "127.0.0.1",
                                                 "--allow-http-cert"};

std::vector<std::string> ListenArgs(std::vector<std::string> extra) {
  std::vector<std::string> args = {"notifications", "listen", "--port", "0"};
  args.insert(args.end(), kLoopbackCerts.begin(), kLoopbackCerts.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(NotificationsListen, VerifiesPrintsAndRefusesTamperedOrMalformedMessages) {
  const Signer signer;
  FakeService certs(CertServer(signer));
  ToolProcess listener(ListenArgs({"--count", "2"}), {});
  const std::string address = ListenAddress(listener);
  ASSERT_FALSE(address.empty());

  EXPECT_EQ(Post(address, Notification(signer, certs, "m-1", "db-password").dump()), 200);
  json tampered = Notification(signer, certs, "m-2", "db-password");
  tampered["message"] = R"({"eventName":"ev1","eventType":"SECRET_DELETED","marker":"TAMPERED-7"})";
  EXPECT_EQ(Post(address, tampered.dump()), 403);
  EXPECT_EQ(Post(address, R"({"type":"Notification","message":"NOT-SMN-9"})"), 400);
  EXPECT_EQ(Post(address, "not json at all"), 400);
  EXPECT_EQ(Post(address, Notification(signer, certs, "m-3", "api-key").dump()), 200);

  const auto result = listener.Finish();
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const std::string time = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z";
  EXPECT_TRUE(std::regex_match(
      result.out,
      std::regex(time + "  Notification  " + kTopic +
                 "  SECRET_VERSION_CREATED  db-password  v2\n" + time + "  Notification  " +
                 kTopic + "  SECRET_VERSION_CREATED  api-key  v2\n")))
      << result.out;
  // One line per refusal, saying why, never quoting the body.
  EXPECT_EQ(LineCount(result.err), 3) << result.err;
  EXPECT_THAT(result.err,
              HasSubstr("rejected message m-2 (HTTP 403, verification failed, bad_signature): "));
  EXPECT_THAT(result.err, HasSubstr("rejected a message (HTTP 400): "));
  EXPECT_THAT(result.err, Not(HasSubstr("TAMPERED-7")));
  EXPECT_THAT(result.err, Not(HasSubstr("NOT-SMN-9")));
  EXPECT_THAT(result.err, Not(HasSubstr("not json at all")));
  // The certificate is fetched once and kept.
  EXPECT_EQ(CountGets(certs, "/smn/cert.pem"), 1);
}

TEST(NotificationsListen, JsonLinesAndSubscriptionsConfirmedOnlyWhenAsked) {
  const Signer signer;
  FakeService certs(CertServer(signer));
  {
    ToolProcess listener(
        ListenArgs({"--count", "2", "--confirm-subscriptions", "--output", "json"}), {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    EXPECT_EQ(Post(address, Confirmation(signer, certs).dump()), 200);
    EXPECT_EQ(Post(address, Notification(signer, certs, "m-1", "db-password").dump()), 200);
    const auto result = listener.Finish();
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, IsEmpty());
    ASSERT_EQ(LineCount(result.out), 2) << result.out;
    const auto newline = result.out.find('\n');
    const json confirmation = json::parse(result.out.substr(0, newline));
    const json notification = json::parse(result.out.substr(newline + 1));
    EXPECT_EQ(confirmation.at("type"), "SubscriptionConfirmation");
    EXPECT_EQ(confirmation.at("subscribe_url"), certs.url() + "/confirm?token=abc");
    EXPECT_EQ(confirmation.at("confirmation"), "confirmed");
    EXPECT_EQ(notification.at("type"), "Notification");
    EXPECT_EQ(notification.at("message_id"), "m-1");
    EXPECT_EQ(notification.at("topic_urn"), kTopic);
    EXPECT_EQ(notification.at("notification").at("event_type"), "SECRET_VERSION_CREATED");
    EXPECT_EQ(notification.at("notification").at("secret_name"), "db-password");
    EXPECT_FALSE(notification.contains("signature"));
    EXPECT_EQ(CountGets(certs, "/confirm"), 1);
  }
  {
    // Without --confirm-subscriptions the URL is printed, not visited.
    ToolProcess listener(ListenArgs({"--count", "1"}), {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    EXPECT_EQ(Post(address, Confirmation(signer, certs).dump()), 200);
    const auto result = listener.Finish();
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("  SubscriptionConfirmation  " + std::string(kTopic) + "  " +
                                      certs.url() + "/confirm?token=abc\n"));
    EXPECT_EQ(CountGets(certs, "/confirm"), 1);
  }
  {
    // A tampered confirmation is never visited.
    ToolProcess listener(ListenArgs({"--confirm-subscriptions"}), {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    json forged = Confirmation(signer, certs);
    forged["subscribe_url"] = certs.url() + "/confirm?token=forged";
    EXPECT_EQ(Post(address, forged.dump()), 403);
    listener.Signal(SIGTERM);
    const auto result = listener.Finish();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(CountGets(certs, "/confirm"), 1);
  }
}

TEST(NotificationsListen, CertificateHostsAgeAndTheDefaultAllowList) {
  const Signer signer;
  FakeService certs(CertServer(signer));
  {
    // Without --cert-host-allow only the region's SMN hosts are trusted:
    // nothing is fetched from anywhere else.
    ToolProcess listener({"notifications", "listen", "--port", "0", "--allow-http-cert"}, {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    EXPECT_EQ(Post(address, Notification(signer, certs, "m-1", "db-password").dump()), 403);
    listener.Signal(SIGINT);
    const auto result = listener.Finish();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr("certificate_host"));
    EXPECT_EQ(result.out, "");
  }
  {
    ToolProcess listener(ListenArgs({"--max-age", "60"}), {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    EXPECT_EQ(
        Post(address, Notification(signer, certs, "m-old", "db-password", Now() - 600).dump()),
        403);
    listener.Signal(SIGTERM);
    const auto result = listener.Finish();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr("too_old"));
  }
  EXPECT_EQ(CountGets(certs, "/smn/cert.pem"), 0);
}

// The emulator stamps its messages with its own clock, which a test or a demo
// moves ahead by hours: --max-clock-skew lets such messages through.
TEST(NotificationsListen, MaxClockSkewAcceptsMessagesStampedAhead) {
  const Signer signer;
  FakeService certs(CertServer(signer));
  const std::time_t ahead = Now() + 1800;
  {
    ToolProcess listener(ListenArgs({}), {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    EXPECT_EQ(Post(address, Notification(signer, certs, "m-ahead", "db", ahead).dump()), 403);
    listener.Signal(SIGTERM);
    const auto result = listener.Finish();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr("from_the_future"));
  }
  {
    ToolProcess listener(ListenArgs({"--max-clock-skew", "3600", "--count", "1"}), {});
    const std::string address = ListenAddress(listener);
    ASSERT_FALSE(address.empty());
    EXPECT_EQ(Post(address, Notification(signer, certs, "m-ahead", "db", ahead).dump()), 200);
    const auto result = listener.Finish();
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("SECRET_VERSION_CREATED  db  v2"));
  }
}

TEST(NotificationsListen, BadFlagsAreUsageErrors) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"notifications", "listen", "--port", "70000"},
           {"notifications", "listen", "--port", "http"},
           {"notifications", "listen", "--count", "0"},
           {"notifications", "listen", "--max-age", "-1"},
           {"notifications", "listen", "--max-clock-skew", "1e9"},
           {"notifications", "listen", "--cert-host-allow", "https://smn.example.com/"}}) {
    const auto result = RunTool(args);
    EXPECT_EQ(result.exit_code, 2) << args.at(2) << " " << args.at(3) << result.err;
    EXPECT_EQ(LineCount(result.err), 1) << result.err;
    EXPECT_THAT(result.out, IsEmpty());
    EXPECT_THAT(result.err, Not(HasSubstr("unknown command"))) << result.err;
  }
}

}  // namespace
}  // namespace csms_tool_test
