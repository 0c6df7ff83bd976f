// csms-emulator: runs csms::Emulator until SIGINT or SIGTERM.
//
// The first line on stdout is "listening on http://HOST:PORT", flushed at once,
// so a script or test can start it with --port 0 and read where it went.
// SIGUSR1 expires, SIGUSR2 revokes every temporary credential issued so far; each
// is confirmed by one line on stdout. Credentials and secret values are never printed.

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csms/emulator.h"

namespace {

constexpr int kExitUsage = 2;

const char kUsage[] =
    "usage: csms-emulator [options]\n"
    "  --host HOST             address to listen on (default 127.0.0.1)\n"
    "  --port N                port; 0 picks a free one (default 0)\n"
    "  --project-id ID         project id served under /v1/ID/\n"
    "  --ak AK --sk SK         require SDK-HMAC-SHA256 signatures by this key\n"
    "  --token T               require X-Auth-Token: T\n"
    "  --state-file F          keep state (secret values included) in F across restarts\n"
    "  --fail-next N           answer the next N requests with an error status\n"
    "    --fail-status S       ... this status (default 503)\n"
    "    --retry-after SEC     ... with Retry-After: SEC\n"
    "  --delay-next N          delay the next N requests\n"
    "    --delay-ms D          ... by D milliseconds (required with --delay-next)\n"
    "  --drop-next N           close the connection of the next N requests without answering\n"
    "  --drop-after-next N     handle the next N requests, then close without answering\n"
    "  --fail-next-rotations N the next N RotateSecret calls fail (SECRET_ROTATED_FAILED)\n"
    "Credentials side (same port; see docs/emulator.md):\n"
    "  --credentials-lifetime SEC\n"
    "                          lifetime of each temporary AK/SK + security token issued by\n"
    "                          the metadata service or pod identity (default 21600 = 6 h;\n"
    "                          0 issues expired ones)\n"
    "  --metadata-token MODE   metadata session tokens: optional (default), required,\n"
    "                          or unsupported (PUT /meta-data/latest/api/token answers 404)\n"
    "  --no-metadata-agency    the metadata service has no agency: securitykey answers 401\n"
    "  --pod-identity-token-file F\n"
    "                          serve POST /v1/credentials (CCE pod identity), requiring the\n"
    "                          content of F (re-read per request) as Authorization\n"
    "IAM (same port; see docs/emulator.md):\n"
    "  --iam-region NAME       the region name /v3/projects?name= finds (default cn-north-4)\n"
    "  --iam-domain NAME       the account's domain name (default emulator-domain)\n"
    "  --iam-domain-id ID      the account's domain id\n"
    "  --iam-user NAME         the IAM user of password logins (default emulator-user)\n"
    "  --iam-user-id ID        that user's id (MFA logins give it)\n"
    "  --iam-password-file F   the user's password: the first line of F (no password:\n"
    "                          password logins are refused)\n"
    "  --iam-mfa               password logins also need the totp method\n"
    "  --iam-totp-passcode P   the passcode the MFA device accepts (default 123456)\n"
    "  --iam-idp-id ID --iam-id-token T\n"
    "                          accept id-token logins from identity provider ID with T\n"
    "  --iam-agency NAME       the agency assume_role may name (default csms-agency)\n"
    "  --iam-token-lifetime SEC\n"
    "                          lifetime of each IAM token (default 86400 = 24 h)\n"
    "  --sts-lifetime SEC      longest lifetime of a temporary AK/SK from securitytokens\n"
    "                          (default 86400; each lasts the duration asked, at most this)\n"
    "Delivery (see docs/emulator.md):\n"
    "  --deliver URL           POST each notification, signed as SMN does, to URL (http or\n"
    "                          https on 127.0.0.1, [::1] or localhost); repeatable\n"
    "  --deliver-topic URN=URL ... only the notifications of topic URN; repeatable\n"
    "  --help                  show this help\n"
    "Faults apply in the order their --*-next flags are given.\n"
    "Test controls (POST, JSON): /_emulator/clock/advance {\"milliseconds\": N} moves the\n"
    "clock (due version expiries and scheduled deletions fire); /_emulator/faults/rotation\n"
    "{\"count\": N} as --fail-next-rotations.\n"
    "Signals: SIGUSR1 expires and SIGUSR2 revokes every temporary credential issued so\n"
    "far (one confirming line on stdout each); SIGINT or SIGTERM stops.\n";

[[noreturn]] void UsageError(const std::string& message) {
  std::cerr << "csms-emulator: " << message << "\n" << kUsage;
  std::exit(kExitUsage);
}

int ParseInt(const std::string& flag, const std::string& text, int min, int max) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    UsageError(flag + " needs a number");
  }
  const int value = std::stoi(text);
  if (value < min || value > max) {
    UsageError(flag + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

// Ten years, the emulator's limit, fits ParseInt's nine digits.
constexpr int kMaxLifetimeSeconds = 10 * 366 * 24 * 3600;

csms::MetadataTokenMode ParseTokenMode(const std::string& text) {
  if (text == "optional") return csms::MetadataTokenMode::kOptional;
  if (text == "required") return csms::MetadataTokenMode::kRequired;
  if (text == "unsupported") return csms::MetadataTokenMode::kUnsupported;
  UsageError("--metadata-token must be optional, required or unsupported");
}

// The first line of `path` (without its line break): a password is never
// taken on the command line. Neither the content nor its length is ever printed.
std::string ReadPasswordFile(const std::string& path) {
  if (path.empty()) UsageError("--iam-password-file needs a file name");
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) UsageError("--iam-password-file: cannot read " + path);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) UsageError("--iam-password-file: the first line of " + path + " is empty");
  return line;
}

struct Arguments {
  csms::EmulatorOptions options;
  std::vector<csms::EmulatorFault> faults;
  int failing_rotations = 0;
};

Arguments Parse(int argc, char** argv) {
  Arguments args;
  std::optional<int> fail_status, retry_after, delay_ms;
  std::vector<std::pair<csms::EmulatorFault::Kind, int>> next;  // in command-line order
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (flag == "--no-metadata-agency") {  // the flags without a value
      args.options.metadata_agency = false;
      continue;
    }
    if (flag == "--iam-mfa") {
      args.options.iam.mfa = true;
      continue;
    }
    if (i + 1 >= argc)
      UsageError(flag.rfind("--", 0) == 0 ? flag + " needs a value" : "unknown argument " + flag);
    const std::string value = argv[++i];
    if (flag == "--host") {
      args.options.host = value;
    } else if (flag == "--port") {
      args.options.port = ParseInt(flag, value, 0, 65535);
    } else if (flag == "--project-id") {
      args.options.project_id = value;
    } else if (flag == "--ak") {
      args.options.access_key = value;
    } else if (flag == "--sk") {
      args.options.secret_key = value;
    } else if (flag == "--token") {
      args.options.token = value;
    } else if (flag == "--state-file") {
      args.options.state_file = value;
    } else if (flag == "--credentials-lifetime") {
      args.options.temporary_credentials_lifetime =
          std::chrono::seconds(ParseInt(flag, value, 0, kMaxLifetimeSeconds));
    } else if (flag == "--metadata-token") {
      args.options.metadata_token_mode = ParseTokenMode(value);
    } else if (flag == "--pod-identity-token-file") {
      if (value.empty()) UsageError(flag + " needs a file name");
      args.options.pod_identity_token_file = value;
    } else if (flag == "--iam-region") {
      args.options.iam.region = value;
    } else if (flag == "--iam-domain") {
      args.options.iam.domain_name = value;
    } else if (flag == "--iam-domain-id") {
      args.options.iam.domain_id = value;
    } else if (flag == "--iam-user") {
      args.options.iam.user_name = value;
    } else if (flag == "--iam-user-id") {
      args.options.iam.user_id = value;
    } else if (flag == "--iam-password-file") {
      args.options.iam.password = ReadPasswordFile(value);
    } else if (flag == "--iam-totp-passcode") {
      args.options.iam.totp_passcode = value;
    } else if (flag == "--iam-idp-id") {
      args.options.iam.idp_id = value;
    } else if (flag == "--iam-id-token") {
      args.options.iam.id_token = value;
    } else if (flag == "--iam-agency") {
      args.options.iam.agency_name = value;
    } else if (flag == "--iam-token-lifetime") {
      args.options.iam.token_lifetime =
          std::chrono::seconds(ParseInt(flag, value, 0, kMaxLifetimeSeconds));
    } else if (flag == "--sts-lifetime") {
      args.options.iam.sts_lifetime =
          std::chrono::seconds(ParseInt(flag, value, 0, kMaxLifetimeSeconds));
    } else if (flag == "--deliver") {
      args.options.deliver.push_back(value);
    } else if (flag == "--deliver-topic") {
      const std::size_t equals = value.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == value.size()) {
        UsageError("--deliver-topic needs URN=URL");
      }
      args.options.deliver_by_topic[value.substr(0, equals)].push_back(value.substr(equals + 1));
    } else if (flag == "--fail-next-rotations") {
      args.failing_rotations = ParseInt(flag, value, 1, 1000000);
    } else if (flag == "--fail-next") {
      next.emplace_back(csms::EmulatorFault::Kind::kStatus, ParseInt(flag, value, 1, 1000000));
    } else if (flag == "--fail-status") {
      fail_status = ParseInt(flag, value, 200, 599);
    } else if (flag == "--retry-after") {
      retry_after = ParseInt(flag, value, 0, 86400);
    } else if (flag == "--delay-next") {
      next.emplace_back(csms::EmulatorFault::Kind::kDelay, ParseInt(flag, value, 1, 1000000));
    } else if (flag == "--delay-ms") {
      delay_ms = ParseInt(flag, value, 0, 3600000);
    } else if (flag == "--drop-next") {
      next.emplace_back(csms::EmulatorFault::Kind::kDrop, ParseInt(flag, value, 1, 1000000));
    } else if (flag == "--drop-after-next") {
      next.emplace_back(csms::EmulatorFault::Kind::kDropAfterHandling,
                        ParseInt(flag, value, 1, 1000000));
    } else {
      UsageError("unknown option " + flag);
    }
  }
  if (args.options.access_key.empty() != args.options.secret_key.empty()) {
    UsageError("--ak and --sk go together");
  }
  bool has_status = false, has_delay = false;
  for (const auto& [kind, count] : next) {
    csms::EmulatorFault fault;
    fault.kind = kind;
    fault.count = count;
    if (kind == csms::EmulatorFault::Kind::kStatus) {
      has_status = true;
      fault.status = fail_status.value_or(503);
      fault.retry_after_seconds = retry_after;
    } else if (kind == csms::EmulatorFault::Kind::kDelay) {
      has_delay = true;
      if (!delay_ms) UsageError("--delay-next needs --delay-ms");
      fault.delay = std::chrono::milliseconds(*delay_ms);
    }
    args.faults.push_back(fault);
  }
  if ((fail_status || retry_after) && !has_status) {
    UsageError("--fail-status and --retry-after need --fail-next");
  }
  if (delay_ms && !has_delay) UsageError("--delay-ms needs --delay-next");
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments args = Parse(argc, argv);

  // httplib writes to sockets with plain send(): a client that hangs up early
  // must not kill the process.
  signal(SIGPIPE, SIG_IGN);
  // Block the stop signals before any server thread exists, so that every thread
  // inherits the mask and only sigwait() below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGUSR1);
  sigaddset(&stop_signals, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<csms::Emulator> emulator;
  try {
    emulator = std::make_unique<csms::Emulator>(args.options);
    for (const auto& fault : args.faults) emulator->InjectFault(fault);
    emulator->FailNextRotations(args.failing_rotations);
  } catch (const std::exception& error) {
    // The library's messages already say "csms-emulator: "; UsageError adds it.
    std::string message = error.what();
    const std::string prefix = "csms-emulator: ";
    if (message.compare(0, prefix.size(), prefix) == 0) message.erase(0, prefix.size());
    UsageError(message);
  }
  try {
    emulator->Start();
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  std::cout << "listening on " << emulator->endpoint() << std::endl;  // endl flushes

  for (;;) {
    int received = 0;
    if (sigwait(&stop_signals, &received) != 0) continue;
    // The confirmations let a script wait for the control to take effect.
    if (received == SIGUSR1) {
      std::cout << "expired " << emulator->ExpireCredentials() << " temporary credentials"
                << std::endl;
    } else if (received == SIGUSR2) {
      std::cout << "revoked " << emulator->RevokeCredentials() << " temporary credentials"
                << std::endl;
    } else {
      break;
    }
  }
  emulator->Stop();
  return 0;
}
