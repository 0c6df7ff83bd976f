// Soak and concurrency figures, kept so that a regression shows: N mixed calls
// against the emulator with the resident memory of the client and of the
// emulator sampled over time (the emulator runs in a forked child, so each
// figure is its own), then T threads sharing one client for C calls each,
// counting errors.
//
//   cmake --build --preset dev -j2 --target csms_soak
//   ./build/dev/bench/csms_soak [soak_calls=1000000] [threads=16] [calls_per_thread=20000]
//
// Built with the benchmarks, never run in CI. docs/performance.md keeps the
// figures and the command that produced them.

#include <sys/wait.h>
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

// Resident set size of a process, in KiB (second field of /proc/PID/statm).
long ResidentKib(const std::string& pid) {
  std::ifstream statm("/proc/" + pid + "/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The emulator's process id, set once it has been forked.
std::string g_emulator_pid;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

long ResidentKib() { return ResidentKib("self"); }
long EmulatorResidentKib() { return ResidentKib(g_emulator_pid); }

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
  const long emulator_start_kib = EmulatorResidentKib();
  long peak_kib = start_kib;
  long emulator_peak_kib = emulator_start_kib;
  long errors = 0;
  const long every = std::max(1L, calls / kSamples);
  const auto started = Clock::now();
  std::printf("soak: %ld mixed calls, RSS client/emulator sampled every %ld calls (MiB):", calls,
              every);
  for (long i = 0; i < calls; ++i) {
    try {
      MixedCall(client, "soak", warmup + i);
    } catch (const csms::CsmsError& e) {
      if (++errors <= 3) std::fprintf(stderr, "soak error: %s\n", e.what());
    }
    if ((i + 1) % every == 0) {
      const long kib = ResidentKib();
      const long emulator_kib = EmulatorResidentKib();
      peak_kib = std::max(peak_kib, kib);
      emulator_peak_kib = std::max(emulator_peak_kib, emulator_kib);
      std::printf(" %.1f/%.1f", Mib(kib), Mib(emulator_kib));
      std::fflush(stdout);
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const long end_kib = ResidentKib();
  const long emulator_end_kib = EmulatorResidentKib();
  std::printf(
      "\nsoak: %ld calls in %.1f s (%.0f calls/s), %ld errors\n"
      "soak: client RSS start %.1f MiB, peak %.1f MiB, end %.1f MiB\n"
      "soak: emulator RSS start %.1f MiB, peak %.1f MiB, end %.1f MiB\n",
      calls, seconds, static_cast<double>(calls) / seconds, errors, Mib(start_kib), Mib(peak_kib),
      Mib(end_kib), Mib(emulator_start_kib), Mib(emulator_peak_kib), Mib(emulator_end_kib));
  return errors == 0 ? 0 : 1;
}

int Concurrency(csms::CsmsClient& client, int threads, long calls_per_thread) {
  std::atomic<long> errors{0};
  const long start_kib = ResidentKib();
  const long emulator_start_kib = EmulatorResidentKib();
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
      "RSS client %.1f -> %.1f MiB, emulator %.1f -> %.1f MiB\n",
      threads, calls_per_thread, total, seconds, static_cast<double>(total) / seconds,
      errors.load(), Mib(start_kib), Mib(ResidentKib()), Mib(emulator_start_kib),
      Mib(EmulatorResidentKib()));
  return errors.load() == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long soak_calls = ParseCount(argc > 1 ? argv[1] : nullptr, 1000000);
  const int threads = static_cast<int>(ParseCount(argc > 2 ? argv[2] : nullptr, 16));
  const long calls_per_thread = ParseCount(argc > 3 ? argv[3] : nullptr, 20000);

  // The emulator runs in a child forked before the client makes any thread,
  // so that each side's memory is measured on its own. The child sends its
  // endpoint through one pipe and serves until the other pipe closes.
  int endpoint_pipe[2];
  int stop_pipe[2];
  if (pipe(endpoint_pipe) != 0 || pipe(stop_pipe) != 0) {
    std::perror("pipe");
    return 2;
  }
  const pid_t child = fork();
  if (child < 0) {
    std::perror("fork");
    return 2;
  }
  if (child == 0) {
    close(endpoint_pipe[0]);
    close(stop_pipe[1]);
    csms::EmulatorOptions emulator_options;
    emulator_options.project_id = kProjectId;
    emulator_options.access_key = kAk;
    emulator_options.secret_key = kSk;
    csms::Emulator emulator(emulator_options);
    emulator.Start();
    const std::string endpoint = emulator.endpoint() + "\n";
    if (write(endpoint_pipe[1], endpoint.data(), endpoint.size()) < 0) _exit(2);
    close(endpoint_pipe[1]);
    char byte = 0;
    while (read(stop_pipe[0], &byte, 1) > 0) {
    }
    emulator.Stop();
    _exit(0);
  }
  close(endpoint_pipe[1]);
  close(stop_pipe[0]);
  g_emulator_pid = std::to_string(child);
  std::string endpoint;
  char byte = 0;
  while (read(endpoint_pipe[0], &byte, 1) == 1 && byte != '\n') endpoint.push_back(byte);
  close(endpoint_pipe[0]);
  if (endpoint.empty()) {
    std::fprintf(stderr, "the emulator did not start\n");
    return 2;
  }

  int status = 1;
  {
    csms::CsmsClient client(Options(endpoint));
    std::printf("RSS before any call: client %.1f MiB, emulator %.1f MiB\n", Mib(ResidentKib()),
                Mib(EmulatorResidentKib()));
    const int soak = Soak(client, soak_calls);
    const int concurrency = Concurrency(client, threads, calls_per_thread);
    status = soak != 0 || concurrency != 0 ? 1 : 0;
  }
  close(stop_pipe[1]);
  int child_status = 0;
  waitpid(child, &child_status, 0);
  return status;
}
