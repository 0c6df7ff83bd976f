#include "csms/credentials.h"

#include <cstdlib>
#include <utility>

#include "csms/errors.h"
#include "internal/environment.h"

namespace csms {

Credentials Credentials::AkSk(std::string ak, std::string sk, std::string security_token) {
  Credentials c;
  c.kind_ = Kind::kAkSk;
  c.access_key_ = std::move(ak);
  c.secret_key_ = std::move(sk);
  c.token_ = std::move(security_token);
  return c;
}

Credentials Credentials::Token(std::string x_auth_token) {
  Credentials c;
  c.kind_ = Kind::kToken;
  c.token_ = std::move(x_auth_token);
  return c;
}

Credentials Credentials::Anonymous() noexcept {
  Credentials c;
  c.kind_ = Kind::kAnonymous;
  return c;
}

Credentials Credentials::WithExpiration(Timestamp expiration) const {
  Credentials copy = *this;
  copy.expiration_ = expiration;
  return copy;
}

Credentials Credentials::WithSource(std::string source) const {
  Credentials copy = *this;
  copy.source_ = std::move(source);
  return copy;
}

namespace internal {

std::optional<Credentials> CredentialsFromEnv(const EnvLookup& getenv) {
  auto ak = getenv("HUAWEICLOUD_SDK_AK");
  auto sk = getenv("HUAWEICLOUD_SDK_SK");
  if (ak && sk) {
    return Credentials::AkSk(std::move(*ak), std::move(*sk),
                             getenv("HUAWEICLOUD_SDK_SECURITY_TOKEN").value_or(""));
  }
  if (ak || sk) {
    throw ConfigurationError(
        std::string(ak ? "HUAWEICLOUD_SDK_SK" : "HUAWEICLOUD_SDK_AK") + " is not set, but " +
        (ak ? "HUAWEICLOUD_SDK_AK" : "HUAWEICLOUD_SDK_SK") + " is: AK/SK credentials need both");
  }
  if (auto token = getenv("CSMS_AUTH_TOKEN")) return Credentials::Token(std::move(*token));
  return std::nullopt;
}

}  // namespace internal

Credentials Credentials::FromEnvironment() {
  if (auto credentials = internal::CredentialsFromEnv(&internal::GetEnv)) {
    return std::move(*credentials);
  }
  throw ConfigurationError(
      "no credentials in the environment: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, "
      "or CSMS_AUTH_TOKEN");
}

}  // namespace csms
