#ifndef CSMS_CREDENTIALS_PROVIDER_H_
#define CSMS_CREDENTIALS_PROVIDER_H_

/// @file
/// Where a client's credentials come from when they are not one fixed value:
/// the environment, a credentials file, or (with later releases) sources that
/// issue temporary credentials and must be refreshed. See docs/credentials.md.

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
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider();

/// An INI credentials file, as the official Huawei Cloud SDKs read it: `path`,
/// else HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials
/// (the home directory from HOME). Section [basic], keys ak, sk and
/// security_token (project_id and other keys are accepted and ignored; other
/// sections are ignored). Lines are `key = value`, `[section]`, or comments
/// starting with '#' or ';'. Read at the first Get() and kept until Invalidate().
///
/// Get() throws CredentialsError when the file does not exist ("no credentials
/// here": a chain goes on), and also, naming the file and the line, when it
/// cannot be read, a line does not parse, or [basic] has only one of ak and sk.
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path = {});

/// Asks each provider in turn; the first whose Get() succeeds wins and is asked
/// alone from then on (its CredentialsError is then the chain's), until
/// Invalidate() (passed on to it) starts the search again. When none yields, Get() throws
/// CredentialsError listing every source and its reason ("environment: ...; profile: ...").
/// @throws nothing beyond std::bad_alloc; null providers are skipped.
std::shared_ptr<CredentialsProvider> MakeCredentialsProviderChain(
    std::vector<std::shared_ptr<CredentialsProvider>> providers);

/// The chain a client uses when neither ClientOptions::credentials nor
/// ClientOptions::credentials_provider is set: environment, then profile
/// file. The official SDKs' chain continues with CCE pod identity and ECS
/// instance metadata; this chain will grow to include them, in that order, so
/// that the same program works unchanged on a laptop and on a cloud instance.
/// Constructing it does no I/O; each source is read at the first Get().
/// @throws nothing beyond std::bad_alloc.
std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsProviderChain();

}  // namespace csms

#endif  // CSMS_CREDENTIALS_PROVIDER_H_
