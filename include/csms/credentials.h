#ifndef CSMS_CREDENTIALS_H_
#define CSMS_CREDENTIALS_H_

/// @file
/// How the client authenticates. A Credentials object never prints its secrets:
/// no SDK message, log line or exception contains the AK, SK or a token.

#include <chrono>
#include <optional>
#include <string>

namespace csms {

/// A point in UTC time (the same type as models.h's Timestamp).
using Timestamp = std::chrono::system_clock::time_point;

/// Authentication material for CsmsClient.
///
/// A default-constructed Credentials is "unset": a client given unset
/// credentials and no ClientOptions::credentials_provider uses
/// MakeDefaultCredentialsProviderChain() (credentials_provider.h), so a
/// forgotten credential never turns into unauthenticated calls. Use Anonymous()
/// to talk to an emulator that checks nothing.
class Credentials {
 public:
  /// The method a Credentials object uses.
  enum class Kind { kUnset, kAkSk, kToken, kAnonymous };

  /// Unset credentials; see the class comment.
  Credentials() = default;

  /// AK/SK request signing (SDK-HMAC-SHA256). With a security_token these are
  /// temporary credentials: the token is sent, and signed, as X-Security-Token.
  /// @throws nothing beyond std::bad_alloc; emptiness is checked by CsmsClient.
  static Credentials AkSk(std::string ak, std::string sk, std::string security_token = {});

  /// An IAM user token sent as X-Auth-Token; requests are not signed.
  /// @throws nothing beyond std::bad_alloc.
  static Credentials Token(std::string x_auth_token);

  /// No authentication at all, for an emulator started without credentials.
  /// @throws nothing
  static Credentials Anonymous() noexcept;

  /// When these credentials stop working: set for temporary credentials (a
  /// security token from ECS metadata, pod identity or IAM), nullopt for
  /// long-lived ones. A refreshing CredentialsProvider fetches new ones before
  /// this time (see credentials_provider.h).
  /// @throws nothing
  std::optional<Timestamp> expiration() const noexcept { return expiration_; }

  /// A copy of these credentials that expires at `expiration`.
  /// @throws nothing beyond std::bad_alloc.
  Credentials WithExpiration(Timestamp expiration) const;

  /// Where these credentials came from, for people reading diagnostics: empty
  /// for credentials built in code; "environment", "profile /path/to/file",
  /// "metadata http://169.254.169.254", "pod identity <uri>" and so on for
  /// those a provider of credentials_provider.h supplied. Never contains a
  /// secret, so it is safe to print (`csms auth show` does).
  /// @throws nothing
  const std::string& source() const noexcept { return source_; }

  /// A copy of these credentials whose source() is `source`.
  /// @throws nothing beyond std::bad_alloc.
  Credentials WithSource(std::string source) const;

  /// Reads HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_SECURITY_TOKEN
  /// if set); failing those, CSMS_AUTH_TOKEN.
  /// @throws ConfigurationError when neither is set, or only one of AK and SK is.
  static Credentials FromEnvironment();

  /// @throws nothing
  Kind kind() const noexcept { return kind_; }
  /// The access key id (AK/SK only). Not secret on its own, but still never logged.
  /// @throws nothing
  const std::string& access_key() const noexcept { return access_key_; }
  /// The secret key (AK/SK only).
  /// @throws nothing
  const std::string& secret_key() const noexcept { return secret_key_; }
  /// The security token (temporary AK/SK) or the X-Auth-Token (Token).
  /// @throws nothing
  const std::string& token() const noexcept { return token_; }

 private:
  Kind kind_ = Kind::kUnset;
  std::string access_key_;
  std::string secret_key_;
  std::string token_;
  std::optional<Timestamp> expiration_;
  std::string source_;
};

}  // namespace csms

#endif  // CSMS_CREDENTIALS_H_
