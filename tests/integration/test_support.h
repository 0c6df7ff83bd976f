#ifndef CSMS_TESTS_INTEGRATION_TEST_SUPPORT_H_
#define CSMS_TESTS_INTEGRATION_TEST_SUPPORT_H_

#include <memory>
#include <string>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "seed_data.h"

namespace csms_test {

inline constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
inline constexpr const char* kAk = "AKINTEGRATIONTEST001";
inline constexpr const char* kSk = "SKintegrationSKintegrationSKintegration1";

inline csms::ClientOptions LoopbackOptions(const std::string& endpoint) {
  csms::ClientOptions options;
  options.endpoint = endpoint;
  options.project_id = kProjectId;
  options.credentials = csms::Credentials::AkSk(kAk, kSk);
  options.connect_timeout = std::chrono::seconds(5);
  options.request_timeout = std::chrono::seconds(10);
  // Each test here looks at one exchange; retries have their own tests.
  options.retry.max_attempts = 1;
  return options;
}

/// An in-process emulator on a free port that checks the test AK/SK signature.
inline std::unique_ptr<csms::Emulator> StartSigningEmulator() {
  csms::EmulatorOptions options;
  options.project_id = kProjectId;
  options.access_key = kAk;
  options.secret_key = kSk;
  auto emulator = std::make_unique<csms::Emulator>(options);
  emulator->Start();
  return emulator;
}

}  // namespace csms_test

#endif  // CSMS_TESTS_INTEGRATION_TEST_SUPPORT_H_
