#include "internal/signing_credentials.h"

#include <utility>

#include "csms/errors.h"
#include "internal/validation.h"

namespace csms {
namespace internal {
namespace {

// Declared lengths of what reaches a header. Tokens (IAM tokens are several
// KiB) get room; a megabyte is a mistake that would otherwise surface as curl
// "out of memory" on every call.
constexpr std::size_t kMaxAccessKeyLength = 128;
constexpr std::size_t kMaxSecretKeyLength = 256;
constexpr std::size_t kMaxTokenLength = std::size_t{32} * 1024;

// "<what> <reason>" when value breaks its rule. The reason never quotes the
// value, which is a secret.
std::optional<std::string> TextProblem(const char* what, std::string_view value,
                                       std::size_t min_length, std::size_t max_length,
                                       TextCharset charset) {
  if (auto violation = TextRuleViolation(value, min_length, max_length, charset)) {
    return std::string(what) + " " + *violation;
  }
  return std::nullopt;
}

bool SameCredentials(const Credentials& a, const Credentials& b) {
  return a.kind() == b.kind() && a.access_key() == b.access_key() &&
         a.secret_key() == b.secret_key() && a.token() == b.token() &&
         a.expiration() == b.expiration();
}

}  // namespace

std::optional<std::string> CredentialsProblem(const Credentials& credentials) {
  switch (credentials.kind()) {
    case Credentials::Kind::kUnset:
      return std::string(
          "credentials are not set: use Credentials::AkSk, Credentials::Token, "
          "Credentials::FromEnvironment or, for an emulator, Credentials::Anonymous");
    case Credentials::Kind::kAkSk:
      // The AK lands inside the Authorization header ("Access=AK, SignedHeaders=..."):
      // a comma, space or '=' in it would rewrite that header.
      if (auto problem = TextProblem("the access key (AK)", credentials.access_key(), 1,
                                     kMaxAccessKeyLength, TextCharset::kToken)) {
        return problem;
      }
      if (auto problem = TextProblem("the secret key (SK)", credentials.secret_key(), 1,
                                     kMaxSecretKeyLength, TextCharset::kPrintableNoSpace)) {
        return problem;
      }
      return TextProblem("the security token", credentials.token(), 0, kMaxTokenLength,
                         TextCharset::kPrintableNoSpace);
    case Credentials::Kind::kToken:
      return TextProblem("the X-Auth-Token", credentials.token(), 1, kMaxTokenLength,
                         TextCharset::kPrintableNoSpace);
    case Credentials::Kind::kAnonymous:
      break;
  }
  return std::nullopt;
}

std::shared_ptr<const SigningCredentials> Prepare(Credentials credentials) {
  auto prepared = std::make_shared<SigningCredentials>();
  if (credentials.kind() == Credentials::Kind::kAkSk) {
    prepared->signing_key = std::make_shared<const HmacSha256Key>(credentials.secret_key());
  }
  prepared->credentials = std::move(credentials);
  return prepared;
}

CredentialsSource::CredentialsSource(Credentials fixed)
    : fixed_(Prepare(std::move(fixed))), current_(fixed_) {}

CredentialsSource::CredentialsSource(std::shared_ptr<CredentialsProvider> provider)
    : provider_(std::move(provider)) {}

std::shared_ptr<const SigningCredentials> CredentialsSource::Acquire() const {
  if (!provider_) return fixed_;
  Credentials credentials = provider_->Get();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (current_ && SameCredentials(current_->credentials, credentials)) return current_;
  }
  // New credentials: checked and prepared outside the lock (once per rollover).
  if (auto problem = CredentialsProblem(credentials)) {
    throw CredentialsError("the credentials provider returned unusable credentials: " + *problem);
  }
  auto prepared = Prepare(std::move(credentials));
  std::lock_guard<std::mutex> lock(mutex_);
  if (current_ && SameCredentials(current_->credentials, prepared->credentials)) return current_;
  previous_ = std::move(current_);
  current_ = prepared;
  return prepared;
}

void CredentialsSource::Invalidate() const {
  if (provider_) provider_->Invalidate();
}

std::vector<std::shared_ptr<const SigningCredentials>> CredentialsSource::Recent() const {
  if (!provider_) return {fixed_};
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::shared_ptr<const SigningCredentials>> recent;
  if (current_) recent.push_back(current_);
  if (previous_) recent.push_back(previous_);
  return recent;
}

}  // namespace internal
}  // namespace csms
