#ifndef CSMS_EMULATOR_SRC_VERSION_REQUEST_H_
#define CSMS_EMULATOR_SRC_VERSION_REQUEST_H_

// Decoding and validating the bodies and path parts of the secret-version and
// lifecycle operations (CreateSecretVersion, UpdateVersion,
// DeleteSecretForSchedule). Rules that need the store are checked there.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model.h"

namespace csms::emu {

/// At most this many stage labels on one version.
inline constexpr std::size_t kMaxVersionStages = 12;

/// @throws ServiceError CSMS.0002 naming the field (never quoting the value).
VersionData ParseCreateSecretVersion(const nlohmann::json& body);
/// The new expire_time (epoch milliseconds) of an UpdateVersion body.
/// @throws ServiceError CSMS.0002.
std::int64_t ParseUpdateVersion(const nlohmann::json& body);
/// recovery_window_in_days, 7 to 30.
/// @throws ServiceError CSMS.0002.
int ParseDeleteForSchedule(const nlohmann::json& body);
/// A version id in a path: v[0-9]{1,10}, or "latest" when allow_latest.
/// @throws ServiceError CSMS.0002.
std::string ValidVersionId(const std::string& text, bool allow_latest);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_VERSION_REQUEST_H_
