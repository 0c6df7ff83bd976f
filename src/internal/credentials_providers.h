#ifndef CSMS_SRC_INTERNAL_CREDENTIALS_PROVIDERS_H_
#define CSMS_SRC_INTERNAL_CREDENTIALS_PROVIDERS_H_

// The providers of csms/credentials_provider.h with their inputs injectable
// (environment lookup, home directory) for tests.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "csms/http.h"
#include "csms/iam_credentials.h"
#include "internal/environment.h"

namespace csms {
namespace internal {

/// A source that has credentials but cannot use them as configured (half a
/// key pair, a file that does not parse): a chain stops here with this error
/// instead of going on to the next source, so that a mistake is never hidden
/// by credentials found elsewhere. A plain CredentialsError means "no
/// credentials here" and the chain goes on.
class MisconfiguredSourceError : public CredentialsError {
 public:
  using CredentialsError::CredentialsError;
};

/// What a CachingProvider's source names: fixed credentials, or a provider
/// that fetches them (IAM federated credentials, which the official SDKs take
/// from the same environment variables and file as AK/SK).
struct LoadedSource {
  std::optional<Credentials> credentials;         // kept until Invalidate()
  std::shared_ptr<CredentialsProvider> delegate;  // else asked at every Get()
};

/// A source read once and kept until Invalidate(): reading the environment or a
/// file on every request would cost more than signing it. Subclasses say how
/// to read it. When it names a provider, that provider is kept instead and
/// asked at every Get() (it refreshes on its own), Invalidate() passed on to
/// it; its CredentialsError becomes a MisconfiguredSourceError naming the
/// source (configured federated credentials that fail stop a chain).
class CachingProvider : public CredentialsProvider {
 public:
  Credentials Get() final;
  void Invalidate() final;

 protected:
  /// name: the source in messages ("environment").
  explicit CachingProvider(std::string name) : name_(std::move(name)) {}
  /// The source's credentials or provider, read now.
  /// @throws CredentialsError when there are none.
  virtual LoadedSource Load() = 0;

 private:
  const std::string name_;
  std::mutex mutex_;
  std::optional<LoadedSource> loaded_;  // guarded by mutex_
};

/// The credentials of a provider made by MakeStaticCredentialsProvider, so that
/// a client can sign with them as with ClientOptions::credentials (checked once,
/// key prepared once); null for any other provider.
const Credentials* StaticCredentialsOf(const CredentialsProvider& provider);

/// MakeEnvironmentCredentialsProvider reading variables through getenv;
/// federated credentials (HUAWEICLOUD_SDK_IDP_ID, HUAWEICLOUD_SDK_ID_TOKEN_FILE)
/// reach IAM with `iam`'s transport, timeouts and clock, its region from
/// HUAWEICLOUD_SDK_REGION.
std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider(EnvLookup getenv,
                                                                        IamOptions iam = {});

/// MakeProfileCredentialsProvider reading HUAWEICLOUD_SDK_CREDENTIALS_FILE and
/// HOME through getenv; federated credentials (idp_id, id_token_file) reach
/// IAM as for the environment, the region from the file's `region` key, else
/// HUAWEICLOUD_SDK_REGION, the file's iam_endpoint below HUAWEICLOUD_SDK_IAM_ENDPOINT.
std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path,
                                                                    EnvLookup getenv,
                                                                    IamOptions iam = {});

/// The profile file a provider with `path` reads: path, else
/// HUAWEICLOUD_SDK_CREDENTIALS_FILE, else $HOME/.huaweicloud/credentials;
/// empty when none can be named (no HOME).
std::string ProfilePath(const std::string& path, const EnvLookup& getenv);

/// Credentials from the text of a credentials file (see
/// MakeProfileCredentialsProvider); nullopt when [basic] has neither ak nor sk
/// nor a security token. `file` only names it in messages.
/// @throws MisconfiguredSourceError naming file and line for a line that does not
///         parse or half a key pair.
std::optional<Credentials> ParseProfile(const std::string& text, const std::string& file);

/// The iam_endpoint key of [basic] in the profile file (ProfilePath with no
/// path, through getenv), for project id discovery; empty when there is no
/// such file or key, or the file cannot be read or parsed (the profile
/// credentials source reports that).
std::string ProfileIamEndpoint(const EnvLookup& getenv);

/// A ConfigurationError's message without the "invalid client
/// configuration: " that its what() starts with.
std::string ReasonOf(const ConfigurationError& error);

/// What a CredentialsError says after the "no usable credentials: " that
/// every CredentialsError's what() starts with ("environment: ...").
std::string ReasonOf(const CredentialsError& error);

/// Why `endpoint` cannot be MetadataCredentialsOptions::endpoint, phrased to
/// follow its name, or nullopt when it can. Never quotes it.
std::optional<std::string> MetadataEndpointProblem(const std::string& endpoint);

/// MakeMetadataCredentialsProvider sending through `transport` (null: its own
/// libcurl transport, made at the first fetch).
/// @throws ConfigurationError as the public one.
std::shared_ptr<CredentialsProvider> MakeMetadataCredentialsProvider(
    MetadataCredentialsOptions options, std::shared_ptr<HttpTransport> transport);

/// MakePodIdentityCredentialsProvider reading its environment variables
/// through getenv and sending through `transport` (null: its own libcurl
/// transport, made at the first fetch).
/// @throws ConfigurationError as the public one.
std::shared_ptr<CredentialsProvider> MakePodIdentityCredentialsProvider(
    PodIdentityCredentialsOptions options, EnvLookup getenv,
    std::shared_ptr<HttpTransport> transport);

/// MakeDefaultCredentialsProviderChain() reading every variable (its sources'
/// and CSMS_METADATA_ENDPOINT, CSMS_METADATA_DISABLED) through getenv, with
/// `clock` (empty: the system clock) for the fetching sources. Tests point
/// CSMS_METADATA_ENDPOINT at an emulator so that nothing leaves loopback.
std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChainFrom(
    const EnvLookup& getenv, std::function<Timestamp()> clock);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CREDENTIALS_PROVIDERS_H_
