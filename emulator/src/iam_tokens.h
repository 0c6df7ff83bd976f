#ifndef CSMS_EMULATOR_SRC_IAM_TOKENS_H_
#define CSMS_EMULATOR_SRC_IAM_TOKENS_H_

// The IAM tokens the emulator issues (password and id-token logins): each is a
// random opaque string with an expiry on the emulator clock, project-scoped or
// unscoped. The authenticator asks what it knows of an X-Auth-Token. Knows
// nothing about HTTP.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace csms::emu {

/// What the emulator knows about a token it was given.
struct KnownToken {
  enum class State { kValid, kExpired };
  State state = State::kValid;
  /// Scoped to the emulator's project: accepted by CSMS. Unscoped tokens
  /// (id-token logins without a scope) only buy temporary credentials.
  bool project_scoped = false;
  std::chrono::system_clock::time_point expires_at;
};

/// Thread-safe.
class IamTokens {
 public:
  /// At most this many tokens are remembered; past it, the expired ones are
  /// forgotten (they are then unknown rather than expired: still refused).
  static constexpr std::size_t kMaxRemembered = 100000;

  struct Issued {
    std::string token;
    std::chrono::system_clock::time_point expires_at;
  };

  /// A new token valid from `now` for `lifetime` (0: already expired).
  Issued Issue(std::chrono::system_clock::time_point now, std::chrono::seconds lifetime,
               bool project_scoped);
  /// nullopt when the emulator never issued `token` (or has forgotten it).
  std::optional<KnownToken> Find(const std::string& token,
                                 std::chrono::system_clock::time_point now) const;

 private:
  struct Entry {
    std::chrono::system_clock::time_point expires_at;
    bool project_scoped = false;
  };
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;  // by token
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_IAM_TOKENS_H_
