#include "temporary_credentials.h"

#include <algorithm>
#include <stdexcept>

#include "clock.h"
#include "crypto.h"

namespace csms::emu {
namespace {

// Upper-case letters and digits, like IAM's access keys and secret keys.
std::string RandomAlphanumeric(std::size_t length) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  constexpr std::size_t kSize = sizeof(kAlphabet) - 1;
  // 252 is the largest multiple of 36 below 256: rejecting bytes above it keeps
  // every character equally likely.
  constexpr unsigned kLimit = 252;
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    for (const char c : RandomBytes(length)) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte >= kLimit || out.size() == length) continue;
      out.push_back(kAlphabet[byte % kSize]);
    }
  }
  return out;
}

}  // namespace

TemporaryCredentials::TemporaryCredentials(std::chrono::seconds lifetime) : lifetime_(lifetime) {
  if (lifetime < std::chrono::seconds(0) || lifetime > kMaxLifetime) {
    throw std::invalid_argument("the temporary credentials' lifetime must be 0 to 10 years");
  }
}

IssuedCredential TemporaryCredentials::Issue(std::chrono::system_clock::time_point now) {
  return Issue(now, lifetime_);
}

IssuedCredential TemporaryCredentials::Issue(std::chrono::system_clock::time_point now,
                                             std::chrono::seconds lifetime) {
  lifetime = std::clamp(lifetime, std::chrono::seconds(0), kMaxLifetime);
  IssuedCredential issued;
  // "EMU" marks keys as the emulator's; IAM's temporary access keys are 20
  // characters and secret keys 40.
  issued.access_key = "EMU" + RandomAlphanumeric(17);
  issued.secret_key = RandomAlphanumeric(40);
  // Real security tokens are long opaque strings (over a kilobyte); this one is
  // long enough to exercise header handling without being wasteful.
  issued.security_token = "emu-st-" + HexEncode(RandomBytes(96));
  issued.expires_at = SaturatingAdd(now, lifetime);

  std::lock_guard<std::mutex> lock(mu_);
  entries_[issued.access_key] =
      Entry{issued.secret_key, issued.security_token, issued.expires_at, false};
  return issued;
}

std::optional<KnownCredential> TemporaryCredentials::Find(
    const std::string& access_key, std::chrono::system_clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = entries_.find(access_key);
  if (it == entries_.end()) return std::nullopt;
  KnownCredential known;
  known.secret_key = it->second.secret_key;
  known.security_token = it->second.security_token;
  if (it->second.revoked) {
    known.state = KnownCredential::State::kRevoked;
  } else if (now >= it->second.expires_at) {
    known.state = KnownCredential::State::kExpired;
  }
  return known;
}

std::size_t TemporaryCredentials::ExpireNow(const std::string& access_key,
                                            std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t changed = 0;
  for (auto& [key, entry] : entries_) {
    if (!access_key.empty() && key != access_key) continue;
    if (entry.expires_at > now) {
      entry.expires_at = now;
      ++changed;
    }
  }
  return changed;
}

std::size_t TemporaryCredentials::Revoke(const std::string& access_key) {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t changed = 0;
  for (auto& [key, entry] : entries_) {
    if (!access_key.empty() && key != access_key) continue;
    if (!entry.revoked) {
      entry.revoked = true;
      ++changed;
    }
  }
  return changed;
}

}  // namespace csms::emu
