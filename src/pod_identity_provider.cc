// CCE pod identity as a credentials source: the pod identity providers of the
// official SDKs (huaweicloud-sdk-go-v3 core/auth/provider
// PodIdentityCredentialProvider with core/auth/internal PodIdentityAccessor;
// Java com.huaweicloud.sdk.core.auth.PodIdentityCredentialProvider): the URI
// and token file from HC_CONTAINER_CREDENTIALS_FULL_URI and
// HC_CONTAINER_AUTHORIZATION_TOKEN_FILE, a POST of "{}" with the token as
// Authorization, the credentials under "credentials". Refresh, single flight
// and backoff are internal::RefreshingCredentials.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "internal/bounded_file.h"
#include "internal/credentials_fetch.h"
#include "internal/credentials_providers.h"
#include "internal/environment.h"
#include "internal/refreshing_credentials.h"

namespace csms {
namespace internal {
namespace {

constexpr std::string_view kSource = "pod identity";
constexpr const char* kUriVariable = "HC_CONTAINER_CREDENTIALS_FULL_URI";
constexpr const char* kTokenFileVariable = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE";
// A service account token is a JWT of a few KiB.
constexpr std::size_t kMaxTokenFileBytes = std::size_t{64} * 1024;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The token as the file holds it now (it rotates), surrounding blanks trimmed.
std::string ReadToken(const std::string& file) {
  // Bounded and non-blocking: the variable may name a pipe or a device.
  BoundedFile read = ReadBoundedFile(file, kMaxTokenFileBytes);
  if (read.status == BoundedFile::Status::kTooLarge) {
    throw MisconfiguredSourceError("pod identity: the token file " + file +
                                   " is larger than 64 KiB");
  }
  if (read.status != BoundedFile::Status::kOk) {
    throw MisconfiguredSourceError("pod identity: the token file " + file + " cannot be read");
  }
  std::string token = std::move(read.content);
  std::size_t begin = 0;
  std::size_t end = token.size();
  while (begin < end && IsBlank(token[begin])) ++begin;
  while (end > begin && IsBlank(token[end - 1])) --end;
  token = token.substr(begin, end - begin);
  if (token.empty()) {
    throw MisconfiguredSourceError("pod identity: the token file " + file + " is empty");
  }
  for (char c : token) {
    // A control character would end or rewrite the Authorization header.
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      throw MisconfiguredSourceError("pod identity: the token file " + file +
                                     " holds a control character");
    }
  }
  return token;
}

class PodIdentityFetcher {
 public:
  PodIdentityFetcher(PodIdentityCredentialsOptions options, EnvLookup getenv,
                     std::shared_ptr<HttpTransport> transport)
      : options_(std::move(options)),
        getenv_(std::move(getenv)),
        transport_(std::move(transport)) {}

  Credentials Fetch() {
    std::string uri = options_.full_uri;
    if (uri.empty()) {
      auto from_env = getenv_(kUriVariable);
      if (!from_env)
        throw CredentialsError("pod identity: " + std::string(kUriVariable) + " not set");
      uri = std::move(*from_env);
      if (const auto problem = CredentialsUrlProblem(uri, false)) {
        throw MisconfiguredSourceError("pod identity: " + std::string(kUriVariable) + " " +
                                       *problem);
      }
    }
    std::string token_file = options_.token_file;
    if (token_file.empty()) {
      auto from_env = getenv_(kTokenFileVariable);
      if (!from_env) {
        throw MisconfiguredSourceError("pod identity: " + std::string(kTokenFileVariable) +
                                       " not set (" + kUriVariable + " is)");
      }
      token_file = std::move(*from_env);
    }
    const std::string token = ReadToken(token_file);

    HttpRequest request;
    request.method = "POST";
    request.url = uri;
    request.headers = {{"Content-Type", "application/json; charset=utf-8"},
                       {"Authorization", token}};
    request.body = "{}";
    if (!transport_) transport_ = MakeCredentialsTransport(options_.timeout, options_.ca_file);
    const HttpResponse answer = ExchangeForCredentials(*transport_, std::move(request),
                                                       options_.timeout, std::string(kSource));
    if (answer.status_code != 200) {
      throw CredentialsError("pod identity: POST answered HTTP " +
                             std::to_string(answer.status_code) + GatewayErrorSummary(answer.body));
    }
    return DecodeTemporaryCredentials(
               answer.body, std::string(kSource),
               {"credentials", "accessKeyId", "secretAccessKey", "securityToken", "expiration"})
        .WithSource("pod identity " + uri);
  }

 private:
  const PodIdentityCredentialsOptions options_;
  const EnvLookup getenv_;
  // No mutex of its own: RefreshingCredentials runs one fetch at a time (and
  // orders them), and a lock held by a fetch that fork() copied half done would
  // never be released in the child.
  std::shared_ptr<HttpTransport> transport_;
};

}  // namespace

std::shared_ptr<CredentialsProvider> MakePodIdentityCredentialsProvider(
    PodIdentityCredentialsOptions options, EnvLookup getenv,
    std::shared_ptr<HttpTransport> transport) {
  if (!options.full_uri.empty()) {
    if (const auto problem = CredentialsUrlProblem(options.full_uri, false)) {
      throw ConfigurationError("PodIdentityCredentialsOptions::full_uri " + *problem);
    }
  }
  if (options.timeout.count() <= 0) {
    throw ConfigurationError("PodIdentityCredentialsOptions::timeout must be positive");
  }
  if (options.refresh_before_expiry.count() < 0) {
    throw ConfigurationError(
        "PodIdentityCredentialsOptions::refresh_before_expiry must not be negative");
  }
  if (!options.clock) options.clock = &std::chrono::system_clock::now;
  RefreshingCredentialsOptions refreshing;
  refreshing.source = std::string(kSource);
  refreshing.refresh_before_expiry = options.refresh_before_expiry;
  refreshing.clock = options.clock;
  auto fetcher = std::make_shared<PodIdentityFetcher>(std::move(options), std::move(getenv),
                                                      std::move(transport));
  refreshing.fetch = [fetcher] { return fetcher->Fetch(); };
  return std::make_shared<RefreshingCredentials>(std::move(refreshing));
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakePodIdentityCredentialsProvider(
    PodIdentityCredentialsOptions options) {
  return internal::MakePodIdentityCredentialsProvider(std::move(options), &internal::GetEnv,
                                                      nullptr);
}

}  // namespace csms
