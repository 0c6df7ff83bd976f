#ifndef CSMS_VERSION_H_
#define CSMS_VERSION_H_

/// @file
/// The SDK's version. CMakeLists.txt reads these three macros, so this header is
/// the single place where the version is set.

/// Major version: incremented for incompatible API changes.
#define CSMS_SDK_VERSION_MAJOR 0
/// Minor version: incremented for compatible additions.
#define CSMS_SDK_VERSION_MINOR 1
/// Patch version: incremented for compatible fixes.
#define CSMS_SDK_VERSION_PATCH 0

namespace csms {

/// The SDK version as "MAJOR.MINOR.PATCH". It is also the version in the
/// User-Agent header the SDK sends ("csms-sdk-cpp/MAJOR.MINOR.PATCH").
/// @throws nothing
const char* Version() noexcept;

}  // namespace csms

#endif  // CSMS_VERSION_H_
