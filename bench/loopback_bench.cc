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
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_server.h"
#include "csms/csms.h"
#include "internal/json_codec.h"
#include "seed_data.h"
#include "self_signed_cert.h"

namespace {

using csms_test::ReadTestData;
using csms_test::SeedRequest;

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

// Makes the call function of worker thread t for one side of a comparison
// (so that each thread can own state, such as the floor's own handle).
using CallerFactory = std::function<std::function<void()>(int thread)>;

// The per-call cost of each side, made by `threads` worker threads that stay
// alive for the whole measurement. The sides take turns of kTurnCalls calls
// per thread, so drift in the machine's state (clock speed, caches, noisy
// neighbours) falls on every side alike instead of on whichever ran in the
// worse minute; `reverse` starts each turn with the last side.
// With pin, thread t runs on CPU t: unpinned, the scheduler sometimes stacked
// both client threads and the server on one core, and throughput swung by 2x
// from run to run for the same code.
std::vector<Cost> Compare(const std::vector<CallerFactory>& sides, int threads,
                          int calls_per_thread, bool pin, bool reverse) {
  constexpr int kTurnCalls = 500;
  constexpr int kWarmUpCalls = 100;
  std::mutex mu;
  std::condition_variable changed;
  int generation = 0;  // bumped to start a turn
  int side = 0;        // the side whose turn it is
  int turn_calls = 0;
  int finished = 0;  // threads done with the current turn (or ready, at first)
  bool stop = false;

  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      if (pin) PinTo(t % static_cast<int>(std::thread::hardware_concurrency()));
      std::vector<std::function<void()>> callers;
      for (const auto& make : sides) callers.push_back(make(t));
      std::unique_lock<std::mutex> lock(mu);
      int seen = 0;
      for (;;) {
        if (++finished == threads) changed.notify_all();
        changed.wait(lock, [&] { return stop || generation != seen; });
        if (stop) return;
        seen = generation;
        const std::function<void()>& call = callers[static_cast<std::size_t>(side)];
        const int calls = turn_calls;
        lock.unlock();
        for (int i = 0; i < calls; ++i) call();
        lock.lock();
      }
    });
  }
  const auto run_turn = [&](int which, int calls) {
    std::unique_lock<std::mutex> lock(mu);
    changed.wait(lock, [&] { return finished == threads; });  // ready, or the last turn done
    side = which;
    turn_calls = calls;
    finished = 0;
    ++generation;
    changed.notify_all();
    changed.wait(lock, [&] { return finished == threads; });
  };
  // Warm up: connections, TLS, caches. Concurrently, so that a shared client
  // opens all its connections here rather than in the measured part.
  for (int which = 0; which < static_cast<int>(sides.size()); ++which) {
    run_turn(which, kWarmUpCalls);
  }
  std::vector<Cost> totals(sides.size());
  for (int done = 0; done < calls_per_thread; done += kTurnCalls) {
    const int calls = std::min(kTurnCalls, calls_per_thread - done);
    for (std::size_t k = 0; k < sides.size(); ++k) {
      const std::size_t which = reverse ? sides.size() - 1 - k : k;
      const double cpu_start = CpuSeconds();
      const auto wall_start = Clock::now();
      run_turn(static_cast<int>(which), calls);
      totals[which].wall_us += std::chrono::duration<double>(Clock::now() - wall_start).count();
      totals[which].cpu_us += CpuSeconds() - cpu_start;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  changed.notify_all();
  for (auto& worker : workers) worker.join();
  const double total_calls = static_cast<double>(threads) * calls_per_thread;
  for (auto& total : totals) {
    total.wall_us = total.wall_us / total_calls * 1e6;
    total.cpu_us = total.cpu_us / total_calls * 1e6;
  }
  return totals;
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
  long sdk_connections = 0, sdk_handshakes = 0;
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
  const std::string body = ReadTestData("create_event_seed_response.json");
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
    Row row{tls ? "https" : "http", {}, {}, {}, {}, 0, 0};
    Row threaded{tls ? "https" : "http", {}, {}, {}, {}, 0, 0};
    const std::string ca_file = tls ? cert.pem_path() : "";
    const auto start_server = [&](int cpu) {
      return std::make_unique<csms_bench::BenchServer>(body, tls ? cert.cert() : nullptr,
                                                       tls ? cert.key() : nullptr, cpu);
    };
    const auto endpoint_of = [tls](const csms_bench::BenchServer& server) {
      return std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(server.port());
    };
    const bool run_floor = settings.side != "sdk";
    const bool run_sdk = settings.side != "floor";
    // Both sides at once, each against its own server, taking turns.
    const auto measure = [&](int threads, int server_cpu, bool reverse, Row* into) {
      const auto floor_server = start_server(server_cpu);
      const auto sdk_server = start_server(server_cpu);
      const std::string floor_endpoint = endpoint_of(*floor_server);
      csms::CsmsClient client(SdkOptions(endpoint_of(*sdk_server), ca_file));
      std::vector<CallerFactory> sides;
      if (run_floor) {
        sides.emplace_back([&](int) {  // one handle per thread
          auto floor = std::make_shared<FloorClient>(floor_endpoint, ca_file, capture->captured);
          return std::function<void()>([floor] { floor->Call(); });
        });
      }
      if (run_sdk) {
        sides.emplace_back([&](int) {  // one client shared by every thread
          return std::function<void()>([&client, &request] { client.CreateSecretEvent(request); });
        });
      }
      const std::vector<Cost> costs =
          Compare(sides, threads, settings.calls / threads, pin, reverse);
      floor_server->Stop();
      const auto stats = sdk_server->Stop();
      if (run_floor) {
        into->floor_wall.push_back(costs.front().wall_us);
        into->floor_cpu.push_back(costs.front().cpu_us);
      }
      if (run_sdk) {
        into->sdk_wall.push_back(costs.back().wall_us);
        into->sdk_cpu.push_back(costs.back().cpu_us);
        into->sdk_connections = stats.connections;
        into->sdk_handshakes = stats.full_handshakes;
      }
    };
    for (int run = 0; run < settings.runs; ++run) {
      const bool reverse = run % 2 == 1;
      // Sequential: the client thread on CPU 0, the server on CPU 1.
      if (settings.sequential) measure(1, pin ? 1 : -1, reverse, &row);
      // Threads: client threads one per CPU, each connection's server thread
      // on the CPU of the client thread using it.
      if (settings.threaded) {
        measure(settings.threads, pin ? csms_bench::BenchServer::kFollowClient : -1, reverse,
                &threaded);
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
