#ifndef CSMS_SRC_INTERNAL_PROJECT_SCOPE_H_
#define CSMS_SRC_INTERNAL_PROJECT_SCOPE_H_

// The project every CSMS path is scoped to ("/v1/{project_id}"): given in
// ClientOptions, or discovered from IAM at the first call that needs it.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace csms {
namespace internal {

class ProjectScope {
 public:
  /// Finds the project id; may do I/O and throw (ConfigurationError,
  /// CredentialsError, TransportError). Called again after a failure.
  using Discover = std::function<std::string()>;

  /// A project id known at construction (checked by the caller).
  static std::shared_ptr<ProjectScope> Known(std::string project_id);
  /// A project id found by discover at the first Path().
  static std::shared_ptr<ProjectScope> Discovered(Discover discover);

  /// "/v1/{project_id}". The first call of a discovered scope runs discover
  /// (one thread at a time: the others wait for its answer); once it has
  /// succeeded every call is one atomic load, no lock.
  /// @throws what discover throws; nothing is remembered from a failure.
  const std::string& Path() const;

  /// The project id for X-Project-Id. Empty until Path() has succeeded once
  /// (every request path comes from Path(), so a request always has it).
  const std::string& Id() const;

  /// Whether the id is known (given, or discovered already).
  bool resolved() const noexcept { return resolved_.load(std::memory_order_acquire); }

  ProjectScope(const ProjectScope&) = delete;
  ProjectScope& operator=(const ProjectScope&) = delete;

 private:
  explicit ProjectScope(Discover discover) : discover_(std::move(discover)) {}
  void Set(std::string project_id) const;

  Discover discover_;
  mutable std::mutex mutex_;  // held while discovering
  // Written once, before resolved_ is released; read only after acquiring it.
  mutable std::string id_;
  mutable std::string path_;
  mutable std::atomic<bool> resolved_{false};
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_PROJECT_SCOPE_H_
