// Soak and concurrency figures, kept so that a regression shows: N mixed calls
// against the in-process emulator with the process's resident memory sampled
// over time (client and emulator share the process, so the figure is their
// total), then T threads sharing one client for C calls each, counting errors.
//
//   cmake --build --preset dev -j2 --target csms_soak
//   ./build/dev/bench/csms_soak [soak_calls=1000000] [threads=16] [calls_per_thread=20000]
//
// Built with the benchmarks, never run in CI. docs/performance.md keeps the
// figures and the command that produced them.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "csms/csms.h"
#include "csms/emulator.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kAk = "AKSOAKSOAKSOAKSOAK01";
constexpr const char* kSk = "SKsoakSKsoakSKsoakSKsoakSKsoakSKsoak0001";
constexpr int kSamples = 20;

// Resident set size of this process, in KiB (second field of /proc/self/statm).
long ResidentKib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double Mib(long kib) { return static_cast<double>(kib) / 1024.0; }

long ParseCount(const char* text, long fallback) {
  if (text == nullptr) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value <= 0) {
    std::fprintf(stderr, "not a positive count: %s\n", text);
    std::exit(2);
  }
  return value;
}

csms::CreateSecretEventRequest EventRequest(const std::string& name) {
  csms::CreateSecretEventRequest request;
  request.name = name;
  request.event_types = {csms::EventType::kSecretVersionCreated};
  request.state = csms::EventState::kEnabled;
  request.notification.target_type = "SMN";
  request.notification.target_id = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:soak";
  request.notification.target_name = "soak";
  return request;
}

// One call of a five-call cycle per name: create, show, update, list a page,
// delete. The store stays bounded however long the run.
void MixedCall(csms::CsmsClient& client, const std::string& name, long i) {
  switch (i % 5) {
    case 0:
      client.CreateSecretEvent(EventRequest(name));
      break;
    case 1:
      client.ShowSecretEvent(name);
      break;
    case 2: {
      csms::UpdateSecretEventRequest update;
      update.state = (i / 5) % 2 == 0 ? csms::EventState::kDisabled : csms::EventState::kEnabled;
      client.UpdateSecretEvent(name, update);
      break;
    }
    case 3: {
      csms::ListSecretEventsRequest list;
      list.limit = 10;
      client.ListSecretEvents(list);
      break;
    }
    default:
      client.DeleteSecretEvent(name);
      break;
  }
}

csms::ClientOptions Options(const std::string& endpoint) {
  csms::ClientOptions options;
  options.endpoint = endpoint;
  options.project_id = kProjectId;
  options.credentials = csms::Credentials::AkSk(kAk, kSk);
  return options;
}

int Soak(csms::CsmsClient& client, long calls) {
  const long warmup = std::min(calls, 1000L);
  for (long i = 0; i < warmup; ++i) MixedCall(client, "soak", i);
  const long start_kib = ResidentKib();
  long peak_kib = start_kib;
  long errors = 0;
  const long every = std::max(1L, calls / kSamples);
  const auto started = Clock::now();
  std::printf("soak: %ld mixed calls, RSS sampled every %ld calls (MiB):", calls, every);
  for (long i = 0; i < calls; ++i) {
    try {
      MixedCall(client, "soak", warmup + i);
    } catch (const csms::CsmsError& e) {
      if (++errors <= 3) std::fprintf(stderr, "soak error: %s\n", e.what());
    }
    if ((i + 1) % every == 0) {
      const long kib = ResidentKib();
      peak_kib = std::max(peak_kib, kib);
      std::printf(" %.1f", Mib(kib));
      std::fflush(stdout);
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const long end_kib = ResidentKib();
  std::printf(
      "\nsoak: %ld calls in %.1f s (%.0f calls/s), %ld errors; RSS start %.1f MiB, peak %.1f "
      "MiB, end %.1f MiB\n",
      calls, seconds, static_cast<double>(calls) / seconds, errors, Mib(start_kib), Mib(peak_kib),
      Mib(end_kib));
  return errors == 0 ? 0 : 1;
}

int Concurrency(csms::CsmsClient& client, int threads, long calls_per_thread) {
  std::atomic<long> errors{0};
  const long start_kib = ResidentKib();
  const auto started = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&client, &errors, t, calls_per_thread] {
      const std::string name = "soak-thread-" + std::to_string(t);
      for (long i = 0; i < calls_per_thread; ++i) {
        try {
          MixedCall(client, name, i);
        } catch (const csms::CsmsError& e) {
          if (errors.fetch_add(1) < 3) std::fprintf(stderr, "thread error: %s\n", e.what());
        }
      }
    });
  }
  for (auto& worker : workers) worker.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const long total = static_cast<long>(threads) * calls_per_thread;
  std::printf(
      "concurrency: %d threads x %ld calls = %ld calls in %.1f s (%.0f calls/s), %ld errors; "
      "RSS %.1f -> %.1f MiB\n",
      threads, calls_per_thread, total, seconds, static_cast<double>(total) / seconds,
      errors.load(), Mib(start_kib), Mib(ResidentKib()));
  return errors.load() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long soak_calls = ParseCount(argc > 1 ? argv[1] : nullptr, 1000000);
  const int threads = static_cast<int>(ParseCount(argc > 2 ? argv[2] : nullptr, 16));
  const long calls_per_thread = ParseCount(argc > 3 ? argv[3] : nullptr, 20000);

  csms::EmulatorOptions emulator_options;
  emulator_options.project_id = kProjectId;
  emulator_options.access_key = kAk;
  emulator_options.secret_key = kSk;
  csms::Emulator emulator(emulator_options);
  emulator.Start();
  csms::CsmsClient client(Options(emulator.endpoint()));
  std::printf("RSS before any call: %.1f MiB\n", Mib(ResidentKib()));

  const int soak = Soak(client, soak_calls);
  const int concurrency = Concurrency(client, threads, calls_per_thread);
  emulator.Stop();
  return soak != 0 || concurrency != 0 ? 1 : 0;
}
