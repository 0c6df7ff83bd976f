#ifndef CSMS_SRC_INTERNAL_ENVIRONMENT_H_
#define CSMS_SRC_INTERNAL_ENVIRONMENT_H_

#include <functional>
#include <optional>
#include <string>

#include "csms/credentials.h"

namespace csms {
namespace internal {

/// The value of an environment variable, or nullopt when it is unset or empty
/// (an empty variable is treated as unset, as shells make that easy to do by accident).
std::optional<std::string> GetEnv(const char* name);

/// Looks up one environment variable, as GetEnv does.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

/// The credentials the environment names: HUAWEICLOUD_SDK_AK and
/// HUAWEICLOUD_SDK_SK (with HUAWEICLOUD_SDK_SECURITY_TOKEN when set), else
/// CSMS_AUTH_TOKEN; nullopt when it names none. Shared by
/// Credentials::FromEnvironment and the two ClientOptions::FromEnvironment,
/// which differ only in what they do when there are none.
/// @throws ConfigurationError when only one of the AK/SK pair is set (half a
///         key pair is a mistake, not a reason to fall back to a token).
std::optional<Credentials> CredentialsFromEnv(const EnvLookup& getenv);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ENVIRONMENT_H_
