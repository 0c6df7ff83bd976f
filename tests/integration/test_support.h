#ifndef CSMS_TESTS_INTEGRATION_TEST_SUPPORT_H_
#define CSMS_TESTS_INTEGRATION_TEST_SUPPORT_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "csms/csms.h"
#include "csms/emulator.h"

namespace csms_test {

inline constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
inline constexpr const char* kAk = "AKINTEGRATIONTEST001";
inline constexpr const char* kSk = "SKintegrationSKintegrationSKintegration1";

inline std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(CSMS_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The seed's create request, as the SDK's request struct.
inline csms::CreateSecretEventRequest SeedRequest() {
  csms::CreateSecretEventRequest request;
  request.name = "demo-event";
  request.event_types = {csms::EventType::kSecretVersionCreated,
                         csms::EventType::kSecretVersionExpired};
  request.state = csms::EventState::kEnabled;
  request.notification.target_type = "SMN";
  request.notification.target_id = "urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc";
  request.notification.target_name = "demo-smn-name";
  return request;
}

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
