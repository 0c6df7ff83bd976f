#ifndef CSMS_SRC_INTERNAL_VALIDATION_H_
#define CSMS_SRC_INTERNAL_VALIDATION_H_

// Client-side checks of the documented request rules. Each throws
// ValidationError naming the field in wire spelling; none does I/O.

#include <string>
#include <vector>

#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

/// name-like fields: 1 to 64 of [a-zA-Z0-9_-] (event, target and secret names).
void ValidateName(const std::string& field, const std::string& value);

/// A list of event types: 1 to 12, no duplicates, each one of the five known types.
void ValidateEventTypes(const std::string& field, const std::vector<EventType>& types);

/// ENABLED or DISABLED.
void ValidateEventState(const std::string& field, const EventState& state);

/// target_type SMN, target_id and target_name patterns; fields are named
/// "<prefix>.target_type" and so on.
void ValidateNotification(const std::string& prefix, const Notification& notification);

void ValidateCreateSecretEventRequest(const CreateSecretEventRequest& request);
void ValidateUpdateSecretEventRequest(const UpdateSecretEventRequest& request);
void ValidateListSecretEventsRequest(const ListSecretEventsRequest& request);
void ValidateCreateSecretRequest(const CreateSecretRequest& request);
void ValidateUpdateSecretRequest(const UpdateSecretRequest& request);
void ValidateListSecretsRequest(const ListSecretsRequest& request);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_VALIDATION_H_
