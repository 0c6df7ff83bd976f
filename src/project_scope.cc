#include "internal/project_scope.h"

#include <utility>

namespace csms {
namespace internal {

std::shared_ptr<ProjectScope> ProjectScope::Known(std::string project_id) {
  std::shared_ptr<ProjectScope> scope(new ProjectScope(Discover()));
  scope->Set(std::move(project_id));
  return scope;
}

std::shared_ptr<ProjectScope> ProjectScope::Discovered(Discover discover) {
  return std::shared_ptr<ProjectScope>(new ProjectScope(std::move(discover)));
}

void ProjectScope::Set(std::string project_id) const {
  path_ = "/v1/" + project_id;
  id_ = std::move(project_id);
  resolved_.store(true, std::memory_order_release);
}

const std::string& ProjectScope::Path() const {
  // The hot path: every call after the first.
  if (resolved_.load(std::memory_order_acquire)) return path_;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!resolved_.load(std::memory_order_relaxed)) Set(discover_());
  return path_;
}

const std::string& ProjectScope::Id() const {
  static const std::string kNone;
  return resolved_.load(std::memory_order_acquire) ? id_ : kNone;
}

}  // namespace internal
}  // namespace csms
