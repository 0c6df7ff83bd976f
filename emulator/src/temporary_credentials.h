#ifndef CSMS_EMULATOR_SRC_TEMPORARY_CREDENTIALS_H_
#define CSMS_EMULATOR_SRC_TEMPORARY_CREDENTIALS_H_

// The emulator's stand-in for IAM's temporary credentials: each issue makes a
// new AK/SK and security token with a fixed lifetime; the authenticator asks
// what it knows of an access key. Knows nothing about HTTP.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace csms::emu {

/// One temporary credential as handed out.
struct IssuedCredential {
  std::string access_key;
  std::string secret_key;
  std::string security_token;
  std::chrono::system_clock::time_point expires_at;
};

/// What the authenticator learns about an access key it was given.
struct KnownCredential {
  enum class State { kValid, kExpired, kRevoked };
  State state = State::kValid;
  std::string secret_key;
  std::string security_token;
};

/// Thread-safe. Every credential ever issued is remembered (a few hundred bytes
/// each), so an expired or revoked one is told apart from an unknown key.
class TemporaryCredentials {
 public:
  /// The longest lifetime accepted (ten years).
  static constexpr std::chrono::seconds kMaxLifetime{10LL * 366 * 24 * 3600};

  /// @throws std::invalid_argument when `lifetime` is negative or above kMaxLifetime.
  explicit TemporaryCredentials(std::chrono::seconds lifetime);

  /// A new credential, valid from `now` for the lifetime (a lifetime of 0 issues
  /// one that is already expired).
  IssuedCredential Issue(std::chrono::system_clock::time_point now);
  /// The same with its own lifetime (IAM's securitytokens: the duration the
  /// caller asked for); clamped to 0..kMaxLifetime.
  IssuedCredential Issue(std::chrono::system_clock::time_point now, std::chrono::seconds lifetime);
  /// nullopt when the emulator never issued `access_key`.
  std::optional<KnownCredential> Find(const std::string& access_key,
                                      std::chrono::system_clock::time_point now) const;
  /// Makes `access_key` (every credential when empty) expire at `now` unless it
  /// already has. Returns how many changed.
  std::size_t ExpireNow(const std::string& access_key, std::chrono::system_clock::time_point now);
  /// Revokes `access_key` (every credential when empty). Returns how many changed.
  std::size_t Revoke(const std::string& access_key);

 private:
  struct Entry {
    std::string secret_key;
    std::string security_token;
    std::chrono::system_clock::time_point expires_at;
    bool revoked = false;
  };

  const std::chrono::seconds lifetime_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;  // by access key
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_TEMPORARY_CREDENTIALS_H_
