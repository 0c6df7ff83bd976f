#include "csms/version.h"

#define CSMS_SDK_STRINGIFY_IMPL(x) #x
#define CSMS_SDK_STRINGIFY(x) CSMS_SDK_STRINGIFY_IMPL(x)

namespace csms {

const char* Version() noexcept {
  return CSMS_SDK_STRINGIFY(CSMS_SDK_VERSION_MAJOR) "." CSMS_SDK_STRINGIFY(
      CSMS_SDK_VERSION_MINOR) "." CSMS_SDK_STRINGIFY(CSMS_SDK_VERSION_PATCH);
}

}  // namespace csms
