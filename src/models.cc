#include "csms/models.h"

namespace csms {

const EventType EventType::kSecretVersionCreated("SECRET_VERSION_CREATED");
const EventType EventType::kSecretVersionExpired("SECRET_VERSION_EXPIRED");
const EventType EventType::kSecretRotated("SECRET_ROTATED");
const EventType EventType::kSecretDeleted("SECRET_DELETED");
const EventType EventType::kSecretRotatedFailed("SECRET_ROTATED_FAILED");

const EventState EventState::kEnabled("ENABLED");
const EventState EventState::kDisabled("DISABLED");

bool EventType::IsKnown() const noexcept {
  // Compared by string rather than against the constants above, so this is
  // safe to call during static initialisation of another translation unit.
  return value_ == "SECRET_VERSION_CREATED" || value_ == "SECRET_VERSION_EXPIRED" ||
         value_ == "SECRET_ROTATED" || value_ == "SECRET_DELETED" ||
         value_ == "SECRET_ROTATED_FAILED";
}

bool EventState::IsKnown() const noexcept { return value_ == "ENABLED" || value_ == "DISABLED"; }

}  // namespace csms
