#ifndef CSMS_EMULATOR_SRC_POD_IDENTITY_H_
#define CSMS_EMULATOR_SRC_POD_IDENTITY_H_

// The CCE pod identity endpoint: the SDK POSTs `{}` to
// HC_CONTAINER_CREDENTIALS_FULL_URI with the content of
// HC_CONTAINER_AUTHORIZATION_TOKEN_FILE as Authorization and gets the pod's
// agency credentials. Request and answer follow the official SDKs' pod identity
// accessors (Go PodIdentityAccessor, Java PodIdentityAccessor) and their tests
// (see docs/emulator.md).

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>

#include "clock.h"
#include "endpoint_answer.h"
#include "temporary_credentials.h"

namespace csms::emu {

/// Thread-safe. Enabled when a token or a token file is configured.
class PodIdentityService {
 public:
  static constexpr const char* kPath = "/v1/credentials";

  /// `token` or `token_file` (read on every request, so a test can rotate it);
  /// surrounding whitespace is trimmed from either and from the Authorization
  /// header. Both empty disables the endpoint.
  /// `credentials` and `clock` must outlive the service.
  PodIdentityService(const std::string& token, std::string token_file,
                     TemporaryCredentials& credentials, const EmulatorClock& clock);

  bool enabled() const { return !token_.empty() || !token_file_.empty(); }
  /// True for the endpoint's path when it is enabled.
  bool Serves(const std::string& path) const { return enabled() && path == kPath; }

  /// The answer for `path`, or nullopt when disabled or the path is not kPath.
  std::optional<EndpointAnswer> Handle(const std::string& method, const std::string& path,
                                       const HeaderLookup& header, const std::string& body,
                                       const std::string& request_id);

  std::size_t credentials_served() const { return credentials_served_; }

 private:
  /// The token requests must carry; nullopt when the token file cannot be read.
  std::optional<std::string> ExpectedToken() const;

  const std::string token_;
  const std::string token_file_;
  TemporaryCredentials& credentials_;
  const EmulatorClock& clock_;
  std::atomic<std::size_t> credentials_served_{0};
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_POD_IDENTITY_H_
