#ifndef CSMS_CREDENTIALS_PROVIDER_H_
#define CSMS_CREDENTIALS_PROVIDER_H_

/// @file
/// Where a client's credentials come from when they are not one fixed value:
/// the environment, a credentials file, or the sources that issue temporary
/// credentials and keep them refreshed (ECS/BMS instance metadata, CCE pod
/// identity). See docs/credentials.md.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "csms/credentials.h"

namespace csms {

/// A source of Credentials, asked before every attempt of every call
/// (ClientOptions::credentials_provider).
///
/// Implementations must be thread-safe: one provider may be shared by many
/// clients and threads. Get() is on the path of every request, so it should
/// return cached credentials quickly and fetch only when they are missing or
/// about to expire.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;

  /// Credentials valid for the next request. May read files or the network.
  /// @throws CredentialsError when none can be had (the message says why, per source).
  virtual Credentials Get() = 0;

  /// The service rejected what Get() returned (HTTP 401 with a gateway code
  /// saying the credentials or token are invalid or expired): fetch anew on the
  /// next Get(). The default does nothing (fixed credentials cannot improve).
  /// @throws nothing
  virtual void Invalidate() {}
};

/// Always the same credentials; what ClientOptions::credentials uses internally.
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeStaticCredentialsProvider(Credentials credentials);

/// The environment variables of Credentials::FromEnvironment():
/// HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (with HUAWEICLOUD_SDK_SECURITY_TOKEN
/// when set), else CSMS_AUTH_TOKEN. Read at the first Get() and kept until
/// Invalidate(). Get() throws CredentialsError when none is set ("no credentials
/// here", so a chain goes on) or when only one of the AK/SK pair is.
///
/// HUAWEICLOUD_SDK_IDP_ID with HUAWEICLOUD_SDK_ID_TOKEN_FILE win over all of
/// these, as in the official SDKs: the provider then hands out federated
/// credentials (MakeFederatedCredentialsProvider, iam_credentials.h) from the
/// IAM endpoint of HUAWEICLOUD_SDK_REGION (or HUAWEICLOUD_SDK_IAM_ENDPOINT),
/// renewed ahead of expiry; Invalidate() then makes it fetch anew. Only one
/// of the two set, or a failed fetch, stops a chain with a CredentialsError.
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider();

/// An INI credentials file, as the official Huawei Cloud SDKs read it: `path`,
/// else HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials
/// (the home directory from HOME). Section [basic], keys ak, sk and
/// security_token (project_id and other keys are accepted and ignored; other
/// sections are ignored). Lines are `key = value`, `[section]`, or comments
/// starting with '#' or ';'. Read at the first Get() and kept until Invalidate().
///
/// Keys idp_id with id_token_file in [basic] win over ak and sk, as in the
/// official SDKs: federated credentials (MakeFederatedCredentialsProvider,
/// iam_credentials.h), from IAM at HUAWEICLOUD_SDK_IAM_ENDPOINT, else the
/// file's iam_endpoint, else the endpoint of the file's `region` key (this
/// SDK's) or HUAWEICLOUD_SDK_REGION; renewed ahead of expiry. Only one of the
/// two, or a failed fetch, stops a chain with a CredentialsError.
///
/// Get() throws CredentialsError when the file does not exist ("no credentials
/// here": a chain goes on), and also, naming the file and the line, when it
/// cannot be read, a line does not parse, or [basic] has only one of ak and sk.
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path = {});

/// Settings of MakeMetadataCredentialsProvider.
struct MetadataCredentialsOptions {
  /// The metadata service: scheme, host and optional port, no path
  /// ("http://169.254.169.254", the address of huaweicloud-sdk-go-v3
  /// core/auth/internal/metadata_accessor.go). Plain http is allowed only to
  /// 169.254.169.254 and loopback hosts (tests, emulators); https to any host.
  std::string endpoint = "http://169.254.169.254";
  /// Connect timeout, and also the total time for each of the provider's
  /// requests, in milliseconds (3 s, as the Go SDK). Must be positive.
  std::chrono::milliseconds timeout{3000};
  /// Fetch new credentials once less than this is left before they expire, in
  /// seconds (40 minutes, as the official SDKs). Must not be negative.
  std::chrono::seconds refresh_before_expiry{40 * 60};
  /// The wall clock that expirations (and the session token's lifetime) are
  /// compared with; empty means std::chrono::system_clock::now. Tests pass
  /// the emulator's clock.
  std::function<Timestamp()> clock;
};

/// Temporary AK/SK and security token from the ECS/BMS instance metadata
/// service, kept fresh (huaweicloud-sdk-go-v3
/// core/auth/provider/metadata_provider.go and
/// core/auth/internal/metadata_accessor.go):
///
/// 1. `PUT {endpoint}/meta-data/latest/api/token` with
///    `X-Metadata-Token-Ttl-Seconds: 21600` gets a session token, kept for
///    its lifetime (less a margin) on `clock`; 404, 405 or 503 mean the
///    service has none and the provider goes on without one.
/// 2. `GET {endpoint}/openstack/latest/securitykey` (with `X-Metadata-Token`
///    when one is held) answers `{"credential": {"access", "secret",
///    "securitytoken", "expires_at"}}`, expires_at in UTC as
///    `YYYY-MM-DDTHH:MM:SS[.fraction]Z`. A 401 gets a new session token and
///    is tried once more, unless it says "Please configure Cloud Service
///    Agency first" (the instance has no agency: CredentialsError).
///
/// The credentials carry source() "metadata {endpoint}" (scheme, host and
/// port, lower-cased, no trailing '/') and their expiration; they are fetched at the first Get()
/// and again in the background once less than refresh_before_expiry is left, one fetch at a time
/// (see docs/credentials.md, "Temporary credentials and refresh"). Requests never go through a
/// proxy, and an answer above 64 KiB is refused.
///
/// Get() throws CredentialsError naming "metadata" and the reason (connect
/// timeout, a status, an answer that does not decode), never quoting the
/// answer. When the service cannot be reached at all (no such host, refused,
/// connect timeout), that error is remembered for 30 s on `clock` and
/// Get() repeats it at once instead of waiting out another timeout, so that
/// a machine that is not a cloud instance fails a call in about one timeout.
/// @throws ConfigurationError when endpoint is not an absolute http(s) URL
///         without user info, query or path, plain http goes elsewhere than
///         169.254.169.254 or loopback, timeout is not positive or
///         refresh_before_expiry is negative. No I/O happens here.
std::shared_ptr<CredentialsProvider> MakeMetadataCredentialsProvider(
    MetadataCredentialsOptions options = {});

/// Settings of MakePodIdentityCredentialsProvider.
struct PodIdentityCredentialsOptions {
  /// The pod identity endpoint; empty: the environment variable
  /// HC_CONTAINER_CREDENTIALS_FULL_URI, read when fetching (the first Get(),
  /// then each refresh). Plain http is
  /// allowed only to loopback hosts; https to any host.
  std::string full_uri;
  /// The file holding the pod's identity token; empty: the environment
  /// variable HC_CONTAINER_AUTHORIZATION_TOKEN_FILE. Read again (and trimmed
  /// of surrounding whitespace) for every fetch, as the token rotates.
  std::string token_file;
  /// Connect timeout, and also the total time of each fetch, in milliseconds.
  /// Must be positive.
  std::chrono::milliseconds timeout{5000};
  /// Fetch new credentials once less than this is left before they expire, in
  /// seconds. Must not be negative.
  std::chrono::seconds refresh_before_expiry{40 * 60};
  /// The wall clock expirations are compared with; empty means
  /// std::chrono::system_clock::now.
  std::function<Timestamp()> clock;
  /// PEM bundle of trusted CAs for an https full_uri; empty means the system
  /// default. TLS peer and host verification are always on.
  std::string ca_file;
};

/// Temporary AK/SK and security token from the CCE pod identity endpoint,
/// kept fresh (the pod identity providers of the official SDKs: Go
/// core/auth/provider PodIdentityCredentialProvider, Java
/// com.huaweicloud.sdk.core.auth.PodIdentityCredentialProvider): `POST
/// {full_uri}` with body `{}`, `Content-Type: application/json;
/// charset=utf-8` and the token file's content as `Authorization` (no
/// scheme); a 200 answers `{"credentials": {"accessKeyId",
/// "secretAccessKey", "securityToken", "expiration"}, ...}`.
///
/// The credentials carry source() "pod identity {uri}" and their expiration;
/// refreshed like MakeMetadataCredentialsProvider's. Requests never go
/// through a proxy, and an answer above 64 KiB is refused.
///
/// Get() throws CredentialsError naming "pod identity": when neither
/// full_uri nor HC_CONTAINER_CREDENTIALS_FULL_URI is set ("no credentials
/// here": a chain goes on), and, stopping a chain, when the URI from the
/// environment is unusable, no token file is named, or it cannot be read or
/// is empty; for any other status than 200 it names the status and the
/// gateway's error_code (nothing else of the answer: its error_msg may echo
/// the token or credentials handed out before).
/// @throws ConfigurationError when full_uri is set and is not an absolute
///         http(s) URL without user info, or is plain http to a host that is
///         not loopback; when timeout is not positive or
///         refresh_before_expiry is negative. No I/O happens here.
std::shared_ptr<CredentialsProvider> MakePodIdentityCredentialsProvider(
    PodIdentityCredentialsOptions options = {});

/// Asks each provider in turn; the first whose Get() succeeds wins and is asked
/// alone from then on (its CredentialsError is then the chain's), until
/// Invalidate() (passed on to it) starts the search again. When none yields, Get() throws
/// CredentialsError listing every source and its reason ("environment: ...; profile: ...").
/// @throws nothing beyond std::bad_alloc; null providers are skipped.
std::shared_ptr<CredentialsProvider> MakeCredentialsProviderChain(
    std::vector<std::shared_ptr<CredentialsProvider>> providers);

/// The chain a client uses when neither ClientOptions::credentials nor
/// ClientOptions::credentials_provider is set, in the official SDKs' order
/// (huaweicloud-sdk-go-v3 core/auth/provider/provider_chain.go): environment,
/// profile file, CCE pod identity, ECS/BMS instance metadata (each with
/// default options), so that the same program works unchanged on a laptop and
/// on a cloud instance.
///
/// Two environment variables of this SDK (not of Huawei's) shape the
/// metadata source, read here: CSMS_METADATA_ENDPOINT replaces its endpoint
/// (same rules as MetadataCredentialsOptions::endpoint; an unusable one makes
/// the metadata source fail with a CredentialsError that stops the chain),
/// and CSMS_METADATA_DISABLED=true (or 1) leaves it out (its reason in the
/// combined error: "metadata: disabled by CSMS_METADATA_DISABLED").
///
/// Constructing it does no I/O; each source is read at the first Get().
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsProviderChain();

}  // namespace csms

#endif  // CSMS_CREDENTIALS_PROVIDER_H_
