#ifndef CSMS_TESTS_UNIT_OBSERVE_SUPPORT_H_
#define CSMS_TESTS_UNIT_OBSERVE_SUPPORT_H_

// What the call metadata and telemetry tests share: a transport that plays a
// script of responses and transport failures on a fake clock, a Telemetry
// that records every hook call as one line of text, and a client built on both.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "csms/csms.h"
#include "seed_data.h"

namespace csms_test {

constexpr const char* kObserveProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

/// A step of the script: an HTTP response or a transport failure of this kind.
using ObserveStep = std::variant<csms::HttpResponse, csms::TransportError::Kind>;

class StepTransport : public csms::HttpTransport {
 public:
  explicit StepTransport(std::vector<ObserveStep> script) : script_(std::move(script)) {}

  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    requests.push_back(request);
    if (on_send) on_send();
    if (next_ >= script_.size()) throw std::logic_error("script exhausted");
    const ObserveStep& step = script_[next_++];
    if (const auto* kind = std::get_if<csms::TransportError::Kind>(&step)) {
      throw csms::TransportError(*kind, "scripted failure");
    }
    return std::get<csms::HttpResponse>(step);
  }

  std::vector<csms::HttpRequest> requests;
  std::function<void()> on_send;  // e.g. lets an exchange take time on the fake clock

 private:
  std::vector<ObserveStep> script_;
  std::size_t next_ = 0;
};

/// An HTTP response with an optional X-Request-Id.
inline csms::HttpResponse Reply(int status, std::string body = "", std::string request_id = "") {
  csms::HttpResponse response;
  response.status_code = status;
  response.body = std::move(body);
  if (!request_id.empty()) response.headers = {{"X-Request-Id", std::move(request_id)}};
  return response;
}

inline std::string Quoted(const csms::AttemptDecision decision) {
  switch (decision) {
    case csms::AttemptDecision::kSucceed:
      return "succeed";
    case csms::AttemptDecision::kRetry:
      return "retry";
    case csms::AttemptDecision::kRetryWithFreshCredentials:
      return "refresh";
    case csms::AttemptDecision::kReconcile:
      return "reconcile";
    case csms::AttemptDecision::kFail:
      break;
  }
  return "fail";
}

/// Records every hook call as a line: "call-start op GET host:port", ...
class RecordingTelemetry : public csms::Telemetry {
 public:
  void OnCallStart(const csms::CallStartInfo& info) override {
    Add("call-start " + info.operation + " " + info.method + " " + info.server_address + ":" +
        std::to_string(info.server_port));
    if (throw_from_hooks) throw std::runtime_error("hook failed");
  }
  void OnAttemptStart(const csms::AttemptStartInfo& info) override {
    Add("attempt-start " + info.operation + " " + info.method + " " + info.server_address + ":" +
        std::to_string(info.server_port) + " #" + std::to_string(info.attempt) + " resend " +
        std::to_string(info.resend_count));
    if (throw_from_hooks) throw 42;  // not even a std::exception
  }
  void OnAttemptEnd(const csms::AttemptEndInfo& info) override {
    Add("attempt-end " + info.operation + " " + info.method + " #" + std::to_string(info.attempt) +
        " status " + std::to_string(info.status_code) + " error [" + info.error_type + "/" +
        info.error_code + "] id [" + info.request_id + "] " +
        std::to_string(info.duration.count()) + "us " + Quoted(info.decision) + " " +
        std::to_string(info.retry_delay.count()) + "ms [" + info.retry_stop_reason + "]");
    if (throw_from_hooks) throw std::runtime_error("hook failed");
  }
  void OnCallEnd(const csms::CallEndInfo& info) override {
    const csms::CallMetadata& m = info.metadata;
    Add("call-end " + info.operation + " " + (info.succeeded ? "ok" : "failed") + " error [" +
        info.error_type + "/" + info.error_code + "] status " + std::to_string(m.status_code) +
        " id [" + m.request_id + "] attempts " + std::to_string(m.attempts) + " " + m.endpoint +
        ":" + std::to_string(m.port) + " " + std::to_string(m.elapsed.count()) + "us");
    if (throw_from_hooks) throw std::runtime_error("hook failed");
  }

  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

  bool throw_from_hooks = false;

 private:
  void Add(std::string line) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(std::move(line));
  }
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

/// A client on a StepTransport; sleeping and each exchange (1 ms) advance a
/// fake monotonic clock, so durations are exact.
struct ObservedClient {
  explicit ObservedClient(std::vector<ObserveStep> script,
                          std::function<void(csms::ClientOptions&)> adjust = {}) {
    transport = std::make_shared<StepTransport>(std::move(script));
    transport->on_send = [this] { now += std::chrono::milliseconds(1); };
    telemetry = std::make_shared<RecordingTelemetry>();
    csms::ClientOptions options;
    options.region = "cn-north-4";
    options.project_id = kObserveProjectId;
    options.credentials = csms::Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
    options.transport = transport;
    options.telemetry = telemetry;
    options.sleep = [this](std::chrono::milliseconds d) { now += d; };
    options.monotonic_clock = [this] { return now; };
    options.random = [] { return 0.5; };
    if (adjust) adjust(options);
    client = std::make_unique<csms::CsmsClient>(options);
  }

  std::shared_ptr<StepTransport> transport;
  std::shared_ptr<RecordingTelemetry> telemetry;
  std::chrono::steady_clock::time_point now{};
  std::unique_ptr<csms::CsmsClient> client;
};

/// The seed response's event, as a create request that matches it exactly.
inline csms::CreateSecretEventRequest SeedEventRequest() {
  csms::CreateSecretEventRequest request;
  request.name = "event-test";
  request.event_types = {csms::EventType::kSecretVersionExpired,
                         csms::EventType::kSecretVersionCreated};
  request.state = csms::EventState::kEnabled;
  request.notification = {"SMN", "urn:smn:cn-north-4:SecertExpirationTest",
                          "SecertExpirationNotificationTest"};
  return request;
}

inline const std::string& SeedEventBody() {
  static const std::string body = ReadTestData("create_event_seed_response.json");
  return body;
}

}  // namespace csms_test

#endif  // CSMS_TESTS_UNIT_OBSERVE_SUPPORT_H_
