#ifndef CSMS_SRC_INTERNAL_PROJECT_ID_CACHE_H_
#define CSMS_SRC_INTERNAL_PROJECT_ID_CACHE_H_

// Discovered project ids, shared by every client of the process: one IAM
// lookup per (credentials identity, region, IAM endpoint), however many
// clients and threads ask at once.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace csms {
namespace internal {

class ProjectIdCache {
 public:
  /// The cache every client of the process uses.
  static ProjectIdCache& Process();

  /// The id cached for key, else what fetch returns (then cached). While a
  /// fetch for key is under way, other callers wait for it and share its
  /// answer, value or exception (single flight). A failure is not kept: the
  /// next caller after it fetches again.
  /// @throws what fetch throws.
  std::string Get(const std::string& key, const std::function<std::string()>& fetch);

  /// How many ids are cached (finished lookups only).
  std::size_t size() const;

  /// Forgets every cached id (tests); lookups under way finish unaffected.
  void Clear();

 private:
  struct Flight {
    bool done = false;
    std::string value;
    std::exception_ptr error;
  };

  // Bounds memory when credentials rotate (each new temporary AK is a new
  // key): past this many, finished entries are dropped before adding one.
  static constexpr std::size_t kMaxEntries = 256;

  mutable std::mutex mutex_;
  std::condition_variable finished_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_PROJECT_ID_CACHE_H_
