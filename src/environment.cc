#include "internal/environment.h"

#include <cstdlib>

namespace csms {
namespace internal {

std::optional<std::string> GetEnv(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace internal
}  // namespace csms
