// A metrics adapter on csms::Telemetry, in the Prometheus text format: calls
// by operation and outcome, errors by error.type and the service's error code,
// and a histogram of call durations. It makes a few calls (one of them fails
// on purpose with a 404) and prints the metrics, as a /metrics endpoint would
// serve them.
//
// Configuration comes from the environment (see create_event.cc).

#include <csms/csms.h>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <tuple>

namespace {

// OpenTelemetry's default bucket bounds for http.client.request.duration, in seconds.
constexpr std::array<double, 14> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                                             0.5,   0.75, 1.0,   2.5,  5.0,   7.5, 10.0};

// A label value as the text format wants it: backslash, quote and newline escaped.
std::string Label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

class PrometheusTelemetry : public csms::Telemetry {
 public:
  // One call ended: everything the metrics need is in CallEndInfo.
  void OnCallEnd(const csms::CallEndInfo& info) override {
    const double seconds = std::chrono::duration<double>(info.metadata.elapsed).count();
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_[{info.operation, info.succeeded ? "ok" : "error"}];
    if (!info.succeeded) ++errors_[{info.operation, info.error_type, info.error_code}];
    Histogram& histogram = durations_[info.operation];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      if (seconds <= kBuckets[i]) ++histogram.buckets[i];
    }
    ++histogram.count;
    histogram.sum += seconds;
  }

  // Retries are worth a counter of their own: a rising rate is the first sign of trouble.
  void OnAttemptEnd(const csms::AttemptEndInfo& info) override {
    if (info.decision != csms::AttemptDecision::kRetry) return;
    std::lock_guard<std::mutex> lock(mu_);
    ++retries_[info.operation];
  }

  std::string Render() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::ostringstream out;
    out << "# HELP csms_client_calls_total CsmsClient calls by operation and outcome.\n"
        << "# TYPE csms_client_calls_total counter\n";
    for (const auto& [key, count] : calls_) {
      out << "csms_client_calls_total{operation=\"" << Label(std::get<0>(key)) << "\",outcome=\""
          << std::get<1>(key) << "\"} " << count << "\n";
    }
    out << "# HELP csms_client_errors_total Failed calls by error.type and service error code.\n"
        << "# TYPE csms_client_errors_total counter\n";
    for (const auto& [key, count] : errors_) {
      out << "csms_client_errors_total{operation=\"" << Label(std::get<0>(key))
          << "\",error_type=\"" << Label(std::get<1>(key)) << "\",error_code=\""
          << Label(std::get<2>(key)) << "\"} " << count << "\n";
    }
    out << "# HELP csms_client_retries_total Attempts followed by a retry.\n"
        << "# TYPE csms_client_retries_total counter\n";
    for (const auto& [operation, count] : retries_) {
      out << "csms_client_retries_total{operation=\"" << Label(operation) << "\"} " << count
          << "\n";
    }
    out << "# HELP csms_client_call_duration_seconds Whole calls, retries included.\n"
        << "# TYPE csms_client_call_duration_seconds histogram\n";
    for (const auto& [operation, histogram] : durations_) {
      const std::string name = Label(operation);
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "csms_client_call_duration_seconds_bucket{operation=\"" << name << "\",le=\""
            << kBuckets[i] << "\"} " << histogram.buckets[i] << "\n";
      }
      out << "csms_client_call_duration_seconds_bucket{operation=\"" << name << "\",le=\"+Inf\"} "
          << histogram.count << "\n"
          << "csms_client_call_duration_seconds_sum{operation=\"" << name << "\"} " << histogram.sum
          << "\n"
          << "csms_client_call_duration_seconds_count{operation=\"" << name << "\"} "
          << histogram.count << "\n";
    }
    return out.str();
  }

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // cumulative, as Prometheus wants
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string>, std::uint64_t> calls_;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> errors_;
  std::map<std::string, std::uint64_t> retries_;
  std::map<std::string, Histogram> durations_;
};

int Run() {
  auto metrics = std::make_shared<PrometheusTelemetry>();
  csms::ClientOptions options = csms::ClientOptions::FromEnvironment();
  options.telemetry = metrics;
  csms::CsmsClient client(options);

  csms::CreateSecretEventRequest request;
  request.name = "ex-telemetry-" + std::to_string(getpid());
  request.event_types = {csms::EventType::kSecretDeleted};
  request.notification.target_id = "urn:smn:cn-north-4:" + options.project_id + ":example-topic";
  request.notification.target_name = "example-topic";
  client.CreateSecretEvent(request);

  // Per-call metadata, for the one call whose request id we want to quote.
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  client.ShowSecretEvent(request.name, call);
  std::cerr << "ShowSecretEvent: HTTP " << metadata.status_code << " from " << metadata.endpoint
            << " in " << metadata.attempts << " attempt(s), request id " << metadata.request_id
            << "\n";

  try {
    client.ShowSecretEvent(request.name + "-missing");
  } catch (const csms::NotFoundError&) {
    // Expected: counted under csms_client_errors_total.
  }
  client.ListSecretEvents();
  client.DeleteSecretEvent(request.name);

  std::cout << metrics->Render();
  return 0;
}

}  // namespace

int main() {
  try {
    return Run();
  } catch (const csms::ConfigurationError& e) {
    std::cerr << "configuration: " << e.what() << "\n";
    return 2;
  } catch (const csms::TransportError& e) {
    std::cerr << "transport: " << e.what() << "\n";
    return 3;
  } catch (const csms::CsmsError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
