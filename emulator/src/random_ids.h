#ifndef CSMS_EMULATOR_SRC_RANDOM_IDS_H_
#define CSMS_EMULATOR_SRC_RANDOM_IDS_H_

#include <string>

namespace csms::emu {

/// A random (version 4) UUID in lower case, as the service uses for event and secret ids.
std::string NewUuid();
/// A random request id: 32 lower-case hex digits, like the gateway's X-Request-Id.
std::string NewRequestId();

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_RANDOM_IDS_H_
