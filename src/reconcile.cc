#include "internal/reconcile.h"

#include <algorithm>

namespace csms {
namespace internal {
namespace {

template <typename T>
bool SameMembers(std::vector<T> a, std::vector<T> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

bool MatchesIfSet(const std::optional<std::string>& wanted, const std::string& actual) {
  return !wanted || *wanted == actual;
}

}  // namespace

bool MatchesRequest(const Event& existing, const CreateSecretEventRequest& request) {
  return existing.name == request.name && SameMembers(existing.event_types, request.event_types) &&
         existing.state == request.state && existing.notification == request.notification;
}

bool MatchesRequest(const Secret& existing, const CreateSecretRequest& request) {
  return existing.name == request.name &&
         SameMembers(existing.event_subscriptions, request.event_subscriptions) &&
         MatchesIfSet(request.description, existing.description) &&
         MatchesIfSet(request.kms_key_id, existing.kms_key_id) &&
         MatchesIfSet(request.secret_type, existing.secret_type) &&
         MatchesIfSet(request.enterprise_project_id, existing.enterprise_project_id) &&
         (!request.auto_rotation || *request.auto_rotation == existing.auto_rotation);
}

}  // namespace internal
}  // namespace csms
