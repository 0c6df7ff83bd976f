#ifndef CSMS_SRC_INTERNAL_RECONCILE_H_
#define CSMS_SRC_INTERNAL_RECONCILE_H_

// Whether a resource found after an ambiguous create failure is exactly the
// one that was asked for.

#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

/// Same event types (in any order), state and notification target.
bool MatchesRequest(const Event& existing, const CreateSecretEventRequest& request);

/// Same subscriptions and every optional metadata field that the request set.
/// The value cannot be compared: the service never returns it.
bool MatchesRequest(const Secret& existing, const CreateSecretRequest& request);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_RECONCILE_H_
