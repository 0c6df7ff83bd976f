#ifndef CSMS_SRC_INTERNAL_SIGNING_CREDENTIALS_H_
#define CSMS_SRC_INTERNAL_SIGNING_CREDENTIALS_H_

// The credentials one attempt signs with, and where a client gets them: its
// fixed ClientOptions::credentials or a CredentialsProvider. The secret key is
// made ready for HMAC once per access key (hashing the key into the two pad
// blocks is a third of the cost of signing a small request), so fixed
// credentials cost one shared_ptr copy per attempt and a provider's costs one
// Get() and a comparison while its answer stays the same.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "csms/credentials.h"
#include "csms/credentials_provider.h"
#include "internal/crypto.h"

namespace csms {
namespace internal {

struct SigningCredentials {
  Credentials credentials;
  /// The secret key made ready for signing (AK/SK only); null signs with
  /// credentials.secret_key() instead.
  std::shared_ptr<const HmacSha256Key> signing_key;
};

/// Why credentials cannot be put on the wire (an empty or oversized key, a
/// control character or a comma that would rewrite a header, unset), phrased
/// "the access key (AK) is empty"; nullopt when they can. Never quotes them.
std::optional<std::string> CredentialsProblem(const Credentials& credentials);

/// A SigningCredentials for credentials, with the key prepared for AK/SK.
std::shared_ptr<const SigningCredentials> Prepare(Credentials credentials);

/// Thread-safe; shared by every copy of a client.
class CredentialsSource {
 public:
  /// Fixed credentials, already checked (CredentialsProblem).
  explicit CredentialsSource(Credentials fixed);
  /// A provider (not null). A provider made by MakeStaticCredentialsProvider
  /// is treated as fixed credentials, checked on first use.
  explicit CredentialsSource(std::shared_ptr<CredentialsProvider> provider);

  /// What the next attempt signs with.
  /// @throws CredentialsError from the provider, or when what it returned
  ///         cannot be put on the wire (CredentialsProblem).
  std::shared_ptr<const SigningCredentials> Acquire() const;

  /// Whether asking again can give other credentials (a provider that is not
  /// fixed): only then is a rejected call retried after Invalidate().
  bool refreshable() const { return provider_ != nullptr; }

  /// Tells the provider that the service rejected its credentials.
  void Invalidate() const;

  /// The credentials handed out most recently (at most two: the current and
  /// the one before), without asking the provider: for scrubbing a response
  /// that is decoded after its call returned.
  std::vector<std::shared_ptr<const SigningCredentials>> Recent() const;

 private:
  std::shared_ptr<CredentialsProvider> provider_;  // null: fixed_ only
  std::shared_ptr<const SigningCredentials> fixed_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const SigningCredentials> current_;   // guarded by mutex_
  mutable std::shared_ptr<const SigningCredentials> previous_;  // guarded by mutex_
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SIGNING_CREDENTIALS_H_
