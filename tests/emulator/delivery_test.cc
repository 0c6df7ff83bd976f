// SMN delivery, emulator side: delivery URLs (loopback only), the string to
// sign, the signing certificate endpoint (unauthenticated, not an API request,
// no faults) and the Notification a receiver gets. Signature verification by
// the SDK is tested in tests/integration/delivery_test.cc.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "delivery.h"
#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;

TEST(DeliveryUrlTest, OnlyHttpAndHttpsToLoopbackHosts) {
  const csms::emu::LoopbackUrl plain = csms::emu::ParseLoopbackUrl("http://127.0.0.1:8080/a?b=c");
  EXPECT_EQ(plain.scheme, "http");
  EXPECT_EQ(plain.host, "127.0.0.1");
  EXPECT_EQ(plain.port, 8080);
  EXPECT_EQ(plain.path, "/a?b=c");
  const csms::emu::LoopbackUrl tls = csms::emu::ParseLoopbackUrl("HTTPS://[::1]");
  EXPECT_EQ(tls.scheme, "https");
  EXPECT_EQ(tls.host, "[::1]");
  EXPECT_EQ(tls.port, 443);
  EXPECT_EQ(tls.path, "/");
  EXPECT_EQ(csms::emu::ParseLoopbackUrl("http://LocalHost:1?q").path, "/?q");

  for (const char* url :
       {"", "127.0.0.1:80", "ftp://127.0.0.1/", "http://example.com/", "http://10.1.2.3/",
        "http://127.0.0.2/", "http://[::2]/", "http://127.0.0.1.nip.io/", "http://u:p@127.0.0.1/",
        "http://127.0.0.1:/", "http://127.0.0.1:0/", "http://127.0.0.1:65536/",
        "http://127.0.0.1:80x/", "http://127.0.0.1/#frag", "http://[::1/", "http://[::1]x/"}) {
    EXPECT_THROW(csms::emu::ParseLoopbackUrl(url), std::runtime_error) << url;
  }
  // Userinfo may hold a password: the message does not quote the URL.
  try {
    csms::emu::ParseLoopbackUrl("http://user:PASSWORD-NOT-PRINTED@127.0.0.1/");
    ADD_FAILURE() << "userinfo accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()).find("PASSWORD-NOT-PRINTED"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("userinfo"), std::string::npos);
  }
}

TEST(DeliveryUrlTest, TheEmulatorRefusesBadDeliveryOptions) {
  csms::EmulatorOptions options;
  options.deliver = {"http://192.168.0.1/"};
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
  options.deliver.clear();
  options.deliver_by_topic[""] = {"http://127.0.0.1:1/"};
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
  options.deliver_by_topic.clear();
  options.deliver = {"http://127.0.0.1:1/"};
  options.delivery_retry_delay = std::chrono::milliseconds(-1);
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
  options.delivery_retry_delay = std::chrono::minutes(2);
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
}

TEST(DeliveryFormatTest, StringToSignFollowsTheGuide) {
  csms::emu::SmnNotification n;
  n.message_id = "id1";
  n.topic_urn = "urn:smn:r:p:t";
  n.subject = "SECRET_ROTATED";
  n.message = "{\"a\":1}";
  n.timestamp = "2026-01-02T03:04:05Z";
  EXPECT_EQ(csms::emu::NotificationStringToSign(n),
            "message\n{\"a\":1}\nmessage_id\nid1\nsubject\nSECRET_ROTATED\n"
            "timestamp\n2026-01-02T03:04:05Z\ntopic_urn\nurn:smn:r:p:t\ntype\nNotification\n");
  n.subject.clear();  // an empty subject is not signed
  EXPECT_EQ(csms::emu::NotificationStringToSign(n),
            "message\n{\"a\":1}\nmessage_id\nid1\ntimestamp\n2026-01-02T03:04:05Z\n"
            "topic_urn\nurn:smn:r:p:t\ntype\nNotification\n");
}

TEST(DeliveryTargetsTest, TopicUrlsAddToTheCommonOnesWithoutDuplicates) {
  csms::emu::DeliveryTargets targets;
  targets.all = {"http://127.0.0.1:1/a"};
  targets.by_topic["t1"] = {"http://127.0.0.1:1/b", "http://127.0.0.1:1/a"};
  EXPECT_EQ(targets.For("t1"),
            (std::vector<std::string>{"http://127.0.0.1:1/a", "http://127.0.0.1:1/b"}));
  EXPECT_EQ(targets.For("t2"), std::vector<std::string>{"http://127.0.0.1:1/a"});
}

TEST(SigningCertificateTest, ServedWithoutAuthFaultsOrCounting) {
  csms::EmulatorOptions options;
  options.access_key = "AK";
  options.secret_key = "SK";
  Harness h(options);
  csms::EmulatorFault fault;
  fault.status = 503;
  h.emulator().InjectFault(fault);
  EXPECT_EQ(h.emulator().signing_cert_url(), h.emulator().endpoint() + "/smn/signing-cert.pem");
  auto result = h.client().Get("/smn/signing-cert.pem");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body.rfind("-----BEGIN CERTIFICATE-----", 0), 0U);
  EXPECT_EQ(h.emulator().api_request_count(), 0U);
  // The same certificate every time; other methods are refused.
  EXPECT_EQ(h.client().Get("/smn/signing-cert.pem")->body, result->body);
  EXPECT_EQ(h.client().Post("/smn/signing-cert.pem", "", "text/plain")->status, 405);
  // The fault is still queued for the API.
  EXPECT_EQ(h.Get("csms/events")->status, 503);
}

// A receiver on 127.0.0.1 and a free port that records each POST.
class Receiver {
 public:
  explicit Receiver(int status) {
    server_.Post(".*", [this, status](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      posts_.push_back(req);
      res.status = status;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      listen_returned_ = true;
    });
  }
  ~Receiver() {
    // stop() only works once the accept loop runs; connections made before
    // then wait in the backlog, so this is the only wait.
    while (!server_.is_running() && !listen_returned_) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<httplib::Request> posts() {
    std::lock_guard<std::mutex> lock(mu_);
    return posts_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::atomic<bool> listen_returned_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<httplib::Request> posts_;
};

json Records(Harness& h) { return BodyJson(h.Get("csms/notification-records"))["records"]; }

void CreateSubscribedSecret(Harness& h, const std::string& topic) {
  json event = EventBody("ev", {"SECRET_VERSION_CREATED", "SECRET_DELETED"});
  event["notification"]["target_id"] = topic;
  ASSERT_EQ(h.Post("csms/events", event.dump())->status, 200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"db","secret_string":"v","event_subscriptions":["ev"]})")
                ->status,
            200);
}

TEST(DeliveryTest, EachRecordIsPostedAsAnSmnNotification) {
  Receiver receiver(200);
  csms::EmulatorOptions options;
  options.deliver = {receiver.url() + "/all"};
  options.deliver_by_topic["urn:smn:r1:p:other"] = {receiver.url() + "/other"};
  Harness h(options);
  CreateSubscribedSecret(h, "urn:smn:r1:p:mine");
  ASSERT_TRUE(h.emulator().FlushDeliveries());

  const auto posts = receiver.posts();
  ASSERT_EQ(posts.size(), 1U);  // not to the other topic's URL
  const httplib::Request& post = posts[0];
  EXPECT_EQ(post.path, "/all");
  EXPECT_EQ(post.get_header_value("X-SMN-MESSAGE-TYPE"), "Notification");
  EXPECT_EQ(post.get_header_value("X-SMN-TOPIC-URN"), "urn:smn:r1:p:mine");
  EXPECT_EQ(post.get_header_value("Content-Type"), "application/json; charset=UTF-8");
  const json body = json::parse(post.body);
  EXPECT_EQ(post.get_header_value("X-SMN-MESSAGE-ID"), body["message_id"]);
  EXPECT_EQ(body["type"], "Notification");
  EXPECT_EQ(body["topic_urn"], "urn:smn:r1:p:mine");
  EXPECT_EQ(body["subject"], "SECRET_VERSION_CREATED");
  EXPECT_EQ(body["signature_version"], "v1");
  EXPECT_EQ(body["signing_cert_url"], h.emulator().signing_cert_url());
  EXPECT_FALSE(body["signature"].get<std::string>().empty());
  EXPECT_FALSE(body["unsubscribe_url"].get<std::string>().empty());
  EXPECT_EQ(body["timestamp"].get<std::string>().size(), 20U);  // YYYY-MM-DDTHH:MM:SSZ
  const json records = Records(h);
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(body["message"], records[0]["notification_content"]);
  EXPECT_EQ(records[0]["notification_status"], "SUCCESS");
}

TEST(DeliveryTest, AFailingReceiverIsRetriedThenTheRecordSaysFail) {
  Receiver receiver(503);
  csms::EmulatorOptions options;
  options.deliver = {receiver.url()};
  options.delivery_retry_delay = std::chrono::milliseconds(0);
  Harness h(options);
  CreateSubscribedSecret(h, "urn:smn:r1:p:mine");
  ASSERT_TRUE(h.emulator().FlushDeliveries());
  const auto posts = receiver.posts();
  ASSERT_EQ(posts.size(), 3U);
  // The same message each time.
  EXPECT_EQ(posts[1].body, posts[0].body);
  EXPECT_EQ(posts[2].body, posts[0].body);
  EXPECT_EQ(Records(h)[0]["notification_status"], "FAIL");
}

TEST(DeliveryTest, NoDeliveryLeavesRecordsAsTheyWere) {
  Harness h;
  CreateSubscribedSecret(h, "urn:smn:r1:p:mine");
  EXPECT_TRUE(h.emulator().FlushDeliveries(std::chrono::milliseconds(0)));
  EXPECT_EQ(Records(h)[0]["notification_status"], "SUCCESS");
}

}  // namespace
}  // namespace csms_emu_test
