#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "internal/ascii.h"
#include "internal/credentials_providers.h"
#include "internal/environment.h"
#include "internal/iam_providers.h"

namespace csms {
namespace internal {
namespace {

// CsmsError's what() of a CredentialsError starts with this; a chain lists
// only what follows it for each source.
constexpr std::string_view kCredentialsErrorPrefix = "no usable credentials: ";

// The official SDKs' variables for federated (OIDC) credentials.
constexpr const char* kIdpIdVariable = "HUAWEICLOUD_SDK_IDP_ID";
constexpr const char* kIdTokenFileVariable = "HUAWEICLOUD_SDK_ID_TOKEN_FILE";

// A source that can only say why it has nothing: a disabled one, or one
// whose configuration from the environment is unusable.
template <typename Error>
class FailingProvider : public CredentialsProvider {
 public:
  explicit FailingProvider(std::string reason) : reason_(std::move(reason)) {}
  Credentials Get() override { throw Error(reason_); }

 private:
  const std::string reason_;
};

bool IsTrue(const std::optional<std::string>& value) {
  return value && (AsciiEqualsIgnoreCase(*value, "true") || *value == "1");
}

class StaticProvider : public CredentialsProvider {
 public:
  explicit StaticProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Credentials Get() override { return credentials_; }
  const Credentials& credentials() const { return credentials_; }

 private:
  const Credentials credentials_;
};

class EnvironmentProvider : public CachingProvider {
 public:
  EnvironmentProvider(EnvLookup getenv, IamOptions iam)
      : CachingProvider("environment"), getenv_(std::move(getenv)), iam_(std::move(iam)) {}

 private:
  LoadedSource Load() override {
    // Federated credentials win over AK/SK, as in huaweicloud-sdk-go-v3
    // core/auth/provider/credential_provider.go (fillCommonAttrs).
    auto idp_id = getenv_(kIdpIdVariable);
    auto id_token_file = getenv_(kIdTokenFileVariable);
    if (idp_id && id_token_file) {
      FederatedCredentialsOptions federated;
      federated.iam = iam_;
      federated.iam.region = getenv_("HUAWEICLOUD_SDK_REGION").value_or("");
      federated.idp_id = std::move(*idp_id);
      federated.id_token_file = std::move(*id_token_file);
      try {
        return {std::nullopt, MakeFederatedCredentialsProvider(std::move(federated), getenv_)};
      } catch (const ConfigurationError& e) {
        throw MisconfiguredSourceError("environment: federated credentials: " + ReasonOf(e));
      }
    }
    if (idp_id || id_token_file) {
      // Half of the pair: a mistake, as half a key pair is (the Go SDK would
      // quietly go on to AK/SK).
      throw MisconfiguredSourceError(std::string("environment: only one of ") + kIdpIdVariable +
                                     " and " + kIdTokenFileVariable +
                                     " is set; federated credentials need both");
    }
    std::optional<Credentials> found;
    try {
      found = CredentialsFromEnv(getenv_);  // the one lookup Credentials::FromEnvironment uses
    } catch (const ConfigurationError&) {
      // Half a key pair: a mistake, never a reason to look elsewhere.
      throw MisconfiguredSourceError(
          "environment: only one of HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK is set; AK/SK "
          "credentials need both");
    }
    if (!found) {
      throw CredentialsError(
          "environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set, nor is "
          "CSMS_AUTH_TOKEN");
    }
    return {found->WithSource("environment"), nullptr};
  }

  const EnvLookup getenv_;
  const IamOptions iam_;
};

class ChainProvider : public CredentialsProvider {
 public:
  explicit ChainProvider(std::vector<std::shared_ptr<CredentialsProvider>> providers)
      : providers_(std::move(providers)) {}

  Credentials Get() override {
    // The source that yielded is asked alone; its error (a failed refresh of
    // temporary credentials) is the call's, without asking it a second time in
    // a new search. Invalidate() starts a new search.
    if (const auto winner = Winner()) return winner->Get();
    std::string reasons;
    for (const auto& provider : providers_) {
      try {
        Credentials credentials = provider->Get();
        std::lock_guard<std::mutex> lock(mutex_);
        winner_ = provider;
        return credentials;
      } catch (const MisconfiguredSourceError&) {
        throw;  // a mistake in a source stops the search (it is not "none here")
      } catch (const CredentialsError& e) {
        if (!reasons.empty()) reasons += "; ";
        reasons += ReasonOf(e);
      }
    }
    if (reasons.empty()) reasons = "the credentials provider chain is empty";
    throw CredentialsError(reasons);
  }

  void Invalidate() override {
    if (const auto winner = Winner()) {
      winner->Invalidate();
      Forget(winner);
    }
  }

 private:
  std::shared_ptr<CredentialsProvider> Winner() {
    std::lock_guard<std::mutex> lock(mutex_);
    return winner_;
  }
  void Forget(const std::shared_ptr<CredentialsProvider>& winner) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (winner_ == winner) winner_.reset();
  }

  const std::vector<std::shared_ptr<CredentialsProvider>> providers_;  // none null
  std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> winner_;  // guarded by mutex_
};

}  // namespace

Credentials CachingProvider::Get() {
  std::shared_ptr<CredentialsProvider> delegate;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!loaded_) loaded_ = Load();
    if (loaded_->credentials) return *loaded_->credentials;
    delegate = loaded_->delegate;
  }
  // Outside the lock: the delegate may wait for a fetch from IAM.
  try {
    return delegate->Get();
  } catch (const MisconfiguredSourceError&) {
    throw;
  } catch (const CredentialsError& e) {
    throw MisconfiguredSourceError(name_ + ": " + ReasonOf(e), e.status_code(), e.detail(),
                                   e.request_id());
  }
}

void CachingProvider::Invalidate() {
  std::shared_ptr<CredentialsProvider> delegate;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (loaded_ && loaded_->delegate) {
      delegate = loaded_->delegate;
    } else {
      loaded_.reset();
    }
  }
  if (delegate) delegate->Invalidate();
}

std::string ReasonOf(const ConfigurationError& error) {
  constexpr std::string_view kPrefix = "invalid client configuration: ";
  std::string_view what = error.what();
  if (what.substr(0, kPrefix.size()) == kPrefix) what.remove_prefix(kPrefix.size());
  return std::string(what);
}

std::string ReasonOf(const CredentialsError& error) {
  std::string_view what = error.what();
  if (what.substr(0, kCredentialsErrorPrefix.size()) == kCredentialsErrorPrefix) {
    what.remove_prefix(kCredentialsErrorPrefix.size());
  }
  return std::string(what);
}

std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChainFrom(
    const EnvLookup& getenv, std::function<Timestamp()> clock) {
  IamOptions iam;
  iam.clock = clock;
  PodIdentityCredentialsOptions pod_identity;
  pod_identity.clock = clock;
  std::shared_ptr<CredentialsProvider> metadata;
  if (IsTrue(getenv("CSMS_METADATA_DISABLED"))) {
    metadata = std::make_shared<FailingProvider<CredentialsError>>(
        "metadata: disabled by CSMS_METADATA_DISABLED");
  } else {
    MetadataCredentialsOptions options;
    options.clock = std::move(clock);
    if (auto endpoint = getenv("CSMS_METADATA_ENDPOINT")) options.endpoint = std::move(*endpoint);
    if (const auto problem = MetadataEndpointProblem(options.endpoint)) {
      // Constructing the chain never throws: the mistake is the chain's error
      // at the first Get(), and it stops the search there.
      metadata = std::make_shared<FailingProvider<MisconfiguredSourceError>>(
          "metadata: CSMS_METADATA_ENDPOINT " + *problem);
    } else {
      metadata = MakeMetadataCredentialsProvider(std::move(options), nullptr);
    }
  }
  return csms::MakeCredentialsProviderChain({
      MakeEnvironmentCredentialsProvider(getenv, iam),
      MakeProfileCredentialsProvider({}, getenv, iam),
      MakePodIdentityCredentialsProvider(std::move(pod_identity), getenv, nullptr),
      std::move(metadata),
  });
}

const Credentials* StaticCredentialsOf(const CredentialsProvider& provider) {
  const auto* fixed = dynamic_cast<const StaticProvider*>(&provider);
  return fixed ? &fixed->credentials() : nullptr;
}

std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider(EnvLookup getenv,
                                                                        IamOptions iam) {
  return std::make_shared<EnvironmentProvider>(std::move(getenv), std::move(iam));
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakeStaticCredentialsProvider(Credentials credentials) {
  return std::make_shared<internal::StaticProvider>(std::move(credentials));
}

std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider() {
  return internal::MakeEnvironmentCredentialsProvider(&internal::GetEnv);
}

std::shared_ptr<CredentialsProvider> MakeCredentialsProviderChain(
    std::vector<std::shared_ptr<CredentialsProvider>> providers) {
  providers.erase(std::remove(providers.begin(), providers.end(), nullptr), providers.end());
  return std::make_shared<internal::ChainProvider>(std::move(providers));
}

std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsProviderChain() {
  return internal::MakeDefaultCredentialsChainFrom(&internal::GetEnv, {});
}

}  // namespace csms
