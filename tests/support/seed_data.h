#ifndef CSMS_TESTS_SUPPORT_SEED_DATA_H_
#define CSMS_TESTS_SUPPORT_SEED_DATA_H_

// Test inputs shared by the unit tests, the integration tests and the
// benchmarks: the files under tests/data, and the seed page's create request.
// Whoever includes this defines CSMS_TEST_DATA_DIR (see tests/CMakeLists.txt).

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "csms/http.h"
#include "csms/requests.h"

namespace csms_test {

/// The contents of tests/data/<name>.
/// @throws std::runtime_error when the file is missing (a test should fail
///         loudly, not decode an empty body).
inline std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(CSMS_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data file " + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The seed page's 200 answer to the create, as a transport returns it (with a
/// request id, "req-42").
inline csms::HttpResponse SeedResponse() {
  csms::HttpResponse response;
  response.status_code = 200;
  response.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "req-42"}};
  response.body = ReadTestData("create_event_seed_response.json");
  return response;
}

/// The seed page's create request (shared/seed/CreateSecretEvent.md).
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

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_SEED_DATA_H_
