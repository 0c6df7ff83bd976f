#include "iam_tokens.h"

#include <iterator>

#include "clock.h"
#include "crypto.h"

namespace csms::emu {

IamTokens::Issued IamTokens::Issue(std::chrono::system_clock::time_point now,
                                   std::chrono::seconds lifetime, bool project_scoped) {
  Issued issued;
  // Real tokens are long opaque strings starting "MII" (a CMS envelope); this
  // one only has to be unguessable and recognisably the emulator's.
  issued.token = "MIIemu-" + HexEncode(RandomBytes(64));
  issued.expires_at = SaturatingAdd(now, lifetime);

  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxRemembered) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = now >= it->second.expires_at ? entries_.erase(it) : std::next(it);
    }
  }
  entries_[issued.token] = Entry{issued.expires_at, project_scoped};
  return issued;
}

std::optional<KnownToken> IamTokens::Find(const std::string& token,
                                          std::chrono::system_clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = entries_.find(token);
  if (it == entries_.end()) return std::nullopt;
  KnownToken known;
  known.project_scoped = it->second.project_scoped;
  known.expires_at = it->second.expires_at;
  if (now >= it->second.expires_at) known.state = KnownToken::State::kExpired;
  return known;
}

}  // namespace csms::emu
