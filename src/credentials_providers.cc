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

namespace csms {
namespace internal {
namespace {

// CsmsError's what() of a CredentialsError starts with this; a chain lists
// only what follows it for each source.
constexpr std::string_view kCredentialsErrorPrefix = "no usable credentials: ";

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
  explicit EnvironmentProvider(EnvLookup getenv) : getenv_(std::move(getenv)) {}

 private:
  Credentials Load() override {
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
    return found->WithSource("environment");
  }

  EnvLookup getenv_;
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

std::string ReasonOf(const CredentialsError& error) {
  std::string_view what = error.what();
  if (what.substr(0, kCredentialsErrorPrefix.size()) == kCredentialsErrorPrefix) {
    what.remove_prefix(kCredentialsErrorPrefix.size());
  }
  return std::string(what);
}

std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChainFrom(
    const EnvLookup& getenv, std::function<Timestamp()> clock) {
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
      MakeEnvironmentCredentialsProvider(getenv),
      MakeProfileCredentialsProvider({}, getenv),
      MakePodIdentityCredentialsProvider(std::move(pod_identity), getenv, nullptr),
      std::move(metadata),
  });
}

const Credentials* StaticCredentialsOf(const CredentialsProvider& provider) {
  const auto* fixed = dynamic_cast<const StaticProvider*>(&provider);
  return fixed ? &fixed->credentials() : nullptr;
}

std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider(EnvLookup getenv) {
  return std::make_shared<EnvironmentProvider>(std::move(getenv));
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
