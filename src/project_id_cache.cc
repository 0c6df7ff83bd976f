#include "internal/project_id_cache.h"

#include <utility>

namespace csms {
namespace internal {

ProjectIdCache& ProjectIdCache::Process() {
  // Never destroyed: a client used from a static destructor still finds it.
  static ProjectIdCache* const kCache = new ProjectIdCache();
  return *kCache;
}

std::string ProjectIdCache::Get(const std::string& key, const std::function<std::string()>& fetch) {
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto found = flights_.find(key);
    if (found != flights_.end()) {
      flight = found->second;
      finished_.wait(lock, [&] { return flight->done; });
      if (flight->error) std::rethrow_exception(flight->error);
      return flight->value;
    }
    if (flights_.size() >= kMaxEntries) {
      for (auto it = flights_.begin(); it != flights_.end();) {
        it = it->second->done ? flights_.erase(it) : std::next(it);
      }
    }
    flight = std::make_shared<Flight>();
    flights_.emplace(key, flight);
  }
  std::string value;
  std::exception_ptr error;
  try {
    value = fetch();
  } catch (...) {
    error = std::current_exception();
  }
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    flight->done = true;
    flight->value = value;
    flight->error = error;
    if (error) {
      // Only this flight's waiters see the failure; the next caller asks again.
      const auto found = flights_.find(key);
      if (found != flights_.end() && found->second == flight) flights_.erase(found);
    }
  }
  finished_.notify_all();
  if (error) std::rethrow_exception(error);
  return value;
}

std::size_t ProjectIdCache::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::size_t done = 0;
  for (const auto& entry : flights_) {
    if (entry.second->done) ++done;
  }
  return done;
}

void ProjectIdCache::Clear() {
  const std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = flights_.begin(); it != flights_.end();) {
    it = it->second->done ? flights_.erase(it) : std::next(it);
  }
}

}  // namespace internal
}  // namespace csms
