#ifndef CSMS_EMULATOR_SRC_METADATA_SERVICE_H_
#define CSMS_EMULATOR_SRC_METADATA_SERVICE_H_

// The ECS/BMS instance metadata service, as far as the SDKs use it for
// credentials: a session token (PUT /meta-data/latest/api/token) and the
// instance agency's temporary credentials (GET /openstack/latest/securitykey).
// Paths, headers and the JSON shape follow huaweicloud-sdk-go-v3
// core/auth/internal/metadata_accessor.go and iam_model.go (see docs/emulator.md).

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "clock.h"
#include "csms/emulator.h"
#include "endpoint_answer.h"
#include "temporary_credentials.h"

namespace csms::emu {

/// Thread-safe.
class MetadataService {
 public:
  static constexpr const char* kTokenPath = "/meta-data/latest/api/token";
  static constexpr const char* kSecurityKeyPath = "/openstack/latest/securitykey";
  /// The longest session token the service grants (the Go SDK asks for exactly this: 6 h).
  static constexpr std::int64_t kMaxTokenTtlSeconds = 21600;

  /// `credentials` and `clock` must outlive the service.
  MetadataService(MetadataTokenMode mode, bool agency, TemporaryCredentials& credentials,
                  const EmulatorClock& clock);

  /// True for the metadata service's paths.
  static bool Serves(const std::string& path) {
    return path == kTokenPath || path == kSecurityKeyPath;
  }

  /// The answer for `path`, or nullopt when the path is not the metadata service's.
  std::optional<EndpointAnswer> Handle(const std::string& method, const std::string& path,
                                       const HeaderLookup& header);

  std::size_t tokens_issued() const { return tokens_issued_; }
  std::size_t credentials_served() const { return credentials_served_; }

 private:
  EndpointAnswer IssueToken(const HeaderLookup& header);
  EndpointAnswer ServeCredentials(const HeaderLookup& header);
  /// True when `token` is a session token that has not expired.
  bool ValidToken(const std::string& token, std::chrono::system_clock::time_point now);

  const MetadataTokenMode mode_;
  const bool agency_;
  TemporaryCredentials& credentials_;
  const EmulatorClock& clock_;

  std::mutex mu_;
  std::map<std::string, std::chrono::system_clock::time_point> tokens_;  // token -> expiry
  std::atomic<std::size_t> tokens_issued_{0};
  std::atomic<std::size_t> credentials_served_{0};
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_METADATA_SERVICE_H_
