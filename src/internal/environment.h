#ifndef CSMS_SRC_INTERNAL_ENVIRONMENT_H_
#define CSMS_SRC_INTERNAL_ENVIRONMENT_H_

#include <optional>
#include <string>

namespace csms {
namespace internal {

/// The value of an environment variable, or nullopt when it is unset or empty
/// (an empty variable is treated as unset, as shells make that easy to do by accident).
std::optional<std::string> GetEnv(const char* name);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ENVIRONMENT_H_
