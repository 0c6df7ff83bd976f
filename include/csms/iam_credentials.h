#ifndef CSMS_IAM_CREDENTIALS_H_
#define CSMS_IAM_CREDENTIALS_H_

/// @file
/// Credentials that Huawei Cloud IAM issues and this SDK keeps renewed: an
/// IAM user token from a password (sent to CSMS as X-Auth-Token), temporary
/// AK/SK from an OpenID Connect id token (federated), and temporary AK/SK of
/// an agency (assume role). See docs/credentials.md, "IAM sources".
///
/// Every provider here fetches at its first Get(), then again in the
/// background once less than IamOptions::refresh_before_expiry is left, one
/// fetch at a time for all threads; a failed renewal keeps the still-valid
/// credentials and retries after a backoff. A failed IAM call is a
/// CredentialsError naming the call ("IAM POST /v3/auth/tokens failed: HTTP
/// 401 ..."), with status_code() and detail() set from IAM's answer; no
/// message ever quotes a password, id token, token or key.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "csms/credentials.h"
#include "csms/credentials_provider.h"
#include "csms/http.h"

namespace csms {

/// Where and how the IAM providers reach IAM.
struct IamOptions {
  /// The IAM endpoint: scheme, host and optional port, no path, query or
  /// user info ("https://iam.cn-north-4.myhuaweicloud.com"). Plain http only
  /// to a loopback host (tests, the emulator). Empty: the environment
  /// variable HUAWEICLOUD_SDK_IAM_ENDPOINT ("https://" is added when it has
  /// no scheme, as the official SDKs do), else the endpoint of `region` (the
  /// table in docs/credentials.md: `https://iam.{region}.myhuaweicloud.com`
  /// where IAM serves the region, else the global
  /// `https://iam.myhuaweicloud.com`).
  std::string endpoint;
  /// The region whose IAM endpoint is used when `endpoint` is empty
  /// ("cn-north-4"); empty means the global endpoint.
  std::string region;
  /// Fetch anew once less than this is left before the token or temporary
  /// credentials expire, in seconds (1 hour). Must not be negative.
  std::chrono::seconds refresh_before_expiry{3600};
  /// Time allowed to connect (TCP and TLS) to IAM, in milliseconds; as
  /// ClientOptions::connect_timeout. Must be positive.
  std::chrono::milliseconds connect_timeout = kDefaultConnectTimeout;
  /// Total time for one IAM exchange, in milliseconds; as
  /// ClientOptions::request_timeout. Must be positive.
  std::chrono::milliseconds request_timeout = kDefaultRequestTimeout;
  /// PEM bundle of trusted CAs; empty means the system default. TLS peer and
  /// host verification are always on.
  std::string ca_file;
  /// Directory of hashed CA certificates; empty means the system default.
  std::string ca_path;
  /// Proxy URL ("http://proxy:3128"); empty means none (libcurl's own
  /// environment variables such as HTTPS_PROXY are still honoured).
  std::string proxy;
  /// Hosts that bypass the proxy, comma-separated ("*" for all).
  std::string no_proxy;
  /// Sends the IAM requests instead of libcurl (tests); the timeouts, TLS
  /// and proxy settings above then do not apply, except that each request
  /// carries request_timeout.
  std::shared_ptr<HttpTransport> transport;
  /// The wall clock that expirations are compared with and AK/SK-signed IAM
  /// requests are dated by; empty means std::chrono::system_clock::now.
  std::function<Timestamp()> clock;
};

/// Settings of MakePasswordTokenProvider (IAM "Obtaining a User Token
/// Through Password Authentication", and "... Password and Virtual MFA
/// Authentication" when totp is set).
struct PasswordTokenOptions {
  /// Where and how IAM is reached.
  IamOptions iam;
  /// The IAM user's name. Required.
  std::string user_name;
  /// The name of the user's account (domain). Required.
  std::string domain_name;
  /// The user's password. Required. Held by the provider only (its memory is
  /// overwritten when the provider is destroyed); never in any message.
  std::string password;
  /// The project the token is scoped to, by id; or set project_name instead.
  /// Exactly one of the two must be set.
  std::string project_id;
  /// The project the token is scoped to, by name (usually the region,
  /// "cn-north-4"); or set project_id instead.
  std::string project_name;
  /// Virtual MFA: called at every token fetch for a fresh 6-digit passcode;
  /// empty means no MFA. When set, user_id is required too (IAM names the
  /// MFA user by id). A callback that throws, or returns nothing or more
  /// than 64 printable ASCII characters, makes that fetch a CredentialsError
  /// ("the totp callback ...") with nothing sent to IAM.
  std::function<std::string()> totp;
  /// The IAM user's id, for the MFA ("totp") method only.
  std::string user_id;
};

/// An IAM user token, renewed ahead of expiry: `POST /v3/auth/tokens` with
/// the password method (and totp when set) scoped to the project; the token
/// is the X-Subject-Token answer header and its expiry the answer's
/// token.expires_at. Get() returns Credentials::Token(token) with that
/// expiration and source() "iam password token {endpoint}".
/// @throws ConfigurationError when a required field is empty, both or
///         neither of project_id and project_name are set, totp is set without
///         user_id, or the endpoint or timeouts are unusable (no I/O happens
///         here). Get() throws CredentialsError as described in the file comment.
std::shared_ptr<CredentialsProvider> MakePasswordTokenProvider(PasswordTokenOptions options);

/// Settings of MakeFederatedCredentialsProvider.
struct FederatedCredentialsOptions {
  /// Where and how IAM is reached.
  IamOptions iam;
  /// The identity provider's id in IAM (sent as X-Idp-Id). Required.
  std::string idp_id;
  /// The file holding the OpenID Connect id token; read again, trimmed of
  /// surrounding whitespace, at every fetch (it rotates). Required.
  std::string id_token_file;
  /// Lifetime asked for the temporary AK/SK, in seconds (6 hours; IAM allows
  /// 15 minutes to 24 hours). They are renewed once less than
  /// iam.refresh_before_expiry or half of this is left, whichever is less.
  std::chrono::seconds duration{6 * 3600};
};

/// Temporary AK/SK and security token for a federated (OIDC) identity,
/// renewed ahead of expiry: `POST /v3.0/OS-AUTH/id-token/tokens` with
/// X-Idp-Id and the id token gives an unscoped token, which `POST
/// /v3.0/OS-CREDENTIAL/securitytokens` (method "token") exchanges for the
/// credentials. source() is "iam federated {endpoint}".
/// @throws ConfigurationError when idp_id or id_token_file is empty, duration
///         is outside 900 to 86400 s, or the endpoint or timeouts are unusable.
std::shared_ptr<CredentialsProvider> MakeFederatedCredentialsProvider(
    FederatedCredentialsOptions options);

/// Settings of MakeAgencyCredentialsProvider.
struct AgencyCredentialsOptions {
  /// Where and how IAM is reached.
  IamOptions iam;
  /// The agency to assume. Required.
  std::string agency_name;
  /// The name of the account (domain) that created the agency; or set
  /// domain_id instead. Exactly one of the two must be set.
  std::string domain_name;
  /// The id of that account; or set domain_name instead.
  std::string domain_id;
  /// Lifetime asked for the temporary AK/SK, in seconds (1 hour; IAM allows
  /// 15 minutes to 24 hours). They are renewed once less than
  /// iam.refresh_before_expiry or half of this is left, whichever is less
  /// (30 minutes by default).
  std::chrono::seconds duration{3600};
  /// Optional name recorded as the session user (assume_role.session_user.name).
  std::string session_user;
};

/// Temporary AK/SK and security token of an agency (assume role), renewed
/// ahead of expiry: `POST /v3.0/OS-CREDENTIAL/securitytokens` with the
/// assume_role method, signed with source->Get() (SDK-HMAC-SHA256 for AK/SK,
/// X-Auth-Token for a token). When IAM answers 401, the source is told once
/// (Invalidate()) and the call is made once more. source() is "iam agency
/// {agency_name} {endpoint}".
/// @throws ConfigurationError when source is null, agency_name is empty,
///         both or neither of domain_name and domain_id are set, duration is
///         outside 900 to 86400 s, or the endpoint or timeouts are unusable.
std::shared_ptr<CredentialsProvider> MakeAgencyCredentialsProvider(
    AgencyCredentialsOptions options, std::shared_ptr<CredentialsProvider> source);

}  // namespace csms

#endif  // CSMS_IAM_CREDENTIALS_H_
