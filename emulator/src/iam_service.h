#ifndef CSMS_EMULATOR_SRC_IAM_SERVICE_H_
#define CSMS_EMULATOR_SRC_IAM_SERVICE_H_

// The emulated IAM service, as far as the SDK's IAM credential providers use
// it: password (and MFA) tokens, OpenID Connect id-token tokens, temporary
// credentials by token and by agency (securitytokens), and the project list.
// Paths, bodies and error shapes follow Huawei's IAM API reference and
// huaweicloud-sdk-go-v3 core/auth/internal/iam_helper.go (see docs/emulator.md).

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "authenticator.h"
#include "clock.h"
#include "csms/emulator.h"
#include "endpoint_answer.h"
#include "iam_tokens.h"
#include "temporary_credentials.h"

namespace csms::emu {

/// An IAM request: the parts the authenticator needs, plus the path without
/// the query and a lookup of query parameters (decoded).
struct IamRequest {
  AuthRequest http;
  std::string path;
  std::function<std::optional<std::string>(const std::string& name)> query;
};

/// Thread-safe.
class IamService {
 public:
  static constexpr const char* kPasswordTokenPath = "/v3/auth/tokens";
  static constexpr const char* kIdTokenPath = "/v3.0/OS-AUTH/id-token/tokens";
  static constexpr const char* kSecurityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens";
  static constexpr const char* kProjectsPath = "/v3/projects";
  /// IAM's documented range for duration_seconds (15 minutes to 24 hours).
  static constexpr std::int64_t kMinDurationSeconds = 900;
  static constexpr std::int64_t kMaxDurationSeconds = 86400;

  /// Everything passed by reference must outlive the service.
  IamService(EmulatorIamOptions options, std::string project_id, IamTokens& tokens,
             TemporaryCredentials& credentials, const Authenticator& authenticator,
             const EmulatorClock& clock);

  /// True for every path under /v3/ and /v3.0/ (unknown ones get IAM's 404).
  static bool Serves(const std::string& path);

  /// The answer for the request, or nullopt when the path is not IAM's.
  std::optional<EndpointAnswer> Handle(const IamRequest& request, const std::string& request_id);

  EmulatorIamCounters counters() const;
  /// Counts a CSMS request refused because its IAM token had expired.
  void CountRefusedExpiredToken() { ++refused_expired_tokens_; }

 private:
  EndpointAnswer PasswordToken(const IamRequest& request, const std::string& request_id);
  EndpointAnswer IdToken(const IamRequest& request, const std::string& request_id);
  EndpointAnswer SecurityTokens(const IamRequest& request, const std::string& request_id);
  EndpointAnswer ByToken(const IamRequest& request, const nlohmann::json& identity,
                         const std::string& request_id);
  EndpointAnswer ByAgency(const IamRequest& request, const nlohmann::json& identity,
                          const std::string& request_id);
  EndpointAnswer Projects(const IamRequest& request, const std::string& request_id);

  /// The 201 of a login: X-Subject-Token and the token body.
  EndpointAnswer TokenAnswer(const std::string& method, bool project_scoped,
                             const std::string& request_id);
  /// The 201 of securitytokens: a new temporary credential valid for `duration`
  /// (at most sts_lifetime).
  EndpointAnswer CredentialAnswer(std::chrono::seconds duration, const std::string& request_id);
  nlohmann::json ProjectJson() const;

  const EmulatorIamOptions options_;
  const std::string project_id_;
  IamTokens& tokens_;
  TemporaryCredentials& credentials_;
  const Authenticator& authenticator_;
  const EmulatorClock& clock_;

  std::atomic<std::size_t> password_tokens_{0};
  std::atomic<std::size_t> id_token_tokens_{0};
  std::atomic<std::size_t> token_credentials_{0};
  std::atomic<std::size_t> agency_credentials_{0};
  std::atomic<std::size_t> project_lists_{0};
  std::atomic<std::size_t> refused_{0};
  std::atomic<std::size_t> refused_expired_tokens_{0};
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_IAM_SERVICE_H_
