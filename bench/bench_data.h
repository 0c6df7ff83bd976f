#ifndef CSMS_BENCH_BENCH_DATA_H_
#define CSMS_BENCH_BENCH_DATA_H_

// The inputs both benchmarks use: the seed's request and response.

#include <fstream>
#include <sstream>
#include <string>

#include "csms/requests.h"

namespace csms_bench {

/// The contents of tests/data/<name>.
inline std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(CSMS_BENCH_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The seed page's create request.
inline csms::CreateSecretEventRequest SeedRequest() {
  csms::CreateSecretEventRequest request;
  request.name = "demo-event";
  request.event_types = {csms::EventType::kSecretVersionCreated,
                         csms::EventType::kSecretVersionExpired};
  request.notification.target_id = "urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc";
  request.notification.target_name = "demo-smn-name";
  return request;
}

}  // namespace csms_bench

#endif  // CSMS_BENCH_BENCH_DATA_H_
