// Several endpoints for a region: when nothing reached the service (resolve,
// connect, TLS), the same attempt goes on to the next endpoint at once,
// within the call's deadline; the next call starts with the endpoint that last
// answered. A fake transport fails by host; clocks are injected.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "csms/client.h"
#include "csms/errors.h"
#include "internal/url.h"
#include "observe_support.h"
#include "scoped_env.h"
#include "seed_data.h"

namespace csms {
namespace {

using csms_test::ScopedEnv;
using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kVariable = "HUAWEICLOUD_SDK_REGION_CSMS_CN_NORTH_4";

struct Failure {
  TransportError::Kind kind;
  bool request_may_have_been_sent;
};

// Fails requests to the hosts it is told to (each for as long as it is told),
// answers the others with `answer`; records the host of every request and
// advances the fake clock by `cost` per request.
class HostTransport : public HttpTransport {
 public:
  HttpResponse Send(const HttpRequest& request) override {
    internal::UrlParts url;
    EXPECT_TRUE(internal::ParseUrl(request.url, &url));
    hosts.push_back(url.host);
    host_headers.push_back(HostHeaderOf(request));
    if (now != nullptr) *now += cost;
    const auto failing = failures.find(url.host);
    if (failing != failures.end()) {
      throw TransportError(failing->second.kind, "scripted failure",
                           failing->second.request_may_have_been_sent);
    }
    return answer;
  }

  static std::string HostHeaderOf(const HttpRequest& request) {
    for (const auto& [name, value] : request.headers) {
      if (name == "Host") return value;
    }
    return "";
  }

  std::map<std::string, Failure> failures;
  HttpResponse answer;
  std::vector<std::string> hosts;
  std::vector<std::string> host_headers;
  std::chrono::steady_clock::time_point* now = nullptr;
  milliseconds cost{0};
};

HttpResponse Json(int status, std::string body) {
  HttpResponse response;
  response.status_code = status;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = std::move(body);
  return response;
}

const char* const kEmptyPage = R"({"events":[],"page_info":{"current_count":0}})";

class EndpointFailover : public ::testing::Test {
 protected:
  EndpointFailover() {
    transport_->answer = Json(200, kEmptyPage);
    transport_->now = &now_;
  }

  CsmsClient Client(RetryOptions retry = {}, milliseconds deadline = std::chrono::minutes(2)) {
    ClientOptions options;
    options.region = "cn-north-4";
    options.project_id = kProjectId;
    options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
    options.transport = transport_;
    options.retry = retry;
    options.call_deadline = deadline;
    options.sleep = [this](milliseconds d) {
      sleeps_.push_back(d);
      now_ += d;
    };
    options.monotonic_clock = [this] { return now_; };
    options.random = [] { return 0.5; };
    options.log_sink = [this](const std::string& line) { log_.push_back(line); };
    return CsmsClient(options);
  }

  ScopedEnv endpoints_{kVariable,
                       "https://a.example.com,https://b.example.com:8443,https://c.example.com"};
  std::shared_ptr<HostTransport> transport_ = std::make_shared<HostTransport>();
  std::chrono::steady_clock::time_point now_{};
  std::vector<milliseconds> sleeps_;
  std::vector<std::string> log_;
};

TEST_F(EndpointFailover, ARefusedConnectionGoesOnToTheNextEndpointInTheSameAttempt) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kConnect, false};
  CsmsClient client = Client();
  EXPECT_TRUE(client.ListSecretEvents().events.empty());
  EXPECT_THAT(transport_->hosts, ElementsAre("a.example.com", "b.example.com"));
  // Signed for the endpoint it went to.
  EXPECT_THAT(transport_->host_headers, ElementsAre("a.example.com", "b.example.com:8443"));
  // No backoff, and it is still attempt 1: failover is not a retry.
  EXPECT_TRUE(sleeps_.empty());
  ASSERT_EQ(log_.size(), 2u);
  EXPECT_THAT(log_[0], HasSubstr("GET https://a.example.com/v1/"));
  EXPECT_THAT(log_[0], HasSubstr("transport error (connect)"));
  EXPECT_THAT(log_[0],
              HasSubstr("attempt 1/3, trying the next endpoint https://b.example.com:8443"));
  // The line of the attempt that served the call names its endpoint.
  EXPECT_THAT(log_[1], HasSubstr("GET https://b.example.com:8443/v1/"));
  EXPECT_THAT(log_[1], HasSubstr("-> 200"));
  EXPECT_THAT(log_[1], HasSubstr("attempt 1/3, done"));
}

// Each endpoint tried is an HTTP attempt for the hooks and the call's metadata:
// every OnAttemptStart has its OnAttemptEnd, the abandoned one saying where the
// call went next.
TEST_F(EndpointFailover, TelemetrySeesEachEndpointTriedAsAnAttemptWithItsEnd) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kConnect, false};
  auto telemetry = std::make_shared<csms_test::RecordingTelemetry>();
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
  options.transport = transport_;
  options.monotonic_clock = [this] { return now_; };
  options.telemetry = telemetry;
  CsmsClient client(options);
  CallMetadata metadata;
  CallOptions call_options;
  call_options.metadata = &metadata;
  client.ListSecretEvents({}, call_options);
  std::vector<std::string> starts;
  std::vector<std::string> ends;
  for (const std::string& line : telemetry->lines()) {
    if (line.rfind("attempt-start", 0) == 0) starts.push_back(line);
    if (line.rfind("attempt-end", 0) == 0) ends.push_back(line);
  }
  ASSERT_EQ(starts.size(), 2u);
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_THAT(starts[0], HasSubstr("a.example.com:443 #1"));
  EXPECT_THAT(starts[1], HasSubstr("b.example.com:8443 #2"));
  EXPECT_THAT(ends[0], HasSubstr("error [connect/]"));
  EXPECT_THAT(ends[0], HasSubstr(" retry 0ms"));
  EXPECT_THAT(ends[1], HasSubstr("status 200"));
  EXPECT_EQ(metadata.attempts, 2);
  EXPECT_EQ(metadata.endpoint, "b.example.com");
  EXPECT_EQ(metadata.port, 8443);
}

TEST_F(EndpointFailover, ResolveAndTlsFailuresFailOverToo) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kResolve, false};
  transport_->failures["b.example.com"] = {TransportError::Kind::kTls, false};
  CsmsClient client = Client();
  EXPECT_TRUE(client.ListSecretEvents().events.empty());
  EXPECT_THAT(transport_->hosts, ElementsAre("a.example.com", "b.example.com", "c.example.com"));
}

TEST_F(EndpointFailover, TheNextCallStartsWithTheEndpointThatLastAnswered) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kConnect, false};
  CsmsClient client = Client();
  client.ListSecretEvents();
  transport_->failures.clear();
  client.ListSecretEvents();
  EXPECT_THAT(transport_->hosts, ElementsAre("a.example.com", "b.example.com", "b.example.com"));
  // And wraps around past the last one.
  transport_->failures["b.example.com"] = {TransportError::Kind::kConnect, false};
  transport_->failures["c.example.com"] = {TransportError::Kind::kConnect, false};
  transport_->hosts.clear();
  client.ListSecretEvents();
  EXPECT_THAT(transport_->hosts, ElementsAre("b.example.com", "c.example.com", "a.example.com"));
}

TEST_F(EndpointFailover, ACreateGoesToTheNextEndpointBecauseNothingWasSent) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kConnect, false};
  transport_->answer = Json(200, csms_test::ReadTestData("create_event_seed_response.json"));
  CsmsClient client = Client();
  CreateSecretEventRequest request;
  request.name = "event-test";
  request.event_types = {EventType::kSecretVersionExpired, EventType::kSecretVersionCreated};
  request.notification = {"SMN", "urn:smn:cn-north-4:SecertExpirationTest",
                          "SecertExpirationNotificationTest"};
  EXPECT_EQ(client.CreateSecretEvent(request).name, "event-test");
  EXPECT_THAT(transport_->hosts, ElementsAre("a.example.com", "b.example.com"));
}

TEST_F(EndpointFailover, FailuresAfterTheRequestMayHaveBeenSentDoNotFailOver) {
  // A timeout, a dropped connection, a connect failure the transport cannot
  // vouch for: the service may have the request, so the retry policy decides
  // (here: retried on the same endpoint after a backoff).
  for (const Failure failure : {Failure{TransportError::Kind::kTimeout, true},
                                Failure{TransportError::Kind::kReceive, true},
                                Failure{TransportError::Kind::kConnect, true}}) {
    transport_->failures["a.example.com"] = failure;
    transport_->hosts.clear();
    sleeps_.clear();
    RetryOptions retry;
    retry.max_attempts = 2;
    CsmsClient client = Client(retry);
    EXPECT_THROW(client.ListSecretEvents(), TransportError);
    EXPECT_THAT(transport_->hosts, ElementsAre("a.example.com", "a.example.com"));
    EXPECT_EQ(sleeps_.size(), 1u);
  }
}

TEST_F(EndpointFailover, WhenEveryEndpointFailsTheRetryPolicyDecides) {
  for (const char* host : {"a.example.com", "b.example.com", "c.example.com"}) {
    transport_->failures[host] = {TransportError::Kind::kConnect, false};
  }
  RetryOptions retry;
  retry.max_attempts = 2;
  CsmsClient client = Client(retry);
  try {
    client.ListSecretEvents();
    FAIL() << "no error";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::kConnect);
    EXPECT_THAT(error.what(), HasSubstr("2 attempts"));
  }
  // Two attempts of the request, each over the three endpoints, one backoff.
  EXPECT_EQ(transport_->hosts.size(), 6u);
  EXPECT_EQ(sleeps_.size(), 1u);
}

TEST_F(EndpointFailover, TheDeadlineEndsFailover) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kConnect, false};
  transport_->cost = milliseconds(600);
  CsmsClient client = Client(RetryOptions{}, milliseconds(500));
  EXPECT_THROW(client.ListSecretEvents(), TransportError);
  EXPECT_THAT(transport_->hosts, ElementsAre("a.example.com"));
}

TEST_F(EndpointFailover, EachEndpointGetsWhatIsLeftOfTheDeadline) {
  transport_->failures["a.example.com"] = {TransportError::Kind::kConnect, false};
  transport_->cost = milliseconds(300);
  std::vector<milliseconds> timeouts;
  CallOptions call;
  call.timeout = std::chrono::seconds(30);
  // Records each request's own timeout.
  class Recorder : public HttpTransport {
   public:
    Recorder(std::shared_ptr<HostTransport> inner, std::vector<milliseconds>* timeouts)
        : inner_(std::move(inner)), timeouts_(timeouts) {}
    HttpResponse Send(const HttpRequest& request) override {
      timeouts_->push_back(request.timeout);
      return inner_->Send(request);
    }

   private:
    std::shared_ptr<HostTransport> inner_;
    std::vector<milliseconds>* timeouts_;
  };
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
  options.transport = std::make_shared<Recorder>(transport_, &timeouts);
  options.call_deadline = milliseconds(1000);
  options.monotonic_clock = [this] { return now_; };
  CsmsClient(options).ListSecretEvents({}, call);
  EXPECT_THAT(timeouts, ElementsAre(milliseconds(1000), milliseconds(700)));
}

}  // namespace
}  // namespace csms
