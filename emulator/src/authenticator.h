#ifndef CSMS_EMULATOR_SRC_AUTHENTICATOR_H_
#define CSMS_EMULATOR_SRC_AUTHENTICATOR_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "canonical_request.h"
#include "iam_tokens.h"
#include "temporary_credentials.h"

namespace csms::emu {

/// What the authenticator needs to know about a request.
struct AuthRequest {
  std::string method;
  std::string target;  // raw request target: path and query as received
  std::string body;
  /// Returns the first value of a header (name compared case-insensitively), if present.
  std::function<std::optional<std::string>(const std::string& name)> header;
};

/// Why a request was refused: sent back as a 401 with a gateway-style body.
struct AuthFailure {
  /// Why, as far as the counters care: temporary credentials past their end.
  enum class Cause { kOther, kTemporaryExpired, kTemporaryRevoked, kTokenExpired };
  std::string error_code;  // APIGW.0301, APIGW.0303, APIGW.0307 or CSMS.0301
  std::string error_msg;   // never contains a key, token or signature
  Cause cause = Cause::kOther;
};

/// Checks requests against the configured credentials:
/// - AK/SK set: an SDK-HMAC-SHA256 signature by that key must verify, with
///   `host` and `x-sdk-date` signed and X-Sdk-Date within 15 minutes of now;
/// - token set: X-Auth-Token must equal it (either kind passes when both are set);
/// - nothing set: every request passes,
/// except that a request signed with an access key the emulator issued itself
/// (`temporary`, in every mode) must be signed by its secret key, carry its
/// security token as a signed X-Security-Token, and be neither expired
/// (APIGW.0307) nor revoked (APIGW.0301, "ak not exist"), and that an
/// X-Auth-Token the emulated IAM issued (`tokens`, in every mode) passes until it
/// expires (then 401 APIGW.0307 "The token must be updated.") when it is scoped
/// to the project (an unscoped one: CSMS.0301).
class Authenticator {
 public:
  /// `temporary` and `tokens` (either may be null) must outlive the authenticator.
  Authenticator(std::string access_key, std::string secret_key, std::string token,
                const TemporaryCredentials* temporary = nullptr, const IamTokens* tokens = nullptr);

  /// `allow_unscoped`: an unscoped IAM token passes too (IAM's own calls).
  std::optional<AuthFailure> Check(const AuthRequest& request,
                                   std::chrono::system_clock::time_point now,
                                   bool allow_unscoped = false) const;
  /// For the IAM calls that act for a caller (assume_role): an SDK-HMAC-SHA256
  /// signature by the configured AK/SK or by a temporary credential the emulator
  /// issued, or an X-Auth-Token it issued or was configured with, in every mode
  /// (no "anything passes" without configured credentials).
  std::optional<AuthFailure> CheckCaller(const AuthRequest& request,
                                         std::chrono::system_clock::time_point now) const;

  /// The gateway's tolerance for X-Sdk-Date.
  static constexpr std::chrono::minutes kMaxClockSkew{15};

 private:
  std::optional<AuthFailure> CheckSignature(const AuthRequest& request,
                                            const std::string& authorization,
                                            std::chrono::system_clock::time_point now) const;
  /// The verdict on a request whose X-Auth-Token the emulated IAM issued.
  static std::optional<AuthFailure> CheckIssuedToken(const KnownToken& token, bool allow_unscoped);
  std::optional<AuthFailure> CheckTemporary(const AuthRequest& request,
                                            const AuthorizationHeader& authorization,
                                            const KnownCredential& credential,
                                            std::chrono::system_clock::time_point now) const;

  std::string access_key_;
  std::string secret_key_;
  std::string token_;
  const TemporaryCredentials* temporary_;
  const IamTokens* tokens_;
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_AUTHENTICATOR_H_
