#include "authenticator.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "canonical_request.h"
#include "crypto.h"
#include "sdk_date.h"

namespace csms::emu {
namespace {

AuthFailure BadSignature(std::string why) {
  return AuthFailure{"APIGW.0301", "Incorrect IAM authentication information: " + std::move(why)};
}

bool IsSigned(const AuthorizationHeader& authorization, const char* name) {
  const auto& names = authorization.signed_headers;
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The checks every SDK-HMAC-SHA256 request gets once its secret key is known:
// `host` and `x-sdk-date` signed, the date within the skew, the signature right.
std::optional<AuthFailure> VerifySignature(const AuthRequest& request,
                                           const AuthorizationHeader& parsed,
                                           const std::string& secret_key,
                                           std::chrono::system_clock::time_point now) {
  for (const char* required : {"host", "x-sdk-date"}) {
    if (!IsSigned(parsed, required)) {
      return BadSignature(std::string("the '") + required + "' header is not signed");
    }
  }

  const std::optional<std::string> sdk_date = request.header("X-Sdk-Date");
  if (!sdk_date) return BadSignature("the X-Sdk-Date header is missing");
  const auto signed_at = ParseSdkDate(*sdk_date);
  if (!signed_at) return BadSignature("X-Sdk-Date is not in the form YYYYMMDDTHHMMSSZ");
  const auto skew = signed_at > now ? *signed_at - now : now - *signed_at;
  if (skew > Authenticator::kMaxClockSkew) {
    return AuthFailure{"APIGW.0303",
                       "Incorrect app authentication information: signature expired "
                       "(X-Sdk-Date is more than 15 minutes from the server's time)"};
  }

  std::vector<SignedHeader> headers;
  for (const auto& name : parsed.signed_headers) {
    const std::optional<std::string> value = request.header(name);
    if (!value) return BadSignature("the signed header '" + name + "' is missing");
    headers.push_back(SignedHeader{name, *value});
  }
  const std::string canonical =
      BuildCanonicalRequest(request.method, request.target, std::move(headers), request.body);
  const std::string expected =
      ComputeSignature(secret_key, BuildStringToSign(*sdk_date, canonical));
  if (!ConstantTimeEquals(parsed.signature, expected)) {
    return BadSignature("the signature does not match");
  }
  return std::nullopt;
}

}  // namespace

Authenticator::Authenticator(std::string access_key, std::string secret_key, std::string token,
                             const TemporaryCredentials* temporary, const IamTokens* tokens)
    : access_key_(std::move(access_key)),
      secret_key_(std::move(secret_key)),
      token_(std::move(token)),
      temporary_(temporary),
      tokens_(tokens) {}

std::optional<AuthFailure> Authenticator::CheckIssuedToken(const KnownToken& token,
                                                           bool allow_unscoped) {
  // The gateway's answer for an expired IAM token (what the SDK refreshes on).
  if (token.state == KnownToken::State::kExpired) {
    return AuthFailure{"APIGW.0307", "The token must be updated.",
                       AuthFailure::Cause::kTokenExpired};
  }
  if (!token.project_scoped && !allow_unscoped) {
    return AuthFailure{"CSMS.0301", "The X-Auth-Token is not scoped to a project"};
  }
  return std::nullopt;
}

std::optional<AuthFailure> Authenticator::CheckCaller(
    const AuthRequest& request, std::chrono::system_clock::time_point now) const {
  if (const auto authorization = request.header("Authorization")) {
    const std::optional<AuthorizationHeader> parsed = ParseAuthorization(*authorization);
    if (!parsed) return BadSignature("the Authorization header is not SDK-HMAC-SHA256");
    if (temporary_ != nullptr) {
      if (const auto known = temporary_->Find(parsed->access_key, now)) {
        return CheckTemporary(request, *parsed, *known, now);
      }
    }
    if (access_key_.empty() || !ConstantTimeEquals(parsed->access_key, access_key_)) {
      return BadSignature("unknown access key");
    }
    return VerifySignature(request, *parsed, secret_key_, now);
  }
  if (const auto given = request.header("X-Auth-Token")) {
    if (tokens_ != nullptr) {
      if (const auto known = tokens_->Find(*given, now)) return CheckIssuedToken(*known, true);
    }
    if (!token_.empty() && ConstantTimeEquals(*given, token_)) return std::nullopt;
    return AuthFailure{"APIGW.0301",
                       "Incorrect IAM authentication information: the "
                       "X-Auth-Token is invalid"};
  }
  return BadSignature("no Authorization or X-Auth-Token header");
}

std::optional<AuthFailure> Authenticator::Check(const AuthRequest& request,
                                                std::chrono::system_clock::time_point now,
                                                bool allow_unscoped) const {
  // Credentials the emulator issued are checked in every mode, so that a test
  // sees them refused once they expire even without configured credentials.
  if (temporary_ != nullptr) {
    if (const auto authorization = request.header("Authorization")) {
      if (const auto parsed = ParseAuthorization(*authorization)) {
        if (const auto known = temporary_->Find(parsed->access_key, now)) {
          return CheckTemporary(request, *parsed, *known, now);
        }
      }
    }
  }
  // So are the tokens the emulated IAM issued.
  if (tokens_ != nullptr) {
    if (const auto given = request.header("X-Auth-Token")) {
      if (const auto known = tokens_->Find(*given, now)) {
        return CheckIssuedToken(*known, allow_unscoped);
      }
    }
  }

  const bool signing = !access_key_.empty() && !secret_key_.empty();
  const bool token = !token_.empty();
  if (!signing && !token) return std::nullopt;

  const std::optional<std::string> authorization = request.header("Authorization");
  if (signing && authorization) return CheckSignature(request, *authorization, now);

  if (token) {
    const std::optional<std::string> given = request.header("X-Auth-Token");
    if (!given) {
      if (signing) return BadSignature("no Authorization or X-Auth-Token header");
      return AuthFailure{"CSMS.0301", "The X-Auth-Token header is missing"};
    }
    if (!ConstantTimeEquals(*given, token_)) {
      return AuthFailure{"CSMS.0301", "The X-Auth-Token is invalid"};
    }
    return std::nullopt;
  }
  return BadSignature("no Authorization header");
}

std::optional<AuthFailure> Authenticator::CheckSignature(
    const AuthRequest& request, const std::string& authorization,
    std::chrono::system_clock::time_point now) const {
  const std::optional<AuthorizationHeader> parsed = ParseAuthorization(authorization);
  if (!parsed) return BadSignature("the Authorization header is not SDK-HMAC-SHA256");
  if (!ConstantTimeEquals(parsed->access_key, access_key_)) {
    return BadSignature("unknown access key");
  }
  return VerifySignature(request, *parsed, secret_key_, now);
}

std::optional<AuthFailure> Authenticator::CheckTemporary(
    const AuthRequest& request, const AuthorizationHeader& authorization,
    const KnownCredential& credential, std::chrono::system_clock::time_point now) const {
  // Expired: the gateway's "token must be updated". Revoked: what the gateway
  // documents for an access key that no longer exists (see docs/emulator.md).
  switch (credential.state) {
    case KnownCredential::State::kExpired:
      return AuthFailure{"APIGW.0307",
                         "The token must be updated: the temporary credentials have expired",
                         AuthFailure::Cause::kTemporaryExpired};
    case KnownCredential::State::kRevoked:
      return AuthFailure{"APIGW.0301",
                         "Incorrect IAM authentication information: Get secretKey failed,"
                         "ak:******,err:ak not exist (the temporary credentials were revoked)",
                         AuthFailure::Cause::kTemporaryRevoked};
    case KnownCredential::State::kValid:
      break;
  }
  const std::optional<std::string> security_token = request.header("X-Security-Token");
  if (!security_token) {
    return BadSignature("temporary credentials need the X-Security-Token header");
  }
  if (!IsSigned(authorization, "x-security-token")) {
    return BadSignature("the 'x-security-token' header is not signed");
  }
  if (!ConstantTimeEquals(*security_token, credential.security_token)) {
    return BadSignature("the security token does not belong to the access key");
  }
  return VerifySignature(request, authorization, credential.secret_key, now);
}

}  // namespace csms::emu
