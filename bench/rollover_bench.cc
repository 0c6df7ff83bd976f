// Credential rollover benchmark (issue 12, point 7): the same calls signed
// with static credentials and with temporary credentials from the ECS
// metadata provider that roll over every few seconds, in one loopback run;
// and, to tell the two costs apart, with the same provider's credentials when
// they do not roll over during the run (6 hours' lifetime): what a provider
// and a security token cost per call, against what the rollovers add.
//
//   cmake --preset release && cmake --build --preset release -j2 --target csms_rollover_bench
//   ./build/release/bench/csms_rollover_bench [--calls 20000] [--runs 5] [--lifetime 4]
//       [--refresh-before 2] [--threads 4] [--sequential 1] [--threaded 1] [--pin 1]
//       [--static-token 0]
//
// --static-token 1: the static side signs with fixed temporary credentials
// (one metadata fetch at the start, AK/SK + security token), so that all three
// sides send the same headers and "rollover / static" measures the provider
// and its rollovers alone; without it the static side's plain AK/SK also
// saves the X-Security-Token header (its signing and libcurl's handling).
//
// For profiling one side (e.g. under callgrind, where instruction counts do
// not depend on the machine's load): --only static|steady|rolling makes the
// other sides' turns do nothing (their rows are then meaningless).
//
// Three emulators run in a forked child (so getrusage counts the client
// alone, its credential refresh thread included), one per side: each accepts
// the static AK/SK; the other two also serve the metadata service, one issuing
// credentials valid for 6 hours, the other for --lifetime seconds, which the
// provider refreshes --refresh-before seconds ahead of expiry. The three
// clients take turns of 500 calls from persistent worker threads, as in
// loopback_bench, so that drift in the machine's state falls on all alike.
// Each call is ShowSecretEvent of one event.
//
// Prints the command, one fetch's cost, and a markdown table per thread
// count: per-call wall and CPU (medians of the runs), latency percentiles
// (all runs pooled), fetches counted by the emulator, and how many refreshing
// calls took longer than the slowest static call of their run.

#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "csms/csms.h"
#include "csms/emulator.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kAk = "AKROLLOVERBENCH00001";
constexpr const char* kSk = "SKrolloverSKrolloverSKrolloverSKrollover";
constexpr const char* kEventName = "rollover";
constexpr int kTurnCalls = 500;
constexpr int kWarmUpCalls = 100;
constexpr int kFetchSamples = 5;

struct Settings {
  int calls = 20000;
  int runs = 5;
  int lifetime_s = 4;
  int refresh_before_s = 2;
  int threads = 4;
  bool sequential = true;
  bool threaded = true;
  bool pin = true;
  // The static side signs with fixed temporary credentials (fetched once from
  // its emulator's metadata service, valid 6 hours), so that it sends the
  // same X-Security-Token header as the provider sides: the comparison is
  // then of the provider and its rollovers alone.
  bool static_token = false;
  int only = -1;  // for profiling (callgrind): the one side that calls; the others do nothing
};

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Pins the calling thread (and threads it starts later) to `cpu`, or lets it
// run anywhere when cpu < 0.
void PinTo(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  const unsigned cpus = std::max(1U, std::thread::hardware_concurrency());
  for (unsigned c = 0; c < cpus; ++c) {
    if (cpu < 0 || static_cast<unsigned>(cpu) == c) CPU_SET(c, &set);
  }
  sched_setaffinity(0, sizeof set, &set);
}

double Microseconds(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// ---------------------------------------------------------------------------
// The emulators' process. Forked first, while the benchmark has one thread; it
// answers one-line commands on a pipe:
//   "start CPU" -> starts the emulators (pinned to CPU, or anywhere when -1),
//                  answers their endpoints: static, steady, rolling
//   "count"     -> answers the steady and the rolling emulator's counters
//   "stop"      -> answers the counters, then stops the emulators
// and exits when the command pipe closes.

struct Counters {
  long session_tokens = 0;
  long fetches = 0;  // GET /openstack/latest/securitykey answered 200
  long refused_expired = 0;
  long refused_revoked = 0;
};

std::string FormatCounters(const csms::EmulatorCredentialCounters& c) {
  return std::to_string(c.metadata_session_tokens) + " " + std::to_string(c.metadata_credentials) +
         " " + std::to_string(c.refused_expired) + " " + std::to_string(c.refused_revoked) + " ";
}

enum SideIndex : std::size_t { kStatic = 0, kSteady = 1, kRolling = 2, kSides = 3 };

[[noreturn]] void ServeEmulators(FILE* commands, FILE* answers, const Settings& settings) {
  std::vector<std::unique_ptr<csms::Emulator>> emulators;  // one per side
  const auto counters = [&emulators] {
    return FormatCounters(emulators[kSteady]->credential_counters()) +
           FormatCounters(emulators[kRolling]->credential_counters());
  };
  char line[128];
  while (std::fgets(line, sizeof line, commands) != nullptr) {
    const std::string command(line);
    if (command.rfind("start", 0) == 0 && emulators.empty()) {
      PinTo(std::atoi(line + 5));  // the emulators' threads inherit it
      csms::EmulatorOptions options;
      options.project_id = kProjectId;
      options.access_key = kAk;
      options.secret_key = kSk;
      emulators.push_back(std::make_unique<csms::Emulator>(options));
      emulators.push_back(std::make_unique<csms::Emulator>(options));  // 6 hours' credentials
      options.temporary_credentials_lifetime = std::chrono::seconds(settings.lifetime_s);
      emulators.push_back(std::make_unique<csms::Emulator>(options));
      for (const auto& emulator : emulators) {
        emulator->Start();
        std::fprintf(answers, "%s ", emulator->endpoint().c_str());
      }
      std::fprintf(answers, "\n");
    } else if (command.rfind("count", 0) == 0 && !emulators.empty()) {
      std::fprintf(answers, "%s\n", counters().c_str());
    } else if (command.rfind("stop", 0) == 0 && !emulators.empty()) {
      std::fprintf(answers, "%s\n", counters().c_str());
      emulators.clear();  // stops them
    } else {
      std::fprintf(answers, "?\n");
    }
    std::fflush(answers);
  }
  _exit(0);
}

class EmulatorProcess {
 public:
  explicit EmulatorProcess(const Settings& settings) {
    int to_child[2];
    int from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) Die("pipe");
    pid_ = fork();
    if (pid_ < 0) Die("fork");
    if (pid_ == 0) {
      close(to_child[1]);
      close(from_child[0]);
      ServeEmulators(fdopen(to_child[0], "r"), fdopen(from_child[1], "w"), settings);
    }
    close(to_child[0]);
    close(from_child[1]);
    commands_ = fdopen(to_child[1], "w");
    answers_ = fdopen(from_child[0], "r");
  }
  ~EmulatorProcess() {
    std::fclose(commands_);
    std::fclose(answers_);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  // The endpoints of the static, steady and rolling sides' emulators.
  std::vector<std::string> Start(int cpu) {
    std::istringstream answer(Ask("start " + std::to_string(cpu)));
    std::vector<std::string> endpoints(kSides);
    for (auto& endpoint : endpoints) answer >> endpoint;
    if (endpoints.back().empty()) Die("the emulators did not start");
    return endpoints;
  }
  // The steady and the rolling side's counters.
  std::pair<Counters, Counters> Count() { return Parse(Ask("count")); }
  std::pair<Counters, Counters> Stop() { return Parse(Ask("stop")); }

 private:
  [[noreturn]] static void Die(const char* what) {
    std::perror(what);
    std::exit(2);
  }
  static std::pair<Counters, Counters> Parse(const std::string& line) {
    std::pair<Counters, Counters> counters;
    std::istringstream in(line);
    for (Counters* c : {&counters.first, &counters.second}) {
      in >> c->session_tokens >> c->fetches >> c->refused_expired >> c->refused_revoked;
    }
    return counters;
  }
  std::string Ask(const std::string& command) {
    std::fprintf(commands_, "%s\n", command.c_str());
    std::fflush(commands_);
    char line[512];
    if (std::fgets(line, sizeof line, answers_) == nullptr) Die("the emulator process ended");
    return line;
  }

  pid_t pid_ = -1;
  FILE* commands_ = nullptr;
  FILE* answers_ = nullptr;
};

// ---------------------------------------------------------------------------
// Taking turns (the scheme of loopback_bench.cc): `threads` persistent workers
// run turns of kTurnCalls calls per thread, alternating sides, timing every
// measured call.

struct SideResult {
  double wall_s = 0;
  double cpu_s = 0;
  long calls = 0;
  long errors = 0;
  std::vector<double> latencies_us;  // every measured call
};

using Call = std::function<void()>;

std::vector<SideResult> TakeTurns(const std::vector<Call>& sides, int threads, int calls_per_thread,
                                  bool pin, bool reverse) {
  std::mutex mu;
  std::condition_variable changed;
  int generation = 0;
  int side = 0;
  int turn_calls = 0;
  bool measured = false;
  int finished = 0;
  bool stop = false;
  std::vector<SideResult> results(sides.size());
  std::atomic<long> errors_seen{0};

  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      if (pin) PinTo(t % static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
      std::vector<double> local;
      local.reserve(static_cast<std::size_t>(kTurnCalls));
      std::unique_lock<std::mutex> lock(mu);
      int seen = 0;
      for (;;) {
        if (++finished == threads) changed.notify_all();
        changed.wait(lock, [&] { return stop || generation != seen; });
        if (stop) return;
        seen = generation;
        const std::size_t which = static_cast<std::size_t>(side);
        const Call& call = sides[which];
        const int calls = turn_calls;
        const bool keep = measured;
        lock.unlock();
        local.clear();
        long errors = 0;
        for (int i = 0; i < calls; ++i) {
          const auto start = Clock::now();
          try {
            call();
          } catch (const csms::CsmsError& e) {
            if (errors_seen.fetch_add(1) < 3) std::fprintf(stderr, "call failed: %s\n", e.what());
            ++errors;
          }
          local.push_back(Microseconds(Clock::now() - start));
        }
        lock.lock();
        results[which].errors += errors;
        if (keep) {
          results[which].latencies_us.insert(results[which].latencies_us.end(), local.begin(),
                                             local.end());
        }
      }
    });
  }
  const auto run_turn = [&](int which, int calls, bool measure) {
    std::unique_lock<std::mutex> lock(mu);
    changed.wait(lock, [&] { return finished == threads; });
    side = which;
    turn_calls = calls;
    measured = measure;
    finished = 0;
    ++generation;
    changed.notify_all();
    changed.wait(lock, [&] { return finished == threads; });
  };
  for (int which = 0; which < static_cast<int>(sides.size()); ++which) {
    run_turn(which, kWarmUpCalls, false);
  }
  for (int done = 0; done < calls_per_thread; done += kTurnCalls) {
    const int calls = std::min(kTurnCalls, calls_per_thread - done);
    for (std::size_t k = 0; k < sides.size(); ++k) {
      const std::size_t which = reverse ? sides.size() - 1 - k : k;
      const double cpu_start = CpuSeconds();
      const auto wall_start = Clock::now();
      run_turn(static_cast<int>(which), calls, true);
      results[which].wall_s += std::chrono::duration<double>(Clock::now() - wall_start).count();
      results[which].cpu_s += CpuSeconds() - cpu_start;
      results[which].calls += static_cast<long>(calls) * threads;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  changed.notify_all();
  for (auto& worker : workers) worker.join();
  return results;
}

// ---------------------------------------------------------------------------

csms::ClientOptions Options(const std::string& endpoint) {
  csms::ClientOptions options;
  options.endpoint = endpoint;
  options.project_id = kProjectId;
  options.credentials = csms::Credentials::AkSk(kAk, kSk);
  return options;
}

std::shared_ptr<csms::CredentialsProvider> MetadataProvider(const std::string& endpoint,
                                                            const Settings& settings) {
  csms::MetadataCredentialsOptions options;
  options.endpoint = endpoint;
  options.refresh_before_expiry = std::chrono::seconds(settings.refresh_before_s);
  return csms::MakeMetadataCredentialsProvider(options);
}

void CreateEvent(csms::CsmsClient& client) {
  csms::CreateSecretEventRequest request;
  request.name = kEventName;
  request.event_types = {csms::EventType::kSecretVersionCreated};
  request.notification.target_id = std::string("urn:smn:cn-north-4:") + kProjectId + ":rollover";
  request.notification.target_name = "rollover";
  client.CreateSecretEvent(request);
}

double Median(std::vector<double> values) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// The value below which `fraction` of the sorted values lie (nearest rank).
double Percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return std::nan("");
  const auto rank =
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

struct Side {
  std::vector<double> wall_us, cpu_us;  // per call, one per run
  std::vector<double> latencies_us;     // pooled over the runs
  long calls = 0;
  long errors = 0;
  long fetches = 0;
  long refused = 0;
  long slower_than_static = 0;  // refreshing calls above the run's slowest static call
};

struct Measurement {
  int threads = 1;
  std::vector<Side> sides = std::vector<Side>(kSides);
};

Measurement Measure(EmulatorProcess& emulators, const Settings& settings, int threads) {
  Measurement m;
  m.threads = threads;
  const bool pin = settings.pin && std::thread::hardware_concurrency() >= 2;
  for (int run = 0; run < settings.runs; ++run) {
    // Sequential: the client on CPU 0, the emulators on CPU 1. Threads: one
    // worker per CPU in turn, the emulators anywhere.
    const auto endpoints = emulators.Start(pin && threads == 1 ? 1 : -1);
    std::vector<std::unique_ptr<csms::CsmsClient>> clients;
    for (std::size_t side = 0; side < kSides; ++side) {
      csms::ClientOptions options = Options(endpoints[side]);
      if (side != kStatic) {
        options.credentials = csms::Credentials();
        options.credentials_provider = MetadataProvider(endpoints[side], settings);
      } else if (settings.static_token) {
        options.credentials = MetadataProvider(endpoints[side], settings)->Get();
      }
      clients.push_back(std::make_unique<csms::CsmsClient>(options));
      CreateEvent(*clients.back());
    }
    std::vector<Call> calls;
    for (std::size_t side = 0; side < kSides; ++side) {
      if (settings.only >= 0 && static_cast<std::size_t>(settings.only) != side) {
        calls.emplace_back([] {});
        continue;
      }
      calls.emplace_back([&client = clients[side]] { client->ShowSecretEvent(kEventName); });
    }
    const auto before = emulators.Count();
    const auto results = TakeTurns(calls, threads, settings.calls / threads, pin, run % 2 == 1);
    const auto after = emulators.Stop();

    for (std::size_t side = 0; side < kSides; ++side) {
      Side& into = m.sides[side];
      const SideResult& result = results[side];
      into.wall_us.push_back(result.wall_s / static_cast<double>(result.calls) * 1e6);
      into.cpu_us.push_back(result.cpu_s / static_cast<double>(result.calls) * 1e6);
      into.latencies_us.insert(into.latencies_us.end(), result.latencies_us.begin(),
                               result.latencies_us.end());
      into.calls += result.calls;
      into.errors += result.errors;
    }
    const auto add_counters = [](Side& side, const Counters& from, const Counters& to) {
      side.fetches += to.fetches - from.fetches;
      side.refused +=
          (to.refused_expired - from.refused_expired) + (to.refused_revoked - from.refused_revoked);
    };
    add_counters(m.sides[kSteady], before.first, after.first);
    add_counters(m.sides[kRolling], before.second, after.second);
    const auto& fixed = results[kStatic].latencies_us;
    const double slowest_static = fixed.empty() || settings.only >= 0
                                      ? std::nan("")
                                      : *std::max_element(fixed.begin(), fixed.end());
    for (const std::size_t side : {kSteady, kRolling}) {
      const auto& l = results[side].latencies_us;
      m.sides[side].slower_than_static += std::count_if(
          l.begin(), l.end(), [slowest_static](double us) { return us > slowest_static; });
    }
  }
  for (auto& side : m.sides) std::sort(side.latencies_us.begin(), side.latencies_us.end());
  return m;
}

// What one fetch costs: a fresh provider's first Get() (session token, then
// the credentials, over a new connection), median and slowest of a few.
std::pair<double, double> FetchCost(EmulatorProcess& emulators, const Settings& settings) {
  const auto endpoints = emulators.Start(-1);
  std::vector<double> samples;
  for (int i = 0; i < kFetchSamples; ++i) {
    const auto provider = MetadataProvider(endpoints[kRolling], settings);
    const auto start = Clock::now();
    provider->Get();
    samples.push_back(Microseconds(Clock::now() - start));
  }
  emulators.Stop();
  return {Median(samples), *std::max_element(samples.begin(), samples.end())};
}

double Max(const std::vector<double>& sorted) {
  return sorted.empty() ? std::nan("") : sorted.back();
}

void PrintRow(const char* label, const Side& side, bool provider) {
  const auto& l = side.latencies_us;
  const std::string fetches =
      provider ? std::to_string(side.fetches) + " (" + std::to_string(side.refused) + " refused)"
               : "-";
  const std::string slower = provider ? std::to_string(side.slower_than_static) : "-";
  std::printf("| %s | %ld | %.1f | %.1f | %.0f | %.0f | %.0f | %s | %s | %ld |\n", label,
              side.calls, Median(side.wall_us), Median(side.cpu_us), Percentile(l, 0.5),
              Percentile(l, 0.99), Max(l), fetches.c_str(), slower.c_str(), side.errors);
}

void PrintRatio(const char* label, const Side& side, const Side& fixed) {
  const auto& l = side.latencies_us;
  const auto& f = fixed.latencies_us;
  std::printf("| %s | | %.3fx | %.3fx | %.2fx | %.2fx | %.2fx | | | |\n", label,
              Median(side.wall_us) / Median(fixed.wall_us),
              Median(side.cpu_us) / Median(fixed.cpu_us), Percentile(l, 0.5) / Percentile(f, 0.5),
              Percentile(l, 0.99) / Percentile(f, 0.99), Max(l) / Max(f));
}

void Print(const Measurement& m, const Settings& settings, double fetch_us) {
  const Side& fixed = m.sides[kStatic];
  const Side& steady = m.sides[kSteady];
  const Side& rolling = m.sides[kRolling];
  double rolling_seconds = 0;  // the refreshing side's own turns, all runs
  for (double us : rolling.wall_us) {
    rolling_seconds +=
        us * static_cast<double>(rolling.calls) / static_cast<double>(rolling.wall_us.size()) / 1e6;
  }
  std::printf("\n%d thread%s, %d run%s:\n\n", m.threads, m.threads == 1 ? "" : "s", settings.runs,
              settings.runs == 1 ? "" : "s");
  std::printf(
      "| side | calls | wall us/call | cpu us/call | p50 us | p99 us | max us | fetches | calls > "
      "slowest static | errors |\n|---|---|---|---|---|---|---|---|---|---|\n");
  PrintRow(settings.static_token ? "static AK/SK + security token" : "static AK/SK", fixed, false);
  PrintRow("provider, no rollover", steady, true);
  const std::string rolling_label =
      "provider, rollover every " +
      std::to_string(settings.lifetime_s - settings.refresh_before_s) + " s";
  PrintRow(rolling_label.c_str(), rolling, true);
  PrintRatio("no rollover / static", steady, fixed);
  PrintRatio("rollover / static", rolling, fixed);
  PrintRatio("rollover / no rollover", rolling, steady);
  const double wall_ratio = Median(rolling.wall_us) / Median(fixed.wall_us);
  const double cpu_ratio = Median(rolling.cpu_us) / Median(fixed.cpu_us);
  std::printf(
      "\nbudget (rollover / static): wall %.3fx %s, cpu %.3fx %s (1.03x); slowest call %.0f us "
      "against the slowest static %.0f us + one fetch %.0f us: %s. The refreshing side ran "
      "about %.0f s in all.\n",
      wall_ratio, wall_ratio <= 1.03 ? "met" : "MISSED", cpu_ratio,
      cpu_ratio <= 1.03 ? "met" : "MISSED", Max(rolling.latencies_us), Max(fixed.latencies_us),
      fetch_us, Max(rolling.latencies_us) <= Max(fixed.latencies_us) + fetch_us ? "met" : "MISSED",
      rolling_seconds);
}

int ParsePositive(const std::string& flag, const char* text) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 100000000) {
    std::fprintf(stderr, "%s: not a count: %s\n", flag.c_str(), text);
    std::exit(2);
  }
  return static_cast<int>(value);
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  std::string command = "csms_rollover_bench";
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--only") {
      const std::string side = argv[i + 1];
      const std::vector<std::string> names = {"static", "steady", "rolling"};  // SideIndex order
      const auto found = std::find(names.begin(), names.end(), side);
      settings.only = found == names.end() ? -2 : static_cast<int>(found - names.begin());
      if (settings.only == -2) {
        std::fprintf(stderr, "--only static|steady|rolling\n");
        return 2;
      }
      continue;
    }
    const int value = ParsePositive(flag, argv[i + 1]);
    if (flag == "--calls") {
      settings.calls = value;
    } else if (flag == "--runs") {
      settings.runs = value;
    } else if (flag == "--lifetime") {
      settings.lifetime_s = value;
    } else if (flag == "--refresh-before") {
      settings.refresh_before_s = value;
    } else if (flag == "--threads") {
      settings.threads = value;
    } else if (flag == "--static-token") {
      settings.static_token = value != 0;
    } else if (flag == "--sequential") {
      settings.sequential = value != 0;
    } else if (flag == "--threaded") {
      settings.threaded = value != 0;
    } else if (flag == "--pin") {
      settings.pin = value != 0;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (settings.calls < 1 || settings.runs < 1 || settings.threads < 1 ||
      settings.lifetime_s <= settings.refresh_before_s) {
    std::fprintf(stderr,
                 "need --calls, --runs, --threads >= 1 and --lifetime > --refresh-before\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);  // the emulators' writes to closed sockets (docs/emulator.md)
  EmulatorProcess emulators(settings);  // forked while this process has one thread

  std::printf("%s\n\ncalls=%d runs=%d lifetime=%d s refresh_before=%d s, pinned=%s\n",
              command.c_str(), settings.calls, settings.runs, settings.lifetime_s,
              settings.refresh_before_s,
              settings.pin && std::thread::hardware_concurrency() >= 2
                  ? "1 thread: client cpu0, emulators cpu1; threads: workers one per cpu"
                  : "no");
  const auto [fetch_median_us, fetch_max_us] = FetchCost(emulators, settings);
  std::printf(
      "one fetch (a fresh provider's first Get: session token + credentials): median %.0f us, "
      "slowest of %d %.0f us\n",
      fetch_median_us, kFetchSamples, fetch_max_us);
  std::fflush(stdout);
  long errors = 0;
  std::vector<int> thread_counts;
  if (settings.sequential) thread_counts.push_back(1);
  if (settings.threaded && settings.threads > 1) thread_counts.push_back(settings.threads);
  for (const int threads : thread_counts) {
    const Measurement m = Measure(emulators, settings, threads);
    Print(m, settings, fetch_max_us);
    std::fflush(stdout);
    for (const auto& side : m.sides) errors += side.errors;
  }
  return errors == 0 ? 0 : 1;
}
