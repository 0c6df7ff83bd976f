// End-to-end loopback benchmark: N sequential CreateSecretEvent calls (and T
// threads sharing one client) against a minimal local server answering the
// seed's response, compared in the same run with the floor: one libcurl easy
// handle kept alive, posting the same bytes, parsing the answer with nlohmann.
// Over http and over https (certificate made at run time, verification on).
//
//   cmake --preset release && cmake --build --preset release -j2 --target csms_loopback_bench
//   ./build/release/bench/csms_loopback_bench [--calls 20000] [--runs 3] [--threads 2]
//
// For profiling one part alone: --only http|https, --side sdk|floor,
// --sequential 0 (threads only), --threaded 0 (sequential only), --pin 0.
//
// Prints one markdown table row per measurement (medians of the runs).

#include <curl/curl.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_data.h"
#include "bench_server.h"
#include "csms/csms.h"
#include "internal/json_codec.h"
#include "self_signed_cert.h"

namespace {

using csms_bench::ReadData;
using csms_bench::SeedRequest;

using Clock = std::chrono::steady_clock;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kAk = "AKTESTAKTESTAKTEST01";
constexpr const char* kSk = "SKtestSKtestSKtestSKtestSKtestSKtest0001";

struct Settings {
  int calls = 20000;
  int runs = 3;
  int threads = 2;
  bool pin = true;
  std::string only;  // "http" or "https" to run one transport (for profiling)
  bool sequential = true;
  bool threaded = true;
  std::string side;  // "sdk" or "floor" to run one side (for profiling)
};

struct Cost {
  double wall_us = 0;  // per call
  double cpu_us = 0;   // per call, this process only (the server is forked)
};

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void PinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<std::size_t>(cpu), &set);
  sched_setaffinity(0, sizeof set, &set);
}

// Runs `threads` threads, each making `calls_per_thread` calls made by the
// function that make_caller returns for it (so each thread can own state).
// pin_threads puts thread t on CPU t: unpinned, the scheduler sometimes
// stacks both client threads and the server on one core, and throughput
// swung by 2x from run to run for the same code.
Cost Measure(int threads, int calls_per_thread, bool pin_threads,
             const std::function<std::function<void()>(int)>& make_caller) {
  std::vector<std::function<void()>> callers;
  for (int t = 0; t < threads; ++t) callers.push_back(make_caller(t));
  const auto run = [&](int calls) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        if (pin_threads) PinTo(t % static_cast<int>(std::thread::hardware_concurrency()));
        for (int i = 0; i < calls; ++i) callers[static_cast<std::size_t>(t)]();
      });
    }
    for (auto& worker : workers) worker.join();
  };
  // Warm up: connections, TLS, caches. Concurrently, so that a shared client
  // opens its second connection here rather than in the measured part.
  run(100);
  const double cpu_start = CpuSeconds();
  const auto wall_start = Clock::now();
  run(calls_per_thread);
  const double wall = std::chrono::duration<double>(Clock::now() - wall_start).count();
  const double cpu = CpuSeconds() - cpu_start;
  const double total_calls = static_cast<double>(threads) * calls_per_thread;
  return Cost{wall / total_calls * 1e6, cpu / total_calls * 1e6};
}

size_t Collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// The floor: what a hand-written libcurl client costs. One easy handle, its
// options set once, the same request bytes every time, the answer parsed.
class FloorClient {
 public:
  FloorClient(const std::string& endpoint, const std::string& ca_file,
              const csms::HttpRequest& like)
      : body_(like.body) {
    handle_ = curl_easy_init();
    for (const auto& [name, value] : like.headers) {
      headers_ = curl_slist_append(headers_, (name + ": " + value).c_str());
    }
    headers_ = curl_slist_append(headers_, "Accept:");
    headers_ = curl_slist_append(headers_, "Expect:");
    url_ = endpoint + "/v1/" + kProjectId + "/csms/events";
    curl_easy_setopt(handle_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle_, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body_.data());
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_.size()));
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &Collect);
    curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &response_);
    if (!ca_file.empty()) curl_easy_setopt(handle_, CURLOPT_CAINFO, ca_file.c_str());
  }
  ~FloorClient() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(handle_);
  }
  FloorClient(const FloorClient&) = delete;
  FloorClient& operator=(const FloorClient&) = delete;

  void Call() {
    response_.clear();
    if (curl_easy_perform(handle_) != CURLE_OK) throw std::runtime_error("floor call failed");
    const auto json = nlohmann::json::parse(response_);
    if (json.at("event").at("name").get<std::string>().empty()) throw std::runtime_error("bad");
  }

 private:
  CURL* handle_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string url_;
  std::string body_;
  std::string response_;
};

// Captures the exact request the SDK sends, so the floor posts the same bytes.
class CaptureTransport : public csms::HttpTransport {
 public:
  explicit CaptureTransport(std::string body) { response_ = {200, {}, std::move(body), false}; }
  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    captured = request;
    return response_;
  }
  csms::HttpRequest captured;

 private:
  csms::HttpResponse response_;
};

csms::ClientOptions SdkOptions(const std::string& endpoint, const std::string& ca_file) {
  csms::ClientOptions options;
  options.endpoint = endpoint;
  options.project_id = kProjectId;
  options.credentials = csms::Credentials::AkSk(kAk, kSk);
  options.ca_file = ca_file;
  return options;
}

double Median(std::vector<double> values) {
  if (values.empty()) return std::nan("");  // that side was not run
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct Row {
  std::string label;
  std::vector<double> sdk_wall, sdk_cpu, floor_wall, floor_cpu;
  long sdk_connections = 0, sdk_handshakes = 0, floor_connections = 0;
};

void Print(const Row& row, int threads) {
  const double sw = Median(row.sdk_wall), sc = Median(row.sdk_cpu);
  const double fw = Median(row.floor_wall), fc = Median(row.floor_cpu);
  if (threads == 1) {
    std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.2fx | %.2fx | %ld (%ld TLS) |\n",
                row.label.c_str(), fw, fc, sw, sc, sw / fw, sc / fc, row.sdk_connections,
                row.sdk_handshakes);
  } else {
    // Throughput: calls per second over all threads.
    std::printf(
        "| %s, %d threads | %.0f calls/s | %.0f calls/s | %.2fx of the floor | %.1f | %.1f | %ld "
        "|\n",
        row.label.c_str(), threads, 1e6 / fw, 1e6 / sw, fw / sw, fc, sc, row.sdk_connections);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--calls") settings.calls = value;
    if (flag == "--runs") settings.runs = value;
    if (flag == "--threads") settings.threads = value;
    if (flag == "--pin") settings.pin = value != 0;
    if (flag == "--only") settings.only = argv[i + 1];
    if (flag == "--sequential") settings.sequential = value != 0;
    if (flag == "--threaded") settings.threaded = value != 0;
    if (flag == "--side") settings.side = argv[i + 1];
  }
  const bool pin = settings.pin && std::thread::hardware_concurrency() >= 2;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const std::string body = ReadData("create_event_seed_response.json");
  csms_test::SelfSignedCert cert;

  // The exact request bytes the SDK sends, for the floor to send too.
  auto capture = std::make_shared<CaptureTransport>(body);
  csms::ClientOptions capture_options = SdkOptions("http://127.0.0.1:1", "");
  capture_options.transport = capture;
  csms::CsmsClient(capture_options).CreateSecretEvent(SeedRequest());

  std::printf("calls=%d runs=%d threads=%d pinned=%s\n\n", settings.calls, settings.runs,
              settings.threads, pin ? "client cpu0, server cpu1" : "no");
  std::printf(
      "| transport | floor wall us | floor cpu us | sdk wall us | sdk cpu us | wall ratio "
      "| cpu ratio | sdk connections |\n|---|---|---|---|---|---|---|---|\n");
  const auto request = SeedRequest();
  std::vector<Row> thread_rows;
  for (const bool tls : {false, true}) {
    if (!settings.only.empty() && settings.only != (tls ? "https" : "http")) continue;
    Row row{tls ? "https" : "http", {}, {}, {}, {}, 0, 0, 0};
    Row threaded{tls ? "https" : "http", {}, {}, {}, {}, 0, 0, 0};
    const std::string ca_file = tls ? cert.pem_path() : "";
    for (int run = 0; run < settings.runs; ++run) {
      if (pin) PinTo(0);
      for (const bool sdk : {false, true}) {
        if (!settings.sequential) break;
        if (!settings.side.empty() && settings.side != (sdk ? "sdk" : "floor")) continue;
        csms_bench::BenchServer server(body, tls ? cert.cert() : nullptr,
                                       tls ? cert.key() : nullptr, pin ? 1 : -1);
        const std::string endpoint =
            std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(server.port());
        Cost cost;
        if (sdk) {
          csms::CsmsClient client(SdkOptions(endpoint, ca_file));
          cost = Measure(1, settings.calls, false, [&](int) {
            return std::function<void()>([&] { client.CreateSecretEvent(request); });
          });
        } else {
          FloorClient floor(endpoint, ca_file, capture->captured);
          cost = Measure(1, settings.calls, false,
                         [&](int) { return std::function<void()>([&] { floor.Call(); }); });
        }
        const auto stats = server.Stop();
        (sdk ? row.sdk_wall : row.floor_wall).push_back(cost.wall_us);
        (sdk ? row.sdk_cpu : row.floor_cpu).push_back(cost.cpu_us);
        if (sdk) {
          row.sdk_connections = stats.connections;
          row.sdk_handshakes = stats.full_handshakes;
        }
      }
      // Threads: the main thread may run anywhere; Measure pins each worker.
      if (pin) {
        cpu_set_t all;
        CPU_ZERO(&all);
        for (unsigned c = 0; c < std::thread::hardware_concurrency(); ++c) CPU_SET(c, &all);
        sched_setaffinity(0, sizeof all, &all);
      }
      for (const bool sdk : {false, true}) {
        if (!settings.threaded) break;
        if (!settings.side.empty() && settings.side != (sdk ? "sdk" : "floor")) continue;
        csms_bench::BenchServer server(body, tls ? cert.cert() : nullptr,
                                       tls ? cert.key() : nullptr, -1);
        const std::string endpoint =
            std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(server.port());
        const int per_thread = settings.calls / settings.threads;
        Cost cost;
        if (sdk) {
          csms::CsmsClient client(SdkOptions(endpoint, ca_file));
          cost = Measure(settings.threads, per_thread, pin, [&](int) {
            return std::function<void()>(
                [client, &request]() mutable { client.CreateSecretEvent(request); });
          });
        } else {
          std::vector<std::unique_ptr<FloorClient>> floors;
          for (int t = 0; t < settings.threads; ++t) {
            floors.push_back(std::make_unique<FloorClient>(endpoint, ca_file, capture->captured));
          }
          cost = Measure(settings.threads, per_thread, pin, [&](int t) {
            FloorClient* floor = floors[static_cast<std::size_t>(t)].get();
            return std::function<void()>([floor] { floor->Call(); });
          });
        }
        const auto stats = server.Stop();
        if (sdk) threaded.sdk_connections = stats.connections;
        (sdk ? threaded.sdk_wall : threaded.floor_wall).push_back(cost.wall_us);
        (sdk ? threaded.sdk_cpu : threaded.floor_cpu).push_back(cost.cpu_us);
      }
    }
    if (settings.sequential) Print(row, 1);
    if (settings.threaded) thread_rows.push_back(threaded);
  }
  std::printf(
      "\n| threads | floor throughput | sdk throughput | sdk/floor | floor cpu us/call | sdk cpu "
      "us/call | sdk connections |\n|---|---|---|---|---|---|---|\n");
  for (const auto& row : thread_rows) Print(row, settings.threads);
  curl_global_cleanup();
  return 0;
}
