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

}  // namespace

Authenticator::Authenticator(std::string access_key, std::string secret_key, std::string token)
    : access_key_(std::move(access_key)),
      secret_key_(std::move(secret_key)),
      token_(std::move(token)) {}

std::optional<AuthFailure> Authenticator::Check(const AuthRequest& request,
                                                std::chrono::system_clock::time_point now) const {
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
  const auto& names = parsed->signed_headers;
  for (const char* required : {"host", "x-sdk-date"}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      return BadSignature(std::string("the '") + required + "' header is not signed");
    }
  }

  const std::optional<std::string> sdk_date = request.header("X-Sdk-Date");
  if (!sdk_date) return BadSignature("the X-Sdk-Date header is missing");
  const auto signed_at = ParseSdkDate(*sdk_date);
  if (!signed_at) return BadSignature("X-Sdk-Date is not in the form YYYYMMDDTHHMMSSZ");
  const auto skew = signed_at > now ? *signed_at - now : now - *signed_at;
  if (skew > kMaxClockSkew) {
    return AuthFailure{"APIGW.0303",
                       "Incorrect IAM authentication information: the request has expired "
                       "(X-Sdk-Date is more than 15 minutes from the server's time)"};
  }

  std::vector<SignedHeader> headers;
  for (const auto& name : names) {
    const std::optional<std::string> value = request.header(name);
    if (!value) return BadSignature("the signed header '" + name + "' is missing");
    headers.push_back(SignedHeader{name, *value});
  }
  const std::string canonical =
      BuildCanonicalRequest(request.method, request.target, std::move(headers), request.body);
  const std::string expected =
      ComputeSignature(secret_key_, BuildStringToSign(*sdk_date, canonical));
  if (!ConstantTimeEquals(parsed->signature, expected)) {
    return BadSignature("the signature does not match");
  }
  return std::nullopt;
}

}  // namespace csms::emu
